"""Verification reports of an article: one writer per format, declared once in `FORMATS`.

Every writer takes the article as the desk holds it and returns bytes. Unreviewed claims come first in
the summary, with a warning, so that nothing unchecked slips through a sign-off.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .desk import Article, ClaimState

# Cells starting with these characters are read as formulas by spreadsheets: they get a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportFormat:
    name: str
    extension: str
    mime: str
    write: Callable[[Article], bytes]


def claim_rows(article: Article) -> list[ClaimState]:
    """The claims a report covers: dismissed ones are left out, unreviewed ones come first."""
    live = [c for c in article.claims if not c.dismissed]
    return sorted(live, key=lambda c: (c.status != "unreviewed", c.claim.start))


def summary(article: Article) -> dict[str, object]:
    live = [c for c in article.claims if not c.dismissed]
    return {
        "claims": len(live),
        "by_status": dict(Counter(c.status for c in live)),
        "by_type": dict(Counter(c.claim.type for c in live)),
        "unreviewed": sum(c.status == "unreviewed" for c in live),
        "reviewers": sorted({c.reviewer for c in live if c.reviewer}),
    }


def _evidence_text(c: ClaimState) -> tuple[str, str, str]:
    """(source id, citation, evidence passage) of the claim's evidence, if any."""
    m = c.evidence
    if m is None:
        return "", "", ""
    return m.source_id, m.citation, m.evidence


def write_markdown(article: Article) -> bytes:
    s = summary(article)
    out = [f"# Verification report: {_md(article.title)}", ""]
    out.append(f"- Article published: {article.published.isoformat()} ({article.language})")
    if article.url:
        out.append(f"- URL: {article.url}")
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(s["by_status"].items())) or "none"
    out.append(f"- Claims: {s['claims']} ({counts})")
    out.append(f"- Reviewers: {', '.join(s['reviewers']) or 'none yet'}")
    if s["unreviewed"]:
        out += ["", f"> **Warning:** {s['unreviewed']} claim(s) are not reviewed yet; they are listed first."]
    out += ["", "| Claim | Type | Text | Value | Status | Note | Reviewer | Evidence |", "|---|---|---|---|---|---|---|---|"]
    for c in claim_rows(article):
        sid, citation, passage = _evidence_text(c)
        evidence = f"{sid}: {citation} — “{passage}”" if sid else "none"
        out.append("| " + " | ".join(_md(x) for x in (
            c.claim.id, c.claim.type, c.claim.text, c.claim.display_value, c.status, c.note, c.reviewer, evidence,
        )) + " |")
    return ("\n".join(out) + "\n").encode("utf-8")


def _md(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


CSV_COLUMNS = ("claim_id", "type", "text", "value", "sentence", "suggestion", "status", "note", "reviewer",
               "reviewed_at", "evidence_source", "evidence_citation", "evidence_url", "evidence")


def write_csv(article: Article) -> bytes:
    """UTF-8 with BOM so that Excel and LibreOffice open it right; formula-like cells neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in claim_rows(article):
        sid, citation, passage = _evidence_text(c)
        m = c.evidence
        writer.writerow([safe_cell(v) for v in (
            c.claim.id, c.claim.type, c.claim.text, c.claim.display_value, c.claim.sentence, c.suggestion,
            c.status, c.note, c.reviewer, c.reviewed_at.isoformat() if c.reviewed_at else "",
            sid, citation, m.url if m else "", passage,
        )])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


FORMATS: dict[str, ReportFormat] = {
    f.name: f for f in (
        ReportFormat("md", "md", "text/markdown", write_markdown),
        ReportFormat("csv", "csv", "text/csv", write_csv),
    )
}


def render(article: Article, fmt: str) -> bytes:
    try:
        return FORMATS[fmt].write(article)
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}") from None
