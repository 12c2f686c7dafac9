"""Benchmark of the review desk: how long a status change takes to be stored, and how long the article
view of the seed article takes to render once warm.

- store: `Desk.review` changing a claim's status (with its note and the version check, as the desk's
  buttons do) on an SQLite database file (WAL, as the workbench runs by default), `--changes` times,
  cycling through the statuses and the claims; each change is one transaction with its audit entry.
- view: the article view of the seed article (read in place from ../shared/corpora/seed, checked
  against the seed's own sources; the demo example when the corpora are absent) rendered by
  Streamlit's AppTest: one cold run (imports, first connection), then `--runs` warm runs of the page
  as a reload would run it (the text with every claim highlighted, the claims table, the open claim's
  evidence cards, its audit trail and the report buttons).
- click: a click on "Disputed"/"Verified" in AppTest, from the click to the page drawn again (the
  store plus the rerun), `--runs` times.

Figures are medians and 95th percentiles in milliseconds, with the machine they were measured on.

    python -m benchmarks.bench_desk
    python -m benchmarks.bench_desk --changes 1000 --runs 30 --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_DIR = ROOT.parent / "shared" / "corpora" / "seed"
TARGET_STORE_MS = 100
TARGET_VIEW_MS = 1000


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import streamlit

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "streamlit": streamlit.__version__,
        "system": platform.platform(),
    }


def stats(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
    }


def prepare(db_url: str) -> tuple[int, str]:
    """The seed article (or our demo example) checked and stored on the desk; returns (id, what)."""
    from checker.desk import Desk
    from checker.service import check_and_store
    from sources.demo import example_article, seed_demo
    from sources.importers import parse_file
    from sources.library import Library

    library = Library.open(db_url)
    desk = Desk(library.engine)
    if (SEED_DIR / "article_fr.txt").is_file():
        library.add(parse_file("sources.csv", (SEED_DIR / "sources.csv").read_bytes()).records)
        text = (SEED_DIR / "article_fr.txt").read_text(encoding="utf-8")
        article_id, _ = check_and_store(text, library, desk, language="fr", published=dt.date(2024, 5, 29))
        return article_id, "seed article (../shared/corpora/seed)"
    seed_demo(library)
    ex = example_article()
    article_id, _ = check_and_store(
        ex.text, library, desk, title=ex.title, language=ex.language, published=ex.published
    )
    return article_id, "demo example (the shared corpora are absent)"


def bench_store(db_url: str, article_id: int, changes: int) -> dict[str, float]:
    from checker.desk import Desk

    desk = Desk.open(db_url)
    claims = [c.claim.id for c in desk.load(article_id).live]
    statuses = ("verified", "disputed", "needs_more", "unreviewed")
    versions = {c.claim.id: c.version for c in desk.load(article_id).claims}
    samples = []
    for i in range(changes):
        claim = claims[i % len(claims)]
        status = statuses[(i // len(claims)) % len(statuses)]
        start = time.perf_counter()
        state = desk.review(
            article_id, claim, reviewer="Bench", status=status, note=f"change {i}", expected_version=versions[claim]
        )
        samples.append((time.perf_counter() - start) * 1000)
        versions[claim] = state.version
    return stats(samples)


def bench_view(article_id: int, runs: int) -> tuple[dict[str, float], float, dict[str, float]]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["article"] = str(article_id)
    at.query_params["reviewer"] = "Bench"
    start = time.perf_counter()
    at.run()
    cold = (time.perf_counter() - start) * 1000
    if at.exception:
        raise SystemExit(f"the article view failed: {at.exception[0].value}")
    money = next((s.value for s in at.selectbox if s.key == f"pick-{article_id}"), None)
    assert money is not None, "the article view shows no claim"
    view = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        view.append((time.perf_counter() - start) * 1000)
    clicks = []
    next(b for b in at.button if b.label == "Unreviewed").click().run()  # so that every timed click is a change
    for i in range(runs):
        label = "Disputed" if i % 2 == 0 else "Verified"
        button = next(b for b in at.button if b.label == label)
        start = time.perf_counter()
        button.click().run()
        clicks.append((time.perf_counter() - start) * 1000)
        if at.exception or not at.success:
            raise SystemExit("a click did not save")
    return stats(view), round(cold, 1), stats(clicks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=500, help="status changes to time (default 500)")
    parser.add_argument("--runs", type=int, default=20, help="warm renders and clicks to time (default 20)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'desk.db'}"
        os.environ["FACTCHECK_DB"] = db_url
        article_id, what = prepare(db_url)
        store = bench_store(db_url, article_id, args.changes)
        view, cold, click = bench_view(article_id, args.runs)
    result = {
        "article": what,
        "machine": machine(),
        "store_status": store,
        "view_cold_ms": cold,
        "view_warm": view,
        "click_to_redraw": click,
        "targets": {"store_ms": TARGET_STORE_MS, "view_ms": TARGET_VIEW_MS},
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        m = result["machine"]
        print(f"Desk benchmark on the {what}")
        print(
            f"machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, SQLite {m['sqlite']}, "
            f"Streamlit {m['streamlit']}"
        )
        print(
            f"status change stored ({store['n']} changes): median {store['median_ms']} ms, "
            f"p95 {store['p95_ms']} ms, max {store['max_ms']} ms (target < {TARGET_STORE_MS} ms)"
        )
        print(f"article view, cold: {cold} ms")
        print(
            f"article view, warm ({view['n']} runs): median {view['median_ms']} ms, p95 {view['p95_ms']} ms, "
            f"max {view['max_ms']} ms (target < {TARGET_VIEW_MS} ms)"
        )
        print(f"click to redraw ({click['n']} clicks): median {click['median_ms']} ms, p95 {click['p95_ms']} ms")
    ok = store["p95_ms"] < TARGET_STORE_MS and view["p95_ms"] < TARGET_VIEW_MS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
