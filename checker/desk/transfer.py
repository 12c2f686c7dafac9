"""An article moving between databases: its whole state written out as plain JSON (`article_state`,
the JSON report) and a report read back in as a new article (`import_article`, behind
`Desk.import_state`), so that an article can leave a database and come back the same.

Every value of a report is checked first (checker/desk/report_import.py). The report's own audit
trail is kept apart as quoted history (`report_history`), never written into this desk's trail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Mapping

from sqlalchemy import Engine, select

from sources.db import audit, without_nul, writing

from . import memory_index
from .report_import import ReportState, read_report
from .rows import now
from .state import STATE_FORMAT, STATE_VERSION, Article
from .tables import article_claims, articles, report_history


def article_state(
    article: Article,
    trail: Iterable[Mapping[str, Any]] = (),
    *,
    exported_at: dt.datetime | None = None,
    quoted: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Everything the desk holds about an article, as JSON values (read back by `Desk.import_state`):
    `audit` is this database's trail of the article; `quoted_history` the trail an earlier report
    carried when the article was imported (quoted again, never as this database's own)."""
    return {
        "format": STATE_FORMAT,
        "format_version": STATE_VERSION,
        "exported_at": (exported_at or now()).isoformat(),
        "article": {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "language": article.language,
            "published": article.published.isoformat(),
            "created_by": article.created_by,
            "created_at": article.created_at.isoformat(),
            "archived": article.archived,
            "body": article.body,
            "unclaimed": list(article.unclaimed),
            "author": article.author,
            "published_from": article.published_from,
        },
        "claims": [
            {
                "claim": c.claim.to_json(),
                "check": c.check_json(),
                "review": {**c.review_json(), "origin": c.origin},
            }
            for c in article.claims
        ],
        "audit": [_entry_json(t) for t in trail],
        "quoted_history": [_entry_json(t) for t in quoted],
    }


def _entry_json(t: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "at": _iso(t["at"]),
        "actor": t["actor"],
        "entity": t["entity"],
        "entity_id": t["entity_id"],
        "action": t["action"],
        "before": t["before"],
        "after": t["after"],
    }


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def import_article(engine: Engine, data: Mapping[str, Any], *, reviewer: str) -> int:
    """Store a report written by `article_state` as a new article (see `Desk.import_state`); returns its id."""
    reviewer = without_nul(reviewer).strip()
    if not reviewer:
        raise ValueError("a reviewer name is needed to import an article")
    state = read_report(data)
    at = now()
    reported = state.article
    imported = {
        "by": reviewer,
        "at": at.isoformat(),
        "from_id": state.from_id,
        "exported_at": state.exported_at.isoformat() if state.exported_at else None,
        "created_by": reported["created_by"],
        "created_at": reported["created_at"].isoformat(),
    }
    article = {
        **reported,
        "created_by": reviewer,
        "created_at": at,
        "updated_at": at,
        "meta": {**reported["meta"], "imported": imported},
    }
    with writing(engine) as conn:
        article_id = conn.execute(articles.insert().values(**article)).inserted_primary_key[0]
        if state.claims:
            conn.execute(article_claims.insert(), [{**r, "article_id": article_id} for r in state.claims])
            memory_index.sync(
                conn, conn.scalars(select(article_claims.c.pk).where(article_claims.c.article_id == article_id))
            )
        if state.history:
            conn.execute(report_history.insert(), _quoted_rows(state, article_id))
        conn.execute(
            audit.insert().values(
                at=at,
                actor=reviewer,
                entity="article",
                entity_id=str(article_id),
                action="import",
                before=None,
                after={
                    "from_id": state.from_id,
                    "claims": len(state.claims),
                    "quoted_history": len(state.history),
                    "exported_at": imported["exported_at"],
                },
            )
        )
        if state.claims:
            conn.execute(audit.insert(), _claim_entries(state, article_id, reviewer, at))
    return article_id


def _quoted_rows(state: ReportState, article_id: int) -> list[dict[str, Any]]:
    """The report's history as rows of `report_history`, in the report's order."""
    return [
        {
            **entry,
            "article_id": article_id,
            "position": n,
            "claim_id": entry["entity_id"].partition("/")[2] if entry["entity"] == "claim" else None,
        }
        for n, entry in enumerate(state.history)
    ]


def _claim_entries(state: ReportState, article_id: int, reviewer: str, at: dt.datetime) -> list[dict[str, Any]]:
    """One audit entry a claim: imported by `reviewer`, with what the report gave it."""
    return [
        {
            "at": at,
            "actor": reviewer,
            "entity": "claim",
            "entity_id": f"{article_id}/{r['claim_id']}",
            "action": "import",
            "before": None,
            "after": {
                "status": r["status"],
                "note": r["note"],
                "evidence_source": r["evidence_source"],
                "dismissed": r["dismissed"],
                "version": r["version"],
                "origin": r["origin"],
                "reported_reviewer": r["reviewer"],
                "reported_at": r["reviewed_at"].isoformat() if r["reviewed_at"] else None,
            },
        }
        for r in state.claims
    ]
