"""Claim extraction on sentences of our own, in French and English."""

from __future__ import annotations

import datetime as dt

import pytest

from claims import detect_language, extract

PUB = dt.date(2024, 5, 29)  # a Wednesday


def claims_of(text: str, language: str = "auto", published: dt.date = PUB):
    result = extract(text, language=language, published=published)
    for c in result.claims:
        assert text[c.start : c.end] == c.text
    return result.claims


def values(text: str, kind: str, language: str = "auto", published: dt.date = PUB):
    return [(c.text, c.value.to_json()) for c in claims_of(text, language, published) if c.type == kind]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("La réunion a eu lieu le 3 mai 2024 à Lyon.", [("3 mai 2024", "2024-05-03")]),
        ("Elle avait démissionné en novembre.", [("en novembre", "2023-11")]),
        ("Le groupe a été fondé en 2021.", [("2021", "2021")]),
        ("Cette semaine, le conseil a voté.", [("Cette semaine", "2024-W22")]),
        ("La semaine dernière, la ministre a parlé.", [("La semaine dernière", "2024-W21")]),
        ("Il l'a annoncé hier soir.", [("hier", "2024-05-28")]),
        ("Le projet a commencé plus tôt ce mois-ci.", [("plus tôt ce mois-ci", "2024-05")]),
        ("Le texte sera examiné mardi 4 juin.", [("mardi 4 juin", "2024-06-04")]),
    ],
)
def test_french_dates(text, expected):
    assert values(text, "date", "fr") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The board met on May 3, 2024 in Paris.", [("May 3, 2024", "2024-05-03")]),
        ("The deal closed in November.", [("in November", "2023-11")]),
        ("She left two years ago.", [("two years ago", "2022-05-29")]),
        ("They may sign it later.", []),
    ],
)
def test_english_dates(text, expected):
    assert values(text, "date", "en") == expected


def test_relative_date_is_flagged_and_approximate_bounds():
    (c,) = [c for c in claims_of("Il est parti il y a moins de deux semaines.", "fr") if c.type == "date"]
    assert c.value.iso == "2024-05-15" and c.relative and c.approximate
    assert (c.value.start, c.value.end) == (dt.date(2024, 5, 15), dt.date(2024, 5, 29))


def test_first_names_and_verbs_are_not_dates():
    text = "Jan Martens a été nommé. Sam Olsen et Mar Vidal ont été reçus."
    assert values(text, "date", "fr") == []


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("Le fonds a levé 4 milliards de dollars.", 4_000_000_000, "USD"),
        ("Un accord d'un milliard de dollars a été signé.", 1_000_000_000, "USD"),
        ("Le budget atteint 300 millions d'euros.", 300_000_000, "EUR"),
        ("Le chantier coûte 1,5 M€.", 1_500_000, "EUR"),
        ("La facture s'élève à 4 000 000 €.", 4_000_000, "EUR"),
        ("La facture s'élève à 4\u202f000\u202f000 €.", 4_000_000, "EUR"),
    ],
)
def test_french_money(text, amount, currency):
    (got,) = values(text, "money", "fr")
    assert got[1] == {"amount": amount, "currency": currency}


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("The startup raised $2.3bn last year.", 2_300_000_000, "USD"),
        ("It agreed a €1.5m settlement.", 1_500_000, "EUR"),
        ("The loan is USD 40 million.", 40_000_000, "USD"),
    ],
)
def test_english_money(text, amount, currency):
    (got,) = values(text, "money", "en")
    assert got[1] == {"amount": amount, "currency": currency}


def test_percentages_are_not_money():
    assert values("Les ventes ont progressé de 12,5 % en 2023.", "money", "fr") == []


def test_money_qualifier_and_precision():
    (c,) = [c for c in claims_of("Le projet coûte près de 4 milliards d'euros.", "fr") if c.type == "money"]
    assert c.qualifier == "près de" and c.text == "4 milliards d'euros"
    assert float(c.value.low) <= 3.6e9 and float(c.value.high) >= 4.4e9


def test_written_precision_bounds():
    (c,) = [c for c in claims_of("Il a reçu 4 milliards de dollars.", "fr") if c.type == "money"]
    assert (float(c.value.low), float(c.value.high)) == (3.95e9, 4.05e9)


def test_surname_takes_the_full_name_and_titles_are_dropped():
    text = (
        "La chercheuse Marie Durand a quitté le laboratoire. Durand rejoint la société Helix Labs. "
        "Le PDG Paul Girard a salué son travail."
    )
    names = {(c.type, c.text, c.value.to_json()) for c in claims_of(text, "fr") if c.type in ("person", "organization")}
    assert ("person", "Marie Durand", "Marie Durand") in names
    assert ("person", "Durand", "Marie Durand") in names
    assert ("person", "Paul Girard", "Paul Girard") in names
    assert ("organization", "Helix Labs", "Helix Labs") in names
    assert not any(text == "PDG" for _, text, _ in names)


@pytest.mark.parametrize(
    "text, language, word",
    [
        ("The contract, signed Oct. 4, was worth £300m.", "en", "Oct"),
        ("The review closed on Sept. 30.", "en", "Sept"),
        ("Le groupe a signé un contrat de 1,2 Md€ avec l'État.", "fr", "Md"),
    ],
)
def test_words_inside_dates_and_amounts_are_not_names(text, language, word):
    claims = claims_of(text, language)
    assert any(c.type in ("date", "money") and word in c.text for c in claims)
    assert not any(c.type in ("person", "organization") and word in c.text for c in claims)


def test_two_companies_joined_by_and_stay_two():
    text = (
        "Staff at Seaspan Shipyards and Irving Shipbuilding were told. The Securities and Exchange Commission agreed."
    )
    orgs = [c.text for c in claims_of(text, "en") if c.type == "organization"]
    assert orgs == ["Seaspan Shipyards", "Irving Shipbuilding", "Securities and Exchange Commission"]


def test_apostrophes_give_one_canonical_name():
    text = "Adam D’Angelo siège au conseil. Adam D'Angelo a voté contre."
    names = [c for c in claims_of(text, "fr") if c.type == "person"]
    assert {c.value.to_json() for c in names} == {"Adam D'Angelo"}


def test_quotes_with_speaker_after_and_before():
    text = (
        "« Nous tiendrons nos engagements », a déclaré Claire Martin jeudi. Selon Paul Girard, « rien n'est décidé »."
    )
    quotes = [c.value.to_json() for c in claims_of(text, "fr") if c.type == "quote"]
    assert quotes == [
        {"speaker": "Claire Martin", "text": "Nous tiendrons nos engagements"},
        {"speaker": "Paul Girard", "text": "rien n'est décidé"},
    ]


def test_quote_pronoun_points_back_and_term_is_marked():
    text = 'Jane Porter spoke after the vote. “We will appeal,” she said. The group uses a method called “open review”.'
    quotes = [c for c in claims_of(text, "en") if c.type == "quote"]
    assert quotes[0].value.speaker == "Jane Porter"
    assert quotes[1].value.kind == "term" and quotes[1].value.speaker is None


def test_quote_across_paragraphs():
    text = "Le maire Jean Roux a écrit : « Le budget est tenu.\n\n« Les travaux reprendront en mars. »"
    first, second = [c for c in claims_of(text, "fr") if c.type == "quote"]  # one claim per paragraph
    assert first.value.speaker == second.value.speaker == "Jean Roux"
    assert first.value.text == "Le budget est tenu." and second.value.text == "Les travaux reprendront en mars."
    assert text[first.start : first.end] == first.text and text[second.start : second.end] == second.text


def test_unclaimed_sentences_are_listed():
    result = extract("Le score final était de 3 à 1.", language="fr", published=PUB)
    assert [u.reason for u in result.unclaimed] == ["number"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Le conseil a voté la réforme des retraites après un long débat sur son financement.", "fr"),
        ("The council voted for the pension reform after a long debate about its funding.", "en"),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


def test_ids_are_in_reading_order_and_json_round_trips():
    from claims import claim_from_json

    result = extract("Le 3 mai 2024, Claire Martin a versé 2 millions d'euros.", language="fr", published=PUB)
    assert [c.id for c in result.claims] == [f"c{i}" for i in range(1, len(result.claims) + 1)]
    for c in result.claims:
        assert claim_from_json(c.to_json()) == c


def test_without_sentences_only_the_claims_contexts_change():
    """`sentences=False` (the library's value index): the same claims, each its own context."""
    from dataclasses import replace
    from pathlib import Path

    seed = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "seed" / "article_fr.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else "Le 3 mai 2024, Jean Dupont a dit « oui » à 5 M€."
    full = extract(text, published=PUB, unclaimed=False)
    lean = extract(text, published=PUB, unclaimed=False, sentences=False)
    assert full.claims
    assert lean.claims == tuple(
        replace(c, sentence=c.text, sentence_start=c.start, sentence_end=c.end) for c in full.claims
    )


def test_a_hard_wrapped_text_reads_across_its_line_breaks():
    # lines broken at a fixed width inside sentences (a PDF's or an e-mail's text): the names and the
    # quote run over the breaks, and each claim is still the span of the text as given
    text = (
        "The judge called the scheme cynical and deeply\n"
        "harmful. Marta\n"
        "Okonjo and her partner were\n"
        "convicted on Monday. The prosecutor, Peter\n"
        'Lindqvist, said: "The case\n'
        'is closed, and the money\n'
        'goes back to the savers."\n'
    )
    result = extract(text, language="en", published=dt.date(2024, 5, 29))
    people = {c.text: c.value.canonical for c in result.claims if c.type == "person"}
    assert people == {"Marta\nOkonjo": "Marta Okonjo", "Peter\nLindqvist": "Peter Lindqvist"}
    quote = next(c for c in result.claims if c.type == "quote")
    assert quote.value.speaker == "Peter Lindqvist"
    assert all(c.text == text[c.start : c.end] for c in result.claims)
