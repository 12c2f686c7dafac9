"""The desk shows earlier verdicts (warnings first), reuses one in a click, promotes a verified claim;
the archive page lists, filters and exports reviewed claims (AppTest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support import record

from checker.desk import Desk
from checker.service import check_and_store
from sources.library import Library

APP = str(Path(__file__).resolve().parents[2] / "app.py")
FIRST = "Amazon has invested $4 billion in Anthropic, the start-up said."
SECOND = "Orvane Motors said it would pay $9 billion for Celtis Batteries."
FOURTH = (
    "Amazon a investi 4 milliards de dollars dans Anthropic, selon la start-up.\n\n"
    "Orvane Motors a annoncé payer 9 milliards de dollars pour Celtis Batteries."
)


@pytest.fixture
def newsroom(db_url):
    lib = Library.open(db_url)
    lib.add(
        [
            record(
                "S06",
                "Amazon completed its $4 billion investment in Anthropic on 27 March 2024.",
                published="2024-03-28",
            )
        ]
    )
    desk = Desk(lib.engine)
    a1, r1 = check_and_store(FIRST, lib, desk, language="en", published=dt.date(2024, 5, 28), reviewer="Claire Martin")
    a2, r2 = check_and_store(SECOND, lib, desk, language="en", published=dt.date(2024, 6, 10), reviewer="Paul Roy")
    m1 = next(c.claim.id for c in r1.checks if c.claim.type == "money")
    m2 = next(c.claim.id for c in r2.checks if c.claim.type == "money")
    desk.review(a1, m1, reviewer="Claire Martin", status="verified", note="Amazon's filing", evidence_source="S06")
    desk.review(a2, m2, reviewer="Paul Roy", status="disputed", note="the deal was $900 million")
    a4, r4 = check_and_store(FOURTH, lib, desk, language="fr", published=dt.date(2024, 7, 1), reviewer="Léa")
    claims = {c.claim.text: c.claim.id for c in r4.checks}
    return desk, a4, claims, (a1, m1), (a2, m2)


def session(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    return at


def text_of(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.warning, *at.success, *at.error])


def test_the_desk_shows_the_earlier_verdict_and_reuses_it(newsroom):
    desk, a4, claims, (a1, m1), _ = newsroom
    claim = claims["4 milliards de dollars"]
    at = session(article=str(a4), claim=claim, reviewer="Léa")
    shown = text_of(at)
    assert "Earlier verdicts of the desk" in shown
    assert f"A{a1}/{m1}" in shown and "verified on" in shown and "by Claire Martin" in shown and "citing S06" in shown
    assert "Amazon's filing" in shown
    reuse = [b for b in at.button if b.label == "Reuse this verdict"]
    assert len(reuse) == 1
    reuse[0].click().run()
    assert not at.exception
    state = desk.load(a4).claim(claim)
    assert (state.status, state.note, state.evidence_source, state.reviewer) == (
        "verified",
        "Amazon's filing",
        "S06",
        "Léa",
    )
    assert desk.audit_trail(a4, claim)[-1]["action"] == "reuse"
    assert "reused from the earlier verdict" in " ".join(str(s.value) for s in at.success)
    # the verified claim can now be saved to the library, once
    [b for b in at.button if b.label == "Save to the library"][0].click().run()
    assert not at.exception and f"desk-{a4}-{claim}" in " ".join(str(s.value) for s in at.success)


def test_a_disputed_repeat_is_the_first_warning_in_both_languages(newsroom):
    desk, a4, claims, _, (a2, m2) = newsroom
    claim = claims["9 milliards de dollars"]
    at = session(article=str(a4), claim=claim, reviewer="Léa")
    assert at.warning and str(at.warning[0].value).startswith("Warning: the desk disputed this money")
    fr = session(article=str(a4), claim=claim, reviewer="Léa", lang="fr")
    assert str(fr.warning[0].value).startswith("Attention\u202f: la rédaction a contesté")
    assert "Verdicts antérieurs de la rédaction" in text_of(fr)
    # reversed since: said, and the reuse button is disabled
    desk.review(a2, m2, reviewer="Paul Roy", status="verified", note="checked again")
    again = session(article=str(a4), claim=claim, reviewer="Léa")
    assert any("has since been changed" in str(w.value) for w in [*again.warning, *again.error])
    assert [b for b in again.button if b.label == "Reuse this verdict"][0].disabled


def test_the_archive_page_lists_filters_and_exports(newsroom):
    desk, _a4, _claims, (a1, m1), (a2, m2) = newsroom
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("ui/archive.py").run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert set(frame["claim"]) == {f"{a1}/{m1}", f"{a2}/{m2}"}
    assert set(frame["desk"]) == {f"./?article={a1}&claim={m1}", f"./?article={a2}&claim={m2}"}
    at.multiselect(key="archive-statuses").select("disputed").run()
    assert list(at.dataframe[0].value["claim"]) == [f"{a2}/{m2}"]
    at.text_input(key="archive-query").input("nothing like this").run()
    assert not at.dataframe and "No reviewed claim matches." in " ".join(str(i.value) for i in at.info)
    at.text_input(key="archive-query").input("orvane").run()
    assert list(at.dataframe[0].value["claim"]) == [f"{a2}/{m2}"]
    at.multiselect(key="archive-statuses").unselect("disputed").run()
    at.text_input(key="archive-query").input("").run()
    at.number_input(key="archive-min").set_value(5e9).run()
    assert list(at.dataframe[0].value["claim"]) == [f"{a2}/{m2}"]
    at.number_input(key="archive-min").set_value(None).run()
    at.text_input(key="archive-reviewer").input("Claire Martin").run()
    assert list(at.dataframe[0].value["claim"]) == [f"{a1}/{m1}"]
    downloads = at.get("download_button")
    assert len(downloads) == 2
