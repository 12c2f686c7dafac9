"""Stages 4 and 5 of name finding: short forms resolved against what the article names in full,
Title Case headlines, and the claims (one per distinct surface form).
"""

import re
from bisect import bisect_right
from collections import Counter

from ..text import Sentence, fold, fold_key
from .article import _acronym_after, _after_a_place_word, _Article, _short_name_after, _ticker_after
from .classify import _acronym_token, _camel
from .data import (
    _GENERATIONS,
    ACRONYM,
    GIVEN,
    NOT_A_NAME,
    ORGANIZATION,
    PERSON,
    UNKNOWN,
    NameFound,
    Strength,
    _Candidate,
    _NameData,
    _Token,
)
from .forms import _initial_and_surname, _middle_names_left_out, _misspelt_surnames, _one_kind_per_name

# ---- resolution across the article ------------------------------------------------------------


def _resolve(candidates: list[_Candidate], data: _NameData, rejected_words: set[str], folded: str) -> None:
    """Stages 4 and 5: short forms resolved against what the article names in full (surnames, a
    company's first or last word, acronyms defined after a name), given names alone settled."""
    _persons_named_like_companies(candidates, data)
    _with_legal_form(candidates, data)
    _initialisms(candidates, data, folded)
    _one_kind_per_name(candidates, data)
    _misspelt_surnames(candidates, data)
    persons = sorted((c for c in candidates if c.kind == PERSON and len(c.tokens) > 1), key=lambda c: c.start)
    orgs = sorted((c for c in candidates if c.kind == ORGANIZATION and len(c.tokens) > 1), key=lambda c: c.start)
    _middle_names_left_out(persons)
    _initial_and_surname(persons)
    by_tail, by_given = _person_short_forms(persons)
    by_core = _organisation_cores(orgs, data)
    short_forms = _organisation_ends(candidates, data)
    # (read for acronyms only, and no rule below makes one)
    defined = _acronyms_defined(candidates, folded, data) if any(c.kind == ACRONYM for c in candidates) else {}
    for c in candidates:
        if _surname_not_a_word(c, data, by_tail, folded):
            # "Tory" after "John Tory", "Houston" after "Premier Tim Houston": a party's word or a town
            # that is the surname of a person named in full
            c.kind, c.canonical, c.strength = PERSON, by_tail[(c.tokens[0].key,)], Strength.LEXICAL
            continue
        if c.strength >= Strength.KNOWN or not c.kind:
            continue
        keys = tuple(t.key for t in c.tokens)
        if c.kind == ACRONYM and defined.get(keys[0]) == "":
            c.kind, c.strength = NOT_A_NAME, Strength.NEVER  # the acronym of a law or a thing
        elif c.kind == ACRONYM:
            c.kind, c.canonical, c.strength = ORGANIZATION, defined.get(keys[0], c.canonical), Strength.DEFINED
        elif keys in by_tail and c.strength <= Strength.LEXICAL and not c.headed and not _strong_org(c, data):
            c.kind, c.canonical, c.strength = PERSON, by_tail[keys], Strength.LEXICAL
        elif (
            c.kind == PERSON
            and len(keys) == 1
            and keys[0] not in data.common_words
            and len(by_given.get(keys[0], ())) == 1
        ):
            # "Shaikh Khalid" after "Shaikh Khalid bin Abdulla Al Khalifa": a title and the first name
            c.canonical = next(iter(by_given[keys[0]]))
        elif c.kind == GIVEN:
            _given_alone(c, keys[0], data, by_given, persons, short_forms)
        elif (
            len(keys) == 1
            and not c.headed
            and (found := _one_word(c, keys[0], data, by_core, short_forms, by_given, persons))
        ):
            c.kind, c.canonical, c.strength = found
        if (
            c.kind in (ORGANIZATION, UNKNOWN)
            and len(keys) == 1
            and keys[0] in rejected_words
            and c.strength < Strength.LEXICAL
        ):
            c.kind = NOT_A_NAME  # "Webb" after "James Webb Space Telescope"
        if c.kind == UNKNOWN:
            c.kind = NOT_A_NAME


def _given_alone(
    c: _Candidate,
    given: str,
    data: _NameData,
    by_given: dict[str, set[str]],
    persons: list[_Candidate],
    short_forms: dict[str, str],
) -> None:
    """A given name alone: the one person named in full with it ("Lula" after "Luiz Inacio Lula da
    Silva"), a company it names ("Groupe Arcelia", then "Arcelia"), else no claim."""
    full = by_given.get(given, set()) or {
        p.canonical for p in persons if len(p.tokens) > 2 and given in (t.key for t in p.tokens[1:-1])
    }
    if len(full) == 1:
        c.kind, c.canonical = PERSON, next(iter(full))
    elif not full and given in data.world_given and given in short_forms and not c.headed:
        c.kind, c.canonical, c.strength = ORGANIZATION, short_forms[given], Strength.LEXICAL
    else:
        c.kind, c.canonical = NOT_A_NAME, ""


def _surname_not_a_word(c: _Candidate, data: _NameData, by_tail: dict[tuple[str, ...], str], folded: str) -> bool:
    key = c.tokens[0].key
    return (
        not c.kind
        and bool(c.form)
        and len(c.tokens) == 1
        and (key,) in by_tail
        and (
            (key in data.not_names and c.strength == Strength.NONE)
            or (key in data.non_entity_tails and not c.tokens[0].initial)  # "Park" after "Leo Park"
            or (key in data.towns and c.strength == Strength.NONE and not _after_a_place_word(folded, c.start, data))
        )
    )


def _one_word(
    c: _Candidate,
    key: str,
    data: _NameData,
    by_core: dict[str, str],
    short_forms: dict[str, str],
    by_given: dict[str, set[str]],
    persons: list[_Candidate],
) -> tuple[str, str, Strength] | None:
    """A single word that stands for a name the article gives in full: an organisation's core
    ("Lens" for "RC Lens"; "ministère de l'Éducation nationale" is named in full, not a short form of
    "SUD Éducation"), an organisation's end ("l'Autorité", "United"), or the first word of one
    person's name, which no list of given names knows ("Firli" after "Firli Bahuri": the usage of
    Indonesia, and of sport's first names)."""
    if key in by_core and c.kind in (ORGANIZATION, UNKNOWN):
        return ORGANIZATION, by_core[key], Strength.LEXICAL
    if key in short_forms and c.kind == UNKNOWN:
        return ORGANIZATION, short_forms[key], Strength.LEXICAL
    word = c.tokens[0].text
    if (
        c.kind in (ORGANIZATION, UNKNOWN)
        and len(by_given.get(key, ())) == 1
        and not word.isupper()
        and key not in data.places
        and key not in data.towns
        and key not in data.common_words  # "Condor" is not "Condor Ferries" taken for a person
    ):
        return PERSON, next(iter(by_given[key])), Strength.LEXICAL
    if word.isalpha() and word.isupper() and 2 <= len(word) <= 4:
        # "JPB" after "Juliari Peter Batubara": the initials of exactly one person named in full (the
        # usage of Indonesian courts and police)
        same = {
            p.canonical
            for p in persons
            if "".join(fold(t.text)[:1] for t in p.tokens).upper() == word
            and not any(t.key in data.organization_words for t in p.tokens)
        }
        if len(same) == 1:
            return PERSON, same.pop(), Strength.LEXICAL
    return None


def _persons_named_like_companies(candidates: list[_Candidate], data: _NameData) -> None:
    # A name given as a person only by default is an organisation if its last word is one elsewhere
    # ("Aston Villa" after "Villa striker ...").
    org_words = {
        c.tokens[0].key
        for c in candidates
        if c.kind == ORGANIZATION and len(c.tokens) == 1 and c.strength >= Strength.LEXICAL
    }
    # "Robinsons Land" next to "Robinsons Bank": a family name that opens a company's name opens its
    # sister companies' too
    org_openers = {
        c.tokens[0].key
        for c in candidates
        if c.kind == ORGANIZATION
        and len(c.tokens) > 1
        and c.strength >= Strength.LEXICAL
        and not c.headed
        and c.tokens[0].key not in data.given
        and c.tokens[0].key not in data.places
        and c.tokens[0].key not in data.towns
        and c.tokens[0].key not in data.common_words
        and c.tokens[0].key not in data.function_words
    }
    for c in candidates:
        if (
            c.kind == PERSON
            and len(c.tokens) > 1
            and c.strength <= Strength.WEAK
            and (c.tokens[-1].key in org_words or c.tokens[0].key in org_openers)
        ):
            c.kind, c.strength = ORGANIZATION, Strength.CONTEXT


# A Korean given name of two syllables joined by a hyphen ("Geun-hye", "Jae-in"): the family name
# comes first, and the article then names the person by it alone.
_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{2,5}")


def _person_short_forms(persons: list[_Candidate]) -> tuple[dict[tuple[str, ...], str], dict[str, set[str]]]:
    """The short forms of the people named in full: their name endings and their given names."""
    # Surnames and name endings: "Leike" -> "Jan Leike", "Le Goff" -> "Yannick Le Goff".
    by_tail: dict[tuple[str, ...], str] = {}
    by_given: dict[str, set[str]] = {}
    for p in persons:
        keys = tuple(t.key for t in p.tokens)
        for n in range(1, len(keys)):
            by_tail.setdefault(keys[n:], p.canonical)
        if len(keys) > 2 and keys[-1] in _GENERATIONS:  # "Guerrero" -> "Vladimir Guerrero Jr."
            by_tail.setdefault(keys[-2:-1], p.canonical)
        if len(keys) == 2 and _KOREAN_GIVEN.fullmatch(p.tokens[1].text):  # "Park" -> "Park Geun-hye"
            by_tail.setdefault(keys[:1], p.canonical)
        by_given.setdefault(keys[0], set()).add(p.canonical)
    return by_tail, by_given


def _organisation_cores(orgs: list[_Candidate], data: _NameData) -> dict[str, str]:
    # Short forms of organisations: "Lens" / "RC Lens", "Helios" / "Helios Energy".
    by_core: dict[str, str] = {}
    last_words: dict[str, set[str]] = {}

    def fuller(word: str, canonical: str) -> None:
        # "Rogers Communications" then "Rogers Communications Inc.": the fuller form names it
        known = by_core.get(word)
        if known is None or (canonical.startswith(known + " ") and len(canonical) > len(known)):
            by_core[word] = canonical

    for o in orgs:
        core = [t.key for t in o.tokens if t.key not in data.designators]
        if len(core) == 1:
            fuller(core[0], o.canonical)
        elif [t.key for t in o.tokens if t.key not in data.organization_words] == [o.tokens[0].key]:
            fuller(o.tokens[0].key, o.canonical)  # "Vantor" / "Vantor Semiconductor"
        last = o.tokens[-1].key
        if last not in data.organization_words and last not in data.designators:
            last_words.setdefault(last, set()).add(o.canonical)
    for word, full in last_words.items():  # "Villa" / "Aston Villa", "Dortmund" / "Borussia Dortmund"
        if len(full) == 1:
            by_core.setdefault(word, next(iter(full)))
    # "Dalata" / "Dalata Hotel Group PLC": the first word of exactly one company named with its legal form
    legal_firsts: dict[str, set[str]] = {}
    for o in orgs:
        first = o.tokens[0].key
        if (
            len(o.tokens) > 2
            and o.tokens[-1].key in data.designators
            and first not in data.given
            and first not in data.places
            and first not in data.towns
            and first not in data.function_words
            and first not in data.organization_words
        ):
            legal_firsts.setdefault(first, set()).add(o.canonical)
    for word, full in legal_firsts.items():
        if len(full) == 1:
            by_core.setdefault(word, next(iter(full)))
    return by_core


def _organisation_ends(candidates: list[_Candidate], data: _NameData) -> dict[str, str]:
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
            if (
                t.key not in data.designators
                and t.key not in data.places
                and (t.key not in data.given or t.key in data.world_given)
            ):
                ends.setdefault(t.key, set()).add(o.canonical)
    short_forms = {word: next(iter(full)) for word, full in ends.items() if len(full) == 1}
    return short_forms


def _acronyms_defined(candidates: list[_Candidate], folded: str, data: _NameData) -> dict[str, str]:
    # Acronyms defined in parentheses right after a full name, and short names after an
    # organisation's ("Great Indonesia Movement Party (Gerindra)": claims/names/article.py).
    defined: dict[str, str] = {}
    for c in candidates:
        ticker = _ticker_after(folded, c.end) if c.kind == ORGANIZATION else None
        if ticker:
            defined.setdefault(ticker.lower(), c.canonical)
        elif c.spelled and c.kind == ORGANIZATION:  # "UNIFIL (United Nations ...)", "... (ONUDC)"
            defined.setdefault(fold(c.spelled).lower(), c.canonical)
        elif c.kind == ORGANIZATION and (c.headed or len(c.tokens) > 1):
            acronym = _acronym_after(folded, c.end) or _short_name_after(folded, c, data)
            if acronym:
                defined.setdefault(fold(acronym).lower(), c.canonical)
        elif c.kind == NOT_A_NAME and len(c.tokens) > 1 and c.tokens[-1].key in data.thing_tails:
            if acronym := _acronym_after(folded, c.end):  # "Foreign Corrupt Practices Act (FCPA)": a law's
                defined.setdefault(fold(acronym).lower(), "")
    return defined


def _initials(tokens: list[_Token], data: _NameData) -> str:
    return "".join(fold(t.text)[:1] for t in tokens if t.key not in data.function_words).upper()


_WORD_RE = re.compile(r"[^\W\d_]{2,}|[^\W\d_](?!['’])")  # "d'Ivoire": no elided article


def _all_initials(words: str, data: _NameData) -> str:
    """ "Mouvement ivoirien pour le renouveau et l'espoir" -> "MIRE": lower-case words count too."""
    return "".join(w[:1] for w in _WORD_RE.findall(words) if w[0].isupper() or w not in data.function_words).upper()


def _initialisms(candidates: list[_Candidate], data: _NameData, folded: str) -> None:
    """ "UAMS" after "University of Arkansas for Medical Sciences": a word in capitals that spells the
    initials of exactly one organisation the article names in full (its words of three letters and
    more, not its connectors) is that organisation."""
    if not any(_initialism(c) for c in candidates):
        return  # no such word: the full names' initials are not worked out
    full: dict[str, set[str]] = {}
    for o in candidates:
        if o.kind == ORGANIZATION and o.strength >= Strength.LEXICAL and len(o.tokens) >= 3:
            full.setdefault(_initials(o.tokens, data), set()).add(o.canonical)
        if o.kind == ORGANIZATION and o.strength >= Strength.CONTEXT and o.end - o.start > 12:
            spelled = _all_initials(folded[o.start : o.end], data)
            if len(spelled) >= 3:  # ("Kathmandu Metropolitan City" -> "KMC" read by its context)
                full.setdefault(spelled, set()).add(o.canonical)
    for c in candidates:
        surface = _initialism(c)
        if surface and len(full.get(surface, ())) == 1:
            c.kind, c.canonical, c.strength = ORGANIZATION, next(iter(full[surface])), Strength.DEFINED


def _initialism(c: _Candidate) -> str:
    """The word in capitals, of three letters or more, that a candidate not yet known is written as
    ("UAMS"), folded; "" for any other candidate."""
    if len(c.tokens) != 1 or c.kind not in (ORGANIZATION, ACRONYM) or c.strength >= Strength.KNOWN:
        return ""
    surface = fold(c.tokens[0].text)
    if len(surface) >= 3 and surface.isalpha() and surface.isupper() and c.canonical == c.tokens[0].text:
        return surface
    return ""


def _with_legal_form(candidates: list[_Candidate], data: _NameData) -> None:
    """ "Apex Summit" / "Apex Summit Holdings", "City Rail Link" / "City Rail Link Limited": two words or
    more that open exactly one organisation named in full, whose other words are only designators (its
    legal form) or organisation words, are that organisation under its full name; a place or a thing by
    its own words only before a legal form ("Thunder Bay" is no short form of "Thunder Bay Police
    Service"), and no person ("Rose Hill Holdings" names no "Rose Hill")."""
    full: dict[tuple[str, ...], set[str]] = {}  # the words before the legal form -> full names
    fuller: dict[tuple[str, ...], set[str]] = {}  # the same before organisation words too
    for o in candidates:
        if o.kind != ORGANIZATION or o.strength < Strength.LEXICAL or len(o.tokens) < 3:
            continue
        keys = tuple(t.key for t in o.tokens)
        legal = True
        for n in range(len(keys) - 1, 1, -1):
            legal = legal and keys[n] in data.designators
            if not legal and keys[n] not in data.organization_words:
                break
            (full if legal else fuller).setdefault(keys[:n], set()).add(o.canonical)
    if not full and not fuller:
        return
    for c in candidates:
        if (
            len(c.tokens) < 2
            or not c.form  # a headline's words, read later against the body
            or c.strength >= Strength.KNOWN
            or c.headed
            or (c.kind == PERSON and c.strength > Strength.WEAK)
        ):
            continue
        keys = tuple(t.key for t in c.tokens)
        names = full.get(keys, set()) | (fuller.get(keys, set()) if c.strength > Strength.NEVER else set())
        if keys[0] not in data.given and len(names) == 1:
            c.kind, c.canonical, c.strength = ORGANIZATION, next(iter(names)), Strength.LEXICAL


def _lowercase_bodies(candidates: list[_Candidate], art: _Article) -> None:
    """ "le parquet", "la police locale", "la cour d'appel": a local body written in lower case is the
    body of the article's town ("Parquet de Liège"), or the body alone when no town stands out; not
    where a capitalised name already is ("le parquet de Liège" is named in full)."""
    data, folded = art.data, art.folded
    _demonym_bodies(candidates, art)
    _country_bodies(candidates, art)
    _leader_bodies(candidates, art)
    if data.lowercase_bodies_re is None or data.lowercase_bodies_heads is None:
        return
    if not data.lowercase_bodies_heads.search(folded):  # no body's first word: no match (a long scan)
        return
    spans = sorted((c.start, c.end) for c in candidates)
    town = art.main_town
    if not town:  # the only town or place the article names, or the one it names most
        counts = Counter(
            t.text
            for c in candidates
            for t in c.tokens
            if (t.key in data.towns or t.key in data.places) and t.key not in data.given
        )
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            town = ranked[0][0]
    # "le parquet de Liège" named in full somewhere: "le parquet" alone is that one
    full: dict[str, str] = {}
    for c in candidates:
        if c.kind == ORGANIZATION and c.headed:
            words = fold_key(art.text[c.start : c.end]).split()
            for n in range(1, len(words)):
                full.setdefault(" ".join(words[:n]), c.canonical)
    for m in data.lowercase_bodies_re.finditer(folded):
        start, end = m.span(1)
        i = bisect_right(spans, (end, end))
        if i and spans[i - 1][1] > start:
            continue
        form = " ".join(m.group(1).split())
        template = data.local_bodies[form]
        surface = art.text[start:end]
        if form in full:
            canonical = full[form]
        elif "{town}" not in template or town:
            canonical = template.format(town=town)
        else:
            canonical = " ".join(surface.split())
            canonical = canonical[:1].upper() + canonical[1:]
        candidates.append(_body(art, start, end, surface, form, canonical, Strength.CONTEXT))


def _demonym_bodies(candidates: list[_Candidate], art: _Article) -> None:
    """ "le gouvernement britannique", "les douanes sénégalaises": a country's body named by the
    country's adjective, in lower case (the adjective one of not_names' nationalities)."""
    data, folded = art.data, art.folded
    if data.demonym_bodies_re is None or data.demonym_bodies_heads is None:
        return
    if not data.demonym_bodies_heads.search(folded):  # no head: no match (the pattern's scan is long)
        return
    spans = sorted((c.start, c.end) for c in candidates)
    for m in data.demonym_bodies_re.finditer(folded):
        start, end = m.span()
        i = bisect_right(spans, (end, end))
        if (i and spans[i - 1][1] > start) or not _nationality(m.group(2), data):
            continue
        surface = " ".join(art.text[start:end].split())
        canonical = surface[:1].upper() + surface[1:]
        form = data.country_bodies.get(fold_key(m.group(1)))
        if form and (
            country := next(
                (data.demonym_countries[s] for s in _stems(m.group(2)) if s in data.demonym_countries), None
            )
        ):
            canonical = form.format(country=country)  # "le gouvernement canadien": "Gouvernement du Canada"
        candidates.append(_body(art, start, end, surface, fold_key(surface), canonical))


def _leader_bodies(candidates: list[_Candidate], art: _Article) -> None:
    """ "le gouvernement Legault": the government led by a person the article names in full, the
    jurisdiction's own when the data knows it ("Gouvernement du Québec"); the leader stays a person."""
    data = art.data
    if data.leader_bodies_re is None:
        return
    surnames = {c.tokens[-1].key for c in candidates if len(c.tokens) > 1 and c.tokens[0].key in data.given}
    for m in data.leader_bodies_re.finditer(art.folded):
        start, end = m.span()
        inside = [c for c in candidates if c.start < end and c.end > start]
        if fold_key(m.group(2)) not in surnames or any(c.start < start or c.end > end for c in inside):
            continue
        surface = " ".join(art.text[start:end].split())
        canonical = art.country.get(fold_key(m.group(1))) or surface[:1].upper() + surface[1:]
        candidates.append(_body(art, start, end, surface, fold_key(surface), canonical, Strength.CONTEXT))


def _body(
    art: _Article, start: int, end: int, surface: str, form: str, canonical: str, strength: int = Strength.NONE
) -> _Candidate:
    """An organisation found by the words around it ("le parquet", "le gouvernement canadien"), as
    one candidate of one token at [start, end)."""
    sentence = max(bisect_right(art.sentence_starts, start) - 1, 0)
    token = _Token(surface, start, end, form, False, sentence, False)
    return _Candidate(
        [token], start, end, sentence, kind=ORGANIZATION, form=form, canonical=canonical, strength=strength
    )


def _country_bodies(candidates: list[_Candidate], art: _Article) -> None:
    """ "the Guam government", "the Chinese government", "the government of Guam": the "Government of
    Guam", "Government of China" (country_bodies, demonym_countries), in place of the shorter names
    found inside; not where a longer name holds it ("the Chinese Government Procurement Office")."""
    data = art.data
    if data.country_body_re is None or data.country_body_heads is None:
        return
    if not data.country_body_heads.search(art.text):  # no head word: no match (the pattern's scan is long)
        return
    for m in data.country_body_re.finditer(art.text):
        start, end = m.span()
        inside = [c for c in candidates if c.start < end and c.end > start]
        if any(c.start < start or c.end > end for c in inside) or fold_key(m.group()) in data.aliases:
            continue  # "the Scottish Government", "the Australian Government": known by their own name
        place, head = m.group("place") or m.group("place2"), m.group("head") or m.group("head2")
        country = data.demonym_countries.get(fold_key(place), place)
        named = f"the {country}" if country in data.the_countries else country
        canonical = data.country_bodies[fold_key(head)].format(country=named)
        candidates[:] = [c for c in candidates if c not in inside]
        surface = " ".join(art.text[start:end].split())
        candidates.append(_body(art, start, end, surface, fold_key(surface), canonical, Strength.CONTEXT))


def _stems(word: str) -> set[str]:
    """ "sénégalaises" -> "sénégalais", "iranienne" -> "iranien": the forms a nationality may be listed under."""
    stems = {word, word.removesuffix("s")}
    return stems | {w.removesuffix("ne") for w in stems if w.endswith("ienne")} | {w.removesuffix("e") for w in stems}


def _nationality(word: str, data: _NameData) -> bool:
    """ "britannique", "sénégalaises", "iranienne": a nationality, in any gender and number."""
    return any(s in data.not_names for s in _stems(word))


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
