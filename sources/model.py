"""Source records: what the library holds and what importers and the fetcher produce."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

# Fields of a record that an import file can fill, by column name (see sources/importers/rows.py).
FIELDS: tuple[str, ...] = ("id", "title", "publisher", "url", "published", "language", "excerpt", "retrieved_at")
MAX_ID = 200  # the width of records.record_id


@dataclass(frozen=True)
class SourceRecord:
    """One reference passage: an excerpt with its citation.

    `id` is the newsroom's own identifier (e.g. "S06"); the library generates one when empty.
    `tags` keeps extra columns of an import as (name, value) pairs, in column order.
    `retrieved_at` is when a fetched page was downloaded (UTC, naive); `text_hash` is the SHA-256 of
    the URL and excerpt (see `content_hash`), filled in by the library when the record is stored.
    """

    id: str
    title: str
    excerpt: str
    publisher: str = ""
    url: str = ""
    published: dt.date | None = None
    language: str = ""
    tags: tuple[tuple[str, str], ...] = field(default=())
    retrieved_at: dt.datetime | None = None
    text_hash: str = ""

    @property
    def citation(self) -> str:
        """ "Title (Publisher, 2024-03-27)"."""
        bits = [b for b in (self.publisher, self.published.isoformat() if self.published else "") if b]
        return f"{self.title} ({', '.join(bits)})" if bits else self.title


def content_hash(url: str, excerpt: str) -> str:
    """Stable hash of what makes two records the same passage (same URL and excerpt)."""
    normal = " ".join(excerpt.split())
    return hashlib.sha256(f"{url.strip()}\n{normal}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RowError:
    """Why a row of an import was refused.

    `row` counts as the file's reader sees it: a spreadsheet row (the header is row 1) for CSV and
    Excel, a line for JSON Lines, an item (from 1) for a JSON array; `label` names that unit.
    """

    row: int
    reason: str
    label: str = "row"

    def __str__(self) -> str:
        return f"{self.label} {self.row}: {self.reason}"


@dataclass(frozen=True)
class ParsedImport:
    """What an importer read from a file: good records, refused rows, how its columns were used.

    `records` is empty when the file was only scanned (see importers.scan_path); `good` always
    counts the good rows. `row_numbers[i]` is where `records[i]` came from, for a preview.
    """

    records: tuple[SourceRecord, ...]
    errors: tuple[RowError, ...]
    ignored_columns: tuple[str, ...] = ()
    tag_columns: tuple[str, ...] = ()
    rows: int = 0
    row_numbers: tuple[int, ...] = ()
    good: int = 0
    columns: tuple[tuple[str, str], ...] = ()  # (column as written, field it fills)
    warnings: tuple[str, ...] = ()  # what to check although nothing was refused (unreadable bytes)
    # How many rows were refused: `errors` keeps the first of them with their reasons (a file of
    # millions of bad rows would otherwise fill the memory with reasons).
    refused: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad(self) -> int:
        """How many rows were refused (all of them, kept in `errors` or not)."""
        return max(self.refused, len(self.errors))


@dataclass(frozen=True)
class StoreReport:
    """What storing records did.

    `duplicates` counts records skipped because the library (or the same batch) already holds one
    with the same id, or the same URL and excerpt. Among them, `deleted_matches` are the ids of
    deleted records they matched: restoring those brings the records back.
    """

    added: int
    duplicates: int
    ids: tuple[str, ...] = ()
    deleted_matches: tuple[str, ...] = ()
