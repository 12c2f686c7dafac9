"""A table's rows made records, whatever the format: columns matched to fields by name (with
`COLUMN_SYNONYMS`), other columns kept as tags, each row checked (`values.record_from_values`), and
the counts, errors and columns of a whole file gathered into a `ParsedImport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..model import FIELDS, ParsedImport, RowError, SourceRecord
from .table import ImportFormatError, Table, column_letter
from .values import cell_text, record_from_values, unguard_cell

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
MAX_ERRORS_KEPT = 1_000  # refused rows kept with their reasons; the rest are counted


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


def records(
    table: Table, on_ignored: Callable[[int], None] | None = None
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
                if on_ignored and cell_text(value):
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
            text = cell_text(value)
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
        return [(str(k), cell_text(v)) for k, v in value.items() if cell_text(v)], None
    if isinstance(value, list) and all(isinstance(p, list) and len(p) == 2 for p in value):
        return [(str(k), cell_text(v)) for k, v in value if cell_text(v)], None
    if isinstance(value, str):
        return [("tags", value.strip())], None
    return [], 'tags must be an object {"name": "value"} or a list of [name, value] pairs'


def collect(table: Table, *, keep_records: bool) -> ParsedImport:
    """Every row of `table` checked: counts, the first MAX_ERRORS_KEPT errors, the columns mapped and
    the tags met; the good records too with keep_records (a preview), else only counted (a scan)."""
    cols = _columns(table.header, nested_tags=table.nested_tags)
    kept: list[SourceRecord] = []
    numbers: list[int] = []
    errors: list[RowError] = []
    seen_tags: dict[str, None] = {}
    ignored_with_data: set[int] = set()
    rows = good = 0
    refused = 0
    for row_no, item in records(table, ignored_with_data.add):
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
            kept.append(item)
            numbers.append(row_no)
    ignored = tuple(f"column {column_letter(pos)} (no header)" for pos in sorted(ignored_with_data))
    mapping = tuple(cols.mapping.items())
    return ParsedImport(
        tuple(kept),
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
