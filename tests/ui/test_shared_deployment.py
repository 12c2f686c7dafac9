"""A shared deployment: two Streamlit servers on one PostgreSQL database, an editor on each.

Both servers start at once on an empty database (each seeds the demo library only if no other did).
Claire, on the first server, checks the example article and disputes a claim; Bob, on the second,
opens the same claim and sees it disputed, with her note; Claire then marks it verified, and Bob's
change, made against the version he saw, is refused with hers shown: the review state lives in the
database, not in either server. Needs Debian's Chromium and the local PostgreSQL server (skipped
without them); runs in a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from support import (
    app_context,
    chromium,
    free_port,
    need_chromium,
    postgres_schema,
    postgres_url,
    settle,
    stop,
    streamlit_server,
    wait_until_serving,
)

from checker.desk import Desk

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.fixture
def shared_db():
    with postgres_schema("factcheck_shared") as (_, name):
        yield postgres_url(name)


@pytest.fixture
def two_servers(shared_db, tmp_path):
    need_chromium()
    env = {**os.environ, "FACTCHECK_DB": shared_db}
    procs, bases, logs = [], [], []
    try:
        for i in range(2):  # started together, as after a deployment
            port = free_port()
            log = open(tmp_path / f"streamlit-{i}.log", "wb")
            logs.append(log)
            procs.append(streamlit_server(port, env, log))
            bases.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        for i, (proc, base) in enumerate(zip(procs, bases)):
            wait_until_serving(proc, base, tmp_path / f"streamlit-{i}.log", deadline)
        yield bases, shared_db
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            stop(proc)
        for log in logs:
            log.close()


def test_editors_on_two_servers_share_one_database(two_servers):
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)  # the suite runs on every core: a busy machine redraws slowly

    (first, second), db = two_servers
    with chromium() as browser:
        claire = app_context(browser, viewport={"width": 1500, "height": 2000}).new_page()
        bob = app_context(browser, viewport={"width": 1500, "height": 2000}).new_page()
        for page in (claire, bob):
            page.set_default_timeout(30_000)
        # both servers open their first page at once: each seeds the demo library if no other did
        claire.goto(f"{first}/?reviewer=Claire")
        bob.goto(f"{second}/?reviewer=Bob")
        # (a server's first page seeds and warms it up: slow on a busy machine)
        claire.get_by_role("button", name="Try an example").wait_for(timeout=120_000)
        bob.get_by_role("button", name="Try an example").wait_for(timeout=120_000)
        claire.get_by_role("button", name="Try an example").click()
        claire.get_by_text("reviewed,").first.wait_for()
        settle(claire)
        picker = claire.get_by_label("Claim", exact=True)
        picker.click()
        picker.press_sequentially("18 millions")
        claire.keyboard.press("Enter")
        settle(claire)
        expect(claire.locator("h3").filter(has_text="18 millions d’euros")).to_be_visible()
        settle(claire)
        expect(claire.get_by_label("Note", exact=True)).to_have_count(1)  # the previous panel gone
        claire.get_by_label("Note", exact=True).fill("Claire: the budget line says 16")
        claire.get_by_label("Note", exact=True).press("Control+Enter")
        settle(claire)
        claire.get_by_role("button", name="Disputed").click()
        claire.get_by_text("Saved:").wait_for()
        settle(claire)
        query = parse_qs(urlsplit(claire.url).query)
        article, claim = query["article"][0], query["claim"][0]

        # Bob, on the other server, opens the same claim: he sees Claire's change
        bob.goto(f"{second}/?reviewer=Bob&article={article}&claim={claim}")
        bob.get_by_text("reviewed,").first.wait_for()
        settle(bob)
        expect(bob.locator("[data-testid='stCaptionContainer']").filter(has_text="status: disputed")).to_be_visible(
            timeout=30_000
        )
        expect(bob.get_by_label("Note", exact=True)).to_have_value("Claire: the budget line says 16", timeout=30_000)

        # Claire changes it again on her server; Bob's change, made on the version he saw, is refused
        claire.get_by_role("button", name="Verified").click()
        claire.get_by_text("Saved:").wait_for()
        settle(claire)
        bob.get_by_role("button", name="Needs more").click()
        bob.get_by_text("Not saved: Claire changed").wait_for()
    desk = Desk.open(db)
    stored = next(c for c in desk.load(int(article)).claims if c.claim.id == claim)
    assert (stored.status, stored.reviewer) == ("verified", "Claire")
    trail = desk.audit_trail(int(article), claim)
    assert [(t["actor"], t["after"]["status"]) for t in trail] == [("Claire", "disputed"), ("Claire", "verified")]
    assert desk.engine.dialect.name == "postgresql"
