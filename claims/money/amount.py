"""One match of the money pattern made an amount, step by step (`_from_match`): the number with its
scale and currency, a range, cents, a qualifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..lexicon import Lexicon
from ..model import Money
from ..numbers import parse_number
from ..text import fold_key
from .base import (
    _FIRST_WORD,
    _HALF_STEP,
    _PREV_WORD,
    _SPACED_GROUPS,
    MoneyFound,
    _counts_one,
    _currency,
    _is_article,
    _previous_word,
    _previous_word_start,
    _range_allowed,
    _scale_factor,
    _shared,
    _subunit,
    _written,
)

# The currency's name again after a signed amount ("$20,000 dollars")
_NAMED_AGAIN = re.compile(r"[ \u00a0]([a-z]+)(?![\w'’-])")


@dataclass
class _Draft:
    """An amount as `_from_match` builds it, step by step: its span, currency, value with its bounds,
    and the top of its range."""

    start: int
    end: int
    code: str | None
    factor: Decimal  # what one unit of the written currency is worth in `code` (a cent: 0.01)
    scale: Decimal
    scale_cut: bool  # the scale word was not read ("$5 mds" in French: the amount is "$5")
    decimals: int
    amount: Decimal  # the number as written
    value: Decimal
    tolerance: Decimal
    low: Decimal
    high: Decimal
    amount_max: Decimal | None = None

    def rescale(self, scale: Decimal) -> None:
        self.scale = scale
        self.value = self.amount * scale * self.factor
        self.tolerance = _HALF_STEP * Decimal(10) ** -self.decimals * scale * self.factor


_NO_CENTS = (".–", ".-", ".—")  # "Fr. 1'500.–"
_VIDEO_LINES = frozenset({"144", "240", "360", "480", "576", "720", "1080", "1440", "2160", "4320"})


def _from_match(m: re.Match[str], text: str, folded: str, low: str, lex: Lexicon) -> MoneyFound | None:
    """The amount a match of `money_re` writes, or None when it is no money after all. Its steps, in
    order: the number with its scale and currency; a range inside the match ("$2-3 billion"); cents
    after it ("3 dollars 50"); a range's second end after it ("entre 1,5 milliard de dollars et 3,6
    milliards"); the article of a fraction ("un demi-milliard"); a range's first end before it ("entre
    2 et 3 milliards"); a qualifier before it ("about", "plus de")."""
    lead_form = m.group("n1") is not None
    n = "n1" if lead_form else "n2" if m.group("n2") is not None else "n3"
    d = _base(m, n, folded, low, lex)
    if d is None:
        return None
    if lead_form and m.group("rj") and d.end == m.end():
        _range_in_match(d, m, folded, low, lex)
    if d.amount_max is None and not d.scale_cut and not _subunit(m) and not d.decimals and d.scale == 1:
        if (cents := _cents(low, d.end, lex)) is not None:
            d.end, hundredths = cents
            d.value += hundredths / 100 * d.factor
            d.low, d.high = d.value - _HALF_STEP / 10 * d.factor, d.value + _HALF_STEP / 10 * d.factor
    if (
        d.amount_max is None
        and not lead_form
        and lex.money.range_starts
        and _previous_word(low, d.start) == lex.money.range_starts[0]
    ):
        _range_after(d, folded, low, lex)
    first_word = _FIRST_WORD.match(low, d.start)
    article = _previous_word(low, d.start).rpartition("'")[2]  # "d'un demi-milliard": the "un"
    if first_word and first_word.group() in lex.numbers.fractions and _counts_one(article, lex):
        d.start = low.rindex(article, 0, d.start)  # "un demi-milliard", "a half-million": from the article
    if d.amount_max is None and not lead_form:
        _range_before(d, m.group(n)[0].isdigit(), low, lex)
    local = _local_group(m, lex, low)
    if low.startswith(_NO_CENTS, d.end) and low[d.end - 1 : d.end].isdigit():
        d.end += 2  # "Fr. 250.–": a Swiss price with no cents, the mark its own
    if lead_form and "$" in m.group("lead") and (again := _NAMED_AGAIN.match(low, d.end)):
        # "$20,000 dollars", "$6,000 tala": the sign, then the name of one amount's currency
        name = fold_key(again.group(1))
        if name in lex.money.currency_names and name not in lex.money.ambiguous_currency_names:
            d.end = again.end()
            if lex.money.local_currency_names.get(name) != "dollar":
                d.code, local = lex.money.currency_names[name], lex.money.local_currency_names.get(name)
    qualifier = _qualify(d, text, low, lex)
    return MoneyFound(
        start=d.start,
        end=d.end,
        value=Money(amount=d.value, currency=d.code, low=d.low, high=d.high, amount_max=d.amount_max),
        qualifier=qualifier,
        approximate=qualifier is not None
        and lex.money.qualifiers[fold_key(qualifier)] in ("approx", "nearly", "just_over"),
        local=local,
    )


def _refused(m: re.Match[str], folded: str, lex: Lexicon) -> bool:
    """A match whose sign or coin is no currency here."""
    n = "n1" if m.group("n1") is not None else "n2" if m.group("n2") is not None else "n3"
    if n == "n3" and not m.group("s3") and _is_article(fold_key(m.group("n3")), lex):
        return True  # "not a penny": an article before a coin is a way of speaking
    written = fold_key(m.group("lead") or m.group("trail") or "")
    sub = _subunit(m)
    if sub and fold_key(sub) in lex.numbers.multipliers and not m.group(n)[:1].isdigit():
        return True  # "deux cent trente-cinq millions": a hundred, not a cent, after a number in words
    if m.group("sub") and not folded[m.start("sub") : m.end("sub")].islower():
        return True  # a coin is written in lower case: "4 Sen. members" are senators, not sen
    if written == "f" and folded[m.start("trail") : m.end("trail")] != "F":
        return True  # "1 500 F" in an African paper is francs; a lower-case "f" is no currency
    glued = m.group("glued") and folded[m.start("glued") : m.end("glued")]
    if glued and glued not in lex.money.glued_subunits:
        return True  # "5C" is a temperature, "173.08c" a price
    if glued == "p" and m.group(n) in _VIDEO_LINES:
        return True  # "61p", "148p" are pence, "1080p" a video's lines
    # the rand is "R318bn", a capital glued to its number ("r 5" is no currency)
    return written == "r" and (folded[m.start("lead") : m.end("lead")] != "R" or m.end("lead") != m.start("n1"))


def _local_group(m: re.Match[str], lex: Lexicon, low: str) -> str | None:
    """The group of a currency that names no country ("$", "dollars", "francs", "80 cents": the
    article's), decided by claims/country.py; None for a currency named in full."""
    written = fold_key(m.group("lead") or m.group("trail") or "")
    if _possessive_sign(written, low, m.start()):
        return "dollar"  # "the period's $381 million": a bare "$" after a possessive
    if _subunit(m):
        return lex.money.local_currency_names.get(fold_key(_subunit(m) or ""))
    if m.group("suffix"):
        return None
    return "dollar" if written == "$" else lex.money.local_currency_names.get(written)


def _possessive_sign(lead: str, low: str, start: int) -> bool:
    """ "it's $5", "the period's $381 million": the letter before "$" ends a possessive, no country's."""
    return " " in lead and len(lead) == 3 and low[max(0, start - 2) : start].strip().endswith("'")


# "400,000 pounds ($615,000)": a conversion in brackets right after says the pounds are money
_CONVERSION_AFTER = re.compile(
    r"(?<![ \u00a0])[ \u00a0]*+\([ \u00a0]*+(?:[a-z]{0,3}[$€£¥]|(?:usd|eur|gbp)\b)[ \u00a0]*+\d"
)


def _converted_after(low: str, end: int) -> bool:
    return _CONVERSION_AFTER.match(low, end) is not None


def _base(m: re.Match[str], n: str, folded: str, low: str, lex: Lexicon) -> _Draft | None:
    """The number with its scale and currency: the draft every later step starts from."""
    parsed = parse_number(m.group(n), lex)
    currency = _currency(m, folded, lex)
    if parsed is None or currency is None or _refused(m, folded, lex):
        return None
    code, factor, ambiguous = currency
    lead_form = n == "n1"
    start, end = m.start(), m.end()
    if m.group("trail") and not _subunit(m) and (sub := lex.money.subunit_after_re.match(low, end)):
        factor /= lex.money.subunits[fold_key(sub.group("sub"))]  # "8.4 euro cents": cents of the euro
        end = sub.end()
    lead = fold_key(m.group("lead") or "")
    if _possessive_sign(lead, low, start):
        # "it's $5", "music ' s $ 500": the letter is a possessive, not a country prefix
        start, code = m.start("lead") + m.group("lead").index("$"), lex.money.symbol_codes["$"]
    s = {"n1": "s1", "n2": "s2", "n3": "s3"}[n]
    scale = _scale_factor(m.group(s), _written(m, s, folded), lex)
    scale_cut = scale is None
    if scale is None:
        if not lead_form:
            return None
        scale, end = Decimal(1), m.end(n)  # "$5 mds" in French: the amount is "$5"
    if ambiguous and scale == 1 and not _converted_after(low, end):
        return None  # "deux livres", "five pounds": not money without a scale word
    if (
        ambiguous
        and fold_key(low[:end].rsplit(None, 1)[-1]) in lex.money.weight_currency_names
        and (w := lex.money.weight_of_re.match(low, end))
        and fold_key(w.group(1)) not in lex.money.money_nouns
    ):
        return None  # "100 millions de livres de sirop", "5 million pounds of beef": a weight
    if low[end : end + 3].lstrip().startswith("%"):
        return None
    amount, decimals = parsed
    if (
        lead_form
        and not m.group("s1")
        and not m.group("rj")
        and end == m.end("n1")
        and m.group("n1").isdigit()
        and len(m.group("n1")) <= 3
        and (groups := _SPACED_GROUPS.match(low, end))
    ):
        # "R3 600", "R1 500 000": the South African press sets thousands apart with spaces
        amount = Decimal(m.group("n1") + re.sub(r"\D", "", groups.group()))
        end = groups.end()
    zero = Decimal(0)
    d = _Draft(start, end, code, factor, scale, scale_cut, decimals, amount, zero, zero, zero, zero)
    d.rescale(scale)
    d.low, d.high = d.value - d.tolerance, d.value + d.tolerance
    return d


def _range_in_match(d: _Draft, m: re.Match[str], folded: str, low: str, lex: Lexicon) -> None:
    """ "$2-3 billion", "between $2bn and $3bn": the range's top, written in the match."""
    second = parse_number(m.group("n1b"), lex)
    second_scale = _scale_factor(m.group("s1b"), _written(m, "s1b", folded), lex)
    joiner = fold_key(m.group("rj"))
    allowed = _range_allowed(joiner, _previous_word(low, d.start), m.group("lead2") is not None, lex)
    if m.group("s1") and not m.group("s1b") and m.group("lead2") is None and joiner != "-":
        allowed = False  # "$1.1 billion to three companies": a scaled amount, then a count
    if (
        second is not None
        and second_scale is not None
        and allowed
        and not low[m.end() : m.end() + 3].lstrip().startswith("%")
    ):
        if m.group("s1") is None and second_scale != 1:  # "$2-3 billion": the scale is shared
            d.rescale(second_scale)
        top = second[0] * (second_scale if m.group("s1b") else d.scale) * d.factor
        if d.value < top:
            d.amount_max = top
            d.low, d.high = d.value - d.tolerance, top + d.tolerance
    if d.amount_max is None:
        d.end = m.start("rj")
    elif (w := _PREV_WORD.search(low[max(0, d.start - 30) : d.start])) and fold_key(
        w.group(1)
    ) in lex.money.range_starts:
        d.start = max(0, d.start - 30) + w.start(1)  # "between $2bn and $3bn": written from its first word


def _range_after(d: _Draft, folded: str, low: str, lex: Lexicon) -> None:
    """ "entre 1,5 milliard de dollars et 3,6 milliards": the second end, without its currency."""
    after = lex.money.range_after_re.match(low, d.end)
    if not after or fold_key(after.group("j")) != lex.money.range_joiners[0]:
        return
    second = parse_number(after.group("n"), lex)
    second_scale = _scale_factor(after.group("s"), _written(after, "s", folded), lex) if after.group("s") else d.scale
    if second is not None and second_scale is not None and d.value < second[0] * second_scale * d.factor:
        d.amount_max = second[0] * second_scale * d.factor
        d.high = d.amount_max + d.tolerance
        # "entre 2 millions d'euros et 3 millions d'euros": the second end may name it again
        again = lex.money.money_re.match(low, after.start("n"))
        d.end = again.end() if again else after.end()
        d.start = _previous_word_start(low, d.start)


def _range_before(d: _Draft, digits: bool, low: str, lex: Lexicon) -> None:
    """ "entre 2 et 3 milliards", "de 616 à 670,4 millions": the range's first end, before the amount
    (both ends in digits, or both in words)."""
    before = low[max(0, d.start - 60) : d.start]
    rng = lex.money.range_before_re.search(before) if before.rstrip().endswith(lex.money.range_before_ends) else None
    if not rng or digits != rng.group("n")[0].isdigit():
        return
    first = parse_number(rng.group("n"), lex)
    first_scale = _scale_factor(rng.group("s"), None, lex) if rng.group("s") else _shared(first, d.scale)
    joiner = fold_key(rng.group("j"))
    if (
        first is None
        or first_scale is None
        or not _range_allowed(joiner, fold_key(rng.group("start") or ""), False, lex)
    ):
        return
    low_value = first[0] * first_scale * d.factor
    if d.value / 1000 <= low_value < d.value:  # not "2023/2024 à 105 millions $"
        d.amount_max, d.value = d.value, low_value
        d.low = low_value - d.tolerance
        # "entre 2 et 3 milliards": the range is written from its first word
        d.start = d.start - len(before) + (rng.start("start") if rng.group("start") else rng.start("n"))


def _qualify(d: _Draft, text: str, low: str, lex: Lexicon) -> str | None:
    """A qualifier before the amount ("about", "plus de", "nearly"), as written, with the bounds it
    gives the value."""
    before = low[max(0, d.start - 60) : d.start]
    if not before.rstrip().endswith(lex.money.qualifier_ends):
        return None
    q = lex.money.qualifier_before_re.search(before)
    if not q:
        return None
    offset = d.start - len(before)
    qualifier = text[offset + q.start("q") : offset + q.end("q")]
    kind = lex.money.qualifiers[fold_key(qualifier)]
    top = d.amount_max if d.amount_max is not None else d.value
    if kind == "approx":
        d.low, d.high = min(d.low, d.value * Decimal("0.9")), max(d.high, top * Decimal("1.1"))
    elif kind == "more":
        d.high = max(d.high, top * Decimal("1.5"))
    elif kind == "less":
        d.low = min(d.low, d.value * Decimal("0.5"))
    elif kind == "nearly":  # "nearly $2 billion": a little under it, at most what is written
        d.low = min(d.low, d.value * Decimal("0.9"))
    elif kind == "just_over":
        d.high = max(d.high, top * Decimal("1.1"))
    return qualifier


def _cents(low: str, end: int, lex: Lexicon) -> tuple[int, Decimal] | None:
    """(end, cents) of "… 50 cents" or "… and forty-five" right after a whole amount ("3 dollars 50
    cents", "thirteen dollars forty five"); None when no cents follow."""
    c = lex.money.cents_after_re.match(low, end)
    if c is None:
        return None
    cents = parse_number(c.group("c"), lex)
    if cents is None or cents[1] or not 1 <= cents[0] <= 99:
        return None
    return c.end(), cents[0]
