"""Reading numbers written in digits or in words ("4 000 000", "1,25", "vingt-et-un", "a hundred")."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .lexicon import Lexicon
from .text import fold_key

_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_number(text: str, lex: Lexicon) -> tuple[Decimal, int] | None:
    """Value of a number as written, and how many decimals it was written with.

    The decimal count tells the precision of a figure: "4" has 0, "1,25" has 2. Word numbers
    count as integers. Returns None when the text is not a number of this language.
    """
    raw = text.strip()
    if not raw:
        return None
    if raw[0].isdigit():
        return _parse_digits(raw, lex)
    return _parse_words(raw, lex)


_SPACE = re.compile(r"\s")


def _parse_digits(raw: str, lex: Lexicon) -> tuple[Decimal, int] | None:
    compact = _SPACE.sub(" ", raw)
    dec = lex.decimal_separator
    thousands = set(lex.thousands_separators)
    # A point followed by one or two digits in a decimal-comma language is still a decimal point
    # ("2.5 milliards"); followed by exactly three digits it groups thousands ("94.000").
    if dec == "," and "." in compact and "," not in compact and re.fullmatch(r"\d+\.\d{1,2}", compact):
        whole, frac = compact.split(".")
    elif dec in compact:
        whole, _, frac = compact.rpartition(dec)
    else:
        whole, frac = compact, ""
    for sep in thousands | {" "}:
        whole = whole.replace(sep, "")
    if dec == "." and "," in whole:
        whole = whole.replace(",", "")
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return None
    try:
        value = Decimal(f"{whole}.{frac}" if frac else whole)
    except InvalidOperation:
        return None
    return value, len(frac)


def _parse_words(raw: str, lex: Lexicon) -> tuple[Decimal, int] | None:
    tokens = [t for t in _WORD_SPLIT.split(fold_key(raw)) if t]
    # Two-word vague counts ("a few") come first.
    joined = " ".join(tokens)
    if joined in lex.numbers.vague:
        return Decimal(lex.numbers.vague[joined]), 0
    total = Decimal(0)
    current: Decimal | int = Decimal(0)  # an int after a multiplier alone ("mille")
    seen = False
    last_unit = False  # the word before was a unit ("seven"): no unit may follow ("Seven two weeks ago")
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        pair = f"{tok}-{tokens[i + 1]}" if i + 1 < len(tokens) else None
        if pair and pair in lex.numbers.number_words:  # "quatre-vingt" written as one word
            current += lex.numbers.number_words[pair]
            seen = True
            i += 2
            continue
        if tok in lex.numbers.joiners:
            i += 1
            continue
        if tok in lex.numbers.number_words:
            word = lex.numbers.number_words[tok]
            if last_unit and word < 10:
                return None
            current += word
            last_unit = word < 10
            seen = True
            i += 1
            continue
        last_unit = False
        if tok in lex.numbers.vague:
            current += lex.numbers.vague[tok]
        elif tok in lex.numbers.multipliers:
            factor = lex.numbers.multipliers[tok]
            if factor >= 1000:
                total += (current or 1) * factor
                current = Decimal(0)
            else:
                current = (current or 1) * factor
        elif tok in lex.numbers.fractions:
            current += Decimal(str(lex.numbers.fractions[tok]))
        else:
            return None
        seen = True
        i += 1
    if not seen:
        return None
    value = total + current
    decimals = 0 if value == value.to_integral_value() else len(str(value.normalize()).partition(".")[2])
    return value, decimals
