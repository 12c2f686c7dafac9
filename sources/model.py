"""Source records: what the library holds and what importers and the fetcher produce."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

FIELDS: tuple[str, ...] = ("id", "title", "publisher", "url", "published", "language", "excerpt")


@dataclass(frozen=True)
class SourceRecord:
    """One reference passage: an excerpt with its citation.

    `id` is the newsroom's own identifier (e.g. "S06"); the library generates one when empty.
    `tags` keeps extra columns of an import as (name, value) pairs.
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
        """"Title (Publisher, 2024-03-27)"."""
        bits = [b for b in (self.publisher, self.published.isoformat() if self.published else "") if b]
        return f"{self.title} ({', '.join(bits)})" if bits else self.title


def content_hash(url: str, excerpt: str) -> str:
    """Stable hash of what makes two records the same passage (same URL and excerpt)."""
    normal = " ".join(excerpt.split())
    return hashlib.sha256(f"{url.strip()}\n{normal}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RowError:
    """Why a row of an import was refused. `row` counts as a spreadsheet does (header = row 1)."""

    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


@dataclass(frozen=True)
class ParsedImport:
    """What an importer read from a file: good records, refused rows, columns it did not use."""

    records: tuple[SourceRecord, ...]
    errors: tuple[RowError, ...]
    ignored_columns: tuple[str, ...] = ()
    tag_columns: tuple[str, ...] = ()
    rows: int = 0
    # (row number, record) for a preview that shows where each record came from
    row_numbers: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class StoreReport:
    """What storing records did."""

    added: int
    duplicates: int
    ids: tuple[str, ...] = ()
