"""Money amounts on sentences of our own, in French and English news style."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from unit_cases import load_cases

from claims import extract

PUB = dt.date(2024, 5, 29)


def amounts(text: str, language: str):
    claims = [c for c in extract(text, language=language, published=PUB).claims if c.type == "money"]
    for c in claims:
        assert text[c.start : c.end] == c.text
    return claims


def test_a_range_whose_second_end_has_its_scale_before_a_comma():
    (c,) = amounts("Revenue will be between $17.2 billion and $17.5 billion, the company said.", "en")
    assert c.text == "between $17.2 billion and $17.5 billion" and c.value.to_json()["max"] == 17_500_000_000


def test_a_scaled_count_beside_an_amount_is_not_money():
    text = "The company, worth $5 billion, has 2 million customers and 1.5 billion users."
    assert [c.text for c in amounts(text, "en")] == ["$5 billion"]
    text = "Revenue was $3 billion, up from 2.5 billion a year earlier."
    assert [c.text for c in amounts(text, "en")] == ["$3 billion", "2.5 billion"]


def values(text: str, language: str) -> list[tuple[str, dict]]:
    return [(c.text, c.value.to_json()) for c in amounts(text, language)]


FRENCH = [(c["text"], c["span"], c["amount"], c["currency"]) for c in load_cases("money", "fr")["case"]]

ENGLISH = [(c["text"], c["span"], c["amount"], c["currency"]) for c in load_cases("money", "en")["case"]]


@pytest.mark.parametrize("text, span, amount, currency", FRENCH)
def test_french_amounts(text, span, amount, currency):
    assert values(text, "fr") == [(span, {"amount": amount, "currency": currency})]


@pytest.mark.parametrize("text, span, amount, currency", ENGLISH)
def test_english_amounts(text, span, amount, currency):
    assert values(text, "en") == [(span, {"amount": amount, "currency": currency})]


def test_a_scaled_number_takes_the_currency_named_nearby():
    text = "Le chiffre d'affaires atteint 1,25 milliard, contre 900 millions de dollars en 2022."
    assert values(text, "fr") == [
        ("1,25 milliard", {"amount": 1_250_000_000, "currency": "USD"}),
        ("900 millions de dollars", {"amount": 900_000_000, "currency": "USD"}),
    ]


def test_a_figure_converted_in_brackets_is_in_another_currency():
    text = "The deficit reached 1.6 billion ($2.54 billion) in September."
    assert values(text, "en") == [("$2.54 billion", {"amount": 2_540_000_000, "currency": "USD"})]


NOT_MONEY = [(code, text) for code in ("fr", "en") for text in load_cases("money", code)["not"]]


@pytest.mark.parametrize("language, text", NOT_MONEY)
def test_what_is_not_money(language, text):
    assert values(text, language) == []


def test_percentages_never_become_money_even_beside_a_currency():
    assert values("Le fonds de 2 milliards d'euros a rapporté 5 %.", "fr") == [
        ("2 milliards d'euros", {"amount": 2_000_000_000, "currency": "EUR"})
    ]


@pytest.mark.parametrize(
    "language, text, span, amount, high",
    [
        ("fr", "Le coût est estimé entre 2 et 3 milliards de dollars.", "entre 2 et 3 milliards de dollars", 2e9, 3e9),
        ("fr", "La mission coûtera de 2 à 3 milliards d'euros.", "de 2 à 3 milliards d'euros", 2e9, 3e9),
        ("fr", "Le déficit atteindrait 2-3 milliards d'euros.", "2-3 milliards d'euros", 2e9, 3e9),
        ("en", "Analysts expect $2-3 billion in losses.", "$2-3 billion", 2e9, 3e9),
        ("en", "The bill came to between $2bn and $3bn.", "between $2bn and $3bn", 2e9, 3e9),
        ("en", "Damages of $2 to $3 billion were sought.", "$2 to $3 billion", 2e9, 3e9),
        # a first end of a thousand or more takes no scale from the second: not 875,000 million
        (
            "en",
            "Revenue grew from 875,000 to 1.9 million dollars.",
            "from 875,000 to 1.9 million dollars",
            875e3,
            1.9e6,
        ),
    ],
)
def test_ranges_keep_both_ends(language, text, span, amount, high):
    (c,) = amounts(text, language)
    assert c.text == span
    assert c.value.to_json() == {"amount": int(amount), "currency": c.value.currency, "max": int(high)}
    assert float(c.value.low) < amount and float(c.value.high) > high


def test_from_one_amount_to_another_is_a_change_not_a_range():
    assert values("Revenue rose from $2bn to $3bn.", "en") == [
        ("$2bn", {"amount": 2_000_000_000, "currency": "USD"}),
        ("$3bn", {"amount": 3_000_000_000, "currency": "USD"}),
    ]


def test_and_without_between_joins_no_range():
    assert values("He paid $4.25 and 32 people watched.", "en") == [("$4.25", {"amount": 4.25, "currency": "USD"})]


@pytest.mark.parametrize(
    "language, text, qualifier, low, high",
    [
        ("fr", "Le projet coûtera près de 4 milliards d'euros.", "près de", 3.6e9, 4.4e9),
        ("fr", "Il a perdu plus de 300 millions d'euros.", "plus de", 299.95e6, 450e6),
        ("fr", "L'aide atteindra jusqu'à 2 milliards de dollars.", "jusqu'à", 1e9, 2.05e9),
        ("fr", "Le club a reçu environ 40 millions d'euros.", "environ", 36e6, 44e6),
        ("en", "The project will cost about $2bn.", "about", 1.8e9, 2.2e9),
        ("en", "The company could pay up to $5 billion.", "up to", 2.5e9, 5.05e9),
        ("en", "The firm owes more than £40m.", "more than", 39.95e6, 60e6),
        # "nearly" and "just over" stay on one side of the figure (at its written precision)
        ("en", "The fund is worth nearly 1.2 trillion yen.", "nearly", 1.08e12, 1.205e12),
        ("en", "The deal is worth just over $3 billion.", "just over", 2.95e9, 3.3e9),
        ("fr", "Le chantier a coûté un peu plus de 2 milliards d'euros.", "un peu plus de", 1.95e9, 2.2e9),
        ("en", "Staff get bonuses of as much as $40,000.", "as much as", 20e3, 40000.05),
    ],
)
def test_qualifiers_are_kept_beside_the_value_and_widen_it(language, text, qualifier, low, high):
    (c,) = amounts(text, language)
    assert c.qualifier == qualifier and qualifier not in c.text
    assert c.approximate == (qualifier in ("près de", "environ", "about", "nearly", "just over", "un peu plus de"))
    assert (float(c.value.low), float(c.value.high)) == pytest.approx((low, high))


@pytest.mark.parametrize(
    "language, text, low, high",
    [
        # a figure is known to 0.05 of the unit of its last written digit: "4 milliards" is 3.95 to 4.05 billion
        ("fr", "Il a reçu 4 milliards de dollars.", "3.95E+9", "4.05E+9"),
        ("fr", "Le rachat atteint 1,25 milliard d'euros.", "1.2495E+9", "1.2505E+9"),
        ("fr", "La facture s'élève à 4 000 000 €.", "3999999.95", "4000000.05"),
        ("en", "The startup raised $2.3bn.", "2.295E+9", "2.305E+9"),
        ("en", "A ticket costs 3 dollars 50 cents.", "3.495", "3.505"),
    ],
)
def test_precision_bounds(language, text, low, high):
    (c,) = amounts(text, language)
    assert (c.value.low, c.value.high) == (Decimal(low), Decimal(high))


def test_a_possessive_s_is_not_a_country_prefix():
    assert values("The band's $5 million deal.", "en") == [("$5 million", {"amount": 5_000_000, "currency": "USD"})]
    assert values("It's $5 a share.", "en") == [("$5", {"amount": 5, "currency": "USD"})]


def test_codes_that_are_words_count_only_in_capitals():
    assert values("The lira fell: 3 TRY bought a coffee.", "en") == [("3 TRY", {"amount": 3, "currency": "TRY"})]


def test_a_country_name_broken_over_two_lines_still_tells_the_dollar():
    # A record pasted from a page may break a line inside "New Zealand"; it once stopped the import.
    text = "Published in New\nZealand. The council will spend 4 million dollars on roads."
    assert values(text, "en") == [("4 million dollars", {"amount": 4_000_000, "currency": "NZD"})]


def test_the_sign_after_the_figure_is_a_style_counted_once():
    # Three "$" after their figures are one hint of a Québec paper, not three: the country named
    # three times (at half weight, a country with no dollar of its own) still sets the dollar.
    text = "Au Mali, le groupe a versé 438 millions $ en 2024, puis 19,04 $ et 18,78 $ par action, dit-on au Mali et au Mali."
    assert {v["currency"] for _, v in values(text, "fr")} == {"USD"}


def test_pounds_with_no_scale_are_money_when_a_conversion_follows():
    # "pounds" alone is a weight as often as money; a conversion in brackets says which.
    text = "They paid officials around 400,000 pounds ($615,000) to win contracts. The whale weighed 40,000 pounds."
    assert values(text, "en") == [
        ("400,000 pounds", {"amount": 400_000, "currency": "GBP"}),
        ("$615,000", {"amount": 615_000, "currency": "USD"}),
    ]


def test_an_exchange_rate_written_with_a_slash_is_no_amount():
    # "N907/$1": the price of a dollar in naira, no money the article spends; nor are its words names
    text = "The naira fell from N907/$1 in December to N1,535/$1, and the loss reached N925 billion."
    claims = extract(text, language="en", published=dt.date(2024, 12, 31)).claims
    assert [(c.type, c.text) for c in claims if c.type in ("money", "organization")] == [("money", "N925 billion")]
