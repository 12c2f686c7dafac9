"""The subject of a speech verb before a quote: the name right before it, or an organisation that reports
what a person did ("The BMA said that health secretary X had ..."); and the reported clause after the
verb, whose names are spoken of ("affirmant que la Deutsche Bahn ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import Lexicon
from ..text import fold_key as key
from .pairing import _WORD
from .words import _quote_words

if TYPE_CHECKING:
    from .attribution import _Mention


def _reported(folded: str, verb_end: int, name_start: int, lex: Lexicon) -> bool:
    """Does a reported clause open between the speech verb and the name ("affirmant que la Deutsche
    Bahn", "said that the IMF report")? Its names are what is spoken of."""
    comps = _quote_words(lex).complementizers
    for w in _WORD.findall(folded, verb_end, name_start)[:3]:
        if key(w) in comps or "'" in w and key(w[: w.index("'") + 1]) in comps:
            return True
    return False


def _right_before(verb: int, found: list[_Mention], people: list[_Mention], folded: str, lex: Lexicon) -> str | None:
    """The name right before the speech verb, its subject: a person ("Francis stood in the dock as the
    judge told him:"; not "Priya Raman, for Ms Okonjo, said": a name closing an apposition is no
    subject), else, with no person, an organisation ("Mis en place par Orbitel, le dispositif ...
    l'Autorité des marchés estime que « ... »": not the first one named), unless it ends a list, which speaks together from
    its first (quotes/joint.py)."""
    if people and (reporting := _reporting_subject(verb, found, people, folded, lex)):
        return reporting
    if people:
        subject = [m for m in people if m.end <= verb and folded[m.end : verb].isspace()]
        if not subject and (apposed := _before_an_apposition(verb, found, people, folded, lex)):
            return apposed
        return subject[-1].canonical if subject else None
    subject = [m for m in found if m.end <= verb and folded[m.end : verb].isspace()]
    if subject and not any(lex.quotes.listed_re.fullmatch(folded, m.end, subject[-1].start) for m in found):
        return subject[-1].canonical
    return None


def _reporting_subject(
    verb: int, found: list[_Mention], people: list[_Mention], folded: str, lex: Lexicon
) -> str | None:
    """ "The BMA said that health secretary Steve Barclay had left them “with no choice”": an organisation
    right before the speech verb, every person after it in the clause it reports, speaks."""
    said = _WORD.match(folded, verb)
    if said is None or people[0].start < said.end() or not _reported(folded, said.end(), people[0].start, lex):
        return None
    fillers = _quote_words(lex).fillers
    before = [m for m in found if m.end <= verb]
    if not before or before[-1].type == "person":
        return None
    gap = folded[before[-1].end : verb]
    return before[-1].canonical if all(key(w) in fillers for w in _WORD.findall(gap)) and "," not in gap else None


def _before_an_apposition(
    verb: int, found: list[_Mention], people: list[_Mention], folded: str, lex: Lexicon
) -> str | None:
    """ "avec Jennifer Zabasajja, Macky Sall, alors tête de liste pour la coalition X, avait ajouté":
    the last person before the verb, then an apposition between two commas that names no one else,
    is the verb's subject."""
    before = [m for m in people if m.end <= verb]
    if not before:
        return None
    last = before[-1]
    gap = folded[last.end : verb]
    later = [m for m in found if last.end <= m.start < verb]
    fillers = _quote_words(lex).fillers  # ", ..., avait ajouté": an auxiliary after the second comma
    if (
        gap.startswith(",")
        and gap.count(",") == 2
        and all(key(w) in fillers for w in _WORD.findall(gap[gap.rindex(",") :]))
        and not any(m.type == "person" for m in later)
        and "." not in gap
        and len(gap) < 160
    ):
        return last.canonical
    return None
