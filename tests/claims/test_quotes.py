"""Quotes in French and English news: marks, kinds, speakers, and the sentences left unclaimed.

The articles were written for these tests (people and companies are fictional). Each lists every
quote, in reading order, by the start of its words, with its speaker and kind.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unit_cases import load_cases

from claims import extract

PUB = dt.date(2024, 6, 5)
NB, NNB = "\u00a0", "\u202f"


def quotes_of(text: str, language: str = "auto"):
    result = extract(text, language=language, published=PUB)
    out = []
    for c in result.claims:
        assert text[c.start : c.end] == c.text
        if c.type == "quote":
            out.append(c)
    return out


def summary(text: str, language: str = "auto") -> list[tuple[str, str | None, str]]:
    return [(c.value.text, c.value.speaker, c.value.kind) for c in quotes_of(text, language)]


def check_article(text: str, want: list[tuple[str, str | None, str]]) -> None:
    got = summary(text)
    assert len(got) == len(want), [g[0][:30] for g in got]
    for (words, speaker, kind), (start, want_speaker, want_kind) in zip(got, want):
        assert words.startswith(start), (words, start)
        assert (speaker, kind) == (want_speaker, want_kind), words


# ---- articles ---------------------------------------------------------------------------------

FR_SPORT = f"""Ligue 1 : l’Olympique lyonnais renverse Lens et relance la course à l’Europe

Mené au score à la pause, l’Olympique lyonnais s’est imposé 3-2 face au RC Lens, samedi soir. Le doublé de l’attaquant Yanis Belkacem en fin de match a permis à l’équipe de remonter à la cinquième place du classement.

«{NB}On n’a rien lâché, c’est la marque des grandes équipes{NB}», a réagi l’entraîneur lyonnais, Marc Delorme, au micro de Prime Video. Son homologue lensois, Tobias Lindqvist, a regretté «{NB}un manque de maîtrise dans les dix dernières minutes{NB}».

Belkacem, 21 ans, a inscrit son huitième but de la saison. «{NB}Je pense surtout au collectif. Le coach m’a fait confiance dès le premier jour{NB}», a confié le jeune attaquant, formé au club. Courtisé par Chelsea et le Borussia Dortmund, il reste sous contrat jusqu’en 2027.

Lyon se déplacera à Marseille dimanche prochain, avant de recevoir le Paris Saint-Germain. Interrogé sur les ambitions du club, son président, Laurent Brissac, est resté prudent : “L’Europe, on y pense, mais sans s’enflammer.”
"""

FR_JUSTICE = f"""Procès des assistants parlementaires : la défense plaide la relaxe

Au dernier jour des plaidoiries, lundi, devant le tribunal correctionnel de Paris, les avocats de l’ancien eurodéputé Philippe Marchetti ont demandé la relaxe de leur client. «{NB}Il n’y a dans ce dossier ni enrichissement personnel ni système organisé{NB}», a lancé Me Sophie Delaunay, qui défend l’élu depuis 2019.

Le parquet a requis jeudi dernier deux ans de prison avec sursis et 100{NB}000 euros d’amende contre M. Marchetti, accusé d’avoir rémunéré avec des fonds du Parlement européen des collaborateurs travaillant en réalité pour son parti. Selon l’accusation, le préjudice s’élèverait à 1,4 million d’euros.

«{NB}Nous avons démontré que chaque contrat correspondait à un travail réel{NB}», a insisté son autre avocat, Me Karim Benali. Le Parlement européen, partie civile, réclame le remboursement intégral des sommes.

La présidente du tribunal, Anne-Sophie Roux, a annoncé que la décision serait rendue le 12 septembre. Interrogé à la sortie de l’audience, Philippe Marchetti s’est dit «{NB}serein{NB}» et «{NB}confiant dans la justice de son pays{NB}».
"""

FR_INTERNATIONAL = f"""Ukraine : Kiev et Moscou s’accusent mutuellement après une frappe sur Kharkiv

Une frappe de missiles a fait au moins huit morts dans la nuit de mardi à mercredi à Kharkiv, deuxième ville d’Ukraine, selon le gouverneur régional Oleh Kravets. Les autorités ukrainiennes accusent l’armée russe d’avoir visé un quartier résidentiel.

Le ministère russe de la Défense a affirmé de son côté avoir frappé «{NB}des infrastructures militaires{NB}». Le porte-parole du Kremlin, Viktor Smirnov, a dénoncé une «{NB}campagne de désinformation{NB}» orchestrée par les Occidentaux.

À Bruxelles, la cheffe de la diplomatie européenne, Elena Marquez, a condamné «{NB}une nouvelle violation flagrante du droit international{NB}». L’Organisation des Nations unies a appelé à une enquête indépendante. Le maire de la ville, Ihor Kovalenko, a réclamé sur Telegram davantage de systèmes de défense aérienne{NB}: «{NB}Chaque jour de retard coûte des vies.{NB}»
"""

EN_SPORT = """Late Double Sends Arsenal Top as Chelsea Stumble at Villa Park

LONDON — Arsenal moved to the top of the Premier League on Saturday, as two late goals from substitute Mateo Vargas secured a 2-0 win over Brentford.

“It was not our best performance, but the character was there,” said Arsenal manager Tomás Reyes. Vargas, 23, came off the bench in the 71st minute and scored twice in six minutes. Asked about his future, he said: “I am happy here. I want to win trophies with this club.”

Chelsea, meanwhile, slipped to fifth after a 1-1 draw against Aston Villa. Head coach Viktor Halvorsen admitted his side had been “too slow in possession” for long spells, and the defeat leaves Chelsea three points adrift of the top four.

Villa striker Jamal Pryce-Evans, who scored the equaliser, said his team “deserved more than a point.”
"""

EN_COURT = """Judge Rules Against Streaming Service in Royalties Dispute

A federal judge in San Francisco ruled on Thursday that Auralis, the music streaming company, underpaid songwriters by as much as $120 million between 2019 and 2022, handing a major victory to the National Music Publishers' Association.

In a 48-page decision, U.S. District Judge Harriet Okafor-Lane wrote that Auralis had "systematically misclassified" subscription bundles to reduce the royalties it owed. The company said it would appeal.

"We strongly disagree with the court's reading of the law," an Auralis spokesperson, Derek Chu, said in a statement. "Our bundles have been transparent from day one."

Martin Feld, the association's chief executive, called the ruling “a wake-up call for the entire industry.” Last year, a rival service, Tunewave, settled a similar lawsuit for an undisclosed sum.
"""

EN_HEALTH = """Hospital Trust Apologises After Cancer Test Delays

Hundreds of patients in Greater Manchester waited more than three months for cancer test results because of an IT failure, an independent review has found.

The review, commissioned by Northern Care Alliance NHS Foundation Trust, found that 1,214 referrals were left in a digital queue between March and June 2023. At least 14 patients later received a cancer diagnosis, it said.

"We are deeply sorry," said Dr Rachel Ormsby, the trust's chief medical officer. "Patients deserved better from us, and we have made changes to make sure this cannot happen again."

The review was led by Professor Graham Whitcombe, a former NHS England adviser. He said the failure was "entirely avoidable" and criticised what he called "a culture of workarounds".

Local MP Joanne Hartley described the findings as "deeply troubling" and said she would raise the case in Parliament.
"""

FRENCH_ARTICLES = {
    "sport": (
        FR_SPORT,
        [
            ("On n’a rien lâché", "Marc Delorme", "speech"),
            ("un manque de maîtrise", "Tobias Lindqvist", "speech"),
            ("Je pense surtout au collectif. Le coach", "Yanis Belkacem", "speech"),  # two sentences, one quote
            ("L’Europe, on y pense", "Laurent Brissac", "speech"),
        ],
    ),
    "justice": (
        FR_JUSTICE,
        [
            ("Il n’y a dans ce dossier", "Sophie Delaunay", "speech"),
            ("Nous avons démontré", "Karim Benali", "speech"),
            ("serein", "Philippe Marchetti", "speech"),
            ("confiant dans la justice", "Philippe Marchetti", "speech"),
        ],
    ),
    "international": (
        FR_INTERNATIONAL,
        [
            ("des infrastructures militaires", "ministère russe de la Défense", "speech"),
            ("campagne de désinformation", "Viktor Smirnov", "speech"),
            ("une nouvelle violation", "Elena Marquez", "speech"),
            ("Chaque jour de retard", "Ihor Kovalenko", "speech"),
        ],
    ),
}

ENGLISH_ARTICLES = {
    "sport": (
        EN_SPORT,
        [
            ("It was not our best", "Tomás Reyes", "speech"),
            ("I am happy here. I want", "Mateo Vargas", "speech"),
            ("too slow in possession", "Viktor Halvorsen", "speech"),
            ("deserved more than a point.", "Jamal Pryce-Evans", "speech"),
        ],
    ),
    "court": (
        EN_COURT,
        [
            ("systematically misclassified", "Harriet Okafor-Lane", "speech"),
            ("We strongly disagree", "Derek Chu", "speech"),
            ("Our bundles", "Derek Chu", "speech"),
            ("a wake-up call", "Martin Feld", "speech"),
        ],
    ),
    "health": (
        EN_HEALTH,
        [
            ("We are deeply sorry", "Rachel Ormsby", "speech"),
            ("Patients deserved better", "Rachel Ormsby", "speech"),
            ("entirely avoidable", "Graham Whitcombe", "speech"),
            ("a culture of workarounds", None, "term"),  # "what he called ..."
            ("deeply troubling", "Joanne Hartley", "speech"),
        ],
    ),
}


@pytest.mark.parametrize("name", FRENCH_ARTICLES)
def test_french_article(name):
    check_article(*FRENCH_ARTICLES[name])


@pytest.mark.parametrize("name", ENGLISH_ARTICLES)
def test_english_article(name):
    check_article(*ENGLISH_ARTICLES[name])


def test_speakers_are_canonical_names_of_the_article():
    result = extract(FR_JUSTICE, language="fr", published=PUB)
    people = {c.value.to_json() for c in result.claims if c.type == "person"}
    speakers = {c.value.speaker for c in result.claims if c.type == "quote"}
    assert speakers <= people


# ---- sentences ----------------------------------------------------------------------------------
# (text, [(quote words, speaker, kind)])

FRENCH_CASES = [
    (c["text"], [(words, speaker or None, kind) for words, speaker, kind in c["quotes"]])
    for c in load_cases("quotes", "fr")["case"]
]

ENGLISH_CASES = [
    (c["text"], [(words, speaker or None, kind) for words, speaker, kind in c["quotes"]])
    for c in load_cases("quotes", "en")["case"]
]


@pytest.mark.parametrize("text, want", FRENCH_CASES)
def test_french_quotes(text, want):
    assert summary(text, "fr") == want


@pytest.mark.parametrize("text, want", ENGLISH_CASES)
def test_english_quotes(text, want):
    assert summary(text, "en") == want


def test_a_quoted_term_is_no_name():
    text = "Helios’s board has dubbed the integration plan “Project Sunrise”."
    names = [c for c in extract(text, language="en", published=PUB).claims if c.type in ("person", "organization")]
    assert "Project Sunrise" not in {c.text for c in names}


def test_a_quote_over_two_paragraphs_is_one_claim_per_paragraph_without_padding_or_reopening_marks():
    text = f"Jean Roux a écrit : «{NB}Le budget est tenu.\n\n«{NB}Les travaux reprendront.{NB}»"
    first, second = quotes_of(text, "fr")
    assert first.to_json()["value"] == {"speaker": "Jean Roux", "text": "Le budget est tenu."}
    assert second.to_json()["value"] == {"speaker": "Jean Roux", "text": "Les travaux reprendront."}
    assert first.to_json()["kind"] == second.to_json()["kind"] == "speech"
    assert first.text == "Le budget est tenu." and second.text == "Les travaux reprendront."


# ---- completeness: what looks checkable but gave no claim ------------------------------------------


@pytest.mark.parametrize(
    "text, language, reason, items",
    [
        ("Le score final était de 3 à 1.", "fr", "number", ["3", "1"]),
        ("En 2023, les ventes ont progressé de 12,5 %.", "fr", "number", ["12,5 %"]),
        (f"Il a lancé «{NB}une promesse jamais tenue.", "fr", "quote marks", ["«"]),
        ("Les deux équipes se retrouveront.", "fr", "number", ["deux"]),
        ("Shares rose 6% while the index fell 29%.", "en", "number", ["6%", "29%"]),
        ("He said “this will never end.", "en", "quote marks", ["“"]),
        ("The talks resumed on Sunday after a 3-1 vote.", "en", "number", ["3-1"]),
    ],
)
def test_unclaimed_figures_marks_and_words_are_listed(text, language, reason, items):
    result = extract(text, language=language, published=PUB)
    (u,) = result.unclaimed
    assert (u.reason, list(u.items)) == (reason, items)
    assert text[u.start : u.end] == u.sentence
    assert u.to_json()["items"] == items


@pytest.mark.parametrize(
    "text, language",
    [
        ("Le fonds a levé 4 milliards de dollars le 3 mai 2024.", "fr"),
        ("La variante du COVID-19 inquiète le G7 et l’OMS.", "fr"),
        (f"«{NB}Nous tiendrons bon{NB}», a affirmé Claire Martin, qui emploie 400 personnes selon elle.", "fr"),
        ("They may sign the deal in the spring.", "en"),
        ("“We have 400 staff,” said Jane Porter.", "en"),
    ],
)
def test_sentences_whose_figures_are_all_claimed_are_not_listed(text, language):
    result = extract(text, language=language, published=PUB)
    assert [u.sentence for u in result.unclaimed if "400 personnes" not in u.sentence] == []


def test_a_sentence_with_both_a_claim_and_an_unchecked_figure_is_listed():
    result = extract("Fondée en 2019, la société emploie 400 personnes.", language="fr", published=PUB)
    assert [c.text for c in result.claims if c.type == "date"] == ["2019"]
    (u,) = result.unclaimed
    assert u.items == ("400",)


def test_the_company_said_points_to_the_organisation_of_the_paragraph():
    text = (
        "Orvane Motors said it would appeal. In a statement, the Paris-based company said the ruling "
        "\"ignores the facts of the case\"."
    )
    result = extract(text, language="en", published=dt.date(2024, 3, 5))
    (quote,) = [c for c in result.claims if c.type == "quote"]
    assert quote.value.speaker == "Orvane Motors"
    assert not any(c.text == "Paris-based" for c in result.claims)
