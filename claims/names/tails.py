"""Where an organisation's name goes on in lower case: "Conseil constitutionnel", "Cour des comptes",
"Agence nationale de sécurité du médicament", "Centre de services scolaire des Chênes"."""

from __future__ import annotations

import re

from ..text import fold_key
from .data import _NameData

# ---- French organisation names with lower-case words ------------------------------------------

# Read at the end of a word; look-behinds and possessive runs keep them linear anywhere.
_WORD_AFTER = re.compile(r"(?<! )[ ]++([a-z][a-z-]*+)(?![\w'])")
_NOUN_AT = re.compile(r"([a-z][a-z-]++)(?![\w'])")


def _is_adjective(word: str, data: _NameData) -> bool:
    return (
        word not in data.function_words
        and word not in data.subject_verbs
        and (
            any(word.endswith(e) and len(word) > len(e) + 2 for e in data.tail_adjective_endings)
            or word in data.demonym_countries  # "Fédération syndicale suisse", "Parti socialiste belge"
        )
    )


def _org_tail(
    folded: str, end: int, limit: int, data: _NameData, *, complements: bool = True, listed: bool = False
) -> int:
    """End of "Conseil constitutionnel", "Cour des comptes", "Agence nationale de sécurité du médicament";
    adjectives only without `complements` ("ministère de l'Éducation nationale", but not "musée
    d'Orsay et de collectionneurs"); with `listed`, a list of portfolios joined by commas and ended
    by "et" ("ministère de l'Économie, des Finances et de la Relance")."""
    if data.tail_prepositions_re is None:
        return end
    best = pos = end

    def adjectives(p: int) -> int:
        for _ in range(2):
            m = _WORD_AFTER.match(folded, p, limit)
            if m and m.group(1) in data.list_joiners and p > end:  # "économique et social"
                m = _WORD_AFTER.match(folded, m.end(), limit)
            if not m or not _is_adjective(m.group(1), data):
                break
            p = m.end()
        return p

    best = pos = adjectives(pos)
    before_list = -1  # where the name ends if a list opened by a comma is not closed by "et"
    closed = False
    for _ in range((5 if listed else 3) if complements else 0):
        m = data.tail_prepositions_re.match(folded, pos, limit)
        if not m and listed and folded.startswith(",", pos):
            m = data.tail_prepositions_re.match(folded, pos + 1, limit)
            if m and before_list < 0:
                before_list = pos
        if not m:
            break
        noun = _NOUN_AT.match(folded, m.end(), limit)
        if noun and noun.group(1) in data.tail_prenominal:  # "de première instance"
            after = _WORD_AFTER.match(folded, noun.end(), limit)
            noun = _NOUN_AT.match(folded, after.start(1), limit) if after else None
        if not noun:
            break
        word = noun.group(1)
        bare = m.group().split()[-1] in data.tail_bare_prepositions
        joined = m.group().split()[-1] in data.list_joiners  # "et marchés financiers", not "et coproduit"
        if (
            word in data.function_words
            or word in data.subject_verbs
            or len(word) < 3
            or (bare and word.endswith(data.infinitive_endings))
            or (joined and not word.endswith(data.plural_endings))
            # "la Fédération camerounaise de football et le ministère des Sports": two bodies
            or (_joined_by_an_article(m.group(), data) and word in data.organization_words)
        ):
            break
        closed = closed or (before_list >= 0 and any(w in data.list_joiners for w in m.group().split()))
        best = pos = adjectives(noun.end())
    return before_list if before_list >= 0 and not closed else best


def _joined_by_an_article(link: str, data: _NameData) -> bool:
    """ "et le", "et la": a joiner then an article opens a second name ("et de l'" goes on with the
    first: "Commission de l'environnement, des transports et de l'énergie")."""
    words = link.split()
    return len(words) == 2 and words[0] in data.list_joiners and words[1][0] != "d"


def _proper_complement(folded: str, end: int, limit: int, data: _NameData) -> int:
    """ "Centre de services scolaire des Chênes": after a body described in lower case, a preposition
    and the proper name it serves (not a person's: "le cabinet de Jean Roux"); `end` when none."""
    m = data.tail_prepositions_re.match(folded, end, limit) if data.tail_prepositions_re else None
    if m and len(words := m.group().split()) > 1 and words[0] in data.list_joiners and words[1][0] != "d":
        return end  # "Banque africaine de développement et la Banque mondiale": two bodies
    proper = _PROPER_AT.match(folded, m.end(), limit) if m else None
    if proper and fold_key(proper.group(1).split()[0]) not in data.given:
        return proper.end()
    return end


# (a proper name's own elided article goes with it: "de la Côte d'Ivoire")
_PROPER_AT = re.compile(r"([A-Z][\w'-]*+(?:[ ]++(?:[dl]['’])?[A-Z][\w'-]*+){0,2})(?![\w'])")
