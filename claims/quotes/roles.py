"""Roles that stand for a person named with them: "la préfète Élodie Marchal ... La préfète a écarté
cette demande", "Judge Ruth Okafor ... The judge also told him"."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from ..lexicon import Lexicon
from ..text import fold_key as key
from .attribution import _Mention
from .pairing import _WORD
from .words import _quote_words

_ROLE_BEFORE = re.compile(r"(?<![\w'-])([\w'-]+)(?:\s+([\w'-]+))?[\s,]*$")
_CLAUSE_MARK = re.compile(r"[.;:!?()«»\"“”]")
# "le |la |l'|the " in any case, not inside a word; the first letter comes before the look-behind so
# that the engine skips to those letters (no other character matches them in any case).
_ROLE_AFTER = re.compile(
    r"[lLtT](?<![\w'].)(?:(?<=[lL])(?:[eE] |[aA] |')|(?<=[tT])[hH][eE] )([\w'-]+)(?:\s+([\w'-]+))?"
)


def _role_mentions(folded: str, mentions: list[_Mention], lex: Lexicon) -> list[_Mention]:
    """Later mentions of a person by the role written before their name ("la préfète Élodie Marchal",
    then "la préfète"), as mentions of that person."""
    # The words after each article ("the judge", "la préfète"), two then one, as the roles they may be.
    after: list[tuple[int, list[tuple[str, int]]]] = []
    for r in _ROLE_AFTER.finditer(folded):
        two = [(key(f"{r.group(1)} {r.group(2)}"), r.end())] if r.group(2) else []
        after.append((r.start(), two + [(key(r.group(1)), r.end(1))]))
    # Every role is a person cue: with none after an article, no mention is by a role, whoever is named.
    if not any(role in lex.names.person_cues for _, forms in after for role, _ in forms):
        return []
    roles = _roles_named(folded, mentions, lex)
    out = []
    named = sorted(m.start for m in mentions if m.type == "person")
    for start, forms in after:
        for role, end in forms:
            person = roles.get(role)
            if person is not None and start > person[1] and not _names_its_own(folded, end, named, lex):
                out.append(_Mention(start, end, person[0], "person"))
                break
    return out


def _roles_named(folded: str, mentions: list[_Mention], lex: Lexicon) -> dict[str, tuple[str, int]]:
    """Each role written with a person's name, before it or in apposition: role -> (the person, the
    end of the mention that names it)."""
    roles: dict[str, tuple[str, int]] = {}
    table = _quote_words(lex)
    titles = table.titles
    brief_starts = table.brief_starts

    def role_of(words: list[str]) -> str | None:
        while words and key(words[-1]) in lex.quotes.forms_of_address:
            words = words[:-1]  # "Minister Dr Juma Al Ka'abi": the role before the form of address
        for n in (2, 1):  # "directrice générale", then "préfète"
            role = key(" ".join(words[-n:])) if len(words) >= n else ""
            role = titles.get(role, role)  # "Justice Stephen Kaye" is then "the judge"
            if role in lex.names.person_cues and role not in lex.quotes.forms_of_address:
                return role
        return None

    for m in mentions:
        if m.type != "person":
            continue
        before = _ROLE_BEFORE.search(folded, max(0, m.start - 40), m.start)
        role = role_of([w for w in before.groups() if w]) if before else None
        if role is None:  # "la ministre de l'Énergie, Tinne Van der Straeten": the role, then its brief
            found = list(_WORD.finditer(folded, max(0, m.start - 70), m.start))
            words = [w.group() for w in found]
            for j in range(len(words) - 2, max(0, len(words) - 7), -1):
                rest = key(" ".join(words[j:]))
                if _CLAUSE_MARK.search(folded, found[j].start(), m.start):
                    break
                if rest.startswith(brief_starts) and (role := role_of(words[:j])):
                    break
        if role is None:  # "Sarah Cole, the chief executive, said": the role in apposition after the name
            role = _apposed_role(folded, m.end, role_of, _quote_words(lex).apposed)
        if role is not None:
            roles[role] = (m.canonical, m.end)
    return roles


def _names_its_own(folded: str, end: int, named: list[int], lex: Lexicon) -> bool:
    """ "le président du Cartel syndical, Marc Simeth": the role introduces a person named right after it,
    not the one it stood for earlier."""
    i = bisect_left(named, end)
    return i < len(named) and _quote_words(lex).own_name_gap.fullmatch(folded, end, named[i]) is not None


def _apposed_role(
    folded: str, end: int, role_of: Callable[[list[str]], str | None], apposed: re.Pattern[str]
) -> str | None:
    """The role written in apposition right after a name ("Mathieu Jaton, directeur du festival,", "Sarah
    Cole, the chief executive,"): two words, else one."""
    m = apposed.match(folded, end)
    if m is None:
        return None
    if m.group(2) and (role := role_of([m.group(1), m.group(2)])) and " " in role:
        return role
    return role_of([m.group(1)])
