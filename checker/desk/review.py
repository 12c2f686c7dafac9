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
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any, Iterable, Mapping

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from claims import CLAIM_TYPES, Claim, claim_from_json
from sources.db import audit, connect, row_problem, without_nul, writing

from ..model import (
    MAX_CLAIMS,
    STATUSES,
    ArticleCheck,
    ClaimCheck,
    Match,
    Reason,
    match_from_json,
    reason_from_json,
    reason_to_json,
)
from ..verdict import render_reason
from . import memory
from .tables import article_claims, articles, ensure_tables, report_history

STATE_FORMAT = "factcheck-article"
STATE_VERSION = 1
ORIGINS = ("extracted", "editor", "split", "merge", "imported")


class ArticleNotFound(KeyError):
    """No article with that id."""


class ClaimNotFound(KeyError):
    """No claim with that id in the article."""


class ReviewConflict(Exception):
    """The claim changed since the editor loaded it; `current` is what is stored now."""

    def __init__(self, current: "ClaimState"):
        super().__init__(
            f"claim {current.claim.id} was changed by {current.reviewer or 'someone'} "
            f"at {current.reviewed_at:%Y-%m-%d %H:%M:%S} (now {'dismissed' if current.dismissed else current.status}"
            f"{': ' + current.note if current.note else ''}); reload before changing it"
            if current.reviewed_at
            else f"claim {current.claim.id} changed; reload before changing it"
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
    # The reason as parts, to write it in the reader's language; () for checks stored before they
    # were kept (their English `reason` is shown).
    reason_parts: Reason = ()

    def reason_in(self, words: Mapping[str, str] | None = None) -> str:
        """The reason in the language of `words` (flat "reason.*" keys, as checker/messages gives them).

        The stored English text when there are no parts, or when they name a template this version
        does not know (a check stored by a newer workbench).
        """
        if self.reason_parts:
            try:
                return render_reason(self.reason_parts, words)
            except (KeyError, ValueError, IndexError):
                pass
        return self.reason

    @property
    def evidence(self) -> Match | None:
        """The record (or earlier verdict) the editor chose as evidence, else the best record, else the
        best match."""
        if self.evidence_source:
            for m in self.matches:
                if m.source_id == self.evidence_source:
                    return m
        return next((m for m in self.matches if m.verdict is None), self.matches[0] if self.matches else None)

    @property
    def shown_status(self) -> str:
        """The status, or "dismissed" for a dismissed claim (what tables and reports show)."""
        return "dismissed" if self.dismissed else self.status

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

    def check_json(self) -> dict[str, Any]:
        return _check_json(self.suggestion, self.confidence, self.reason, self.reason_parts, self.matches)


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
    author: str = ""  # the article's author or publisher, as the article gives them
    published_from: str = ""  # where the publication date came from (checker.inputs.DATE_SOURCES)
    # For an article imported from a report: who imported it and when, and what the report said of
    # its origin (its id there, when it was exported, who created it then); None otherwise.
    imported: Mapping[str, Any] | None = None

    def claim(self, claim_id: str) -> ClaimState:
        for c in self.claims:
            if c.claim.id == claim_id:
                return c
        raise ClaimNotFound(claim_id)

    @property
    def live(self) -> tuple[ClaimState, ...]:
        """The claims under review (not dismissed), in reading order."""
        return tuple(c for c in self.claims if not c.dismissed)

    @property
    def reviewers(self) -> tuple[str, ...]:
        return tuple(sorted({c.reviewer for c in self.claims if c.reviewer}))


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
    url: str = ""

    @property
    def progress(self) -> str:
        return f"{self.reviewed}/{self.total} reviewed, {self.disputed} disputed"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


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
        now = _now()
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
        title = without_nul(title).strip() or _title_from(body)
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
                    created_at=now,
                    updated_at=now,
                    archived=False,
                    unclaimed=[u.to_json() for u in check.extraction.unclaimed],
                    meta={"author": " ".join(author.split())[:300], "published_from": published_from},
                )
            ).inserted_primary_key[0]
            if check.checks:
                conn.execute(
                    article_claims.insert(), [_claim_row(article_id, i, c) for i, c in enumerate(check.checks)]
                )
            conn.execute(
                audit.insert().values(
                    at=now,
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
        states = sorted((_state(r) for r in claim_rows), key=lambda s: (s.claim.start, -s.claim.end))
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
            conn.execute(articles.update().where(articles.c.id == article_id).values(updated_at=_now(), **values))
            conn.execute(
                audit.insert().values(
                    at=_now(),
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
            row = _stored_claim(conn, article_id, claim_id)
            current = _state(row)
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
            after = self._write(conn, row.pk, current, reviewer, action, f"{article_id}/{claim_id}", **wanted)
        return after

    def _write(
        self,
        conn,
        pk: int,
        current: ClaimState,
        reviewer: str,
        action: str,
        entity_id: str,
        extra: Mapping[str, Any] | None = None,
        **wanted: Any,
    ) -> ClaimState:
        now = _now()
        result = conn.execute(
            article_claims.update()
            .where(
                article_claims.c.pk == pk,
                article_claims.c.version == current.version,
            )
            .values(reviewer=reviewer, reviewed_at=now, version=current.version + 1, **wanted)
        )
        if result.rowcount != 1:  # someone else wrote between our read and our write
            latest = conn.execute(select(article_claims).where(article_claims.c.pk == pk)).first()
            raise ReviewConflict(_state(latest))
        after = replace(current, reviewer=reviewer, reviewed_at=now, version=current.version + 1, **wanted)
        conn.execute(
            audit.insert().values(
                at=now,
                actor=reviewer,
                entity="claim",
                entity_id=entity_id,
                action=action,
                before=current.review_json(),
                after={**after.review_json(), **(extra or {})},
            )
        )
        memory.sync_review(conn, pk, current, after)  # the index of reviewed claims, in the same transaction
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
            row = _stored_claim(conn, article_id, claim_id)
            current = _state(row)
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
                now = "deleted" if past is None else "dismissed" if past.dismissed else past.status
                raise ValueError(
                    f"the earlier verdict on {verdict} is now {now}, not {v.status}: review this claim yourself"
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
            return self._write(
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
                    at=_now(),
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
                return self._add_claims(article_id, checks, reviewer, origin, replaces)
            except IntegrityError:  # another editor took the same new id at the same moment
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _add_claims(self, article_id, checks, reviewer, origin, replaces) -> list[ClaimState]:
        with writing(self.engine) as conn:
            row = conn.execute(select(articles.c.body).where(articles.c.id == article_id)).first()
            if row is None:
                raise ArticleNotFound(article_id)
            body = row.body
            rows = conn.execute(select(article_claims).where(article_claims.c.article_id == article_id)).all()
            by_id = {r.claim_id: r for r in rows}
            live = [_state(r) for r in rows if not r.dismissed and r.claim_id not in replaces]
            for check in checks:
                c = check.claim
                if c.type not in CLAIM_TYPES:
                    raise ValueError(f"claim type must be one of {', '.join(CLAIM_TYPES)}")
                if not (0 <= c.start < c.end <= len(body)) or body[c.start : c.end] != c.text:
                    raise ValueError(f"«{c.text}» is not at {c.start}-{c.end} of the article")
                same = next(
                    (s for s in live if (s.claim.start, s.claim.end, s.claim.type) == (c.start, c.end, c.type)), None
                )
                if same is not None:
                    raise ValueError(f"«{c.text}» is already listed as {same.claim.id}")
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
                old = by_id.get(claim_id)
                if old is None:
                    raise ClaimNotFound(claim_id)
                current = _state(old)
                if expected is not None and expected != current.version:
                    raise ReviewConflict(current)
                if current.dismissed:
                    raise ValueError(f"claim {claim_id} is already dismissed")
                self._write(
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
            now = _now()
            added = []
            for i, (claim_id, check) in enumerate(zip(new_ids, checks)):
                check = replace(check, claim=check.claim.with_id(claim_id))
                values = _claim_row(article_id, position + i, check, origin=origin)
                conn.execute(article_claims.insert().values(**values))
                state = _state_from_values(values)
                conn.execute(
                    audit.insert().values(
                        at=now,
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
                            "replaces": list(replaces),
                        },
                    )
                )
                added.append(state)
            conn.execute(articles.update().where(articles.c.id == article_id).values(updated_at=now))
        return added

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
        from .report_import import read_report

        reviewer = without_nul(reviewer).strip()
        if not reviewer:
            raise ValueError("a reviewer name is needed to import an article")
        state = read_report(data)
        now = _now()
        reported = state.article
        imported = {
            "by": reviewer,
            "at": now.isoformat(),
            "from_id": state.from_id,
            "exported_at": state.exported_at.isoformat() if state.exported_at else None,
            "created_by": reported["created_by"],
            "created_at": reported["created_at"].isoformat(),
        }
        article = {
            **reported,
            "created_by": reviewer,
            "created_at": now,
            "updated_at": now,
            "meta": {**reported["meta"], "imported": imported},
        }
        with writing(self.engine) as conn:
            article_id = conn.execute(articles.insert().values(**article)).inserted_primary_key[0]
            if state.claims:
                conn.execute(article_claims.insert(), [{**r, "article_id": article_id} for r in state.claims])
                memory.sync(
                    conn, conn.scalars(select(article_claims.c.pk).where(article_claims.c.article_id == article_id))
                )
            if state.history:
                conn.execute(
                    report_history.insert(),
                    [
                        {
                            **entry,
                            "article_id": article_id,
                            "position": n,
                            "claim_id": entry["entity_id"].partition("/")[2] if entry["entity"] == "claim" else None,
                        }
                        for n, entry in enumerate(state.history)
                    ],
                )
            conn.execute(
                audit.insert().values(
                    at=now,
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
                conn.execute(
                    audit.insert(),
                    [
                        {
                            "at": now,
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
                    ],
                )
        return article_id

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


# ---- the state of an article as plain JSON ---------------------------------------------------


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
        "exported_at": (exported_at or _now()).isoformat(),
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


def _claim_row(article_id: int, position: int, check: ClaimCheck, origin: str = "extracted") -> dict[str, Any]:
    return {
        "article_id": article_id,
        "claim_id": check.claim.id,
        "position": position,
        "claim": check.claim.to_json(),
        "check": _check_json(check.suggestion, check.confidence, check.reason, check.reason_parts, check.matches),
        "status": "unreviewed",
        "note": "",
        "evidence_source": None,
        "reviewer": "",
        "reviewed_at": None,
        "origin": origin,
        "dismissed": False,
        "version": 1,
    }


def _check_json(
    suggestion: str, confidence: float, reason: str, reason_parts: Reason, matches: Iterable[Match]
) -> dict[str, Any]:
    """A check as stored in `article_claims.check` and written in the JSON report."""
    out = {
        "suggestion": suggestion,
        "confidence": round(confidence, 3),
        "reason": reason,
        "matches": [m.to_json() for m in matches],
    }
    if reason_parts:
        out["reason_parts"] = reason_to_json(reason_parts)
    return out


def _stored_reason(data: Any) -> Reason:
    """The parts of a stored check; () when there are none or they cannot be read, so that the
    claim still opens with its English reason."""
    try:
        return reason_from_json(data)
    except (ValueError, TypeError):
        return ()


def _state_from_values(values: Mapping[str, Any]) -> ClaimState:
    return _state(SimpleNamespace(**values))


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
        reason_parts=_stored_reason(check.get("reason_parts")),
    )


def _title_from(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            line = line.strip().lstrip("#").strip()
            return line[:120] + ("…" if len(line) > 120 else "")
    return "Untitled"


def _stored_claim(conn, article_id: int, claim_id: str):
    """The stored row of a claim; ArticleNotFound or ClaimNotFound when there is none."""
    row = conn.execute(
        select(article_claims).where(article_claims.c.article_id == article_id, article_claims.c.claim_id == claim_id)
    ).first()
    if row is None:
        if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
            raise ArticleNotFound(article_id)
        raise ClaimNotFound(claim_id)
    return row
