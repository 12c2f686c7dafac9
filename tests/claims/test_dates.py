"""Dates on sentences of our own, in French and English news style, published on Wednesday 2024-05-29."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from unit_cases import load_cases

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


FRENCH = [(c["text"], [tuple(d) for d in c["dates"]]) for c in load_cases("dates", "fr")["case"]]

ENGLISH = [(c["text"], [tuple(d) for d in c["dates"]]) for c in load_cases("dates", "en")["case"]]


@pytest.mark.parametrize("text, expected", FRENCH)
def test_french_dates(text, expected):
    assert values(text, "fr") == expected


@pytest.mark.parametrize("text, expected", ENGLISH)
def test_english_dates(text, expected):
    assert values(text, "en") == expected


# First names that are also month or weekday abbreviations, the verb "été", planets, percentages,
# durations, counts, and days counted from another event.
NOT_DATES = [(code, text) for code in ("fr", "en") for text in load_cases("dates", code)["not"]]


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
        dates=replace(
            lex.dates,
            date_templates=tuple(replace(t, triggers=None) for t in lex.dates.date_templates),
            date_starts={},
            date_scanned=tuple(range(len(lex.dates.date_templates))),
        ),
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
    unknown = [t.pattern for t in lex.dates.date_templates if t.starts is None]
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


def test_a_number_word_before_another_is_no_number():
    """ "Network Seven two weeks ago": "seven two" is no number, "two weeks ago" is the date."""
    (date,) = [
        c
        for c in extract("Seven two weeks ago won the rights.", language="en", published=PUB).claims
        if c.type == "date"
    ]
    assert (date.text, date.value.iso) == ("two weeks ago", (PUB - dt.timedelta(days=14)).isoformat())


@pytest.mark.parametrize(
    "text, span, iso",
    [
        # a span between two months of different years is one claim, valued at its first end
        ("The trial ran between July 2023 and March 2025.", "between July 2023 and March 2025", "2023-07"),
        # a bare month keeps its preposition; "since" makes it the last such month
        ("The law has applied since June.", "since June", "2025-06"),
        ("Shares have fallen since December.", "since December", "2024-12"),
        ("The regulator will act, but the law has applied since June.", "since June", "2025-06"),
        ("The target was 90% complete by June.", "by June", "2025-06"),
        # a financial year by the two digits of the year it ends in
        ("Revenue for FY25 rose 9 per cent.", "FY25", "2025"),
        # what is expected or likely lies ahead
        ("The restructuring is a change expected in September.", "in September", "2025-09"),
        ("The petition is likely to be heard on Friday.", "Friday", "2025-08-22"),
    ],
)
def test_english_spans_and_directions_of_news_copy(text, span, iso):
    dates = [c for c in extract(text, language="en", published=dt.date(2025, 8, 19)).claims if c.type == "date"]
    assert [(d.text, d.value.iso) for d in dates] == [(span, iso)]


@pytest.mark.parametrize(
    "language, text, published, iso",
    [
        # a season just ended is nearer than the next one: "this winter" in March is the one behind
        ("en", "We had little snow this winter.", dt.date(2026, 3, 5), "2025-winter"),
        ("fr", "La production a reculé, faute de neige cet hiver.", dt.date(2026, 3, 12), "2025-winter"),
        # and the one about to begin, the one ahead
        ("en", "This spring the club reopens.", dt.date(2026, 3, 5), "2026-spring"),
    ],
)
def test_this_season_between_two_is_the_nearer(language, text, published, iso):
    (date,) = [c for c in extract(text, language=language, published=published).claims if c.type == "date"]
    assert date.value.iso == iso
