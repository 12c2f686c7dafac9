"""Articles handed in as files: text, HTML (markup and scripts never kept), Word .docx; clear refusals."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from checker.inputs import InputError, check_article_text, decode_article, read_article

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Budget : la ville vote</title>
<script>var secret = "<p>hidden</p>"; alert(1)</script><style>p { color: red }</style></head>
<body><nav>Accueil | Politique</nav>
<article><h1>Budget : la ville vote</h1>
<p>Le 3 mai 2024, Claire Martin a annoncé
un budget de 4&nbsp;milliards d’euros pour la ville.</p>
<p>« Nous tiendrons nos promesses », a-t-elle déclaré devant le conseil. <script>document.write("evil")</script></p>
<p onclick="alert(2)">Le vote aura lieu <b>la semaine prochaine</b>.</p></article>
<footer>© Le Journal</footer></body></html>"""


@pytest.mark.parametrize("markup", [PAGE.encode("utf-8"), PAGE.replace("utf-8", "windows-1252").encode("cp1252")])
def test_html_gives_the_text_without_markup_or_scripts(markup):
    article = read_article(markup, name="page.html")
    assert article.title == "Budget : la ville vote"
    text = article.text.replace("\u00a0", " ")  # trafilatura turns &nbsp; into a space; the extractor reads both
    assert "Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d’euros pour la ville." in text
    assert "« Nous tiendrons nos promesses »" in text and "la semaine prochaine" in text
    for gone in ("alert", "evil", "hidden", "<", "color: red", "onclick"):
        assert gone not in text


def test_a_short_html_fragment_is_read_too():
    text = decode_article(
        b"<p>Le 3 mai 2024, <i>Claire Martin</i> a parl\xc3\xa9.</p><script>x()</script>", name="a.htm"
    )
    assert text.strip() == "Le 3 mai 2024, Claire Martin a parlé."


def word_document(*, title: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.add_heading("Le budget de la ville", 1)
    document.add_paragraph("Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d’euros.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Poste", "Montant"
    table.cell(1, 0).text, table.cell(1, 1).text = "Écoles", "120 millions d’euros"
    document.add_paragraph("Le vote aura lieu en juin.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_gives_paragraphs_and_tables_in_order():
    article = read_article(word_document(title="Budget 2024"), name="budget.docx")
    assert article.title == "Budget 2024"
    lines = [line for line in article.text.splitlines() if line]
    assert lines == [
        "Le budget de la ville",
        "Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d’euros.",
        "Poste",
        "Montant",
        "Écoles",
        "120 millions d’euros",
        "Le vote aura lieu en juin.",
    ]
    assert read_article(word_document(), name="b.docx").title == "Le budget de la ville"  # from the heading


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"PK\x03\x04 not really a zip", "a.docx", "not a Word document"),
        (zipped({"content.xml": b"<x/>"}), "a.docx", "not a Word document"),
        (zipped({"word/document.xml": b"\0" * 60_000_000}), "bomb.docx", "unpacks to more than"),
        (b"%PDF-1.7 ...", "a.pdf", ".pdf files cannot be read"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.txt", "binary"),
        (b"", "empty.html", "empty"),
        (b"<html><body><script>only()</script></body></html>", "a.html", "empty"),
        (b"   \n  ", "a.txt", "empty"),
        (b"12 345 678", "a.txt", "no words"),
        (b"x" * 2_000_001, "big.txt", "larger than"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data, name, message):
    with pytest.raises(InputError, match=message):
        read_article(data, name=name)


def test_text_files_in_utf8_or_windows_1252():
    assert decode_article("Le 3 mai, l’État a payé.".encode("utf-8-sig"), name="a.txt") == "Le 3 mai, l’État a payé."
    assert decode_article("Le 3 mai, l’État a payé.".encode("cp1252"), name="a.md") == "Le 3 mai, l’État a payé."
    assert decode_article(b"line one\r\nline two", name="notes.text") == "line one\nline two"


def test_one_bad_byte_leaves_a_utf8_article_utf8_and_names_its_line():
    data = "Le 3 mai, l’État a payé.\nLa mairie d’Orléans a voté.\nFin.".encode().replace(
        "Orléans".encode(), b"Orl\xe9ans"
    )
    read = read_article(data, name="a.txt")
    assert read.text == "Le 3 mai, l’État a payé.\nLa mairie d’Orl\ufffdans a voté.\nFin."  # not "payÃ©"
    (warning,) = read.warnings
    assert warning.startswith("'a.txt' is UTF-8 with bytes that cannot be read on line 2;")
    assert not read_article("Le 3 mai, l’État a payé.".encode(), name="a.txt").warnings
    page = (
        f"<html><head><meta charset='utf-8'><title>T</title></head><body><p>{'Le conseil a voté. ' * 20}</p>"
        "<p>Orléans paie.</p></body></html>"
    )
    read = read_article(page.encode().replace("Orléans".encode(), b"Orl\xe9ans"), name="p.html")
    assert "Orl\ufffdans paie." in read.text and "a voté" in read.text and "line 1;" in read.warnings[0]


def test_a_windows_1252_file_is_still_windows_1252():
    data = "Le 3 mai, l’État a payé 4 millions d’euros à Orléans.".encode("cp1252")
    read = read_article(data, name="a.txt")
    assert read.text == "Le 3 mai, l’État a payé 4 millions d’euros à Orléans." and not read.warnings


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_files_are_read(encoding):
    text = "Le 3 mai, l’État a payé 4 millions d’euros.\nDeuxième ligne."
    read = read_article(text.encode(encoding), name="a.txt")
    assert read.text == text and not read.warnings
    assert decode_article(text.encode(encoding), name="notes") == text  # no extension: still text


def test_a_vertical_tab_is_white_space():
    text = "\v".join(["Le 3 mai 2024, la ville a voté un budget de 4 millions d’euros."] * 12)
    read = read_article(text.encode(), name="word-export.txt")  # Word writes its line breaks as \v
    assert read.text.split("\n") == ["Le 3 mai 2024, la ville a voté un budget de 4 millions d’euros."] * 12


def test_nul_characters_are_removed_from_the_text():
    assert check_article_text("Le 3 mai,\x00 la ville a voté.") == "Le 3 mai, la ville a voté."


# ---- by URL, through the library's safe fetcher (a local server; no internet) -------------------------

ARTICLE_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Budget : la ville vote</title>
<meta property="article:published_time" content="2024-05-06"><script>alert("x")</script></head><body><article>
<h1>Budget : la ville vote</h1>
<p>Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d’euros pour la ville. Les écoles recevront
120 millions d’euros, selon le document présenté au conseil municipal.</p>
<p>« Nous tiendrons nos promesses », a déclaré Claire Martin devant les élus, qui voteront le texte en juin.</p>
</article></body></html>"""


@pytest.fixture
def local_site(monkeypatch):
    """A page served on 127.0.0.1, which the fetcher may reach only because the setting allows it."""
    import http.server
    import threading

    pytest.importorskip("sources.fetch")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body = ARTICLE_PAGE.encode("utf-8") if self.path == "/budget" else b"not here"
            self.send_response(200 if self.path == "/budget" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("FACTCHECK_FETCH_ALLOWED_HOSTS", "127.0.0.1")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_article_is_fetched_checked_and_stored(local_site, fresh_library):
    from checker.desk import Desk
    from checker.service import fetch_and_store

    desk = Desk(fresh_library.engine)
    article_id, result = fetch_and_store(f"{local_site}/budget", fresh_library, desk, reviewer="Ana")
    article = desk.load(article_id)
    assert article.title == "Budget : la ville vote" and article.url == f"{local_site}/budget"
    assert article.language == "fr" and "alert" not in article.body
    assert any(c.claim.text == "4 milliards d’euros" for c in article.claims)


def test_a_refused_or_missing_page_stores_nothing(local_site, fresh_library, monkeypatch):
    from checker.desk import Desk
    from checker.service import fetch_and_store, fetch_errors

    desk = Desk(fresh_library.engine)
    with pytest.raises(fetch_errors()):
        fetch_and_store(f"{local_site}/nothing", fresh_library, desk)
    monkeypatch.setenv("FACTCHECK_FETCH_ALLOWED_HOSTS", "")
    with pytest.raises(fetch_errors()) as info:
        fetch_and_store(f"{local_site}/budget", fresh_library, desk)
    assert str(info.value)  # a message written for the editor
    assert desk.articles() == []


def test_a_page_and_a_document_give_their_date_and_author():
    import datetime as dt

    import docx

    page = read_article(
        b"""<html><head><title>Budget</title><meta name="author" content="Marie Dupont">
<meta property="article:published_time" content="2024-06-11T08:00:00Z"></head><body><article>
<p>La ville a vot\xc3\xa9 un budget de 4 millions d'euros pour le port, apr\xc3\xa8s un long d\xc3\xa9bat du conseil municipal.</p>
</article></body></html>""",
        name="page.html",
    )
    assert (page.published, page.published_from, page.author) == (dt.date(2024, 6, 11), "page", "Marie Dupont")
    document = docx.Document()
    document.add_paragraph("La ville a voté un budget de 4 millions d'euros pour le port.")
    document.core_properties.created = dt.datetime(2024, 5, 29, 9, 0)
    document.core_properties.author = "Jean Martin"
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_article(buffer.getvalue(), name="article.docx")
    assert (read.published, read.published_from, read.author) == (dt.date(2024, 5, 29), "document", "Jean Martin")
