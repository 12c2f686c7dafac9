"""Money amounts: digits or words, scale words, currency by sign, code or name.

The value keeps the precision of the figure as written, to 0.05 of the unit of its last digit:
"4 milliards" is 3.95 to 4.05 billion, "1,25 milliard" 1.2495 to 1.2505 billion. A qualifier before the amount ("près de", "plus de",
"up to") is kept beside the value and widens or bounds it; a range ("entre 2 et 3 milliards de
dollars", "$2-3 billion", "between $2bn and $3bn") keeps both ends, the first as the amount and the
second as its maximum; "3 dollars 50 cents" is one amount. Percentages are never money.

Ranges, as the language file pairs its words ("between … and", "from … to"): "and" makes a range
only after "between"; "from $2bn to $3bn", with a currency on both ends, is a change between two
amounts, not a range, and gives two claims.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable, cast

from .date_templates import DIGITS
from .lexicon import Lexicon
from .patterns import lower_view
from .model import Money
from .money_signs import capital_signed
from .numbers import parse_number
from .text import fold_key

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
    for marker in lex.money_marker_re.finditer(low):
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
            if token.start() < pos or (DIGITS if word[0].isdigit() else word) not in lex.money_starts:
                continue
            m = lex.money_re.match(low, token.start())
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
    if lex.approx_amount_re is not None and lex.approx_counts:
        found.extend(_approximate_amounts(low, folded, lex))
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[MoneyFound] = []
    for f in found:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return _signed_ranges(low, kept, lex)


_OPENS = re.compile(r"(?:^|[.!?:;(\n–—]|\s-)\s*$")  # where a sentence or a clause opens


def _opens(low: str, at: int, before: list[MoneyFound], lex: Lexicon) -> bool:
    """Whether a sentence or clause opens at `at`: after punctuation, or after "et"/"and" that follows
    a range ("de 1 500 F à 1 650 F pour le minimum et de 1 600 F à 1 750 F pour le maximum")."""
    if _OPENS.search(low, 0, at):
        return True
    return (
        _previous_word(low, at) in lex.coordinators
        and bool(before)
        and before[-1].value.amount_max is not None
        and at - before[-1].end < 120
    )


def _signed_ranges(low: str, found: list[MoneyFound], lex: Lexicon) -> list[MoneyFound]:
    """Two amounts with their currency each, joined as a range: "entre 1 500 F et 1 650 F", and "De 1
    500 F à 1 650 F" when the "de" opens its sentence or clause (`_opens`; after a verb, "passent de …
    à …", it is a change between two amounts, and stays two claims)."""
    if len(lex.range_starts) < 2 or len(lex.range_joiners) < 2:
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
                    pair == (lex.range_starts[0], lex.range_joiners[0])
                    or (pair == (lex.range_starts[1], lex.range_joiners[1]) and _opens(low, word_start, out, lex))
                )
            ):
                value = replace(a.value, amount_max=b.value.amount, high=b.value.high)
                out.append(replace(a, start=word_start, end=b.end, value=value))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _scale_factor(raw: str | None, written: str | None, lex: Lexicon) -> Decimal | None:
    """Factor of a scale word or abbreviation; None for an abbreviation in the wrong case ("m€")."""
    if not raw:
        return Decimal(1)
    k = fold_key(raw.lstrip("-"))
    if k in lex.scale_words:
        return Decimal(str(lex.scale_words[k]))
    as_written = (written or raw).strip()
    if as_written in lex.scale_abbreviations:
        return Decimal(str(lex.scale_abbreviations[as_written]))
    return None


def _code(raw: str, written: str, lex: Lexicon) -> str | None:
    upper = raw.upper()
    if upper in lex.strict_codes and written != upper:
        return None  # "try", "mad": words, not the lira or the dirham
    return lex.currency_codes.get(upper)


def _currency(m: re.Match[str], folded: str, lex: Lexicon) -> tuple[str | None, Decimal, bool] | None:
    """(ISO code, factor to apply, whether the currency word is ambiguous); None when not money."""
    if subunit := _subunit(m):
        sub = fold_key(subunit)
        return lex.subunit_default.get(sub), Decimal(1) / lex.subunits[sub], False
    group = "lead" if m.group("lead") else "trail"
    raw = m.group(group)
    if m.group("suffix"):
        return lex.symbol_suffixes[fold_key(m.group("suffix"))], Decimal(1), False
    k = fold_key(raw)
    if k in lex.symbol_codes:
        return lex.symbol_codes[k], Decimal(1), False
    if k in lex.currency_names:
        return lex.currency_names[k], Decimal(1), k in lex.ambiguous_currency_names
    code = _code(raw, folded[m.start(group) : m.end(group)], lex)
    if code and raw.upper() in lex.code_scales:  # "29 MD": millions de dinars; never before the number
        return (code, Decimal(str(lex.code_scales[raw.upper()])), False) if group == "trail" else None
    return (code, Decimal(1), False) if code else None


def _subunit(m: re.Match[str]) -> str | None:
    """ "cents" of "50 cents", "c" of "173.08c"."""
    return m.group("sub") or m.group("glued")


def _written(m: re.Match[str], group: str, folded: str) -> str | None:
    return folded[m.start(group) : m.end(group)] if m.group(group) else None


def _previous_word(low: str, start: int) -> str:
    w = _PREV_WORD.search(low[max(0, start - 30) : start])
    return fold_key(w.group(1)) if w else ""


def _previous_word_start(low: str, start: int) -> int:
    """Where the word before `start` begins (`start` itself when there is none)."""
    w = _PREV_WORD.search(low[max(0, start - 30) : start])
    return max(0, start - 30) + w.start(1) if w else start


def _range_allowed(joiner: str, before: str, both_signed: bool, lex: Lexicon) -> bool:
    """Whether "X <joiner> Y" is a range, given the word before X (see the module docstring)."""
    if joiner == "-" or len(lex.range_joiners) < 2:
        return True
    if joiner == lex.range_joiners[0]:  # "and": only "between X and Y"
        return before == lex.range_starts[0]
    if joiner == lex.range_joiners[1]:  # "to": a change when both ends carry their currency
        return not (before == lex.range_starts[1] and both_signed)
    return False


def _counts_one(word: str, lex: Lexicon) -> bool:
    """ "a", "an", "one", "un", "une": a function word that counts one."""
    return word in lex.function_words and lex.number_words.get(word) == 1


def _is_article(word: str, lex: Lexicon) -> bool:
    """ "a", "an": a word that counts one other than the language's numeral (the first word of value
    one in its table: "one"; the French "un" is both)."""
    numeral = next((w for w, v in lex.number_words.items() if v == 1), None)
    return word != numeral and _counts_one(word, lex)


def _from_match(m: re.Match[str], text: str, folded: str, low: str, lex: Lexicon) -> MoneyFound | None:
    lead_form = m.group("n1") is not None
    n = "n1" if lead_form else "n2" if m.group("n2") is not None else "n3"
    s = {"n1": "s1", "n2": "s2", "n3": "s3"}[n]
    parsed = parse_number(m.group(n), lex)
    currency = _currency(m, folded, lex)
    if parsed is None or currency is None:
        return None
    code, factor, ambiguous = currency
    if n == "n3" and not m.group("s3") and _is_article(fold_key(m.group("n3")), lex):
        return None  # "not a penny": an article before a coin is a way of speaking
    written = fold_key(m.group("lead") or m.group("trail") or "")
    if written == "f" and folded[m.start("trail") : m.end("trail")] != "F":
        return None  # "1 500 F" in an African paper is francs; a lower-case "f" is no currency
    if m.group("glued") and folded[m.start("glued") : m.end("glued")] not in lex.glued_subunits:
        return None  # "5C" is a temperature, "173.08c" a price
    if written == "r" and (folded[m.start("lead") : m.end("lead")] != "R" or m.end("lead") != m.start("n1")):
        return None  # the rand is "R318bn", a capital glued to its number ("r 5" is no currency)
    local = (
        lex.local_currency_names.get(fold_key(_subunit(m) or ""))  # "80 cents": the article's currency's
        if _subunit(m)
        else None
        if m.group("suffix")
        else "dollar"
        if written == "$"
        else lex.local_currency_names.get(written)
    )
    start, end = m.start(), m.end()
    if m.group("trail") and not _subunit(m) and (sub := lex.subunit_after_re.match(low, end)):
        factor /= lex.subunits[fold_key(sub.group("sub"))]  # "8.4 euro cents": cents of the euro
        end = sub.end()
    lead = fold_key(m.group("lead") or "")
    if " " in lead and len(lead) == 3 and low[max(0, start - 2) : start].strip().endswith("'"):
        # "it's $5", "music ' s $ 500": the letter is a possessive, not a country prefix
        start, code = m.start("lead") + m.group("lead").index("$"), lex.symbol_codes["$"]
    scale = _scale_factor(m.group(s), _written(m, s, folded), lex)
    scale_cut = scale is None
    if scale is None:
        if not lead_form:
            return None
        scale, end = Decimal(1), m.end(n)  # "$5 mds" in French: the amount is "$5"
    if ambiguous and scale == 1:
        return None  # "deux livres", "five pounds": not money without a scale word
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
    value = amount * scale * factor
    tolerance = _HALF_STEP * Decimal(10) ** -decimals * scale * factor
    low_bound, high = value - tolerance, value + tolerance
    amount_max = None

    if lead_form and m.group("rj") and end == m.end():
        second = parse_number(m.group("n1b"), lex)
        second_scale = _scale_factor(m.group("s1b"), _written(m, "s1b", folded), lex)
        joiner = fold_key(m.group("rj"))
        allowed = _range_allowed(joiner, _previous_word(low, start), m.group("lead2") is not None, lex)
        if (
            second is not None
            and second_scale is not None
            and allowed
            and not low[m.end() : m.end() + 3].lstrip().startswith("%")
        ):
            if m.group("s1") is None and second_scale != 1:  # "$2-3 billion": the scale is shared
                scale = second_scale
                value = amount * scale * factor
                tolerance = _HALF_STEP * Decimal(10) ** -decimals * scale * factor
            top = second[0] * (second_scale if m.group("s1b") else scale) * factor
            if value < top:
                amount_max = top
                low_bound, high = value - tolerance, top + tolerance
        if amount_max is None:
            end = m.start("rj")
        elif (w := _PREV_WORD.search(low[max(0, start - 30) : start])) and fold_key(w.group(1)) in lex.range_starts:
            start = max(0, start - 30) + w.start(1)  # "between $2bn and $3bn": written from its first word
    if amount_max is None and not scale_cut and not _subunit(m) and not decimals and scale == 1:
        cents = _cents(low, end, lex)
        if cents is not None:
            end, hundredths = cents
            value += hundredths / 100 * factor
            low_bound, high = value - _HALF_STEP / 10 * factor, value + _HALF_STEP / 10 * factor

    if amount_max is None and not lead_form and lex.range_starts and _previous_word(low, start) == lex.range_starts[0]:
        # "entre 1,5 milliard de dollars et 3,6 milliards": the second end without its currency
        after = lex.range_after_re.match(low, end)
        if after and fold_key(after.group("j")) == lex.range_joiners[0]:
            second = parse_number(after.group("n"), lex)
            second_scale = (
                _scale_factor(after.group("s"), _written(after, "s", folded), lex) if after.group("s") else scale
            )
            if second is not None and second_scale is not None and value < second[0] * second_scale * factor:
                amount_max = second[0] * second_scale * factor
                high = amount_max + tolerance
                # "entre 2 millions d'euros et 3 millions d'euros": the second end may name it again
                again = lex.money_re.match(low, after.start("n"))
                end = again.end() if again else after.end()
                start = _previous_word_start(low, start)
    first_word = _FIRST_WORD.match(low, start)
    article = _previous_word(low, start).rpartition("'")[2]  # "d'un demi-milliard": the "un"
    if first_word and first_word.group() in lex.fractions and _counts_one(article, lex):
        start = low.rindex(article, 0, start)  # "un demi-milliard", "a half-million": from the article
    before = low[max(0, start - 60) : start]
    rng = lex.range_before_re.search(before) if amount_max is None and not lead_form else None
    if rng and m.group(n)[0].isdigit() == rng.group("n")[0].isdigit():
        first = parse_number(rng.group("n"), lex)
        first_scale = _scale_factor(rng.group("s"), None, lex) if rng.group("s") else scale
        joiner = fold_key(rng.group("j"))
        if (
            first is not None
            and first_scale is not None
            and _range_allowed(joiner, fold_key(rng.group("start") or ""), False, lex)
        ):
            low_value = first[0] * first_scale * factor
            if low_value < value:
                amount_max = value
                value = low_value
                low_bound = low_value - tolerance
                # "entre 2 et 3 milliards": the range is written from its first word
                start = start - len(before) + (rng.start("start") if rng.group("start") else rng.start("n"))
                before = low[max(0, start - 60) : start]

    qualifier = None
    q = lex.qualifier_before_re.search(before)
    if q:
        offset = start - len(before)
        qualifier = text[offset + q.start("q") : offset + q.end("q")]
        kind = lex.qualifiers[fold_key(qualifier)]
        top = amount_max if amount_max is not None else value
        if kind == "approx":
            low_bound, high = min(low_bound, value * Decimal("0.9")), max(high, top * Decimal("1.1"))
        elif kind == "more":
            high = max(high, top * Decimal("1.5"))
        elif kind == "less":
            low_bound = min(low_bound, value * Decimal("0.5"))
        elif kind == "nearly":  # "nearly $2 billion": a little under it, at most what is written
            low_bound = min(low_bound, value * Decimal("0.9"))
        elif kind == "just_over":
            high = max(high, top * Decimal("1.1"))
    return MoneyFound(
        start=start,
        end=end,
        value=Money(amount=value, currency=code, low=low_bound, high=high, amount_max=amount_max),
        qualifier=qualifier,
        approximate=qualifier is not None and lex.qualifiers[fold_key(qualifier)] in ("approx", "nearly", "just_over"),
        local=local,
    )


def _cents(low: str, end: int, lex: Lexicon) -> tuple[int, Decimal] | None:
    """(end, cents) of "… 50 cents" or "… and forty-five" right after a whole amount ("3 dollars 50
    cents", "thirteen dollars forty five"); None when no cents follow."""
    c = lex.cents_after_re.match(low, end)
    if c is None:
        return None
    cents = parse_number(c.group("c"), lex)
    if cents is None or cents[1] or not 1 <= cents[0] <= 99:
        return None
    return c.end(), cents[0]


_FIRST_WORD = re.compile(r"[a-z]+(?![\w'])")
_WORD_AFTER = re.compile(r" [a-z]")  # a lower-case word right after another: "weekly listeners"
_SPACED_GROUPS = re.compile(r"(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)")  # "R3 600": thousands set apart by spaces


def _bare_scaled(
    text: str, low: str, lex: Lexicon, found: list[MoneyFound], sentence_bounds: Callable[[int], tuple[int, int]]
) -> list[MoneyFound]:
    """Scaled numbers without a currency ("1,25 milliard") that share a sentence with an amount."""
    out: list[MoneyFound] = []
    priced = sorted((f for f in found if f.value.currency), key=lambda f: f.start)
    starts = [f.start for f in priced]
    spans = sorted((f.start, f.end) for f in found)
    span_starts = [a for a, _ in spans]
    # The sentence of an amount and the two on each side ("... 5 millions d'amende, ... 30 millions par mois").
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
    single = len({f.value.currency for f in priced}) == 1
    counts = Counter(_currency_of(f) for f in priced)
    bare = not found  # no amount in the article: its scaled numbers are in the country's currency, if it names one
    if single or bare:  # one currency in the whole article: "près de 23 millions" anywhere in it is that currency
        reach = {(0, len(low))}
    for s_start, s_end in sorted(reach):
        for m in lex.bare_scaled_re.finditer(low, s_start, s_end):
            i = bisect_right(span_starts, m.start())
            if (i and spans[i - 1][1] > m.start()) or (i < len(spans) and spans[i][0] < m.end()):
                continue  # part of an amount already read
            after = low[m.end() : m.end() + 30].lstrip()
            noun = _FIRST_WORD.match(after, 3 if after.startswith(("de ", "of ")) else 2)
            if (
                after.startswith(("%", "de ", "d'", "of "))
                and not after.startswith(("de dollars", "d'euros"))
                and not (noun and noun.group() in lex.money_nouns)
            ):
                continue  # "1,25 milliard d'habitants", "2 millions of people" (but "5 millions d'amende")
            followers = lex.bare_amount_followers
            if (
                followers is not None
                and (w := _FIRST_WORD.match(after))
                and w.group() not in followers
                and not (w.group().endswith("ly") and not _WORD_AFTER.match(after, w.end()))
            ):
                # "2 million customers": English counts things with the noun right after ("1.9 million
                # weekly listeners" too; "€2 million annually" is money)
                continue
            if after.startswith("(") and i < len(spans) and spans[i][0] - m.end() <= 4:
                continue  # "1.6 billion ($2.54 billion)": another currency, converted in brackets
            j = bisect_right(starts, m.start())
            near = [f for f in priced[max(0, j - 1) : j + 1] if single or abs(f.start - m.start()) < 600]
            parsed = parse_number(m.group("n"), lex)
            if not (near or bare) or parsed is None:
                continue
            currency, local = (
                (None, "bare") if bare else _currency_of(_nearest(near, m.start(), counts, sentence_bounds))
            )
            amount, decimals = parsed
            if amount == 0:
                continue  # "0 milliards": no amount of money is written so
            scale = cast(Decimal, _scale_factor(m.group("s"), None, lex))  # the pattern's scale words all have a factor
            value = amount * scale
            tol = _HALF_STEP * Decimal(10) ** -decimals * scale
            start, top = m.start(), None
            before = low[max(0, start - 60) : start]
            rng = lex.range_before_re.search(before) if lex.range_starts else None
            if (
                rng
                and rng.group("start")
                and fold_key(rng.group("start")) == lex.range_starts[0]
                and fold_key(rng.group("j")) == lex.range_joiners[0]
            ):
                # "entre 25 et 30 millions": one amount from its first word (a "de … à" may be a change)
                first = parse_number(rng.group("n"), lex)
                first_scale = _scale_factor(rng.group("s"), None, lex) if rng.group("s") else scale
                if first is not None and first_scale is not None and first[0] * first_scale < value:
                    top, value = value, first[0] * first_scale
                    start = start - len(before) + rng.start("start")
            elif (
                rng
                and rng.group("start")
                and not rng.group("s")
                and fold_key(rng.group("start")) == lex.range_starts[1]
                and fold_key(rng.group("j")) == lex.range_joiners[1]
                and (earlier := parse_number(rng.group("n"), lex)) is not None
                and earlier[0]
            ):
                # "les recettes passent de 616 à 670,4 millions": a change between two amounts, the
                # first in the scale and currency of the second
                at = start - len(before) + rng.start("n")
                was = earlier[0] * scale
                half = _HALF_STEP * Decimal(10) ** -earlier[1] * scale
                out.append(
                    MoneyFound(
                        at,
                        at + len(rng.group("n")),
                        Money(amount=was, currency=currency, low=was - half, high=was + half),
                        None,
                        False,
                        local,
                    )
                )
            out.append(
                MoneyFound(
                    start,
                    m.end(),
                    Money(
                        amount=value,
                        currency=currency,
                        low=value - tol,
                        high=(top if top is not None else value) + tol,
                        amount_max=top,
                    ),
                    None,
                    False,
                    local,
                )
            )
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
    pattern = cast(re.Pattern[str], lex.approx_amount_re)
    for m in pattern.finditer(low):
        cur = fold_key(m.group("cur"))
        code = lex.currency_names.get(cur) or lex.symbol_codes.get(cur)
        scale = _scale_factor(m.group("s"), None, lex)
        if code is None or scale is None or cur in lex.ambiguous_currency_names:
            continue
        local = "dollar" if cur == "$" else lex.local_currency_names.get(cur)
        value = Decimal(lex.approx_counts[fold_key(m.group("a"))]) * scale
        start = m.start()
        if lex.number_words.get(_previous_word(low, start)) == 1:  # "une cinquantaine"
            start = _previous_word_start(low, start)
        money = Money(amount=value, currency=code, low=value * (1 - _ROUND_SPREAD), high=value * (1 + _ROUND_SPREAD))
        out.append(MoneyFound(start, m.end(), money, None, True, local))
    return out
