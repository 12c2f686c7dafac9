"""Benchmark of the claim extractor: start cost, the seed article warm, and short library records.

- start cost: in fresh subprocesses, the time from before `import claims` to the end of a first
  extraction in each language (importing, reading and compiling the language data, building the
  names data and the detectors). The median of `--starts` subprocesses is reported, and the whole
  subprocess wall time beside it (that includes the Python interpreter's own start);
- seed article: `extract()` on ../shared/corpora/seed/article_fr.txt (read in place; when the corpora
  are absent, twelve generated records joined as paragraphs stand in, and the report says so), in
  French and with language detection, after three warm-up runs; median, 90th percentile and minimum
  of `--runs` runs;
- short records: `--records` generated library records of about 300 characters (benchmarks/synthetic.py),
  each extracted as the library import does it (its own language), then with detection; median time
  per record and records per second over the whole set.

    python -m benchmarks.bench_extract
    python -m benchmarks.bench_extract --runs 200 --records 5000 --json
    python -m benchmarks.bench_extract --profile      # where the seed article's time goes
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

SEED = ROOT.parent / "shared" / "corpora" / "seed" / "article_fr.txt"
SEED_PUBLISHED = dt.date(2024, 5, 29)

_START_PROBE = """
import time
started = time.perf_counter()
import datetime as dt
import claims
for code in claims.available_languages():
    claims.extract("Le PDG Sam Altman a déclaré « oui » le 3 mai 2024.", language=code, published=dt.date(2024, 5, 29))
claims.extract("Sam Altman said “yes” on May 3, 2024.", published=dt.date(2024, 5, 29))
print(time.perf_counter() - started)
"""


def start_cost(runs: int) -> dict[str, float]:
    inside, wall = [], []
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="")
    for _ in range(runs):
        began = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _START_PROBE], capture_output=True, text=True, env=env, cwd=str(ROOT), check=True
        )
        wall.append(time.perf_counter() - began)
        inside.append(float(out.stdout.strip().splitlines()[-1]))
    return {
        "median_s": statistics.median(inside),
        "max_s": max(inside),
        "process_wall_median_s": statistics.median(wall),
    }


def _timings(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU time of each run (CPU time says less about other processes on the machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - began_cpu)
        wall.append(time.perf_counter() - began)
    return wall, cpu


def _summary(times: tuple[list[float], list[float]]) -> dict[str, float]:
    wall, cpu = sorted(times[0]), times[1]
    return {
        "median_ms": statistics.median(wall) * 1000,
        "p90_ms": wall[int(0.9 * (len(wall) - 1))] * 1000,
        "min_ms": wall[0] * 1000,
        "cpu_median_ms": statistics.median(cpu) * 1000,
        "runs": len(wall),
    }


def seed_text() -> tuple[str, str]:
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8"), str(SEED.relative_to(ROOT.parent))
    from benchmarks.synthetic import generate_records

    records = [r for r in generate_records(40, seed=7) if r.language == "fr"][:12]
    return "\n\n".join(r.excerpt for r in records), "12 generated French records (the seed corpus is absent)"


def seed_article(runs: int) -> dict[str, object]:
    from claims import extract

    text, source = seed_text()
    result = {"source": source, "characters": len(text)}
    for label, language in (("fr", "fr"), ("auto", "auto")):
        for _ in range(3):
            extract(text, language=language, published=SEED_PUBLISHED)
        result[label] = _summary(_timings(lambda: extract(text, language=language, published=SEED_PUBLISHED), runs))
    result["claims"] = len(extract(text, language="fr", published=SEED_PUBLISHED).claims)
    return result


def short_records(count: int) -> dict[str, object]:
    from benchmarks.synthetic import generate_records
    from claims import extract

    records = list(generate_records(count, seed=11))
    lengths = [len(r.excerpt) for r in records]
    for r in records[:50]:
        extract(r.excerpt, language=r.language, published=r.published)
    result: dict[str, object] = {"records": count, "median_characters": statistics.median(lengths)}
    for label in ("own language", "auto"):
        times, cpu = [], []
        began = time.perf_counter()
        for r in records:
            language = r.language if label == "own language" else "auto"
            t, c = time.perf_counter(), time.process_time()
            extract(r.excerpt, language=language, published=r.published)
            cpu.append(time.process_time() - c)
            times.append(time.perf_counter() - t)
        total = time.perf_counter() - began
        result[label] = {
            "median_ms": statistics.median(times) * 1000,
            "mean_ms": total / count * 1000,
            "cpu_median_ms": statistics.median(cpu) * 1000,
            "cpu_mean_ms": sum(cpu) / count * 1000,
            "records_per_s": count / total,
        }
    return result


def profile_seed(limit: int = 20) -> None:
    from claims import extract

    text, _ = seed_text()
    extract(text, language="fr", published=SEED_PUBLISHED)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(50):
        extract(text, language="fr", published=SEED_PUBLISHED)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(limit)


def machine() -> dict[str, object]:
    # The load average says how busy the machine was: on two shared cores other processes slow the
    # wall-clock figures down, which the CPU-time figures mostly escape.
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "load_average_1min": os.getloadavg()[0],
        "reference_loop_cpu_s": reference_loop(),
    }


def reference_loop() -> float:
    """CPU seconds of ten million integer additions: a yardstick to compare runs on busy or idle machines."""
    began, total = time.process_time(), 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="warm runs on the seed article (default 100)")
    parser.add_argument("--records", type=int, default=2000, help="short records to extract (default 2000)")
    parser.add_argument("--starts", type=int, default=5, help="fresh subprocesses for the start cost (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the seed article and stop")
    args = parser.parse_args(argv)
    if args.profile:
        profile_seed()
        return 0
    report = {
        "machine": machine(),
        "start": start_cost(args.starts),
        "seed": seed_article(args.runs),
        "records": short_records(args.records),
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    m, s, seed, rec = report["machine"], report["start"], report["seed"], report["records"]
    print(
        f"machine: Python {m['python']} ({m['implementation']}), {m['cpus']} CPUs, {m['platform']}, "
        f"load average {m['load_average_1min']:.1f} at start; reference loop (10M additions) "
        f"{m['reference_loop_cpu_s']:.2f} s CPU"
    )
    print(
        f"start cost (import, language data, first extraction per language): median {s['median_s']:.3f} s, "
        f"max {s['max_s']:.3f} s; whole subprocess {s['process_wall_median_s']:.3f} s"
    )
    print(f"seed article ({seed['source']}, {seed['characters']} characters, {seed['claims']} claims):")
    for label in ("fr", "auto"):
        t = seed[label]
        print(
            f"  language={label:<4} median {t['median_ms']:.2f} ms, p90 {t['p90_ms']:.2f} ms, "
            f"min {t['min_ms']:.2f} ms, CPU median {t['cpu_median_ms']:.2f} ms over {t['runs']} runs"
        )
    print(f"short records ({rec['records']} generated records, median {rec['median_characters']:.0f} characters):")
    for label in ("own language", "auto"):
        t = rec[label]
        print(
            f"  {label:<12} median {t['median_ms']:.3f} ms per record, mean {t['mean_ms']:.3f} ms, "
            f"CPU median {t['cpu_median_ms']:.3f} ms, mean {t['cpu_mean_ms']:.3f} ms, {t['records_per_s']:.0f} records/s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
