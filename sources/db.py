"""The database: the workbench's shared metadata, the library's tables, and how to open it.

SQLite is the embedded default (a file beside the project, WAL, a busy timeout, foreign keys on);
PostgreSQL serves shared deployments with the same code. Every query lives in sources/library.py,
sources/index.py and the modules beside them (the reference library) or checker/desk/ (articles under review, whose tables
checker/desk/tables.py declares on the same `metadata`); the rest receives plain values.
Transactions that write are opened with `writing(engine)`: on SQLite they take the write lock at
their start (BEGIN IMMEDIATE), so that editors saving at once wait their turn instead of failing.
Writing many rows at once (a bulk import) has its helpers in sources/bulk.py.

Tables:
- records, and their value index (record_amounts, record_dates, record_names, record_quotes), filled
  by running the claim extractor on each excerpt when it is stored;
- records_fts (SQLite FTS5 with diacritics folded) for full-text search; PostgreSQL uses a GIN
  index on a tsvector of the same text with accents folded by translate() (`PG_DOCUMENT`), so no
  extension is needed and the same query finds "Orléans" and "Orleans" on both databases;
- audit (who changed what, when, before and after, in the library and on the desk; deleted records
  are recoverable from it).
The review desk's tables (articles, article_claims, and the memory of its verdicts) are declared by
the desk itself, in checker/desk/tables.py, and created with `create_tables`.
- user_roles: the role of each person who signs in to a shared deployment (checker/access.py).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

from claims.text import ACCENTED, UNACCENTED
from settings import DATABASE

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "factcheck.db"
SCHEMA_VERSION = 1
# SQLite: how long a writer waits for the write lock (the busy timeout), and how many times it asks
# again when that wait runs out before giving up with "database is locked" (about a minute in all).
BUSY_TIMEOUT_S = 20
LOCK_ATTEMPTS = 3
_WRITE = "factcheck_write"  # execution option of the connections of `writing`

metadata = MetaData()

records = Table(
    "records",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("publisher", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("published", Date, nullable=True),
    Column("language", String(16), nullable=False, default=""),
    Column("excerpt", Text, nullable=False),
    Column("tags", JSON, nullable=False, default=list),
    Column("retrieved_at", DateTime, nullable=True),
    Column("text_hash", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("deleted_at", DateTime, nullable=True),
    Index("ix_records_hash", "text_hash"),
    Index("ix_records_published", "published"),
    Index("ix_records_publisher", "publisher"),
    Index("ix_records_language", "language"),
)

record_amounts = Table(
    "record_amounts",
    metadata,
    Column("record_pk", Integer, ForeignKey("records.pk", ondelete="CASCADE"), nullable=False),
    Column("currency", String(8), nullable=False),
    Column("amount", Float, nullable=False),
    Column("low", Float, nullable=False),
    Column("high", Float, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_amounts_covering", "currency", "amount", "record_pk"),  # see _INDEX_CHANGES
    Index("ix_amounts_record", "record_pk"),
)

record_dates = Table(
    "record_dates",
    metadata,
    Column("record_pk", Integer, ForeignKey("records.pk", ondelete="CASCADE"), nullable=False),
    Column("iso", String(16), nullable=False),
    Column("precision", String(8), nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_dates_period", "first_day", "last_day", "record_pk"),
    Index("ix_dates_record", "record_pk"),
)

record_names = Table(
    "record_names",
    metadata,
    Column("record_pk", Integer, ForeignKey("records.pk", ondelete="CASCADE"), nullable=False),
    Column("name_key", String(200), nullable=False),
    Column("canonical", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_names_key", "name_key", "record_pk"),
    Index("ix_names_record", "record_pk"),
)

record_quotes = Table(
    "record_quotes",
    metadata,
    Column("record_pk", Integer, ForeignKey("records.pk", ondelete="CASCADE"), nullable=False),
    Column("speaker_key", String(200), nullable=True),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_quotes_speaker_record", "speaker_key", "record_pk"),
    Index("ix_quotes_record", "record_pk"),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("entity", String(16), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Index("ix_audit_entity", "entity", "entity_id"),
)

# Who may do what in a shared deployment (checker/access.py owns it): one row per person, by the
# email address their identity provider signs them in with. The embedded single-user default never
# reads it. Changes are audited (entity "user").
user_roles = Table(
    "user_roles",
    metadata,
    Column("email", String(254), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("granted_by", Text, nullable=False),
    Column("granted_at", DateTime, nullable=False),
)

schema_info = Table(
    "schema_info",
    metadata,
    Column("version", Integer, nullable=False),
)

# Indexes of databases made by earlier versions, replaced in place when one is opened (once: a few
# seconds at a million records). The value look-ups ask for the records holding a value; an index
# on the value alone answers with rowids, and each record key was then read from the table row:
# at a million records, a day or an amount range holds hundreds of rows, and reading them grew the
# look-up tenfold. An index ending with the record key answers alone ("covering"), and the date
# index holds the period's last day too, so "a month starting on the 1st that holds the 14th" is
# one range of it instead of every period starting on the 1st.
_INDEX_CHANGES = (
    (
        "ix_amounts_value",
        "CREATE INDEX IF NOT EXISTS ix_amounts_covering ON record_amounts (currency, amount, record_pk)",
    ),
    ("ix_dates_first", "CREATE INDEX IF NOT EXISTS ix_dates_period ON record_dates (first_day, last_day, record_pk)"),
    (
        "ix_quotes_speaker",
        "CREATE INDEX IF NOT EXISTS ix_quotes_speaker_record ON record_quotes (speaker_key, record_pk)",
    ),
)

SQLITE_FTS_INSERT_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS records_ai AFTER INSERT ON records BEGIN "
    "INSERT INTO records_fts(rowid, title, excerpt, publisher) VALUES (new.pk, new.title, new.excerpt, new.publisher); END"
)
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS records_fts USING fts5("
    "title, excerpt, publisher, content='records', content_rowid='pk', "
    "tokenize='unicode61 remove_diacritics 2')",
    SQLITE_FTS_INSERT_TRIGGER,
    "CREATE TRIGGER IF NOT EXISTS records_ad AFTER DELETE ON records BEGIN "
    "INSERT INTO records_fts(records_fts, rowid, title, excerpt, publisher) "
    "VALUES ('delete', old.pk, old.title, old.excerpt, old.publisher); END",
    "CREATE TRIGGER IF NOT EXISTS records_au AFTER UPDATE OF title, excerpt, publisher ON records BEGIN "
    "INSERT INTO records_fts(records_fts, rowid, title, excerpt, publisher) "
    "VALUES ('delete', old.pk, old.title, old.excerpt, old.publisher); "
    "INSERT INTO records_fts(rowid, title, excerpt, publisher) VALUES (new.pk, new.title, new.excerpt, new.publisher); END",
]


# The PostgreSQL full-text document of a record; queries must use this exact expression so that
# the planner uses the GIN index built on it.
PG_DOCUMENT = (
    "to_tsvector('simple', translate(coalesce(records.title, '') || ' ' || records.excerpt || ' ' || "
    f"coalesce(records.publisher, ''), '{ACCENTED}', '{UNACCENTED}'))"  # as claims.text.fold_accents
)
# PostgreSQL keeps each record's document in a stored generated column, `search_doc`, with a GIN index
# on it: ranking (ts_rank) and filtering a candidate row then read the stored document instead of
# computing it again from the text, which cost about 0.3 ms a row (8 s for a query matching 25,000
# records at 100k). The column is not in the SQLAlchemy table: PostgreSQL fills it on every insert
# and update, and SQLite has its own FTS5 index.
PG_SEARCH_DOC = "records.search_doc"
_POSTGRES_FTS = [
    "DROP INDEX IF EXISTS ix_records_fts",  # an earlier version indexed the text without folding accents
    f"ALTER TABLE records ADD COLUMN IF NOT EXISTS search_doc tsvector "
    f"GENERATED ALWAYS AS ({PG_DOCUMENT.replace('records.', '')}) STORED",
    "CREATE INDEX IF NOT EXISTS ix_records_search_doc ON records USING GIN (search_doc)",
    "DROP INDEX IF EXISTS ix_records_fts_folded",  # the index on the computed document, before the column
]
# Trigram indexes (pg_trgm) where a search matches inside a field: the publisher filter of
# `Library.search` ("contains", case aside) is a LIKE '%...%' that no B-tree serves; SQLite scans the
# filtered rows instead. Created only where the extension is available (it ships with PostgreSQL,
# but CREATE EXTENSION needs the right to create it once per database).
_POSTGRES_TRIGRAM = [
    # in `public`, whatever the search path, so that a deployment in a schema of its own finds it
    "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
    "CREATE INDEX IF NOT EXISTS ix_records_publisher_trgm ON records USING GIN (lower(publisher) public.gin_trgm_ops)",
]


def database_url(url: str | None = None) -> str:
    """The database to use: the given URL, else $FACTCHECK_DB, else factcheck.db beside the project."""
    return url or DATABASE.value() or f"sqlite:///{DEFAULT_PATH}"


_ENGINES: dict[str, Engine] = {}


def connect(url: str | None = None, *, fresh: bool = False) -> Engine:
    """An engine on the database, with the schema created if needed (cached per URL).

    `sqlite://` (no path) is a private in-memory database, handy for tests and one-off checks.
    """
    url = database_url(url)
    if not fresh and url in _ENGINES:
        return _ENGINES[url]
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = create_engine(
            url,
            poolclass=StaticPool if in_memory else None,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    create_schema(engine)
    if url not in ("sqlite://", "sqlite:///:memory:"):
        _ENGINES[url] = engine
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so reads and DDL
    # that come first would run outside it (a failed import would keep a dropped trigger). The
    # driver is put in autocommit and SQLAlchemy emits BEGIN itself (_sqlite_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    """BEGIN on SQLite: IMMEDIATE for a transaction that writes (see `writing`), else deferred.

    A deferred transaction that reads and then writes asks for the write lock at its first write; if
    another connection wrote in between, SQLite refuses at once ("database is locked") without
    waiting out the busy timeout. BEGIN IMMEDIATE takes the lock first, waiting for it up to the busy
    timeout, and is asked again LOCK_ATTEMPTS times in all before the error is let through. Reads
    stay deferred: in WAL mode they never wait for a writer.
    """
    if not conn.get_execution_options().get(_WRITE):
        conn.exec_driver_sql("BEGIN")
        return
    for attempt in range(1, LOCK_ATTEMPTS + 1):
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if attempt == LOCK_ATTEMPTS or not is_locked(exc):
                raise
            time.sleep(0.05 * attempt)


def is_locked(exc: BaseException) -> bool:
    """Whether `exc` is SQLite's "database is locked" (another writer held the lock too long)."""
    return isinstance(exc, OperationalError) and "database is locked" in str(getattr(exc, "orig", exc))


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes, committed at the end (rolled back on an exception), like
    `engine.begin()`, except that on SQLite the write lock is taken at its start (`_sqlite_begin`):
    what it reads before writing cannot be changed by another writer before it commits, and it waits
    for another editor's save instead of failing. On PostgreSQL it is `engine.begin()`."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


# Any constant: the key of the advisory lock under which PostgreSQL's schema is created.
_SCHEMA_LOCK = 0x46_43_53_43  # "FCSC"


def _lock_schema(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        # Servers of a shared deployment started together on an empty database: without the lock
        # each checks that a table is missing, then creates it, and all but one fail on a
        # duplicate type. Under it, the first creates the schema and the others find it made.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})


def schema_is_current(engine: Engine) -> bool:
    """Whether every table, index, trigger and added column of this version is there, and nothing
    that `create_schema` replaces: read with a plain read transaction, which on SQLite never waits
    for a writer (WAL) and on PostgreSQL takes no table lock."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        inspector = inspect(conn)
        tables = set(inspector.get_table_names())
        if not set(metadata.tables) <= tables:
            return False
        for table in metadata.tables.values():
            have = {ix["name"] for ix in inspector.get_indexes(table.name)}
            if not {ix.name for ix in table.indexes} <= have:
                return False
            if {old for old, _create in _INDEX_CHANGES} & have:
                return False
        if engine.dialect.name == "sqlite":
            found = set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE name IN ('records_fts', 'records_ai', 'records_ad', 'records_au')"
                ).scalars()
            )
            if len(found) < 4:
                return False
        else:
            if "search_doc" not in {c["name"] for c in inspector.get_columns("records")}:
                return False
            have = {ix["name"] for ix in inspector.get_indexes("records")}
            if "ix_records_search_doc" not in have or {"ix_records_fts", "ix_records_fts_folded"} & have:
                return False
        return conn.execute(schema_info.select()).first() is not None


def create_schema(engine: Engine) -> None:
    """Create what is missing of the schema (and replace what an earlier version made differently).

    A database that is already current is only read: opening it while another process imports
    (holding SQLite's write lock for minutes, or PostgreSQL's row locks) neither waits nor blocks."""
    if schema_is_current(engine):
        return
    statements = _SQLITE_FTS if engine.dialect.name == "sqlite" else _POSTGRES_FTS
    with writing(engine) as conn:  # processes opening the same new database at once create it once
        _lock_schema(conn)
        metadata.create_all(conn)
        for old, create in _INDEX_CHANGES:
            conn.execute(text(create))
            conn.execute(text(f"DROP INDEX IF EXISTS {old}"))
        for stmt in statements:
            conn.execute(text(stmt))
        if engine.dialect.name == "postgresql":
            try:
                with conn.begin_nested():
                    for stmt in _POSTGRES_TRIGRAM:
                        conn.execute(text(stmt))
            except Exception:  # noqa: BLE001 - no pg_trgm here: the publisher filter scans, as on SQLite
                pass
        if conn.execute(schema_info.select()).first() is None:
            conn.execute(schema_info.insert().values(version=SCHEMA_VERSION))


def create_tables(engine: Engine, tables: Sequence[Table], added_columns: Sequence[tuple[str, str, str]] = ()) -> None:
    """Create `tables` (declared on `metadata` by another package) where they are missing, under the
    schema's lock, then add the columns added to them after databases were created with them
    ((table, column, SQL type), added in place, empty). For tables declared after the database was
    opened; `connect` creates those declared before it with the rest."""
    with writing(engine) as conn:
        _lock_schema(conn)
        metadata.create_all(conn, tables=list(tables))
    if added_columns:
        _add_missing_columns(engine, added_columns)


def without_nul(text: str) -> str:
    """Text with its NUL characters removed: PostgreSQL refuses them in text, SQLite would keep
    them, and they carry nothing an editor typed."""
    return text.replace("\x00", "") if "\x00" in text else text


def row_problem(table: Table, row: Mapping[str, Any]) -> str | None:
    """What in `row` (column name: value) PostgreSQL would refuse and SQLite would store: a NUL
    character in text, or text longer than its column; None when both take it alike."""
    for name, value in row.items():
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            return f"{name} holds a NUL character"
        length = getattr(table.c[name].type, "length", None)
        if length and len(value) > length:
            return f"{name} is longer than {length} characters"
    return None


def _add_missing_columns(engine: Engine, added_columns: Sequence[tuple[str, str, str]]) -> None:
    from sqlalchemy import inspect

    inspector = inspect(engine)
    for table, column, kind in added_columns:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            with writing(engine) as conn:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


# ==== everything below belongs to the matching helper (sources/terms.py owns these tables) ====

# ---- value-index tables of the matcher -----------------------------------------------------------
# Owned by the matcher's word terms (sources/terms.py writes them, sources/index.py reads them). They are
# derived from `records` and `record_names`, so they can be rebuilt at any time (sources/terms.py:
# build_record_terms).
# - record_terms: one row per (term, record): the record's words of four letters or more (title and
#   excerpt) and the initial+surname key of each person it names ("j leike"), as stable 48-bit
#   hashes (blake2b, the same in every process). Clustered on (term, record_pk) so that a term's
#   records are one range read; no foreign key, because a cascade would need a second index as big
#   as the table: rows of a changed record are removed by recomputing its terms (drop_record_terms).
# - record_term_df: how many records hold each term (kept with record_terms), so that the rarity of
#   a word is one key look-up instead of a count over its records;
# - record_terms_state: which records have their terms indexed (for catching up on older records).

from sqlalchemy import BigInteger, PrimaryKeyConstraint  # noqa: E402

record_terms = Table(
    "record_terms",
    metadata,
    Column("term", BigInteger, nullable=False),
    Column("record_pk", Integer, nullable=False),
    PrimaryKeyConstraint("term", "record_pk", name="pk_record_terms"),
    sqlite_with_rowid=False,
)

record_terms_state = Table(
    "record_terms_state",
    metadata,
    Column("record_pk", Integer, primary_key=True, autoincrement=False),
)

record_term_df = Table(
    "record_term_df",
    metadata,
    Column("term", BigInteger, primary_key=True, autoincrement=False),
    Column("df", Integer, nullable=False),
)
