"""CSV (also .tsv and .txt): comma, semicolon or tab, found from the header line; UTF-8 with or
without BOM, UTF-16 or Windows-1252 (sources/textcodec.py). Read as a stream, row by row."""

from __future__ import annotations

import csv
import io
from typing import Iterator

from .table import MAX_COLUMNS, ImportFormatError, Opener, Row, Table, detect_encoding, encoding_warnings, too_wide
from .values import MAX_FIELD, unguard_cell


def read_csv(opener: Opener, ext: str) -> Table:
    fh = opener()
    encoding = detect_encoding(fh)
    text = io.TextIOWrapper(fh, encoding=encoding.name, errors=encoding.errors, newline="")
    first_line = text.readline()
    if not first_line.strip() and not text.read(1):
        fh.close()
        raise ImportFormatError("the file is empty")
    text.seek(0)
    delimiter = "\t" if ext == "tsv" else max((";", ",", "\t"), key=lambda d: _count_outside_quotes(first_line, d))
    csv.field_size_limit(MAX_FIELD + 1)
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        header = [unguard_cell(h.strip()) for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        fh.close()
        raise ImportFormatError(f"cannot read the header line: {exc}") from None
    if len(header) > MAX_COLUMNS:
        fh.close()
        raise ImportFormatError(too_wide(f"the header line has {len(header):,} columns"))

    def rows() -> Iterator[tuple[int, Row | str]]:
        row_no = 1
        try:
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    # The file's structure is broken here: nothing after it can be trusted.
                    raise ImportFormatError(
                        f"row {row_no + 1}: unreadable CSV ({exc}); check the quotes of that row"
                    ) from None
                row_no += 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(header):
                    yield (
                        row_no,
                        (f"{len(values)} cells for {len(header)} columns (a separator inside an unquoted cell?)"),
                    )
                    continue
                yield row_no, list(zip(header, values))
        finally:
            fh.close()

    return Table(header, rows(), unguard=True, warnings=encoding_warnings(encoding))


def _count_outside_quotes(line: str, ch: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == ch and not quoted:
            count += 1
    return count
