"""Importing records: formats, bad rows with their reasons, and all-or-nothing storage."""

from __future__ import annotations

import io
import json

import pytest

from sources.importers import ImportFormatError, parse_file
from sources.library import Library

HEADER = "id,title,publisher,url,published,language,excerpt\n"
GOOD = ('R1,Budget vote,City Hall,https://example.org/a,2024-03-01,en,"The council approved a budget of $12 million."\n'
        'R2,Tram line,Daily,https://example.org/b,2024-03-02,fr,"Le tramway coûtera 480 millions d\'euros."\n')


def test_good_csv():
    parsed = parse_file("lib.csv", (HEADER + GOOD).encode())
    assert parsed.ok and [r.id for r in parsed.records] == ["R1", "R2"]
    assert parsed.records[1].published.isoformat() == "2024-03-02"


def test_missing_column_is_refused_with_row_one():
    parsed = parse_file("lib.csv", b"id,title,publisher\nR1,Budget,City Hall\n")
    assert not parsed.records
    assert parsed.errors[0].row == 1 and "missing column" in parsed.errors[0].reason and "excerpt" in parsed.errors[0].reason


def test_bad_rows_are_listed_with_numbers_and_reasons():
    body = HEADER + GOOD + "R3,Bad date,X,,31/13/2024,en,Some text\nR4,Empty,X,,2024-01-01,en,\n"
    parsed = parse_file("lib.csv", body.encode())
    reasons = {e.row: e.reason for e in parsed.errors}
    assert set(reasons) == {4, 5}
    assert "unreadable date" in reasons[4] and "empty excerpt" in reasons[5]


def test_semicolons_bom_and_windows_1252():
    body = HEADER.replace(",", ";") + "R1;Vote;Mairie;;01/03/2024;fr;Le conseil a voté 3 millions d'euros.\n"
    parsed = parse_file("lib.csv", b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert parsed.ok and parsed.records[0].excerpt.startswith("Le conseil")
    parsed = parse_file("lib.csv", body.replace("Mairie", "Préfecture").encode("cp1252"))
    assert parsed.ok and parsed.records[0].publisher == "Préfecture"


def test_utf16_is_refused_clearly():
    with pytest.raises(ImportFormatError, match="UTF-16"):
        parse_file("lib.csv", (HEADER + GOOD).encode("utf-16"))


def test_embedded_newlines_and_formula_cells_are_text():
    body = HEADER + 'R1,"=HYPERLINK(""http://x"")",X,,2024-01-01,en,"Line one\nline two"\n'
    parsed = parse_file("lib.csv", body.encode())
    assert parsed.ok
    assert parsed.records[0].title == '=HYPERLINK("http://x")'
    assert parsed.records[0].excerpt == "Line one\nline two"


def test_extra_columns_become_tags():
    parsed = parse_file("lib.csv", (HEADER.strip() + ",desk\n" + GOOD.strip().split("\n")[0] + ",politics\n").encode())
    assert parsed.records[0].tags == (("desk", "politics"),)


def test_json_and_json_lines():
    items = [{"id": "J1", "title": "T", "excerpt": "A text of $3 million."}]
    assert parse_file("a.json", json.dumps(items).encode()).records[0].id == "J1"
    lines = "\n".join(json.dumps(i) for i in items + [{"id": "J2", "title": "U", "excerpt": "Other."}])
    assert [r.id for r in parse_file("a.jsonl", lines.encode()).records] == ["J1", "J2"]


def test_xlsx():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "title", "excerpt", "published"])
    sheet.append(["X1", "Title", "An excerpt of 4 billion dollars.", "2024-02-01"])
    buf = io.BytesIO()
    book.save(buf)
    parsed = parse_file("book.xlsx", buf.getvalue())
    assert parsed.ok and parsed.records[0].id == "X1"


def test_refused_import_leaves_the_database_as_it_was(fresh_library: Library):
    fresh_library.add(parse_file("a.csv", (HEADER + GOOD).encode()).records)
    before = [r.id for r in fresh_library.iter_records()]
    bad = parse_file("b.csv", (HEADER + "R9,T,X,,notadate,en,Text\n").encode())
    assert bad.errors and not bad.records
    assert [r.id for r in fresh_library.iter_records()] == before


def test_duplicates_are_skipped_and_counted(fresh_library: Library):
    records = parse_file("a.csv", (HEADER + GOOD).encode()).records
    assert fresh_library.add(records).added == 2
    report = fresh_library.add(records)
    assert (report.added, report.duplicates) == (0, 2)
