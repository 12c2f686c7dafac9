"""Benchmark of the source library at 10k, 100k and 1M records: import with value extraction,
value look-ups, full-text queries, peak memory.

    python -m benchmarks.bench_library                       # 10k, 100k and 1M (about half an hour)
    python -m benchmarks.bench_library --sizes 10000 --keep  # one size, keep the database

For each size, a synthetic library (benchmarks/synthetic.py, seed 1) is written to a CSV file, then
imported into a new SQLite database exactly as `python -m checker sources import FILE` does it: a
first pass checks every row (importers.scan_path), a second streams the good rows into
`Library.add` (one transaction, extraction in a pool of worker processes, one per core). Writing
the CSV is not counted; reading, checking, extracting, indexing and committing are. The matcher's
word index (sources/terms.py), which the command line builds right after the import, is timed
separately.

Look-ups, each repeated on values drawn from the stored records (median and 95th percentile):
- amount: records holding an amount in a currency within +-10% (record_amounts, index on
  (currency, amount)), up to 50 keys, then those records read;
- date: records holding a given day, or a week, month or year that contains it (record_dates,
  by period start), up to 50 keys, then the records read;
- name: records naming a person or organisation (record_names, index on (name_key, record_pk)),
  up to 50 keys, then the records read;
- full text: `Library.search(query, limit=20)` for a person's name, a quote's words, a topic and a
  place, and one very common word (the worst case: every matching record is ranked).
Peak memory is the largest sum of the proportional set size (PSS: resident memory, with pages
shared by the forked workers counted once) of this process and its workers, sampled every 0.2 s
during the import. Results go to benchmarks/results/ as a small JSON file; the databases
and CSV files are deleted unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from benchmarks.synthetic import generate_records, write_csv  # noqa: E402
from sources.db import record_amounts, record_dates, record_names, records  # noqa: E402
from sources.importers import iter_path_records, scan_path  # noqa: E402
from sources.library import Library  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {"import_rate": 2000, "lookup_ms": 5.0, "fts_ms_at_1m": 50.0, "peak_memory_mb": 2048}


# ---- memory of a process tree ---------------------------------------------------------------------


def _rss_kb(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them: forked workers
    share the parent's pages), else the resident set size."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path) as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def tree_rss_mb(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _rss_kb(p)
        todo += _children(p)
    return total / 1024


class PeakMemory:
    """Samples the resident memory of this process and its children while in use."""

    def __init__(self, every: float = 0.2):
        self.every = every
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(os.getpid()))
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_mb(os.getpid()))


# ---- timing -----------------------------------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """Median and 95th percentile in milliseconds of `fn`, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
        "max_ms": round(times[-1], 3),
        "runs": repeat,
    }


def many(queries: list, run: Callable[[object], object]) -> dict[str, float]:
    """Each query once (after a warm-up of the first), as median/p95 over the queries."""
    run(queries[0])
    times = []
    hits = []
    for q in queries:
        t = time.perf_counter()
        n = run(q)
        times.append((time.perf_counter() - t) * 1000)
        hits.append(n)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
        "max_ms": round(times[-1], 3),
        "queries": len(queries),
        "median_hits": statistics.median(hits) if hits and isinstance(hits[0], int) else None,
    }


# ---- one size ---------------------------------------------------------------------------------------


def bench_size(n: int, *, seed: int, workdir: Path, keep: bool) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    csv_path = workdir / f"library-{n}.csv"
    db_path = workdir / f"library-{n}.db"
    for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        if p.exists():
            p.unlink()
    t = time.perf_counter()
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        write_csv(generate_records(n, seed=seed), fh)
    generate_s = time.perf_counter() - t
    print(f"[{n:,}] wrote {csv_path.name} ({csv_path.stat().st_size / 1e6:.0f} MB) in {generate_s:.0f} s", flush=True)

    library = Library.open(f"sqlite:///{db_path}")
    imported, import_s, peak = import_csv(library, csv_path, n)
    # The matcher's word index, built after the commit as `sources import` does (sources/terms.py).
    t = time.perf_counter()
    with PeakMemory() as terms_memory:
        library.index.ensure_terms()
    terms_s = time.perf_counter() - t
    print(f"[{n:,}] the matcher's word index in {terms_s:.0f} s", flush=True)
    sizes = {p.name: p.stat().st_size for p in workdir.glob(f"library-{n}.db*")}
    print(f"[{n:,}] imported in {import_s:.0f} s ({n / import_s:,.0f}/s), peak {peak:,.0f} MB", flush=True)

    lookups = measure_lookups(library, n, seed=seed)
    result = {
        "records": n,
        "csv_mb": round(csv_path.stat().st_size / 1e6, 1),
        "generate_csv_s": round(generate_s, 1),
        "import": imported,
        "matcher_word_index": {"seconds": round(terms_s, 1), "peak_memory_mb": round(terms_memory.peak)},
        "database_mb": round(sum(sizes.values()) / 1e6, 1),
        "index_rows": index_rows(library),
        "lookups": lookups,
    }
    library.engine.dispose()
    if not keep:
        for p in workdir.glob(f"library-{n}.*"):
            p.unlink()
    return result


def import_csv(library: Library, csv_path: Path, n: int) -> tuple[dict, float, float]:
    """Import the CSV file of `n` records as `sources import` does, showing progress; its figures,
    its seconds and its peak memory (MB)."""
    progress_every = max(1, n // 10)
    last_shown = [0]

    def progress(done: int, total: int) -> None:
        if done - last_shown[0] >= progress_every or done == total:
            last_shown[0] = done
            rate = done / max(time.perf_counter() - start, 1e-9)
            print(
                f"[{n:,}] {done:,}/{total:,} stored, {rate:,.0f} records/s, {tree_rss_mb(os.getpid()):,.0f} MB",
                flush=True,
            )

    load_before = os.getloadavg()
    with PeakMemory() as memory:
        start = time.perf_counter()
        scan = scan_path(csv_path)
        scan_s = time.perf_counter() - start
        report = library.add(iter_path_records(csv_path), total=scan.good, on_progress=progress, actor="benchmark")
        import_s = time.perf_counter() - start
    assert report.added == n and not scan.errors, (report.added, scan.errors[:3])
    load_after = os.getloadavg()
    figures = {
        "seconds": round(import_s, 1),
        "records_per_s": round(n / import_s),
        "scan_seconds": round(scan_s, 1),
        "peak_memory_mb": round(memory.peak),
        "workers": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
    }
    return figures, import_s, memory.peak


def index_rows(library: Library) -> dict[str, int]:
    from sqlalchemy import func

    with library.engine.connect() as conn:
        return {
            t.name: conn.scalar(select(func.count()).select_from(t)) or 0
            for t in (records, record_amounts, record_dates, record_names)
        }


def measure_lookups(library: Library, n: int, *, seed: int, queries: int = 200) -> dict:
    samples = sample_values(library.engine, random.Random(seed), queries)
    out = index_lookups(library.engine, samples)
    out["full_text"] = full_text_lookups(library, samples["persons"], samples["excerpts"])
    return out


def sample_values(engine, rng: random.Random, queries: int) -> dict[str, list]:
    """Values held by `queries` records drawn at random: amounts, days, names, persons, excerpts."""
    with engine.connect() as conn:
        top = conn.scalar(select(records.c.pk).order_by(records.c.pk.desc()).limit(1))
        sample_pks = [rng.randint(1, top) for _ in range(queries)]
        amounts = [
            tuple(r)
            for r in conn.execute(
                select(record_amounts.c.currency, record_amounts.c.amount).where(
                    record_amounts.c.record_pk.in_(sample_pks)
                )
            )
        ][:queries]
        days = [
            r[0]
            for r in conn.execute(
                select(record_dates.c.first_day).where(
                    record_dates.c.record_pk.in_(sample_pks), record_dates.c.precision == "day"
                )
            )
        ][:queries]
        names = [
            r[0] for r in conn.execute(select(record_names.c.name_key).where(record_names.c.record_pk.in_(sample_pks)))
        ][:queries]
        persons = [
            r[0]
            for r in conn.execute(
                select(record_names.c.canonical).where(
                    record_names.c.record_pk.in_(sample_pks), record_names.c.type == "person"
                )
            )
        ][:queries]
        excerpts = [r[0] for r in conn.execute(select(records.c.excerpt).where(records.c.pk.in_(sample_pks)))]
    return {"amounts": amounts, "days": days, "names": names, "persons": persons, "excerpts": excerpts}


def index_lookups(engine, samples: dict[str, list]) -> dict:
    """The value index's look-ups (amount range, date, name), each reading the records it finds."""

    def read_records(conn, pks: list[int]) -> int:
        if pks:
            conn.execute(
                select(records.c.record_id, records.c.title, records.c.excerpt).where(records.c.pk.in_(pks))
            ).all()
        return len(pks)

    conn = engine.connect()
    a = record_amounts

    def amount(q) -> int:
        currency, value = q
        pks = list(
            conn.scalars(
                select(a.c.record_pk)
                .where(a.c.currency == currency, a.c.amount.between(value * 0.9, value * 1.1))
                .limit(50)
            )
        )
        return read_records(conn, pks)

    d = record_dates

    def date(day) -> int:
        monday = day - dt.timedelta(days=day.weekday())
        starts = [day, monday, day.replace(day=1), day.replace(month=1, day=1)]
        pks = list(conn.scalars(select(d.c.record_pk).where(d.c.first_day.in_(starts), d.c.last_day >= day).limit(50)))
        return read_records(conn, pks)

    nm = record_names

    def name(key) -> int:
        pks = list(conn.scalars(select(nm.c.record_pk).where(nm.c.name_key == key).distinct().limit(50)))
        return read_records(conn, pks)

    out = {
        "amount_range": many(samples["amounts"], amount),
        "date": many(samples["days"], date),
        "name": many(samples["names"], name),
    }
    conn.close()
    return out


def full_text_lookups(library: Library, persons: list[str], excerpts: list[str]) -> dict:
    """Full text: realistic queries drawn from the records, and the worst case."""
    quote_words = []
    for text in excerpts:
        for opener, closer in (("« ", " »"), ("“", "”")):
            if opener in text:
                inner = text.split(opener, 1)[1].split(closer, 1)[0].split()
                if len(inner) >= 6:
                    quote_words.append(" ".join(inner[1:6]))
    topics = []
    for text in excerpts:
        words = [w.strip(".,«»“”") for w in text.split() if len(w) > 6]
        if len(words) >= 2:
            topics.append(f"{words[0]} {words[-1]}")
    return {
        "person_name": many(persons[:100], lambda q: len(library.search(q, limit=20))),
        "quote_words": many(quote_words[:100], lambda q: len(library.search(q, limit=20))),
        "two_words": many(topics[:100], lambda q: len(library.search(q, limit=20))),
        "common_word_worst_case": many(["millions", "council", "budget"], lambda q: len(library.search(q, limit=20))),
    }


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem_gb = 0.0
    try:
        mem_gb = (
            int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))) / 1024 / 1024
        )
    except (OSError, StopIteration):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_library", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "factcheck-bench")
    p.add_argument("--keep", action="store_true", help="keep the CSV files and databases")
    p.add_argument("--out", type=Path, help="results file (default benchmarks/results/library-DATE.json)")
    args = p.parse_args(argv)
    results = {
        "benchmark": "library",
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "targets": TARGETS,
        "sizes": [],
    }
    out = args.out or RESULTS / f"library-{dt.date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            results["sizes"].append(bench_size(n, seed=args.seed, workdir=args.workdir, keep=args.keep))
            out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    finally:
        if not args.keep and args.workdir.exists() and not any(args.workdir.iterdir()):
            shutil.rmtree(args.workdir, ignore_errors=True)
    print(json.dumps(results, indent=1, ensure_ascii=False))
    print(f"results written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
