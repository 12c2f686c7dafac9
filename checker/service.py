"""The few operations the UI and the command line call: one call per thing an editor does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sources.importers import parse_file
from sources.library import Library
from sources.model import ParsedImport

from .desk import Desk
from .inputs import InputError, check_article_text
from .match import check_article
from .model import ArticleCheck


class ImportRefused(InputError):
    """An import with bad rows, refused whole; `parsed` holds the reasons."""

    def __init__(self, parsed: ParsedImport, name: str):
        lines = [str(e) for e in parsed.errors[:20]]
        more = f"\n... and {len(parsed.errors) - 20} more" if len(parsed.errors) > 20 else ""
        super().__init__(f"{name}: {len(parsed.errors)} row(s) refused, nothing imported:\n  " + "\n  ".join(lines) + more)
        self.parsed = parsed


def read_import(path: str | Path) -> ParsedImport:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from None
    return parse_file(p.name, data)


def library_from_file(path: str | Path) -> Library:
    """A private in-memory library holding the records of one file (all rows must be good)."""
    parsed = read_import(path)
    if parsed.errors:
        raise ImportRefused(parsed, Path(path).name)
    library = Library.open("sqlite://")
    library.add(parsed.records)
    return library


def check_text(text: str, library: Library, *, language: str = "auto", published: dt.date | None = None) -> ArticleCheck:
    return check_article(check_article_text(text), library, language=language, published=published)


def check_and_store(
    text: str,
    library: Library,
    desk: Desk,
    *,
    title: str = "",
    url: str = "",
    language: str = "auto",
    published: dt.date | None = None,
    reviewer: str = "",
) -> tuple[int, ArticleCheck]:
    """Check an article against the library and store it on the desk for review."""
    text = check_article_text(text)
    result = check_article(text, library, language=language, published=published)
    article_id = desk.save(result, text, title=title, url=url, reviewer=reviewer)
    return article_id, result
