"""Adding records to the library in bulk: what `Library.add` does, in one transaction.

Records are screened for duplicates in chunks (same id, or same URL and excerpt, in the library or
earlier in the call) and given ids; each chunk's values are computed by the extractor, in a pool of
worker processes (one per core) for large batches while this process writes, and the chunks are
written back in their original order, so results (ids, keys, index rows) are the same with or
without the pool. Either all of the new records are stored or none.
"""

from __future__ import annotations

import collections
import os
import sys
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Engine, func, select, text

import claims

from . import terms as term_index
from .bulk import DeferredFullText, bulk_load, insert_rows
from .db import audit, records, without_nul, writing
from .index import IndexedValues
from .model import SourceRecord, StoreReport
from .record_rows import RECORD_COLUMNS, VALUE_COLUMNS, ChunkRows, index_chunk, index_values, normalised, now

Progress = Callable[[int, int], None]
# Below this many records, starting worker processes costs more than it saves.
POOL_THRESHOLD = 2000


def add_records(
    engine: Engine,
    new: Iterable[SourceRecord],
    *,
    actor: str,
    on_progress: Progress | None,
    total: int | None,
    batch_size: int,
    workers: int | None,
    values: Callable[[SourceRecord], IndexedValues],
    guard: Callable[[], None] | None,
    before_commit: Callable[[], None] | None,
) -> StoreReport:
    """`Library.add` (its docstring says what each argument does)."""
    size = total if total is not None else (len(new) if hasattr(new, "__len__") else None)  # type: ignore[arg-type]
    if workers is None:
        workers = (os.cpu_count() or 1) if size is not None and size >= POOL_THRESHOLD else 0
    if values is not index_values:
        workers = 0  # a custom function may not survive pickling
    actor = without_nul(actor)
    writer = Writer(actor, max(1, batch_size))
    pool = _extractor_pool(workers) if workers > 0 else None
    try:
        with writing(engine) as conn, bulk_load(conn), DeferredFullText(conn) as full_text:
            writer.conn = conn
            writer.full_text = full_text
            writer.term_writer = term_index.TermWriter(conn)
            _store_chunks(writer, new, pool, workers, values, size, guard, on_progress)
            writer.term_writer.finish()
            if before_commit:
                before_commit()
            if writer.added:
                conn.execute(
                    audit.insert().values(
                        at=now(),
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


def _store_chunks(
    writer: "Writer",
    new: Iterable[SourceRecord],
    pool: Any,
    workers: int,
    values: Callable[[SourceRecord], IndexedValues],
    size: int | None,
    guard: Callable[[], None] | None,
    on_progress: Progress | None,
) -> None:
    """Screen each chunk, have its rows built (by a worker of `pool`, else here) and write the chunks
    in order, keeping up to 3 per worker in flight so that a worker never waits for this process."""
    dialect = writer.conn.dialect.name
    pending: collections.deque = collections.deque()
    # chunks in flight: enough that a worker never waits for this process to write
    window = 3 * workers if pool else 0

    def store_next() -> None:
        writer.store(*pending.popleft())
        if guard:
            guard()
        if on_progress:
            on_progress(writer.done, max(size or 0, writer.done))

    for chunk in chunks(new, writer.batch_size):
        fresh = writer.screen(chunk)
        task = (writer.with_keys(fresh), dialect, now())
        if pool and fresh:
            job = pool.apply_async(index_chunk, task)
        else:
            job = index_chunk(*task, values=values)
        pending.append((len(chunk), fresh, job))
        while len(pending) > window:
            store_next()
    while pending:
        store_next()


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


class Writer:
    """The storing side of one `Library.add` call: duplicate screening, ids, batched inserts."""

    def __init__(self, actor: str, batch_size: int):
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
        chunk = [normalised(r) for r in chunk]
        hashes = list({r.text_hash for r in chunk})
        ids = list({r.id for r in chunk if r.id})
        known_hash: dict[str, tuple[str, bool]] = {}
        for part in chunks(hashes, 500):
            for h, rid, deleted_at in self.conn.execute(
                select(records.c.text_hash, records.c.record_id, records.c.deleted_at).where(
                    records.c.text_hash.in_(part)
                )
            ):
                if h not in known_hash or known_hash[h][1]:
                    known_hash[h] = (rid, deleted_at is not None)
        known_id: dict[str, bool] = {}
        for part in chunks(ids, 500):
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
        rows: ChunkRows = job if isinstance(job, ChunkRows) else job.get()
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
            for part in chunks(list(candidates.values()), 500):
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


def chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
