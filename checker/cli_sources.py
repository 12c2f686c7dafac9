"""`python -m checker sources ...`: import, list and search the reference library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

DB_HELP = "SQLAlchemy URL of the library (default: $FACTCHECK_DB or factcheck.db)"


def register(sub) -> None:
    from .cli import usage

    so = sub.add_parser("sources", help="manage the library of reference records")
    ssub = so.add_subparsers(metavar="ACTION")
    imp = ssub.add_parser("import", help="import records from CSV, JSON, JSON Lines or XLSX")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--skip-bad", action="store_true", help="import the good rows and report the bad ones")
    ls = ssub.add_parser("list", help="one line per record, starting with its id")
    se = ssub.add_parser("search", help="full-text search of the library")
    se.add_argument("query", metavar="QUERY")
    se.add_argument("--limit", type=int, default=20)
    for sp, fn in ((imp, cmd_sources_import), (ls, cmd_sources_list), (se, cmd_sources_search)):
        sp.add_argument("--db", metavar="URL", help=DB_HELP)
        sp.set_defaults(run=fn)
    so.set_defaults(run=lambda a: usage(so))


def cmd_sources_import(args: argparse.Namespace) -> int:
    from sources.library import Library

    from .service import ImportRefused, read_import

    parsed = read_import(args.file)
    if parsed.errors and not args.skip_bad:
        raise ImportRefused(parsed, Path(args.file).name)
    for err in parsed.errors:
        print(f"skipped {err}", file=sys.stderr)
    library = Library.open(args.db)
    total = len(parsed.records)
    progress = _progress_printer(total)
    report = library.add(parsed.records, actor="command line", on_progress=progress, total=total)
    print(f"imported {report.added} record(s), {report.duplicates} duplicate(s) skipped"
          + (f", {len(parsed.errors)} bad row(s) skipped" if parsed.errors else ""))
    if parsed.tag_columns:
        print(f"extra columns kept as tags: {', '.join(parsed.tag_columns)}")
    return 0


def _progress_printer(total: int) -> Callable[[int, int], None] | None:
    if total < 2000 or not sys.stderr.isatty():
        return None

    def show(done: int, of: int) -> None:
        width = 30
        filled = int(width * done / max(of, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{of}")
        if done >= of:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_sources_list(args: argparse.Namespace) -> int:
    from sources.library import Library

    for r in Library.open(args.db).iter_records():
        _print_record(r)
    return 0


def cmd_sources_search(args: argparse.Namespace) -> int:
    from sources.library import Library

    for r in Library.open(args.db).search(args.query, limit=args.limit):
        _print_record(r)
    return 0


def _print_record(r) -> None:
    date = r.published.isoformat() if r.published else "----------"
    print(f"{r.id}\t{date}\t{r.language or '--'}\t{r.publisher}\t{r.title}")


