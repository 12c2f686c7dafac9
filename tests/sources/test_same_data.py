"""PostgreSQL and SQLite accept the same data: what one refuses (a NUL character in text, text longer
than its column) is cleaned or refused in words before it reaches either, never a database error."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from support import postgres_schema, postgres_url, record

from checker.desk import Desk
from checker.inputs import InputError
from checker.service import check_and_store, import_report
from sources.db import connect
from sources.importers import parse_file
from sources.library import Library

TEXT = "Orvane Motors agreed to buy Celtis Batteries for $1 billion on 2 April 2024."


@pytest.fixture(scope="module")
def module_schema():
    """A schema of its own on the local server for the module's tests (each empties it first),
    dropped afterwards: creating the workbench's tables is most of what a test here would cost."""
    with postgres_schema("factcheck_same") as (admin, name):
        yield admin, name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        engine = connect(f"sqlite:///{tmp_path / 'same.db'}", fresh=True)
        yield engine
        engine.dispose()
        return
    admin, name = request.getfixturevalue("module_schema")
    engine = connect(postgres_url(name), fresh=True)
    # each test starts from empty tables, numbered from 1 again (the schema's version row is kept)
    tables = [
        f'"{name}"."{t}"'
        for (t,) in admin.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename <> 'schema_info'", (name,)
        )
    ]
    with engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def article(engine):
    desk = Desk(engine)
    article_id, result = check_and_store(
        TEXT, Library(engine), desk, language="en", published=dt.date(2024, 5, 1), reviewer="Ana"
    )
    return desk, article_id, result.checks[0].claim.id


def test_nul_characters_in_records_are_removed(engine):
    library = Library(engine)
    parsed = parse_file(
        "lib.json",
        b'[{"id": "N\\u00001", "title": "Vo\\u0000te", "excerpt": "The council\\u0000 voted.",'
        b' "desk": "lo\\u0000cal"}]',
    )
    assert parsed.ok and parsed.records[0].title == "Vote"
    assert library.add(parsed.records, actor="Ana\x00").added == 1
    assert library.add([record("N2", "A budget\x00 of $3 million.", title="Bud\x00get")]).added == 1
    assert (library.get("N1").excerpt, library.get("N1").tags) == ("The council voted.", (("desk", "local"),))
    assert (library.get("N2").title, library.get("N2").excerpt) == ("Budget", "A budget of $3 million.")
    edited = library.update("N2", actor="Ben", title="New\x00 title", excerpt="A budget of $4\x00 million.")
    assert (edited.title, library.get("N2").excerpt) == ("New title", "A budget of $4 million.")
    library.delete("N2", actor="Ben\x00")
    library.restore("N2", actor="Ben\x00")
    assert [t["actor"] for t in library.audit_trail("N2")][-2:] == ["Ben", "Ben"]


def test_nul_characters_typed_on_the_desk_are_removed(article):
    desk, article_id, claim = article
    state = desk.review(article_id, claim, reviewer="A\x00na", status="disputed", note="wrong\x00 amount")
    assert (state.reviewer, state.note) == ("Ana", "wrong amount")
    desk.rename(article_id, "A\x00 title", reviewer="Ben\x00")
    loaded = desk.load(article_id)
    assert loaded.title == "A title" and loaded.claim(claim).note == "wrong amount"
    assert desk.audit_trail(article_id)[-1]["actor"] == "Ben"


def test_an_article_text_with_nul_is_cleaned_before_its_claims_are_found(engine):
    desk = Desk(engine)
    article_id, result = check_and_store(
        TEXT.replace("Motors", "Mo\x00tors"),
        Library(engine),
        desk,
        language="en",
        published=dt.date(2024, 5, 1),
        title="T\x00",
        reviewer="Ana",
    )
    article = desk.load(article_id)
    assert article.body == TEXT and article.title == "T"
    assert all(article.body[c.claim.start : c.claim.end] == c.claim.text for c in article.claims)
    with pytest.raises(ValueError, match="the article text holds NUL characters"):
        desk.save(result, TEXT + "\x00", reviewer="Ana")  # offsets found in another text: refused


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda s: s["claims"][0]["claim"].update(id="c" * 33), "claim 'c{33}': its id is longer than 32 characters"),
        (lambda s: s["claims"][0]["claim"].update(id="x" * 5000), "its id is longer than 32 characters"),
        (lambda s: s["claims"][0]["claim"].update(id="c1\x00"), "its id holds a NUL character"),
        (lambda s: s["article"].update(title="Budget\x00"), "the article's title holds a NUL character"),
        (lambda s: s["article"].update(language="x" * 17), "the article's language is longer than 16 characters"),
        (lambda s: s["claims"][0]["review"].update(note="a\x00b"), "note holds a NUL character"),
        (lambda s: s["audit"][0].update(action="r" * 40), "audit entry 1: action is longer than 32 characters"),
    ],
)
def test_a_report_either_database_would_refuse_is_refused_in_words(article, change, message):
    desk, article_id, claim = article
    desk.review(article_id, claim, reviewer="Ana", status="verified")
    state = desk.export_state(article_id)
    bad = copy.deepcopy(state)
    change(bad)
    before = len(desk.articles())
    with pytest.raises(InputError, match=f"^not a report this workbench can import: .*{message}"):
        import_report(bad, desk, reviewer="Zoe")
    assert len(desk.articles()) == before


def test_a_claim_id_of_32_characters_is_stored_on_both(article):
    desk, article_id, claim = article
    state = copy.deepcopy(desk.export_state(article_id))
    state["claims"][0]["claim"]["id"] = "c" * 32
    copy_id = import_report(state, desk, reviewer="Zoe")
    assert desk.load(copy_id).claims[0].claim.id == "c" * 32
