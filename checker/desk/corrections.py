"""Claims an editor adds to an article on the desk: one the extractor missed, the parts of a split, the
whole of a merge (ids e1, e2, ...). The claims they take the place of are dismissed in the same
transaction, each step in the audit trail: either every new claim is added and every replaced one
dismissed, or nothing changes. `Desk.add_claims` checks its arguments and calls `insert_claims`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any, Mapping, Sequence

from sqlalchemy import Engine, func, select

from claims import CLAIM_TYPES
from sources.db import audit, writing

from ..model import ClaimCheck
from .rows import claim_row, now, state_from_values, state_of, write_review
from .state import ArticleNotFound, ClaimNotFound, ClaimState, ReviewConflict
from .tables import article_claims, articles


def insert_claims(
    engine: Engine,
    article_id: int,
    checks: Sequence[ClaimCheck],
    reviewer: str,
    origin: str,
    replaces: Mapping[str, int | None],
) -> list[ClaimState]:
    """Add `checks` to the article as new claims, dismissing the claims of `replaces` (id -> the
    version the editor saw, None: any), in one transaction; returns the new claims' states."""
    with writing(engine) as conn:
        row = conn.execute(select(articles.c.body).where(articles.c.id == article_id)).first()
        if row is None:
            raise ArticleNotFound(article_id)
        rows = conn.execute(select(article_claims).where(article_claims.c.article_id == article_id)).all()
        by_id = {r.claim_id: r for r in rows}
        live = [state_of(r) for r in rows if not r.dismissed and r.claim_id not in replaces]
        _check_new(row.body, live, checks)
        taken = [int(m.group(1)) for cid in by_id for m in [re.fullmatch(r"e(\d+)", cid)] if m]
        next_no = max(taken, default=0) + 1
        position = (
            conn.execute(
                select(func.max(article_claims.c.position)).where(article_claims.c.article_id == article_id)
            ).scalar()
            or 0
        ) + 1
        new_ids = [f"e{next_no + i}" for i in range(len(checks))]
        for claim_id, expected in replaces.items():
            _dismiss_replaced(conn, article_id, by_id.get(claim_id), claim_id, expected, reviewer, origin, new_ids)
        at = now()
        added = [
            _insert_new(conn, article_id, claim_id, check, position + i, reviewer, origin, list(replaces), at)
            for i, (claim_id, check) in enumerate(zip(new_ids, checks))
        ]
        conn.execute(articles.update().where(articles.c.id == article_id).values(updated_at=at))
    return added


def _check_new(body: str, live: Sequence[ClaimState], checks: Sequence[ClaimCheck]) -> None:
    """Refuse a claim of an unknown type, not where its text is, or already listed as a live claim."""
    for check in checks:
        c = check.claim
        if c.type not in CLAIM_TYPES:
            raise ValueError(f"claim type must be one of {', '.join(CLAIM_TYPES)}")
        if not (0 <= c.start < c.end <= len(body)) or body[c.start : c.end] != c.text:
            raise ValueError(f"«{c.text}» is not at {c.start}-{c.end} of the article")
        same = next((s for s in live if (s.claim.start, s.claim.end, s.claim.type) == (c.start, c.end, c.type)), None)
        if same is not None:
            raise ValueError(f"«{c.text}» is already listed as {same.claim.id}")


def _dismiss_replaced(
    conn,
    article_id: int,
    old: Any,
    claim_id: str,
    expected: int | None,
    reviewer: str,
    origin: str,
    new_ids: list[str],
) -> None:
    """Dismiss the claim that new ones replace (its row `old`), audited as the split or merge."""
    if old is None:
        raise ClaimNotFound(claim_id)
    current = state_of(old)
    if expected is not None and expected != current.version:
        raise ReviewConflict(current)
    if current.dismissed:
        raise ValueError(f"claim {claim_id} is already dismissed")
    write_review(
        conn,
        old.pk,
        current,
        reviewer,
        origin,
        f"{article_id}/{claim_id}",
        extra={"replaced_by": new_ids},
        status=current.status,
        note=current.note,
        evidence_source=current.evidence_source,
        dismissed=True,
    )


def _insert_new(
    conn,
    article_id: int,
    claim_id: str,
    check: ClaimCheck,
    position: int,
    reviewer: str,
    origin: str,
    replaces: list[str],
    at: dt.datetime,
) -> ClaimState:
    """Store one new claim under `claim_id`, with its audit entry; returns its state."""
    check = replace(check, claim=check.claim.with_id(claim_id))
    values = claim_row(article_id, position, check, origin=origin)
    conn.execute(article_claims.insert().values(**values))
    state = state_from_values(values)
    conn.execute(
        audit.insert().values(
            at=at,
            actor=reviewer,
            entity="claim",
            entity_id=f"{article_id}/{claim_id}",
            action="add",
            before=None,
            after={
                **state.review_json(),
                "type": check.claim.type,
                "text": check.claim.text,
                "start": check.claim.start,
                "end": check.claim.end,
                "origin": origin,
                "replaces": replaces,
            },
        )
    )
    return state
