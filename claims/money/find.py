"""`find_money`: the amounts of an article, from the money pattern's matches, then scaled numbers that
take a currency named nearby, round counts of a scale, and signed ranges.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from ..date_templates import DIGITS
from ..lexicon import Lexicon
from ..model import Money
from ..patterns import lower_view
from ..text import fold_key
from .amount import _from_match
from .bare import _approximate_amounts, _bare_scaled
from .base import _REACH, _TOKEN_RE, MoneyFound, _previous_word, _previous_word_start
from .signs import capital_signed


def find_money(
    text: str, folded: str, lex: Lexicon, sentence_bounds: Callable[[int], tuple[int, int]]
) -> list[MoneyFound]:
    """All amounts of money in `text` (matched on its folded copy `folded`).

    `sentence_bounds(offset)` gives the (start, end) of the sentence holding an offset.
    """
    low = lower_view(folded)
    # Every amount holds a currency sign, code, name or subunit, at most a long number in words
    # (_REACH) after its start: amounts are only looked for in front of one.
    windows: list[list[int]] = []
    for marker in lex.money.money_marker_re.finditer(low):
        lo, hi = max(0, marker.start() - _REACH), marker.start() + 1
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    found: list[MoneyFound] = []
    pos = 0
    for lo, hi in windows:
        for token in _TOKEN_RE.finditer(low, max(lo, pos)):
            if token.start() >= hi:
                break
            word = token.group()
            if token.start() < pos or (DIGITS if word[0].isdigit() else word) not in lex.money.money_starts:
                continue
            m = lex.money.money_re.match(low, token.start())
            if m is None:
                continue
            item = _from_match(m, text, folded, low, lex)
            if item is not None:
                found.append(item)
                # An amount may end past the match ("and forty-five cents") or before it (a range cut short).
                pos = item.end
    found.extend(
        MoneyFound(a, b, Money(amount=value, currency=None, low=value - tol, high=value + tol), None, False, group)
        for a, b, value, tol, group in capital_signed(folded, lex, [(f.start, f.end) for f in found])
    )
    found.extend(_bare_scaled(text, low, lex, found, sentence_bounds))
    if lex.money.approx_amount_re is not None and lex.money.approx_counts:
        found.extend(_approximate_amounts(low, folded, lex))
    found.sort(key=lambda f: (f.start, -f.end))
    found = _without_weights(found, low, lex)
    kept: list[MoneyFound] = []
    for f in found:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return _signed_ranges(low, kept, lex)


def _without_weights(found: list[MoneyFound], low: str, lex: Lexicon) -> list[MoneyFound]:
    """ "52 millions de livres" in an article that also says "100 millions de livres de sirop": a name
    that is a weight once in the article (amount.py refuses that one) is a weight throughout."""
    names = {
        last for f in found if (last := low[f.start : f.end].rsplit(" ", 1)[-1]) in lex.money.weight_currency_names
    }
    weighed = {
        name
        for name in names
        for m in re.finditer(rf"(?<![\w'’]){re.escape(name)}(?!\w)", low)
        if (w := lex.money.weight_of_re.match(low, m.end())) and fold_key(w.group(1)) not in lex.money.money_nouns
    }
    if not weighed:
        return found
    return [f for f in found if low[f.start : f.end].rsplit(" ", 1)[-1] not in weighed]


# "N907/$1", "Rs 83.2/$1", "1 300 F/€1": an exchange rate, the price of one unit of a currency, which
# is no amount of money the article spends or counts (nor is the unit after the slash).
_PER_UNIT = re.compile(r"\s?/\s?\D{0,3}1(?!\d|[.,]\d)")


def exchange_rates(found: list[MoneyFound], low: str) -> list[MoneyFound]:
    """The amounts that write an exchange rate with a slash ("N907/$1"), both sides: no claims, though
    their words are no names or dates either."""
    rates = [f for f in found if (m := _PER_UNIT.match(low, f.end)) and any(g.start < m.end() <= g.end for g in found)]
    if not rates:
        return []
    return rates + [g for f in rates for g in found if g.start > f.end and g.start - f.end <= 6]


_OPENS = re.compile(r"(?:^|[.!?:;(\n–—]|\s-)\s*$")  # where a sentence or a clause opens


def _opens(low: str, at: int, before: list[MoneyFound], lex: Lexicon) -> bool:
    """Whether a sentence or clause opens at `at`: after punctuation, or after "et"/"and" that follows
    a range ("de 1 500 F à 1 650 F pour le minimum et de 1 600 F à 1 750 F pour le maximum")."""
    if _OPENS.search(low, 0, at):
        return True
    return (
        _previous_word(low, at) in lex.quotes.coordinators
        and bool(before)
        and before[-1].value.amount_max is not None
        and at - before[-1].end < 120
    )


def _signed_ranges(low: str, found: list[MoneyFound], lex: Lexicon) -> list[MoneyFound]:
    """Two amounts with their currency each, joined as a range: "entre 1 500 F et 1 650 F", and "De 1
    500 F à 1 650 F" when the "de" opens its sentence or clause (`_opens`; after a verb, "passent de …
    à …", it is a change between two amounts, and stays two claims)."""
    if len(lex.money.range_starts) < 2 or len(lex.money.range_joiners) < 2:
        return found
    out: list[MoneyFound] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and a.value.amount_max is None and b.value.amount_max is None:
            between = low[a.end : b.start] if b.start - a.end <= 12 else ""
            joiner = between.split() if between[:1].isspace() and between[-1:].isspace() else []
            word = _previous_word(low, a.start)
            word_start = _previous_word_start(low, a.start)
            pair = (word, fold_key(joiner[0])) if len(joiner) == 1 else None
            same = (a.value.currency, a.local) == (b.value.currency, b.local) and a.value.currency is not None
            if (
                same
                and a.value.amount < b.value.amount
                and (
                    pair == (lex.money.range_starts[0], lex.money.range_joiners[0])
                    or (
                        pair == (lex.money.range_starts[1], lex.money.range_joiners[1])
                        and _opens(low, word_start, out, lex)
                    )
                )
            ):
                value = replace(a.value, amount_max=b.value.amount, high=b.value.high)
                out.append(replace(a, start=word_start, end=b.end, value=value))
                i += 2
                continue
        out.append(a)
        i += 1
    return out
