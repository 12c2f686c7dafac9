"""The review desk: statuses stored at once, versions against lost updates, audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from support import postgres_schema, postgres_url, record

from checker.desk import ClaimNotFound, Desk, ReviewConflict
from checker.service import check_and_store

TEXT = "Orvane Motors agreed to buy Celtis Batteries for $1 billion on 2 April 2024."


@pytest.fixture
def saved(fresh_library):
    fresh_library.add([record("A1", "On 2 April 2024 Orvane Motors agreed to buy Celtis Batteries for $1 billion.")])
    desk = Desk(fresh_library.engine)
    article_id, result = check_and_store(
        TEXT, fresh_library, desk, language="en", published=dt.date(2024, 5, 1), reviewer="Ana"
    )
    money = next(c.claim.id for c in result.checks if c.claim.type == "money")
    return desk, article_id, money


def test_article_is_stored_with_its_claims(saved):
    desk, article_id, money = saved
    article = desk.load(article_id)
    assert article.title.startswith("Orvane Motors") and article.claim(money).status == "unreviewed"
    (summary,) = desk.articles()
    assert summary.total == len(article.claims) and summary.reviewed == 0


def test_review_is_stored_with_who_and_when(saved):
    desk, article_id, money = saved
    state = desk.review(article_id, money, reviewer="Ben", status="disputed", note="amount unclear")
    again = desk.load(article_id).claim(money)
    assert (again.status, again.note, again.reviewer, again.version) == ("disputed", "amount unclear", "Ben", 2)
    assert again.reviewed_at == state.reviewed_at


def test_second_editor_on_an_old_version_is_refused(saved):
    desk, article_id, money = saved
    desk.review(article_id, money, reviewer="Ana", status="verified", expected_version=1)
    with pytest.raises(ReviewConflict) as info:
        desk.review(article_id, money, reviewer="Ben", status="disputed", expected_version=1)
    assert info.value.current.status == "verified" and info.value.current.reviewer == "Ana"
    assert desk.load(article_id).claim(money).status == "verified"


def test_a_repeated_save_is_one_change(saved):
    desk, article_id, money = saved
    desk.review(article_id, money, reviewer="Ana", status="verified", expected_version=1)
    desk.review(article_id, money, reviewer="Ana", status="verified", expected_version=1)
    assert desk.load(article_id).claim(money).version == 2
    assert len(desk.audit_trail(article_id, money)) == 1


def test_audit_trail_keeps_before_and_after(saved):
    desk, article_id, money = saved
    desk.review(article_id, money, reviewer="Ana", status="verified")
    desk.review(article_id, money, reviewer="Ben", status="disputed", note="see A1")
    trail = desk.audit_trail(article_id, money)
    assert [(t["actor"], t["before"]["status"], t["after"]["status"]) for t in trail] == [
        ("Ana", "unreviewed", "verified"),
        ("Ben", "verified", "disputed"),
    ]


def test_bad_status_and_unknown_claim(saved):
    desk, article_id, money = saved
    with pytest.raises(ValueError):
        desk.review(article_id, money, reviewer="Ana", status="maybe")
    with pytest.raises(ValueError):
        desk.review(article_id, money, reviewer="  ", status="verified")
    with pytest.raises(ClaimNotFound):
        desk.review(article_id, "c999", reviewer="Ana", status="verified")


def test_evidence_must_be_a_matched_record(saved):
    desk, article_id, money = saved
    assert desk.review(article_id, money, reviewer="Ana", evidence_source="A1").evidence.source_id == "A1"
    with pytest.raises(ValueError):
        desk.review(article_id, money, reviewer="Ana", evidence_source="Z9")


# ---- nothing deleted: dismiss and restore, add, split, merge -----------------------------------


def test_dismissed_claims_stay_listed_and_come_back(saved):
    desk, article_id, money = saved
    desk.review(article_id, money, reviewer="Ana", dismissed=True, note="not a claim", expected_version=1)
    article = desk.load(article_id)
    assert article.claim(money).dismissed and article.claim(money).shown_status == "dismissed"
    assert money not in {c.claim.id for c in article.live}
    assert desk.articles()[0].total == len(article.claims) - 1
    with pytest.raises(ValueError, match="restore it"):
        desk.review(article_id, money, reviewer="Ana", status="verified")
    desk.review(article_id, money, reviewer="Ben", dismissed=False)
    assert [t["action"] for t in desk.audit_trail(article_id, money)] == ["dismiss", "restore"]
    assert not desk.load(article_id).claim(money).dismissed


def test_an_added_claim_is_checked_and_audited(saved, fresh_library):
    desk, article_id, money = saved
    from checker.service import add_missed_claim

    # the extractor lists Celtis Batteries as an organisation; the editor adds the same words as another
    # kind of claim, which is then checked like any other
    added = add_missed_claim(desk, fresh_library, article_id, kind="person", text="Celtis Batteries", reviewer="Ana")
    assert (added.claim.id, added.origin, added.status) == ("e1", "editor", "unreviewed")
    assert added.claim.text == desk.load(article_id).body[added.claim.start : added.claim.end]
    assert added.matches and added.matches[0].source_id == "A1"
    (entry,) = desk.audit_trail(article_id, "e1")
    assert (entry["action"], entry["actor"], entry["after"]["text"]) == ("add", "Ana", "Celtis Batteries")


def test_added_claims_are_refused_clearly(saved, fresh_library):
    desk, article_id, money = saved
    from checker.inputs import InputError
    from checker.service import add_missed_claim

    with pytest.raises(InputError, match="not in the article"):
        add_missed_claim(desk, fresh_library, article_id, kind="person", text="Nobody Here", reviewer="Ana")
    with pytest.raises(InputError, match="no amount of money"):
        add_missed_claim(desk, fresh_library, article_id, kind="money", text="Celtis Batteries", reviewer="Ana")
    with pytest.raises(ValueError, match="already listed"):
        add_missed_claim(desk, fresh_library, article_id, kind="money", text="$1 billion", reviewer="Ana")
    assert all(c.origin == "extracted" for c in desk.load(article_id).claims)


def test_a_given_value_and_offsets(saved, fresh_library):
    desk, article_id, money = saved
    from checker.service import add_missed_claim

    body = desk.load(article_id).body
    start = body.index("2 April 2024")
    added = add_missed_claim(
        desk,
        fresh_library,
        article_id,
        kind="date",
        start=start,
        end=start + len("2 April"),
        value="2024-04-02",
        reviewer="Ana",
    )
    assert added.claim.text == "2 April" and added.claim.display_value == "2024-04-02"


def test_split_and_merge_keep_the_old_claims_as_dismissed(saved, fresh_library):
    desk, article_id, money = saved
    from checker.service import merge_claims, split_claim

    article = desk.load(article_id)
    org = next(c for c in article.claims if c.claim.text == "Celtis Batteries")
    parts = split_claim(
        desk, fresh_library, article_id, org.claim.id, ["Celtis", "Batteries"], reviewer="Ben", expected_version=1
    )
    assert [p.claim.text for p in parts] == ["Celtis", "Batteries"] and all(p.origin == "split" for p in parts)
    merged = merge_claims(
        desk, fresh_library, article_id, [p.claim.id for p in parts], reviewer="Ben", kind="organization"
    )
    assert merged.claim.text == "Celtis Batteries" and merged.origin == "merge"
    after = desk.load(article_id)
    assert after.claim(org.claim.id).dismissed and all(after.claim(p.claim.id).dismissed for p in parts)
    trail = desk.audit_trail(article_id, org.claim.id)
    assert trail[-1]["action"] == "split" and trail[-1]["after"]["replaced_by"] == [p.claim.id for p in parts]
    assert len(after.claims) == len(article.claims) + 3  # nothing was deleted


def test_a_split_against_an_old_version_is_refused_whole(saved, fresh_library):
    desk, article_id, money = saved
    from checker.service import split_claim

    org = next(c.claim.id for c in desk.load(article_id).claims if c.claim.text == "Celtis Batteries")
    desk.review(article_id, org, reviewer="Ana", status="verified")
    with pytest.raises(ReviewConflict):
        split_claim(desk, fresh_library, article_id, org, ["Celtis", "Batteries"], reviewer="Ben", expected_version=1)
    article = desk.load(article_id)
    assert not article.claim(org).dismissed and all(c.origin == "extracted" for c in article.claims)


def test_split_pieces_must_come_from_the_claim(saved, fresh_library):
    desk, article_id, money = saved
    from checker.inputs import InputError
    from checker.service import split_claim

    with pytest.raises(InputError, match="is not a piece"):
        split_claim(desk, fresh_library, article_id, money, ["$1", "million"], reviewer="Ben")
    with pytest.raises(InputError, match="at least two"):
        split_claim(desk, fresh_library, article_id, money, ["$1 billion"], reviewer="Ben")


# ---- articles -------------------------------------------------------------------------------------


def test_rename_and_archive_are_audited(saved):
    desk, article_id, _ = saved
    desk.rename(article_id, "  The   Celtis deal ", reviewer="Ana")
    desk.archive(article_id, reviewer="Ben")
    assert desk.articles() == [] and desk.articles(include_archived=True)[0].title == "The Celtis deal"
    desk.archive(article_id, reviewer="Ben")  # already archived: not a change
    trail = [
        (t["action"], t["actor"], t["before"], t["after"])
        for t in desk.audit_trail(article_id)
        if t["entity"] == "article"
    ]
    assert trail[1:] == [
        ("rename", "Ana", {"title": TEXT}, {"title": "The Celtis deal"}),
        ("archive", "Ben", {"archived": False}, {"archived": True}),
    ]
    with pytest.raises(ValueError):
        desk.rename(article_id, "   ", reviewer="Ana")


def test_concurrent_writes_from_two_desks_lose_nothing(tmp_path):
    """Two editors on two engines over one database file: the first save wins, the second is refused."""
    from sources.db import connect
    from sources.library import Library

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    one, two = Desk(connect(url, fresh=True)), Desk(connect(url, fresh=True))
    assert one.engine is not two.engine
    shared_id, result = check_and_store(TEXT, Library(one.engine), one, language="en", published=dt.date(2024, 5, 1))
    claim = result.checks[0].claim.id
    seen = two.load(shared_id).claim(claim).version
    one.review(shared_id, claim, reviewer="Ana", status="verified", expected_version=seen)
    with pytest.raises(ReviewConflict) as info:
        two.review(shared_id, claim, reviewer="Ben", status="disputed", expected_version=seen)
    assert info.value.current.reviewer == "Ana" and "changed by Ana" in str(info.value)
    assert [t["actor"] for t in two.audit_trail(shared_id, claim)] == ["Ana"]


# ---- the same desk on PostgreSQL (skipped when the local server is not there) ---------------------


@pytest.fixture
def pg_desk():
    from sources.db import connect

    with postgres_schema("factcheck_desk") as (_, name):
        engine = connect(postgres_url(name), fresh=True)
        try:
            yield Desk(engine)
        finally:
            engine.dispose()


@pytest.mark.postgres
def test_the_desk_on_postgresql(pg_desk):
    from checker.service import add_missed_claim, import_report, split_claim
    from sources.library import Library

    library = Library(pg_desk.engine)
    library.add([record("A1", "On 2 April 2024 Orvane Motors agreed to buy Celtis Batteries for $1 billion.")])
    article_id, result = check_and_store(TEXT, library, pg_desk, language="en", published=dt.date(2024, 5, 1))
    money = next(c.claim.id for c in result.checks if c.claim.type == "money")
    pg_desk.review(article_id, money, reviewer="Ana", status="disputed", note="amount", expected_version=1)
    with pytest.raises(ReviewConflict):
        pg_desk.review(article_id, money, reviewer="Ben", status="verified", expected_version=1)
    org = next(c.claim.id for c in result.checks if c.claim.text == "Celtis Batteries")
    split_claim(pg_desk, library, article_id, org, ["Celtis", "Batteries"], reviewer="Ben", expected_version=1)
    add_missed_claim(pg_desk, library, article_id, kind="date", text="2 April", value="2024-04-02", reviewer="Ana")
    assert [c.claim.id for c in pg_desk.load(article_id).claims if c.origin != "extracted"] == ["e1", "e2", "e3"]
    state = pg_desk.export_state(article_id)
    copy = import_report(state, pg_desk, reviewer="Zoe")
    again = pg_desk.export_state(copy)
    assert again["claims"] == state["claims"] and again["article"]["body"] == TEXT
    assert [t["action"] for t in pg_desk.audit_trail(copy)][-1] == "import"
