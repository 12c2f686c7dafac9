"""Turning what an editor hands in (a file, pasted text) into article text, with clear refusals."""

from __future__ import annotations

import datetime as dt
import re

MAX_ARTICLE_BYTES = 2_000_000
TEXT_TYPES = ("txt", "md", "markdown", "text")


class InputError(ValueError):
    """Input the workbench cannot use; the message says why and what to do."""


def decode_article(data: bytes, *, name: str = "") -> str:
    """Text of an uploaded or piped article (.txt or .md), refused clearly if it is not text."""
    what = f"'{name}'" if name else "the input"
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{what} is larger than {MAX_ARTICLE_BYTES // 1_000_000} MB; split it before checking")
    if b"\x00" in data[:8192] or data.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise InputError(f"{what} is a binary file, not text; upload a .txt or .md file or paste the text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{what} is not UTF-8 or Windows-1252 text")
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 10:
        raise InputError(f"{what} looks like a binary file, not text")
    return check_article_text(text, what=what)


def check_article_text(text: str, *, what: str = "the article") -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{what} is empty: paste or upload the article's text")
    if not re.search(r"[^\W\d_]{2,}", text):
        raise InputError(f"{what} holds no words to check")
    return text


def parse_published(value: str | None) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"publication date must be YYYY-MM-DD (got {value!r})") from None
