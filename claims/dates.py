"""Dates: absolute and relative expressions, resolved against the publication date.

Each template of the language file (see fr.toml, `[[dates.templates]]`) names a rule; the rule's
resolver below turns the template's groups into a `DateValue` at the precision the text gives.
Conventions, in the newsroom's sense:
- a bare month or a day without a year means the latest one on or before publication, unless the
  sentence speaks of the future ("sera", "will"), then the next one;
- "la semaine dernière" / "last week" is the previous ISO week; "prochain" / "next" with a weekday is
  that day in the next ISO week; "dernier" / "last" with a weekday is the latest such day before;
- "il y a deux semaines" is a day, with bounds as loose as the unit ("two years ago" +/- 6 months);
  a qualifier ("moins de", "about") marks it approximate and bounds it accordingly;
- "du 13 au 15 juin", "May 30 to June 2" is one claim: its first day, bounded by the last;
- "le premier vendredi de juillet", "the 20th of next month", "Friday the 13th" are days; an ordinal
  weekday without a month ("second Sunday") is in the month of publication;
- a weekday that does not fit its date ("mardi 22 janvier" in a year where the 22nd is a Friday) is
  kept in the text but the date wins: an editor sees the mismatch beside the value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import cast

from .lexicon import DIGITS, Lexicon, lower_view
from .text import fold_key as key
from .model import DateValue, period_of
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


@dataclass(frozen=True)
class _Context:
    low: str  # lower-case folded text, where templates match
    folded: str  # folded text with its case, for the capitalisation of months
    lex: Lexicon
    published: dt.date
    future: bool
    past: bool = False  # a verb in a past tense right before the date
    past_clause: bool = False  # a verb in a past tense in the date's clause, before it


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


def find_dates(
    text: str, folded: str, lex: Lexicon, published: dt.date, future_at: Callable[[int], bool]
) -> list[DateFound]:
    """All date expressions of `text` (matched on its folded copy), the longest at each place.

    `future_at(offset)` tells whether the sentence holding `offset` speaks of the future.
    """
    low = lower_view(folded)
    tokens = list(_TOKEN_RE.finditer(low))
    words = {t.group() for t in tokens}
    has_digit = any(w[0].isdigit() for w in words)
    templates = lex.date_templates
    # A template runs only where a word it can begin with begins, and only when the text holds one
    # of the words any of its matches holds: most of an article is never tried.
    # (worked out only for the templates some word of the text can start)
    known: dict[int, bool] = {}

    def active(order: int) -> bool:
        if order not in known:
            t = templates[order]
            known[order] = t.triggers is None or (t.digits and has_digit) or not t.triggers.isdisjoint(words)
        return known[order]

    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for token in tokens:
        word = token.group()
        for order in lex.date_starts.get(DIGITS if word[0].isdigit() else word, ()):
            if active(order) and (m := templates[order].regex.match(low, token.start())):
                candidates.append((m.start(), m.start() - m.end(), order, m))
    for order in lex.date_scanned:
        if active(order):
            candidates.extend((m.start(), m.start() - m.end(), order, m) for m in templates[order].regex.finditer(low))
    # Longest first at each start; a later match inside a chosen one is dropped, and so never resolved.
    candidates.sort(key=lambda c: c[:3])
    chosen: list[DateFound] = []
    taken_until = -1
    for start, _neg_len, order, m in candidates:
        if start < taken_until:
            continue
        # A past tense right before the date ("a annoncé ce lundi", "announced on Monday") outweighs a
        # future elsewhere in the sentence.
        past = lex.past_before_re.search(text, max(0, start - 40), start) is not None
        resolved = _resolve(
            templates[order].rule,
            m,
            _Context(
                low, folded, lex, published, future_at(start) and not past, past, _past_in_clause(text, start, lex)
            ),
        )
        if resolved is None:
            continue
        if resolved is _NO_SUCH_DAY:
            taken_until = m.end()
            continue
        if resolved.qualifier:  # as written, not folded
            for group in ("approx", "part"):
                if m.groupdict().get(group):
                    resolved = replace(resolved, qualifier=text[m.start(group) : m.end(group)])
        chosen.append(resolved)
        taken_until = resolved.end
    found = _weekday_with_its_day(_with_their_year(_no_weekday_lists(chosen, low), low), low)
    found = _months_together(found, low, lex)
    return _in_their_story(found, low, lex, published, future_at)


# Between two weekdays of a list: a comma, or one short word ("samedi, dimanche et lundi").
_LIST_GAP = re.compile(r"(?<!\s)(?:\s*+,\s*+(?:[a-z]{1,3}\s++)?|\s++[a-z]{1,3}\s++)")
_LIST_MIN = 4  # weekdays in a row that make a list ("samedi, dimanche et lundi" may be a forecast)


def _no_weekday_lists(found: list[DateFound], low: str) -> list[DateFound]:
    """ "on travaillera samedi, dimanche, lundi, mardi": weekdays listed in a row name no day (a
    schedule, an example, a repeated week); a run of four or more, one with a comma, is dropped."""
    out: list[DateFound] = []
    run: list[DateFound] = []

    def flush() -> None:
        if len(run) < _LIST_MIN or not any("," in low[a.end : b.start] for a, b in zip(run, run[1:])):
            out.extend(run)
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


@lru_cache(maxsize=None)
def _month_joint(joiners: tuple[str, ...]) -> re.Pattern[str]:
    """Between two months written as one span: a dash, or "and"/"to" of the language, then at most a
    word ("fin juin-début juillet", "in January and February", "March to early May")."""
    words = "|".join(re.escape(w) for w in joiners)
    return re.compile(
        rf"(?<!\s)(?:\s*+[-–]\s*+|\s++(?:{words})\s++)(?:[a-z]++[\s-]++)?" if words else r"(?<!\s)\s*+[-–]\s*+"
    )


def _months_together(found: list[DateFound], low: str, lex: Lexicon) -> list[DateFound]:
    """ "in January and February", "fin juin-début juillet": two months in a row are one claim, from
    its first word, valued at the first and bounded by the last (as a range is)."""
    joint = _month_joint(tuple(lex.range_joiners))
    out: list[DateFound] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.relative
            and not d.relative
            and prev.value.precision == d.value.precision == "month"
            and joint.fullmatch(low, prev.end, d.start)
        ):
            # "de mars à mai 2023": the first month is of the year written with the last
            year = d.value.start.year - (int(prev.value.iso[5:7]) > d.value.start.month)
            prev = replace(prev, value=DateValue.of(f"{year:04d}{prev.value.iso[4:]}"))
        if (
            prev is not None
            and prev.value.precision == "month"
            and d.value.precision == "month"
            and prev.value.start < d.value.start <= prev.value.start + dt.timedelta(days=366)
            and joint.fullmatch(low, prev.end, d.start)
        ):
            value = DateValue.of(prev.value.iso, start=prev.value.start, end=d.value.end)
            start = prev.start
            if (w := _PREV_TOKEN.search(low, max(0, start - 20), start)) and key(w.group(1)) in lex.range_starts:
                start = w.start(1)  # "between November 2023 and April 2024": from its first word
            out[-1] = replace(prev, start=start, end=d.end, value=value)
            continue
        out.append(d)
    return out


# Each starts right after a word, so that a scan over a run of spaces stays linear.
_BRACKET_OPEN = re.compile(r"(?<![\s,]),?\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"(?<!\s)\s*\)")
_SQUARE_OPEN = re.compile(r"(?<![\s,])\s*\[\s*")
_SQUARE_CLOSE = re.compile(r"(?<!\s)\s*\]")


def _weekday_with_its_day(found: list[DateFound], low: str) -> list[DateFound]:
    """ "Friday (April 12)", "vendredi (12 avril)": a weekday and the date it is, in brackets, are one date;
    so are "demain [lundi]" and the weekday an editor put in square brackets."""
    out: list[DateFound] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.rule == "weekday"
            and d.value.precision == "day"
            and _BRACKET_OPEN.fullmatch(low, prev.end, d.start)
            and (close := _BRACKET_CLOSE.match(low, d.end))
        ):
            out[-1] = replace(d, start=prev.start, end=close.end())
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
        out.append(d)
    return out


# Rules whose dates name a day or a month without its year, which a story told in another year owns.
_YEARLESS = frozenset({"absolute", "day_range", "bare_month", "month_rel"})
STORY_REACH = 1200  # characters from the last date of a story to a yearless date that belongs to it
STORY_GAP = dt.timedelta(days=120)  # a story this far before publication is told in its own time


def _in_their_story(
    found: list[DateFound], low: str, lex: Lexicon, published: dt.date, future_at: Callable[[int], bool]
) -> list[DateFound]:
    """ "En juin 2014, ... Le 4 juillet suivant, ... le 25 août": a day or a month written without
    its year, after a story dated well before publication, belongs to the story's year; a date of
    the present ("hier", "mardi", "cette année") ends the story."""
    out: list[DateFound] = []
    story: tuple[dt.date, int] | None = None  # (the story's last date, where it was written)
    following = lex.following_re
    found = _year_written_after(found, low, published, lex)
    for d in found:
        if d.value.precision in ("day", "month", "week") and (
            not d.relative or (d.rule == "absolute" and d.value.end < published - YEAR_BACK)
        ):
            # A date with its year, or a day whose weekday put it in an earlier year ("Sunday, March 8")
            story = (d.value.start, d.end) if d.value.end < published - STORY_GAP else None
        elif (
            d.relative
            and d.rule in _YEARLESS
            and story is not None
            and d.start - story[1] <= STORY_REACH
            and not future_at(d.start)
            and (d.rule != "month_rel" or following.search(low, d.start, d.end))
        ):
            anchor = story[0]
            iso = f"{anchor.year:04d}{d.value.iso[4:]}"
            try:
                value = DateValue.of(iso)
            except ValueError:  # the 29th of February of another year
                value = None
            if value is not None and value.end < anchor:
                if following.search(low, d.start, d.end + 12):
                    value = DateValue.of(f"{anchor.year + 1:04d}{d.value.iso[4:]}")  # "le 4 février suivant"
                else:
                    # "en septembre 2024, ... en février": a story goes forward; a month before its
                    # last date is not of its year but of the time of publication.
                    value = None
                    story = None
            if value is not None:
                d = replace(d, value=value)
                story = (value.start, d.end)
        elif d.relative:
            story = None  # back to the time of publication
        out.append(d)
    return out


YEAR_BACK = dt.timedelta(days=365)  # a yearless day resolved this far back was put there by its weekday
NEXT_DATE_REACH = 80  # characters from a yearless date to the dated one after it that gives its year
_SENTENCE_STOP = re.compile(r"[.!?\n]\s")


def _year_written_after(found: list[DateFound], low: str, published: dt.date, lex: Lexicon) -> list[DateFound]:
    """ "prise le 23 novembre et diffusée le 6 décembre 2016": a day or a month without its year, joined
    to a date of the same sentence that has one, right after it and well before publication, is of
    that year (or of the year before when it would come after it)."""
    out = list(found)
    for i, d in enumerate(found[:-1]):
        e = found[i + 1]
        if not (
            d.relative
            and d.rule in ("absolute", "bare_month")
            and d.value.precision in ("day", "month")
            and not e.relative
            and e.value.precision == "day"
            and e.value.end < published - STORY_GAP
            and e.start - d.end <= NEXT_DATE_REACH
            and _SENTENCE_STOP.search(low, d.end, e.start) is None
            # two steps of one story, joined ("prise le 23 novembre et diffusée le 6 décembre 2016"),
            # not a date of now that names an older one ("le 12 mars, la cour a annulé la décision du ...")
            and not lex.coordinators.isdisjoint(_WORD_RE.findall(low, d.end, e.start))
        ):
            continue
        for year in (e.value.start.year, e.value.start.year - 1):
            try:
                value = DateValue.of(f"{year:04d}{d.value.iso[4:]}")
            except ValueError:  # the 29th of February
                break
            if value.start <= e.value.start:
                out[i] = replace(d, value=value)
                break
    return out


def _with_their_year(found: list[DateFound], low: str) -> list[DateFound]:
    """ "7 May next year", "le 3 mars de l'an prochain": a day or a month and the year named right
    after it are one date, in that year."""
    out: list[DateFound] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and d.rule == "relative_unit"
            and d.value.precision == "year"
            and prev.value.precision in ("day", "month")
            and not _YEAR_DIGITS.search(low, prev.start, prev.end)
            and _YEAR_LINK.fullmatch(low, prev.end, d.start)
        ):
            iso = d.value.iso + prev.value.iso[4:]
            try:
                value = DateValue.of(iso)
            except ValueError:  # "29 February next year" in a common year
                out.append(d)
                continue
            out[-1] = replace(prev, end=d.end, value=value, relative=True)
            continue
        out.append(d)
    return out


def _resolve(rule: str, m: re.Match[str], ctx: _Context) -> DateFound | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    start, end = m.span()
    if ctx.low[end - 1] == ".":  # "le 1er janv." : the stop ends the sentence or the abbreviation
        end -= 1
    return _RULES[rule](g, (start, end), ctx, m)


# ---- helpers --------------------------------------------------------------------------------


def _day(g: _Groups, lex: Lexicon) -> int | None:
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


def _month(g: _Groups, lex: Lexicon) -> int | None:
    if "foreign_month" in g:
        return lex.foreign_months.get(key(g["foreign_month"]))
    raw = g.get("month") or g.get("month_name")
    if raw is None:
        return None
    k = key(raw).rstrip(".")
    return lex.months.get(k) or lex.month_abbreviations.get(k)


def _year(g: _Groups) -> int | None:
    if "year" in g:
        return int(g["year"])
    if "yy" in g:
        return _two_digit_year(int(g["yy"].lstrip("'")))
    return None


def _weekday_of(g: _Groups, lex: Lexicon) -> int | None:
    if "weekday" in g:
        return lex.weekdays.get(key(g["weekday"]))
    if "weekday_abbr" in g:
        return lex.weekday_abbreviations.get(key(g["weekday_abbr"]).rstrip("."))
    return None


def _nth(raw: str, lex: Lexicon) -> int | None:
    digits = re.match(r"\d+", raw)
    if digits:
        return int(digits.group())
    return lex.nth_words.get(key(raw))


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
    if not lex.year_after_noun:
        return False
    m = _TWO_PREV_TOKENS.search(low[max(0, start - 60) : start])
    if m is None:
        return False
    det, noun = m.group(1), m.group(2)
    if noun[1:2] == "'":  # "l'edition"
        det, noun = noun[:2], noun[2:]
    return (
        det is not None and key(det) in lex.year_after_noun and noun.isalpha() and key(noun) not in lex.function_words
    )


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


# How far ahead a day written without its year is still read as the coming one.
UPCOMING_DAYS = 45


# How far ahead a month written alone is still read as the coming one (about three months).
UPCOMING_MONTH_DAYS = 92


def _pick_year(
    month: int, day: int | None, published: dt.date, future: bool, weekday: int | None, *, past: bool = False
) -> int | None:
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
    if not day and not future and not past:
        # A month a little ahead is the coming one ("la grève de novembre", written in October), unless
        # a past tense says otherwise.
        ahead = [d for d in candidates if 0 < (d - anchor).days <= UPCOMING_MONTH_DAYS]
        if ahead:
            return ahead[0].year
    if future:
        after = [d for d in candidates if d >= anchor]
        return after[0].year if after else candidates[-1].year
    if day is not None:
        # A day a few weeks ahead is the coming one ("une journée de mobilisation le 10 octobre",
        # written on 2 October), whatever the tense of the verb that announces it.
        soon = [d for d in candidates if 0 < (d - anchor).days <= UPCOMING_DAYS]
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
    offset = ctx.lex.relative_words.get(key(g["rel"]), 0) if "rel" in g else 0
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


# ---- rules ----------------------------------------------------------------------------------


def _absolute(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    month = _month(g, lex)
    if month is None:
        return None
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
        year = _pick_year(month, day, ctx.published, future, weekday, past="last" in g)
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
    end = _safe_date(year + (end_month < month), end_month, last) if year else None
    if start is None or end is None:
        return _NO_SUCH_DAY if year else None
    if end <= start:
        return None  # "13-5 juin" is no range
    return _found(span, DateValue.of(start.isoformat(), start=start, end=end), relative=relative, rule="day_range")


def _part_of(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
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
        year = cast(int, _pick_year(month, None, ctx.published, ctx.future, None))  # a month alone: always a year
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


def _bare_month(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    # A month alone is written the way the language writes months: "Mars" inside a French sentence is
    # the planet, "may" inside an English one is the verb.
    if ctx.folded[span[0]].isupper() != lex.months_capitalised:
        return None
    if _prev_token(ctx.low, span[0]) not in lex.month_context:
        return None
    month = cast(int, _month(g, lex))  # the template is {month_name}: a month of the language
    # A month alone: the first of it exists in every candidate year, so one is picked.
    year = cast(int, _pick_year(month, None, ctx.published, ctx.future, None, past=ctx.past))
    prefix = lex.bare_month_prefix_re.search(ctx.low, max(0, span[0] - 20), span[0])
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
    if "yy_end" in g:  # "2023/24", "1772-73": the year after the first, in two digits
        last = first - first % 100 + int(g["yy_end"])
        if last < first:
            last += 100
        if last != first + 1:
            return None
    else:
        last = int(g["year_end"])
    if not 0 < last - first <= 100 or ctx.lex.not_year_after_re.match(ctx.low, span[1]):
        return None
    return _found(
        span, DateValue.of(str(first), start=dt.date(first, 1, 1), end=dt.date(last, 12, 31)), rule="year_range"
    )


def _named_year(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "cette année 2016": the year the words name, as a whole."""
    return _found(span, DateValue.of(g["year"]), rule="named_year")


def _bare_year(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    low = ctx.low
    if ctx.lex.not_year_after_re.match(low, span[1]):
        return None
    # "plus de 2000", "more than 1800": a count, unless the word also leads a year ("around 2000")
    q = ctx.lex.qualifier_before_re.search(low, max(0, span[0] - 30), span[0])
    if q and key(q.group("q")) not in ctx.lex.year_context:
        return None
    before = low[max(0, span[0] - 3) : span[0]]
    after = low[span[1] : span[1] + 2]
    prev = _prev_token(low, span[0])
    in_context = (
        prev in ctx.lex.year_context
        or (
            # "the 2019 estimate", "the disputed 2020 election": a year as an adjective, before a word
            1900 <= int(g["year"]) < 2100
            and _NOUN_AFTER.match(low, span[1]) is not None
            and ctx.folded[span[1] + 1 : span[1] + 2].islower()
            and _determined(low, span[0], ctx.lex.year_before_noun)
        )
        or (1900 <= int(g["year"]) < 2100 and _after_noun(low, span[0], ctx.lex))
    )
    parenthesised = before.endswith("(") and after[:1] in (")", ",")
    opening = (span[0] == 0 or low[span[0] - 1] == "\n") and after[:1] == ","
    if not (in_context or parenthesised or opening):
        return None
    return _found(span, DateValue.of(g["year"]), rule="bare_year")


def _weekday(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    weekday = ctx.lex.weekdays.get(key(g["weekday"]))
    if weekday is None:
        return None
    if (
        m.start() == m.start("weekday")
        and ctx.folded[span[0]].isupper()
        and (prev := _CAPITALISED_BEFORE.search(ctx.folded, max(0, span[0] - 30), span[0]))
        and key(prev.group(1)) not in ctx.lex.function_words
    ):
        return None  # "Rosalind Friday", "Black Friday": a name, not a day (not "Olsson lundi")
    if (
        m.start() == m.start("weekday")
        and ctx.folded[span[0]].isupper()
        and (title := _CAPITALISED_AFTER.match(ctx.folded, span[1]))
        and key(title.group(1)) not in ctx.lex.months
        and key(title.group(1)) not in ctx.lex.function_words
        and (
            span[0] == 0
            or ctx.low[span[0] - 1] == "\n"
            or _prev_token(ctx.low, span[0]) in ctx.lex.year_before_noun | ctx.lex.year_after_noun
        )
    ):
        return None  # "the Sunday Independent", "Dimanche Ouest France": a title, not a day
    published = ctx.published
    week_based = re.search(r"semaine|week", m.group(0)) is not None
    monday = published - dt.timedelta(days=published.weekday())
    if "next" in g:
        d = monday + dt.timedelta(days=7 + weekday)
    elif "last" in g:
        if week_based:
            d = monday - dt.timedelta(days=7) + dt.timedelta(days=weekday)
        else:
            back = (published.weekday() - weekday) % 7 or 7
            d = published - dt.timedelta(days=back)
    elif week_based or ("this" in g and not ctx.lex.this_weekday_nearest):  # "this Friday": of this week
        d = monday + dt.timedelta(days=weekday)
        if "this" in g and not week_based and ctx.future and d < published:
            d += dt.timedelta(days=7)  # "will strike this Thursday", written on a Sunday: the coming one
    elif "this" in g:  # "ce dimanche": the nearest one, the coming one when the sentence says so
        before = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
        after = published + dt.timedelta(days=(weekday - published.weekday()) % 7)
        d = after if ctx.future or (after - published) < (published - before) else before
    else:
        own = 0 if ctx.lex.own_weekday_is_today else 7  # the day of publication itself (see the data)
        after = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or own)
        before = published - dt.timedelta(days=(published.weekday() - weekday) % 7 or own)
        if ctx.future or _prev_token(ctx.low, span[0]) in ctx.lex.weekday_ahead:
            d = after
        elif ctx.lex.present_weekday_nearest and not ctx.past and not ctx.past_clause:
            # "la période s'achève mardi", "deux trains sont supprimés jeudi": the press writes the
            # coming days in the present, the past ones in a past tense
            d = after if (after - published) < (published - before) else before
        else:
            d = before
    return _found(span, _day_value(d), relative=True, rule="weekday")


_CLAUSE_START = re.compile(r"[.!?;\n][^.!?;\n]*$")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _past_in_clause(text: str, start: int, lex: Lexicon) -> bool:
    """Does the sentence around `start` hold a verb in a past tense ("a annoncé ce lundi la compagnie",
    "Au stade samedi soir, la tribune a chanté")?"""
    if not lex.present_weekday_nearest:
        return False
    floor = max(0, start - 160)
    m = _CLAUSE_START.search(text, floor, start)
    end = _SENTENCE_END.search(text, start, start + 160)
    return lex.past_anywhere_re.search(text, m.start() if m else floor, end.start() if end else start + 160) is not None


def _nth_weekday(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    weekday = ctx.lex.weekdays.get(key(g["weekday"]))
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


def _day_only(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    if _prev_token(ctx.low, span[0]) not in ctx.lex.day_context:
        return None
    day = _day(g, ctx.lex)
    if day is None or not 1 <= day <= 31:
        return None
    d = _day_near(day, ctx.published, ctx.future)
    ahead = _safe_date(ctx.published.year, ctx.published.month, day)
    if not ctx.future and not ctx.past and ahead and 0 < (ahead - ctx.published).days <= UPCOMING_DAY_OF_MONTH:
        d = ahead  # "pour le 31", written on the 17th: later this month
    return _found(span, _day_value(d), relative=True, rule="day_only") if d else None


def _weekday_count(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    weekday = ctx.lex.weekdays.get(key(g["weekday"]))
    parsed = parse_number(g["count"], ctx.lex)
    if weekday is None or parsed is None or not 1 <= parsed[0] <= 52:
        return None
    published = ctx.published
    first = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    d = first + dt.timedelta(weeks=int(parsed[0]) - 1)
    return _found(span, _day_value(d), relative=True, rule="weekday_count")


def _named_day(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    word = key(g["named_day"])
    offset = ctx.lex.named_days.get(word)
    if offset is None:
        return None
    if word in ctx.lex.event_days and ctx.lex.event_link_re.match(ctx.low, span[1]):
        return None  # "la veille du scrutin": the day before another event
    return _found(span, _day_value(ctx.published + dt.timedelta(days=offset)), relative=True, rule="named_day")


def _holiday(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "Halloween", "le jour de l'An", "Christmas Eve": that day, in the year a day without its year takes."""
    month, day = ctx.lex.holidays[key(g["holiday"])]
    year = _pick_year(month, day, ctx.published, ctx.future, None, past=ctx.past)
    d = _safe_date(year, month, day) if year else None
    return _found(span, _day_value(d), relative=True, rule="holiday") if d else None


def _unit_of(text: str, lex: Lexicon) -> str | None:
    """The unit a relative expression names ("earlier this month" -> month), from the language's units."""
    for word in _WORD_RE.findall(key(text)):
        if word in lex.units:
            return lex.units[word]
    return None


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


def _period_of(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "the third quarter of 2024", "Q3 2024", "H1 2023", "au troisième trimestre" (the latest one,
    or the coming one when the sentence speaks of the future)."""
    lex = ctx.lex
    n: int | None
    if "period_code" in g:
        unit, n = lex.period_codes.get(key(g["period_code"])), int(g["period_n"])
    else:
        word = g.get("period") or _WORD_RE.findall(m.group(0))[-1]  # "{ordinal}[ -]quarter"
        unit, n = lex.periods.get(key(word)), _nth(g["nth"], lex)
    if unit is None or n is None:
        return None
    count = 12 // _MONTHS_IN[unit]
    n = count if n == -1 else n  # "the last quarter of 2024"
    if not 1 <= n <= count:
        return None
    year = _year(g)
    relative = year is None
    if year is None and "rel" in g:  # "the first half of next year"
        year = ctx.published.year + ctx.lex.relative_words.get(key(g["rel"]), 0)
    if year is None:  # the current one counts both ways: it has begun and has not ended
        year = ctx.published.year
        first, last = period_of(_period_iso(year, unit, n))[1:]
        if ctx.future and last < ctx.published:
            year += 1
        elif not ctx.future and first > ctx.published:
            year -= 1
    return _found(span, DateValue.of(_period_iso(year, unit, n)), relative=relative, rule="period_of")


def _season(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    """ "l'été 2024", "last summer", "cet hiver", "au printemps" (the coming one when the sentence
    speaks of the future, else the latest one begun)."""
    season = ctx.lex.seasons.get(key(g["season"]))
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
    offset = ctx.lex.relative_words.get(key(g["rel"])) if "rel" in g else None
    if "last" in g or offset == -1:
        value = past[-1]
    elif "next" in g or offset == 1:
        value = coming[0]
    elif "this" in g or offset == 0 or current is not None:
        value = current or (coming[0] if ctx.future or not past or coming[0].start.year == published.year else past[-1])
    else:
        value = coming[0] if ctx.future else past[-1]
    return _found(span, value, relative=True, rule="season")


def _relative_unit(offset: int) -> _Rule:
    def resolve(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
        unit = _unit_of(m.group(0), ctx.lex)
        if unit is None:
            return None
        return _found(span, _period(_shift(ctx.published, offset, unit), unit), relative=True, rule="relative_unit")

    return resolve


_SLACK = {"day": 0, "week": 3, "month": 15, "quarter": 45, "half": 91, "year": 182}


def _count_unit(direction: int) -> _Rule:
    def resolve(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
        lex = ctx.lex
        parsed = parse_number(g["count"], lex)
        unit = lex.units.get(key(g["unit"]))
        if parsed is None or unit is None or parsed[0] <= 0 or parsed[0] > 1000:
            return None
        anchor = ctx.published
        if "named_day" in g:  # "two days from tomorrow"
            anchor += dt.timedelta(days=lex.named_days.get(key(g["named_day"]), 0))
        n = float(parsed[0])
        day = _shift(anchor, direction * n, unit)
        qualifier = g.get("approx")
        kind = lex.qualifiers.get(key(qualifier)) if qualifier else None
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
        return _found(
            span,
            value,
            relative=True,
            approximate=kind is not None,
            qualifier=m.group("approx") if qualifier else None,
            rule="count_unit",
        )

    return resolve


def _numeric(g: _Groups, span: _Span, ctx: _Context, m: re.Match[str]) -> DateFound | None:
    lex = ctx.lex
    if "d1" in g:  # 22/04 or 4/22: no year
        a, b = int(g["d1"]), int(g["d2"])
        if (
            len(g["d1"]) == 1
            and len(g["d2"]) == 1
            and _prev_token(ctx.low, span[0]) not in lex.month_context | {"le", "on", "the"}
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
    "next_unit": _relative_unit(1),
    "ago": _count_unit(-1),
    "ahead": _count_unit(1),
    "numeric": _numeric,
}

RULES = frozenset(_RULES)
