"""An acronym in brackets spelled by the words before it: "Ministry of Transport, Communications and
Information Technology (MTCIT)", "Producteurs et productrices acéricoles du Québec (PPAQ)". The runs of
capitals cut such a name at its commas, its "and" and its lower-case words; the acronym tells where it
begins, and the pieces become one organisation.
"""

from __future__ import annotations

import re
from itertools import product

from ..text import fold_key
from .data import _Candidate, _NameData

_ACRONYM = re.compile(r"[ \u00a0]?\(([A-Z][A-Za-z&]{2,9})\)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_REACH = 120  # characters looked back from the bracket: a name of about twelve words
_MAX_WORDS = 12


def _initials(word: str) -> set[str]:
    """The letters a word may give an acronym: its first, or one per part of a compound
    ("Anti-Corruption" -> "A" or "AC"); a possessive gives nothing more ("Prosecutor's")."""
    word = re.sub(r"['’]s$", "", re.sub(r"^\w{1,2}['’]", "", word))  # "l'intégration", "Prosecutor's"
    parts = [p for p in word.split("-") if p]
    return {word[0].upper(), "".join(p[0] for p in parts).upper()}


def _spelled_start(folded: str, end: int, acronym: str, lo: int, data: _NameData) -> int | None:
    """Where the words before `end` whose initials spell `acronym` start (the first of them
    capitalised), with a head that the acronym leaves out ("Department for Business, Energy and
    Industrial Strategy (BEIS)"); None when no run of at most twelve words spells it."""
    words = list(_WORD.finditer(folded, max(lo, end - _REACH), end))[-_MAX_WORDS:]
    if not words or folded[words[-1].end() : end].strip(" \u00a0"):
        return None
    target = acronym.upper()
    for k in range(2, len(words) + 1):
        span = words[-k:]
        if not span[0].group()[0].isupper() or fold_key(span[0].group()) in data.function_words:
            continue
        if _gaps_broken(folded, span):
            return None
        content = [w.group() for w in span if fold_key(w.group()) not in data.function_words]
        if len(content) > len(target) + 2 or not content:
            continue
        if target in {"".join(p) for p in product(*(_initials(w) for w in content))}:
            elided = re.match(r"\w{1,2}['’]", span[0].group())  # "L'Office français ... (OFB)"
            start = span[0].start() + (elided.end() if elided else 0)
            return _with_head(folded, words[: len(words) - k], start, data)
    return None


def _gaps_broken(folded: str, span: list[re.Match[str]]) -> bool:
    """Whether something other than spaces and commas stands between the words of `span`."""
    return any(folded[a.end() : b.start()].strip(" \u00a0,") for a, b in zip(span, span[1:]))


def _with_head(folded: str, before: list[re.Match[str]], start: int, data: _NameData) -> int:
    """ "Department for" before the spelled words: an organisation's head and its function words, which
    the acronym does not spell."""
    i = len(before)
    while i > 0 and fold_key(before[i - 1].group()) in data.function_words:
        i -= 1
    if (
        0 < i < len(before)
        and fold_key(before[i - 1].group()) in data.organization_words
        and not _gaps_broken(folded, before[i - 1 :])
        and not folded[before[-1].end() : start].strip(" \u00a0")
    ):
        return before[i - 1].start()
    return start


def spelled_out(candidates: list[_Candidate], folded: str, sentence_starts: list[int], data: _NameData) -> None:
    """Join the candidates a bracketed acronym spells into the first of them, in place."""
    by_start = sorted(candidates, key=lambda c: c.start)
    for c in by_start:
        m = _ACRONYM.match(folded, c.end)
        if not m or sum(ch.isupper() for ch in m.group(1)) < 3:
            continue
        lo = max((s for s in sentence_starts if s <= c.start), default=0)
        start = _spelled_start(folded, c.end, m.group(1), lo, data)
        if start is None or start > c.start:
            continue
        if start == c.start:  # the run holds the whole name already: the acronym names it
            c.spelled = m.group(1)
            continue
        inside = [d for d in by_start if start < d.end and d.start < c.end]
        first = inside[0]
        first.tokens = [t for d in inside for t in d.tokens]
        first.start, first.end, first.headed, first.spelled = start, c.end, True, m.group(1)
        first.tokens = [t for t in first.tokens if t.start >= start]
        for d in inside[1:]:
            candidates.remove(d)
