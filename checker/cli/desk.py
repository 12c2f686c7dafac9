"""`python -m checker review|report|import-report ...`: the review desk for newsroom pipelines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model import STATUSES

DB_HELP = "SQLAlchemy URL of the database (default: $FACTCHECK_DB or factcheck.db)"
# The names of checker.desk.report.FORMATS, spelled here so that building the parser does not import the
# report and desk modules (and SQLAlchemy with them) for commands that never use them: that import is
# a third of the start-up of `extract`. tests/checker/test_cli_desk.py holds the two in step.
REPORT_FORMATS = ("md", "html", "csv", "json", "claimreview")


def register(sub) -> None:
    rv = sub.add_parser("review", help="set a claim's status, note or evidence (as on the desk)")
    rv.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    rv.add_argument("claim_id", metavar="CLAIM_ID")
    rv.add_argument("--status", choices=list(STATUSES))
    rv.add_argument("--note", help="the editor's note")
    rv.add_argument("--source", metavar="SOURCE_ID", help="the record chosen as evidence")
    rv.add_argument("--reviewer", required=True, help="who makes the change")
    rv.add_argument(
        "--expect-version", type=int, metavar="N", help="refuse the change if the claim is no longer at version N"
    )
    rv.add_argument("--db", metavar="URL", help=DB_HELP)
    rv.set_defaults(run=cmd_review)

    rp = sub.add_parser("report", help="write the verification report of an article")
    rp.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    rp.add_argument("--format", choices=list(REPORT_FORMATS), default="md")
    rp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    rp.add_argument("--lang", default="en", metavar="CODE", help="language of the headings: en or fr (default: en)")
    rp.add_argument(
        "--review-url",
        default="",
        metavar="URL",
        help="where the fact check is published (ClaimReview url; default: the article's URL)",
    )
    rp.add_argument("--db", metavar="URL", help=DB_HELP)
    rp.set_defaults(run=cmd_report)

    im = sub.add_parser(
        "import-report", help="store the article of a JSON report (report --format json) as a new article"
    )
    im.add_argument("file", metavar="FILE", help="the JSON report, or - for standard input")
    im.add_argument("--reviewer", required=True, help="who imports it (kept in the audit trail)")
    im.add_argument("--db", metavar="URL", help=DB_HELP)
    im.set_defaults(run=cmd_import)


def cmd_review(args: argparse.Namespace) -> int:
    from ..desk import Desk
    from .main import print_json

    if args.status is None and args.note is None and args.source is None:
        raise ValueError("give --status, --note or --source")
    state = Desk.open(args.db).review(
        args.article_id,
        args.claim_id,
        reviewer=args.reviewer,
        status=args.status,
        note=args.note,
        evidence_source=args.source,
        expected_version=args.expect_version,
    )
    print_json({"article_id": args.article_id, "claim_id": args.claim_id, **state.review_json()})
    return 0


def report_labels(lang: str) -> dict[str, str]:
    """The report's words, from the message catalogue (checker/messages)."""
    from ..messages import languages, messages

    if lang not in languages():
        raise ValueError(f"--lang must be one of {', '.join(languages())} (got {lang!r})")
    return dict(messages(lang))


def cmd_report(args: argparse.Namespace) -> int:
    from ..desk import Desk
    from ..service import write_report

    data = write_report(
        Desk.open(args.db), args.article_id, args.format, labels=report_labels(args.lang), review_url=args.review_url
    )
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..desk import Desk
    from ..desk.report_import import MAX_REPORT_BYTES
    from ..inputs import InputError
    from ..service import import_report
    from .main import print_json

    # One byte more than a report may hold is enough to refuse it: a larger file is never read whole.
    if args.file == "-":
        data = sys.stdin.buffer.read(MAX_REPORT_BYTES + 1)
    else:
        try:
            with Path(args.file).open("rb") as fh:
                data = fh.read(MAX_REPORT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    article_id = import_report(data, Desk.open(args.db), reviewer=args.reviewer)
    print_json({"article_id": article_id})
    return 0
