"""Numbers and money: the words and patterns of amounts, built from a language's data file for
claims/lexicon.py: its `numbers` section (`Numbers`, built by `_numbers`) and its `money` section
(`Money`, built by `_money` from `_currencies`, `_amounts` and `_amount_surroundings`).

Currency names come from the language file and from claims/data/currency_names.toml (every active
currency's CLDR names, tools/make_currency_names.py); signs and ISO codes from common.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .date_templates import DIGITS, _matched
from .patterns import trie
from .text import fold_key

DATA_DIR = Path(__file__).with_name("data")
QUALIFIER_KINDS = ("approx", "more", "less", "nearly", "just_over")


@dataclass(frozen=True)
class Numbers:
    """A language's numbers: the words of a number and of a scale, folded, and the number pattern
    (claims/numbers.py reads a number with them; the money and date patterns are built on them)."""

    number_words: dict[str, int]  # "deux" -> 2, "twenty" -> 20 ([numbers] words)
    multipliers: dict[str, int]  # "cent", "hundred" -> 100: multiply the number before them
    joiners: frozenset[str]  # "et", "and": between the words of one number ("vingt et un")
    fractions: dict[str, float]  # "demi", "half" -> 0.5
    vague: dict[str, int]  # "quelques", "a few" -> 3: a count that says no figure
    ordinals: dict[str, int]  # "premier", "first" -> 1
    scale_words: dict[str, float]  # "millions", "billion" -> 1e6, 1e9 (folded)
    scale_abbreviations: dict[str, float]  # "Md", "bn", "M" -> 1e9, 1e9, 1e6: as written (case matters)
    number_re: re.Pattern[str]  # a number in digits ("4 000 000", "1,5") or in words, on the lower-case view


@dataclass(frozen=True)
class Money:
    """A language's money: currencies by name, sign and code, the words around an amount (qualifiers,
    ranges, subunits), and the amount patterns, all run on the lower-case view (claims/money/ reads
    them). The first part is built by `_currencies`, the patterns by `_amounts` and
    `_amount_surroundings`."""

    # currencies (`_currencies`)
    currency_names: dict[str, str]  # "dollars us", "ethiopian birr" -> ISO code: CLDR's, then the language file's
    currency_symbols: dict[str, str]  # "$", "€", "US$" -> ISO code, as written (common.toml)
    currency_codes: dict[str, str]  # "EUR", "USD", an alias ("RMB") or a scaled code ("MD") -> ISO code
    ambiguous_currency_names: frozenset[str]  # "pound", "won", "rand": also a common word
    weight_currency_names: frozenset[str]  # "livres", "pounds": also a weight ("... de livres de sirop")
    weight_of_re: re.Pattern[str]  # "de sirop" after "millions de livres": a weight, not money
    money_nouns: frozenset[str]  # "5 millions d'amende": a noun after a scaled number that keeps it money
    local_currency_names: dict[str, str]  # "dollars", "francs" with no country -> "dollar", "franc": claims/country.py
    subunits: dict[str, int]  # "cents", "pence" -> 100 of the unit
    subunit_default: dict[str, str]  # "cents" -> "USD": the currency of a subunit named alone
    glued_subunits: frozenset[str]  # "173.08c": written right after the digits, in lower case
    symbol_suffixes: dict[str, str]  # "$ CAD", "$ US" -> ISO code: a dollar sign's country after it
    qualifiers: dict[str, str]  # "environ", "more than" -> approx, more, less, nearly, just_over (QUALIFIER_KINDS)
    # words that may follow "2.5 billion" with no currency of its own as money (None: any)
    bare_amount_followers: frozenset[str] | None
    symbol_codes: dict[str, str]  # every written form of a sign, "c $" included -> ISO code
    strict_codes: frozenset[str]  # codes read only in capitals ("TRY", "MAD")
    code_scales: dict[str, float]  # codes that hold their scale ("MD": millions de dinars), after a number only
    range_starts: tuple[str, ...]  # "between", "from", paired by position with
    range_joiners: tuple[str, ...]  # "and", "to"
    # amounts (`_amounts`)
    money_re: re.Pattern[str]  # an amount: a sign or code then a number, a number then a currency, subunits
    money_marker_re: re.Pattern[str]  # a cheap first pass: no currency word or sign, no amount
    money_starts: frozenset[str]  # first tokens of an amount (DIGITS for a number): see claims/money/
    cents_after_re: re.Pattern[str]  # "3 dollars 50 cents": the cents right after an amount
    bare_scaled_re: re.Pattern[str]  # "1,25 milliard": a scaled number that takes a currency named nearby
    # what stands around an amount (`_amount_surroundings`)
    qualifier_before_re: re.Pattern[str]  # "environ ", "more than ": a qualifier ending the text before
    qualifier_ends: tuple[str, ...]  # the last word of each of its qualifiers: what the text before ends with
    range_before_re: re.Pattern[str]  # "entre 1,5 et ": a range's first end before an amount
    range_before_ends: tuple[str, ...]  # "-" and the last word of each joiner, as for qualifier_ends
    range_after_re: re.Pattern[str]  # "… et 3,6 milliards" after "entre 1,5 milliard de dollars"
    subunit_after_re: re.Pattern[str]  # "cents" of "8.4 euro cents"
    # "une cinquantaine de millions d'euros": a round count of a scale, with its currency
    approx_amount_re: re.Pattern[str] | None
    approx_counts: dict[str, int]  # "cinquantaine" -> 50


class _NumberPatterns(NamedTuple):
    """The pieces of the number pattern that the money patterns are built from."""

    digit_number: str
    number_start: str
    word_number: str
    number: str
    joiner: str


def _numbers(raw: dict[str, Any]) -> tuple[Numbers, _NumberPatterns]:
    """Number words and scales, and the number pattern (the `numbers` section, then its pieces)."""
    lang, numbers, scales = raw["language"], raw["numbers"], raw["scales"]
    number_words = {fold_key(k): int(v) for k, v in numbers["words"].items()}
    multipliers = {fold_key(k): int(v) for k, v in numbers["multipliers"].items()}
    fractions = {fold_key(k): float(v) for k, v in numbers["fractions"].items()}
    vague = {fold_key(k): int(v) for k, v in numbers["vague"].items()}
    ordinals = {fold_key(k): int(v) for k, v in numbers["ordinals"].items()}
    scale_words = {fold_key(k): float(v) for k, v in scales["words"].items()}
    scale_abbreviations = {k: float(v) for k, v in scales["abbreviations"].items()}

    # Number, money and date patterns run on the lower-case view of the text (`lower_view`), with
    # words as prefix trees (`trie`); what is case-sensitive ("M€" is a million, "m" a metre; "TRY"
    # is the lira, "try" a verb) is checked on the match by claims/money/.
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
    joiner = trie(numbers["joiners"])
    # At most eight more words: "deux cent quatre-vingt-dix-neuf mille" is six; the bound keeps a
    # long run of number words linear to scan.
    # (a word goes on with a hyphen only into another number word: "cent trente-cinq", not "a three-million")
    word_number = (
        rf"(?:{word_atom}(?:(?:\s*-\s*|\s+|\s+{joiner}\s+|-{joiner}-){word_atom}(?!\w)(?!-(?!{word_atom}))){{0,8}})"
    )
    number = rf"(?:{digit_number}|{word_number})"
    number_re = re.compile(rf"{number_start}{number}(?!\w)")
    section = Numbers(
        number_words=number_words,
        multipliers=multipliers,
        joiners=frozenset(fold_key(j) for j in numbers["joiners"]),
        fractions=fractions,
        vague=vague,
        ordinals=ordinals,
        scale_words=scale_words,
        scale_abbreviations=scale_abbreviations,
        number_re=number_re,
    )
    return section, _NumberPatterns(digit_number, number_start, word_number, number, joiner)


@lru_cache(maxsize=None)
def _generated_currency_names() -> dict[str, Any]:
    """claims/data/currency_names.toml (tools/make_currency_names.py): every active currency's written
    names of two words or more, by language, from the Unicode CLDR."""
    with open(DATA_DIR / "currency_names.toml", "rb") as fh:
        return tomllib.load(fh)


def _currency_names(raw: dict[str, Any]) -> dict[str, str]:
    """The language's currency names: CLDR's, then the language file's, which win ("dollars" is
    decided by the article's country, "dollars US" is written as the press writes it)."""
    generated = _generated_currency_names().get(raw["language"]["code"], {}).get("names", [])
    return {fold_key(n): code for n, code in [*generated, *raw["currencies"]["names"]]}


def _money(raw: dict[str, Any], common: dict[str, Any], numbers: Numbers, n: _NumberPatterns) -> Money:
    """The `money` section: currencies, then the amount patterns built on them and on the numbers."""
    currencies = _currencies(raw, common)
    pieces = _money_pieces(raw, numbers, currencies)
    return Money(
        **currencies,
        **_amounts(numbers, currencies, n, pieces),
        **_amount_surroundings(raw, currencies, n, pieces),
    )


def _currencies(raw: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    """Currencies by name, sign and code, their subunits, and the words around an amount (fields of
    `Money`)."""
    scales, cur, qual = raw["scales"], raw["currencies"], raw["qualifiers"]
    currency_symbols = {s: code for s, code in common["currencies"]["symbols"]}
    aliases = common["currencies"].get("code_aliases", {})
    capital_codes = common["currencies"].get("capital_codes", [])
    currency_codes = {c: aliases.get(c, c) for c in [*common["currencies"]["codes"], *capital_codes]}
    scaled_codes = {c: (code, float(f)) for c, (code, f) in common["currencies"].get("scaled_codes", {}).items()}
    currency_codes.update({c: code for c, (code, _) in scaled_codes.items()})
    symbol_codes = {fold_key(s): code for s, code in currency_symbols.items()}
    # "C $ 16.4 million", "HK $ 10 billion": a dollar sign whose country prefix stands apart, unless
    # the prefix is also a word ("a $5 fee").
    not_prefixes = {fold_key(w) for w in raw["names"]["function_words"]}
    for s, code in currency_symbols.items():
        prefix = fold_key(s[:-1])
        if s.endswith("$") and prefix.isalpha() and prefix not in not_prefixes:
            symbol_codes[f"{prefix} $"] = code
    return dict(
        currency_names=_currency_names(raw),
        currency_symbols=currency_symbols,
        currency_codes=currency_codes,
        ambiguous_currency_names=frozenset(fold_key(n) for n in cur["ambiguous_names"]),
        weight_currency_names=frozenset(fold_key(n) for n in cur["weight_names"]),
        money_nouns=frozenset(fold_key(w) for w in scales["money_nouns"]),
        weight_of_re=re.compile(rf"(?<![ \u00a0])[ \u00a0]++{trie(cur['weight_of'])}[ \u00a0]*+([^\W\d_][\w'’-]*)"),
        local_currency_names={fold_key(n): group for n, group in cur["local_names"].items()},
        subunits={fold_key(n): int(f) for n, f in cur["subunits"]},
        subunit_default={fold_key(k): v for k, v in cur["subunit_default"].items()},
        glued_subunits=frozenset(cur.get("glued_subunits", [])),
        symbol_suffixes={fold_key(s): code for s, code in cur["symbol_suffixes"]},
        qualifiers={fold_key(w): kind for kind in QUALIFIER_KINDS for w in qual.get(kind, [])},
        bare_amount_followers=(
            frozenset(fold_key(w) for w in scales["bare_amount_followers"])
            if "bare_amount_followers" in scales
            else None
        ),
        symbol_codes=symbol_codes,
        strict_codes=frozenset([*common["currencies"].get("case_sensitive_codes", []), *capital_codes, *scaled_codes]),
        code_scales={c: f for c, (_, f) in scaled_codes.items()},
        range_starts=tuple(fold_key(w) for w in qual["range_start"]),
        range_joiners=tuple(fold_key(w) for w in qual["range_joiners"]),
    )


class _MoneyPieces(NamedTuple):
    """The parts of the money patterns, each an alternation of the language's words."""

    symbol: str
    code: str
    currency_name: str
    scale_word: str
    scale: str  # "$1.2 billion", and as an adjective "a $1.2-billion deal", "£1million" too
    subunit: str
    glued: str
    suffix: str
    of: str
    range_joiner: str


def _links(words: list[str]) -> str:
    """ "de ", "d'", "de nos ", "of ": what may stand between an amount and its currency's name, as an
    optional group (an elided one glued to the name, the others a space before it)."""
    alternatives = sorted(words, key=len, reverse=True)
    parts = [r"\s+".join(map(re.escape, w.split())) + (r"\s*" if w.endswith("'") else r"\s+") for w in alternatives]
    return rf"(?:{'|'.join(parts)})?"


def _money_pieces(raw: dict[str, Any], numbers: Numbers, cur: dict[str, Any]) -> _MoneyPieces:
    scale_word = trie(numbers.scale_words)
    glued = cur["glued_subunits"]
    return _MoneyPieces(
        symbol=trie(set(cur["symbol_codes"])),
        code=trie(cur["currency_codes"]),
        currency_name=trie(cur["currency_names"]),
        scale_word=scale_word,
        scale=rf"(?:\s*{trie(numbers.scale_abbreviations)}(?![\w])|(?:\s*|-){scale_word}(?![a-z]))",
        subunit=trie(cur["subunits"].keys() - glued),
        # "173.08c": a subunit glued to digits, not followed by a letter, a digit or an apostrophe
        glued=rf"(?<=\d)(?P<glued>{trie(glued)})(?![\w'’])" if glued else "(?P<glued>(?!))",
        suffix=trie(cur["symbol_suffixes"]),
        of=_links(raw["currencies"]["name_links"]),
        range_joiner=rf"(?:\s*-\s*|\s+{trie(raw['qualifiers']['range_joiners'])}\s+)",
    )


def _amounts(numbers: Numbers, cur: dict[str, Any], n: _NumberPatterns, m: _MoneyPieces) -> dict[str, Any]:
    """The amount pattern, its cheap first pass and first words, cents after an amount, a scaled number
    with no currency (fields of `Money`)."""
    money = (
        # sign or code first: "$2.3bn", "$ 75 millions", "USD 40 million", "US$ 150 million", with a
        # second end when a range follows ("$2-3 billion", "between $2bn and $3bn")
        rf"(?P<lead>{m.symbol}|{m.code}(?![a-z]))\s?(?P<n1>{n.number})(?P<s1>{m.scale})?"
        rf"(?:(?P<rj>{m.range_joiner})(?P<lead2>{m.symbol}\s?)?(?P<n1b>{n.number})(?:(?P<s1b>{m.scale})(?!\w)|(?![\w,])))?"
        # number first: "4 milliards de dollars", "1,5 M€", "94000 $", "1000 EUR", "five million yen"
        # (a number in words needs a scale word or a currency name: "a $" is not an amount)
        # (never across a line: a year closing a headline, then "EC$" opening the next)
        rf"|(?P<n2>{n.digit_number}|{n.word_number}(?=\s*{m.scale}|[\s-]+{m.of}{m.currency_name}))(?P<s2>{m.scale})?[ \t\u00a0\u202f-]*{m.of}"
        rf"(?P<trail>{m.currency_name}(?!\w)|{m.symbol}(?:\s?(?P<suffix>{m.suffix})(?![\w']))?|{m.code}(?![a-z]))"
        # subunits: "50 cents", "12-cent", "6,65 milliards de pesewas"
        rf"|(?P<n3>{n.number})(?P<s3>{m.scale})?(?:[\s-]+{m.of}(?P<sub>{m.subunit})(?!\w)|{m.glued})"
    )
    symbol_forms = set(cur["symbol_codes"])
    # A cheap first pass: text without a currency sign, code, name or subunit has no amount.
    marker_words = [
        w
        for w in [*cur["currency_names"], *cur["currency_codes"], *cur["subunits"], *symbol_forms]
        if re.search(r"[a-z]", fold_key(w))
    ]
    marker_signs = "".join(sorted({ch for s in symbol_forms for ch in s if not ch.isascii()}))
    first = re.compile(r"[a-z]+|\d|[^\sa-z\d]")
    starters = [*numbers.number_words, *numbers.multipliers, *numbers.fractions, *cur["currency_codes"]]
    return dict(
        money_re=re.compile(rf"(?<![\w$€£¥]){n.number_start}(?:{money})"),
        money_marker_re=re.compile(rf"(?<![a-z]){trie(marker_words)}(?![a-z])|[$" + re.escape(marker_signs) + "]"),
        money_starts=frozenset({DIGITS} | {_matched(first, fold_key(w)) for w in [*starters, *symbol_forms]}),
        # "3 dollars 50 cents", "thirteen dollars and forty-five cents", "one dollar and one"
        # Each of these follows a word (they are matched right after an amount or a date): the
        # look-behind keeps them from starting anew at every space of a long run of spaces.
        cents_after_re=re.compile(
            # (never across a line: "$3,678,100" then a list's "2.")
            rf"(?<!\s)[^\S\n]+(?:{n.joiner}[^\S\n]+)?(?P<c>{n.number})(?:[^\S\n-]*[ -]+(?P<sub>{m.subunit})(?!\w)|(?=[^\S\n]*(?:[.,;:!?)]|$|{n.joiner}(?!\w))))"
        ),
        # "1,25 milliard" with no currency of its own; it takes the currency named nearby.
        # ("1,1 milliard", and glued: "505millions")
        bare_scaled_re=re.compile(rf"{n.number_start}(?P<n>{n.number})(?P<s>\s*+{m.scale_word})(?!\w)"),
    )


def _last_words(words: Any) -> tuple[str, ...]:
    """The last word of each of `words` as `trie` writes it (folded, its spaces one space)."""
    return tuple(sorted({fold_key(w).split(" ")[-1] for w in words if w}))


def _amount_surroundings(
    raw: dict[str, Any], cur: dict[str, Any], n: _NumberPatterns, m: _MoneyPieces
) -> dict[str, Any]:
    """What stands around an amount: a qualifier before it, a range's other end, its subunit, a round
    count of a scale ("une cinquantaine de millions") (fields of `Money`)."""
    approx_counts = {fold_key(k): int(v) for k, v in raw["numbers"].get("approximate", {}).items()}
    return dict(
        qualifier_before_re=re.compile(rf"(?:^|(?<=[\s(]))(?P<q>{trie(cur['qualifiers'])})\s*$"),
        # Both patterns end the text they search: it ends (less its spaces) with one of these, or they
        # find nothing there; testing that first spares a search from every position.
        qualifier_ends=_last_words(cur["qualifiers"]),
        range_before_ends=("-", *_last_words(raw["qualifiers"]["range_joiners"])),
        range_before_re=re.compile(
            rf"(?:(?P<start>{trie(raw['qualifiers']['range_start'])})\s+)?{n.number_start}(?P<n>{n.number})"
            rf"(?P<s>{m.scale})?(?P<j>{m.range_joiner})$"
        ),
        range_after_re=re.compile(
            rf"(?<!\s)(?P<j>{m.range_joiner}){n.number_start}(?P<n>{n.number})(?P<s>{m.scale})?(?!\w|,\d)"
        ),
        subunit_after_re=re.compile(rf"(?<![\s-])[\s-]++(?P<sub>{m.subunit})(?!\w)"),
        approx_amount_re=(
            re.compile(
                rf"(?<![\w'])(?P<a>{trie(approx_counts)})\s+(?:de\s+|d'\s*)(?P<s>{m.scale_word})(?![a-z])"
                rf"[\s-]*{m.of}(?P<cur>{m.currency_name}(?!\w)|{m.symbol})"
            )
            if approx_counts
            else None
        ),
        approx_counts=approx_counts,
    )
