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


def _initials(word: str, data: _NameData) -> set[str]:
    """The letters a word may give an acronym: its first, or one per part of a compound
    ("Anti-Corruption" -> "A" or "AC"); a possessive gives nothing more ("Prosecutor's"); a joiner
    ("and") its first or none."""
    if word in data.list_joiners:
        return {"", word[0].upper()}
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
        head = re.sub(r"^\w{1,2}['’]", "", span[0].group())  # "l'Office": its capital is the name's
        if not head[:1].isupper() or fold_key(head) in data.function_words:
            continue
        if _gaps_broken(folded, span):
            return None
        # "Ashland Paving and Construction (APAC)": a joiner may give its initial, or not
        content = [
            w.group() for w in span if fold_key(w.group()) not in data.function_words or w.group() in data.list_joiners
        ]
        if len(content) > len(target) + 2 or not content:
            continue
        if target in {"".join(p) for p in product(*(_initials(w, data) for w in content))}:
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
    """Join the candidates a bracketed acronym spells into the first of them, in place; the words
    may end in lower case ("Office des Nations unies contre la drogue et le crime (ONUDC)")."""
    for m in _ACRONYM.finditer(folded):
        acronym, end = m.group(1), m.start()
        if sum(ch.isupper() for ch in acronym) < 3:
            continue
        lo = max((s for s in sentence_starts if s <= end), default=0)
        start = _spelled_start(folded, end, acronym, lo, data)
        if start is not None:
            _join(candidates, start, end, acronym)
    _spelled_after(candidates, folded, data)


def _join(candidates: list[_Candidate], start: int, end: int, acronym: str) -> None:
    """The candidates between `start` and `end` become one, named by `acronym`."""
    inside = sorted((d for d in candidates if start < d.end and d.start < end), key=lambda d: d.start)
    if not inside or inside[0].start > start or inside[-1].end > end:
        return  # the spelled words open on no capitalised run, or a run goes on past the bracket
    first = inside[0]
    if len(inside) == 1 and first.start == start and first.end == end:
        first.spelled = acronym  # the run holds the whole name already: the acronym names it
        return
    first.tokens = [t for d in inside for t in d.tokens if t.start >= start]
    first.start, first.end, first.headed, first.spelled = start, end, True, acronym
    for d in inside[1:]:
        candidates.remove(d)


# "UNIFIL (United Nations Interim Force in Lebanon)": an acronym, then its words in brackets.
_SPELLED_AFTER = re.compile(r"[ \u00a0]?\(([A-Z][^()\n]{5,119})\)")


def _spelled_after(candidates: list[_Candidate], folded: str, data: _NameData) -> None:
    """An acronym in capitals followed by the words it spells in brackets: those words are one
    organisation, which the acronym names."""
    for c in [c for c in candidates if len(c.tokens) == 1]:
        word = c.tokens[0].text
        if not (3 <= len(word) <= 10 and word.isupper() and word.isalpha()):
            continue
        m = _SPELLED_AFTER.match(folded, c.end)
        words = _WORD.findall(m.group(1)) if m else []
        if not m or len(words) > _MAX_WORDS or _WORD.sub("", m.group(1)).strip(" \u00a0,'’-"):
            continue
        every = "".join(w[0] for w in words).upper()
        content = "".join(w[0] for w in words if fold_key(w) not in data.function_words).upper()
        if word in (every, content):
            _join(candidates, m.start(1), m.end(1), word)
