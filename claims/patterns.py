"""Regular expressions built from word lists: an alternation, a trie of words (so that a long list
costs no more than its longest word to try), and the lower-case view the patterns run on."""

from __future__ import annotations

import re
from typing import Any

from .text import fold_key


def alternation(words: Any, *, flexible_space: bool = True) -> str:
    """Regex alternation of folded words, longest first so that the longest wins."""
    forms = sorted({fold_key(w) for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for w in forms:
        escaped = re.escape(w)
        if flexible_space:
            escaped = escaped.replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def trie(words: Any) -> str:
    """Like `alternation`, as a prefix tree, for patterns that run on a lower-cased text.

    Python's regex engine tries the words of a flat alternation one by one at every position it
    reaches; in a prefix tree a wrong first letter fails at once. Money and date patterns run at
    every word start of an article, so this is most of their cost. Longer words are still preferred.
    """
    forms = {fold_key(w) for w in words if w}
    if not forms:
        return "(?!)"
    return "(?:" + _node(sorted(forms), r"\s+") + ")"


def literal_trie(words: Any) -> str:
    """The words exactly as written (accents and case kept, a space one space), as a prefix tree: an
    alternation of them that the engine tries in a few steps rather than a word at a time."""
    forms = {w for w in words if w}
    if not forms:
        return "(?!)"
    return "(?:" + _node(sorted(forms), re.escape(" ")) + ")"


def _node(suffixes: list[str], space: str) -> str:
    ends_here = "" in suffixes
    children: dict[str, list[str]] = {}
    for s in suffixes:
        if s:
            children.setdefault(s[0], []).append(s[1:])
    branches = sorted(
        (
            (max(map(len, rest)), (space if ch == " " else re.escape(ch)) + _node(rest, space))
            for ch, rest in children.items()
        ),
        key=lambda b: -b[0],
    )
    body = "|".join(b for _, b in branches)
    if not branches:
        return ""
    if ends_here:
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


def lower_view(folded: str) -> str:
    """Same-length lower-case copy of a folded text, for the patterns built with `trie`."""
    low = folded.lower()
    if len(low) == len(folded):
        return low
    return folded.translate(_ASCII_LOWER)  # a letter whose lower case is longer: keep offsets


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
