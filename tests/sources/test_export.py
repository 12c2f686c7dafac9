"""Export: CSV and JSON Lines that import back unchanged, byte for byte, and never half-written."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from benchmarks.synthetic import generate_records
from sources.export import ExportError, export_bytes, export_library
from sources.importers import parse_file
from sources.library import Library
from sources.model import SourceRecord

TRICKY = [
    SourceRecord(
        id="E1",
        title='=HYPERLINK("http://x.invalid","clic")',
        excerpt="Line one\nline two, with a comma",
        publisher="+33 1 23 45",
        url="https://x.invalid/a",
        published=dt.date(2024, 2, 29),
        language="fr",
        tags=(("desk", "économie"), ("source", "wire"), ("desk", "local")),
    ),
    SourceRecord(
        id="E2",
        title="'=already quoted",
        excerpt="-5 % sur l’année ; «\u00a0guillemets\u00a0» et “quotes”",
        publisher="@handle",
        tags=(("title", "a tag named like a field"), ("=odd name", "-1")),
    ),
    SourceRecord(
        id="E3",
        title="Café\r\nsur deux lignes",
        excerpt="中文, русский, ελληνικά — emoji 🗞️ and a tab\tinside",
        language="en",
        retrieved_at=dt.datetime(2025, 1, 2, 3, 4, 5),
        url="https://x.invalid/b",
    ),
    SourceRecord(
        id="", title="No id", excerpt='Quotes "inside" and a backslash \\ here', published=dt.date(1999, 12, 31)
    ),
]


def library_with(records) -> Library:
    library = Library.open("sqlite://")
    library.add(records)
    library.delete(library.add([SourceRecord(id="GONE", title="Deleted", excerpt="Not exported.")]).ids[0], actor="t")
    return library


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_import_export_is_byte_identical(fmt):
    first = export_bytes(library_with(TRICKY), fmt)
    again = Library.open("sqlite://")
    parsed = parse_file(f"library.{fmt}", first)
    assert parsed.ok, parsed.errors
    again.add(parsed.records)
    second = export_bytes(again, fmt)
    assert second == first
    assert b"GONE" not in first


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_round_trip_keeps_every_field(fmt):
    library = library_with(TRICKY)
    original = list(library.iter_records())
    parsed = parse_file(f"x.{fmt}", export_bytes(library, fmt))
    back = [r for r in parsed.records]
    keep = ("id", "title", "excerpt", "publisher", "url", "published", "language", "retrieved_at")
    assert [[getattr(r, f) for f in keep] for r in back] == [[getattr(r, f) for f in keep] for r in original]
    if fmt == "jsonl":  # JSON keeps the tags in their order
        assert [r.tags for r in back] == [r.tags for r in original]
    else:  # CSV groups a repeated tag name in its columns
        assert [sorted(r.tags) for r in back] == [sorted(r.tags) for r in original]


def test_csv_export_is_safe_to_open_in_a_spreadsheet():
    data = export_bytes(library_with(TRICKY), "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:8] == ["id", "title", "publisher", "url", "published", "language", "excerpt", "retrieved_at"]
    assert rows[0][8:] == ["desk", "desk", "source", "title", "'=odd name"]
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert "'=HYPERLINK(\"http://x.invalid\",\"clic\")" in cells and "''=already quoted" in cells


def test_a_synthetic_library_round_trips(tmp_path):
    library = Library.open("sqlite://")
    library.add(generate_records(150, seed=3), workers=0)
    path = tmp_path / "lib.csv"
    assert export_library(library, path) == 150
    again = Library.open("sqlite://")
    again.add(parse_file("lib.csv", path.read_bytes()).records, workers=0)
    export_library(again, tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == path.read_bytes()


def test_a_failed_export_leaves_no_file(tmp_path):
    with pytest.raises(ExportError, match=".csv or .jsonl"):
        export_library(library_with(TRICKY), tmp_path / "out.xlsx")

    class Broken(Library):
        def iter_records(self, **_):
            yield TRICKY[0]
            raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        export_library(Broken(Library.open("sqlite://").engine), tmp_path / "out.jsonl")
    assert list(tmp_path.iterdir()) == []
