"""What people do in news and phrases do not: speak, stand in apposition before a verb, or be
described by a role after a comma. Read for two or three capitalised words nothing else classifies."""

from __future__ import annotations

import re

from ..text import fold_key as key
from .article import _before_verb
from .data import _NameData

_COMMA_WORD = re.compile(r",\s*([\w'’-]+)")
_PREV_WORD_RE = re.compile(r"(?<![\w'’-])([\w'’-]+)\s+$")  # from a word start: linear


def _sentence_opening(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].strip()
    return start == 0 or before == "" or before[-1] in ".!?\n"


def _said_or_described(text: str, start: int, end: int, data: _NameData) -> bool:
    """What people do in news and phrases do not: speak ("Hamid Saleh said"), stand in apposition
    between commas before a verb (", Oleksandr Hrytsenko, a salué"), or be described by a role
    ("Avril Lemoine, députée")."""
    if _before_verb(text, end, data):
        return True
    before = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    if before and (
        data.speech_verb_re.fullmatch(before.group(1).lower())
        or data.speech_verb_re.fullmatch(key(before.group(1)))
        or key(before.group(1)) in data.person_before
        or (
            (earlier := _PREV_WORD_RE.search(text, max(0, before.start() - 30), before.start()))
            and f"{key(earlier.group(1))} {key(before.group(1))}" in data.person_before
        )
    ):
        return True  # "said Rupert Vance KC", "a déclaré Jean Roux", "named Jide Okafor", "led by Ana Ruiz"
    m = _COMMA_WORD.match(text, end)
    if m is None:
        return False
    word = key(m.group(1).replace("’", "'"))
    if word in data.function_words:  # "Marta Ilves, the mayor, said"
        nxt = _COMMA_WORD.match(", " + text[m.end() : m.end() + 40])
        word = key(nxt.group(1)) if nxt else word
    if word in data.person_cues or _role_in_apposition(text, m.start(1), data):
        return True
    if text[max(0, start - 2) : start].strip() in (",", "(") and _before_verb(text, m.start(1) - 1, data):
        return True
    # "Berthe Delorme, paysagiste du XIXe siècle, vivait ...": a description right after a name that opens
    # its sentence
    return m.group(1)[0].islower() and word not in data.function_words and _sentence_opening(text, start)


_APPOSED_WORDS = re.compile(r"[\w'’-]+")


def _role_in_apposition(text: str, start: int, data: _NameData) -> bool:
    """ "Dougald Lamont, Manitoba Liberal Party leader, said", "Gaucho Rasmussen, Ofcom's director of
    investigations": a body's name then a role, within the first words after the comma."""
    if not text[start : start + 1].isupper():
        return False
    words = _APPOSED_WORDS.findall(text, start, start + 60)[:5]
    for w in words[1:]:
        if key(w.replace("’", "'")) in data.person_cues:
            return True
        if not w[:1].isupper():  # the body's name is in capitals up to its role
            return False
    return False
