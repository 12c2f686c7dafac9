"""One resolver per rule named by the language files' templates (`[[dates.templates]]`): the groups
of a match in, a `DateFound` at the text's precision out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import cast

from ..lexicon import Lexicon
from ..model import DateValue, period_of
from ..numbers import parse_number
from ..text import fold_key as key
from .base import (
    _CAPITALISED_AFTER,
    _CAPITALISED_BEFORE,
    _MONTHS_IN,
    _NO_SUCH_DAY,
    _NOUN_AFTER,
    _WORD_RE,
    DateFound,
    _add_months,
    _after_noun,
    _Context,
    _day,
    _day_near,
    _day_value,
    _determined,
    _found,
    _Groups,
    _month,
    _month_iso,
    _month_of,
    _nth,
    _nth_weekday_of,
    _pick_year,
    _prev_token,
    _Rule,
    _safe_date,
    _Span,
    _two_digit_year,
    _week_iso,
    _weekday_of,
    _without_weekday,
    _year,
)
from .counted import (
    _count_unit,
    _earlier,
    _first_months,
    _later,
    _past_weekend,
    _period_iso,
    _relative_unit,
    _same_period,
)

# ---- rules ----------------------------------------------------------------------------------


def _absolute(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    month = _month(g, lex)
    if month is None:
        return None
    if "weekday_abbr" in g and lex.calendar.months_capitalised and not ctx.folded[m.start("weekday_abbr")].isupper():
        g, span = _without_weekday(g, span, m, ctx.low)  # "he sat May 13": a verb, not "Sat"
    day = _day(g, lex)
    year = _year(g)
    weekday = _weekday_of(g, lex)
    if day is None:
        if year is None:
            return None
        return _found(span, DateValue.of(_month_iso(year, month)), rule="absolute")
    relative = year is None
    if year is None:
        # "le 20 octobre dernier" is the last one, "le 3 mars prochain" the next one
        future = "next" in g or (ctx.future and "last" not in g)
        since = lex.dates.since_re.search(ctx.low, max(0, span[0] - 16), span[0]) is not None  # "depuis le 1er janvier"
        year = _pick_year(month, day, ctx.published, future, weekday, past="last" in g or since, tensed=ctx.past)
        if year is None and weekday is not None:  # the weekday fits no nearby year: the date wins
            year = _pick_year(month, day, ctx.published, ctx.future, None)
        if year is None:
            return None
    d = _safe_date(year, month, day)
    if d is None:
        return _NO_SUCH_DAY if 1 <= day <= 31 else None  # "Feb 30"
    return _found(span, _day_value(d), relative=relative, rule="absolute")


def _week_of(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "la semaine du 24 février", "the week of March 3": the ISO week of that day."""
    day = _absolute(g, span, ctx, m)
    if day is None or day is _NO_SUCH_DAY:
        return day
    return replace(day, value=DateValue.of(_week_iso(day.value.start)), rule="week_of")


def _day_range(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    month = _month(g, lex)
    end_month = _month({"month": g["month_end"]}, lex) if "month_end" in g else month
    first, last = _day(g, lex), int(cast("re.Match[str]", re.match(r"\d+", g["day_end"])).group())  # {day_end}: digits
    if month is None or end_month is None or first is None:
        return None
    year = _year(g)
    relative = year is None
    if year is None:
        year = _pick_year(month, first, ctx.published, ctx.future, None)
    start = _safe_date(year, month, first) if year else None
    end_year = int(g["year_end"]) if "year_end" in g else (year + (end_month < month) if year else None)
    end = _safe_date(end_year, end_month, last) if end_year else None
    if start is None or end is None:
        return _NO_SUCH_DAY if year else None
    if end <= start:
        return None  # "13-5 juin" is no range
    return _found(span, DateValue.of(start.isoformat(), start=start, end=end), relative=relative, rule="day_range")


def _part_of(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    part = lex.calendar.parts[key(g["part"])]
    qualifier = m.group("part")
    month = _month(g, lex)
    year = _year(g)
    if month is None:
        if year is None:
            return None
        ranges = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        start = dt.date(year, ranges[0], 1)
        end = _add_months(dt.date(year, ranges[1], 1), 1) - dt.timedelta(days=1)
        return _found(span, DateValue.of(str(year), start=start, end=end), qualifier=qualifier, rule="part_of")
    relative = year is None
    if year is None:
        # a month alone: always a year ("fin janvier dernier": the last one past)
        year = cast(int, _pick_year(month, None, ctx.published, ctx.future, None, past="last" in g))
    first = dt.date(year, month, 1)
    last = _add_months(first, 1) - dt.timedelta(days=1)
    bounds = {
        "early": (first, first + dt.timedelta(days=9)),
        "mid": (first + dt.timedelta(days=10), first + dt.timedelta(days=19)),
        "late": (first + dt.timedelta(days=20), last),
    }[part]
    return _found(
        span,
        DateValue.of(_month_iso(year, month), start=bounds[0], end=bounds[1]),
        relative=relative,
        qualifier=qualifier,
        rule="part_of",
    )


_POSSESSIVE = re.compile(r"(?:'|’|[aâ]€™)s(?![\w'])")  # the last as pasted copy mangles it


def _month_follows(low: str, end: int, lex: Lexicon) -> bool:
    """ "the period October and November of last year": a month joined to the next one names a time."""
    words = low[end : end + 40].split()[:3]
    return (
        len(words) >= 2
        and words[0].lower() in lex.money.range_joiners
        and key(words[1].strip(".,;")) in lex.calendar.months
        and not (len(words) == 3 and words[1][-1:].isalpha() and words[2][:1].isupper())  # not "June Smith"
    )


def _named_before(folded: str, start: int, lex: Lexicon) -> bool:
    """A capitalised word that is no function word right before: "Theresa May"."""
    name = _CAPITALISED_BEFORE.search(folded, max(0, start - 30), start)
    return name is not None and key(name.group(1)) not in lex.names.function_words


def _bare_month(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    # A month alone is written the way the language writes months: "Mars" inside a French sentence is
    # the planet, "may" inside an English one is the verb.
    if ctx.folded[span[0]].isupper() != lex.calendar.months_capitalised:
        return None
    if (
        _prev_token(ctx.low, span[0]) not in lex.dates.month_context
        and (_named_before(ctx.folded, span[0], lex) or not _month_follows(ctx.folded, span[1], lex))
        and not (
            # "January's transfers": a month's own, unless a name goes before ("Theresa May's")
            _POSSESSIVE.match(ctx.low, span[1]) and not _named_before(ctx.folded, span[0], lex)
        )
    ):
        return None
    month = cast(int, _month(g, lex))  # the template is {month_name}: a month of the language
    # A month alone: the first of it exists in every candidate year, so one is picked.
    since = lex.dates.since_re.search(ctx.low, max(0, span[0] - 16), span[0]) is not None  # "since June"
    year = cast(int, _pick_year(month, None, ctx.published, ctx.future and not since, None, past=ctx.past or since))
    prefix = lex.dates.bare_month_prefix_re.search(ctx.low, max(0, span[0] - 20), span[0])
    if prefix:  # "en novembre" is cited with its preposition
        span = (prefix.start(), span[1])
    return _found(span, DateValue.of(_month_iso(year, month)), relative=True, rule="bare_month")


def _month_rel(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    month = _month(g, ctx.lex)
    this_month = ctx.published.replace(day=1)
    step = -1 if "last" in g else 1
    first = _add_months(this_month, step)
    while first.month != month:
        first = _add_months(first, step)
    return _found(span, DateValue.of(_month_iso(first.year, first.month)), relative=True, rule="month_rel")


def _year_range(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "between 2017 and 2021", "de 2017 à 2021": one claim, from the first year to the end of the last;
    a financial year or a season ("2023/24", "2023/2024", "2019-20") the same, valued at its first year."""
    first = int(g["year"])
    if "yy_end" in g:  # "2023/24", "1772-73", a plan's "2020-25": a later year, in two digits
        last = first - first % 100 + int(g["yy_end"])
        if last < first:
            last += 100
        if not first < last <= first + 10:
            return None
    else:
        last = int(g["year_end"])
    if not 0 < last - first <= 100 or ctx.lex.dates.not_year_after_re.match(ctx.low, span[1]):
        return None
    return _found(
        span, DateValue.of(str(first), start=dt.date(first, 1, 1), end=dt.date(last, 12, 31)), rule="year_range"
    )


def _named_year(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "cette année 2016", "FY25": the year the words name, as a whole."""
    year = g["year"] if "year" in g else str(_two_digit_year(int(g["yy_end"])))
    return _found(span, DateValue.of(year), rule="named_year")


def _bare_year(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    low = ctx.low
    if ctx.lex.dates.not_year_after_re.match(low, span[1]):
        return None
    # "plus de 2000", "more than 1800": a count, unless the word also leads a year ("around 2000")
    q = ctx.lex.money.qualifier_before_re.search(low, max(0, span[0] - 30), span[0])
    if q and key(q.group("q")) not in ctx.lex.dates.year_context:
        return None
    before = low[max(0, span[0] - 3) : span[0]]
    after = low[span[1] : span[1] + 2]
    prev = _prev_token(low, span[0])
    in_context = (
        prev in ctx.lex.dates.year_context
        or prev.rpartition("'")[2] in ctx.lex.dates.year_context  # "qu'en 2014", "jusqu'à 2030": elided
        or (
            # "the 2019 estimate", "the disputed 2020 election", "the Service's 2023 budget": a year
            # as an adjective, before a word, after a determiner or a possessive
            1900 <= int(g["year"]) < 2100
            and _NOUN_AFTER.match(low, span[1]) is not None
            and (
                ctx.folded[span[1] + 1 : span[1] + 2].islower()
                or _determined(low, span[0], ctx.lex.dates.year_before_noun)
            )
            and (
                _determined(low, span[0], ctx.lex.dates.year_before_noun)
                or (bool(ctx.lex.dates.year_before_noun) and prev.endswith("'s"))
            )
        )
        or (1900 <= int(g["year"]) < 2100 and _after_noun(low, span[0], ctx.lex))
    )
    parenthesised = before.endswith("(") and after[:1] in (")", ",")
    opening = (span[0] == 0 or low[span[0] - 1] == "\n") and after[:1] == ","
    if not (in_context or parenthesised or opening):
        return None
    return _found(span, DateValue.of(g["year"]), rule="bare_year")


def _weekday(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    weekday = ctx.lex.calendar.weekdays.get(key(g["weekday"]))
    if weekday is None:
        return None
    if (
        m.start() == m.start("weekday")
        and ctx.folded[span[0]].isupper()
        and (prev := _CAPITALISED_BEFORE.search(ctx.folded, max(0, span[0] - 30), span[0]))
        and key(prev.group(1)) not in ctx.lex.names.function_words
        and not (ctx.lex.calendar.months_capitalised and key(prev.group(1)) in ctx.lex.names.organization_words)
    ):
        # "Rosalind Friday", "Black Friday": a name, not a day (not "Olsson lundi", nor "the Common
        # Council Tuesday": an organisation's word ends its name)
        return None
    if (
        m.start() == m.start("weekday")
        and ctx.folded[span[0]].isupper()
        and (title := _CAPITALISED_AFTER.match(ctx.folded, span[1]))
        and key(title.group(1)) not in ctx.lex.calendar.months
        and key(title.group(1)) not in ctx.lex.names.function_words
        and (
            span[0] == 0
            or ctx.low[span[0] - 1] == "\n"
            or _prev_token(ctx.low, span[0]) in ctx.lex.dates.year_before_noun | ctx.lex.dates.year_after_noun
        )
    ):
        return None  # "the Sunday Independent", "Dimanche Ouest France": a title, not a day
    published = ctx.published
    week_based = any(ctx.lex.calendar.units.get(w) == "week" for w in re.findall(r"[\w-]+", m.group(0)))
    monday = published - dt.timedelta(days=published.weekday())
    if "next" in g:
        d = monday + dt.timedelta(days=7 + weekday)
    elif "last" in g:
        if week_based:
            d = monday - dt.timedelta(days=7) + dt.timedelta(days=weekday)
        else:
            back = (published.weekday() - weekday) % 7 or 7
            d = published - dt.timedelta(days=back)
    elif week_based or ("this" in g and not ctx.lex.dates.this_weekday_nearest):  # "this Friday": of this week
        d = monday + dt.timedelta(days=weekday)
        if "this" in g and not week_based and ctx.future and d < published:
            d += dt.timedelta(days=7)  # "will strike this Thursday", written on a Sunday: the coming one
    elif "this" in g:  # "ce dimanche": the nearest one, the coming one when the sentence says so
        before = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
        after = published + dt.timedelta(days=(weekday - published.weekday()) % 7)
        d = after if ctx.future or (after - published) < (published - before) else before
    else:
        d = _bare_weekday(weekday, span, ctx)
    return _found(span, _day_value(d), relative=True, rule="weekday")


def _bare_weekday(weekday: int, span: _Span, ctx: _Context) -> dt.date:
    """ "lundi", "on Friday" with no word that says which: the one the clause's tense points to."""
    published = ctx.published
    own = 0 if ctx.lex.dates.own_weekday_is_today else 7  # the day of publication itself (see the data)
    after = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or own)
    before = published - dt.timedelta(days=(published.weekday() - weekday) % 7 or own)
    if ctx.lex.dates.since_re.search(ctx.low, max(0, span[0] - 16), span[0]):
        return before  # "depuis lundi", "since Monday"
    if ctx.future or (_prev_token(ctx.low, span[0]) in ctx.lex.dates.weekday_ahead and not ctx.past_clause):
        return after  # "dès lundi", unless a past tense says so: "la STIB avait prévenu dès lundi"
    if ctx.lex.dates.present_weekday_nearest and not ctx.past and not ctx.past_clause:
        # "la période s'achève mardi", "deux trains sont supprimés jeudi": the press writes the
        # coming days in the present, the past ones in a past tense
        return after if (after - published) < (published - before) else before
    return before


def _nth_weekday(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    weekday = ctx.lex.calendar.weekdays.get(key(g["weekday"]))
    n = _nth(g["nth"], ctx.lex)
    month = _month_of(g, ctx)
    if weekday is None or n is None or month is None or month[0] is None:
        return None
    year, month_no, relative = month
    d = _nth_weekday_of(year, month_no, weekday, n)
    if d is None:  # "the fifth Sunday" of a month that has four
        return _NO_SUCH_DAY if 1 <= n <= 5 else None
    return _found(span, _day_value(d), relative=relative, rule="nth_weekday")


def _day_of_month(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    day = _day(g, ctx.lex)
    year, month, _ = _month_of(g, ctx)
    if not day or not 1 <= day <= 31:
        return None
    d = _safe_date(year, month, day)
    if d is None:  # "the 31st of this month" in November
        return _NO_SUCH_DAY
    return _found(span, _day_value(d), relative=True, rule="day_of_month")


def _weekday_day(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    day = _day(g, ctx.lex)
    if day is None or not 1 <= day <= 31:
        return None
    d = _day_near(day, ctx.published, ctx.future, _weekday_of(g, ctx.lex))
    return _found(span, _day_value(d), relative=True, rule="weekday_day") if d else None


UPCOMING_DAY_OF_MONTH = 15  # days: "le 31" written on the 17th is later this month


@lru_cache(maxsize=None)
def _day_and_month_re(months: tuple[str, ...]) -> re.Pattern[str]:
    """ "11 juin", "June 11": a day with its month, to find the month of a day alone after it."""
    month = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    return re.compile(rf"(?<!\d)(?:\d{{1,2}}(?:er|st|nd|rd|th)? (?P<a>{month})|(?P<b>{month}) \d{{1,2}})(?![\w])")


def _month_said_before(ctx: _Context, start: int) -> int | None:
    """The month of a day written with it earlier in the sentence ("le 11 juin ..., puis le 18")."""
    floor = max(0, start - DAY_ALONE_REACH)
    if (stop := _SENTENCE_STOP.search(ctx.low[floor:start][::-1])) is not None:
        floor = start - stop.start()
    last = None
    for m in _day_and_month_re(tuple(ctx.lex.calendar.months)).finditer(ctx.low, floor, start):
        last = ctx.lex.calendar.months[m.group("a") or m.group("b")]
    return last


DAY_ALONE_REACH = 150  # characters back to the day with its month that a day alone follows
_SENTENCE_STOP = re.compile(r"\s[.!?]|\n")  # on the reversed text: the end of the sentence before


def _day_only(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    day = _day(g, ctx.lex)
    if day is None or not 1 <= day <= 31:
        return None
    # "le 11 juin pour les forces de sécurité, puis le 18": a day of the month just named
    month = _month_said_before(ctx, span[0])
    if month is not None:
        year = _pick_year(month, day, ctx.published, ctx.future, None, past=ctx.past)
        found = _safe_date(year, month, day) if year else None
        return _found(span, _day_value(found), relative=True, rule="day_only") if found else None
    if _prev_token(ctx.low, span[0]) not in ctx.lex.dates.day_context:
        return None
    d = _day_near(day, ctx.published, ctx.future)
    ahead = _safe_date(ctx.published.year, ctx.published.month, day)
    if not ctx.future and not ctx.past and ahead and 0 < (ahead - ctx.published).days <= UPCOMING_DAY_OF_MONTH:
        d = ahead  # "pour le 31", written on the 17th: later this month
    return _found(span, _day_value(d), relative=True, rule="day_only") if d else None


def _weekday_count(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    weekday = ctx.lex.calendar.weekdays.get(key(g["weekday"]))
    parsed = parse_number(g["count"], ctx.lex)
    if weekday is None or parsed is None or not 1 <= parsed[0] <= 52:
        return None
    published = ctx.published
    first = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    d = first + dt.timedelta(weeks=int(parsed[0]) - 1)
    return _found(span, _day_value(d), relative=True, rule="weekday_count")


# Right after a word, the end of a quotation: "today.”", "today,\"", "aujourd'hui »"
_CLOSES_QUOTE = re.compile(r"[.,]?[”»]|[.,][\"']|\s[»]")


def _named_day(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    word = key(g["named_day"])
    offset = ctx.lex.calendar.named_days.get(word)
    if offset is None:
        return None
    if word in ctx.lex.dates.event_days and ctx.lex.dates.event_link_re.match(ctx.low, span[1]):
        return None  # "la veille du scrutin": the day before another event
    if offset == 0 and " " not in word and not ctx.past and _CLOSES_QUOTE.match(ctx.folded, span[1]):
        return None  # "... who we are today," she said: the speaker's nowadays, not a day
    return _found(span, _day_value(ctx.published + dt.timedelta(days=offset)), relative=True, rule="named_day")


def _holiday(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "Halloween", "le jour de l'An", "Christmas Eve": that day, in the year a day without its year takes."""
    month, day = ctx.lex.calendar.holidays[key(g["holiday"])]
    year = _pick_year(month, day, ctx.published, ctx.future, None, past=ctx.past)
    d = _safe_date(year, month, day) if year else None
    return _found(span, _day_value(d), relative=True, rule="holiday") if d else None


def _period_of(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "the third quarter of 2024", "Q3 2024", "H1 2023", "au troisième trimestre" (the latest one,
    or the coming one when the sentence speaks of the future)."""
    lex = ctx.lex
    n: int | None
    if "period_code" in g:
        unit, n = lex.calendar.period_codes.get(key(g["period_code"])), int(g["period_n"])
    elif "month_name" in g:  # "the June quarter" (Australia's press): the quarter that ends in June
        unit, month = "quarter", lex.calendar.months[key(g["month_name"])]
        n = month // 3 if month % 3 == 0 else None
    else:
        word = g.get("period") or _WORD_RE.findall(m.group(0))[-1]  # "{ordinal}[ -]quarter"
        unit, n = lex.calendar.periods.get(key(word)), _nth(g["nth"], lex)
    if unit is None or n is None:
        return None
    count = 12 // _MONTHS_IN[unit]
    n = count if n == -1 else n  # "the last quarter of 2024"
    if not 1 <= n <= count:
        return None
    year = _year(g)
    relative = year is None
    if year is None and "rel" in g:  # "the first half of next year"
        year = ctx.published.year + ctx.lex.calendar.relative_words.get(key(g["rel"]), 0)
    if year is None:  # the current one counts both ways: it has begun and has not ended
        year = ctx.published.year
        first, last = period_of(_period_iso(year, unit, n))[1:]
        if ctx.future and last < ctx.published:
            year += 1
        elif not ctx.future and first > ctx.published:
            year -= 1
    value = DateValue.of(_period_iso(year, unit, n))
    return _found(span, value, relative=relative, qualifier=g.get("part"), rule="period_of")


def _season(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "l'été 2024", "last summer", "cet hiver", "au printemps" (the coming one when the sentence
    speaks of the future, else the latest one begun)."""
    season = ctx.lex.calendar.seasons.get(key(g["season"]))
    if season is None:
        return None
    year = _year(g)
    if year is not None:
        return _found(span, DateValue.of(f"{year}-{season}"), rule="season")
    published = ctx.published
    # The instances around publication, in order: each is (first day, last day, iso).
    around = [
        DateValue.of(f"{y}-{season}")
        for y in (published.year - 2, published.year - 1, published.year, published.year + 1)
    ]
    current = next((v for v in around if v.start <= published <= v.end), None)
    past = [v for v in around if v.end < published]
    coming = [v for v in around if v.start > published]
    offset = ctx.lex.calendar.relative_words.get(key(g["rel"])) if "rel" in g else None
    if "last" in g or offset == -1:
        value = past[-1]
    elif "next" in g or offset == 1:
        value = coming[0]
    elif "this" in g or offset == 0 or current is not None:
        # between two: the coming one when the sentence speaks of the future, else the nearer ("cet
        # hiver" in mid-March is the winter just ended, "this spring" in early March the one ahead)
        nearer = past and (published - past[-1].end) < (coming[0].start - published)
        value = current or (past[-1] if past and not ctx.future and nearer else coming[0])
    else:
        value = coming[0] if ctx.future else past[-1]
    return _found(span, value, relative=True, rule="season")


def _numeric(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    if "d1" in g:  # 22/04 or 4/22: no year
        a, b = int(g["d1"]), int(g["d2"])
        if (
            len(g["d1"]) == 1
            and len(g["d2"]) == 1
            and _prev_token(ctx.low, span[0]) not in lex.dates.month_context | lex.dates.numeric_day_before
        ):
            return None  # "3/4" is more often a fraction
        day, month = (a, b) if lex.date_order == "dmy" else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day
        if not (1 <= month <= 12):
            return None
        year = _pick_year(month, day, ctx.published, ctx.future, None)
        found = _safe_date(year, month, day) if year else None
        return _found(span, _day_value(found), relative=True, rule="numeric") if found else None
    n1, n2, n3 = g["n1"], g["n2"], g["n3"]
    if len(n1) == 4:
        y, mo, d = int(n1), int(n2), int(n3)
    else:
        a, b = int(n1), int(n2)
        y = int(n3) if len(n3) == 4 else _two_digit_year(int(n3))
        if len(n3) == 3:
            return None
        d, mo = (a, b) if lex.date_order == "dmy" else (b, a)
        if mo > 12 and d <= 12:
            d, mo = mo, d
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    found = _safe_date(y, mo, d)
    if found is None:  # "2/29/2019"
        return _NO_SUCH_DAY
    return _found(span, _day_value(found), rule="numeric")


_RULES: dict[str, _Rule] = {
    "earlier": _earlier,
    "later": _later,
    "same_period": _same_period,
    "first_months": _first_months,
    "absolute": _absolute,
    "part_of": _part_of,
    "year_range": _year_range,
    "period_of": _period_of,
    "season": _season,
    "day_range": _day_range,
    "week_of": _week_of,
    "bare_month": _bare_month,
    "month_rel": _month_rel,
    "bare_year": _bare_year,
    "named_year": _named_year,
    "weekday": _weekday,
    "nth_weekday": _nth_weekday,
    "day_of_month": _day_of_month,
    "weekday_day": _weekday_day,
    "day_only": _day_only,
    "weekday_count": _weekday_count,
    "named_day": _named_day,
    "holiday": _holiday,
    "this_unit": _relative_unit(0),
    "last_unit": _relative_unit(-1),
    "past_weekend": _past_weekend,
    "next_unit": _relative_unit(1),
    "ago": _count_unit(-1),
    "ahead": _count_unit(1),
    "numeric": _numeric,
}

RULES = frozenset(_RULES)
