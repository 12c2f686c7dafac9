"""The article as the name stages see it (`_Article`), and the cues read around a candidate: captions,
acronyms defined in parentheses, places after a name, words before and after it.
"""

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text import Sentence, fold, fold_key
from ..text import fold_key as key
from .data import Gazetteer, _Candidate, _NameData
from .forms import place_surnames
from .knowledge import _Knowledge
from .runs import _LOWER_RE, _finish
from .tails import _WORD_AFTER, _org_tail, _proper_complement

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
    _main_country: str | None = None

    @property
    def main_country(self) -> str:
        """The country the article names most often, more than any other ("" when none leads)."""
        if self._main_country is None:
            self._main_country = ""
            if self.data.country_re is not None:
                matches = list(self.data.country_re.finditer(self.lowered))
                surnames = place_surnames(self.text, matches)  # "Luís Montenegro", Portugal's premier
                found = (self.text[m.start() : m.end()] for m in matches if m.group() not in surnames)
                counted = Counter(" ".join(f.split()) for f in found if f[:1].isupper())
                # and its people: "Nigerian", "les autorités maliennes"
                demonyms = self.data.demonym_names
                words = _WORDS.findall(self.lowered)
                counted.update(demonyms[w] for w in words if w in demonyms)
                pairs = (f"{a} {b}" for a, b in zip(words, words[1:]))  # "South African", "Sri Lankan"
                counted.update(demonyms[p] for p in pairs if p in demonyms)
                counts = counted.most_common(2)
                if counts and (len(counts) == 1 or counts[1][1] < counts[0][1]):
                    self._main_country = counts[0][0]
        return self._main_country

    acronyms: dict[str, int] = field(default_factory=dict)
    locative: frozenset[str] = frozenset()
    portfolios: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    lowered: str = ""  # folded and lower-cased, for quick "is this word anywhere?" checks


def _shouted(c: _Candidate, data: _NameData, gazetteer: Gazetteer) -> bool:
    caps = [t for t in c.tokens if len(t.text) > 1 and t.text.isupper()]
    if not caps:  # (no word in capitals: nothing shouted, known name or not)
        return False
    form = " ".join(t.key for t in c.tokens)
    if form in data.aliases or form in gazetteer:
        return False
    if len(c.tokens) == 1:
        # "WALLONIE", and a rubric in capitals that is a common word ("GRÈVE. En raison de", "SANTE Le
        # ministre"); acronyms are shorter and no words
        word = fold(c.tokens[0].text)
        parts = word.lower().split("-")
        if len(parts) > 1 and all(
            1 < len(p) <= 5 and p not in data.common_words and p not in data.places for p in parts
        ):
            return False  # "CMA-CGM", "ZCCM-IH": acronyms joined, not a word shouted
        return len(word) > 6 or (len(word) >= 4 and c.tokens[0].key in data.common_words)
    return len(caps) >= 2 and any(len(t.text) > 4 for t in caps)


def _split_known_prefix(c: _Candidate, data: _NameData, gazetteer: Gazetteer) -> list[_Candidate]:
    """ "United Nations Universal Declaration" -> "United Nations" + the rest, when the language data
    knows the start. The library's names (`gazetteer`) may add or canonicalise a name, never cut a
    longer one: "Amazon" known from a record leaves "Amazon Web Services" whole."""
    toks = c.tokens
    whole = " ".join(t.key for t in toks)
    if whole in gazetteer or whole in data.aliases:  # "Labour Party" whole, not "Labour" + "Party"
        return [c]
    place = " ".join(t.key for t in toks[:-1])
    if (
        len(toks) > 1
        and toks[-1].text.isupper()
        and toks[-1].key in data.aliases
        and (place in data.places or place in data.towns)
    ):
        # "... le 28 juillet à Bogota AFP": a photo's place and its agency's credit
        return [_Candidate(toks[-1:], toks[-1].start, toks[-1].end, c.sentence)]
    for cut in range(min(len(toks) - 1, _LONGEST_KNOWN), 0, -1):
        head = " ".join(t.key for t in toks[:cut])
        if (
            head in data.aliases
            and not (cut == 1 and toks[0].text.isupper() and toks[1].key in data.towns)
            and (toks[cut].start - toks[cut - 1].end <= 1 or toks[cut - 1].key not in data.organization_words)
            and (
                toks[0].text.isupper()  # "UN Office for ...", "AFP Joint Policing ...": an acronym's body
                or toks[cut].start - toks[cut - 1].end > 1  # "Cathay Pacific and Singapore Airlines": two
                or not any(t.key in data.organization_words or t.key in data.designators for t in toks[cut:])
            )
        ):
            # ("CHR d'Orléans" stays whole: a known acronym and the town it serves; so does a known name
            # joined to more by a connector, "Conservative Party of British Columbia", and one that an
            # organisation's word or a legal form goes on: "Air India Assets Holding Limited")
            first = _Candidate(toks[:cut], toks[0].start, toks[cut - 1].end, c.sentence, person_cue=c.person_cue)
            return [first] + _finish(toks[cut:], data)
    return [c]


def _extend_organisation(c: _Candidate, folded: str, sentences: list[Sentence], data: _NameData) -> None:
    s = sentences[c.sentence]
    if c.start > s.start and data.org_head_re is not None and _after_connector(folded, c.start, data.head_link_ends):
        m = data.org_head_re.search(folded, max(s.start, c.start - 60), c.start)
        # "le ministère de l'Industrie", "l'université de Bordeaux"; the words between head and
        # connector qualify it ("correctionnel", "russe"), they are no verb or function word.
        if (
            m
            and m.end() == c.start
            and (
                fold_key(m.group()).split()[0] not in data.place_heads
                or (named := " ".join(t.key for t in c.tokens)) in data.places
                or named in data.towns  # "gouvernement de l'Ontario": also a town's name (California)
            )
            and not any(w in data.function_words or w in data.subject_verbs for w in _qualifiers(m.group(1), data))
            and not _owner(c, folded, m.end(), data)
        ):
            c.start = m.start()
            c.headed = True
    if not c.headed and data.named_head_re is not None and folded[c.start - 1 : c.start] == " ":
        # "l'hôpital Anna-Laberge", "le lycée Victor-Hugo": an institution named after a person or a place
        m = data.named_head_re.search(folded, max(s.start, c.start - 30), c.start)
        if m:
            c.start, c.headed = m.start(1), True
    if data.foreign_connectors and not data.foreign_connectors.isdisjoint(folded[c.start : c.end].lower().split()):
        return  # "le Department of Justice américain": a name in another language takes no tail
    if _alias_goes_on(c, folded, s.end, data) or _complement_adjectives(c, folded, s.end, data):
        return
    if c.headed or c.tokens[-1].key in data.organization_words:
        # after a proper name only adjectives: not "musée d'Orsay et de collectionneurs"; a ministry
        # joins its portfolios ("ministère des Finances et du budget")
        head = fold_key(folded[c.start : c.end].split()[0])
        joined = c.headed and head in data.joined_heads
        complements = joined or c.tokens[-1].key in data.organization_words
        end = _org_tail(folded, c.end, s.end, data, complements=complements, listed=head in data.joined_heads)
        if complements and (place := _place_after(folded, end, s.end, data)):
            end = place  # "Fédération hospitalière de France", "Parti démocratique de Côte d'Ivoire"
        elif complements and (end > c.end or joined) and (proper := _proper_complement(folded, end, s.end, data)) > end:
            # "ministère de l'Agriculture et du Développement rural": the complement's adjectives
            end = _org_tail(folded, proper, s.end, data, complements=False)
        if end > c.end:
            c.end = end
            c.headed = True
        # "Ministère public de la Confédération": a known name that goes on in capitals after its tail
        if c.headed and (more := _CAPITALS_AFTER.match(folded, c.end, s.end)):
            for stop in (more.end(), more.end(1)):
                if fold_key(folded[c.start : stop]) in data.aliases:
                    c.end = stop
                    break


def _owner(c: _Candidate, folded: str, head_end: int, data: _NameData) -> bool:
    """ "le parti d'Éric Zemmour", "le cabinet de Jean Roux": a person after a bare "de" is whose the
    body is, not its name (a name after "de" takes an article: "du Mans", "de la Drôme")."""
    bare = folded[max(0, head_end - 3) : head_end].lower()
    return (
        (bare.endswith("d'") or bare.endswith("de "))
        and 2 <= len(c.tokens) <= 3
        and c.tokens[0].key in data.given
        and not any(t.key in data.places or t.key in data.towns for t in c.tokens)
    )


def _alias_goes_on(c: _Candidate, folded: str, limit: int, data: _NameData) -> bool:
    """ "Organisation des Nations unies", "Union européenne": an alias that goes on in lower case (and
    the region it serves: "Agence régionale de santé de Bretagne"). True when one does."""
    words: list[re.Match[str]] = []
    pos = c.end
    key_so_far = " ".join(folded[c.start : c.end].lower().split())
    while key_so_far in data.alias_prefixes and len(words) < data.alias_max_words:
        m = _WORD_AFTER.match(folded, pos, limit)
        if not m:
            break
        words.append(m)
        pos = m.end()
    for n in range(len(words), 0, -1):
        form = " ".join([fold_key(folded[c.start : c.end])] + [w.group(1) for w in words[:n]])
        if form in data.aliases:
            c.end = words[n - 1].end()
            if place := _place_after(folded, c.end, limit, data):
                c.end, c.headed = place, True
            return True
    return False


def _complement_adjectives(c: _Candidate, folded: str, limit: int, data: _NameData) -> bool:
    """ "Commission des Provisions nucléaires": an organisation word, a connector and a capitalised
    complement take the adjectives after it. True when the candidate is of that shape."""
    if (
        c.headed
        or len(c.tokens) < 2
        or c.tokens[0].key not in data.organization_words
        or c.tokens[-1].key in data.organization_words
        or not folded[c.tokens[0].end : c.tokens[1].start].strip()
    ):
        return False
    end = _org_tail(folded, c.end, limit, data, complements=False)
    if end > c.end:
        c.end = end
        c.headed = True
    return True


_CAPITALS_AFTER = re.compile(
    r"(?<!\s)\s++(?:de\s++la\s++|de\s++l'|du\s++|des\s++|de\s++|d')([A-Z][\w'-]*+)(?:\s++[A-Z][\w'-]*+)?"
)
_PLACE_AFTER = re.compile(
    r"(?<!\s)\s++(?:de\s++|d'|du\s++)([A-Z][\w'-]*+(?:\s(?:d'|de\s|du\s)?[A-Z][\w'-]*+){0,2})(?![\w'-])"
)


def _place_after(folded: str, end: int, limit: int, data: _NameData) -> int:
    """End of a known place named right after an organisation ("de France", "de Côte d'Ivoire", "de
    Bellinzone"), else 0."""
    place = _PLACE_AFTER.match(folded, end, limit)
    if not place:
        return 0
    name = place.group(1)
    while name:
        if key(name) in data.places or (key(name) in data.towns and key(name) not in data.given):
            return place.start(1) + len(name)
        cut = name.rfind(" ")
        name = name[:cut] if cut > 0 else ""
    return 0


def _qualifiers(words: str, data: _NameData) -> list[str]:
    """The words qualifying a head ("correctionnel", "d'agriculture"), without their bare prepositions."""
    out = []
    for w in words.split():
        glued = next((b for b in data.tail_bare_prepositions if b.endswith("'") and w.startswith(b)), "")
        w = w[len(glued) :]
        if w and w not in data.tail_bare_prepositions:
            out.append(w)
    return out


def _after_connector(folded: str, start: int, ends: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Cheap test before the head pattern: does a head link ("de la ", "du ", "d'") end right here?"""
    glued, spaced = ends
    if glued and folded[max(0, start - 3) : start].lower().endswith(glued):
        return True
    return (
        bool(spaced)
        and folded[start - 1 : start] == " "
        and folded[max(0, start - 5) : start - 1].lower().endswith(spaced)
    )


# "(ANSM)", "(IMN)": at most twelve characters, two of them capitals (checked in _acronym_after).
_SHORT_NAME_AFTER = re.compile(r"[ \u00a0]?\(([A-Z][a-z]{3,15})\)")
_ACRONYM_AFTER = re.compile(r"[ \u00a0]?\(([A-Z][A-Za-z0-9&]{1,11})\)")


_LOWER_THEN_ACRONYM = re.compile(r"((?:[ \u00a0][a-zà-ÿ][\w'’-]*){1,2})[ \u00a0]?\(([A-Z][A-Za-z]{1,7})\)")


def _acronym_after(text: str, end: int) -> str | None:
    m = _ACRONYM_AFTER.match(text, end)
    if m and sum(ch.isupper() for ch in m.group(1)) >= 2:
        return m.group(1)
    return None


# "AbbVie (NYSE: ABBV)", "Shopify (TSX: SHOP)": a stock exchange's code, a colon and the company's ticker.
_TICKER_AFTER = re.compile(r"[ \u00a0]?\([ \u00a0]?[A-Z]{2,8}[ \u00a0]?:[ \u00a0]?([A-Z]{2,6})[ \u00a0]?\)")


def _ticker_after(text: str, end: int) -> str | None:
    m = _TICKER_AFTER.match(text, end)
    return m.group(1) if m else None


def _short_name_after(text: str, c: _Candidate, data: _NameData) -> str | None:
    """ "Great Indonesia Movement Party (Gerindra)": one capitalised word in brackets after an
    organisation's name is its short name, unless it is a place or a common word."""
    if c.tokens[-1].key not in data.organization_words or not (m := _SHORT_NAME_AFTER.match(text, c.end)):
        return None
    word = fold(m.group(1)).lower()
    return None if word in data.places or word in data.towns or word in data.common_words else m.group(1)


def _acronym_definitions(candidates: list[_Candidate], text: str, data: _NameData) -> dict[str, int]:
    """ "Agence nationale de sécurité du médicament (ANSM)": acronym key -> index of the full name; an
    organisation's name in another language may give its own ("Corruption Eradication Commission
    (KPK)"), and its short name ("Great Indonesia Movement Party (Gerindra)")."""
    out: dict[str, int] = {}
    brackets = "(" in text  # a ticker, an acronym or a short name is in brackets: without one, none is
    for i, c in enumerate(candidates):
        ticker = _ticker_after(text, c.end) if brackets else None
        if ticker:  # a ticker need not start like the name ("Alphabet (NASDAQ: GOOGL)")
            out.setdefault(fold(ticker).lower(), i)
            continue
        if c.spelled:  # "Department for Business, Energy and Industrial Strategy (BEIS)"
            out.setdefault(fold(c.spelled).lower(), i)
            continue
        if (len(c.tokens) < 2 and not c.headed) or not brackets:
            continue
        acronym = _acronym_after(text, c.end)
        if acronym is None and (more := _LOWER_THEN_ACRONYM.match(text, c.end)):
            # "Eglise évangélique maohi (EEM)": lower-case words the tail did not take, then the
            # acronym of the whole, which its initials spell
            words = re.findall(r"[^\W\d_][\w'’-]*", fold(text[c.start : more.end(1)]))
            initials = "".join(w[0] for w in words if len(w) > 3 or w[0].isupper()).upper()
            if initials == fold(more.group(2)).upper():
                c.end, c.headed, acronym = more.end(1), True, more.group(2)
        acronym = acronym or _short_name_after(text, c, data)
        if not acronym:
            continue
        # "Omer Telecom Limited (OTL)", not "Jean-Luc Mélenchon (LFI)": the acronym starts like the name,
        # or follows the name of an organisation ("... Commission (KPK)", "... Party (Gerindra)")
        first = re.sub(r"^\w{1,2}['’]", "", fold(text[c.start : c.end]))[:1].lower()  # "l'Agence" -> "a"
        named = c.tokens[-1].key in data.organization_words
        # ("General Employees' Union (BCGEU)": a name cut short of the words its acronym spells first)
        initials = "".join(fold(t.text)[:1] for t in c.tokens if t.key not in data.function_words).upper()
        if (
            fold(acronym)[0].lower() == first
            or (named and not fold(acronym).upper().endswith(initials))
            # "Société des Aéroports du Vietnam (ACV)": a body's head word opens the name, and the
            # acronym in brackets is its own (in another language)
            or (len(c.tokens) > 2 and c.tokens[0].key in data.organization_words and acronym.isupper())
            or _spells(fold(acronym).upper(), fold(text[c.start : c.end]))
        ):
            out.setdefault(fold(acronym).lower(), i)
    return out


def _spells(acronym: str, name: str) -> bool:
    """ "Autorité des services et marchés financiers (FSMA)": every letter of an acronym of three or more
    is the initial of one of the name's words (or a letter of an acronym inside it), in any order: the
    acronym of the name in another language."""
    if len(acronym) < 3 or not acronym.isalpha():
        return False
    pool: Counter[str] = Counter()
    for w in re.findall(r"[^\W\d_][\w'’-]*", name):
        pool.update(w if w.isupper() and len(w) > 1 else w[0].upper())
    return all(pool[ch] >= n for ch, n in Counter(acronym).items())


def _after_a_place_word(folded: str, start: int, data: _NameData) -> bool:
    """ "in Houston", "à Houston", "près de Lille": a place preposition right before `start`."""
    before = folded[max(0, start - 12) : start].lower().split()
    return bool(before) and (before[-1] in data.place_prepositions or " ".join(before[-2:]) in data.place_prepositions)


def _locative_only(candidates: list[_Candidate], folded: str, data: _NameData, headings: set[int]) -> frozenset[str]:
    """Single words written after "in", "à", "près de" (headlines aside): towns and regions the data lacks,
    even where the article names them again elsewhere ("in Kempshott" ... "Kempshott residents"); not
    the surname of a person named in full."""
    if not data.place_prepositions:
        return frozenset()
    after_place: set[str] = set()
    for c in candidates:
        if len(c.tokens) != 1 or c.tokens[0].initial or c.sentence in headings:
            continue
        if _after_a_place_word(folded, c.start, data):
            after_place.add(c.tokens[0].key)
    if not after_place:
        return frozenset()
    # a surname ("in Morales' view" after "Alfonso Morales") stays a surname, and a company named with
    # its legal form stays the company ("reproche à Google" after "Google LLC": French "à" is also dative)
    surnames = {c.tokens[-1].key for c in candidates if len(c.tokens) > 1 and c.tokens[0].key in data.given}
    companies = {c.tokens[0].key for c in candidates if len(c.tokens) > 1 and c.tokens[-1].key in data.designators}
    return frozenset(after_place - surnames - companies)


def _caption(line: str, data: _NameData) -> bool:
    """A short line of capitalised words only ("Getty Images", "Sign Up", "Wikimedia Commons"): a credit,
    a button or a caption, not a sentence; unless it starts with a given name (a byline)."""
    words = line.split()
    return (
        2 <= len(words) <= 4
        and all(w[0].isupper() for w in words if w[0].isalpha())
        and key(words[0]) not in data.given
    )


def _headline_person(c: _Candidate, data: _NameData, lower_words: set[str]) -> bool:
    """In a Title Case line, a given name and one or two words that are no common word (nor one the
    article writes in lower case), place or organisation word, standing alone between punctuation: a person ("Laura Chesters" over the story,
    "Susan B. Anthony, David B. Edmonston" in a caption); not "Joe Biden Visits"."""
    toks = c.tokens
    if not 2 <= len(toks) <= 3 or c.weak or c.headed or toks[0].key not in data.given:
        return False
    for t in toks[1:]:
        if _INITIAL.fullmatch(t.text):
            continue
        if (
            t.key in data.common_words
            or t.key in lower_words  # "Rocky Planet": a word the article writes in lower case
            or t.key in data.organization_words
            or t.key in data.designators
            or t.key in data.places
            or t.key in data.not_names
            or t.key in data.calendar
            or t.key in data.titles
            or (len(t.text) > 1 and t.text.isupper())
        ):
            return False
    return len(toks) == 2 or _INITIAL.fullmatch(toks[1].text) is not None or toks[1].key in data.given


_INITIAL = re.compile(r"[A-Z]\.?")


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6


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


_WORDS = re.compile(r"[a-z][a-z-]*+")
_AFTER_WORDS = re.compile(r"(?<![ ])(?:'s?)?[ ]++([a-z][\w'-]*+)(?:[ ]++([a-z][\w'-]*+))?")


def _cue_after(folded: str, end: int, data: _NameData) -> bool:
    m = _AFTER_WORDS.match(folded, end)
    if not m:
        return False
    one = m.group(1)
    return one in data.person_cues or (m.group(2) is not None and f"{one} {m.group(2)}" in data.person_cues)


_NEXT_WORD = re.compile(r"(?<![\s,])[\s,]*+([\w'’-]+)")


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


def medium_named(art: _Article, c: _Candidate) -> bool:
    """ "said on Twitter", "shared on their Twitter account", "via Zoom": a platform named as the medium
    of a message (one of the three words before it a medium marker), no organisation of the story."""
    data = art.data
    if len(c.tokens) != 1 or c.tokens[0].key not in data.platforms:
        return False
    before = art.folded[max(0, c.start - 40) : c.start].lower().split()[-3:]
    return any(w in data.medium_markers for w in before)
