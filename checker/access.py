"""Who may do what on a shared deployment: roles kept in the database, checked in the core.

The embedded default is single-user: nobody signs in and nothing here is consulted. A shared
deployment signs people in through the newsroom's OpenID Connect provider (the pages do it with
Streamlit's st.login) and knows each person by the email address the provider vouches for. Roles:

- viewer: reads the articles, the library and the archive, downloads reports;
- editor: what a viewer does, and reviews claims (statuses, notes, evidence, dismissals, added,
  split and merged claims, reused verdicts), checks new articles, renames and archives them, adds
  and edits records (by hand, from a file, by address, from a verified claim);
- admin: what an editor does, and deletes and restores records, imports reports, manages roles.

`Roles` keeps the table (sources/db.py: user_roles) and audits each change in the same transaction
(entity "user": who, when, the role before and after). `acting_as` wraps the desk and the library
for one signed-in person: every write is refused unless that person's role, read from the database
at that moment, allows it, and is recorded under their address whatever name the caller passed.
The command line is the operator's tool: it opens the database itself, is never wrapped, and is
where the first admin is made (`python -m checker users add EMAIL --role admin`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from sources.db import audit, connect, user_roles, without_nul, writing

ROLES = ("viewer", "editor", "admin")  # each may do what the ones before it may

# Each action and the least role that may do it.
NEEDS: dict[str, str] = {
    "read": "viewer",
    "download": "viewer",
    "review": "editor",
    "check": "editor",
    "edit_article": "editor",
    "add_records": "editor",
    "delete_records": "admin",
    "import_reports": "admin",
    "manage_roles": "admin",
}

# What each action is, in the core's (English) messages; the pages have their own words.
DOING = {
    "read": "read the workbench",
    "download": "download reports",
    "review": "review claims",
    "check": "check and store articles",
    "edit_article": "rename or archive articles",
    "add_records": "add or edit library records",
    "delete_records": "delete or restore library records",
    "import_reports": "import reports",
    "manage_roles": "manage roles",
}

MAX_EMAIL = 254  # the longest address SMTP carries, and the column's length
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class AccessDenied(Exception):
    """An action above the acting person's role."""

    def __init__(self, email: str, role: str | None, action: str):
        self.email, self.role, self.action = email, role, action
        super().__init__(
            f"{email} ({role or 'no role'}) may not {DOING[action]}: that needs the {NEEDS[action]} role; ask an admin"
        )


def allowed(role: str | None, action: str) -> bool:
    """Whether `role` (None: no role) may do `action` (a key of NEEDS)."""
    if action not in NEEDS:
        raise KeyError(f"unknown action {action!r}")
    return role in ROLES and ROLES.index(role) >= ROLES.index(NEEDS[action])


def normalise_email(text: str) -> str:
    """An email address as roles are keyed: trimmed and lower-cased; ValueError when it is not one."""
    email = without_nul(str(text)).strip().lower()
    if not email:
        raise ValueError("an email address is needed")
    if len(email) > MAX_EMAIL:
        raise ValueError(f"an email address has at most {MAX_EMAIL} characters (got {len(email)})")
    if not _EMAIL.fullmatch(email) or any(ord(ch) < 32 for ch in email):
        raise ValueError(f"{email!r} is not an email address")
    return email


def _role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    return role


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class Grant:
    email: str
    role: str
    granted_by: str
    granted_at: dt.datetime


class Roles:
    """The roles of a shared deployment, in its database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Roles:
        return cls(connect(url))

    def role_of(self, email: str) -> str | None:
        """The role of `email` now; None when it has none (or is no address)."""
        try:
            email = normalise_email(email)
        except ValueError:
            return None
        with self.engine.connect() as conn:
            return conn.execute(select(user_roles.c.role).where(user_roles.c.email == email)).scalar()

    def list(self) -> list[Grant]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(user_roles).order_by(user_roles.c.email)).all()
        return [Grant(r.email, r.role, r.granted_by, r.granted_at) for r in rows]

    def history(self, email: str | None = None) -> list[dict[str, Any]]:
        """Role changes (of one address, or of all), oldest first, as audit rows."""
        cond = audit.c.entity == "user"
        if email is not None:
            cond = cond & (audit.c.entity_id == normalise_email(email))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(audit).where(cond).order_by(audit.c.id))]

    # ---- changes by the operator (the command line): not checked against a role -------------------

    def add(self, email: str, role: str, *, by: str) -> Grant:
        """Give `email` a role it does not have yet."""
        return self._change(email, _role(role), by=by, mode="add")

    def set(self, email: str, role: str, *, by: str) -> Grant:
        """Change the role of `email`, which has one."""
        return self._change(email, _role(role), by=by, mode="set")

    def remove(self, email: str, *, by: str) -> Grant:
        """Take the role of `email` away (it can no longer reach the workbench); returns what it had."""
        return self._change(email, None, by=by, mode="remove")

    # ---- changes by a signed-in admin (the pages): checked here -----------------------------------

    def grant(self, email: str, role: str | None, *, by: str) -> Grant:
        """Give, change (or, with None, take away) the role of `email`, as the signed-in `by`, who must
        be an admin at that moment and may not change their own role (another admin or the command
        line can), so that the last admin cannot lock everyone out from the app."""
        return self._change(email, None if role is None else _role(role), by=by, mode="grant")

    def _change(self, email: str, role: str | None, *, by: str, mode: str) -> Grant:
        email = normalise_email(email)
        by = normalise_email(by) if mode == "grant" else without_nul(str(by)).strip()
        if not by:
            raise ValueError("who makes the change is needed")
        try:
            with writing(self.engine) as conn:
                if mode == "grant":
                    acting = conn.execute(select(user_roles.c.role).where(user_roles.c.email == by)).scalar()
                    if not allowed(acting, "manage_roles"):
                        raise AccessDenied(by, acting, "manage_roles")
                    if email == by:
                        raise ValueError("you cannot change your own role; another admin or the command line can")
                row = conn.execute(select(user_roles).where(user_roles.c.email == email)).first()
                before = row.role if row else None
                if mode == "grant":
                    mode = "remove" if role is None else "set" if row else "add"
                if mode == "add" and row is not None:
                    raise ValueError(f"{email} already has the role {before}; `users set` changes it")
                if mode in ("set", "remove") and row is None:
                    raise ValueError(f"{email} has no role" + ("" if mode == "remove" else "; `users add` gives one"))
                if mode == "set" and before == role:
                    return Grant(row.email, row.role, row.granted_by, row.granted_at)  # nothing changes
                now = _now()
                if mode == "add":
                    conn.execute(user_roles.insert().values(email=email, role=role, granted_by=by, granted_at=now))
                elif mode == "set":
                    conn.execute(
                        user_roles.update()
                        .where(user_roles.c.email == email)
                        .values(role=role, granted_by=by, granted_at=now)
                    )
                else:
                    conn.execute(user_roles.delete().where(user_roles.c.email == email))
                conn.execute(
                    audit.insert().values(
                        at=now,
                        actor=by,
                        entity="user",
                        entity_id=email,
                        action=f"role_{mode}",
                        before={"role": before} if before else None,
                        after={"role": role} if role else None,
                    )
                )
        except IntegrityError:  # PostgreSQL: the same address added by two at once
            raise ValueError(f"{email} already has a role; `users set` changes it") from None
        return Grant(email, role or before or "", by, now)


# ---- the desk and the library as one signed-in person -------------------------------------------

# Every public attribute of Desk and Library is here, as a read or as a write with the action it needs
# (tests/checker/test_access.py holds this): a new method is refused through `acting_as` until it is classified.
DESK_WRITES = {
    "save": "check",
    "rename": "edit_article",
    "archive": "edit_article",
    "review": "review",
    "reuse": "review",
    "add_claims": "review",
    "note_promotion": "add_records",
    "import_state": "import_reports",
}
DESK_READS = frozenset({"engine", "articles", "find", "load", "audit_trail", "export_state", "quoted_history"})
LIBRARY_WRITES = {
    "add": "add_records",
    "update": "add_records",
    "delete": "delete_records",
    "delete_many": "delete_records",
    "restore": "delete_records",
}
LIBRARY_READS = frozenset({"engine", "count", "get", "iter_records", "deleted", "search", "index", "audit_trail"})


class Acting:
    """A desk or a library used by one signed-in person (see `acting_as`)."""

    def __init__(
        self, target: Any, email: str, roles: Roles, writes: dict[str, str], reads: frozenset[str], actor: str
    ):
        self._target, self._email, self._roles = target, email, roles
        self._writes, self._reads, self._actor = writes, reads, actor

    @property
    def email(self) -> str:
        return self._email

    def __getattr__(self, name: str) -> Any:
        if name in self._writes:
            return self._write(name, getattr(self._target, name))
        if name in self._reads:
            return getattr(self._target, name)
        raise AttributeError(
            f"{type(self._target).__name__}.{name} is not open to signed-in people (classify it in checker/access.py)"
        )

    def _write(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        action = self._writes[name]

        @functools.wraps(method)
        def write(*args: Any, **kwargs: Any) -> Any:
            role = self._roles.role_of(self._email)
            if not allowed(role, action):
                raise AccessDenied(self._email, role, action)
            kwargs[self._actor] = self._email  # the audit trail names the signed-in person, never a typed name
            return method(*args, **kwargs)

        return write


def acting_as(email: str, roles: Roles, library: Any, desk: Any) -> tuple[Any, Any]:
    """The library and the desk as the signed-in `email` may use them: reads pass, each write is checked
    against the role `email` holds at that moment and recorded under `email`."""
    email = normalise_email(email)
    return (
        Acting(library, email, roles, LIBRARY_WRITES, LIBRARY_READS, "actor"),
        Acting(desk, email, roles, DESK_WRITES, DESK_READS, "reviewer"),
    )
