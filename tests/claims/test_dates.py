"""Dates on sentences of our own, in French and English news style, published on Wednesday 2024-05-29."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from claims import extract
from claims.dates import find_dates
from claims.lexicon import load
from claims.text import fold

PUB = dt.date(2024, 5, 29)  # a Wednesday


def dates_of(text: str, language: str, published: dt.date = PUB):
    claims = [c for c in extract(text, language=language, published=published).claims if c.type == "date"]
    for c in claims:
        assert text[c.start : c.end] == c.text
    return claims


def values(text: str, language: str) -> list[tuple[str, str]]:
    return [(c.text, c.value.iso) for c in dates_of(text, language)]


FRENCH = [
    # full dates
    ("Le conseil s'est réuni le 3 mai 2024 à Rennes.", [("3 mai 2024", "2024-05-03")]),
    ("Le maire a été élu le 1er mars.", [("1er mars", "2024-03-01")]),
    ("L'audience s'est tenue mardi 28 mai.", [("mardi 28 mai", "2024-05-28")]),
    ("Le projet de loi sera examiné mardi 4 juin.", [("mardi 4 juin", "2024-06-04")]),
    ("Le texte a été adopté le 12/03/2024 en commission.", [("12/03/2024", "2024-03-12")]),
    ("La circulaire date du mer. 22 mai.", [("mer. 22 mai", "2024-05-22")]),
    # months, years and parts of them
    ("La grève a commencé en novembre.", [("en novembre", "2023-11")]),
    ("Les travaux reprendront en novembre.", [("en novembre", "2024-11")]),
    ("La société a été créée en 2021.", [("2021", "2021")]),
    ("Les comptes étaient dans le rouge fin 2017.", [("fin 2017", "2017")]),
    ("La société a versé 45 M$ en sept. 2024.", [("sept. 2024", "2024-09")]),
    ("Le bail court depuis janv. 2023.", [("janv. 2023", "2023-01")]),
    ("Un contrôleur arrive dès le mois d’avril.", [("mois d’avril", "2024-04")]),
    ("Il en reste sept 2024 exemplaires.", []),
    # a year after the noun it dates; a count is not a year
    ("Le budget 2025 prévoit une hausse.", [("2025", "2025")]),
    ("Les faits se sont déroulés de 2017 à 2021.", [("de 2017 à 2021", "2017")]),
    ("La ligne ouvrira le 3 mars de l'an prochain.", [("3 mars de l'an prochain", "2025-03-03")]),
    ("Nous perdrons une partie de la récolte 2026.", [("2026", "2026")]),
    ("Le vote pourrait intervenir vendredi.", [("vendredi", "2024-05-31")]),
    ("La saison 2024 a été difficile et l'été 2023 très chaud.", [("2024", "2024"), ("l'été 2023", "2023-summer")]),
    ("La fermeture menace plus de 2000 emplois.", []),
    ("Il allait démissionner en janvier.", [("en janvier", "2025-01")]),
    ("Il a annoncé en mars qu'il allait démissionner.", [("en mars", "2024-03")]),
    # quarters and halves of a year
    ("Le PIB a progressé au troisième trimestre 2025.", [("troisième trimestre 2025", "2025-Q3")]),
    ("Les ventes ont chuté au T2 2024 et au S1 2023.", [("T2 2024", "2024-Q2"), ("S1 2023", "2023-H1")]),
    ("Au premier trimestre, les ventes ont chuté.", [("Au premier trimestre", "2024-Q1")]),
    ("Au troisième trimestre, elles remonteront.", [("Au troisième trimestre", "2024-Q3")]),
    (
        "L'Insee a revu sa prévision après un troisième trimestre plus faible que prévu.",
        [("troisième trimestre", "2023-Q3")],
    ),
    (
        "Le trimestre dernier a été bon, le semestre prochain le sera moins.",
        [("Le trimestre dernier", "2024-Q1"), ("le semestre prochain", "2024-H2")],
    ),
    ("L'école accueille près de 1800 élèves.", []),
    ("Le festival, prévu mi-juillet, affiche complet.", [("mi-juillet", "2024-07")]),
    ("Les embauches ont repris début mars.", [("début mars", "2024-03")]),
    ("Le texte avait été voté en avril dernier.", [("en avril dernier", "2024-04")]),
    ("Les élections auront lieu en mars prochain.", [("en mars prochain", "2025-03")]),
    # relative to publication
    ("Cette semaine, la préfecture a publié un arrêté.", [("Cette semaine", "2024-W22")]),
    ("La semaine dernière, les négociations ont échoué.", [("La semaine dernière", "2024-W21")]),
    ("Le ministre a répondu hier aux sénateurs.", [("hier", "2024-05-28")]),
    ("Avant-hier, le club a limogé son entraîneur.", [("Avant-hier", "2024-05-27")]),
    ("Elle a quitté la rédaction il y a deux semaines.", [("il y a deux semaines", "2024-05-15")]),
    ("Le rapport a été remis plus tôt ce mois-ci.", [("plus tôt ce mois-ci", "2024-05")]),
    ("Lundi dernier, la grève a été levée.", [("Lundi dernier", "2024-05-27")]),
    ("La réforme entrera en vigueur dans trois mois.", [("dans trois mois", "2024-08-29")]),
    ("Le bilan sera présenté l'année prochaine.", [("l'année prochaine", "2025")]),
    # weekdays counted in a month, days of a month
    ("L'élection aura lieu le premier vendredi de juillet.", [("premier vendredi de juillet", "2024-07-05")]),
    ("Le marché se tient le dernier lundi du mois.", [("dernier lundi du mois", "2024-05-27")]),
    ("Le comité se réunira le deuxième mardi du mois prochain.", [("deuxième mardi du mois prochain", "2024-06-11")]),
    ("Les résultats seront publiés le 20 du mois prochain.", [("20 du mois prochain", "2024-06-20")]),
    ("Le vote est prévu pour le 27.", [("le 27", "2024-06-27")]),
]

ENGLISH = [
    ("The board met on May 3, 2024 in Paris.", [("May 3, 2024", "2024-05-03")]),
    ("The merger was announced on 3 May.", [("3 May", "2024-05-03")]),
    ("The filing is dated Tuesday, April 16, 2024.", [("Tuesday, April 16, 2024", "2024-04-16")]),
    ("The index hit a record on 04/22/2024.", [("04/22/2024", "2024-04-22")]),
    ("The summit opened on Thursday the 23rd.", [("Thursday the 23rd", "2024-05-23")]),
    ("The strike began in November.", [("in November", "2023-11")]),
    ("The plant will reopen in November.", [("in November", "2024-11")]),
    ("The company was founded in 2021.", [("2021", "2021")]),
    ("Profits slumped in early 2023.", [("early 2023", "2023")]),
    # a year as an adjective; a count is not a year
    ("The original 2019 estimate was lower.", [("2019", "2019")]),
    ("The 2022 election returned a minority.", [("2022", "2022")]),
    ("In a 2021 report, the board found flaws.", [("2021", "2021")]),
    ("The 2000 workers went home.", []),
    ("Finance Minister Rosalind Friday tabled the budget.", []),
    ("The fraud ran between 2017 and 2021.", [("between 2017 and 2021", "2017")]),
    # a day or a month and the year named right after it are one date
    ("The line will open on 7 May next year.", [("7 May next year", "2025-05-07")]),
    # "would" speaks of the future for what follows it only
    ("The company said it would hire staff in January.", [("in January", "2025-01")]),
    ("She announced in March that she would step down.", [("in March", "2024-03")]),
    # quarters and halves, always with their year in English ("the first quarter" of a match)
    ("Revenue rose in the third quarter of 2024.", [("third quarter of 2024", "2024-Q3")]),
    (
        "Second-quarter revenue rose and third-quarter sales fell.",
        [("Second-quarter", "2024-Q2"), ("third-quarter", "2023-Q3")],
    ),
    ("Margins should recover in the first half of next year.", [("first half of next year", "2025-H1")]),
    ("Sales fell in Q3 2023 and rose in H1 2024.", [("Q3 2023", "2023-Q3"), ("H1 2024", "2024-H1")]),
    ("Results for the last quarter of 2023 were weak.", [("last quarter of 2023", "2023-Q4")]),
    ("The Lakers trailed in the second half.", []),
    ("The closure threatens more than 2000 jobs.", []),
    ("Around 2000, the town grew.", [("2000", "2000")]),
    ("Output recovered in mid-March.", [("mid-March", "2024-03")]),
    ("The law passed last May.", [("last May", "2023-05")]),
    ("Elections are due next March.", [("next March", "2025-03")]),
    ("Shares fell last Tuesday.", [("last Tuesday", "2024-05-28")]),
    ("She resigned two years ago.", [("two years ago", "2022-05-29")]),
    ("Results came out yesterday.", [("yesterday", "2024-05-28")]),
    ("Last week the central bank cut rates.", [("Last week", "2024-W21")]),
    ("Sales fell earlier this month.", [("earlier this month", "2024-05")]),
    ("The talks resume next Monday.", [("next Monday", "2024-06-03")]),
    ("The vote is set for the first Friday of next month.", [("the first Friday of next month", "2024-06-07")]),
    ("Markets close on the last Monday of May.", [("the last Monday of May", "2024-05-27")]),
    ("Payments are due on the 20th of next month.", [("the 20th of next month", "2024-06-20")]),
    ("The rent was paid on the 15th.", [("the 15th", "2024-05-15")]),
    ("The rent is due on the 15th.", [("the 15th", "2024-06-15")]),
]


@pytest.mark.parametrize("text, expected", FRENCH)
def test_french_dates(text, expected):
    assert values(text, "fr") == expected


@pytest.mark.parametrize("text, expected", ENGLISH)
def test_english_dates(text, expected):
    assert values(text, "en") == expected


NOT_DATES = [
    # first names that are also month or weekday abbreviations, the verb "été", planets, percentages,
    # durations, counts, and days counted from another event
    ("fr", "Jan Kowalski a été nommé directeur financier."),
    ("fr", "Sam Durand et Mar Vidal ont été reçus à l'Élysée."),
    ("fr", "Le projet a été validé par le conseil d'administration."),
    ("fr", "La conquête de Mars fascine les ingénieurs."),
    ("fr", "Les ventes ont progressé de 12,5 % sur un an."),
    ("fr", "La grève a duré pendant deux semaines."),
    ("fr", "Le club compte 2024 adhérents."),
    ("fr", "À la veille du scrutin, les sondages se resserrent."),
    ("fr", "Au lendemain de l'élection, le parti s'est divisé."),
    ("en", "Jan Novak met Sam Patel and Mar Lopez in Prague."),
    ("en", "They may sign the agreement soon."),
    ("en", "The strike lasted for three years."),
    ("en", "Prices rose 5% over the period."),
    ("en", "The day before the vote, polls tightened."),
    ("en", "It was the second time the court ruled on the case."),
    ("en", "He finished in 4.22 after a slow start."),
]


@pytest.mark.parametrize("language, text", NOT_DATES)
def test_words_that_are_not_dates(language, text):
    assert values(text, language) == []


def test_impossible_dates_give_no_claim_and_hide_their_words():
    assert values("The meeting was moved to Feb 30.", "en") == []
    # "Sunday" alone would be a date, but here it is part of a day that does not exist
    assert values("Markets opened on the fifth Sunday of February.", "en") == []


@pytest.mark.parametrize(
    "language, text, iso, bounds, qualifier",
    [
        (
            "fr",
            "Il a quitté le parti il y a moins de deux semaines.",
            "2024-05-15",
            ("2024-05-15", "2024-05-29"),
            "moins de",
        ),
        # about: a quarter of the distance to publication, plus half the unit, either side
        ("fr", "L'usine a fermé il y a environ trois mois.", "2024-02-29", ("2024-01-23", "2024-04-06"), "environ"),
        ("en", "The firm collapsed more than two years ago.", "2022-05-29", ("2020-05-29", "2022-05-29"), "more than"),
    ],
)
def test_approximate_relative_dates_are_flagged_and_bounded(language, text, iso, bounds, qualifier):
    (c,) = dates_of(text, language)
    assert c.value.iso == iso and c.relative and c.approximate and c.qualifier == qualifier
    assert (c.value.start.isoformat(), c.value.end.isoformat()) == bounds


@pytest.mark.parametrize(
    "language, text, precision, bounds",
    [
        ("fr", "La dette a explosé fin 2017.", "year", ("2017-09-01", "2017-12-31")),
        ("en", "Profits slumped in early 2023.", "year", ("2023-01-01", "2023-04-30")),
        ("fr", "Cette semaine, le conseil a voté.", "week", ("2024-05-27", "2024-06-02")),
        ("fr", "Les embauches ont repris début mars.", "month", ("2024-03-01", "2024-03-10")),
        # a day counted in years is only known to half a year either side
        ("en", "She resigned two years ago.", "day", ("2021-11-28", "2022-11-27")),
    ],
)
def test_precision_and_bounds(language, text, precision, bounds):
    (c,) = dates_of(text, language)
    assert c.value.precision == precision
    assert (c.value.start.isoformat(), c.value.end.isoformat()) == bounds


@pytest.mark.parametrize(
    "language, text, span, first, last",
    [
        ("fr", "Le G7 se réunira du 13 au 15 juin en Italie.", "du 13 au 15 juin", "2024-06-13", "2024-06-15"),
        (
            "fr",
            "Le salon a eu lieu du 30 avril au 2 mai 2024.",
            "du 30 avril au 2 mai 2024",
            "2024-04-30",
            "2024-05-02",
        ),
        (
            "fr",
            "Les soldes se tiendront du 26 décembre au 3 janvier.",
            "du 26 décembre au 3 janvier",
            "2024-12-26",
            "2025-01-03",
        ),
        ("en", "The G7 will meet June 13-15 in Italy.", "June 13-15", "2024-06-13", "2024-06-15"),
        (
            "en",
            "The fair ran from April 30 to May 2, 2024.",
            "from April 30 to May 2, 2024",
            "2024-04-30",
            "2024-05-02",
        ),
        ("fr", "La grève a eu lieu les 6 et 7 février.", "les 6 et 7 février", "2024-02-06", "2024-02-07"),
        ("en", "The strike ran between 3 and 5 May.", "between 3 and 5 May", "2024-05-03", "2024-05-05"),
    ],
)
def test_a_range_of_days_is_one_claim_bounded_by_its_last_day(language, text, span, first, last):
    (c,) = dates_of(text, language)
    assert (c.text, c.value.iso, c.value.start.isoformat(), c.value.end.isoformat()) == (span, first, first, last)


def test_a_weekday_that_does_not_fit_keeps_its_text_and_the_date_wins():
    (c,) = dates_of("La réunion a eu lieu mardi 22 mai.", "fr")  # 22 May 2024 is a Wednesday
    assert (c.text, c.value.iso) == ("mardi 22 mai", "2024-05-22")


def test_relative_dates_are_flagged_and_absolute_ones_not():
    relative, absolute = dates_of("Hier, la cour a confirmé la peine prononcée le 3 mai 2021.", "fr")
    assert relative.relative and not absolute.relative


@pytest.mark.parametrize("language", ["fr", "en"])
def test_templates_tried_by_first_word_find_what_a_full_scan_finds(language):
    """The extractor only tries a template where one of its first words begins; scanning every
    template over the whole text must find nothing more."""
    lex = load(language)
    everywhere = replace(
        lex,
        date_templates=tuple(replace(t, triggers=None) for t in lex.date_templates),
        date_starts={},
        date_scanned=tuple(range(len(lex.date_templates))),
    )
    sentences = [text for text, _ in (FRENCH if language == "fr" else ENGLISH)]
    sentences += [text for lang, text in NOT_DATES if lang == language]
    for text in sentences:
        folded = fold(text)
        fast = find_dates(text, folded, lex, PUB, lambda _: False)
        slow = find_dates(text, folded, everywhere, PUB, lambda _: False)
        assert fast == slow, text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_template_says_where_it_can_start(language):
    lex = load(language)
    unknown = [t.pattern for t in lex.date_templates if t.starts is None]
    # only a slot glued to letters ("{weekday}s") leaves the first word unknown
    assert all("}s" in p for p in unknown), unknown


def test_a_day_a_few_weeks_ahead_is_the_coming_one_whatever_the_tense():
    text = "Le syndicat a appelé à une journée de grève le 10 octobre."
    (date,) = [c for c in extract(text, language="fr", published=dt.date(2024, 10, 2)).claims if c.type == "date"]
    assert date.value.iso == "2024-10-10"
    text = "Il avait démissionné le 28 décembre."
    (date,) = [c for c in extract(text, language="fr", published=dt.date(2024, 10, 2)).claims if c.type == "date"]
    assert date.value.iso == "2023-12-28"


@pytest.mark.parametrize(
    "language, text, iso",
    [
        ("en", "The company has until early June to comply.", "2024-06"),
        ("fr", "Le groupe a jusqu'à fin juin pour se conformer.", "2024-06"),
    ],
)
def test_a_deadline_points_to_the_coming_month(language, text, iso):
    (date,) = [c for c in extract(text, language=language, published=dt.date(2024, 3, 4)).claims if c.type == "date"]
    assert date.value.iso == iso
