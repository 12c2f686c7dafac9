"""Joint statements: names of one kind listed together as the subject of a speech verb, or after an
attribution's marker, speak together."""

from __future__ import annotations

from ..lexicon import Lexicon
from ..text import fold_key as key
from .attribution import _NamesIn
from .pairing import _WORD


def _joint(folded: str, head: tuple[int, int], names_in: _NamesIn, lex: Lexicon, speaker: str) -> tuple[str, ...]:
    """ "la CGSP Cheminots, la CSC Transcom et le SLFP Cheminots dénoncent « ... »", "selon la SNCB,
    Infrabel et HR Rail, « ... »": names of one kind listed together as the subject of a speech verb,
    or after an attribution's marker, speak together; the others besides `speaker`."""
    start, end = head
    verbs = [m.start() for m in lex.quotes.speech_verb_re.finditer(folded, start, end)]
    for at in reversed(verbs):  # "déclarent regretter", "said in a joint statement": the verb after the list
        if others := _listed_before(folded, start, at, names_in, speaker, lex):
            return others
    for marker in lex.quotes.attribution_re.finditer(folded, start, end):
        listed = names_in(marker.end(), end)
        if not listed or any(
            key(w) not in lex.quotes.articles for w in _WORD.findall(folded, marker.end(), listed[0].start)
        ):
            continue
        last = 0
        while last + 1 < len(listed) and lex.quotes.list_gap_re.fullmatch(
            folded, listed[last].end, listed[last + 1].start
        ):
            last += 1
        if last and (others := _listed_before(folded, start, listed[last].end, names_in, speaker, lex)):
            return others
    return ()


def _listed_before(folded: str, start: int, at: int, names_in: _NamesIn, speaker: str, lex: Lexicon) -> tuple[str, ...]:
    """The names other than `speaker` of a list of names of one kind that ends right before `at`. The
    last two names of a list are joined by a joiner (`lex.quotes.list_joiner_re`); a comma alone sets a
    phrase apart."""
    listed = [m for m in names_in(start, at) if m.end <= at]
    if len(listed) < 2 or listed[-1].canonical != speaker and speaker not in {m.canonical for m in listed}:
        return ()
    kind = listed[-1].type
    group = [listed[-1]]
    for prev in reversed(listed[:-1]):
        between = folded[prev.end : group[0].start]
        if prev.type != kind or not lex.quotes.list_gap_re.fullmatch(between):
            break
        group.insert(0, prev)
    rest = folded[group[-1].end : at]
    if all(key(w) in _together(lex) for w in _WORD.findall(rest)) and not any(c in rest for c in ".;:!?"):
        rest = ""  # "Everson and Brawner both said", "X et Y ont tous deux affirmé"
    if (
        len(group) < 2
        or not lex.quotes.list_joiner_re.search(
            folded, group[-2].end, group[-1].start
        )  # "par Apple, l'Autorité estime"
        or not lex.quotes.list_gap_re.fullmatch(rest.replace(",", " ") + " ")
        and rest.strip() not in ("", ",")
    ):
        return ()
    names = list(dict.fromkeys(m.canonical for m in group))
    return tuple(n for n in names if n != speaker) if speaker in names else ()


def plural_attribution(folded: str, tail: tuple[int, int], lex: Lexicon) -> bool:
    """ "», s'étaient-ils défendus", "” they said": a plural pronoun as the subject of the speech verb
    right after the quote, the people named together before speak together."""
    start, end = tail
    words = _WORD.findall(folded, start, min(end, start + 60))[:4]
    verb = next((i for i, w in enumerate(words) if lex.quotes.speech_verb_re.fullmatch(w)), None)
    if verb is None or verb > 2:
        return False
    plural = _plural_pronouns(lex)
    return any(key(w) in plural or key(w).split("-")[-1] in plural for w in words[: verb + 1])


_PLURALS: dict[str, tuple[Lexicon, frozenset[str]]] = {}


def _plural_pronouns(lex: Lexicon) -> frozenset[str]:
    """The language's plural pronouns as keys, once per language (each quote asks)."""
    cached = _PLURALS.get(lex.code)
    if cached is None or cached[0] is not lex:
        cached = _PLURALS[lex.code] = (lex, frozenset(key(w) for w in lex.raw["quotes"]["plural_pronouns"]))
    return cached[1]


_TOGETHER: dict[str, tuple[Lexicon, frozenset[str]]] = {}


def _together(lex: Lexicon) -> frozenset[str]:
    """The words that may stand between a list of speakers and their verb: the language's auxiliaries and
    adverbs (subject_verb_fillers) and its words of joint speech (joint_words: "both", "tous"), as keys."""
    cached = _TOGETHER.get(lex.code)
    if cached is None or cached[0] is not lex:
        quotes = lex.raw["quotes"]
        words = [*quotes.get("subject_verb_fillers", []), *quotes.get("joint_words", [])]
        cached = _TOGETHER[lex.code] = (lex, frozenset(key(x) for w in words for x in w.split()))
    return cached[1]
