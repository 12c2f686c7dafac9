"""Dates: absolute and relative expressions, resolved against the publication date.

Each template of the language file (see fr.toml, `[[dates.templates]]`) names a rule; the rule's
resolver below turns the template's groups into a `DateValue` at the precision the text gives.
Conventions, in the newsroom's sense:
- a bare month or a day without a year means the latest one on or before publication, unless the
  sentence speaks of the future ("sera", "will"), then the next one;
- "la semaine dernière" / "last week" is the previous ISO week; "prochain" / "next" with a weekday is
  that day in the next ISO week; "dernier" / "last" with a weekday is the latest such day before;
- "il y a deux semaines" is a day, with bounds as loose as the unit ("two years ago" +/- 6 months);
  a qualifier ("moins de", "about") marks it approximate and bounds it accordingly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .lexicon import Lexicon, key
from .model import DateValue
from .numbers import parse_number


@dataclass(frozen=True)
class DateFound:
    start: int
    end: int
    value: DateValue
    relative: bool
    approximate: bool
    qualifier: str | None
    rule: str


_PREV_TOKEN = re.compile(r"([\w']+-?)\s*$")


def find_dates(text: str, folded: str, lex: Lexicon, published: dt.date, future_at) -> list[DateFound]:
    """All date expressions of `text` (matched on its folded copy), the longest at each place.

    `future_at(offset)` tells whether the sentence holding `offset` speaks of the future.
    """
    found: list[tuple[int, int, int, DateFound]] = []
    for order, template in enumerate(lex.date_templates):
        for m in template.regex.finditer(folded):
            resolved = _resolve(template.rule, m, folded, lex, published, future_at)
            if resolved is not None and resolved.qualifier:  # as written, not folded
                for group in ("approx", "part"):
                    if m.groupdict().get(group):
                        resolved = replace(resolved, qualifier=text[m.start(group):m.end(group)])
            if resolved is not None:
                found.append((m.start(), -(m.end() - m.start()), order, resolved))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    chosen: list[DateFound] = []
    taken_until = -1
    # Longest first at each start; a later match inside an earlier one is dropped.
    for start, _neg_len, _order, item in found:
        if start < taken_until:
            continue
        chosen.append(item)
        taken_until = item.end
    return chosen


def _resolve(rule, m, folded, lex, published, future_at) -> DateFound | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    future = future_at(m.start())
    span = (m.start(), m.end())
    last_word = re.search(r"(\w+)\.$", m.group(0))
    if last_word and key(last_word.group(1)) in lex.months:  # "4 juin." ends a sentence: the stop is not the date's
        span = (span[0], span[1] - 1)
    handler = _RULES[rule]
    return handler(g, span, folded, lex, published, future, m)


# ---- helpers --------------------------------------------------------------------------------


def _day(g: dict, lex: Lexicon) -> int | None:
    raw = g.get("day") or g.get("day_word")
    if raw is None:
        return None
    k = key(raw)
    digits = re.match(r"\d+", k)
    if digits:
        return int(digits.group())
    if k in lex.ordinals:
        return lex.ordinals[k]
    parsed = parse_number(k, lex)
    if parsed is None:
        # "twenty-first": cardinal tens + ordinal unit
        parts = re.split(r"[\s-]+", k)
        if len(parts) == 2 and parts[0] in lex.number_words and parts[1] in lex.ordinals:
            return lex.number_words[parts[0]] + lex.ordinals[parts[1]]
        return None
    return int(parsed[0])


def _month(g: dict, lex: Lexicon) -> int | None:
    raw = g.get("month") or g.get("month_name")
    if raw is None:
        return None
    k = key(raw).rstrip(".")
    return lex.months.get(k) or lex.month_abbreviations.get(k)


def _year(g: dict) -> int | None:
    if "year" in g:
        return int(g["year"])
    if "yy" in g:
        return _two_digit_year(int(g["yy"].lstrip("'")))
    return None


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


def _shift(day: dt.date, amount: float, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=round(amount))
    if unit == "week":
        return day + dt.timedelta(days=round(7 * amount))
    if unit == "month":
        return _add_months(day, round(amount))
    return _add_months(day, round(12 * amount))


def _prev_token(folded: str, start: int) -> str:
    m = _PREV_TOKEN.search(folded[max(0, start - 40):start])
    return key(m.group(1)) if m else ""


def _found(span, value, *, relative=False, approximate=False, qualifier=None, rule="") -> DateFound:
    return DateFound(span[0], span[1], value, relative, approximate, qualifier, rule)


def _day_value(day: dt.date) -> DateValue:
    return DateValue.of(day.isoformat())


def _pick_year(month: int, day: int | None, published: dt.date, future: bool, weekday: int | None) -> int | None:
    """The year of a day or month written without one."""
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
    if future:
        after = [d for d in candidates if d >= anchor]
        return after[0].year if after else candidates[-1].year
    before = [d for d in candidates if d <= anchor]
    return before[-1].year if before else candidates[0].year


# ---- rules ----------------------------------------------------------------------------------


def _absolute(g, span, folded, lex, published, future, m):
    month = _month(g, lex)
    if month is None:
        return None
    day = _day(g, lex)
    year = _year(g)
    weekday = None
    if "weekday" in g:
        wk = key(g["weekday"]).rstrip(".")
        weekday = lex.weekdays.get(wk, lex.weekday_abbreviations.get(wk))
    if day is None:
        if year is None:
            return None
        return _found(span, DateValue.of(_month_iso(year, month)), rule="absolute")
    relative = year is None
    if year is None:
        year = _pick_year(month, day, published, future, weekday)
        if year is None:
            return None
    d = _safe_date(year, month, day)
    if d is None:
        return None
    return _found(span, _day_value(d), relative=relative, rule="absolute")


def _part_of(g, span, folded, lex, published, future, m):
    part = lex.parts[key(g["part"])]
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
        year = _pick_year(month, None, published, future, None)
    first = dt.date(year, month, 1)
    last = _add_months(first, 1) - dt.timedelta(days=1)
    bounds = {"early": (first, first + dt.timedelta(days=9)),
              "mid": (first + dt.timedelta(days=10), first + dt.timedelta(days=19)),
              "late": (first + dt.timedelta(days=20), last)}[part]
    return _found(span, DateValue.of(_month_iso(year, month), start=bounds[0], end=bounds[1]),
                  relative=relative, qualifier=qualifier, rule="part_of")


def _bare_month(g, span, folded, lex, published, future, m):
    if lex.months_capitalised and not m.group(0)[:1].isupper():
        return None
    if _prev_token(folded, span[0]) not in lex.month_context:
        return None
    month = _month(g, lex)
    year = _pick_year(month, None, published, future, None)
    prefix = lex.bare_month_prefix_re.search(folded, max(0, span[0] - 20), span[0])
    if prefix:  # "en novembre" is cited with its preposition
        span = (prefix.start(), span[1])
    return _found(span, DateValue.of(_month_iso(year, month)), relative=True, rule="bare_month")


def _bare_year(g, span, folded, lex, published, future, m):
    after = folded[span[1]:span[1] + 20]
    if lex.not_year_after_re.match(after):
        return None
    before = folded[max(0, span[0] - 3):span[0]]
    prev = _prev_token(folded, span[0])
    in_context = prev in lex.year_context or prev.endswith("'") and prev in lex.year_context
    parenthesised = before.endswith("(") and after[:1] in (")", ",")
    opening = (span[0] == 0 or folded[span[0] - 1] == "\n") and after[:1] == ","
    if not (in_context or parenthesised or opening):
        return None
    return _found(span, DateValue.of(g["year"]), rule="bare_year")


def _weekday(g, span, folded, lex, published, future, m):
    weekday = lex.weekdays.get(key(g["weekday"]))
    if weekday is None:
        return None
    week_based = re.search(r"semaine|week", m.group(0), re.IGNORECASE) is not None
    monday = published - dt.timedelta(days=published.weekday())
    if "next" in g:
        d = monday + dt.timedelta(days=7 + weekday)
    elif "last" in g:
        if week_based:
            d = monday - dt.timedelta(days=7) + dt.timedelta(days=weekday)
        else:
            back = (published.weekday() - weekday) % 7 or 7
            d = published - dt.timedelta(days=back)
    elif "this" in g or week_based:
        d = monday + dt.timedelta(days=weekday)
    elif future:
        d = published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    else:
        d = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
    return _found(span, _day_value(d), relative=True, rule="weekday")


def _named_day(g, span, folded, lex, published, future, m):
    offset = lex.named_days.get(key(g["named_day"]))
    if offset is None:
        return None
    return _found(span, _day_value(published + dt.timedelta(days=offset)), relative=True, rule="named_day")


def _unit_of(text: str) -> str | None:
    for word, unit in (("semaine", "week"), ("week", "week"), ("mois", "month"), ("month", "month"),
                       ("annee", "year"), ("year", "year"), ("an", "year")):
        if re.search(rf"(?<!\w){word}(?!\w)", key(text)):
            return unit
    return None


def _period(anchor: dt.date, unit: str) -> DateValue:
    if unit == "week":
        return DateValue.of(_week_iso(anchor))
    if unit == "month":
        return DateValue.of(_month_iso(anchor.year, anchor.month))
    return DateValue.of(str(anchor.year))


def _relative_unit(offset: int):
    def resolve(g, span, folded, lex, published, future, m):
        unit = _unit_of(m.group(0))
        if unit is None:
            return None
        return _found(span, _period(_shift(published, offset, unit), unit), relative=True, rule="relative_unit")
    return resolve


_SLACK = {"day": 0, "week": 3, "month": 15, "year": 182}


def _count_unit(direction: int):
    def resolve(g, span, folded, lex, published, future, m):
        parsed = parse_number(g["count"], lex)
        unit = lex.units.get(key(g["unit"]))
        if parsed is None or unit is None or parsed[0] <= 0 or parsed[0] > 1000:
            return None
        n = float(parsed[0])
        day = _shift(published, direction * n, unit)
        qualifier = g.get("approx")
        kind = lex.qualifiers.get(key(qualifier)) if qualifier else None
        slack = dt.timedelta(days=_SLACK[unit])
        start, end = day - slack, day + slack
        if kind == "less":  # "il y a moins de deux semaines": between that day and publication
            start, end = sorted((day, published))
        elif kind == "more":
            far = _shift(published, direction * n * 2, unit)
            start, end = sorted((far, day))
        elif kind == "approx":
            spread = abs((day - published).days) // 4 + _SLACK[unit]
            start, end = day - dt.timedelta(days=spread), day + dt.timedelta(days=spread)
        value = DateValue.of(day.isoformat(), start=start, end=end)
        return _found(span, value, relative=True, approximate=kind is not None,
                      qualifier=m.group("approx") if qualifier else None, rule="count_unit")
    return resolve


def _numeric(g, span, folded, lex, published, future, m):
    if "d1" in g:  # 22/04 or 4/22: no year
        a, b = int(g["d1"]), int(g["d2"])
        if len(g["d1"]) == 1 and len(g["d2"]) == 1 and _prev_token(folded, span[0]) not in lex.month_context | {"le", "on", "the"}:
            return None  # "3/4" is more often a fraction
        day, month = (a, b) if lex.date_order == "dmy" else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day
        if not (1 <= month <= 12):
            return None
        year = _pick_year(month, day, published, future, None)
        d = _safe_date(year, month, day) if year else None
        return _found(span, _day_value(d), relative=True, rule="numeric") if d else None
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
    day = _safe_date(y, mo, d) if 1 <= mo <= 12 else None
    if day is None:
        return None
    return _found(span, _day_value(day), rule="numeric")


_RULES = {
    "absolute": _absolute,
    "part_of": _part_of,
    "bare_month": _bare_month,
    "bare_year": _bare_year,
    "weekday": _weekday,
    "named_day": _named_day,
    "this_unit": _relative_unit(0),
    "last_unit": _relative_unit(-1),
    "next_unit": _relative_unit(1),
    "ago": _count_unit(-1),
    "ahead": _count_unit(1),
    "numeric": _numeric,
}

RULES = frozenset(_RULES)
