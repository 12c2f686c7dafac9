"""Which encoding a text file is in, and where it is damaged. Pure: bytes in, names and lines out.

Editors hand in UTF-8 (with or without BOM), Windows-1252 and, from Windows tools, UTF-16 files.
- UTF-16 is recognised by its BOM, or without one by the zero bytes of its ASCII characters
  (every other byte nil: "T\\0i\\0t\\0l\\0e\\0").
- A UTF-8 file with a few bad bytes (a truncated copy, one Latin-1 character pasted in) stays UTF-8:
  the bad bytes become U+FFFD and the lines that hold them are named, instead of the whole file
  being read as Windows-1252 ("payÃ©s"). A file is Windows-1252 when its non-ASCII bytes are not
  UTF-8 sequences at all (its accents are single bytes).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable

REPLACEMENT = "\ufffd"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Encoding:
    """How to read a file: a Python codec name, its error handling, and the lines (1-based) whose
    bytes could not be read and were replaced by U+FFFD (only with errors="replace")."""

    name: str
    errors: str = "strict"
    bad_lines: tuple[int, ...] = ()

    def warning(self, what: str = "the file") -> str | None:
        """One line telling the editor which lines were damaged, or None."""
        if not self.bad_lines:
            return None
        lines = self.bad_lines
        shown = ", ".join(str(n) for n in lines[:10]) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
        return (
            f"{what} is UTF-8 with bytes that cannot be read on line{'s' if len(lines) > 1 else ''} {shown}; "
            f"they are shown as {REPLACEMENT}: check those lines against the original"
        )


def utf16_variant(head: bytes) -> str | None:
    """ "utf-16" (with a BOM), "utf-16-le" or "utf-16-be" when the start of a file is UTF-16 text, else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[: len(head) & ~1]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nil = sample[0::2].count(0)  # the high byte of an ASCII character in UTF-16-BE
    odd_nil = sample[1::2].count(0)  # ... in UTF-16-LE
    if odd_nil >= 0.4 * pairs and even_nil <= 0.02 * pairs:
        return "utf-16-le"
    if even_nil >= 0.4 * pairs and odd_nil <= 0.02 * pairs:
        return "utf-16-be"
    return None


def detect(chunks: Callable[[], Iterable[bytes]]) -> Encoding | None:
    """The encoding of a text whose bytes `chunks()` gives (called at most twice), or None if it is
    neither UTF-8 (whole or damaged) nor Windows-1252. UTF-16 is looked for first, by the caller
    (`utf16_variant` on the file's first bytes)."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in chunks():
            utf8.decode(chunk)
        utf8.decode(b"", final=True)
        return Encoding("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Not clean UTF-8: a second reading, line by line (a line break is never inside a UTF-8 sequence).
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    cp1252_ok = True
    good = bad = 0
    bad_lines: list[int] = []
    line = 1
    pending = b""
    for chunk in chunks():
        if cp1252_ok:
            try:
                cp1252.decode(chunk)
            except UnicodeDecodeError:
                cp1252_ok = False
        parts = (pending + chunk).split(b"\n")
        pending = parts.pop()
        for raw in parts:
            g, b = _sequences(raw)
            good, bad = good + g, bad + b
            if b:
                bad_lines.append(line)
            line += 1
    g, b = _sequences(pending)
    good, bad = good + g, bad + b
    if b:
        bad_lines.append(line)
    if cp1252_ok and good < bad:  # single-byte accents: Windows-1252
        return Encoding("cp1252")
    if good or (not cp1252_ok and bad <= 16):  # UTF-8 with a few bad bytes; many and no good one: not text
        return Encoding("utf-8-sig", "replace", tuple(bad_lines))
    return None


def _sequences(raw: bytes) -> tuple[int, int]:
    """How many valid multi-byte UTF-8 characters and how many unreadable bytes one line holds."""
    if raw.isascii():
        return 0, 0
    text = raw.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT) - raw.count(REPLACEMENT.encode())
    good = sum(1 for ch in text if ord(ch) > 127) - text.count(REPLACEMENT)
    return good, bad


def detect_stream(fh: BinaryIO) -> Encoding | None:
    """The encoding of a binary file from its current position (which is restored after): UTF-16
    if its start says so and all of it decodes so, else as `detect` finds it."""
    start = fh.tell()

    def chunks() -> Iterable[bytes]:
        fh.seek(start)
        return iter(lambda: fh.read(_CHUNK), b"")

    try:
        variant = utf16_variant(fh.read(4096))
        if variant is None:
            return detect(chunks)
        decoder = codecs.getincrementaldecoder(variant)()
        try:
            for chunk in chunks():
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
        return Encoding(variant)
    finally:
        fh.seek(start)


def decode(data: bytes) -> tuple[str, Encoding] | None:
    """The text of `data` and how it was read; None when it is no text this module knows."""
    variant = utf16_variant(data[:4096])
    if variant:
        try:
            return data.decode(variant), Encoding(variant)
        except UnicodeDecodeError:
            return None
    enc = detect(lambda: [data])
    if enc is None:
        return None
    return data.decode(enc.name, errors=enc.errors), enc
