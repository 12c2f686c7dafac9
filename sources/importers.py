"""Importers: a file in, source records and row errors out. Pure: nothing is stored here.

Formats (by extension, see `READERS`): CSV (comma, semicolon or tab; UTF-8 with or without BOM,
UTF-16 or Windows-1252; a UTF-8 file with a few unreadable bytes is read with them replaced by U+FFFD
and a warning naming their lines, see sources/textcodec.py), JSON (an array of objects, or {"records": [...]}), JSON Lines, and Excel .xlsx.
Columns are matched by name, case and spacing aside, with a few common synonyms
(`COLUMN_SYNONYMS`); extra columns are kept as tags, columns without a header are reported as
ignored. Rows are numbered as a spreadsheet shows them (the header is row 1), JSON Lines by line.

Cells are never evaluated: a cell such as `=HYPERLINK("...")` is kept as the text it is. Library CSV
exports protect such cells with a leading apostrophe (see sources/export.py), which a CSV import
removes again, so that exporting and re-importing gives the same records.

Two ways in: `parse_file(name, data)` reads bytes already in memory (an upload) and keeps every
record for a preview; `scan_path(path)` and `iter_path_records(path)` stream a file from disk, so a
million-row file is checked in a first pass and stored in a second without holding it in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from . import textcodec
from .model import FIELDS, MAX_ID, ParsedImport, RowError, SourceRecord

REQUIRED: tuple[str, ...] = ("title", "excerpt")
COLUMN_SYNONYMS = {
    "date": "published",
    "published_at": "published",
    "publication_date": "published",
    "pubdate": "published",
    "source": "publisher",
    "outlet": "publisher",
    "media": "publisher",
    "text": "excerpt",
    "passage": "excerpt",
    "body": "excerpt",
    "quote": "excerpt",
    "lang": "language",
    "link": "url",
    "headline": "title",
    "record_id": "id",
    "identifier": "id",
    "titre": "title",
    "éditeur": "publisher",
    "editeur": "publisher",
    "date de publication": "published",
    "langue": "language",
    "extrait": "excerpt",
    "lien": "url",
    "retrieved": "retrieved_at",
}
LANGUAGE_NAMES = {"french": "fr", "français": "fr", "francais": "fr", "english": "en", "anglais": "en"}
MAX_FIELD = 200_000
# What a file may become once read (its size on disk says little: a 0.6 MB .xlsx can hold 4 million
# rows). Each is checked before or while the file is read, and refused with one plain line.
MAX_COLUMNS = 1_000  # columns of a header, keys of a JSON record: the fields and the tags of a record
MAX_SHEET_ROWS = 1_048_576  # rows of a sheet: Excel's own limit
MAX_PACKING = 100  # a sheet unpacking to over 100 times its packed size (past 20 MB) is a bomb
MAX_ERRORS_KEPT = 1_000  # refused rows kept with their reasons; the rest are counted
# A cell that a spreadsheet would run as a formula; exports put an apostrophe before it.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")


class ImportFormatError(ValueError):
    """The file as a whole cannot be read (not text, not JSON, not a spreadsheet, no excerpt column...)."""


# ---- entry points --------------------------------------------------------------------------------


def parse_file(name: str, data: bytes) -> ParsedImport:
    """Parse an upload by its extension (.csv, .tsv, .txt, .json, .jsonl, .ndjson, .xlsx)."""
    return _collect(_open_table(name, lambda: io.BytesIO(data)), keep_records=True)


def parse_path(path: str | Path, *, keep_records: bool = True) -> ParsedImport:
    """Parse a file on disk; with keep_records=False only counts and errors are kept (a scan)."""
    p = Path(path)
    return _collect(_open_table(p.name, lambda: _open_binary(p)), keep_records=keep_records)


def scan_path(path: str | Path) -> ParsedImport:
    """Check every row of a file without keeping its records: counts, errors, columns."""
    return parse_path(path, keep_records=False)


def iter_path_records(path: str | Path) -> Iterator[SourceRecord]:
    """The good records of a file, streamed in file order (bad rows are left out)."""
    p = Path(path)
    for _, item in _records(_open_table(p.name, lambda: _open_binary(p))):
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


# ---- tables: a header and numbered rows of cells, whatever the format -----------------------------


Row = list[tuple[str, Any]]  # (column, cell) in column order; repeated column names are kept


@dataclass
class _Table:
    header: list[str]
    rows: Iterator[tuple[int, Row | str]]  # (row number, cells), or a reason when the row is unreadable
    label: str = "row"
    unguard: bool = False  # CSV: remove the apostrophe that protects formula-like cells
    nested_tags: bool = False  # JSON: a "tags" key holds {name: value} or [[name, value], ...]
    warnings: tuple[str, ...] = ()  # what the editor should check (bytes that could not be read)


Opener = Callable[[], BinaryIO]


def _open_table(name: str, opener: Opener) -> _Table:
    ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    reader = READERS.get(ext)
    if reader is None:
        raise ImportFormatError(
            f"unsupported file type '.{ext}': use one of {', '.join('.' + e for e in supported_extensions())}"
        )
    return reader(opener, ext)


def _detect_encoding(fh: BinaryIO) -> textcodec.Encoding:
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


def _read_csv(opener: Opener, ext: str) -> _Table:
    fh = opener()
    encoding = _detect_encoding(fh)
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
        raise ImportFormatError(_too_wide(f"the header line has {len(header):,} columns"))

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

    return _Table(header, rows(), unguard=True, warnings=_warnings(encoding))


def _warnings(encoding: textcodec.Encoding) -> tuple[str, ...]:
    warning = encoding.warning("the file")
    return (warning,) if warning else ()


def _count_outside_quotes(line: str, ch: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == ch and not quoted:
            count += 1
    return count


def _read_json(opener: Opener, ext: str) -> _Table:
    """A JSON array of objects, an object with a "records" array, or JSON Lines."""
    fh = opener()
    encoding = _detect_encoding(fh)
    text: io.TextIOBase = io.TextIOWrapper(fh, encoding=encoding.name, errors=encoding.errors)
    items: Iterator[tuple[int, Any]] | None = None
    label = "line"
    if ext == "json":
        whole = text.read()
        fh.close()
        if not whole.strip():
            raise ImportFormatError("the file is empty")
        try:
            doc = json.loads(whole)
        except json.JSONDecodeError as exc:
            if not whole.lstrip().startswith("{"):
                raise ImportFormatError(f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
            text = io.StringIO(whole)  # JSON Lines saved as .json
        else:
            if isinstance(doc, dict) and isinstance(doc.get("records"), list):
                doc = doc["records"]
            if isinstance(doc, dict):
                doc = [doc]
            if not isinstance(doc, list):
                raise ImportFormatError("JSON must be an array of records (or JSON Lines)")
            items, label = iter(enumerate(doc, start=1)), "item"
    if items is None:
        items = _json_lines(text, fh)
    # The header is the union of the keys of the first items (enough to check the columns).
    head: list[tuple[int, Any]] = []
    for pair in items:
        head.append(pair)
        if len(head) >= 1000:
            break
    if not head:
        raise ImportFormatError("the file is empty")
    columns: dict[str, None] = {}  # in the order met; a dict, so that each key is looked up once
    for n, item in head:
        if isinstance(item, dict):
            _check_width(item, label, n)
            columns.update(dict.fromkeys(map(str, item)))
            if len(columns) > MAX_COLUMNS:
                raise ImportFormatError(_too_wide(f"the first {label}s have {len(columns):,} different keys"))
    header = list(columns)

    def rows() -> Iterator[tuple[int, Row | str]]:
        for n, item in itertools.chain(head, items):
            if isinstance(item, _BadLine):
                yield n, item.reason
            elif isinstance(item, dict):
                _check_width(item, label, n)
                yield n, [(str(k), v) for k, v in item.items()]
            else:
                yield n, "not a JSON object"

    return _Table(header, rows(), label=label, nested_tags=True, warnings=_warnings(encoding))


def _too_wide(what: str) -> str:
    return (
        f"{what}; a file of records has at most {MAX_COLUMNS:,} (title, excerpt and the other fields, "
        "the rest kept as tags): this is not a table of records"
    )


def _check_width(item: dict, label: str, n: int) -> None:
    if len(item) > MAX_COLUMNS:
        raise ImportFormatError(_too_wide(f"{label} {n} has {len(item):,} keys"))


@dataclass(frozen=True)
class _BadLine:
    reason: str


def _json_lines(text: io.TextIOBase, fh: BinaryIO) -> Iterator[tuple[int, Any]]:
    try:
        for line_no, line in enumerate(text, start=1):
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line)
            except json.JSONDecodeError as exc:
                yield line_no, _BadLine(f"not JSON ({exc.msg})")
    finally:
        fh.close()


def _read_xlsx(opener: Opener, ext: str) -> _Table:
    """The first sheet of a workbook, streamed (openpyxl read-only). What it becomes is bounded
    before openpyxl reads it (`_check_workbook`: how far each part unpacks, how many rows each sheet
    holds) and while rows are read (their number and width), so that a small file of millions of
    nearly empty rows or cells is refused in a second instead of read for minutes."""
    import openpyxl

    fh = opener()
    try:
        _check_workbook(fh)
        fh.seek(0)
        book = openpyxl.load_workbook(fh, read_only=True, data_only=False)
    except ImportFormatError:
        fh.close()
        raise
    except Exception as exc:  # openpyxl and zipfile raise many types for a bad file
        fh.close()
        raise ImportFormatError(f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    if not book.worksheets:
        fh.close()
        raise ImportFormatError("the workbook has no sheet")
    sheet = book.worksheets[0]
    try:
        columns, rows = sheet.max_column, sheet.max_row  # as the sheet declares them (its dimension)
        if columns and columns > MAX_COLUMNS:
            raise ImportFormatError(_too_wide(f"the sheet says it spans {columns:,} columns"))
        if rows and rows > MAX_SHEET_ROWS:
            raise ImportFormatError(
                f"the sheet says it spans {rows:,} rows, past Excel's own limit of "
                f"{MAX_SHEET_ROWS:,}; it is not a sheet of records"
            )
        rows_iter = sheet.iter_rows(values_only=True)
        first = next(rows_iter)
        _check_row_width(first, 1)
        header = [str(c).strip() if c is not None else "" for c in first]
    except StopIteration:
        book.close()
        fh.close()
        raise ImportFormatError("the workbook's first sheet is empty") from None
    except ImportFormatError:
        book.close()
        fh.close()
        raise

    def rows() -> Iterator[tuple[int, Row | str]]:
        try:
            for row_no, values in enumerate(rows_iter, start=2):
                if row_no > MAX_SHEET_ROWS:
                    raise ImportFormatError(
                        f"the sheet goes on past row {MAX_SHEET_ROWS:,}, Excel's own limit; "
                        "it is not a sheet of records"
                    )
                if values is None:
                    continue
                _check_row_width(values, row_no)
                if all(v is None or str(v).strip() == "" for v in values):
                    continue
                yield row_no, list(zip(header, values))
        finally:
            book.close()
            fh.close()

    return _Table(header, rows())


def _check_row_width(values: tuple, row_no: int) -> None:
    if len(values) > MAX_COLUMNS:
        raise ImportFormatError(_too_wide(f"row {row_no} reaches column {_column_letter(len(values) - 1)}"))


_XLSX_CHUNK = 1 << 20
_SHEET_ROOT = re.compile(rb"<(\w+:)?worksheet\b")


def _check_workbook(fh: BinaryIO) -> None:
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


READERS: dict[str, Callable[[Opener, str], _Table]] = {
    "csv": _read_csv,
    "tsv": _read_csv,
    "txt": _read_csv,
    "json": _read_json,
    "jsonl": _read_json,
    "ndjson": _read_json,
    "xlsx": _read_xlsx,
}


# ---- rows to records ------------------------------------------------------------------------------


def normalise_column(name: str) -> str:
    """The record field a column header stands for, or the header itself (folded)."""
    spaced = " ".join(str(name).replace("\ufeff", "").strip().lower().split())
    joined = spaced.replace(" ", "_")
    if joined in FIELDS:
        return joined
    return COLUMN_SYNONYMS.get(spaced) or COLUMN_SYNONYMS.get(joined) or spaced


@dataclass
class _Columns:
    mapping: dict[str, str]  # column -> field, first column of a field wins
    tags: list[str]
    ignored: list[int] = field(default_factory=list)  # positions of columns without a header


def _columns(header: list[str], *, nested_tags: bool) -> _Columns:
    mapping: dict[str, str] = {}
    tags: list[str] = []
    seen_tags: set[str] = set()
    ignored: list[int] = []
    for pos, col in enumerate(header):
        if not str(col).strip():
            ignored.append(pos)
            continue
        if nested_tags and col == "tags":
            continue
        f = normalise_column(col)
        if f in FIELDS and f not in mapping.values():
            mapping[col] = f
        elif col not in seen_tags:
            seen_tags.add(col)
            tags.append(col)
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        found = ", ".join(str(h) for h in header if str(h).strip()) or "none"
        raise ImportFormatError(
            f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)} (columns found: {found})"
        )
    return _Columns(mapping, tags, ignored)


def _records(
    table: _Table, on_ignored: Callable[[int], None] | None = None
) -> Iterator[tuple[int, SourceRecord | RowError]]:
    """Each row as a record, or the reasons it is refused."""
    _columns(table.header, nested_tags=table.nested_tags)  # refuse a file without its required columns
    field_of: dict[str, str | None] = {}
    for row_no, row in table.rows:
        if isinstance(row, str):
            yield row_no, RowError(row_no, row, table.label)
            continue
        values: dict[str, Any] = {}
        tags: list[tuple[str, str]] = []
        reasons: list[str] = []
        for pos, (col, value) in enumerate(row):
            if table.unguard and isinstance(value, str):
                value = unguard_cell(value)
            if col == "":
                if on_ignored and _cell(value):
                    on_ignored(pos)
                continue
            if table.nested_tags and col == "tags":
                nested, problem = _nested_tags(value)
                if problem:
                    reasons.append(problem)
                tags.extend(nested)
                continue
            if col not in field_of:
                f = normalise_column(col)
                field_of[col] = f if f in FIELDS else None
            f = field_of[col]
            if f is not None and f not in values:
                if isinstance(value, (dict, list)):
                    kind = "object" if isinstance(value, dict) else "array"
                    reasons.append(f"{f} must be text, not a JSON {kind}")
                values[f] = value
                continue
            text = _cell(value)
            if text:
                tags.append((col, text))
        record, more = record_from_values(values, tags)
        reasons += more
        if reasons:
            yield row_no, RowError(row_no, "; ".join(reasons), table.label)
        else:
            yield row_no, record


def _nested_tags(value: Any) -> tuple[list[tuple[str, str]], str | None]:
    if value is None or value == "":
        return [], None
    if isinstance(value, dict):
        return [(str(k), _cell(v)) for k, v in value.items() if _cell(v)], None
    if isinstance(value, list) and all(isinstance(p, list) and len(p) == 2 for p in value):
        return [(str(k), _cell(v)) for k, v in value if _cell(v)], None
    if isinstance(value, str):
        return [("tags", value.strip())], None
    return [], 'tags must be an object {"name": "value"} or a list of [name, value] pairs'


def _collect(table: _Table, *, keep_records: bool) -> ParsedImport:
    cols = _columns(table.header, nested_tags=table.nested_tags)
    records: list[SourceRecord] = []
    numbers: list[int] = []
    errors: list[RowError] = []
    seen_tags: dict[str, None] = {}
    ignored_with_data: set[int] = set()
    rows = good = 0
    refused = 0
    for row_no, item in _records(table, ignored_with_data.add):
        rows += 1
        if isinstance(item, RowError):
            refused += 1
            if len(errors) < MAX_ERRORS_KEPT:  # the others are counted, not kept
                errors.append(item)
            continue
        good += 1
        for name, _ in item.tags:
            seen_tags.setdefault(name, None)
        if keep_records:
            records.append(item)
            numbers.append(row_no)
    ignored = tuple(f"column {_column_letter(pos)} (no header)" for pos in sorted(ignored_with_data))
    mapping = tuple(cols.mapping.items())
    return ParsedImport(
        tuple(records),
        tuple(errors),
        ignored,
        tuple(seen_tags),
        rows,
        tuple(numbers),
        good,
        mapping,
        table.warnings,
        refused,
    )


def _column_letter(pos: int) -> str:
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def unguard_cell(text: str) -> str:
    """Remove the apostrophe an export put before a formula-like cell ("'=SUM(A1)" -> "=SUM(A1)")."""
    return text[1:] if _GUARDED.match(text) else text


def guard_cell(text: str) -> str:
    """Protect a cell that a spreadsheet would run as a formula, reversibly (see unguard_cell)."""
    return "'" + text if FORMULA_START.match(text) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).replace("\x00", "").strip()  # NUL: no database stores it (see db.without_nul)


def record_from_values(
    values: dict[str, Any], tags: Iterable[tuple[str, str]] = ()
) -> tuple[SourceRecord | None, list[str]]:
    """Validate one row's values (by field name); returns the record or the reasons it is refused."""
    reasons: list[str] = []
    record_id = _cell(values.get("id"))
    title = _cell(values.get("title"))
    excerpt = _cell(values.get("excerpt"))
    url = _cell(values.get("url"))
    language = _cell(values.get("language")).lower()
    language = LANGUAGE_NAMES.get(language, language)
    if not excerpt:
        reasons.append("empty excerpt")
    elif len(excerpt) > MAX_FIELD:
        reasons.append(f"excerpt longer than {MAX_FIELD} characters")
    if not title:
        reasons.append("empty title")
    elif len(title) > 2000:
        reasons.append("title longer than 2000 characters")
    if len(record_id) > MAX_ID:
        reasons.append(f"id longer than {MAX_ID} characters")
    elif any(ch in record_id for ch in "\r\n\t"):
        reasons.append("id holds a line break or a tab")
    if url and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        reasons.append(f"URL must start with http:// or https:// (got {url[:60]!r})")
    if language and not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?", language):
        reasons.append(f"language must be a code such as fr or en (got {language[:20]!r})")
    published, date_error = parse_date(values.get("published"))
    if date_error:
        reasons.append(date_error)
    retrieved_at, time_error = parse_datetime(values.get("retrieved_at"))
    if time_error:
        reasons.append(time_error)
    if reasons:
        return None, reasons
    return SourceRecord(
        id=record_id,
        title=title,
        excerpt=excerpt,
        publisher=_cell(values.get("publisher")),
        url=url,
        published=published,
        language=language,
        tags=tuple((str(k).strip(), _cell(v)) for k, v in tags if _cell(v)),
        retrieved_at=retrieved_at,
    ), []


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y%m%d")


def parse_date(value: Any) -> tuple[dt.date | None, str | None]:
    """A publication date from a cell: ISO or day-first forms, Excel dates; empty is allowed."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    raw = _cell(value)
    if not raw:
        return None, None
    if len(raw) == 10 and raw[4] == "-":  # the common case, ISO, without strptime's cost
        try:
            day = dt.date.fromisoformat(raw)
            if 1000 <= day.year <= 2999:
                return day, None
        except ValueError:
            pass
    head = raw[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", raw) else raw
    for fmt in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
        if not 1000 <= day.year <= 2999:
            break
        return day, None
    return None, f"unreadable date {raw[:30]!r} (use YYYY-MM-DD)"


def parse_datetime(value: Any) -> tuple[dt.datetime | None, str | None]:
    """A retrieval time: ISO 8601 (a time zone is converted to UTC); empty is allowed."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        raw = _cell(value)
        if not raw:
            return None, None
        try:
            moment = dt.datetime.fromisoformat(raw)
        except ValueError:
            return None, f"unreadable retrieval time {raw[:40]!r} (use YYYY-MM-DDTHH:MM:SS)"
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment, None
