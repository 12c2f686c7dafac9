"""A larger library for look-up and check figures, made from an imported one without running the extractor.

Copies the generated records of a SQLite library (ids starting with G, as the shared generator makes
them) FACTOR - 1 more times, each copy with new keys, ids (`G0000042.3`), URLs (`...?copy=3`) and
text hashes, and with its value-index and word-index rows shifted to the new keys; then recounts the
words' document counts and rebuilds the FTS5 index. The records' texts repeat, so each posting list
(a name, a word, an amount, a day) is FACTOR times as long as in the original: the same shape as a
generated library FACTOR times larger, since the generator draws every record independently from the
same vocabularies. This is for look-ups, full text and checks only: import throughput is measured by
benchmarks/bench_import.py on real files.

    python -m benchmarks.replicate /tmp/factcheck-bench/import-100000.db /tmp/factcheck-bench/rep-1000000.db 10
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time
from pathlib import Path

VALUE_TABLES = {
    "record_amounts": "currency, amount, low, high, span_start, span_end",
    "record_dates": "iso, precision, first_day, last_day, span_start, span_end",
    "record_names": "name_key, canonical, type, span_start, span_end",
    "record_quotes": "speaker_key, text, span_start, span_end",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("factor", type=int)
    args = ap.parse_args()
    start = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.target}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(args.source)
    src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copyfile(args.source, args.target)
    db = sqlite3.connect(args.target, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -524288")
    db.execute("DROP TRIGGER IF EXISTS records_ai")
    top = db.execute("SELECT max(pk) FROM records").fetchone()[0]
    db.execute("BEGIN")
    db.execute("CREATE TEMP TABLE originals AS SELECT pk FROM records WHERE record_id LIKE 'G%'")
    for k in range(1, args.factor):
        off = k * top
        db.execute(f"""INSERT INTO records (pk, record_id, title, publisher, url, published, language, excerpt, tags,
                       retrieved_at, text_hash, created_at, updated_at, deleted_at)
                       SELECT pk + {off}, record_id || '.{k}', title, publisher, url || '?copy={k}', published, language,
                       excerpt, tags, retrieved_at, substr(text_hash, 1, 56) || printf('%08d', {k}), created_at, updated_at,
                       deleted_at FROM records WHERE pk IN (SELECT pk FROM originals)""")
        for table, cols in VALUE_TABLES.items():
            db.execute(
                f"INSERT INTO {table} (record_pk, {cols}) SELECT record_pk + {off}, {cols} FROM {table} "
                f"WHERE record_pk IN (SELECT pk FROM originals)"
            )
        db.execute(
            f"INSERT INTO record_terms (term, record_pk) SELECT term, record_pk + {off} FROM record_terms "
            f"WHERE record_pk IN (SELECT pk FROM originals) ORDER BY term, record_pk"
        )
        db.execute(f"INSERT INTO record_terms_state (record_pk) SELECT pk + {off} FROM originals")
        print(f"copy {k}: {time.perf_counter() - start:.0f} s", flush=True)
    db.execute("DELETE FROM record_term_df")
    db.execute("INSERT INTO record_term_df (term, df) SELECT term, count(*) FROM record_terms GROUP BY term")
    db.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS records_ai AFTER INSERT ON records BEGIN "
        "INSERT INTO records_fts(rowid, title, excerpt, publisher) VALUES (new.pk, new.title, new.excerpt, "
        "new.publisher); END"
    )
    db.execute("COMMIT")
    db.execute("ANALYZE")
    n = db.execute("SELECT count(*) FROM records").fetchone()[0]
    print(f"{args.target}: {n:,} records in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
