"""What every reader hands on, whatever the format: a header and numbered rows of cells (`Table`),
the bounds a file is held to while it is read, and the one error that refuses a file whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO, Callable, Iterator

from .. import textcodec

# What a file may become once read (its size on disk says little: a 0.6 MB .xlsx can hold 4 million
# rows). Each is checked before or while the file is read, and refused with one plain line.
MAX_COLUMNS = 1_000  # columns of a header, keys of a JSON record: the fields and the tags of a record
MAX_SHEET_ROWS = 1_048_576  # rows of a sheet: Excel's own limit
MAX_PACKING = 100  # a sheet unpacking to over 100 times its packed size (past 20 MB) is a bomb


class ImportFormatError(ValueError):
    """The file as a whole cannot be read (not text, not JSON, not a spreadsheet, no excerpt column...)."""


Row = list[tuple[str, Any]]  # (column, cell) in column order; repeated column names are kept


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, Row | str]]  # (row number, cells), or a reason when the row is unreadable
    label: str = "row"
    unguard: bool = False  # CSV: remove the apostrophe that protects formula-like cells
    nested_tags: bool = False  # JSON: a "tags" key holds {name: value} or [[name, value], ...]
    warnings: tuple[str, ...] = ()  # what the editor should check (bytes that could not be read)


Opener = Callable[[], BinaryIO]  # opens the file (again) from its start
Reader = Callable[[Opener, str], Table]  # (opener, extension) -> the file's table


def detect_encoding(fh: BinaryIO) -> textcodec.Encoding:
    """UTF-8 (whole, or with unreadable bytes to replace), UTF-16 or Windows-1252, checked over the
    whole stream (then rewound); see sources/textcodec.py."""
    head = fh.read(4096)
    fh.seek(0)
    if b"\x00" in head and not textcodec.utf16_variant(head):
        fh.close()
        raise ImportFormatError("the file is binary, not text; save it as UTF-8 text")
    encoding = textcodec.detect_stream(fh)
    if encoding is None:
        fh.close()
        raise ImportFormatError("the file is not UTF-8, UTF-16 or Windows-1252 text; save it as UTF-8")
    return encoding


def encoding_warnings(encoding: textcodec.Encoding) -> tuple[str, ...]:
    warning = encoding.warning("the file")
    return (warning,) if warning else ()


def too_wide(what: str) -> str:
    return (
        f"{what}; a file of records has at most {MAX_COLUMNS:,} (title, excerpt and the other fields, "
        "the rest kept as tags): this is not a table of records"
    )


def column_letter(pos: int) -> str:
    """A column's name as a spreadsheet shows it: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
