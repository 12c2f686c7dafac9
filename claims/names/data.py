"""The names' language data: what the lexicon and the word lists say, gathered once per language, and
the types that travel through the stages (tokens, candidates, strengths).
"""

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..lexicon import DATA_DIR, Lexicon, available_languages, common_data, language_words, load
from ..patterns import alternation, literal_trie, trie
from ..text import fold, fold_apostrophes
from ..text import fold_key as key
from .countries import country_forms, demonym_names, peoples

Gazetteer = Mapping[str, tuple[str, str]]  # fold_key(name) -> (type, canonical)

# Marks after which a capitalised word starts a clause of its own (its capital says nothing).
_CLAUSE_OPENERS = "«“„‘\"‹:—–"
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
_SPACE_GAP = re.compile(r"[ \u00a0\u202f\u2009\t]{1,3}")


@dataclass(frozen=True)
class NameFound:
    type: str  # person | organization
    canonical: str
    surface: str
    start: int
    end: int
    mentions: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    key: str  # folded, lower-case, without a final dot
    initial: bool  # its capital comes from the start of a sentence or clause
    sentence: int
    capital: bool


# What a candidate is read as, while the article is read: a person or an organisation (the kinds of
# the claims found), an acronym waiting for the full name it was defined after, a given name alone
# waiting for the article's only person with it, unknown until the article vouches for it, or no name.
PERSON, ORGANIZATION = "person", "organization"
ACRONYM, GIVEN, UNKNOWN, NOT_A_NAME = "acronym", "given", "unknown", ""


class Strength(IntEnum):
    """How sure a candidate's reading is; across the article, a stronger reading wins (_resolve)."""

    NEVER = -1  # a document, an event or a place by its head word: no name, and no part of one either
    NONE = 0  # no reading: not a name, or nothing known
    WEAK = 1  # its shape, or one cue around it
    CONTEXT = 2  # the words around it ("la revue Nature"), or a place inside a club's name
    LEXICAL = 3  # its own words: a given name, an organisation word, an acronym
    DEFINED = 4  # defined by the article (an acronym after its full name), or a public figure's surname
    KNOWN = 5  # the library's gazetteer, or a known organisation's alias


@dataclass(slots=True)
class _Candidate:
    tokens: list[_Token]
    start: int
    end: int
    sentence: int
    person_cue: bool = False  # a title or cue word says person
    org_title: bool = False  # followed by a business title ("OpenAI CEO")
    headed: bool = False  # opened by a lower-case organisation head (French)
    weak: bool = False  # prefix before a title: kept only with organisation evidence
    kind: str = NOT_A_NAME  # PERSON, ORGANIZATION, ACRONYM, GIVEN, UNKNOWN or NOT_A_NAME (rejected)
    form: str = ""  # fold_key of the surface: one claim per form
    canonical: str = ""
    strength: int = Strength.NONE
    spelled: str = ""  # the acronym in brackets its words spell ("MTCIT"), when spelled.py joined them


@dataclass(frozen=True)
class _NameData:
    """The [names] words of one language as ready-made sets, built once per language."""

    given: frozenset[str]
    world_given: frozenset[str]  # the given names of other countries' news, part of `given`
    titles: frozenset[str]
    title_forms: frozenset[str]  # the titles and their plurals ("ministers", "members of parliament")
    title_max_words: int
    title_starts: frozenset[str]  # first words of the titles
    person_cues: frozenset[str]
    organization_cues: frozenset[str]
    organization_articles: frozenset[str]
    organization_titles: frozenset[str]
    function_words: frozenset[str]
    non_entity_heads: frozenset[str]
    non_entity_tails: frozenset[str]
    thing_tails: frozenset[str]  # the same, never a surname: even after a given name
    common_acronyms: frozenset[str]
    organization_words: frozenset[str]
    designators: frozenset[str]
    legal_form_tails: tuple[str, ...]  # "Pvt. Ltd.", "inc.": a legal form written on past the capitals, longest first
    aliases: dict[str, str]
    # The weekdays in full where the language writes them with a capital: never the last word of a name
    # there ("Council Tuesday"); in French a capital makes one a name's ("La Tribune Dimanche").
    weekdays: frozenset[str]
    word_acronyms: frozenset[str]  # short forms in capitals that are also words ("WHO", "who"): only in capitals
    known_surnames: dict[str, str]  # "trump" -> "Donald Trump" (data/people.toml)
    places: frozenset[str]
    currencies: frozenset[str]  # "us dollar", "rupee": a currency's name, capitalised or not, is no body
    not_names: frozenset[str]
    calendar: frozenset[str]
    connectors: frozenset[str]
    org_joiners: frozenset[str]
    demonym_endings: tuple[str, ...]  # "Torontonians", "Fribourgeois": the people of a town
    campus_links: frozenset[str]  # "University of Arkansas at Little Rock": a town after names a campus
    particles: frozenset[str]
    capital_token_re: re.Pattern[str]  # tokens.py: capitalised words, and names after a particle ("al-Jubeir")
    split_connectors: frozenset[str]
    elisions: frozenset[str]
    possessives: tuple[str, ...]
    subject_verbs: frozenset[str]
    towns: frozenset[str]  # data/towns.txt, folded: a word known only as a town is no organisation by default
    common_words: frozenset[str]  # data/common_words_<code>.txt, folded: "heritage", "contrat"
    administrative_words: frozenset[str]  # "Milwaukee County ...": a body named after its place
    opponent_words: frozenset[str]  # "beat Brentford", "contre Lens": a town named so is a club
    lone_institutions: frozenset[str]  # organisation words that name one institution alone ("Senate")
    person_before: frozenset[str]  # "named Jide Okafor": a person follows
    product_cues: frozenset[str]  # "the drug Repatha", "le vaccin Qdenga": a product's name, no claim
    affiliation_words: frozenset[str]  # "at Deloitte", "chez Saft": a word after these is an employer
    subject_verb_endings: tuple[str, ...]
    common_endings: tuple[str, ...]
    adjective_suffixes: tuple[str, ...]
    place_prepositions: frozenset[str]
    local_bodies: dict[str, str]  # "ville" -> "Ville de {town}": a local body named without its town
    national_bodies: dict[str, str]  # "parliament" -> "Parliament": a country's body named without it
    national_body_form: str  # "{body} of {country}"; empty: the language names them as written
    national_body_home: str  # the country whose bodies keep their bare name ("France" in French)
    the_countries: frozenset[str]  # countries named with "the" ("the Cook Islands")
    country_re: re.Pattern[str] | None  # CLDR's countries, as written (None: no national_body_form)
    demonym_bodies_re: re.Pattern[str] | None  # "le gouvernement britannique": a head, then an adjective
    leader_bodies_re: re.Pattern[str] | None  # "le gouvernement Legault": a head, then its leader's name
    platforms: frozenset[str]  # "Twitter", "Zoom": no organisation after a medium marker ("on", "via")
    medium_markers: frozenset[str]
    demonym_bodies_heads: re.Pattern[str] | None  # its heads' first words: a text without one holds none
    country_bodies: dict[str, str]  # "government" -> "Government of {country}": named after the country
    demonym_countries: dict[str, str]  # "chinese" -> "China", "canadien" -> "du Canada"
    country_forms: dict[str, str]  # "Canada" -> "du Canada": how a body's name goes on with its country
    demonym_names: dict[str, str]  # "maliennes" -> "Mali": a nationality in any form, and its country
    country_body_re: re.Pattern[str] | None  # "the Guam government", "the government of Guam" (English order)
    country_body_heads: re.Pattern[str] | None  # its heads alone: a text without one holds no such body
    lowercase_bodies_re: re.Pattern[str] | None  # "le parquet", "la police locale": local bodies in lower case
    lowercase_bodies_heads: re.Pattern[str] | None  # their first words: a text without one holds none
    place_nouns: frozenset[str]  # "la station Bordet", "the suburb of Kempshott": a place's name follows
    place_nouns_after: frozenset[str]  # "Westmead station": a place's name comes before
    joined_heads: frozenset[str]  # "ministère": a head whose complements go on with "et" ("et du budget")
    list_joiners: frozenset[str]  # "et", "and" (of every language)
    place_hyphen_starts: frozenset[str]  # "Saint-Élie": a hyphenated word opening so is a place's name
    inverted_heads: frozenset[str]  # "Finance Ministry": written "Ministry of Finance" (as written, not folded)
    inverted_form: str  # "{head} of {brief}"
    name_expansions: dict[str, str]  # "NZ" -> "New Zealand" inside an organisation's name
    state_heads: frozenset[str]  # "Kingdom of Saudi Arabia", "Wilayat of Haima": a place's formal name
    place_tails: frozenset[str]  # "Yilan County", "Caroline Bay": a place's name, its noun written in capitals
    portfolio_re: re.Pattern[str] | None
    portfolio_probes: tuple[str, ...]  # first words of the portfolio heads: no pattern run without one
    tail_adjective_endings: tuple[str, ...]
    tail_bare_prepositions: frozenset[str]  # "de", "d'": a tail's prepositions without their article
    tail_prenominal: frozenset[str]  # "première", "grande": before a tail's noun ("de première instance")
    foreign_connectors: frozenset[str]  # "of", "and" in French copy: a name in another language, no tail
    title_modifiers: frozenset[str]  # "interim", "acting": before a title, alone no name
    infinitive_endings: tuple[str, ...]  # "er", "ir"
    plural_endings: tuple[str, ...]  # "s", "x"
    tail_prepositions_re: re.Pattern[str] | None
    speech_verb_re: re.Pattern[str]
    org_head_re: re.Pattern[str] | None
    # The last words of the head links, glued ("d'", "l'") and spaced ("la", "du"): a cheap test first
    head_link_ends: tuple[tuple[str, ...], tuple[str, ...]]
    named_head_re: re.Pattern[str] | None  # "l'hôpital Anna-Laberge": a head that takes a name without "de"
    place_heads: frozenset[str]  # heads that open an organisation only before a place ("gouvernement")
    byline_re: re.Pattern[str] | None  # "By Marcus Delaney, Associated Press", "Par Julie Martin"
    not_name_re: re.Pattern[str] | None  # shapes that are never names: "D-Ariz.", "XIXe"
    place_hyphen_links: frozenset[str]  # "Pont-de-Claix", "Boulogne-sur-Mer": a compound town name
    postnominals: frozenset[str]  # "KC", "OBE": letters after a name
    alias_max_words: int
    never_alone: frozenset[str]  # single words that are never a name: function words, months, acronyms
    alias_prefixes: frozenset[str]  # first words of the aliases that go on ("nations" of "nations unies")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names shared by every language (common.toml, the census list of given_names.txt and the
    other countries' names of given_names_world.txt), folded and lower-case; read from the disk cache
    of claims/compiled.py when the data and the code are those they were folded with."""
    from ..compiled import cached

    names: frozenset[str] = cached("first-names", _first_names, scope="tables")
    return names


def _first_names(_key: str) -> frozenset[str]:
    data = common_data()
    census = (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return (
        frozenset(key(n) for n in data["names"]["first_names"])
        | frozenset(key(n) for n in census if n and not n.startswith("#"))
        | world_names()
    )


@lru_cache(maxsize=1)
def world_names() -> frozenset[str]:
    """The given names of given_names_world.txt alone: rarer in our press, so a company may be named
    after one ("Groupe Arcelia", then "Arcelia")."""
    listed = (DATA_DIR / "given_names_world.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(key(n) for n in listed if n and not n.startswith("#"))


def _plural(title: str) -> str:
    """A title's plural, its first word's: "ministers", "members of parliament", "chief executives"."""
    first, _, rest = title.partition(" ")
    return f"{first}s {rest}" if rest and " of " in f" {rest}" else f"{title}s"


def _plain(word: str) -> str:
    """Lookup form of a title or token: folded, lower-case, without dots at the end."""
    return key(word).rstrip(".")


_DATA: dict[str, tuple[Lexicon, _NameData]] = {}


def name_data(lex: Lexicon) -> _NameData:
    """The names data of a lexicon, built once a process; for the language's own lexicon, read from the
    disk cache of claims/compiled.py when the data and the code are those it was built with."""
    cached = _DATA.get(lex.code)
    if cached is not None and cached[0] is lex:
        return cached[1]
    data: _NameData
    if lex is load(lex.code):
        from ..compiled import cached as disk_cached

        data = disk_cached(f"names-{lex.code}", lambda _code: _build_name_data(lex), scope="tables")
    else:  # a lexicon made for a test or a tool: its own data, never the cache's
        data = _build_name_data(lex)
    _DATA[lex.code] = (lex, data)
    return data


def _phrase(words: str) -> str:
    return re.escape(_plain(words)).replace(r"\ ", r"\s+")


def _phrases(words: list[str]) -> str:
    return "(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _folded_lines(path: Path) -> frozenset[str]:
    """The names of a long list (one a line, "#" comments) as `key` makes them, folding in one go only
    the lines that need it."""
    lines = [" ".join(w.split()) for w in path.read_text(encoding="utf-8").lower().splitlines() if w and w[0] != "#"]
    accented = [w for w in lines if not w.isascii()]
    return frozenset(w for w in lines if w.isascii()) | frozenset(fold("\n".join(accented)).split("\n"))


@lru_cache(maxsize=None)  # a data file read once a process, whatever the languages built
def _towns() -> frozenset[str]:
    """The towns of the countries whose press we read, and the big cities of all the others."""
    return _folded_lines(DATA_DIR / "towns.txt") | _folded_lines(DATA_DIR / "cities.txt")


@lru_cache(maxsize=None)  # a data file read once a process, whatever the languages built
def _regions(given: frozenset[str], towns: frozenset[str]) -> frozenset[str]:
    """data/regions.txt, folded: counties, provinces, states... ("County Kildare" also "Co Kildare",
    "Hauts-de-France" also "Hauts de France"); a given name or a town keeps the rules of those."""
    out: set[str] = set()
    lines = (DATA_DIR / "regions.txt").read_text(encoding="utf-8").splitlines()
    # CLDR's countries (tools/make_countries.py), but not those a language uses as a common word
    # ("équateur", the equator), which that language's rules keep
    common = frozenset().union(*(_common_words(code) for code in available_languages()))
    lines += [
        line
        for line in (DATA_DIR / "countries.txt").read_text(encoding="utf-8").splitlines()
        if key(line) not in common
    ]
    for line in lines:
        name = key(line)
        if not name or name.startswith("#") or name in given or name in towns:
            continue
        forms = [name]
        if name.startswith("county "):
            forms += ["co " + name[7:], "co. " + name[7:]]
        out.update(forms)
        out.update(f.replace("-", " ") for f in forms if "-" in f)
    return frozenset(out)


def _capital_token_re(particles: frozenset[str]) -> re.Pattern[str]:
    """A word that holds a capital (tokens.py), or a name glued to a short particle by a hyphen
    ("al-Jubeir", "el-Sisi"): the particle is the name's."""
    glued = sorted(p for p in particles if p.isalpha() and len(p) <= 3)
    lead = f"|(?:{'|'.join(glued)})-[A-Z]" if glued else ""
    # not a hashtag's or a handle's word ("#TSNHockey", "@TSNBobMcKenzie"), nor an address's ("Info@...");
    # the lower-case start read at once (possessive): a shorter one is followed by a letter, no capital
    return re.compile(rf"(?<![\w'.#@-])(?=[A-Z]|[a-z]{{1,7}}+'?[A-Z]{lead})[^\W_](?:\w|['\-.](?=[^\W_]))*+\.?(?!@)")


@lru_cache(maxsize=None)  # a data file read once a process, whatever the languages built
def _country_re() -> re.Pattern[str]:
    """CLDR's countries in English and French (data/countries.txt), as whole words."""
    lines = (DATA_DIR / "countries.txt").read_text(encoding="utf-8").splitlines()
    return _words_re([line for line in lines if line and not line.startswith("#")])


def _country_body_re(names: dict[str, Any]) -> re.Pattern[str] | None:
    """ "the Guam government", "the Chinese Government", "the government of Guam": a country's body
    after the country or its people, or before "of" and the country (country_bodies' heads)."""
    if not names["country_bodies"]:
        return None
    lines = (DATA_DIR / "countries.txt").read_text(encoding="utf-8").splitlines()
    place = literal_trie(
        [line for line in lines if line and not line.startswith("#")] + list(names["demonym_countries"])
    )
    head = _country_body_head(names)
    return re.compile(
        rf"(?<![\w'-])(?:(?P<place>{place}) (?P<head>{head})|(?P<head2>{head}) of (?:the )?(?P<place2>{place}))(?![\w'-])"
    )


def _country_body_head(names: dict[str, Any]) -> str:
    """The heads of the country bodies ("government", "Government") as one alternation."""
    return "|".join(f"[{h[0].upper()}{h[0]}]{re.escape(h[1:])}" for h in names["country_bodies"])


@lru_cache(maxsize=None)  # a data file read once a process, whatever the languages built
def _common_words(code: str) -> frozenset[str]:
    path = DATA_DIR / f"common_words_{code}.txt"
    return _folded_lines(path) if path.exists() else frozenset()


def _known_surnames() -> dict[str, str]:
    with open(DATA_DIR / "people.toml", "rb") as fh:
        return {key(k): v for k, v in tomllib.load(fh)["surnames"].items()}


def _words_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{trie(words)})(?![\w'-])")


def _portfolio_re(names: dict[str, Any], joiners: frozenset[str]) -> re.Pattern[str] | None:
    """ "la ministre de l'Enseignement supérieur et de la Recherche", "minister for Health": the
    capitalised words name a brief, not an organisation; several briefs are joined by a comma or a
    list joiner (`joiners`, those of every language)."""
    heads, preps = names["portfolio_heads"], names["portfolio_prepositions"]
    if not (heads and preps):
        return None
    head = trie(heads)  # a prefix tree: the pattern runs over the whole article
    prep = (
        "(?:"
        + "|".join(_phrase(p) + ("" if p.endswith("'") else r"\s+") for p in sorted(preps, key=len, reverse=True))
        + ")"
    )
    # a capitalised word, and a lower-case one qualifying it ("Enseignement supérieur"), not a joiner
    cap = rf"[A-Z][\w'-]*(?:\s+(?!(?i:{alternation(joiners)})\b)[a-z][\w-]*)?"
    sep = rf"(?:\s*,?\s+(?i:{alternation(joiners)})\s+|\s*,\s*)"  # "Communications, and Information Technology"
    # two capitalised words only where another brief follows ("Agrarian Policy and Food Taras
    # Vysotsky"): a last brief of two would take the given name after it
    seg = rf"(?:[A-Z][\w'-]*\s+[A-Z][\w'-]*(?={sep}{prep}?[A-Z])|{cap})"
    # after "and", the last brief may be two words when no capital follows ("..., and Information
    # Technology."); not after a comma ("la ministre du Logement, Hélène Marchetti")
    joined = rf"\s*,?\s+(?i:{alternation(joiners)})\s+{prep}?[A-Z][\w'-]*\s+[A-Z][\w'-]*(?![\w'-]|\s+[A-Z])"
    return re.compile(rf"(?<![\w'])(?i:{head})\s+{prep}{seg}(?:{joined}|{sep}{prep}?{seg})*")


@lru_cache(maxsize=1)
def _every_calendar() -> frozenset[str]:
    """The month and weekday names of every language (folded), read from their data files."""
    words: set[str] = set()
    for code in available_languages():
        dates = language_words(code, "dates")
        words.update(_plain(w) for w in [*dates["months"], *dates["weekdays"]])
    return frozenset(words)


def _build_name_data(lex: Lexicon) -> _NameData:
    # One piece: the constructor of _NameData, a line a field read from the language's data.
    names = lex.raw["names"]

    def keys(field_name: str) -> frozenset[str]:
        return frozenset(_plain(w) for w in names[field_name])

    # a title is read on the capitalised words of a run, without the small words between them:
    # "Member of Parliament" is also "member parliament"
    small = keys("connectors")
    titles = keys("titles") | {" ".join(w for w in t.split() if w not in small) for t in keys("titles")}
    portfolio_re = _portfolio_re(names, lex.quotes.list_joiners)
    tail_preps = names["org_tail_prepositions"]
    tail_re = None
    if tail_preps:
        alts = "|".join(
            _phrase(p) + ("" if p.endswith("'") else r"\s+") for p in sorted(tail_preps, key=len, reverse=True)
        )
        tail_re = re.compile(rf"(?<!\s)\s++(?:{alts})")
    connectors = keys("connectors")
    particles = keys("particles")
    towns = _towns()
    return _NameData(
        given=first_names(),
        world_given=world_names(),
        titles=titles,
        title_forms=titles | frozenset(_plural(t) for t in titles),
        title_max_words=max((len(t.split()) for t in titles), default=1),
        title_starts=frozenset(t.split()[0] for t in titles),
        person_cues=frozenset(_plain(w) for w in lex.names.person_cues) | titles,
        organization_cues=keys("organization_cues"),
        organization_articles=keys("organization_articles"),
        organization_titles=keys("organization_titles"),
        function_words=frozenset(lex.names.function_words),
        non_entity_heads=frozenset(lex.names.non_entity_heads),
        non_entity_tails=keys("non_entity_tails") | keys("thing_tails"),
        thing_tails=keys("thing_tails"),
        common_acronyms=frozenset(_plain(a) for a in lex.names.common_acronyms),
        organization_words=frozenset(_plain(w) for w in lex.names.organization_words),
        designators=keys("designators"),
        legal_form_tails=tuple(sorted(names["legal_form_tails"], key=len, reverse=True)),
        aliases=dict(lex.names.aliases),
        weekdays=frozenset(k for k in lex.calendar.weekdays if len(k) > 4)
        if lex.calendar.months_capitalised
        else frozenset(),
        word_acronyms=lex.names.acronym_aliases & (_common_words(lex.code) | lex.names.function_words),
        known_surnames=_known_surnames(),
        places=frozenset(lex.names.places) | _regions(first_names(), towns),
        currencies=frozenset(lex.money.currency_names),
        not_names=keys("not_names") | peoples(names["demonym_countries"]),
        # (the other languages' too: "Thursday" in a French article quoting an English statement)
        calendar=frozenset(lex.calendar.months) | frozenset(lex.calendar.weekdays) | _every_calendar(),
        connectors=connectors,
        org_joiners=keys("org_joiners"),
        campus_links=frozenset(_plain(w) for w in names.get("campus_links", [])),
        demonym_endings=tuple(_plain(w) for w in names.get("demonym_endings", [])),
        particles=particles,
        capital_token_re=_capital_token_re(particles),
        split_connectors=connectors - particles,
        elisions=keys("elisions"),
        possessives=tuple(fold(p) for p in names["possessives"]),
        # as written ("a" is no "à") and folded, as the tails read them ("considère", "considere")
        subject_verbs=frozenset(w.lower() for w in names["subject_verbs"])
        | {_plain(w) for w in names["subject_verbs"]},
        affiliation_words=frozenset(key(w) for w in names["affiliation_words"]),
        product_cues=frozenset(key(w) for w in names["product_cues"]),
        person_before=frozenset(key(w) for w in names["person_before"]),
        lone_institutions=frozenset(_plain(w) for w in names["lone_institutions"]),
        towns=towns,
        common_words=_common_words(lex.code),
        opponent_words=frozenset(key(w) for w in names["opponent_words"]),
        administrative_words=frozenset(key(w) for w in names["administrative_words"]),
        subject_verb_endings=tuple(names["subject_verb_endings"]),
        common_endings=tuple(_plain(e) for e in names["common_noun_endings"]),
        adjective_suffixes=tuple(_plain(e) for e in names["adjective_suffixes"]),
        place_prepositions=keys("place_prepositions"),
        place_nouns=frozenset(key(w) for w in names["place_nouns"]),
        local_bodies={key(k): v for k, v in names["local_bodies"].items()},
        national_bodies={key(b): b for b in names["national_bodies"]},
        national_body_form=names["national_body_form"],
        national_body_home=names.get("national_body_home", ""),
        the_countries=frozenset(names["the_countries"]),
        country_re=_country_re() if names["national_body_form"] else None,
        demonym_bodies_re=(
            re.compile(rf"(?<![\w'])({_phrases(names['demonym_bodies'])})[ \n]([a-z][a-z-]{{2,20}})(?![\w'-])")
            if names["demonym_bodies"]
            else None
        ),
        demonym_bodies_heads=_first_words_re(names["demonym_bodies"]) if names["demonym_bodies"] else None,
        lowercase_bodies_re=_lowercase_bodies_re(names),
        platforms=frozenset(key(w) for w in names.get("platforms", [])),
        medium_markers=frozenset(key(w) for w in names.get("medium_markers", [])),
        leader_bodies_re=(
            re.compile(rf"(?<![\w'])({_phrases(heads)})[ ]([A-Z][\w'-]+)(?![\w'-])")
            if (heads := names.get("leader_bodies"))
            else None
        ),
        lowercase_bodies_heads=_first_words_re(_lowercase_bodies(names)) if _lowercase_bodies_re(names) else None,
        country_bodies={key(h): f for h, f in names["country_bodies"].items()},
        demonym_countries={key(a): c for a, c in names["demonym_countries"].items()},
        country_forms=country_forms(names["demonym_countries"]),
        demonym_names=demonym_names(names["demonym_countries"]) if names["national_body_form"] else {},
        # the government named by the country around it, in English; French names it by the adjective
        # after it (demonym_bodies)
        country_body_re=_country_body_re(names)
        if names["national_body_form"] and not names["demonym_bodies"]
        else None,
        country_body_heads=(
            re.compile(_country_body_head(names)) if names["national_body_form"] and names["country_bodies"] else None
        ),
        place_nouns_after=frozenset(key(w) for w in names["place_nouns_after"]),
        place_tails=frozenset(key(w) for w in names.get("place_tails", [])),
        state_heads=frozenset(key(w) for w in names.get("state_heads", [])),
        inverted_heads=frozenset(names.get("inverted_heads", [])),
        inverted_form=names.get("inverted_form", ""),
        name_expansions=dict(names.get("name_expansions", {})),
        place_hyphen_starts=frozenset(key(w) for w in names.get("place_hyphen_starts", [])),
        joined_heads=frozenset(key(w) for w in names.get("joined_heads", [])),
        list_joiners=frozenset(lex.quotes.list_joiners),
        portfolio_re=portfolio_re,
        portfolio_probes=tuple({_plain(h).split()[0] for h in names["portfolio_heads"]}),
        tail_adjective_endings=tuple(_plain(e) for e in names["org_tail_adjective_endings"]),
        tail_bare_prepositions=frozenset(fold_apostrophes(w) for w in names["org_tail_bare_prepositions"]),
        tail_prenominal=frozenset(_plain(w) for w in names.get("org_tail_prenominal", [])),
        foreign_connectors=frozenset(_plain(w) for w in names.get("foreign_connectors", [])),
        title_modifiers=frozenset(_plain(w) for w in names.get("title_modifiers", [])),
        infinitive_endings=tuple(names["infinitive_endings"]),
        plural_endings=tuple(names["plural_endings"]),
        tail_prepositions_re=tail_re,
        speech_verb_re=lex.quotes.speech_verb_re,
        org_head_re=_head_re(
            names["lowercase_org_heads"] + names["place_heads"],
            names["head_links"],
            names["org_tail_bare_prepositions"],
        ),
        head_link_ends=_link_ends(names["head_links"]),
        named_head_re=(
            re.compile(rf"(?<![\w-])({_phrases(names['named_heads'])})\s+$") if names.get("named_heads") else None
        ),
        place_heads=keys("place_heads"),
        postnominals=frozenset(_plain(w) for w in names.get("postnominals", [])),
        place_hyphen_links=frozenset(fold_apostrophes(w) for w in names["place_hyphen_links"]),
        not_name_re=(
            re.compile("|".join(f"(?:{p})" for p in names["not_name_patterns"]))
            if names.get("not_name_patterns")
            else None
        ),
        byline_re=(
            re.compile(rf"(?i:{_phrases(names['byline_markers'])})\s+(?=[A-Z])")
            if names.get("byline_markers")
            else None
        ),
        alias_max_words=max((len(a.split()) for a in lex.names.aliases), default=1),
        never_alone=(
            frozenset(lex.names.function_words)
            | frozenset(lex.calendar.months)
            | frozenset(lex.calendar.weekdays)
            | frozenset(_plain(a) for a in lex.names.common_acronyms)
        )
        - frozenset(lex.names.aliases),
        alias_prefixes=frozenset(" ".join(a.split()[:i]) for a in lex.names.aliases for i in range(1, len(a.split()))),
    )


def _first_words_re(phrases: list[str]) -> re.Pattern[str]:
    """The first word of each phrase as `_phrases` writes it, as one alternation: a text that holds
    none of them matches no pattern of the phrases (a cheap test before a long scan)."""
    return re.compile("|".join(sorted({re.escape(_plain(p).split(" ")[0]) for p in phrases})))


def _lowercase_bodies(names: dict[str, Any]) -> list[str]:
    return [b for b in names["local_bodies"] if b[:1].islower()]


def _lowercase_bodies_re(names: dict[str, Any]) -> re.Pattern[str] | None:
    """ "le parquet", "la police locale", "de la cour d'appel": a local body the language data writes in
    lower case, after an article; read on the folded text, group 1 is the body."""
    bodies = _lowercase_bodies(names)
    articles = [a for a in names["organization_articles"] if a.isalpha() or a.endswith("'")]
    if not bodies or not articles:
        return None
    before = "|".join(re.escape(fold(a)) + ("" if a.endswith("'") else r"\s+") for a in articles)
    return re.compile(rf"(?<![\w'])(?i:{before})({_phrases(bodies)})(?![\w'-])")


def _link_ends(links: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ends = sorted({fold_apostrophes(w).split()[-1] for w in links})
    return tuple(e for e in ends if e.endswith("'")), tuple(e for e in ends if not e.endswith("'"))


def _head_re(heads: list[str], links: list[str], bare: list[str]) -> re.Pattern[str] | None:
    """ "le ministère (russe) de la Défense", "le tribunal (correctionnel) de Paris", "la chambre
    d'agriculture de la Drôme": the lower-case head and up to two words qualifying it (a `bare`
    preposition before one) open the organisation's name, after one of the language's `links` ("de
    la", "du", "d'")."""
    if not heads or not links:
        return None

    def alternation(words: list[str]) -> str:
        return "|".join(
            r"\s+".join(re.escape(w) for w in fold_apostrophes(p).split()) + ("" if p.endswith("'") else r"\s+")
            for p in words
        )

    qualifier = rf"(?:{alternation(bare)})?" if bare else ""
    return re.compile(
        rf"(?<!\w){_phrases(heads)}((?:\s+{qualifier}[a-z][a-z-]*){{0,2}})"
        rf"\s+(?:{alternation(links)})$"
    )


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # after a surname, not one itself
