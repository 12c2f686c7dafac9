"""The archive of reviewed claims across articles, written out: CSV and schema.org ClaimReview.

The list comes from `checker.desk.memory.search`; the same safety rules as the article reports apply
(checker/desk/report.py): formula-like CSV cells get a leading ', the JSON-LD is safe inside <script>.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit, urlunsplit

from claims import Quote

from .memory import ReviewedClaim
from .report import BEST_RATING, RATING_SCALE, WORST_RATING, safe_cell, safe_href, script_safe_json

CSV_COLUMNS = (
    "article_id",
    "claim_id",
    "type",
    "text",
    "value",
    "speaker",
    "sentence",
    "status",
    "note",
    "reviewer",
    "reviewed_at",
    "evidence_source",
    "article_title",
    "article_url",
    "published",
)


def archive_csv(items: Sequence[ReviewedClaim]) -> bytes:
    """One row per reviewed claim; UTF-8 with BOM (spreadsheets read the accents)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for it in items:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    it.article_id,
                    it.claim.id,
                    it.claim.type,
                    it.claim.text,
                    it.claim.display_value,
                    it.speaker,
                    it.claim.sentence,
                    it.status,
                    it.note,
                    it.reviewer,
                    it.reviewed_at.isoformat() if it.reviewed_at else "",
                    it.evidence_source or "",
                    it.article_title,
                    it.article_url,
                    it.published.isoformat(),
                )
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def archive_claim_reviews(items: Sequence[ReviewedClaim], *, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """A ClaimReview for each verified or disputed claim of the list (the scale of checker/desk/report.py)."""
    out = []
    for it in items:
        if it.status not in RATING_SCALE:
            continue
        url = safe_href(it.article_url)
        v = it.claim.value
        if isinstance(v, Quote) and v.speaker:
            author: dict[str, Any] = {"@type": "Person", "name": v.speaker}
        else:
            author = {"@type": "Organization", "name": (urlsplit(url).hostname if url else None) or it.article_title}
        appearance: dict[str, Any] = {
            "@type": "CreativeWork",
            "headline": it.article_title,
            "datePublished": it.published.isoformat(),
        }
        if url:
            appearance["url"] = url
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": " ".join(it.claim.sentence.split()) or it.claim.text,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": RATING_SCALE[it.status],
                "worstRating": WORST_RATING,
                "bestRating": BEST_RATING,
                "alternateName": labels.get(f"status.{it.status}", it.status),
            },
            "itemReviewed": {
                "@type": "Claim",
                "author": author,
                "datePublished": it.published.isoformat(),
                "appearance": appearance,
            },
            "author": {"@type": "Person", "name": it.reviewer or "—"},
            "inLanguage": it.language,
        }
        if it.reviewed_at:
            review["datePublished"] = it.reviewed_at.date().isoformat()
        if url:
            p = urlsplit(url)
            review["url"] = urlunsplit((p.scheme, p.netloc, p.path, p.query, f"claim-{it.claim.id}"))
        if it.note:
            review["reviewBody"] = it.note
        out.append(review)
    return out


def archive_claimreview(items: Sequence[ReviewedClaim], *, labels: Mapping[str, str]) -> bytes:
    return (script_safe_json(archive_claim_reviews(items, labels=labels)) + "\n").encode("utf-8")
