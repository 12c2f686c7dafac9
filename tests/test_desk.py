"""The review desk: statuses stored at once, versions against lost updates, audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.desk import ClaimNotFound, Desk, ReviewConflict
from checker.service import check_and_store
from conftest import record

TEXT = "Orvane Motors agreed to buy Celtis Batteries for $1 billion on 2 April 2024."


@pytest.fixture
def saved(fresh_library):
    fresh_library.add([record("A1", "On 2 April 2024 Orvane Motors agreed to buy Celtis Batteries for $1 billion.")])
    desk = Desk(fresh_library.engine)
    article_id, result = check_and_store(TEXT, fresh_library, desk, language="en", published=dt.date(2024, 5, 1), reviewer="Ana")
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
        ("Ana", "unreviewed", "verified"), ("Ben", "verified", "disputed")]


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
