"""Importers: bytes of a file in, source records and row errors out. Pure: nothing is stored here.

Formats: CSV (comma, semicolon or tab; UTF-8 with or without BOM, or Windows-1252), JSON (an array of
objects), JSON Lines, and Excel .xlsx. Columns are matched by name, case and spacing aside; a few
common synonyms are accepted (`COLUMN_SYNONYMS`). Extra columns are kept as tags. Rows are numbered as
a spreadsheet shows them: the header is row 1.

Cells are never evaluated: a cell such as `=HYPERLINK("...")` is kept as the text it is. Library exports
protect such cells with a leading apostrophe (see sources/export.py), which an import removes again,
so that exporting and re-importing gives the same records.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any, Callable, Iterable

from .model import FIELDS, ParsedImport, RowError, SourceRecord

REQUIRED: tuple[str, ...] = ("title", "excerpt")
COLUMN_SYNONYMS = {
    "date": "published", "published_at": "published", "publication_date": "published", "pubdate": "published",
    "source": "publisher", "outlet": "publisher", "media": "publisher",
    "text": "excerpt", "passage": "excerpt", "body": "excerpt", "quote": "excerpt",
    "lang": "language", "link": "url", "headline": "title", "record_id": "id", "identifier": "id",
    "titre": "title", "éditeur": "publisher", "editeur": "publisher", "date de publication": "published",
    "langue": "language", "extrait": "excerpt", "lien": "url",
}
MAX_FIELD = 200_000
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


class ImportFormatError(ValueError):
    """The file as a whole cannot be read (not text, not JSON, not a spreadsheet...)."""


def parse_file(name: str, data: bytes) -> ParsedImport:
    """Parse a file by its extension (.csv, .tsv, .txt, .json, .jsonl, .ndjson, .xlsx)."""
    ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    parser = PARSERS.get(ext)
    if parser is None:
        raise ImportFormatError(
            f"unsupported file type '.{ext}': use one of {', '.join('.' + e for e in sorted(PARSERS))}"
        )
    return parser(data)


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), else Windows-1252; binary and UTF-16 files are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ImportFormatError("the file is binary or UTF-16; save it as UTF-8 (or Windows-1252) text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"the file is neither UTF-8 nor Windows-1252 text (byte {exc.start}); save it as UTF-8"
        ) from None


def parse_csv(data: bytes) -> ParsedImport:
    text = decode_text(data)
    if not text.strip():
        raise ImportFormatError("the file is empty")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=lambda d: _count_outside_quotes(first_line, d))
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise ImportFormatError(f"cannot read the header line: {exc}") from None

    def rows() -> Iterable[tuple[int, dict[str, Any]]]:
        row_no = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield row_no + 1, {"__error__": f"unreadable CSV ({exc})"}
                return
            row_no += 1
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                yield row_no, {"__error__": f"{len(values)} cells for {len(header)} columns (a separator inside an unquoted cell?)"}
                continue
            yield row_no, dict(zip(header, values))

    return _parse_rows(header, rows())


def _count_outside_quotes(line: str, ch: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == ch and not quoted:
            count += 1
    return count


def parse_json(data: bytes) -> ParsedImport:
    """A JSON array of objects, an object with a "records" array, or JSON Lines."""
    text = decode_text(data).strip()
    if not text:
        raise ImportFormatError("the file is empty")
    items: list[tuple[int, Any]]
    try:
        doc = json.loads(text)
        if isinstance(doc, dict) and isinstance(doc.get("records"), list):
            doc = doc["records"]
        if isinstance(doc, dict):
            doc = [doc]
        if not isinstance(doc, list):
            raise ImportFormatError("JSON must be an array of records (or JSON Lines)")
        items = [(i + 1, item) for i, item in enumerate(doc)]
    except json.JSONDecodeError:
        items = []
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append((line_no, json.loads(line)))
            except json.JSONDecodeError as exc:
                items.append((line_no, {"__error__": f"not JSON ({exc.msg})"}))
    header: list[str] = []
    for _, item in items:
        if isinstance(item, dict):
            for k in item:
                if k not in header and k != "__error__":
                    header.append(k)
    rows = ((n, item if isinstance(item, dict) else {"__error__": "not a JSON object"}) for n, item in items)
    return _parse_rows(header, rows, row_offset=0)


def parse_xlsx(data: bytes) -> ParsedImport:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a requirement
        raise ImportFormatError("reading .xlsx needs openpyxl") from exc
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise ImportFormatError(f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    try:
        header = [str(c).strip() if c is not None else "" for c in next(rows_iter)]
    except StopIteration:
        raise ImportFormatError("the workbook's first sheet is empty") from None

    def rows() -> Iterable[tuple[int, dict[str, Any]]]:
        for row_no, values in enumerate(rows_iter, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            yield row_no, {h: v for h, v in zip(header, values)}

    return _parse_rows(header, rows())


PARSERS: dict[str, Callable[[bytes], ParsedImport]] = {
    "csv": parse_csv, "tsv": parse_csv, "txt": parse_csv,
    "json": parse_json, "jsonl": parse_json, "ndjson": parse_json,
    "xlsx": parse_xlsx,
}


def normalise_column(name: str) -> str:
    """The record field a column header stands for, or the header itself (folded)."""
    spaced = " ".join(str(name).replace("\ufeff", "").strip().lower().split())
    joined = spaced.replace(" ", "_")
    if joined in FIELDS:
        return joined
    return COLUMN_SYNONYMS.get(spaced) or COLUMN_SYNONYMS.get(joined) or spaced


def _parse_rows(header: list[str], rows: Iterable[tuple[int, dict[str, Any]]], *, row_offset: int = 0) -> ParsedImport:
    mapping: dict[str, str] = {}
    tags: list[str] = []
    for col in header:
        if not str(col).strip():
            continue
        field = normalise_column(col)
        if field in FIELDS and field not in mapping.values():
            mapping[col] = field
        else:
            tags.append(col)
    missing = [f for f in REQUIRED if f not in mapping.values()]
    if missing:
        found = ", ".join(str(h) for h in header if str(h).strip()) or "none"
        return ParsedImport((), (RowError(1, f"missing column{'s' if len(missing) > 1 else ''}: "
                                              f"{', '.join(missing)} (columns found: {found})"),), rows=0)
    records: list[SourceRecord] = []
    errors: list[RowError] = []
    numbers: list[int] = []
    count = 0
    for row_no, row in rows:
        count += 1
        if "__error__" in row:
            errors.append(RowError(row_no + row_offset, row["__error__"]))
            continue
        values = {mapping[c]: v for c, v in row.items() if c in mapping}
        extra = tuple((str(c), _cell(v)) for c, v in row.items() if c in tags and _cell(v) != "")
        record, reasons = record_from_values(values, extra)
        if reasons:
            errors.append(RowError(row_no + row_offset, "; ".join(reasons)))
        else:
            records.append(record)
            numbers.append(row_no + row_offset)
    return ParsedImport(tuple(records), tuple(errors), (), tuple(tags), count, tuple(numbers))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return _FORMULA_GUARD.sub("", str(value)).strip()


def record_from_values(values: dict[str, Any], tags: tuple[tuple[str, str], ...] = ()) -> tuple[SourceRecord | None, list[str]]:
    """Validate one row's values; returns the record or the reasons it is refused."""
    reasons: list[str] = []
    title = _cell(values.get("title"))
    excerpt = _cell(values.get("excerpt"))
    url = _cell(values.get("url"))
    language = _cell(values.get("language")).lower()
    if not excerpt:
        reasons.append("empty excerpt")
    elif len(excerpt) > MAX_FIELD:
        reasons.append(f"excerpt longer than {MAX_FIELD} characters")
    if not title:
        reasons.append("empty title")
    if url and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        reasons.append(f"URL must start with http:// or https:// (got {url[:60]!r})")
    if language and not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?", language):
        reasons.append(f"language must be a code such as fr or en (got {language[:20]!r})")
    published, date_error = parse_date(values.get("published"))
    if date_error:
        reasons.append(date_error)
    if reasons:
        return None, reasons
    return SourceRecord(
        id=_cell(values.get("id")),
        title=title,
        excerpt=excerpt,
        publisher=_cell(values.get("publisher")),
        url=url,
        published=published,
        language=language,
        tags=tags,
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
