"""Loads the language data files and builds every pattern the extractors use, in one place.

A language is a TOML file in `claims/data/` (see fr.toml); `common.toml` holds what all languages
share (currency signs and codes). Patterns run on the folded view of the text (see claims/text.py),
so words are folded the same way before they become regular expressions.

A language's `Lexicon` holds its identity (code, name, the parsed file, separators, the order of a
numeric date, the words that detect it) and one frozen section per dimension, each built by its own
builder in the order they depend on one another:

- `lex.numbers` (`Numbers`, `_numbers` in claims/amounts_data.py): number words, scales, the number
  pattern;
- `lex.money` (`Money`, `_money` in claims/amounts_data.py): currencies by name, sign and code, the
  qualifiers and ranges around an amount, the amount patterns;
- `lex.calendar` (`Calendar`, `_calendar`): months, weekdays, named days, units and periods;
- `lex.dates` (`Dates`, `_dates`, with the templates compiled in claims/date_templates.py): the date
  templates, and the words that place a date or say a clause speaks of the past or the future;
- `lex.names` (`Names`, `_names`): what tells a name, a person and an organisation;
- `lex.quotes` (`Quotes`, `_quotes` and `_lists`): quote marks, speech verbs, attributions, lists of
  names.

Each section documents its fields. The extractors read them as `lex.calendar.months`,
`lex.money.money_re`, `doc.lex.quotes.speech_verb_re`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .amounts_data import Money, Numbers, _money, _numbers
from .date_templates import (
    DateTemplate,
    _date_templates,
    _future_re,
    _past_anywhere_re,
    _past_before_re,
)
from .patterns import alternation, trie
from .schema import check_language_data
from .text import fold_key

DATA_DIR = Path(__file__).with_name("data")


def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a data file."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml") if p.stem not in SHARED_DATA))


# Data files shared by every language, not languages themselves.
SHARED_DATA = frozenset({"common", "currency_names", "organizations", "people"})


@dataclass(frozen=True)
class Calendar:
    """The words of the calendar, folded: months, weekdays, named days and holidays, units and periods,
    and the words that count from now (built by `_calendar`; the date templates' slots are made of them,
    claims/dates/ reads them)."""

    months: dict[str, int]  # "janvier", "january" -> 1
    month_abbreviations: dict[str, int]  # "janv", "sept" -> 1, 9
    weekdays: dict[str, int]  # "lundi", "monday" -> 0
    weekday_abbreviations: dict[str, int]  # "lun", "tues" -> 0, 1
    named_days: dict[str, int]  # "hier", "tomorrow" -> -1, 1: days counted from the publication
    holidays: dict[str, tuple[int, int]]  # "halloween" -> (10, 31): days of the year known by their name
    foreign_months: dict[str, int]  # English months in a French article's embedded tweet: "November 17, 2020"
    units: dict[str, str]  # "jours", "weeks", "weekend" -> day, week, week: the unit of a duration
    parts: dict[str, str]  # "début", "the end of" -> early, late: a part of a month or a year
    periods: dict[str, str]  # "quarter", "trimestre" -> quarter; "half", "semestre" -> half
    seasons: dict[str, str]  # "été", "summer" -> summer (claims.model.SEASONS)
    period_codes: dict[str, str]  # "q" (Q3 2024) -> quarter, "h" (H1 2024) -> half
    relative_words: dict[str, int]  # this 0, last -1, next +1
    nth_words: dict[str, int]  # first 1, second 2, ..., last -1
    months_capitalised: bool  # the language writes its months with a capital: "may" is then a verb


@dataclass(frozen=True)
class Dates:
    """The date templates compiled, and the words that place a date: the context that makes a number a
    month, a year or a day, and whether a clause speaks of the past or the future (built by `_dates`;
    claims/dates/ and claims/extract.py read them)."""

    month_context: frozenset[str]  # "en", "depuis": a bare month or year after them is a date ("en novembre")
    year_context: frozenset[str]  # "en", "since", "fiscal": a bare number after them is a year
    year_before_noun: frozenset[str]  # determiners of a year used as an adjective ("the 2019 estimate")
    year_after_noun: frozenset[str]  # determiners of a noun a year may follow ("la récolte 2026")
    # A bare weekday that is the publication's own: today in English ("said Friday" in a Friday's
    # paper), the one a week off in French ("a annoncé vendredi"; today is "ce vendredi").
    own_weekday_is_today: bool
    this_weekday_nearest: bool  # "ce dimanche" is the nearest Sunday; "this Friday" the one of this week
    present_weekday_nearest: bool  # a weekday in a clause in the present is the nearest one (French press)
    past_anywhere_re: re.Pattern[str]  # a verb in a past tense anywhere in a clause
    weekday_ahead: frozenset[str]  # "dès jeudi": the coming one
    weekday_articles: frozenset[str]  # "on Thursday", "le jeudi": an article that leaves the week unsaid
    following_re: re.Pattern[str]  # "suivant", "following": after the story's date, not publication
    since_re: re.Pattern[str]  # "depuis le ", "since ": the day after it is a past one
    date_templates: tuple[DateTemplate, ...]  # [[dates.templates]] compiled, in the file's order
    date_starts: dict[str, tuple[int, ...]]  # first word (or DIGITS) -> templates that may start there
    date_scanned: tuple[int, ...]  # templates whose first word is unknown: scanned everywhere
    bare_month_prefix_re: re.Pattern[str]  # "en ", "mois d'": what cites a bare month ("en novembre")
    day_context: frozenset[str]  # "on", "le": "the 27th" after them is a day of the month
    numeric_day_before: frozenset[str]  # "le 3/4", "on 3/4": a slashed pair of single digits is then a day
    event_days: frozenset[str]  # "the next day": counted from an event named after it, when one is
    event_link_re: re.Pattern[str]  # "of", "the" after an event day: the event's name follows
    future_re: re.Pattern[str]  # words of the future ("will", "prévu") and its tense ("reprendra")
    future_before_re: re.Pattern[str]  # markers that speak of the future only for what follows them
    past_before_re: re.Pattern[str]  # "a annoncé ", "announced on ": a past tense right before a date
    not_year_after_re: re.Pattern[str]  # "%", "euros", "people" after a number: a count, not a year


@dataclass(frozen=True)
class Names:
    """What tells a name, a person and an organisation (built by `_names`; claims/names/data.py gathers
    these with the rest of [names] and the word lists)."""

    person_cues: frozenset[str]  # "chief executive", "le ministre": a person's name follows
    titles: frozenset[str]  # "Sen.", "Prime Minister": inside a capitalised name, not part of it
    function_words: frozenset[str]  # "le", "of", "the": the language's small words
    non_entity_heads: frozenset[str]  # "Declaration", "Act": a document's or a thing's name opens with them
    common_acronyms: frozenset[str]  # "GSM", "CEO": acronyms that are common nouns, no entity (as written)
    # Words that make a capitalised name an organisation's: the language's, and those of every other
    # language but the ones in capitals (a French article names the "Financial Intelligence Unit")
    organization_words: frozenset[str]
    aliases: dict[str, str]  # "fmi", "imf" -> "Fonds monétaire international": short forms, canonical names
    acronym_aliases: frozenset[str]  # the short forms the data writes in capitals ("WHO", "AP")
    places: frozenset[str]  # the language's [names] places, folded
    subject_verbs: frozenset[str]  # "said", "a déclaré" right after a capitalised word: it is a name


@dataclass(frozen=True)
class Quotes:
    """Quote marks, speech verbs, attributions, and names listed together (built by `_quotes` and
    `_lists`; claims/quotes/ reads them)."""

    coordinators: frozenset[str]  # "et", "and": a verb after them shares the sentence's subject
    # The words of every language's [quotes] that the quote rules read whatever the article's language
    # (see _quotes): articles, the joiners of a list, the words before a name that make it a complement
    articles: frozenset[str]  # "le", "l'", "the", "a"
    list_joiners: frozenset[str]  # "et", "and"
    complement_markers: frozenset[str]  # "de", "avec", "with"
    quote_pairs: tuple[tuple[str, str], ...]  # ("«", "»"), ("“", "”"): an opening mark and its closing one
    attribution: tuple[str, ...]  # "selon", "according to": they introduce a quote's source
    pronouns: frozenset[str]  # "il", "she": they point back to the last person named
    forms_of_address: frozenset[str]  # "M.", "Mr": person cues that are no role
    speech_verb_re: re.Pattern[str]  # a word that opens with a speech verb's stem ("déclar", "said")
    # ", a dit M. Labeaume en conférence de presse. ": an attribution between two sentences of a quote
    incise_re: re.Pattern[str]
    incise_pronoun_re: re.Pattern[str]  # "a-t-il poursuivi", "poursuit-elle": the quote's own speaker
    # "le groupe", "the council": an organisation named by what it is, speaking ("le groupe indique que")
    organization_subject_re: re.Pattern[str]
    statement_re: re.Pattern[str]  # "dans un communiqué", "in a statement": an organisation speaks
    spoken_by_re: re.Pattern[str]  # "those were the words of", "ces mots sont ceux de": the next name spoke
    term_marker_re: re.Pattern[str]  # "baptisé", "so-called": the quote is a term, not speech
    attribution_re: re.Pattern[str]  # the attribution words, as a pattern
    list_joiner_re: re.Pattern[str]  # a joiner ("et", "and", "&")
    list_gap_re: re.Pattern[str]  # between two names of a list: a comma or a joiner, then an article
    listed_re: re.Pattern[str]  # between the last two: a joiner (a comma before it at most), an article


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors know about one language, ready to use: the language's identity, then
    one section per dimension, each built by its own builder:

    - `numbers` (`Numbers`, claims/amounts_data.py): number words, scales, the number pattern;
    - `money` (`Money`, claims/amounts_data.py): currencies, qualifiers and ranges, the amount patterns;
    - `calendar` (`Calendar`): months, weekdays, named days, units and periods;
    - `dates` (`Dates`): the date templates compiled, and the words that place a date;
    - `names` (`Names`): what tells a name, a person and an organisation;
    - `quotes` (`Quotes`): quote marks, speech verbs, attributions, names listed together.

    Read as `lex.calendar.months`, `lex.money.money_re`, `doc.lex.quotes.speech_verb_re`."""

    code: str  # "fr"
    name: str  # "Français"
    raw: dict[str, Any]  # the language file, parsed and checked (claims/schema.py)
    decimal_separator: str
    thousands_separators: tuple[str, ...]
    date_order: str  # "dmy", "mdy": the order of an all-numeric date
    detect_words: frozenset[str]  # [detect] function_words, folded
    numbers: Numbers
    money: Money
    calendar: Calendar
    dates: Dates
    names: Names
    quotes: Quotes


@lru_cache(maxsize=None)
def _common() -> dict[str, Any]:
    with open(DATA_DIR / "common.toml", "rb") as fh:
        return tomllib.load(fh)


def common_data() -> dict[str, Any]:
    """claims/data/common.toml, read once: what every language shares."""
    return _common()


def legal_forms() -> tuple[str, ...]:
    """Company legal forms as name keys write them ("ltd", "s.a."), from common.toml [names]."""
    return tuple(_common()["names"]["legal_forms"])


def surname_prefixes() -> tuple[str, ...]:
    """ "Mc", "De", "Van": prefixes glued to a surname's capital, from common.toml [names]."""
    return tuple(_common()["names"]["surname_prefixes"])


@lru_cache(maxsize=1)
def _shared_names() -> dict[str, str]:
    """Folded canonical name -> folded English name, from each language's [names] translations."""
    shared: dict[str, str] = {}
    for code in available_languages():
        for name, english in load(code).raw["names"].get("translations", {}).items():
            shared[fold_key(name)] = fold_key(english)
    return shared


def language_words(code: str, section: str) -> dict[str, Any]:
    """One section of a language's data file, parsed and checked: read from the language's lexicon
    (built once per process, or from the disk cache), not parsed again."""
    words: dict[str, Any] = load(code).raw[section]
    return words


def name_key(canonical: str) -> str:
    """The look-up key of a person's or an organisation's canonical name, the same in every language:
    "Fonds monétaire international" in a French article and "International Monetary Fund" in an
    English record are one key. Records are indexed and claims looked up by it."""
    key = fold_key(canonical)
    return _shared_names().get(key, key)


def mention_keys(canonical: str, written: str) -> tuple[str, ...]:
    """The keys a name's mention is indexed and looked up under: its canonical name's, and, for an
    acronym the text resolved to a full name ("CTM" -> "Collectivité territoriale de Martinique"), the
    acronym's as written, since another text may give the acronym alone."""
    key = name_key(canonical)
    if written.isupper() and len(written) >= 2 and (short := name_key(written)) != key:
        return (key, short)
    return (key,)


@lru_cache(maxsize=None)
def _known_organizations(code: str) -> dict[str, str]:
    """Acronyms and short forms of well-known organisations (data/organizations.toml), by language."""
    with open(DATA_DIR / "organizations.toml", "rb") as fh:
        table = tomllib.load(fh)
    known: dict[str, str] = {**table["airlines"], **table.get(code, {})}
    return known


@lru_cache(maxsize=None)
def load(code: str) -> Lexicon:
    """The lexicon of a language, built once per process."""
    path = DATA_DIR / f"{code}.toml"
    if code in SHARED_DATA or not path.exists():
        raise ValueError(f"no language data for {code!r} (available: {', '.join(available_languages())})")
    from .compiled import cached  # a disk cache keyed by the data's hash (claims/compiled.py)

    lexicon: Lexicon = cached(code, _load_uncached)
    return lexicon


def _read(code: str) -> dict[str, Any]:
    """A language file, parsed and checked: every key declared, none missing (claims/schema.py)."""
    with open(DATA_DIR / f"{code}.toml", "rb") as fh:
        raw = tomllib.load(fh)
    check_language_data(code, raw)
    return raw


def _load_uncached(code: str) -> Lexicon:
    raw = _read(code)
    every = [raw if other == code else _read(other) for other in available_languages()]
    return _build(raw, _common(), every)


def _build(raw: dict[str, Any], common: dict[str, Any], every: list[dict[str, Any]]) -> Lexicon:
    """A language's Lexicon: each dimension's words and patterns, built in the order they depend on
    one another (numbers, then money and dates, which read numbers; names and quotes on their own).
    `every`: every language's data, some of whose words the quote and name rules read whatever the
    article's language."""
    lang = raw["language"]
    numbers, patterns = _numbers(raw)
    money = _money(raw, common, numbers, patterns)
    calendar = _calendar(raw, numbers.ordinals)
    return Lexicon(
        code=lang["code"],
        name=lang["name"],
        raw=raw,
        decimal_separator=lang["decimal_separator"],
        thousands_separators=tuple(lang["thousands_separators"]),
        date_order=lang["date_order"],
        detect_words=frozenset(fold_key(w) for w in raw["detect"]["function_words"]),
        numbers=numbers,
        money=money,
        calendar=calendar,
        dates=_dates(raw, numbers, calendar, money.qualifiers),
        names=_names(raw, [data["names"] for data in every]),
        quotes=_quotes(raw, [data["quotes"] for data in every]),
    )


def _calendar(raw: dict[str, Any], ordinals: dict[str, int]) -> Calendar:
    """Calendar words: months, weekdays, named days, units and periods, "this"/"last"/"next" (the
    `calendar` section)."""
    dates = raw["dates"]
    relative_words = {fold_key(w): 0 for w in dates["this"]}
    relative_words.update({fold_key(w): -1 for w in dates["last"]})
    relative_words.update({fold_key(w): 1 for w in dates["next"]})
    return Calendar(
        months={fold_key(m): i + 1 for i, m in enumerate(dates["months"])},
        month_abbreviations={fold_key(a): i + 1 for i, forms in enumerate(dates["month_abbreviations"]) for a in forms},
        weekdays={fold_key(d): i for i, d in enumerate(dates["weekdays"])},
        weekday_abbreviations={fold_key(a): i for i, forms in enumerate(dates["weekday_abbreviations"]) for a in forms},
        named_days={fold_key(k): int(v) for k, v in dates["named_days"].items()},
        holidays={
            fold_key(k): (int(v.split("-")[0]), int(v.split("-")[1])) for k, v in dates.get("holidays", {}).items()
        },
        foreign_months={fold_key(m): i + 1 for i, m in enumerate(dates.get("foreign_months", []))},
        units={fold_key(k): v for k, v in dates["units"].items()},
        parts={fold_key(k): v for k, v in dates["parts"].items()},
        periods={fold_key(k): v for k, v in dates["periods"].items()},
        seasons={fold_key(k): v for k, v in dates["seasons"].items()},
        period_codes={fold_key(k): v for k, v in dates["period_codes"].items()},
        relative_words=relative_words,
        nth_words={**ordinals, **{fold_key(w): -1 for w in dates["last"]}},
        months_capitalised=bool(dates.get("capitalised", False)),
    )


def _dates(raw: dict[str, Any], numbers: Numbers, calendar: Calendar, qualifiers: dict[str, str]) -> Dates:
    """The date templates compiled, and the words that place a date: its context, past or future (the
    `dates` section)."""
    dates, n, c = raw["dates"], numbers, calendar
    slots: dict[str, dict[str, Any]] = {"ordinals": n.ordinals, "number_words": n.number_words, "vague": n.vague}
    slots |= {"months": c.months, "weekdays": c.weekdays, "named_days": c.named_days, "holidays": c.holidays}
    slots |= {"foreign_months": c.foreign_months, "units": c.units, "parts": c.parts}
    slots |= {"month_abbr": c.month_abbreviations, "weekday_abbr": c.weekday_abbreviations}
    slots |= {"qualifiers": qualifiers, "periods": c.periods, "period_codes": c.period_codes}
    slots |= {"seasons": c.seasons, "rel": c.relative_words, "nth": c.nth_words}
    templates = _date_templates(raw["language"], dates, slots)
    return Dates(
        month_context=frozenset(fold_key(w) for w in dates["month_context"]),
        year_context=frozenset(fold_key(w) for w in dates["year_context"]),
        year_before_noun=frozenset(fold_key(w) for w in dates["year_before_noun"]),
        year_after_noun=frozenset(fold_key(w) for w in dates["year_after_noun"]),
        own_weekday_is_today=bool(dates["own_weekday_is_today"]),
        this_weekday_nearest=bool(dates["this_weekday_nearest"]),
        present_weekday_nearest=bool(dates["present_weekday_nearest"]),
        past_anywhere_re=_past_anywhere_re(dates["past"]),
        weekday_ahead=frozenset(fold_key(w) for w in dates["weekday_ahead"]),
        weekday_articles=frozenset(fold_key(w) for w in dates["weekday_articles"]),
        following_re=re.compile(rf"(?<![\w]){trie([fold_key(w) for w in dates['following']])}(?![\w])"),
        since_re=re.compile(rf"(?<![\w']){trie([fold_key(w) for w in dates['since']])}\s+$")
        if dates.get("since")
        else re.compile(r"(?!)"),
        date_templates=tuple(templates),
        date_starts={
            w: tuple(i for i, t in enumerate(templates) if t.starts and w in t.starts)
            for w in {w for t in templates for w in t.starts or ()}
        },
        date_scanned=tuple(i for i, t in enumerate(templates) if t.starts is None),
        # "en novembre", "mois d'avril" (no space after an elision)
        bare_month_prefix_re=re.compile(rf"(?<![\w']){trie(dates['bare_month_prefixes'])}(?:(?<=')\s*|\s+)$"),
        day_context=frozenset(fold_key(w) for w in dates["day_context"]),
        numeric_day_before=frozenset(fold_key(w) for w in dates["numeric_day_before"]),
        event_days=frozenset(fold_key(w) for w in dates["event_days"]),
        event_link_re=re.compile(rf"(?<!\s)\s*{trie(dates['event_links'])}(?![\w])"),
        future_re=_future_re(dates),
        future_before_re=re.compile(rf"(?<![\w]){alternation(dates['future_markers_before'])}(?![\w])", re.IGNORECASE),
        past_before_re=_past_before_re(dates["past"], dates["future_markers"]),
        not_year_after_re=re.compile(rf"(?<!\s)\s*{trie(dates['not_year_after'])}(?!\w)"),
    )


def _names(raw: dict[str, Any], every_names: list[dict[str, Any]]) -> Names:
    """What tells a name, a person and an organisation (the `names` section; claims/names/ reads the rest).
    The words that make a name an organisation's are those of every language: a French article names
    the "Financial Intelligence Unit", an English one the "Banque de France"."""
    lang, names = raw["language"], raw["names"]
    return Names(
        person_cues=frozenset(fold_key(w) for w in names["person_cues"]),
        titles=frozenset(fold_key(w) for w in names["titles"]),
        function_words=frozenset(fold_key(w) for w in names["function_words"]),
        non_entity_heads=frozenset(fold_key(w) for w in names["non_entity_heads"]),
        common_acronyms=frozenset(names["common_acronyms"]),
        organization_words=frozenset(fold_key(w) for w in names["organization_words"])
        # (not the other languages' words in capitals: "CHU" is a hospital in French, "Chu" a surname)
        | frozenset(fold_key(w) for n in every_names for w in n["organization_words"] if not w.isupper()),
        aliases=_aliases({**_known_organizations(lang["code"]), **names["aliases"]}),
        acronym_aliases=frozenset(
            fold_key(k)
            for k in {**_known_organizations(lang["code"]), **names["aliases"]}
            if len(k) > 1 and k.replace(".", "").isupper()
        ),
        places=frozenset(fold_key(w) for w in names["places"]),
        subject_verbs=frozenset(fold_key(w) for w in names["subject_verbs"]),
    )


def _aliases(table: dict[str, str]) -> dict[str, str]:
    """Short forms -> canonical names, and each canonical name a known name of its own ("IMF" names the
    "International Monetary Fund", which is then known whole: "... Fund Article IV Consultation")."""
    out = {fold_key(v): v for v in table.values() if isinstance(v, str)}
    out.update({fold_key(k): v for k, v in table.items()})
    return out


def _quotes(raw: dict[str, Any], every_quotes: list[dict[str, Any]]) -> Quotes:
    """Quote marks, speech verbs and attributions (the `quotes` section). The articles, list joiners and
    complement markers are those of every language (`every_quotes`): the rules were written on French
    and English together and read them whatever the article's language."""
    quotes = raw["quotes"]

    def quote_words_re(words: list[str], *, prefix: bool = False) -> re.Pattern[str]:
        # Speech verbs and attributions are looked for around every quote: as a prefix tree a
        # wrong first letter fails at once (three times faster than the flat alternation).
        tail = r"[\w'-]*" if prefix else r"(?![\w])"
        return re.compile(rf"(?<![\w]){trie(words)}{tail}", re.IGNORECASE)

    return Quotes(
        coordinators=frozenset(fold_key(w) for w in quotes["coordinators"]),
        articles=frozenset(
            fold_key(w) for q in every_quotes for w in [*q["definite_articles"], *q["indefinite_articles"]]
        ),
        list_joiners=frozenset(fold_key(w) for q in every_quotes for w in q["list_joiners"]),
        complement_markers=frozenset(fold_key(w) for q in every_quotes for w in q["complement_markers"]),
        quote_pairs=tuple((a, b) for a, b in quotes["pairs"]),
        attribution=tuple(fold_key(w) for w in quotes["attribution"]),
        pronouns=frozenset(fold_key(w) for w in quotes["pronouns"]),
        forms_of_address=frozenset(fold_key(w) for w in quotes["forms_of_address"]),
        speech_verb_re=quote_words_re(quotes["speech_verb_stems"], prefix=True),
        incise_re=_incise_re(quotes),
        incise_pronoun_re=re.compile(
            rf"-(?:{trie([fold_key(w) for w in quotes['incise_pronouns']])})(?![\w'-])", re.IGNORECASE
        )
        if quotes.get("incise_pronouns")
        else re.compile(r"(?!)"),
        organization_subject_re=re.compile(
            rf"(?<![\w'])(?:{trie([fold_key(w) for w in quotes['organization_subjects']])})(?![\w'])", re.IGNORECASE
        ),
        statement_re=re.compile(
            rf"(?<![\w'])(?:{trie([fold_key(w) for w in quotes['statement_words']])})(?![\w'])", re.IGNORECASE
        ),
        spoken_by_re=re.compile(
            rf"(?<![\w'])(?:{trie([fold_key(w) for w in quotes['spoken_by']])})(?![\w'])", re.IGNORECASE
        ),
        term_marker_re=quote_words_re(quotes["term_markers"]),
        attribution_re=quote_words_re(quotes["attribution"]),
        **_lists(every_quotes),
    )


def _lists(every_quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """Names listed together ("la CSC, la FGTB et le SLFP dénoncent", "Infrabel and HR Rail said"), read
    with the list joiners and definite articles of every language (fields of `Quotes`)."""
    joiner = rf"\b{alternation(w for q in every_quotes for w in q['list_joiners'])}\b|&"
    articles = [fold_key(w) for q in every_quotes for w in q["definite_articles"]]
    whole, elided = [w for w in articles if not w.endswith("'")], [w for w in articles if w.endswith("'")]
    # "Dr Laurenson and Dr Trivedi said": a form of address may stand before each name
    address = alternation(fold_key(w).rstrip(".") for q in every_quotes for w in q["forms_of_address"])
    return dict(
        list_joiner_re=re.compile(joiner, re.IGNORECASE),
        list_gap_re=re.compile(
            rf"(?<![,&\s])\s*(?:,|{joiner})\s*(?:{alternation(articles)}\s*)?(?:(?:{address})\.?\s+)?", re.IGNORECASE
        ),
        listed_re=re.compile(
            rf"(?<![\s,]),?+\s*+(?:{joiner})\s*+(?:{alternation(whole)}\s++|{alternation(elided)})?+", re.IGNORECASE
        ),
    )


def _incise_re(quotes: dict[str, Any]) -> re.Pattern[str]:
    """ ", a dit M. Labeaume ", and with an inverted pronoun ", a-t-il poursuivi.", ", poursuit-elle.":
    an attribution written inside the marks, between two sentences of the quote."""
    if not quotes["incise_auxiliaries"]:
        return re.compile(r"(?!)")
    aux = trie([fold_key(w) for w in quotes["incise_auxiliaries"]])
    verb = trie(quotes["speech_verb_stems"])
    named = rf",\s+(?:(?:{aux})\s+)?(?:{verb})[\w'-]*\s"
    if not quotes.get("incise_pronouns"):
        return re.compile(named, re.IGNORECASE)
    pronoun = trie([fold_key(w) for w in quotes["incise_pronouns"]])
    inverted = rf",\s+(?:(?:{aux})-(?:{pronoun})\s+(?:{verb})[\w'-]*|(?:{verb})[\w']*-(?:{pronoun}))(?=[\s.,;:!?])"
    return re.compile(f"{named}|{inverted}", re.IGNORECASE)
