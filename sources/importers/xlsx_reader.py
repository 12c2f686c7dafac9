"""Excel .xlsx: the first sheet of a workbook, streamed (openpyxl read-only), header on row 1. What
it becomes is bounded before openpyxl reads it (`check_workbook`: how far each part unpacks, how
many rows each sheet holds) and while rows are read (their number and width), so that a small file
of millions of nearly empty rows or cells is refused in a second instead of read for minutes."""

from __future__ import annotations

import re
from typing import Any, BinaryIO, Iterator

from .table import (
    MAX_COLUMNS,
    MAX_PACKING,
    MAX_SHEET_ROWS,
    ImportFormatError,
    Opener,
    Row,
    Table,
    column_letter,
    too_wide,
)

_XLSX_CHUNK = 1 << 20
_SHEET_ROOT = re.compile(rb"<(\w+:)?worksheet\b")


def read_xlsx(opener: Opener, ext: str) -> Table:
    """The first sheet's header and rows; the file and the workbook are closed once the rows are read
    (or at once, when the workbook is refused)."""
    fh = opener()
    book = _open_workbook(fh)
    try:
        header, values = _first_sheet(book)
    except ImportFormatError:
        book.close()
        fh.close()
        raise
    return Table(header, _sheet_rows(header, values, book, fh))


def _open_workbook(fh: BinaryIO) -> Any:
    """The workbook, once `check_workbook` has bounded it; `fh` is closed when it is refused."""
    import openpyxl

    try:
        check_workbook(fh)
        fh.seek(0)
        return openpyxl.load_workbook(fh, read_only=True, data_only=False)
    except ImportFormatError:
        fh.close()
        raise
    except Exception as exc:  # openpyxl and zipfile raise many types for a bad file
        fh.close()
        raise ImportFormatError(f"not a readable .xlsx workbook ({type(exc).__name__})") from None


def _first_sheet(book: Any) -> tuple[list[str], Iterator[tuple]]:
    """The first sheet's header (row 1) and the cells of its other rows, once the span the sheet
    declares (its dimension) is within the bounds."""
    if not book.worksheets:
        raise ImportFormatError("the workbook has no sheet")
    sheet = book.worksheets[0]
    columns, rows = sheet.max_column, sheet.max_row  # as the sheet declares them (its dimension)
    if columns and columns > MAX_COLUMNS:
        raise ImportFormatError(too_wide(f"the sheet says it spans {columns:,} columns"))
    if rows and rows > MAX_SHEET_ROWS:
        raise ImportFormatError(
            f"the sheet says it spans {rows:,} rows, past Excel's own limit of "
            f"{MAX_SHEET_ROWS:,}; it is not a sheet of records"
        )
    values = sheet.iter_rows(values_only=True)
    try:
        first = next(values)
    except StopIteration:
        raise ImportFormatError("the workbook's first sheet is empty") from None
    check_row_width(first, 1)
    return [str(c).strip() if c is not None else "" for c in first], values


def _sheet_rows(header: list[str], values: Iterator[tuple], book: Any, fh: BinaryIO) -> Iterator[tuple[int, Row | str]]:
    """The rows after the header, numbered as Excel shows them, empty ones left out."""
    try:
        for row_no, cells in enumerate(values, start=2):
            if row_no > MAX_SHEET_ROWS:
                raise ImportFormatError(
                    f"the sheet goes on past row {MAX_SHEET_ROWS:,}, Excel's own limit; it is not a sheet of records"
                )
            if cells is None:
                continue
            check_row_width(cells, row_no)
            if all(v is None or str(v).strip() == "" for v in cells):
                continue
            yield row_no, list(zip(header, cells))
    finally:
        book.close()
        fh.close()


def check_row_width(values: tuple, row_no: int) -> None:
    if len(values) > MAX_COLUMNS:
        raise ImportFormatError(too_wide(f"row {row_no} reaches column {column_letter(len(values) - 1)}"))


def check_workbook(fh: BinaryIO) -> None:
    """Refuse a workbook, before openpyxl reads any of it, when one of its parts unpacks to over
    MAX_PACKING times its packed size (past 20 MB: a bomb), or one of its sheets holds more than
    MAX_SHEET_ROWS rows. Rows are counted in the sheet's XML as it unpacks (linear, at the speed of
    zlib): openpyxl would read every row of a sheet that does not declare its size just to open it."""
    import zipfile

    with zipfile.ZipFile(fh) as z:
        infos = z.infolist()
        for info in infos:
            if info.file_size > 20_000_000 and info.file_size > MAX_PACKING * max(info.compress_size, 1):
                raise ImportFormatError(
                    f"its part {info.filename} unpacks from {info.compress_size / 1e6:,.1f} MB to "
                    f"{info.file_size / 1e6:,.0f} MB ({info.file_size // max(info.compress_size, 1):,} times); "
                    "a workbook of records is never packed that tight: it is refused as a decompression bomb"
                )
        for info in infos:
            # A row takes at least 6 bytes ("<row/>"): a smaller part cannot hold too many.
            if info.filename.endswith(".xml") and info.file_size > 6 * MAX_SHEET_ROWS:
                with z.open(info) as src:
                    _count_rows(src)


def _count_rows(src: BinaryIO) -> None:
    count, tail, last, tokens = 0, b"", b"", None
    for chunk in iter(lambda: src.read(_XLSX_CHUNK), b""):
        data = tail + chunk
        if tokens is None:
            m = _SHEET_ROOT.search(data[:4096])
            if m is None:
                return  # not a worksheet
            prefix = m.group(1) or b""
            tokens = [b"<" + prefix + b"row" + end for end in (b" ", b">", b"/")]
            last_row = re.compile(b"<" + re.escape(prefix) + rb"row\b[^>]*?\br=\"(\d{1,12})\"")
        count += sum(data.count(token) for token in tokens)
        if count > MAX_SHEET_ROWS:
            raise ImportFormatError(
                f"a sheet holds more than {MAX_SHEET_ROWS:,} rows, Excel's own limit; it is not a sheet of records"
            )
        tail = data[-(len(tokens[0]) - 1) :]
        last = (last + chunk)[-65536:]
    if tokens is None:
        return
    # Rows are written in order: the number of the last one says how far the sheet goes.
    numbers = last_row.findall(last)
    if numbers and int(numbers[-1]) > MAX_SHEET_ROWS:
        raise ImportFormatError(
            f"a sheet goes on to row {int(numbers[-1]):,}, past Excel's own limit of "
            f"{MAX_SHEET_ROWS:,}; it is not a sheet of records"
        )
