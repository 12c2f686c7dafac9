"""Scoring the extractor against a peer project's specifications (Recognizers-Text, read in place
from ../shared/corpora/recognizers-text): its currency models and date parser specs, in French and
English, and the rules that leave out the cases an editor would not count (`SKIP_RULES`, each with
its reason). checker/evaluation/extraction.py runs them beside the other corpora.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from claims import Money, extract

from .extraction import Score, _jsonable, _match

RT_UNITS: dict[str, tuple[str | None, Decimal]] = {
    "dollar": ("$", Decimal(1)),
    "dollar états-unis": ("USD", Decimal(1)),
    "united states dollar": ("USD", Decimal(1)),
    "euro": ("EUR", Decimal(1)),
    "livre": ("GBP", Decimal(1)),
    "pound": ("GBP", Decimal(1)),
    "british pound": ("GBP", Decimal(1)),
    "yen japonais": ("JPY", Decimal(1)),
    "japanese yen": ("JPY", Decimal(1)),
    "franc": ("FRF", Decimal(1)),
    "franc suisse": ("CHF", Decimal(1)),
    "swiss franc": ("CHF", Decimal(1)),
    "dollar canadien": ("CAD", Decimal(1)),
    "canadian dollar": ("CAD", Decimal(1)),
    "dollar australien": ("AUD", Decimal(1)),
    "australian dollar": ("AUD", Decimal(1)),
    "dollar de hong kong": ("HKD", Decimal(1)),
    "mark finlandais": ("FIM", Decimal(1)),
    "florins néerlandais": ("NLG", Decimal(1)),
    "netherlands guilder": ("NLG", Decimal(1)),
    "yuan chinois": ("CNY", Decimal(1)),
    "chinese yuan": ("CNY", Decimal(1)),
    "roupie indienne": ("INR", Decimal(1)),
    "roupie": ("INR", Decimal(1)),
    "rupee": ("INR", Decimal(1)),
    "peseta": ("ESP", Decimal(1)),
    "pesewa": ("GHS", Decimal("0.01")),
    "cent": (None, Decimal("0.01")),
    "centimes": (None, Decimal("0.01")),
    "pence": ("GBP", Decimal("0.01")),
    "penny": ("GBP", Decimal("0.01")),
    "bitcoin": ("XBT", Decimal(1)),
    "mexican peso": ("MXN", Decimal(1)),
    "costa rican colón": ("CRC", Decimal(1)),
    "georgian lari": ("GEL", Decimal(1)),
    "lao kip": ("LAK", Decimal(1)),
    "sri lankan rupee": ("LKR", Decimal(1)),
    "turkish lira": ("TRY", Decimal(1)),
    "sen": (None, Decimal("0.01")),
    "new zealand dollar": ("NZD", Decimal(1)),
}


DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD"})


@dataclass(frozen=True)
class SkipRule:
    """A kind of peer case left out of the scores, with the reason an editor would accept.

    Rules look at what a case says, never at which case it is: `applies(language, input, result)`
    gets the case's input sentence and one of its expected results (`Text`, `Resolution`/`Value`).
    """

    name: str
    spec: str  # "date" (date parser specs) or "money" (currency models)
    applies: Callable[[str, str, dict], bool]
    reason: str


def _words(*words: str) -> str:
    return "|".join(words)


# French month names and their abbreviations, with and without accents.
_MONTHS_FR = _words(
    "janvier",
    "janv",
    "jan",
    "fevrier",
    "février",
    "fevr",
    "févr",
    "fev",
    "fév",
    "mars",
    "mar",
    "avril",
    "avr",
    "mai",
    "juin",
    "juillet",
    "juil",
    "aout",
    "août",
    "septembre",
    "sept",
    "sep",
    "octobre",
    "oct",
    "novembre",
    "nov",
    "decembre",
    "décembre",
    "dec",
    "déc",
)
_WEEKDAYS_FR = _words("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _fr_text(pattern: str) -> Callable[[str, str, dict], bool]:
    """A French date rule on the expected text alone."""
    regex = re.compile(pattern, re.IGNORECASE)
    return lambda lang, _input, result: lang == "fr" and regex.fullmatch(result["Text"].strip()) is not None


def _month_first(lang: str, _input: str, result: dict) -> bool:
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.,-]\s?\d{2,4})?", result["Text"].strip())
    return lang == "fr" and m is not None and int(m.group(1)) <= 12 < int(m.group(2)) <= 31


_NO_ELISION = re.compile(r"(?<![\w'])(?:le|la|de|je|me|te|se|ne|que)\s+[aeiouâàéèêîôûy]", re.IGNORECASE)

SKIP_RULES: tuple[SkipRule, ...] = (
    SkipRule(
        "bare day number",
        "date",
        _fr_text(r"\d{1,2}"),
        "a day number with nothing else ('en 12') is not a date in French",
    ),
    SkipRule(
        "English month-day order",
        "date",
        _fr_text(rf"(?:{_MONTHS_FR})\.?[\s./-]*\d{{1,2}}"),
        "'Nov. 3', 'Mar-4', 'Novembre. 3': the month before the day is English order, machine-translated",
    ),
    SkipRule(
        "English ordinal order",
        "date",
        _fr_text(
            rf"(?:{_MONTHS_FR})\s+(?:vingt|seconde|deuxieme|deuxième|premier|trente)[\w\s-]*"
            rf"|(?:seconde|second)\s+de\s+(?:{_MONTHS_FR})"
        ),
        "'Juin vingt-deux', 'seconde de Mars': English word order, machine-translated",
    ),
    SkipRule(
        "lone weekday abbreviation",
        "date",
        _fr_text("lun|mar|mer|jeu|ven|sam|dim"),
        "'sam' alone is not a date in French prose (it is also a word and a name)",
    ),
    SkipRule(
        "month-first numeric date",
        "date",
        _month_first,
        "'03/25/2016', '7-19-15': French writes the day first; the month first is American order",
    ),
    SkipRule(
        "gender agreement error",
        "date",
        _fr_text(rf"cette\s+(?:{_WEEKDAYS_FR})|(?:{_WEEKDAYS_FR})\s+(?:de\s+)?la\s+semaine\s+(?:dernier|prochain)"),
        "'cette lundi', 'jeudi la semaine prochain': weekdays are masculine and 'semaine' feminine in French; "
        "no French writer makes these errors, a machine translation does",
    ),
    SkipRule(
        "missing elision",
        "date",
        lambda lang, text, _r: lang == "fr" and _NO_ELISION.search(text) is not None,
        "'de avril', 'le avant-dernier': French elides le/la/de before a vowel ('d'avril'); the sentence is "
        "machine-made",
    ),
    SkipRule(
        "currency without amount",
        "money",
        lambda _l, _i, result: (result.get("Resolution") or {}).get("value") is None,
        "a currency named without an amount ('the dollar fell') is not a money claim",
    ),
)


def _skip_reason(spec: str, lang: str, text: str, result: dict) -> str | None:
    for rule in SKIP_RULES:
        if rule.spec == spec and rule.applies(lang, text, result):
            return rule.name
    return None


def _load_spec(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def evaluate_currency(root: Path, language: str) -> dict[str, Any]:
    name = {"fr": "French", "en": "English"}[language]
    cases = _load_spec(root / "recognizers-text" / f"NumberWithUnit_{name}_CurrencyModel.json")
    score, failures, skipped = Score(), [], Counter()
    for i, case in enumerate(cases):
        if case.get("NotSupported") or case.get("NotSupportedByDesign"):
            skipped["NotSupported"] += 1
            continue
        expected = []
        for r in case.get("Results", []):
            res = r.get("Resolution") or {}
            reason = _skip_reason("money", language, case["Input"], r)
            if reason:
                skipped[reason] += 1
                continue
            expected.append((r["Text"], res))
        result = extract(case["Input"], language=language, published=dt.date(2016, 11, 7))
        predicted = [(c.text, c.value) for c in result.claims if c.type == "money"]
        _match(predicted, expected, _currency_ok, score, failures, f"{name} currency #{i}")
    score.skipped = sum(skipped.values())
    return {"score": score.to_json(), "skipped": dict(skipped), "failures": _jsonable(failures)}


def _currency_ok(got: Money, res: dict) -> bool:
    unit = (res.get("unit") or "").lower()
    iso = res.get("isoCurrency")
    code, factor = RT_UNITS.get(unit, (iso, Decimal(1)))
    try:
        want = Decimal(res["value"].replace(",", ".")) * factor
    except (InvalidOperation, AttributeError):
        return False
    if code == "$":  # the spec's "Dollar" names no country: any dollar (the article's, claims/country.py)
        if got.currency not in DOLLARS:
            return False
    elif code is not None and got.currency != code:
        return False
    return abs(got.amount - want) <= abs(want) * Decimal("1e-9")


def evaluate_dates(root: Path, language: str) -> dict[str, Any]:
    name = {"fr": "French", "en": "English"}[language]
    cases = _load_spec(root / "recognizers-text" / f"DateTime_{name}_DateParser.json")
    score, failures, skipped = Score(), [], Counter()
    for i, case in enumerate(cases):
        if case.get("NotSupported") or case.get("NotSupportedByDesign"):
            skipped["NotSupported"] += 1
            continue
        ref = (case.get("Context") or {}).get("ReferenceDateTime", "2016-11-07T00:00:00")[:10]
        expected, skip_case = [], None
        for r in case.get("Results", []):
            reason = _skip_reason("date", language, case["Input"], r)
            if reason:
                skip_case = reason
                break
            value = r.get("Value") or {}
            expected.append(
                (
                    r["Text"],
                    {
                        (value.get("PastResolution") or {}).get("date"),
                        (value.get("FutureResolution") or {}).get("date"),
                    },
                )
            )
        if skip_case:
            skipped[skip_case] += 1
            continue
        result = extract(case["Input"], language=language, published=dt.date.fromisoformat(ref))
        predicted = [(c.text, c.value.iso) for c in result.claims if c.type == "date"]
        _match(predicted, expected, lambda got, want: got in want, score, failures, f"{name} dates #{i}")
    score.skipped = sum(skipped.values())
    return {"score": score.to_json(), "skipped": dict(skipped), "failures": _jsonable(failures)}
