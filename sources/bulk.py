"""Writing many rows at once: what a bulk import of records uses beside ordinary inserts.

On SQLite, statements compiled once and values converted with the columns' own SQLAlchemy
processors, handed to the driver as tuples; on PostgreSQL, COPY. `row_converter` is a plain function
of the dialect's name, so that the extractor's worker processes convert the rows they build.
`bulk_load` and `DeferredFullText` set a bulk transaction up on SQLite (a larger page cache, the
full-text index filled per batch instead of per row).
"""

from __future__ import annotations

import contextlib
import functools
from typing import Callable, Iterator

from sqlalchemy import JSON, Table

from .db import SQLITE_FTS_INSERT_TRIGGER


@contextlib.contextmanager
def bulk_load(conn) -> Iterator[None]:
    """Settings for storing many records in one transaction: on SQLite, a page cache of 256 MB
    (the B-trees of the indexes and FTS stay in memory instead of being re-read); restored after."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


_INSERTS: dict[tuple[str, tuple[str, ...]], tuple[str, list]] = {}


def insert_many(conn, table: Table, rows: list[dict]) -> None:
    """Insert rows (dicts with the same keys) in one executemany.

    On SQLite the statement is compiled once and the values converted with the columns' own
    SQLAlchemy processors (dates, JSON...), then handed to the driver as tuples: the same stored
    values as `conn.execute(table.insert(), rows)`, at a third of its cost per row, which matters
    for millions of index rows. Other databases take the ordinary path.
    """
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, table, rows)
        return
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), rows)
        return
    names = tuple(rows[0])
    key = (table.name, names)
    if key not in _INSERTS:
        cols = [table.c[n] for n in names]
        sql = f'INSERT INTO {table.name} ({", ".join(names)}) VALUES ({", ".join("?" for _ in names)})'
        _INSERTS[key] = (sql, [c.type._cached_bind_processor(conn.dialect) for c in cols])
    sql, processors = _INSERTS[key]
    if any(processors):
        data = [tuple(p(r[n]) if p else r[n] for n, p in zip(names, processors)) for r in rows]
    else:
        data = [tuple(r[n] for n in names) for r in rows]
    conn.exec_driver_sql(sql, data)


@functools.lru_cache(maxsize=None)
def _sqlite_dialect():
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    return SQLiteDialect_pysqlite()


@functools.lru_cache(maxsize=None)
def row_converter(dialect: str, table: Table, names: tuple[str, ...]) -> Callable[[tuple], tuple]:
    """How a row of `table` (a tuple of Python values in the order of `names`) is handed to the
    database named `dialect` by `insert_rows`: on SQLite, through the columns' own SQLAlchemy
    processors (dates, times and JSON stored exactly as `conn.execute(table.insert(), ...)` stores
    them); elsewhere as it is. A plain function of the dialect's name, so that the extractor's
    worker processes convert the rows they build."""
    if dialect != "sqlite":
        return tuple
    processors = [table.c[n].type._cached_bind_processor(_sqlite_dialect()) for n in names]
    steps = [(i, p) for i, p in enumerate(processors) if p is not None]
    if not steps:
        return tuple

    def convert(row: tuple) -> tuple:
        out = list(row)
        for i, p in steps:
            out[i] = p(out[i])
        return tuple(out)

    return convert


def insert_rows(conn, table: Table, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows already converted by `row_converter(conn.dialect.name, table, names)`, in one
    statement: an executemany of plain tuples on SQLite, a COPY on PostgreSQL."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            f'INSERT INTO {table.name} ({", ".join(names)}) VALUES ({", ".join("?" for _ in names)})', rows
        )
    elif conn.dialect.name == "postgresql":
        from psycopg.types.json import Json

        as_json = [i for i, n in enumerate(names) if isinstance(table.c[n].type, JSON)]
        if as_json:
            rows = [tuple(Json(v) if i in as_json else v for i, v in enumerate(r)) for r in rows]
        copy_rows(conn, f'COPY {table.name} ({", ".join(names)}) FROM STDIN', rows)
    else:
        conn.execute(table.insert(), [dict(zip(names, r)) for r in rows])


def _copy_rows(conn, table: Table, rows: list[dict]) -> None:
    """PostgreSQL: rows in with one COPY, in the connection's transaction. psycopg sends an
    executemany one statement per row (in a pipeline): at a million records and five million index
    rows that was most of the import; COPY takes them as one stream. JSON columns are sent as JSON
    (json.dumps, as SQLAlchemy's JSON type does)."""
    from psycopg.types.json import Json

    names = tuple(rows[0])
    as_json = [isinstance(table.c[n].type, JSON) for n in names]
    copy_rows(
        conn,
        f'COPY {table.name} ({", ".join(names)}) FROM STDIN',
        ([Json(r[n]) if j else r[n] for n, j in zip(names, as_json)] for r in rows),
    )


def copy_rows(conn, statement: str, rows) -> None:
    """Stream rows into a PostgreSQL COPY ... FROM STDIN on the connection's own transaction.

    The driver's errors are raised as SQLAlchemy's (IntegrityError for a duplicate key...), as
    every other statement's are: callers catch those, not psycopg's."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    try:
        with conn.connection.driver_connection.cursor().copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc


class DeferredFullText:
    """Full-text indexing of records inserted in bulk, done per batch instead of per row.

    On SQLite the insert trigger of records_fts costs about 60 us a row, while one
    INSERT ... SELECT of the same rows costs under 10 us a row. Inside a bulk transaction the
    trigger is dropped, each batch is indexed with `index(pks)`, and the trigger is created again
    before the commit (all inside the transaction, so a failure leaves the schema as it was).
    PostgreSQL maintains its GIN index itself; there this does nothing.
    """

    def __init__(self, conn):
        self.conn = conn
        self.active = conn.dialect.name == "sqlite"

    def __enter__(self) -> "DeferredFullText":
        if self.active:
            self.conn.exec_driver_sql("DROP TRIGGER IF EXISTS records_ai")
        return self

    def index(self, pks: list[int]) -> None:
        if not self.active or not pks:
            return
        select_rows = "INSERT INTO records_fts(rowid, title, excerpt, publisher) SELECT pk, title, excerpt, publisher FROM records "
        if len(pks) == pks[-1] - pks[0] + 1 and all(a < b for a, b in zip(pks, pks[1:])):  # one run of keys
            self.conn.exec_driver_sql(select_rows + "WHERE pk BETWEEN ? AND ?", (int(pks[0]), int(pks[-1])))
            return
        for i in range(0, len(pks), 500):
            part = pks[i : i + 500]
            self.conn.exec_driver_sql(select_rows + f"WHERE pk IN ({','.join(str(int(p)) for p in part)})")

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.active and exc_type is None:
            self.conn.exec_driver_sql(SQLITE_FTS_INSERT_TRIGGER)
