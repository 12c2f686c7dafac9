"""The Streamlit workbench, driven with AppTest: extraction, review, import, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checker.desk import Desk

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(db_url):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def messages(at) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.warning, *at.success, *at.info])


def page_with_reviewer(at, name="Alice"):
    at.sidebar.text_input(key="reviewer_input").input(name).run()
    return at


def test_example_is_extracted_matched_and_a_status_edit_is_stored(app, db_url):
    next(b for b in app.button if b.label == "Try an example").click().run()
    assert not app.exception and app.query_params.get("article") == "1"
    table = app.data_editor[0].value
    assert {"date", "money", "person", "organization", "quote"} <= set(table["type"])
    assert table["suggestion"].str.contains("supported").any()
    page_with_reviewer(app)
    key = app.data_editor[0].key
    row = int(table.index[table["type"] == "money"][0])
    app.session_state[key] = {"edited_rows": {row: {"status": "disputed", "note": "check the filing"}},
                              "added_rows": [], "deleted_rows": []}
    app.run()
    assert not app.exception and "Saved 1 change" in messages(app)
    stored = Desk.open(db_url).load(1).claim(table.iloc[row]["id"])
    assert (stored.status, stored.note, stored.reviewer) == ("disputed", "check the filing", "Alice")
    # a new session (a reload) finds the article and the status again
    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.query_params["article"] = "1"
    fresh.run()
    again = fresh.data_editor[0].value
    assert again.iloc[row]["status"] == "disputed"


def test_empty_article_gives_a_clear_message(app):
    app.button(key="FormSubmitter:new_article-Extract and check").click().run()
    assert not app.exception and "empty" in messages(app)


def test_binary_upload_gives_a_clear_message(app):
    uploader = app.get("file_uploader")[0]
    uploader.upload("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/plain")
    app.button(key="FormSubmitter:new_article-Extract and check").click().run()
    assert not app.exception and "binary" in messages(app)


def test_csv_with_a_wrong_header_is_refused(app):
    app.switch_page("ui/library.py").run()
    uploader = app.get("file_uploader")[0]
    uploader.upload("records.csv", b"name,body text\nA,B\n", "text/csv").run()
    assert not app.exception
    assert "missing columns: title, excerpt" in messages(app)
    assert not any(b.label.startswith("Import") for b in app.button)


def test_library_starts_with_the_demo_records(app):
    app.switch_page("ui/library.py").run()
    assert not app.exception
    assert len(app.dataframe[0].value) >= 8
