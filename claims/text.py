"""Text helpers shared by the whole workbench: folding, keys, content words, sentences.

The one home of text normalisation; every other package calls these rather than writing its own:
- `fold(text)`: a copy of the text in which typographic apostrophes, non-breaking and thin spaces,
  dashes and accents are replaced character for character. Because the copy has exactly the same
  length, every offset found in it is an offset in the original. Extractors match on it.
- `fold_lower(text)`: the same, lower-cased, still the same length (fuzzy comparison with offsets);
- `fold_key(text)`: the form a word or a name is looked up and stored under: folded, case-folded,
  whitespace collapsed (not length-preserving). Language data, the name index and the desk's
  memory all key on it;
- `fold_accents(text)`: accents only, as the databases' full-text search folds them;
- `fold_apostrophes(text)`: typographic apostrophes only, for names shown to the reader;
- `content_words(text)`: the words of four letters or more, folded: what records are indexed by
  and what quotes are compared on;
- `person_key(name)`: "j leike", the key of a person whatever the form of the given name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t"
_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4\u0060\u201b"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"


def _accent_table() -> tuple[str, str]:
    """Latin letters with diacritics and their base letter, one character each (as SQLite's
    unicode61 remove_diacritics folds them): only where the base is one ASCII letter."""
    src, dst = [], []
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            src.append(ch)
            dst.append(base)
    return "".join(src), "".join(dst)


# The letters `fold` and `fold_accents` replace, and their replacements, position by position
# (sources/db.py writes them into PostgreSQL's translate() so that both databases fold alike).
ACCENTED, UNACCENTED = _accent_table()
_FOLD_ACCENTS = str.maketrans(ACCENTED, UNACCENTED)


# Letters written in superscript by careful typesetting: French ordinals ("1ᵉʳ mars", "2ᵉ", "1ʳᵉ").
_SUPERSCRIPT_LETTERS = {"\u1d49": "e", "\u02b3": "r", "\u02e2": "s", "\u1d48": "d"}


@lru_cache(maxsize=1)
def _fold_table() -> list[int | str]:
    """Code point -> replacement, as a list: str.translate indexes a list much faster than a dict,
    and a code point past its end (a LookupError) is kept as it is."""
    mapping: dict[int, str] = {}
    for ch in _SPACES:
        mapping[ord(ch)] = " "
    for ch in _APOSTROPHES:
        mapping[ord(ch)] = "'"
    for ch in _DASHES:
        mapping[ord(ch)] = "-"
    for ch, base in zip(ACCENTED, UNACCENTED):
        mapping[ord(ch)] = base
    for ch, base in _SUPERSCRIPT_LETTERS.items():
        mapping[ord(ch)] = base
    table: list[int | str] = list(range(max(mapping) + 1))
    for code, replacement in mapping.items():
        table[code] = replacement
    return table


def fold(text: str) -> str:
    """Same-length copy of `text` with accents, apostrophes, odd spaces and dashes made plain."""
    return text.translate(_fold_table())


def fold_lower(text: str) -> str:
    """`fold(text)` lower-cased, still the same length: the one processor of fuzzy comparison."""
    folded = fold(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters lower-case to two ("İ"): keep those as they are so offsets still line up.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def fold_key(text: str) -> str:
    """The look-up key of a word or a name: folded, case-folded, whitespace collapsed (not
    length-preserving)."""
    if len(text) <= _KEY_CACHED:
        return _word_key(text)
    return " ".join(fold(text).casefold().split())


# The extractor keys the same words and names over and over (some fifty a short record): the keys
# of short texts are remembered, a bounded number of them.
_KEY_CACHED = 64


@lru_cache(maxsize=16384)
def _word_key(text: str) -> str:
    return " ".join(fold(text).casefold().split())


def fold_accents(text: str) -> str:
    """`text` with accented Latin letters made plain and nothing else changed (a search query, folded
    as the full-text index folds the records)."""
    return text.translate(_FOLD_ACCENTS)


def fold_apostrophes(text: str) -> str:
    """`text` with its typographic apostrophes made straight, accents and case kept (a name as shown)."""
    return text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")


# Runs of four letters or more: the same words as every run of letters kept when it has four.
_CONTENT_RE = re.compile(r"[^\W\d_]{4,}")


def content_words(text: str) -> list[str]:
    """The words of four letters or more, folded and lower-case ("l’équipe" -> "equipe"): what a
    record is indexed and found by, and what a quote's wording is compared on."""
    return _CONTENT_RE.findall(fold(text).lower())


@lru_cache(maxsize=65536)
def person_key(name: str) -> str | None:
    """ "Jan Leike", "J. Leike" -> "j leike": the first letter of the given name and the surname, folded,
    apostrophes dropped and hyphens split (so D’Angelo, D'Angelo and DAngelo share a key). None for a
    single word: a surname alone says too little."""
    words = [
        w
        for w in fold(name).lower().replace("'", "").replace("-", " ").replace(".", " ").split()
        if any(c.isalpha() for c in w)
    ]
    if len(words) < 2:
        return None
    return f"{words[0][0]} {words[-1]}"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its text and where it sits."""

    start: int
    end: int
    text: str
    paragraph: int


# A sentence ends at . ! ? … followed by space and a capital, a digit or an opening quote, unless the
# word before the stop is a known abbreviation or a single initial ("J. Smith").
# Possessive runs and a look-behind keep it linear on "......" or long runs of spaces; the first stop
# comes before the look-behind, so that the engine skips to stops at once.
_STOP_RE = re.compile(r"[.!?…](?<![.!?…].)[.!?…]*+[\"”»’']?(?=\s++[\"“«‘(\[]?\s*+[A-ZÀ-ÖØ-Þ0-9])")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Words after which a stop does not end a sentence (claims/data/common.toml, [sentences])."""
    from .lexicon import common_data  # claims/data/common.toml, read once a process (lexicon imports this module)

    sentences = common_data()["sentences"]
    return frozenset(sentences["abbreviations"] + sentences["rank_abbreviations"])


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences; paragraph breaks (blank lines or single newlines) always end one."""
    sentences: list[Sentence] = []
    for paragraph_no, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        start = p_start
        for m in _STOP_RE.finditer(text, p_start, p_end):
            before = text[start : m.start()].rsplit(None, 1)
            last_word = before[-1].lower().strip("(\"'«“") if before else ""
            if last_word in _abbreviations() or (len(last_word) == 1 and last_word.isalpha()):
                continue
            end = m.end()
            _append(sentences, text, start, end, paragraph_no)
            start = end
        _append(sentences, text, start, p_end, paragraph_no)
    return sentences


_LINE_BREAK = re.compile(r"\n")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], paragraph))


# The most a claim carries of its sentence: a longer sentence is cut to about this many characters
# around the claim, between words, so that a sentence of 100 KB does not ride along with each of its
# claims (in memory, in the JSON, in the database).
MAX_CONTEXT = 1_000


def context_window(
    text: str, start: int, end: int, s_start: int, s_end: int, limit: int = MAX_CONTEXT
) -> tuple[int, int]:
    """The span of the sentence `text[s_start:s_end]` that a claim at `start`-`end` carries as its
    context: the whole sentence when it is at most `limit` characters, else about `limit` characters
    centred on the claim (the claim whole, whatever its length), cut at white space."""
    if s_end - s_start <= limit:
        return s_start, s_end
    room = max(0, limit - (end - start))
    left, right = start - room // 2, end + room - room // 2
    if left < s_start:
        left, right = s_start, min(s_end, right + s_start - left)
    if right > s_end:
        left, right = max(s_start, left - (right - s_end)), s_end
    if left > s_start:  # start after a space, never inside a word
        cut = next((i for i in range(left, start) if text[i - 1].isspace()), start)
        left = cut
    if right < s_end:
        cut = next((i for i in range(right, end, -1) if text[i].isspace()), end)
        right = cut
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def is_heading(sentence: Sentence, text: str) -> bool:
    """A short line of its own without final punctuation (a title or a crosshead)."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    # (a title cut in two by an ellipsis, "Bail Hearing Delayed ... As Suspect Falls Ill", is one line)
    whole = line == sentence.text or ("..." in line or "…" in line) and sentence.text in line
    return bool(line) and len(line) <= 120 and line[-1] not in ".!?…:;,»”\"" and whole
