"""Checking what a report says of a claim's check: its matches (records and earlier verdicts) and the
reasons and notes written as parts, each value as checker/desk/report_values.py reads it.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ..model import STATUSES, match_from_json, note_from_json, reason_from_json, reason_to_json
from .report_values import CLAIM_ID, MAX_INT, MISSING, Reader, kind_of, shown

AGREEMENTS = ("agrees", "conflicts", "unknown")
QUOTE_CLASSES = ("verbatim", "close", "partial", "paraphrase", "translation", "negated", "misattributed", "not_found")
# What the current status of an earlier verdict can be said to be now (checker/desk/memory.py).
VERDICT_NOW = (*STATUSES, "dismissed", "deleted")
# What a check may quote of a record (a quote's words as the record gives them, and the notes and
# reasons that cite them).
MAX_SPAN_TEXT = 20_000
REASON_KEY = re.compile(r"[a-z][a-z0-9_.]{0,63}")
PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")


def read_match(value: Any, where: str):
    """One match of a claim's check, as the report gives it."""
    m = Reader(value, where)
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
    out["note_parts"] = reason_to_json(read_reason(m, "note_parts", note_from_json))
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
            m.fail("claim_id", f"is not a claim id ({shown(claim_id)})")
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


def read_reason(r: Reader, key: str, read=reason_from_json):
    """Reason parts (a check's reason, a match's note: `read` reads them), checked to a bounded depth;
    () when absent."""
    value = r.get(key, False)
    if value is MISSING or value is None:
        return ()
    stack, count = [(value, 1)], 0
    while stack:
        parts, depth = stack.pop()
        if depth > 4:
            r.fail(key, "are nested deeper than 4 levels")
        if not isinstance(parts, list):
            r.fail(key, f"must be a list, not {kind_of(parts)}")
        count += len(parts)
        if count > 200:
            r.fail(key, "have more than 200 parts")
        for part in parts:
            if (
                not isinstance(part, Mapping)
                or not isinstance(part.get("key"), str)
                or not REASON_KEY.fullmatch(part["key"])
            ):
                found = shown(part.get("key") if isinstance(part, Mapping) else part)
                r.fail(key, f"hold a part that is not a message key ({found})")
            params = part.get("params") or {}
            if not isinstance(params, Mapping) or len(params) > 20:
                r.fail(key, f"hold bad parameters in part {part['key']!r}")
            for name, param in params.items():
                nested = _param(r, key, name, param)
                if nested is not None:
                    stack.append((nested, depth + 1))
    try:
        return read(value)
    except (ValueError, TypeError) as exc:
        r.fail(key, f"cannot be read ({str(exc)[:80]})")
    raise AssertionError


def _param(r: Reader, key: str, name: str, param: Any) -> Any:
    """Check one parameter of a reason part; returns the parts it nests (to be checked next), else None."""
    if not PARAM_NAME.fullmatch(name):
        r.fail(key, f"hold a parameter name that is not a name ({shown(name)})")
    if isinstance(param, str):
        if len(param) > MAX_SPAN_TEXT:
            r.fail(key, f"hold a parameter longer than {MAX_SPAN_TEXT:,} characters ({name})")
        return None
    if isinstance(param, Mapping) and len(param) == 1 and "parts" in param:
        return param["parts"]
    if isinstance(param, Mapping) and len(param) == 1 and "term" in param:
        if not isinstance(param["term"], str) or not REASON_KEY.fullmatch(param["term"]):
            r.fail(key, f"hold a term that is not a message key ({shown(param['term'])})")
        return None
    if isinstance(param, Mapping) and len(param) == 1 and "and" in param:
        items = param["and"]
        if not (
            isinstance(items, list) and len(items) <= 50 and all(isinstance(i, str) and len(i) <= 500 for i in items)
        ):
            r.fail(key, f"hold a list of values that is not short text ({name})")
        return None
    if isinstance(param, Mapping) and len(param) == 1 and "cite" in param:
        cite = Reader(param["cite"], f"{r.where}, {key}")
        cite.text("publisher", 500)
        cite.text("title", 2000)
        cite.day("published")
        return None
    r.fail(key, f"hold a parameter that is not text, a term, values, a citation or parts ({name})")
    return None
