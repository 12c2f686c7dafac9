"""Roles of a shared deployment (checker/access.py): the table and its audit, the desk and the library
as one signed-in person, and the `users` commands; on SQLite, and the table on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import getpass
import inspect
import json

import pytest
from sqlalchemy import func, select
from support import postgres_schema, postgres_url, record, run_cli

from checker.access import (
    DESK_READS,
    DESK_WRITES,
    LIBRARY_READS,
    LIBRARY_WRITES,
    NEEDS,
    ROLES,
    AccessDenied,
    Roles,
    acting_as,
    allowed,
    normalise_email,
)
from checker.cli import main
from checker.desk import Desk
from checker.service import check_and_store, import_report
from sources.db import audit, connect
from sources.library import Library

ARTICLE = "Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d'euros pour les écoles."


@pytest.fixture
def engine():
    return connect("sqlite://")


@pytest.fixture
def world(engine):
    """A library with one record, an article under review, and three people with a role each."""
    library, desk, roles = Library(engine), Desk(engine), Roles(engine)
    library.add(
        [record("R1", "The schools budget was 4 billion euros on 3 May 2024, said Claire Martin.")], actor="setup"
    )
    article_id, result = check_and_store(
        ARTICLE, library, desk, title="Budget", published=dt.date(2024, 5, 29), reviewer="setup"
    )
    claim_id = next(c.claim.id for c in result.checks if c.claim.type == "money")
    for email, role in (
        ("viewer@newsroom.test", "viewer"),
        ("editor@newsroom.test", "editor"),
        ("admin@newsroom.test", "admin"),
    ):
        roles.add(email, role, by="operator")
    return library, desk, roles, article_id, claim_id


def audit_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(audit)).scalar()


# ---- what each role may do -------------------------------------------------------------------------


def test_each_role_may_what_the_ones_before_it_may():
    assert [r for r in ROLES if allowed(r, "read")] == ["viewer", "editor", "admin"]
    assert [r for r in ROLES if allowed(r, "download")] == ["viewer", "editor", "admin"]
    for action in ("review", "check", "edit_article", "add_records"):
        assert [r for r in ROLES if allowed(r, action)] == ["editor", "admin"], action
    for action in ("delete_records", "import_reports", "manage_roles"):
        assert [r for r in ROLES if allowed(r, action)] == ["admin"], action
    assert not any(allowed(None, a) for a in NEEDS) and not allowed("owner", "read")
    with pytest.raises(KeyError):
        allowed("admin", "launch")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  Claire.Martin@Newsroom.Example ", "claire.martin@newsroom.example"),
        ("a@b", "a@b"),
    ],
)
def test_addresses_are_compared_in_lower_case(text, expected):
    assert normalise_email(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "claire", "a@b@c", "claire martin@x.org", "a\x07@b", "x@" + "y" * 260])
def test_what_is_not_an_address_is_refused(text):
    with pytest.raises(ValueError):
        normalise_email(text)


# ---- the table and its audit -----------------------------------------------------------------------


def test_roles_are_added_changed_and_removed_each_audited(engine):
    roles = Roles(engine)
    assert roles.role_of("ana@newsroom.test") is None and roles.list() == []
    roles.add("Ana@Newsroom.test", "editor", by="root (command line)")
    assert roles.role_of("ana@newsroom.test") == roles.role_of("ANA@newsroom.test") == "editor"
    roles.set("ana@newsroom.test", "admin", by="Claire")
    roles.set("ana@newsroom.test", "admin", by="Claire")  # no change: nothing audited
    (grant,) = roles.list()
    assert (grant.email, grant.role, grant.granted_by) == ("ana@newsroom.test", "admin", "Claire")
    assert roles.remove("ana@newsroom.test", by="root (command line)").role == "admin"
    assert roles.role_of("ana@newsroom.test") is None and roles.list() == []
    trail = roles.history("ana@newsroom.test")
    assert [(r["actor"], r["action"], r["before"], r["after"]) for r in trail] == [
        ("root (command line)", "role_add", None, {"role": "editor"}),
        ("Claire", "role_set", {"role": "editor"}, {"role": "admin"}),
        ("root (command line)", "role_remove", {"role": "admin"}, None),
    ]
    assert all(isinstance(r["at"], dt.datetime) and r["entity"] == "user" for r in trail)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r.add("ana@newsroom.test", "viewer", by="op"), "already has the role editor"),
        (lambda r: r.set("ben@newsroom.test", "viewer", by="op"), "has no role"),
        (lambda r: r.remove("ben@newsroom.test", by="op"), "has no role"),
        (lambda r: r.set("ana@newsroom.test", "owner", by="op"), "unknown role 'owner'"),
        (lambda r: r.add("not an address", "viewer", by="op"), "is not an email address"),
        (lambda r: r.set("ana@newsroom.test", "admin", by="  "), "who makes the change"),
    ],
)
def test_a_refused_change_says_why_and_writes_nothing(engine, change, message):
    roles = Roles(engine)
    roles.add("ana@newsroom.test", "editor", by="op")
    before = audit_count(engine)
    with pytest.raises(ValueError, match=message):
        change(roles)
    assert roles.role_of("ana@newsroom.test") == "editor" and audit_count(engine) == before


def test_an_admin_grants_roles_in_the_app_but_not_their_own(world):
    _, _, roles, _, _ = world
    roles.grant("New@Newsroom.test", "viewer", by="Admin@newsroom.test")
    roles.grant("new@newsroom.test", "editor", by="admin@newsroom.test")
    assert roles.role_of("new@newsroom.test") == "editor"
    assert roles.history("new@newsroom.test")[-1]["actor"] == "admin@newsroom.test"
    roles.grant("new@newsroom.test", None, by="admin@newsroom.test")
    assert roles.role_of("new@newsroom.test") is None
    with pytest.raises(ValueError, match="your own role"):
        roles.grant("admin@newsroom.test", "viewer", by="admin@newsroom.test")
    for someone in ("editor@newsroom.test", "viewer@newsroom.test", "stranger@newsroom.test"):
        with pytest.raises(AccessDenied, match="may not manage roles"):
            roles.grant("new@newsroom.test", "admin", by=someone)
    assert roles.role_of("new@newsroom.test") is None and roles.role_of("admin@newsroom.test") == "admin"


# ---- the desk and the library as one signed-in person ----------------------------------------------


def test_a_viewer_reads_and_cannot_change_anything(world, engine):
    library, desk, roles, article_id, claim_id = world
    lib, dsk = acting_as("viewer@newsroom.test", roles, library, desk)
    assert dsk.load(article_id).claim(claim_id).status == "unreviewed" and lib.count() == 1
    assert lib.search("budget") and dsk.articles() and dsk.audit_trail(article_id)
    before = audit_count(engine)
    attempts = [
        lambda: dsk.review(article_id, claim_id, reviewer="viewer@newsroom.test", status="verified"),
        lambda: dsk.rename(article_id, "Other", reviewer="x"),
        lambda: lib.add([record("R2", "Another budget of 5 billion euros.")], actor="x"),
        lambda: lib.delete("R1", actor="x"),
        lambda: check_and_store(ARTICLE, lib, dsk, title="Again", reviewer="x"),
    ]
    for attempt in attempts:
        with pytest.raises(AccessDenied, match=r"viewer@newsroom.test \(viewer\) may not"):
            attempt()
    assert dsk.load(article_id).claim(claim_id).version == 1 and lib.count() == 1 and len(dsk.articles()) == 1
    assert audit_count(engine) == before


def test_an_editor_reviews_under_the_signed_in_address_whatever_name_is_passed(world):
    library, desk, roles, article_id, claim_id = world
    lib, dsk = acting_as("Editor@Newsroom.test", roles, library, desk)
    state = dsk.review(article_id, claim_id, reviewer="Somebody Else", status="disputed", note="no such budget")
    assert state.reviewer == "editor@newsroom.test" and state.version == 2
    trail = desk.audit_trail(article_id, claim_id)
    assert trail[-1]["actor"] == "editor@newsroom.test" and trail[-1]["after"]["status"] == "disputed"
    lib.add([record("R2", "Another budget of 5 billion euros.")], actor="typed name")
    with library.engine.connect() as conn:
        assert (
            conn.execute(select(audit.c.actor).where(audit.c.entity == "library").order_by(audit.c.id.desc())).first()[
                0
            ]
            == "editor@newsroom.test"
        )
    with pytest.raises(AccessDenied, match="delete or restore library records: that needs the admin role"):
        lib.delete("R1", actor="editor@newsroom.test")
    report = json.dumps(desk.export_state(article_id))
    with pytest.raises(AccessDenied, match="import reports"):
        import_report(report, dsk, reviewer="editor@newsroom.test")
    assert library.get("R1").id == "R1"


def test_an_admin_deletes_restores_and_imports(world):
    library, desk, roles, article_id, _ = world
    lib, dsk = acting_as("admin@newsroom.test", roles, library, desk)
    lib.delete("R1", actor="x")
    assert library.deleted()[0].deleted_by == "admin@newsroom.test"
    lib.restore("R1", actor="x")
    new_id = import_report(json.dumps(desk.export_state(article_id)), dsk, reviewer="x")
    assert {r["actor"] for r in desk.audit_trail(new_id) if r["action"] == "import"} == {"admin@newsroom.test"}


def test_a_role_taken_away_applies_to_the_next_write(world):
    library, desk, roles, article_id, claim_id = world
    _, dsk = acting_as("editor@newsroom.test", roles, library, desk)
    dsk.review(article_id, claim_id, reviewer="x", status="verified")
    roles.set("editor@newsroom.test", "viewer", by="operator")
    with pytest.raises(AccessDenied, match=r"\(viewer\)"):
        dsk.review(article_id, claim_id, reviewer="x", status="disputed")
    roles.remove("editor@newsroom.test", by="operator")
    with pytest.raises(AccessDenied, match=r"\(no role\)"):
        dsk.review(article_id, claim_id, reviewer="x", status="disputed")
    assert desk.load(article_id).claim(claim_id).status == "verified"


def _public(cls) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls) if not name.startswith("_")} | {"engine"}


@pytest.mark.parametrize(
    "cls, reads, writes", [(Desk, DESK_READS, DESK_WRITES), (Library, LIBRARY_READS, LIBRARY_WRITES)]
)
def test_every_public_method_is_classified_and_nothing_else_passes(world, cls, reads, writes):
    """A method added to Desk or Library must be declared a read or a write (with its action) in
    checker/access.py; until then a signed-in person cannot reach it at all."""
    assert _public(cls) - {"open"} == set(reads) | set(writes)
    assert not set(reads) & set(writes) and set(writes.values()) <= set(NEEDS)
    library, desk, roles, _, _ = world
    lib, dsk = acting_as("admin@newsroom.test", roles, library, desk)
    for proxy in (lib, dsk):
        for name in ("open", "_delete", "_state", "anything"):
            with pytest.raises(AttributeError, match="not open to signed-in people"):
                getattr(proxy, name)


# ---- the command line ------------------------------------------------------------------------------


def test_users_commands_add_list_set_remove_and_history(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out, _ = run_cli(capsys, "users", "list", "--db", db)
    assert code == 0 and "nobody has a role yet" in out and "users add EMAIL --role admin" in out
    assert run_cli(capsys, "users", "add", "Chief@Newsroom.test", "--role", "admin", "--db", db)[:2] == (
        0,
        "chief@newsroom.test is now admin\n",
    )
    assert (
        run_cli(capsys, "users", "add", "ana@newsroom.test", "--role", "viewer", "--by", "Claire", "--db", db)[0] == 0
    )
    assert run_cli(capsys, "users", "set", "ana@newsroom.test", "--role", "editor", "--db", db)[0] == 0
    code, out, _ = run_cli(capsys, "users", "list", "--format", "json", "--db", db)
    listed = {u["email"]: u for u in json.loads(out)}
    assert code == 0 and {e: u["role"] for e, u in listed.items()} == {
        "ana@newsroom.test": "editor",
        "chief@newsroom.test": "admin",
    }
    me = f"{getpass.getuser()} (command line)"
    assert listed["chief@newsroom.test"]["granted_by"] == me
    code, out, _ = run_cli(capsys, "users", "list", "--db", db)
    assert code == 0 and "ana@newsroom.test" in out and "editor" in out
    code, out, _ = run_cli(capsys, "users", "remove", "ana@newsroom.test", "--db", db)
    assert code == 0 and "no longer has a role (was editor)" in out
    code, out, _ = run_cli(capsys, "users", "history", "ana@newsroom.test", "--format", "json", "--db", db)
    assert [(h["by"], h["action"], h["before"], h["after"]) for h in json.loads(out)] == [
        ("Claire", "add", "-", "viewer"),
        (me, "set", "viewer", "editor"),
        (me, "remove", "editor", "-"),
    ]
    code, out, _ = run_cli(capsys, "users", "history", "--db", db)
    assert code == 0 and out.count("(command line)") == 3 and "viewer -> editor" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["users", "add", "chief@newsroom.test", "--role", "viewer"],
            "chief@newsroom.test already has the role admin; `users set` changes it",
        ),
        (
            ["users", "set", "nobody@newsroom.test", "--role", "viewer"],
            "nobody@newsroom.test has no role; `users add` gives one",
        ),
        (["users", "remove", "nobody@newsroom.test"], "nobody@newsroom.test has no role"),
        (["users", "add", "chief", "--role", "viewer"], "'chief' is not an email address"),
    ],
)
def test_users_commands_refuse_with_one_line(capsys, tmp_path, argv, message):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    run_cli(capsys, "users", "add", "chief@newsroom.test", "--role", "admin", "--db", db)
    code, out, err = run_cli(capsys, *argv, "--db", db)
    assert code == 1 and out == "" and err == f"error: {message}\n"
    assert Roles.open(db).role_of("chief@newsroom.test") == "admin"


def test_users_command_needs_a_known_role(capsys, tmp_path):
    with pytest.raises(SystemExit):
        main(["users", "add", "a@b.test", "--role", "owner", "--db", f"sqlite:///{tmp_path / 'w.db'}"])
    assert "invalid choice: 'owner'" in capsys.readouterr().err


# ---- PostgreSQL ------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_roles_on_postgresql():
    with postgres_schema("factcheck_roles") as (_, name):
        engine = connect(postgres_url(name), fresh=True)
        roles = Roles(engine)
        roles.add("Ana@Newsroom.test", "viewer", by="op")
        roles.set("ana@newsroom.test", "editor", by="op")
        with pytest.raises(ValueError, match="already has the role editor"):
            roles.add("ana@newsroom.test", "admin", by="op")
        assert roles.role_of("ANA@newsroom.test") == "editor"
        assert [h["action"] for h in roles.history()] == ["role_add", "role_set"]
        engine.dispose()
