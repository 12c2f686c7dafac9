"""The agreement rules of checker/compare.py, one table per rule, on our own small fixtures; the notes
on quotes, in English and in French."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from checker.compare import (
    align_quote,
    classify_quote,
    date_agreement,
    date_closeness,
    figures,
    money_agreement,
    name_agreement,
    negated,
)
from checker.messages import messages
from checker.model import ReasonPart, Term
from checker.verdict import render_reason
from claims import DateValue, Money, extract
from claims.text import fold_lower, person_key


def money(amount, low=None, high=None, currency="USD"):
    amount = Decimal(str(amount))
    return Money(
        amount,
        currency,
        Decimal(str(low if low is not None else amount)),
        Decimal(str(high if high is not None else amount)),
    )


# ---- the processor ---------------------------------------------------------------------------


def test_fold_lower_folds_case_accents_apostrophes_and_keeps_offsets():
    text = "L’Élysée a DIT « non »"
    out = fold_lower(text)
    assert out == "l'elysee a dit « non »"
    assert len(out) == len(text)


# ---- money -----------------------------------------------------------------------------------

FOUR_BILLION = money(4e9, 3.95e9, 4.05e9)  # "4 milliards": written to the billion


@pytest.mark.parametrize(
    "currency, low, high, expected",
    [
        ("USD", 4e9, 4e9, "agrees"),  # the same amount
        ("USD", 4.04e9, 4.04e9, "agrees"),  # within the precision the article writes
        ("USD", 3.96e9, 3.96e9, "agrees"),
        ("USD", 4.2e9, 4.2e9, "conflicts"),  # outside it
        ("USD", 40e9, 40e9, "conflicts"),  # the near-miss: ten times larger
        ("USD", 0.4e9, 0.4e9, "conflicts"),  # ten times smaller
        ("EUR", 4e9, 4e9, "unknown"),  # another currency: no conversion, no verdict
        ("USD", 3.5e9, 4.5e9, "agrees"),  # a record's own range that holds the claim
    ],
)
def test_money_agreement(currency, low, high, expected):
    assert money_agreement(FOUR_BILLION, currency, low, high) == expected


def test_money_without_currency_is_unknown():
    assert money_agreement(money(4e9, currency=None), "USD", 4e9, 4e9) == "unknown"


def test_an_approximate_amount_is_wider_than_an_exact_one():
    exact = extract("La société a levé 4 milliards de dollars.", language="fr", published=dt.date(2024, 5, 1))
    about = extract("La société a levé près de 4 milliards de dollars.", language="fr", published=dt.date(2024, 5, 1))
    exact_v = next(c.value for c in exact.claims if c.type == "money")
    about_v = next(c.value for c in about.claims if c.type == "money")
    assert about_v.low < exact_v.low and about_v.high > exact_v.high
    assert money_agreement(exact_v, "USD", 4.3e9, 4.3e9) == "conflicts"
    assert money_agreement(about_v, "USD", 4.3e9, 4.3e9) == "agrees"


# ---- dates -----------------------------------------------------------------------------------

D = dt.date


@pytest.mark.parametrize(
    "claim, first, last, expected",
    [
        ("2024-05", D(2024, 5, 14), D(2024, 5, 14), "agrees"),  # a month contains its days
        ("2024-05-14", D(2024, 5, 1), D(2024, 5, 31), "agrees"),  # and a day sits in its month
        ("2024-W21", D(2024, 5, 22), D(2024, 5, 22), "agrees"),  # an ISO week contains its days (20-26 May)
        ("2024-W21", D(2024, 5, 20), D(2024, 5, 26), "agrees"),  # the same week
        ("2024-W21", D(2024, 5, 1), D(2024, 5, 31), "agrees"),  # a month contains the week
        ("2024-W22", D(2024, 5, 1), D(2024, 5, 31), "unknown"),  # 27 May - 2 June straddles two months
        ("2024-W21", D(2024, 6, 3), D(2024, 6, 3), "conflicts"),  # another week
        ("2021", D(2021, 11, 1), D(2021, 11, 30), "agrees"),  # a year contains its months
        ("2021", D(2022, 1, 1), D(2022, 12, 31), "conflicts"),
        ("2023-11", D(2023, 11, 17), D(2023, 11, 17), "agrees"),
        ("2023-11", D(2023, 12, 1), D(2023, 12, 1), "conflicts"),
        ("2024-Q3", D(2024, 8, 1), D(2024, 8, 31), "agrees"),  # a quarter contains its months
        ("2024-Q3", D(2024, 10, 2), D(2024, 10, 2), "conflicts"),
        ("2024-H1", D(2024, 2, 1), D(2024, 4, 30), "agrees"),
        ("2024-08", D(2024, 7, 1), D(2024, 9, 30), "agrees"),  # and a month sits in its quarter
    ],
)
def test_date_agreement_by_containment(claim, first, last, expected):
    assert date_agreement(DateValue.of(claim), first, last) == expected


def test_date_closeness_prefers_the_claims_own_day_and_precision():
    about_15 = DateValue("2024-05-15", "day", D(2024, 5, 8), D(2024, 5, 22))  # "less than two weeks ago"
    on_day = date_closeness(about_15, D(2024, 5, 15), D(2024, 5, 15))
    two_days_off = date_closeness(about_15, D(2024, 5, 17), D(2024, 5, 17))
    the_month = date_closeness(about_15, D(2024, 5, 1), D(2024, 5, 31))
    assert on_day > two_days_off > the_month > 0


# ---- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claim, record, expected",
    [
        ("Adam D’Angelo", "Adam D'Angelo", "agrees"),  # typographic and straight apostrophes
        ("Adam D'Angelo", "Adam DAngelo", "agrees"),
        ("Hélène Varin", "Helene Varin", "agrees"),  # accents
        ("HÉLÈNE VARIN", "Hélène Varin", "agrees"),  # case
        ("J. Leike", "Jan Leike", "agrees"),  # an initial
        ("Jan Leike", "J Leike", "agrees"),
        ("J.-P. Morel", "Jean-Pierre Morel", "agrees"),  # hyphenated given names and their initials
        ("Jean Pierre Morel", "Jean-Pierre Morel", "agrees"),
        ("John F. Orwin", "John Orwin", "agrees"),  # a middle initial written by one side only
        ("Jane Leike", "Jan Leike", "unknown"),  # another given name: another person
        ("K. Leike", "Jan Leike", "unknown"),  # another initial
        ("Jan Leike", "Jan Leiken", "unknown"),  # another surname
        ("Leike", "Jan Leike", "unknown"),  # a surname alone says too little
        ("Orvane Motors", "Orvane Motors", "agrees"),
    ],
)
def test_name_agreement(claim, record, expected):
    assert name_agreement(claim, record) == expected
    assert name_agreement(record, claim) == expected  # the rule is symmetric


def test_person_key_is_shared_by_the_forms_of_a_name():
    assert person_key("Jan Leike") == person_key("J. Leike") == "j leike"
    assert person_key("Adam D’Angelo") == person_key("A. D'Angelo") == "a dangelo"
    assert person_key("Leike") is None


# ---- quotes ----------------------------------------------------------------------------------

SAID = 'At the meeting Lena Brandt said: "We will close the Lyon plant in March." Then she left.'


def classify(quote, excerpt, speaker="Lena Brandt", record_quotes=()):
    return classify_quote(quote, excerpt, speaker=speaker, record_quotes=record_quotes)


def test_verbatim_quote_and_its_span():
    al = classify("We will close the Lyon plant in March.", SAID)
    assert al.quote_class == "verbatim"
    assert SAID[al.start : al.end] == "We will close the Lyon plant in March"


def test_close_quote_small_edit():
    assert classify("We will close the Lyon plants in March", SAID).quote_class == "close"


def test_partial_quote_says_more_than_the_record():
    al = classify("We will close the Lyon plant in March and the Turin plant in May", SAID)
    assert al.quote_class == "partial"


def test_paraphrase_keeps_the_words_not_their_order():
    record = "Brandt said the plant near Lyon would close, probably in March, after talks with the union."
    assert classify("We will close the Lyon plant in March", record).quote_class == "paraphrase"


def test_not_found():
    assert classify("Our sales doubled in the spring", SAID).quote_class == "not_found"


@pytest.mark.parametrize(
    "quote, record",
    [
        ("We will close the Lyon plant", 'Lena Brandt said: "We will not close the Lyon plant."'),
        ("We will not close the Lyon plant", 'Lena Brandt said: "We will close the Lyon plant."'),
        ("We will close the Lyon plant", 'Lena Brandt said: "We will never close the Lyon plant."'),
        ("Nous fermerons l'usine de Lyon", "Lena Brandt a déclaré : « Nous ne fermerons pas l’usine de Lyon. »"),
    ],
)
def test_negated_quote(quote, record):
    al = classify(quote, record)
    assert al.quote_class == "negated", al
    assert "negation" in al.note


def test_negation_elsewhere_in_the_record_does_not_negate():
    record = 'The union did not comment. Lena Brandt said: "We will close the Lyon plant."'
    assert classify("We will close the Lyon plant", record).quote_class == "verbatim"


def test_negation_words_of_both_languages():
    assert negated("We will not close it") and negated("we won't close it") and negated("Nous ne fermerons pas")
    assert negated("Ce n’est pas fini") and not negated("We will close it") and not negated("Notre usine ferme")


def test_misattributed_quote():
    record = 'Marco Villa, the union leader, said: "We will close the Lyon plant."'
    quotes = (("marco villa", "We will close the Lyon plant.", record.index("We"), record.index('."') + 1),)
    al = classify("We will close the Lyon plant.", record, record_quotes=quotes)
    assert al.quote_class == "misattributed" and "marco villa" in al.note


def test_same_speaker_under_another_form_is_not_misattributed():
    record = 'L. Brandt said: "We will close the Lyon plant."'
    quotes = (("l. brandt", "We will close the Lyon plant.", record.index("We"), record.index('."') + 1),)
    al = classify("We will close the Lyon plant.", record, record_quotes=quotes)
    assert al.quote_class == "verbatim" and al.speaker_agrees is True
    assert classify("We will close the Lyon plant.", record).speaker_agrees is None  # the record does not say


def test_a_changed_figure_is_not_a_small_edit():
    record = 'Lena Brandt said: "We will cut 120 jobs in Lyon."'
    al = classify("We will cut 1200 jobs in Lyon.", record)
    assert al.quote_class == "partial"
    assert "1200" in al.note and "120" in al.note
    assert classify("We will cut 120 jobs in Lyon.", record).quote_class == "verbatim"


def test_figures_ignore_separators():
    assert figures("1,25 milliard et 4 000 emplois") == ["125", "4000"]
    assert figures("$1.25 billion and 4,000 jobs") == ["125", "4000"]


def test_alignment_before_classification_is_on_the_folded_text():
    record = "Elle a dit : « Nous fermerons l’usine » hier."
    al = align_quote("nous fermerons l'usine", record)
    assert al.quote_class == "verbatim" and record[al.start : al.end] == "Nous fermerons l’usine"


def test_a_quote_with_the_articles_insertions_is_verbatim_at_its_core():
    record = "Le médiateur estime que les règles d’accès au guichet restent floues et trop strictes pour tous."
    al = align_quote("les règles d’accès (au service) au guichet restent floues et trop strictes", record)
    assert (
        al.quote_class == "verbatim"
        and al.note == "the article adds words of its own in parentheses or leaves some out"
    )
    assert record[al.start : al.end].startswith("les règles") and record[al.start : al.end].endswith("trop strictes")
    left_out = align_quote(
        "le chantier a pris du retard (…). Puis la pluie est arrivée",
        "Le chantier a pris du retard, et beaucoup. Puis la pluie est arrivée sur la ville.",
    )
    assert left_out.quote_class == "verbatim"
    # an insertion does not excuse other words: the core must be there as written
    assert align_quote("les règles (au service) sont claires et souples", record).quote_class != "verbatim"


# ---- the notes on quotes, in both languages ------------------------------------------------------


@pytest.mark.parametrize(
    "quote, record, kwargs, parts, english, french",
    [
        (
            "We will cut 1200 jobs in Lyon.",
            'Lena Brandt said: "We will cut 120 jobs in Lyon."',
            {},
            (ReasonPart.of("note.figures", article="1200", record="120"),),
            "a figure differs: 1200 in the article, 120 in the record",
            "un chiffre diffère : 1200 dans l’article, 120 dans la fiche",
        ),
        (
            "We will cut 1200 jobs in 5 plants.",
            'Lena Brandt said: "We will cut 120 jobs in 4 plants."',
            {},
            (ReasonPart.of("note.figures", article="1200, 5", record="120, 4"),),
            "a figure differs: 1200, 5 in the article, 120, 4 in the record",
            "un chiffre diffère : 1200, 5 dans l’article, 120, 4 dans la fiche",
        ),
        (
            "We will plant 3000 trees on the quay",
            'Marta Ilves said: "We will plant trees on the quay."',
            {},
            (ReasonPart.of("note.figures", article="3000", record=Term("none")),),
            "a figure differs: 3000 in the article, none in the record",
            "un chiffre diffère : 3000 dans l’article, aucun dans la fiche",
        ),
        (
            "We will close the Lyon plant",
            'Lena Brandt said: "We will not close the Lyon plant."',
            {},
            (ReasonPart.of("note.negation_record"),),
            "only the record has a negation",
            "seule la fiche contient une négation",
        ),
        (
            "Nous ne fermerons pas l'usine de Lyon",
            "Lena Brandt a déclaré : « Nous fermerons l’usine de Lyon. »",
            {},
            (ReasonPart.of("note.negation_article"),),
            "only the article has a negation",
            "seul l’article contient une négation",
        ),
        (
            "We will close the Lyon plant.",
            'Marco Villa, the union leader, said: "We will close the Lyon plant."',
            {"record_quotes": (("Marco Villa", "We will close the Lyon plant.", 38, 67),)},
            (ReasonPart.of("note.speaker", speaker="Marco Villa"),),
            "the record gives these words to Marco Villa",
            "la fiche attribue ces propos à Marco Villa",
        ),
    ],
    ids=[
        "a figure",
        "figures",
        "no figure in the record",
        "negation in the record",
        "negation in the article",
        "another speaker",
    ],
)
def test_each_note_in_english_and_in_french(quote, record, kwargs, parts, english, french):
    """A note is written as parts; `note` is its English (the command line's JSON, worded as it always
    was), and the interface's French words write the same parts in French."""
    al = classify(quote, record, **kwargs)
    assert al.note_parts == parts
    assert al.note == render_reason(parts) == english
    assert render_reason(parts, messages("fr")) == french


def test_no_note_when_nothing_was_lowered_or_raised():
    al = classify("We will close the Lyon plant in March.", SAID)
    assert (al.note_parts, al.note) == ((), "")


def test_the_same_words_from_a_speaker_of_the_same_surname_are_no_misattribution():
    from checker.compare import record_speaker

    quotes = [("Teachta Ní Bhriain", "the wards are full", 10, 30)]
    assert record_speaker("Áine Ní Bhriain", quotes, 10, 30) == (None, None)  # a title the data does not know
    assert record_speaker("Áine Ní Bhriain", [("Colm Daly", "the wards are full", 10, 30)], 10, 30) == (
        False,
        "Colm Daly",
    )


def test_two_bounds_on_one_side_agree_only_when_their_figures_do():
    # "more than $57 million" and "more than $55 million" both widen upwards, so their ranges overlap;
    # neither confirms the other's figure. A plain figure inside the bound still agrees.
    from checker.rounding import amount_agrees

    def amount(text: str) -> Money:
        return next(c.value for c in extract(text, language="en").claims if c.type == "money")

    claim = amount("Banks agreed to bridge financing of more than $57 million.")

    def stored(text: str) -> tuple:
        v = amount(text)
        return (v.currency, float(v.amount), float(v.low), float(v.high))

    assert not amount_agrees(claim, stored("The museum received more than $55 million."))
    assert amount_agrees(claim, stored("Banks agreed to more than $57 million of bridge loans."))
    assert amount_agrees(claim, stored("The loans came to $57 million."))
