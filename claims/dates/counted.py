"""Dates counted from another: a unit around publication ("this week", "two years ago", "in three
months"), and periods said against the date before them ("six ans plus tôt", "the same period last
year", "the first six months"), which claims/dates/find.py settles once every date is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..lexicon import Lexicon
from ..model import DateValue
from ..numbers import parse_number
from ..text import fold_key as key
from .base import (
    _MONTHS_IN,
    _WORD_RE,
    DateFound,
    _Context,
    _found,
    _Groups,
    _month_iso,
    _Rule,
    _shift,
    _Span,
    _week_iso,
    _year,
)


def _unit_of(text: str, lex: Lexicon) -> str | None:
    """The unit a relative expression names ("earlier this month" -> month), from the language's units."""
    for word in _HYPHENED_RE.findall(key(text)):  # "week-end" is a unit of its own
        if word in lex.calendar.units:
            return lex.calendar.units[word]
        for part in _WORD_RE.findall(word):
            if part in lex.calendar.units:
                return lex.calendar.units[part]
    return None


_HYPHENED_RE = re.compile(r"\w+(?:-\w+)*")


def _period(anchor: dt.date, unit: str) -> DateValue:
    if unit == "week":
        return DateValue.of(_week_iso(anchor))
    if unit == "month":
        return DateValue.of(_month_iso(anchor.year, anchor.month))
    if unit in ("quarter", "half"):
        return DateValue.of(_period_iso(anchor.year, unit, (anchor.month - 1) // _MONTHS_IN[unit] + 1))
    return DateValue.of(str(anchor.year))


def _period_iso(year: int, unit: str, n: int) -> str:
    return f"{year:04d}-{'Q' if unit == 'quarter' else 'H'}{n}"


def _relative_unit(offset: int) -> _Rule:
    def resolve(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
        unit = _unit_of(m.group(0), ctx.lex)
        if unit is None:
            return None
        anchor = ctx.published
        if offset == 0 and unit == "week" and anchor.weekday() == 6 and ctx.future:
            anchor += dt.timedelta(days=1)  # "this week's planned strike" in a Sunday paper: the coming week
        return _found(span, _period(_shift(anchor, offset, unit), unit), relative=True, rule="relative_unit")

    return resolve


def _past_weekend(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "over the weekend", "at the weekend": the weekend just past, the week it ends; the coming one in
    a clause about the future, and the paper's own week when it comes out on that weekend."""
    anchor = ctx.published
    offset = 0 if anchor.weekday() >= 5 or ctx.future else -1
    return _found(span, _period(_shift(anchor, offset, "week"), "week"), relative=True, rule="relative_unit")


# "il y a deux ans" is a day two years back; "20 years ago" and more count years, not days.
_YEARS_TOLD_BY_YEAR = 20


_SLACK = {"day": 0, "week": 3, "month": 15, "quarter": 45, "half": 91, "year": 182}


def _count_unit(direction: int) -> _Rule:
    def resolve(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
        lex = ctx.lex
        parsed = parse_number(g["count"], lex)
        unit = lex.calendar.units.get(key(g["unit"]))
        if parsed is None or unit is None or parsed[0] <= 0 or parsed[0] > 1000:
            return None
        anchor = ctx.published
        if "named_day" in g:  # "two days from tomorrow"
            anchor += dt.timedelta(days=lex.calendar.named_days.get(key(g["named_day"]), 0))
        n = float(parsed[0])
        day = _shift(anchor, direction * n, unit)
        qualifier = g.get("approx")
        kind = lex.money.qualifiers.get(key(qualifier)) if qualifier else None
        slack = dt.timedelta(days=_SLACK[unit])
        start, end = day - slack, day + slack
        if kind == "less":  # "il y a moins de deux semaines": between that day and publication
            start, end = sorted((day, anchor))
        elif kind == "more":
            far = _shift(anchor, direction * n * 2, unit)
            start, end = sorted((far, day))
        elif kind in ("approx", "nearly", "just_over"):
            spread = abs((day - anchor).days) // 4 + _SLACK[unit]
            start, end = day - dt.timedelta(days=spread), day + dt.timedelta(days=spread)
        value = DateValue.of(day.isoformat(), start=start, end=end)
        if unit == "year" and n >= _YEARS_TOLD_BY_YEAR:  # "120 years ago": the year, not a day of it
            whole = DateValue.of(f"{day.year:04d}")
            value = DateValue.of(whole.iso, start=min(start, whole.start), end=max(end, whole.end))
        return _found(
            span,
            value,
            relative=True,
            approximate=kind is not None,
            qualifier=m.group("approx") if qualifier else None,
            rule="count_unit",
        )

    return resolve


def _same_period(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "the same period last year", "la même période de 2022": the year it names (the year before
    publication without one); claims/dates/find.py gives it the period of the date said before it."""
    year = _year(g)
    relative = year is None
    if year is None:
        year = ctx.published.year - 1
    return _found(span, DateValue.of(f"{year:04d}"), relative=relative, rule="same_period")


# "the first six months", "les trois premiers mois": the half or the quarter they make
_FIRST_MONTHS = {3: "Q1", 6: "H1"}


def _first_months(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    parsed = parse_number(g["count"], ctx.lex)
    code = _FIRST_MONTHS.get(int(parsed[0])) if parsed else None
    if code is None:
        return None
    year = _year(g)
    relative = year is None
    if year is None:  # the one of publication when it is over, else the year before's
        year = ctx.published.year
        if DateValue.of(f"{year:04d}-{code}").end >= ctx.published:
            year -= 1
    return _found(span, DateValue.of(f"{year:04d}-{code}"), relative=relative, rule="first_months")


def _later(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "two months later", "un an plus tard": counted on from the date said before it (claims/dates/
    find.py); forward from publication here, only to carry the count."""
    found = _count_unit(1)(g, span, ctx, m)
    return replace(found, rule="later") if found is not None else None


def _earlier(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "six ans plus tôt", "a year earlier": counted back from publication here; claims/dates/find.py
    counts it back from the date said before it, when there is one."""
    found = _count_unit(-1)(g, span, ctx, m)
    return replace(found, rule="earlier") if found is not None else None
