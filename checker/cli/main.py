"""The command line: `python -m checker ...`. Parse, make one core call, print.

The JSON shapes printed here are a contract for newsroom pipelines (see README); errors go to
standard error with a non-zero exit code and no traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from claims import available_languages, extract
from settings import DOLLAR

from ..inputs import ArticleText, InputError, parse_published, read_article
from . import claims as claims_commands
from . import desk as desk_commands
from . import sources as sources_commands
from . import users as users_commands

EXIT_ERROR = 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    from settings import problems

    for problem in problems():
        print(f"error: setting {problem}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return args.run(args) or 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the command line never shows a traceback
        print(f"error: {_message(exc)}", file=sys.stderr)
        return EXIT_ERROR


BUSY = "the database stayed busy with other saves for over a minute; nothing was changed, try again"


def _message(exc: Exception) -> str:
    from sqlalchemy.exc import SQLAlchemyError

    from sources.db import is_locked
    from sources.importers import ImportFormatError
    from sources.library import RecordNotFound

    from ..desk import ArticleNotFound, ClaimNotFound, ReviewConflict

    if isinstance(exc, (InputError, ImportFormatError, ValueError, ReviewConflict)):
        return str(exc)
    if isinstance(exc, ArticleNotFound):
        return f"no article with id {exc.args[0]}"
    if isinstance(exc, ClaimNotFound):
        return f"no claim {exc.args[0]} in that article"
    if isinstance(exc, RecordNotFound):
        return f"no record with id {exc.args[0]}"
    if is_locked(exc):
        return BUSY
    if isinstance(exc, SQLAlchemyError):
        return f"database error: {getattr(exc, 'orig', None) or exc.__class__.__name__}"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".strip(": ")
    return f"{exc.__class__.__name__}: {exc}"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m checker", description="Fact-checking workbench: claims, sources, checks and reports."
    )
    sub = p.add_subparsers(metavar="COMMAND")
    languages = ["auto", *available_languages()]

    ex = sub.add_parser("extract", help="list the claims of an article")
    _article_args(ex, languages, optional=True)
    ex.add_argument(
        "--jsonl", metavar="FILE", help='check many texts: one {"id", "text", "language", "published"} per line'
    )
    ex.set_defaults(run=cmd_extract)

    ck = sub.add_parser("check", help="extract the claims of an article and match them against the library")
    _article_args(ck, languages)
    src = ck.add_mutually_exclusive_group()
    src.add_argument("--sources", metavar="FILE", help="check against the records of this CSV/JSON/XLSX file only")
    src.add_argument(
        "--db", metavar="URL", help="SQLAlchemy URL of the library (default: $FACTCHECK_DB or factcheck.db)"
    )
    ck.add_argument("--save", action="store_true", help="store the article and its claims for review")
    ck.add_argument("--title", default="", help="article title when saving (default: its first line)")
    ck.add_argument(
        "--url", default="", help="the article's address (its country's dollar for a bare $; kept when saving)"
    )
    ck.add_argument("--reviewer", default="", help="who saves it")
    ck.set_defaults(run=cmd_check)

    sources_commands.register(sub)
    desk_commands.register(sub)
    claims_commands.register(sub)
    users_commands.register(sub)

    _add_evaluate(sub)
    return p


def _article_args(sp: argparse.ArgumentParser, languages: list[str], *, optional: bool = False) -> None:
    """The article argument and the options that read it, shared by `extract` and `check`."""
    sp.add_argument(
        "article",
        nargs="?" if optional else None,
        metavar="ARTICLE",
        help="path of a .txt/.md article, or - for standard input",
    )
    sp.add_argument("--language", choices=languages, default="auto", help="article language (default: detect)")
    sp.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="publication date; relative dates resolve against it (default: today)",
    )
    sp.add_argument("--format", choices=["table", "json"], default="table", help="output format (default: table)")


def _add_evaluate(sub) -> None:
    ev = sub.add_parser("evaluate", help="score the extractor against the shared corpora")
    ev.add_argument(
        "--corpora", metavar="DIR", help="folder of the corpora (default: ../shared/corpora beside the project)"
    )
    ev.add_argument("--format", choices=["table", "json"], default="table")
    ev.add_argument("--failures", type=int, default=10, metavar="N", help="failed cases to show per corpus and type")
    ev.add_argument(
        "--only",
        action="append",
        metavar="CORPUS",
        help="print only the corpora whose name starts with this (repeatable), e.g. realnews_fr_study",
    )
    ev.set_defaults(run=cmd_evaluate)


def usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


# ---- helpers -----------------------------------------------------------------------------------


def _read_article(path: str) -> str:
    return _read_article_file(path).text


def _read_article_file(path: str) -> ArticleText:
    """The article's text, and the title its file gives (.html <title>, Word's title); what the
    editor should check in it (unreadable bytes) is said on standard error."""
    read = _read_article_bytes(path)
    for warning in read.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return read


def _read_article_bytes(path: str) -> ArticleText:
    if path == "-":
        return read_article(sys.stdin.buffer.read(), name="standard input")
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not an article file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    return read_article(data, name=p.name)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [min(60, max(len(h), *(len(r[i]) for r in rows))) if rows else len(h) for i, h in enumerate(headers)]

    def cut(text: str, w: int) -> str:
        text = " ".join(str(text).split())
        return text if len(text) <= w else text[: w - 1] + "…"

    lines = ["  ".join(cut(h, w).ljust(w) for h, w in zip(headers, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cut(c, w).ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


# ---- commands ----------------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _extract_jsonl(args.jsonl)
    if not args.article:
        raise InputError("give an ARTICLE path, - for standard input, or --jsonl FILE")
    given = parse_published(args.published)
    text = _read_article(args.article)
    published, _ = _publication_date(text, given)
    result = extract(text, language=args.language, published=published, dollar=DOLLAR.value())
    if args.format == "json":
        print_json(result.to_json())
    else:
        rows = [[c.id, c.type, c.text, c.display_value, c.sentence] for c in result.claims]
        print(table(rows, ["id", "type", "text", "value", "sentence"]))
        print(
            f"\n{len(result.claims)} claims ({result.language}, published {result.published})"
            + (
                f"; {len(result.unclaimed)} sentences with numbers, dates or quotes gave none"
                if result.unclaimed
                else ""
            )
        )
    return 0


def _extract_jsonl(path: str) -> int:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")
    failures = 0
    with stream:
        for line_no, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise InputError('each line must be an object with a "text" string')
                result = extract(
                    item["text"],
                    language=item.get("language") or "auto",
                    published=parse_published(item.get("published")),
                )
                out = {"id": item.get("id"), **result.to_json()}
            except (json.JSONDecodeError, InputError, ValueError) as exc:
                failures += 1
                print(f"error: line {line_no}: {exc}", file=sys.stderr)
                out = {"id": None, "error": str(exc), "claims": []}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return EXIT_ERROR if failures else 0


def _publication_date(text: str, given: dt.date | None, given_from: str = "") -> tuple[dt.date | None, str]:
    """The date given (or by the file's metadata), else the one the article states, and where it came
    from; when there is none, a warning on standard error says relative dates were resolved against today."""
    from ..service import publication_date

    published, source = publication_date(text, given, given_from)
    if published is None:
        print(
            f"warning: no publication date given (--published) or found in the article; relative dates "
            f"were resolved against today ({dt.date.today().isoformat()})",
            file=sys.stderr,
        )
    return published, source


def cmd_check(args: argparse.Namespace) -> int:
    from sources.library import Library

    from ..service import check_and_store, check_text, library_from_file

    given = parse_published(args.published)
    read = _read_article_file(args.article)
    text = read.text
    published, published_from = _publication_date(
        text, given or read.published, "given" if given else read.published_from
    )
    library = library_from_file(args.sources) if args.sources else Library.open(args.db)
    if args.save:
        from ..desk import Desk

        desk = Desk.open(args.db)
        article_id, result = check_and_store(
            text,
            library,
            desk,
            title=args.title or read.title,
            url=args.url,
            language=args.language,
            published=published,
            reviewer=args.reviewer,
            published_from=published_from,
            author=read.author,
        )
    else:
        article_id, result = None, check_text(text, library, language=args.language, published=published, url=args.url)
    if args.format == "json":
        out = result.to_json()
        if article_id is not None:
            out = {"article_id": article_id, **out}
        print_json(out)
        return 0
    rows = []
    for c in result.checks:
        best = c.matches[0] if c.matches else None
        rows.append(
            [
                c.claim.id,
                c.claim.type,
                c.claim.text,
                c.claim.display_value,
                c.suggestion.replace("_", " "),
                f"{best.source_id} ({best.score:.2f})" if best else "",
                c.reason,
            ]
        )
    print(table(rows, ["id", "type", "text", "value", "suggestion", "best source", "reason"]))
    if article_id is not None:
        print(f"\nsaved as article {article_id}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ..evaluation.extraction import evaluate_all, format_report

    report = evaluate_all(args.corpora)
    if args.only:  # e.g. --only realnews_fr_study: read one corpus without seeing the others' failures
        report = {k: v for k, v in report.items() if k.startswith(tuple(args.only)) or k == "skip_rules"}
    if args.format == "json":
        print_json(_failures_cut(report, args.failures))
    else:
        print(format_report(report, failures=args.failures))
    return 0


def _failures_cut(report: dict, n: int) -> dict:
    """The report with at most `n` failures per corpus and type, as the text report shows them:
    `--failures 0` prints figures only, whatever the format (a held-out part's first run)."""
    out = {}
    for key, part in report.items():
        if isinstance(part, dict) and isinstance(part.get("failures"), dict):
            part = {**part, "failures": {kind: items[:n] for kind, items in part["failures"].items()}}
        elif isinstance(part, dict) and isinstance(part.get("failures"), list):
            part = {**part, "failures": part["failures"][:n]}
        out[key] = part
    return out
