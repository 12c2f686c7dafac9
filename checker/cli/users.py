"""`python -m checker users ...`: who may sign in to a shared deployment, and with which role.

The command line is the operator's tool: whoever runs it has the database, so it is not asked for a
role; each change is audited under the operator (`--by`, else the operating-system user).
"""

from __future__ import annotations

import argparse
import getpass

DB_HELP = "SQLAlchemy URL of the database (default: $FACTCHECK_DB or factcheck.db)"
ROLES = ("viewer", "editor", "admin")  # checker.access.ROLES, spelled here so that parsing imports nothing


def operator() -> str:
    """Who runs the command, for the audit trail: the operating-system user, on the command line."""
    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment nor the password database
        name = "operator"
    return f"{name} (command line)"


def register(sub) -> None:
    from .main import usage

    us = sub.add_parser(
        "users",
        help="roles of the people who sign in to a shared deployment",
        description="Roles: viewer (reads, downloads reports), editor (reviews, adds claims and "
        "records), admin (deletes and restores records, imports reports, manages roles).",
    )
    usub = us.add_subparsers(metavar="ACTION")

    ad = usub.add_parser("add", help="give an email address a role (the first admin is made here)")
    ad.add_argument("email", metavar="EMAIL")
    ad.add_argument("--role", choices=ROLES, required=True)
    se = usub.add_parser("set", help="change the role of an email address")
    se.add_argument("email", metavar="EMAIL")
    se.add_argument("--role", choices=ROLES, required=True)
    rm = usub.add_parser("remove", help="take an email address's role away (it can no longer reach the workbench)")
    rm.add_argument("email", metavar="EMAIL")
    ls = usub.add_parser("list", help="every email address with its role, who gave it and when")
    ls.add_argument("--format", choices=["table", "json"], default="table")
    hi = usub.add_parser("history", help="the audited role changes, oldest first")
    hi.add_argument("email", nargs="?", metavar="EMAIL", help="only this address")
    hi.add_argument("--format", choices=["table", "json"], default="table")
    for sp in (ad, se, rm):
        sp.add_argument(
            "--by",
            default=None,
            metavar="NAME",
            help="who makes the change, for the audit trail (default: the operating-system user)",
        )
    for sp, fn in ((ad, cmd_add), (se, cmd_set), (rm, cmd_remove), (ls, cmd_list), (hi, cmd_history)):
        sp.add_argument("--db", metavar="URL", help=DB_HELP)
        sp.set_defaults(run=fn)
    us.set_defaults(run=lambda a: usage(us))


def _roles(args: argparse.Namespace):
    from ..access import Roles

    return Roles.open(args.db)


def cmd_add(args: argparse.Namespace) -> int:
    grant = _roles(args).add(args.email, args.role, by=args.by or operator())
    print(f"{grant.email} is now {grant.role}")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    grant = _roles(args).set(args.email, args.role, by=args.by or operator())
    print(f"{grant.email} is now {grant.role}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    grant = _roles(args).remove(args.email, by=args.by or operator())
    print(f"{grant.email} no longer has a role (was {grant.role})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from .main import print_json, table

    grants = _roles(args).list()
    if args.format == "json":
        print_json(
            [
                {"email": g.email, "role": g.role, "granted_by": g.granted_by, "granted_at": g.granted_at.isoformat()}
                for g in grants
            ]
        )
        return 0
    rows = [[g.email, g.role, g.granted_by, f"{g.granted_at:%Y-%m-%d %H:%M:%S}"] for g in grants]
    print(table(rows, ["email", "role", "granted by", "granted at (UTC)"]))
    if not grants:
        print("\nnobody has a role yet: `python -m checker users add EMAIL --role admin` makes the first admin")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from .main import print_json, table

    rows = _roles(args).history(args.email)

    def role(side) -> str:
        return (side or {}).get("role") or "-"

    if args.format == "json":
        print_json(
            [
                {
                    "at": r["at"].isoformat(),
                    "by": r["actor"],
                    "email": r["entity_id"],
                    "action": r["action"].removeprefix("role_"),
                    "before": role(r["before"]),
                    "after": role(r["after"]),
                }
                for r in rows
            ]
        )
        return 0
    print(
        table(
            [
                [
                    f"{r['at']:%Y-%m-%d %H:%M:%S}",
                    r["actor"],
                    r["entity_id"],
                    r["action"].removeprefix("role_"),
                    f"{role(r['before'])} -> {role(r['after'])}",
                ]
                for r in rows
            ],
            ["at (UTC)", "by", "email", "action", "role"],
        )
    )
    return 0
