"""The newsroom's memory: claims the desk already verified or disputed come back with their verdict.

When an article is checked, each claim is looked up among the reviewed claims of earlier articles
(`reviewed_claims`, `reviewed_claim_terms` in checker/desk/tables.py), through indexes only:
- the same value: an amount overlapping the claim's bounds in its currency (index on currency, low),
  a date period around the claim's (index on the first day), the same name key or speaker key;
- the same subject: earlier claims of the same type whose sentence named the names around this claim
  (a quote: its speaker and its longest words), newest first, at most PER_TERM per look-up.
The best CANDIDATES per claim are compared exactly like library records (`checker.scoring.match_record`, the
earlier claim's sentence as the excerpt and its values as the record's), so "4 milliards de dollars"
finds the "$4 billion" verified in English, "$8 billion" finds it as a conflict, and a French quote
finds its English original by look-alike words or with the translation model. Only matches that
agree or conflict, about the claim's subject, are kept: at most MAX_VERDICTS, placed before the
records, as matches whose `verdict` says who reviewed what, when, with which note and source.

The suggestion then (`explain`): an agreeing verified claim supports ("the desk verified this on
..."); an agreeing disputed claim, or a verified one that conflicts, is a warning, and the
suggestion is at best *needs review*; a verdict whose source record was deleted since says so and
supports nothing by itself. `refresh` tells, when a stored check is shown later, which of its
verdicts were reversed since (the earlier claim's status changed, or it was dismissed).

The index is derived data, kept by checker/desk/memory_index.py (`sync` in each desk transaction,
`ensure` and `rebuild` when it has fallen behind). The archive's `search` (the archive page and
`python -m checker claims search`) is in checker/desk/archive.py; `promote_claim`
(checker/service.py) turns a verified claim into a library record.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from dataclasses import replace
from typing import Any, Sequence

from sqlalchemy import Engine, and_, bindparam, or_, select

from claims import Claim, DateValue, Extraction, Money, Name, Quote
from claims.text import content_words
from sources.db import records
from sources.index import IndexedValues, StoredRecord
from sources.model import SourceRecord

from ..model import Cite, ClaimCheck, Match, PastVerdict, Reason, ReasonPart, verdict_ref
from ..verdict import RELEVANT
from .memory_index import ensure, quote_word_term, speaker_term, subject_term
from .tables import article_claims, articles, reviewed_claim_terms, reviewed_claims

VERDICT_STATUSES = ("verified", "disputed")
MAX_VERDICTS = 3
PER_TERM = 100  # newest reviewed claims read per subject look-up
PER_VALUE = 100  # reviewed claims read per value look-up
CANDIDATES = 8  # reviewed claims compared per claim
SUBJECT_NAMES = 4  # the heaviest context names looked up per claim
QUOTE_WORDS = 4  # a quote's longest words looked up
DATE_AROUND = dt.timedelta(days=366)


_EXCLUDED: contextvars.ContextVar[int | None] = contextvars.ContextVar("memory_excluded_article", default=None)


@contextlib.contextmanager
def excluding(article_id: int):
    """Checks made inside leave out the claims of this article (a claim added to an article on the
    desk is not confirmed by that article's own verdicts)."""
    token = _EXCLUDED.set(article_id)
    try:
        yield
    finally:
        _EXCLUDED.reset(token)


# ---- finding earlier verdicts for a check --------------------------------------------------------


# The look-ups, built once (SQLAlchemy caches their compiled form): each is one index range, bounded.
_RC, _T = reviewed_claims, reviewed_claim_terms
_LIVE = _RC.c.status.in_(VERDICT_STATUSES)
_BY_TERM = select(_T.c.claim_pk).where(_T.c.term == bindparam("term")).order_by(_T.c.claim_pk.desc()).limit(PER_TERM)
_BY_AMOUNT = (
    select(_RC.c.claim_pk)
    .where(
        _RC.c.currency == bindparam("currency"), _RC.c.low >= bindparam("low"), _RC.c.low <= bindparam("high"), _LIVE
    )
    .limit(PER_VALUE)
)
_BY_DAY = (
    select(_RC.c.claim_pk)
    .where(_RC.c.first_day >= bindparam("first"), _RC.c.first_day <= bindparam("last"), _LIVE)
    .limit(PER_VALUE)
)
_BY_KEY = (
    select(_RC.c.claim_pk)
    .where(_RC.c.value_key == bindparam("key"), _RC.c.type == bindparam("type"), _LIVE)
    .limit(PER_VALUE)
)


def _by_value(conn, claim: Claim, ctx: Any) -> list[int] | None:
    """Reviewed claims holding the same value: an amount overlapping the claim's bounds (its low end
    down to half of the claim's), a date starting up to a year before the claim's period ends, the same
    name key. None when the claim has no value to look up (quotes; dates without a subject)."""
    v = claim.value
    if isinstance(v, Money) and v.currency:
        top = float(max(v.high, v.amount_max if v.amount_max is not None else v.high))
        return list(conn.scalars(_BY_AMOUNT, {"currency": v.currency, "low": float(v.low) / 2, "high": top}))
    if isinstance(v, DateValue):
        if not ctx.names:
            return None
        return list(conn.scalars(_BY_DAY, {"first": v.start - DATE_AROUND, "last": v.end}))
    if isinstance(v, Name) and ctx.key:
        return list(conn.scalars(_BY_KEY, {"key": ctx.key, "type": claim.type}))
    return None


def _subject_terms(claim: Claim, ctx: Any) -> list[tuple[int, float]]:
    v = claim.value
    if isinstance(v, Quote):
        out = [(speaker_term(ctx.key), 2.0)] if ctx.key else []
        words = sorted(set(content_words(v.text)), key=lambda w: (-len(w), w))[:QUOTE_WORDS]
        return out + [(quote_word_term(w), 1.0) for w in words]
    if isinstance(v, DateValue) and not ctx.names:
        return []
    names = sorted((k for k in ctx.names if k != ctx.key or not isinstance(v, Name)), key=lambda k: -ctx.names[k])
    return [(subject_term(claim.type, k), ctx.names[k]) for k in names[:SUBJECT_NAMES]]


def recall(engine: Engine, extraction: Extraction, contexts: dict, *, embedder=None) -> dict[str, list[Match]]:
    """Earlier verdicts bearing on each claim (claim id -> matches, best first; only claims with some)."""
    ensure(engine)
    with engine.connect() as conn:
        if conn.execute(select(reviewed_claims.c.claim_pk).limit(1)).first() is None:
            return {}
        chosen = _candidates(conn, extraction, contexts)
        pks = list(dict.fromkeys(pk for v in chosen.values() for pk in v))
        if not pks:
            return {}
        rows = _verdict_rows(conn, pks)
        live_ids = _live_records(conn, {r.evidence for r in rows.values()} - {None})
    stored = {pk: _as_record(r) for pk, r in rows.items()}
    out: dict[str, list[Match]] = {}
    for c in extraction.claims:
        recs = {pk: stored[pk] for pk in chosen.get(c.id, ()) if pk in stored and rows[pk].type == c.type}
        if not recs:
            continue
        found = _verdicts(c, contexts[c.id], recs, rows, live_ids, extraction, embedder)
        if found:
            found.sort(key=lambda m: (-m.score, -(m.verdict.reviewed_at or dt.datetime.min).timestamp()))
            out[c.id] = found[:MAX_VERDICTS]
    return out


def _candidates(conn, extraction: Extraction, contexts: dict) -> dict[str, list[int]]:
    """The CANDIDATES reviewed claims of each claim, by the value and subject terms they share with it."""
    terms: dict[int, None] = {}
    wanted_terms = {c.id: _subject_terms(c, contexts[c.id]) for c in extraction.claims}
    for ts in wanted_terms.values():
        terms.update(dict.fromkeys(t for t, _w in ts))
    holders = {term: list(conn.scalars(_BY_TERM, {"term": term})) for term in terms}
    by_value: dict[str, list[int]] = {}
    for c in extraction.claims:
        found = _by_value(conn, c, contexts[c.id])
        if found is not None:
            by_value[c.id] = found
    chosen: dict[str, list[int]] = {}
    for c in extraction.claims:
        scores: dict[int, float] = {pk: 1.0 for pk in by_value.get(c.id, [])}
        for term, w in wanted_terms[c.id]:
            for pk in holders.get(term, ()):
                scores[pk] = scores.get(pk, 0.0) + w
        if scores:
            chosen[c.id] = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:CANDIDATES]
    return chosen


def _verdict_rows(conn, pks: list[int]) -> dict[int, Any]:
    """The reviewed claims `pks` still verified or disputed, with their article (this check's own
    article left out, see `excluding`)."""
    rc, ac, a = reviewed_claims, article_claims, articles
    return {
        r.claim_pk: r
        for r in conn.execute(
            select(
                rc.c.claim_pk,
                rc.c.article_id,
                rc.c.claim_id,
                rc.c.type,
                rc.c.status,
                rc.c.reviewer,
                rc.c.reviewed_at,
                rc.c.evidence,
                rc.c["values"].label("vals"),
                ac.c.note,
                a.c.title,
                a.c.url,
                a.c.language,
                a.c.published,
            )
            .join(ac, ac.c.pk == rc.c.claim_pk)
            .join(a, a.c.id == rc.c.article_id)
            .where(rc.c.claim_pk.in_(pks), rc.c.status.in_(VERDICT_STATUSES))
        )
        if r.article_id != _EXCLUDED.get()
    }


def _live_records(conn, ids: set[str]) -> set[str]:
    """Which of the record ids `ids` are in the library and not deleted."""
    if not ids:
        return set()
    return set(
        conn.scalars(select(records.c.record_id).where(records.c.record_id.in_(ids), records.c.deleted_at.is_(None)))
    )


def _verdicts(
    c: Claim, ctx: Any, recs: dict[int, StoredRecord], rows: dict[int, Any], live_ids: set[str], extraction, embedder
) -> list[Match]:
    """The reviewed claims `recs` compared with the claim like records: those that agree or conflict,
    about its subject, as matches carrying their verdict."""
    # Imported when a check asks: importing the desk does not load the matcher.
    from ..scoring import lexical_scores, match_record

    lexical = lexical_scores(ctx, recs, extraction.language, {})
    found = []
    for pk, rec in recs.items():
        m = None
        if isinstance(c.value, Quote) and rec.record.language and rec.record.language != extraction.language:
            # across languages, letters alike say little: a translation of the same speaker's words first
            m = match_record(c, ctx, rec, extraction, lexical=lexical.get(pk, 0.0), quote_hit=False, embedder=embedder)
        if m is None:
            m = match_record(c, ctx, rec, extraction, lexical=lexical.get(pk, 0.0), quote_hit=True, embedder=embedder)
        if (
            m is None
            or m.agreement == "unknown"
            or not (m.relevance >= RELEVANT or m.quote_class in ("verbatim", "close", "translation"))
        ):
            continue
        r = rows[pk]
        evidence = r.evidence
        verdict = PastVerdict(
            r.article_id,
            r.claim_id,
            r.status,
            r.reviewer,
            r.reviewed_at,
            r.note or "",
            evidence,
            bool(evidence and evidence not in live_ids),
        )
        found.append(replace(m, source_id=verdict.ref, publisher="", verdict=verdict))
    return found


def _as_record(r: Any) -> StoredRecord:
    v = r.vals or {}
    values = IndexedValues(
        tuple(tuple(x) for x in v.get("a", ())),
        tuple(
            (x[0], x[1], dt.date.fromisoformat(x[2]), dt.date.fromisoformat(x[3]), x[4], x[5]) for x in v.get("d", ())
        ),
        tuple(tuple(x) for x in v.get("n", ())),
        tuple(tuple(x) for x in v.get("q", ())),
    )
    record = SourceRecord(
        id=verdict_ref(r.article_id, r.claim_id),
        title=r.title,
        excerpt=v.get("sentence", ""),
        url=r.url or "",
        published=r.published,
        language=r.language or "",
    )
    return StoredRecord(-r.claim_pk, record, values)


def with_past_verdicts(
    library, extraction: Extraction, contexts: dict, checks: list[ClaimCheck], *, embedder=None
) -> list[ClaimCheck]:
    """The checks with earlier verdicts placed first among their matches, and suggestions that use them."""
    from ..verdict import render_reason

    found = recall(library.engine, extraction, contexts, embedder=embedder)
    if not found:
        return checks
    out = []
    for check in checks:
        verdicts = found.get(check.claim.id)
        if not verdicts:
            out.append(check)
            continue
        suggestion, confidence, parts = explain(check, verdicts)
        out.append(
            replace(
                check,
                matches=tuple(verdicts) + check.matches,
                suggestion=suggestion,
                confidence=confidence,
                reason=render_reason(parts),
                reason_parts=parts,
            )
        )
    return out


# ---- what the verdicts make of the suggestion ----------------------------------------------------


def warns(m: Match) -> bool:
    """A verdict the editor must see first: the same thing disputed, another value verified, or a
    verdict reversed since."""
    v = m.verdict
    if v is None:
        return False
    return (
        (v.status == "disputed" and m.agreement == "agrees")
        or (v.status == "verified" and m.agreement == "conflicts")
        or v.reversed
    )


def supports(m: Match) -> bool:
    v = m.verdict
    return (
        v is not None and v.status == "verified" and m.agreement == "agrees" and not v.source_deleted and not v.reversed
    )


def _who(m: Match) -> dict[str, Any]:
    v = m.verdict
    assert v is not None
    return {
        "date": Cite(published=v.reviewed_at.date() if v.reviewed_at else None),
        "reviewer": v.reviewer or "?",
        "title": m.title,
    }


def verdict_parts(m: Match) -> Reason:
    """What the reason says of one earlier verdict."""
    v = m.verdict
    assert v is not None
    if v.status == "disputed" and m.agreement == "conflicts":  # another value was disputed: no warning
        parts: Reason = (ReasonPart.of("desk.disputed_other", value=m.source_value or "", **_who(m)),)
    elif v.status == "disputed":
        parts = (ReasonPart.of("desk.disputed_same", **_who(m)),)
    elif m.agreement == "conflicts":
        parts = (ReasonPart.of("desk.verified_other", value=m.source_value or "", **_who(m)),)
    else:
        parts = (ReasonPart.of("desk.verified", **_who(m)),)
    if v.evidence_source:
        parts += (ReasonPart.of("desk.citing", id=v.evidence_source),)
    if v.source_deleted:
        parts += (ReasonPart.of("desk.deleted", id=v.evidence_source or ""),)
    if v.note:
        parts += (ReasonPart.of("desk.note", note=v.note),)
    return parts


def explain(check: ClaimCheck, verdicts: Sequence[Match]) -> tuple[str, float, Reason]:
    """The suggestion once earlier verdicts are known (the rules of this module's docstring)."""
    base: Reason = check.reason_parts
    then: Reason = (ReasonPart.of("desk.then"),) + base if base and check.suggestion != "no_source" else ()
    warning = next((m for m in verdicts if warns(m)), None)
    if warning is not None:
        suggestion = "contradicted" if check.suggestion == "contradicted" else "needs_review"
        return suggestion, max(check.confidence, warning.score), verdict_parts(warning) + then
    support = next((m for m in verdicts if supports(m)), None)
    if support is not None:
        return "supported", max(check.confidence, min(1.0, support.score + 0.2)), verdict_parts(support) + then
    deleted = next(
        (m for m in verdicts if m.verdict and m.verdict.status == "verified" and m.agreement == "agrees"), None
    )
    if deleted is not None and check.suggestion != "supported":
        return "needs_review", deleted.score, verdict_parts(deleted) + then
    return (
        check.suggestion,
        check.confidence,
        verdict_parts(verdicts[0]) + then
        if check.suggestion == "no_source"
        else base + (ReasonPart.of("desk.then"),) + verdict_parts(verdicts[0]),
    )


# ---- showing stored checks later -------------------------------------------------------------------


def refresh(engine: Engine, matches: Sequence[Match]) -> tuple[Match, ...]:
    """The matches with each earlier verdict brought up to date: `now` set when that claim's status
    changed since (or it was dismissed), `source_deleted` when its source record is gone."""
    verdicts = [m.verdict for m in matches if m.verdict is not None]
    if not verdicts:
        return tuple(matches)
    ac = article_claims
    with engine.connect() as conn:
        cond = or_(*[and_(ac.c.article_id == v.article_id, ac.c.claim_id == v.claim_id) for v in verdicts])
        now = {
            (r.article_id, r.claim_id): ("dismissed" if r.dismissed else r.status)
            for r in conn.execute(select(ac.c.article_id, ac.c.claim_id, ac.c.status, ac.c.dismissed).where(cond))
        }
        live = _live_records(conn, {v.evidence_source for v in verdicts} - {None})
    out = []
    for m in matches:
        v = m.verdict
        if v is not None:
            current = now.get((v.article_id, v.claim_id), "deleted")
            v = replace(
                v,
                now=None if current == v.status else current,
                source_deleted=bool(v.evidence_source and v.evidence_source not in live),
            )
            m = replace(m, verdict=v)
        out.append(m)
    return tuple(out)
