"""The review desk: articles under check, each claim's status, note, evidence and audit trail.

Every change is stored at once with who and when, and written to the audit trail with the state
before and after. Each claim carries a version number: a change made against an older version is
refused with `ReviewConflict`, which holds the current state, so that two editors never overwrite
each other silently. A change that sets what is already stored is not a change (a double click
saves once).

Nothing is deleted: a false claim is dismissed (it stays listed, marked dismissed, and can be
restored); splitting or merging spans dismisses the old claims and adds new ones (ids e1, e2, ...),
each step in the audit trail. `article_state` / `Desk.import_state` write and read the whole state of
an article (the JSON report), so that an article can move between databases and come back the same.

Beside the desk: checker/desk/state.py (what it holds, as values), rows.py (a claim's stored row
and the one way of changing it), corrections.py (claims an editor adds), transfer.py (the whole
state of an article, out and back in).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Mapping

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from sources.db import audit, connect, row_problem, without_nul, writing

from ..model import MAX_CLAIMS, STATUSES, ArticleCheck, ClaimCheck
from .corrections import insert_claims
from .rows import claim_row, now, state_of, stored_claim, title_from, write_review
from .state import ORIGINS, Article, ArticleNotFound, ArticleSummary, ClaimState, ReviewConflict
from .tables import article_claims, articles, ensure_tables, report_history
from .transfer import article_state, import_article


class Desk:
    """Articles and their claims under review, on one database."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_tables(engine)

    @classmethod
    def open(cls, url: str | None = None) -> "Desk":
        return cls(connect(url))

    # ---- articles ---------------------------------------------------------------------

    def save(
        self,
        check: ArticleCheck,
        body: str,
        *,
        title: str = "",
        url: str = "",
        reviewer: str = "",
        author: str = "",
        published_from: str = "",
    ) -> int:
        """Store a checked article and its claims for review; returns the article id.

        Refused (ValueError) when the text holds a NUL character (checker.inputs removes them before
        the claims are found, whose offsets depend on it) or a claim id is too long to store.
        """
        at = now()
        _refuse_unstorable(check, body)
        title = without_nul(title).strip() or title_from(body)
        url, reviewer = without_nul(url), without_nul(reviewer)
        with writing(self.engine) as conn:
            article_id = conn.execute(
                articles.insert().values(
                    title=title,
                    body=body,
                    language=check.extraction.language,
                    published=check.extraction.published,
                    url=url.strip(),
                    created_by=reviewer,
                    created_at=at,
                    updated_at=at,
                    archived=False,
                    unclaimed=[u.to_json() for u in check.extraction.unclaimed],
                    meta={"author": " ".join(author.split())[:300], "published_from": published_from},
                )
            ).inserted_primary_key[0]
            if check.checks:
                conn.execute(article_claims.insert(), [claim_row(article_id, i, c) for i, c in enumerate(check.checks)])
            conn.execute(
                audit.insert().values(
                    at=at,
                    actor=reviewer,
                    entity="article",
                    entity_id=str(article_id),
                    action="create",
                    before=None,
                    after={"title": title, "claims": len(check.checks)},
                )
            )
        return article_id

    def articles(self, *, include_archived: bool = False) -> list[ArticleSummary]:
        c = article_claims
        with self.engine.connect() as conn:
            stmt = select(
                articles.c.id,
                articles.c.title,
                articles.c.published,
                articles.c.language,
                articles.c.created_at,
                articles.c.archived,
                articles.c.url,
            ).order_by(articles.c.created_at.desc(), articles.c.id.desc())
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
            out.append(
                ArticleSummary(
                    r.id,
                    r.title,
                    r.published,
                    r.language,
                    r.created_at,
                    r.archived,
                    s["total"],
                    s["reviewed"],
                    s["disputed"],
                    tuple(sorted(s["reviewers"])),
                    r.url,
                )
            )
        return out

    def find(self, title: str, body: str) -> int | None:
        """The id of an article not archived with this title and this text (the oldest), else None."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(articles.c.id)
                .where(
                    articles.c.title == title,
                    articles.c.body == body,
                    articles.c.archived.is_(False),
                )
                .order_by(articles.c.id)
                .limit(1)
            ).scalar()

    def load(self, article_id: int) -> Article:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise ArticleNotFound(article_id)
            claim_rows = conn.execute(
                select(article_claims)
                .where(article_claims.c.article_id == article_id)
                .order_by(article_claims.c.position)
            ).all()
        states = sorted((state_of(r) for r in claim_rows), key=lambda s: (s.claim.start, -s.claim.end))
        return Article(
            id=row.id,
            title=row.title,
            body=row.body,
            language=row.language,
            published=row.published,
            url=row.url,
            created_by=row.created_by,
            created_at=row.created_at,
            archived=row.archived,
            claims=tuple(states),
            unclaimed=tuple(row.unclaimed or ()),
            author=str((row.meta or {}).get("author") or ""),
            published_from=str((row.meta or {}).get("published_from") or ""),
            imported=(row.meta or {}).get("imported"),
        )

    def rename(self, article_id: int, title: str, *, reviewer: str) -> None:
        title = " ".join(without_nul(title).split())
        if not title:
            raise ValueError("the title is empty")
        if len(title) > 300:
            raise ValueError("the title is longer than 300 characters")
        self._update_article(article_id, reviewer, "rename", title=title)

    def archive(self, article_id: int, *, reviewer: str, archived: bool = True) -> None:
        self._update_article(article_id, reviewer, "archive" if archived else "unarchive", archived=archived)

    def _update_article(self, article_id: int, reviewer: str, action: str, **values: Any) -> None:
        reviewer = without_nul(reviewer)
        if not reviewer.strip():
            raise ValueError("a reviewer name is needed to change an article")
        with writing(self.engine) as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise ArticleNotFound(article_id)
            before = {k: getattr(row, k) for k in values}
            if before == values:
                return  # nothing changes: not an entry in the audit trail
            conn.execute(articles.update().where(articles.c.id == article_id).values(updated_at=now(), **values))
            conn.execute(
                audit.insert().values(
                    at=now(),
                    actor=reviewer,
                    entity="article",
                    entity_id=str(article_id),
                    action=action,
                    before=before,
                    after=values,
                )
            )

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
        reviewer = without_nul(reviewer).strip()  # NUL: no database stores it alike (see db.without_nul)
        if not reviewer:
            raise ValueError("a reviewer name is needed to change a claim")
        note = None if note is None else without_nul(note)
        with writing(self.engine) as conn:
            row = stored_claim(conn, article_id, claim_id)
            current = state_of(row)
            if (
                evidence_source is not None
                and evidence_source
                and evidence_source not in {m.source_id for m in current.matches}
            ):
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
            if current.dismissed and wanted["dismissed"] and wanted["status"] != current.status:
                raise ValueError(f"claim {claim_id} is dismissed; restore it before changing its status")
            action = "review"
            if wanted["dismissed"] != current.dismissed:
                action = "dismiss" if wanted["dismissed"] else "restore"
            after = write_review(conn, row.pk, current, reviewer, action, f"{article_id}/{claim_id}", **wanted)
        return after

    def reuse(
        self, article_id: int, claim_id: str, verdict: str, *, reviewer: str, expected_version: int | None = None
    ) -> ClaimState:
        """Mark a claim with an earlier verdict's status, note and source, in one audited change.

        `verdict` is the verdict match's `source_id` ("A12/c3"). The evidence is the record the
        earlier review rested on when it is among this claim's matches, else the earlier verdict
        itself. Refused when that verdict has changed since (reversed, dismissed) or the version is stale.
        """
        if not reviewer.strip():
            raise ValueError("a reviewer name is needed to change a claim")
        reviewer = reviewer.strip()
        with writing(self.engine) as conn:
            row = stored_claim(conn, article_id, claim_id)
            current = state_of(row)
            m = next((m for m in current.matches if m.verdict is not None and m.source_id == verdict), None)
            if m is None or m.verdict is None:
                raise ValueError(f"{verdict} is not an earlier verdict matched to {claim_id}")
            v = m.verdict
            past = conn.execute(
                select(article_claims.c.status, article_claims.c.dismissed, article_claims.c.note).where(
                    article_claims.c.article_id == v.article_id, article_claims.c.claim_id == v.claim_id
                )
            ).first()
            if past is None or past.dismissed or past.status != v.status:
                status_now = "deleted" if past is None else "dismissed" if past.dismissed else past.status
                raise ValueError(
                    f"the earlier verdict on {verdict} is now {status_now}, not {v.status}: review this claim yourself"
                )
            if current.dismissed:
                raise ValueError(f"claim {claim_id} is dismissed; restore it before changing its status")
            if expected_version is not None and expected_version != current.version:
                raise ReviewConflict(current)
            records_matched = {x.source_id for x in current.matches if x.verdict is None}
            evidence = v.evidence_source if v.evidence_source in records_matched else m.source_id
            wanted = {"status": v.status, "note": past.note or "", "evidence_source": evidence, "dismissed": False}
            if all(getattr(current, k) == val for k, val in wanted.items()):
                return current
            return write_review(
                conn,
                row.pk,
                current,
                reviewer,
                "reuse",
                f"{article_id}/{claim_id}",
                extra={
                    "reused_from": {
                        "article_id": v.article_id,
                        "claim_id": v.claim_id,
                        "status": v.status,
                        "reviewer": v.reviewer,
                        "reviewed_at": v.reviewed_at.isoformat() if v.reviewed_at else None,
                        "evidence_source": v.evidence_source,
                    }
                },
                **wanted,
            )

    def note_promotion(self, article_id: int, claim_id: str, record_id: str, *, reviewer: str) -> None:
        """Write in the claim's audit trail that it became the library record `record_id`."""
        with writing(self.engine) as conn:
            conn.execute(
                audit.insert().values(
                    at=now(),
                    actor=reviewer.strip(),
                    entity="claim",
                    entity_id=f"{article_id}/{claim_id}",
                    action="promote",
                    before=None,
                    after={"record": record_id},
                )
            )

    def add_claims(
        self,
        article_id: int,
        checks: Iterable[ClaimCheck],
        *,
        reviewer: str,
        origin: str = "editor",
        replaces: Mapping[str, int | None] | None = None,
    ) -> list[ClaimState]:
        """Add claims an editor marked (ids e1, e2, ...), dismissing the claims they replace.

        `replaces` maps the id of each claim that the new ones take the place of (a split or a merge)
        to the version the editor saw (None: any). All of it is one transaction: either every new
        claim is added and every replaced one dismissed, or nothing changes.
        """
        checks = list(checks)
        replaces = dict(replaces or {})
        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {', '.join(ORIGINS)}")
        reviewer = without_nul(reviewer)
        if not reviewer.strip():
            raise ValueError("a reviewer name is needed to change a claim")
        if not checks:
            raise ValueError("no claim to add")
        reviewer = reviewer.strip()
        for attempt in range(3):
            try:
                return insert_claims(self.engine, article_id, checks, reviewer, origin, replaces)
            except IntegrityError:  # another editor took the same new id at the same moment
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def audit_trail(self, article_id: int, claim_id: str | None = None) -> list[dict[str, Any]]:
        """Changes to a claim (or to the article and all its claims), oldest first."""
        with self.engine.connect() as conn:
            if claim_id:
                cond = (audit.c.entity == "claim") & (audit.c.entity_id == f"{article_id}/{claim_id}")
            else:
                cond = ((audit.c.entity == "article") & (audit.c.entity_id == str(article_id))) | (
                    (audit.c.entity == "claim") & audit.c.entity_id.startswith(f"{article_id}/", autoescape=True)
                )
            rows = conn.execute(select(audit).where(cond).order_by(audit.c.id)).all()
        return [dict(r._mapping) for r in rows]

    # ---- whole state: export and import ------------------------------------------------

    def export_state(self, article_id: int, *, exported_at: dt.datetime | None = None) -> dict[str, Any]:
        return article_state(
            self.load(article_id),
            self.audit_trail(article_id),
            exported_at=exported_at,
            quoted=self.quoted_history(article_id),
        )

    def import_state(self, data: Mapping[str, Any], *, reviewer: str) -> int:
        """Store an article written by `article_state` (the JSON report) as a new article; returns its id.

        Every value is checked first (checker/desk/report_import.py): a report that does not hold is
        refused whole (`InputError`, one line) and nothing is written. Claims keep their ids,
        statuses, notes, reviewers, versions and dismissals as the report gives them. The audit trail
        records the import, by `reviewer`: one entry for the article, one for each claim (what the
        report gave it). The report's own audit trail says what happened elsewhere, as the report
        tells it: it is kept apart as quoted history (`quoted_history`), never written into the trail.
        """
        return import_article(self.engine, data, reviewer=reviewer)

    def quoted_history(self, article_id: int, claim_id: str | None = None) -> list[dict[str, Any]]:
        """The audit trail an imported report carried, as that report tells it (nothing here can check
        it), oldest first: of one claim, or of the whole article. Empty for an article not imported."""
        h = report_history
        cond = h.c.article_id == article_id
        if claim_id:
            cond = cond & (h.c.claim_id == claim_id)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(h.c.at, h.c.actor, h.c.entity, h.c.entity_id, h.c.action, h.c.before, h.c.after)
                .where(cond)
                .order_by(h.c.position)
            ).all()
        return [dict(r._mapping) for r in rows]


def _refuse_unstorable(check: ArticleCheck, body: str) -> None:
    """ValueError for an article the desk cannot store: too many claims, a NUL character in its text
    (checker.inputs removes them before the claims are found, whose offsets depend on it), or a claim
    id too long for its column."""
    if len(check.checks) > MAX_CLAIMS:
        raise ValueError(f"the article has {len(check.checks):,} claims; the desk takes at most {MAX_CLAIMS:,}")
    if "\x00" in body:
        raise ValueError(
            "the article text holds NUL characters, which cannot be stored; remove them and check it again"
        )
    for c in check.checks:
        problem = row_problem(article_claims, {"claim_id": c.claim.id})
        if problem:
            raise ValueError(f"claim {c.claim.id[:40]!r}: {problem.replace('claim_id', 'its id')}")
