"""Sign-in through a real OpenID Connect exchange: a local provider (oidc-provider-mock, on 127.0.0.1)
and the workbench's own Streamlit server with FACTCHECK_AUTH=oidc and an [auth] secrets file.

Over HTTP (no browser): Streamlit's /auth/login sends the browser to the provider, the provider's
answer comes back to /oauth2callback, and Streamlit signs the identity cookie with the provider's
email in it. In Chromium (skipped without Debian's chromium): signed out, every address shows the
sign-in page; a viewer signs in and finds every change greyed out; an editor signs in, disputes a
claim, and the audit trail names the editor's address; someone without a role is asked to see an
admin. Screenshots go to test-artifacts/ (ignored by git)."""

from __future__ import annotations

import os
import threading
from unittest import mock

import pytest
import requests
from support import app_context, chromium, free_port, served_app, settle, shared_deployment, shot

from checker.desk import Desk

SECRET = "the cookie secret of the sign-in tests"
PEOPLE = {"viewer@newsroom.test": "viewer", "editor@newsroom.test": "editor"}
CLAIM_TEXT = "18 millions d’euros"


@pytest.fixture(scope="module")
def provider():
    """The identity provider, in a thread of this process, on 127.0.0.1 only."""
    oidc = pytest.importorskip("oidc_provider_mock")
    import werkzeug.serving

    people = [
        oidc.User(sub=email, claims={"email": email, "email_verified": True, "name": email.split("@")[0]})
        for email in (*PEOPLE, "stranger@newsroom.test")
    ]
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc.app(user_claims=people), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def workbench(provider, tmp_path_factory):
    """The workbench's Streamlit server with sign-in required, on a database holding the example article
    and a viewer and an editor; yields (address, database URL)."""
    tmp = tmp_path_factory.mktemp("signin")
    url = f"sqlite:///{tmp / 'shared.db'}"
    shared_deployment(url, PEOPLE)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        f'''[auth]
redirect_uri = "{base}/oauth2callback"
cookie_secret = "{SECRET}"
client_id = "workbench"
client_secret = "workbench-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
''',
        encoding="utf-8",
    )
    env = {**os.environ, "FACTCHECK_DB": url, "FACTCHECK_AUTH": "oidc", "FACTCHECK_TRANSLATION_MODEL": "off"}
    with served_app(port, env, tmp / "streamlit.log", "--secrets.files", str(secrets)):
        yield base, url


# ---- over HTTP ---------------------------------------------------------------------------------------


def signed_cookie(session: requests.Session) -> dict:
    import json

    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

    raw = session.cookies.get("_streamlit_user")
    assert raw, list(session.cookies.keys())
    return json.loads(decode_signed_value(SECRET, "_streamlit_user", raw.encode("latin-1")))


def test_the_openid_exchange_with_a_local_provider_signs_the_email_into_the_cookie(workbench, provider):
    import streamlit.auth_util as auth_util

    base, _ = workbench
    # The address st.login sends the browser to, with Streamlit's own short-lived provider token.
    with mock.patch.object(auth_util, "get_signing_secret", return_value=SECRET):
        token = auth_util.encode_provider_token("default")
    s = requests.Session()
    r = s.get(f"{base}/auth/login", params={"provider": token}, allow_redirects=False, timeout=20)
    assert r.status_code == 302 and r.headers["location"].startswith(f"{provider}/oauth2/authorize?")
    authorize = r.headers["location"]
    assert "scope=openid+email+profile" in authorize and "redirect_uri=" in authorize
    assert s.get(authorize, timeout=20).status_code == 200  # the provider's sign-in form
    r = s.post(authorize, data={"sub": "editor@newsroom.test"}, allow_redirects=False, timeout=20)
    assert r.status_code == 302 and r.headers["location"].startswith(f"{base}/oauth2callback?code=")
    r = s.get(r.headers["location"], allow_redirects=False, timeout=20)
    assert r.status_code == 302 and r.headers["location"] == "/"
    identity = signed_cookie(s)
    assert identity["is_logged_in"] is True and identity["email"] == "editor@newsroom.test"
    assert identity["email_verified"] is True and identity["iss"] == provider


def test_a_forged_callback_signs_nobody_in(workbench):
    base, _ = workbench
    s = requests.Session()
    r = s.get(
        f"{base}/oauth2callback", params={"code": "made-up", "state": "made-up"}, allow_redirects=False, timeout=20
    )
    assert r.status_code in (302, 400) and "_streamlit_user" not in s.cookies


def test_a_login_without_streamlits_token_goes_nowhere(workbench, provider):
    base, _ = workbench
    r = requests.get(f"{base}/auth/login", params={"provider": "default"}, allow_redirects=False, timeout=20)
    assert not r.headers.get("location", "").startswith(provider)


# ---- in Chromium -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(workbench):
    with chromium() as launched:
        yield launched


def sign_in(browser, base: str, email: str, *, height: int = 1000):
    """A new browser (no cookie), the sign-in button, the provider's form filled as a person would."""
    context = app_context(browser, viewport={"width": 1280, "height": height})
    page = context.new_page()
    page.goto(base)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
    page.fill("input[name=sub]", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{base}/**", timeout=30_000)
    settle(page)
    return context, page


def claim_id(db_url: str) -> str:
    return next(c.claim.id for c in Desk.open(db_url).load(1).claims if c.claim.text == CLAIM_TEXT)


@pytest.mark.browser
def test_signed_out_every_address_shows_the_sign_in_page(browser, workbench):
    base, _ = workbench
    context = app_context(browser, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        for path in ("/library", "/articles", "/archive", "/?article=1", "/"):
            page.goto(base + path)
            page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
            settle(page)
            text = page.inner_text("body")
            assert "Source library" not in text and "Try an example" not in text and CLAIM_TEXT not in text, path
        shot(page, "signin-page.png", full_page=True)
    finally:
        context.close()


@pytest.mark.browser
def test_a_viewer_signs_in_and_cannot_change_a_status(browser, workbench):
    base, db_url = workbench
    context, page = sign_in(browser, base, "viewer@newsroom.test", height=1800)  # the desk and its buttons
    try:
        page.get_by_text("Signed in as").wait_for(timeout=30_000)
        assert "viewer@newsroom.test" in page.inner_text("[data-testid='stSidebar']")
        page.goto(f"{base}/?article=1&claim={claim_id(db_url)}")
        page.get_by_text("As viewer, you cannot review claims").wait_for(timeout=30_000)
        settle(page)
        for label in ("Verified", "Disputed", "Needs more"):
            assert page.get_by_role("button", name=label, exact=True).is_disabled(), label
        assert page.get_by_role("button", name="Markdown").is_enabled()  # reports still download
        shot(page, "desk-viewer.png", full_page=True)
        assert Desk.open(db_url).load(1).claim(claim_id(db_url)).version == 1
    finally:
        context.close()


@pytest.mark.browser
def test_an_editor_signs_in_and_disputes_a_claim_under_their_address(browser, workbench):
    base, db_url = workbench
    context, page = sign_in(browser, base, "editor@newsroom.test")
    try:
        claim = claim_id(db_url)
        page.goto(f"{base}/?article=1&claim={claim}&reviewer=Mallory")
        page.get_by_role("button", name="Disputed", exact=True).wait_for(timeout=30_000)
        settle(page)
        page.get_by_role("button", name="Disputed", exact=True).click()
        page.get_by_text(f"{claim} is disputed").wait_for(timeout=30_000)
        stored = Desk.open(db_url).load(1).claim(claim)
        assert (stored.status, stored.reviewer) == ("disputed", "editor@newsroom.test")
        assert Desk.open(db_url).audit_trail(1, claim)[-1]["actor"] == "editor@newsroom.test"
        shot(page, "desk-editor.png", full_page=True)
    finally:
        context.close()


@pytest.mark.browser
def test_someone_without_a_role_is_asked_to_see_an_admin(browser, workbench):
    base, _ = workbench
    context, page = sign_in(browser, base, "stranger@newsroom.test")
    try:
        page.get_by_text("No access yet").wait_for(timeout=30_000)
        assert "stranger@newsroom.test" in page.inner_text("body")
        page.goto(f"{base}/library")
        page.get_by_text("No access yet").wait_for(timeout=30_000)
        assert "Source library" not in page.inner_text("body")
        shot(page, "signin-no-role.png", full_page=True)
        page.get_by_role("button", name="Sign out").click()
        # Streamlit clears its cookie, then sends the browser to the provider's sign-out page
        page.wait_for_url("**/oauth2/end_session**", timeout=30_000)
        assert "_streamlit_user" not in {c["name"] for c in context.cookies()}
        page.goto(base)
        page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    finally:
        context.close()
