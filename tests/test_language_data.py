"""Integrity of the language data files: every language has every section, words are unique."""

from __future__ import annotations

import re
import tomllib

import pytest

from claims import extract
from claims.dates import RULES
from claims.lexicon import DATA_DIR, available_languages, key, load
from claims.names import name_data

LANGUAGES = available_languages()
REQUIRED = {
    "language": ["code", "name", "decimal_separator", "thousands_separators", "date_order", "day_suffixes"],
    "detect": ["function_words"],
    "numbers": ["words", "multipliers", "joiners", "fractions", "vague", "ordinals"],
    "scales": ["words", "abbreviations"],
    "currencies": ["names", "ambiguous_names", "subunits", "subunit_default", "symbol_suffixes"],
    "qualifiers": ["approx", "more", "less", "nearly", "just_over", "range_start", "range_joiners"],
    "dates": ["months", "month_abbreviations", "weekdays", "weekday_abbreviations", "named_days", "units", "this",
              "last", "next", "parts", "periods", "period_codes", "month_context", "bare_month_prefixes", "year_context", "year_before_noun", "year_after_noun", "future_markers_before", "future_markers",
              "not_year_after", "templates"],
    "names": ["person_cues", "titles", "function_words", "non_entity_heads", "common_acronyms", "organization_words",
              "lowercase_org_heads", "aliases", "places", "elisions", "possessives", "connectors", "subject_verbs", "subject_verb_endings",
              "not_names"],
    "quotes": ["pairs", "speech_verb_stems", "attribution", "pronouns", "term_markers", "negations", "coordinators",
               "forms_of_address"],
}


def raw(code: str) -> dict:
    with open(DATA_DIR / f"{code}.toml", "rb") as fh:
        return tomllib.load(fh)


def test_french_and_english_are_there():
    assert {"fr", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_section_is_present(code):
    data = raw(code)
    assert data["language"]["code"] == code
    for section, keys in REQUIRED.items():
        for k in keys:
            assert k in data[section], f"{code}.toml lacks [{section}] {k}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_calendar_words(code):
    dates = raw(code)["dates"]
    assert len(dates["months"]) == 12 and len(dates["month_abbreviations"]) == 12
    assert len(dates["weekdays"]) == 7 and len(dates["weekday_abbreviations"]) == 7
    assert len({key(m) for m in dates["months"]}) == 12
    assert set(dates["units"].values()) <= {"day", "week", "month", "quarter", "half", "year"}
    assert set(dates["parts"].values()) <= {"early", "mid", "late"}
    assert set(dates["periods"].values()) <= {"quarter", "half"}
    assert set(dates["period_codes"].values()) <= {"quarter", "half"}
    assert all(len(code) == 1 and code.isalpha() for code in dates["period_codes"])


@pytest.mark.parametrize("code", LANGUAGES)
def test_templates_compile_and_name_known_rules(code):
    lex = load(code)
    assert lex.date_templates
    for t in lex.date_templates:
        assert t.rule in RULES, f"{code}: unknown rule {t.rule}"
        assert not t.regex.match(""), f"{code}: template {t.pattern!r} matches empty text"


@pytest.mark.parametrize("code", LANGUAGES)
def test_currency_names_map_to_iso_codes(code):
    for name, iso in raw(code)["currencies"]["names"]:
        assert re.fullmatch(r"[A-Z]{3}", iso), f"{code}: {name} -> {iso}"
    names = [key(n) for n, _ in raw(code)["currencies"]["names"]]
    assert len(names) == len(set(names)), f"{code}: a currency name is listed twice"


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_word_is_both_a_place_and_an_alias(code):
    lex = load(code)
    assert not (set(lex.aliases) & lex.places)


@pytest.mark.parametrize("code", LANGUAGES)
def test_number_words_are_integers(code):
    words = raw(code)["numbers"]["words"]
    assert all(isinstance(v, int) and 0 <= v < 100 for v in words.values())


@pytest.mark.parametrize("code", LANGUAGES)
def test_months_are_found_in_a_full_date(code):
    lex = raw(code)
    sample = {"fr": "le {d} {m} 2023.", "en": "on {m} {d}, 2023."}[code]
    for number, month in enumerate(lex["dates"]["months"], start=1):
        text = sample.format(d=12, m=month)
        dates = [c for c in extract(text, language=code).claims if c.type == "date"]
        assert [c.value.iso for c in dates] == [f"2023-{number:02d}-12"], text


@pytest.mark.parametrize("code", LANGUAGES)
def test_regions_and_common_words_hold_no_name_the_data_knows(code):
    data = name_data(load(code))
    assert not (data.places & set(data.aliases))  # regions.txt joins the places
    assert data.common_words, "claims/data/common_words_<code>.txt is missing: run tools/make_common_words.py"
    known = set(data.given) | data.towns | data.places | set(data.aliases) | set(data.known_surnames)
    assert not (data.common_words & known), sorted(data.common_words & known)[:10]
    assert {"connemara", "co kildare", "co. kildare", "hauts de france"} <= data.places
