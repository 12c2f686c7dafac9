"""Who an attribution's marker names ("selon X", "according to X", "pour X,"), and the marker that
opens a clause of its own rather than a source ("pour y faire face, elle ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import Lexicon
from ..text import fold_key as key
from .pairing import _WORD
from .words import _quote_words

if TYPE_CHECKING:
    from .attribution import _NamesIn, _SpeakerAt


def _source_after_marker(
    folded: str,
    at: int,
    end: int,
    names_in: _NamesIn,
    lex: Lexicon,
    pronouns: frozenset[str],
    pronoun_target: _SpeakerAt,
) -> str | None:
    """Who an attribution's marker names: a pronoun right after it points back ("selon lui", "according
    to him"); else the first person named after it, or the first name ("Pour le Rassemblement national,
    Thierry Vasseur juge ...": the person speaks)."""
    first = _WORD.search(folded, at, end)
    if first and key(first.group()) in pronouns and not folded[at : first.start()].strip():
        return pronoun_target(at)
    found = names_in(at, min(end, at + 80), speakers_only=False)
    if first and found and _opens_clause(first.group(), lex):
        # "Pour y faire face, elle veut ... la RATP": a purpose, then its subject, not a source
        if any(key(w) in pronouns for w in _WORD.findall(folded, first.end(), found[0].start)):
            return pronoun_target(at)
    return next((f for f in found if f.type == "person"), found[0]).canonical if found else None


def _opens_clause(word: str, lex: Lexicon) -> bool:
    """Does the word right after an attribution's marker open a clause of its own rather than name a
    source ("pour y faire face", "pour financer")? A source opens on a capital, an article or a role."""
    w = key(word)
    head = w[: w.index("'") + 1] if "'" in w else w
    return word[:1].islower() and not (
        w in lex.quotes.articles
        or head in lex.quotes.articles
        or w in lex.names.person_cues
        or w in _quote_words(lex).indefinites
    )
