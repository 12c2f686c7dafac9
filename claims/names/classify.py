"""Stage 3 of name finding: each candidate classified as a person, an organisation or nothing,
strongest evidence first.
"""

import re
from collections.abc import Callable

from ..text import fold
from .article import _LONGEST_PERSON, _Article, _before_verb, _cue_after, _cue_of, _inside, medium_named
from .data import (
    ACRONYM,
    GIVEN,
    NOT_A_NAME,
    ORGANIZATION,
    PERSON,
    UNKNOWN,
    Strength,
    _Candidate,
    _NameData,
    _Token,
)
from .described import _said_or_described
from .forms import _a_role, _canonical, _expanded, _inverted, _shouted_surname
from .places import (
    _a_town_here,
    _after_place_preposition,
    _compound_place,
    _demonym,
    _inside_a_town,
    _listed_before_a_place_noun,
    _listed_with_a_club,
    _listed_with_a_place,
    _named_in_full,
    _named_place,
    _town_of_an_address,
)
from .runs import _brand, _initials_token, _words_before


def _classify(c: _Candidate, art: _Article) -> None:
    """Stage 3: a candidate classified by the strongest evidence first: what is known of it, what is
    never a name, then a word's or several words' own evidence and their context."""
    folded = art.folded
    toks = c.tokens
    surface = art.text[c.start : c.end]
    k = c.form = " ".join(folded[c.start : c.end].casefold().split())  # fold_key(surface), from the folded copy
    canonical = _canonical(surface)
    keys = [t.key for t in toks]

    def done(kind: str, strength: int = Strength.WEAK, value: str = canonical) -> None:
        c.kind, c.canonical, c.strength = kind, value, strength

    verdict = _known(c, art, k, keys, surface) or _never_here(c, art, k, keys, surface)
    if verdict is None:
        cues = _Cues(art, c, keys)
        if len(toks) == 1:
            return _classify_word(c, art, toks[0], cues, done)
        verdict = _several_words(c, art, cues, k, keys, surface)
    kind, strength, value = verdict
    if value is None and kind == ORGANIZATION and art.data.inverted_heads:
        value = _inverted(canonical, art.data)
    if value is None and kind == ORGANIZATION and art.data.name_expansions:
        value = _expanded(canonical, art.data.name_expansions)
    return done(kind, strength, canonical if value is None else value)


# What a rule decides: the kind, the strength of its evidence, the canonical name (None: as written).
_Verdict = tuple[str, int, str | None]


def _known(c: _Candidate, art: _Article, k: str, keys: list[str], surface: str) -> _Verdict | None:
    """What the article, the library and the language data know of the name."""
    # One piece: ordered rules, the first that applies decides; the order is their priority.
    data, toks = art.data, c.tokens
    if len(toks) == 1 and k in art.quoted_terms:
        return (
            NOT_A_NAME,
            Strength.NONE,
            None,
        )  # a word the article quotes as a term is that quote's claim, not a name too
    if medium_named(art, c):
        return (NOT_A_NAME, Strength.NONE, None)  # "said on Twitter", "via Zoom": the medium
    if k in art.gazetteer:
        kind, value = art.gazetteer[k]
        return (kind, Strength.KNOWN, value)
    if c.spelled and len(toks) > 1 and keys[-1] not in data.thing_tails:  # "... Program for Yemen (SDRPY)"
        return (ORGANIZATION, Strength.DEFINED, None)
    if not c.headed and _inside_a_town(art, c):
        return (NOT_A_NAME, Strength.NONE, None)  # "Lyme" of "Newcastle under Lyme"
    kn = art.knowledge
    if kn is not None:
        # "Liverpool", "Broncos", "Lyon" in an article about sport: the club, under its full name
        if (
            k in kn.clubs
            and (art.sporty or _listed_with_a_club(art, c, kn))
            and not (len(toks) == 1 and _after_place_preposition(art, c))
        ):
            return (ORGANIZATION, Strength.KNOWN, kn.clubs[k])
        # "Oxford", "Imperial", "Heriot-Watt" in an article about universities
        if (
            k in kn.universities and art.academic and not (len(toks) == 1 and _after_place_preposition(art, c))
        ):  # not "in Liverpool", nor "data centres in Glasgow, Liverpool, and Oxford"
            return (ORGANIZATION, Strength.KNOWN, kn.universities[k])
        # "the Senate", "the Liberals": the institution of the country the article is set in; a lone
        # word opening a sentence only if the article also writes it mid-sentence ("House prices")
        if (
            k in kn.country_forms
            and (local := art.country.get(k))
            and not (
                len(toks) == 1
                and toks[0].initial
                and toks[0].key not in art.known_single
                and toks[0].key in data.common_words
                and not _before_verb(art.text, c.end, data)  # "House prices", not "Congress should"
            )
        ):
            return (ORGANIZATION, Strength.KNOWN, local)
    if (
        k in data.local_bodies
        and art.main_town
        and not (len(toks) == 1 and toks[0].initial and toks[0].key not in art.known_single)
    ):
        # "la Ville", "the Common Council": the body of the town the article is about
        return (ORGANIZATION, Strength.CONTEXT, data.local_bodies[k].format(town=art.main_town))
    if (
        k in data.national_bodies
        and not art.country
        and (country := art.main_country)
        and country != data.national_body_home
    ):
        # "the Parliament" in an article about Grenada: "Parliament of Grenada"
        if data.country_forms:  # "Cour suprême du Mali", "Parlement de Maurice"
            named = data.country_forms.get(country, f"de {country}")
        else:
            named = f"the {country}" if country in data.the_countries else country
        return (
            ORGANIZATION,
            Strength.CONTEXT,
            data.national_body_form.format(body=data.national_bodies[k], country=named),
        )
    if k in art.acronyms:
        return (ACRONYM, Strength.DEFINED, None)  # takes the full name it was defined after (_resolve)
    if k in data.aliases and not (k in data.word_acronyms and not surface.isupper()):  # not "Who was..."
        return (ORGANIZATION, Strength.KNOWN, data.aliases[k])
    if _INITIALS_ONLY.fullmatch(surface) and k not in data.places:
        return (NOT_A_NAME, Strength.NONE, None)  # "E.F. et S.B. ont été condamnés": people the paper keeps unnamed
    if _acronym_of_a_place(c, data):
        # "CHR d'Orléans", "ARS Centre-Val de Loire", "CHU de Nantes": a known acronym, then the place
        # it serves
        return (ORGANIZATION, Strength.KNOWN, data.aliases[keys[0]] + surface[toks[0].end - c.start :])
    if k in data.known_surnames and not _named_in_full(art.text, surface, data):
        # "Trump", "M. Legault": a public figure named by surname only (not "Rupert Vance" ... "Vance")
        return (PERSON, Strength.DEFINED, data.known_surnames[k])
    return None


def _never_here(c: _Candidate, art: _Article, k: str, keys: list[str], surface: str) -> _Verdict | None:
    """What is never a name here: places, adjectives, documents and events, briefs, lists of towns."""
    # One piece: ordered rules, the first that applies decides; the order is their priority.
    data, folded, toks = art.data, art.folded, c.tokens
    if not c.headed and (
        (data.not_name_re is not None and data.not_name_re.fullmatch(surface))
        or _compound_place(surface, data.place_hyphen_links, data.places)
        or (len(toks) == 1 and "-" in surface and keys[0].split("-")[0] in data.place_hyphen_starts)
    ):  # "Saint-Élie", "Miquelon-Langlade": a town or a place's name, alone
        return (NOT_A_NAME, Strength.NONE, None)
    if (
        len(toks) == 1
        and _TICKER_BEFORE.search(folded, max(0, c.start - 12), c.start)
        and folded[c.end : c.end + 1] == ")"
    ):
        return (NOT_A_NAME, Strength.NONE, None)  # "Amgen Inc. (NYSE:AMG)": the ticker is the company's code
    # What is never a name: a title alone ("Member of Parliament", "Members of Parliament", "Hon").
    if not c.headed and k in data.title_forms:
        return (NOT_A_NAME, Strength.NONE, None)
    if (
        k in data.places
        or k in data.not_names
        # "the US Dollar", "the Rupee"; not a surname that is also a currency ("Effia Tenge", "Tenge")
        or (k in data.currencies and (len(toks) > 1 or art.text[c.start - 4 : c.start].lower() == "the "))
        or (len(toks) == 1 and (k in art.quoted_terms or keys[0] in data.calendar))
    ):
        return (NOT_A_NAME, Strength.NONE, None)
    if len(toks) > 1 and any(
        " ".join(keys[:n]) in data.state_heads
        and len(toks) > n
        and (gap := folded[toks[n - 1].end : toks[n].start].split())
        and all(w.lower() in data.function_words for w in gap)
        for n in (1, 2)
    ):
        return (NOT_A_NAME, Strength.NONE, None)  # "Sultanate of Oman", "Republic of Kazakhstan": a place
    if len(toks) > 1 and keys[-1] in data.place_tails and not c.headed and (keys[0] not in data.given or len(keys) > 2):
        return (NOT_A_NAME, Strength.NONE, None)  # "Yilan County", "Greater Accra Region": a place
    if (
        len(toks) > 1
        and keys[-1] in data.not_names
        and not keys[-1].endswith("s")
        and keys[-1] not in data.calendar
        and keys[0] not in data.given
    ):
        return (
            NOT_A_NAME,
            Strength.NONE,
            None,
        )  # "Oklahoma Republican", "Texas Democrat": an adjective, not "Liberal Democrats"
    if data.adjective_suffixes and keys[-1].endswith(data.adjective_suffixes):
        return (NOT_A_NAME, Strength.NONE, None)  # "the Cupertino-based company": an adjective made of a place
    if k in data.towns and _town_of_an_address(folded, c.end, data):
        return (NOT_A_NAME, Strength.NONE, None)  # "Richmond, Virginia-based": the town of an address
    # "Bill Shorten" is a person, "Bill C-18" a law: a given name heading two or three words is no head
    heads_from = (
        1
        if (
            len(keys) <= 3
            and keys[0] in data.given
            and not any(w in data.calendar for w in keys)
            and not (
                (before := _words_before(folded, c.start, art.sentence_starts[c.sentence]))
                and before[-1] in data.organization_articles  # "the Bill": a law
            )
        )
        or (keys[0] in data.given and keys[-1] in data.organization_words)  # "Bill & Ann Cole Foundation"
        else 0
    )
    # "Apex Summit Holdings", "National Portrait Gallery": a designator or an organisation word at the end
    # of three words or more makes the words before it its name, whatever they would open alone
    heads_to = (
        heads_from
        if len(keys) > 2 and (keys[-1] in data.designators or keys[-1] in data.organization_words)
        else len(keys)
    )
    heads = keys[heads_from:heads_to]
    if (
        not data.non_entity_heads.isdisjoint(heads)
        or any(f"{a} {b}" in data.non_entity_heads for a, b in zip(heads, heads[1:]))
    ) or (
        keys[-1] in data.non_entity_tails
        and not (
            len(keys) <= 3
            and keys[0] in data.given
            and keys[-1] not in data.thing_tails
            # ("Sydney Olympic Park": a common word inside is no person's name; "Enrique Cueto Plaza" is)
            and not (len(keys) == 3 and keys[1] in data.common_words and keys[1] not in data.given)
        )
        and not (c.spelled and keys[-1] not in data.thing_tails)  # "Office of Rail and Road (ORR)": a body
    ):
        return (
            NOT_A_NAME,
            Strength.NEVER,
            None,
        )  # documents, events, places ("James Webb Space Telescope"), not "Leo Park"
    if not c.headed and _inside(art.portfolios, c.start, c.end):
        return (NOT_A_NAME, Strength.NONE, None)  # "la ministre des Comptes publics"
    m = _THEN_PLACE.match(folded, c.end)
    if m and " ".join(m.group(1).lower().split()) in data.places:
        return (NOT_A_NAME, Strength.NONE, None)  # "Cape Canaveral, Florida": a place named by its region
    if len(toks) <= 2 and not c.headed and _listed_before_a_place_noun(folded, c.start, c.end, data):
        return (NOT_A_NAME, Strength.NONE, None)  # "Becker, Clay, Nicollet and Wilkin counties"
    if len(toks) == 1 and not c.headed and _listed_with_a_place(folded, c.start, c.end, data):
        return (NOT_A_NAME, Strength.NONE, None)  # "les hôpitaux de Blois, Romorantin et Vendôme"
    return None


def _several_words(c: _Candidate, art: _Article, cues: "_Cues", k: str, keys: list[str], surface: str) -> _Verdict:
    """Several words: lexical evidence first, then the context."""
    # One piece: ordered rules, the first that applies decides; the order is their priority.
    data, toks = art.data, c.tokens
    if (
        keys[-1] in data.common_acronyms
        and keys[-1] not in data.organization_words
        and not c.headed
        and (toks[-1].text.isupper() or keys[-1] not in data.titles)  # not "Office of the President"
    ):
        return (NOT_A_NAME, Strength.NONE, None)  # "Eastern League MVP", "Sydney CBD": a thing named by its holder
    if _a_role(c, art.folded, art.data, keys):
        return (NOT_A_NAME, Strength.NONE, None)  # "Chief Medical Director", "Cabinet Spokesman", "Police Officers"
    if (
        len(toks) == 2
        and _ONE_INITIAL.fullmatch(toks[0].text)
        and keys[1] not in data.organization_words
        and keys[1] not in data.places
        and not toks[1].text.isupper()
    ):
        return (PERSON, Strength.LEXICAL, None)  # "J. Dupont", "L. Malecot": an initial and a surname
    if cues.person and _initials_token(toks[0]) and len(toks) <= 4 and keys[-1] not in data.organization_words:
        return (PERSON, Strength.LEXICAL, None)  # "Justice BV Nagarathna": initials, not a legal form ("BV")
    if c.headed or any(w in data.organization_words or w in data.designators for w in keys):
        return (ORGANIZATION, Strength.LEXICAL, None)
    if " & " in surface:
        return (ORGANIZATION, Strength.LEXICAL, None)  # "Ernst & Young", "Marks & Spencer": a firm's name
    if (
        cues.before
        and cues.before[-1] in data.place_nouns
        and not cues.before[-1].endswith("s")
        and not cues.person
        and art.folded[max(0, c.start - 2) : c.start].strip() != ","
        and not art.text[max(0, c.start - 40) : c.start].split()[-1][:1].isupper()
    ):
        # "l'aéroport Félix Eboué", "le stade Charles Ehrmann": a place named after a person (a plural
        # noun is its people: "residents John Smith and Mary Jones"; "du secteur, Jean Dupont": apposed;
        # a capitalised one is a name: "le PDG de Carrefour Alexandre Bompard")
        return (NOT_A_NAME, Strength.NONE, None)
    if (shouted := _shouted_surname(toks, keys, data)) is not None:
        return (PERSON, Strength.LEXICAL, shouted)
    # "le cabinet Roland Berger", "the firm Grant Thornton": a company named after its founder
    # ("un cofondateur de l'entreprise, Richard Fortin": after a comma the name is the person's)
    given = keys[0] in data.given and (
        art.folded[c.start - 2 : c.start] == ", " or not _cue_of(cues.before, data.organization_cues)
    )
    if given and len(toks) <= 3 and not any(_acronym_token(t, data) for t in toks):
        if len(toks) == 3 and keys[-1] in data.places:  # "Philip Morris USA": a company's national unit
            return (ORGANIZATION, Strength.LEXICAL, None)
        return (PERSON, Strength.LEXICAL, None)  # "Ronald McDonald", "LeBron James"
    if any(_acronym_token(t, data) or _camel(t.text) for t in toks):
        return (ORGANIZATION, Strength.LEXICAL, None)
    if c.weak and not cues.org:
        return (NOT_A_NAME, Strength.NONE, None)
    if (given or cues.person) and len(toks) <= _LONGEST_PERSON:
        return (PERSON, Strength.LEXICAL, None)
    if cues.org or keys[0] in data.not_names or keys[0] in data.organization_articles:
        return (
            ORGANIZATION,
            Strength.CONTEXT,
            None,
        )  # "la revue Nature", "American Express", "Le Monde", "The Guardian"
    if any(w in data.places for w in keys):  # "Paris Saint-Germain", "Borussia Dortmund"
        before = cues.before
        if before and (before[-1] in data.place_prepositions or " ".join(before[-2:]) in data.place_prepositions):
            return (NOT_A_NAME, Strength.NONE, None)  # "in Greater Manchester": a place
        return (ORGANIZATION, Strength.CONTEXT, None)
    if k in data.towns:
        return (NOT_A_NAME, Strength.NONE, None)  # "Newcastle-under-Lyme", "Saint-Jean-sur-Richelieu": a town
    if len(toks) >= 4:
        return (ORGANIZATION, Strength.WEAK, None)
    # Two or three capitalised words, nothing else known: a person when the article names them again by
    # the last word alone ("Yaya Bodian ... Bodian a reconnu"); else a title-case phrase more often
    # than a name ("Law Enforcement", "Hunter Street Station", "First Division").
    if _plural_noun(keys[-1], data):
        return (UNKNOWN, Strength.NONE, None)  # "Super Bowls", "Human Explorations": a thing, a kind
    if len(toks[-1].text) == 1 and toks[-1].text.isupper():
        return (UNKNOWN, Strength.NONE, None)  # "Tower C", "Hinkley Point C": a unit's letter, no surname
    surface_words = art.text[c.start : c.end].split()
    if surface_words and art.text.count(surface_words[-1]) > art.text.count(art.text[c.start : c.end]):
        return (PERSON, Strength.WEAK, None)
    if _said_or_described(art.text, c.start, c.end, data) and not (
        keys[0] in data.common_words and _before_verb(art.text, c.end, data)
    ):
        # ("Alimentation Vernier a annoncé": a subject whose first word is a common word is a
        # company, not a person; "Avril Lemoine, députée" is described as one)
        return (
            PERSON,
            Strength.WEAK,
            None,
        )  # "Hamid Saleh said", ", Oleksandr Hrytsenko, a salué", "Avril Lemoine, députée"
    if (
        len(toks) in (3, 4)
        and any(w in data.given for w in keys[1:-1])
        and not any(w in data.common_words or w in data.not_names or w in data.places for w in keys)
    ):
        return (PERSON, Strength.WEAK, None)  # "selon Moulay Ahmed Alami": a known given name inside
    if cues.before and cues.before[-1] in data.affiliation_words:
        return (ORGANIZATION, Strength.WEAK, None)  # "agreed to buy Celtis Batteries", "analysts at Harrow Peak"
    if (
        not toks[0].initial
        and "&" not in surface
        and keys[0] not in data.connectors  # "El Fasher": an article, a town's
        and not any(len(t.text) > 1 and t.text.isupper() for t in toks)  # "Sydney CBD"
        and not any(t.key in data.common_words or t.key in data.organization_words for t in toks)
    ):
        # Two or three unknown capitalised words mid-sentence, none of them a common word (which a
        # title-case phrase has) nor joined by "&" (a firm): a person's name with a given name the data
        # lacks ("Kalidou Koulibaly", "Nouredine Taboubi", "Shohei Ohtani")
        return (PERSON, Strength.WEAK, None)
    return (UNKNOWN, Strength.NONE, None)


_THEN_PLACE = re.compile(r",[ ]([A-Z][\w'-]*+(?:[ ][A-Z][\w'-]*+)?)(?=[,.;:)]|$)")


class _Cues:
    """What the words around a candidate say, worked out only when a rule asks."""

    __slots__ = ("art", "c", "keys", "_before", "_person", "_org")

    def __init__(self, art: _Article, c: _Candidate, keys: list[str]) -> None:
        self.art, self.c, self.keys = art, c, keys
        self._before: list[str] | None = None
        self._person: bool | None = None
        self._org: bool | None = None

    @property
    def before(self) -> list[str]:
        if self._before is None:
            self._before = _words_before(self.art.folded, self.c.start, self.art.sentence_starts[self.c.sentence])
        return self._before

    @property
    def person(self) -> bool:
        if self._person is None:
            data = self.art.data
            self._person = self.c.person_cue or _cue_of(self.before, data.person_cues, skip_over=data.function_words)
        return self._person

    @property
    def org(self) -> bool:
        # "la revue Nature", "le Borussia Dortmund", "Arsenal manager", "Helios's chief executive":
        # people take no article in French, and a person cue right after a name makes it an employer.
        if self._org is None:
            data, c, before, first = self.art.data, self.c, self.before, self.keys[0]
            self._org = (
                c.org_title
                or _cue_of(before, data.organization_cues, skip_over=data.function_words)  # "la compagnie nationale X"
                or (bool(before) and before[-1] in data.organization_articles and first not in data.given)
                or (
                    first not in data.given
                    and not self.person
                    and not self._a_place()  # "a former Fort Lauderdale mayor": the town's, no employer
                    and _cue_after(self.art.folded, c.end, data)
                    # "Villa striker" (Villa named elsewhere), "Nvidia's chief executive",
                    # not "Climate scientist" opening a sentence
                    and (
                        not c.tokens[0].initial
                        or first in self.art.known_words
                        or self.art.folded.startswith("'", c.end)
                    )
                )
            )
        return self._org

    def _a_place(self) -> bool:
        form, data = " ".join(self.keys), self.art.data
        return form in data.towns or form in data.places


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.){2}")  # "E.F.", not a known "U.N." (aliases) nor "U.S." (places)


def _acronym_of_a_place(c: _Candidate, data: _NameData) -> bool:
    """A known acronym in capitals followed by a place: its words ("ARS Centre-Val de Loire", "CHR
    d'Orléans"), or the complement the organisation took ("CHU de Nantes")."""
    toks = c.tokens
    if not (toks[0].text.isupper() and len(toks[0].text) > 1 and toks[0].key in data.aliases):
        return False
    if len(toks) == 1:
        return c.headed and c.end > toks[0].end
    rest = " ".join(t.key for t in toks[1:])
    return toks[1].key in data.towns or rest in data.places or toks[1].key in data.places


def _classify_word(c: _Candidate, art: _Article, t: _Token, cues: _Cues, done: Callable[[str, int], None]) -> None:
    data = art.data
    plain = fold(t.text)
    branded = _brand(t.text)  # "OpenAI", "NASA", "eBay"
    if _never_a_name(c, art, t, plain, branded):
        return done(NOT_A_NAME, Strength.NONE)
    if (
        (glued := _GLUED_INITIAL.fullmatch(t.text))
        and fold(glued.group(1)).lower() + "." not in data.titles
        and fold(glued.group(1)).lower() not in data.titles
    ):
        return done(PERSON, Strength.LEXICAL)  # "Ts.Elbegdorj", "B.Bayaraa": an initial glued to a surname
    if not c.headed and cues.before and cues.before[-1] in data.product_cues:
        return done(NOT_A_NAME, Strength.NEVER)  # "the drug Repatha", "its PCSK9 drug, Praluent": a product
    if t.key in data.organization_words:
        if c.end > t.end or c.headed:  # "Office français de la biodiversité", "ministère des Sports": a longer name
            return done(ORGANIZATION if not t.initial or t.key in art.known_single else NOT_A_NAME, Strength.CONTEXT)
        if t.key in data.lone_institutions:  # "Senate", "Congress", "Parlement": a name on its own
            return done(ORGANIZATION if not t.initial or t.key in art.known_single else NOT_A_NAME, Strength.CONTEXT)
        # "l'Autorité", "the Commission", "United" alone: a short form of an organisation the article
        # names in full, or a common noun ("the ministry", "Court"); _resolve tells which.
        return done(UNKNOWN, Strength.CONTEXT)
    if t.key in data.given and not cues.person:
        return done(GIVEN, Strength.NONE)  # the article's only person with that given name, else nothing
    if cues.person and not c.headed:
        return done(PERSON, Strength.LEXICAL)
    if branded and _GLUED_RE.fullmatch(plain):
        return done(NOT_A_NAME, Strength.NONE)  # "contentSkip", "NewsSportBusinessViews": a menu pasted without spaces
    if t.key in data.common_words and not (
        branded or c.headed or c.org_title or _cue_of(cues.before, data.organization_cues)
    ):
        # "Heritage", "Strategy", "la Faculté", "the Health Secretary": a common word capitalised, with
        # no more than an article or a title to go on, is a name only as the short form of one the
        # article gives in full (_resolve)
        weak = t.key in art.lower_words or t.key in art.locative or c.weak
        return done(NOT_A_NAME if weak else UNKNOWN, Strength.NONE)
    if not c.headed and _named_place(art, c, cues.before):
        return done(NOT_A_NAME, Strength.NONE)  # "la station Bordet", "Westmead station"
    if not (branded or c.headed) and _demonym(t.key, data):
        return done(NOT_A_NAME, Strength.NONE)  # "Torontonians", "les Fribourgeois": the people of a town
    if not c.headed and "-" in t.key and all(p in data.not_names for p in t.key.split("-")):
        return done(NOT_A_NAME, Strength.NONE)  # "an Omani-Saudi joint venture": two nationalities
    if branded or c.headed or cues.org:
        return done(ORGANIZATION, Strength.LEXICAL)
    if t.key in art.lower_words or t.key in art.locative or c.weak:
        return done(NOT_A_NAME, Strength.NONE)  # a common word ("Shares"), a town after "in", a brief before a title
    if _a_town_here(c, art, t, cues.before):
        return done(UNKNOWN, Strength.NONE)
    if t.initial and t.key not in art.known_single:
        if _before_verb(art.text, c.end, data) and not t.key.endswith(data.common_endings):
            return done(ORGANIZATION, Strength.WEAK)
        return done(UNKNOWN, Strength.NONE)  # kept only if the article vouches for it (_resolve)
    return done(ORGANIZATION, Strength.WEAK)


def _never_a_name(c: _Candidate, art: _Article, t: _Token, plain: str, branded: bool) -> bool:
    """A single word that is no name whatever surrounds it: an acronym of a common noun, a function
    word, a role, an adjective made of a name ("NBA-record", "Senate-approved"), a dateline's town in
    capitals ("WASHINGTON —")."""
    data = art.data
    if (
        t.key in data.common_acronyms
        or t.key in data.function_words
        or len(plain) < 2
        or t.key in data.person_cues
        or t.key in data.title_modifiers  # "Interim" of "Interim CEO"
        or t.key.split("-")[0] in data.function_words
    ):
        return True
    tail = t.text.rsplit("-", 1)[-1] if "-" in t.text else ""
    if tail.isalpha() and tail.islower() and len(tail) >= 3:
        return True
    if t.text[:1].islower() and t.text[1:2].isupper() and t.text.endswith("s") and t.text[-2:-1].islower():
        return True  # "iPhones", "iPads": a product's plural, not the company's name
    return (
        branded
        and plain.isupper()
        and (c.start == 0 or art.folded[c.start - 1] == "\n")
        and _dateline(art.folded, c.end)
    )


_GLUED_RE = re.compile(r"[a-z]{5,}(?:[A-Z][a-z]+)+|(?:[A-Z][a-z]{2,}){4,}")


def _plural_noun(word: str, data: _NameData) -> bool:
    """ "eagles", "hospitals": the plural of a common noun, which ends a team's or a thing's name, not a
    person's whose given name no list knows (a surname such as "Banks" comes after a known given name)."""
    return len(word) > 4 and word.endswith("s") and not word.endswith("ss") and word[:-1] in data.common_words


def _acronym_token(t: _Token, data: _NameData) -> bool:
    plain = fold(t.text)
    return (
        len(plain) >= 3
        and plain.isupper()
        and plain.strip("IVXL") != ""  # "Mswati III": a king's number, no acronym
        and t.key not in data.titles
        and t.key not in data.common_acronyms
        and t.key not in data.places
        and t.key + "." not in data.places
        and t.key not in data.not_names
    )


def _camel(word: str) -> bool:
    """ "OpenAI", "LinkedIn", "PhRMA": a brand that is not all capitals."""
    return _brand(word) and not word.isupper()


def _dateline(folded: str, end: int) -> bool:
    after = folded[end : end + 40]
    return re.match(r"(?:,[^\n—–]{0,30})?\s+[—–-]\s", after) is not None or re.match(r"\s*\(", after) is not None


_ONE_INITIAL = re.compile(r"[A-Z]\.")
_GLUED_INITIAL = re.compile(r"([A-Z][a-z]?)\.[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?")
_TICKER_BEFORE = re.compile(r"\([ \u00a0]?[A-Za-z]{2,8}[ \u00a0]?:[ \u00a0]?$")
