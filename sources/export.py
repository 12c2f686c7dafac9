"""Exporting the library as CSV or JSON Lines, in a form its importers read back unchanged.

Exporting, importing the file into an empty library and exporting again gives the same bytes:
- records come out in the order they were stored, which an import keeps;
- CSV: UTF-8 with a BOM (so that spreadsheets read accents right), a header of the record fields
  (`EXPORT_COLUMNS`) then one column per tag name, in order of first use (a name a record uses
  twice gets two columns); cells that a spreadsheet would run as formulas (=, +, -, @) get a leading
  apostrophe, which a CSV import removes (sources/importers/values.py); line breaks inside cells are quoted;
- JSON Lines: one object per record with every field, `tags` as {name: value} (as a list of
  [name, value] pairs when a record repeats a name), dates in ISO 8601.
Files are written next to their destination and renamed into place, so a failed export never
leaves a half-written file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TextIO

from .importers.values import guard_cell
from .model import SourceRecord

EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "publisher",
    "url",
    "published",
    "language",
    "excerpt",
    "retrieved_at",
)


class ExportError(ValueError):
    """The export cannot be written (unknown format, folder missing...)."""


def _fields(r: SourceRecord) -> dict[str, str]:
    return {
        "id": r.id,
        "title": r.title,
        "publisher": r.publisher,
        "url": r.url,
        "published": r.published.isoformat() if r.published else "",
        "language": r.language,
        "excerpt": r.excerpt,
        "retrieved_at": r.retrieved_at.isoformat() if r.retrieved_at else "",
    }


def tag_columns(records: Iterable[SourceRecord]) -> list[str]:
    """The tag columns a CSV export needs: each name as many times as one record uses it."""
    slots: dict[str, int] = {}
    for r in records:
        counts: dict[str, int] = {}
        for name, _ in r.tags:
            counts[name] = counts.get(name, 0) + 1
        for name, n in counts.items():
            if n > slots.get(name, 0):
                slots[name] = n
    return [name for name, n in slots.items() for _ in range(n)]


def write_csv(records: Iterable[SourceRecord], out: TextIO, *, tags: list[str] | None = None) -> int:
    """Write records as CSV; `tags` (from tag_columns) is computed when not given (a second pass
    over `records`, which must then be re-iterable)."""
    if tags is None:
        records = list(records)
        tags = tag_columns(records)
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow([guard_cell(c) for c in (*EXPORT_COLUMNS, *tags)])
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(tags):
        positions.setdefault(name, []).append(i)
    count = 0
    for r in records:
        fields = _fields(r)
        row = [fields[c] for c in EXPORT_COLUMNS]
        cells = [""] * len(tags)
        used: dict[str, int] = {}
        for name, value in r.tags:
            k = used.get(name, 0)
            cells[positions[name][k]] = value
            used[name] = k + 1
        writer.writerow([guard_cell(c) for c in row + cells])
        count += 1
    return count


def write_jsonl(records: Iterable[SourceRecord], out: TextIO) -> int:
    count = 0
    for r in records:
        item: dict = {c: (v or None) if c in ("published", "retrieved_at") else v for c, v in _fields(r).items()}
        names = [n for n, _ in r.tags]
        item["tags"] = dict(r.tags) if len(set(names)) == len(names) else [list(t) for t in r.tags]
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
    return count


FORMATS: dict[str, str] = {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl"}


def format_of(path: str | Path) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ExportError(f"cannot tell the export format from '{Path(path).name}': name the file .csv or .jsonl")
    return FORMATS[ext]


def export_records(records: Callable[[], Iterable[SourceRecord]], out: TextIO, fmt: str) -> int:
    """Write records in `fmt` ("csv" or "jsonl"); `records` is called once per pass needed."""
    if fmt == "csv":
        return write_csv(records(), out, tags=tag_columns(records()))
    if fmt == "jsonl":
        return write_jsonl(records(), out)
    raise ExportError(f"unknown export format {fmt!r}: use csv or jsonl")


def export_library(library, path: str | Path) -> int:
    """Export every live record of `library` to `path` (format from its extension); returns how
    many records were written. The file appears whole or not at all."""
    target = Path(path)
    fmt = format_of(target)
    folder = target.resolve().parent
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = export_records(library.iter_records, out, fmt)
        os.replace(tmp, target)
    except BaseException:
        with _quiet():
            os.unlink(tmp)
        raise
    return count


def export_bytes(library, fmt: str) -> bytes:
    """The export as bytes, for a download button."""
    buffer = io.StringIO(newline="")
    export_records(library.iter_records, buffer, fmt)
    return buffer.getvalue().encode("utf-8")


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True
