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
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import parse_qs, urlsplit
from pathlib import Path

import pytest

from checker.desk import Desk
from conftest import CORPORA, ROOT
from sources.importers import parse_file
from sources.library import Library

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
SEED = CORPORA / "seed"
NOTE = "Le chiffre vient d'une dépêche ; à confirmer <script>alert(1)</script>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    pytest.importorskip("playwright.sync_api")
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    if (SEED / "sources.csv").is_file():  # the seed article's own library, so that its claims find evidence
        Library.open(url).add(parse_file("sources.csv", (SEED / "sources.csv").read_bytes()).records)
    port = free_port()
    env = {**os.environ, "FACTCHECK_DB": url}
    log = open(tmp_path / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 45
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start:\n" + (tmp_path / "streamlit.log").read_text(errors="replace"))
            time.sleep(0.3)
        yield base, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def settle(page) -> None:
    """Wait until the app has finished running the script (no 'Running…' indicator)."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=30_000)
    page.wait_for_timeout(300)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_dispute_a_claim_reload_and_download_the_report(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # the suite runs on every core: a busy machine redraws slowly

    base, db = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 2000}, accept_downloads=True)
            page.set_default_timeout(30_000)
            page.goto(f"{base}/?reviewer=Claire")
            page.get_by_label("Article text").wait_for()
            if (SEED / "article_fr.txt").is_file():
                page.get_by_label("Article text").fill((SEED / "article_fr.txt").read_text(encoding="utf-8"))
                for part, value in (("year", "2024"), ("month", "05"), ("day", "29")):
                    segment = page.get_by_role("spinbutton", name=f"{part}, Publication date").first
                    segment.click()
                    segment.press_sequentially(value)
                page.get_by_role("button", name="Extract and check").click()
                claim_text = "4 milliards de dollars"
            else:
                page.get_by_role("button", name="Try an example").click()
                claim_text = "18 millions d’euros"
            page.get_by_text("reviewed,").first.wait_for()
            settle(page)
            shot(page, "desk-1-opened.png")

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
            bob = browser.new_context(viewport={"width": 1500, "height": 2000}).new_page()
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
            bob.get_by_text("Not saved: Claire changed").wait_for()
            settle(bob)
            expect(bob.get_by_label("Note", exact=True)).to_have_value("Bob: the filing says otherwise")
            shot(bob, "desk-5-conflict.png")

            # the same desk in French
            page.get_by_label("Interface language").click()
            page.get_by_role("option", name="Français").click()
            settle(page)
            expect(page.get_by_role("button", name="Contesté")).to_be_visible()
            shot(page, "desk-4-french.png")
        finally:
            browser.close()
    stored = next(c for c in Desk.open(db).load(1).claims if c.claim.text == claim_text)
    assert (stored.status, stored.note, stored.reviewer, stored.version) == ("verified", NOTE, "Claire", 3)
    trail = Desk.open(db).audit_trail(1, stored.claim.id)
    assert [(t["actor"], t["after"]["status"]) for t in trail] == [("Claire", "disputed"), ("Claire", "verified")]
    assert shutil.which("git") is None or "test-artifacts/" in (ROOT / ".gitignore").read_text()
