"""The library page, driven with AppTest: import with a preview (good rows or nothing), fetch by URL
with a preview, search with filters, edit, delete and restore."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sources.fetch import ALLOWED_HOSTS_SETTING
from sources.library import Library

APP = str(Path(__file__).resolve().parents[2] / "app.py")

PAGE = """<html lang="en"><head><title>Harbour works approved</title>
<meta property="og:site_name" content="Tidewater Courier">
<meta property="article:published_time" content="2024-06-11"></head><body><article>
<h1>Harbour works approved</h1>
<p>The Tidewater council approved on 10 June 2024 a budget of $18.5 million for the harbour wall, after a debate
that lasted most of the evening and split the majority group down the middle.</p>
<p>“The wall will be finished before the winter storms of 2026,” said Nadia Fenwick, the council's treasurer, who
added that the contractor, Quayside Works, had agreed to penalties for any delay beyond that date.</p>
</article></body></html>"""


class Site(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        body = PAGE.encode() if self.path == "/harbour" else b"<html><body>missing</body></html>"
        self.send_response(200 if self.path == "/harbour" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(db_url, monkeypatch):
    monkeypatch.delenv(ALLOWED_HOSTS_SETTING, raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("ui/library.py").run()
    assert not at.exception
    return at


def messages(at) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.warning, *at.success, *at.info])


def button(at, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r} in {[b.label for b in at.button]}"
    return found[0]


def ids(at) -> list[str]:
    return list(at.dataframe[0].value["id"])


def upload(at, name: str, data: bytes):
    at.get("file_uploader")[0].upload(name, data, "text/csv").run()
    assert not at.exception
    return at


CSV = (
    "id,title,publisher,published,language,excerpt,desk\n"
    "U1,Budget,Mairie,2024-05-03,fr,\"Le budget atteint 4 millions d'euros.\",local\n"
    "U2,Sans texte,Mairie,2024-05-03,fr,,\n"
    "U3,Port,Harbour board,2021-01-02,en,The marina will cost £3 million.,\n"
    "U4,Date,Mairie,bientôt,fr,Un texte.,\n"
)


def test_import_shows_rows_and_errors_then_imports_the_good_rows(page, db_url):
    before = Library.open(db_url).count()
    upload(page, "records.csv", CSV.encode())
    text = messages(page)
    assert "2 rows of records.csv cannot be imported" in text
    errors = page.dataframe[1].value
    assert (
        list(errors["row"]) == [3, 5]
        and "empty excerpt" in errors["reason"][0]
        and "unreadable date" in errors["reason"][1]
    )
    assert list(page.dataframe[2].value["id"]) == ["U1", "U3"]
    assert Library.open(db_url).count() == before  # nothing stored before the editor chooses
    button(page, "Import the 2 good rows").click().run()
    assert not page.exception and "Imported 2 records from records.csv; duplicates skipped: 0" in messages(page)
    library = Library.open(db_url)
    assert library.count() == before + 2 and library.get("U1").tags == (("desk", "local"),)


def test_import_nothing_stores_nothing(page, db_url):
    before = Library.open(db_url).count()
    upload(page, "records.csv", CSV.encode())
    button(page, "Import nothing").click().run()
    assert not page.exception and "Nothing was imported from records.csv" in messages(page)
    assert Library.open(db_url).count() == before
    assert not [b for b in page.button if b.label.startswith("Import the")]


def test_an_unreadable_file_is_refused_with_its_reason(page, db_url):
    upload(page, "records.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "records.csv cannot be imported: the file is binary, not text; save it as UTF-8 text" in messages(page)
    assert not [b for b in page.button if b.label.startswith("Import")]


def test_fetch_shows_passages_then_stores_them(page, db_url, site, monkeypatch):
    monkeypatch.setenv(ALLOWED_HOSTS_SETTING, "127.0.0.1")
    before = Library.open(db_url).count()
    page.text_input(key="library_fetch_url").input(f"{site}/harbour")
    page.button(key="FormSubmitter:library_fetch_form-Fetch").click().run()
    assert not page.exception
    passages = next(d.value for d in page.dataframe if "passage" in d.value.columns)
    assert len(passages) >= 1 and "$18.5 million" in " ".join(passages["excerpt"])
    assert Library.open(db_url).count() == before
    store = next(b for b in page.button if b.label.startswith("Store "))
    store.click().run()
    assert not page.exception and "Stored" in messages(page)
    library = Library.open(db_url)
    assert library.count() == before + len(passages)
    stored = library.search("harbour wall")
    assert stored and stored[0].publisher == "Tidewater Courier" and stored[0].retrieved_at is not None


def test_fetch_refuses_an_internal_address_by_default(page, db_url, site):
    before = Library.open(db_url).count()
    page.text_input(key="library_fetch_url").input(f"{site}/harbour")
    page.button(key="FormSubmitter:library_fetch_form-Fetch").click().run()
    assert not page.exception and "The page was not fetched" in messages(page) and "127.0.0.1" in messages(page)
    assert Library.open(db_url).count() == before


def test_search_with_filters(page):
    everything = ids(page)
    assert len(everything) >= 8
    page.selectbox(key="library_language").select("en").run()
    english = ids(page)
    assert english and set(english) < set(everything)
    page.text_input(key="library_query").input("Keystone").run()
    assert not page.exception and ids(page) and set(ids(page)) <= set(english)
    page.text_input(key="library_query").input("no such words anywhere").run()
    assert ids(page) == []


def test_edit_then_delete_then_restore(page, db_url):
    page.text_input(key="library_query").input("D01").run()
    assert ids(page) == ["D01"]
    page.selectbox(key="library_edit_id").select("D01").run()
    page.text_input(key="edit_title_D01").input("Norvane lève 125 millions d'euros")
    page.text_area(key="edit_tags_D01").input("desk=économie")
    page.button(key="FormSubmitter:edit_D01-Save changes").click().run()
    assert not page.exception and "Saved D01" in messages(page)
    library = Library.open(db_url)
    assert library.get("D01").title == "Norvane lève 125 millions d'euros"
    assert library.get("D01").tags == (("desk", "économie"),)
    assert library.audit_trail("D01")[-1]["action"] == "edit"

    page.button(key="library_delete").click().run()
    assert not page.exception and "Deleted D01" in messages(page)
    assert ids(page) == [] and "D01" not in [r.id for r in Library.open(db_url).iter_records()]
    page.selectbox(key="library_restore_id").select("D01").run()
    page.button(key="library_restore").click().run()
    assert not page.exception and "Restored D01" in messages(page)
    assert Library.open(db_url).get("D01").title.startswith("Norvane lève")


def test_a_bad_edit_is_refused_with_its_reason(page, db_url):
    page.text_input(key="library_query").input("D02").run()
    page.text_area(key="edit_excerpt_D02").input("   ")
    page.button(key="FormSubmitter:edit_D02-Save changes").click().run()
    assert not page.exception and "empty excerpt" in messages(page)
    assert Library.open(db_url).get("D02").excerpt.startswith("Keystone Capital")


def test_add_a_record_by_form(page, db_url):
    page.text_input(key="add_title").input("Budget du port")
    page.text_area(key="add_excerpt").input("Le port de Lanvoie coûtera 7 millions d’euros, selon la mairie.")
    page.text_input(key="add_id").input("F1")
    page.button(key="FormSubmitter:add_record-Add to the library").click().run()
    assert not page.exception and "Added record F1" in messages(page)
    assert Library.open(db_url).get("F1").language == "fr"
    page.text_input(key="add_title").input("Budget du port")
    page.text_area(key="add_excerpt").input("")
    page.button(key="FormSubmitter:add_record-Add to the library").click().run()
    assert "empty excerpt" in messages(page)


# ---- in French --------------------------------------------------------------------------------------


def in_french(at):
    at.sidebar.selectbox(key="lang_input").select("fr").run()
    assert not at.exception and at.query_params.get("lang") == "fr"
    return at


def test_the_page_speaks_french(page):
    in_french(page)
    assert [x.value for x in page.title] == ["Bibliothèque de sources"]
    assert [tab.label for tab in page.tabs] == [
        "Rechercher et modifier",
        "Ajouter une fiche",
        "Importer un fichier",
        "Récupérer une page",
        "Fiches supprimées",
    ]
    assert {"Recherche", "Éditeur", "Titre *", "Numéro (facultatif)", "Adresse de la page"} <= {
        x.label for x in page.text_input
    }
    assert {"Publiée à partir du", "Date de publication"} <= {x.label for x in page.date_input}
    assert page.selectbox(key="library_language").options == ["toutes", "français", "anglais"]
    assert {"Enregistrer les modifications", "Ajouter à la bibliothèque", "Récupérer"} <= {b.label for b in page.button}
    assert any(c.value.endswith(" fiches") for c in page.caption)
    # the table keeps its data columns and shows French headers
    assert '"label": "\\u00e9diteur"' in page.dataframe[0].proto.columns and "publisher" in page.dataframe[0].value
    # the core's words stay as they are, inside the page's French
    page.text_input(key="library_query").input("D02").run()
    page.text_area(key="edit_tags_D02").input("sans signe égal")
    page.button(key="FormSubmitter:edit_D02-Enregistrer les modifications").click().run()
    assert (
        not page.exception
        and "L’enregistrement de D02\u202f: étiquettes, ligne 1\u202f: écrivez nom=valeur" in messages(page)
    )


def test_import_in_french(page, db_url):
    before = Library.open(db_url).count()
    in_french(page)
    upload(page, "records.csv", CSV.encode())
    text = messages(page)
    assert "2 lignes de records.csv ne peuvent pas être importées" in text
    assert "empty excerpt" in page.dataframe[1].value["reason"][0]  # a row's refusal: the core's words
    button(page, "Importer les 2 lignes valables").click().run()
    assert not page.exception
    assert "2 fiches importées depuis records.csv\u202f; doublons ignorés\u202f: 0." in messages(page)
    assert Library.open(db_url).count() == before + 2


def test_counts_in_french_group_thousands_with_a_thin_space(page, db_url):
    in_french(page)
    rows = "".join(
        f"M{n},Fiche {n},Mairie,2024-05-03,fr,Le budget {n} atteint 4 millions d'euros.\n" for n in range(1200)
    )
    upload(page, "big.csv", ("id,title,publisher,published,language,excerpt\n" + rows).encode())
    assert "Importer 1\u202f200 fiches" in {b.label for b in page.button}
    button(page, "Ne rien importer").click().run()
    assert not page.exception and "Rien n’a été importé depuis big.csv." in messages(page)


def test_a_refused_fetch_in_french(page, site):
    in_french(page)
    page.text_input(key="library_fetch_url").input(f"{site}/harbour")
    page.button(key="FormSubmitter:library_fetch_form-Récupérer").click().run()
    assert (
        not page.exception
        and "La page n’a pas été récupérée\u202f: " in messages(page)
        and "127.0.0.1" in messages(page)
    )


def test_the_import_bar_says_the_rate_and_the_time_left_in_the_editors_language(monkeypatch):
    import ui.common
    from checker.storage import ProgressReading

    reading = ProgressReading(done=12_000, total=50_000, rate=1_850.4, elapsed=7.0)
    assert ui.common.progress_text(reading) == "12,000/50,000 records · 1,850 a second · about 21 s left"
    assert ui.common.progress_text(ProgressReading(0, 50_000, 0.0, 0.2)) == "0/50,000 records"
    monkeypatch.setattr(ui.common, "lang", lambda: "fr")
    assert (
        ui.common.progress_text(reading)
        == "12\u202f000/50\u202f000 fiches · 1\u202f850 par seconde · encore environ 21 s"
    )
    assert ui.common.progress_text(ProgressReading(50_000, 50_000, 2_000.0, 25.0)) == (
        "50\u202f000/50\u202f000 fiches · enregistrement…"
    )
