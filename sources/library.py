"""The reference library: storing, finding, editing and deleting source records.

Every query on records lives here and beside it (the value index's look-ups in sources/index.py).
Storing a record runs the claim extractor on its excerpt and fills the value index (amounts, dates,
names, quotes), so that the checker looks records up by value instead of scanning text.

A call to `Library.add` is one transaction: either all of its new records are stored or none
(sources/adding.py does it, in a pool of worker processes for large batches). What a record is
stored as is in sources/record_rows.py; full-text search in sources/full_text.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Engine, func, select

from . import full_text
from . import terms as term_index
from .adding import Progress, add_records, chunks
from .db import audit, connect, is_sqlite, records, without_nul, writing
from .index import IndexedValues, ValueIndex, query_terms, record_from_row
from .model import SourceRecord, StoreReport, content_hash
from .record_rows import delete_values, index_values, insert_values, now, tag_pairs

EDITABLE = ("title", "publisher", "url", "published", "language", "excerpt", "tags")


class RecordNotFound(KeyError):
    """No (live, or deleted for `restore`) record with that id."""

    def __str__(self) -> str:
        return f"no record with id {self.args[0]}"


class DuplicateRecord(ValueError):
    """An edit or a restore would make two live records of the same URL and excerpt."""


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
        return add_records(
            self.engine,
            new,
            actor=actor,
            on_progress=on_progress,
            total=total,
            batch_size=batch_size,
            workers=workers,
            values=values,
            guard=guard,
            before_commit=before_commit,
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
            after = _edited(before, record_id, changes)
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
            _rewrite(conn, row.pk, after)
            conn.execute(
                audit.insert().values(
                    at=now(),
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
        conn.execute(records.update().where(records.c.pk == row.pk).values(deleted_at=now()))
        conn.execute(
            audit.insert().values(
                at=now(),
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
                    at=now(),
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
            for part in chunks(ids, 500):
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
        RANKED_MATCHES of them (sources/full_text.py), so that a common word answers in milliseconds at a million records.
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
            query_of = full_text.sqlite_full_text if is_sqlite(self.engine) else full_text.postgres_full_text
            filtered = len(conditions) > 1
            stmt = query_of(conn, terms, conditions, filtered=filtered, limit=limit)
            found = [record_from_row(r) for r in conn.execute(stmt)]
            if len(found) < limit and not filtered:
                # the best matches held deleted records: read every match of the window
                stmt = query_of(conn, terms, conditions, filtered=True, limit=limit)
                found = [record_from_row(r) for r in conn.execute(stmt)]
        seen = {r.id for r in by_id}
        return (by_id + [r for r in found if r.id not in seen])[:limit]

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


def _edited(before: SourceRecord, record_id: str, changes: dict[str, Any]) -> SourceRecord:
    """The record with `changes`, checked as an import checks a row (ValueError with the reasons)."""
    merged = {f: getattr(before, f) for f in EDITABLE if f != "tags"} | {"id": record_id}
    merged.update({k: v for k, v in changes.items() if k != "tags"})
    tags = changes.get("tags", before.tags)
    from .importers.values import record_from_values  # not imported by a check (start-up)

    checked, reasons = record_from_values(merged, tag_pairs(tags))
    if reasons:
        raise ValueError("; ".join(reasons))
    return replace(checked, retrieved_at=before.retrieved_at, text_hash=content_hash(checked.url, checked.excerpt))


def _rewrite(conn, pk: int, after: SourceRecord) -> None:
    """Store an edited record in place: its row, its value index and its terms computed again."""
    term_index.drop_record_terms(conn, pk)
    conn.execute(
        records.update()
        .where(records.c.pk == pk)
        .values(
            title=after.title,
            publisher=after.publisher,
            url=after.url,
            published=after.published,
            language=after.language,
            excerpt=after.excerpt,
            tags=[list(t) for t in after.tags],
            text_hash=after.text_hash,
            updated_at=now(),
        )
    )
    delete_values(conn, [pk])
    new_values = index_values(after)
    insert_values(conn, [(pk, new_values)])
    term_index.index_record_terms(conn, pk, new_values)


def _fields(r: SourceRecord) -> tuple:
    return (r.title, r.publisher, r.url, r.published, r.language, r.excerpt, r.tags)


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
