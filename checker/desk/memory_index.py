"""The index of reviewed claims that the newsroom's memory looks up (checker/desk/memory.py).

Each claim the desk verified or disputed has a row in `reviewed_claims` (its value: an amount's
currency and bounds, a date's period, a name or speaker key; its status, reviewer and evidence; the
values of its sentence, to be compared like a record's) and its subject terms in
`reviewed_claim_terms` (the names around it; a quote's speaker and words), hashed.

The index is derived data: `sync` rewrites the rows of the claims a desk transaction changes (in that
transaction; `sync_review` for one review); `ensure` rebuilds it when it has fallen behind (a database
older than these tables), `rebuild` at once.
"""

from __future__ import annotations

import weakref
from types import SimpleNamespace
from typing import Any, Iterable, Sequence

from sqlalchemy import Engine, delete, func, insert, select, update

from claims import Claim, DateValue, Money, Name, Quote, claim_from_json
from claims.lexicon import name_key
from claims.text import content_words, fold
from sources.db import writing
from sources.terms import term_hash

from .tables import article_claims, articles, ensure_tables, reviewed_claim_terms, reviewed_claims


def _term(kind: str, value: str) -> int:
    return term_hash(f"rc.{kind}", value)


def subject_term(claim_type: str, name_key: str) -> int:
    return _term("n", f"{claim_type}|{name_key}")


def speaker_term(speaker_key: str) -> int:
    return _term("s", speaker_key)


def quote_word_term(word: str) -> int:
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
                out["n"].append([name_key(v.canonical), v.canonical, c.type, a, b])
            elif isinstance(v, Quote):
                out["q"].append([name_key(v.speaker) if v.speaker else None, v.text, a, b])
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
        name_key(c.value.canonical)
        for c in others
        if isinstance(c.value, Name)
        and c.id != claim.id
        and any(claim.sentence_start <= a and b <= claim.sentence_end for a, b in (c.mentions or ((c.start, c.end),)))
    }
    terms = {subject_term(claim.type, k) for k in names}
    speaker = ""
    if isinstance(v, Money) and v.currency:
        top = v.amount_max if v.amount_max is not None else v.amount
        row.update(currency=v.currency, low=float(v.low), high=float(max(v.high, top)))
    elif isinstance(v, DateValue):
        row.update(first_day=v.start, last_day=v.end)
    elif isinstance(v, Name):
        row["value_key"] = name_key(v.canonical)
    elif isinstance(v, Quote):
        speaker = v.speaker or ""
        if v.speaker:
            row["value_key"] = name_key(v.speaker)
            terms.add(speaker_term(name_key(v.speaker)))
        terms |= {quote_word_term(w) for w in content_words(v.text)}
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
