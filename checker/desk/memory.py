"""The newsroom's memory: claims the desk already verified or disputed come back with their verdict.

When an article is checked, each claim is looked up among the reviewed claims of earlier articles
(`reviewed_claims`, `reviewed_claim_terms` in checker/desk/tables.py), through indexes only:
- the same value: an amount overlapping the claim's bounds in its currency (index on currency, low),
  a date period around the claim's (index on the first day), the same name key or speaker key;
- the same subject: earlier claims of the same type whose sentence named the names around this claim
  (a quote: its speaker and its longest words), newest first, at most PER_TERM per look-up.
The best CANDIDATES per claim are compared exactly like library records (`checker.match.match_record`, the
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

The index is derived data: `sync` rewrites the rows of the claims a desk transaction changes (in that
transaction); `ensure` rebuilds it when it has fallen behind (a database older than these tables).
`search` serves the archive page and `python -m checker claims search`; `promote` turns a verified
claim into a library record.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import weakref
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any, Iterable, Sequence

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, or_, select, update

from claims import Claim, DateValue, Extraction, Money, Name, Quote, claim_from_json
from claims.text import content_words, fold, fold_key
from sources.db import records, writing
from sources.index import IndexedValues, StoredRecord, term_hash
from sources.model import SourceRecord

from ..model import ClaimCheck, Match, PastVerdict, Reason, ReasonPart, Cite, verdict_ref
from ..verdict import RELEVANT
from .tables import article_claims, articles, ensure_tables, reviewed_claim_terms, reviewed_claims

VERDICT_STATUSES = ("verified", "disputed")
MAX_VERDICTS = 3
PER_TERM = 100  # newest reviewed claims read per subject look-up
PER_VALUE = 100  # reviewed claims read per value look-up
CANDIDATES = 8  # reviewed claims compared per claim
SUBJECT_NAMES = 4  # the heaviest context names looked up per claim
QUOTE_WORDS = 4  # a quote's longest words looked up
DATE_AROUND = dt.timedelta(days=366)


# ---- the index ---------------------------------------------------------------------------------


def _term(kind: str, value: str) -> int:
    return term_hash(f"rc.{kind}", value)


def _subject_term(claim_type: str, name_key: str) -> int:
    return _term("n", f"{claim_type}|{name_key}")


def _speaker_term(speaker_key: str) -> int:
    return _term("s", speaker_key)


def _word_term(word: str) -> int:
    return _term("w", word)


def _sentence_values(claim: Claim, others: Sequence[Claim]) -> dict[str, list]:
    """What the claim's sentence holds, as the record values of an excerpt = the sentence."""
    s0, s1 = claim.sentence_start, claim.sentence_end
    out: dict[str, list] = {"a": [], "d": [], "n": [], "q": []}
    for c in others:
        v = c.value
        spans = (
            [(a, b) for a, b in (c.mentions or ((c.start, c.end),)) if s0 <= a and b <= s1]
            if isinstance(v, Name)
            else ([(c.start, c.end)] if s0 <= c.start and c.end <= s1 else [])
        )
        for a, b in spans:
            a, b = a - s0, b - s0
            if isinstance(v, Money) and v.currency:
                top = v.amount_max if v.amount_max is not None else v.amount
                out["a"].append([v.currency, float(v.amount), float(v.low), float(max(v.high, top)), a, b])
            elif isinstance(v, DateValue):
                out["d"].append([v.iso, v.precision, v.start.isoformat(), v.end.isoformat(), a, b])
            elif isinstance(v, Name):
                out["n"].append([fold_key(v.canonical), v.canonical, c.type, a, b])
            elif isinstance(v, Quote):
                out["q"].append([fold_key(v.speaker) if v.speaker else None, v.text, a, b])
    return out


def _row_for(pk: int, article: Any, state: Any, claim: Claim, others: Sequence[Claim]) -> tuple[dict, set[int]]:
    v = claim.value
    row: dict[str, Any] = {
        "claim_pk": pk,
        "article_id": article.id,
        "claim_id": claim.id,
        "type": claim.type,
        "status": state.status,
        "currency": None,
        "low": None,
        "high": None,
        "first_day": None,
        "last_day": None,
        "value_key": None,
        "reviewer": state.reviewer or "",
        "reviewed_at": state.reviewed_at,
        "published": article.published,
    }
    names = {
        fold_key(c.value.canonical)
        for c in others
        if isinstance(c.value, Name)
        and c.id != claim.id
        and any(claim.sentence_start <= a and b <= claim.sentence_end for a, b in (c.mentions or ((c.start, c.end),)))
    }
    terms = {_subject_term(claim.type, k) for k in names}
    speaker = ""
    if isinstance(v, Money) and v.currency:
        top = v.amount_max if v.amount_max is not None else v.amount
        row.update(currency=v.currency, low=float(v.low), high=float(max(v.high, top)))
    elif isinstance(v, DateValue):
        row.update(first_day=v.start, last_day=v.end)
    elif isinstance(v, Name):
        row["value_key"] = fold_key(v.canonical)
    elif isinstance(v, Quote):
        speaker = v.speaker or ""
        if v.speaker:
            row["value_key"] = fold_key(v.speaker)
            terms.add(_speaker_term(fold_key(v.speaker)))
        terms |= {_word_term(w) for w in content_words(v.text)}
    evidence = _evidence_of(state)
    value = claim.to_json().get("value")
    row["search"] = fold(" ".join(str(x) for x in (claim.text, claim.sentence, speaker, _value_text(value)))).lower()
    row["evidence"] = evidence
    row["values"] = {
        **_sentence_values(claim, others),
        "sentence": claim.sentence,
        "offset": [claim.start - claim.sentence_start, claim.end - claim.sentence_start],
        "t": sorted(terms),
    }
    return row, terms


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v is not None)
    return "" if value is None else str(value)


def sync(conn, claim_pks: Iterable[int]) -> None:
    """Bring the index up to date for these rows of `article_claims` (inside the caller's transaction).

    A claim that stays reviewed keeps its value and subject terms (a review changes neither the claim
    nor its sentence): its row is updated in place. A claim that leaves review is dropped; one that
    enters it is indexed from its article's claims."""
    pks = list(dict.fromkeys(int(p) for p in claim_pks))
    if not pks:
        return
    old = {
        r[0]: r
        for r in conn.execute(
            select(reviewed_claims.c.claim_pk, reviewed_claims.c["values"].label("vals")).where(
                reviewed_claims.c.claim_pk.in_(pks)
            )
        )
    }
    states = conn.execute(select(article_claims).where(article_claims.c.pk.in_(pks))).all()
    gone, by_article = [], {}
    for st in states:
        reviewed = st.status != "unreviewed" and not st.dismissed
        if st.pk in old and reviewed:
            _update(conn, st.pk, st.status, st.reviewer, st.reviewed_at, _evidence_of(st))
        elif st.pk in old:
            gone.append(old[st.pk])
        elif reviewed:
            by_article.setdefault(st.article_id, []).append(st)
    _drop(conn, gone)
    for article_id, wanted in by_article.items():
        _index_article(conn, article_id, wanted)


def sync_review(conn, pk: int, before: Any, after: Any) -> None:
    """`sync` for one review whose states before and after are known (`ClaimState`s): a claim that
    stays reviewed is one UPDATE; entering or leaving review goes through `sync`."""
    was = before.status != "unreviewed" and not before.dismissed
    now = after.status != "unreviewed" and not after.dismissed
    if was and now:
        evidence = after.evidence_source or next((m.source_id for m in after.matches if m.verdict is None), None)
        _update(conn, pk, after.status, after.reviewer, after.reviewed_at, evidence)
    elif was or now:
        sync(conn, [pk])


def _update(conn, pk: int, status: str, reviewer: str, reviewed_at, evidence: str | None) -> None:
    conn.execute(
        update(reviewed_claims)
        .where(reviewed_claims.c.claim_pk == pk)
        .values(status=status, reviewer=reviewer or "", reviewed_at=reviewed_at, evidence=evidence)
    )


def _evidence_of(state: Any) -> str | None:
    """The record a review rested on: the one chosen, else the best record its check found."""
    if state.evidence_source:
        return state.evidence_source
    return next(
        (
            m.get("source_id")
            for m in (state.check or {}).get("matches", [])
            if m.get("kind", "record") == "record" and m.get("source_id")
        ),
        None,
    )


def _drop(conn, old: Sequence[Any]) -> None:
    if not old:
        return
    for r in old:
        terms = (r[1] or {}).get("t", [])
        if terms:
            conn.execute(
                delete(reviewed_claim_terms).where(
                    reviewed_claim_terms.c.claim_pk == r[0], reviewed_claim_terms.c.term.in_(terms)
                )
            )
    conn.execute(delete(reviewed_claims).where(reviewed_claims.c.claim_pk.in_([r[0] for r in old])))


def _index_article(conn, article_id: int, wanted: Sequence[Any], *, all_rows: Sequence[Any] | None = None) -> None:
    if all_rows is None:
        all_rows = conn.execute(
            select(article_claims.c.claim, article_claims.c.dismissed, articles.c.published)
            .join(articles, articles.c.id == article_claims.c.article_id)
            .where(article_claims.c.article_id == article_id)
        ).all()
    if not all_rows:
        return
    article = SimpleNamespace(id=article_id, published=all_rows[0].published)
    live = [r.claim for r in all_rows if not r.dismissed]
    parsed: dict[int, Claim] = {}  # claims read once, and only those inside a reviewed claim's sentence

    def read(data: dict) -> Claim:
        if id(data) not in parsed:
            parsed[id(data)] = claim_from_json(data)
        return parsed[id(data)]

    rows, term_rows = [], []
    for state in wanted:
        claim = claim_from_json(state.claim)
        s0, s1 = claim.sentence_start, claim.sentence_end
        others = [
            read(d)
            for d in live
            if d["start"] < s1
            and d["end"] > s0
            or d.get("mentions")
            and any(a < s1 and b > s0 for a, b in d["mentions"])
        ]
        row, terms = _row_for(state.pk, article, state, claim, others)
        rows.append(row)
        term_rows += [{"term": t, "claim_pk": state.pk} for t in terms]
    if rows:
        conn.execute(insert(reviewed_claims), rows)
    if term_rows:
        conn.execute(insert(reviewed_claim_terms), term_rows)


_CHECKED: "weakref.WeakKeyDictionary[Engine, bool]" = weakref.WeakKeyDictionary()


def ensure(engine: Engine) -> None:
    """Rebuild the index if it does not hold every reviewed claim (checked once per process)."""
    if _CHECKED.get(engine):
        return
    ensure_tables(engine)
    with engine.connect() as conn:
        want = conn.scalar(
            select(func.count())
            .select_from(article_claims)
            .where(article_claims.c.status != "unreviewed", article_claims.c.dismissed.is_(False))
        )
        have = conn.scalar(select(func.count()).select_from(reviewed_claims))
    if want != have:
        rebuild(engine)
    _CHECKED[engine] = True


def rebuild(engine: Engine, *, chunk: int = 500) -> int:
    """Index every reviewed claim again; returns how many are indexed."""
    with writing(engine) as conn:
        conn.execute(delete(reviewed_claim_terms))
        conn.execute(delete(reviewed_claims))
        ids = list(
            conn.scalars(
                select(article_claims.c.article_id)
                .where(article_claims.c.status != "unreviewed", article_claims.c.dismissed.is_(False))
                .distinct()
            )
        )
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            rows = conn.execute(
                select(article_claims, articles.c.published)
                .join(articles, articles.c.id == article_claims.c.article_id)
                .where(article_claims.c.article_id.in_(part))
            ).all()
            per: dict[int, list] = {}
            for r in rows:
                per.setdefault(r.article_id, []).append(r)
            for article_id, all_rows in per.items():
                wanted = [r for r in all_rows if r.status != "unreviewed" and not r.dismissed]
                _index_article(conn, article_id, wanted, all_rows=all_rows)
        return conn.scalar(select(func.count()).select_from(reviewed_claims)) or 0


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
        out = [(_speaker_term(ctx.key), 2.0)] if ctx.key else []
        words = sorted(set(content_words(v.text)), key=lambda w: (-len(w), w))[:QUOTE_WORDS]
        return out + [(_word_term(w), 1.0) for w in words]
    if isinstance(v, DateValue) and not ctx.names:
        return []
    names = sorted((k for k in ctx.names if k != ctx.key or not isinstance(v, Name)), key=lambda k: -ctx.names[k])
    return [(_subject_term(claim.type, k), ctx.names[k]) for k in names[:SUBJECT_NAMES]]


def recall(engine: Engine, extraction: Extraction, contexts: dict, *, embedder=None) -> dict[str, list[Match]]:
    """Earlier verdicts bearing on each claim (claim id -> matches, best first; only claims with some)."""
    from ..match import lexical_scores, match_record  # the matcher imports this module inside a check

    ensure(engine)
    with engine.connect() as conn:
        if conn.execute(select(reviewed_claims.c.claim_pk).limit(1)).first() is None:
            return {}
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
        pks = list(dict.fromkeys(pk for v in chosen.values() for pk in v))
        if not pks:
            return {}
        rc, ac, a = reviewed_claims, article_claims, articles
        rows = {
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
        evidence_ids = {r.evidence for r in rows.values()} - {None}
        live_ids = (
            set(
                conn.scalars(
                    select(records.c.record_id).where(
                        records.c.record_id.in_(evidence_ids), records.c.deleted_at.is_(None)
                    )
                )
            )
            if evidence_ids
            else set()
        )
    stored = {pk: _as_record(r) for pk, r in rows.items()}
    out: dict[str, list[Match]] = {}
    for c in extraction.claims:
        ctx = contexts[c.id]
        recs = {pk: stored[pk] for pk in chosen.get(c.id, ()) if pk in stored and rows[pk].type == c.type}
        if not recs:
            continue
        lexical = lexical_scores(ctx, recs, extraction.language, {})
        found = []
        for pk, rec in recs.items():
            m = None
            if isinstance(c.value, Quote) and rec.record.language and rec.record.language != extraction.language:
                # across languages, letters alike say little: a translation of the same speaker's words first
                m = match_record(
                    c, ctx, rec, extraction, lexical=lexical.get(pk, 0.0), quote_hit=False, embedder=embedder
                )
            if m is None:
                m = match_record(
                    c, ctx, rec, extraction, lexical=lexical.get(pk, 0.0), quote_hit=True, embedder=embedder
                )
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
        if found:
            found.sort(key=lambda m: (-m.score, -(m.verdict.reviewed_at or dt.datetime.min).timestamp()))
            out[c.id] = found[:MAX_VERDICTS]
    return out


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
        ids = {v.evidence_source for v in verdicts} - {None}
        live = (
            set(
                conn.scalars(
                    select(records.c.record_id).where(records.c.record_id.in_(ids), records.c.deleted_at.is_(None))
                )
            )
            if ids
            else set()
        )
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


# ---- the archive -----------------------------------------------------------------------------------


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
        cond.append(rc.c.value_key.contains(fold_key(speaker), autoescape=True))
    if reviewer.strip():
        cond.append(rc.c.reviewer == reviewer.strip())
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
    return [
        ReviewedClaim(
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
        for r in rows
    ]
