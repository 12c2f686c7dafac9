"""`python -m checker sources ...`: import, fetch, list, search, export, delete and restore records.

Each command parses its arguments, makes one call to the library, and prints; errors go to
standard error with a non-zero exit (checker/cli/main.py turns exceptions into one line, no traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Callable

from sources.progress import ProgressMeter, duration_text

DB_HELP = "SQLAlchemy URL of the library (default: $FACTCHECK_DB or factcheck.db)"
EXIT_ERROR = 1
ACTOR = "command line"


def register(sub) -> None:
    from .main import usage

    so = sub.add_parser("sources", help="manage the library of reference records")
    ssub = so.add_subparsers(metavar="ACTION")

    imp = ssub.add_parser(
        "import",
        help="import records from CSV, JSON, JSON Lines or XLSX",
        description="A file with bad rows is refused whole (reasons listed) unless --skip-bad.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--skip-bad", action="store_true", help="import the good rows and report the bad ones")

    fe = ssub.add_parser(
        "fetch",
        help="download an article by URL and store its passages",
        description="Only public http(s) pages; see FACTCHECK_FETCH_ALLOWED_HOSTS for exceptions.",
    )
    fe.add_argument("url", metavar="URL")
    fe.add_argument("--preview", action="store_true", help="show the passages without storing them")
    fe.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="total deadline (default 20)")

    ls = ssub.add_parser("list", help="one line per record, starting with its id")
    ls.add_argument("--limit", type=int, default=None, metavar="N", help="at most N records")

    se = ssub.add_parser("search", help="full-text search of the library (accents ignored)")
    se.add_argument("query", metavar="QUERY")
    se.add_argument("--publisher", help="publisher contains this")
    se.add_argument("--language", help="language code, e.g. fr")
    se.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="published on or after")
    se.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="published on or before")
    se.add_argument("--limit", type=int, default=20)

    ex = ssub.add_parser("export", help="export every record to FILE.csv or FILE.jsonl")
    ex.add_argument("file", metavar="FILE")

    de = ssub.add_parser("delete", help="delete a record (it stays recoverable with restore)")
    de.add_argument("record_id", metavar="ID")
    re_ = ssub.add_parser("restore", help="bring a deleted record back")
    re_.add_argument("record_id", metavar="ID")
    for sp in (de, re_):
        sp.add_argument("--actor", default=ACTOR, help="who does it, for the audit trail")

    for sp, fn in (
        (imp, cmd_sources_import),
        (fe, cmd_sources_fetch),
        (ls, cmd_sources_list),
        (se, cmd_sources_search),
        (ex, cmd_sources_export),
        (de, cmd_sources_delete),
        (re_, cmd_sources_restore),
    ):
        sp.add_argument("--db", metavar="URL", help=DB_HELP)
        sp.set_defaults(run=fn)
    so.set_defaults(run=lambda a: usage(so))


def cmd_sources_import(args: argparse.Namespace) -> int:
    from sources.importers import iter_path_records
    from sources.library import Library

    from ..inputs import InputError
    from ..service import ImportRefused

    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"no such file: {args.file}")
    # Every row is checked by a pass of its own, so that a file with bad rows is refused whole and
    # a large file never sits in memory. That pass runs in a thread beside the import (it reads a
    # row some thirty times faster than the import stores one), instead of before it with a core
    # idle: a bad row cancels the import's transaction as soon as the pass finds it, and the
    # commit waits for the pass to end clean.
    scan = _Scan(path)

    def guard() -> None:
        result = scan.result(wait=False)
        if result is not None and result.errors and not args.skip_bad:
            raise ImportRefused(result, path.name)

    def before_commit() -> None:
        result = scan.result(wait=True)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        guard()

    library = Library.open(args.db)
    big = path.stat().st_size >= BIG_FILE
    report = library.add(
        iter_path_records(path),
        actor=ACTOR,
        workers=(os.cpu_count() or 1) if big else 0,
        on_progress=_progress_printer(scan.good, force_size=big),
        guard=guard,
        before_commit=before_commit,
    )
    result = scan.result(wait=True)
    for err in result.errors[:50]:
        print(f"skipped {err}", file=sys.stderr)
    if result.bad > 50:
        print(f"... and {result.bad - 50} more bad rows skipped", file=sys.stderr)
    if report.added:
        library.index.ensure_terms()  # a check of every key: the import wrote the matcher's words
    print(
        f"imported {report.added} record(s), {report.duplicates} duplicate(s) skipped"
        + (f", {result.bad} bad row(s) skipped" if result.errors else "")
    )
    if report.deleted_matches:
        shown = ", ".join(report.deleted_matches[:5]) + (" ..." if len(report.deleted_matches) > 5 else "")
        print(
            f"{len(report.deleted_matches)} duplicate(s) match deleted records ({shown}); "
            "`sources restore ID` brings one back"
        )
    if result.tag_columns:
        print(f"extra columns kept as tags: {', '.join(result.tag_columns)}")
    if result.ignored_columns:
        print(f"ignored: {', '.join(result.ignored_columns)}")
    return 0


# A file of this size or more is imported with the extractor's worker processes and a progress bar
# (about 2,500 news passages); a smaller one is done before the workers would have started.
BIG_FILE = 1 << 20


class _Scan:
    """`scan_path` of a file in a thread of its own: every row checked, nothing kept."""

    def __init__(self, path: Path):
        import threading

        self._done = threading.Event()
        self._result = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(path,), name="import-scan", daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        from sources.importers import scan_path

        try:
            self._result = scan_path(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the importing thread by result()
            self._error = exc
        finally:
            self._done.set()

    def result(self, *, wait: bool):
        """The scan (ParsedImport), or None while it runs and `wait` is false; its error re-raised."""
        if wait:
            self._done.wait()
        elif not self._done.is_set():
            return None
        if self._error is not None:
            raise self._error
        return self._result

    def good(self) -> int | None:
        """How many good rows the file holds, once the scan has counted them."""
        return self._result.good if self._done.is_set() and self._result is not None else None


def _progress_printer(
    total: int | Callable[[], int | None],
    *,
    stream=None,
    clock: Callable[[], float] = time.monotonic,
    force: bool = False,
    force_size: bool = False,
) -> Callable[[int, int], None] | None:
    """A progress bar on standard error for imports long enough to wait for (on a terminal).

    `total` is the number of records, or a function that gives it once known (None before: the
    rows are still being counted, and the bar says so). The time left is sources.progress's: the
    rate of the recent seconds. `force_size`: the caller knows the import is large although the
    count is not known yet."""
    stream = stream or sys.stderr
    count = total if callable(total) else (lambda: total)
    if not force and not stream.isatty():
        return None
    if not force and not force_size and (count() or 0) < 1000:
        return None
    meter = ProgressMeter(clock=clock)

    def show(done: int, _of: int) -> None:
        r = meter.update(done, count())
        so_far = duration_text(r.elapsed)
        if r.total is None:
            stream.write(f"\r{done:,} records, {r.rate:,.0f}/s, counting the file's rows…, {so_far} so far ")
            stream.flush()
            return
        width = 30
        filled = int(width * r.fraction)
        left = "committing…" if r.finished else f"about {duration_text(r.left)} left" if r.left is not None else "…"
        stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{r.total:,} records, {r.rate:,.0f}/s, "
            f"{left}, {so_far} so far "
        )
        if r.finished:
            stream.write("\n")
        stream.flush()

    return show


def cmd_sources_fetch(args: argparse.Namespace) -> int:
    from sources.fetch import DEFAULT_TIMEOUT, FetchError, fetch_page, page_records
    from sources.library import Library

    try:
        page = fetch_page(args.url, timeout=args.timeout or DEFAULT_TIMEOUT)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    passages = page_records(page)
    date = page.published.isoformat() if page.published else "no date found"
    print(f"{page.title or '(no title)'} — {page.publisher} — {date} — {page.language} — {len(passages)} passage(s)")
    if args.preview:
        for r in passages:
            print(f"\n[{dict(r.tags)['passage']}] {r.excerpt}")
        return 0
    report = Library.open(args.db).add(passages, actor=ACTOR)
    print(
        f"stored {report.added} passage(s) from {page.final_url}"
        + (f", {report.duplicates} already in the library" if report.duplicates else "")
    )
    return 0


def cmd_sources_list(args: argparse.Namespace) -> int:
    from sources.library import Library

    for n, r in enumerate(Library.open(args.db).iter_records()):
        if args.limit is not None and n >= args.limit:
            break
        _print_record(r)
    return 0


def cmd_sources_search(args: argparse.Namespace) -> int:
    from sources.library import Library

    from ..inputs import InputError

    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    found = Library.open(args.db).search(
        args.query,
        publisher=args.publisher,
        language=args.language,
        date_from=_date(args.date_from, "--from"),
        date_to=_date(args.date_to, "--to"),
        limit=args.limit,
    )
    for r in found:
        _print_record(r)
    if not found:
        print("no record matches", file=sys.stderr)
    return 0


def _date(value: str | None, option: str):
    import datetime as dt

    from ..inputs import InputError

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} takes a date as YYYY-MM-DD (got {value!r})") from None


def cmd_sources_export(args: argparse.Namespace) -> int:
    from sources.export import export_library
    from sources.library import Library

    count = export_library(Library.open(args.db), args.file)
    print(f"exported {count} record(s) to {args.file}")
    return 0


def cmd_sources_delete(args: argparse.Namespace) -> int:
    from sources.library import Library

    Library.open(args.db).delete(args.record_id, actor=args.actor)
    print(f"deleted {args.record_id} (restore it with: sources restore {args.record_id})")
    return 0


def cmd_sources_restore(args: argparse.Namespace) -> int:
    from sources.library import Library

    Library.open(args.db).restore(args.record_id, actor=args.actor)
    print(f"restored {args.record_id}")
    return 0


def _print_record(r) -> None:
    date = r.published.isoformat() if r.published else "----------"
    print(f"{r.id}\t{date}\t{r.language or '--'}\t{r.publisher}\t{r.title}")
