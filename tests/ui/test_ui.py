"""The Streamlit workbench driven with AppTest: every desk action, two editors on one claim, the audit
trail, the articles list, the languages, and clear messages for bad input."""

from __future__ import annotations

import io

import docx
import pytest
from support import button, new_session
from test_inputs import local_site  # noqa: F401 - a fixture: a page served on 127.0.0.1

from checker.desk import Desk
from sources.library import Library


@pytest.fixture
def app(db_url):
    return new_session()


def messages(at) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.warning, *at.success, *at.info])


def with_reviewer(at, name="Alice"):
    at.sidebar.text_input(key="reviewer_input").input(name).run()
    assert not at.exception
    return at


@pytest.fixture
def example(app, db_url):
    """The example article on the desk, opened by Alice; returns (session, desk)."""
    button(app, "Try an example").click().run()
    assert not app.exception and app.query_params.get("article") == "1"
    return with_reviewer(app), Desk.open(db_url)


def open_claim(at, text: str, desk: Desk) -> str:
    claim_id = next(c.claim.id for c in desk.load(1).claims if c.claim.text == text)
    at.selectbox(key="pick-1").select(claim_id).run()
    assert not at.exception and at.query_params.get("claim") == claim_id
    return claim_id


def note_field(at, claim_id: str):
    return at.text_area(key=f"note-1-{claim_id}")


# ---- the desk -------------------------------------------------------------------------------------


def test_example_is_checked_and_shown_with_its_claims(example):
    at, desk = example
    table = at.dataframe[0].value
    assert {"date", "money", "person", "organisation", "quote"} <= set(table["type_name"])
    assert (table["status"] == "unreviewed").all() and table["suggestion"].str.contains("supported").any()
    text = next(h.value for h in at.get("html") if 'class="fc-text"' in h.value)
    assert text.count("<mark ") == len(desk.load(1).claims)
    live = len(desk.load(1).live)
    assert f"0/{live} reviewed, 0 disputed" in " ".join(c.value for c in at.caption)


@pytest.mark.parametrize(
    "status, label", [("verified", "Verified"), ("disputed", "Disputed"), ("needs_more", "Needs more")]
)
def test_each_status_button_stores_status_and_note_at_once(example, status, label):
    at, desk = example
    claim = open_claim(at, "18 millions d’euros", desk)
    note_field(at, claim).input("checked with D05").run()
    button(at, label).click().run()
    assert not at.exception and f"{claim} is" in messages(at)
    stored = desk.load(1).claim(claim)
    assert (stored.status, stored.note, stored.reviewer, stored.version) == (status, "checked with D05", "Alice", 2)
    button(at, "Unreviewed").click().run()
    assert desk.load(1).claim(claim).status == "unreviewed"
    trail = desk.audit_trail(1, claim)
    assert [(t["before"]["status"], t["after"]["status"]) for t in trail] == [
        ("unreviewed", status),
        (status, "unreviewed"),
    ]


def test_a_note_alone_is_saved(example):
    at, desk = example
    claim = open_claim(at, "2019", desk)
    note_field(at, claim).input("company register says 2019").run()
    button(at, "Save note").click().run()
    assert desk.load(1).claim(claim).note == "company register says 2019"


def test_a_double_click_saves_once(example):
    at, desk = example
    claim = open_claim(at, "2019", desk)
    button(at, "Verified").click().run()
    assert "Saved" in messages(at)
    button(at, "Verified").click().run()  # the second click of a double click
    assert "Saved" not in messages(at)
    assert desk.load(1).claim(claim).version == 2 and len(desk.audit_trail(1, claim)) == 1


def test_the_evidence_record_can_be_chosen(example):
    at, desk = example
    claim = open_claim(at, "120 millions d’euros", desk)
    state = desk.load(1).claim(claim)
    other = state.matches[1].source_id
    radio = next(r for r in at.radio if r.key.startswith(f"evidence-1-{claim}"))
    radio.set_value(other).run()
    assert not at.exception and desk.load(1).claim(claim).evidence.source_id == other


def test_the_evidence_panel_compares_values_and_warns_of_later_records(example):
    at, desk = example
    open_claim(at, "2,3 milliards d’euros", desk)
    cards = " ".join(h.value for h in at.get("html") if 'class="fc-card"' in h.value)
    assert "article: 2 300 000 000 EUR / source:" in cards
    assert "Published after the article" in cards
    sentence = next(h.value for h in at.get("html") if 'class="fc-sentence"' in h.value)
    assert '<mark class="claim-span"' in sentence and "2,3 milliards d’euros</mark>" in sentence


def test_the_open_claim_stays_open_after_its_review(example):
    at, desk = example
    first = at.query_params.get("claim")
    assert first == desk.load(1).claims[0].claim.id  # the first claim to review, kept in the URL
    button(at, "Disputed").click().run()
    assert at.query_params.get("claim") == first and at.selectbox(key="pick-1").value == first


def test_navigation_to_the_next_unreviewed_claim(example):
    at, desk = example
    first = at.query_params.get("claim") or desk.load(1).claims[0].claim.id
    button(at, "Verified").click().run()
    button(at, "Next unreviewed").click().run()
    assert at.query_params.get("claim") not in (None, first)


def test_a_claim_is_dismissed_and_restored_never_deleted(example):
    at, desk = example
    claim = open_claim(at, "Keystone Capital", desk)
    at.text_input(key=f"dismiss-note-1-{claim}").input("a fund, not a claim").run()
    button(at, f"Dismiss {claim}").click().run()
    stored = desk.load(1).claim(claim)
    assert stored.dismissed and stored.note == "a fund, not a claim"
    table = at.dataframe[0].value
    assert table.loc[table["id"] == claim, "dismissed"].item()
    assert f"0/{len(desk.load(1).live)} reviewed" in " ".join(c.value for c in at.caption)
    button(at, "Restore the claim").click().run()
    assert not desk.load(1).claim(claim).dismissed
    assert [t["action"] for t in desk.audit_trail(1, claim)] == ["dismiss", "restore"]


def test_a_missed_claim_is_added_from_its_text(example):
    at, desk = example
    at.text_input(key="add_text").input("usine").run()
    at.selectbox(key="add_type").select("organization").run()
    button(at, "Add the claim").click().run()
    assert not at.exception and "Added e1" in messages(at)
    added = desk.load(1).claim("e1")
    assert (added.claim.text, added.origin) == ("usine", "editor")
    assert at.query_params.get("claim") == "e1"


def test_adding_text_that_is_not_in_the_article_says_so(example):
    at, desk = example
    before = len(desk.load(1).claims)
    at.text_input(key="add_text").input("Atlantis").run()
    button(at, "Add the claim").click().run()
    assert not at.exception and "is not in the article" in messages(at)
    assert len(desk.load(1).claims) == before


def test_a_claim_is_split_and_claims_are_merged(example):
    at, desk = example
    claim = open_claim(at, "Keystone Capital", desk)
    at.text_area(key=f"split-1-{claim}").input("Keystone\nCapital").run()
    button(at, f"Split {claim}").click().run()
    assert not at.exception and f"{claim} split into e1, e2" in messages(at)
    assert desk.load(1).claim(claim).dismissed and at.query_params.get("claim") == "e1"
    next(w for w in at.multiselect if w.key.startswith("merge-e1")).select("e2").run()
    button(at, "Merge").click().run()
    assert not at.exception and "merged into e3" in messages(at)
    merged = desk.load(1).claim("e3")
    assert merged.claim.text == "Keystone Capital" and merged.origin == "merge"
    assert [t["action"] for t in desk.audit_trail(1, "e1")] == ["add", "merge"]


def test_the_audit_trail_is_shown_per_claim(example, db_url):
    at, desk = example
    claim = open_claim(at, "18 millions d’euros", desk)
    button(at, "Verified").click().run()
    bob = with_reviewer(new_session(article="1", claim=claim), "Bob")
    note_field(bob, claim).input("D05 says 15 million").run()
    button(bob, "Disputed").click().run()
    at.run()
    trail = next(e for e in at.expander if e.label.startswith("Audit trail"))
    assert trail.label == "Audit trail of this claim (2 changes)"
    table = trail.dataframe[0].value
    assert list(table["who"]) == ["Bob", "Alice"]  # newest first
    assert "status: verified → disputed" in table["before → after"].iloc[0]
    assert "note: — → D05 says 15 million" in table["before → after"].iloc[0]


# ---- two editors ------------------------------------------------------------------------------------


def test_two_editors_on_one_claim_the_second_is_refused_and_shown_the_first(example, db_url):
    alice, desk = example
    claim = open_claim(alice, "18 millions d’euros", desk)
    bob = with_reviewer(new_session(article="1", claim=claim), "Bob")
    # both look at version 1; Alice saves first
    note_field(alice, claim).input("D05 gives 15 million").run()
    button(alice, "Disputed").click().run()
    assert desk.load(1).claim(claim).version == 2
    note_field(bob, claim).input("looks right").run()
    button(bob, "Verified").click().run()
    assert not bob.exception
    warning = " ".join(w.value for w in bob.warning)
    assert "Not saved: Alice changed" in warning and "now disputed “D05 gives 15 million”" in warning
    assert "Your change (verified, “looks right”) was not applied" in warning and "your note is kept" in warning
    stored = desk.load(1).claim(claim)
    assert (stored.status, stored.reviewer, stored.note) == ("disputed", "Alice", "D05 gives 15 million")
    # Bob's text is not lost; having seen Alice's change, he may save his again, and it is audited
    assert note_field(bob, claim).value == "looks right"
    assert "disputed" in set(bob.dataframe[0].value["status"])
    button(bob, "Verified").click().run()
    stored = desk.load(1).claim(claim)
    assert (stored.status, stored.note, stored.reviewer, stored.version) == ("verified", "looks right", "Bob", 3)
    assert [t["actor"] for t in desk.audit_trail(1, claim)] == ["Alice", "Bob"]


def test_an_untouched_note_follows_the_other_editors_change(example, db_url):
    alice, desk = example
    claim = open_claim(alice, "35 millions d’euros", desk)
    bob = with_reviewer(new_session(article="1", claim=claim), "Bob")
    note_field(alice, claim).input("as in D04").run()
    button(alice, "Verified").click().run()
    bob.run()  # Bob's page reloads (any click does it): he had typed nothing, so he sees Alice's note
    assert note_field(bob, claim).value == "as in D04"
    button(bob, "Needs more").click().run()
    assert desk.load(1).claim(claim).status == "needs_more" and not bob.warning


def test_without_a_reviewer_nothing_can_be_changed(app, db_url):
    button(app, "Try an example").click().run()
    assert "Enter your name as reviewer" in messages(app)
    assert button(app, "Verified").disabled and button(app, "Add the claim").disabled


# ---- a reload keeps everything --------------------------------------------------------------------------


def test_a_reload_finds_the_article_the_claim_and_the_status(example):
    at, desk = example
    claim = open_claim(at, "35 millions d’euros", desk)
    button(at, "Disputed").click().run()
    fresh = new_session(article="1", claim=claim, reviewer="Alice")
    assert fresh.selectbox(key="pick-1").value == claim
    row = fresh.dataframe[0].value.set_index("id").loc[claim]
    assert row["status"] == "disputed" and desk.load(1).claim(claim).reviewer == "Alice"
    assert fresh.sidebar.text_input(key="reviewer_input").value == "Alice"


def test_the_table_is_filtered_and_sorted(example):
    at, desk = example
    at.multiselect(key="f_type@en").select("money").run()
    assert set(at.dataframe[0].value["type_name"]) == {"money"}
    at.multiselect(key="f_type@en").set_value([]).run()
    at.multiselect(key="f_suggestion@en").select("contradicted").run()
    assert set(at.dataframe[0].value["suggestion"]) == {"contradicted"}
    at.multiselect(key="f_suggestion@en").set_value([]).run()
    open_claim(at, "2022", desk)
    button(at, "Verified").click().run()
    at.selectbox(key="f_sort@en").select("status").run()
    statuses = list(at.dataframe[0].value["status"])
    assert statuses[0] == "unreviewed" and statuses[-1] == "verified"


def test_report_downloads_for_every_format(example):
    at, _ = example
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Markdown", "HTML (print)", "CSV (spreadsheet)", "JSON (full state)", "ClaimReview"]


# ---- articles -------------------------------------------------------------------------------------------


def test_articles_list_shows_progress_and_is_renamed_archived_and_opened(example):
    at, desk = example
    open_claim(at, "2019", desk)
    button(at, "Disputed").click().run()
    at.switch_page("ui/articles.py").run()
    assert not at.exception
    total = len(desk.load(1).live)
    assert any(f"1/{total} reviewed, 1 disputed" in str(p.proto.text) for p in at.get("progress"))
    assert "reviewers: Alice" in " ".join(c.value for c in at.caption)
    at.text_input(key="title-1").input("Norvane, checked").run()
    at.button(key="rename-1").click().run()
    assert desk.load(1).title == "Norvane, checked" and "Title saved." in messages(at)
    at.button(key="archive-1").click().run()
    assert desk.articles() == [] and "No article checked yet" in messages(at)
    at.toggle(key="show_archived").set_value(True).run()
    at.button(key="archive-1").click().run()
    assert desk.articles()[0].title == "Norvane, checked"
    at.button(key="open-1").click().run()
    assert not at.exception and at.query_params.get("article") == "1"


def test_a_json_report_is_imported_from_the_articles_page(example, db_url):
    at, desk = example
    from checker.messages import messages as words
    from checker.service import write_report

    data = write_report(desk, 1, "json", labels=dict(words("en")))
    at.switch_page("ui/articles.py").run()
    at.get("file_uploader")[0].upload("state.json", data, "application/json").run()
    button(at, "Import").click().run()
    assert not at.exception and at.query_params.get("article") == "2"
    assert len(desk.load(2).claims) == len(desk.load(1).claims)


# ---- languages ------------------------------------------------------------------------------------------


def test_the_interface_speaks_french_and_remembers_it(example):
    at, desk = example
    at.sidebar.selectbox(key="lang_input").select("fr").run()
    assert not at.exception and at.query_params.get("lang") == "fr"
    labels = {b.label for b in at.button}
    assert {"Vérifié", "Contesté", "À approfondir", "Prochaine non vérifiée"} <= labels
    assert set(at.dataframe[0].value["status"]) == {"unreviewed"}  # stored values; shown translated
    assert any("affirmations affichées" in c.value for c in at.caption)
    assert [b.label for b in at.get("download_button")][1] == "HTML (impression)"
    fresh = new_session(article="1", lang="fr")
    assert "Affirmation" in {s.label for s in fresh.selectbox}


# ---- new articles: paste, upload, bad input -------------------------------------------------------------


def submit(at):
    at.button(key="FormSubmitter:new_article-Extract and check").click().run()
    assert not at.exception


def test_empty_article_gives_a_clear_message(app):
    submit(app)
    assert "empty" in messages(app)


def test_binary_upload_gives_a_clear_message(app):
    app.get("file_uploader")[0].upload("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/plain")
    submit(app)
    assert "binary" in messages(app) and app.query_params.get("article") is None


def test_a_word_document_is_uploaded_and_checked(app, db_url):
    document = docx.Document()
    document.core_properties.title = "Budget de la ville"
    document.add_paragraph("Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d’euros.")
    buf = io.BytesIO()
    document.save(buf)
    app.get("file_uploader")[0].upload(
        "budget.docx", buf.getvalue(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    submit(app)
    assert app.query_params.get("article") == "1"
    article = Desk.open(db_url).load(1)
    assert article.title == "Budget de la ville" and any(c.claim.type == "money" for c in article.claims)


def test_a_bad_article_url_is_refused_and_the_text_kept(app):
    app.text_area[0].input("Le 3 mai 2024, Claire Martin a annoncé un budget.")
    app.text_input[1].input("javascript:alert(1)")
    submit(app)
    assert "must start with http" in messages(app) and app.query_params.get("article") is None
    assert app.text_area[0].value == "Le 3 mai 2024, Claire Martin a annoncé un budget."


def test_an_article_is_fetched_from_its_address(app, local_site, db_url):  # noqa: F811
    app.text_input(key="fetch_url").input(f"{local_site}/budget")
    app.button(key="FormSubmitter:fetch_article-Fetch and check").click().run()
    assert not app.exception and app.query_params.get("article") == "1"
    assert Desk.open(db_url).load(1).title == "Budget : la ville vote"


def test_a_page_that_cannot_be_fetched_says_why(app, local_site, db_url):  # noqa: F811
    app.text_input(key="fetch_url").input(f"{local_site}/missing")
    app.button(key="FormSubmitter:fetch_article-Fetch and check").click().run()
    assert not app.exception and "The page could not be fetched" in messages(app)
    assert app.query_params.get("article") is None and Desk.open(db_url).articles() == []


def test_an_article_without_claims_is_shown_plainly(app, db_url):
    app.text_area[0].input("Bonjour à toutes et à tous, belle journée.")
    submit(app)
    assert app.query_params.get("article") == "1" and "0 claims found" in messages(app)
    assert app.dataframe[0].value.empty and "0/0 reviewed" in " ".join(c.value for c in app.caption)
    assert [b.label for b in app.get("download_button")][0] == "Markdown"


def test_an_unknown_article_says_so(db_url):
    at = new_session(article="42")
    assert "There is no article 42" in messages(at)


# ---- the library page (its own helper's page) still opens ---------------------------------------------


def test_library_starts_with_the_demo_records(app):
    app.switch_page("ui/library.py").run()
    assert not app.exception
    assert len(app.dataframe[0].value) >= 8


# ---- the claims table: statuses and notes changed in place ---------------------------------------------


def test_a_status_and_note_changed_in_the_table_are_stored_at_once(example, db_url):
    at, desk = example
    table = at.data_editor[0]
    frame = table.value
    row = int(frame.index[frame["type_name"] == "money"][0]) if "money" in set(frame["type_name"]) else 0
    claim = frame.iloc[row]["id"]
    at.session_state[table.key] = {
        "edited_rows": {row: {"status": "disputed", "note": "figure from a press release"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    stored = Desk.open(db_url).load(1).claim(claim)
    assert (stored.status, stored.note, stored.reviewer, stored.version) == (
        "disputed",
        "figure from a press release",
        "Alice",
        2,
    )
    again = at.data_editor[0].value
    assert again.loc[again["id"] == claim, "status"].item() == "disputed"
    fresh = new_session(article="1")
    assert fresh.data_editor[0].value.loc[lambda f: f["id"] == claim, "status"].item() == "disputed"


def test_a_table_edit_on_an_old_version_is_refused(example, db_url):
    at, desk = example
    table = at.data_editor[0]
    claim = table.value.iloc[0]["id"]
    desk.review(1, claim, reviewer="Bob", status="verified")  # another editor, meanwhile
    at.session_state[table.key] = {"edited_rows": {0: {"status": "disputed"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and "Bob" in messages(at)
    assert Desk.open(db_url).load(1).claim(claim).status == "verified"


def test_ticking_open_shows_that_claims_evidence(example):
    at, desk = example
    table = at.data_editor[0]
    claim = table.value.iloc[3]["id"]
    at.session_state[table.key] = {"edited_rows": {3: {"open": True}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and at.query_params.get("claim") == claim


# ---- issue 11: the desk as an editor meets it -------------------------------------------------------------


def test_dismissing_starts_with_an_empty_reason_not_the_note(example):
    at, desk = example
    claim = open_claim(at, "Keystone Capital", desk)
    note_field(at, claim).input("earlier note about the fund").run()
    button(at, "Save note").click().run()
    assert desk.load(1).claim(claim).note == "earlier note about the fund"
    assert at.text_input(key=f"dismiss-note-1-{claim}").value == ""


def test_the_table_shows_what_an_editor_decides_with_first(example):
    at, _ = example
    frame = at.dataframe[0].value
    assert list(frame.columns[:6]) == ["open", "type", "text", "value", "suggestion", "status"]
    assert "score" not in frame.columns and "evidence" not in frame.columns
    assert set(frame["type"]) <= {"🟦", "🟩", "🟪", "🟧", "🟨"}


def test_the_audit_trail_is_written_in_french(example, db_url):
    at, desk = example
    open_claim(at, "35 millions d’euros", desk)
    button(at, "Disputed").click().run()
    at.sidebar.selectbox(key="lang_input").select("fr").run()
    trail = next(e for e in at.expander if "Historique" in e.label)
    change = trail.dataframe[0].value["avant → après"].iloc[0]
    assert change == "statut\u202f: non vérifié → contesté", change
    assert "(1\u202fmodification)" in trail.label or "(1 modification)" in trail.label


def test_try_an_example_twice_opens_the_same_article(app, db_url):
    button(app, "Try an example").click().run()
    app.query_params.clear()
    app.run()
    button(app, "Try an example").click().run()
    assert not app.exception and app.query_params.get("article") == "1"
    assert len(Desk.open(db_url).articles()) == 1


def test_without_a_date_the_editor_is_asked_before_relative_dates_are_resolved(app, db_url):
    text = "Cette semaine, la mairie a voté un budget de 4 millions d'euros, a dit Claire Martin."
    app.text_area[0].input(text)
    submit(app)
    assert "No publication date was given or found" in messages(app) and Desk.open(db_url).articles() == []
    app.checkbox(key="use_today").check()
    submit(app)
    article = Desk.open(db_url).load(1)
    assert article.published_from == "today" and "resolved against the day it was checked" in messages(app)


def test_the_date_the_article_states_is_used_and_shown(app, db_url):
    app.text_area[0].input("PARIS, 29 mai 2024 — Cette semaine, la mairie a voté un budget de 4 millions d'euros.")
    submit(app)
    article = Desk.open(db_url).load(1)
    assert article.published.isoformat() == "2024-05-29" and article.published_from == "text:PARIS, 29 mai 2024"
    assert "stated in the article: “PARIS, 29 mai 2024”" in " ".join(c.value for c in app.caption)


def test_the_database_address_is_only_in_the_about_panel(app):
    about = next(e for e in app.sidebar.expander if e.label == "About")
    assert any("Database" in c.value for c in about.caption)
    assert not any("Database" in c.value for c in app.sidebar.caption if c not in about.caption)


def test_demo_records_are_marked_listed_apart_and_removed_in_one_action(app, db_url):
    app.switch_page("ui/library.py").run()
    demo = next(e for e in app.expander if e.label.startswith("Demo records"))
    n = len(demo.dataframe[0].value)
    assert n >= 8 and app.dataframe[0].value["demo"].any()
    app.button(key="library_demo_remove").click().run()
    assert not app.exception and f"{n} demo records removed" in messages(app)
    assert Library.open(db_url).count() == 0 and not [e for e in app.expander if e.label.startswith("Demo")]
    assert len(Library.open(db_url).deleted()) == n
