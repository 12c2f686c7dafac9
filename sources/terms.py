"""The matcher's word index of the library: each record's words and the initial+surname key of each
person it names, hashed into terms (`record_terms`, with how many records hold each term in
`record_term_df`, and which records are indexed in `record_terms_state`: the end of sources/db.py).

Every record is indexed in the transaction that stores it (`index_record_terms`, or `TermWriter` for
a bulk import whose worker processes compute the terms beside the values); `build_record_terms`
catches up on records stored without them. A record's words and its persons' keys come from
claims/text.py (content_words, person_key): the same functions read claims when they are looked up
(checker/candidates.py).
"""

from __future__ import annotations

import collections
import hashlib
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from sqlalchemy import Engine, func, select

from claims.text import content_words, person_key

from .bulk import copy_rows
from .db import record_names, record_term_df, record_terms, record_terms_state, records, writing
from .model import SourceRecord

if TYPE_CHECKING:
    from .index import IndexedValues


def term_hash(kind: str, value: str) -> int:
    """A stable 48-bit key for a term (blake2b: the same in every process, unlike hash())."""
    return int.from_bytes(hashlib.blake2b(f"{kind}:{value}".encode("utf-8"), digest_size=6).digest(), "big")


@lru_cache(maxsize=1 << 20)
def word_term(word: str) -> int:
    # Cached: words follow Zipf's law, so a library of a million records hashes each distinct
    # word once instead of some thirty million times.
    return term_hash("w", word)


def person_term(initial_key: str) -> int:
    return term_hash("p", initial_key)


def record_terms_of(title: str, excerpt: str, persons: Iterable[str]) -> set[int]:
    """Every term of one record: its words (title and excerpt) and its persons' initial keys."""
    terms = set(map(word_term, content_words(title)))
    terms.update(map(word_term, content_words(excerpt)))
    for name in persons:
        key = person_key(name)
        if key:
            terms.add(person_term(key))
    return terms


def index_record_terms(conn, pk: int, values: IndexedValues | None = None) -> None:
    """Fill `record_terms` for one stored record (call after its row and values are inserted).

    `values` saves reading the record's names back; title and excerpt are read from `records`.
    A record already indexed is left as it is.
    """
    if conn.execute(select(record_terms_state.c.record_pk).where(record_terms_state.c.record_pk == pk)).first():
        return
    row = conn.execute(select(records.c.title, records.c.excerpt).where(records.c.pk == pk)).first()
    if row is None:
        return
    if values is not None:
        persons = [canonical for _k, canonical, kind, _s, _e in values.names if kind == "person"]
    else:
        persons = _persons(conn, pk)
    terms = record_terms_of(row.title, row.excerpt, persons)
    if terms:
        conn.execute(record_terms.insert(), [{"term": t, "record_pk": pk} for t in terms])
        _add_df(conn, {t: 1 for t in terms})
    conn.execute(record_terms_state.insert(), [{"record_pk": pk}])


def drop_record_terms(conn, pk: int) -> None:
    """Remove one record's terms; call while its old title, excerpt and names are still stored."""
    if not conn.execute(select(record_terms_state.c.record_pk).where(record_terms_state.c.record_pk == pk)).first():
        return
    row = conn.execute(select(records.c.title, records.c.excerpt).where(records.c.pk == pk)).first()
    if row is not None:
        terms = sorted(record_terms_of(row.title, row.excerpt, _persons(conn, pk)))
        for chunk in _chunks(terms, 500):
            conn.execute(record_terms.delete().where(record_terms.c.record_pk == pk, record_terms.c.term.in_(chunk)))
        _add_df(conn, {t: -1 for t in terms})
    conn.execute(record_terms_state.delete().where(record_terms_state.c.record_pk == pk))


def index_stored_terms(conn, rows: Sequence[tuple[int, SourceRecord, IndexedValues]]) -> None:
    """Fill `record_terms` for records just stored, in bulk: (database key, record, its values).

    For Library.add, in the transaction that stores them (records already indexed are skipped).
    """
    if not rows:
        return
    pks = [pk for pk, _r, _v in rows]
    done: set[int] = set()
    for part in _chunks(pks, 500):
        done.update(
            conn.scalars(select(record_terms_state.c.record_pk).where(record_terms_state.c.record_pk.in_(part)))
        )
    _index_rows(
        conn,
        [
            (pk, r.title, r.excerpt, [c for _k, c, kind, _s, _e in v.names if kind == "person"])
            for pk, r, v in rows
            if pk not in done
        ],
    )


def persons_of(values: IndexedValues) -> list[str]:
    """The canonical names of the persons among a record's indexed names (for their initial keys)."""
    return [c for _k, c, kind, _s, _e in values.names if kind == "person"]


class TermWriter:
    """The matcher's terms of records stored by `Library.add`, written in its transaction.

    The terms of each record are computed beside its values (in the extractor's worker processes
    for a bulk import: `record_terms_of`), so this process only writes them: each chunk's (term,
    record) pairs, sorted, in one statement, and the record counts of the terms summed in memory
    and added once, at `finish`. No pass over the stored records is left for after the import.
    """

    def __init__(self, conn):
        self.conn = conn
        self.df: collections.Counter[int] = collections.Counter()

    def add(self, pairs: Sequence[tuple[int, int]], df: Mapping[int, int], pks: Sequence[int]) -> None:
        """(term, database key) pairs of records just stored (and not indexed yet), sorted; how
        many of these records hold each term; the records' keys."""
        if not pks:
            return
        _insert_pairs(self.conn, pairs)
        self.df.update(df)
        if self.conn.dialect.name == "sqlite":
            self.conn.exec_driver_sql("INSERT INTO record_terms_state (record_pk) VALUES (?)", [(pk,) for pk in pks])
        else:
            self.conn.execute(record_terms_state.insert(), [{"record_pk": pk} for pk in pks])

    def finish(self) -> None:
        _add_df(self.conn, dict(self.df))
        self.df = collections.Counter()


def _insert_pairs(conn, pairs: Sequence[tuple[int, int]]) -> None:
    for part in _chunks(pairs, 50_000):
        if conn.dialect.name == "sqlite":  # plain tuples: SQLAlchemy's per-row parameters cost more than SQLite
            conn.exec_driver_sql("INSERT INTO record_terms (term, record_pk) VALUES (?, ?)", part)
        elif conn.dialect.name == "postgresql":  # COPY: several times faster than an executemany
            copy_rows(conn, "COPY record_terms (term, record_pk) FROM STDIN", part)
        else:
            conn.execute(record_terms.insert(), [{"term": t, "record_pk": p} for t, p in part])


def _index_rows(conn, rows: Sequence[tuple[int, str, str, Sequence[str]]]) -> None:
    """Terms, counts and state of records (key, title, excerpt, persons), rows sorted by term so
    that a large batch appends to the B-tree rather than inserting at random."""
    if not rows:
        return
    pairs = sorted((t, pk) for pk, title, excerpt, persons in rows for t in record_terms_of(title, excerpt, persons))
    _insert_pairs(conn, pairs)
    df: dict[int, int] = {}
    for t, _p in pairs:
        df[t] = df.get(t, 0) + 1
    _add_df(conn, df)
    for part in _chunks([pk for pk, *_ in rows], 50_000):
        conn.execute(record_terms_state.insert(), [{"record_pk": p} for p in part])


def build_record_terms(engine: Engine, *, after_pk: int = 0, rebuild: bool = False, chunk: int = 20_000) -> int:
    """Index the terms of stored records that lack them (of every record with `rebuild`).

    Returns how many records were indexed.
    """
    if rebuild:
        with writing(engine) as conn:
            for table in (record_terms, record_term_df, record_terms_state):
                conn.execute(table.delete())
        after_pk = 0
    done = 0
    last = after_pk
    while True:
        with writing(engine) as conn:
            missing = (
                ~select(record_terms_state.c.record_pk).where(record_terms_state.c.record_pk == records.c.pk).exists()
            )
            rows = conn.execute(
                select(records.c.pk, records.c.title, records.c.excerpt)
                .where(records.c.pk > last, missing)
                .order_by(records.c.pk)
                .limit(chunk)
            ).all()
            if not rows:
                break
            pks = [r.pk for r in rows]
            persons: dict[int, list[str]] = {}
            for pk, canonical in conn.execute(
                select(record_names.c.record_pk, record_names.c.canonical).where(
                    record_names.c.record_pk.between(pks[0], pks[-1]), record_names.c.type == "person"
                )
            ):
                persons.setdefault(pk, []).append(canonical)
            _index_rows(conn, [(r.pk, r.title, r.excerpt, persons.get(r.pk, ())) for r in rows])
            done += len(rows)
            last = pks[-1]
    return done


def build_term_df(engine: Engine) -> None:
    """Recount `record_term_df` from `record_terms` (for a database indexed before it existed)."""
    with writing(engine) as conn:
        conn.execute(record_term_df.delete())
        conn.execute(
            record_term_df.insert().from_select(
                ["term", "df"], select(record_terms.c.term, func.count()).group_by(record_terms.c.term)
            )
        )


def _persons(conn, pk: int) -> list[str]:
    return list(
        conn.scalars(
            select(record_names.c.canonical).where(record_names.c.record_pk == pk, record_names.c.type == "person")
        )
    )


def _add_df(conn, changes: dict[int, int]) -> None:
    """Add to the record counts of terms (an upsert: SQLite and PostgreSQL spell it alike)."""
    if not changes:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    items = sorted(changes.items())
    for part in _chunks(items, 20_000):
        stmt = insert(record_term_df)
        stmt = stmt.on_conflict_do_update(index_elements=["term"], set_={"df": record_term_df.c.df + stmt.excluded.df})
        conn.execute(stmt, [{"term": t, "df": n} for t, n in part])


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
