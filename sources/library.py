"""The reference library: storing, finding, editing and indexing source records.

Every query on records and their value index lives here. Storing a record runs the claim extractor
on its excerpt and fills the value index (amounts, dates, names, quotes), so that the checker looks
records up by value instead of scanning text. A batch is stored in one transaction: either all of
its new records are stored or none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Engine, column, func, select, table, text

import claims
from claims.model import DateValue, Money, Name, Quote
from claims.text import fold_key

from .db import audit, connect, is_sqlite, record_amounts, record_dates, record_names, record_quotes, records
from .index import IndexedValues, ValueIndex, query_terms, record_from_row
from .model import SourceRecord, StoreReport, content_hash

Progress = Callable[[int, int], None]
_fts = table("records_fts", column("rowid"))  # SQLite FTS5 index over records (see db.py)


class RecordNotFound(KeyError):
    """No record with that id."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def index_values(record: SourceRecord) -> IndexedValues:
    """Run the claim extractor on a record's excerpt; relative dates need the record's own date."""
    language = record.language if record.language in claims.available_languages() else "auto"
    found = claims.extract(record.excerpt, language=language, published=record.published or dt.date.today())
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
        batch_size: int = 500,
        values: Callable[[SourceRecord], IndexedValues] = index_values,
    ) -> StoreReport:
        """Store records, skipping duplicates (same id, or same URL and excerpt).

        All or nothing: if anything fails, nothing of this call is stored.
        """
        added_ids: list[str] = []
        duplicates = 0
        done = 0
        seen_ids: set[str] = set()
        seen_hashes: set[str] = set()
        with self.engine.begin() as conn:
            batch: list[SourceRecord] = []

            def flush() -> None:
                nonlocal duplicates, done
                if not batch:
                    return
                hashes = [r.text_hash for r in batch]
                ids = [r.id for r in batch if r.id]
                existing_hashes = set(conn.scalars(
                    select(records.c.text_hash).where(records.c.text_hash.in_(hashes), records.c.deleted_at.is_(None))
                ))
                existing_ids = set(conn.scalars(select(records.c.record_id).where(records.c.record_id.in_(ids)))) if ids else set()
                now = _now()
                for rec in batch:
                    done += 1
                    if rec.text_hash in existing_hashes or rec.id in existing_ids:
                        duplicates += 1
                        continue
                    record_id = rec.id or self._new_id(conn, rec)
                    rec = replace(rec, id=record_id)
                    pk = conn.execute(records.insert().values(
                        record_id=record_id, title=rec.title, publisher=rec.publisher, url=rec.url,
                        published=rec.published, language=rec.language, excerpt=rec.excerpt,
                        tags=[list(t) for t in rec.tags], retrieved_at=rec.retrieved_at,
                        text_hash=rec.text_hash, created_at=now, updated_at=now,
                    )).inserted_primary_key[0]
                    _insert_values(conn, pk, values(rec))
                    added_ids.append(record_id)
                if on_progress:
                    on_progress(done, total or done)
                batch.clear()

            for rec in new:
                rec = replace(rec, text_hash=content_hash(rec.url, rec.excerpt))
                if (rec.id and rec.id in seen_ids) or rec.text_hash in seen_hashes:
                    duplicates += 1
                    done += 1
                    continue
                if rec.id:
                    seen_ids.add(rec.id)
                seen_hashes.add(rec.text_hash)
                batch.append(rec)
                if len(batch) >= batch_size:
                    flush()
            flush()
            if added_ids:
                conn.execute(audit.insert().values(
                    at=_now(), actor=actor, entity="library", entity_id="import", action="add",
                    before=None, after={"count": len(added_ids), "first": added_ids[0], "last": added_ids[-1]},
                ))
        return StoreReport(added=len(added_ids), duplicates=duplicates, ids=tuple(added_ids))

    def _new_id(self, conn, rec: SourceRecord) -> str:
        for length in range(8, 65, 4):
            candidate = f"R{rec.text_hash[:length]}"
            if conn.execute(select(records.c.pk).where(records.c.record_id == candidate)).first() is None:
                return candidate
        raise RuntimeError("could not find a free record id")

    def update(self, record_id: str, *, actor: str, **changes: Any) -> SourceRecord:
        """Edit fields of a record; its value index is rebuilt and the change audited."""
        allowed = {"title", "publisher", "url", "published", "language", "excerpt", "tags"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
        with self.engine.begin() as conn:
            row = conn.execute(select(records).where(records.c.record_id == record_id)).first()
            if row is None:
                raise RecordNotFound(record_id)
            before = record_from_row(row)
            after = replace(before, **changes)
            after = replace(after, text_hash=content_hash(after.url, after.excerpt))
            conn.execute(records.update().where(records.c.pk == row.pk).values(
                title=after.title, publisher=after.publisher, url=after.url, published=after.published,
                language=after.language, excerpt=after.excerpt, tags=[list(t) for t in after.tags],
                text_hash=after.text_hash, updated_at=_now(),
            ))
            _delete_values(conn, [row.pk])
            _insert_values(conn, row.pk, index_values(after))
            conn.execute(audit.insert().values(
                at=_now(), actor=actor, entity="record", entity_id=record_id, action="edit",
                before=_record_json(before), after=_record_json(after),
            ))
        return after

    def delete(self, record_id: str, *, actor: str) -> None:
        """Hide a record from searches and checks; it stays recoverable (see `restore`)."""
        with self.engine.begin() as conn:
            row = conn.execute(select(records).where(records.c.record_id == record_id, records.c.deleted_at.is_(None))).first()
            if row is None:
                raise RecordNotFound(record_id)
            conn.execute(records.update().where(records.c.pk == row.pk).values(deleted_at=_now()))
            conn.execute(audit.insert().values(
                at=_now(), actor=actor, entity="record", entity_id=record_id, action="delete",
                before=_record_json(record_from_row(row)), after=None,
            ))

    def restore(self, record_id: str, *, actor: str) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(select(records).where(records.c.record_id == record_id, records.c.deleted_at.is_not(None))).first()
            if row is None:
                raise RecordNotFound(record_id)
            conn.execute(records.update().where(records.c.pk == row.pk).values(deleted_at=None))
            conn.execute(audit.insert().values(
                at=_now(), actor=actor, entity="record", entity_id=record_id, action="restore",
                before=None, after=_record_json(record_from_row(row)),
            ))

    # ---- reading ------------------------------------------------------------------------

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(records).where(records.c.deleted_at.is_(None))) or 0

    def get(self, record_id: str) -> SourceRecord:
        with self.engine.connect() as conn:
            row = conn.execute(select(records).where(records.c.record_id == record_id, records.c.deleted_at.is_(None))).first()
        if row is None:
            raise RecordNotFound(record_id)
        return record_from_row(row)

    def iter_records(self, *, chunk: int = 2000) -> Iterator[SourceRecord]:
        """Every live record, in the order they were stored."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(records).where(records.c.pk > last, records.c.deleted_at.is_(None))
                    .order_by(records.c.pk).limit(chunk)
                ).all()
            if not rows:
                return
            for row in rows:
                yield record_from_row(row)
            last = rows[-1].pk

    def deleted(self) -> list[SourceRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(records).where(records.c.deleted_at.is_not(None)).order_by(records.c.deleted_at.desc())).all()
        return [record_from_row(r) for r in rows]

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
        """Full-text search (diacritics folded) with optional filters, best matches first."""
        conditions = [records.c.deleted_at.is_(None)]
        if publisher:
            conditions.append(func.lower(records.c.publisher).contains(publisher.lower()))
        if language:
            conditions.append(records.c.language == language)
        if date_from:
            conditions.append(records.c.published >= date_from)
        if date_to:
            conditions.append(records.c.published <= date_to)
        terms = query_terms(query)
        with self.engine.connect() as conn:
            if not terms:
                stmt = select(records).where(*conditions).order_by(records.c.published.desc(), records.c.pk).limit(limit)
                return [record_from_row(r) for r in conn.execute(stmt)]
            if is_sqlite(self.engine):
                stmt = (select(records).join(_fts, _fts.c.rowid == records.c.pk)
                        .where(text("records_fts MATCH :q"), *conditions)
                        .order_by(text("bm25(records_fts)")).limit(limit)
                        .params(q=" ".join(f'"{t}"' for t in terms)))
            else:
                doc = func.to_tsvector("simple", func.coalesce(records.c.title, "") + " " + records.c.excerpt + " " + func.coalesce(records.c.publisher, ""))
                q = func.plainto_tsquery("simple", " ".join(terms))
                stmt = (select(records).where(doc.op("@@")(q), *conditions)
                        .order_by(func.ts_rank(doc, q).desc()).limit(limit))
            return [record_from_row(r) for r in conn.execute(stmt)]

    @property
    def index(self) -> "ValueIndex":
        """Look-ups by value (amounts, dates, names, quotes) for the checker."""
        return ValueIndex(self.engine)

    def audit_trail(self, record_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit).where(audit.c.entity == "record", audit.c.entity_id == record_id).order_by(audit.c.id))
            return [dict(r._mapping) for r in rows]


def _insert_values(conn, pk: int, v: IndexedValues) -> None:
    if v.amounts:
        conn.execute(record_amounts.insert(), [
            {"record_pk": pk, "currency": c, "amount": a, "low": lo, "high": hi, "span_start": s, "span_end": e}
            for c, a, lo, hi, s, e in v.amounts])
    if v.dates:
        conn.execute(record_dates.insert(), [
            {"record_pk": pk, "iso": iso, "precision": p, "first_day": f, "last_day": l, "span_start": s, "span_end": e}
            for iso, p, f, l, s, e in v.dates])
    if v.names:
        conn.execute(record_names.insert(), [
            {"record_pk": pk, "name_key": k[:200], "canonical": c, "type": t, "span_start": s, "span_end": e}
            for k, c, t, s, e in v.names])
    if v.quotes:
        conn.execute(record_quotes.insert(), [
            {"record_pk": pk, "speaker_key": (k or None) and k[:200], "text": t, "span_start": s, "span_end": e}
            for k, t, s, e in v.quotes])


def _delete_values(conn, pks: list[int]) -> None:
    for value_table in (record_amounts, record_dates, record_names, record_quotes):
        conn.execute(value_table.delete().where(value_table.c.record_pk.in_(pks)))


def _record_json(r: SourceRecord) -> dict[str, Any]:
    return {
        "id": r.id, "title": r.title, "publisher": r.publisher, "url": r.url,
        "published": r.published.isoformat() if r.published else None, "language": r.language,
        "excerpt": r.excerpt, "tags": [list(t) for t in r.tags],
    }




