"""`find_names`: the stages in their order, over one article."""

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..lexicon import Lexicon
from ..text import Sentence, fold, is_heading
from .article import (
    _LONGEST_NAME,
    _acronym_definitions,
    _Article,
    _caption,
    _extend_organisation,
    _headline_person,
    _inside,
    _locative_only,
    _shouted,
    _split_known_prefix,
    _title_case,
)
from .classify import _classify
from .data import (
    NOT_A_NAME,
    ORGANIZATION,
    PERSON,
    UNKNOWN,
    Gazetteer,
    NameFound,
    Strength,
    _Candidate,
    _NameData,
    _Token,
    name_data,
)
from .joins import _join_organisations
from .knowledge import _knowledge
from .resolve import _claims, _find_in_headlines, _lowercase_bodies, _resolve
from .runs import _gap, _runs, _split_titles
from .spelled import spelled_out
from .tokens import _tokens

_AUTHORS_GAP = re.compile(r"\s*+(?:,|&|\bet\b|\band\b)\s*+")


class _LibraryNames(Mapping[str, tuple[str, str]]):
    """The library's names less its lone common words: a record's stray "Health" or "Council" must not
    make the word a known name in every article ("Sinn Féin Health spokesperson")."""

    def __init__(self, known: Gazetteer, common: frozenset[str]):
        self.known, self.common = known, common

    def _hidden(self, key: str) -> bool:
        return " " not in key and key in self.common

    def __getitem__(self, key: str) -> tuple[str, str]:
        if self._hidden(key):
            raise KeyError(key)
        return self.known[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and not self._hidden(key) and key in self.known

    def __iter__(self) -> Iterator[str]:
        return (k for k in self.known if not self._hidden(k))

    def __len__(self) -> int:
        return sum(1 for _ in self)


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
        _LibraryNames(gazetteer, data.common_words) if gazetteer else {},
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

    candidates = _candidates(tokens, folded, data, art, skip_spans)
    _mark_authors(candidates, bylines, folded, data)
    # A run longer than any name is shouting or a headline in capitals, not a name; so are two words or
    # more in capitals that no one knows ("REPUBLICANS MUST FINALLY GET TOUGH", "EIGHT LEAGUE OF Ireland"),
    # and a word in capitals longer than an acronym ("WALLONIE").
    candidates = [c for c in candidates if len(c.tokens) <= _LONGEST_NAME and not _shouted(c, data, art.gazetteer)]
    for c in candidates:
        _extend_organisation(c, folded, sentences, data)
    spelled_out(candidates, folded, art.sentence_starts, data)
    extended = sorted((c.start, c.end) for c in candidates if c.headed)
    if extended:  # "Confédération" inside "Ministère public de la Confédération" is no name of its own
        candidates = [c for c in candidates if c.headed or not _inside(extended, c.start, c.end)]
    _learn_the_article(candidates, art, text, headings)
    _after_their_brief(candidates, art.portfolios, data, folded)
    rejected_words = _classify_all(candidates, art, title_case)
    _designators_keep_their_stop(candidates, text, data)
    _lowercase_bodies(candidates, art)
    _resolve(candidates, data, rejected_words, folded)
    _find_in_headlines(candidates, text, folded, sentences, title_case)
    return _claims(candidates, text)


def _candidates(
    tokens: list[_Token], folded: str, data: _NameData, art: _Article, skip_spans: tuple[tuple[int, int], ...]
) -> list[_Candidate]:
    """Stages 1 and 2: the runs of capitalised tokens, joined and split at titles and known prefixes."""
    candidates: list[_Candidate] = []
    never = data.never_alone
    for run in _join_organisations(_runs(tokens, folded, data), folded, data):
        if (
            len(run) == 1
            and run[0].key in never
            and run[0].key not in art.gazetteer
            and not (run[0].key in data.alias_prefixes and _ALIAS_GOES_ON.match(folded, run[0].end))
        ):
            continue  # "Le", "The", "Selon", "IA", "Mardi" alone: never a name, no need to weigh it
        for cand in _split_titles(run, folded, data):
            candidates.extend(_split_known_prefix(_document_of(cand, folded, data), data, art.gazetteer))
    if skip_spans:
        candidates = [_out_of(skip_spans, c, data) for c in candidates if not _inside(skip_spans, c.start, c.end)]
    return _with_nicknames(candidates, folded, data)


def _document_of(c: _Candidate, folded: str, data: _NameData) -> _Candidate:
    """ "the Minutes of the Finance Committee", "Report of the Auditor General's Office": a document's
    head, a connector and an organisation's name: the organisation is the name."""
    toks = c.tokens
    if (
        len(toks) > 2
        and toks[0].key in data.non_entity_heads
        and _gap(folded, toks[0], toks[1])
        and toks[-1].key in data.organization_words
    ):
        c.tokens, c.start = toks[1:], toks[1].start
    return c


# A lower-case word after a capitalised one: "État islamique" may be a known name that goes on so.
_ALIAS_GOES_ON = re.compile(r"[ \u00a0][a-zà-ÿ]")


def _out_of(spans: tuple[tuple[int, int], ...], c: _Candidate, data: _NameData) -> _Candidate:
    """ "On Friday NASA said": the words of a run that a date (or an amount) holds are not the name of
    an organisation after it (an acronym, an organisation's word); before a surname they may be a
    given name ("Sunday Okafor"), left to the rules after."""
    i = bisect_right(spans, (c.start, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= c.start < spans[i][1] < c.end:
        rest = [t for t in c.tokens if t.start >= spans[i][1]]
        dated = [t for t in c.tokens if t.start < spans[i][1]]
        if rest and (
            rest[0].text.isupper()
            or any(t.key in data.organization_words for t in rest)
            or any(ch.isdigit() for t in dated for ch in t.text)  # "this FY2024 GovGuam budget"
        ):
            c.tokens, c.start = rest, rest[0].start
    j = bisect_right(spans, (c.start, float("inf")))
    if j < len(spans) and c.start < spans[j][0] < c.end:  # "Published Tue, Sep 10": the date ends the name
        before = [t for t in c.tokens if t.end <= spans[j][0]]
        if before:
            c.tokens, c.end = before, before[-1].end
    return c


# A nickname in quote marks between a given name and a surname: 'Philip “Brave” Darrow'.
_NICKNAME_GAP = re.compile(r"\s+[“\"‘'][A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?[”\"’']\s+")


def _with_nicknames(candidates: list[_Candidate], folded: str, data: _NameData) -> list[_Candidate]:
    """ "Philip “Brave” Darrow", "Aubrey ‘Shanghai’ Mills": a given name, a nickname in quote marks, a
    surname, as one person (the canonical name leaves the nickname out: forms._canonical)."""
    out: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: c.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.tokens) <= 2
            and not any(t.key in data.organization_words or t.key in data.common_words for t in prev.tokens)
            and len(c.tokens) == 1
            and _NICKNAME_GAP.fullmatch(folded, prev.end, c.start)
        ):
            out[-1] = _Candidate(prev.tokens + c.tokens, prev.start, c.end, prev.sentence, person_cue=True)
            continue
        out.append(c)
    return out


def _mark_authors(candidates: list[_Candidate], bylines: dict[int, int], folded: str, data: _NameData) -> None:
    """In a byline, the authors are people ("Par A, B et C": each of them); what follows them is a
    publisher or a job ("Local Democracy Reporter"), weak."""
    authors_end: dict[int, int] = {}  # sentence -> end of its last author so far
    for c in candidates:
        if c.sentence not in bylines:
            continue
        listed = (
            c.sentence in authors_end
            and _AUTHORS_GAP.fullmatch(folded, authors_end[c.sentence], c.start)
            and len(c.tokens) >= 2  # a name, not "Local Democracy Reporter" nor "Ouest-France"
            and not any(t.key in data.common_words or t.key in data.organization_words for t in c.tokens)
        )
        if bylines[c.sentence] == c.start or listed:
            c.person_cue = True
            authors_end[c.sentence] = c.end
        else:
            c.weak = True


def _after_their_brief(
    candidates: list[_Candidate], portfolios: list[tuple[int, int]], data: _NameData, folded: str
) -> None:
    """ "Minister of Health and Welfare Chiu Tai-yuan": the words of a run that end a minister's brief
    are the brief's; the name starts after them (not at a given name: "la ministre du Logement,
    Hélène Marchetti" is hers; nor in an organisation's name: "Commissioner of the National Commission
    for Social Action")."""
    if not portfolios:
        return
    ends = [b for _, b in portfolios]
    for c in candidates:
        i = bisect_right(portfolios, (c.start, float("inf"))) - 1
        if i < 0 or not (portfolios[i][0] <= c.start < ends[i] < c.end) or c.headed or c.tokens[0].key in data.given:
            continue
        if folded[max(0, c.start - 2) : c.start].strip() == ",":  # "The Minister of Finance, Sili Epa Tuioti"
            continue
        rest = [t for t in c.tokens if t.start >= ends[i]]
        if any(t.key in data.organization_words for t in c.tokens):
            continue
        if rest and rest[0].start > c.start:
            c.tokens, c.start = rest, rest[0].start


def _learn_the_article(candidates: list[_Candidate], art: _Article, text: str, headings: set[int]) -> None:
    """What the candidates tell of the article before any is classified: acronyms defined, the town it
    is about, the single words and words it names outside headings, places, ministers' briefs."""
    data, folded = art.data, art.folded
    art.acronyms = _acronym_definitions(candidates, text, data)
    if data.local_bodies:
        # not a town that is someone's surname here ("Ald. Ashanti Hamilton", then "Hamilton")
        surnames = {t.key for c in candidates for p, t in zip(c.tokens, c.tokens[1:]) if p.key in data.given}
        towns = [
            t.text
            for c in candidates
            for t in c.tokens
            if t.key in data.towns and t.key not in data.given and t.key not in surnames
        ]
        if towns and (top := Counter(towns).most_common(1)[0])[1] >= 2:
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


def _classify_all(candidates: list[_Candidate], art: _Article, title_case: set[int]) -> set[str]:
    """Stage 3: each candidate classified (a Title Case headline's only as a person or nothing);
    the words of the longer runs found to be no name, which their short forms then are not either."""
    data, text, folded = art.data, art.text, art.folded
    rejected_words: set[str] = set()
    for c in candidates:
        if c.sentence in title_case and " ".join(t.key for t in c.tokens) not in data.aliases:
            if _headline_person(c, data, art.lower_words):  # "Laura Chesters", a byline or a caption's names
                c.kind, c.canonical, c.strength = PERSON, " ".join(text[c.start : c.end].split()), Strength.WEAK
                c.form = " ".join(folded[c.start : c.end].casefold().split())
            continue  # (a name the language data knows is read as anywhere: "(Avec AFP)")
        _classify(c, art)
        if c.kind == NOT_A_NAME and c.strength < Strength.NONE and (len(c.tokens) > 1 or c.strength == Strength.NEVER):
            rejected_words.update(t.key for t in c.tokens if t.key not in data.given)
    return rejected_words


@lru_cache(maxsize=8)
def _legal_form_starts(forms: tuple[str, ...]) -> tuple[frozenset[str], re.Pattern[str]]:
    """The words a name may end with that open a legal form ("Pvt", "Co"), and the forms' first words
    after a space: what makes one worth looking for after a name (most names have none)."""
    heads = frozenset(f.split(" ")[0].rstrip(".,") for f in forms if " " in f)
    return heads, re.compile("|".join(re.escape(f.split(" ")[0]) for f in forms) or "(?!)")


def _legal_form_after(text: str, start: int, end: int, data: _NameData) -> str:
    """What of a legal form of `data.legal_form_tails` follows the name at [start, end): the form
    whole after a space ("inc."), or its end when the name ends with its first words ("Pvt" + ". Ltd.")."""
    heads, first = _legal_form_starts(data.legal_form_tails)
    if text[start:end].rsplit(" ", 1)[-1] not in heads and not (
        text.startswith(" ", end) and first.match(text, end + 1)
    ):
        return ""
    name = text[start:end]
    for form in data.legal_form_tails:
        words = form.split(" ")
        for k in range(len(words) - 1, -1, -1):  # the most of the form the name already ends with
            head = " ".join(words[:k]).rstrip(".,")  # a name's run stops before its stop: "Pvt"
            if k and not (name.endswith(head) and (len(name) == len(head) or name[-len(head) - 1] == " ")):
                continue
            rest = form[len(head) :] if k else " " + form
            after = end + len(rest)
            if text.startswith(rest, end) and (after >= len(text) or not text[after].isalnum()):
                return rest
    return ""


def _designators_keep_their_stop(candidates: list[_Candidate], text: str, data: _NameData) -> None:
    """ "Shaw Communications Inc.": an abbreviated designator keeps its stop ("Eiendomsspar AS." ends
    its sentence); a legal form the capitals do not carry is written on ("Kaveri Aquatech Projects
    Pvt. Ltd.", "Khanyisa Rail Logistics (Pty) Ltd", "Construction Laurentis inc.")."""
    for c in candidates:
        if (
            (c.kind == ORGANIZATION or (c.kind in (UNKNOWN, NOT_A_NAME, PERSON) and c.strength <= Strength.WEAK))
            and c.tokens
            and (rest := _legal_form_after(text, c.start, c.end, data))
        ):
            if c.kind != ORGANIZATION:  # "Tesco plc": its legal form says what it is
                c.kind, c.strength = ORGANIZATION, Strength.LEXICAL
                c.canonical = " ".join(text[c.start : c.end].split())
            if c.canonical and c.canonical.endswith(text[c.start : c.end].rsplit(" ", 1)[-1]):
                c.canonical += rest
            c.end += len(rest)
            continue
        if (
            c.kind == ORGANIZATION
            and c.tokens
            and c.end == c.tokens[-1].end
            and text.startswith(".", c.end)
            and c.tokens[-1].key in data.designators
            and len(c.tokens[-1].key) <= 4
            and not c.tokens[-1].text.isupper()
            and len(c.tokens) > 1
        ):
            c.end += 1
            if c.canonical and not c.canonical.endswith("."):
                c.canonical += "."
