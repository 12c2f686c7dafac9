"""Stage 1 of name finding: the capitalised tokens of each sentence, with what they are not (amounts,
codes, ordinals, a sentence's opener)."""

import re
from bisect import bisect_right

from ..text import Sentence
from .data import _CLAUSE_OPENERS, _GENERATIONS, _INITIALS_RE, _capital_token_re, _NameData, _Token


def _capitalised(word: str) -> bool:
    """ "Leike", "OpenAI", "eBay"; not "de" or "2024"."""
    first = word[:1]
    if first.isupper():
        return True
    return first.islower() and any(c.isupper() for c in word[1:])


# A word (letters and digits, with inner apostrophes, hyphens and dots: "O'Connell", "Saint-Germain",
# "U.S."; a final dot kept for "Sen.", "M.") that holds a capital, read on the folded text where
# accented capitals are plain ones: capital first, or after a short lower-case start ("eBay",
# "d'OpenAI", "lorsqu'Emmanuel"). Only these can be or start names, so ordinary words are never
# looked at one by one.
# The pattern each language's names data builds (data.capital_token_re) adds its particles' names
# ("al-Jubeir"); this one, the same builder without particles, is what the adversarial property
# test runs.
_CAPITAL_TOKEN_RE = _capital_token_re(frozenset())
_BLANKS = " \u00a0\u202f\t"


def _elided(plain: str, apostrophe: int, after_a_capital: bool, data: _NameData) -> bool:
    """Whether the word opens with an elided article to cut off: "d'OpenAI" is OpenAI; not "D'Angelo"
    right after a given name (a surname), nor "N'Djamena", "N'Golo" (a capital N' opens a name: the
    elided "ne" is no article)."""
    head, rest = plain[:apostrophe].lower(), plain[apostrophe + 1 :]
    glued_to_name = plain[:1].isupper() and rest[:1].isupper() and after_a_capital
    opens_name = plain[:2] == "N'" and rest[:1].isupper()
    return head in data.elisions and bool(rest) and not glued_to_name and not opens_name


def _tokens(text: str, folded: str, sentences: list[Sentence], data: _NameData) -> list[_Token]:
    """Capitalised words of each sentence, cut from elided articles and possessives."""
    tokens: list[_Token] = []
    if not sentences:
        return tokens
    starts = [s.start for s in sentences]
    s_index, s_start, s_end = -1, -1, -1
    seen_word = False
    prev_capital_end = -10
    possessives = data.possessives
    for m in data.capital_token_re.finditer(folded):
        start, end = m.start(), m.end()
        if start >= s_end:
            s_index = bisect_right(starts, start) - 1
            if s_index < 0 or start >= sentences[s_index].end:
                continue
            s_start, s_end = sentences[s_index].start, sentences[s_index].end
            # Any word before the first capitalised one of the sentence? (looked at once per sentence)
            seen_word = _ANY_WORD.search(folded, s_start, start) is not None
        plain = m.group()
        if seen_word:
            initial = _after_opener(folded, start, s_start)
        else:
            initial = True
        seen_word = True
        apostrophe = plain.find("'")
        if apostrophe > 0 and _elided(plain, apostrophe, prev_capital_end >= start - 2, data):
            start += apostrophe + 1
            plain = plain[apostrophe + 1 :]
            initial = False  # after an elided article the word's own capital is meaningful ("L'Olympique")
        for p in data.possessives if plain.endswith(possessives) else ():
            if plain.endswith(p) and len(plain) > len(p) + 1:
                end -= len(p)
                plain = plain[: -len(p)]
                break
        if (
            plain.endswith(".")
            and plain[:-1].lower() not in _GENERATIONS
            and (not _INITIALS_RE.fullmatch(plain) or (len(plain) == 2 and not folded[end:s_end].strip()))
        ):
            # "Calif." but "U.S."; "J. Smith", but "wrote on X." at the end of its sentence
            end -= 1
            plain = plain[:-1]
        glued = _GLUED_TITLE.match(plain) if "." in plain else None
        if glued and glued.group(1).lower() in data.titles:
            # "M.Rachid Hachichi": a title glued to the name by its stop is no part of the name
            start += glued.end()
            plain = plain[glued.end() :]
        plain, end = _unglued(plain, end, data)
        word = text[start:end]
        if end <= start or not (word[0].isupper() or _capitalised(word)) or _amount_or_code(word, folded, end):
            prev_capital_end = -10
            continue
        tokens.append(_Token(word, start, end, plain.lower().rstrip("."), initial, s_index, True))
        prev_capital_end = end
    return tokens


_ANY_WORD = re.compile(r"[^\W_]")
_GLUED_LABEL = re.compile(r"(?<=[a-z]{4})([A-Z][a-z]{2,})$")


def _unglued(plain: str, end: int, data: _NameData) -> tuple[str, int]:
    """ "Amelia SalmonsPublished 22nd Nov", "Baptiste GouretMalgré": a word glued to a name by a lost
    line break is cut off."""
    if (camel := _GLUED_LABEL.search(plain)) and _label(camel.group(1), data):
        return plain[: camel.start(1)], end - (len(plain) - camel.start(1))
    return plain, end


def _label(word: str, data: _NameData) -> bool:
    """A function word ("Malgré") or a past participle ("Published", "Updated") glued to a name."""
    key = word.lower()
    return key in data.function_words or (key.endswith("ed") and key in data.common_words)


def _after_opener(folded: str, start: int, s_start: int) -> bool:
    """Does a clause open right before `start`: a quote mark, a colon or a dash ("VALENCE – La Drôme",
    folded to a plain hyphen), or an agency's mark that opens the sentence ("(APS) Au Sénégal")?"""
    j = start - 1
    while j >= s_start and folded[j] in _BLANKS:
        j -= 1
    if j < s_start:
        return False
    if folded[j] == ")":
        mark = folded[s_start:j].lstrip()
        return mark.startswith("(") and "(" not in mark[1:]
    return folded[j] in _CLAUSE_OPENERS or (folded[j] == "-" and j > s_start and folded[j - 1] in _BLANKS)


# "M.Rachid", "Dr.Smith": a title, its stop, then a capital, with no space between.
_GLUED_TITLE = re.compile(r"([A-Z][a-z]{0,3})\.(?=[A-Z][a-z])")
_DECIMAL = re.compile(r"\d[.,]\d")
_ORDINAL = re.compile(r"(?<!\d)\d++(?:st|nd|rd|th|e|er|re|ème)", re.IGNORECASE)
_SCALE_AFTER = re.compile(
    r"(?<!\s)(?:\s*+(?:bn|m|k|tn)\b|\s++(?:billions?|millions?|trillions?|milliards?)\b)", re.IGNORECASE
)


def _amount_or_code(word: str, folded: str, end: int) -> bool:
    """ "P9.5", "Sh38.8", "GHc200", "R318bn": an amount in a currency's letters; "lLqbu6qHT1",
    "PubGazetteHaiti202005": a link's code or a file's name. Digits with a decimal stop or with lower-case
    letters, or letters and digits before a scale word ("P7 billion"), are no name ("123RF", "E3", "G7" are
    kept)."""
    if word.isalpha() or not any(ch.isdigit() for ch in word):  # (letters alone hold no digit)
        return False
    if _DECIMAL.search(word):
        return True
    if any(ch.islower() for ch in word) and not _ORDINAL.fullmatch(word):
        return True
    return _SCALE_AFTER.match(folded, end) is not None


# Words written in lower case (folded): the common words that a capitalised one may merely open a
# sentence with ("Shares rose" / "shares").
