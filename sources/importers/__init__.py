"""Importers: a file in, source records and row errors out. Pure: nothing is stored here.

Formats (by extension, see `READERS`), one module each: CSV (`csv_reader`: comma, semicolon or tab;
UTF-8 with or without BOM, UTF-16 or Windows-1252; a UTF-8 file with a few unreadable bytes is read
with them replaced by U+FFFD and a warning naming their lines, see sources/textcodec.py), JSON (an
array of objects, or {"records": [...]}) and JSON Lines (`json_reader`), and Excel .xlsx
(`xlsx_reader`). Each hands on a `table.Table`: a header and numbered rows of cells.
Columns are matched by name, case and spacing aside, with a few common synonyms
(`COLUMN_SYNONYMS`); extra columns are kept as tags, columns without a header are reported as
ignored (`rows`). Rows are numbered as a spreadsheet shows them (the header is row 1), JSON Lines by
line; each is checked by `record_from_values` (`values`).

Cells are never evaluated: a cell such as `=HYPERLINK("...")` is kept as the text it is. Library CSV
exports protect such cells with a leading apostrophe (see sources/export.py), which a CSV import
removes again, so that exporting and re-importing gives the same records.

Two ways in: `parse_file(name, data)` reads bytes already in memory (an upload) and keeps every
record for a preview; `scan_path(path)` and `iter_path_records(path)` stream a file from disk, so a
million-row file is checked in a first pass and stored in a second without holding it in memory.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO, Iterator

from ..model import ParsedImport, SourceRecord
from .csv_reader import read_csv
from .json_reader import read_json
from .rows import COLUMN_SYNONYMS, MAX_ERRORS_KEPT, REQUIRED, collect, normalise_column, records
from .table import MAX_COLUMNS, MAX_PACKING, MAX_SHEET_ROWS, ImportFormatError, Opener, Reader, Table
from .values import (
    FORMULA_START,
    LANGUAGE_NAMES,
    MAX_FIELD,
    guard_cell,
    parse_date,
    parse_datetime,
    record_from_values,
    unguard_cell,
)
from .xlsx_reader import read_xlsx

__all__ = [
    "COLUMN_SYNONYMS",
    "FORMULA_START",
    "LANGUAGE_NAMES",
    "MAX_COLUMNS",
    "MAX_ERRORS_KEPT",
    "MAX_FIELD",
    "MAX_PACKING",
    "MAX_SHEET_ROWS",
    "READERS",
    "REQUIRED",
    "ImportFormatError",
    "guard_cell",
    "iter_path_records",
    "normalise_column",
    "parse_date",
    "parse_datetime",
    "parse_file",
    "parse_path",
    "record_from_values",
    "scan_path",
    "supported_extensions",
    "unguard_cell",
]

READERS: dict[str, Reader] = {
    "csv": read_csv,
    "tsv": read_csv,
    "txt": read_csv,
    "json": read_json,
    "jsonl": read_json,
    "ndjson": read_json,
    "xlsx": read_xlsx,
}


def parse_file(name: str, data: bytes) -> ParsedImport:
    """Parse an upload by its extension (.csv, .tsv, .txt, .json, .jsonl, .ndjson, .xlsx)."""
    return collect(_open_table(name, lambda: io.BytesIO(data)), keep_records=True)


def parse_path(path: str | Path, *, keep_records: bool = True) -> ParsedImport:
    """Parse a file on disk; with keep_records=False only counts and errors are kept (a scan)."""
    p = Path(path)
    return collect(_open_table(p.name, lambda: _open_binary(p)), keep_records=keep_records)


def scan_path(path: str | Path) -> ParsedImport:
    """Check every row of a file without keeping its records: counts, errors, columns."""
    return parse_path(path, keep_records=False)


def iter_path_records(path: str | Path) -> Iterator[SourceRecord]:
    """The good records of a file, streamed in file order (bad rows are left out)."""
    p = Path(path)
    for _, item in records(_open_table(p.name, lambda: _open_binary(p))):
        if isinstance(item, SourceRecord):
            yield item


def supported_extensions() -> tuple[str, ...]:
    return tuple(sorted(READERS))


def _open_binary(p: Path) -> BinaryIO:
    try:
        return p.open("rb")
    except FileNotFoundError:
        raise ImportFormatError(f"no such file: {p}") from None
    except IsADirectoryError:
        raise ImportFormatError(f"{p} is a folder, not a file") from None
    except OSError as exc:
        raise ImportFormatError(f"cannot read {p}: {exc.strerror or exc}") from None


def _open_table(name: str, opener: Opener) -> Table:
    ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    reader = READERS.get(ext)
    if reader is None:
        raise ImportFormatError(
            f"unsupported file type '.{ext}': use one of {', '.join('.' + e for e in supported_extensions())}"
        )
    return reader(opener, ext)
