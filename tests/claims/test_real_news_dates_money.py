"""Dates and amounts as published news writes them (issue 10), each rule on sentences of our own.

The kinds come from the failures of the studied real-news articles (tests/realnews); the sentences
here are ours.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claims import extract

WED = dt.date(2024, 5, 29)  # a Wednesday


def found(text: str, kind: str, language: str, published: dt.date = WED) -> list[tuple[str, object]]:
    claims = [c for c in extract(text, language=language, published=published).claims if c.type == kind]
    for c in claims:
        assert text[c.start : c.end] == c.text
    return [(c.text, c.value.to_json()) for c in claims]


def dates(text: str, language: str, published: dt.date = WED) -> list[tuple[str, object]]:
    return found(text, "date", language, published)


def money(text: str, language: str, published: dt.date = WED) -> list[tuple[str, str, float, float | None]]:
    return [
        (t, v["currency"], v["amount"], v.get("max"))  # type: ignore[index, union-attr]
        for t, v in found(text, "money", language, published)
    ]


# ---- financial years and seasons -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, want",
    [
        ("The council set its 2025/26 budget on Tuesday.", "en", [("2025/26", "2025"), ("Tuesday", "2024-05-28")]),
        ("Fees go up in the 2026/2027 financial year.", "en", [("2026/2027 financial year", "2026")]),
        ("The 2018-19 season was the club's best.", "en", [("2018-19", "2018")]),
        ("A drawing (c.1810-11) was bought.", "en", [("c.1810-11", "1810")]),
        ("Les comptes de l'exercice 2022-2023 sont bons.", "fr", [("2022-2023", "2022")]),
        ("La saison 2021/22 a été longue.", "fr", [("2021/22", "2021")]),
    ],
)
def test_a_financial_year_is_valued_at_its_first_year(text, language, want):
    assert dates(text, language) == want


@pytest.mark.parametrize(
    "text, language",
    [
        ("Call 2023-85 for details.", "en"),  # 62 years apart: no span of years (a plan's "2020-25" is one)
        ("The code 2019-20-31 is wrong.", "en"),
    ],
)
def test_two_digits_after_a_year_that_are_not_the_next_year(text, language):
    assert all(not t.startswith(("2023-85", "2019-20")) for t, _ in dates(text, language))


# ---- the day of publication, by its parts ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, want",
    [
        (
            "The board met this evening. Speaking earlier today, the mayor said no. Talks failed last night.",
            "en",
            [("this evening", "2024-05-29"), ("earlier today", "2024-05-29"), ("last night", "2024-05-28")],
        ),
        ("She resigned this morning.", "en", [("this morning", "2024-05-29")]),
        ("The last night of the festival was wet.", "en", []),  # a night of the story
        (
            "L'audience a repris ce matin. Ce soir, le jury délibère.",
            "fr",
            [("ce matin", "2024-05-29"), ("Ce soir", "2024-05-29")],
        ),
        ("Ce matin-là, il pleuvait.", "fr", []),  # a morning of the story
    ],
)
def test_a_part_of_the_day_of_publication_is_that_day(text, language, want):
    assert dates(text, language) == want


# ---- weekdays in a list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, want",
    [
        # four weekdays in a row: a schedule, no day of the calendar
        ("S'il le faut, nous siégerons lundi, mardi, mercredi, jeudi jusqu'à l'accord.", "fr", []),
        ("The shop opens Monday, Tuesday, Thursday and Friday.", "en", []),
        # three may be a forecast of the coming days; two are two days
        (
            "Il pleuvra samedi, dimanche et lundi.",
            "fr",
            [("samedi", "2024-06-01"), ("dimanche", "2024-06-02"), ("lundi", "2024-06-03")],
        ),
        ("Le conseil a siégé lundi et mardi.", "fr", [("lundi", "2024-05-27"), ("mardi", "2024-05-28")]),
    ],
)
def test_weekdays_listed_in_a_row_name_no_day(text, language, want):
    assert dates(text, language) == want


# ---- the year of a date written without one -------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # a story goes forward: a month before its last dated one is of the time of publication
        (
            "Les inspecteurs sont venus en octobre 2023, puis la Cour en mars.",
            "fr",
            dt.date(2024, 9, 20),
            [("octobre 2023", "2023-10"), ("en mars", "2024-03")],
        ),
        # a day without its year, just before a dated day of the same sentence, well before publication
        (
            "Le courrier daté du 12 octobre et reçu le 2 novembre 2015 a été lu.",
            "fr",
            WED,
            [("12 octobre", "2015-10-12"), ("2 novembre 2015", "2015-11-02")],
        ),
        (
            "The letter written on December 20 and sent on January 4, 2016 was read.",
            "en",
            WED,
            [("December 20", "2015-12-20"), ("January 4, 2016", "2016-01-04")],
        ),
        # ... not a date of now that names an older one
        (
            "Le 12 mars, la cour a annulé la décision du 6 décembre 2016.",
            "fr",
            WED,
            [("12 mars", "2024-03-12"), ("6 décembre 2016", "2016-12-06")],
        ),
        # a day whose weekday puts it in an earlier year tells the year of the story that follows
        (
            "The first case came on Tuesday, March 3. The worst day was April 14.",
            "en",
            dt.date(2021, 4, 7),
            [("Tuesday, March 3", "2020-03-03"), ("April 14", "2020-04-14")],
        ),
    ],
)
def test_the_year_of_a_yearless_date(text, language, published, want):
    assert dates(text, language, published) == want


# ---- amounts without a currency ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, want",
    [
        # an article that names no currency at all: the country it is set in tells it
        (
            "Ottawa versera 2,4 milliards pour le métro de Montréal, et la Ville 500 millions.",
            "fr",
            [("2,4 milliards", "CAD", 2_400_000_000, None), ("500 millions", "CAD", 500_000_000, None)],
        ),
        (
            "Le canton de Vaud investira 1,5 milliard dans ses hôpitaux.",
            "fr",
            [("1,5 milliard", "CHF", 1_500_000_000, None)],
        ),
        # ... and with no country named, no currency can be told: no amount
        ("La région investira 1,5 milliard dans ses hôpitaux.", "fr", []),
        ("La ville compte 2 millions d'habitants à Montréal.", "fr", []),
        # "d'argent", "de plus": still money
        (
            "Le club a reçu 12 millions d’euros, puis quatre millions d'argent frais, deux millions de plus qu'espéré.",
            "fr",
            [
                ("12 millions d’euros", "EUR", 12_000_000, None),
                ("quatre millions", "EUR", 4_000_000, None),
                ("deux millions", "EUR", 2_000_000, None),
            ],
        ),
    ],
)
def test_amounts_without_a_currency_of_their_own(text, language, want):
    assert money(text, language) == want


@pytest.mark.parametrize(
    "text, language, want",
    [
        # "entre … et …" with the currency on the first end only, or on none (the article's)
        (
            "Le chantier coûtera entre 2,5 milliards de dollars et 4 milliards, dit Québec.",
            "fr",
            [("entre 2,5 milliards de dollars et 4 milliards", "CAD", 2_500_000_000, 4_000_000_000)],
        ),
        (
            "Le club a payé 8 millions d’euros ; le gain est estimé entre 12 et 15 millions.",
            "fr",
            [
                ("8 millions d’euros", "EUR", 8_000_000, None),
                ("entre 12 et 15 millions", "EUR", 12_000_000, 15_000_000),
            ],
        ),
        (
            "Il coûtera entre 2 millions d'euros et 3 millions d'euros.",
            "fr",
            [("entre 2 millions d'euros et 3 millions d'euros", "EUR", 2_000_000, 3_000_000)],
        ),
        # "de … à …" with no currency may be a change: not read as a range, two amounts, the first
        # in the scale and currency of the second
        (
            "Le club a payé 8 millions d’euros ; les recettes passent de 616 à 670 millions.",
            "fr",
            [
                ("8 millions d’euros", "EUR", 8_000_000, None),
                ("616", "EUR", 616_000_000, None),
                ("670 millions", "EUR", 670_000_000, None),
            ],
        ),
    ],
)
def test_ranges_written_with_one_currency(text, language, want):
    assert money(text, language) == want


# ---- the dinar and the dirham -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, want",
    [
        # the Maghreb press writes the scale into the abbreviation, in capitals
        (
            "La société doit 4 millions d’euros (13,8 MD) à l'aéroport ; le ticket vaut 12 DT.",
            "fr",
            [
                ("4 millions d’euros", "EUR", 4_000_000, None),
                ("13,8 MD", "TND", 13_800_000, None),
                ("12 DT", "TND", 12, None),
            ],
        ),
        (
            "Le port recevra 250 MDH, puis 1,2 MMDH.",
            "fr",
            [("250 MDH", "MAD", 250_000_000, None), ("1,2 MMDH", "MAD", 1_200_000_000, None)],
        ),
        ("Il lui reste 5 md de batterie.", "fr", []),  # lower case: no currency
        # bare dinars: the country the article is set in
        ("À Oran, l'amende atteint 2 millions de dinars.", "fr", [("2 millions de dinars", "DZD", 2_000_000, None)]),
        ("À Sousse, la chambre coûte 300 dinars.", "fr", [("300 dinars", "TND", 300, None)]),
        ("In Baghdad the fine was 5 million dinars.", "en", [("5 million dinars", "IQD", 5_000_000, None)]),
    ],
)
def test_dinars_and_dirhams(text, language, want):
    assert money(text, language) == want


# ---- English amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        ("The board lifted its dividend to 6.2 euro cents.", [("6.2 euro cents", "EUR", 0.062, None)]),
        # the South African press sets thousands apart with spaces
        (
            "In Durban the allowance rises to R2 750, and the bonus to R1 200 000.",
            [("R2 750", "ZAR", 2750, None), ("R1 200 000", "ZAR", 1_200_000, None)],
        ),
        # an adjective in -ly before a noun counts things; an adverb in -ly ends an amount
        (
            "The group paid €4m and now has 2.1 million monthly readers; it earns 3 million yearly.",
            [("€4m", "EUR", 4_000_000, None), ("3 million", "EUR", 3_000_000, None)],
        ),
    ],
)
def test_english_amounts_of_published_news(text, want):
    assert money(text, "en") == want


# ---- the tense around a date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # a participle or a past infinitive right before the date: the one before publication
        (
            "Il risque de perdre son sursis, lié à une peine prononcée en avril par la cour.",
            "fr",
            dt.date(2022, 6, 16),
            [("en avril", "2022-04")],
        ),
        (
            "La société dit avoir reçu le 10 juin une offre qui sera étudiée.",
            "fr",
            dt.date(2025, 6, 18),
            [("10 juin", "2025-06-10")],
        ),
        # ... unless a future or a negation comes before the participle
        (
            "Si le texte n’est pas voté jeudi, la séance reprendra.",
            "fr",
            dt.date(2021, 12, 15),
            [("jeudi", "2021-12-16")],
        ),
        (
            "Il espère que le plan sera bel et bien adopté jeudi.",
            "fr",
            dt.date(2021, 12, 15),
            [("jeudi", "2021-12-16")],
        ),
        # a timetable in the present speaks of what follows it
        (
            "Unions called the stoppage, which begins on Thursday.",
            "en",
            dt.date(2019, 1, 26),
            [("Thursday", "2019-01-31")],
        ),
        (
            "The council voted on Tuesday for the year that begins July 1.",
            "en",
            dt.date(2025, 6, 11),
            [("Tuesday", "2025-06-10"), ("July 1", "2025-07-01")],
        ),
    ],
)
def test_the_tense_around_a_date(text, language, published, want):
    assert dates(text, language, published) == want


# ---- spans published news writes as one date ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # two months in a row are one claim, valued at the first
        ("Two more strikes took place in March and April.", "en", WED, [("in March and April", "2024-03")]),
        ("Fin mars-début avril, l'audit a été rendu.", "fr", WED, [("Fin mars-début avril", "2024-03")]),
        (
            "Between October 2022 and March 2023 the line was shut.",
            "en",
            WED,
            [("Between October 2022 and March 2023", "2022-10")],
        ),
        # ... the first of the year written with the last
        ("De mars à mai 2023, la ligne était fermée.", "fr", WED, [("De mars à mai 2023", "2023-03")]),
        ("From November to February 2023 it snowed.", "en", WED, [("From November to February 2023", "2022-11")]),
        # a part of a month or of the year, written with "de"
        ("Un début d'avril sous le signe des gains.", "fr", WED, [("début d'avril", "2024-04")]),
        ("Elle dirige le club depuis le début de l’année 2022.", "fr", WED, [("début de l’année 2022", "2022")]),
        ("Les travaux commenceront avant la fin de l'année.", "fr", WED, [("avant la fin de l'année", "2024")]),
        ("Le chiffre a doublé depuis le début de l'année.", "fr", WED, []),  # a span up to now
        (
            "The party will publish its costings by the end of the coming week.",
            "en",
            WED,
            [("the end of the coming week", "2024-W23")],
        ),
        ("Sales have doubled since the start of the year.", "en", WED, []),
        # the year or the month named after "cette année", "ce mois"
        ("C'est ainsi que cette année 2019 verra un congrès.", "fr", WED, [("cette année 2019", "2019")]),
        ("Mais en ce mois de mars 2024, tout change.", "fr", WED, [("en ce mois de mars 2024", "2024-03")]),
        # "la nuit du 3 au 4 mai derniers": one night, from its first day
        (
            "Il est entré dans la nuit du 3 au 4 mai derniers.",
            "fr",
            WED,
            [("la nuit du 3 au 4 mai derniers", "2024-05-03")],
        ),
        # the weekday an editor put in square brackets after "demain"
        ("« Nous le dirons demain [jeudi] », a-t-il dit.", "fr", WED, [("demain [jeudi]", "2024-05-30")]),
        # "la semaine du 24 février", "the week of March 24": the week of that day
        ("La réunion a eu lieu la semaine du 13 mai.", "fr", WED, [("la semaine du 13 mai", "2024-W20")]),
        ("Hearings were held the week of May 13.", "en", WED, [("the week of May 13", "2024-W20")]),
        # a bare month keeps its preposition ("depuis mars" as "en mars")
        ("Les prix montent depuis mars.", "fr", WED, [("depuis mars", "2024-03")]),
        # a month after "its"
        ("The council meets before its August recess.", "en", WED, [("August", "2024-08")]),
    ],
)
def test_spans_written_as_one_date(text, language, published, want):
    assert dates(text, language, published) == want


# ---- days known by their name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, want",
    [
        ("Le syndicat exclut une grève le jour de l’Halloween.", "fr", [("le jour de l’Halloween", "2023-10-31")]),
        ("Il a évoqué un arrêt possible à l'Halloween.", "fr", [("l'Halloween", "2023-10-31")]),
        ("Les magasins fermeront la veille de Noël.", "fr", [("la veille de Noël", "2023-12-24")]),
        (
            "Stores will close early on Christmas Eve and reopen on Boxing Day.",
            "en",
            [("Christmas Eve", "2023-12-24"), ("Boxing Day", "2023-12-26")],
        ),
        ("The parade was held on St Patrick's Day.", "en", [("St Patrick's Day", "2023-03-17")]),
    ],
)
def test_days_known_by_their_name(text, language, want):
    assert dates(text, language, dt.date(2023, 10, 17)) == want


# ---- weekdays ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # "this Thursday" in a sentence about the future, once this week's Thursday is past: the coming one
        ("Nurses will strike this Thursday.", "en", dt.date(2025, 10, 19), [("this Thursday", "2025-10-23")]),
        ("Nurses went on strike this Thursday.", "en", dt.date(2025, 10, 19), [("this Thursday", "2025-10-16")]),
        # a weekday that begins a title: the newspaper, not the day
        ("He told the Sunday Independent it would work.", "en", dt.date(2022, 10, 16), []),
        ("Dimanche Ouest France\nHier, le maire a parlé.", "fr", dt.date(2024, 1, 28), [("Hier", "2024-01-27")]),
        ("On Monday President Biden spoke.", "en", dt.date(2025, 10, 19), [("Monday", "2025-10-13")]),
    ],
)
def test_weekdays_of_published_news(text, language, published, want):
    assert dates(text, language, published) == want


def test_an_english_date_in_a_tweet_quoted_by_a_french_article():
    text = "« Je regrette », a-t-il dit. — Jeanne Martin (@jmartin) March 3, 2021\nPuis la cour s'est retirée."
    assert dates(text, "fr", dt.date(2021, 3, 3)) == [("March 3, 2021", "2021-03-03")]
    # a French month written in English order stays no date
    assert dates("Le match du Mars 3, 2021 est reporté.", "fr", dt.date(2021, 3, 3)) == []


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # "il y’a": the apostrophe some papers write in "il y a"
        (
            "Nommé il y’a un mois, il a reçu la presse hier.",
            "fr",
            dt.date(2018, 6, 6),
            [("il y’a un mois", "2018-05-06"), ("hier", "2018-06-05")],
        ),
        ("She set the tone for the week ahead.", "en", dt.date(2025, 10, 19), [("the week ahead", "2025-W43")]),
    ],
)
def test_relative_dates_as_the_press_writes_them(text, language, published, want):
    assert dates(text, language, published) == want


def test_an_english_range_of_bare_amounts_takes_the_article_currency():
    assert money("The club paid €20m; savings are between 25 and 30 million this year.", "en") == [
        ("€20m", "EUR", 20_000_000, None),
        ("between 25 and 30 million", "EUR", 25_000_000, 30_000_000),
    ]


@pytest.mark.parametrize(
    "text, want",
    [
        # a round count of a scale word, with its currency: about that much
        (
            "L'effort représente une cinquantaine de millions d’euros.",
            [("une cinquantaine de millions d’euros", "EUR", 50_000_000, None)],
        ),
        (
            "Québec prévoit une dizaine de milliards de dollars.",
            [("une dizaine de milliards de dollars", "CAD", 10_000_000_000, None)],
        ),
        # a count of people, or of books, is no money
        ("Une centaine de millions de personnes sont touchées.", []),
        ("Il a vendu une vingtaine de millions de livres.", []),
    ],
)
def test_round_counts_of_millions(text, want):
    assert money(text, "fr") == want


# ---- signs of local currencies, idioms, ranges with both ends signed -------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "In Nairobi the county passed a Sh12.5 billion budget, up from Sh 11 billion.",
            [("Sh12.5 billion", "KES", 12_500_000_000, None), ("Sh 11 billion", "KES", 11_000_000_000, None)],
        ),
        ("The Kampala council owes Sh4 billion.", [("Sh4 billion", "UGX", 4_000_000_000, None)]),
        (
            "In Manila, Ayala booked P3.2 billion, against P2 billion.",
            [("P3.2 billion", "PHP", 3_200_000_000, None), ("P2 billion", "PHP", 2_000_000_000, None)],
        ),
        (
            "Each aspirant in Kumasi paid GH¢20,000 and GHc5,000 more.",
            [("GH¢20,000", "GHS", 20_000, None), ("GHc5,000", "GHS", 5_000, None)],
        ),
        ("A Mombasa trader paid KSh 3,000.", [("KSh 3,000", "KES", 3_000, None)]),
        # elsewhere the capitals are pages, codes and roads
        ("Turn to P4 and see road Sh2 in the Dublin plan.", []),
        # an article before a coin is a way of speaking; the numeral is an amount
        (
            "He never gave back a penny, only 40 pence and one penny.",
            [("40 pence", "GBP", 0.4, None), ("one penny", "GBP", 0.01, None)],
        ),
        ("They spent a half-billion dollars.", [("a half-billion dollars", "USD", 500_000_000, None)]),
        # both ends signed: a range after "between", a change after "from" with a verb before it
        ("The ticket costs between $20 and $30.", [("between $20 and $30", "USD", 20, 30)]),
        ("The ticket went from $20 to $30.", [("$20", "USD", 20, None), ("$30", "USD", 30, None)]),
    ],
)
def test_english_signs_and_idioms_of_money(text, want):
    assert money(text, "en") == want


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "À Genève, plus d’un demi-milliard de francs sera investi.",
            [("un demi-milliard de francs", "CHF", 500_000_000, None)],
        ),
        ("Ça coûte un penny.", [("un penny", "GBP", 0.01, None)]),
        # "De … à …" opening its sentence, or after "et" that follows such a range: a range
        (
            "À Douala, le kilo est cher. De 900 F à 950 F pour le bas de gamme et de 1 000 F à 1 100 F pour le reste.",
            [("De 900 F à 950 F", "XAF", 900, 950), ("de 1 000 F à 1 100 F", "XAF", 1_000, 1_100)],
        ),
        # after a verb: a change between two amounts
        ("À Douala, le kilo passe de 900 F à 950 F.", [("900 F", "XAF", 900, None), ("950 F", "XAF", 950, None)]),
        # a bare amount after another in its own sentence: that one's currency
        (
            "À Paris, la ville a versé 40 millions d’euros puis 2 millions d’euros. Apple a payé 3 milliards de dollars, puis 2 milliards.",
            [
                ("40 millions d’euros", "EUR", 40_000_000, None),
                ("2 millions d’euros", "EUR", 2_000_000, None),
                ("3 milliards de dollars", "USD", 3_000_000_000, None),
                ("2 milliards", "USD", 2_000_000_000, None),
            ],
        ),
        # a bare amount alone in its sentence, between two in different currencies: the article's commoner one
        (
            "À Dakar, l'État a versé 40 millions de francs CFA puis 2 millions de francs CFA. "
            "Le club a payé 5 millions d’euros. Chacun a reçu 12 millions. Le coach a touché 9 millions de francs CFA.",
            [
                ("40 millions de francs CFA", "XOF", 40_000_000, None),
                ("2 millions de francs CFA", "XOF", 2_000_000, None),
                ("5 millions d’euros", "EUR", 5_000_000, None),
                ("12 millions", "XOF", 12_000_000, None),
                ("9 millions de francs CFA", "XOF", 9_000_000, None),
            ],
        ),
    ],
)
def test_french_signs_and_ranges_of_money(text, want):
    assert money(text, "fr") == want


# ---- years in context, long ago, schedules, days joined ----------------------------------------------


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # a year after an elided preposition, and as an adjective after a possessive
        ("Il y a dix élèves de plus qu’en 2011 et autant qu'en 2009.", "fr", WED, [("2011", "2011"), ("2009", "2009")]),
        ("The money goes into the Ottawa Fire Service’s 2025 budget.", "en", WED, [("2025", "2025")]),
        # twenty years back and more: the year; two years back: the day
        (
            "The hall opened 150 years ago; the roof fell in two years ago.",
            "en",
            WED,
            [("150 years ago", "1874"), ("two years ago", "2022-05-29")],
        ),
        ("Le club est né il y a trente ans.", "fr", WED, [("il y a trente ans", "1994")]),
        # the days of a week's schedule, in brackets, are no days of the calendar
        (
            "Forms are on sale from 9 am to 4 pm (Monday to Friday), it said on Tuesday.",
            "en",
            WED,
            [("Tuesday", "2024-05-28")],
        ),
        ("Le guichet ouvre de 8 h à 16 h (lundi-vendredi), a-t-il dit mardi.", "fr", WED, [("mardi", "2024-05-28")]),
        # two days joined, each with its weekday, or with the spaces of pasted copy: one claim
        (
            "Ils manifesteront les jeudi 30 et vendredi 31 mai.",
            "fr",
            WED,
            [("les jeudi 30 et vendredi 31 mai", "2024-05-30")],
        ),
        ("Ils manifesteront les 30  et 31 mai.", "fr", WED, [("les 30  et 31 mai", "2024-05-30")]),
    ],
)
def test_years_long_ago_schedules_and_joined_days(text, language, published, want):
    assert dates(text, language, published) == want


@pytest.mark.parametrize(
    "text, language, want",
    [
        # "today" closing a quotation, in the present: the speaker's nowadays
        ('"It shapes the city we live in today," the mayor said.', "en", []),
        ("« C'est la ville que nous sommes aujourd'hui », dit-elle.", "fr", []),
        # in a past tense, or inside the sentence, it is the day
        (
            '"That is what happened today." He spoke today at noon.',
            "en",
            [("today", "2024-05-29"), ("today", "2024-05-29")],
        ),
        # a statement is reported once made: its weekday is past, whatever future it speaks of
        (
            "The party, in a statement on Friday, said forms shall be sold from June.",
            "en",
            [("Friday", "2024-05-24"), ("June", "2024-06")],
        ),
        (
            "Le parti, dans un communiqué vendredi, indique que les listes seront closes.",
            "fr",
            [("vendredi", "2024-05-24")],
        ),
    ],
)
def test_today_in_quotes_and_days_of_statements(text, language, want):
    assert dates(text, language) == want


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # "the same period": the period of the date said before, in the year it names
        (
            "Sales hit $3 million in the first half of 2024, double the same period last year.",
            "en",
            dt.date(2024, 8, 2),
            [("first half of 2024", "2024-H1"), ("the same period last year", "2023-H1")],
        ),
        (
            "It lost $1 million from July to September 2024, after a gain in the same period of 2023.",
            "en",
            dt.date(2024, 11, 5),
            [("from July to September 2024", "2024-07"), ("the same period of 2023", "2023-Q3")],
        ),
        (
            "Le chiffre du deuxième trimestre 2024 dépasse celui de la même période de l'an dernier.",
            "fr",
            dt.date(2024, 8, 2),
            [("deuxième trimestre 2024", "2024-Q2"), ("la même période de l'an dernier", "2023-Q2")],
        ),
        # "the first six months": the first half, of the year when it is over
        ("Profit rose in the first six months.", "en", dt.date(2024, 8, 2), [("the first six months", "2024-H1")]),
        ("Les trois premiers mois de 2022 ont été durs.", "fr", WED, [("Les trois premiers mois de 2022", "2022-Q1")]),
        # "le week-end dernier", "ce week-end": the week of that weekend, as "last weekend" is
        (
            "La grève lancée le week-end dernier continue ce week-end.",
            "fr",
            WED,
            [("le week-end dernier", "2024-W21"), ("ce week-end", "2024-W22")],
        ),
    ],
)
def test_same_periods_first_months_and_weekends(text, language, published, want):
    assert dates(text, language, published) == want


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # counted back from the date said before in the sentence, at its precision
        (
            "Ses ventes ont atteint 4 M€ l’an dernier, contre 1 million un an plus tôt.",
            "fr",
            WED,
            [("l’an dernier", "2023"), ("un an plus tôt", "2022")],
        ),
        (
            "Margins were 5% in the third quarter of 2023, against 3% a year earlier.",
            "en",
            WED,
            [("third quarter of 2023", "2023-Q3"), ("a year earlier", "2022-Q3")],
        ),
        (
            "The plant shut on March 3, two weeks earlier.",
            "en",
            WED,
            [("March 3", "2024-03-03"), ("two weeks earlier", "2024-02-18")],
        ),
        # with none in the sentence, from publication
        ("Le prix a doublé. Il était de 3 francs deux ans plus tôt.", "fr", WED, [("deux ans plus tôt", "2022-05-29")]),
        # "this financial year": the year of publication
        ("This financial year the county will build 40 kitchens.", "en", WED, [("This financial year", "2024")]),
    ],
)
def test_earlier_than_the_date_before_and_financial_years(text, language, published, want):
    assert dates(text, language, published) == want


@pytest.mark.parametrize(
    "text, language, published, want",
    [
        # the dateline of a story written the day before publication: its "hier" is from that day
        (
            "Les élus reçus\n\nThiès, le 28 mai 2024 - Les élus ont été reçus hier au palais.",
            "fr",
            WED,
            [("28 mai 2024", "2024-05-28"), ("hier", "2024-05-27")],
        ),
        (
            "KAMPALA, May 27 (Reuters) - The bank said yesterday it would act.",
            "en",
            WED,
            [("May 27", "2024-05-27"), ("yesterday", "2024-05-26")],
        ),
        # a date in the text is no dateline
        (
            "Elle a dit le 28 mai 2024 - puis hier - qu'elle partait.",
            "fr",
            WED,
            [("28 mai 2024", "2024-05-28"), ("hier", "2024-05-28")],
        ),
        # "this week" with a future, in a Sunday paper: the coming week
        ("Schools close for this week's planned strike.", "en", dt.date(2024, 6, 2), [("this week", "2024-W23")]),
        ("This week was hard.", "en", dt.date(2024, 6, 2), [("This week", "2024-W22")]),
    ],
)
def test_datelines_and_sunday_weeks(text, language, published, want):
    assert dates(text, language, published) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # a month's own ("January's signings") is that month; a name's ("Theresa May's") is not
        ("With January’s signings, the club spent more.", [("January", "2025-01")]),
        ("Theresa May's cabinet met.", []),
    ],
)
def test_a_month_in_the_possessive(text, want):
    assert dates(text, "en", dt.date(2025, 3, 31)) == want


@pytest.mark.parametrize(
    "text, language, want",
    [
        # a day alone after a day with its month, in the same sentence: of that month
        (
            "Les soldats ont voté le 2 mars, les civils le 9, puis les expatriés.",
            "fr",
            [("2 mars", "2024-03-02"), ("le 9", "2024-03-09")],
        ),
        (
            "Troops voted on March 2 and civilians on the 9th.",
            "en",
            [("March 2", "2024-03-02"), ("the 9th", "2024-03-09")],
        ),
        # with no month before it and no word that makes it a day, a number
        ("Il est arrivé le 9.", "fr", []),
    ],
)
def test_a_day_alone_after_its_month(text, language, want):
    assert dates(text, language) == want


@pytest.mark.parametrize(
    "text, language, want",
    [
        ("Profit rose in the first six months of the year.", "en", [("the first six months of the year", "2024-H1")]),
        # the first months of something else than a year are no half
        ("In the first six months of her term she failed.", "en", []),
        ("Les six premiers mois de son mandat ont été durs.", "fr", []),
    ],
)
def test_first_months_of_a_year_only(text, language, want):
    assert dates(text, language, dt.date(2024, 8, 2)) == want


def test_a_part_of_the_year_without_its_article():
    text = "Il partira en fin d’année, après un froid observé en début d'année."
    assert dates(text, "fr") == [("en fin d’année", "2024"), ("en début d'année", "2024")]
