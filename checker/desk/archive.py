"""The archive of reviewed claims across articles: found by `search`, and written out as CSV and
schema.org ClaimReview.

The search reads the index of reviewed claims (checker/desk/memory_index.py). The same safety rules
as the article reports apply (checker/desk/report.py): formula-like CSV cells get a leading ', the
JSON-LD is safe inside <script>.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import Engine, select

from claims import Claim, Quote, claim_from_json
from claims.lexicon import name_key
from claims.text import fold

from .memory_index import ensure
from .report import BEST_RATING, RATING_SCALE, WORST_RATING, safe_cell, safe_href, script_safe_json
from .tables import article_claims, articles, reviewed_claims


@dataclass(frozen=True)
class ReviewedClaim:
    """A reviewed claim of some article, as the archive lists it."""

    article_id: int
    article_title: str
    article_url: str
    published: dt.date
    language: str
    claim: Claim
    status: str
    note: str
    reviewer: str
    reviewed_at: dt.datetime | None
    evidence_source: str | None

    @property
    def speaker(self) -> str:
        return self.claim.value.speaker or "" if isinstance(self.claim.value, Quote) else ""

    def to_json(self) -> dict[str, Any]:
        c = self.claim.to_json()
        return {
            "article_id": self.article_id,
            "claim_id": self.claim.id,
            "type": self.claim.type,
            "text": self.claim.text,
            "value": c.get("value"),
            "sentence": self.claim.sentence,
            "status": self.status,
            "note": self.note,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "evidence_source": self.evidence_source,
            "speaker": self.speaker or None,
            "article_title": self.article_title,
            "article_url": self.article_url,
            "published": self.published.isoformat(),
        }


def search(
    engine: Engine,
    query: str = "",
    *,
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    reviewed_from: dt.date | None = None,
    reviewed_to: dt.date | None = None,
    amount_min: float | None = None,
    amount_max: float | None = None,
    currency: str = "",
    speaker: str = "",
    reviewer: str = "",
    limit: int = 500,
) -> list[ReviewedClaim]:
    """Reviewed claims across articles (newest review first), every filter optional.

    `query`: words that must all appear in the claim, its sentence, value or speaker (accents and
    case aside); the amount range keeps money claims whose bounds meet it; `reviewed_from`/`to`
    are days (inclusive) of the review; `speaker` a part of a quote's speaker; `reviewer` exact.
    """
    ensure(engine)
    rc, ac, a = reviewed_claims, article_claims, articles
    cond = _conditions(
        query, types, statuses, reviewed_from, reviewed_to, amount_min, amount_max, currency, speaker, reviewer
    )
    stmt = (
        select(
            rc.c.article_id,
            rc.c.status,
            rc.c.reviewer,
            rc.c.reviewed_at,
            ac.c.claim,
            ac.c.note,
            ac.c.evidence_source,
            rc.c.evidence,
            a.c.title,
            a.c.url,
            a.c.published,
            a.c.language,
        )
        .join(ac, ac.c.pk == rc.c.claim_pk)
        .join(a, a.c.id == rc.c.article_id)
        .where(*cond)
        .order_by(rc.c.reviewed_at.desc(), rc.c.claim_pk.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [_reviewed(r) for r in rows]


def _reviewed(r: Any) -> ReviewedClaim:
    return ReviewedClaim(
        r.article_id,
        r.title,
        r.url or "",
        r.published,
        r.language,
        claim_from_json(r.claim),
        r.status,
        r.note or "",
        r.reviewer,
        r.reviewed_at,
        r.evidence_source or r.evidence,
    )


def _conditions(
    query: str,
    types: Sequence[str],
    statuses: Sequence[str],
    reviewed_from: dt.date | None,
    reviewed_to: dt.date | None,
    amount_min: float | None,
    amount_max: float | None,
    currency: str,
    speaker: str,
    reviewer: str,
) -> list:
    """The conditions on `reviewed_claims` of `search`'s filters, those given only."""
    rc = reviewed_claims
    cond = []
    for word in fold(query).lower().split():
        cond.append(rc.c.search.contains(word, autoescape=True))
    if types:
        cond.append(rc.c.type.in_(list(types)))
    if statuses:
        cond.append(rc.c.status.in_(list(statuses)))
    if reviewed_from:
        cond.append(rc.c.reviewed_at >= dt.datetime.combine(reviewed_from, dt.time()))
    if reviewed_to:
        cond.append(rc.c.reviewed_at < dt.datetime.combine(reviewed_to + dt.timedelta(days=1), dt.time()))
    if amount_min is not None or amount_max is not None:
        cond.append(rc.c.type == "money")
        if amount_min is not None:
            cond.append(rc.c.high >= float(amount_min))
        if amount_max is not None:
            cond.append(rc.c.low <= float(amount_max))
    if currency:
        cond.append(rc.c.currency == currency.upper())
    if speaker.strip():
        cond.append(rc.c.type == "quote")
        cond.append(rc.c.value_key.contains(name_key(speaker), autoescape=True))
    if reviewer.strip():
        cond.append(rc.c.reviewer == reviewer.strip())
    return cond


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
