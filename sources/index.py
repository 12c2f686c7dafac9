"""The value index: finding records by what they say, for the checker.

When a record is stored (sources/library.py), the claim extractor runs on its excerpt and its values
go into indexed tables: amounts with currency, dates with their period, canonical names, quotes with
their speaker. The matcher adds its own derived table, `record_terms` (sources/terms.py fills it):
the record's words and the initial+surname key of each person, hashed. Every look-up here is a
bounded index read — a capped count, a capped fetch, or a membership test on a given set of
records — so that matching a claim costs a few index probes instead of a scan, even when a value or a
name is held by a large part of a million-record library. checker/candidates.py decides which probes to
make (rarest first) and ranks what they return.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Literal, Sequence

from sqlalchemy import Engine, and_, func, literal, or_, select, union_all

from claims.text import fold_key

from .db import (
    record_amounts,
    record_dates,
    record_names,
    record_quotes,
    record_term_df,
    record_terms,
    record_terms_state,
    records,
)
from .model import SourceRecord
from .terms import build_record_terms, build_term_df


@dataclass(frozen=True)
class IndexedValues:
    """What the value index holds for one record (spans are offsets in the excerpt)."""

    amounts: tuple[tuple[str, float, float, float, int, int], ...]  # currency, amount, low, high, start, end
    dates: tuple[tuple[str, str, dt.date, dt.date, int, int], ...]  # iso, precision, first, last, start, end
    names: tuple[tuple[str, str, str, int, int], ...]  # key, canonical, type, start, end
    quotes: tuple[tuple[str | None, str, int, int], ...]  # speaker key, text, start, end


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored, with its database key and indexed values."""

    pk: int
    record: SourceRecord
    values: IndexedValues


def record_from_row(row: Any) -> SourceRecord:
    """A stored row of `records` as a SourceRecord."""
    return SourceRecord(
        id=row.record_id,
        title=row.title,
        excerpt=row.excerpt,
        publisher=row.publisher or "",
        url=row.url or "",
        published=row.published,
        language=row.language or "",
        tags=tuple((str(k), str(v)) for k, v in (row.tags or [])),
        retrieved_at=row.retrieved_at,
        text_hash=row.text_hash,
    )


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---- the look-ups ------------------------------------------------------------------------------

SourceKind = Literal["amount", "date", "date_range", "name", "term", "speaker", "published"]


@dataclass(frozen=True)
class Source:
    """One posting list of the index: the records holding a value, a name, a term or a speaker.

    amount: key = (currency, low, high), records with an amount in [low, high] in that currency;
    date: key = (first, last), records with a period inside [first, last] (it starts there) or
    containing it (a year, month or ISO week that starts on its first day's year, month or week);
    date_range: key = (first, last), records with a period starting in [first, last];
    name: key = a folded name key; term: key = a term hash; speaker: key = a speaker key;
    published: key = a day, records published that day (a report tells of its own day).
    Each is one index range (or a few index points): no look-up scans rows that fail it.
    """

    kind: SourceKind
    key: Any


_caught_up: "weakref.WeakKeyDictionary[Engine, int]" = weakref.WeakKeyDictionary()
_VALUE_KINDS = ("amount", "date", "date_range", "published")
# Sources whose posting list is one indexed column: kind -> (table, key column).
_KEYED = {
    "name": (record_names, record_names.c.name_key),
    "term": (record_terms, record_terms.c.term),
    "speaker": (record_quotes, record_quotes.c.speaker_key),
}


# Value rows tested in Python by `having_many` (the same conditions as `ValueIndex._postings`).
_ROWS = {
    "amount": (
        record_amounts,
        (record_amounts.c.currency, record_amounts.c.amount, record_amounts.c.low, record_amounts.c.high),
    ),
    "date": (record_dates, (record_dates.c.first_day, record_dates.c.last_day)),
    "date_range": (record_dates, (record_dates.c.first_day, record_dates.c.last_day)),
    "speaker": (record_quotes, (record_quotes.c.speaker_key,)),
}


def _holds(src: Source, row) -> bool:
    if src.kind == "published":
        return row.published == src.key
    if src.kind == "amount":
        currency, low, high = src.key
        return row.currency == currency and low <= row.amount <= high
    if src.kind == "date":
        first, last = src.key
        return first <= row.first_day <= last or (row.first_day <= first and row.last_day >= last)
    if src.kind == "date_range":
        first, last = src.key
        return first <= row.first_day <= last
    return row.speaker_key == src.key


def period_starts(day: dt.date) -> list[dt.date]:
    """First days of the year, half, quarter, month and ISO week holding `day`: where a period
    containing it starts."""
    return sorted(
        {
            dt.date(day.year, 1, 1),
            dt.date(day.year, 1 if day.month <= 6 else 7, 1),
            dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1),
            day.replace(day=1),
            day - dt.timedelta(days=day.weekday()),
        }
    )


def _by_kind(sources: Iterable[Source]) -> dict[str, list[Source]]:
    out: dict[str, list[Source]] = {}
    for s in dict.fromkeys(sources):
        out.setdefault(s.kind, []).append(s)
    return out


class ValueIndex:
    """Read-only look-ups on the value index of one database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    # -- upkeep of the matcher's terms --

    def ensure_terms(self) -> None:
        """Index the terms of records stored without them (older databases, or a library whose
        insert path does not call `index_record_terms`). Full check once per process, then only
        records above the highest key already seen."""
        with self.engine.connect() as conn:
            top = conn.scalar(select(func.max(records.c.pk))) or 0
        seen = _caught_up.get(self.engine)
        if seen is not None and top <= seen:
            return
        if seen is None:
            with self.engine.connect() as conn:
                no_df = conn.execute(select(record_term_df.c.term).limit(1)).first() is None
                has_terms = conn.execute(select(record_terms.c.term).limit(1)).first() is not None
                # Every record indexed already? (the usual case, and cheaper than looking for gaps)
                indexed_top = conn.scalar(select(func.max(record_terms_state.c.record_pk))) or 0
                complete = indexed_top == top and (
                    conn.scalar(select(func.count()).select_from(record_terms_state))
                    >= conn.scalar(select(func.count()).select_from(records))
                )
            if no_df and has_terms:
                build_term_df(self.engine)
            if complete:
                _caught_up[self.engine] = top
                return
        build_record_terms(self.engine, after_pk=seen or 0)
        _caught_up[self.engine] = top

    # -- bounded reads of posting lists --

    def _postings(self, src: Source):
        """(select of record_pk for `src`, the record_pk column it filters on)."""
        if src.kind == "amount":
            currency, low, high = src.key
            a = record_amounts
            return select(a.c.record_pk).where(a.c.currency == currency, a.c.amount.between(low, high)), a.c.record_pk
        if src.kind == "date":
            first, last = src.key
            d = record_dates
            return select(d.c.record_pk).where(
                or_(
                    d.c.first_day.between(first, last),
                    and_(d.c.first_day.in_(period_starts(first)), d.c.last_day >= last),
                )
            ), d.c.record_pk
        if src.kind == "date_range":
            first, last = src.key
            d = record_dates
            return select(d.c.record_pk).where(d.c.first_day.between(first, last)), d.c.record_pk
        if src.kind == "name":
            return select(record_names.c.record_pk).where(record_names.c.name_key == src.key), record_names.c.record_pk
        if src.kind == "term":
            return select(record_terms.c.record_pk).where(record_terms.c.term == src.key), record_terms.c.record_pk
        if src.kind == "speaker":
            return select(record_quotes.c.record_pk).where(
                record_quotes.c.speaker_key == src.key
            ), record_quotes.c.record_pk
        if src.kind == "published":
            return select(records.c.pk).where(
                records.c.published == src.key, records.c.deleted_at.is_(None)
            ), records.c.pk
        raise ValueError(f"unknown source kind {src.kind!r}")

    def counts(self, sources: Sequence[Source], *, cap: int, value_cap: int | None = None) -> list[int]:
        """How many records each source holds: terms exactly (record_term_df), the others counted
        over their first `cap` + 1 index rows (`value_cap` + 1 for amounts and dates, whose
        rarity only decides whether they are read or probed), in a few round trips."""
        if not sources:
            return []
        out = [0] * len(sources)
        terms: dict[int, list[int]] = {}
        parts = []
        for i, src in enumerate(sources):
            if src.kind == "term":  # counted as records are indexed
                terms.setdefault(src.key, []).append(i)
                continue
            stmt, _col = self._postings(src)
            capped = stmt.limit((value_cap if src.kind in _VALUE_KINDS and value_cap else cap) + 1).subquery()
            # names may be written several times in a record; values rarely are
            n = func.count(func.distinct(capped.c.record_pk)) if src.kind == "name" else func.count()
            parts.append(select(literal(i).label("i"), n.label("n")).select_from(capped))
        with self.engine.connect() as conn:
            for part in _chunks(parts, 100):
                for i, n in conn.execute(union_all(*part) if len(part) > 1 else part[0]):
                    out[i] = n
            for part in _chunks(list(terms), 500):
                for term, df in conn.execute(
                    select(record_term_df.c.term, record_term_df.c.df).where(record_term_df.c.term.in_(part))
                ):
                    for i in terms[term]:
                        out[i] = df
        return out

    def fetch(self, src: Source, *, limit: int) -> list[int]:
        """Up to `limit` records of a source (names and terms: most recently stored first; values in
        index order, since sorting a long range would read all of it)."""
        stmt, col = self._postings(src)
        if src.kind in ("name", "term"):
            stmt = stmt.order_by(col.desc())
        with self.engine.connect() as conn:
            return list(dict.fromkeys(conn.scalars(stmt.limit(limit))))

    def fetch_many(self, sources: Sequence[Source]) -> dict[Source, list[int]]:
        """Every record of each source, for sources known to be short (see `counts`): names,
        terms and speakers in one query per kind, values one query each."""
        out: dict[Source, list[int]] = {s: [] for s in sources}
        with self.engine.connect() as conn:
            for kind, group in _by_kind(sources).items():
                if kind in _KEYED:
                    table, key_col = _KEYED[kind]
                    by_key = {s.key: s for s in group}
                    for part in _chunks(list(by_key), 500):
                        for key, pk in conn.execute(select(key_col, table.c.record_pk).where(key_col.in_(part))):
                            out[by_key[key]].append(pk)
                else:
                    for src in group:
                        stmt, _col = self._postings(src)
                        out[src] = list(conn.scalars(stmt))
        return {s: list(dict.fromkeys(v)) for s, v in out.items()}

    def having_many(self, sources: Sequence[Source], pks: Iterable[int]) -> dict[Source, set[int]]:
        """Which of `pks` each source holds. Names and terms: one probe of their (key, record)
        index per pair; values and speakers: the rows of these records (by their record index),
        tested here, so that a long value range is never scanned to find a few records."""
        pks = list(dict.fromkeys(pks))
        out: dict[Source, set[int]] = {s: set() for s in sources}
        if not pks or not sources:
            return out
        with self.engine.connect() as conn:
            for kind, group in _by_kind(sources).items():
                if kind in ("name", "term"):
                    table, key_col = _KEYED[kind]
                    by_key = {s.key: s for s in group}
                    for part in _chunks(pks, 2000):
                        for key, pk in conn.execute(
                            select(key_col, table.c.record_pk).where(
                                key_col.in_(list(by_key)), table.c.record_pk.in_(part)
                            )
                        ):
                            out[by_key[key]].add(pk)
                    continue
                if kind == "published":  # a column of the records themselves
                    for part in _chunks(pks, 2000):
                        for pk, published in conn.execute(
                            select(records.c.pk, records.c.published).where(records.c.pk.in_(part))
                        ):
                            for src in group:
                                if published == src.key:
                                    out[src].add(pk)
                    continue
                table, columns = _ROWS[kind]
                for part in _chunks(pks, 2000):
                    for row in conn.execute(select(table.c.record_pk, *columns).where(table.c.record_pk.in_(part))):
                        for src in group:
                            if _holds(src, row):
                                out[src].add(row.record_pk)
        return out

    def intersect(self, first: Source, second: Source, *, scan: int, limit: int) -> list[int]:
        """Records of both sources, newest first: the newest `scan` records of `first`, each probed
        for `second` by its index (names, terms: (key, record); a speaker: by its record)."""
        stmt, col = self._postings(first)
        if first.kind in ("name", "term"):
            stmt = stmt.order_by(col.desc())
        driver = stmt.limit(scan).subquery()
        other, other_col = self._postings(second)
        query = select(driver.c.record_pk).where(other.where(other_col == driver.c.record_pk).exists()).limit(limit)
        with self.engine.connect() as conn:
            return list(dict.fromkeys(conn.scalars(query)))

    def having(self, src: Source, pks: Iterable[int]) -> set[int]:
        """Which of `pks` a source holds (one index probe per record)."""
        pks = list(dict.fromkeys(pks))
        found: set[int] = set()
        if not pks:
            return found
        stmt, col = self._postings(src)
        with self.engine.connect() as conn:
            for part in _chunks(pks, 5000):
                found.update(conn.scalars(stmt.where(col.in_(part))))
        return found

    def total(self) -> int:
        """About how many records the library holds (the highest key: cheap, for IDF weights)."""
        with self.engine.connect() as conn:
            return conn.scalar(select(func.max(records.c.pk))) or 0

    # -- records --

    def stored(self, pks: Sequence[int]) -> dict[int, StoredRecord]:
        """Records and their indexed values, by database key (deleted records left out)."""
        if not pks:
            return {}
        pks = list(dict.fromkeys(pks))
        out: dict[int, StoredRecord] = {}
        with self.engine.connect() as conn:
            rows = [
                r
                for part in _chunks(pks, 5000)
                for r in conn.execute(select(records).where(records.c.pk.in_(part), records.c.deleted_at.is_(None)))
            ]
            by_pk: dict[int, dict[str, list]] = {r.pk: {"a": [], "d": [], "n": [], "q": []} for r in rows}
            live = list(by_pk)
            for part in _chunks(live, 5000):
                for r in conn.execute(select(record_amounts).where(record_amounts.c.record_pk.in_(part))):
                    by_pk[r.record_pk]["a"].append((r.currency, r.amount, r.low, r.high, r.span_start, r.span_end))
                for r in conn.execute(select(record_dates).where(record_dates.c.record_pk.in_(part))):
                    by_pk[r.record_pk]["d"].append(
                        (r.iso, r.precision, r.first_day, r.last_day, r.span_start, r.span_end)
                    )
                for r in conn.execute(select(record_names).where(record_names.c.record_pk.in_(part))):
                    by_pk[r.record_pk]["n"].append((r.name_key, r.canonical, r.type, r.span_start, r.span_end))
                for r in conn.execute(select(record_quotes).where(record_quotes.c.record_pk.in_(part))):
                    by_pk[r.record_pk]["q"].append((r.speaker_key, r.text, r.span_start, r.span_end))
        for row in rows:
            v = by_pk[row.pk]
            out[row.pk] = StoredRecord(
                row.pk,
                record_from_row(row),
                IndexedValues(
                    tuple(sorted(v["a"], key=lambda t: t[4])),
                    tuple(sorted(v["d"], key=lambda t: t[4])),
                    tuple(sorted(v["n"], key=lambda t: t[3])),
                    tuple(sorted(v["q"], key=lambda t: t[2])),
                ),
            )
        return out

    def gazetteer(self) -> "Gazetteer":
        """Names the library knows, folded -> (type, canonical), for the extractor (looked up on demand)."""
        return Gazetteer(self.engine)


class Gazetteer(Mapping):
    """The library's names as a read-only mapping fold_key(name) -> (type, canonical). A name the
    language files translate is stored under its English key (claims.lexicon.name_key) and offered
    back only under its own: the language files know it, in each language, by its name there.

    Each key the extractor asks about is one indexed look-up (remembered), instead of loading every
    distinct name of a large library before each check.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._seen: dict[str, tuple[str, str] | None] = {}

    def _lookup(self, key: str) -> tuple[str, str] | None:
        if key not in self._seen:
            n = record_names
            # The reading most records give wins ("Simon Harris" a person in nine records, an
            # organisation in one shouting "SIMON Harris"), over the first 200 rows of the key.
            capped = select(n.c.type, n.c.canonical).where(n.c.name_key == key).limit(200).subquery()
            votes = (
                select(capped.c.type, capped.c.canonical, func.count().label("n"))
                .group_by(capped.c.type, capped.c.canonical)
                .order_by(func.count().desc(), capped.c.type, capped.c.canonical)
            )
            with self.engine.connect() as conn:
                rows = conn.execute(votes).all()
            # rows under a translated key name it in another language ("Banque mondiale" under
            # "world bank"): an English article keeps its own name
            row = next((r for r in rows if fold_key(r.canonical) == key), None)
            self._seen[key] = (row.type, row.canonical) if row else None
        return self._seen[key]

    def __getitem__(self, key: str) -> tuple[str, str]:
        found = self._lookup(key) if isinstance(key, str) else None
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        with self.engine.connect() as conn:
            yield from conn.scalars(select(record_names.c.name_key).distinct())

    def __len__(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count(func.distinct(record_names.c.name_key)))) or 0

    def __bool__(self) -> bool:  # `gazetteer or {}` must not count every name
        return True


_TERM_RE = re.compile(r"[^\W_]{2,}", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """Words of a free-text query, safe to hand to FTS5 or to_tsquery."""
    return [t.lower() for t in _TERM_RE.findall(query)][:64]
