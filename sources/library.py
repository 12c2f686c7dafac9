"""The reference library: storing, finding, editing and deleting source records.

Every query on records lives here (the value index's look-ups live in sources/index.py). Storing a
record runs the claim extractor on its excerpt and fills the value index (amounts, dates, names,
quotes), so that the checker looks records up by value instead of scanning text.

A call to `Library.add` is one transaction: either all of its new records are stored or none. Large
batches run the extractor in a pool of worker processes (one per core) while this process writes:
records are screened for duplicates in chunks, each chunk's values are computed by a worker, and the
chunks are written back in their original order, so results (ids, keys, index rows) are the same
with or without the pool.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import os
import sys
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

from sqlalchemy import Engine, column, func, select, table, text

import claims
from claims.model import DateValue, Money, Name, Quote
from claims.text import content_words, fold_accents, fold_key

# The matcher's derived word index (sources/terms.py): every record is indexed in the transaction
# that stores it. In a bulk import the extractor's worker processes compute each record's terms
# beside its values, and this process only writes them (terms.TermWriter).
from . import terms as term_index
from .bulk import DeferredFullText, bulk_load, insert_many, insert_rows, row_converter
from .db import (
    PG_SEARCH_DOC,
    audit,
    connect,
    is_sqlite,
    record_amounts,
    record_dates,
    record_names,
    record_quotes,
    record_term_df,
    records,
    without_nul,
    writing,
)
from .index import IndexedValues, ValueIndex, query_terms, record_from_row
from .model import SourceRecord, StoreReport, content_hash

Progress = Callable[[int, int], None]
_fts = table("records_fts", column("rowid"))  # SQLite FTS5 index over records (see db.py)
# Below this many records, starting worker processes costs more than it saves.
POOL_THRESHOLD = 2000
# A full-text query ranks at most this many matches (the most recently stored ones; see search).
RANKED_MATCHES = 1000
# Words held by more records than this are left out of a full-text query that has rarer words.
RANK_TERM_RECORDS = 20_000
EDITABLE = ("title", "publisher", "url", "published", "language", "excerpt", "tags")


class RecordNotFound(KeyError):
    """No (live, or deleted for `restore`) record with that id."""

    def __str__(self) -> str:
        return f"no record with id {self.args[0]}"


class DuplicateRecord(ValueError):
    """An edit or a restore would make two live records of the same URL and excerpt."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


@functools.lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    # claims.available_languages() lists claims/data/ on each call: 5% of indexing a record.
    return frozenset(claims.available_languages())


def index_values(record: SourceRecord) -> IndexedValues:
    """Run the claim extractor on a record's excerpt; relative dates need the record's own date."""
    language = record.language if record.language in _languages() else "auto"
    found = claims.extract(
        record.excerpt, language=language, published=record.published or dt.date.today(), unclaimed=False
    )
    amounts, dates, names, quotes = [], [], [], []
    for c in found.claims:
        v = c.value
        if isinstance(v, Money) and v.currency:
            top = v.amount_max if v.amount_max is not None else v.amount
            amounts.append((v.currency, float(v.amount), float(v.low), float(max(v.high, top)), c.start, c.end))
        elif isinstance(v, DateValue):
            if c.relative and record.published is None:
                continue
            dates.append((v.iso, v.precision, v.start, v.end, c.start, c.end))
        elif isinstance(v, Name):
            names.append((fold_key(v.canonical), v.canonical, c.type, c.start, c.end))
            for m_start, m_end in c.mentions[1:]:
                names.append((fold_key(v.canonical), v.canonical, c.type, m_start, m_end))
        elif isinstance(v, Quote):
            quotes.append((fold_key(v.speaker) if v.speaker else None, v.text, c.start, c.end))
    return IndexedValues(tuple(amounts), tuple(dates), tuple(names), tuple(quotes))


def _extractor_pool(workers: int):
    """Worker processes for the extractor, started before the transaction opens.

    On Linux they are forked: a fork starts in milliseconds with the extractor's patterns already
    built (warmed here), and, unlike `spawn`, never re-runs the caller's script, which would start
    the import again in every worker of a script without an `if __name__ == "__main__"` guard. The
    workers only compute values: they touch no database connection and leave with os._exit, so the
    connections they inherit are never used or closed by them. Elsewhere `spawn` is the only safe
    method."""
    for language in claims.available_languages():
        index_values(SourceRecord(id="", title="", excerpt="Le 3 mars 2024, 12 millions d’euros.", language=language))
    import multiprocessing  # only a bulk import needs it (a check never does: start-up)

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method).Pool(workers)


# The rows one chunk of new records writes, as tuples in these columns' order (built by
# `_index_chunk`, in a worker process or here, already converted for the database: see bulk.row_converter).
RECORD_COLUMNS = (
    "pk",
    "record_id",
    "title",
    "publisher",
    "url",
    "published",
    "language",
    "excerpt",
    "tags",
    "retrieved_at",
    "text_hash",
    "created_at",
    "updated_at",
)
VALUE_COLUMNS = (
    (record_amounts, ("record_pk", "currency", "amount", "low", "high", "span_start", "span_end")),
    (record_dates, ("record_pk", "iso", "precision", "first_day", "last_day", "span_start", "span_end")),
    (record_names, ("record_pk", "name_key", "canonical", "type", "span_start", "span_end")),
    (record_quotes, ("record_pk", "speaker_key", "text", "span_start", "span_end")),
)


@dataclass
class _ChunkRows:
    """Everything one chunk of new records writes: their rows, their value-index rows (one list per
    table of VALUE_COLUMNS), the matcher's (term, record) pairs sorted, and how many of them hold
    each term. Plain tuples, so that they cross from a worker process cheaply."""

    pks: list[int]
    records: list[tuple]
    values: list[list[tuple]]
    pairs: list[tuple[int, int]]
    df: dict[int, int]


def _index_chunk(
    chunk: Sequence[tuple],
    dialect: str,
    now: dt.datetime,
    values: Callable[[SourceRecord], IndexedValues] = index_values,
) -> _ChunkRows:
    """What a worker process computes for one chunk (module level, so that it can be pickled): each
    record's values (the extractor), the matcher's terms (its words and persons, hashed), and every
    row to write, converted for the database `dialect` names. `chunk` holds (key, the record's
    fields in SourceRecord's order)."""
    convert = row_converter(dialect, records, RECORD_COLUMNS)
    converters = [row_converter(dialect, table, cols) for table, cols in VALUE_COLUMNS]
    out = _ChunkRows([], [], [[], [], [], []], [], {})
    amounts, dates, names, quotes = out.values
    counts: collections.Counter[int] = collections.Counter()
    for pk, *fields in chunk:
        r = SourceRecord(*fields)
        v = values(r)
        out.pks.append(pk)
        out.records.append(
            convert(
                (
                    pk,
                    r.id,
                    r.title,
                    r.publisher,
                    r.url,
                    r.published,
                    r.language,
                    r.excerpt,
                    [list(t) for t in r.tags],
                    r.retrieved_at,
                    r.text_hash,
                    now,
                    now,
                )
            )
        )
        amounts.extend((pk, *a) for a in v.amounts)
        dates.extend((pk, *d) for d in v.dates)
        names.extend((pk, k[:200], c, t, s, e) for k, c, t, s, e in v.names)
        quotes.extend((pk, (k or None) and k[:200], t, s, e) for k, t, s, e in v.quotes)
        terms = term_index.record_terms_of(r.title, r.excerpt, term_index.persons_of(v))
        out.pairs.extend((t, pk) for t in terms)
        counts.update(terms)  # a record's terms are distinct: each adds one to their counts
    for rows, convert_values in zip(out.values, converters):
        rows[:] = [convert_values(row) for row in rows]
    out.pairs.sort()
    out.df = dict(counts)
    return out


@dataclass(frozen=True)
class DeletedRecord:
    """A record in the deleted list: when and by whom it was deleted."""

    record: SourceRecord
    deleted_at: dt.datetime
    deleted_by: str


class Library:
    """The newsroom's library of reference records, on one database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> "Library":
        return cls(connect(url))

    # ---- writing ------------------------------------------------------------------------

    def add(
        self,
        new: Iterable[SourceRecord],
        *,
        actor: str = "",
        on_progress: Progress | None = None,
        total: int | None = None,
        batch_size: int = 1000,
        workers: int | None = None,
        values: Callable[[SourceRecord], IndexedValues] = index_values,
        guard: Callable[[], None] | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> StoreReport:
        """Store records, skipping duplicates (same id, or same URL and excerpt) and counting them.

        All or nothing: if anything fails, nothing of this call is stored. `total` (the number of
        records, when `new` is a stream) drives `on_progress(done, total)`, called after each chunk.
        `workers`: extractor processes; by default one per core for batches of POOL_THRESHOLD
        records or more, none (this process) below; 0 forces this process. Either way the matcher's
        word index is filled in the same transaction (with workers, they compute the terms too).
        `guard()` is called after each chunk is written and `before_commit()` last, inside the
        transaction: an exception either raises cancels the call, and nothing of it is stored (the
        command line's import checks the file's rows beside the import this way).
        """
        size = total if total is not None else (len(new) if hasattr(new, "__len__") else None)  # type: ignore[arg-type]
        if workers is None:
            workers = (os.cpu_count() or 1) if size is not None and size >= POOL_THRESHOLD else 0
        if values is not index_values:
            workers = 0  # a custom function may not survive pickling
        actor = without_nul(actor)
        writer = _Writer(self, actor, max(1, batch_size))
        pool = _extractor_pool(workers) if workers > 0 else None
        try:
            with writing(self.engine) as conn, bulk_load(conn), DeferredFullText(conn) as full_text:
                writer.conn = conn
                writer.full_text = full_text
                writer.term_writer = term_index.TermWriter(conn)
                dialect = conn.dialect.name
                pending: collections.deque = collections.deque()
                # chunks in flight: enough that a worker never waits for this process to write
                window = 3 * workers if pool else 0
                for chunk in _chunks(new, writer.batch_size):
                    fresh = writer.screen(chunk)
                    task = (writer.with_keys(fresh), dialect, _now())
                    if pool and fresh:
                        job = pool.apply_async(_index_chunk, task)
                    else:
                        job = _index_chunk(*task, values=values)
                    pending.append((len(chunk), fresh, job))
                    while len(pending) > window:
                        writer.store(*pending.popleft())
                        if guard:
                            guard()
                        if on_progress:
                            on_progress(writer.done, max(size or 0, writer.done))
                while pending:
                    writer.store(*pending.popleft())
                    if guard:
                        guard()
                    if on_progress:
                        on_progress(writer.done, max(size or 0, writer.done))
                writer.term_writer.finish()
                if before_commit:
                    before_commit()
                if writer.added:
                    conn.execute(
                        audit.insert().values(
                            at=_now(),
                            actor=actor,
                            entity="library",
                            entity_id="import",
                            action="add",
                            before=None,
                            after={"count": len(writer.added), "first": writer.added[0], "last": writer.added[-1]},
                        )
                    )
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
        return StoreReport(
            added=len(writer.added),
            duplicates=writer.duplicates,
            ids=tuple(writer.added),
            deleted_matches=tuple(dict.fromkeys(writer.deleted_matches)),
        )

    def update(self, record_id: str, *, actor: str, **changes: Any) -> SourceRecord:
        """Edit fields of a live record; its value index is rebuilt and the change audited.

        Values are checked as an import checks them (a ValueError says why one is refused).
        """
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))} (editable: {', '.join(EDITABLE)})")
        actor = without_nul(actor)
        with writing(self.engine) as conn:
            row = conn.execute(
                select(records).where(records.c.record_id == record_id, records.c.deleted_at.is_(None))
            ).first()
            if row is None:
                raise RecordNotFound(record_id)
            before = record_from_row(row)
            merged = {f: getattr(before, f) for f in EDITABLE if f != "tags"} | {"id": record_id}
            merged.update({k: v for k, v in changes.items() if k != "tags"})
            tags = changes.get("tags", before.tags)
            from .importers import record_from_values  # not imported by a check (start-up)

            checked, reasons = record_from_values(merged, _tag_pairs(tags))
            if reasons:
                raise ValueError("; ".join(reasons))
            after = replace(
                checked, retrieved_at=before.retrieved_at, text_hash=content_hash(checked.url, checked.excerpt)
            )
            if _fields(after) == _fields(before):
                return before
            if after.text_hash != before.text_hash:
                other = conn.scalar(
                    select(records.c.record_id).where(
                        records.c.text_hash == after.text_hash, records.c.deleted_at.is_(None), records.c.pk != row.pk
                    )
                )
                if other:
                    raise DuplicateRecord(f"record {other} already holds this URL and excerpt")
            term_index.drop_record_terms(conn, row.pk)
            conn.execute(
                records.update()
                .where(records.c.pk == row.pk)
                .values(
                    title=after.title,
                    publisher=after.publisher,
                    url=after.url,
                    published=after.published,
                    language=after.language,
                    excerpt=after.excerpt,
                    tags=[list(t) for t in after.tags],
                    text_hash=after.text_hash,
                    updated_at=_now(),
                )
            )
            _delete_values(conn, [row.pk])
            new_values = index_values(after)
            _insert_values(conn, [(row.pk, new_values)])
            term_index.index_record_terms(conn, row.pk, new_values)
            conn.execute(
                audit.insert().values(
                    at=_now(),
                    actor=actor,
                    entity="record",
                    entity_id=record_id,
                    action="edit",
                    before=_record_json(before),
                    after=_record_json(after),
                )
            )
        return after

    def delete(self, record_id: str, *, actor: str) -> None:
        """Hide a record from searches and checks; it stays recoverable (see `restore`)."""
        actor = without_nul(actor)
        with writing(self.engine) as conn:
            if not self._delete(conn, record_id, actor):
                raise RecordNotFound(record_id)

    def delete_many(self, record_ids: Iterable[str], *, actor: str) -> list[str]:
        """Delete every record of `record_ids` still in the library, in one transaction (each one
        audited and recoverable); returns the ids deleted."""
        actor = without_nul(actor)
        with writing(self.engine) as conn:
            return [i for i in record_ids if self._delete(conn, i, actor)]

    @staticmethod
    def _delete(conn, record_id: str, actor: str) -> bool:
        row = conn.execute(
            select(records).where(records.c.record_id == record_id, records.c.deleted_at.is_(None))
        ).first()
        if row is None:
            return False
        conn.execute(records.update().where(records.c.pk == row.pk).values(deleted_at=_now()))
        conn.execute(
            audit.insert().values(
                at=_now(),
                actor=actor,
                entity="record",
                entity_id=record_id,
                action="delete",
                before=_record_json(record_from_row(row)),
                after=None,
            )
        )
        return True

    def restore(self, record_id: str, *, actor: str) -> SourceRecord:
        """Bring a deleted record back, as it was when deleted."""
        actor = without_nul(actor)
        with writing(self.engine) as conn:
            row = conn.execute(
                select(records).where(records.c.record_id == record_id, records.c.deleted_at.is_not(None))
            ).first()
            if row is None:
                raise RecordNotFound(record_id)
            other = conn.scalar(
                select(records.c.record_id).where(records.c.text_hash == row.text_hash, records.c.deleted_at.is_(None))
            )
            if other:
                raise DuplicateRecord(f"record {other} already holds this URL and excerpt; edit or delete it first")
            conn.execute(records.update().where(records.c.pk == row.pk).values(deleted_at=None))
            conn.execute(
                audit.insert().values(
                    at=_now(),
                    actor=actor,
                    entity="record",
                    entity_id=record_id,
                    action="restore",
                    before=None,
                    after=_record_json(record_from_row(row)),
                )
            )
        return record_from_row(row)

    # ---- reading ------------------------------------------------------------------------

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(records).where(records.c.deleted_at.is_(None))) or 0

    def get(self, record_id: str) -> SourceRecord:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(records).where(records.c.record_id == record_id, records.c.deleted_at.is_(None))
            ).first()
        if row is None:
            raise RecordNotFound(record_id)
        return record_from_row(row)

    def iter_records(self, *, chunk: int = 2000) -> Iterator[SourceRecord]:
        """Every live record, in the order they were stored (memory stays flat)."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(records)
                    .where(records.c.pk > last, records.c.deleted_at.is_(None))
                    .order_by(records.c.pk)
                    .limit(chunk)
                ).all()
            if not rows:
                return
            for row in rows:
                yield record_from_row(row)
            last = rows[-1].pk

    def deleted(self, *, limit: int = 500) -> list[DeletedRecord]:
        """Deleted records, most recently deleted first, with who deleted them."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(records)
                .where(records.c.deleted_at.is_not(None))
                .order_by(records.c.deleted_at.desc(), records.c.pk.desc())
                .limit(limit)
            ).all()
            by: dict[str, str] = {}
            ids = [r.record_id for r in rows]
            for part in _chunks(ids, 500):
                for entity_id, actor in conn.execute(
                    select(audit.c.entity_id, audit.c.actor)
                    .where(audit.c.entity == "record", audit.c.action == "delete", audit.c.entity_id.in_(part))
                    .order_by(audit.c.id)
                ):
                    by[entity_id] = actor
        return [DeletedRecord(record_from_row(r), r.deleted_at, by.get(r.record_id, "")) for r in rows]

    def search(
        self,
        query: str = "",
        *,
        publisher: str | None = None,
        language: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 50,
    ) -> list[SourceRecord]:
        """Full-text search (diacritics folded, every word must appear) with optional filters, best
        matches first; a query that is a record's id finds that record first. Without words, the
        most recently published records that pass the filters.

        On SQLite, a query matching more than RANKED_MATCHES records ranks the most recently stored
        RANKED_MATCHES of them, so that a common word answers in milliseconds at a million records.
        """
        conditions = [records.c.deleted_at.is_(None)]
        if publisher:
            conditions.append(func.lower(records.c.publisher).contains(publisher.strip().lower(), autoescape=True))
        if language:
            conditions.append(records.c.language == language)
        if date_from:
            conditions.append(records.c.published >= date_from)
        if date_to:
            conditions.append(records.c.published <= date_to)
        terms = query_terms(query)
        with self.engine.connect() as conn:
            by_id = []
            if query.strip():
                by_id = [
                    record_from_row(r)
                    for r in conn.execute(select(records).where(records.c.record_id == query.strip(), *conditions))
                ]
            if not terms:
                if query.strip():
                    return by_id
                stmt = (
                    select(records)
                    .where(*conditions)
                    .order_by(records.c.published.desc(), records.c.pk.desc())
                    .limit(limit)
                )
                return [record_from_row(r) for r in conn.execute(stmt)]
            full_text = self._sqlite_full_text if is_sqlite(self.engine) else self._postgres_full_text
            filtered = len(conditions) > 1
            stmt = full_text(conn, terms, conditions, filtered=filtered, limit=limit)
            found = [record_from_row(r) for r in conn.execute(stmt)]
            if len(found) < limit and not filtered:
                # the best matches held deleted records: read every match of the window
                stmt = full_text(conn, terms, conditions, filtered=True, limit=limit)
                found = [record_from_row(r) for r in conn.execute(stmt)]
        seen = {r.id for r in by_id}
        return (by_id + [r for r in found if r.id not in seen])[:limit]

    @staticmethod
    def _sqlite_full_text(conn, terms: list[str], conditions: list, *, filtered: bool, limit: int):
        """The FTS5 query of `search`, bounded at any library size.

        Two costs grow with the library, and both are capped here:
        - bm25 weighs each word by how many records hold it, which FTS5 counts by reading every
          occurrence: "the" alone costs tens of milliseconds at a million records. A capped count
          tells which words are held by at most RANK_TERM_RECORDS records; when some are, the
          commoner words are left out of the query (as search engines leave out "the" or "la").
          When none is, every word must appear and the most recently stored matches come first.
        - ranking reads each match: when a query has more than RANKED_MATCHES matches, only the
          most recently stored RANKED_MATCHES are ranked (a walk down the index finds where they
          start); with filters as well, the most recently stored matches that pass them come
          first, unranked.
        """
        capped = "SELECT count(*) FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH :q LIMIT :cap)"
        terms = list(dict.fromkeys(terms))
        rare = [
            t
            for t in terms
            if conn.scalar(text(capped), {"q": f'"{t}"', "cap": RANK_TERM_RECORDS + 1}) <= RANK_TERM_RECORDS
        ]
        ranked = bool(rare)
        match = " ".join(f'"{t}"' for t in (rare or terms))
        matches = conn.scalar(text(capped), {"q": match, "cap": RANKED_MATCHES + 1})
        if matches > RANKED_MATCHES and (filtered or not ranked):
            return (
                select(records)
                .join(_fts, _fts.c.rowid == records.c.pk)
                .where(text("records_fts MATCH :q"), *conditions)
                .order_by(_fts.c.rowid.desc())
                .limit(limit)
                .params(q=match)
            )
        floor = 0
        if matches > RANKED_MATCHES:
            floor = (
                conn.scalar(
                    text(
                        "SELECT rowid FROM records_fts WHERE records_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :n"
                    ),
                    {"q": match, "n": RANKED_MATCHES - 1},
                )
                or 0
            )
        # Without filters, rank inside the FTS index and read only the best rows (a few more, in
        # case some are deleted); with filters, every match of the window must be read.
        top = "" if filtered else f" LIMIT {int(limit) + 50}"
        order = "rank" if ranked else "rowid DESC"
        hits = (
            text(
                f"SELECT rowid AS pk, {'rank' if ranked else '-rowid'} AS rank FROM records_fts "
                f"WHERE records_fts MATCH :q AND rowid >= :floor ORDER BY {order}{top}"
            )
            .bindparams(q=match, floor=floor)
            .columns(column("pk"), column("rank"))
            .subquery("hits")
        )
        return (
            select(records)
            .join(hits, hits.c.pk == records.c.pk)
            .where(*conditions)
            .order_by(hits.c.rank, records.c.pk)
            .limit(limit)
        )

    @staticmethod
    def _postgres_full_text(conn, terms: list[str], conditions: list, *, filtered: bool, limit: int):
        """The tsquery of `search` on PostgreSQL, bounded as on SQLite (`_sqlite_full_text`).

        - Which words are rare is read from the matcher's word counts (`record_term_df`: how many
          records hold each word of four letters or more), one key look-up each instead of a count
          over the word's records; shorter words ("de", "the") count as common. When some words are
          rare, the common ones leave the query.
        - A capped count of the query's matches; above RANKED_MATCHES, only the most recently
          stored RANKED_MATCHES matches are ranked, and with filters as well (or no rare word) the
          most recently stored matches come first, unranked.
        Ranking and filtering read each record's stored document (`search_doc`), never the text.
        """
        terms = list(dict.fromkeys(terms))
        keys = sorted({term_index.word_term(w) for t in terms for w in content_words(t)})
        df = (
            dict(
                conn.execute(
                    select(record_term_df.c.term, record_term_df.c.df).where(record_term_df.c.term.in_(keys))
                ).all()
            )
            if keys
            else {}
        )

        def rare(term: str) -> bool:
            words = content_words(term)
            return bool(words) and all(df.get(term_index.word_term(w), 0) <= RANK_TERM_RECORDS for w in words)

        chosen = [t for t in terms if rare(t)]
        ranked = bool(chosen)
        q = fold_accents(" ".join(chosen or terms))
        query = f"{PG_SEARCH_DOC} @@ plainto_tsquery('simple', :q)"
        matches = conn.scalar(
            text(f"SELECT count(*) FROM (SELECT 1 FROM records WHERE {query} LIMIT :cap) AS m"),
            {"q": q, "cap": RANKED_MATCHES + 1},
        )
        stmt = select(records).where(text(query), *conditions)
        if not ranked or (matches > RANKED_MATCHES and filtered):  # the most recently stored first
            return stmt.order_by(records.c.pk.desc()).limit(limit).params(q=q)
        if matches > RANKED_MATCHES:  # rank the most recently stored matches only
            stmt = stmt.where(
                records.c.pk.in_(
                    select(records.c.pk).where(text(query)).order_by(records.c.pk.desc()).limit(RANKED_MATCHES)
                )
            )
        return (
            stmt.order_by(text(f"ts_rank({PG_SEARCH_DOC}, plainto_tsquery('simple', :q)) DESC"), records.c.pk)
            .limit(limit)
            .params(q=q)
        )

    @property
    def index(self) -> "ValueIndex":
        """Look-ups by value (amounts, dates, names, quotes) for the checker."""
        return ValueIndex(self.engine)

    def audit_trail(self, record_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(audit).where(audit.c.entity == "record", audit.c.entity_id == record_id).order_by(audit.c.id)
            )
            return [dict(r._mapping) for r in rows]


class _Writer:
    """The storing side of one `Library.add` call: duplicate screening, ids, batched inserts."""

    def __init__(self, library: Library, actor: str, batch_size: int):
        self.library = library
        self.term_writer: term_index.TermWriter | None = None  # terms computed with each chunk's values
        self.next_pk: int | None = None  # SQLite: the key of the next new record (see with_keys)
        self.actor = actor
        self.batch_size = batch_size
        self.conn = None
        self.full_text: DeferredFullText | None = None
        self.added: list[str] = []
        self.deleted_matches: list[str] = []
        self.duplicates = 0
        self.done = 0
        # ids and hashes screened but not yet written (the database knows the written ones)
        self.pending_ids: set[str] = set()
        self.pending_hashes: set[str] = set()

    def screen(self, chunk: list[SourceRecord]) -> list[SourceRecord]:
        """The records of a chunk that are new: not in the library, not earlier in this call."""
        chunk = [_normalised(r) for r in chunk]
        hashes = list({r.text_hash for r in chunk})
        ids = list({r.id for r in chunk if r.id})
        known_hash: dict[str, tuple[str, bool]] = {}
        for part in _chunks(hashes, 500):
            for h, rid, deleted_at in self.conn.execute(
                select(records.c.text_hash, records.c.record_id, records.c.deleted_at).where(
                    records.c.text_hash.in_(part)
                )
            ):
                if h not in known_hash or known_hash[h][1]:
                    known_hash[h] = (rid, deleted_at is not None)
        known_id: dict[str, bool] = {}
        for part in _chunks(ids, 500):
            for rid, deleted_at in self.conn.execute(
                select(records.c.record_id, records.c.deleted_at).where(records.c.record_id.in_(part))
            ):
                known_id[rid] = deleted_at is not None
        fresh: list[SourceRecord] = []
        for r in chunk:
            if r.id and (r.id in self.pending_ids or r.id in known_id):
                self.duplicates += 1
                if known_id.get(r.id):
                    self.deleted_matches.append(r.id)
                continue
            if r.text_hash in self.pending_hashes or r.text_hash in known_hash:
                self.duplicates += 1
                rid, deleted = known_hash.get(r.text_hash, ("", False))
                if deleted:
                    self.deleted_matches.append(rid)
                continue
            if r.id:
                self.pending_ids.add(r.id)
            self.pending_hashes.add(r.text_hash)
            fresh.append(r)
        fresh = self._with_ids(fresh)
        self.pending_ids.update(r.id for r in fresh)
        return fresh

    def with_keys(self, fresh: list[SourceRecord]) -> list[tuple]:
        """The screened records with their database keys, as (key, fields in SourceRecord's order).

        Keys are given here rather than by the insert, so that a worker builds every row of the
        chunk (value rows name their record's key): on SQLite the next keys after the highest
        stored one (this transaction holds the write lock), on PostgreSQL taken from the table's
        sequence, as an insert would take them."""
        if not fresh:
            return []
        if self.conn.dialect.name == "postgresql":
            keys = list(
                self.conn.scalars(
                    text("SELECT nextval(pg_get_serial_sequence('records', 'pk')) FROM generate_series(1, :n)"),
                    {"n": len(fresh)},
                )
            )
        else:
            if self.next_pk is None:
                self.next_pk = (self.conn.scalar(select(func.max(records.c.pk))) or 0) + 1
            keys = list(range(self.next_pk, self.next_pk + len(fresh)))
            self.next_pk += len(fresh)
        return [
            (
                pk,
                r.id,
                r.title,
                r.excerpt,
                r.publisher,
                r.url,
                r.published,
                r.language,
                r.tags,
                r.retrieved_at,
                r.text_hash,
            )
            for pk, r in zip(keys, fresh)
        ]

    def store(self, chunk_len: int, fresh: list[SourceRecord], job: Any) -> None:
        """Write one screened chunk with its values (waiting for its worker if it has one)."""
        rows: _ChunkRows = job if isinstance(job, _ChunkRows) else job.get()
        if rows.pks:
            insert_rows(self.conn, records, RECORD_COLUMNS, rows.records)
            for (table, columns), batch in zip(VALUE_COLUMNS, rows.values):
                insert_rows(self.conn, table, columns, batch)
            self.term_writer.add(rows.pairs, rows.df, rows.pks)
            if self.full_text is not None:
                self.full_text.index(rows.pks)
        for r in fresh:
            self.pending_hashes.discard(r.text_hash)
            self.pending_ids.discard(r.id)
            self.added.append(r.id)
        self.done += chunk_len

    def _with_ids(self, fresh: list[SourceRecord]) -> list[SourceRecord]:
        """Give records without an id one made from their hash: R + 8 hex digits, longer on a clash."""
        need = [i for i, r in enumerate(fresh) if not r.id]
        if not need:
            return fresh
        out = list(fresh)
        taken = {r.id for r in fresh if r.id}
        for length in range(8, 65, 4):
            candidates = {i: f"R{out[i].text_hash[:length]}" for i in need}
            existing = set()
            for part in _chunks(list(candidates.values()), 500):
                existing |= set(self.conn.scalars(select(records.c.record_id).where(records.c.record_id.in_(part))))
            still = []
            for i, candidate in candidates.items():
                if candidate in existing or candidate in taken or candidate in self.pending_ids:
                    still.append(i)
                else:
                    taken.add(candidate)
                    out[i] = replace(out[i], id=candidate)
            need = still
            if not need:
                return out
        raise RuntimeError("could not find a free record id")


def _normalised(r: SourceRecord) -> SourceRecord:
    """A record as stored: text trimmed and without NUL characters (see db.without_nul), tags
    cleaned, its hash computed; a record without title or excerpt is refused (importers and forms
    check this first, with row numbers)."""
    n = without_nul
    title, excerpt = n(r.title).strip(), n(r.excerpt).strip()
    if not title or not excerpt:
        raise ValueError(
            f"record {r.id or '(without id)'} has an empty {'title' if not title else 'excerpt'}; nothing was stored"
        )
    url = n(r.url).strip()
    return replace(
        r,
        id=n(r.id).strip(),
        title=title,
        excerpt=excerpt,
        publisher=n(r.publisher).strip(),
        url=url,
        language=n(r.language).strip().lower(),
        tags=_tag_pairs(r.tags),
        text_hash=content_hash(url, excerpt),
    )


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _tag_pairs(tags: Any) -> tuple[tuple[str, str], ...]:
    """Tags as (name, value) pairs of trimmed text, empty values left out; a mapping is accepted."""
    items = tags.items() if isinstance(tags, dict) else (tags or ())
    out = []
    for pair in items:
        name, value = pair
        name, value = without_nul(str(name)).strip(), "" if value is None else without_nul(str(value)).strip()
        if name and value:
            out.append((name, value))
    return tuple(out)


def _fields(r: SourceRecord) -> tuple:
    return (r.title, r.publisher, r.url, r.published, r.language, r.excerpt, r.tags)


def _insert_values(conn, rows: list[tuple[int, IndexedValues]]) -> None:
    """The value-index rows of stored records, one executemany per table."""
    amounts = [
        {"record_pk": pk, "currency": c, "amount": a, "low": lo, "high": hi, "span_start": s, "span_end": e}
        for pk, v in rows
        for c, a, lo, hi, s, e in v.amounts
    ]
    dates = [
        {"record_pk": pk, "iso": iso, "precision": p, "first_day": f, "last_day": l, "span_start": s, "span_end": e}
        for pk, v in rows
        for iso, p, f, l, s, e in v.dates
    ]
    names = [
        {"record_pk": pk, "name_key": k[:200], "canonical": c, "type": t, "span_start": s, "span_end": e}
        for pk, v in rows
        for k, c, t, s, e in v.names
    ]
    quotes = [
        {"record_pk": pk, "speaker_key": (k or None) and k[:200], "text": t, "span_start": s, "span_end": e}
        for pk, v in rows
        for k, t, s, e in v.quotes
    ]
    for value_table, batch in (
        (record_amounts, amounts),
        (record_dates, dates),
        (record_names, names),
        (record_quotes, quotes),
    ):
        insert_many(conn, value_table, batch)


def _delete_values(conn, pks: list[int]) -> None:
    for value_table in (record_amounts, record_dates, record_names, record_quotes):
        conn.execute(value_table.delete().where(value_table.c.record_pk.in_(pks)))


def _record_json(r: SourceRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "publisher": r.publisher,
        "url": r.url,
        "published": r.published.isoformat() if r.published else None,
        "language": r.language,
        "excerpt": r.excerpt,
        "tags": [list(t) for t in r.tags],
        "retrieved_at": r.retrieved_at.isoformat() if r.retrieved_at else None,
    }
