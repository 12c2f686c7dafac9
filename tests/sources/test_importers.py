"""Importing records: each format, each kind of bad input, and all-or-nothing storage."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from sources.importers import ImportFormatError, iter_path_records, parse_file, scan_path
from sources.library import Library
from sources.model import SourceRecord

HEADER = "id,title,publisher,url,published,language,excerpt\n"
GOOD = (
    'R1,Budget vote,City Hall,https://example.org/a,2024-03-01,en,"The council approved a budget of $12 million."\n'
    'R2,Tram line,Daily,https://example.org/b,2024-03-02,fr,"Le tramway coûtera 480 millions d\'euros."\n'
)


def xlsx(rows: list[list]) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# ---- formats ----------------------------------------------------------------------------------------


def test_good_csv():
    parsed = parse_file("lib.csv", (HEADER + GOOD).encode())
    assert parsed.ok and [r.id for r in parsed.records] == ["R1", "R2"]
    assert parsed.records[1].published == dt.date(2024, 3, 2)
    assert (parsed.rows, parsed.good, parsed.row_numbers) == (2, 2, (2, 3))


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda s: s.encode("utf-8"), id="utf-8"),
        pytest.param(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(lambda s: s.encode("cp1252"), id="windows-1252"),
        pytest.param(lambda s: s.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(lambda s: s.encode("utf-16-le"), id="utf-16-le without BOM"),
        pytest.param(lambda s: s.encode("utf-16-be"), id="utf-16-be without BOM"),
    ],
)
@pytest.mark.parametrize("separator", [",", ";"])
def test_csv_separators_and_encodings(encode, separator):
    body = (
        HEADER.replace(",", separator)
        + separator.join(["R1", "Vote", "Préfecture", "", "01/03/2024", "fr", "Le conseil a voté 3 millions d’euros."])
        + "\n"
    )
    parsed = parse_file("lib.csv", encode(body))
    assert parsed.ok, parsed.errors
    record = parsed.records[0]
    assert (record.id, record.publisher, record.published) == ("R1", "Préfecture", dt.date(2024, 3, 1))
    assert record.excerpt == "Le conseil a voté 3 millions d’euros."


def test_a_semicolon_file_with_commas_inside_cells():
    body = "id;title;excerpt\nA;Un, deux;Le budget, voté mardi, atteint 4 millions d'euros.\n"
    parsed = parse_file("lib.csv", body.encode())
    assert parsed.records[0].title == "Un, deux" and parsed.records[0].excerpt.startswith("Le budget, voté")


def test_headers_are_matched_by_name_case_spacing_and_synonyms():
    body = "Titre;Extrait;Date de publication;Langue;Lien\nVote;Le conseil a voté.;2024-05-03;FR;https://x.invalid/a\n"
    record = parse_file("lib.csv", body.encode()).records[0]
    assert (record.title, record.excerpt, record.published, record.language, record.url) == (
        "Vote",
        "Le conseil a voté.",
        dt.date(2024, 5, 3),
        "fr",
        "https://x.invalid/a",
    )


def test_json_array_object_and_json_lines():
    items = [{"id": "J1", "title": "T", "excerpt": "A text of $3 million.", "desk": "business"}]
    parsed = parse_file("a.json", json.dumps(items).encode())
    assert parsed.records[0].id == "J1" and parsed.records[0].tags == (("desk", "business"),)
    assert parse_file("a.json", json.dumps({"records": items}).encode()).records[0].id == "J1"
    lines = "\n".join(json.dumps(i) for i in items + [{"id": "J2", "title": "U", "excerpt": "Other."}])
    parsed = parse_file("a.jsonl", lines.encode())
    assert [r.id for r in parsed.records] == ["J1", "J2"]


def test_json_tags_may_be_nested():
    items = [
        {"id": "J1", "title": "T", "excerpt": "E.", "tags": {"desk": "business", "checked": "yes"}},
        {"id": "J2", "title": "T", "excerpt": "F.", "tags": [["desk", "a"], ["desk", "b"]]},
    ]
    parsed = parse_file("a.jsonl", "\n".join(json.dumps(i) for i in items).encode())
    assert parsed.records[0].tags == (("desk", "business"), ("checked", "yes"))
    assert parsed.records[1].tags == (("desk", "a"), ("desk", "b"))


def test_json_lines_errors_are_numbered_by_line():
    body = '{"title": "T", "excerpt": "E."}\n\n{not json}\n[1, 2]\n{"title": "T", "excerpt": {"a": 1}}\n'
    parsed = parse_file("a.jsonl", body.encode())
    assert [(e.row, e.label) for e in parsed.errors] == [(3, "line"), (4, "line"), (5, "line")]
    assert "not JSON" in parsed.errors[0].reason and "not a JSON object" in parsed.errors[1].reason
    assert "excerpt must be text" in parsed.errors[2].reason
    assert str(parsed.errors[0]).startswith("line 3: ")


def test_xlsx_with_dates_numbers_and_formulas():
    data = xlsx(
        [
            ["id", "title", "excerpt", "published", "desk"],
            ["X1", "Title", "An excerpt of 4 billion dollars.", dt.datetime(2024, 2, 1), "news"],
            [17, '=HYPERLINK("http://x.invalid","click")', "Second excerpt.", "2024-02-02", None],
            [None, None, None, None, None],
            ["X3", "No excerpt", None, "2024-02-03", None],
        ]
    )
    parsed = parse_file("book.xlsx", data)
    assert [r.id for r in parsed.records] == ["X1", "17"]
    assert parsed.records[0].published == dt.date(2024, 2, 1) and parsed.records[0].tags == (("desk", "news"),)
    assert parsed.records[1].title == '=HYPERLINK("http://x.invalid","click")'
    assert [(e.row, e.reason) for e in parsed.errors] == [(5, "empty excerpt")]


def test_not_a_workbook():
    with pytest.raises(ImportFormatError, match="not a readable .xlsx"):
        parse_file("book.xlsx", b"PK\x03\x04 this is not a zip")


# ---- bad input ----------------------------------------------------------------------------------------


def test_missing_column_refuses_the_file():
    with pytest.raises(ImportFormatError, match="missing column: excerpt") as caught:
        parse_file("lib.csv", b"id,title,publisher\nR1,Budget,City Hall\n")
    assert "columns found: id, title, publisher" in str(caught.value)
    with pytest.raises(ImportFormatError, match="missing columns: title, excerpt"):
        parse_file("a.jsonl", b'{"name": "x"}\n')


def test_bad_rows_are_listed_with_numbers_and_reasons():
    body = (
        HEADER + GOOD + "R3,Bad date,X,,31/13/2024,en,Some text\n"
        "R4,Empty,X,,2024-01-01,en,\n"
        "R5,,X,ftp://x.invalid,2024-01-01,english-ish,Text\n"
        "R6,Too many,X,,2024-01-01,en,Text,extra,cells\n"
    )
    parsed = parse_file("lib.csv", body.encode())
    reasons = {e.row: e.reason for e in parsed.errors}
    assert set(reasons) == {4, 5, 6, 7} and parsed.good == 2 and parsed.rows == 6
    assert "unreadable date '31/13/2024'" in reasons[4]
    assert reasons[5] == "empty excerpt"
    assert "empty title" in reasons[6] and "URL must start with http" in reasons[6] and "language" in reasons[6]
    assert "9 cells for 7 columns" in reasons[7]


@pytest.mark.parametrize(
    "data, words",
    [
        pytest.param(
            b"id,title,excerpt\nA,T," + b"\x81\x8d\x8f\x90\x9d" * 10 + b"\n",
            "not UTF-8, UTF-16 or Windows-1252",
            id="undecodable bytes",
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="binary"),
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b'id,title,excerpt\nA,"T,E\n', "unreadable CSV", id="unclosed quote"),
    ],
)
def test_unreadable_files_are_refused_clearly(data, words):
    with pytest.raises(ImportFormatError, match=words):
        parse_file("lib.csv", data)


def test_one_bad_byte_leaves_a_utf8_file_utf8_and_names_its_line():
    row = "R3,Payé,Orléans,,2024-03-03,fr,Le maire a payé 3 millions d’euros.\n".encode()
    csv_body = (HEADER + GOOD).encode() + row.replace("Orléans".encode(), b"Orl\xe9ans")  # one Latin-1 byte
    line = '{"id": "R3", "title": "Payé", "publisher": "Orléans", "excerpt": "Le maire a payé 3 millions d’euros."}'
    json_body = b'{"id": "R1", "title": "T", "excerpt": "E"}\n' + line.encode().replace(
        "Orléans".encode(), b"Orl\xe9ans"
    )
    for name, body, bad_line in (("lib.csv", csv_body, 4), ("lib.jsonl", json_body, 2)):
        parsed = parse_file(name, body)
        assert parsed.ok, parsed.errors
        record = parsed.records[-1]
        assert record.title == "Payé" and record.excerpt == "Le maire a payé 3 millions d’euros."  # not "PayÃ©"
        assert record.publisher == "Orl\ufffdans"
        (warning,) = parsed.warnings
        assert f"on line {bad_line};" in warning and "\ufffd" in warning
    assert not parse_file("lib.csv", (HEADER + GOOD).encode()).warnings


def test_one_bad_byte_is_named_by_a_streamed_scan(tmp_path):
    path = tmp_path / "big.csv"
    rows = "".join(
        f"R{n},Titre {n},Éditeur,,2024-03-03,fr,Le conseil a voté {n} millions d’euros.\n" for n in range(3, 30_000)
    )
    path.write_bytes((HEADER + rows).encode() + b"R0,T,caf\xe9,,,fr,Text\n")
    scan = scan_path(path)
    assert scan.good == 29_998 and "on line 29999;" in scan.warnings[0]


def test_unsupported_extension():
    with pytest.raises(ImportFormatError, match="unsupported file type '.pdf'"):
        parse_file("lib.pdf", b"%PDF-1.7")


def test_embedded_newlines_and_formula_cells_are_kept_as_text():
    body = (
        HEADER
        + 'R1,"=HYPERLINK(""http://x"")",X,,2024-01-01,en,"Line one\nline two"\nR2,@SUM(A1),+33 1 23,,,,-5% this year\n'
    )
    parsed = parse_file("lib.csv", body.encode())
    assert parsed.ok
    assert parsed.records[0].title == '=HYPERLINK("http://x")'
    assert parsed.records[0].excerpt == "Line one\nline two"
    assert (parsed.records[1].title, parsed.records[1].publisher, parsed.records[1].excerpt) == (
        "@SUM(A1)",
        "+33 1 23",
        "-5% this year",
    )


def test_an_apostrophe_protecting_a_formula_cell_is_removed_but_others_are_kept():
    body = "title,excerpt,note\n'=1+1,''=2,'quoted\n"
    record = parse_file("lib.csv", body.encode()).records[0]
    assert (record.title, record.excerpt, record.tags) == ("=1+1", "'=2", (("note", "'quoted"),))


def test_extra_columns_become_tags_and_headerless_columns_are_reported():
    body = HEADER.strip() + ",desk,,desk\n" + GOOD.strip().split("\n")[0] + ",politics,stray,local\n"
    parsed = parse_file("lib.csv", body.encode())
    assert parsed.records[0].tags == (("desk", "politics"), ("desk", "local"))
    assert parsed.tag_columns == ("desk",) and parsed.ignored_columns == ("column I (no header)",)


# ---- files on disk, streamed ----------------------------------------------------------------------------


def test_scan_and_stream_a_file(tmp_path):
    path = tmp_path / "lib.csv"
    path.write_text(HEADER + GOOD + "R3,T,X,,never,en,Text\n", encoding="utf-8")
    scan = scan_path(path)
    assert (scan.rows, scan.good, scan.records, [e.row for e in scan.errors]) == (3, 2, (), [4])
    assert [r.id for r in iter_path_records(path)] == ["R1", "R2"]
    with pytest.raises(ImportFormatError, match="no such file"):
        scan_path(tmp_path / "missing.csv")


# ---- storing --------------------------------------------------------------------------------------------


def snapshot(library: Library) -> dict[str, list]:
    """Every row of every table, to compare a database before and after."""
    from sqlalchemy import inspect, text

    with library.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        tables = {n: [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{n}" ORDER BY 1'))] for n in names}
        schema = [tuple(r) for r in conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name"))]
        return {**tables, "(schema)": schema}


def test_refused_import_leaves_the_database_as_it_was(fresh_library: Library):
    fresh_library.add(parse_file("a.csv", (HEADER + GOOD).encode()).records)
    before = snapshot(fresh_library)
    bad = parse_file("b.csv", (HEADER + "R9,T,X,,notadate,en,Text\n").encode())
    assert bad.errors and not bad.records
    # A failure while storing (here: a record that no importer would have let through) undoes the
    # records of the same call that were already written.
    good = parse_file("c.csv", (HEADER + "R7,T,X,,,en,Fine text of 3 million euros.\n").encode()).records
    with pytest.raises(ValueError, match="empty excerpt"):
        fresh_library.add([*good, SourceRecord(id="R8", title="T", excerpt="  ")], batch_size=1)
    assert snapshot(fresh_library) == before


def test_duplicates_are_skipped_and_counted(fresh_library: Library):
    records = parse_file("a.csv", (HEADER + GOOD).encode()).records
    assert fresh_library.add(records).added == 2
    report = fresh_library.add(records)
    assert (report.added, report.duplicates) == (0, 2)
    same_text_other_id = parse_file(
        "b.csv", (HEADER + GOOD.replace("R1,", "Z1,").replace("R2,", "Z2,")).encode()
    ).records
    report = fresh_library.add(same_text_other_id)
    assert (report.added, report.duplicates) == (0, 2)
    within = parse_file(
        "c.csv", (HEADER + "N1,T,X,,,en,New text.\nN1,T,X,,,en,Other text.\nN2,T,X,,,en,New text.\n").encode()
    ).records
    report = fresh_library.add(within)
    assert (report.added, report.duplicates, report.ids) == (1, 2, ("N1",))
