"""Word tables the quote rules derive from a language's data file, built once per language and
read by every rule (every record of an import asks): roles, briefs, subjects, articles, fillers."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..lexicon import Lexicon
from ..text import fold_key as key


class _QuoteWords(NamedTuple):
    """Word tables the attribution rules derive from a language's data, built once per language
    (every record of an import asks)."""

    titles: dict[str, str]  # a title that stands for a role: "justice" -> "judge"
    briefs: tuple[str, ...]  # the words that open a minister's brief, longest first
    subject_nouns: frozenset[str]  # the nouns of the organisation subjects: "the board" -> "board"
    subject_names: dict[str, set[str]]  # "instance" -> the words of the names it stands for
    brief_starts: tuple[str, ...]  # the briefs' words as a brief starts: "de l'", "of "
    own_name_gap: re.Pattern[str]  # "du Cartel syndical, ": a role's complement before the name it gives
    apposed: re.Pattern[str]  # ", the chief executive", ", directeur du festival": a role after a name
    fillers: frozenset[str]  # auxiliaries and adverbs between a subject and its verb ("has", "then")
    complementizers: frozenset[str]  # "que", "that": a reported clause opens
    definites: frozenset[str]  # "le", "the"
    indefinites: frozenset[str]  # "un", "a"
    relatives: frozenset[str]  # "qui", "who": a relative clause between a subject and its verb
    clause_markers: frozenset[str]  # "pour": a source's marker only where it opens a clause
    modifiers: frozenset[str]  # "haut", "acting": a word before a role ("le haut responsable")


_QUOTE_WORDS: dict[str, tuple[Lexicon, _QuoteWords]] = {}


def _quote_words(lex: Lexicon) -> _QuoteWords:
    cached = _QUOTE_WORDS.get(lex.code)
    if cached is None or cached[0] is not lex:
        quotes = lex.raw["quotes"]
        briefs = tuple(sorted((key(p) for p in lex.raw["names"]["portfolio_prepositions"]), key=len, reverse=True))
        words = _QuoteWords(
            titles={key(t): key(r) for t, r in quotes["roles_of_titles"].items()},
            briefs=briefs,
            subject_nouns=frozenset(key(re.split(r"[\s']", w.strip())[-1]) for w in quotes["organization_subjects"]),
            subject_names={key(n): {key(w) for w in ws} for n, ws in quotes["subject_names"].items()},
            brief_starts=tuple(b if b.endswith("'") else b + " " for b in briefs),
            own_name_gap=re.compile(
                rf"(?:[ \u00a0]++(?:{'|'.join(map(re.escape, briefs))})(?:(?<=')|(?![\w']))[^,.;:!?«»\"“”\n]{{0,40}})?+,?[ \u00a0]*+"
            ),
            apposed=_apposed_re(quotes["definite_articles"]),
            fillers=frozenset(key(w) for w in quotes.get("subject_verb_fillers", [])),
            complementizers=frozenset(key(w) for w in quotes["complementizers"]),
            definites=frozenset(key(w) for w in quotes["definite_articles"]),
            indefinites=frozenset(key(w) for w in quotes["indefinite_articles"]),
            relatives=frozenset(key(w) for w in quotes.get("relative_pronouns", [])),
            clause_markers=frozenset(key(w) for w in quotes.get("clause_attribution", [])),
            modifiers=frozenset(key(w) for w in lex.raw["names"].get("title_modifiers", [])),
        )
        cached = _QUOTE_WORDS[lex.code] = (lex, words)
    return cached[1]


def _apposed_re(articles: list[str]) -> re.Pattern[str]:
    """A comma after a name, then one or two words, after the language's definite article if any."""
    article = "|".join(map(re.escape, sorted((key(a) for a in articles), key=len, reverse=True))) or "(?!)"
    return re.compile(
        rf"(?<![ \t\u00a0\u202f])[ \t\u00a0\u202f]*+,[ \t\u00a0\u202f]*+(?:(?:{article})[ \u00a0']*)?([\w'-]+)(?:[ \u00a0]+([\w'-]+))?"
    )
