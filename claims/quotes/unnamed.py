"""Speakers the article never names: "” a lawyer said", "», a estimé un expert", or "the analyst"
after "An analyst, who asked not to be named, ...". Their quotes have no speaker, and the pronouns
after them ("” he added") point back to them, not to the last person named. A role that opens the
clause of a speech verb before a quote ("l'ancien ministre avait déclaré") is the person named before."""

from __future__ import annotations

import re
from typing import Protocol

from ..lexicon import Lexicon
from ..text import fold_key as key
from .pairing import _WORD
from .words import _quote_words

# Who spoke a quote when the article leaves them unnamed: a speaker for the rules that read the quotes
# after it (pronouns, the paragraph's speaker), None in the quote found (find_quotes).
NOBODY = "\x00unnamed"


class _PersonNamedIn(Protocol):
    def __call__(self, a: int, b: int) -> bool: ...


def unnamed_role(
    folded: str, words: list[re.Match[str]], verb: int, side: str, lex: Lexicon, person_in: _PersonNamedIn
) -> bool:
    """Is the role that speaks after a quote (`side`: "after" or "before" its verb, quotes/attribution.py
    _role_after) one the article leaves unnamed? It is when its article is indefinite ("a lawyer
    said"), or when the role was last written before with an indefinite article and no name right
    after it ("A legal analyst, who asked not to be named, ...", then "” the legal analyst told")."""
    indefinite = _quote_words(lex).indefinites
    article = words[verb + 1] if side == "after" else words[0]
    span = words[verb + 2 : verb + 4] if side == "after" else words[1:verb]
    nouns = [w for w in span if key(w.group()) in lex.names.person_cues]
    if not nouns:
        return False
    if key(article.group()) in indefinite:
        return True
    noun = key(nouns[-1].group())
    earlier = [w for w in _WORD.finditer(folded, max(0, article.start() - 3000), article.start())]
    for i in range(len(earlier) - 1, -1, -1):
        if key(earlier[i].group()) != noun:
            continue
        for j in range(i - 1, max(-1, i - 5), -1):  # the first article before it, a few words back
            w = key(earlier[j].group())
            if w in lex.quotes.articles:
                end = earlier[i].end()
                return w in indefinite and not person_in(end, end + 50)
        return False
    return False


def role_subject(folded: str, verb_start: int, lex: Lexicon) -> bool | None:
    """A role as the subject of the speech verb before a quote ("..., le leader de la droite avait
    déclaré que « ... »", "The former minister said “...”"): None when the clause opens with none;
    else whether the article leaves it unnamed ("Un expert estime que « ... »": True), or it stands
    for the person named before (False)."""
    clause = folded[max(0, verb_start - 90) : verb_start]
    cut = max(clause.rfind(c) for c in ",.;:!?()«»“”\"")
    words: list[str] = []
    for w in _WORD.findall(clause, cut + 1):  # "l'ex-président": the article, then the word
        head, _, rest = w.rpartition("'")
        words += [key(head + "'"), key(rest)] if head and key(head + "'") in lex.quotes.articles and rest else [key(w)]
    if not 2 <= len(words) <= 9 or words[0] not in lex.quotes.articles:
        return None
    if not any(w in lex.names.person_cues or w.split("-")[-1] in lex.names.person_cues for w in words[1:3]):
        return None
    return words[0] in _quote_words(lex).indefinites


def plural_role(words: list[re.Match[str]], verb: int, lex: Lexicon) -> bool:
    """ "” the doctors complained", "», ont dénoncé les médecins": a role in the plural speaks for people
    the article does not name one by one."""
    if 2 <= verb <= 4 and key(words[0].group()) in lex.quotes.articles:
        span = words[1:verb]
    elif verb + 2 < len(words) and key(words[verb + 1].group()) in lex.quotes.articles:
        span = words[verb + 2 : verb + 3]
    else:
        return False
    for w in (key(m.group()) for m in span):
        if w[-1:] in ("s", "x") and w not in lex.names.person_cues and w[:-1] in lex.names.person_cues:
            return True
    return False
