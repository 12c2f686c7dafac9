"""Scaled numbers with no currency of their own ("1,25 milliard"), which take the one named nearby,
and round counts of a scale ("une cinquantaine de millions d'euros").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from decimal import Decimal
from typing import Callable, cast

from ..lexicon import Lexicon
from ..model import Money
from ..numbers import parse_number
from ..text import fold_key
from .base import (
    _FIRST_WORD,
    _HALF_STEP,
    _WORD_AFTER,
    MoneyFound,
    _previous_word,
    _previous_word_start,
    _scale_factor,
    _shared,
)


def _bare_scaled(
    text: str, low: str, lex: Lexicon, found: list[MoneyFound], sentence_bounds: Callable[[int], tuple[int, int]]
) -> list[MoneyFound]:
    """Scaled numbers without a currency ("1,25 milliard") that share a sentence with an amount."""
    out: list[MoneyFound] = []
    priced = sorted((f for f in found if f.value.currency), key=lambda f: f.start)
    starts = [f.start for f in priced]
    spans = sorted((f.start, f.end) for f in found)
    span_starts = [a for a, _ in spans]
    single = len({f.value.currency for f in priced}) == 1
    counts = Counter(_currency_of(f) for f in priced)
    bare = not found  # no amount in the article: its scaled numbers are in the country's currency, if it names one
    # One currency in the whole article: "près de 23 millions" anywhere in it is that currency; else the
    # sentence of an amount and the two on each side ("... 5 millions d'amende, ... 30 millions par mois").
    reach = {(0, len(low))} if single or bare else _reach(priced, low, sentence_bounds)
    for s_start, s_end in sorted(reach):
        for m in lex.money.bare_scaled_re.finditer(low, s_start, s_end):
            i = bisect_right(span_starts, m.start())
            if (i and spans[i - 1][1] > m.start()) or (i < len(spans) and spans[i][0] < m.end()):
                continue  # part of an amount already read
            after = low[m.end() : m.end() + 30].lstrip()
            if _counts_things(after, lex):
                continue
            if after.startswith("(") and i < len(spans) and spans[i][0] - m.end() <= 4:
                continue  # "1.6 billion ($2.54 billion)": another currency, converted in brackets
            j = bisect_right(starts, m.start())
            near = [f for f in priced[max(0, j - 1) : j + 1] if single or abs(f.start - m.start()) < 600]
            parsed = parse_number(m.group("n"), lex)
            if not (near or bare) or parsed is None or parsed[0] == 0:
                continue  # ("0 milliards": no amount of money is written so)
            currency, local = (
                (None, "bare") if bare else _currency_of(_nearest(near, m.start(), counts, sentence_bounds))
            )
            out += _scaled_amounts(m, parsed, currency, local, low, lex)
    return out


def _reach(
    priced: list[MoneyFound], low: str, sentence_bounds: Callable[[int], tuple[int, int]]
) -> set[tuple[int, int]]:
    """The sentence of each amount and the two on each side of it, as bounds."""
    reach: set[tuple[int, int]] = set()
    for f in priced:
        for step in (1, -1):
            bounds = sentence_bounds(f.start)
            for _ in range(3):
                reach.add(bounds)
                edge = bounds[1] if step == 1 else bounds[0] - 1
                if not 0 <= edge < len(low):
                    break
                bounds = sentence_bounds(edge)
    return reach


def _counts_things(after: str, lex: Lexicon) -> bool:
    """Whether what follows a scaled number makes it a count of things, not money: "1,25 milliard
    d'habitants", "2 millions of people" (but "5 millions d'amende"), and in English the noun right
    after it ("2 million customers", "1.9 million weekly listeners"; "€2 million annually" is money)."""
    noun = _FIRST_WORD.match(after, 3 if after.startswith(("de ", "of ")) else 2)
    if (
        after.startswith(("%", "de ", "d'", "of "))
        and not after.startswith(("de dollars", "d'euros"))
        and not (noun and noun.group() in lex.money.money_nouns)
    ):
        return True
    followers = lex.money.bare_amount_followers
    return (
        followers is not None
        and (w := _FIRST_WORD.match(after)) is not None
        and w.group() not in followers
        and not (w.group().endswith("ly") and not _WORD_AFTER.match(after, w.end()))
    )


def _scaled_amounts(
    m: re.Match[str], parsed: tuple[Decimal, int], currency: str | None, local: str | None, low: str, lex: Lexicon
) -> list[MoneyFound]:
    """The amount of a scaled number, with a range's first end before it ("entre 25 et 30 millions"),
    or also the amount a change starts from ("passent de 616 à 670,4 millions")."""
    out: list[MoneyFound] = []
    amount, decimals = parsed
    scale = cast(Decimal, _scale_factor(m.group("s"), None, lex))  # the pattern's scale words all have a factor
    value = amount * scale
    tol = _HALF_STEP * Decimal(10) ** -decimals * scale
    start, top = m.start(), None
    before = low[max(0, start - 60) : start]
    ends = lex.money.range_starts and before.rstrip().endswith(lex.money.range_before_ends)
    rng = lex.money.range_before_re.search(before) if ends else None
    if (
        rng
        and rng.group("start")
        and fold_key(rng.group("start")) == lex.money.range_starts[0]
        and fold_key(rng.group("j")) == lex.money.range_joiners[0]
    ):
        # "entre 25 et 30 millions": one amount from its first word (a "de … à" may be a change)
        first = parse_number(rng.group("n"), lex)
        first_scale = _scale_factor(rng.group("s"), None, lex) if rng.group("s") else _shared(first, scale)
        if first is not None and first_scale is not None and value / 1000 <= first[0] * first_scale < value:
            top, value = value, first[0] * first_scale
            start = start - len(before) + rng.start("start")
    elif (
        rng
        and rng.group("start")
        and not rng.group("s")
        and fold_key(rng.group("start")) == lex.money.range_starts[1]
        and fold_key(rng.group("j")) == lex.money.range_joiners[1]
        and (earlier := parse_number(rng.group("n"), lex)) is not None
        and earlier[0] * 1000 * _shared(earlier, scale) >= amount * scale  # not "2024 à 105 millions"
    ):
        # "les recettes passent de 616 à 670,4 millions": a change between two amounts, the first in
        # the scale and currency of the second
        at = start - len(before) + rng.start("n")
        was = earlier[0] * _shared(earlier, scale)
        half = _HALF_STEP * Decimal(10) ** -earlier[1] * _shared(earlier, scale)
        was_money = Money(amount=was, currency=currency, low=was - half, high=was + half)
        out.append(MoneyFound(at, at + len(rng.group("n")), was_money, None, False, local))
    high = (top if top is not None else value) + tol
    money = Money(amount=value, currency=currency, low=value - tol, high=high, amount_max=top)
    out.append(MoneyFound(start, m.end(), money, None, False, local))
    return out


def _nearest(
    near: list[MoneyFound],
    at: int,
    counts: Counter[tuple[str | None, str | None]],
    sentence_bounds: Callable[[int], tuple[int, int]],
) -> MoneyFound:
    """The amount whose currency a bare one takes: the nearest of its own sentence; else, of the
    amounts around it, the one in the article's commonest currency ("30 millions" between 780
    millions d'euros and 18 millions de francs CFA, in a paper whose amounts are in francs CFA), the
    nearest on a tie."""
    own = sentence_bounds(at)
    same = [f for f in near if sentence_bounds(f.start) == own]
    if same:
        return min(same, key=lambda f: abs(f.start - at))
    return min(near, key=lambda f: (-counts[_currency_of(f)], abs(f.start - at)))


def _currency_of(f: MoneyFound) -> tuple[str | None, str | None]:
    return f.value.currency, f.local


_ROUND_SPREAD = Decimal("0.2")  # "une cinquantaine": forty to sixty, about


def _approximate_amounts(low: str, folded: str, lex: Lexicon) -> list[MoneyFound]:
    """ "une cinquantaine de millions d'euros", "une dizaine de milliards de dollars": a round count of
    a scale word, with its currency; approximate, from the article before the count."""
    out: list[MoneyFound] = []
    pattern = cast(re.Pattern[str], lex.money.approx_amount_re)
    for m in pattern.finditer(low):
        cur = fold_key(m.group("cur"))
        code = lex.money.currency_names.get(cur) or lex.money.symbol_codes.get(cur)
        scale = _scale_factor(m.group("s"), None, lex)
        if code is None or scale is None or cur in lex.money.ambiguous_currency_names:
            continue
        local = "dollar" if cur == "$" else lex.money.local_currency_names.get(cur)
        value = Decimal(lex.money.approx_counts[fold_key(m.group("a"))]) * scale
        start = m.start()
        if lex.numbers.number_words.get(_previous_word(low, start)) == 1:  # "une cinquantaine"
            start = _previous_word_start(low, start)
        money = Money(amount=value, currency=code, low=value * (1 - _ROUND_SPREAD), high=value * (1 + _ROUND_SPREAD))
        out.append(MoneyFound(start, m.end(), money, None, True, local))
    return out
