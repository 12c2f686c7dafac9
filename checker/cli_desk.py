"""`python -m checker review|report ...`: the review desk for newsroom pipelines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import STATUSES

DB_HELP = "SQLAlchemy URL of the database (default: $FACTCHECK_DB or factcheck.db)"


def register(sub) -> None:
    from .report import FORMATS

    rv = sub.add_parser("review", help="set a claim's status, note or evidence (as on the desk)")
    rv.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    rv.add_argument("claim_id", metavar="CLAIM_ID")
    rv.add_argument("--status", choices=list(STATUSES))
    rv.add_argument("--note", help="the editor's note")
    rv.add_argument("--source", metavar="SOURCE_ID", help="the record chosen as evidence")
    rv.add_argument("--reviewer", required=True, help="who makes the change")
    rv.add_argument("--expect-version", type=int, metavar="N", help="refuse the change if the claim is no longer at version N")
    rv.add_argument("--db", metavar="URL", help=DB_HELP)
    rv.set_defaults(run=cmd_review)

    rp = sub.add_parser("report", help="write the verification report of an article")
    rp.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    rp.add_argument("--format", choices=list(FORMATS), default="md")
    rp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    rp.add_argument("--db", metavar="URL", help=DB_HELP)
    rp.set_defaults(run=cmd_report)


def cmd_review(args: argparse.Namespace) -> int:
    from .cli import print_json
    from .desk import Desk

    if args.status is None and args.note is None and args.source is None:
        raise ValueError("give --status, --note or --source")
    state = Desk.open(args.db).review(args.article_id, args.claim_id, reviewer=args.reviewer, status=args.status,
                                      note=args.note, evidence_source=args.source, expected_version=args.expect_version)
    print_json({"article_id": args.article_id, "claim_id": args.claim_id, **state.review_json()})
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .desk import Desk
    from .report import render

    data = render(Desk.open(args.db).load(args.article_id), args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0
