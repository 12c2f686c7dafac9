"""The newsroom remembers: claims the desk verified or disputed come back with their verdict."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select
from support import record

from checker.desk import Desk, ReviewConflict, memory, memory_index
from checker.desk.archive import archive_claim_reviews, archive_csv, search
from checker.desk.tables import reviewed_claim_terms, reviewed_claims
from checker.messages import messages
from checker.model import Cite, ReasonPart, match_from_json
from checker.service import add_missed_claim, check_and_store, check_text, promote_claim
from checker.verdict import render_reason

EN, FR = dict(messages("en")), dict(messages("fr"))

FIRST = "Amazon has invested $4 billion in Anthropic, the start-up said."
SECOND = "Orvane Motors said it would pay $9 billion for Celtis Batteries."
THIRD = 'Jan Leike, who led the team, said: "Innovation and responsibility are inseparable."'
FOURTH = (
    "Amazon a investi 4 milliards de dollars dans Anthropic, selon la start-up.\n\n"
    "Orvane Motors a annoncé payer 9 milliards de dollars pour Celtis Batteries.\n\n"
    "Jan Leike, qui dirigeait l'équipe, a déclaré : « L’innovation et la responsabilité sont inséparables. »"
)


def _of(result, kind: str, text: str | None = None):
    return next(c for c in result.checks if c.claim.type == kind and (text is None or text in c.claim.text))


@pytest.fixture
def newsroom(fresh_library):
    """Three English articles checked, stored and reviewed through the core."""
    lib = fresh_library
    lib.add(
        [
            record(
                "S06",
                "Amazon completed its $4 billion investment in Anthropic on 27 March 2024.",
                published="2024-03-28",
            ),
            record(
                "S07",
                "Orvane Motors will buy Celtis Batteries for $900 million, the companies said.",
                published="2024-04-02",
            ),
        ]
    )
    desk = Desk(lib.engine)
    ids = {}
    for name, text, day in (
        ("first", FIRST, "2024-05-28"),
        ("second", SECOND, "2024-06-10"),
        ("third", THIRD, "2024-06-20"),
    ):
        article_id, result = check_and_store(
            text, lib, desk, language="en", published=dt.date.fromisoformat(day), reviewer="Claire Martin"
        )
        ids[name] = (article_id, result)
    a1, r1 = ids["first"]
    a2, r2 = ids["second"]
    a3, r3 = ids["third"]
    money1, money2, quote3 = _of(r1, "money").claim.id, _of(r2, "money").claim.id, _of(r3, "quote").claim.id
    desk.review(
        a1,
        money1,
        reviewer="Claire Martin",
        status="verified",
        note="confirmed by Amazon's filing",
        evidence_source="S06",
    )
    desk.review(a2, money2, reviewer="Paul Roy", status="disputed", note="the deal was $900 million")
    desk.review(a3, quote3, reviewer="Claire Martin", status="verified", note="from his post")
    return lib, desk, {"money1": (a1, money1), "money2": (a2, money2), "quote3": (a3, quote3)}


def test_a_fourth_article_in_french_gets_the_earlier_verdicts_first(newsroom):
    lib, desk, past = newsroom
    article_id, result = check_and_store(
        FOURTH, lib, desk, language="fr", published=dt.date(2024, 7, 1), reviewer="Léa Dubois"
    )
    today = dt.date.today().isoformat()

    verified = _of(result, "money", "4 milliards")
    first = verified.matches[0]
    assert first.kind == "verdict" and first.verdict.status == "verified" and first.agreement == "agrees"
    assert (first.verdict.article_id, first.verdict.claim_id) == past["money1"]
    assert first.verdict.reviewer == "Claire Martin" and first.verdict.evidence_source == "S06"
    assert verified.suggestion == "supported"
    assert verified.reason.startswith(
        f"the desk verified this on {today} (Claire Martin, «{FIRST}»), citing S06: “confirmed by Amazon's filing”"
    )
    assert "amount agrees with S06" in verified.reason  # the records' own reason follows
    assert any(m.kind == "record" and m.source_id == "S06" for m in verified.matches)

    disputed = _of(result, "money", "9 milliards")
    first = disputed.matches[0]
    assert first.kind == "verdict" and first.verdict.status == "disputed" and first.agreement == "agrees"
    assert (first.verdict.article_id, first.verdict.claim_id) == past["money2"]
    assert memory.warns(first)
    assert disputed.suggestion == "contradicted"  # S07 gives $900 million: never "supported" past a dispute
    assert disputed.reason.startswith(f"warning: the desk disputed this on {today} (Paul Roy, «{SECOND}»)")
    assert "“the deal was $900 million”" in disputed.reason

    quote = _of(result, "quote")
    first = quote.matches[0]
    assert first.kind == "verdict" and first.verdict.status == "verified" and first.quote_class == "translation"
    assert (first.verdict.article_id, first.verdict.claim_id) == past["quote3"]
    assert quote.suggestion == "supported"
    assert quote.reason.startswith(f"the desk verified this on {today} (Claire Martin, «")
    assert "«{title}»" not in quote.reason and "“from his post”" in quote.reason

    # the same reason in French
    state = desk.load(article_id).claim(verified.claim.id)
    assert state.reason_in(FR).startswith(
        f"la rédaction l’a vérifié le {dt.date.today():%d/%m/%Y} (Claire Martin, «\u202f"
    )

    # one click reuses the earlier verdict: status, note, source; the audit trail says from where
    reused = desk.reuse(
        article_id, verified.claim.id, verified.matches[0].source_id, reviewer="Léa Dubois", expected_version=1
    )
    assert (reused.status, reused.note, reused.evidence_source) == ("verified", "confirmed by Amazon's filing", "S06")
    entry = desk.audit_trail(article_id, verified.claim.id)[-1]
    assert entry["action"] == "reuse" and entry["actor"] == "Léa Dubois"
    assert entry["after"]["reused_from"]["article_id"] == past["money1"][0]
    assert entry["after"]["reused_from"]["claim_id"] == past["money1"][1]
    assert entry["after"]["reused_from"]["reviewer"] == "Claire Martin"
    with pytest.raises(ReviewConflict):  # a stale version is refused like any other change
        desk.reuse(
            article_id, disputed.claim.id, disputed.matches[0].source_id, reviewer="Léa Dubois", expected_version=7
        )
    reused = desk.reuse(article_id, quote.claim.id, quote.matches[0].source_id, reviewer="Léa Dubois")
    assert (
        reused.evidence_source == quote.matches[0].source_id
    )  # its review cited no record: the verdict is the evidence


def test_a_verified_amount_that_conflicts_warns_and_an_unrelated_one_stays_silent(newsroom):
    lib, _desk, past = newsroom
    result = check_text(
        "Amazon has invested $8 billion in Anthropic, the start-up said.",
        lib,
        language="en",
        published=dt.date(2024, 7, 2),
    )
    money = _of(result, "money")
    first = money.matches[0]
    assert first.kind == "verdict" and first.agreement == "conflicts" and memory.warns(first)
    assert money.suggestion == "needs_review" or money.suggestion == "contradicted"
    assert money.reason.startswith("warning: the desk verified $4 billion instead on ")
    other = check_text(
        "Celtis Energy raised $4 billion from Norvik Capital.", lib, language="en", published=dt.date(2024, 7, 2)
    )
    assert all(m.kind == "record" for c in other.checks for m in c.matches)


def test_only_verified_and_disputed_claims_are_remembered_and_the_index_follows_the_desk(newsroom):
    lib, desk, past = newsroom
    a1, money1 = past["money1"]
    with lib.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(reviewed_claims)) == 3
    desk.review(a1, money1, reviewer="Paul Roy", status="unreviewed")
    result = check_text(FOURTH, lib, language="fr", published=dt.date(2024, 7, 1))
    assert all(m.kind == "record" for m in _of(result, "money", "4 milliards").matches)
    desk.review(a1, money1, reviewer="Paul Roy", status="needs_more")
    assert all(
        m.kind == "record"
        for m in _of(
            check_text(FOURTH, lib, language="fr", published=dt.date(2024, 7, 1)), "money", "4 milliards"
        ).matches
    )
    desk.review(a1, money1, reviewer="Paul Roy", status="verified")
    desk.review(a1, money1, reviewer="Paul Roy", dismissed=True)
    with lib.engine.connect() as conn:
        statuses = set(conn.scalars(select(reviewed_claims.c.status)))
        terms = conn.scalar(select(func.count()).select_from(reviewed_claim_terms))
    assert statuses == {"disputed", "verified"}  # the dismissed claim left, the other two stay
    assert terms > 0
    # a database whose index fell behind is rebuilt to the same rows
    with lib.engine.begin() as conn:
        conn.execute(reviewed_claim_terms.delete())
        conn.execute(reviewed_claims.delete())
    memory_index._CHECKED.pop(lib.engine, None)
    memory_index.ensure(lib.engine)
    with lib.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(reviewed_claims)) == 2
        assert conn.scalar(select(func.count()).select_from(reviewed_claim_terms)) == terms


def test_a_reversed_verdict_and_a_deleted_source_say_so(newsroom):
    lib, desk, past = newsroom
    article_id, result = check_and_store(
        FOURTH, lib, desk, language="fr", published=dt.date(2024, 7, 1), reviewer="Léa Dubois"
    )
    claim_id = _of(result, "money", "4 milliards").claim.id
    a1, money1 = past["money1"]
    lib.delete("S06", actor="Paul Roy")
    desk.review(a1, money1, reviewer="Paul Roy", status="disputed", note="the filing says $2.75 billion")
    stored = desk.load(article_id).claim(claim_id)
    (verdict,) = [m for m in memory.refresh(lib.engine, stored.matches) if m.kind == "verdict"]
    assert verdict.verdict.reversed and verdict.verdict.now == "disputed" and verdict.verdict.source_deleted
    assert memory.warns(verdict)
    with pytest.raises(ValueError, match="now disputed"):
        desk.reuse(article_id, claim_id, verdict.source_id, reviewer="Léa Dubois")
    # checked again now: the earlier claim is a dispute, its source deleted, and the reason says both
    again = _of(check_text(FOURTH, lib, language="fr", published=dt.date(2024, 7, 1)), "money", "4 milliards")
    assert again.matches[0].verdict.status == "disputed" and again.suggestion == "needs_review"
    assert "(S06 has since been deleted from the library)" in again.reason


def test_a_verified_claim_with_a_deleted_source_supports_nothing_by_itself(newsroom):
    lib, _desk, _past = newsroom
    lib.delete("S06", actor="Paul Roy")
    money = _of(check_text(FOURTH, lib, language="fr", published=dt.date(2024, 7, 1)), "money", "4 milliards")
    assert money.matches[0].verdict.source_deleted
    assert money.suggestion == "needs_review"
    assert "citing S06 (S06 has since been deleted from the library)" in money.reason


def test_the_json_contract_of_verdict_matches(newsroom):
    lib, _desk, past = newsroom
    result = check_text(FOURTH, lib, language="fr", published=dt.date(2024, 7, 1))
    data = json.loads(json.dumps(result.to_json()))
    money = next(c for c in data["claims"] if c["type"] == "money" and "4 milliards" in c["text"])
    verdict, *rest = money["matches"]
    assert verdict["kind"] == "verdict" and "source_id" not in verdict
    for key in (
        "article_id",
        "claim_id",
        "status",
        "reviewer",
        "reviewed_at",
        "note",
        "evidence_source",
        "agreement",
        "title",
    ):
        assert key in verdict, key
    assert (verdict["article_id"], verdict["claim_id"]) == past["money1"]
    assert (verdict["status"], verdict["evidence_source"], verdict["note"]) == (
        "verified",
        "S06",
        "confirmed by Amazon's filing",
    )
    assert verdict["title"] == FIRST
    assert all(m["kind"] == "record" and m["source_id"] for m in rest)
    back = match_from_json(verdict)
    assert back.verdict.claim_id == past["money1"][1] and back.source_id == f"A{past['money1'][0]}/{past['money1'][1]}"
    assert back.to_json() == verdict


def test_the_archive_lists_filters_and_exports(newsroom):
    lib, desk, past = newsroom
    every = search(lib.engine)
    assert {(i.article_id, i.claim.id) for i in every} == set(past.values())
    assert [i.claim.id for i in search(lib.engine, "anthropic")] == [past["money1"][1]]
    assert {i.status for i in search(lib.engine, statuses=["disputed"])} == {"disputed"}
    assert [i.type for i in [x.claim for x in search(lib.engine, types=["quote"])]] == ["quote"]
    assert [i.claim.id for i in search(lib.engine, amount_min=5e9, amount_max=1e10)] == [past["money2"][1]]
    assert [i.claim.id for i in search(lib.engine, speaker="Leike")] == [past["quote3"][1]]
    assert {i.reviewer for i in search(lib.engine, reviewer="Paul Roy")} == {"Paul Roy"}
    today = dt.date.today()
    assert len(search(lib.engine, reviewed_from=today, reviewed_to=today)) == 3
    assert search(lib.engine, reviewed_to=today - dt.timedelta(days=1)) == []
    text = archive_csv(every).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("article_id,claim_id,type,text,value")
    assert len(text.splitlines()) == 4 and "the deal was $900 million" in text
    reviews = archive_claim_reviews(every, labels=FR)
    assert sorted(r["reviewRating"]["ratingValue"] for r in reviews) == [1, 5, 5]
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {"vérifiée", "contestée"} or len(reviews) == 3


def test_a_verified_claim_is_promoted_to_the_library(newsroom):
    lib, desk, past = newsroom
    a1, money1 = past["money1"]
    rec = promote_claim(desk, lib, a1, money1, reviewer="Claire Martin")
    assert rec.id == f"desk-{a1}-{money1}" and rec.excerpt == FIRST and rec.publisher == "Newsroom"
    assert ("evidence", "S06") in rec.tags and ("desk_article", str(a1)) in rec.tags
    assert desk.audit_trail(a1, money1)[-1]["action"] == "promote"
    with pytest.raises(ValueError, match="already in the library"):
        promote_claim(desk, lib, a1, money1, reviewer="Claire Martin")
    a2, money2 = past["money2"]
    with pytest.raises(ValueError, match="only a verified claim"):
        promote_claim(desk, lib, a2, money2, reviewer="Claire Martin")
    # the record is found like any other by the next check
    result = check_text("Amazon has put $4 billion into Anthropic.", lib, language="en", published=dt.date(2024, 8, 1))
    assert rec.id in {m.source_id for m in _of(result, "money").matches}


def test_every_desk_reason_template_in_english_and_french():
    who = {"date": Cite(published=dt.date(2024, 5, 30)), "reviewer": "Claire Martin", "title": "L'ancien cadre"}
    parts = (
        ReasonPart.of("desk.verified", **who),
        ReasonPart.of("desk.citing", id="S06"),
        ReasonPart.of("desk.deleted", id="S06"),
        ReasonPart.of("desk.note", note="ok"),
        ReasonPart.of("desk.then"),
        ReasonPart.of("nothing"),
    )
    assert render_reason(parts) == (
        "the desk verified this on 2024-05-30 (Claire Martin, «L'ancien cadre»), citing S06"
        " (S06 has since been deleted from the library): “ok”; no record in the library speaks of this"
    )
    assert render_reason(parts, FR).startswith(
        "la rédaction l’a vérifié le 30/05/2024 (Claire Martin, «\u202fL'ancien cadre\u202f»), en citant S06"
    )
    warn = (
        ReasonPart.of("desk.disputed_same", **who),
        ReasonPart.of("desk.verified_other", value="$4 billion", **who),
        ReasonPart.of("desk.disputed_other", value="$9 billion", **who),
    )
    assert render_reason(warn).startswith("warning: the desk disputed this on 2024-05-30")
    assert "attention\u202f: la rédaction a vérifié $4 billion à la place le 30/05/2024" in render_reason(warn, FR)
    assert render_reason(warn).endswith("the desk disputed $9 billion on 2024-05-30 (Claire Martin, «L'ancien cadre»)")
    assert {k for k in messages("en") if k.startswith("reason.desk.")} == {
        "reason.desk." + p.key.split(".", 1)[1] for p in parts + warn if p.key.startswith("desk.")
    }


def test_a_claim_added_on_the_desk_is_not_confirmed_by_its_own_article(newsroom):
    lib, desk, past = newsroom
    a1, money1 = past["money1"]
    added = add_missed_claim(desk, lib, a1, kind="money", text="4 billion", reviewer="Paul Roy", value="4000000000 USD")
    assert all(m.kind == "record" for m in added.matches)
    _, result = check_and_store(FIRST, lib, desk, language="en", published=dt.date(2024, 9, 1), reviewer="Paul Roy")
    assert _of(result, "money").matches[0].kind == "verdict"  # another article: the earlier verdict comes back


def test_another_value_disputed_earlier_is_named_without_a_warning(newsroom):
    lib, _desk, past = newsroom
    result = check_text(
        "Orvane Motors said it would pay $900 million for Celtis Batteries.",
        lib,
        language="en",
        published=dt.date(2024, 7, 3),
    )
    money = _of(result, "money")
    verdict = next(m for m in money.matches if m.kind == "verdict")
    assert verdict.verdict.status == "disputed" and verdict.agreement == "conflicts" and not memory.warns(verdict)
    assert money.suggestion == "supported"  # S07 gives $900 million
    assert money.reason.startswith("amount agrees with S07")
    assert "; the desk disputed $9 billion on " in money.reason


def test_reports_carry_the_earlier_verdicts_and_the_json_comes_back_the_same(newsroom):
    from checker.desk.report import FORMATS
    from checker.service import write_report

    lib, desk, past = newsroom
    article_id, result = check_and_store(
        FOURTH, lib, desk, language="fr", published=dt.date(2024, 7, 1), reviewer="Léa Dubois"
    )
    quote = _of(result, "quote")
    desk.reuse(article_id, quote.claim.id, quote.matches[0].source_id, reviewer="Léa Dubois")  # evidence: the verdict
    for fmt in FORMATS:
        data = write_report(desk, article_id, fmt, labels=EN, review_url="https://news.example/checks/1")
        assert data
    md = write_report(desk, article_id, "md", labels=EN).decode("utf-8")
    assert "from his post" in md and quote.matches[0].source_id in md
    state = json.loads(write_report(desk, article_id, "json", labels=EN))
    verdicts = [m for c in state["claims"] for m in c["check"]["matches"] if m["kind"] == "verdict"]
    assert {(m["article_id"], m["claim_id"]) for m in verdicts} == set(past.values())
    again = desk.import_state(state, reviewer="Léa Dubois")
    back = desk.export_state(again)
    assert [c["check"] for c in back["claims"]] == [c["check"] for c in state["claims"]]
    assert desk.load(again).claim(quote.claim.id).evidence.verdict is not None
