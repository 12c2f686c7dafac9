"""Reading a JSON report (`report --format json`) back into the desk, value by value.

A report comes from outside: a file an editor uploads or a pipeline pipes in. Every value in it is
checked against the report's schema before anything is stored (types, lengths, the words the desk
knows for types, suggestions, statuses and agreements, ids, offsets inside the text, versions,
dates, numbers within bounds, nesting depth), and the first value that does not hold refuses the
whole report with one line naming where it is and what is wrong: nothing is written.

The report's own audit trail is not the desk's: it says what happened elsewhere, as the report
tells it, and nothing here can check it. It is returned as `history`, kept apart as quoted history
(the `report_history` table), and never written into the audit trail. The import itself is
recorded in the trail by the one who imports.

Limits (what a report may become once read): `MAX_REPORT_BYTES` of JSON, `MAX_CLAIMS` claims,
`MAX_MATCHES` matches a claim, `MAX_HISTORY` quoted entries, `MAX_DEPTH` levels of nesting in the
free-form values of the history (the JSON reader itself refuses deeper nesting than Python's
recursion allows). Every check is linear in the size of the report.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from claims import CLAIM_TYPES, claim_from_json
from claims.model import period_of
from claims.text import context_window
from sources.db import audit, row_problem

from ..inputs import DATE_SOURCES, MAX_ARTICLE_BYTES, InputError
from .state import ORIGINS, STATE_FORMAT, STATE_VERSION, check_json
from .tables import article_claims, articles
from ..model import MAX_CLAIMS, STATUSES, SUGGESTIONS, match_from_json, note_from_json, reason_from_json, reason_to_json

AGREEMENTS = ("agrees", "conflicts", "unknown")
QUOTE_CLASSES = ("verbatim", "close", "partial", "paraphrase", "translation", "negated", "misattributed", "not_found")
PRECISIONS = ("year", "half", "season", "quarter", "month", "week", "day")
# What the current status of an earlier verdict can be said to be now (checker/memory.py).
VERDICT_NOW = (*STATUSES, "dismissed", "deleted")

MAX_REPORT_BYTES = 30_000_000
MAX_MATCHES = 20
MAX_HISTORY = 100_000
MAX_DEPTH = 12
MAX_INT = 2**31 - 1  # what an INTEGER column of PostgreSQL holds
MAX_AMOUNT = 1e18  # money: a quintillion of any currency is no article's figure
MAX_FREE_TEXT = 50_000  # the `before` and `after` of a quoted history entry, written as JSON
# What a check may quote of a record (a quote's words as the record gives them, and the notes and
# reasons that cite them).
MAX_SPAN_TEXT = 20_000
CLAIM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
ACTION = re.compile(r"[a-z][a-z_]{0,31}")
REASON_KEY = re.compile(r"[a-z][a-z0-9_.]{0,63}")
PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
CURRENCY = re.compile(r"[A-Z]{3}")
WEB = re.compile(r"https?://[^\s/]+.*", re.I | re.S)
PREFIX = "not a report this workbench can import: "


@dataclass(frozen=True)
class ReportState:
    """A report read and checked: rows for the articles and article_claims tables (without their
    ids), and the report's own history, quoted as it was written."""

    article: dict[str, Any]
    claims: list[dict[str, Any]]
    history: list[dict[str, Any]]
    from_id: int | None
    exported_at: dt.datetime | None


class _Refused(Exception):
    pass


def refuse(where: str, what: str) -> None:
    raise InputError(f"{PREFIX}{where + ': ' if where else ''}{what}")


def parse_report(data: bytes | str) -> Any:
    """The JSON of a report file, refused in one line when it is too large or not JSON at all."""
    if len(data) > MAX_REPORT_BYTES:
        raise InputError(
            f"{PREFIX}the file is larger than {MAX_REPORT_BYTES // 1_000_000} MB, the most a report holds "
            f"(an article of at most {MAX_CLAIMS:,} claims)"
        )
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return json.loads(text, parse_int=_small_int, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise InputError("the file is not JSON (it is not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"the file is not JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"{PREFIX}its JSON is nested too deep") from None
    except _Refused as exc:
        raise InputError(f"{PREFIX}{exc}") from None


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > 30:
        raise _Refused(f"it holds a number of {len(text.lstrip('-'))} digits, more than any value of a report")
    return int(text)


def _no_constant(name: str) -> Any:
    raise _Refused(f"it holds {name}, which is not a number a report holds")


# ---- values ------------------------------------------------------------------------------------

_MISSING = object()


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _shown(value: Any) -> str:
    """A value as a message quotes it: short, one line."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value) if value.bit_length() < 100 else f"a number of about {int(value.bit_length() * 0.301)} digits"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        text = repr(value[:41])
        return text if len(value) <= 40 else f"{text[:-1]}…{text[-1]} ({len(value):,} characters)"
    return _kind(value)


class _Reader:
    """Checks the values of one object of the report; `where` names it in messages."""

    def __init__(self, obj: Any, where: str, *, possessive: bool = False):
        if not isinstance(obj, Mapping):
            refuse(where, f"must be an object, not {_kind(obj)}")
        self.obj, self.where, self.possessive = obj, where, possessive

    def fail(self, key: str, what: str) -> None:
        if self.possessive:  # "the article's title is ..."
            refuse("", f"{self.where}'s {key} {what}")
        refuse(self.where, f"{key} {what}")

    def get(self, key: str, required: bool) -> Any:
        value = self.obj.get(key, _MISSING)
        if value is _MISSING and required:
            self.fail(key, "is missing")
        return value

    def text(
        self,
        key: str,
        limit: int,
        *,
        required: bool = False,
        null: bool = True,
        empty: bool = True,
        pattern: re.Pattern[str] | None = None,
        default: str | None = "",
    ) -> str | None:
        value = self.get(key, required)
        if value is _MISSING or (value is None and null):
            return default
        if not isinstance(value, str):
            self.fail(key, f"must be text, not {_kind(value)} ({_shown(value)})")
        if "\x00" in value:
            self.fail(key, "holds a NUL character")
        if len(value) > limit:
            self.fail(key, f"is longer than {limit:,} characters")
        if not empty and not value.strip():
            self.fail(key, "is empty")
        if pattern is not None and value and not pattern.fullmatch(value):
            self.fail(key, f"is not a valid {key.replace('_', ' ')} ({_shown(value)})")
        return value

    def integer(self, key: str, lo: int, hi: int, *, required: bool = True, default: int | None = None) -> int | None:
        value = self.get(key, required)
        if value is _MISSING or (value is None and not required):
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number, not {_kind(value)} ({_shown(value)})")
        if not lo <= value <= hi:
            self.fail(key, f"must be between {lo:,} and {hi:,} (got {_shown(value)})")
        return value

    def number(self, key: str, lo: float, hi: float, *, required: bool = False, default: float = 0.0) -> float:
        value = self.get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"must be a number, not {_kind(value)} ({_shown(value)})")
        if isinstance(value, int) and value.bit_length() > 64 or not math.isfinite(value) or not lo <= value <= hi:
            self.fail(key, f"must be between {lo:g} and {hi:g} (got {_shown(value)})")
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.get(key, False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {_kind(value)} ({_shown(value)})")
        return value

    def maybe_flag(self, key: str) -> bool | None:
        value = self.get(key, False)
        return None if value is _MISSING or value is None else self.flag(key)

    def word(self, key: str, words: tuple[str, ...], *, default: Any = _MISSING) -> str:
        value = self.get(key, default is _MISSING)
        if value is _MISSING:
            return default
        if value is None and default is None:
            return None
        if not isinstance(value, str) or value not in words:
            self.fail(key, f"must be one of {', '.join(words)} (got {_shown(value)})")
        return value

    def day(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.text(key, 10, required=required, default=None)
        if not value:
            if required:
                self.fail(key, "is missing")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(key, f"is not a date YYYY-MM-DD ({_shown(value)})")
        raise AssertionError

    def moment(self, key: str, *, required: bool = False) -> dt.datetime | None:
        value = self.text(key, 40, required=required, default=None)
        if not value:
            if required:
                self.fail(key, "is missing")
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            self.fail(key, f"is not a date and time YYYY-MM-DDTHH:MM:SS ({_shown(value)})")
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return moment

    def items(self, key: str, limit: int, *, required: bool = False) -> list[Any]:
        value = self.get(key, required)
        if value is _MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {_kind(value)}")
        if len(value) > limit:
            self.fail(key, f"has {len(value):,} items; at most {limit:,}")
        return value

    def texts(self, key: str, count: int, limit: int) -> list[str]:
        out = self.items(key, count)
        for n, item in enumerate(out, start=1):
            if not isinstance(item, str) or len(item) > limit or "\x00" in item:
                self.fail(key, f"item {n} must be text of at most {limit:,} characters ({_shown(item)})")
        return out


def _depth_and_size(value: Any, where: str, key: str) -> None:
    """Refuse a free-form JSON value nested deeper than MAX_DEPTH or longer than MAX_FREE_TEXT when
    written out; iterative, so that no nesting can exhaust the stack."""
    stack, seen = [(value, 1)], 0
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            refuse(where, f"{key} is nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, Mapping):
            seen += len(item)
            for k, v in item.items():
                if not isinstance(k, str):
                    refuse(where, f"{key} has a key that is not text")
                seen += len(k)
                stack.append((v, depth + 1))
        elif isinstance(item, list):
            seen += len(item)
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            seen += len(item)
            if "\x00" in item:
                refuse(where, f"{key} holds a NUL character")
        elif isinstance(item, bool) or item is None:
            seen += 1
        elif isinstance(item, (int, float)):
            if isinstance(item, int) and item.bit_length() > 64 or isinstance(item, float) and not math.isfinite(item):
                refuse(where, f"{key} holds a number out of range ({_shown(item)})")
            seen += 1
        else:
            refuse(where, f"{key} holds {_kind(item)}")
        if seen > MAX_FREE_TEXT:
            refuse(where, f"{key} is longer than {MAX_FREE_TEXT:,} characters")


# ---- the report ----------------------------------------------------------------------------------


def read_report(data: Any) -> ReportState:
    """Rows to store from a report's JSON (already parsed); InputError naming the first bad value."""
    if not isinstance(data, Mapping):
        refuse("", f"the JSON is not an object (it is {_kind(data)})")
    top = _Reader(data, "")
    if data.get("format") != STATE_FORMAT:
        refuse("", f'"format" must be "{STATE_FORMAT}" (export the JSON report)')
    version = data.get("format_version")
    if isinstance(version, bool) or version != STATE_VERSION:
        refuse("", f'"format_version" {_shown(version)} is not {STATE_VERSION}')
    exported_at = top.moment("exported_at")
    article, body, from_id = _article(data.get("article"))
    claims_in = top.items("claims", MAX_CLAIMS, required=True)
    claims, seen = [], set()
    for position, item in enumerate(claims_in):
        row = _claim(item, position, body)
        if row["claim_id"] in seen:
            refuse(f"claim {position + 1}", f"id {row['claim_id']} appears twice")
        seen.add(row["claim_id"])
        claims.append(row)
    quoted = top.items("quoted_history", MAX_HISTORY)
    trail = top.items("audit", MAX_HISTORY)
    if len(quoted) + len(trail) > MAX_HISTORY:
        refuse("", f"its history has {len(quoted) + len(trail):,} entries; at most {MAX_HISTORY:,}")
    history = [_entry(t, f"quoted history entry {n}") for n, t in enumerate(quoted, start=1)]
    history += [_entry(t, f"audit entry {n}") for n, t in enumerate(trail, start=1)]
    return ReportState(article, claims, history, from_id, exported_at)


def _article(value: Any) -> tuple[dict[str, Any], str, int | None]:
    if value is None:
        refuse("", '"article" is missing')
    a = _Reader(value, "the article", possessive=True)
    body = a.text("body", MAX_ARTICLE_BYTES, required=True, null=False, empty=False)
    published_from = a.text("published_from", 400)
    if published_from and published_from.partition(":")[0] not in DATE_SOURCES:
        a.fail("published_from", f"must start with one of {', '.join(DATE_SOURCES)} ({_shown(published_from)})")
    url = a.text("url", 2000)
    if url and not WEB.fullmatch(url.strip()):
        a.fail("url", f"must start with http:// or https:// ({_shown(url)})")
    row = {
        "title": a.text("title", 1000, required=True, null=False),
        "body": body,
        "language": a.text("language", 16, pattern=LANGUAGE),
        "published": a.day("published", required=True),
        "url": url.strip(),
        "created_by": a.text("created_by", 200),
        "created_at": a.moment("created_at", required=True),
        "archived": a.flag("archived"),
        "unclaimed": [_unclaimed(u, n, body) for n, u in enumerate(a.items("unclaimed", 50_000), start=1)],
        "meta": {"author": " ".join(a.text("author", 300).split()), "published_from": published_from},
    }
    from_id = a.integer("id", 1, 2**53, required=False)
    problem = row_problem(articles, row)
    if problem:
        refuse("", f"the article's {problem}")
    return row, body, from_id


def _unclaimed(value: Any, n: int, body: str) -> dict[str, Any]:
    u = _Reader(value, f"unclaimed sentence {n}")
    start = u.integer("start", 0, len(body))
    end = u.integer("end", start, len(body))
    sentence = u.text("sentence", end - start, required=True, null=False)
    if sentence != body[start:end]:
        u.fail("sentence", f"is not the article's text at {start}-{end}")
    out = {"start": start, "end": end, "sentence": sentence, "reason": u.text("reason", 100, required=True)}
    items = u.texts("items", 1000, 200)
    if items:
        out["items"] = items
    return out


def _claim(item: Any, position: int, body: str) -> dict[str, Any]:
    where = f"claim {position + 1}"
    top = _Reader(item, where)
    c = _Reader(top.get("claim", True), where)
    claim_id = c.get("id", True)
    if isinstance(claim_id, str):
        problem = row_problem(article_claims, {"claim_id": claim_id})
        if problem:
            refuse("", f"claim {claim_id[:40]!r}: {problem.replace('claim_id', 'its id')}")
    claim_id = c.text("id", 32, required=True, null=False, empty=False)
    if not CLAIM_ID.fullmatch(claim_id):
        c.fail("id", f"may hold only letters, digits, '_', '.' and '-' ({_shown(claim_id)})")
    where = f"claim {position + 1} ({claim_id})"
    c.where = top.where = where
    kind = c.word("type", CLAIM_TYPES)
    text = c.text("text", 10_000, required=True, null=False, empty=False)
    start = c.integer("start", 0, len(body))
    end = c.integer("end", start + 1, len(body))
    if body[start:end] != text:
        refuse(where, f"is not at {start}-{end} of the article")
    sentence_start = c.integer("sentence_start", 0, start, required=False, default=start)
    sentence_end = c.integer("sentence_end", end, len(body), required=False, default=end)
    sentence = c.text("sentence", sentence_end - sentence_start, null=False)
    if sentence and sentence != body[sentence_start:sentence_end]:
        c.fail("sentence", f"is not the article's text at {sentence_start}-{sentence_end}")
    # A report written before sentences were bounded: the claim keeps the window a new one gets.
    sentence_start, sentence_end = context_window(body, start, end, sentence_start, sentence_end)
    mentions = []
    for n, pair in enumerate(c.items("mentions", 10_000), start=1):
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
            and 0 <= pair[0] < pair[1] <= len(body)
        ):
            c.fail("mentions", f"item {n} must be [start, end] inside the article ({_shown(pair)})")
        mentions.append(pair)
    clean: dict[str, Any] = {
        "id": claim_id,
        "type": kind,
        "text": text,
        "start": start,
        "end": end,
        "value": _value(c, kind),
        "sentence": body[sentence_start:sentence_end],
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        "relative": c.flag("relative"),
        "approximate": c.flag("approximate"),
        "qualifier": c.text("qualifier", 100, default=None) or None,
        "mentions": mentions,
        "basis": c.text("basis", 300, default=None) or None,
    }
    if kind == "date":
        c.word("precision", PRECISIONS, default=None)
        bounds = c.items("bounds", 2)
        if bounds:
            if len(bounds) != 2:
                c.fail("bounds", "must be [first day, last day]")
            b = _Reader({"first": bounds[0], "last": bounds[1]}, where + ", bounds")
            first, last = b.day("first", required=True), b.day("last", required=True)
            if first > last:
                c.fail("bounds", "end before they start")
            clean["bounds"] = [first.isoformat(), last.isoformat()]
    elif kind == "money":
        bounds = c.items("bounds", 2)
        if bounds:
            if len(bounds) != 2:
                c.fail("bounds", "must be [low, high]")
            b = _Reader({"low": bounds[0], "high": bounds[1]}, where + ", bounds")
            clean["bounds"] = [b.get("low", True), b.get("high", True)]
            if b.number("low", -MAX_AMOUNT, MAX_AMOUNT) > b.number("high", -MAX_AMOUNT, MAX_AMOUNT):
                c.fail("bounds", "end below where they start")
    elif kind == "quote":
        clean["kind"] = c.word("kind", ("speech", "term"), default="speech")
    try:
        claim = claim_from_json(clean)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        refuse(where, f"its value cannot be read ({str(exc)[:80]})")
    check_in = top.get("check", False)
    check = _Reader({} if check_in is _MISSING or check_in is None else check_in, where + ", check")
    matches = [_match(m, f"{where}, match {n}") for n, m in enumerate(check.items("matches", MAX_MATCHES), start=1)]
    reason_parts = _reason(check, "reason_parts")
    review = _Reader(top.get("review", True), where + ", review")
    evidence = review.text("evidence_source", 200, default=None) or None
    if evidence is not None and evidence not in {m.source_id for m in matches}:
        refuse(where, f"names evidence {evidence!r} that is not among its matches")
    return {
        "claim_id": claim_id,
        "position": position,
        "claim": claim.to_json(),
        "check": check_json(
            check.word("suggestion", SUGGESTIONS, default="no_source"),
            check.number("confidence", 0.0, 1.0),
            check.text("reason", MAX_SPAN_TEXT),
            reason_parts,
            matches,
        ),
        "status": review.word("status", STATUSES),
        "note": review.text("note", 10_000),
        "evidence_source": evidence,
        "reviewer": review.text("reviewer", 200),
        "reviewed_at": review.moment("reviewed_at"),
        "origin": review.word("origin", ORIGINS, default="extracted"),
        "dismissed": review.flag("dismissed"),
        "version": review.integer("version", 1, MAX_INT),
    }


def _value(c: _Reader, kind: str) -> Any:
    raw = c.get("value", True)
    if kind == "date":
        iso = c.text("value", 16, required=True, null=False, empty=False)
        try:
            period_of(iso)
        except (ValueError, IndexError, OverflowError):
            c.fail("value", f"is not a date such as 2024, 2024-Q3, 2024-05, 2024-W21 or 2024-05-15 ({_shown(iso)})")
        return iso
    if kind == "money":
        v = _Reader(raw, c.where + ", value")
        out = {
            "amount": v.get("amount", True),
            "currency": v.text("currency", 3, pattern=CURRENCY, default=None) or None,
        }
        v.number("amount", -MAX_AMOUNT, MAX_AMOUNT, required=True)
        if v.get("max", False) not in (_MISSING, None):
            v.number("max", -MAX_AMOUNT, MAX_AMOUNT)
            out["max"] = raw["max"]
        return out
    if kind == "quote":
        v = _Reader(raw, c.where + ", value")
        out = {
            "speaker": v.text("speaker", 300, default=None) or None,
            "text": v.text("text", 10_000, required=True, null=False),
        }
        also = v.texts("also", 20, 300)
        if also:
            out["also"] = also
        return out
    return c.text("value", 500, required=True, null=False, empty=False)


def _match(value: Any, where: str):
    m = _Reader(value, where)
    kind = m.word("kind", ("record", "verdict"), default="record")
    excerpt = m.text("excerpt", 200_000)
    out: dict[str, Any] = {
        "kind": kind,
        "score": m.number("score", 0.0, 1.0),
        "agreement": m.word("agreement", AGREEMENTS, default="unknown"),
        "evidence": m.text("evidence", len(excerpt)),
        "later": m.flag("later"),
        "source_value": m.text("source_value", MAX_SPAN_TEXT, default=None),
        "title": m.text("title", 2000),
        "published": (d.isoformat() if (d := m.day("published")) else None),
        "url": m.text("url", 2000),
        "excerpt": excerpt,
        "relevance": m.number("relevance", 0.0, 1.0),
        "quote_class": m.word("quote_class", QUOTE_CLASSES, default=None),
        "other_values": m.texts("other_values", 50, 500),
    }
    out["evidence_start"] = m.integer("evidence_start", 0, len(excerpt), required=False, default=0)
    out["evidence_end"] = m.integer(
        "evidence_end", out["evidence_start"], len(excerpt), required=False, default=out["evidence_start"]
    )
    out["note_parts"] = reason_to_json(_reason(m, "note_parts", note_from_json))
    if kind == "record":
        out["source_id"] = m.text("source_id", 200, required=True, null=False, empty=False)
        if any(ch in out["source_id"] for ch in "\r\n\t"):
            m.fail("source_id", "holds a line break or a tab")
        out["publisher"] = m.text("publisher", 500)
        out["note"] = m.text("note", MAX_SPAN_TEXT)
        out["speaker_agrees"] = m.maybe_flag("speaker_agrees")
    else:
        claim_id = m.text("claim_id", 32, required=True, null=False, empty=False)
        if not CLAIM_ID.fullmatch(claim_id):
            m.fail("claim_id", f"is not a claim id ({_shown(claim_id)})")
        out.update(
            article_id=m.integer("article_id", 1, MAX_INT),
            claim_id=claim_id,
            status=m.word("status", STATUSES),
            reviewer=m.text("reviewer", 200),
            reviewed_at=(t.isoformat() if (t := m.moment("reviewed_at")) else None),
            note=m.text("note", 10_000),
            evidence_source=m.text("evidence_source", 200, default=None) or None,
            source_deleted=m.flag("source_deleted"),
            now=m.word("now", VERDICT_NOW, default=None),
            match_note=m.text("match_note", MAX_SPAN_TEXT),
        )
    return match_from_json(out)


def _reason(r: _Reader, key: str, read=reason_from_json):
    """Reason parts (a check's reason, a match's note: `read` reads them), checked to a bounded depth;
    () when absent."""
    value = r.get(key, False)
    if value is _MISSING or value is None:
        return ()
    stack, count = [(value, 1)], 0
    while stack:
        parts, depth = stack.pop()
        if depth > 4:
            r.fail(key, "are nested deeper than 4 levels")
        if not isinstance(parts, list):
            r.fail(key, f"must be a list, not {_kind(parts)}")
        count += len(parts)
        if count > 200:
            r.fail(key, "have more than 200 parts")
        for part in parts:
            if (
                not isinstance(part, Mapping)
                or not isinstance(part.get("key"), str)
                or not REASON_KEY.fullmatch(part["key"])
            ):
                shown = _shown(part.get("key") if isinstance(part, Mapping) else part)
                r.fail(key, f"hold a part that is not a message key ({shown})")
            params = part.get("params") or {}
            if not isinstance(params, Mapping) or len(params) > 20:
                r.fail(key, f"hold bad parameters in part {part['key']!r}")
            for name, param in params.items():
                if not PARAM_NAME.fullmatch(name):
                    r.fail(key, f"hold a parameter name that is not a name ({_shown(name)})")
                if isinstance(param, str):
                    if len(param) > MAX_SPAN_TEXT:
                        r.fail(key, f"hold a parameter longer than {MAX_SPAN_TEXT:,} characters ({name})")
                    continue
                if isinstance(param, Mapping) and len(param) == 1 and "parts" in param:
                    stack.append((param["parts"], depth + 1))
                    continue
                if isinstance(param, Mapping) and len(param) == 1 and "term" in param:
                    if not isinstance(param["term"], str) or not REASON_KEY.fullmatch(param["term"]):
                        r.fail(key, f"hold a term that is not a message key ({_shown(param['term'])})")
                    continue
                if isinstance(param, Mapping) and len(param) == 1 and "and" in param:
                    items = param["and"]
                    if not (
                        isinstance(items, list)
                        and len(items) <= 50
                        and all(isinstance(i, str) and len(i) <= 500 for i in items)
                    ):
                        r.fail(key, f"hold a list of values that is not short text ({name})")
                    continue
                if isinstance(param, Mapping) and len(param) == 1 and "cite" in param:
                    cite = _Reader(param["cite"], f"{r.where}, {key}")
                    cite.text("publisher", 500)
                    cite.text("title", 2000)
                    cite.day("published")
                    continue
                r.fail(key, f"hold a parameter that is not text, a term, values, a citation or parts ({name})")
    try:
        return read(value)
    except (ValueError, TypeError) as exc:
        r.fail(key, f"cannot be read ({str(exc)[:80]})")
    raise AssertionError


def _entry(value: Any, where: str) -> dict[str, Any]:
    t = _Reader(value, where)
    entity = t.word("entity", ("article", "claim"))
    entity_id = t.text("entity_id", 200, required=True, null=False)
    article_part, _, claim_part = entity_id.partition("/")
    if (
        entity == "article"
        and not article_part.isdigit()
        or entity == "claim"
        and not (article_part.isdigit() and CLAIM_ID.fullmatch(claim_part or "-"))
    ):
        t.fail(
            "entity_id", f"is not the id of {'an article' if entity == 'article' else 'a claim'} ({_shown(entity_id)})"
        )
    before, after = t.get("before", False), t.get("after", False)
    for key, v in (("before", before), ("after", after)):
        if v is not _MISSING and v is not None and not isinstance(v, Mapping):
            t.fail(key, f"must be an object, not {_kind(v)}")
        _depth_and_size(v if v is not _MISSING else None, where, key)
    row = {
        "at": t.moment("at", required=True),
        "actor": t.text("actor", 200, required=True, null=False),
        "entity": entity,
        "entity_id": entity_id,
        "action": t.text("action", 32, required=True, null=False),
        "before": None if before is _MISSING else before,
        "after": None if after is _MISSING else after,
    }
    if not ACTION.fullmatch(row["action"]):
        t.fail("action", f"is not an action's name ({_shown(row['action'])})")
    problem = row_problem(audit, row)
    if problem:
        refuse(where, problem)
    return row
