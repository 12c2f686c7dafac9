"""What the money rules share: the amount found, and the helpers that read a scale, a currency and
the words around a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..lexicon import Lexicon
from ..model import Money
from ..text import fold_key

_HALF_STEP = Decimal("0.05")
_PREV_WORD = re.compile(r"(?<![\w'])([\w']+)\s*$")  # from a word start only: linear on any text
_TOKEN_RE = re.compile(r"[a-z]+|\d+|[^\sa-z\d]")
_REACH = 150  # characters from the start of an amount to its currency: "deux cent cinquante millions de"


@dataclass(frozen=True)
class MoneyFound:
    start: int
    end: int
    value: Money
    qualifier: str | None
    approximate: bool
    local: str | None = None  # "dollar", "franc": a currency that names no country, the article's (claims/country.py)


def _scale_factor(raw: str | None, written: str | None, lex: Lexicon) -> Decimal | None:
    """Factor of a scale word or abbreviation; None for an abbreviation in the wrong case ("m€")."""
    if not raw:
        return Decimal(1)
    k = fold_key(raw.lstrip("-"))
    if k in lex.numbers.scale_words:
        return Decimal(str(lex.numbers.scale_words[k]))
    as_written = (written or raw).strip()
    if as_written in lex.numbers.scale_abbreviations:
        return Decimal(str(lex.numbers.scale_abbreviations[as_written]))
    return None


def _code(raw: str, written: str, lex: Lexicon) -> str | None:
    upper = raw.upper()
    if upper in lex.money.strict_codes and written != upper:
        return None  # "try", "mad": words, not the lira or the dirham
    return lex.money.currency_codes.get(upper)


def _currency(m: re.Match[str], folded: str, lex: Lexicon) -> tuple[str | None, Decimal, bool] | None:
    """(ISO code, factor to apply, whether the currency word is ambiguous); None when not money."""
    if subunit := _subunit(m):
        sub = fold_key(subunit)
        return lex.money.subunit_default.get(sub), Decimal(1) / lex.money.subunits[sub], False
    group = "lead" if m.group("lead") else "trail"
    raw = m.group(group)
    if m.group("suffix"):
        return lex.money.symbol_suffixes[fold_key(m.group("suffix"))], Decimal(1), False
    k = fold_key(raw)
    if k in lex.money.symbol_codes:
        return lex.money.symbol_codes[k], Decimal(1), False
    if k in lex.money.currency_names:
        return lex.money.currency_names[k], Decimal(1), k in lex.money.ambiguous_currency_names
    code = _code(raw, folded[m.start(group) : m.end(group)], lex)
    if (
        code
        and group == "lead"
        and raw.upper() in lex.money.strict_codes
        and folded[m.end(group) : m.end(group) + 1].isdigit()
    ):
        return None  # "COP29", "PEN15": a code that is also a word, glued to a number, names something else
    if code and raw.upper() in lex.money.code_scales:  # "29 MD": millions de dinars; never before the number
        return (code, Decimal(str(lex.money.code_scales[raw.upper()])), False) if group == "trail" else None
    return (code, Decimal(1), False) if code else None


def _subunit(m: re.Match[str]) -> str | None:
    """ "cents" of "50 cents", "c" of "173.08c"."""
    return m.group("sub") or m.group("glued")


def _written(m: re.Match[str], group: str, folded: str) -> str | None:
    return folded[m.start(group) : m.end(group)] if m.group(group) else None


# The last word of a text, matched on the text reversed: what _PREV_WORD finds, read from the end
# instead of tried at each word of the window (these run several times per amount).
_WORD_REVERSED = re.compile(r"[\w']+")


def _word_before(low: str, start: int) -> tuple[str, int]:
    """The word right before `start` (spaces between, within 30 characters) and where it begins; ("",
    `start`) when there is none."""
    tail = low[max(0, start - 30) : start].rstrip()
    m = _WORD_REVERSED.match(tail[::-1])
    if m is None:
        return "", start
    begins = len(tail) - m.end()
    return tail[begins:], max(0, start - 30) + begins


def _previous_word(low: str, start: int) -> str:
    word = _word_before(low, start)[0]
    return fold_key(word) if word else ""


def _previous_word_start(low: str, start: int) -> int:
    """Where the word before `start` begins (`start` itself when there is none)."""
    return _word_before(low, start)[1]


def _range_allowed(joiner: str, before: str, both_signed: bool, lex: Lexicon) -> bool:
    """Whether "X <joiner> Y" is a range, given the word before X (see the module docstring)."""
    if joiner == "-" or len(lex.money.range_joiners) < 2:
        return True
    if joiner == lex.money.range_joiners[0]:  # "and": only "between X and Y"
        return before == lex.money.range_starts[0]
    if joiner == lex.money.range_joiners[1]:  # "to": a change when both ends carry their currency
        return not (before == lex.money.range_starts[1] and both_signed)
    return False


def _counts_one(word: str, lex: Lexicon) -> bool:
    """ "a", "an", "one", "un", "une": a function word that counts one."""
    return word in lex.names.function_words and lex.numbers.number_words.get(word) == 1


def _is_article(word: str, lex: Lexicon) -> bool:
    """ "a", "an": a word that counts one other than the language's numeral (the first word of value
    one in its table: "one"; the French "un" is both)."""
    numeral = next((w for w, v in lex.numbers.number_words.items() if v == 1), None)
    return word != numeral and _counts_one(word, lex)


_FIRST_WORD = re.compile(r"[a-z]+(?![\w'])")
_WORD_AFTER = re.compile(r" [a-z]")  # a lower-case word right after another: "weekly listeners"
_SPACED_GROUPS = re.compile(r"(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)")  # "R3 600": thousands set apart by spaces


def _shared(first: tuple[Decimal, int] | None, scale: Decimal) -> Decimal:
    """The scale a range's first end takes from its second: none when it is a whole number of a
    thousand or more ("from 875,000 to 1.9 million": 875,000, not 875,000 million)."""
    return scale if first is None or first[0] < 1000 else Decimal(1)
