"""People and organisations, under their canonical full names.

No statistical model: capitalised words are grouped into names, cleaned (elided articles, titles,
sentence-initial function words), then classified with the language data and what the article
itself says:
- a surname alone ("Leike") is the person named in full elsewhere in the article ("Jan Leike");
- a given name from the data, a person cue ("le PDG", "CEO") or a title makes a person;
- an organisation word ("Services", "Banque"), an alias ("Nations unies"), an acronym or a camel-cased
  brand makes an organisation; an unknown single capitalised word mid-sentence is an organisation;
- places, nationalities, months, acronyms of common nouns and words the article sets in quote marks
  as terms are not names; a capitalised word that only ever opens a sentence is not a name unless the
  gazetteer (entities known to the source library) knows it.
Each distinct surface form becomes one claim at its first mention, with every mention listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
import tomllib

from .lexicon import DATA_DIR, Lexicon, key
from .text import Sentence, fold, fold_key, is_heading

# A word as written: letters, digits, inner apostrophes, hyphens and dots of initials.
_TOKEN_RE = re.compile(r"[^\W_](?:[\w]|['’\-.](?=[^\W_]))*\.?", re.UNICODE)
Gazetteer = dict[str, tuple[str, str]]  # fold_key(name) -> (type, canonical)


@dataclass(frozen=True)
class NameFound:
    type: str  # person | organization
    canonical: str
    surface: str
    start: int
    end: int
    mentions: tuple[tuple[int, int], ...]


@dataclass
class _Token:
    text: str
    start: int
    end: int
    initial: bool  # first word of its sentence
    sentence: int


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    with open(DATA_DIR / "common.toml", "rb") as fh:
        data = tomllib.load(fh)
    return frozenset(key(n) for n in data["names"]["first_names"])


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or (len(word) > 1 and word[0].islower() and any(c.isupper() for c in word[1:]))


def _tokens(text: str, sentences: list[Sentence], lex: Lexicon) -> list[_Token]:
    elisions = {key(e) for e in lex.raw["names"].get("elisions", [])}
    possessives = [p for p in lex.raw["names"].get("possessives", [])]
    tokens: list[_Token] = []
    for s_index, s in enumerate(sentences):
        first = True
        for m in _TOKEN_RE.finditer(text, s.start, s.end):
            word, start = m.group(), m.start()
            plain = fold(word)
            if "'" in plain:
                head, _, rest = plain.partition("'")
                if head.lower() in elisions and rest and (head.islower() or first or not rest[:1].isupper()
                                                          or not (tokens and tokens[-1].end >= start - 1 and _is_capitalised(tokens[-1].text))):
                    cut = len(head) + 1
                    word, start = word[cut:], start + cut
                    plain = plain[cut:]
            for p in possessives:
                if plain.endswith(p) and len(plain) > len(p) + 1:
                    word = word[: -len(p)]
                    break
            word = word.rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.)+", fold(word)) else word
            if not word:
                continue
            tokens.append(_Token(word, start, start + len(word), first, s_index))
            first = False
    return tokens


def _groups(tokens: list[_Token], text: str, lex: Lexicon) -> list[list[_Token]]:
    """Runs of capitalised tokens, joined across connectors ("Banque de France") but not punctuation."""
    connectors = {key(c) for c in lex.raw["names"].get("connectors", [])}
    given = first_names()
    groups: list[list[_Token]] = []
    current: list[_Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        joined = bool(current) and tok.sentence == current[-1].sentence and _adjacent(text, current[-1], tok)
        if _is_capitalised(tok.text):
            # A given name after a complete name starts a new one: "d'OpenAI Jan Leike".
            if joined and key(tok.text) in given and key(current[-1].text) not in given:
                joined = False
            if not joined and current:
                groups.append(current)
                current = []
            current.append(tok)
        elif current and key(tok.text) in connectors and joined and i + 1 < len(tokens) \
                and _is_capitalised(tokens[i + 1].text) and _adjacent(text, tok, tokens[i + 1]):
            current.append(tok)
        else:
            if current:
                groups.append(current)
            current = []
        i += 1
    if current:
        groups.append(current)
    return groups


def _adjacent(text: str, a: _Token, b: _Token) -> bool:
    gap = text[a.end:b.start]
    return len(gap) <= 3 and gap.strip(" \u00a0\u202f'’") == ""


def find_names(text: str, sentences: list[Sentence], lex: Lexicon, *,
               quoted_terms: frozenset[str] = frozenset(), gazetteer: Gazetteer | None = None) -> list[NameFound]:
    gazetteer = gazetteer or {}
    given = first_names()
    tokens = _tokens(text, sentences, lex)
    headings = {i for i, s in enumerate(sentences) if is_heading(s, text)}
    title_case = {i for i in headings if _title_case(sentences[i].text)}
    raw_groups = [_clean(g, lex) for g in _groups(tokens, text, lex)]
    raw_groups = [part for g in raw_groups if g for part in _split_known_prefix(g, text, lex, gazetteer)]
    org_heads = lex.org_head_re
    headed: set[int] = set()
    for i, g in enumerate(raw_groups):
        m = org_heads.search(fold(text[max(0, g[0].start - 40):g[0].start]))
        if m:  # "le ministère de l'Industrie": the lower-case head belongs to the name
            start = g[0].start - (len(fold(text[max(0, g[0].start - 40):g[0].start])) - m.start())
            raw_groups[i] = [_Token(text[start:g[0].start].strip(), start, g[0].start, False, g[0].sentence)] + g
            headed.add(i)

    # Words seen capitalised away from the start of a sentence or heading count as known names.
    known_single = {key(g[0].text) for g in raw_groups if len(g) == 1 and not g[0].initial and g[0].sentence not in headings}
    persons_full: list[tuple[int, str, str]] = []  # (start, surname key, canonical)

    candidates: list[tuple[list[_Token], str, str]] = []  # tokens, type, canonical
    for index, group in enumerate(raw_groups):
        surface = text[group[0].start:group[-1].end]
        k = fold_key(surface)
        if group[0].sentence in title_case and k not in known_single and k not in gazetteer:
            continue
        if index in headed:
            candidates.append((group, "organization", fold_apostrophes(" ".join(surface.split()))))
            continue
        classified = _classify(group, surface, text, lex, given, quoted_terms, gazetteer, known_single)
        if classified is None:
            continue
        kind, canonical = classified
        if kind == "person" and len(group) > 1:
            persons_full.append((group[0].start, key(group[-1].text), canonical))
        candidates.append((group, kind, canonical))

    # Surnames alone take the full name of the person: "Leike" -> "Jan Leike".
    by_surname: dict[str, str] = {}
    for _start, surname, canonical in sorted(persons_full):
        by_surname.setdefault(surname, canonical)
    resolved: list[tuple[list[_Token], str, str]] = []
    for group, kind, canonical in candidates:
        if len(group) == 1 and key(group[0].text) in by_surname:
            kind, canonical = "person", by_surname[key(group[0].text)]
        elif len(group) == 1 and kind == "unknown":
            continue
        resolved.append((group, kind, canonical))

    # One claim per distinct surface form, at its first mention.
    by_form: dict[tuple[str, str], NameFound] = {}
    for group, kind, canonical in resolved:
        surface = text[group[0].start:group[-1].end]
        form = (kind, fold_key(surface))
        span = (group[0].start, group[-1].end)
        if form in by_form:
            prev = by_form[form]
            by_form[form] = NameFound(prev.type, prev.canonical, prev.surface, prev.start, prev.end, prev.mentions + (span,))
        else:
            by_form[form] = NameFound(kind, canonical, surface, span[0], span[1], (span,))
    return sorted(by_form.values(), key=lambda n: n.start)


def _split_known_prefix(group: list[_Token], text: str, lex: Lexicon, gazetteer: Gazetteer) -> list[list[_Token]]:
    """"United Nations Universal Declaration" -> "United Nations" + the rest, when the start is known."""
    for cut in range(len(group) - 1, 1, -1):
        head = fold_key(text[group[0].start:group[cut - 1].end])
        if head in lex.aliases or head in gazetteer:
            rest = _clean(group[cut:], lex)
            return [group[:cut]] + ([rest] if rest else [])
    return [group]


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _clean(group: list[_Token], lex: Lexicon) -> list[_Token]:
    """Drop sentence-initial function words, titles, and trailing connectors."""
    out = list(group)
    connectors = {key(c) for c in lex.raw["names"].get("connectors", [])}
    while out and (key(out[0].text) in lex.function_words and out[0].initial or key(out[0].text) in lex.titles
                   or key(out[0].text) in connectors):
        dropped = out.pop(0)
        if out and dropped.initial:
            out[0] = _Token(out[0].text, out[0].start, out[0].end, False, out[0].sentence)
    while out and key(out[-1].text) in connectors:
        out.pop()
    return out


def _classify(group, surface, text, lex: Lexicon, given, quoted_terms, gazetteer, known_single):
    k = fold_key(surface)
    words = [t.text for t in group]
    first_key = key(words[0])
    if k in lex.aliases:
        return "organization", lex.aliases[k]
    if k in quoted_terms and len(words) == 1:
        return None
    if k in gazetteer:
        return gazetteer[k]
    if k in lex.places or k in {key(w) for w in lex.raw["names"].get("not_names", [])}:
        return None
    if any(key(w) in lex.non_entity_heads for w in words):
        return None
    if any(key(w) in lex.months or key(w) in lex.weekdays for w in words) and len(words) == 1:
        return None
    canonical = " ".join(fold_apostrophes(w) for w in _surface_words(surface))
    if len(words) == 1:
        word = words[0]
        if (word in lex.common_acronyms or fold(word) in lex.common_acronyms or first_key in lex.function_words
                or k in quoted_terms or len(fold(word)) < 2 or key(word) in lex.person_cues):
            return None
        branded = any(c.isupper() for c in word[1:])  # "OpenAI", "NASA": never an ordinary word
        if group[0].initial and k not in known_single and not branded and not _before_verb(text, group[0].end, lex):
            return "unknown", canonical  # kept only if it turns out to be a known surname
        if _after_person_cue(text, group[0].start, lex):
            return "person", canonical
        return "organization", canonical
    if any(key(w) in lex.organization_words for w in words[1:]) or key(words[0]) in lex.organization_words:
        return "organization", canonical
    if first_key in given or _after_person_cue(text, group[0].start, lex):
        return "person", canonical
    if all(w.isupper() for w in words):
        return "organization", canonical
    if any(any(c.isupper() for c in w[1:]) and not w.isupper() for w in words):
        return "organization", canonical  # camel-cased brand: "OpenAI Labs"
    return "person", canonical


def _surface_words(surface: str) -> list[str]:
    return surface.split()


def fold_apostrophes(word: str) -> str:
    return word.replace("’", "'").replace("‘", "'").replace("ʼ", "'")


_NEXT_WORD = re.compile(r"[\s,]*([\w'’-]+)")


def _before_verb(text: str, end: int, lex: Lexicon) -> bool:
    """A sentence-initial word followed by a verb ("Amazon a finalisé", "Leike said") is a subject."""
    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    word = key(m.group(1))
    return (word in lex.subject_verbs or lex.speech_verb_re.fullmatch(fold(m.group(1))) is not None
            or any(word.endswith(e) and len(word) > len(e) + 2 for e in lex.raw["names"].get("subject_verb_endings", [])))


_CUE_WINDOW = re.compile(r"([\w.'’-]+)[\s,]*$")


def _after_person_cue(text: str, start: int, lex: Lexicon) -> bool:
    window = text[max(0, start - 40):start]
    m = _CUE_WINDOW.search(window)
    if not m:
        return False
    return key(m.group(1)) in lex.person_cues
