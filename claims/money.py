"""Money amounts: digits or words, scale words, currency by sign, code or name.

The value keeps the precision of the figure as written: "4 milliards" is 4.00 +/- 0.05 billion,
"1,25 milliard" is 1.250 +/- 0.005 billion. A qualifier before the amount ("près de", "plus de",
"up to") is kept beside the value and widens or bounds it; a range ("entre 2 et 3 milliards de
dollars") keeps both ends. Percentages are never money.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .lexicon import Lexicon, key
from .model import Money
from .numbers import parse_number

_HALF_STEP = Decimal("0.05")


@dataclass(frozen=True)
class MoneyFound:
    start: int
    end: int
    value: Money
    qualifier: str | None
    approximate: bool


def find_money(text: str, folded: str, lex: Lexicon, sentence_bounds) -> list[MoneyFound]:
    """All amounts of money in `text` (matched on its folded copy `folded`).

    `sentence_bounds(offset)` gives the (start, end) of the sentence holding an offset.
    """
    found: list[MoneyFound] = []
    for m in lex.money_re.finditer(folded):
        item = _from_match(m, text, folded, lex)
        if item is not None:
            found.append(item)
    found.extend(_bare_scaled(folded, lex, found, sentence_bounds))
    found.sort(key=lambda f: f.start)
    return found


def _scale_factor(raw: str | None, lex: Lexicon) -> Decimal:
    if not raw:
        return Decimal(1)
    word = raw.strip()
    if word in lex.scale_abbreviations:
        return Decimal(str(lex.scale_abbreviations[word]))
    return Decimal(str(lex.scale_words.get(key(word), 1)))


def _currency(m, lex: Lexicon) -> tuple[str | None, Decimal, bool]:
    """(ISO code, factor to apply, whether the currency word is ambiguous)."""
    lead, trail, sub = m.group("lead"), m.group("trail"), m.group("sub")
    if sub:
        return lex.subunit_default.get(key(sub)), Decimal(1) / lex.subunits[key(sub)], False
    raw = lead or trail
    if m.group("suffix"):
        return lex.symbol_suffixes[key(m.group("suffix"))], Decimal(1), False
    for symbol, code in lex.currency_symbols.items():
        if raw.lower() == symbol.lower():
            return code, Decimal(1), False
    upper = raw.upper()
    if upper in lex.currency_codes:
        return lex.currency_codes[upper], Decimal(1), False
    k = key(raw)
    return lex.currency_names.get(k), Decimal(1), k in lex.ambiguous_currency_names


def _from_match(m, text: str, folded: str, lex: Lexicon) -> MoneyFound | None:
    number = m.group("n1") or m.group("n2") or m.group("n3")
    scale_raw = m.group("s1") or m.group("s2")
    parsed = parse_number(number, lex)
    if parsed is None:
        return None
    currency, factor, ambiguous = _currency(m, lex)
    if ambiguous and not scale_raw:
        return None  # "deux livres", "five pounds": not money without a scale word
    if folded[m.end():m.end() + 2].lstrip().startswith("%"):
        return None
    amount, decimals = parsed
    scale = _scale_factor(scale_raw, lex)
    start, end = m.start(), m.end()
    value = amount * scale * factor
    tolerance = _HALF_STEP * Decimal(10) ** -decimals * scale * factor
    low, high = value - tolerance, value + tolerance
    amount_max = None

    before = folded[max(0, start - 60):start]
    rng = lex.range_before_re.search(before)
    if rng and number and number[0].isdigit() == rng.group("n")[0].isdigit():
        first = parse_number(rng.group("n"), lex)
        first_scale = _scale_factor(rng.group("s"), lex) if rng.group("s") else scale
        if first is not None:
            low_value = first[0] * first_scale * factor
            if low_value < value:
                amount_max = value
                value = low_value
                low = low_value - tolerance
                start = start - len(before) + rng.start("n")
                before = folded[max(0, start - 60):start]

    qualifier = None
    q = lex.qualifier_before_re.search(before)
    if q:
        offset = start - len(before)
        qualifier = text[offset + q.start("q"):offset + q.end("q")]
        kind = lex.qualifiers[key(qualifier)]
        top = amount_max if amount_max is not None else value
        if kind == "approx":
            low, high = min(low, value * Decimal("0.9")), max(high, top * Decimal("1.1"))
        elif kind == "more":
            high = max(high, top * Decimal("1.5"))
        elif kind == "less":
            low = min(low, value * Decimal("0.5"))
    return MoneyFound(
        start=start,
        end=end,
        value=Money(amount=value, currency=currency, low=low, high=high, amount_max=amount_max),
        qualifier=qualifier,
        approximate=qualifier is not None and lex.qualifiers[key(qualifier)] == "approx",
    )


def _bare_scaled(folded: str, lex: Lexicon, found: list[MoneyFound], sentence_bounds) -> list[MoneyFound]:
    """Scaled numbers without a currency ("1,25 milliard") that share a sentence with an amount."""
    out: list[MoneyFound] = []
    for m in lex.bare_scaled_re.finditer(folded):
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            continue
        s_start, s_end = sentence_bounds(m.start())
        near = [f for f in found if s_start <= f.start < s_end and f.value.currency]
        if not near:
            continue
        after = folded[m.end():m.end() + 30]
        if after.lstrip().startswith(("%", "de ", "d'", "of ")) and not after.lstrip().startswith(("de dollars", "d'euros")):
            continue  # "1,25 milliard d'habitants", "2 millions of people"
        nearest = min(near, key=lambda f: abs(f.start - m.start()))
        parsed = parse_number(m.group("n"), lex)
        if parsed is None:
            continue
        amount, decimals = parsed
        scale = _scale_factor(m.group("s"), lex)
        value = amount * scale
        tol = _HALF_STEP * Decimal(10) ** -decimals * scale
        out.append(MoneyFound(m.start(), m.end(),
                              Money(amount=value, currency=nearest.value.currency, low=value - tol, high=value + tol),
                              None, False))
    return out
