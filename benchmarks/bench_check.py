"""Benchmark of the whole check of an article: value index against a brute-force rapidfuzz scan.

For each library size (10k, 100k and 1M generated records by default, from benchmarks/synthetic.py,
plus the seed's own source records so that the article has something to find), in the same run:
- indexed: `check_article` on the seed article (read in place from ../shared/corpora/seed; the
  benchmark stops with a message if it is absent), as the workbench runs it: extraction, candidate
  look-ups in SQLite, rapidfuzz on the short lists, comparison and suggestions. One cold run, then
  `--runs` warm runs in the same process; the median of the warm runs is reported;
- brute force: the same extraction, comparison and suggestions, but each claim's candidates come
  from a rapidfuzz scan of every record (the quote's partial ratio, or the token-set ratio of the
  claim's sentence, against each record's normalised title and excerpt; `process.cdist` on both
  cores, best 40 kept). Loading and normalising the records is timed apart and not counted;
- a "stress" article made of the excerpts of eight generated records of the library, so that its
  names, quote words, amounts and dates are the library's commonest (the seed article's names are
  rare in a generated library), with one amount made ten times larger.
The report gives, per size, the warm check time, the brute-force time, the speed-up, and whether the
seed expectations (supporting record first, suggestion = verdict) still hold in the large library.

Databases are built once under --dir (default /tmp/factcheck-bench) and reused while their record
count matches; `--clean` removes them at the end. Building 1M records takes about 20 minutes on two
cores (the claim extractor runs on every excerpt, in two worker processes).

    python -m benchmarks.bench_check                      # 10k, 100k, 1M
    python -m benchmarks.bench_check --sizes 10000 --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import rapidfuzz  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from benchmarks.synthetic import generate_records  # noqa: E402
from checker import match as matcher  # noqa: E402
from checker.model import ArticleCheck  # noqa: E402
from claims import Money, Quote, extract  # noqa: E402
from claims.text import fold_lower  # noqa: E402
from sources.importers import parse_file  # noqa: E402
from sources.library import Library, index_values  # noqa: E402
from sources.model import SourceRecord  # noqa: E402
from sources.terms import build_record_terms  # noqa: E402

SEED_DIR = ROOT.parent / "shared" / "corpora" / "seed"
PUBLISHED = dt.date(2024, 5, 29)
LIBRARY_SEED = 7
BRUTE_TOP = 40
STRESS_RECORDS = (3, 141, 592, 653, 589, 793, 2384, 6264)  # generated records in every library size


# ---- building the libraries --------------------------------------------------------------------


def seed_records() -> list[SourceRecord]:
    parsed = parse_file("sources.csv", (SEED_DIR / "sources.csv").read_bytes())
    if parsed.errors:
        raise SystemExit(f"seed sources.csv has bad rows: {parsed.errors[:3]}")
    return list(parsed.records)


def _with_values(records: list[SourceRecord], pool, cache: dict[str, Any]) -> Iterator[SourceRecord]:
    """Yield records while two worker processes run the claim extractor on them ahead."""
    for rec, values in zip(records, pool.imap(index_values, records, chunksize=200)):
        cache[rec.id] = values
        yield rec


def build_library(n: int, path: Path, *, log=print) -> dict[str, Any]:
    """The seed records and `n` generated ones in a SQLite file, with the matcher's terms."""
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("records") == n and meta.get("seed") == LIBRARY_SEED and meta.get("complete"):
            return meta
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), meta_path):
        p.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    library = Library.open(f"sqlite:///{path}")
    started = time.perf_counter()
    library.add(seed_records(), actor="benchmark")
    cache: dict[str, Any] = {}
    chunk = 50_000
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for start in range(0, n, chunk):
            size = min(chunk, n - start)
            batch = list(generate_records(size, seed=LIBRARY_SEED, start=start))
            library.add(_with_values(batch, pool, cache), actor="benchmark", values=lambda r: cache.pop(r.id))
            log(f"  {start + size:>9,} records stored ({time.perf_counter() - started:.0f} s)")
    values_s = time.perf_counter() - started
    terms_started = time.perf_counter()
    build_record_terms(library.engine)
    terms_s = time.perf_counter() - terms_started
    raw = library.engine.raw_connection()  # outside any transaction: fold the WAL into the file
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    library.engine.dispose()
    meta = {
        "records": n,
        "seed": LIBRARY_SEED,
        "complete": True,
        "build_values_s": round(values_s, 1),
        "build_terms_s": round(terms_s, 1),
        "bytes": path.stat().st_size,
    }
    meta_path.write_text(json.dumps(meta))
    return meta


# ---- the articles --------------------------------------------------------------------------------


def seed_article() -> str:
    return (SEED_DIR / "article_fr.txt").read_text(encoding="utf-8")


def stress_article() -> tuple[str, str]:
    """Excerpts of generated records as paragraphs, the first amount made ten times larger."""
    records = [next(generate_records(1, seed=LIBRARY_SEED, start=i)) for i in STRESS_RECORDS]
    text = "\n\n".join(r.excerpt for r in records)
    found = extract(text, language="auto", published=PUBLISHED)
    money = next((c for c in found.claims if isinstance(c.value, Money)), None)
    if money is not None:
        digits = next((i for i, ch in enumerate(money.text) if ch.isdigit()), None)
        if digits is not None:
            at = money.start + digits
            text = text[:at] + "1" + text[at:]  # "4,2 millions" -> "14,2 millions", near enough x10
    return text, found.language


# ---- brute force -------------------------------------------------------------------------------


class BruteForce:
    """Every record's normalised text in memory, scanned with rapidfuzz for each claim."""

    def __init__(self, library: Library):
        from sqlalchemy import select

        from sources.db import records

        self.library = library
        pks, texts = [], []
        with library.engine.connect() as conn:
            for pk, title, excerpt in conn.execute(
                select(records.c.pk, records.c.title, records.c.excerpt).where(records.c.deleted_at.is_(None))
            ):
                pks.append(pk)
                texts.append(fold_lower(f"{title} {excerpt}"))
        self.pks = np.array(pks)
        self.texts = texts

    def candidates(self, query: str, *, quote: bool) -> list[int]:
        scorer = fuzz.partial_ratio if quote else fuzz.token_set_ratio
        scores = process.cdist(
            [fold_lower(query)],
            self.texts,
            scorer=scorer,
            processor=None,
            score_cutoff=40 if quote else 20,
            workers=-1,
            dtype=np.uint8,
        )[0]
        top = np.argpartition(-scores.astype(np.int16), min(BRUTE_TOP, len(scores) - 1))[:BRUTE_TOP]
        top = top[scores[top] > 0]
        return [int(self.pks[i]) for i in top[np.argsort(-scores[top], kind="stable")]]

    def check(self, text: str, *, language: str, published: dt.date) -> ArticleCheck:
        """The workbench's check with the scan as the source of candidates."""
        extraction = extract(text, language=language, published=published)

        def scan(claim, _ctx) -> list[int]:
            is_quote = isinstance(claim.value, Quote)
            return self.candidates(claim.value.text if is_quote else claim.sentence, quote=is_quote)

        return matcher.check_extraction(extraction, text, self.library, find=scan)


# ---- measuring ----------------------------------------------------------------------------------


def expectations_met(result: ArticleCheck) -> tuple[int, int, list[str]]:
    expected = json.loads((SEED_DIR / "expected_matches.json").read_text(encoding="utf-8"))["expectations"]
    by_text = {c.claim.text: c for c in result.checks}
    met, failed = 0, []
    wanted = [e for e in expected if e["supported_by"]]
    for e in wanted:
        c = by_text.get(e["claim"])
        if c and c.matches and c.matches[0].source_id in e["supported_by"] and c.suggestion == e["verdict"]:
            met += 1
        else:
            failed.append(
                f"{e['claim']}: {c.suggestion if c else 'no claim'} {[m.source_id for m in c.matches] if c else ''}"
            )
    return met, len(wanted), failed


def timed(fn, runs: int) -> tuple[float, list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times, result


def machine() -> dict[str, Any]:
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "rapidfuzz": rapidfuzz.__version__,
        "platform": platform.platform(),
    }


def bench_size(n: int, directory: Path, *, runs: int, brute: bool, log=print) -> dict[str, Any]:
    path = directory / f"check-{n}-seed{LIBRARY_SEED}.db"
    t = time.perf_counter()
    meta = build_library(n, path, log=log)
    log(f"library of {n:,} generated records ready ({time.perf_counter() - t:.0f} s, {meta['bytes'] / 1e6:.0f} MB)")
    library = Library.open(f"sqlite:///{path}")
    text = seed_article()
    row: dict[str, Any] = {"records": n, "db_mb": round(path.stat().st_size / 1e6)}

    def check_seed():
        return matcher.check_article(text, library, language="fr", published=PUBLISHED)

    cold_t = time.perf_counter()
    check_seed()
    row["cold_s"] = round(time.perf_counter() - cold_t, 3)
    median, times, result = timed(check_seed, runs)
    row["warm_s"] = round(median, 4)
    row["warm_runs_s"] = [round(x, 4) for x in times]
    met, total, failed = expectations_met(result)
    row["seed_expectations"] = f"{met}/{total}"
    row["seed_failures"] = failed
    row["claims"] = len(result.checks)

    stress, stress_lang = stress_article()
    matcher.check_article(stress, library, language=stress_lang, published=PUBLISHED)
    s_median, _, s_result = timed(
        lambda: matcher.check_article(stress, library, language=stress_lang, published=PUBLISHED), runs
    )
    row["stress_warm_s"] = round(s_median, 4)
    row["stress_claims"] = len(s_result.checks)
    log(
        f"  indexed: seed article {median * 1000:.0f} ms warm ({row['cold_s'] * 1000:.0f} ms cold), "
        f"expectations {met}/{total}; stress article {s_median * 1000:.0f} ms"
    )

    if brute:
        t = time.perf_counter()
        bf = BruteForce(library)
        row["brute_load_s"] = round(time.perf_counter() - t, 1)
        b_runs = 1 if n >= 500_000 else 2
        b_median, _, b_result = timed(lambda: bf.check(text, language="fr", published=PUBLISHED), b_runs)
        row["brute_s"] = round(b_median, 2)
        row["speedup"] = round(b_median / median, 1)
        b_met, _, _ = expectations_met(b_result)
        row["brute_seed_expectations"] = f"{b_met}/{total}"
        log(
            f"  brute force: {b_median:.2f} s (records loaded in {row['brute_load_s']} s), "
            f"speed-up {row['speedup']}x, expectations {b_met}/{total}"
        )
        del bf
    library.engine.dispose()
    return row


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_check", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--runs", type=int, default=5, help="warm runs per size (median reported)")
    p.add_argument("--dir", type=Path, default=Path("/tmp/factcheck-bench"))
    p.add_argument("--no-brute", action="store_true", help="skip the brute-force scan")
    p.add_argument("--json", type=Path, help="also write the results here")
    p.add_argument("--clean", action="store_true", help="delete the built databases at the end")
    args = p.parse_args(argv)
    if not (SEED_DIR / "article_fr.txt").exists():
        print(f"skipped: the seed corpus is not at {SEED_DIR}", file=sys.stderr)
        return 0
    rows = [bench_size(n, args.dir, runs=args.runs, brute=not args.no_brute) for n in args.sizes]
    first, last = rows[0], rows[-1]
    summary = {
        "machine": machine(),
        "rows": rows,
        "growth": round(last["warm_s"] / first["warm_s"], 2) if len(rows) > 1 else None,
    }
    print()
    print(
        "| records | check, warm (median) | cold | brute force | speed-up | seed expectations | stress article | DB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['records']:,} | {r['warm_s'] * 1000:.0f} ms | {r['cold_s'] * 1000:.0f} ms | "
            f"{r.get('brute_s', '-')} s | {r.get('speedup', '-')}x | {r['seed_expectations']} | "
            f"{r['stress_warm_s'] * 1000:.0f} ms | {r['db_mb']} MB |"
        )
    if summary["growth"]:
        print(
            f"\ngrowth of the warm check from {first['records']:,} to {last['records']:,} records: {summary['growth']}x"
        )
    print(f"machine: {summary['machine']}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    if args.clean:
        for n in args.sizes:
            for suffix in (".db", ".json", ".db-wal", ".db-shm"):
                (args.dir / f"check-{n}-seed{LIBRARY_SEED}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
