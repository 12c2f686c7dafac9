"""Loads the language data files and builds every pattern the extractors use, in one place.

A language is a TOML file in `claims/data/` (see fr.toml); `common.toml` holds what all languages
share (currency signs and codes). Patterns run on the folded view of the text (see claims/text.py),
so words are folded the same way before they become regular expressions.

Date templates are regular expressions with {slots}; `_SLOT_BUILDERS` lists the slots and what each
one matches. Each slot becomes a named group that the date resolvers read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .text import fold

DATA_DIR = Path(__file__).with_name("data")


def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a data file."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml") if p.stem != "common"))


def key(word: str) -> str:
    """The form a word is looked up under: folded and lower-case."""
    return " ".join(fold(word).lower().split())


def alternation(words: Any, *, flexible_space: bool = True) -> str:
    """Regex alternation of folded words, longest first so that the longest wins."""
    forms = sorted({key(w) for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for w in forms:
        escaped = re.escape(w)
        if flexible_space:
            escaped = escaped.replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@dataclass(frozen=True)
class DateTemplate:
    rule: str
    pattern: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors know about one language, ready to use."""

    code: str
    name: str
    raw: dict[str, Any]
    decimal_separator: str
    thousands_separators: tuple[str, ...]
    date_order: str
    # numbers
    number_words: dict[str, int]
    multipliers: dict[str, int]
    joiners: frozenset[str]
    fractions: dict[str, float]
    vague: dict[str, int]
    ordinals: dict[str, int]
    scale_words: dict[str, float]
    scale_abbreviations: dict[str, float]
    # money
    currency_names: dict[str, str]
    currency_symbols: dict[str, str]
    currency_codes: dict[str, str]
    ambiguous_currency_names: frozenset[str]
    subunits: dict[str, int]
    subunit_default: dict[str, str]
    symbol_suffixes: dict[str, str]
    qualifiers: dict[str, str]
    # dates
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    named_days: dict[str, int]
    units: dict[str, str]
    parts: dict[str, str]
    month_context: frozenset[str]
    year_context: frozenset[str]
    months_capitalised: bool
    date_templates: tuple[DateTemplate, ...]
    bare_month_prefix_re: re.Pattern[str]
    # names
    person_cues: frozenset[str]
    titles: frozenset[str]
    function_words: frozenset[str]
    non_entity_heads: frozenset[str]
    common_acronyms: frozenset[str]
    organization_words: frozenset[str]
    aliases: dict[str, str]
    places: frozenset[str]
    subject_verbs: frozenset[str]
    org_head_re: re.Pattern[str]
    # quotes
    quote_pairs: tuple[tuple[str, str], ...]
    attribution: tuple[str, ...]
    pronouns: frozenset[str]
    detect_words: frozenset[str]
    # compiled patterns
    number_re: re.Pattern[str]
    money_re: re.Pattern[str]
    bare_scaled_re: re.Pattern[str]
    qualifier_before_re: re.Pattern[str]
    range_before_re: re.Pattern[str]
    speech_verb_re: re.Pattern[str]
    term_marker_re: re.Pattern[str]
    future_re: re.Pattern[str]
    not_year_after_re: re.Pattern[str]
    attribution_re: re.Pattern[str]


@lru_cache(maxsize=None)
def _common() -> dict[str, Any]:
    with open(DATA_DIR / "common.toml", "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def load(code: str) -> Lexicon:
    """The lexicon of a language, built once per process."""
    path = DATA_DIR / f"{code}.toml"
    if code == "common" or not path.exists():
        raise ValueError(f"no language data for {code!r} (available: {', '.join(available_languages())})")
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    return _build(raw, _common())


def _build(raw: dict[str, Any], common: dict[str, Any]) -> Lexicon:
    lang = raw["language"]
    numbers = raw["numbers"]
    scales = raw["scales"]
    cur = raw["currencies"]
    qual = raw["qualifiers"]
    dates = raw["dates"]
    names = raw["names"]
    quotes = raw["quotes"]

    number_words = {key(k): int(v) for k, v in numbers["words"].items()}
    multipliers = {key(k): int(v) for k, v in numbers["multipliers"].items()}
    fractions = {key(k): float(v) for k, v in numbers.get("fractions", {}).items()}
    vague = {key(k): int(v) for k, v in numbers.get("vague", {}).items()}
    ordinals = {key(k): int(v) for k, v in numbers.get("ordinals", {}).items()}
    scale_words = {key(k): float(v) for k, v in scales["words"].items()}
    scale_abbreviations = {k: float(v) for k, v in scales.get("abbreviations", {}).items()}

    currency_names = {key(n): code for n, code in cur["names"]}
    currency_symbols = {s: code for s, code in common["currencies"]["symbols"]}
    aliases = common["currencies"].get("code_aliases", {})
    currency_codes = {c: aliases.get(c, c) for c in common["currencies"]["codes"]}
    subunits = {key(n): int(f) for n, f in cur.get("subunits", [])}
    subunit_default = {key(k): v for k, v in cur.get("subunit_default", {}).items()}
    symbol_suffixes = {key(s): code for s, code in cur.get("symbol_suffixes", [])}
    qualifiers = {key(w): kind for kind in ("approx", "more", "less") for w in qual.get(kind, [])}

    months = {key(m): i + 1 for i, m in enumerate(dates["months"])}
    month_abbr = {key(a): i + 1 for i, forms in enumerate(dates["month_abbreviations"]) for a in forms}
    weekdays = {key(d): i for i, d in enumerate(dates["weekdays"])}
    weekday_abbr = {key(a): i for i, forms in enumerate(dates["weekday_abbreviations"]) for a in forms}
    named_days = {key(k): int(v) for k, v in dates["named_days"].items()}
    units = {key(k): v for k, v in dates["units"].items()}
    parts = {key(k): v for k, v in dates["parts"].items()}

    # ---- numbers --------------------------------------------------------------------------
    dec = re.escape(lang["decimal_separator"])
    seps = "".join(re.escape(s) for s in lang["thousands_separators"])
    digit_number = (
        rf"(?:\d{{1,3}}(?:[{seps}]\d{{2,3}})+(?:{dec}\d+)?(?!\d)"  # 4 000 000 / 1,500,000.50 / 12,34,567
        rf"|\d+(?:{dec}\d+)?"
        rf"|\d+\.\d{{1,2}}(?!\d))"  # "2.5 milliards" written with a point in French
    )
    word_atoms = list(number_words) + list(multipliers) + list(fractions)
    word_atom = alternation(word_atoms)
    joiner = alternation(numbers.get("joiners", []))
    word_number = rf"(?:{word_atom}(?:(?:\s*-\s*|\s+|\s+{joiner}\s+|-{joiner}-){word_atom}(?![\w-]))*)"
    number = rf"(?:{digit_number}|{word_number})"
    number_re = re.compile(rf"(?<![\w.,]){number}(?!\w)", re.IGNORECASE)

    # ---- money ----------------------------------------------------------------------------
    symbols = sorted(currency_symbols, key=len, reverse=True)
    symbol = "(?:" + "|".join(re.escape(s.lower()) for s in symbols) + ")"
    strict_codes = set(common["currencies"].get("case_sensitive_codes", []))
    loose = [re.escape(c.lower()) for c in currency_codes if c not in strict_codes]
    strict = [re.escape(c) for c in currency_codes if c in strict_codes]
    code_ = "(?:" + "|".join(loose) + ("|(?-i:" + "|".join(strict) + ")" if strict else "") + ")"
    cur_name = alternation(currency_names)
    scale_word = alternation(scale_words)
    abbrs = sorted(scale_abbreviations, key=len, reverse=True)
    scale_abbr = "(?-i:" + "|".join(re.escape(a) for a in abbrs) + ")" if abbrs else "(?!)"
    sub = alternation(subunits)
    suffix = alternation(symbol_suffixes)
    of = r"(?:de\s+|d'\s*|of\s+)?"
    scale = rf"(?:\s*{scale_abbr}(?![\w])|\s+{scale_word})"
    money = (
        # sign or code first: "$2.3bn", "$ 75 millions", "USD 40 million", "US$ 150 million"
        rf"(?P<lead>{symbol}|{code_}(?![a-z]))\s?(?P<n1>{number})(?P<s1>{scale})?"
        # number first: "4 milliards de dollars", "1,5 M€", "94000 $", "1000 EUR", "five million yen"
        # (a number in words needs a scale word or a currency name: "a $" is not an amount)
        rf"|(?P<n2>{digit_number}|{word_number}(?=\s*{scale}|[\s-]+{of}{cur_name}))(?P<s2>{scale})?[\s-]*{of}"
        rf"(?P<trail>{cur_name}(?!\w)|{symbol}(?:\s?(?P<suffix>{suffix})(?![\w']))?|{code_}(?![a-z]))"
        # subunits: "50 cents", "470 pence"
        rf"|(?P<n3>{number})[\s-]+(?P<sub>{sub})(?!\w)"
    )
    money_re = re.compile(rf"(?<![\w$€£¥]){money}", re.IGNORECASE)
    # "1,25 milliard" with no currency of its own; it takes the currency named nearby.
    bare_scaled_re = re.compile(rf"(?<![\w.,])(?P<n>{number})(?P<s>\s+{scale_word})(?!\w)", re.IGNORECASE)
    qualifier_before_re = re.compile(rf"(?:^|(?<=[\s(]))(?P<q>{alternation(qualifiers)})\s*$", re.IGNORECASE)
    range_before_re = re.compile(
        rf"(?:(?P<start>{alternation(qual.get('range_start', []))})\s+)?(?P<n>{number})(?P<s>{scale})?"
        rf"\s*(?:-|{alternation(qual.get('range_joiners', []))})\s*$",
        re.IGNORECASE,
    )

    # ---- dates ----------------------------------------------------------------------------
    day_suffix = alternation(lang.get("day_suffixes", []))
    day_words = dict(ordinals)
    day_words.update({w: v for w, v in number_words.items() if 1 <= v <= 31})
    day_word = rf"(?:{alternation(day_words)}(?:[\s-]+{alternation(day_words)})?)"
    slots = {
        "day": rf"(?P<day>(?:3[01]|[12]\d|0?[1-9])(?:{day_suffix})?(?!\d)|{alternation(ordinals)})",
        "day_word": rf"(?P<day_word>{day_word})",
        "month": rf"(?P<month>{alternation(list(months) + list(month_abbr))})",
        "month_name": rf"(?P<month_name>{alternation(months)})",
        "year": r"(?P<year>(?:1[5-9]\d\d|20\d\d|2100)(?!\d))",
        "yy": r"(?P<yy>'?\d\d)",
        "weekday": rf"(?P<weekday>{alternation(weekdays)})",
        "weekday_any": rf"(?P<weekday>{alternation(list(weekdays) + list(weekday_abbr))})\.?",
        "count": rf"(?P<count>\d{{1,3}}|{alternation(list(number_words) + list(vague))}(?:[\s-]+{alternation(number_words)})?)",
        "unit": rf"(?P<unit>{alternation(units)})",
        "this": rf"(?P<this>{alternation(dates['this'])})",
        "last": rf"(?P<last>{alternation(dates['last'])})",
        "next": rf"(?P<next>{alternation(dates['next'])})",
        "part": rf"(?P<part>{alternation(parts)})",
        "named_day": rf"(?P<named_day>{alternation(named_days)})",
        "approx": rf"(?P<approx>{alternation(qualifiers)})",
        "numeric_date": (
            r"(?P<n1>\d{1,4})(?P<sep>[/.-])(?P<n2>\d{1,2})(?:(?P=sep)|,\s?)(?P<n3>\d{2,4})(?![\d/.-]|\.\d)"
            r"|(?P<d1>\d{1,2})/(?P<d2>\d{1,2})(?![\d/])"
        ),
    }
    templates = []
    for t in dates["templates"]:
        body = re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)], fold(t["pattern"]))
        body = body.replace(" ", r"\s+")
        regex = re.compile(rf"(?<![\w/.-]){body}(?![\w/])", re.IGNORECASE)
        templates.append(DateTemplate(t["rule"], t["pattern"], regex))

    def phrases_re(words: list[str], *, prefix: bool = False) -> re.Pattern[str]:
        tail = r"[\w'-]*" if prefix else r"(?![\w])"
        return re.compile(rf"(?<![\w]){alternation(words)}{tail}", re.IGNORECASE)

    return Lexicon(
        code=lang["code"],
        name=lang["name"],
        raw=raw,
        decimal_separator=lang["decimal_separator"],
        thousands_separators=tuple(lang["thousands_separators"]),
        date_order=lang["date_order"],
        number_words=number_words,
        multipliers=multipliers,
        joiners=frozenset(key(j) for j in numbers.get("joiners", [])),
        fractions=fractions,
        vague=vague,
        ordinals=ordinals,
        scale_words=scale_words,
        scale_abbreviations=scale_abbreviations,
        currency_names=currency_names,
        currency_symbols=currency_symbols,
        currency_codes=currency_codes,
        ambiguous_currency_names=frozenset(key(n) for n in cur.get("ambiguous_names", [])),
        subunits=subunits,
        subunit_default=subunit_default,
        symbol_suffixes=symbol_suffixes,
        qualifiers=qualifiers,
        months=months,
        month_abbreviations=month_abbr,
        weekdays=weekdays,
        weekday_abbreviations=weekday_abbr,
        named_days=named_days,
        units=units,
        parts=parts,
        month_context=frozenset(key(w) for w in dates["month_context"]),
        year_context=frozenset(key(w) for w in dates["year_context"]),
        months_capitalised=bool(dates.get("capitalised", False)),
        date_templates=tuple(templates),
        bare_month_prefix_re=re.compile(
            rf"(?<![\w']){alternation(dates.get('bare_month_prefixes', []))}\s+$", re.IGNORECASE
        ),
        person_cues=frozenset(key(w) for w in names["person_cues"]),
        titles=frozenset(key(w) for w in names["titles"]),
        function_words=frozenset(key(w) for w in names["function_words"]),
        non_entity_heads=frozenset(key(w) for w in names["non_entity_heads"]),
        common_acronyms=frozenset(names["common_acronyms"]),
        organization_words=frozenset(key(w) for w in names["organization_words"]),
        aliases={key(k): v for k, v in names["aliases"].items()},
        places=frozenset(key(w) for w in names["places"]),
        subject_verbs=frozenset(key(w) for w in names.get("subject_verbs", [])),
        org_head_re=re.compile(
            rf"(?<![\w']){alternation(names.get('lowercase_org_heads', []))}\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')$"
        ),
        quote_pairs=tuple((a, b) for a, b in quotes["pairs"]),
        attribution=tuple(key(w) for w in quotes["attribution"]),
        pronouns=frozenset(key(w) for w in quotes["pronouns"]),
        detect_words=frozenset(key(w) for w in raw["detect"]["function_words"]),
        number_re=number_re,
        money_re=money_re,
        bare_scaled_re=bare_scaled_re,
        qualifier_before_re=qualifier_before_re,
        range_before_re=range_before_re,
        speech_verb_re=phrases_re(quotes["speech_verb_stems"], prefix=True),
        term_marker_re=phrases_re(quotes["term_markers"]),
        future_re=phrases_re(dates["future_markers"]),
        not_year_after_re=re.compile(
            rf"^\s*(?:{alternation(dates['not_year_after'])})(?!\w)", re.IGNORECASE
        ),
        attribution_re=phrases_re(quotes["attribution"]),
    )
