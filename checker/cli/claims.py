"""`python -m checker claims search|reuse|promote ...`: the desk's memory of reviewed claims."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claims import CLAIM_TYPES

from ..inputs import InputError
from ..model import STATUSES

DB_HELP = "SQLAlchemy URL of the database (default: $FACTCHECK_DB or factcheck.db)"


def register(sub) -> None:
    cl = sub.add_parser("claims", help="reviewed claims across articles: search the archive, reuse, promote")
    csub = cl.add_subparsers(metavar="ACTION")

    se = csub.add_parser("search", help="list reviewed claims across articles, newest review first")
    se.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="QUERY",
        help="words that must all appear in the claim, its sentence, value or speaker ('' for all)",
    )
    se.add_argument("--type", action="append", choices=list(CLAIM_TYPES), help="claim type (repeatable)")
    se.add_argument(
        "--status",
        action="append",
        choices=[s for s in STATUSES if s != "unreviewed"],
        help="review status (repeatable)",
    )
    se.add_argument("--from", dest="date_from", metavar="D", help="reviewed on or after this day (YYYY-MM-DD)")
    se.add_argument("--to", dest="date_to", metavar="D", help="reviewed on or before this day (YYYY-MM-DD)")
    se.add_argument("--min", dest="amount_min", type=float, metavar="AMOUNT", help="money claims reaching this amount")
    se.add_argument("--max", dest="amount_max", type=float, metavar="AMOUNT", help="money claims not above this amount")
    se.add_argument("--currency", default="", metavar="CODE", help="money claims in this currency (ISO 4217)")
    se.add_argument("--speaker", default="", help="quotes whose speaker's name holds this")
    se.add_argument("--reviewer", default="", help="reviewed by this editor (exact name)")
    se.add_argument("--limit", type=int, default=500, metavar="N", help="at most N claims (default: 500)")
    se.add_argument("--format", choices=["table", "json", "csv", "claimreview"], default="table")
    se.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    se.add_argument("--db", metavar="URL", help=DB_HELP)
    se.set_defaults(run=cmd_search)

    ru = csub.add_parser("reuse", help="mark a claim with an earlier verdict's status, note and source")
    ru.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    ru.add_argument("claim_id", metavar="CLAIM_ID")
    ru.add_argument("verdict", metavar="VERDICT", help="the earlier verdict, as its match names it (A12/c3)")
    ru.add_argument("--reviewer", required=True, help="who makes the change")
    ru.add_argument(
        "--expect-version", type=int, metavar="N", help="refuse the change if the claim is no longer at version N"
    )
    ru.add_argument("--db", metavar="URL", help=DB_HELP)
    ru.set_defaults(run=cmd_reuse)

    pr = csub.add_parser("promote", help="save a verified claim as a reference record of the library")
    pr.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    pr.add_argument("claim_id", metavar="CLAIM_ID")
    pr.add_argument("--reviewer", required=True, help="who adds the record")
    pr.add_argument("--db", metavar="URL", help=DB_HELP)
    pr.set_defaults(run=cmd_promote)


def cmd_search(args: argparse.Namespace) -> int:
    from sources.db import connect

    from ..desk.archive import archive_claimreview, archive_csv, search
    from .desk import report_labels
    from .main import print_json

    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if args.limit < 1:
        raise ValueError("--limit must be at least 1")
    found = search(
        connect(args.db),
        args.query,
        types=args.type or (),
        statuses=args.status or (),
        reviewed_from=date_from,
        reviewed_to=date_to,
        amount_min=args.amount_min,
        amount_max=args.amount_max,
        currency=args.currency,
        speaker=args.speaker,
        reviewer=args.reviewer,
        limit=args.limit,
    )
    if args.format in ("csv", "claimreview"):
        data = archive_csv(found) if args.format == "csv" else archive_claimreview(found, labels=report_labels("en"))
        if args.output:
            Path(args.output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
        return 0
    if args.format == "json":
        print_json([f.to_json() for f in found])
        return 0
    for f in found:  # one line per claim, starting with ARTICLE_ID/CLAIM_ID
        bits = [
            f"{f.article_id}/{f.claim.id}",
            f.status,
            f.claim.type,
            f.claim.display_value,
            f"«{f.claim.text}»",
            f.reviewer,
            f.reviewed_at.date().isoformat() if f.reviewed_at else "",
            f.note,
            f"({f.article_title})",
        ]
        print("  ".join(" ".join(str(b).split()) for b in bits if b))
    if not found:
        print("no reviewed claim matches", file=sys.stderr)
    return 0


def cmd_reuse(args: argparse.Namespace) -> int:
    from ..desk import Desk
    from .main import print_json

    state = Desk.open(args.db).reuse(
        args.article_id, args.claim_id, args.verdict, reviewer=args.reviewer, expected_version=args.expect_version
    )
    print_json({"article_id": args.article_id, "claim_id": args.claim_id, **state.review_json()})
    return 0


def cmd_promote(args: argparse.Namespace) -> int:
    from sources.library import Library

    from ..desk import Desk
    from ..service import promote_claim
    from .main import print_json

    desk = Desk.open(args.db)
    record = promote_claim(desk, Library(desk.engine), args.article_id, args.claim_id, reviewer=args.reviewer)
    print_json(
        {
            "record_id": record.id,
            "title": record.title,
            "publisher": record.publisher,
            "url": record.url,
            "excerpt": record.excerpt,
        }
    )
    return 0


def _day(value: str | None, option: str):
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option} must be a day, YYYY-MM-DD (got {value!r})") from None
