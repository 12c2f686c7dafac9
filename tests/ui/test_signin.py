"""Sign-in on a shared deployment, page by page with Streamlit's AppTest (which stands in for st.user):
signed out, signed in without a role or without an address, as a viewer, an editor and an admin; and
Streamlit's own OpenID Connect exchange over HTTP against a local provider (oidc-provider-mock) on
127.0.0.1, with the workbench's server and settings.

What AppTest cannot do is press st.login and follow the provider's redirects: the HTTP test does that
part, and tests/test_signin_browser.py does both in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support import shared_deployment

from checker.desk import Desk

ROOT = Path(__file__).resolve().parent.parent.parent
APP = str(ROOT / "app.py")
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a test secret, long enough",
    "client_id": "workbench",
    "client_secret": "test",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
PEOPLE = {"viewer@newsroom.test": "viewer", "editor@newsroom.test": "editor", "admin@newsroom.test": "admin"}


@pytest.fixture
def shared(db_url, monkeypatch):
    """A shared deployment's database: the demo library, the example article checked, three people."""
    monkeypatch.setenv("FACTCHECK_AUTH", "oidc")
    return shared_deployment(db_url, PEOPLE)


def session(user: dict | None, *, secrets: bool = True, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if secrets:
        at.secrets["auth"] = dict(AUTH)
    at.user = {"is_logged_in": False} if user is None else {"is_logged_in": True, **user}
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def words(at) -> str:
    return " ".join(
        str(e.value) for e in [*at.title, *at.markdown, *at.error, *at.warning, *at.success, *at.info, *at.caption]
    )


def button(at, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r} in {[b.label for b in at.button]}"
    return found[0]


def titles(at) -> list[str]:
    return [t.value for t in at.title]


def open_desk(email: str, desk: Desk, *, text: str = "18 millions d’euros", **query) -> tuple[AppTest, str]:
    at = session({"email": email, "name": email.split("@")[0]}, article="1", **query)
    claim = next(c.claim.id for c in desk.load(1).claims if c.claim.text == text)
    at.selectbox(key="pick-1").select(claim).run()
    assert not at.exception
    return at, claim


# ---- nobody reaches a page without signing in -------------------------------------------------------


@pytest.mark.parametrize("page", [None, "ui/library.py", "ui/articles.py", "ui/archive.py"])
def test_signed_out_every_page_is_the_sign_in_page(shared, page):
    at = session(None)
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception and titles(at) == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in"] and not at.text_input and not at.dataframe
    assert "Check an article" not in words(at) and "18 millions" not in words(at)


def test_sign_in_required_without_an_auth_section_stops_with_a_clear_message(shared):
    at = session(None, secrets=False)
    assert not at.button and not at.title
    assert "FACTCHECK_AUTH=oidc" in words(at) and "[auth]" in words(at)


def test_the_sign_in_page_speaks_french(shared):
    at = session(None, lang="fr")
    assert titles(at) == ["Connexion"] and [b.label for b in at.button] == ["Se connecter"]


def test_signed_in_without_a_role_is_asked_to_see_an_admin(shared):
    at = session({"email": "Stranger@Newsroom.test"})
    assert titles(at) == ["No access yet"]
    assert "stranger@newsroom.test" in words(at) and "Ask an admin" in words(at)
    assert [b.label for b in at.button] == ["Sign out"] and not at.dataframe


@pytest.mark.parametrize(
    "user",
    [{"name": "No Address"}, {"email": "viewer@newsroom.test", "email_verified": False}, {"email": "not an address"}],
)
def test_no_verified_address_is_said_plainly(shared, user):
    at = session(user)
    assert "no verified email address" in words(at) and [b.label for b in at.button] == ["Sign out"]
    assert not at.dataframe and "Check an article" not in words(at)


# ---- a viewer reads, an editor reviews, an admin manages ---------------------------------------------


def test_the_sidebar_names_the_signed_in_person_instead_of_a_name_field(shared):
    at = session({"email": "editor@newsroom.test"}, reviewer="Mallory")
    assert not at.sidebar.text_input
    assert "Signed in as `editor@newsroom.test` (editor)" in [m.value for m in at.sidebar.markdown]
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_a_viewer_sees_the_desk_and_reports_but_cannot_change_a_status(shared):
    desk, _ = shared
    at, claim = open_desk("viewer@newsroom.test", desk)
    assert "As viewer, you cannot review claims: that needs the editor role. Ask an admin." in words(at)
    for label in ("Verified", "Disputed", "Needs more", "Unreviewed", "Save note", "Add the claim"):
        assert button(at, label).disabled, label
    assert len(at.get("download_button")) == 5 and not any(d.proto.disabled for d in at.get("download_button"))
    assert at.dataframe  # the claims' table is there to read
    assert desk.load(1).claim(claim).version == 1


def test_a_viewer_cannot_check_import_nor_touch_the_library(shared):
    at = session({"email": "viewer@newsroom.test"})
    assert "As viewer, you cannot check new articles" in words(at)
    assert button(at, "Try an example").disabled
    assert all(b.disabled for b in at.get("form_submit_button") if b.label in ("Check the article", "Fetch and check"))
    at.switch_page("ui/articles.py").run()
    assert "As viewer, you cannot rename or archive articles" in words(at)
    assert button(at, "Archive").disabled
    at.switch_page("ui/library.py").run()
    assert not at.exception and "As viewer, you cannot add or edit records" in words(at)
    assert [b.disabled for b in at.button if b.label.startswith("Delete ")] == [True]
    submits = {b.label: b.disabled for b in at.get("form_submit_button")}
    assert submits and all(submits.values()), submits
    assert "People and roles" not in [p.label for p in at.get("page_link")]


def test_an_editor_changes_a_status_recorded_under_the_signed_in_address(shared):
    desk, _ = shared
    at, claim = open_desk("editor@newsroom.test", desk, reviewer="Mallory")
    button(at, "Disputed").click().run()
    assert not at.exception and f"{claim} is disputed" in words(at) and "by editor@newsroom.test" in words(at)
    stored = desk.load(1).claim(claim)
    assert (stored.status, stored.reviewer, stored.version) == ("disputed", "editor@newsroom.test", 2)
    assert desk.audit_trail(1, claim)[-1]["actor"] == "editor@newsroom.test"


def test_a_role_taken_away_is_refused_by_the_core_even_on_a_page_drawn_before(shared):
    desk, roles = shared
    at, claim = open_desk("editor@newsroom.test", desk)
    roles.set("editor@newsroom.test", "viewer", by="operator")  # while the editor's page is open
    button(at, "Verified").click().run()
    assert not at.exception
    assert "Saving: refused. As viewer, you cannot review claims; that needs the editor role." in words(at)
    assert desk.load(1).claim(claim).version == 1
    assert button(at, "Verified").disabled  # and the page, drawn again, now knows


def test_an_editor_adds_records_but_cannot_delete_them(shared):
    at = session({"email": "editor@newsroom.test"})
    at.switch_page("ui/library.py").run()
    assert "As editor, you cannot delete or restore records: that needs the admin role." in words(at)
    submits = {b.label: b.disabled for b in at.get("form_submit_button")}
    assert submits["Add to the library"] is False and submits["Save changes"] is False
    assert [b.disabled for b in at.button if b.label.startswith("Delete ")] == [True]


def test_an_admin_manages_roles_on_their_page_audited_under_their_address(shared):
    _, roles = shared
    at = session({"email": "admin@newsroom.test"})
    at.switch_page("ui/users.py").run()
    assert not at.exception and titles(at) == ["People and roles"]
    listed = at.dataframe[0].value
    assert set(listed["email"]) == set(PEOPLE)
    at.text_input(key="user_email").input("New.Reporter@newsroom.test")
    at.selectbox(key="user_role_choice").select("editor")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception and "new.reporter@newsroom.test is now editor." in words(at)
    assert roles.role_of("new.reporter@newsroom.test") == "editor"
    assert roles.history("new.reporter@newsroom.test")[-1]["actor"] == "admin@newsroom.test"
    at.text_input(key="user_email").input("admin@newsroom.test")
    at.selectbox(key="user_role_choice").select("viewer")
    at.get("form_submit_button")[0].click().run()
    assert "you cannot change your own role" in words(at) and roles.role_of("admin@newsroom.test") == "admin"


@pytest.mark.parametrize("email", ["editor@newsroom.test", "viewer@newsroom.test"])
def test_only_admins_have_the_roles_page(shared, email):
    at = session({"email": email})
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not declared for them at all
        at.switch_page("ui/users.py")


def test_the_single_user_default_is_unchanged(db_url, monkeypatch):
    monkeypatch.delenv("FACTCHECK_AUTH", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception and titles(at) == ["Check an article"]
    assert [w.label for w in at.sidebar.text_input] == ["Reviewer"] and "Sign out" not in [b.label for b in at.button]
