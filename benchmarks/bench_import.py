"""Import end to end, as an editor runs it: `python -m checker sources import FILE` on a generated library.

The file comes from the shared generator (../shared/benchmarks/gen_library.py: news-like French and
English records with names, amounts, dates and quotes), made once under --dir and reused. The
command runs in a child process on a fresh database until it exits, i.e. until the library is ready
to check (rows, value index, full text and the matcher's word index). Reported per size:

- wall time and records per second;
- CPU time of the command and its worker processes (user + system), and how busy the cores were
  (CPU / wall / cores): the machine is shared, so the load average before and after is reported too;
- the reference loop of bench_extract (CPU seconds of 10M additions, about 0.27 s on this machine
  when idle) before and after: on this virtual machine a busy host inflates CPU time too;
- peak memory of the whole process tree (the sum of the RSS of the command and its workers,
  sampled every 0.2 s);
- with --profile, the command runs under cProfile (the main process only) and the top functions by
  cumulative time are written beside the results.

    python -m benchmarks.bench_import --sizes 100000              # SQLite in --dir
    python -m benchmarks.bench_import --sizes 100000 --postgres postgresql+psycopg://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_extract import reference_loop  # noqa: E402

GENERATOR = ROOT.parent / "shared" / "benchmarks" / "gen_library.py"
RESULTS = ROOT / "benchmarks" / "results"


def library_file(directory: Path, n: int) -> Path:
    path = directory / f"gen-library-{n}.csv"
    if not path.exists():
        if not GENERATOR.exists():
            raise SystemExit(f"the shared generator is missing: {GENERATOR}")
        tmp = path.with_suffix(".tmp")
        subprocess.run([sys.executable, str(GENERATOR), str(n), str(tmp)], check=True)
        tmp.rename(path)
    return path


def _tree_rss(pid: int) -> int:
    """Sum of the resident memory of a process and its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ppid, pages = int(fields[1]), int(fields[21])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run_import(csv: Path, db: str, *, profile: Path | None = None) -> dict:
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "checker", "sources", "import", str(csv), "--db", db]
    reference = reference_loop()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"import failed ({proc.returncode}): {err.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "output": out.strip(),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "cores_busy": round(cpu / wall / (os.cpu_count() or 1), 2),
        "peak_tree_rss_mb": round(peak[0] / 2**20),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "reference_loop_cpu_s": [round(reference, 3), round(reference_loop(), 3)],
    }


def _fresh_sqlite(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _fresh_postgres(server: str, n: int, label: str = "") -> str:
    """A new database `factcheck_bench_[LABEL_]N` on the server of `server` (a URL to any of its databases)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(server)
    tag = "".join(c if c.isalnum() else "_" for c in label)
    name = f"factcheck_bench_{tag}_{n}" if tag else f"factcheck_bench_{n}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000", help="comma-separated record counts (default 100000)")
    ap.add_argument("--dir", default="/tmp/factcheck-bench", help="where generated files and databases go")
    ap.add_argument(
        "--postgres",
        metavar="URL",
        help="import into a new database factcheck_bench_N on this PostgreSQL "
        "server (URL of any database there); default a SQLite file in --dir",
    )
    ap.add_argument("--profile", action="store_true", help="run the command under cProfile")
    ap.add_argument("--label", default="", help="a name for this run in the results file")
    args = ap.parse_args()
    directory = Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    runs = []
    for n in [int(s) for s in args.sizes.split(",")]:
        csv = library_file(directory, n)
        db = (
            _fresh_postgres(args.postgres, n, args.label)
            if args.postgres
            else _fresh_sqlite(directory / f"import-{n}.db")
        )
        profile = directory / f"import-{n}.prof" if args.profile else None
        result = {
            "records": n,
            "database": "postgresql" if args.postgres else "sqlite",
            "url": db,
            **run_import(csv, db, profile=profile),
        }
        result["records_per_s"] = round(n / result["wall_s"])
        result["cpu_ms_per_record"] = round(1000 * result["cpu_s"] / n, 2)
        if profile is not None:
            import io
            import pstats

            buf = io.StringIO()
            pstats.Stats(str(profile), stream=buf).sort_stats("cumulative").print_stats(25)
            result["profile_top"] = buf.getvalue().splitlines()[:60]
        print(json.dumps({k: v for k, v in result.items() if k != "profile_top"}), flush=True)
        runs.append(result)
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M")
    out = RESULTS / f"import-{args.label or 'run'}-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "machine": {
                    "cores": os.cpu_count(),
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                },
                "runs": runs,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
