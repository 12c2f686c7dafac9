"""Look-up growth between two libraries, measured alternately in one process (small, large, small,
large) so that both sizes see the same machine load: `measure_lookups` of bench_library (amount range,
date, name; medians in ms over --queries values drawn from stored records).

    python -m benchmarks.bench_growth sqlite:////tmp/factcheck-bench/import-10000.db 10000 \\
        sqlite:////tmp/factcheck-bench/rep-1000000.db 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_extract import reference_loop  # noqa: E402
from benchmarks.bench_library import measure_lookups  # noqa: E402
from sources.library import Library  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("small_url")
    ap.add_argument("small_n", type=int)
    ap.add_argument("large_url")
    ap.add_argument("large_n", type=int)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--label", default="", help="a name for this run in the results file")
    args = ap.parse_args()
    out = {}
    for rnd in range(1, args.rounds + 1):
        for url, n in ((args.small_url, args.small_n), (args.large_url, args.large_n)):
            lookups = measure_lookups(Library.open(url), n, seed=1, queries=args.queries)
            out[f"{n}-round{rnd}"] = {
                "load": round(os.getloadavg()[0], 2),
                "reference_loop_cpu_s": round(reference_loop(), 3),
                **{k: lookups[k]["median_ms"] for k in ("amount_range", "date", "name")},
            }
            print(n, rnd, out[f"{n}-round{rnd}"], flush=True)
    print(json.dumps(out, indent=1))
    import datetime as dt

    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    name = f"growth-{args.label or 'run'}-{dt.datetime.now().strftime('%Y-%m-%dT%H%M')}.json"
    (results / name).write_text(
        json.dumps({"small": args.small_url, "large": args.large_url, "rounds": out}, indent=1) + "\n"
    )
    print(f"written benchmarks/results/{name}")


if __name__ == "__main__":
    main()
