"""Small files that would cost minutes and gigabytes are refused in one plain line (issue 12, point 4).

What a file becomes is bounded, not only its size on disk: the rows and cells of a workbook, the XML,
paragraphs and text of a Word document, the columns of a CSV header, the keys of a JSON record, the
claims of an article, the size and claims of a JSON report; and what is read is read linearly. The
files are built by benchmarks/bench_hostile_files.py, which measures their time and memory (no timing
here: each test checks the refusal and its words).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.bench_hostile_files import (
    _XLSX_PARTS,
    _cell,
    build_csv_columns,
    build_docx_styles,
    build_json_keys,
    build_report,
    build_xlsx_rows,
    one_sentence,
)
from checker.desk import Desk
from checker.inputs import MAX_ARTICLE_BYTES, InputError, read_article
from checker.service import check_and_store, import_report
from claims import extract
from sources.demo import seed_demo
from sources.importers import MAX_ERRORS_KEPT, ImportFormatError, parse_file, scan_path
from sources.library import Library

APP = str(Path(__file__).resolve().parent.parent.parent / "app.py")


def refused(name: str, data: bytes) -> str:
    with pytest.raises(ImportFormatError) as caught:
        parse_file(name, data)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300, message
    return message


def sheet(body: bytes, dimension: str = "") -> bytes:
    """A workbook whose first sheet has a header (title, excerpt), then `body` (rows as XML)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in _XLSX_PARTS.items():
            z.writestr(name, text)
        z.writestr(
            "xl/worksheets/sheet1.xml",
            b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + dimension.encode()
            + b"<sheetData>"
            + f"<row>{_cell('title')}{_cell('excerpt')}</row>".encode()
            + body
            + b"</sheetData></worksheet>",
        )
    return buf.getvalue()


# ---- workbooks -----------------------------------------------------------------------------------


def test_a_small_workbook_of_millions_of_rows_is_refused_as_a_bomb(tmp_path):
    path = tmp_path / "rows.xlsx"
    build_xlsx_rows(path)  # the issue's: 0.6 MB, 4.1M rows of one cell
    assert path.stat().st_size < 1_000_000
    message = refused(path.name, path.read_bytes())
    assert "unpacks from 0.6 MB to 201 MB" in message and "decompression bomb" in message
    with pytest.raises(ImportFormatError, match="decompression bomb"):
        scan_path(path)  # the command line's way in


def test_a_workbook_of_more_rows_than_excel_holds_is_refused_before_they_are_read():
    rows = b"".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>t{i}</t></is></c></row>'.encode() for i in range(2, 1_100_000)
    )
    message = refused("rows.xlsx", sheet(rows))
    assert "a sheet holds more than 1,048,576 rows, Excel's own limit" in message


@pytest.mark.parametrize(
    "body, dimension, words",
    [
        (b"", '<dimension ref="A1:XFD1048576"/>', "the sheet says it spans 16,384 columns"),
        (b"", '<dimension ref="A1:B4000000"/>', "the sheet says it spans 4,000,000 rows"),
        (b'<row><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>', "", "row 2 reaches column XFD"),
        (
            b'<row r="4000000"><c r="A4000000" t="inlineStr"><is><t>x</t></is></c></row>',
            "",
            "the sheet goes on past row 1,048,576",
        ),
    ],
)
def test_a_workbook_spanning_more_than_a_table_of_records_is_refused(body, dimension, words):
    assert words in refused("wide.xlsx", sheet(body, dimension))


def test_a_workbook_of_many_bad_rows_keeps_a_bounded_number_of_reasons():
    rows = f"<row>{_cell('only a title')}</row>".encode() * (MAX_ERRORS_KEPT * 3)
    parsed = parse_file("bad.xlsx", sheet(rows))
    assert parsed.bad == MAX_ERRORS_KEPT * 3 and len(parsed.errors) == MAX_ERRORS_KEPT
    assert parsed.errors[0].reason == "empty excerpt"


# ---- CSV and JSON ---------------------------------------------------------------------------------


def test_a_csv_header_of_a_million_columns_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    build_csv_columns(path)
    message = refused(path.name, path.read_bytes())
    assert message.startswith("the header line has 1,000,000 columns; a file of records has at most 1,000")


def test_a_json_record_of_a_million_keys_is_refused(tmp_path):
    path = tmp_path / "wide.json"
    build_json_keys(path)
    assert refused(path.name, path.read_bytes()).startswith("item 1 has 1,000,000 keys; a file of records has at most")


def test_json_records_of_too_many_different_keys_are_refused():
    items = [{"title": "T", "excerpt": "E", **{f"k{i}-{j}": 1 for j in range(10)}} for i in range(200)]
    assert "the first items have 1,002 different keys" in refused("keys.json", json.dumps(items).encode())
    lines = "\n".join(json.dumps(item) for item in items)
    assert "the first lines have 1,002 different keys" in refused("keys.jsonl", lines.encode())


def test_a_file_just_inside_the_limits_is_read():
    header = ",".join(["title", "excerpt"] + [f"tag{i}" for i in range(998)])
    row = ",".join(["Budget", "Le budget atteint 4 millions d'euros."] + ["x"] * 998)
    parsed = parse_file("ok.csv", f"{header}\n{row}\n".encode())
    assert parsed.good == 1 and len(parsed.records[0].tags) == 998


# ---- Word documents -------------------------------------------------------------------------------


def test_a_small_document_that_unpacks_to_43_mb_is_refused(tmp_path):
    path = tmp_path / "styles.docx"
    build_docx_styles(path)  # 0.26 MB: 20,000 styles and 300,000 paragraphs, 43 MB unpacked
    with pytest.raises(InputError) as caught:
        read_article(path.read_bytes(), name=path.name)
    assert "holds 43 MB of text and layout once unpacked, more than the 20 MB of the longest article" in str(
        caught.value
    )


def test_the_title_of_a_document_of_many_styles_is_found(tmp_path):
    path = tmp_path / "styles.docx"
    build_docx_styles(path, styles=20_000, paragraphs=20_000, heading="Le budget de la ville")
    read = read_article(path.read_bytes(), name=path.name)
    assert read.title == "Le budget de la ville" and read.text.count("Mot") == 20_000


@pytest.mark.parametrize(
    "paragraphs, words, message",
    [
        (60_000, "Mot", "has more than 50,000 paragraphs; it is not an article"),
        (1_100, "Mot " * 500, f"holds more than {MAX_ARTICLE_BYTES // 1_000_000} MB of text; split it before checking"),
    ],
)
def test_a_document_of_too_many_paragraphs_or_too_much_text_is_refused(tmp_path, paragraphs, words, message):
    path = tmp_path / "long.docx"
    build_docx_styles(path, styles=10, paragraphs=paragraphs)
    data = path.read_bytes()  # its paragraphs hold one word: longer ones for the text's limit
    if words != "Mot":
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                part = src.read(info)
                dst.writestr(
                    info,
                    part.replace(b">Mot <", f">{words}<".encode()) if info.filename == "word/document.xml" else part,
                )
        data = buf.getvalue()
    with pytest.raises(InputError, match=message):
        read_article(data, name="long.docx")


# ---- long sentences, many claims, large reports ---------------------------------------------------


def test_a_sentence_of_104_kb_gives_each_claim_a_bounded_window_of_it():
    text = one_sentence(104_000)
    result = extract(text, language="fr", published=dt.date(2024, 6, 1))
    assert len(result.claims) > 3_000
    for c in result.claims:
        assert len(c.sentence) <= 1_000 and text[c.sentence_start : c.sentence_end] == c.sentence
        assert c.sentence_start <= c.start and c.end <= c.sentence_end
        assert not c.sentence[:1].isspace() and not c.sentence[-1:].isspace()
    assert len(json.dumps(result.to_json(), ensure_ascii=False)) < 10_000_000  # 394 MB before


def test_an_article_of_too_many_claims_is_refused_before_they_are_matched():
    library = Library.open("sqlite://")
    seed_demo(library)
    desk = Desk(library.engine)
    with pytest.raises(
        InputError, match=r"^the article gives 5,4\d\d claims; the desk takes at most 5,000 in one article"
    ):
        check_and_store(one_sentence(150_000), library, desk, language="fr", published=dt.date(2024, 6, 1))
    assert desk.articles() == []


def test_a_report_of_more_claims_than_an_article_takes_is_refused(tmp_path):
    path = tmp_path / "report.json"
    build_report(path, claims=5_200)
    desk = Desk.open("sqlite://")
    with pytest.raises(InputError, match="claims has 5,200 items; at most 5,000$"):
        import_report(path.read_bytes(), desk, reviewer="Zoe")
    build_report(path, claims=1_000)  # and one inside the limit is imported
    assert len(desk.load(import_report(path.read_bytes(), desk, reviewer="Zoe")).claims) == 1_000


# ---- the pages say it in words ------------------------------------------------------------------


def test_the_pages_show_the_refusals_in_words(tmp_path, db_url):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    csv_path, docx_path = tmp_path / "wide.csv", tmp_path / "styles.docx"
    build_csv_columns(csv_path)
    build_docx_styles(docx_path)
    at.switch_page("ui/library.py").run()
    at.get("file_uploader")[0].upload("wide.csv", csv_path.read_bytes(), "text/csv").run()
    assert not at.exception
    assert any("wide.csv cannot be imported: the header line has 1,000,000 columns" in e.value for e in at.error)
    at.switch_page("ui/check.py").run()
    at.get("file_uploader")[0].upload(
        "styles.docx", docx_path.read_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    at.button(key="FormSubmitter:new_article-Extract and check").click().run()
    assert not at.exception and at.query_params.get("article") is None
    assert any("of text and layout once unpacked" in e.value for e in at.error)
