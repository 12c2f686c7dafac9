"""Capital letters that are a currency sign in one country's press: "Sh38.8 billion" (the shilling),
"P9.5 billion" (the Philippine peso). Read against a number only, and in the currency of the group of
[local_currencies] that [capital_signs] in claims/data/common.toml names for each: an amount with no
currency where that group names none (claims/country.py, claims/extract.py).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..lexicon import Lexicon, common_data
from ..numbers import parse_number
from ..text import fold_key

_HALF_STEP = Decimal("0.05")  # as in claims/money/: a figure is as precise as its last digit


@lru_cache(maxsize=None)
def _capital_signs() -> tuple[dict[str, str], frozenset[str]]:
    """The capitals of [capital_signs] in common.toml: sign -> group, and those that may stand apart."""
    data = common_data()["capital_signs"]
    return {**data["glued"], **data["spaced"]}, frozenset(data["spaced"])


@lru_cache(maxsize=None)
def _capital_sign_re(scale_words: tuple[str, ...], abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    signs, _ = _capital_signs()
    # Each sign, then the look-behind on what precedes it (so that the engine skips to the signs'
    # letters at once, instead of trying a look-behind at every position).
    sign = "|".join(re.escape(s) + rf"(?<![\w$€£¥.,'’-]{'.' * len(s)})" for s in sorted(signs, key=len, reverse=True))
    scale = "|".join(re.escape(w) for w in sorted(scale_words, key=len, reverse=True))
    glued = "|".join(re.escape(w) for w in sorted(abbreviations, key=len, reverse=True))
    # a scale word a space or a dash apart ("Sh38.8 billion"), or an abbreviation glued ("Shs72m")
    return re.compile(
        rf"(?P<sign>{sign})(?P<gap> ?)(?P<n>\d+(?:[.,]\d+)*)"
        rf"(?:(?P<a>{glued})(?![\w-])|(?![\d\w%])(?:(?P<s>[ -]?(?i:{scale}))(?![\w-]))?)"
    )


def capital_signed(
    folded: str, lex: Lexicon, taken: list[tuple[int, int]]
) -> list[tuple[int, int, Decimal, Decimal, str]]:
    """(start, end, amount, its half step, group) of each amount written with a capital sign, outside
    the spans already `taken` by other amounts."""
    signs, spaced = _capital_signs()
    out: list[tuple[int, int, Decimal, Decimal, str]] = []
    for m in _capital_sign_re(tuple(lex.numbers.scale_words), tuple(lex.numbers.scale_abbreviations)).finditer(folded):
        if m.group("gap") and m.group("sign") not in spaced:
            continue
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        parsed = parse_number(m.group("n"), lex)
        word = fold_key(m.group("s").strip(" -")) if m.group("s") else None
        scale = Decimal(str(lex.numbers.scale_words[word])) if word in lex.numbers.scale_words else Decimal(1)
        if m.group("a"):
            scale = Decimal(str(lex.numbers.scale_abbreviations[m.group("a")]))
        if parsed is None or (word is not None and word not in lex.numbers.scale_words):
            continue
        amount, decimals = parsed
        out.append(
            (m.start(), m.end(), amount * scale, _HALF_STEP * Decimal(10) ** -decimals * scale, signs[m.group("sign")])
        )
    return out
