"""Copy a library imported into SQLite to a new PostgreSQL database, for PostgreSQL's look-up, full-text
and check figures at sizes where importing again would only measure the extractor a second time.

The records keep their keys, and the value index and the matcher's word index are copied as they are
(the same rows the command line's import writes on PostgreSQL: tests/sources/test_postgres.py and the import
benchmark cover that path). The schema, with PostgreSQL's own indexes (GIN full text on the folded
document, pg_trgm on the publisher, B-trees), is created by `sources.db.connect` first, so the indexes
are those a deployment has; then each table is streamed with COPY, and ANALYZE runs at the end.

    python -m benchmarks.pg_from_sqlite /tmp/factcheck-bench/import-1000000.db \
        postgresql+psycopg://postgres@127.0.0.1:5432/test --name factcheck_bench_copy_1000000
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from sources.db import connect, metadata  # noqa: E402

TABLES = [
    "records",
    "record_amounts",
    "record_dates",
    "record_names",
    "record_quotes",
    "record_terms",
    "record_term_df",
    "record_terms_state",
    "audit",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sqlite", type=Path)
    ap.add_argument("server", help="URL of any database on the PostgreSQL server")
    ap.add_argument("--name", required=True, help="the new database (dropped first if it exists)")
    args = ap.parse_args()
    server = make_url(args.server)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {args.name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {args.name}"))
    admin.dispose()
    url = server.set(database=args.name).render_as_string(hide_password=False)
    engine = connect(url, fresh=True)
    src = sqlite3.connect(args.sqlite)
    start = time.perf_counter()
    with engine.begin() as conn:  # the GIN indexes are built once at the end, not row by row
        conn.execute(text("DROP INDEX ix_records_search_doc"))
        conn.execute(text("DROP INDEX IF EXISTS ix_records_publisher_trgm"))
        driver = conn.connection.driver_connection
        for name in TABLES:
            table = metadata.tables[name]
            cols = [c.name for c in table.c]
            t = time.perf_counter()
            n = 0
            with driver.cursor().copy(f'COPY {name} ({", ".join(cols)}) FROM STDIN') as copy:
                for row in src.execute(f'SELECT {", ".join(cols)} FROM {name}'):
                    copy.write_row(row)
                    n += 1
            print(f"{name}: {n:,} rows in {time.perf_counter() - t:.0f} s", flush=True)
        conn.execute(text("SELECT setval(pg_get_serial_sequence('records', 'pk'), (SELECT max(pk) FROM records))"))
        conn.execute(text("SELECT setval(pg_get_serial_sequence('audit', 'id'), (SELECT max(id) FROM audit))"))
    t = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("SET maintenance_work_mem = '512MB'"))
    engine.dispose()
    engine = connect(url, fresh=True)  # creates the indexes again, in bulk
    print(f"full-text and trigram indexes built in {time.perf_counter() - t:.0f} s", flush=True)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # the visibility map too: index-only scans need it
    print(f"copied to {url} in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
