"""Benchmark of the desk's memory: checking the seed article with 100k reviewed claims in the database.

Two SQLite files hold the same library (the seed's source records and `--records` generated ones, as
benchmarks/bench_check.py builds it); the second also holds `--reviewed` reviewed claims: articles made
of generated excerpts (benchmarks/synthetic.py, another seed than the library's), their claims extracted
and stored on the desk, then marked verified, disputed or needs more (about 45/30/25 %) by a handful of
reviewers over two years, and indexed (`checker.desk.memory_index.rebuild`). The seed article itself is one of those
articles, reviewed, so that the check really finds and compares earlier verdicts.

The seed article is checked on both files in alternating rounds (one cold check each, then `--runs`
warm rounds), so that the load of the machine weighs on both alike; the report gives both medians,
their ratio (target: at most 1.5), how many claims came back with an earlier verdict, and the time of
an archive search.

    python -m benchmarks.bench_memory                          # 10k records, 100k reviewed claims
    python -m benchmarks.bench_memory --reviewed 20000 --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, update  # noqa: E402

from benchmarks.bench_check import PUBLISHED, SEED_DIR, build_library, machine, seed_article  # noqa: E402
from benchmarks.synthetic import generate_records  # noqa: E402
from checker import match as matcher  # noqa: E402
from checker.desk import (  # noqa: E402
    Desk,  # noqa: E402
    memory,
    memory_index,
)
from checker.desk.archive import search  # noqa: E402
from checker.desk.tables import article_claims, reviewed_claims  # noqa: E402
from checker.model import ArticleCheck, ClaimCheck  # noqa: E402
from claims import Extraction, extract  # noqa: E402
from sources.library import Library  # noqa: E402

ARTICLE_SEED = 11
REVIEWERS = ("Claire Martin", "Paul Roy", "Léa Dubois", "Sam Okafor", "Inès Haddad")


def _extract(item: tuple[str, str, str]) -> tuple[str, Extraction]:
    text, language, day = item
    return text, extract(text, language=language, published=dt.date.fromisoformat(day))


def add_reviewed(library: Library, wanted: int, *, log=print) -> dict[str, Any]:
    """Store articles on the desk until `wanted` claims are reviewed, then index them."""
    desk = Desk(library.engine)
    rng = random.Random(ARTICLE_SEED)
    started = time.perf_counter()
    # the seed article, every claim verified: the check of the same article finds them all
    seed_text = seed_article()
    seed_id = desk.save(_bare(extract(seed_text, language="fr", published=PUBLISHED)), seed_text, title="Seed article")
    reviewed = 0
    ids = [seed_id]
    i = 0
    with multiprocessing.get_context("fork").Pool(2) as pool:
        while reviewed < wanted:
            batch = [
                (r.excerpt, r.language or "en", (r.published or PUBLISHED).isoformat())
                for r in generate_records(2000, seed=ARTICLE_SEED, start=i)
            ]
            i += len(batch)
            for text, extraction in pool.imap(_extract, batch, chunksize=50):
                if not extraction.claims:
                    continue
                ids.append(desk.save(_bare(extraction), text, reviewer="benchmark"))
                reviewed += len(extraction.claims)
                if reviewed >= wanted:
                    break
            log(f"  {reviewed:>9,} claims on the desk ({len(ids):,} articles, {time.perf_counter() - started:.0f} s)")
    stored_s = time.perf_counter() - started
    started = time.perf_counter()
    with library.engine.begin() as conn:
        pks = list(conn.scalars(select(article_claims.c.pk).order_by(article_claims.c.pk)))
        by_status: dict[tuple[str, str, dt.datetime], list[int]] = {}
        base = dt.datetime(2024, 1, 1)
        for pk in pks:
            roll = rng.random()
            status = "verified" if roll < 0.45 else "disputed" if roll < 0.75 else "needs_more"
            when = base + dt.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            by_status.setdefault((status, rng.choice(REVIEWERS), when.replace(hour=12, minute=0, second=0)), []).append(
                pk
            )
        for (status, who, when), group in by_status.items():
            for k in range(0, len(group), 500):
                conn.execute(
                    update(article_claims)
                    .where(article_claims.c.pk.in_(group[k : k + 500]))
                    .values(status=status, reviewer=who, reviewed_at=when, version=2, note=f"{status} by the benchmark")
                )
    marked_s = time.perf_counter() - started
    started = time.perf_counter()
    indexed = memory_index.rebuild(library.engine)
    index_s = time.perf_counter() - started
    log(f"  {indexed:,} reviewed claims indexed ({index_s:.0f} s)")
    return {
        "reviewed": indexed,
        "articles": len(ids),
        "store_s": round(stored_s, 1),
        "mark_s": round(marked_s, 1),
        "index_s": round(index_s, 1),
    }


def _bare(extraction: Extraction) -> ArticleCheck:
    return ArticleCheck(extraction, tuple(ClaimCheck(c, (), "no_source", 0.0, "") for c in extraction.claims))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000, help="generated library records (default: 10000)")
    ap.add_argument("--reviewed", type=int, default=100_000, help="reviewed claims on the desk (default: 100000)")
    ap.add_argument("--runs", type=int, default=9, help="warm rounds (default: 9)")
    ap.add_argument("--dir", default="/tmp/factcheck-bench-memory", help="where the databases are built")
    ap.add_argument("--clean", action="store_true", help="remove the databases at the end")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if not (SEED_DIR / "article_fr.txt").is_file():
        print(f"the seed corpus is missing ({SEED_DIR}): it is the article checked", file=sys.stderr)
        return 2
    directory = Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    plain, remembered, meta = build_databases(directory, args.records, args.reviewed)
    text = seed_article()
    libraries = {"without": Library.open(f"sqlite:///{plain}"), "with": Library.open(f"sqlite:///{remembered}")}
    with libraries["with"].engine.connect() as conn:
        meta["reviewed_now"] = conn.scalar(select(func.count()).select_from(reviewed_claims))
    results, times, cold, share = time_checks(libraries, text, args.runs)
    report = figures(args.records, meta, results, times, cold, share, libraries["with"].engine, load_before)
    without, withm = statistics.median(times["without"]), statistics.median(times["with"])
    print(json.dumps(report, indent=1, ensure_ascii=False))
    print(
        f"\nseed article ({report['claims']} claims), {args.records:,} records: {without * 1000:.0f} ms warm without "
        f"reviewed claims, {withm * 1000:.0f} ms with {meta['reviewed_now']:,} (x{report['ratio']}); "
        f"{report['claims_with_verdicts']} claims came back with an earlier verdict"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False))
    for lib in libraries.values():
        lib.engine.dispose()
    if args.clean:
        shutil.rmtree(directory, ignore_errors=True)
    return 0 if withm <= 1.5 * without else 1


def figures(records, meta, results, times, cold, share, engine, load_before) -> dict:
    """The run's figures, with the archive's search and list timed on the database with the memory."""
    with_verdicts = [c for c in results["with"].checks if any(m.verdict is not None for m in c.matches)]
    first_verdict = sum(1 for c in with_verdicts if c.matches[0].verdict is not None)
    t = time.perf_counter()
    found = search(engine, "milliards", statuses=["verified"], limit=500)
    search_s = time.perf_counter() - t
    t = time.perf_counter()
    search(engine, limit=500)
    list_s = time.perf_counter() - t
    without, withm = statistics.median(times["without"]), statistics.median(times["with"])
    return {
        "records": records,
        **meta,
        "claims": len(results["with"].checks),
        "warm_without_s": round(without, 4),
        "warm_with_s": round(withm, 4),
        "ratio": round(withm / without, 2),
        "cold_without_s": round(cold["without"], 3),
        "cold_with_s": round(cold["with"], 3),
        "runs_without_s": [round(x, 4) for x in times["without"]],
        "runs_with_s": [round(x, 4) for x in times["with"]],
        "memory_share_s": round(statistics.median(share), 4),
        "claims_with_verdicts": len(with_verdicts),
        "verdict_ranked_first": first_verdict,
        "archive_search_s": round(search_s, 4),
        "archive_search_hits": len(found),
        "archive_list_s": round(list_s, 4),
        "load_before": [round(x, 1) for x in load_before],
        "load_after": [round(x, 1) for x in os.getloadavg()],
        "machine": machine(),
    }


def build_databases(directory: Path, records: int, reviewed: int) -> tuple[Path, Path, dict]:
    """The library alone, and a copy of it with `reviewed` reviewed claims (kept for the next run
    with the same figures); the figures of the second."""
    plain = directory / f"library-{records}.db"
    build_library(records, plain)
    remembered = directory / f"library-{records}-reviewed-{reviewed}.db"
    meta_path = remembered.with_suffix(".json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() and remembered.exists() else None
    if not meta or meta.get("reviewed_wanted") != reviewed:
        for p in (
            remembered,
            remembered.with_name(remembered.name + "-wal"),
            remembered.with_name(remembered.name + "-shm"),
        ):
            p.unlink(missing_ok=True)
        shutil.copyfile(plain, remembered)
        meta = add_reviewed(Library.open(f"sqlite:///{remembered}"), reviewed)
        meta["reviewed_wanted"] = reviewed
        meta_path.write_text(json.dumps(meta))
    return plain, remembered, meta


def time_checks(libraries: dict[str, Library], text: str, runs: int):
    """The seed article checked against each library, once cold then `runs` times warm; the last
    results, the warm times, the cold ones, and the memory's own share of each warm check with it."""
    times: dict[str, list[float]] = {"without": [], "with": []}
    cold: dict[str, float] = {}
    results = {}

    spent: list[float] = []  # the memory's own share of each check (look-ups, comparisons, suggestions)
    original = memory.with_past_verdicts

    def timed_memory(*a, **k):
        t0 = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            spent.append(time.perf_counter() - t0)

    memory.with_past_verdicts = timed_memory

    def check(name: str):
        return matcher.check_article(text, libraries[name], language="fr", published=PUBLISHED)

    for name in libraries:
        t = time.perf_counter()
        results[name] = check(name)
        cold[name] = time.perf_counter() - t
    share: list[float] = []
    for _ in range(runs):
        for name in libraries:
            spent.clear()
            t = time.perf_counter()
            results[name] = check(name)
            times[name].append(time.perf_counter() - t)
            if name == "with":
                share.append(sum(spent))
    memory.with_past_verdicts = original
    return results, times, cold, share


if __name__ == "__main__":
    sys.exit(main())
