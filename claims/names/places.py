"""Places in name finding: a name after a place preposition, towns inside longer town names, lists
of names that are clubs or towns, demonyms, named places ("la station Bordet")."""

import re
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import available_languages, language_words
from ..text import fold_apostrophes
from ..text import fold_key as key
from .article import _AFTER_WORDS, _Article, _before_verb
from .data import _Candidate, _NameData, _Token
from .knowledge import _Knowledge
from .runs import _words_before


def _after_place_preposition(art: _Article, c: _Candidate) -> bool:
    """ "in Liverpool", "près de Lille": the town, not its club ("in Broncos history" is no town; the
    French "à" is as often "face à Lyon", "transféré à Midtjylland")."""
    if c.form not in art.data.towns and c.form not in art.data.places:
        return False
    start = c.start
    if listed := _list_before(art.folded, start):
        start = listed.start()  # "in Glasgow, Liverpool, and Oxford": the list's preposition
    before = _words_before(art.folded, start, art.sentence_starts[c.sentence])
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
    return bool(_list_before(folded, start) or _lists().after.match(folded, end))


def _listed_with_a_place(folded: str, start: int, end: int, data: _NameData) -> bool:
    """Is the word one of a list of single words ("Blois, Romorantin et Vendôme") that holds a known place?"""
    before = _list_before(folded, start)
    after = _lists().after.match(folded, end)
    words = (_LIST_WORD.findall(before.group()) if before else []) + (
        _LIST_WORD.findall(after.group()) if after else []
    )
    return any(key(w) in data.places for w in words if key(w) not in data.connectors)


_WORD_AFTER = re.compile(r"(?<![ \u00a0])[ \u00a0]++([a-zà-ÿ]++)")


def _listed_before_a_place_noun(folded: str, start: int, end: int, data: _NameData) -> bool:
    """Is the word one of a list that a plural noun of places ends ("Becker, Clay, Nicollet and
    Wilkin counties")? The list is then of places, whatever each word alone would be."""
    m = _lists().to_end.match(folded, end)
    if m is None:  # the last of the list: "... and Wilkin counties"
        m = _WORD_AFTER.match(folded, end)
        if m is None or not _list_before(folded, start):
            return False
    return key(m.group(1)) in data.place_nouns_after and key(m.group(1)).endswith("s")


def _list_words(art: _Article, c: _Candidate) -> list[str]:
    """The other single words of the list the word is one of ("Limerick, Galway, Cork"), folded."""
    folded, start, end = art.folded, c.start, c.end
    before = _list_before(folded, start)
    after = _lists().after.match(folded, end)
    words = (_LIST_WORD.findall(before.group()) if before else []) + (
        _LIST_WORD.findall(after.group()) if after else []
    )
    return [key(w) for w in words]


def _listed_with_a_town(art: _Article, c: _Candidate) -> bool:
    return any(w in art.data.towns for w in _list_words(art, c))


_JOINERS_BEFORE = (" and ", " et ", " to ", " à ")


def _after_a_place_and(art: _Article, c: _Candidate) -> bool:
    """ "between Dar es Salaam and Dodoma", "de Dakar à Thiès": a town joined to a place of several
    words before it (a list of single words is read by `_listed_with_a_town`)."""
    before = art.folded[max(0, c.start - 50) : c.start]
    joiner = next((j for j in _JOINERS_BEFORE if before.endswith(j)), None)
    if joiner is None:
        return False
    words = before[: -len(joiner)].split()[-4:]
    return any(
        words[i][:1].isupper()
        and ((place := " ".join(words[i:]).lower()) in art.data.towns or place in art.data.places)
        for i in range(len(words))
    )


def _listed_with_a_club(art: _Article, c: _Candidate, kn: _Knowledge) -> bool:
    """ "Hawthorn, Carlton and Essendon": a list of clubs is a list of clubs, sport words or not."""
    return len(c.tokens) == 1 and any(w in kn.clubs for w in _list_words(art, c))


class _Lists(NamedTuple):
    """Lists of capitalised single words joined by commas and the list words of every language ("et",
    "and", "ou", "or": `[names] list_words`) right before or after a word."""

    before: re.Pattern[str]
    # how a list item ends, less its spaces: a text before a word that ends otherwise holds no list
    # before it, and is not searched (the search is tried from every position of its 80 characters)
    item_ends: tuple[str, ...]
    after: re.Pattern[str]
    to_end: re.Pattern[str]  # the rest of a list after a word, to the lower-case word that ends it


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    words = sorted({w for code in available_languages() for w in language_words(code, "names")["list_words"]})
    joined = "|".join(map(re.escape, words))
    # (one word written out first, its capital before its look-behind, so that the engine skips to capitals)
    item = rf"[A-ZÀ-Ý](?<![\w'-].)[\w'-]*+(?:,\s++|,?\s++(?:{joined})\s++)"
    return _Lists(
        before=re.compile(rf"{item}(?:{item}){{0,3}}$"),
        item_ends=(",", *words),
        after=re.compile(rf"(?<![\s,])(?:(?:,\s++|,?\s++(?:{joined})\s++)[A-ZÀ-Ý][\w'-]*+(?![\w'-])){{1,4}}"),
        to_end=re.compile(
            rf"(?<![ \u00a0])(?:(?:,[ \u00a0]++|[ \u00a0]++(?:{joined})[ \u00a0]++)[A-ZÀ-Ý][\w'-]*+"
            rf"(?:[ \u00a0][A-ZÀ-Ý][\w'-]*+)?){{1,40}}[ \u00a0]++([a-zà-ÿ]++)"
        ),
    )


def _list_before(folded: str, start: int) -> re.Match[str] | None:
    """The capitalised words listed right before `start` ("Limerick, Galway, "), if any."""
    lists = _lists()
    if not folded[max(0, start - 80) : start].rstrip().endswith(lists.item_ends):
        return None
    return lists.before.search(folded, max(0, start - 80), start)


_LIST_WORD = re.compile(r"[A-ZÀ-Ý][\w'-]*+")


_WORDS_AFTER = re.compile(r" ([^\W\d_]+)(?: ([^\W\d_]+))?")


def _inside_a_town(art: _Article, c: _Candidate) -> bool:
    """Is the name part of a town's name of three words or more joined by a small word, which cut the
    run ("Newcastle under Lyme", "Stratford-upon-Avon" written with spaces)?"""
    data = art.data
    own = " ".join(t.key for t in c.tokens)
    if not _long_town_words(data.towns).issuperset(own.split()):
        return False  # a word of the name is in no town's name of three words or more
    ma = _WORDS_AFTER.match(art.folded, c.end)
    before: list[str] = []
    if art.folded[c.start - 1 : c.start] == " ":  # the words right before, on slices (no regex search)
        for w in reversed(art.folded[max(0, c.start - 40) : c.start].split(" ")[-3:-1]):
            if not w.isalpha():
                break
            before.insert(0, w.lower())
    after = [w.lower() for w in (ma.groups() if ma else ()) if w]
    for b in range(len(before) + 1):
        for a in range(len(after) + 1):
            around = before[len(before) - b :] + after[:a]
            if not around or not any(w in data.function_words for w in around):
                continue
            phrase = " ".join(before[len(before) - b :] + [own] + after[:a])
            if len(phrase.split()) >= 3 and phrase in data.towns:
                return True
    return False


_LONG_TOWN_WORDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _long_town_words(towns: frozenset[str]) -> frozenset[str]:
    """The words of the towns' names of three words or more, worked out once per list of towns (kept
    by identity: each language's names data holds an equal list, which a comparison would read whole)."""
    cached = _LONG_TOWN_WORDS.get(id(towns))
    if cached is None or cached[0] is not towns:
        if len(_LONG_TOWN_WORDS) >= 8:
            _LONG_TOWN_WORDS.clear()
        words = frozenset(w for town in towns if len(town.split()) >= 3 for w in town.split())
        cached = _LONG_TOWN_WORDS[id(towns)] = (towns, words)
    return cached[1]


def _demonym(key: str, data: _NameData) -> bool:
    """Does the word name the people of a town or a region: a place's name (its last vowel may go) and
    a demonym ending, seven letters at most after the place ("Toronto" + "nians", "Jura" + "ssienne")?"""
    if not key.endswith(data.demonym_endings):
        return False
    for cut in range(max(4, len(key) - 8), len(key) - 2):
        stem = key[:cut]
        if stem in data.towns or stem in data.places or stem + "e" in data.towns or stem + "e" in data.places:
            return True
    return False


_PLACE_LINKS = frozenset({"of", "de", "du", "des", "d'"})


def _named_place(art: _Article, c: _Candidate, before: list[str]) -> bool:
    """Is the word the name of a place a common noun says ("le quartier Ovalie", "la centrale de Doel",
    "the suburb of Kempshott", "Westmead station")?"""
    nouns = art.data.place_nouns
    if before and (before[-1] in nouns or (len(before) > 1 and before[-1] in _PLACE_LINKS and before[-2] in nouns)):
        return True
    m = _AFTER_WORDS.match(art.folded, c.end)
    if m is None or art.folded.startswith("'", c.end):
        return False
    if m.group(1) in art.data.place_nouns_after:
        return True
    # "the Dalrymple electricity substation": one common noun between the name and the place noun
    return (
        m.group(2) is not None
        and m.group(2) in art.data.place_nouns_after
        and m.group(1) not in art.data.function_words
        and m.group(1) not in art.data.subject_verbs
        and not _before_verb(art.text, c.end, art.data)
    )


# Words pasted together from a page's menus: a long lower-case word glued to capitalised ones, or four
# capitalised words and more ("contentSkip", "footerHelp", "NewsSportBusinessViewsLife"); brands glue
# two or three ("easyJet", "GlaxoSmithKline").


def _a_town_here(c: _Candidate, art: _Article, t: _Token, before: list[str]) -> bool:
    """ "Wakefield", "Charleroi": a town, unless the short form of a club named in full, or one of a
    list in an article about sport ("Hawthorn, Carlton and North Melbourne were fined"), which is how
    clubs are named, or a list of no other town ("Telefonica, Orange ou British Telecom")."""
    data = art.data
    return (
        t.key in data.towns
        and not (
            _in_a_list(art.folded, c.start, c.end)
            and (art.sporty or not (_listed_with_a_town(art, c) or _after_a_place_and(art, c)))
            and not (before and before[-1] in data.place_prepositions)
            # an address, no list: "Richmond, Virginia", "the Iqbal Stadium, Faisalabad"
            and not _listed_with_a_place(art.folded, c.start, c.end, data)
            and not (before and before[-1] in data.non_entity_tails)
        )
        and not (before and before[-1] in data.opponent_words)
    )


_ADDRESS_AFTER = re.compile(r",[ \u00a0]+[A-Z][\w.]*+(-[a-z]++)")


def _town_of_an_address(folded: str, end: int, data: _NameData) -> bool:
    """ "Richmond, Virginia-based", "Schaumburg, Ill.-based": a town, its state and an adjective's ending."""
    m = _ADDRESS_AFTER.match(folded, end) if data.adjective_suffixes else None
    return m is not None and m.group(1).lower().endswith(data.adjective_suffixes)
