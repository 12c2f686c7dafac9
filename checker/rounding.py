"""A shorter figure written for a longer one: "EC$15.5 million" for EC$15,559,402, "$1.16 billion" for
$1,168,897,818, "13 millions" for "13,7 millions".

The plain rule (checker/compare.py: `money_agreement`) reads a figure at the precision it is written
at, give or take a twentieth of its last digit ("4 milliards" covers 3.95-4.05 billion), so that
"4 milliards" and "4,3 milliards" conflict. Published copy also shortens a figure that has more
digits: it rounds it (133,430,832 as "133.4 million") or cuts it (15,559,402 as "15.5 million",
1,168,897,818 as "1.16 billion"). A figure of two significant digits or more, written without a
qualifier, therefore also agrees with a figure written more finely that it rounds or cuts at its
own last digit: S stands for X when S - u/2 <= X < S + u (u: the unit of S's last digit). A single
digit ("4 milliards", "$1 billion") keeps the plain rule: "4 milliards" is not "4,9 milliards".
"""

from __future__ import annotations

import math

from claims import Money

from .compare import money_agreement

# The plain rule's half-width of a figure, as a share of the unit of its last digit.
HALF_WIDTH = 0.05
MIN_DIGITS = 2


def written_unit(amount: float, low: float, high: float) -> float | None:
    """The unit of the last digit a figure is written with, from its bounds; None for a figure
    widened by a qualifier ("about", "more than": its bounds are not its precision)."""
    half = (high - low) / 2
    if amount <= 0 or half <= 0 or abs((amount - low) - (high - amount)) > 1e-6 * amount:
        return None
    exponent = math.log10(half / HALF_WIDTH)
    if abs(exponent - round(exponent)) > 1e-3:
        return None
    return 10.0 ** round(exponent)


def _shortens(coarse: tuple[float, float, float], fine: tuple[float, float, float]) -> bool:
    """Whether the figure `coarse` (amount, low, high) is `fine` rounded or cut at its last digit."""
    unit, fine_unit = written_unit(*coarse), written_unit(*fine)
    if unit is None or fine_unit is None or fine_unit * 10 > unit * 1.000001:
        return False
    s, x = coarse[0], fine[0]
    if significant_digits(s, unit) < MIN_DIGITS:
        return False
    return s - unit / 2 <= x < s + unit


def shortened(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    """Whether one of two figures (amount, low, high) of the same currency is the other shortened."""
    return _shortens(a, b) or _shortens(b, a)


def window(amount: float, low: float, high: float) -> tuple[float, float]:
    """The amounts a record may write for this figure, shortened or in full (for the candidate
    look-up): a coarser figure of two digits or more, whose last digit's unit U is at most a tenth of
    it, stands within U below it and U/2 above it; a finer one within the figure's own last digit."""
    unit = written_unit(amount, low, high)
    if unit is None:
        return low, high
    coarsest = 10.0 ** (math.floor(math.log10(amount) + 1e-9) - 1)
    lo, hi = low, high
    if coarsest >= 10 * unit * 0.999999:
        lo, hi = min(lo, amount - coarsest), max(hi, amount + coarsest / 2)
    if significant_digits(amount, unit) >= MIN_DIGITS:
        lo, hi = min(lo, amount - unit / 2), max(hi, amount + unit)
    return lo, hi


def significant_digits(amount: float, unit: float) -> int:
    """The digits a figure is written with, trailing zeros aside: 2 for "1.1 billion", 4 for "18.62",
    1 for "$1,000" or "60 million"."""
    digits = str(round(amount / unit)).rstrip("0")
    return max(1, len(digits))


def amount_agrees(v: Money, amount: tuple) -> bool:
    """Whether a record's amount (currency, amount, low, high, ...) gives the claim's: at the precision
    each is written at, or one of them the other rounded or cut at its last digit. Two bounds on the
    same side ("more than $57 million", "more than $55 million") agree only when their figures do:
    their widened ranges overlap whatever the figures."""
    mine = _one_side(float(v.amount), float(v.low), float(v.high))
    theirs = _one_side(amount[1], amount[2], amount[3])
    if v.currency == amount[0] and mine is not None and theirs is not None and (mine > 0) == (theirs > 0):
        return abs(float(v.amount) - amount[1]) <= max(abs(mine), abs(theirs))
    if money_agreement(v, amount[0], amount[2], amount[3]) == "agrees":
        return True
    return (
        v.currency == amount[0]
        and v.amount_max is None
        and shortened((float(v.amount), float(v.low), float(v.high)), (amount[1], amount[2], amount[3]))
    )


def _one_side(amount: float, low: float, high: float) -> float | None:
    """The half unit of a figure widened on one side only ("more than", "up to": the extractor's
    bounds), signed by the side (+ above, - below); None for a figure written alone or "about"."""
    if amount <= 0:
        return None
    if high > amount * 1.2 and amount - low <= amount * 0.01:
        return max(amount - low, 1e-9)
    if low < amount * 0.8 and high - amount <= amount * 0.01:
        return -max(high - amount, 1e-9)
    return None


ROUNDED_DIGITS = 3


def keeps_digits(amount: tuple) -> bool:
    """Whether a record's rounded figure (currency, amount, low, high, ...) keeps at least
    ROUNDED_DIGITS significant digits: "DKK 102.6 billion" or "EC$133.4 million" give the article's
    figure; "13 millions" for "13,7 millions" or "$1.1 billion" for "$1.16 billion" leave a question."""
    unit = written_unit(amount[1], amount[2], amount[3])
    return unit is not None and significant_digits(amount[1], unit) >= ROUNDED_DIGITS


# A figure of this many significant digits, given as it is by a record in the same currency, puts the
# record on the claim's subject whatever its language ("83,68 milliards de couronnes" and "DKK 83.68
# billion"): such a coincidence across unrelated stories is rare.
DISTINCTIVE_DIGITS = 4
DISTINCTIVE_RELEVANCE = 0.4


def distinctive_figure(v: Money, amounts) -> bool:
    """Whether the claim's figure has DISTINCTIVE_DIGITS significant digits or more and the record
    gives it at the claim's own precision (one of `amounts`: currency, amount, low, high, ...)."""
    unit = written_unit(float(v.amount), float(v.low), float(v.high))
    if unit is None or significant_digits(float(v.amount), unit) < DISTINCTIVE_DIGITS:
        return False
    return any(a[0] == v.currency and float(v.low) <= a[1] <= float(v.high) for a in amounts)
