"""People and organisations in French and English news, and language detection.

The articles below were written for these tests (people and companies are fictional; institutions,
places and cities are real). Each lists every person and organisation an editor would want in the
table, by surface form, with its canonical name; anything else the extractor returns is a failure.
"""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from unit_cases import load_cases

from claims import detect_language, extract
from claims.lexicon import DATA_DIR, available_languages
from claims.text import fold_key

PUB = dt.date(2024, 6, 5)
NB, NNB = "\u00a0", "\u202f"


def names_of(text: str, language: str = "auto", **kwargs) -> dict[str, tuple[str, str]]:
    """surface -> (type, canonical) of every person and organisation found."""
    result = extract(text, language=language, published=PUB, **kwargs)
    out = {}
    for c in result.claims:
        assert text[c.start : c.end] == c.text
        if c.type in ("person", "organization"):
            for a, b in c.mentions:
                assert text[a:b] == c.text or text[a:b].replace("’", "'") == c.text.replace("’", "'")
            out[c.text] = (c.type, c.value.to_json())
    return out


def expected(persons: dict[str, str], organisations: dict[str, str]) -> dict[str, tuple[str, str]]:
    out = {s: ("person", c) for s, c in persons.items()}
    out.update({s: ("organization", c) for s, c in organisations.items()})
    return out


# ---- articles ---------------------------------------------------------------------------------

FR_POLITIQUE = f"""Budget : la ministre des Comptes publics défend son plan d’économies au Sénat

La ministre des Comptes publics, Claire Vasseur, a présenté mardi devant le Sénat un plan d’économies de 12 milliards d’euros pour l’an prochain. «{NB}Nous n’augmenterons pas les impôts des ménages{NB}», a-t-elle affirmé sous les applaudissements d’une partie de l’hémicycle.

Selon Vasseur, l’effort portera d’abord sur les dépenses de fonctionnement de l’État. Le rapporteur général de la commission des finances, Hervé Lambertin, a salué «{NB}un premier pas{NB}», tout en jugeant les hypothèses de croissance «{NB}trop optimistes{NB}».

Dans l’opposition, le sénateur socialiste Yannick Le Goff a dénoncé «{NB}un budget d’austérité qui ne dit pas son nom{NB}». D’après lui, les collectivités locales perdraient près de 2 milliards d’euros de dotations en 2025. M. Le Goff juge par ailleurs «{NB}cosmétique{NB}» la hausse des crédits de la défense.

Le Haut Conseil des finances publiques doit rendre son avis la semaine prochaine. En septembre, l’institution avait déjà averti contre un déficit «{NB}hors de contrôle{NB}». La Commission européenne, qui a ouvert en juillet une procédure pour déficit excessif contre la France, suivra de près les débats.

M. Lambertin a par ailleurs annoncé le dépôt d’un amendement visant les niches fiscales. «{NB}Il faut avoir le courage de regarder chaque dépense, sans tabou.

«{NB}Nous présenterons des pistes concrètes dès jeudi{NB}», a-t-il ajouté.
"""

FR_ECONOMIE = f"""Batteries : le français NeoVolt rachète l’allemand Kessler Energie pour 1,2 milliard d’euros

Le fabricant de batteries NeoVolt a annoncé lundi le rachat de son concurrent allemand Kessler Energie, pour un montant de 1,2 milliard d’euros. L’opération, qui doit encore recevoir le feu vert de la Commission européenne, donnera naissance au premier producteur européen de cellules pour voitures électriques.

«{NNB}C’est un changement d’échelle pour notre groupe{NNB}», a déclaré à l’AFP la PDG de NeoVolt, Inès Karadeniz, qui dirige l’entreprise grenobloise depuis 2019. Selon elle, le nouvel ensemble emploiera près de 4{NNB}500 salariés, dont 1{NNB}800 en Isère.

Le projet prévoit la construction d’une troisième usine, baptisée «{NNB}Volta{NNB}», près de Dunkerque. La directrice financière, Margaux Lefebvre-Durand, table sur une rentabilité dès 2027. «{NNB}Nous avons sécurisé le financement avec Bpifrance et un consortium de banques mené par BNP Paribas{NNB}», a-t-elle précisé.

À la Bourse de Paris, l'action NeoVolt a bondi de 8{NB}% à l'ouverture. Pour Julien Morel, analyste chez Oddo BHF, «le prix payé reste raisonnable au regard des synergies attendues». Karadeniz doit présenter le détail du plan aux syndicats jeudi.
"""

FR_SCIENCE = f"""Alzheimer : une molécule testée à Bordeaux freine la perte de mémoire chez la souris

Une équipe de l’Inserm et de l’université de Bordeaux a identifié une molécule capable de ralentir la perte de mémoire chez des souris atteintes d’une forme de la maladie d’Alzheimer. Les résultats ont été publiés mercredi dans la revue Nature Neuroscience.

«{NB}C’est une piste sérieuse, mais nous sommes encore loin d’un traitement chez l’humain{NB}», prévient la neurobiologiste Sandrine Okafor, qui a dirigé les travaux au sein de l’Institut des maladies neurodégénératives (IMN). Selon ses mesures, les souris traitées ont conservé 40{NB}% de leurs capacités d’orientation en plus.

La molécule, baptisée «{NB}NX-41{NB}», agit sur une protéine qui s’accumule dans le cerveau des malades. Le Dr Hugo Ferrand, co-auteur de l’étude, rappelle que «{NB}neuf molécules sur dix échouent lors des essais cliniques{NB}». Un essai pourrait débuter en 2026, si l’Agence nationale de sécurité du médicament (ANSM) donne son feu vert.

Le CNRS, qui cofinance le programme, a annoncé une enveloppe de 3 millions d’euros pour la suite des recherches. Okafor espère publier de nouveaux résultats «{NB}d’ici dix-huit mois{NB}».
"""

EN_POLITICS = """Senate Committee Advances Bipartisan Insulin Price Cap

WASHINGTON — A key Senate committee on Tuesday advanced a bipartisan bill that would cap the price of insulin at $35 a month for all Americans, setting up a floor vote as early as next week.

The measure, co-sponsored by Sen. Maria Castellanos, a Democrat from New Mexico, and Sen. Douglas Whitfield, a Republican from Ohio, cleared the Senate Health Committee by a vote of 16 to 5. Rep. Kevin O’Connell has introduced a companion bill in the House.

“Nobody in the richest country on earth should have to ration a drug that was discovered a century ago,” Castellanos said after the vote. Whitfield, who broke with his party’s leadership to back the bill, told reporters the cap was “a matter of basic fairness.”

Not everyone is convinced. According to PhRMA, the industry’s main lobby group, the cap would “shift costs onto insurers and, ultimately, onto patients.” “We are being asked to accept what one senator called ‘a simple fix’ for a complicated market,” said Alan Redfield, the group’s president.

The White House has signaled support. Press secretary Dana Whitlock said on Wednesday that the president “looks forward to signing it.” Castellanos wrote on X that the vote was “a good day for patients,” and O'Connell said he expected the House to act “before the summer recess.”
"""

EN_BUSINESS = """Helios Energy Agrees $4.1bn Takeover of Solar Rival Brightfield

Helios Energy has agreed to buy Brightfield Power for $4.1bn in cash, creating the largest rooftop solar installer in the US, the companies said on Monday.

The deal, which values Brightfield at a 32% premium to its closing share price on Friday, is expected to close in the first quarter of 2025, subject to regulatory approval. Helios's chief executive, Priya Raman, said the combination would “accelerate the energy transition for millions of households.”

Raman, who founded Helios in a garage in Tucson in 2011, will run the combined company. Brightfield’s co-founder Tom Okonkwo will join the board. “We spent ten years building something we’re proud of,” Okonkwo said. “This deal gives it the scale it deserves.”

Analysts were broadly positive. "The price looks full, but the strategic logic is hard to argue with," said Fiona Gallagher, an analyst at Redburn. Shares of Helios rose 6% in New York trading, while Brightfield’s stock jumped 29%.

In a post on LinkedIn, Raman wrote that the two teams shared “a stubborn belief that clean power should be cheap power.” Helios’s board has dubbed the integration plan “Project Sunrise”.
"""

EN_SCIENCE = """Astronomers Detect Water Vapour on a Rocky Planet 48 Light-Years Away

Astronomers using NASA’s James Webb Space Telescope have detected water vapour in the atmosphere of a rocky planet orbiting a small star 48 light-years from Earth, a finding that could reshape the search for habitable worlds.

The planet, nicknamed “Aquila” by the team, is about 1.6 times the size of Earth. “This is the first time we have seen a clear water signature on a world this small,” said Dr. Amara Nwosu, an astrophysicist at the University of Cambridge who led the study, published on Thursday in The Astrophysical Journal Letters.

Nwosu cautioned that the signal could also come from the star itself. “We need to rule out starspots before we can be confident,” she said. “If it holds up, it’s a big deal.”

The European Space Agency, which contributed one of Webb’s instruments, said follow-up observations were planned for next year. According to Prof. Lars Eriksson of Stockholm University, who was not involved in the research, the result is “exciting but preliminary.”
"""

FRENCH_ARTICLES = {
    "politique": (
        FR_POLITIQUE,
        expected(
            {
                "Claire Vasseur": "Claire Vasseur",
                "Vasseur": "Claire Vasseur",
                "Hervé Lambertin": "Hervé Lambertin",
                "Lambertin": "Hervé Lambertin",
                "Yannick Le Goff": "Yannick Le Goff",
                "Le Goff": "Yannick Le Goff",
            },
            {
                "Sénat": "Sénat",
                "Haut Conseil des finances publiques": "Haut Conseil des finances publiques",
                "Commission européenne": "Commission européenne",
            },
        ),
    ),
    "économie": (
        FR_ECONOMIE,
        expected(
            {
                "Inès Karadeniz": "Inès Karadeniz",
                "Karadeniz": "Inès Karadeniz",
                "Margaux Lefebvre-Durand": "Margaux Lefebvre-Durand",
                "Julien Morel": "Julien Morel",
            },
            {
                "NeoVolt": "NeoVolt",
                "Kessler Energie": "Kessler Energie",
                "Commission européenne": "Commission européenne",
                "AFP": "Agence France-Presse",
                "Bpifrance": "Bpifrance",
                "BNP Paribas": "BNP Paribas",
                "Bourse de Paris": "Bourse de Paris",
                "Oddo BHF": "Oddo BHF",
            },
        ),
    ),
    "science": (
        FR_SCIENCE,
        expected(
            {"Sandrine Okafor": "Sandrine Okafor", "Okafor": "Sandrine Okafor", "Hugo Ferrand": "Hugo Ferrand"},
            {
                "Inserm": "Institut national de la santé et de la recherche médicale",
                "université de Bordeaux": "université de Bordeaux",
                "Nature Neuroscience": "Nature Neuroscience",
                "Institut des maladies neurodégénératives": "Institut des maladies neurodégénératives",
                "IMN": "Institut des maladies neurodégénératives",
                "Agence nationale de sécurité du médicament": "Agence nationale de sécurité du médicament",
                "ANSM": "Agence nationale de sécurité du médicament",
                "CNRS": "Centre national de la recherche scientifique",
            },
        ),
    ),
}

ENGLISH_ARTICLES = {
    "politics": (
        EN_POLITICS,
        expected(
            {
                "Maria Castellanos": "Maria Castellanos",
                "Castellanos": "Maria Castellanos",
                "Douglas Whitfield": "Douglas Whitfield",
                "Whitfield": "Douglas Whitfield",
                "Kevin O’Connell": "Kevin O'Connell",
                "O'Connell": "Kevin O'Connell",
                "Alan Redfield": "Alan Redfield",
                "Dana Whitlock": "Dana Whitlock",
            },
            {
                # a US article: the chambers of the country it is set in (organizations.toml)
                "Senate": "United States Senate",
                "Senate Health Committee": "Senate Health Committee",
                "House": "United States House of Representatives",
                "PhRMA": "PhRMA",
                "White House": "White House",
            },
        ),
    ),
    "business": (
        EN_BUSINESS,
        expected(
            {
                "Priya Raman": "Priya Raman",
                "Raman": "Priya Raman",
                "Tom Okonkwo": "Tom Okonkwo",
                "Okonkwo": "Tom Okonkwo",
                "Fiona Gallagher": "Fiona Gallagher",
            },
            {
                "Helios Energy": "Helios Energy",
                "Helios": "Helios Energy",
                "Brightfield Power": "Brightfield Power",
                "Brightfield": "Brightfield Power",
                "Redburn": "Redburn",
                # "In a post on LinkedIn": the medium of a message, no organisation of the story
            },
        ),
    ),
    "science": (
        EN_SCIENCE,
        expected(
            {"Amara Nwosu": "Amara Nwosu", "Nwosu": "Amara Nwosu", "Lars Eriksson": "Lars Eriksson"},
            {
                "NASA": "National Aeronautics and Space Administration",
                "University of Cambridge": "University of Cambridge",
                "The Astrophysical Journal Letters": "The Astrophysical Journal Letters",
                "European Space Agency": "European Space Agency",
                "Stockholm University": "Stockholm University",
            },
        ),
    ),
}


@pytest.mark.parametrize("name", FRENCH_ARTICLES)
def test_french_article(name):
    text, want = FRENCH_ARTICLES[name]
    assert names_of(text) == want


@pytest.mark.parametrize("name", ENGLISH_ARTICLES)
def test_english_article(name):
    text, want = ENGLISH_ARTICLES[name]
    assert names_of(text) == want


def test_a_surname_takes_the_full_name_everywhere_it_is_written():
    result = extract(FR_POLITIQUE, language="fr", published=PUB)
    (lambertin,) = [c for c in result.claims if c.text == "Lambertin"]
    assert lambertin.value.to_json() == "Hervé Lambertin"
    assert len(lambertin.mentions) == 1 and FR_POLITIQUE[slice(*lambertin.mentions[0])] == "Lambertin"


# ---- sentences ----------------------------------------------------------------------------------
# (text, names that must be found: surface -> (type, canonical), surfaces that must not be names)

FRENCH_CASES = [
    (c["text"], {form: tuple(v) for form, v in c["names"].items()}, c["absent"])
    for c in load_cases("names", "fr")["case"]
]

ENGLISH_CASES = [
    (c["text"], {form: tuple(v) for form, v in c["names"].items()}, c["absent"])
    for c in load_cases("names", "en")["case"]
]


@pytest.mark.parametrize(
    "text, language, author, publisher",
    [
        (
            "Ottawa signs deal\n\nBy Marcus Delaney, Associated Press\n\nThe deal was signed on Monday.\n",
            "en",
            "Marcus Delaney",
            "Associated Press",
        ),
        (
            "Park plan\n\nBy Harriet Pugh, Local Democracy Reporter\n\nThe plan was approved on Monday.\n",
            "en",
            "Harriet Pugh",
            None,
        ),
        (
            "Le gouvernement signe\n\nPar Julie Martin, Ouest-France\n\nLe texte a été signé lundi.\n",
            "fr",
            "Julie Martin",
            None,
        ),
    ],
)
def test_the_name_of_a_byline_is_its_author(text, language, author, publisher):
    got = names_of(text, language)
    assert got[author] == ("person", author)
    assert set(got) <= {author, publisher}  # a job after the author is no name
    if publisher:
        assert got[publisher] == ("organization", publisher)


@pytest.mark.parametrize("text, want, absent", FRENCH_CASES)
def test_french_names(text, want, absent):
    got = names_of(text, "fr")
    for surface, value in want.items():
        assert got.get(surface) == value, (surface, got)
    for surface in absent:
        assert surface not in got, (surface, got)


@pytest.mark.parametrize("text, want, absent", ENGLISH_CASES)
def test_english_names(text, want, absent):
    got = names_of(text, "en")
    for surface, value in want.items():
        assert got.get(surface) == value, (surface, got)
    for surface in absent:
        assert surface not in got, (surface, got)


@pytest.mark.parametrize(
    "text, language, surfaces",
    [
        (
            "Ex-OpenAI Researcher Jan Leike Joins Anthropic\n\nJan Leike, who left OpenAI, joins Anthropic.",
            "en",
            {"Jan Leike", "OpenAI", "Anthropic"},
        ),
        ("Late Double Sends Arsenal Top\n\nArsenal beat Brentford on Saturday.", "en", {"Arsenal", "Brentford"}),
    ],
)
def test_a_title_case_headline_holds_only_names_the_body_knows(text, language, surfaces):
    result = extract(text, language=language, published=PUB)
    names = [c for c in result.claims if c.type in ("person", "organization")]
    assert {c.text for c in names} == surfaces
    headline_end = text.index("\n")
    for c in names:
        if c.text in text[:headline_end]:  # found in the headline as a further mention
            assert any(a < headline_end for a, _ in c.mentions), c


def test_the_gazetteer_vouches_for_names_the_text_cannot_type():
    text = "Aston Villa drew with Chelsea. Meridian, meanwhile, said nothing."
    plain = names_of(text, "en")
    assert plain.get("Aston Villa") == ("person", "Aston Villa") and "Meridian" not in plain
    gazetteer = {"aston villa": ("organization", "Aston Villa FC"), "meridian": ("organization", "Meridian Group")}
    known = names_of(text, "en", gazetteer=gazetteer)
    assert known["Aston Villa"] == ("organization", "Aston Villa FC")
    assert known["Meridian"] == ("organization", "Meridian Group")


@pytest.mark.parametrize(
    "text, language",
    [
        ("Adam D’Angelo siège au conseil. Puis Adam D'Angelo a voté contre Kevin O’Neil et Kevin O'Neil.", "fr"),
        ("Adam D’Angelo joined the board. Later Adam D'Angelo voted with Kevin O’Neil and Kevin O'Neil.", "en"),
    ],
)
def test_typographic_and_straight_apostrophes_give_one_name(text, language):
    result = extract(text, language=language, published=PUB)
    names = [c for c in result.claims if c.type == "person"]
    # One claim per name, whatever the apostrophe, with both mentions listed.
    assert sorted(c.value.to_json() for c in names) == ["Adam D'Angelo", "Kevin O'Neil"]
    assert all(len(c.mentions) == 2 for c in names)


# ---- articles written after the rules, scored against floors ------------------------------------
# These four were written and annotated before the extractor first ran on them (it then scored names
# F1 0.81 and 12 of 13 speakers); the failures they showed were fixed through rules and data, never
# for a sentence. Two misses remain and are left visible here: "Seraing" (a town the data does not
# know, after "de") is read as an organisation, and "Keolis", named once at the very start of a
# sentence, is not vouched for. The floors below hold the figures; raise them when it improves.

UNSEEN = {}
UNSEEN["fr_culture"] = dict(
    lang="fr",
    text=f"""Cinéma : la réalisatrice Léonie Brandt couronnée à Cannes

La réalisatrice belge Léonie Brandt a reçu samedi soir la Palme d’or du 77e Festival de Cannes pour «{NB}Les Veilleurs{NB}», un drame tourné en Wallonie avec des acteurs non professionnels. Le jury, présidé par l’actrice américaine Dana Holloway, a salué «{NB}une mise en scène d’une rare justesse{NB}».

«{NB}Je dédie ce prix aux ouvrières de Seraing, qui m’ont ouvert leurs portes pendant trois ans{NB}», a déclaré Brandt, visiblement émue, en montant sur scène. Produit par Artémis Films et coproduit par la chaîne Arte, le film sortira en salles le 18 septembre.

Le Grand Prix est revenu au cinéaste sud-coréen Park Ji-hoon. Du côté des interprètes, le prix d’interprétation masculine a été attribué à Malik Bensalah pour son rôle dans «{NB}Nuit blanche à Oran{NB}». Selon Thierry Valette, délégué général de la manifestation, cette édition a attiré «{NB}plus de 40{NB}000 festivaliers{NB}».
""",
    persons={
        "Léonie Brandt": "Léonie Brandt",
        "Dana Holloway": "Dana Holloway",
        "Brandt": "Léonie Brandt",
        "Park Ji-hoon": "Park Ji-hoon",
        "Malik Bensalah": "Malik Bensalah",
        "Thierry Valette": "Thierry Valette",
    },
    orgs={"Artémis Films": "Artémis Films", "Arte": "Arte"},
    quotes=[
        ("Les Veilleurs", None, "term"),
        ("une mise en scène", "Dana Holloway", "speech"),
        ("Je dédie ce prix", "Léonie Brandt", "speech"),
        ("Nuit blanche à Oran", None, "term"),
        ("plus de 40", "Thierry Valette", "speech"),
    ],
)

UNSEEN["fr_local"] = dict(
    lang="fr",
    text=f"""Transports : la métropole lyonnaise commande 40 rames de tramway

Keolis, exploitant du réseau TCL, et la métropole de Lyon ont signé jeudi un contrat de 310 millions d’euros avec le constructeur Alstom pour la livraison de 40 nouvelles rames d’ici 2028. «{NB}C’est la plus grosse commande de notre histoire{NB}», s’est félicité Bruno Cartier, vice-président chargé des mobilités.

Alstom produira les rames dans son usine de La Rochelle, qui emploie 1{NB}400 personnes. Le syndicat CGT du site a salué une «{NB}bouffée d’oxygène{NB}» mais réclame des embauches en CDI.

L’opposition reste critique. Pour la conseillère métropolitaine Nadia Ferhat (Les Républicains), «{NB}la métropole s’endette sans vision d’ensemble{NB}». Cartier lui a répondu que le financement était «{NB}entièrement bouclé{NB}» grâce à un prêt de la Banque européenne d’investissement.
""",
    persons={"Bruno Cartier": "Bruno Cartier", "Nadia Ferhat": "Nadia Ferhat", "Cartier": "Bruno Cartier"},
    orgs={
        "Keolis": "Keolis",
        "TCL": "TCL",
        "métropole de Lyon": "métropole de Lyon",
        "Alstom": "Alstom",
        "CGT": "Confédération générale du travail",
        "Les Républicains": "Les Républicains",
        "Banque européenne d’investissement": "Banque européenne d'investissement",
    },
    quotes=[
        ("C’est la plus grosse", "Bruno Cartier", "speech"),
        ("bouffée d’oxygène", "Confédération générale du travail", "speech"),
        ("la métropole s’endette", "Nadia Ferhat", "speech"),
        ("entièrement bouclé", "Bruno Cartier", "speech"),
    ],
)

UNSEEN["en_tech"] = dict(
    lang="en",
    text="""Chipmaker Vantor Cuts 1,200 Jobs as AI Spending Shifts

Vantor Semiconductor said on Wednesday it would cut about 1,200 jobs, or 8% of its workforce, as customers redirect spending toward chips built for artificial intelligence.

Chief executive Laura Kimball told analysts on a call that the company had been "too slow to read the market." She said Vantor would invest $2 billion over three years in a new design centre in Austin, Texas.

The cuts mostly affect plants in Oregon and Malaysia. Shares in the company, which is listed on the Nasdaq, fell 4% in early trading. "This is a painful but necessary reset," said Omar Haddad, an analyst at Bernstein.

Kimball joined Vantor from rival Quellcore in 2021. According to a filing with the Securities and Exchange Commission, she received a pay package worth $14.6 million last year.
""",
    persons={"Laura Kimball": "Laura Kimball", "Kimball": "Laura Kimball", "Omar Haddad": "Omar Haddad"},
    orgs={
        "Vantor Semiconductor": "Vantor Semiconductor",
        "Vantor": "Vantor Semiconductor",
        "Nasdaq": "Nasdaq",
        "Bernstein": "Bernstein",
        "Quellcore": "Quellcore",
        "Securities and Exchange Commission": "Securities and Exchange Commission",
    },
    quotes=[("too slow to read", "Laura Kimball", "speech"), ("This is a painful", "Omar Haddad", "speech")],
)

UNSEEN["en_disaster"] = dict(
    lang="en",
    text="""Floods Kill at Least 30 in Northern Italy

ROME — At least 30 people have died after torrential rain caused rivers to burst their banks across Emilia-Romagna, Italian officials said on Sunday.

Civil protection chief Marco Ferrante said rescue teams had evacuated more than 10,000 residents. "We have never seen so much rain fall in so little time," he told reporters in Bologna.

The European Union has activated its emergency satellite service, and the European Commission president said Brussels stood ready to help. The Red Cross said its volunteers were distributing food and blankets in the worst-hit towns.

Climate scientist Giulia Moretti of the University of Bologna said the floods were "exactly what the models have been warning about for twenty years."
""",
    persons={"Marco Ferrante": "Marco Ferrante", "Giulia Moretti": "Giulia Moretti"},
    orgs={
        "European Union": "European Union",
        "European Commission": "European Commission",
        "Red Cross": "Red Cross",
        "University of Bologna": "University of Bologna",
    },
    optional={"Brussels"},
    quotes=[
        ("We have never seen", "Marco Ferrante", "speech"),
        ("exactly what the models", "Giulia Moretti", "speech"),
    ],
)


def _unseen_scores() -> dict[str, float]:
    tp = fp = fn = right = quotes = speakers = kinds = 0
    for article in UNSEEN.values():
        result = extract(article["text"], language="auto", published=PUB)
        assert result.language == article["lang"]
        optional = article.get("optional", set())
        gold = {
            (t, s.replace("’", "'")): c
            for t, table in (("person", article["persons"]), ("organization", article["orgs"]))
            for s, c in table.items()
        }
        got = {
            (c.type, c.text.replace("’", "'")): c.value.to_json()
            for c in result.claims
            if c.type in ("person", "organization") and c.text not in optional
        }
        tp += len(gold.keys() & got.keys())
        fp += len(got.keys() - gold.keys())
        fn += len(gold.keys() - got.keys())
        right += sum(1 for k in gold.keys() & got.keys() if gold[k] == got[k])
        found = [c.value for c in result.claims if c.type == "quote"]
        for start, speaker, kind in article["quotes"]:
            match = [q for q in found if q.text.startswith(start)]
            if match:
                quotes += 1
                kinds += match[0].kind == kind
                speakers += kind == "term" or match[0].speaker == speaker
    p, r = tp / (tp + fp), tp / (tp + fn)
    total_quotes = sum(len(a["quotes"]) for a in UNSEEN.values())
    return {
        "names_f1": 2 * p * r / (p + r),
        "names_value": right / tp,
        "quotes_found": quotes / total_quotes,
        "speakers": speakers / quotes,
        "kinds": kinds / quotes,
    }


def test_articles_written_after_the_rules_stay_above_the_floors():
    scores = _unseen_scores()
    floors = {"names_f1": 0.96, "names_value": 1.0, "quotes_found": 1.0, "speakers": 1.0, "kinds": 1.0}
    assert all(scores[k] >= v for k, v in floors.items()), scores


# ---- language data --------------------------------------------------------------------------------

NAMES_KEYS = [
    "organization_cues",
    "organization_articles",
    "organization_titles",
    "designators",
    "non_entity_tails",
    "particles",
    "common_noun_endings",
    "place_prepositions",
    "portfolio_heads",
    "portfolio_prepositions",
    "org_tail_adjective_endings",
    "org_tail_prepositions",
]


@pytest.mark.parametrize("code", available_languages())
def test_every_language_has_the_names_words(code):
    with open(DATA_DIR / f"{code}.toml", "rb") as fh:
        names = tomllib.load(fh)["names"]
    for k in NAMES_KEYS:
        assert isinstance(names.get(k), list), f"{code}.toml lacks [names] {k}"
    for k in ("person_cues", "titles", "organization_words", "organization_cues", "places", "not_names"):
        keys = [fold_key(w) for w in names[k]]
        assert len(keys) == len(set(keys)), f"{code}.toml [names] {k} lists a word twice"
    assert not set(names["particles"]) - set(names["connectors"]), "a particle must also be a connector"


def test_given_names_are_unique_and_capitalised():
    with open(DATA_DIR / "common.toml", "rb") as fh:
        given = tomllib.load(fh)["names"]["first_names"]
    assert all(n[:1].isupper() for n in given)
    assert len(given) > 900


@pytest.mark.parametrize("file", ["given_names.txt", "given_names_world.txt"])
def test_the_lists_of_given_names_are_sorted_unique_and_no_common_word(file):
    """The lists tools/make_given_names.py writes: a capitalised name a line, sorted, none twice, none a
    word the names rules know as a common word, a town or a region."""
    names = [n for n in (DATA_DIR / file).read_text(encoding="utf-8").splitlines() if n and not n.startswith("#")]
    assert names == sorted(set(names)) and all(n[:1].isupper() and " " not in n for n in names)
    known: set[str] = set()
    for other in ("common_words_en.txt", "common_words_fr.txt", "towns.txt", "regions.txt"):
        known |= {fold_key(w) for w in (DATA_DIR / other).read_text(encoding="utf-8").splitlines() if w and w[0] != "#"}
    assert [n for n in names if fold_key(n) in known] == []


def test_the_given_names_of_one_sex_are_sorted_and_say_f_or_m():
    rows = [n.split("\t") for n in (DATA_DIR / "given_name_genders.txt").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r[0] and not r[0].startswith("#")]
    assert len(rows) > 5000 and all(len(r) == 2 and r[1] in ("f", "m") and r[0][:1].isupper() for r in rows)
    assert [r[0] for r in rows] == sorted({r[0] for r in rows})
    sexes = dict(rows)
    assert (sexes.get("Wendy"), sexes.get("David"), sexes.get("Valérie")) == ("f", "m", "f")
    assert "Jean" not in sexes and "Andrea" not in sexes  # a man's name in France or Italy, a woman's elsewhere


# ---- language detection ---------------------------------------------------------------------------

FRENCH_TEXTS = [
    "Jan Leike rejoint Anthropic",
    "Sam Altman quitte OpenAI",
    "Budget : la ministre défend son plan",
    "OpenAI, Microsoft, Amazon : 13 milliards",
    "Nvidia : +8 % en Bourse",
    "Ligue 1 : Lyon bat Lens 3-2",
    "Marine Le Pen et Jordan Bardella en tête",
    FR_ECONOMIE,
]
ENGLISH_TEXTS = [
    "OpenAI hires Jan Leike",
    "Leike joins Anthropic",
    "Helios Energy buys Brightfield for $4.1bn",
    "Shares of Nvidia jumped 8% on Monday",
    "Macron meets Scholz at the Élysée",
    "Lens stun Lyon in Ligue 1 thriller",
    EN_BUSINESS,
]


@pytest.mark.parametrize("text", FRENCH_TEXTS)
def test_french_is_detected(text):
    assert detect_language(text) == "fr"


@pytest.mark.parametrize("text", ENGLISH_TEXTS)
def test_english_is_detected(text):
    assert detect_language(text) == "en"


def test_detection_falls_back_to_the_default_on_texts_without_words():
    assert detect_language("2024 — 4 000 000 — 12,5", default="fr") == "fr"
    assert detect_language("") == "en"


def test_a_full_name_is_one_kind_of_entity_through_the_article():
    """ "son rival Armand Kessouri a ..." read as a body and "l'ex-président Armand Kessouri" as a
    person: one person, not a person and an organisation."""
    text = (
        "Son principal rival Armand Kessouri a aussitôt mis en doute les résultats. "
        "Le bloc de l'ex-président Armand Kessouri arrive deuxième."
    )
    result = extract(text, language="fr", published=dt.date(2024, 5, 29))
    kinds = {c.type for c in result.claims if c.text == "Armand Kessouri"}
    assert kinds == {"person"}


def test_a_surname_a_title_makes_a_person_is_that_person_everywhere():
    # The headline's "Okwera speaks" alone reads like a body's name before its verb; the body's
    # "President Okwera" says who it is: every mention is the person.
    text = "Traders vow to strike unless Okwera speaks\n\nTraders in Gulu said President Okwera had not met them."
    kinds = {(c.text, c.type) for c in extract(text, language="en").claims if c.type in ("person", "organization")}
    assert kinds == {("Okwera", "person")}


def test_a_surname_misspelt_by_one_letter_is_the_person_named_in_full():
    text = (
        "Traders' spokesman Issa Ssekitto addressed reporters on Tuesday. "
        "\u201cWe expected a formal communication,\u201d Ssekito remarked."
    )
    claims = extract(text, language="en").claims
    found = {(c.text, c.type, c.value.to_json()) for c in claims if c.type in ("person", "organization")}
    assert found == {("Issa Ssekitto", "person", "Issa Ssekitto"), ("Ssekito", "person", "Issa Ssekitto")}
    quote = next(c for c in claims if c.type == "quote")
    assert quote.value.speaker == "Issa Ssekitto"


@pytest.mark.parametrize(
    "language, text, organisations",
    [
        (
            "en",
            "The contract went to Kaveri Aquatech Projects Pvt. Ltd. in March. Kaveri Aquatech said it would appeal.",
            [("Kaveri Aquatech Projects Pvt. Ltd.",) * 2, ("Kaveri Aquatech", "Kaveri Aquatech Projects Pvt. Ltd.")],
        ),
        (
            "en",
            "Transnet hired Khanyisa Rail Logistics (Pty) Ltd last year.",
            [("Transnet", "Transnet"), ("Khanyisa Rail Logistics (Pty) Ltd",) * 2],
        ),
        ("en", "Samsung Electronics Co., Ltd. reported a profit.", [("Samsung Electronics Co., Ltd.",) * 2]),
        ("en", "Shares in Tesco plc rose.", [("Tesco plc",) * 2]),
        ("en", "It drew £6m from a loan with Thameside Commercial Bank plc.", [("Thameside Commercial Bank plc",) * 2]),
        # a given name inside a company's name ("Marine") opens no person's name
        ("en", "Inverclyde Marine Engineering Ltd won the order.", [("Inverclyde Marine Engineering Ltd",) * 2]),
        (
            "fr",
            "Le contrat revient à Construction Laurentis inc., une firme de Saguenay. Laurentis devra embaucher.",
            [("Construction Laurentis inc.",) * 2, ("Laurentis", "Construction Laurentis inc.")],
        ),
    ],
)
def test_a_legal_form_written_past_the_capitals_belongs_to_the_name(language, text, organisations):
    found = extract(text, language=language, published=dt.date(2025, 8, 19)).claims
    assert [(c.text, c.value.canonical) for c in found if c.type == "organization"] == organisations


def test_a_body_named_after_a_country_keeps_the_country_s_elided_article():
    text = "La Société pour le développement minier de la Côte d’Ivoire (SODEMI) détient 10 %."
    found = extract(text, language="fr", published=dt.date(2026, 6, 9)).claims
    full = "Société pour le développement minier de la Côte d'Ivoire"
    assert [(c.text.replace("’", "'"), c.value.canonical) for c in found if c.type == "organization"] == [
        (full, full),
        ("SODEMI", full),
    ]


def test_a_ghanaian_article_names_its_institutions_in_full():
    text = (
        "In Accra, the Bank of Ghana said the cedi held. NPP Member of Parliament Isaac Owusu-Nkansah "
        "asked why the BoG waited, and the High Court will hear the depositors on Friday."
    )
    found = extract(text, language="en", published=dt.date(2025, 10, 21)).claims
    names = {c.text: c.value.canonical for c in found if c.type in ("organization", "person")}
    assert names["NPP"] == "New Patriotic Party"
    assert names["BoG"] == "Bank of Ghana"
    assert names["High Court"] == "High Court of Ghana"
    assert names["Isaac Owusu-Nkansah"] == "Isaac Owusu-Nkansah"
