"""Loads the language data files and builds every pattern the extractors use, in one place.

A language is a TOML file in `claims/data/` (see fr.toml); `common.toml` holds what all languages
share (currency signs and codes). Patterns run on the folded view of the text (see claims/text.py),
so words are folded the same way before they become regular expressions.

Date templates are regular expressions with {slots}; `_SLOT_BUILDERS` lists the slots and what each
one matches. Each slot becomes a named group that the date resolvers read.
"""

from __future__ import annotations

import re
import re._constants as _sre  # the parse tree of a date template tells its first words
import re._parser as _sre_parser
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .schema import check_language_data
from .text import fold, fold_key

DATA_DIR = Path(__file__).with_name("data")


def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a data file."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml") if p.stem not in SHARED_DATA))


# Data files shared by every language, not languages themselves.
SHARED_DATA = frozenset({"common", "organizations", "people"})


# How a qualifier bounds a value: about it, above it, below it, or close to it on one side ("nearly",
# "just over").
QUALIFIER_KINDS = ("approx", "more", "less", "nearly", "just_over")


def alternation(words: Any, *, flexible_space: bool = True) -> str:
    """Regex alternation of folded words, longest first so that the longest wins."""
    forms = sorted({fold_key(w) for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for w in forms:
        escaped = re.escape(w)
        if flexible_space:
            escaped = escaped.replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def trie(words: Any) -> str:
    """Like `alternation`, as a prefix tree, for patterns that run on a lower-cased text.

    Python's regex engine tries the words of a flat alternation one by one at every position it
    reaches; in a prefix tree a wrong first letter fails at once. Money and date patterns run at
    every word start of an article, so this is most of their cost. Longer words are still preferred.
    """
    forms = {fold_key(w) for w in words if w}
    if not forms:
        return "(?!)"

    def node(suffixes: list[str]) -> str:
        ends_here = "" in suffixes
        children: dict[str, list[str]] = {}
        for s in suffixes:
            if s:
                children.setdefault(s[0], []).append(s[1:])
        branches = sorted(
            (
                (max(map(len, rest)), (r"\s+" if ch == " " else re.escape(ch)) + node(rest))
                for ch, rest in children.items()
            ),
            key=lambda b: -b[0],
        )
        body = "|".join(b for _, b in branches)
        if not branches:
            return ""
        if ends_here:
            return f"(?:{body})?"
        return body if len(branches) == 1 else f"(?:{body})"

    return f"(?:{node(sorted(forms))})"


def lower_view(folded: str) -> str:
    """Same-length lower-case copy of a folded text, for the patterns built with `trie`."""
    low = folded.lower()
    if len(low) == len(folded):
        return low
    return folded.translate(_ASCII_LOWER)  # a letter whose lower case is longer: keep offsets


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


@dataclass(frozen=True)
class DateTemplate:
    rule: str
    pattern: str
    regex: re.Pattern[str]
    # A match always holds one of these words (of `lower_view`) or, when `digits`, a digit; None when
    # no such word is known, and the template runs on every text.
    triggers: frozenset[str] | None = None
    digits: bool = True
    # The words (or DIGITS for a number) a match can begin with; None when the pattern does not say,
    # and the template is scanned over the whole text.
    starts: frozenset[str] | None = None


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
    money_nouns: frozenset[str]  # "5 millions d'amende": a noun after a scaled number that keeps it money
    local_currency_names: dict[str, str]  # "dollars", "francs" with no country -> "dollar", "franc": claims/country.py
    subunits: dict[str, int]
    subunit_default: dict[str, str]
    glued_subunits: frozenset[str]  # "173.08c": written right after the digits, in lower case
    symbol_suffixes: dict[str, str]
    qualifiers: dict[str, str]
    # dates
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    named_days: dict[str, int]
    holidays: dict[str, tuple[int, int]]  # "halloween" -> (10, 31): days of the year known by their name
    foreign_months: dict[str, int]  # English months in a French article's embedded tweet: "November 17, 2020"
    units: dict[str, str]
    parts: dict[str, str]
    periods: dict[str, str]  # "quarter", "trimestre" -> quarter; "half", "semestre" -> half
    seasons: dict[str, str]  # "été", "summer" -> summer (claims.model.SEASONS)
    period_codes: dict[str, str]  # "q" (Q3 2024) -> quarter, "h" (H1 2024) -> half
    month_context: frozenset[str]
    year_context: frozenset[str]
    year_before_noun: frozenset[str]
    year_after_noun: frozenset[str]  # determiners of a noun a year may follow ("la récolte 2026")
    months_capitalised: bool
    # A bare weekday that is the publication's own: today in English ("said Friday" in a Friday's
    # paper), the one a week off in French ("a annoncé vendredi"; today is "ce vendredi").
    own_weekday_is_today: bool
    this_weekday_nearest: bool  # "ce dimanche" is the nearest Sunday; "this Friday" the one of this week
    present_weekday_nearest: bool  # a weekday in a clause in the present is the nearest one (French press)
    past_anywhere_re: re.Pattern[str]  # a verb in a past tense anywhere in a clause
    weekday_ahead: frozenset[str]  # "dès jeudi": the coming one
    following_re: re.Pattern[str]  # "suivant", "following": after the story's date, not publication
    date_templates: tuple[DateTemplate, ...]
    date_starts: dict[str, tuple[int, ...]]  # first word (or DIGITS) -> templates that may start there
    date_scanned: tuple[int, ...]  # templates whose first word is unknown: scanned everywhere
    bare_month_prefix_re: re.Pattern[str]
    relative_words: dict[str, int]  # this 0, last -1, next +1
    nth_words: dict[str, int]  # first 1, second 2, ..., last -1
    day_context: frozenset[str]
    event_days: frozenset[str]
    event_link_re: re.Pattern[str]
    # names
    person_cues: frozenset[str]
    coordinators: frozenset[str]  # "et", "and": a verb after them shares the sentence's subject
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
    forms_of_address: frozenset[str]  # "M.", "Mr": person cues that are no role
    detect_words: frozenset[str]
    # compiled patterns
    number_re: re.Pattern[str]
    money_re: re.Pattern[str]
    bare_scaled_re: re.Pattern[str]
    bare_amount_followers: frozenset[str] | None  # words that may follow "2.5 billion" as money (None: any)
    qualifier_before_re: re.Pattern[str]
    range_before_re: re.Pattern[str]
    range_after_re: re.Pattern[str]  # "… et 3,6 milliards" after "entre 1,5 milliard de dollars"
    subunit_after_re: re.Pattern[str]  # "cents" of "8.4 euro cents"
    # "une cinquantaine de millions d'euros": a round count of a scale, with its currency
    approx_amount_re: re.Pattern[str] | None
    approx_counts: dict[str, int]
    money_marker_re: re.Pattern[str]
    money_starts: frozenset[str]  # first tokens of an amount (DIGITS for a number): see claims/money.py
    cents_after_re: re.Pattern[str]
    symbol_codes: dict[str, str]  # every written form of a sign, "c $" included -> ISO code
    strict_codes: frozenset[str]  # codes read only in capitals ("TRY", "MAD")
    code_scales: dict[str, float]  # codes that hold their scale ("MD": millions de dinars), after a number only
    range_starts: tuple[str, ...]  # "between", "from", paired by position with
    range_joiners: tuple[str, ...]  # "and", "to"
    speech_verb_re: re.Pattern[str]
    # ", a dit M. Labeaume en conférence de presse. ": an attribution between two sentences of a quote
    incise_re: re.Pattern[str]
    # "le groupe", "the council": an organisation named by what it is, speaking ("le groupe indique que")
    organization_subject_re: re.Pattern[str]
    statement_re: re.Pattern[str]  # "dans un communiqué", "in a statement": an organisation speaks
    term_marker_re: re.Pattern[str]
    future_re: re.Pattern[str]
    future_before_re: re.Pattern[str]
    past_before_re: re.Pattern[
        str
    ]  # "a annoncé ", "announced on ": a past tense right before a date  # markers that speak of the future only for what follows them
    not_year_after_re: re.Pattern[str]
    attribution_re: re.Pattern[str]


@lru_cache(maxsize=None)
def _common() -> dict[str, Any]:
    with open(DATA_DIR / "common.toml", "rb") as fh:
        return tomllib.load(fh)


def _past_verbs(past: dict[str, list[str]]) -> list[str]:
    """The forms of a past tense, as regex alternatives on the text as written (accents kept, so that
    the French auxiliary "a" is not the preposition "à"): a past form ("said", "publiée"), a word with
    a past ending, an auxiliary and a participle ("a annoncé", "ont été reçus")."""
    verbs = [re.escape(v) for v in past["verbs"]]
    if past["verb_endings"]:
        verbs.append(rf"\w+(?:{'|'.join(map(re.escape, past['verb_endings']))})")
    if past["auxiliaries"]:
        aux = "|".join(map(re.escape, past["auxiliaries"]))
        ends = "|".join(map(re.escape, past["participle_endings"]))
        verbs.append(rf"(?:{aux})(?:-t-(?:il|elle|on))?\s+(?:\w+\s+)?\w*(?:{ends})")
    return verbs


def _past_before_re(past: dict[str, list[str]]) -> re.Pattern[str]:
    """A past tense that ends right before a date, then at most a preposition ("announced on")."""
    verbs = _past_verbs(past)
    preps = "|".join(map(re.escape, past["then"]))
    if not verbs:
        return re.compile(r"(?!)")
    # "sera adopté vendredi": a participle after these words is no past (fixed-width look-behinds)
    not_after = "".join(f"(?<!{re.escape(w)} )" for w in past.get("not_after", []))
    return re.compile(rf"(?<![\w'’-]){not_after}(?:{'|'.join(verbs)})\s+(?:(?:{preps})\s+)?$", re.IGNORECASE)


def _past_anywhere_re(past: dict[str, list[str]]) -> re.Pattern[str]:
    """A verb in a past tense anywhere in a text."""
    verbs = _past_verbs(past)
    if not verbs:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w'-])(?:{'|'.join(verbs)})(?![\w'-])", re.IGNORECASE)


def _known_organizations(code: str) -> dict[str, str]:
    """Acronyms and short forms of well-known organisations (data/organizations.toml), by language."""
    with open(DATA_DIR / "organizations.toml", "rb") as fh:
        known: dict[str, str] = tomllib.load(fh).get(code, {})
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


def _load_uncached(code: str) -> Lexicon:
    with open(DATA_DIR / f"{code}.toml", "rb") as fh:
        raw = tomllib.load(fh)
    check_language_data(code, raw)  # every key declared, none missing (claims/schema.py)
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

    number_words = {fold_key(k): int(v) for k, v in numbers["words"].items()}
    multipliers = {fold_key(k): int(v) for k, v in numbers["multipliers"].items()}
    fractions = {fold_key(k): float(v) for k, v in numbers.get("fractions", {}).items()}
    vague = {fold_key(k): int(v) for k, v in numbers.get("vague", {}).items()}
    ordinals = {fold_key(k): int(v) for k, v in numbers.get("ordinals", {}).items()}
    scale_words = {fold_key(k): float(v) for k, v in scales["words"].items()}
    scale_abbreviations = {k: float(v) for k, v in scales.get("abbreviations", {}).items()}

    currency_names = {fold_key(n): code for n, code in cur["names"]}
    currency_symbols = {s: code for s, code in common["currencies"]["symbols"]}
    aliases = common["currencies"].get("code_aliases", {})
    currency_codes = {c: aliases.get(c, c) for c in common["currencies"]["codes"]}
    scaled_codes = {c: (code, float(f)) for c, (code, f) in common["currencies"].get("scaled_codes", {}).items()}
    currency_codes.update({c: code for c, (code, _) in scaled_codes.items()})
    subunits = {fold_key(n): int(f) for n, f in cur.get("subunits", [])}
    subunit_default = {fold_key(k): v for k, v in cur.get("subunit_default", {}).items()}
    glued_subunits = frozenset(cur.get("glued_subunits", []))
    symbol_suffixes = {fold_key(s): code for s, code in cur.get("symbol_suffixes", [])}
    qualifiers = {fold_key(w): kind for kind in QUALIFIER_KINDS for w in qual.get(kind, [])}

    months = {fold_key(m): i + 1 for i, m in enumerate(dates["months"])}
    month_abbr = {fold_key(a): i + 1 for i, forms in enumerate(dates["month_abbreviations"]) for a in forms}
    weekdays = {fold_key(d): i for i, d in enumerate(dates["weekdays"])}
    weekday_abbr = {fold_key(a): i for i, forms in enumerate(dates["weekday_abbreviations"]) for a in forms}
    named_days = {fold_key(k): int(v) for k, v in dates["named_days"].items()}
    foreign_months = {fold_key(m): i + 1 for i, m in enumerate(dates.get("foreign_months", []))}
    holidays = {fold_key(k): (int(v.split("-")[0]), int(v.split("-")[1])) for k, v in dates.get("holidays", {}).items()}
    units = {fold_key(k): v for k, v in dates["units"].items()}
    parts = {fold_key(k): v for k, v in dates["parts"].items()}
    periods = {fold_key(k): v for k, v in dates["periods"].items()}
    seasons = {fold_key(k): v for k, v in dates["seasons"].items()}
    period_codes = {fold_key(k): v for k, v in dates["period_codes"].items()}

    # ---- numbers --------------------------------------------------------------------------
    # Number, money and date patterns run on the lower-case view of the text (`lower_view`), with
    # words as prefix trees (`trie`); what is case-sensitive ("M€" is a million, "m" a metre; "TRY"
    # is the lira, "try" a verb) is checked on the match by claims/money.py.
    dec = re.escape(lang["decimal_separator"])
    seps = "".join(re.escape(s) for s in lang["thousands_separators"])
    digit_number = (
        rf"(?:\d{{1,3}}(?:[{seps}]\d{{2,3}})+(?:{dec}\d+)?(?!\d)"  # 4 000 000 / 1,500,000.50 / 12,34,567
        rf"|\d+(?:{dec}\d+)?"
        rf"|\d+\.\d{{1,2}}(?!\d))"  # "2.5 milliards" written with a point in French
    )
    # A number never starts inside a group of digits ("4 000 000" is read once, from "4"): this also
    # keeps long runs of spaced digits linear to scan.
    number_start = r"(?<![\w.,])" + (r"(?<!\d )" if " " in lang["thousands_separators"] else "")
    word_atom = trie(list(number_words) + list(multipliers) + list(fractions))
    joiner = trie(numbers.get("joiners", []))
    # At most eight more words: "deux cent quatre-vingt-dix-neuf mille" is six; the bound keeps a
    # long run of number words linear to scan.
    word_number = rf"(?:{word_atom}(?:(?:\s*-\s*|\s+|\s+{joiner}\s+|-{joiner}-){word_atom}(?![\w-])){{0,8}})"
    number = rf"(?:{digit_number}|{word_number})"
    number_re = re.compile(rf"{number_start}{number}(?!\w)")

    # ---- money ----------------------------------------------------------------------------
    symbol_codes = {fold_key(s): code for s, code in currency_symbols.items()}
    # "C $ 16.4 million", "HK $ 10 billion": a dollar sign whose country prefix stands apart, unless
    # the prefix is also a word ("a $5 fee").
    not_prefixes = {fold_key(w) for w in names["function_words"]}
    for s, code in currency_symbols.items():
        prefix = fold_key(s[:-1])
        if s.endswith("$") and prefix.isalpha() and prefix not in not_prefixes:
            symbol_codes[f"{prefix} $"] = code
    symbol_forms = set(symbol_codes)
    symbol = trie(symbol_forms)
    code_ = trie(currency_codes)
    cur_name = trie(currency_names)
    scale_word = trie(scale_words)
    scale_abbr = trie(scale_abbreviations)
    sub = trie(subunits.keys() - glued_subunits)
    # "173.08c": a subunit glued to digits, not followed by a letter, a digit or an apostrophe
    glued = rf"(?<=\d)(?P<glued>{trie(glued_subunits)})(?![\w'’])" if glued_subunits else "(?P<glued>(?!))"
    suffix = trie(symbol_suffixes)
    of = r"(?:de\s+|d'\s*|of\s+)?"
    # "$1.2 billion", and as an adjective "a $1.2-billion deal", "a 50-million-euro grant"
    scale = rf"(?:\s*{scale_abbr}(?![\w])|(?:\s*|-){scale_word}(?![a-z]))"  # "£1million" too
    range_joiner = rf"(?:\s*-\s*|\s+{trie(qual.get('range_joiners', []))}\s+)"
    money = (
        # sign or code first: "$2.3bn", "$ 75 millions", "USD 40 million", "US$ 150 million", with a
        # second end when a range follows ("$2-3 billion", "between $2bn and $3bn")
        rf"(?P<lead>{symbol}|{code_}(?![a-z]))\s?(?P<n1>{number})(?P<s1>{scale})?"
        rf"(?:(?P<rj>{range_joiner})(?P<lead2>{symbol}\s?)?(?P<n1b>{number})(?:(?P<s1b>{scale})(?!\w)|(?![\w,])))?"
        # number first: "4 milliards de dollars", "1,5 M€", "94000 $", "1000 EUR", "five million yen"
        # (a number in words needs a scale word or a currency name: "a $" is not an amount)
        rf"|(?P<n2>{digit_number}|{word_number}(?=\s*{scale}|[\s-]+{of}{cur_name}))(?P<s2>{scale})?[\s-]*{of}"
        rf"(?P<trail>{cur_name}(?!\w)|{symbol}(?:\s?(?P<suffix>{suffix})(?![\w']))?|{code_}(?![a-z]))"
        # subunits: "50 cents", "12-cent", "6,65 milliards de pesewas"
        rf"|(?P<n3>{number})(?P<s3>{scale})?(?:[\s-]+{of}(?P<sub>{sub})(?!\w)|{glued})"
    )
    money_re = re.compile(rf"(?<![\w$€£¥]){number_start}(?:{money})")
    # A cheap first pass: text without a currency sign, code, name or subunit has no amount.
    marker_words = [
        w for w in [*currency_names, *currency_codes, *subunits, *symbol_forms] if re.search(r"[a-z]", fold_key(w))
    ]
    marker_signs = "".join(sorted({ch for s in symbol_forms for ch in s if not ch.isascii()}))
    money_marker_re = re.compile(rf"(?<![a-z]){trie(marker_words)}(?![a-z])|[$" + re.escape(marker_signs) + "]")
    first = re.compile(r"[a-z]+|\d|[^\sa-z\d]")
    money_starts = frozenset(
        {DIGITS}
        | {
            _matched(first, fold_key(w))
            for w in [*number_words, *multipliers, *fractions, *currency_codes, *symbol_forms]
        }
    )
    # "3 dollars 50 cents", "thirteen dollars and forty-five cents", "one dollar and one"
    # Each of these follows a word (they are matched right after an amount or a date): the look-behind
    # keeps them from starting anew at every space of a long run of spaces.
    cents_after_re = re.compile(
        rf"(?<!\s)\s+(?:{joiner}\s+)?(?P<c>{number})(?:[\s-]+(?P<sub>{sub})(?!\w)|(?=\s*(?:[.,;:!?)]|$|{joiner}(?!\w))))"
    )
    # "1,25 milliard" with no currency of its own; it takes the currency named nearby.
    bare_scaled_re = re.compile(rf"{number_start}(?P<n>{number})(?P<s>\s+{scale_word})(?!\w)")
    qualifier_before_re = re.compile(rf"(?:^|(?<=[\s(]))(?P<q>{trie(qualifiers)})\s*$")
    range_before_re = re.compile(
        rf"(?:(?P<start>{trie(qual.get('range_start', []))})\s+)?{number_start}(?P<n>{number})(?P<s>{scale})?"
        rf"(?P<j>{range_joiner})$"
    )
    approx_counts = {fold_key(k): int(v) for k, v in numbers.get("approximate", {}).items()}
    approx_amount_re = (
        re.compile(
            rf"(?<![\w'])(?P<a>{trie(approx_counts)})\s+(?:de\s+|d'\s*)(?P<s>{scale_word})(?![a-z])"
            rf"[\s-]*{of}(?P<cur>{cur_name}(?!\w)|{symbol})"
        )
        if approx_counts
        else None
    )
    subunit_after_re = re.compile(rf"(?<![\s-])[\s-]++(?P<sub>{sub})(?!\w)")
    range_after_re = re.compile(rf"(?<!\s)(?P<j>{range_joiner}){number_start}(?P<n>{number})(?P<s>{scale})?(?!\w|,\d)")

    # ---- dates ----------------------------------------------------------------------------
    rel_words = {fold_key(w): 0 for w in dates["this"]}
    rel_words.update({fold_key(w): -1 for w in dates["last"]})
    rel_words.update({fold_key(w): 1 for w in dates["next"]})
    nth_words = dict(ordinals)
    nth_words.update({fold_key(w): -1 for w in dates["last"]})
    templates = _date_templates(
        lang,
        dates,
        {
            "ordinals": ordinals,
            "number_words": number_words,
            "vague": vague,
            "months": months,
            "month_abbr": month_abbr,
            "weekdays": weekdays,
            "weekday_abbr": weekday_abbr,
            "named_days": named_days,
            "holidays": holidays,
            "foreign_months": foreign_months,
            "units": units,
            "parts": parts,
            "qualifiers": qualifiers,
            "periods": periods,
            "period_codes": period_codes,
            "seasons": seasons,
            "rel": rel_words,
            "nth": nth_words,
        },
    )

    def quote_words_re(words: list[str], *, prefix: bool = False) -> re.Pattern[str]:
        # Speech verbs and attributions are looked for around every quote: as a prefix tree a
        # wrong first letter fails at once (three times faster than the flat alternation).
        tail = r"[\w'-]*" if prefix else r"(?![\w])"
        return re.compile(rf"(?<![\w]){trie(words)}{tail}", re.IGNORECASE)

    return Lexicon(
        code=lang["code"],
        name=lang["name"],
        raw=raw,
        decimal_separator=lang["decimal_separator"],
        thousands_separators=tuple(lang["thousands_separators"]),
        date_order=lang["date_order"],
        number_words=number_words,
        multipliers=multipliers,
        joiners=frozenset(fold_key(j) for j in numbers.get("joiners", [])),
        fractions=fractions,
        vague=vague,
        ordinals=ordinals,
        scale_words=scale_words,
        scale_abbreviations=scale_abbreviations,
        currency_names=currency_names,
        currency_symbols=currency_symbols,
        currency_codes=currency_codes,
        ambiguous_currency_names=frozenset(fold_key(n) for n in cur.get("ambiguous_names", [])),
        money_nouns=frozenset(fold_key(w) for w in scales["money_nouns"]),
        local_currency_names={fold_key(n): group for n, group in cur["local_names"].items()},
        subunits=subunits,
        subunit_default=subunit_default,
        glued_subunits=glued_subunits,
        symbol_suffixes=symbol_suffixes,
        qualifiers=qualifiers,
        months=months,
        month_abbreviations=month_abbr,
        weekdays=weekdays,
        weekday_abbreviations=weekday_abbr,
        named_days=named_days,
        holidays=holidays,
        foreign_months=foreign_months,
        units=units,
        parts=parts,
        periods=periods,
        seasons=seasons,
        period_codes=period_codes,
        month_context=frozenset(fold_key(w) for w in dates["month_context"]),
        year_context=frozenset(fold_key(w) for w in dates["year_context"]),
        year_before_noun=frozenset(fold_key(w) for w in dates["year_before_noun"]),
        year_after_noun=frozenset(fold_key(w) for w in dates["year_after_noun"]),
        months_capitalised=bool(dates.get("capitalised", False)),
        own_weekday_is_today=bool(dates["own_weekday_is_today"]),
        this_weekday_nearest=bool(dates["this_weekday_nearest"]),
        present_weekday_nearest=bool(dates["present_weekday_nearest"]),
        past_anywhere_re=_past_anywhere_re(dates["past"]),
        weekday_ahead=frozenset(fold_key(w) for w in dates["weekday_ahead"]),
        following_re=re.compile(rf"(?<![\w]){trie([fold_key(w) for w in dates['following']])}(?![\w])"),
        date_templates=tuple(templates),
        date_starts={
            w: tuple(i for i, t in enumerate(templates) if t.starts and w in t.starts)
            for w in {w for t in templates for w in t.starts or ()}
        },
        date_scanned=tuple(i for i, t in enumerate(templates) if t.starts is None),
        # "en novembre", "mois d'avril" (no space after an elision)
        bare_month_prefix_re=re.compile(rf"(?<![\w']){trie(dates.get('bare_month_prefixes', []))}(?:(?<=')\s*|\s+)$"),
        relative_words=rel_words,
        nth_words=nth_words,
        day_context=frozenset(fold_key(w) for w in dates.get("day_context", [])),
        event_days=frozenset(fold_key(w) for w in dates.get("event_days", [])),
        event_link_re=re.compile(rf"(?<!\s)\s*{trie(dates.get('event_links', []))}(?![\w])"),
        person_cues=frozenset(fold_key(w) for w in names["person_cues"]),
        coordinators=frozenset(fold_key(w) for w in raw["quotes"]["coordinators"]),
        titles=frozenset(fold_key(w) for w in names["titles"]),
        function_words=frozenset(fold_key(w) for w in names["function_words"]),
        non_entity_heads=frozenset(fold_key(w) for w in names["non_entity_heads"]),
        common_acronyms=frozenset(names["common_acronyms"]),
        organization_words=frozenset(fold_key(w) for w in names["organization_words"]),
        aliases={fold_key(k): v for k, v in {**_known_organizations(lang["code"]), **names["aliases"]}.items()},
        places=frozenset(fold_key(w) for w in names["places"]),
        subject_verbs=frozenset(fold_key(w) for w in names.get("subject_verbs", [])),
        org_head_re=re.compile(
            rf"(?<![\w']){alternation(names.get('lowercase_org_heads', []))}\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')$"
        ),
        quote_pairs=tuple((a, b) for a, b in quotes["pairs"]),
        attribution=tuple(fold_key(w) for w in quotes["attribution"]),
        pronouns=frozenset(fold_key(w) for w in quotes["pronouns"]),
        forms_of_address=frozenset(fold_key(w) for w in quotes["forms_of_address"]),
        detect_words=frozenset(fold_key(w) for w in raw["detect"]["function_words"]),
        number_re=number_re,
        money_re=money_re,
        bare_scaled_re=bare_scaled_re,
        bare_amount_followers=(
            frozenset(fold_key(w) for w in raw["scales"]["bare_amount_followers"])
            if "bare_amount_followers" in raw["scales"]
            else None
        ),
        qualifier_before_re=qualifier_before_re,
        range_before_re=range_before_re,
        range_after_re=range_after_re,
        subunit_after_re=subunit_after_re,
        approx_amount_re=approx_amount_re,
        approx_counts=approx_counts,
        money_marker_re=money_marker_re,
        money_starts=money_starts,
        cents_after_re=cents_after_re,
        symbol_codes=symbol_codes,
        strict_codes=frozenset(common["currencies"].get("case_sensitive_codes", [])) | frozenset(scaled_codes),
        code_scales={c: f for c, (_, f) in scaled_codes.items()},
        range_starts=tuple(fold_key(w) for w in qual.get("range_start", [])),
        range_joiners=tuple(fold_key(w) for w in qual.get("range_joiners", [])),
        speech_verb_re=quote_words_re(quotes["speech_verb_stems"], prefix=True),
        statement_re=re.compile(
            rf"(?<![\w'])(?:{trie([fold_key(w) for w in quotes['statement_words']])})(?![\w'])", re.IGNORECASE
        ),
        organization_subject_re=re.compile(
            rf"(?<![\w'])(?:{trie([fold_key(w) for w in quotes['organization_subjects']])})(?![\w'])", re.IGNORECASE
        ),
        incise_re=re.compile(
            rf",\s+(?:{trie([fold_key(w) for w in quotes['incise_auxiliaries']])}\s+)?(?:{trie(quotes['speech_verb_stems'])})"
            rf"[\w'-]*\s",
            re.IGNORECASE,
        )
        if quotes["incise_auxiliaries"]
        else re.compile(r"(?!)"),
        term_marker_re=quote_words_re(quotes["term_markers"]),
        future_re=_future_re(dates),
        future_before_re=re.compile(rf"(?<![\w]){alternation(dates['future_markers_before'])}(?![\w])", re.IGNORECASE),
        past_before_re=_past_before_re(dates["past"]),
        not_year_after_re=re.compile(rf"(?<!\s)\s*{trie(dates['not_year_after'])}(?!\w)"),
        attribution_re=quote_words_re(quotes["attribution"]),
    )


def _future_re(dates: dict[str, Any]) -> re.Pattern[str]:
    """Words that say a sentence speaks of the future: markers ("will", "prévu") and, in a language
    that conjugates it, the endings of the future tense ("reprendra", "voteront"), less the words
    that end so without being verbs ("caméra")."""
    # "plus faible que prévu": a comparison with what was expected, not the future
    not_after = "".join(
        f"(?<!{re.escape(w)} )(?<!{re.escape(w)})" if w.endswith("'") else f"(?<!{re.escape(w)} )"
        for w in dates.get("future_not_after", [])
    )
    markers = not_after + alternation(dates["future_markers"])
    endings = dates.get("future_endings", [])
    if not endings:
        return re.compile(rf"(?<![\w]){markers}(?![\w])", re.IGNORECASE)
    not_verbs = alternation(dates.get("not_future", []))
    return re.compile(
        rf"(?<![\w]){markers}(?![\w])|(?<![\w'])(?!{not_verbs}(?![\w]))[a-z]{{2,}}{alternation(endings)}(?![\w])",
        re.IGNORECASE,
    )


# Slots whose words are common ("ce", "last", "fin"): they never make a date on their own, so a
# template is not run just because one of them occurs.
_WEAK_SLOTS = frozenset({"this", "last", "next", "rel", "part", "approx", "count"})
_DIGIT_SLOTS = frozenset(
    {
        "day",
        "day_end",
        "year_end",
        "yy_end",
        "year",
        "any_year",
        "yy",
        "count",
        "nth",
        "ordinal",
        "numeric_date",
        "short_numeric",
    }
)
_TOKEN_RE = re.compile(r"[a-z]+")
_FIRST_TOKEN_RE = re.compile(r"[a-z]+|\d")
DIGITS = "#d"  # the start token standing for any number written in digits


# Slots made of words only, without digits.
_WORD_SLOTS = ("month_name", "weekday", "named_day", "holiday", "foreign_month", "month", "month_end", "unit", "period")


def _required_slots(items: list[Any], names: list[str]) -> set[str]:
    """The slots every match of a parsed template holds (slots are marked as in `_first_tokens`)."""
    found: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL and 0xE000 <= av < 0xE000 + len(names):
            found.add(names[av - 0xE000])
        elif op is _sre.SUBPATTERN:
            found |= _required_slots(list(av[3]), names)
        elif op is _sre.BRANCH:
            found |= set.intersection(*(_required_slots(list(b), names) for b in av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            found |= _required_slots(list(av[2]), names)
    return found


def _matched(pattern: re.Pattern[str], text: str) -> str:
    """What `pattern` matches at the start of `text`, which it always does."""
    m = pattern.match(text)
    assert m is not None, (pattern.pattern, text)
    return m.group()


def _anchor_token(word: str) -> str | None:
    """The longest run of letters of a word or phrase: every match of the phrase contains it."""
    tokens = _TOKEN_RE.findall(word)
    return max(tokens, key=len) if tokens else None


class _Unknown(Exception):
    """The first token of a template cannot be told from its pattern."""


def _first_tokens(pattern: str, slot_starts: dict[str, frozenset[str] | None]) -> frozenset[str]:
    """The words (or DIGITS) a match of a template pattern can begin with, read from its parse tree.

    `pattern` holds each slot as one private-use character (U+E000 + its index in `slot_starts`).
    Raises _Unknown for what the walk does not follow (a class of letters, a repeated letter, ...); a
    slot glued to letters ("{weekday}s") is the caller's to refuse.
    """
    names = list(slot_starts)
    tree = list(_sre_parser.parse(pattern))

    def letter(code: int) -> bool:
        return 97 <= code <= 122

    def walk(items: list[Any], prefix: str) -> set[str]:
        if not items:
            if prefix:
                return {prefix}
            raise _Unknown
        (op, av), rest = items[0], items[1:]
        if op is _sre.LITERAL:
            if letter(av):
                return walk(rest, prefix + chr(av))
            if 0xE000 <= av < 0xE000 + len(names):
                starts = slot_starts[names[av - 0xE000]]
                if prefix or starts is None:
                    raise _Unknown
                return set(starts)
            if prefix:
                return {prefix}
            if 48 <= av <= 57:
                return {DIGITS}
            raise _Unknown
        if op is _sre.IN:
            chars = av
            slots_in = [v - 0xE000 for k, v in chars if k is _sre.LITERAL and 0xE000 <= v < 0xE000 + len(names)]
            if slots_in and len(slots_in) == len(chars) and not prefix:  # "(?:{last}|{next})", parsed as a class
                class_starts = [slot_starts[names[i]] for i in slots_in]
                known = [s for s in class_starts if s is not None]
                if len(known) < len(class_starts):
                    raise _Unknown
                return set().union(*known)
            has_letters = any(
                k is _sre.LITERAL
                and letter(v)
                or k is _sre.RANGE
                and v[1] >= 97
                and v[0] <= 122
                or k is _sre.CATEGORY
                and v in (_sre.CATEGORY_WORD, _sre.CATEGORY_NOT_SPACE)
                or k is _sre.NEGATE
                for k, v in chars
            )
            if has_letters:
                raise _Unknown
            if prefix:
                return {prefix}
            digits = any(
                k is _sre.CATEGORY
                and v is _sre.CATEGORY_DIGIT
                or k is _sre.LITERAL
                and 48 <= v <= 57
                or k is _sre.RANGE
                and v[0] <= 57
                and v[1] >= 48
                for k, v in chars
            )
            if digits:
                return {DIGITS}
            raise _Unknown
        if op is _sre.SUBPATTERN:
            return walk(list(av[3]) + rest, prefix)
        if op is _sre.BRANCH:
            return set().union(*(walk(list(b) + rest, prefix) for b in av[1]))
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, body = av
            if high > 1 and any(o is _sre.LITERAL and letter(a) for o, a in body):
                raise _Unknown
            out = walk(list(body) + rest, prefix)
            return out | walk(rest, prefix) if low == 0 else out
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            return walk(rest, prefix)
        raise _Unknown

    return frozenset(walk(tree, ""))


def _date_templates(
    lang: dict[str, Any], dates: dict[str, Any], w: dict[str, dict[str, Any]]
) -> tuple[DateTemplate, ...]:
    """Compile the date templates of a language, with what lets the extractor skip most of them.

    Templates run on the lower-case view of the text (`lower_view`). Each gets the words one of
    which any match contains (`triggers`: a template whose words are all absent is not run) and the
    words a match can begin with (`starts`: the template is only tried where one of them begins).
    """
    day_suffix = trie(lang.get("day_suffixes", []))
    # Cardinals from two up: "one" and "un" are articles far more often than days.
    day_numbers = {k: v for k, v in w["number_words"].items() if 2 <= v <= 31}
    day_words = {**w["ordinals"], **day_numbers}
    # The unit after a ten: "twenty one", "twenty-first" (not "a" or "un", which are articles).
    day_units = [k for k, v in {**w["number_words"], **w["ordinals"]}.items() if 1 <= v <= 9 and len(k) > 2]
    ordinal_digits = rf"[1-5](?:{day_suffix})"
    weekday_abbr_words = [a for a in w["weekday_abbr"] if a not in w["weekdays"]]
    count_words = [*w["number_words"], *w["vague"]]
    slots: dict[str, tuple[str, Any]] = {  # slot -> (regex, its words)
        "day": (rf"(?P<day>(?:3[01]|[12]\d|0?[1-9])(?:{day_suffix})?(?!\d)|{trie(w['ordinals'])})", w["ordinals"]),
        "day_word": (rf"(?P<day_word>{trie(day_words)}(?:[\s-]+{trie(day_units)})?)", day_words),
        "month": (rf"(?P<month>{trie(list(w['months']) + list(w['month_abbr']))})", [*w["months"], *w["month_abbr"]]),
        # the last day of a range: "du 13 au 15 juin", "May 30 to June 2"
        "day_end": (rf"(?P<day_end>(?:3[01]|[12]\d|0?[1-9])(?:{day_suffix})?(?!\d))", ()),
        # the last year of a range: "between 2017 and 2021", "de 2017 à 2021"
        "year_end": (r"(?P<year_end>(?:1[5-9]\d\d|20\d\d|2100)(?!\d))", ()),
        # the last year of a financial year or a season, in two digits: "2023/24", "2019-20"
        "yy_end": (r"(?P<yy_end>\d\d)(?![\d/.-]\d|\d)", ()),
        "month_end": (
            rf"(?P<month_end>{trie(list(w['months']) + list(w['month_abbr']))})",
            [*w["months"], *w["month_abbr"]],
        ),
        "month_name": (rf"(?P<month_name>{trie(w['months'])})", w["months"]),
        "year": (r"(?P<year>(?:1[5-9]\d\d|20\d\d|2100)(?!\d))", ()),
        # Beside a day and a month, any four-digit year is a year ("5 December 1391").
        "any_year": (r"(?P<year>[12]\d{3}(?!\d))", ()),
        "yy": (r"(?P<yy>'?\d\d)", None),
        "weekday": (rf"(?P<weekday>{trie(w['weekdays'])})", w["weekdays"]),
        "weekday_any": (
            rf"(?P<weekday>{trie(list(w['weekdays']) + list(w['weekday_abbr']))})\.?",
            [*w["weekdays"], *w["weekday_abbr"]],
        ),
        # Before a full date: "mardi 28 mai", "Wed, 22 Jan"; an abbreviation only with its stop or
        # comma, so that "Sam" or "Mar" in front of a date stay names.
        "weekday_lead": (
            rf"(?:(?P<weekday>{trie(w['weekdays'])}),?\s+|(?P<weekday_abbr>{trie(weekday_abbr_words)})[.,]\s*)",
            [*w["weekdays"], *weekday_abbr_words],
        ),
        "count": (rf"(?P<count>\d{{1,3}}|{trie(count_words)}(?:[\s-]+{trie(w['number_words'])})?)", count_words),
        "unit": (rf"(?P<unit>{trie(w['units'])})", w["units"]),
        "this": (rf"(?P<this>{trie(dates['this'])})", dates["this"]),
        "last": (rf"(?P<last>{trie(dates['last'])})", dates["last"]),
        "next": (rf"(?P<next>{trie(dates['next'])})", dates["next"]),
        "rel": (rf"(?P<rel>{trie(w['rel'])})", w["rel"]),
        "nth": (rf"(?P<nth>{trie(w['nth'])}|{ordinal_digits})", w["nth"]),
        "ordinal": (rf"(?P<nth>{trie(w['ordinals'])}|{ordinal_digits})", w["ordinals"]),
        "part": (rf"(?P<part>{trie(w['parts'])})", w["parts"]),
        # "quarter", "trimestre", "semestre"; "Q3", "T3", "H1", "S1"
        "period": (rf"(?P<period>{trie(w['periods'])})", w["periods"]),
        "season": (rf"(?P<season>{trie(w['seasons'])})", w["seasons"]),
        "period_code": (rf"(?P<period_code>{trie(w['period_codes'])})(?P<period_n>[1-4])", w["period_codes"]),
        "named_day": (rf"(?P<named_day>{trie(w['named_days'])})", w["named_days"]),
        "holiday": (rf"(?P<holiday>{trie(w['holidays'])})" if w["holidays"] else "(?!)", w["holidays"]),
        "foreign_month": (
            rf"(?P<foreign_month>{trie(w['foreign_months'])})" if w["foreign_months"] else "(?!)",
            w["foreign_months"],
        ),
        "approx": (rf"(?P<approx>{trie(w['qualifiers'])})", w["qualifiers"]),
        "numeric_date": (
            r"(?P<n1>\d{1,4})(?P<sep>[/.-])(?P<n2>\d{1,2})(?:(?P=sep)|,\s?)(?P<n3>\d{2,4})(?![\d/-]|\.\d)"
            r"|(?P<d1>\d{1,2})/(?P<d2>\d{1,2})(?![\d/])",
            (),
        ),
        # "4.22" or "4-22" without a year: a date only right after "on" and before the end of a clause
        # (the template says so), since it is a decimal number or a score everywhere else.
        "short_numeric": (r"(?P<d1>\d{1,2})[.-](?P<d2>\d{1,2})", ()),
    }
    slot_starts: dict[str, frozenset[str] | None] = {}
    for name, (_, words) in slots.items():
        if words is None:
            slot_starts[name] = None
            continue
        firsts = {_FIRST_TOKEN_RE.match(fold_key(word)) for word in words}
        starts = {DIGITS if f.group()[0].isdigit() else f.group() for f in firsts if f}
        if None in firsts:
            slot_starts[name] = None
            continue
        slot_starts[name] = frozenset(starts | ({DIGITS} if name in _DIGIT_SLOTS else set()))
    names = list(slot_starts)
    units = set(w["units"])
    templates = []
    for t in dates["templates"]:
        pattern = re.sub(
            r"\\.|[A-Z]", lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), fold(t["pattern"])
        )
        pattern = pattern.replace(" ?", r"\s?").replace(" ", r"\s+")
        used = re.findall(r"\{(\w+)\}", pattern)
        body = re.sub(r"\{(\w+)\}", lambda m: f"(?:{slots[m.group(1)][0]})", pattern)
        triggers = {_anchor_token(fold_key(word)) for s in used if s not in _WEAK_SLOTS for word in slots[s][1] or ()}
        literals = _TOKEN_RE.findall(re.sub(r"\{\w+\}|\\.|\(\?(?:P<\w+>|<?[=!]|:)", " ", pattern))
        triggers |= {word for word in literals if word in units}
        triggers.discard(None)
        digits = any(s in _DIGIT_SLOTS for s in used) or r"\d" in pattern
        regex = re.compile(rf"(?<![\w/.-]){body}(?![\w/])")
        # A slot glued to letters ("{weekday}s") is not a word of its own in the text: no trigger.
        glued = re.search(r"\}[a-z]|[a-z]\{", pattern) is not None
        marked = re.sub(r"\{(\w+)\}", lambda m: chr(0xE000 + names.index(m.group(1))), pattern)
        # A slot every match holds, made of words only ("{month} {day}" always has its month): its
        # words alone trigger the template, digits or not.
        required = [s for s in _required_slots(list(_sre_parser.parse(marked)), names) if s in _WORD_SLOTS]
        if required:
            triggers = {_anchor_token(fold_key(word)) for word in slots[required[0]][1]} - {None}
            digits = False
        known = frozenset(word for word in triggers if word is not None) if (triggers or digits) and not glued else None
        first_words: frozenset[str] | None
        try:
            if glued:
                raise _Unknown
            first_words = _first_tokens(marked, slot_starts)
        except _Unknown:
            first_words = None
        templates.append(DateTemplate(t["rule"], t["pattern"], regex, known, digits, first_words))
    return tuple(templates)
