"""Passes of `find_dates` over weekdays: schedules and lists of weekdays, weekdays in order, a
weekday named again, and a weekday said with its day ("Friday (April 12)", "hier jeudi 27 octobre").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..lexicon import Lexicon
from ..model import DateValue
from ..text import fold_key as key
from .base import _WORD_RE, DateFound, _day_value, _safe_date

_SCHEDULE = re.compile(r"\(\s*([a-z]+)(?:\s*[-–]\s*|\s+[a-z]{1,7}\s+)([a-z]+)\s*[),]")


def _no_week_schedules(found: list[DateFound], low: str, weekdays: dict[str, int]) -> list[DateFound]:
    """ "open from 10 am to 5 pm (Monday to Friday)": two weekdays from one to the other in brackets
    are the days of a week's schedule, not days of the calendar."""
    drop: set[int] = set()
    for d in found:
        m = _SCHEDULE.match(low, d.start - 1) if d.rule == "weekday" and d.start else None
        if m and m.end(1) == d.end and key(m.group(1)) in weekdays and key(m.group(2)) in weekdays:
            drop |= {d.start, m.start(2)}
    return [d for d in found if d.start not in drop]


_LIST_GAP = re.compile(r"(?<!\s)(?:\s*+,\s*+(?:[a-z]{1,3}\s++)?|\s++[a-z]{1,3}\s++)")
_LIST_MIN = 4  # weekdays in a row that make a list ("samedi, dimanche et lundi" may be a forecast)


def _no_weekday_lists(found: list[DateFound], low: str) -> list[DateFound]:
    """ "on travaillera samedi, dimanche, lundi, mardi": weekdays listed in a row name no day (a
    schedule, an example, a repeated week); a run of four or more, one with a comma, is dropped."""
    out: list[DateFound] = []
    run: list[DateFound] = []

    def flush() -> None:
        if len(run) < _LIST_MIN or not any("," in low[a.end : b.start] for a, b in zip(run, run[1:])):
            out.extend(_in_order(run))
        run.clear()

    for d in found:
        bare = d.rule == "weekday" and d.end - d.start <= 9 and _WORD_RE.fullmatch(low, d.start, d.end) is not None
        if bare and run and _LIST_GAP.fullmatch(low, run[-1].end, d.start) is None:
            flush()
        if bare:
            run.append(d)
        else:
            flush()
            out.append(d)
    flush()
    return out


WEEKDAY_REACH = 800  # characters over which a weekday named again is the same day


def _same_weekday_again(found: list[DateFound], low: str, lex: Lexicon) -> list[DateFound]:
    """ "The debate runs Tuesday to Thursday. ... if it does not end at 10 pm on Thursday": a bare weekday
    named again soon after a date that names that weekday is that day, whatever its own clause's tense
    says (not after a date that only falls on it: "depuis le 14 octobre ... Mardi")."""
    weekdays = lex.calendar.weekdays
    out: list[DateFound] = []
    for d in found:
        if d.rule == "weekday" and d.value.precision == "day" and _WORD_RE.search(low, d.start, d.end):
            day = dt.date.fromisoformat(d.value.iso)
            for e in reversed(out):
                if d.start - e.end > WEEKDAY_REACH:
                    break
                if (
                    e.value.precision == "day"
                    and dt.date.fromisoformat(e.value.iso).weekday() == day.weekday()
                    and any(w in weekdays for w in _WORD_RE.findall(low, e.start, e.end))
                ):
                    if e.value.iso != d.value.iso and _bare_weekday(low, d, lex):
                        d = replace(d, value=e.value)
                    break
        out.append(d)
    return out


def _bare_weekday(low: str, d: DateFound, lex: Lexicon) -> bool:
    """ "Thursday", "on Thursday", "jeudi": a weekday with no word that sets its week ("last", "prochain")."""
    words = _WORD_RE.findall(low, d.start, d.end)
    return len(words) <= 2 and (len(words) == 1 or words[0] in lex.dates.weekday_articles)


def _in_order(days: list[DateFound]) -> list[DateFound]:
    """ "on Tuesday, Wednesday and Thursday": weekdays listed together follow each other from the first,
    whatever each would say alone (not a Thursday of last week after next Tuesday)."""
    out = days[:1]
    for d in days[1:]:
        before = dt.date.fromisoformat(out[-1].value.iso)
        day = dt.date.fromisoformat(d.value.iso)
        step = (day.weekday() - before.weekday()) % 7 or 7
        if day != before + dt.timedelta(days=step):
            d = replace(d, value=_day_value(before + dt.timedelta(days=step)))
        out.append(d)
    return out


_BRACKET_OPEN = re.compile(r"(?<![\s,]),?\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"(?<!\s)\s*\)")
_NAMED_DAY_GAP = re.compile(r",?[ \t]?+")
_BRACKET_DAY = re.compile(r"[ ]?+\([ ]?+(\d{1,2})[ ]?+\)")
_SQUARE_OPEN = re.compile(r"(?<![\s,])\s*\[\s*")
_SQUARE_CLOSE = re.compile(r"(?<!\s)\s*\]")


def _with_bracket_day(d: DateFound, low: str) -> DateFound:
    """ "today (25)": a day and its number in brackets are one date."""
    if d.rule in ("weekday", "named_day") and (day := _BRACKET_DAY.match(low, d.end)):
        if int(day.group(1)) == d.value.start.day:
            return replace(d, end=day.end())
    return d


def _apposed(prev: DateFound, d: DateFound, low: str, lex: Lexicon) -> bool:
    """ "lundi dernier, le 1er juillet": the weekday said with its week, then, apposed, the date it is
    (the same day), after a comma and perhaps an article."""
    gap = low[prev.end : d.start]
    return (
        prev.rule == "weekday"
        and d.rule == "absolute"
        and d.value == prev.value
        and gap.startswith(", ")
        and (gap == ", " or (gap[2:-1] in lex.dates.weekday_articles and gap.endswith(" ")))
        and len(_WORD_RE.findall(low, prev.start, prev.end)) == 2
    )


def _on_weekday(d: DateFound, weekday: DateFound) -> DateValue:
    """The value of the date `d` in brackets after a weekday: its day in the year next to it where it
    falls on that weekday ("Monday (March 9)" read as a March 9 to come, a Tuesday, is the Monday of the
    year before)."""
    day, wanted = d.value.start, weekday.value.start.weekday()
    if weekday.rule != "weekday" or day.weekday() == wanted:
        return d.value
    for year in (day.year - 1, day.year + 1):
        if (other := _safe_date(year, day.month, day.day)) and other.weekday() == wanted:
            return _day_value(other)
    return d.value


def _weekday_with_its_day(found: list[DateFound], low: str, lex: Lexicon) -> list[DateFound]:
    """ "Friday (April 12)", "vendredi (12 avril)": a weekday and the date it is, in brackets, are one date;
    so are "demain [lundi]" and the weekday an editor put in square brackets."""
    out: list[DateFound] = []
    for d in found:
        d = _with_bracket_day(d, low)
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.rule in ("weekday", "named_day")  # "Friday (April 12)", "yesterday (21st Nov)"
            and d.value.precision == "day"
            and _BRACKET_OPEN.fullmatch(low, prev.end, d.start)
            and (close := _BRACKET_CLOSE.match(low, d.end))
        ):
            out[-1] = replace(d, start=prev.start, end=close.end(), value=_on_weekday(d, prev))
            continue
        if (
            prev is not None
            and prev.rule == "named_day"
            and d.rule == "weekday"
            and _SQUARE_OPEN.fullmatch(low, prev.end, d.start)
            and (close := _SQUARE_CLOSE.match(low, d.end))
        ):
            # "demain [lundi]": the weekday an editor added to a quote, in square brackets
            out[-1] = replace(prev, end=close.end())
            continue
        if (
            prev is not None
            and prev.rule == "weekday"
            and d.rule == "absolute"
            and d.value.precision == "day"
            and low[prev.end : d.start] == " "
            and len(_WORD_RE.findall(low, prev.start, prev.end)) == 2
        ):
            # "last Monday 23 December 2019": the weekday said with its week, then the date it is
            out[-1] = replace(d, start=prev.start)
            continue
        if prev is not None and _apposed(prev, d, low, lex):
            out[-1] = replace(d, start=prev.start)
            continue
        if (
            prev is not None
            and prev.rule == "named_day"
            and d.value.precision == "day"
            and d.rule in ("weekday", "weekday_day", "absolute")
            # a weekday said with it: "hier jeudi 27 octobre" (not "yesterday 10 June")
            and any(w in lex.calendar.weekdays for w in _WORD_RE.findall(low, d.start, d.end))
            and (
                _NAMED_DAY_GAP.fullmatch(low, prev.end, d.start)
                if d.rule == "weekday"
                else low[prev.end : d.start] == " "
            )
        ):
            # "hier jeudi 27 octobre", "demain, jeudi": the day said twice is one date, from its first
            # word; a weekday alone takes the named day's value, a written date its own ("today, Tuesday,
            # June 6, 2023" is an apposition: two claims)
            out[-1] = replace(prev if d.rule == "weekday" else d, start=prev.start, end=d.end)
            continue
        out.append(d)
    return out
