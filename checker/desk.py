"""The review desk: articles under check, each claim's status, note, evidence and audit trail.

Every change is stored at once with who and when, and written to the audit trail with the state
before and after. Each claim carries a version number: a change made against an older version is
refused with `ReviewConflict`, which holds the current state, so that two editors never overwrite
each other silently. A change that sets what is already stored is not a change (a double click
saves once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Engine, select

from claims import Claim, claim_from_json
from sources.db import article_claims, articles, audit, connect

from .model import STATUSES, ArticleCheck, ClaimCheck, Match, match_from_json


class ArticleNotFound(KeyError):
    """No article with that id."""


class ClaimNotFound(KeyError):
    """No claim with that id in the article."""


class ReviewConflict(Exception):
    """The claim changed since the editor loaded it; `current` is what is stored now."""

    def __init__(self, current: "ClaimState"):
        super().__init__(
            f"claim {current.claim.id} was changed by {current.reviewer or 'someone'} "
            f"at {current.reviewed_at:%Y-%m-%d %H:%M:%S} (now {current.status}"
            f"{': ' + current.note if current.note else ''}); reload before changing it"
            if current.reviewed_at else f"claim {current.claim.id} changed; reload before changing it"
        )
        self.current = current


@dataclass(frozen=True)
class ClaimState:
    """A claim as the desk holds it: the check, and the editor's review."""

    claim: Claim
    suggestion: str
    confidence: float
    reason: str
    matches: tuple[Match, ...]
    status: str = "unreviewed"
    note: str = ""
    evidence_source: str | None = None
    reviewer: str = ""
    reviewed_at: dt.datetime | None = None
    version: int = 1
    origin: str = "extracted"
    dismissed: bool = False

    @property
    def evidence(self) -> Match | None:
        """The record the editor chose as evidence, else the best match."""
        if self.evidence_source:
            for m in self.matches:
                if m.source_id == self.evidence_source:
                    return m
        return self.matches[0] if self.matches else None

    def review_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "note": self.note,
            "evidence_source": self.evidence_source,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "version": self.version,
            "dismissed": self.dismissed,
        }


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str
    language: str
    published: dt.date
    url: str
    created_by: str
    created_at: dt.datetime
    archived: bool
    claims: tuple[ClaimState, ...] = field(default=())
    unclaimed: tuple[dict[str, Any], ...] = field(default=())

    def claim(self, claim_id: str) -> ClaimState:
        for c in self.claims:
            if c.claim.id == claim_id:
                return c
        raise ClaimNotFound(claim_id)


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    published: dt.date
    language: str
    created_at: dt.datetime
    archived: bool
    total: int
    reviewed: int
    disputed: int
    reviewers: tuple[str, ...]

    @property
    def progress(self) -> str:
        return f"{self.reviewed}/{self.total} reviewed, {self.disputed} disputed"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class Desk:
    """Articles and their claims under review, on one database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> "Desk":
        return cls(connect(url))

    # ---- articles ---------------------------------------------------------------------

    def save(self, check: ArticleCheck, body: str, *, title: str = "", url: str = "", reviewer: str = "") -> int:
        """Store a checked article and its claims for review; returns the article id."""
        now = _now()
        title = title.strip() or _title_from(body)
        with self.engine.begin() as conn:
            article_id = conn.execute(articles.insert().values(
                title=title, body=body, language=check.extraction.language, published=check.extraction.published,
                url=url, created_by=reviewer, created_at=now, updated_at=now, archived=False,
                unclaimed=[u.to_json() for u in check.extraction.unclaimed],
            )).inserted_primary_key[0]
            if check.checks:
                conn.execute(article_claims.insert(), [
                    _claim_row(article_id, i, c) for i, c in enumerate(check.checks)
                ])
            conn.execute(audit.insert().values(
                at=now, actor=reviewer, entity="article", entity_id=str(article_id), action="create",
                before=None, after={"title": title, "claims": len(check.checks)},
            ))
        return article_id

    def articles(self, *, include_archived: bool = False) -> list[ArticleSummary]:
        c = article_claims
        with self.engine.connect() as conn:
            stmt = select(articles).order_by(articles.c.created_at.desc(), articles.c.id.desc())
            if not include_archived:
                stmt = stmt.where(articles.c.archived.is_(False))
            rows = conn.execute(stmt).all()
            stats: dict[int, dict[str, Any]] = {}
            for r in conn.execute(select(c.c.article_id, c.c.status, c.c.reviewer).where(c.c.dismissed.is_(False))):
                s = stats.setdefault(r.article_id, {"total": 0, "reviewed": 0, "disputed": 0, "reviewers": set()})
                s["total"] += 1
                s["reviewed"] += r.status != "unreviewed"
                s["disputed"] += r.status == "disputed"
                if r.reviewer:
                    s["reviewers"].add(r.reviewer)
        out = []
        for r in rows:
            s = stats.get(r.id, {"total": 0, "reviewed": 0, "disputed": 0, "reviewers": set()})
            out.append(ArticleSummary(r.id, r.title, r.published, r.language, r.created_at, r.archived,
                                      s["total"], s["reviewed"], s["disputed"], tuple(sorted(s["reviewers"]))))
        return out

    def load(self, article_id: int) -> Article:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise ArticleNotFound(article_id)
            claim_rows = conn.execute(
                select(article_claims).where(article_claims.c.article_id == article_id).order_by(article_claims.c.position)
            ).all()
        return Article(
            id=row.id, title=row.title, body=row.body, language=row.language, published=row.published,
            url=row.url, created_by=row.created_by, created_at=row.created_at, archived=row.archived,
            claims=tuple(_state(r) for r in claim_rows), unclaimed=tuple(row.unclaimed or ()),
        )

    def rename(self, article_id: int, title: str, *, reviewer: str) -> None:
        self._update_article(article_id, reviewer, "rename", title=title.strip() or "Untitled")

    def archive(self, article_id: int, *, reviewer: str, archived: bool = True) -> None:
        self._update_article(article_id, reviewer, "archive" if archived else "unarchive", archived=archived)

    def _update_article(self, article_id: int, reviewer: str, action: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise ArticleNotFound(article_id)
            before = {k: getattr(row, k) for k in values}
            conn.execute(articles.update().where(articles.c.id == article_id).values(updated_at=_now(), **values))
            conn.execute(audit.insert().values(at=_now(), actor=reviewer, entity="article", entity_id=str(article_id),
                                               action=action, before=before, after=values))

    # ---- reviewing claims -------------------------------------------------------------

    def review(
        self,
        article_id: int,
        claim_id: str,
        *,
        reviewer: str,
        status: str | None = None,
        note: str | None = None,
        evidence_source: str | None = None,
        dismissed: bool | None = None,
        expected_version: int | None = None,
    ) -> ClaimState:
        """Change a claim's status, note, evidence or dismissal; returns the stored state.

        With `expected_version`, the change is refused (`ReviewConflict`) if someone changed the claim
        since that version. Fields left as None keep their value.
        """
        if status is not None and status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)} (got {status!r})")
        if not reviewer.strip():
            raise ValueError("a reviewer name is needed to change a claim")
        with self.engine.begin() as conn:
            row = conn.execute(select(article_claims).where(
                article_claims.c.article_id == article_id, article_claims.c.claim_id == claim_id)).first()
            if row is None:
                if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                    raise ArticleNotFound(article_id)
                raise ClaimNotFound(claim_id)
            current = _state(row)
            if evidence_source is not None and evidence_source and evidence_source not in {m.source_id for m in current.matches}:
                raise ValueError(f"{evidence_source} is not among the records matched to {claim_id}")
            wanted = {
                "status": current.status if status is None else status,
                "note": current.note if note is None else note.strip(),
                "evidence_source": current.evidence_source if evidence_source is None else (evidence_source or None),
                "dismissed": current.dismissed if dismissed is None else dismissed,
            }
            if all(getattr(current, k) == v for k, v in wanted.items()):
                return current  # nothing changes: a repeated save is not a new version
            if expected_version is not None and expected_version != current.version:
                raise ReviewConflict(current)
            now = _now()
            result = conn.execute(article_claims.update().where(
                article_claims.c.pk == row.pk, article_claims.c.version == current.version,
            ).values(reviewer=reviewer, reviewed_at=now, version=current.version + 1, **wanted))
            if result.rowcount != 1:  # someone else wrote between our read and our write
                latest = conn.execute(select(article_claims).where(article_claims.c.pk == row.pk)).first()
                raise ReviewConflict(_state(latest))
            after = replace(current, reviewer=reviewer, reviewed_at=now, version=current.version + 1, **wanted)
            conn.execute(audit.insert().values(
                at=now, actor=reviewer, entity="claim", entity_id=f"{article_id}/{claim_id}", action="review",
                before=current.review_json(), after=after.review_json(),
            ))
        return after

    def audit_trail(self, article_id: int, claim_id: str | None = None) -> list[dict[str, Any]]:
        """Changes to a claim (or to the article and all its claims), oldest first."""
        with self.engine.connect() as conn:
            if claim_id:
                cond = (audit.c.entity == "claim") & (audit.c.entity_id == f"{article_id}/{claim_id}")
            else:
                cond = ((audit.c.entity == "article") & (audit.c.entity_id == str(article_id))) | (
                    (audit.c.entity == "claim") & audit.c.entity_id.startswith(f"{article_id}/"))
            rows = conn.execute(select(audit).where(cond).order_by(audit.c.id)).all()
        return [dict(r._mapping) for r in rows]


def _claim_row(article_id: int, position: int, check: ClaimCheck, origin: str = "extracted") -> dict[str, Any]:
    return {
        "article_id": article_id,
        "claim_id": check.claim.id,
        "position": position,
        "claim": check.claim.to_json(),
        "check": {
            "suggestion": check.suggestion,
            "confidence": check.confidence,
            "reason": check.reason,
            "matches": [m.to_json() for m in check.matches],
        },
        "status": "unreviewed",
        "note": "",
        "reviewer": "",
        "origin": origin,
        "dismissed": False,
        "version": 1,
    }


def _state(row: Any) -> ClaimState:
    check = row.check or {}
    return ClaimState(
        claim=claim_from_json(row.claim),
        suggestion=check.get("suggestion", "no_source"),
        confidence=float(check.get("confidence", 0)),
        reason=check.get("reason", ""),
        matches=tuple(match_from_json(m) for m in check.get("matches", [])),
        status=row.status,
        note=row.note or "",
        evidence_source=row.evidence_source,
        reviewer=row.reviewer or "",
        reviewed_at=row.reviewed_at,
        version=row.version,
        origin=row.origin,
        dismissed=row.dismissed,
    )


def _title_from(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            line = line.strip().lstrip("#").strip()
            return line[:120] + ("…" if len(line) > 120 else "")
    return "Untitled"

