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

Beside it: checker/desk/report_values.py (`Reader`: one object's values checked, with the message
that names where a value is) and report_checks.py (a claim's check: its matches and reasons).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from claims import CLAIM_TYPES, Claim, claim_from_json
from claims.model import period_of
from claims.text import context_window
from sources.db import audit, row_problem

from ..inputs import DATE_SOURCES, MAX_ARTICLE_BYTES, InputError
from ..model import MAX_CLAIMS, STATUSES, SUGGESTIONS
from .report_checks import MAX_SPAN_TEXT, read_match, read_reason
from .report_values import CLAIM_ID, MAX_INT, MISSING, PREFIX, Reader, kind_of, refuse, shown
from .state import ORIGINS, STATE_FORMAT, STATE_VERSION, check_json
from .tables import article_claims, articles

PRECISIONS = ("year", "half", "season", "quarter", "month", "week", "day")

MAX_REPORT_BYTES = 30_000_000
MAX_MATCHES = 20
MAX_HISTORY = 100_000
MAX_DEPTH = 12
MAX_AMOUNT = 1e18  # money: a quintillion of any currency is no article's figure
MAX_FREE_TEXT = 50_000  # the `before` and `after` of a quoted history entry, written as JSON
ACTION = re.compile(r"[a-z][a-z_]{0,31}")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
CURRENCY = re.compile(r"[A-Z]{3}")
WEB = re.compile(r"https?://[^\s/]+.*", re.I | re.S)


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
                refuse(where, f"{key} holds a number out of range ({shown(item)})")
            seen += 1
        else:
            refuse(where, f"{key} holds {kind_of(item)}")
        if seen > MAX_FREE_TEXT:
            refuse(where, f"{key} is longer than {MAX_FREE_TEXT:,} characters")


# ---- the report ----------------------------------------------------------------------------------


def read_report(data: Any) -> ReportState:
    """Rows to store from a report's JSON (already parsed); InputError naming the first bad value."""
    if not isinstance(data, Mapping):
        refuse("", f"the JSON is not an object (it is {kind_of(data)})")
    top = Reader(data, "")
    if data.get("format") != STATE_FORMAT:
        refuse("", f'"format" must be "{STATE_FORMAT}" (export the JSON report)')
    version = data.get("format_version")
    if isinstance(version, bool) or version != STATE_VERSION:
        refuse("", f'"format_version" {shown(version)} is not {STATE_VERSION}')
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
    a = Reader(value, "the article", possessive=True)
    body = a.text("body", MAX_ARTICLE_BYTES, required=True, null=False, empty=False)
    published_from = a.text("published_from", 400)
    if published_from and published_from.partition(":")[0] not in DATE_SOURCES:
        a.fail("published_from", f"must start with one of {', '.join(DATE_SOURCES)} ({shown(published_from)})")
    url = a.text("url", 2000)
    if url and not WEB.fullmatch(url.strip()):
        a.fail("url", f"must start with http:// or https:// ({shown(url)})")
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
    u = Reader(value, f"unclaimed sentence {n}")
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
    """A row of article_claims from one claim of the report: the claim, its check and its review."""
    where = f"claim {position + 1}"
    top = Reader(item, where)
    c = Reader(top.get("claim", True), where)
    claim_id = _claim_id(c)
    where = f"claim {position + 1} ({claim_id})"
    c.where = top.where = where
    claim = _read_claim(c, claim_id, body)
    check_in = top.get("check", False)
    check = Reader({} if check_in is MISSING or check_in is None else check_in, where + ", check")
    matches = [read_match(m, f"{where}, match {n}") for n, m in enumerate(check.items("matches", MAX_MATCHES), start=1)]
    reason_parts = read_reason(check, "reason_parts")
    review = Reader(top.get("review", True), where + ", review")
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


def _claim_id(c: Reader) -> str:
    claim_id = c.get("id", True)
    if isinstance(claim_id, str):
        problem = row_problem(article_claims, {"claim_id": claim_id})
        if problem:
            refuse("", f"claim {claim_id[:40]!r}: {problem.replace('claim_id', 'its id')}")
    claim_id = c.text("id", 32, required=True, null=False, empty=False)
    if not CLAIM_ID.fullmatch(claim_id):
        c.fail("id", f"may hold only letters, digits, '_', '.' and '-' ({shown(claim_id)})")
    return claim_id


def _read_claim(c: Reader, claim_id: str, body: str) -> Claim:
    """The claim itself: its type, its text where the article has it, its sentence and value."""
    kind = c.word("type", CLAIM_TYPES)
    text = c.text("text", 10_000, required=True, null=False, empty=False)
    start, end, sentence_start, sentence_end = _span(c, body, text)
    mentions = _mentions(c, body)
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
    _kind_fields(c, kind, clean)
    try:
        return claim_from_json(clean)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        refuse(c.where, f"its value cannot be read ({str(exc)[:80]})")
    raise AssertionError


def _span(c: Reader, body: str, text: str) -> tuple[int, int, int, int]:
    """Where the claim and its sentence are in the article (start, end, sentence start, sentence end)."""
    start = c.integer("start", 0, len(body))
    end = c.integer("end", start + 1, len(body))
    if body[start:end] != text:
        refuse(c.where, f"is not at {start}-{end} of the article")
    sentence_start = c.integer("sentence_start", 0, start, required=False, default=start)
    sentence_end = c.integer("sentence_end", end, len(body), required=False, default=end)
    sentence = c.text("sentence", sentence_end - sentence_start, null=False)
    if sentence and sentence != body[sentence_start:sentence_end]:
        c.fail("sentence", f"is not the article's text at {sentence_start}-{sentence_end}")
    # A report written before sentences were bounded: the claim keeps the window a new one gets.
    sentence_start, sentence_end = context_window(body, start, end, sentence_start, sentence_end)
    return start, end, sentence_start, sentence_end


def _mentions(c: Reader, body: str) -> list[Any]:
    mentions = []
    for n, pair in enumerate(c.items("mentions", 10_000), start=1):
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
            and 0 <= pair[0] < pair[1] <= len(body)
        ):
            c.fail("mentions", f"item {n} must be [start, end] inside the article ({shown(pair)})")
        mentions.append(pair)
    return mentions


def _kind_fields(c: Reader, kind: str, clean: dict[str, Any]) -> None:
    """What only one type of claim holds: a date's precision and bounds, a money range, a quote's kind."""
    where = c.where
    if kind == "date":
        c.word("precision", PRECISIONS, default=None)
        bounds = c.items("bounds", 2)
        if bounds:
            if len(bounds) != 2:
                c.fail("bounds", "must be [first day, last day]")
            b = Reader({"first": bounds[0], "last": bounds[1]}, where + ", bounds")
            first, last = b.day("first", required=True), b.day("last", required=True)
            if first > last:
                c.fail("bounds", "end before they start")
            clean["bounds"] = [first.isoformat(), last.isoformat()]
    elif kind == "money":
        bounds = c.items("bounds", 2)
        if bounds:
            if len(bounds) != 2:
                c.fail("bounds", "must be [low, high]")
            b = Reader({"low": bounds[0], "high": bounds[1]}, where + ", bounds")
            clean["bounds"] = [b.get("low", True), b.get("high", True)]
            if b.number("low", -MAX_AMOUNT, MAX_AMOUNT) > b.number("high", -MAX_AMOUNT, MAX_AMOUNT):
                c.fail("bounds", "end below where they start")
    elif kind == "quote":
        clean["kind"] = c.word("kind", ("speech", "term"), default="speech")


def _value(c: Reader, kind: str) -> Any:
    raw = c.get("value", True)
    if kind == "date":
        iso = c.text("value", 16, required=True, null=False, empty=False)
        try:
            period_of(iso)
        except (ValueError, IndexError, OverflowError):
            c.fail("value", f"is not a date such as 2024, 2024-Q3, 2024-05, 2024-W21 or 2024-05-15 ({shown(iso)})")
        return iso
    if kind == "money":
        v = Reader(raw, c.where + ", value")
        out = {
            "amount": v.get("amount", True),
            "currency": v.text("currency", 3, pattern=CURRENCY, default=None) or None,
        }
        v.number("amount", -MAX_AMOUNT, MAX_AMOUNT, required=True)
        if v.get("max", False) not in (MISSING, None):
            v.number("max", -MAX_AMOUNT, MAX_AMOUNT)
            out["max"] = raw["max"]
        return out
    if kind == "quote":
        v = Reader(raw, c.where + ", value")
        out = {
            "speaker": v.text("speaker", 300, default=None) or None,
            "text": v.text("text", 10_000, required=True, null=False),
        }
        also = v.texts("also", 20, 300)
        if also:
            out["also"] = also
        return out
    return c.text("value", 500, required=True, null=False, empty=False)


def _entry(value: Any, where: str) -> dict[str, Any]:
    t = Reader(value, where)
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
            "entity_id", f"is not the id of {'an article' if entity == 'article' else 'a claim'} ({shown(entity_id)})"
        )
    before, after = t.get("before", False), t.get("after", False)
    for key, v in (("before", before), ("after", after)):
        if v is not MISSING and v is not None and not isinstance(v, Mapping):
            t.fail(key, f"must be an object, not {kind_of(v)}")
        _depth_and_size(v if v is not MISSING else None, where, key)
    row = {
        "at": t.moment("at", required=True),
        "actor": t.text("actor", 200, required=True, null=False),
        "entity": entity,
        "entity_id": entity_id,
        "action": t.text("action", 32, required=True, null=False),
        "before": None if before is MISSING else before,
        "after": None if after is MISSING else after,
    }
    if not ACTION.fullmatch(row["action"]):
        t.fail("action", f"is not an action's name ({shown(row['action'])})")
    problem = row_problem(audit, row)
    if problem:
        refuse(where, problem)
    return row
