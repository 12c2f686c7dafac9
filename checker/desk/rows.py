"""A claim's stored row and the desk's one way of changing it.

`state_of` reads a row of `article_claims` as a `ClaimState`, `claim_row` makes the row of a new
claim, and `write_review` stores a change of a claim's review: the row updated only if it is still
at the version read (else `ReviewConflict`), an audit entry with the state before and after, and the
index of reviewed claims kept in step, all in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace
from typing import Any, Mapping

from sqlalchemy import select

from claims import claim_from_json
from sources.db import audit

from ..model import ClaimCheck, Reason, match_from_json, reason_from_json
from . import memory_index
from .state import ArticleNotFound, ClaimNotFound, ClaimState, ReviewConflict, check_json
from .tables import article_claims, articles


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def write_review(
    conn,
    pk: int,
    current: ClaimState,
    reviewer: str,
    action: str,
    entity_id: str,
    extra: Mapping[str, Any] | None = None,
    **wanted: Any,
) -> ClaimState:
    """Store `wanted` (status, note, evidence_source, dismissed) on the claim at row `pk`, read as
    `current`; returns the state stored."""
    at = now()
    result = conn.execute(
        article_claims.update()
        .where(
            article_claims.c.pk == pk,
            article_claims.c.version == current.version,
        )
        .values(reviewer=reviewer, reviewed_at=at, version=current.version + 1, **wanted)
    )
    if result.rowcount != 1:  # someone else wrote between our read and our write
        latest = conn.execute(select(article_claims).where(article_claims.c.pk == pk)).first()
        raise ReviewConflict(state_of(latest))
    after = replace(current, reviewer=reviewer, reviewed_at=at, version=current.version + 1, **wanted)
    conn.execute(
        audit.insert().values(
            at=at,
            actor=reviewer,
            entity="claim",
            entity_id=entity_id,
            action=action,
            before=current.review_json(),
            after={**after.review_json(), **(extra or {})},
        )
    )
    memory_index.sync_review(conn, pk, current, after)  # the index of reviewed claims, in the same transaction
    return after


def claim_row(article_id: int, position: int, check: ClaimCheck, origin: str = "extracted") -> dict[str, Any]:
    return {
        "article_id": article_id,
        "claim_id": check.claim.id,
        "position": position,
        "claim": check.claim.to_json(),
        "check": check_json(check.suggestion, check.confidence, check.reason, check.reason_parts, check.matches),
        "status": "unreviewed",
        "note": "",
        "evidence_source": None,
        "reviewer": "",
        "reviewed_at": None,
        "origin": origin,
        "dismissed": False,
        "version": 1,
    }


def _stored_reason(data: Any) -> Reason:
    """The parts of a stored check; () when there are none or they cannot be read, so that the
    claim still opens with its English reason."""
    try:
        return reason_from_json(data)
    except (ValueError, TypeError):
        return ()


def state_from_values(values: Mapping[str, Any]) -> ClaimState:
    return state_of(SimpleNamespace(**values))


def state_of(row: Any) -> ClaimState:
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
        reason_parts=_stored_reason(check.get("reason_parts")),
    )


def title_from(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            line = line.strip().lstrip("#").strip()
            return line[:120] + ("…" if len(line) > 120 else "")
    return "Untitled"


def stored_claim(conn, article_id: int, claim_id: str):
    """The stored row of a claim; ArticleNotFound or ClaimNotFound when there is none."""
    row = conn.execute(
        select(article_claims).where(article_claims.c.article_id == article_id, article_claims.c.claim_id == claim_id)
    ).first()
    if row is None:
        if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
            raise ArticleNotFound(article_id)
        raise ClaimNotFound(claim_id)
    return row
