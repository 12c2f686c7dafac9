"""Integrity of the language data files: each follows the schema (claims/schema.py), words are unique."""

from __future__ import annotations

import copy
import re
import tomllib

import pytest

from claims import extract, lexicon
from claims.dates import RULES
from claims.lexicon import DATA_DIR, available_languages, load
from claims.names import name_data
from claims.schema import LanguageDataError, check_language_data, problems
from claims.text import fold_key

LANGUAGES = available_languages()


def raw(code: str) -> dict:
    with open(DATA_DIR / f"{code}.toml", "rb") as fh:
        return tomllib.load(fh)


def test_french_and_english_are_there():
    assert {"fr", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_file_follows_the_schema(code):
    """Every section and key claims/schema.py declares, and nothing else."""
    assert problems(raw(code)) == []
    check_language_data(code, raw(code))


def test_a_file_off_the_schema_is_refused_with_every_fault_named():
    data = copy.deepcopy(raw("fr"))
    del data["dates"]["months"]
    data["names"]["places_"] = ["Lyon"]  # a typo
    data["dates"]["past"]["then"] = "puis"  # a word where a list is wanted
    data["dates"]["templates"][0]["rul"] = data["dates"]["templates"][0].pop("rule")
    del data["quotes"]
    with pytest.raises(LanguageDataError) as refused:
        check_language_data("fr", data)
    message = str(refused.value)
    assert message.startswith("claims/data/fr.toml: ")
    for fault in (
        "[dates] lacks months",
        "[names] has a key no section declares: 'places_'",
        "[dates.past] then must be a list, not str",
        "[dates.templates 1] lacks rule",
        "lacks the section [quotes]",
    ):
        assert fault in message, fault


def test_an_optional_key_may_be_left_out_and_a_wrong_code_is_refused():
    data = copy.deepcopy(raw("en"))
    del data["dates"]["capitalised"], data["names"]["postnominals"]
    assert problems(data) == []
    with pytest.raises(LanguageDataError, match="code is 'en', but the file is xx.toml"):
        check_language_data("xx", data)


def test_a_language_is_checked_when_it_loads(tmp_path, monkeypatch):
    for path in DATA_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    text = (tmp_path / "fr.toml").read_text(encoding="utf-8").replace("\n[quotes]\n", "\n[quotes]\nnegation = []\n", 1)
    (tmp_path / "fr.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    with pytest.raises(LanguageDataError, match="'negation'"):
        lexicon._load_uncached("fr")


@pytest.mark.parametrize("code", LANGUAGES)
def test_calendar_words(code):
    dates = raw(code)["dates"]
    assert len(dates["months"]) == 12 and len(dates["month_abbreviations"]) == 12
    assert len(dates["weekdays"]) == 7 and len(dates["weekday_abbreviations"]) == 7
    assert len({fold_key(m) for m in dates["months"]}) == 12
    assert set(dates["units"].values()) <= {"day", "week", "month", "quarter", "half", "year"}
    assert set(dates["parts"].values()) <= {"early", "mid", "late"}
    assert set(dates["periods"].values()) <= {"quarter", "half"}
    assert set(dates["period_codes"].values()) <= {"quarter", "half"}
    assert all(len(code) == 1 and code.isalpha() for code in dates["period_codes"])


@pytest.mark.parametrize("code", LANGUAGES)
def test_templates_compile_and_name_known_rules(code):
    lex = load(code)
    assert lex.dates.date_templates
    for t in lex.dates.date_templates:
        assert t.rule in RULES, f"{code}: unknown rule {t.rule}"
        assert not t.regex.match(""), f"{code}: template {t.pattern!r} matches empty text"


@pytest.mark.parametrize("code", LANGUAGES)
def test_currency_names_map_to_iso_codes(code):
    for name, iso in raw(code)["currencies"]["names"]:
        assert re.fullmatch(r"[A-Z]{3}", iso), f"{code}: {name} -> {iso}"
    names = [fold_key(n) for n, _ in raw(code)["currencies"]["names"]]
    assert len(names) == len(set(names)), f"{code}: a currency name is listed twice"


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_word_is_both_a_place_and_an_alias(code):
    lex = load(code)
    assert not (set(lex.names.aliases) & lex.names.places)


@pytest.mark.parametrize("code", LANGUAGES)
def test_articles_list_joiners_and_complement_markers_are_lower_case_single_words(code):
    quotes = raw(code)["quotes"]
    for key in ("definite_articles", "indefinite_articles", "list_joiners", "complement_markers"):
        words = quotes[key]
        assert words and all(w == fold_key(w) and " " not in w for w in words), (code, key)


def test_the_quote_rules_read_the_articles_joiners_and_complement_markers_of_every_language():
    every = {
        fold_key(w)
        for code in LANGUAGES
        for key in ("definite_articles", "indefinite_articles")
        for w in raw(code)["quotes"][key]
    }
    assert {"the", "a", "le", "l'", "une"} <= every
    assert all(load(code).quotes.articles == every for code in LANGUAGES)
    markers = {fold_key(w) for code in LANGUAGES for w in raw(code)["quotes"]["complement_markers"]}
    joiners = {fold_key(w) for code in LANGUAGES for w in raw(code)["quotes"]["list_joiners"]}
    assert all(
        load(code).quotes.complement_markers == markers and load(code).quotes.list_joiners == joiners
        for code in LANGUAGES
    )
    for code in LANGUAGES:  # "la CSC et le SLFP", "Infrabel and the SNCB", whatever the language
        lex = load(code)
        assert lex.quotes.listed_re.fullmatch(" et le ") and lex.quotes.listed_re.fullmatch(" and the ")
        assert lex.quotes.list_gap_re.fullmatch(", l'") and lex.quotes.list_joiner_re.search(" & ")


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


def test_sentence_abbreviations_are_lower_case_unique_words_that_keep_a_sentence_whole():
    with open(DATA_DIR / "common.toml", "rb") as fh:
        sentences = tomllib.load(fh)["sentences"]
    words = sentences["abbreviations"] + sentences["rank_abbreviations"]
    assert len(words) == len(set(words)) > 40
    assert all(w == w.lower() and not w.endswith(".") and " " not in w for w in words)  # as the text has them
    from claims.text import split_sentences

    assert len(split_sentences("Cllr. Jones a parlé. Mme. Durand aussi.")) == 2


def test_every_language_has_unit_cases_of_every_dimension_in_the_shape_its_tests_read():
    from unit_cases import languages, load_cases

    shapes = {"dates": {"text", "dates"}, "money": {"text", "span", "amount", "currency"}}
    shapes |= {"names": {"text", "names", "absent"}, "quotes": {"text", "quotes"}}
    for dimension, keys in shapes.items():
        assert languages(dimension) == sorted(LANGUAGES)
        for code in LANGUAGES:
            cases = load_cases(dimension, code)["case"]
            assert len(cases) >= 10 and all(set(c) == keys for c in cases), (dimension, code)
            assert len({c["text"] for c in cases}) == len(cases), f"a {dimension} case of {code} is written twice"


def test_surname_prefixes_are_capitalised_letters_that_keep_a_surname_no_brand():
    from claims.lexicon import surname_prefixes
    from claims.names.runs import _brand

    prefixes = surname_prefixes()
    assert len(prefixes) == len(set(prefixes)) >= 5
    assert all(p.isalpha() and p[0].isupper() and p[1:].islower() for p in prefixes)
    assert not _brand("McDonald") and not _brand("DeSantis") and _brand("OpenAI") and _brand("eBay")
