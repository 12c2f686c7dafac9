"""People and organisations, under their canonical full names.

No statistical model (see issue 3: spaCy's labels cannot be used raw, and nothing may be downloaded).
Capitalised words are grouped into runs, cleaned, classified with the language data, then resolved
against what the article itself says:

1. Runs: capitalised words of one sentence, joined across name connectors ("Banque de France",
   "University of Cambridge", "Côte d'Ivoire"), split where a given name starts a new name
   ("d'OpenAI Jan Leike"), at a title inside the run ("OpenAI CEO Sam Altman") and between a person
   and the organisation that follows ("Lars Eriksson of Stockholm University").
2. Cleaning: a sentence-initial function word, titles ("Dr", "Sen.", "M.", "Prime Minister") and
   possessives are not part of the name; a title before a name makes it a person. In French, a
   lower-case head opens an organisation ("l'université de Bordeaux") and an organisation word
   carries its lower-case complement ("Haut Conseil des finances publiques").
3. Classification, strongest evidence first: gazetteer and aliases; what is never a name (places,
   nationalities, months, weekdays, acronyms of common nouns, documents and events, portfolios
   after "ministre de", words the article writes in lower case or quotes as terms); organisation
   evidence (organisation words and cues, designators "RC", "Inc", camel-cased brands, acronyms,
   places inside a longer name); person evidence (given names, person cues and titles).
4. Resolution: a surname alone ("Leike") or the end of a full name ("Le Goff") is the person named
   in full elsewhere; a given name alone is the only person with that given name; an acronym
   defined in parentheses ("Agence nationale ... (ANSM)") is that organisation; a short form plus
   designators ("Lens" / "RC Lens") is the same organisation. A capitalised word that only ever
   opens a sentence stays out unless one of these, the gazetteer or a following verb vouches for it.
5. Title Case headlines are not read word by word: only names known from the body are found there.

Each distinct surface form becomes one claim at its first mention, with every mention listed.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable, Sequence
from enum import IntEnum
from functools import lru_cache
from pathlib import Path
from typing import TypedDict, Unpack

from .lexicon import DATA_DIR, Lexicon, trie
from .text import Sentence, fold, fold_apostrophes, fold_key, is_heading
from .text import fold_key as key

Gazetteer = dict[str, tuple[str, str]]  # fold_key(name) -> (type, canonical)

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


@dataclass(frozen=True)
class _NameData:
    """The [names] words of one language as ready-made sets, built once per language."""

    given: frozenset[str]
    titles: frozenset[str]
    title_max_words: int
    title_starts: frozenset[str]  # first words of the titles
    person_cues: frozenset[str]
    organization_cues: frozenset[str]
    organization_articles: frozenset[str]
    organization_titles: frozenset[str]
    function_words: frozenset[str]
    non_entity_heads: frozenset[str]
    non_entity_tails: frozenset[str]
    common_acronyms: frozenset[str]
    organization_words: frozenset[str]
    designators: frozenset[str]
    aliases: dict[str, str]
    known_surnames: dict[str, str]  # "trump" -> "Donald Trump" (data/people.toml)
    places: frozenset[str]
    not_names: frozenset[str]
    calendar: frozenset[str]
    connectors: frozenset[str]
    org_joiners: frozenset[str]
    particles: frozenset[str]
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
    affiliation_words: frozenset[str]  # "at Deloitte", "chez Saft": a word after these is an employer
    subject_verb_endings: tuple[str, ...]
    common_endings: tuple[str, ...]
    adjective_suffixes: tuple[str, ...]
    place_prepositions: frozenset[str]
    local_bodies: dict[str, str]  # "ville" -> "Ville de {town}": a local body named without its town
    place_nouns: frozenset[str]  # "la station Bordet", "the suburb of Kempshott": a place's name follows
    place_nouns_after: frozenset[str]  # "Westmead station": a place's name comes before
    portfolio_re: re.Pattern[str] | None
    portfolio_probes: tuple[str, ...]  # first words of the portfolio heads: no pattern run without one
    tail_adjective_endings: tuple[str, ...]
    tail_prepositions_re: re.Pattern[str] | None
    speech_verb_re: re.Pattern[str]
    org_head_re: re.Pattern[str] | None
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
    """Given names shared by every language (common.toml, and the census list of given_names.txt),
    folded and lower-case."""
    with open(DATA_DIR / "common.toml", "rb") as fh:
        data = tomllib.load(fh)
    census = (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(key(n) for n in data["names"]["first_names"]) | frozenset(
        key(n) for n in census if n and not n.startswith("#")
    )


def _plain(word: str) -> str:
    """Lookup form of a title or token: folded, lower-case, without dots at the end."""
    return key(word).rstrip(".")


_DATA: dict[str, tuple[Lexicon, _NameData]] = {}


def name_data(lex: Lexicon) -> _NameData:
    cached = _DATA.get(lex.code)
    if cached is not None and cached[0] is lex:
        return cached[1]
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


def _towns() -> frozenset[str]:
    return _folded_lines(DATA_DIR / "towns.txt")


def _regions(given: frozenset[str], towns: frozenset[str]) -> frozenset[str]:
    """data/regions.txt, folded: counties, provinces, states... ("County Kildare" also "Co Kildare",
    "Hauts-de-France" also "Hauts de France"); a given name or a town keeps the rules of those."""
    out: set[str] = set()
    for line in (DATA_DIR / "regions.txt").read_text(encoding="utf-8").splitlines():
        name = key(line)
        if not name or name.startswith("#") or name in given or name in towns:
            continue
        forms = [name]
        if name.startswith("county "):
            forms += ["co " + name[7:], "co. " + name[7:]]
        out.update(forms)
        out.update(f.replace("-", " ") for f in forms if "-" in f)
    return frozenset(out)


def _common_words(code: str) -> frozenset[str]:
    path = DATA_DIR / f"common_words_{code}.txt"
    return _folded_lines(path) if path.exists() else frozenset()


def _known_surnames() -> dict[str, str]:
    with open(DATA_DIR / "people.toml", "rb") as fh:
        return {key(k): v for k, v in tomllib.load(fh)["surnames"].items()}


@dataclass(frozen=True)
class _Knowledge:
    """data/organizations.toml's [clubs] and [institutions] for one language: names whose reading
    depends on what the article is about (sport) or where it is set (its country)."""

    clubs: dict[str, str]  # fold_key(form) -> canonical
    sport_re: re.Pattern[str]
    universities: dict[str, str]  # fold_key(form) -> canonical
    academic_re: re.Pattern[str]
    countries: tuple[tuple[re.Pattern[str], dict[str, str]], ...]  # (cue pattern, fold_key(form) -> canonical)
    country_forms: frozenset[str]


def _words_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{trie(words)})(?![\w'-])")


@lru_cache(maxsize=None)
def _knowledge(code: str) -> _Knowledge:
    with open(DATA_DIR / "organizations.toml", "rb") as fh:
        raw = tomllib.load(fh)
    clubs_raw = raw.get("clubs", {})
    clubs: dict[str, str] = {}
    for canonical, forms in clubs_raw.get(code, {}).items():
        for form in [canonical, *forms]:
            clubs.setdefault(key(form), canonical)
    universities_raw = raw.get("universities", {})
    universities: dict[str, str] = {}
    for canonical, forms in universities_raw.get(code, {}).items():
        for form in [canonical, *forms]:
            universities.setdefault(key(form), canonical)
    countries = tuple(
        (_words_re(table["cues"]), {key(k): v for k, v in table["forms"].items()})
        for table in raw.get("institutions", {}).get(code, {}).values()
    )
    return _Knowledge(
        clubs=clubs,
        sport_re=_words_re(clubs_raw.get(f"sport_words_{code}", [])),
        universities=universities,
        academic_re=_words_re(universities_raw.get(f"context_words_{code}", [])),
        countries=countries,
        country_forms=frozenset(f for _, forms in countries for f in forms),
    )


def _build_name_data(lex: Lexicon) -> _NameData:
    names = lex.raw["names"]

    def keys(field_name: str) -> frozenset[str]:
        return frozenset(_plain(w) for w in names.get(field_name, []))

    titles = keys("titles")
    portfolio_re = None
    heads, preps = names.get("portfolio_heads", []), names.get("portfolio_prepositions", [])
    if heads and preps:
        # "la ministre de l'Enseignement supérieur et de la Recherche", "minister for Health": the
        # capitalised words name a brief, not an organisation.
        head = trie(heads)  # a prefix tree: the pattern runs over the whole article
        prep = (
            "(?:"
            + "|".join(_phrase(p) + ("" if p.endswith("'") else r"\s+") for p in sorted(preps, key=len, reverse=True))
            + ")"
        )
        cap = r"[A-Z][\w'-]*(?:\s+[a-z][\w-]*)?"
        portfolio_re = re.compile(rf"(?<![\w'])(?i:{head})\s+{prep}{cap}(?:(?:\s*,\s*|\s+(?i:et|and)\s+){prep}?{cap})*")
    tail_preps = names.get("org_tail_prepositions", [])
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
        titles=titles,
        title_max_words=max((len(t.split()) for t in titles), default=1),
        title_starts=frozenset(t.split()[0] for t in titles),
        person_cues=frozenset(_plain(w) for w in lex.person_cues) | titles,
        organization_cues=keys("organization_cues"),
        organization_articles=keys("organization_articles"),
        organization_titles=keys("organization_titles"),
        function_words=frozenset(lex.function_words),
        non_entity_heads=frozenset(lex.non_entity_heads),
        non_entity_tails=keys("non_entity_tails"),
        common_acronyms=frozenset(_plain(a) for a in lex.common_acronyms),
        organization_words=frozenset(_plain(w) for w in lex.organization_words),
        designators=keys("designators"),
        aliases=dict(lex.aliases),
        known_surnames=_known_surnames(),
        places=frozenset(lex.places) | _regions(first_names(), towns),
        not_names=keys("not_names"),
        calendar=frozenset(lex.months) | frozenset(lex.weekdays),
        connectors=connectors,
        org_joiners=keys("org_joiners"),
        particles=particles,
        split_connectors=connectors - particles,
        elisions=keys("elisions"),
        possessives=tuple(fold(p) for p in names.get("possessives", [])),
        subject_verbs=frozenset(w.lower() for w in names.get("subject_verbs", [])),
        affiliation_words=frozenset(key(w) for w in names["affiliation_words"]),
        person_before=frozenset(key(w) for w in names["person_before"]),
        lone_institutions=frozenset(_plain(w) for w in names["lone_institutions"]),
        towns=towns,
        common_words=_common_words(lex.code),
        opponent_words=frozenset(key(w) for w in names["opponent_words"]),
        administrative_words=frozenset(key(w) for w in names["administrative_words"]),
        subject_verb_endings=tuple(names.get("subject_verb_endings", [])),
        common_endings=tuple(_plain(e) for e in names.get("common_noun_endings", [])),
        adjective_suffixes=tuple(_plain(e) for e in names.get("adjective_suffixes", [])),
        place_prepositions=keys("place_prepositions"),
        place_nouns=frozenset(key(w) for w in names["place_nouns"]),
        local_bodies={key(k): v for k, v in names["local_bodies"].items()},
        place_nouns_after=frozenset(key(w) for w in names["place_nouns_after"]),
        portfolio_re=portfolio_re,
        portfolio_probes=tuple({_plain(h).split()[0] for h in names.get("portfolio_heads", [])}),
        tail_adjective_endings=tuple(_plain(e) for e in names.get("org_tail_adjective_endings", [])),
        tail_prepositions_re=tail_re,
        speech_verb_re=lex.speech_verb_re,
        org_head_re=_head_re(names.get("lowercase_org_heads", []) + names["place_heads"]),
        place_heads=keys("place_heads"),
        postnominals=frozenset(_plain(w) for w in names.get("postnominals", [])),
        place_hyphen_links=frozenset(fold_apostrophes(w) for w in names.get("place_hyphen_links", [])),
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
        alias_max_words=max((len(a.split()) for a in lex.aliases), default=1),
        never_alone=(
            frozenset(lex.function_words)
            | frozenset(lex.months)
            | frozenset(lex.weekdays)
            | frozenset(_plain(a) for a in lex.common_acronyms)
        )
        - frozenset(lex.aliases),
        alias_prefixes=frozenset(" ".join(a.split()[:i]) for a in lex.aliases for i in range(1, len(a.split()))),
    )


def _head_re(heads: list[str]) -> re.Pattern[str] | None:
    """ "le ministère (russe) de la Défense", "le tribunal (correctionnel) de Paris", "la chambre
    d'agriculture de la Drôme": the lower-case head and up to two words qualifying it open the
    organisation's name."""
    if not heads:
        return None
    return re.compile(
        rf"(?<!\w){_phrases(heads)}((?:\s+(?:de\s+|d')?[a-z][a-z-]*){{0,2}})"
        r"\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')$"
    )


# ---- tokens and runs ------------------------------------------------------------------------


def _capitalised(word: str) -> bool:
    """ "Leike", "OpenAI", "eBay"; not "de" or "2024"."""
    first = word[:1]
    if first.isupper():
        return True
    return first.islower() and any(c.isupper() for c in word[1:])


# A word (letters and digits, with inner apostrophes, hyphens and dots: "O'Connell", "Saint-Germain",
# "U.S."; a final dot kept for "Sen.", "M.") that holds a capital, read on the folded text where
# accented capitals are plain ones: capital first, or after a short lower-case start ("eBay",
# "d'OpenAI", "lorsqu'Emmanuel"). Only these can be or start names, so ordinary words are never
# looked at one by one.
_CAPITAL_TOKEN_RE = re.compile(r"(?<![\w'.-])(?=[A-Z]|[a-z]{1,7}'?[A-Z])[^\W_](?:\w|['\-.](?=[^\W_]))*+\.?")
_BLANKS = " \u00a0\u202f\t"


def _tokens(text: str, folded: str, sentences: list[Sentence], data: _NameData) -> list[_Token]:
    """Capitalised words of each sentence, cut from elided articles and possessives."""
    tokens: list[_Token] = []
    if not sentences:
        return tokens
    starts = [s.start for s in sentences]
    s_index, s_start, s_end = -1, -1, -1
    seen_word = False
    prev_capital_end = -10
    for m in _CAPITAL_TOKEN_RE.finditer(folded):
        start, end = m.start(), m.end()
        if start >= s_end:
            s_index = bisect_right(starts, start) - 1
            if s_index < 0 or start >= sentences[s_index].end:
                continue
            s_start, s_end = sentences[s_index].start, sentences[s_index].end
            # Any word before the first capitalised one of the sentence? (looked at once per sentence)
            seen_word = _ANY_WORD.search(folded, s_start, start) is not None
        plain = m.group()
        if seen_word:
            j = start - 1
            while j >= s_start and folded[j] in _BLANKS:
                j -= 1
            # after a quote mark, a colon or a dash ("VALENCE – La Drôme", folded to a plain hyphen)
            initial = j >= s_start and (
                folded[j] in _CLAUSE_OPENERS or (folded[j] == "-" and j > s_start and folded[j - 1] in _BLANKS)
            )
        else:
            initial = True
        seen_word = True
        apostrophe = plain.find("'")
        if apostrophe > 0:
            head, rest = plain[:apostrophe].lower(), plain[apostrophe + 1 :]
            # "d'OpenAI" is OpenAI; "D'Angelo" after a given name is a surname.
            glued_to_name = plain[:1].isupper() and rest[:1].isupper() and prev_capital_end >= start - 2
            if head in data.elisions and rest and not glued_to_name:
                start += apostrophe + 1
                plain = rest
                initial = False  # after an elided article the word's own capital is meaningful ("L'Olympique")
        for p in data.possessives:
            if plain.endswith(p) and len(plain) > len(p) + 1:
                end -= len(p)
                plain = plain[: -len(p)]
                break
        if (
            plain.endswith(".")
            and plain[:-1].lower() not in _GENERATIONS
            and (not _INITIALS_RE.fullmatch(plain) or (len(plain) == 2 and not folded[end:s_end].strip()))
        ):
            # "Calif." but "U.S."; "J. Smith", but "wrote on X." at the end of its sentence
            end -= 1
            plain = plain[:-1]
        word = text[start:end]
        if end <= start or not (word[0].isupper() or _capitalised(word)):
            prev_capital_end = -10
            continue
        tokens.append(_Token(word, start, end, plain.lower().rstrip("."), initial, s_index, True))
        prev_capital_end = end
    return tokens


_ANY_WORD = re.compile(r"[^\W_]")


# Words written in lower case (folded): the common words that a capitalised one may merely open a
# sentence with ("Shares rose" / "shares").
_LOWER_RE = re.compile(r"(?<![A-Za-z])[a-z][a-z-]*(?![A-Za-z])")


def _gap(folded: str, a: _Token, b: _Token) -> str | None:
    """The connector between two capitalised tokens ("" for plain space), or None if they do not join."""
    if a.sentence != b.sentence:
        return None
    if _SPACE_GAP.fullmatch(folded, a.end, b.start):
        return ""
    gap = folded[a.end : b.start]
    if gap[:1] == "'" and gap[1:].isspace() and len(gap) <= 3 and a.text[-1:] in "sS":
        return "'"  # "National Music Publishers' Association"
    if len(gap) > 12 or not gap[:1].isspace():
        return None
    return " ".join(gap.lower().split())


def _runs(tokens: list[_Token], folded: str, data: _NameData) -> list[list[_Token]]:
    """Runs of capitalised tokens of one sentence, joined by plain spaces or name connectors."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    given_split = False  # `current` was split off its run at a given name

    def close(run: list[_Token]) -> None:
        # A given name that ends the run is a surname after all ("Valérien Ismaël", "Mostafa Mohamed")
        if given_split and len(run) == 1:
            runs[-1].extend(run)
        else:
            runs.append(run)

    for tok in tokens:
        if current:
            prev = current[-1]
            gap = _gap(folded, prev, tok)
            joined = gap == "" or gap == "'" or (gap is not None and gap in data.connectors)
            # "d'OpenAI Jan Leike": a given name starts a new name
            split_here = (
                joined
                and gap == ""
                and tok.key in data.given
                and prev.key not in data.given
                and (prev.key not in data.organization_words or _brief_before(folded, current, data))
                and not _ends_title(current, data)
            )
            joined = joined and not split_here
            if (
                joined
                and gap == ""
                and tok.key in data.given
                and prev.key in data.not_names
                and sum(t.key not in data.function_words for t in current) >= 2
            ):
                joined = False  # "Texas Democrat | Lloyd Doggett": a label ends at its adjective
            if joined and gap in data.split_connectors:
                person = [t for t in current[:4] if t.key not in data.titles]
                if len(person) >= 2 and person[0].key in data.given:
                    joined = False  # "(Prof.) Lars Eriksson of Stockholm University"
            if joined and gap and len(tok.text) > 2 and _brand(tok.text) and prev.key not in data.organization_words:
                joined = False  # "l'équipe Superalignment d'OpenAI": a brand stands on its own
            if joined:
                current.append(tok)
                continue
            close(current)
            given_split = split_here
            current = [tok]
            continue
        current = [tok]
    if current:
        close(current)
    return runs


def _brief_before(folded: str, run: list[_Token], data: _NameData) -> bool:
    """ "la ministre de la Culture Roselyne Bachelot", "le président du Centre Serge Lasvignes": one
    organisation word after a role and its connector is the role's brief, and a person follows."""
    if len(run) != 1:
        return False
    words = _words_before(folded, run[0].start, 0)
    for n in (2, 1):  # "de la", "du"
        if len(words) > n and " ".join(words[-n:]) in data.connectors:
            return any(w in data.person_cues for w in words[:-n])
    return False


def _ends_title(tokens: list[_Token], data: _NameData) -> bool:
    """Do the tokens end with a title ("Sen.", "Chief Financial Officer")?"""
    return any(
        " ".join(t.key for t in tokens[-n:]) in data.titles
        for n in range(1, min(data.title_max_words, len(tokens)) + 1)
    )


_SURNAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz)(?=[A-Z][a-z])")
_BRAND_RE = re.compile(r"[^\W\d_][A-ZÀ-ÖØ-Þ]")


def _brand(word: str) -> bool:
    """ "OpenAI", "NASA", "eBay": a capital right after a letter, which no ordinary word has.

    Not after a hyphen or an apostrophe ("Emilia-Romagna", "O'Connell"), nor in surnames such as
    "McDonald", "DeSantis" or "DiCaprio".
    """
    return _BRAND_RE.search(word) is not None and not _SURNAME_PREFIX.match(word)


def _join_organisations(runs: list[list[_Token]], folded: str, data: _NameData) -> list[list[_Token]]:
    """ "Securities and Exchange Commission": one name when the words after "and" end with an
    organisation word and the words before are one or two plain words ("Seaspan Shipyards and
    Irving Shipbuilding" are two: the words before end a name of their own)."""
    if not data.org_joiners:
        return runs
    out: list[list[_Token]] = []
    for run in runs:
        if out:
            prev = out[-1]
            gap = " ".join(folded[prev[-1].end : run[0].start].lower().split())
            # "Members of the Irish Nurses and Midwives Organisation": the words before "and" are the
            # ones after the run's last connector
            cut = len(prev) - 1
            while cut > 0 and not folded[prev[cut - 1].end : prev[cut].start].strip():
                cut -= 1
            tail = prev[cut:]
            if len(tail) > 1 and tail[0].key in data.function_words:  # "The Irish Nurses and ..."
                tail = tail[1:]
            if (
                gap in data.org_joiners
                and prev[-1].sentence == run[0].sentence
                and run[0].start - prev[-1].end <= 6
                and (
                    any(
                        " ".join(folded[t.start : run[-1].end].casefold().split()) in data.aliases  # "Centers for
                        for t in prev[:2]
                    )  # Disease Control and Prevention", after "The" or not
                    or (
                        len(tail) <= 2
                        and run[-1].key in data.organization_words
                        and tail[0].key not in data.given
                        and not (
                            len(tail) == 2
                            and tail[-1].key in data.organization_words
                            and tail[0].key not in data.function_words
                        )
                        # "Mirvac and Coombes Property Group" are two: a brand alone before "and",
                        # and a name of its own after it (not "Securities and Exchange Commission")
                        and not (
                            len(tail) == 1
                            and tail[0].key not in data.common_words
                            and not all(
                                t.key in data.common_words or t.key in data.organization_words for t in run[:-1]
                            )
                        )
                    )
                )
            ):
                out[-1] = prev + run
                continue
        out.append(run)
    return out


def _title_length(tokens: list[_Token], i: int, data: _NameData) -> int:
    """How many tokens from i form a title ("Prime Minister" -> 2), 0 if none."""
    if tokens[i].key not in data.title_starts:
        return 0
    for n in range(min(data.title_max_words, len(tokens) - i), 0, -1):
        if " ".join(t.key for t in tokens[i : i + n]) in data.titles:
            return n
    return 0


def _split_titles(run: list[_Token], folded: str, data: _NameData) -> list[_Candidate]:
    """Drop an initial function word and titles; a title inside a run splits it in two.

    "Sen. Maria Castellanos" is a person; "OpenAI CEO" leaves OpenAI; "Minister for Health" leaves
    a brief, which stays only if something else makes it an organisation ("CEO of OpenAI").
    """
    tokens = list(run)
    person_cue = weak = False
    if " ".join(t.key for t in tokens) in data.aliases:
        return _finish(tokens, data)  # "La Presse", "Le Devoir": the article is the name's
    if (
        len(tokens) > 1
        and tokens[0].initial
        and not any(
            tokens[0].key in words
            for words in (data.organization_words, data.given, data.designators, data.places, data.not_names)
        )
        and " ".join(t.key for t in tokens[1:]) in data.aliases
        and not _gap(folded, tokens[0], tokens[1])
    ):
        # "Former Metropolitan Police officers", "Staff The Canadian Press": the sentence's first word
        # is no part of the known name after it
        return _finish(tokens[1:], data)
    if (
        len(tokens) > 1
        and tokens[0].initial
        and tokens[0].key not in data.organization_words
        and tokens[0].key not in data.given
        and tokens[0].key not in data.designators
        and _gap(folded, tokens[0], tokens[1])
    ):
        # "Shares of Helios", "Residents of Tucson": the sentence's first word is not the name's.
        tokens[1] = _Token(
            tokens[1].text, tokens[1].start, tokens[1].end, tokens[1].key, False, tokens[1].sentence, tokens[1].capital
        )
        tokens.pop(0)
    while tokens:
        t = tokens[0]
        if len(tokens) > 1 and data.adjective_suffixes and t.key.endswith(data.adjective_suffixes):
            tokens.pop(0)  # "Boston-based Calloway Biotherapeutics"
            continue
        if t.initial and t.key in data.function_words and len(tokens) > 1:
            tokens.pop(0)
            tokens[0] = _Token(
                tokens[0].text,
                tokens[0].start,
                tokens[0].end,
                tokens[0].key,
                False,
                tokens[0].sentence,
                tokens[0].capital,
            )
            continue
        n = _title_length(tokens, 0, data)
        if (
            n
            and n < len(tokens)
            and not (tokens[-1].key in data.organization_words and not any(t.key in data.given for t in tokens[n:]))
        ):
            # a title, unless it begins a company's name ("Duke Energy", "King Digital Group")
            gap = _gap(folded, tokens[n - 1], tokens[n])
            del tokens[:n]
            if gap:  # "Secretary of State", "CEO of OpenAI"
                person_cue, weak = False, True
            else:
                person_cue = True
            continue
        if (
            not n
            and len(tokens) > 1
            and t.key in data.person_cues
            and t.key not in data.organization_words
            and _gap(folded, t, tokens[1])
        ):
            # "Directeur de l'Agence française de développement", "Wali de Bank Al-Maghrib": a job
            # written with a capital, then where it is held
            del tokens[:1]
            person_cue, weak = False, True
            continue
        break
    out: list[_Candidate] = []
    i = 1
    while i < len(tokens):
        n = _title_length(tokens, i, data)
        if n and i + n == len(tokens) and i == 1 and tokens[0].key in data.given and tokens[i].text[1:].islower():
            n = 0  # "Angus King", "Rose Prince": a given name, then a surname that is also a title
        if n:
            title = " ".join(t.key for t in tokens[i : i + n])
            out.extend(
                _finish(tokens[:i], data, org_title=title in data.organization_titles, weak=True, person_cue=person_cue)
            )
            tokens, person_cue, weak, i = tokens[i + n :], True, False, 1
            continue
        i += 1
    out.extend(_finish(tokens, data, person_cue=person_cue, weak=weak))
    return out


class _Flags(TypedDict, total=False):
    """The _Candidate flags that _split_titles passes on to _finish."""

    person_cue: bool
    org_title: bool
    weak: bool


def _finish(tokens: list[_Token], data: _NameData, **flags: Unpack[_Flags]) -> list[_Candidate]:
    while len(tokens) > 1 and (tokens[-1].key in data.function_words or tokens[-1].key in data.postnominals):
        # "Rupert Vance KC"; "Mme B. Il ...", where the splitter did not see that "Il" starts a sentence
        tokens = tokens[:-1]
    if not tokens:
        return []
    return [_Candidate(list(tokens), tokens[0].start, tokens[-1].end, tokens[0].sentence, **flags)]


# ---- French organisation names with lower-case words ------------------------------------------

# Read at the end of a word; look-behinds and possessive runs keep them linear anywhere.
_WORD_AFTER = re.compile(r"(?<! )[ ]++([a-z][a-z-]*+)(?![\w'])")
_NOUN_AT = re.compile(r"([a-z][a-z-]++)(?![\w'])")


def _is_adjective(word: str, data: _NameData) -> bool:
    return (
        word not in data.function_words
        and word not in data.subject_verbs
        and any(word.endswith(e) and len(word) > len(e) + 2 for e in data.tail_adjective_endings)
    )


def _org_tail(folded: str, end: int, limit: int, data: _NameData, *, complements: bool = True) -> int:
    """End of "Conseil constitutionnel", "Cour des comptes", "Agence nationale de sécurité du médicament";
    adjectives only without `complements` ("ministère de l'Éducation nationale", but not "musée
    d'Orsay et de collectionneurs")."""
    if data.tail_prepositions_re is None:
        return end
    best = pos = end

    def adjectives(p: int) -> int:
        for _ in range(2):
            m = _WORD_AFTER.match(folded, p, limit)
            if not m or not _is_adjective(m.group(1), data):
                break
            p = m.end()
        return p

    best = pos = adjectives(pos)
    for _ in range(2 if complements else 0):
        m = data.tail_prepositions_re.match(folded, pos, limit)
        if not m:
            break
        noun = _NOUN_AT.match(folded, m.end(), limit)
        if not noun:
            break
        word = noun.group(1)
        bare = m.group().split()[-1] in ("de", "d'")
        if (
            word in data.function_words
            or word in data.subject_verbs
            or len(word) < 3
            or (bare and word.endswith(("er", "ir")))
        ):
            break
        best = pos = adjectives(noun.end())
    return best


# ---- the article ------------------------------------------------------------------------------

_LONGEST_NAME = 12  # words: "Organisation de coopération et de développement économiques" has 7
_LONGEST_KNOWN = 8  # words of the longest alias or gazetteer entry looked for at the start of a run
_LONGEST_PERSON = 6  # words: "María de los Ángeles García" has 5


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of the sorted, disjoint `spans`?"""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


@dataclass
class _Article:
    """What the whole article tells about its capitalised words."""

    text: str
    folded: str
    data: _NameData
    gazetteer: Gazetteer
    quoted_terms: frozenset[str]
    known_single: set[str] = field(default_factory=set)  # capitalised mid-sentence somewhere
    known_words: set[str] = field(default_factory=set)  # words of names written mid-sentence
    _lower_words: set[str] | None = None

    @property
    def lower_words(self) -> set[str]:
        """Words the article writes in lower case somewhere (read only if a rule asks)."""
        if self._lower_words is None:
            self._lower_words = set(_LOWER_RE.findall(self.folded))
        return self._lower_words

    knowledge: _Knowledge | None = None
    code: str = ""
    _sporty: bool | None = None
    _academic: bool | None = None

    @property
    def academic(self) -> bool:
        """Is the article about universities (two of the language's words for them at least)?"""
        if self._academic is None:
            kn = self.knowledge
            self._academic = kn is not None and len(set(kn.academic_re.findall(self.lowered))) >= 2
        return self._academic

    _country: dict[str, str] | None = None

    @property
    def sporty(self) -> bool:
        """Is the article about sport (two of the language's sport words at least)? Read only if a
        club's short form asks."""
        if self._sporty is None:
            kn = self.knowledge
            self._sporty = kn is not None and len(set(kn.sport_re.findall(self.lowered))) >= 2
        return self._sporty

    @property
    def country(self) -> dict[str, str]:
        """The forms of the country the article names most often (twice at least, more than any other)."""
        if self._country is None:
            self._country = {}
            kn = self.knowledge
            if kn is not None:
                counts = sorted(
                    ((len(cues.findall(self.lowered)), i) for i, (cues, _) in enumerate(kn.countries)), reverse=True
                )
                if counts and counts[0][0] >= 2 and (len(counts) == 1 or counts[1][0] < counts[0][0]):
                    self._country = kn.countries[counts[0][1]][1]
        return self._country

    main_town: str = ""  # the town the article names most often (twice at least), as written

    acronyms: dict[str, int] = field(default_factory=dict)
    locative: frozenset[str] = frozenset()
    portfolios: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    lowered: str = ""  # folded and lower-cased, for quick "is this word anywhere?" checks


def find_names(
    text: str,
    sentences: list[Sentence],
    lex: Lexicon,
    *,
    folded: str | None = None,
    quoted_terms: frozenset[str] = frozenset(),
    skip_spans: tuple[tuple[int, int], ...] = (),
    gazetteer: Gazetteer | None = None,
) -> list[NameFound]:
    """People and organisations of `text`, one entry per distinct surface form.

    `quoted_terms` are folded words the article sets in quote marks as terms (never names alone);
    names inside `skip_spans` (sorted and disjoint: quoted terms such as "Project Sunrise", dates and
    amounts such as "Oct. 4" or "1,2 Md€") are left out.
    """
    data = name_data(lex)
    folded = fold(text) if folded is None else folded
    art = _Article(
        text,
        folded,
        data,
        gazetteer or {},
        quoted_terms,
        sentence_starts=[s.start for s in sentences],
        knowledge=_knowledge(lex.code),
        code=lex.code,
    )
    tokens = _tokens(text, folded, sentences, data)
    headings = {i for i, s in enumerate(sentences) if is_heading(s, text)}
    # A byline is a heading line, but the name right after "By" / "Par" is its author's.
    bylines = {
        i: m.end() + sentences[i].start
        for i in headings
        if data.byline_re is not None and (m := data.byline_re.match(sentences[i].text)) is not None
    }
    headings -= bylines.keys()
    title_case = {i for i in headings if _title_case(sentences[i].text) or _caption(sentences[i].text, data)}
    art.lowered = folded.lower()

    candidates: list[_Candidate] = []
    never = data.never_alone
    for run in _join_organisations(_runs(tokens, folded, data), folded, data):
        if len(run) == 1 and run[0].key in never and run[0].key not in art.gazetteer:
            continue  # "Le", "The", "Selon", "IA", "Mardi" alone: never a name, no need to weigh it
        for cand in _split_titles(run, folded, data):
            candidates.extend(_split_known_prefix(cand, data, art.gazetteer))
    if skip_spans:
        candidates = [c for c in candidates if not _inside(skip_spans, c.start, c.end)]
    for c in candidates:
        if c.sentence in bylines:  # the author, then a publisher or a job ("Local Democracy Reporter")
            if bylines[c.sentence] == c.start:
                c.person_cue = True
            else:
                c.weak = True
    # A run longer than any name is shouting or a headline in capitals, not a name; so are two words or
    # more in capitals that no one knows ("REPUBLICANS MUST FINALLY GET TOUGH", "EIGHT LEAGUE OF Ireland"),
    # and a word in capitals longer than an acronym ("WALLONIE").
    candidates = [c for c in candidates if len(c.tokens) <= _LONGEST_NAME and not _shouted(c, data, art.gazetteer)]
    for c in candidates:
        _extend_organisation(c, folded, sentences, data)
    extended = sorted((c.start, c.end) for c in candidates if c.headed)
    if extended:  # "Confédération" inside "Ministère public de la Confédération" is no name of its own
        candidates = [c for c in candidates if c.headed or not _inside(extended, c.start, c.end)]
    art.acronyms = _acronym_definitions(candidates, text)
    if data.local_bodies:
        towns = Counter(t.text for c in candidates for t in c.tokens if t.key in data.towns and t.key not in data.given)
        if towns and (top := towns.most_common(1)[0])[1] >= 2:
            art.main_town = top[0]
    art.known_single = {
        c.tokens[0].key
        for c in candidates
        if len(c.tokens) == 1 and not c.tokens[0].initial and c.sentence not in headings
    }
    art.known_words = {t.key for c in candidates if c.sentence not in headings for t in c.tokens if not t.initial}
    art.locative = _locative_only(candidates, folded, data, headings)
    if data.portfolio_re is not None and any(p in art.lowered for p in data.portfolio_probes):
        art.portfolios = [m.span() for m in data.portfolio_re.finditer(folded)]

    rejected_words: set[str] = set()
    for c in candidates:
        if c.sentence in title_case:
            continue
        _classify(c, art)
        if c.kind == NOT_A_NAME and c.strength < Strength.NONE and len(c.tokens) > 1:
            rejected_words.update(t.key for t in c.tokens if t.key not in data.given)
    for c in candidates:  # "Shaw Communications Inc.": an abbreviated designator keeps its stop
        if (
            c.kind == ORGANIZATION
            and c.tokens
            and c.end == c.tokens[-1].end
            and text.startswith(".", c.end)
            and c.tokens[-1].key in data.designators
            and len(c.tokens[-1].key) <= 4
            and len(c.tokens) > 1
        ):
            c.end += 1
            if c.canonical and not c.canonical.endswith("."):
                c.canonical += "."
    _resolve(candidates, data, rejected_words, folded)
    _find_in_headlines(candidates, text, folded, sentences, title_case)
    return _claims(candidates, text)


def _shouted(c: _Candidate, data: _NameData, gazetteer: Gazetteer) -> bool:
    form = " ".join(t.key for t in c.tokens)
    if form in data.aliases or form in gazetteer:
        return False
    caps = [t for t in c.tokens if len(t.text) > 1 and t.text.isupper()]
    if len(c.tokens) == 1:
        return bool(caps) and len(fold(c.tokens[0].text)) > 6
    return len(caps) >= 2 and any(len(t.text) > 4 for t in caps)


def _split_known_prefix(c: _Candidate, data: _NameData, gazetteer: Gazetteer) -> list[_Candidate]:
    """ "United Nations Universal Declaration" -> "United Nations" + the rest, when the language data
    knows the start. The library's names (`gazetteer`) may add or canonicalise a name, never cut a
    longer one: "Amazon" known from a record leaves "Amazon Web Services" whole."""
    toks = c.tokens
    whole = " ".join(t.key for t in toks)
    if whole in gazetteer or whole in data.aliases:  # "Labour Party" whole, not "Labour" + "Party"
        return [c]
    for cut in range(min(len(toks) - 1, _LONGEST_KNOWN), 0, -1):
        head = " ".join(t.key for t in toks[:cut])
        if head in data.aliases:
            first = _Candidate(toks[:cut], toks[0].start, toks[cut - 1].end, c.sentence, person_cue=c.person_cue)
            return [first] + _finish(toks[cut:], data)
    return [c]


def _extend_organisation(c: _Candidate, folded: str, sentences: list[Sentence], data: _NameData) -> None:
    s = sentences[c.sentence]
    if c.start > s.start and data.org_head_re is not None and _after_connector(folded, c.start):
        m = data.org_head_re.search(folded, max(s.start, c.start - 60), c.start)
        # "le ministère de l'Industrie", "l'université de Bordeaux"; the words between head and
        # connector qualify it ("correctionnel", "russe"), they are no verb or function word.
        if (
            m
            and m.end() == c.start
            and (
                fold_key(m.group()).split()[0] not in data.place_heads
                or " ".join(t.key for t in c.tokens) in data.places
            )
            and not any(
                w in data.function_words or w in data.subject_verbs
                for w in m.group(1).replace("d'", "").split()
                if w != "de"
            )
        ):
            c.start = m.start()
            c.headed = True
    # "Organisation des Nations unies", "Union européenne": an alias that goes on in lower case.
    words: list[re.Match[str]] = []
    pos = c.end
    key_so_far = " ".join(folded[c.start : c.end].lower().split())
    while key_so_far in data.alias_prefixes and len(words) < data.alias_max_words:
        m = _WORD_AFTER.match(folded, pos, s.end)
        if not m:
            break
        words.append(m)
        pos = m.end()
    for n in range(len(words), 0, -1):
        form = " ".join([fold_key(folded[c.start : c.end])] + [w.group(1) for w in words[:n]])
        if form in data.aliases:
            c.end = words[n - 1].end()
            return
    if c.headed or c.tokens[-1].key in data.organization_words:
        # after a proper name only adjectives: not "musée d'Orsay et de collectionneurs"
        complements = c.tokens[-1].key in data.organization_words
        end = _org_tail(folded, c.end, s.end, data, complements=complements)
        if complements and (place := _place_after(folded, end, s.end, data)):
            end = place  # "Fédération hospitalière de France", "Parti démocratique de Côte d'Ivoire"
        if end > c.end:
            c.end = end
            c.headed = True
        # "Ministère public de la Confédération": a known name that goes on in capitals after its tail
        if c.headed and (more := _CAPITALS_AFTER.match(folded, c.end, s.end)):
            for stop in (more.end(), more.end(1)):
                if fold_key(folded[c.start : stop]) in data.aliases:
                    c.end = stop
                    break


_CAPITALS_AFTER = re.compile(
    r"(?<!\s)\s++(?:de\s++la\s++|de\s++l'|du\s++|des\s++|de\s++|d')([A-Z][\w'-]*+)(?:\s++[A-Z][\w'-]*+)?"
)
_PLACE_AFTER = re.compile(
    r"(?<!\s)\s++(?:de\s++|d'|du\s++)([A-Z][\w'-]*+(?:\s(?:d'|de\s|du\s)?[A-Z][\w'-]*+){0,2})(?![\w'-])"
)


def _place_after(folded: str, end: int, limit: int, data: _NameData) -> int:
    """End of a known place named right after an organisation ("de France", "de Côte d'Ivoire"), else 0."""
    place = _PLACE_AFTER.match(folded, end, limit)
    if not place:
        return 0
    name = place.group(1)
    while name:
        if key(name) in data.places:
            return place.start(1) + len(name)
        cut = name.rfind(" ")
        name = name[:cut] if cut > 0 else ""
    return 0


def _after_connector(folded: str, start: int) -> bool:
    """Cheap test before the head pattern: does "de ", "du ", "des ", "de la ", "l'", "d'" end right here?"""
    if folded[start - 2 : start].lower() in ("d'", "l'"):
        return True
    return folded[start - 1 : start] == " " and folded[max(0, start - 4) : start - 1].lower().endswith(
        ("de", "du", "des", "la")
    )


# "(ANSM)", "(IMN)": at most twelve characters, two of them capitals (checked in _acronym_after).
_ACRONYM_AFTER = re.compile(r"[ \u00a0]?\(([A-Z][A-Za-z0-9&]{1,11})\)")


def _acronym_after(text: str, end: int) -> str | None:
    m = _ACRONYM_AFTER.match(text, end)
    if m and sum(ch.isupper() for ch in m.group(1)) >= 2:
        return m.group(1)
    return None


def _acronym_definitions(candidates: list[_Candidate], text: str) -> dict[str, int]:
    """ "Agence nationale de sécurité du médicament (ANSM)": acronym key -> index of the full name."""
    out: dict[str, int] = {}
    for i, c in enumerate(candidates):
        if len(c.tokens) < 2 and not c.headed:
            continue
        acronym = _acronym_after(text, c.end)
        # "Omer Telecom Limited (OTL)", not "Jean-Luc Mélenchon (LFI)": the acronym starts like the name
        first = re.sub(r"^\w{1,2}['’]", "", fold(text[c.start : c.end]))[:1].lower()  # "l'Agence" -> "a"
        if acronym and fold(acronym)[0].lower() == first:
            out.setdefault(fold(acronym).lower(), i)
    return out


def _locative_only(candidates: list[_Candidate], folded: str, data: _NameData, headings: set[int]) -> frozenset[str]:
    """Single words written only after "in", "à", "près de" (headlines aside): towns and regions the data lacks."""
    if not data.place_prepositions:
        return frozenset()
    elsewhere: set[str] = set()
    after_place: set[str] = set()
    for c in candidates:
        if len(c.tokens) != 1 or c.tokens[0].initial or c.sentence in headings:
            continue
        before = folded[max(0, c.start - 12) : c.start].lower().split()
        if before and (before[-1] in data.place_prepositions or " ".join(before[-2:]) in data.place_prepositions):
            after_place.add(c.tokens[0].key)
        else:
            elsewhere.add(c.tokens[0].key)
    return frozenset(after_place - elsewhere)


def _caption(line: str, data: _NameData) -> bool:
    """A short line of capitalised words only ("Getty Images", "Sign Up", "Wikimedia Commons"): a credit,
    a button or a caption, not a sentence; unless it starts with a given name (a byline)."""
    words = line.split()
    return (
        2 <= len(words) <= 4
        and all(w[0].isupper() for w in words if w[0].isalpha())
        and key(words[0]) not in data.given
    )


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _words_before(folded: str, start: int, floor: int) -> list[str]:
    """Up to three lower-cased words right before `start`, within the sentence ("le PDG", "analyst at")."""
    words = folded[max(floor, start - 48) : start].lower().split()[-3:]
    if words:
        words[-1] = words[-1].rstrip(",")
        if not words[-1]:
            words.pop()
    # "l'entraîneur lyonnais": the cue is the word after the elided article.
    return [w[w.index("'") + 1 :] if "'" in w[:-1] else w.rstrip(".") for w in words]


def _cue_of(words: list[str], vocabulary: frozenset[str], *, skip_over: frozenset[str] | None = None) -> bool:
    """Is a phrase ending right before the name (or one adjective earlier: "le sénateur socialiste") a cue?

    `skip_over` are the function words, which cannot be that adjective ("analyst at Redburn").
    """
    ends = [len(words)]
    if skip_over is not None and words and words[-1] not in skip_over:
        ends.append(len(words) - 1)
    for end in ends:
        for n in (1, 2, 3):
            if end - n >= 0 and " ".join(words[end - n : end]) in vocabulary:
                return True
    return False


_AFTER_WORDS = re.compile(r"(?<![ ])(?:'s?)?[ ]++([a-z][\w'-]*+)(?:[ ]++([a-z][\w'-]*+))?")


def _cue_after(folded: str, end: int, data: _NameData) -> bool:
    m = _AFTER_WORDS.match(folded, end)
    if not m:
        return False
    one = m.group(1)
    return one in data.person_cues or (m.group(2) is not None and f"{one} {m.group(2)}" in data.person_cues)


def _classify(c: _Candidate, art: _Article) -> None:
    data, folded = art.data, art.folded
    toks = c.tokens
    surface = art.text[c.start : c.end]
    k = c.form = " ".join(folded[c.start : c.end].casefold().split())  # fold_key(surface), from the folded copy
    canonical = _canonical(surface)
    keys = [t.key for t in toks]

    def done(kind: str, strength: int = Strength.WEAK, value: str = canonical) -> None:
        c.kind, c.canonical, c.strength = kind, value, strength

    if len(toks) == 1 and k in art.quoted_terms:
        return done(
            NOT_A_NAME, Strength.NONE
        )  # a word the article quotes as a term is that quote's claim, not a name too
    if k in art.gazetteer:
        kind, value = art.gazetteer[k]
        return done(kind, Strength.KNOWN, value)
    kn = art.knowledge
    if kn is not None:
        # "Liverpool", "Broncos", "Lyon" in an article about sport: the club, under its full name
        if (
            k in kn.clubs
            and (art.sporty or _listed_with_a_club(art, c, kn))
            and not (len(toks) == 1 and _after_place_preposition(art, c))
        ):
            return done(ORGANIZATION, Strength.KNOWN, kn.clubs[k])
        # "Oxford", "Imperial", "Heriot-Watt" in an article about universities
        if k in kn.universities and art.academic and not (len(toks) == 1 and _after_place_preposition(art, c)):
            return done(ORGANIZATION, Strength.KNOWN, kn.universities[k])
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
            return done(ORGANIZATION, Strength.KNOWN, local)
    if (
        k in data.local_bodies
        and art.main_town
        and not (len(toks) == 1 and toks[0].initial and toks[0].key not in art.known_single)
    ):
        # "la Ville", "the Common Council": the body of the town the article is about
        return done(ORGANIZATION, Strength.CONTEXT, data.local_bodies[k].format(town=art.main_town))
    if k in art.acronyms:
        return done(ACRONYM, Strength.DEFINED)  # takes the full name it was defined after (_resolve)
    if k in data.aliases:
        return done(ORGANIZATION, Strength.KNOWN, data.aliases[k])
    if k in data.known_surnames and not _named_in_full(art.text, surface, data):
        # "Trump", "M. Legault": a public figure named by surname only (not "Rupert Vance" ... "Vance")
        return done(PERSON, Strength.DEFINED, data.known_surnames[k])
    if not c.headed and (
        (data.not_name_re is not None and data.not_name_re.fullmatch(surface))
        or _compound_place(surface, data.place_hyphen_links, data.places)
    ):
        return done(NOT_A_NAME, Strength.NONE)
    # What is never a name.
    if (
        k in data.places
        or k in data.not_names
        or (len(toks) == 1 and (k in art.quoted_terms or keys[0] in data.calendar))
    ):
        return done(NOT_A_NAME, Strength.NONE)
    if (
        len(toks) > 1
        and keys[-1] in data.not_names
        and not keys[-1].endswith("s")
        and keys[-1] not in data.calendar
        and keys[0] not in data.given
    ):
        return done(
            NOT_A_NAME, Strength.NONE
        )  # "Oklahoma Republican", "Texas Democrat": an adjective, not "Liberal Democrats"
    if data.adjective_suffixes and keys[-1].endswith(data.adjective_suffixes):
        return done(NOT_A_NAME, Strength.NONE)  # "the Cupertino-based company": an adjective made of a place
    # "Bill Shorten" is a person, "Bill C-18" a law: a given name heading two or three words is no head
    heads_from = (
        1
        if len(keys) <= 3
        and keys[0] in data.given
        and not any(w in data.calendar for w in keys)
        and not (
            (before := _words_before(folded, c.start, art.sentence_starts[c.sentence]))
            and before[-1] in data.organization_articles  # "the Bill": a law
        )
        else 0
    )
    if any(w in data.non_entity_heads for w in keys[heads_from:]) or (
        keys[-1] in data.non_entity_tails and not (len(keys) <= 3 and keys[0] in data.given)
    ):
        return done(
            NOT_A_NAME, Strength.NEVER
        )  # documents, events, places ("James Webb Space Telescope"), not "Leo Park"
    if not c.headed and _inside(art.portfolios, c.start, c.end):
        return done(NOT_A_NAME, Strength.NONE)  # "la ministre des Comptes publics"
    m = _THEN_PLACE.match(folded, c.end)
    if m and " ".join(m.group(1).lower().split()) in data.places:
        return done(NOT_A_NAME, Strength.NONE)  # "Cape Canaveral, Florida": a place named by its region
    if len(toks) == 1 and not c.headed and _listed_with_a_place(folded, c.start, c.end, data):
        return done(NOT_A_NAME, Strength.NONE)  # "les hôpitaux de Blois, Romorantin et Vendôme"
    cues = _Cues(art, c, keys)
    if len(toks) == 1:
        return _classify_word(c, art, toks[0], cues, done)

    # Several words: lexical evidence first, then the context.
    if c.headed or any(w in data.organization_words or w in data.designators for w in keys):
        return done(ORGANIZATION, Strength.LEXICAL)
    # "le cabinet Roland Berger", "the firm Grant Thornton": a company named after its founder
    given = keys[0] in data.given and not _cue_of(cues.before, data.organization_cues)
    if given and len(toks) <= 3 and not any(_acronym_token(t, data) for t in toks):
        return done(PERSON, Strength.LEXICAL)  # "Ronald McDonald", "LeBron James"
    if any(_acronym_token(t, data) or _camel(t.text) for t in toks):
        return done(ORGANIZATION, Strength.LEXICAL)
    if keys[-1] in data.common_acronyms:
        return done(NOT_A_NAME, Strength.NONE)  # "Sydney CBD", "Hamilton LRT": a thing named by its place
    if c.weak and not cues.org:
        return done(NOT_A_NAME, Strength.NONE)
    if (given or cues.person) and len(toks) <= _LONGEST_PERSON:
        return done(PERSON, Strength.LEXICAL)
    if cues.org or keys[0] in data.not_names or keys[0] in data.organization_articles:
        return done(ORGANIZATION, Strength.CONTEXT)  # "la revue Nature", "American Express", "Le Monde", "The Guardian"
    if any(w in data.places for w in keys):  # "Paris Saint-Germain", "Borussia Dortmund"
        before = cues.before
        if before and (before[-1] in data.place_prepositions or " ".join(before[-2:]) in data.place_prepositions):
            return done(NOT_A_NAME, Strength.NONE)  # "in Greater Manchester": a place
        return done(ORGANIZATION, Strength.CONTEXT)
    if k in data.towns:
        return done(NOT_A_NAME, Strength.NONE)  # "Newcastle-under-Lyme", "Saint-Jean-sur-Richelieu": a town
    if len(toks) >= 4:
        return done(ORGANIZATION, Strength.WEAK)
    # Two or three capitalised words, nothing else known: a person when the article names them again by
    # the last word alone ("Yaya Bodian ... Bodian a reconnu"); else a title-case phrase more often
    # than a name ("Law Enforcement", "Hunter Street Station", "First Division").
    surface_words = art.text[c.start : c.end].split()
    if surface_words and art.text.count(surface_words[-1]) > art.text.count(art.text[c.start : c.end]):
        return done(PERSON, Strength.WEAK)
    if _said_or_described(art.text, c.start, c.end, data):
        return done(
            PERSON, Strength.WEAK
        )  # "Hamid Saleh said", ", Oleksandr Hrytsenko, a salué", "Avril Lemoine, députée"
    if cues.before and cues.before[-1] in data.affiliation_words:
        return done(ORGANIZATION, Strength.WEAK)  # "agreed to buy Celtis Batteries", "analysts at Harrow Peak"
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
        return done(PERSON, Strength.WEAK)
    return done(UNKNOWN, Strength.NONE)


def _after_place_preposition(art: _Article, c: _Candidate) -> bool:
    """ "in Liverpool", "près de Lille": the town, not its club ("in Broncos history" is no town; the
    French "à" is as often "face à Lyon", "transféré à Midtjylland")."""
    if c.form not in art.data.towns and c.form not in art.data.places:
        return False
    before = _words_before(art.folded, c.start, art.sentence_starts[c.sentence])
    preps = art.data.place_prepositions - {"à", "a"}
    return bool(before) and (before[-1] in preps or " ".join(before[-2:]) in preps)


def _named_in_full(text: str, surname: str, data: _NameData) -> bool:
    """Does the article write the surname after a capitalised word that is no title ("Rupert Vance",
    not "President Trump" nor "M. Legault")?"""
    for m in re.finditer(rf"([A-ZÀ-Ý][\w'’-]*\.?)[ \u00a0]{re.escape(surname)}(?![\w'’-])", text):
        word = key(m.group(1))
        if word not in data.titles and word not in data.function_words and not m.group(1).endswith("."):
            return True
    return False


def _compound_place(surface: str, links: frozenset[str], places: frozenset[str]) -> bool:
    """ "Pont-de-Claix", "Saint-Martin-d'Hères": a hyphenated word joined by a place's link word;
    "Lyon–Grenoble": places joined by a dash, a route."""
    if "–" in surface and any(key(p) in places for p in surface.split("–")):
        return True
    if "-" in surface and " " not in surface and _places_joined(key(surface).split("-"), places):
        return True  # "Toulouse-Montpellier", "Midi-Pyrénées-Languedoc-Roussillon": a route, two regions
    if not links or surface.count("-") < 2:
        return False
    inner = fold_apostrophes(surface).split("-")[1:-1]
    return any(p in links or (p.startswith("d'") and "d'" in links) for p in inner)


def _places_joined(parts: list[str], places: frozenset[str]) -> bool:
    """Can the hyphenated parts be read as two places or more, each one whole ("midi-pyrenees" +
    "languedoc-roussillon")?"""
    n = len(parts)
    if n < 2:
        return False
    ends = {0: 0}  # where a reading of the parts before can stop -> places read so far
    for i in range(n):
        if i not in ends:
            continue
        for j in range(i + 1, n + 1):
            if "-".join(parts[i:j]) in places and (j not in ends or ends[j] < ends[i] + 1):
                ends[j] = ends[i] + 1
    return ends.get(n, 0) >= 2


def _in_a_list(folded: str, start: int, end: int) -> bool:
    return bool(_LIST_BEFORE.search(folded, max(0, start - 80), start) or _LIST_AFTER.match(folded, end))


def _listed_with_a_place(folded: str, start: int, end: int, data: _NameData) -> bool:
    """Is the word one of a list of single words ("Blois, Romorantin et Vendôme") that holds a known place?"""
    before = _LIST_BEFORE.search(folded, max(0, start - 80), start)
    after = _LIST_AFTER.match(folded, end)
    words = (_LIST_WORD.findall(before.group()) if before else []) + (
        _LIST_WORD.findall(after.group()) if after else []
    )
    return any(key(w) in data.places for w in words if key(w) not in data.connectors)


def _list_words(art: _Article, c: _Candidate) -> list[str]:
    """The other single words of the list the word is one of ("Limerick, Galway, Cork"), folded."""
    folded, start, end = art.folded, c.start, c.end
    before = _LIST_BEFORE.search(folded, max(0, start - 80), start)
    after = _LIST_AFTER.match(folded, end)
    words = (_LIST_WORD.findall(before.group()) if before else []) + (
        _LIST_WORD.findall(after.group()) if after else []
    )
    return [key(w) for w in words]


def _listed_with_a_town(art: _Article, c: _Candidate) -> bool:
    return any(w in art.data.towns for w in _list_words(art, c))


def _listed_with_a_club(art: _Article, c: _Candidate, kn: _Knowledge) -> bool:
    """ "Hawthorn, Carlton and Essendon": a list of clubs is a list of clubs, sport words or not."""
    return len(c.tokens) == 1 and any(w in kn.clubs for w in _list_words(art, c))


# Capitalised single words joined by commas and "et"/"and" right before or after a word.
_LIST_BEFORE = re.compile(r"(?:(?<![\w'-])[A-ZÀ-Ý][\w'-]*+(?:,\s++|\s++(?:et|and|ou|or)\s++)){1,4}$")
_LIST_AFTER = re.compile(r"(?<![\s,])(?:(?:,\s++|\s++(?:et|and|ou|or)\s++)[A-ZÀ-Ý][\w'-]*+(?![\w'-])){1,4}")
_LIST_WORD = re.compile(r"[A-ZÀ-Ý][\w'-]*+")


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
                or _cue_of(before, data.organization_cues)
                or (bool(before) and before[-1] in data.organization_articles and first not in data.given)
                or (
                    first not in data.given
                    and not self.person
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


def _classify_word(c: _Candidate, art: _Article, t: _Token, cues: _Cues, done: Callable[[str, int], None]) -> None:
    data = art.data
    plain = fold(t.text)
    if (
        t.key in data.common_acronyms
        or t.key in data.function_words
        or len(plain) < 2
        or t.key in data.person_cues
        or t.key.split("-")[0] in data.function_words
    ):
        return done(NOT_A_NAME, Strength.NONE)
    branded = _brand(t.text)  # "OpenAI", "NASA", "eBay"
    if (
        branded
        and plain.isupper()
        and (c.start == 0 or art.folded[c.start - 1] == "\n")
        and _dateline(art.folded, c.end)
    ):
        return done(NOT_A_NAME, Strength.NONE)  # "WASHINGTON —"
    if t.key in data.organization_words:
        if c.end > t.end:  # "Office français de la biodiversité": the word heads a longer name
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
    if branded or c.headed or cues.org:
        return done(ORGANIZATION, Strength.LEXICAL)
    if t.key in art.lower_words or t.key in art.locative or c.weak:
        return done(NOT_A_NAME, Strength.NONE)  # a common word ("Shares"), a town after "in", a brief before a title
    if (
        t.key in data.towns
        and not (
            _in_a_list(art.folded, c.start, c.end)
            and (art.sporty or not _listed_with_a_town(art, c))
            and not (cues.before and cues.before[-1] in data.place_prepositions)
        )
        and not (cues.before and cues.before[-1] in data.opponent_words)
    ):
        # "Wakefield", "Charleroi": a town, unless the short form of a club named in full, or one of a
        # list in an article about sport ("Hawthorn, Carlton and North Melbourne were fined"), which is
        # how clubs are named, or a list of no other town ("Telefonica, Orange ou British Telecom")
        return done(UNKNOWN, Strength.NONE)
    if t.initial and t.key not in art.known_single:
        if _before_verb(art.text, c.end, data) and not t.key.endswith(data.common_endings):
            return done(ORGANIZATION, Strength.WEAK)
        return done(UNKNOWN, Strength.NONE)  # kept only if the article vouches for it (_resolve)
    return done(ORGANIZATION, Strength.WEAK)


_PLACE_LINKS = frozenset({"of", "de", "du", "des", "d'"})


def _named_place(art: _Article, c: _Candidate, before: list[str]) -> bool:
    """Is the word the name of a place a common noun says ("le quartier Ovalie", "la centrale de Doel",
    "the suburb of Kempshott", "Westmead station")?"""
    nouns = art.data.place_nouns
    if before and (before[-1] in nouns or (len(before) > 1 and before[-1] in _PLACE_LINKS and before[-2] in nouns)):
        return True
    m = _AFTER_WORDS.match(art.folded, c.end)
    return m is not None and not art.folded.startswith("'", c.end) and m.group(1) in art.data.place_nouns_after


# Words pasted together from a page's menus: a long lower-case word glued to capitalised ones, or four
# capitalised words and more ("contentSkip", "footerHelp", "NewsSportBusinessViewsLife"); brands glue
# two or three ("easyJet", "GlaxoSmithKline").
_GLUED_RE = re.compile(r"[a-z]{5,}(?:[A-Z][a-z]+)+|(?:[A-Z][a-z]{2,}){4,}")


def _acronym_token(t: _Token, data: _NameData) -> bool:
    plain = fold(t.text)
    return (
        len(plain) >= 3
        and plain.isupper()
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


_NEXT_WORD = re.compile(r"(?<![\s,])[\s,]*+([\w'’-]+)")


_COMMA_WORD = re.compile(r",\s*([\w'’-]+)")
_PREV_WORD_RE = re.compile(r"(?<![\w'’-])([\w'’-]+)\s+$")  # from a word start: linear


def _sentence_opening(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].strip()
    return start == 0 or before == "" or before[-1] in ".!?\n"


def _said_or_described(text: str, start: int, end: int, data: _NameData) -> bool:
    """What people do in news and phrases do not: speak ("Hamid Saleh said"), stand in apposition
    between commas before a verb (", Oleksandr Hrytsenko, a salué"), or be described by a role
    ("Avril Lemoine, députée")."""
    if _before_verb(text, end, data):
        return True
    before = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    if before and (
        data.speech_verb_re.fullmatch(before.group(1).lower())
        or data.speech_verb_re.fullmatch(key(before.group(1)))
        or key(before.group(1)) in data.person_before
    ):
        return True  # "said Rupert Vance KC", "a déclaré Jean Roux", "named Jide Okafor"
    m = _COMMA_WORD.match(text, end)
    if m is None:
        return False
    word = key(m.group(1).replace("’", "'"))
    if word in data.function_words:  # "Marta Ilves, the mayor, said"
        nxt = _COMMA_WORD.match(", " + text[m.end() : m.end() + 40])
        word = key(nxt.group(1)) if nxt else word
    if word in data.person_cues:
        return True
    if text[max(0, start - 2) : start].strip() in (",", "(") and _before_verb(text, m.start(1) - 1, data):
        return True
    # "Berthe Delorme, paysagiste du XIXe siècle, vivait ...": a description right after a name that opens
    # its sentence
    return m.group(1)[0].islower() and word not in data.function_words and _sentence_opening(text, start)


def _before_verb(text: str, end: int, data: _NameData) -> bool:
    """A sentence-initial word followed by a verb ("Amazon a finalisé", "Leike said") is a subject.

    Read on the text as written: the French verb "a" is not the preposition "à".
    """
    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    word = m.group(1).lower().replace("’", "'")
    return (
        word in data.subject_verbs
        or data.speech_verb_re.fullmatch(word) is not None
        or any(word.endswith(e) and len(word) > len(e) + 2 for e in data.subject_verb_endings)
    )


def _canonical(surface: str) -> str:
    return " ".join(fold_apostrophes(surface).split())


# ---- resolution across the article ------------------------------------------------------------


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # after a surname, not one itself


def _resolve(candidates: list[_Candidate], data: _NameData, rejected_words: set[str], folded: str) -> None:
    # A name given as a person only by default is an organisation if its last word is one elsewhere
    # ("Aston Villa" after "Villa striker ...").
    org_words = {
        c.tokens[0].key
        for c in candidates
        if c.kind == ORGANIZATION and len(c.tokens) == 1 and c.strength >= Strength.LEXICAL
    }
    for c in candidates:
        if c.kind == PERSON and len(c.tokens) > 1 and c.strength <= Strength.WEAK and c.tokens[-1].key in org_words:
            c.kind, c.strength = ORGANIZATION, Strength.CONTEXT
    persons = sorted((c for c in candidates if c.kind == PERSON and len(c.tokens) > 1), key=lambda c: c.start)
    orgs = sorted((c for c in candidates if c.kind == ORGANIZATION and len(c.tokens) > 1), key=lambda c: c.start)
    # Surnames and name endings: "Leike" -> "Jan Leike", "Le Goff" -> "Yannick Le Goff".
    by_tail: dict[tuple[str, ...], str] = {}
    by_given: dict[str, set[str]] = {}
    for p in persons:
        keys = tuple(t.key for t in p.tokens)
        for n in range(1, len(keys)):
            by_tail.setdefault(keys[n:], p.canonical)
        if len(keys) > 2 and keys[-1] in _GENERATIONS:  # "Guerrero" -> "Vladimir Guerrero Jr."
            by_tail.setdefault(keys[-2:-1], p.canonical)
        by_given.setdefault(keys[0], set()).add(p.canonical)
    # Short forms of organisations: "Lens" / "RC Lens", "Helios" / "Helios Energy".
    by_core: dict[str, str] = {}
    last_words: dict[str, set[str]] = {}
    for o in orgs:
        core = [t.key for t in o.tokens if t.key not in data.designators]
        if len(core) == 1:
            by_core.setdefault(core[0], o.canonical)
        elif [t.key for t in o.tokens if t.key not in data.organization_words] == [o.tokens[0].key]:
            by_core.setdefault(o.tokens[0].key, o.canonical)  # "Vantor" / "Vantor Semiconductor"
        last = o.tokens[-1].key
        if last not in data.organization_words and last not in data.designators:
            last_words.setdefault(last, set()).add(o.canonical)
    for word, full in last_words.items():  # "Villa" / "Aston Villa", "Dortmund" / "Borussia Dortmund"
        if len(full) == 1:
            by_core.setdefault(word, next(iter(full)))
    # The first or the last word of exactly one organisation named in full, an organisation word
    # included: "l'Autorité" / "Autorité de la concurrence", "Delta" / "Delta Air Lines", "United" /
    # "Manchester United", "la Commission" / "Commission européenne".
    ends: dict[str, set[str]] = {}
    for o in sorted(
        (
            c
            for c in candidates
            if c.kind == ORGANIZATION and (c.headed or len(c.tokens) > 1 or c.end > c.tokens[-1].end)
        ),
        key=lambda c: c.start,
    ):
        for t in (o.tokens[0], o.tokens[-1]) if len(o.tokens) > 1 else (o.tokens[0],):
            if (
                t is o.tokens[0]
                and t.key in data.towns
                and len(o.tokens) > 1
                and o.tokens[1].key in data.administrative_words
            ):
                continue  # "Milwaukee" alone is the town, not "Milwaukee County Circuit Court"
            if t.key not in data.designators and t.key not in data.places and t.key not in data.given:
                ends.setdefault(t.key, set()).add(o.canonical)
    short_forms = {word: next(iter(full)) for word, full in ends.items() if len(full) == 1}
    # Acronyms defined in parentheses right after a full name.
    defined: dict[str, str] = {}
    for c in candidates:
        if c.kind == ORGANIZATION and (c.headed or len(c.tokens) > 1):
            acronym = _acronym_after(folded, c.end)
            if acronym:
                defined.setdefault(acronym.lower(), c.canonical)

    for c in candidates:
        if c.strength >= Strength.KNOWN or not c.kind:
            continue
        keys = tuple(t.key for t in c.tokens)
        if c.kind == ACRONYM:
            c.kind, c.canonical, c.strength = ORGANIZATION, defined.get(keys[0], c.canonical), Strength.DEFINED
        elif keys in by_tail and c.strength <= Strength.LEXICAL and not c.headed and not _strong_org(c, data):
            c.kind, c.canonical, c.strength = PERSON, by_tail[keys], Strength.LEXICAL
        elif c.kind == GIVEN:
            full = by_given.get(keys[0], set())
            c.kind, c.canonical = (PERSON, next(iter(full))) if len(full) == 1 else (NOT_A_NAME, "")
        elif len(keys) == 1 and keys[0] in by_core and c.kind in (ORGANIZATION, UNKNOWN) and not c.headed:
            # ("ministère de l'Éducation nationale" is named in full, not a short form of "SUD Éducation")
            c.kind, c.canonical, c.strength = ORGANIZATION, by_core[keys[0]], Strength.LEXICAL
        elif len(keys) == 1 and keys[0] in short_forms and c.kind == UNKNOWN and not c.headed:
            c.kind, c.canonical, c.strength = (
                ORGANIZATION,
                short_forms[keys[0]],
                Strength.LEXICAL,
            )  # "l'Autorité", "United"
        if (
            c.kind in (ORGANIZATION, UNKNOWN)
            and len(keys) == 1
            and keys[0] in rejected_words
            and c.strength < Strength.LEXICAL
        ):
            c.kind = NOT_A_NAME  # "Webb" after "James Webb Space Telescope"
        if c.kind == UNKNOWN:
            c.kind = NOT_A_NAME


def _strong_org(c: _Candidate, data: _NameData) -> bool:
    return c.headed or c.org_title or any(_camel(t.text) or _acronym_token(t, data) for t in c.tokens)


def _find_in_headlines(
    candidates: list[_Candidate], text: str, folded: str, sentences: list[Sentence], title_case: set[int]
) -> None:
    """In a Title Case headline only names the body names are names."""
    if not title_case:
        return
    known: dict[str, _Candidate] = {}
    by_first_word: dict[str, list[str]] = {}
    for c in candidates:
        if c.kind in (PERSON, ORGANIZATION) and c.sentence not in title_case:
            form = fold_key(text[c.start : c.end])
            if form not in known:
                known[form] = c
                by_first_word.setdefault(form.split()[0], []).append(form)
    if not known:
        return
    for i in title_case:
        s = sentences[i]
        line = folded[s.start : s.end].lower()
        words = set(line.split()) | set(_HEADLINE_WORD.findall(line))
        forms = sorted({f for w in words for f in by_first_word.get(w, ())}, key=len, reverse=True)
        taken: list[tuple[int, int]] = []
        for form in forms:
            at = 0
            while True:
                j = line.find(form, at)
                if j < 0:
                    break
                a, b = s.start + j, s.start + j + len(form)
                at = j + 1
                if (j > 0 and line[j - 1].isalnum()) or (b < s.end and folded[b].isalnum()):
                    continue
                if any(x < b and a < y for x, y in taken):
                    continue
                taken.append((a, b))
                src = known[form]
                candidates.append(
                    _Candidate(src.tokens, a, b, i, kind=src.kind, canonical=src.canonical, strength=src.strength)
                )


_HEADLINE_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _claims(candidates: list[_Candidate], text: str) -> list[NameFound]:
    by_form: dict[tuple[str, str], NameFound] = {}
    for c in sorted(candidates, key=lambda c: c.start):
        if c.kind not in (PERSON, ORGANIZATION) or not c.canonical:
            continue
        surface = text[c.start : c.end]
        form = (c.kind, c.form or fold_key(surface))
        span = (c.start, c.end)
        prev = by_form.get(form)
        if prev is None:
            by_form[form] = NameFound(c.kind, c.canonical, surface, c.start, c.end, (span,))
        elif span not in prev.mentions:
            by_form[form] = NameFound(
                prev.type, prev.canonical, prev.surface, prev.start, prev.end, prev.mentions + (span,)
            )
    return sorted(by_form.values(), key=lambda n: n.start)
