"""`find_dates`: every template matched on the folded text, then the passes that settle a date by its
neighbours (lists of weekdays, months together, the year of the story).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, partial

from ..date_templates import DIGITS, DateTemplate
from ..lexicon import Lexicon
from ..model import DateValue
from ..patterns import lower_view
from ..text import fold_key as key
from .base import (
    _NO_SUCH_DAY,
    _PREV_TOKEN,
    _TOKEN_RE,
    _WORD_RE,
    _YEAR_DIGITS,
    _YEAR_LINK,
    DateFound,
    _Context,
    _past_in_clause,
)
from .rules import _RULES
from .weekdays import _no_week_schedules, _no_weekday_lists, _same_weekday_again, _weekday_with_its_day

DATELINE_REACH = 1000  # characters from the start of the text to a dateline
DATELINE_BACK = 7  # days a dateline may stand before publication
_DATELINE_RULES = frozenset({"absolute", "numeric"})  # a day written with its month ("Dec 7", "le 07 décembre 2022")
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[^\S\n]*[A-ZÀ-Ý][\w'’. -]{1,40},\s+(?:le\s+)?$")
_DATELINE_AFTER = re.compile(r"(?<!\s)\s*+(?:\([^)\n]{1,30}\)\s*+)?[-–—]\s")  # from a word's end: linear


def _dateline(found: list[DateFound], folded: str, published: dt.date) -> DateFound | None:
    """The dateline of a story written before the day of its publication: a day after a place at
    the start of a line, then a dash ("Dakar, le 07 décembre 2022 - Les Lions ...")."""
    for d in found:
        if d.start > DATELINE_REACH:
            break
        if d.value.precision != "day" or d.rule not in _DATELINE_RULES:
            continue
        day = dt.date.fromisoformat(d.value.iso)
        if (
            0 < (published - day).days <= DATELINE_BACK
            and _DATELINE_BEFORE.search(folded, max(0, d.start - 60), d.start)
            and _DATELINE_AFTER.match(folded, d.end)
        ):
            return d
    return None


def find_dates(
    text: str,
    folded: str,
    lex: Lexicon,
    published: dt.date,
    future_at: Callable[[int], bool],
    *,
    by_dateline: bool = True,
) -> list[DateFound]:
    """All date expressions of `text` (matched on its folded copy), the longest at each place.

    `future_at(offset)` tells whether the sentence holding `offset` speaks of the future. A story
    whose dateline gives the day it was written ("Dakar, le 7 décembre 2022 - ...") before the day
    it was published is read from that day (`by_dateline`): its "hier" is the day before the dateline.
    """
    low = lower_view(folded)
    chosen = _chosen(_matches(low, lex), text, folded, low, lex, published, future_at)
    found = _weekday_with_its_day(
        _with_their_year(_no_weekday_lists(_no_week_schedules(chosen, low, lex.calendar.weekdays), low), low), low, lex
    )
    found = _same_weekday_again(found, low, lex)
    found = _months_together(found, low, lex)
    found = _same_periods(found)
    found = _earlier_than_before(found, low, published)
    found = _in_their_story(found, low, lex, published, future_at)
    line = _dateline(found, folded, published) if by_dateline else None
    if line is None:
        return found
    again = find_dates(text, folded, lex, dt.date.fromisoformat(line.value.iso), future_at, by_dateline=False)
    return [d for d in found if d.start <= line.start] + [d for d in again if d.start > line.start]


_Match = tuple[int, int, int, re.Match[str]]  # start, minus the length, template order, the match
_GROUP = re.Match.group


def _matches(low: str, lex: Lexicon) -> list[_Match]:
    """Every match of every template that may match here, longest first at each start."""
    tokens = list(_TOKEN_RE.finditer(low))
    found = list(map(_GROUP, tokens))
    words = set(found)
    # A template runs only where a word it can begin with begins, and only when the text holds one
    # of the words any of its matches holds: most of an article is never tried.
    always, with_digits, by_word, needed, lists = _activation(lex)
    active = set(always)
    if any(w[0].isdigit() for w in words):
        active |= with_digits
    for word in words & by_word.keys():
        active.update(by_word[word])
    for letters, orders in needed:  # nor when a word its pattern writes is missing ("ago")
        if letters not in low:
            active.difference_update(orders)
    templates = lex.dates.date_templates
    # The active templates each word can start, with their patterns' match, kept per set of active
    # templates (a few sets recur across the documents of a language); a number is DIGITS.
    frozen = frozenset(active)
    starting = lists.get(frozen)
    if starting is None:
        if len(lists) > 256:
            lists.clear()
        starting = lists[frozen] = {}
    starts_of = lex.dates.date_starts
    # The words of this text that start a template, as the key of their templates: most words start none.
    keys = {w: k for w in words if (k := DIGITS if w[0].isdigit() else w) in starts_of}
    candidates: list[_Match] = []
    if keys:
        for word, token in zip(found, tokens):
            if (key := keys.get(word)) is None:
                continue
            if (tried := starting.get(key)) is None:
                tried = starting[key] = [(o, templates[o].regex.match) for o in starts_of[key] if o in frozen]
            at = token.start()
            for order, match in tried:
                if m := match(low, at):  # a match starts where it is tried
                    candidates.append((at, at - m.end(), order, m))
    for order in lex.dates.date_scanned:
        if order in active:
            candidates.extend((m.start(), m.start() - m.end(), order, m) for m in templates[order].regex.finditer(low))
    candidates.sort(key=lambda c: c[:3])
    return candidates


_Starting = dict[frozenset[int], dict[str, list[tuple[int, Callable[[str, int], re.Match[str] | None]]]]]
_Activation = tuple[
    frozenset[int], frozenset[int], dict[str, tuple[int, ...]], tuple[tuple[str, tuple[int, ...]], ...], _Starting
]
_ACTIVATIONS: dict[str, tuple[tuple[DateTemplate, ...], _Activation]] = {}


def _activation(lex: Lexicon) -> _Activation:
    """Which templates a text lets run, worked out once per language: those that run on every text
    (no trigger words), those a digit lets run, those each trigger word lets run, the templates each
    written word is needed by; and a cache of the templates each word starts, per set of active templates."""
    cached = _ACTIVATIONS.get(lex.code)
    if cached is not None and cached[0] is lex.dates.date_templates:
        return cached[1]
    templates = lex.dates.date_templates
    by_word: dict[str, list[int]] = {}
    needed: dict[str, list[int]] = {}
    for order, t in enumerate(templates):
        for word in t.triggers or ():
            by_word.setdefault(word, []).append(order)
        for letters in t.needs:
            needed.setdefault(letters, []).append(order)
    activation: _Activation = (
        frozenset(o for o, t in enumerate(templates) if t.triggers is None),
        frozenset(o for o, t in enumerate(templates) if t.triggers is not None and t.digits),
        {word: tuple(orders) for word, orders in by_word.items()},
        tuple((letters, tuple(orders)) for letters, orders in needed.items()),
        {},
    )
    _ACTIVATIONS[lex.code] = (templates, activation)
    return activation


def _chosen(
    candidates: list[_Match],
    text: str,
    folded: str,
    low: str,
    lex: Lexicon,
    published: dt.date,
    future_at: Callable[[int], bool],
) -> list[DateFound]:
    """The matches resolved to dates, in reading order; a later match inside a chosen one is dropped,
    and so never resolved."""
    chosen: list[DateFound] = []
    taken_until = -1
    for start, _neg_len, order, m in candidates:
        if start < taken_until:
            continue
        tense = (
            partial(_past_before, text, folded, low, start, m.end(), lex),
            partial(future_at, start),
            partial(_past_in_clause, text, start, lex),
        )
        resolved = _resolve(lex.dates.date_templates[order].rule, m, _Context(low, folded, lex, published, tense))
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
    return chosen


def _past_before(text: str, folded: str, low: str, start: int, end: int, lex: Lexicon) -> bool:
    """A past tense right before the date ("a annoncé ce lundi", "announced on Monday"), which outweighs
    a future elsewhere in the sentence; or right after it, or the statement the date was made in."""
    return (
        lex.dates.past_before_re.search(text, max(0, start - 40), start) is not None
        or _after_statement(folded, low, start, lex)
        or _past_right_after(text, end, lex)
    )


def _past_right_after(text: str, end: int, lex: Lexicon) -> bool:
    """ "The Board on Thursday announced ...": a past tense right after the date, in lower case (not
    "Thursday Ted ..."), outweighs a future later in the sentence as one before it does."""
    at = end + 1
    return (
        text[end : end + 1] == " "
        and text[at : at + 1].islower()
        and lex.dates.past_anywhere_re.match(text, at, at + 40) is not None
    )


# "(Monday to Friday)", "(lundi-vendredi)": two weekdays in brackets, joined by a dash or a word
_STATEMENT_TAIL = re.compile(r"\s+(?:[a-z]{1,3}\s+)?$")  # "statement on ", "communiqué "


def _after_statement(folded: str, low: str, start: int, lex: Lexicon) -> bool:
    """ "in a statement on Thursday", "dans un communiqué jeudi": a statement is reported once made, so
    the day it was made is past, whatever the statement says of the future."""
    floor = max(0, start - 30)
    for m in lex.quotes.statement_re.finditer(folded, floor, start):
        if _STATEMENT_TAIL.fullmatch(low, m.end(), start):
            return True
    return False


# Between two weekdays of a list: a comma, or one short word ("samedi, dimanche et lundi").
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
    joint = _month_joint(tuple(lex.money.range_joiners))
    out: list[DateFound] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.relative
            and (not d.relative or prev.rule == "bare_month")  # "October and November of last year"
            and prev.value.precision == d.value.precision == "month"
            and prev.value.end - prev.value.start < dt.timedelta(days=31)  # not a pair already
            and joint.fullmatch(low, prev.end, d.start)
        ):
            # "de mars à mai 2023": the first month is of the year written with the last
            year = d.value.start.year - (int(prev.value.iso[5:7]) > d.value.start.month)
            prev = replace(prev, value=DateValue.of(f"{year:04d}{prev.value.iso[4:]}"))
        if (
            prev is not None
            and prev.value.precision == "month"
            and d.value.precision == "month"
            and prev.value.end - prev.value.start < dt.timedelta(days=31)  # not a pair already
            and prev.value.start < d.value.start <= prev.value.start + dt.timedelta(days=366)
            and joint.fullmatch(low, prev.end, d.start)
        ):
            value = DateValue.of(prev.value.iso, start=prev.value.start, end=d.value.end)
            start = prev.start
            if (w := _PREV_TOKEN.search(low, max(0, start - 20), start)) and key(w.group(1)) in lex.money.range_starts:
                start = w.start(1)  # "between November 2023 and April 2024": from its first word
            out[-1] = replace(prev, start=start, end=d.end, value=value)
            continue
        out.append(d)
    return out


SAME_PERIOD_REACH = 400  # characters from a "same period" back to the date whose period it repeats


def _same_periods(found: list[DateFound]) -> list[DateFound]:
    """ "net income reached P9.5 billion in the first half of 2023, against P1.4 billion in the same
    period last year": the period of the date said before (a quarter, a half, months), in the year
    the "same period" names."""
    out: list[DateFound] = []
    for d in found:
        prev = out[-1] if out else None
        if d.rule == "same_period" and prev is not None and d.start - prev.end <= SAME_PERIOD_REACH:
            period = _period_code(prev.value)
            if period is not None:
                d = replace(d, value=DateValue.of(f"{d.value.start.year:04d}{period}"))
        out.append(d)
    return out


EARLIER_REACH = 600  # characters from "six ans plus tôt" back to the date it counts from


def _earlier_than_before(found: list[DateFound], low: str, published: dt.date) -> list[DateFound]:
    """ "Il a obtenu 9 sièges ce dimanche (contre 14 six ans plus tôt)", "5 cents in the second
    quarter, against 3 cents a year earlier": counted back from the date said before in the same
    sentence, at its precision (a quarter a year earlier is the same quarter of the year before);
    from publication when the sentence has none."""
    out: list[DateFound] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            d.rule == "earlier"
            and prev is not None
            and d.start - prev.end <= EARLIER_REACH
            and not _SENTENCE_BREAK.search(low, prev.end, d.start)
        ):
            d = replace(d, value=_shifted(prev.value, d.value, published) or d.value)
        elif d.rule == "later":
            # "appointed in 2013, but lost his place a year later", "In January 2014 ... Two months
            # later": counted on from the date said before it in the paragraph; none, no date
            if prev is None or d.start - prev.end > EARLIER_REACH or "\n" in low[prev.end : d.start]:
                continue
            d = replace(d, value=_moved_on(prev.value, d.value, published))
        out.append(d)
    return out


def _moved_on(anchor: DateValue, ahead: DateValue, published: dt.date) -> DateValue:
    """`anchor` moved on as far as `ahead` lies after `published`, at the anchor's precision."""
    s = dt.date.fromisoformat(ahead.iso) if ahead.precision == "day" else ahead.start
    months = (s.year - published.year) * 12 + s.month - published.month
    if s.day == published.day and months > 0:
        y, m = divmod(anchor.start.year * 12 + anchor.start.month - 1 + months, 12)
        moved = dt.date(y, m + 1, min(anchor.start.day, 28))
    else:
        months, moved = 0, anchor.start + (s - published)
    if anchor.precision == "day":
        return DateValue.of(moved.isoformat())
    if anchor.precision == "week":
        iso = moved.isocalendar()
        return DateValue.of(f"{iso[0]:04d}-W{iso[1]:02d}")
    if months and months % 12 == 0 and anchor.precision != "month":  # a year, a quarter, a season: years on
        return DateValue.of(f"{anchor.start.year + months // 12:04d}{anchor.iso[4:]}")
    if anchor.precision == "year":
        return DateValue.of(f"{moved.year:04d}")
    return DateValue.of(f"{moved.year:04d}-{moved.month:02d}")


_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _shifted(anchor: DateValue, back: DateValue, published: dt.date) -> DateValue | None:
    """`anchor` moved back as far as `back` lies before `published`."""
    # the day counted back to (its range is widened around it), or for a year the same day of it
    s = dt.date.fromisoformat(back.iso) if back.precision == "day" else back.start.replace(month=published.month)
    months = (published.year - s.year) * 12 + published.month - s.month
    by_months = months > 0 and (back.precision == "year" or s.day == published.day)
    if by_months:
        total = anchor.start.year * 12 + anchor.start.month - 1 - months
        y, m = divmod(total, 12)
        first = dt.date(y, m + 1, 1)
        moved = (
            first.replace(day=min(anchor.start.day, 28))
            if anchor.start.day > 28
            else first.replace(day=anchor.start.day)
        )
    else:
        moved = anchor.start - (published - s)
        y, m = moved.year, moved.month - 1
    if anchor.precision == "day":
        return DateValue.of(moved.isoformat())
    if anchor.precision == "week":
        iso = moved.isocalendar()
        return DateValue.of(f"{iso[0]:04d}-W{iso[1]:02d}")
    if anchor.precision == "month":
        return DateValue.of(f"{moved.year:04d}-{moved.month:02d}")
    if by_months and months % 12 == 0:  # a year, a quarter, a half, a season: years back
        return DateValue.of(f"{anchor.start.year - months // 12:04d}{anchor.iso[4:]}")
    return None


def _period_code(value: DateValue) -> str | None:
    """ "-Q2", "-H1", "-04": what a date within one year is, without its year; None for a year or
    a day."""
    if value.precision in ("quarter", "half", "season"):
        return value.iso[4:]
    if value.precision != "month":
        return None
    first, last = value.start, value.end
    if first.year != last.year or first.day != 1:
        return None
    months = last.month - first.month + 1
    if months == 3 and first.month % 3 == 1:
        return f"-Q{first.month // 3 + 1}"
    if months == 6 and first.month in (1, 7):
        return f"-H{first.month // 6 + 1}"
    return value.iso[4:7] if months == 1 else None


# Each starts right after a word, so that a scan over a run of spaces stays linear.
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
    following = lex.dates.following_re
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
            and not _this_before(low, d.start, lex)  # "ce 13 novembre": the present's
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


def _this_before(low: str, start: int, lex: Lexicon) -> bool:
    """Is the word right before `start` a demonstrative of the present ("ce 13 novembre", "this May 3")?"""
    m = re.search(r"([\w'-]+)\s+$", low[max(0, start - 12) : start])
    return m is not None and lex.calendar.relative_words.get(m.group(1)) == 0


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
            and not lex.quotes.coordinators.isdisjoint(_WORD_RE.findall(low, d.end, e.start))
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
