"""What the date rules share: the found date, the article's context, and the helpers that read a day,
a month or a year and move between them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from ..lexicon import Lexicon
from ..model import DateValue
from ..numbers import parse_number
from ..text import fold_key as key


@dataclass(frozen=True)
class DateFound:
    start: int
    end: int
    value: DateValue
    relative: bool
    approximate: bool
    qualifier: str | None
    rule: str


class _Context:
    """What a rule reads around its match. The tense around the date costs a few searches, made only
    when a rule asks (a date with its year never does): `past`, a verb in a past tense right before the
    date; `future`, a future in its sentence that no such past outweighs; `past_clause`, a verb in a
    past tense in the date's clause, before it."""

    def __init__(
        self,
        low: str,  # lower-case folded text, where templates match
        folded: str,  # folded text with its case, for the capitalisation of months
        lex: Lexicon,
        published: dt.date,
        tense: tuple[Callable[[], bool], Callable[[], bool], Callable[[], bool]],  # past, future, past_clause
    ):
        self.low, self.folded, self.lex, self.published = low, folded, lex, published
        self._tense = tense

    @cached_property
    def past(self) -> bool:
        return self._tense[0]()

    @cached_property
    def future(self) -> bool:
        return not self.past and self._tense[1]()

    @cached_property
    def past_clause(self) -> bool:
        return self._tense[2]()


_Groups = dict[str, str]  # the named groups of a template's match that took part in it
_Span = tuple[int, int]
# A rule: the date a template's match names (None: no date; _NO_SUCH_DAY: no real day).
_Rule = Callable[[_Groups, _Span, _Context, re.Match[str]], DateFound | None]


# What a rule returns for a date expression that names no real day ("Feb 30", "the fifth Sunday" of a
# month with four): no claim, but the words are taken, so that "Sunday" alone is not read instead.
_NO_SUCH_DAY = DateFound(0, 0, DateValue.of("0001-01-01"), False, False, None, "no such day")

_TOKEN_RE = re.compile(r"[a-z]+|\d+")
_WORD_RE = re.compile(r"\w+")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'])([A-ZÀ-Ý][\w'’-]*) $")
_CAPITALISED_AFTER = re.compile(r" ([A-ZÀ-Ý][\w'’-]*)")
_YEAR_DIGITS = re.compile(r"\d{4}")
_YEAR_LINK = re.compile(r"\s*(?:,\s*|de\s+|of\s+)?")
_NOUN_AFTER = re.compile(r" [a-z]{3,}")
_TWO_PREV_TOKENS = re.compile(r"(?:(?<![\w'])([\w']+) )?(?<![\w'])([\w']+) $")
_PREV_TOKEN = re.compile(r"(?<![\w'])([\w']+-?)\s*$")  # from a word start only: linear on any text


# ---- helpers --------------------------------------------------------------------------------


_DIGITS = re.compile(r"\d+")


def _day(g: _Groups, lex: Lexicon) -> int | None:
    raw = g.get("day") or g.get("day_word")
    if raw is None:
        return None
    k = key(raw)
    digits = _DIGITS.match(k)
    if digits:
        return int(digits.group())
    if k in lex.numbers.ordinals:
        return lex.numbers.ordinals[k]
    parsed = parse_number(k, lex)
    if parsed is None:
        # "twenty-first": cardinal tens + ordinal unit
        parts = re.split(r"[\s-]+", k)
        if len(parts) == 2 and parts[0] in lex.numbers.number_words and parts[1] in lex.numbers.ordinals:
            return lex.numbers.number_words[parts[0]] + lex.numbers.ordinals[parts[1]]
        return None
    return int(parsed[0])


def _month(g: _Groups, lex: Lexicon) -> int | None:
    if "foreign_month" in g:
        return lex.calendar.foreign_months.get(key(g["foreign_month"]))
    raw = g.get("month") or g.get("month_name")
    if raw is None:
        return None
    k = key(raw).rstrip(".")
    return lex.calendar.months.get(k) or lex.calendar.month_abbreviations.get(k)


def _year(g: _Groups) -> int | None:
    if "year" in g:
        return int(g["year"])
    if "yy" in g:
        return _two_digit_year(int(g["yy"].lstrip("'")))
    return None


def _weekday_of(g: _Groups, lex: Lexicon) -> int | None:
    if "weekday" in g:
        return lex.calendar.weekdays.get(key(g["weekday"]))
    if "weekday_abbr" in g:
        return lex.calendar.weekday_abbreviations.get(key(g["weekday_abbr"]).rstrip("."))
    return None


def _nth(raw: str, lex: Lexicon) -> int | None:
    digits = re.match(r"\d+", raw)
    if digits:
        return int(digits.group())
    return lex.calendar.nth_words.get(key(raw))


def _two_digit_year(yy: int) -> int:
    return 2000 + yy if yy < 50 else 1900 + yy


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _week_iso(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def _month_iso(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + (day.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        out = _safe_date(y, m, d)
        if out:
            return out
    raise ValueError("unreachable")


_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def _shift(day: dt.date, amount: float, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=round(amount))
    if unit == "week":
        return day + dt.timedelta(days=round(7 * amount))
    return _add_months(day, round(_MONTHS_IN[unit] * amount))


def _prev_token(low: str, start: int) -> str:
    m = _PREV_TOKEN.search(low[max(0, start - 40) : start])
    return key(m.group(1)) if m else ""


def _determined(low: str, start: int, determiners: frozenset[str]) -> bool:
    """Is the word before `start`, or the one before it ("the original 2019 ..."), a determiner?"""
    m = _TWO_PREV_TOKENS.search(low[max(0, start - 60) : start])
    return m is not None and (
        key(m.group(2)) in determiners or (m.group(1) is not None and key(m.group(1)) in determiners)
    )


def _after_noun(low: str, start: int, lex: Lexicon) -> bool:
    """ "la récolte 2026", "l'édition 2025": a year right after a noun and its determiner."""
    if not lex.dates.year_after_noun:
        return False
    m = _TWO_PREV_TOKENS.search(low[max(0, start - 60) : start])
    if m is None:
        return False
    det, noun = m.group(1), m.group(2)
    if noun[1:2] == "'":  # "l'edition"
        det, noun = noun[:2], noun[2:]
    return (
        det is not None
        and key(det) in lex.dates.year_after_noun
        and noun.isalpha()
        and key(noun) not in lex.names.function_words
    )


def _without_weekday(g: _Groups, span: _Span, m: re.Match[str], low: str) -> tuple[_Groups, _Span]:
    """A match's groups and span without the abbreviated weekday it opens with."""
    start = m.end("weekday_abbr")
    while low[start] in " .,":
        start += 1
    return {k: v for k, v in g.items() if k != "weekday_abbr"}, (start, span[1])


def _found(
    span: _Span,
    value: DateValue,
    *,
    relative: bool = False,
    approximate: bool = False,
    qualifier: str | None = None,
    rule: str = "",
) -> DateFound:
    return DateFound(span[0], span[1], value, relative, approximate, qualifier, rule)


def _day_value(day: dt.date) -> DateValue:
    return DateValue.of(day.isoformat())


# How far ahead a day written without its year is still read as the coming one (about four months:
# events are announced that far ahead; a past day that old is written with its year).
UPCOMING_DAYS = 120
UPCOMING_TENSED_DAYS = 45  # after a past tense right before the day


# How far ahead a month written alone is still read as the coming one (about three months).
UPCOMING_MONTH_DAYS = 92


def _pick_year(
    month: int,
    day: int | None,
    published: dt.date,
    future: bool,
    weekday: int | None,
    *,
    past: bool = False,
    tensed: bool = False,
) -> int | None:
    """The year of a day or month written without one; `tensed`: a past tense stands right before the
    day ("il avait démissionné le 28 décembre"), which only a day a few weeks ahead outweighs."""
    candidates = []
    for y in (published.year - 1, published.year, published.year + 1):
        d = _safe_date(y, month, day or 1)
        if d is None:
            continue
        if weekday is not None and d.weekday() != weekday:
            continue
        candidates.append(d)
    if not candidates:
        return None
    if weekday is not None:  # "mardi 28 mai": the year where 28 May is a Tuesday, nearest first
        return min(candidates, key=lambda d: abs((d - published).days)).year
    anchor = published if day else published.replace(day=1)
    if not day and not future and not past:
        # A month a little ahead is the coming one ("la grève de novembre", written in October), unless
        # a past tense says otherwise.
        ahead = [d for d in candidates if 0 < (d - anchor).days <= UPCOMING_MONTH_DAYS]
        if ahead:
            return ahead[0].year
    if future:
        after = [d for d in candidates if d >= anchor]
        return after[0].year if after else candidates[-1].year
    if day is not None and not past:
        # A day a few months ahead is the coming one ("une journée de mobilisation le 10 octobre",
        # written on 2 October; "set sentencing for May 14", written in February), whatever the tense
        # of the verb that announces it; not one "dernier", "depuis" or "since" puts in the past.
        limit = UPCOMING_TENSED_DAYS if tensed else UPCOMING_DAYS
        soon = [d for d in candidates if 0 < (d - anchor).days <= limit]
        if soon:
            return soon[0].year
    before = [d for d in candidates if d <= anchor]
    return before[-1].year if before else candidates[0].year


def _month_of(g: _Groups, ctx: _Context) -> tuple[int, int, bool]:
    """(year, month, relative) of "juillet", "juillet 2024", "ce mois", "next month", or the month of
    publication when the text names none."""
    month = _month(g, ctx.lex)
    if month is not None:
        year = _year(g)
        if year is not None:
            return year, month, False
        # No day and no weekday: the first of the month exists in every candidate year, so one is picked.
        return cast(int, _pick_year(month, None, ctx.published, ctx.future, None, past=ctx.past)), month, True
    offset = ctx.lex.calendar.relative_words.get(key(g["rel"]), 0) if "rel" in g else 0
    first = _add_months(ctx.published.replace(day=1), offset)
    return first.year, first.month, True


def _nth_weekday_of(year: int, month: int, weekday: int, n: int) -> dt.date | None:
    """The n-th given weekday of a month (n = -1: the last one); None when the month has no such day."""
    if n == -1:
        last = _add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    if not 1 <= n <= 5:
        return None
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def _day_near(day: int, published: dt.date, future: bool, weekday: int | None = None) -> dt.date | None:
    """The day of the month `day` (falling on `weekday` when given, if one does within a year): the
    latest on or before publication, or in a sentence about the future the next one."""
    months = [_add_months(published.replace(day=1), k) for k in range(-12, 13)]
    dates = [d for d in (_safe_date(f.year, f.month, day) for f in months) if d is not None]
    if weekday is not None:
        dates = [d for d in dates if d.weekday() == weekday] or dates
    after = [d for d in dates if d >= published]
    before = [d for d in dates if d <= published]
    if future:
        return after[0] if after else before[-1] if before else None
    return before[-1] if before else after[0] if after else None


_CLAUSE_START = re.compile(r"[.!?;\n][^.!?;\n]*$")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _past_in_clause(text: str, start: int, lex: Lexicon) -> bool:
    """Does the sentence around `start` hold a verb in a past tense ("a annoncé ce lundi la compagnie",
    "Au stade samedi soir, la tribune a chanté")?"""
    if not lex.dates.present_weekday_nearest:
        return False
    floor = max(0, start - 160)
    m = _CLAUSE_START.search(text, floor, start)
    end = _SENTENCE_END.search(text, start, start + 160)
    return (
        lex.dates.past_anywhere_re.search(text, m.start() if m else floor, end.start() if end else start + 160)
        is not None
    )
