"""The canonical form of a name: as an editor writes it in the table (apostrophes and spaces made
plain, a nickname left out), a ministry named by its brief first in its official form, a place's
abbreviation inside an organisation's name written out, a surname in capitals in title case; the
place words an article uses as someone's surname, which name no place there; and capitalised words
that end with a role, a title rather than a name."""

import re

from ..text import fold, fold_apostrophes, fold_key
from .data import ORGANIZATION, PERSON, Strength, _Candidate, _NameData, _Token, first_names


def _inverted(name: str, data: _NameData) -> str | None:
    """ "Finance Ministry" -> "Ministry of Finance", "Health and Welfare Ministry" -> "Ministry of
    Health and Welfare": the official form of a ministry named by its brief first (en [names]
    inverted_heads and inverted_form; "Foreign Ministry" and the like are aliases)."""
    words = name.split()
    joined = len(words) == 4 and words[1] in data.list_joiners
    if words[-1] not in data.inverted_heads or not (len(words) == 2 or joined):
        return None
    if not all(w[:1].isupper() for w in words[:-1] if w not in data.list_joiners):
        return None
    return data.inverted_form.format(head=words[-1], brief=" ".join(words[:-1]))


def _expanded(name: str, expansions: dict[str, str]) -> str | None:
    """ "NZ Rugby" -> "New Zealand Rugby", "Art Gallery of NSW" -> "... of New South Wales": a place's
    abbreviation inside an organisation's name, written out as editors write the name (en [names]
    name_expansions)."""
    words = name.split()
    if len(words) < 2 or not any(w in expansions for w in words):
        return None
    return " ".join(expansions.get(w, w) for w in words)


def _canonical(surface: str) -> str:
    """The name as an editor writes it: apostrophes and spaces made plain, a nickname in quote marks
    left out ("Philip “Brave” Darrow" -> "Philip Darrow")."""
    return " ".join(_NICKNAME.sub(" ", fold_apostrophes(surface)).split())


_NICKNAME = re.compile(r"\s[“\"‘'][A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?[”\"’']\s")


def place_surnames(text: str, found: list[re.Match[str]]) -> set[str]:
    """The place words the article uses as someone's surname ("Premier Tim Houston", then "Houston
    said"): after a capitalised given name once, they name no country anywhere in the article."""

    given = first_names()
    out: set[str] = set()
    for m in found:
        before = text[max(0, m.start() - 24) : m.start()]
        words = before.split()
        if words and before[-1:].isspace() and words[-1][:1].isupper() and fold_key(words[-1]) in given:
            out.add(m.group())
    return out


def _one_kind_per_name(candidates: list[_Candidate], data: _NameData) -> None:
    """ "son rival Robert Kotcharian a ..." read as a body, "l'ex-président Robert Kotcharian" as a
    person: a full name (a given name first) is one entity through the article, of the kind its
    strongest reading gives (a person on a tie)."""
    kinds: dict[str, list[_Candidate]] = {}
    for c in candidates:
        if c.kind in (PERSON, ORGANIZATION) and len(c.tokens) > 1 and c.tokens[0].key in data.given:
            kinds.setdefault(c.form, []).append(c)
    for same in kinds.values():
        if len({c.kind for c in same}) < 2:
            continue
        best = max(same, key=lambda c: (c.strength, c.kind == PERSON))
        for c in same:
            c.kind, c.canonical = best.kind, best.canonical
    # "unless Museveni speaks" read as a body by its verb, "President Museveni" as a person by his
    # title: a single word the article gives a person's cue is that person where nothing else speaks
    people = {
        c.form: c.canonical
        for c in candidates
        if c.kind == PERSON and len(c.tokens) == 1 and c.strength >= Strength.LEXICAL and not c.headed
    }
    for c in candidates:
        if c.kind == ORGANIZATION and c.strength <= Strength.WEAK and len(c.tokens) == 1 and c.form in people:
            c.kind, c.canonical = PERSON, people[c.form]


def _shouted_surname(toks: list[_Token], keys: list[str], data: _NameData) -> str | None:
    """ "Samuel NOHRA", "ADOU Richard-Christophe", "Issa Sidwayan TIENDREBEOGO": given names beside a
    surname in capitals (a style of the French and African press) are a person, named in title case."""
    caps = [fold(t.text).isupper() and len(t.text) > 2 and t.text.strip("IVX") != "" for t in toks]
    given = [k.split("-")[0] in data.given for k in keys]
    if (
        len(toks) not in (2, 3)
        or not any(caps)
        or all(caps)
        or any(
            up and (t.key in data.aliases or t.key in data.common_acronyms or t.key in data.places)
            for t, up in zip(toks, caps)
        )
        # the words not in capitals are given names, or the first is and the others are unknown words
        or not (
            all(up or g for up, g in zip(caps, given))
            or (
                given[0]
                and not caps[0]
                and not any(k in data.common_words for k, up, g in zip(keys, caps, given) if not up and not g)
            )
        )
    ):
        return None
    return " ".join(t.text.title() if up else t.text for t, up in zip(toks, caps))


def _a_role(c: _Candidate, folded: str, data: _NameData, keys: list[str]) -> bool:
    """Capitalised words that end with a role ("Regional Executive Officer", "Board Attorney", "Appeal
    Court Judges"), with no small word between them ("Office of the Auditor" is a body): a title, no
    organisation. The roles that also end bodies' names ("Health and Safety Executive") are left out."""
    last, first = keys[-1], keys[0]
    plural = last.endswith("s") and last[:-1] in data.person_cues
    return (
        (last in data.person_cues or plural)
        and not c.headed
        and last not in _BODY_ENDING_ROLES
        and first not in data.given  # "Angus King", "Aaron Judge", "Bruno Le Maire": a surname
        # what qualifies the role: a common word ("Cabinet Ministers", not "Kansas City Chiefs"), a place
        # ("U.S. Attorney", not "Westbridge Forward"), or two words and more ("Ontario Liberal Leader")
        and (first in data.common_words or (not plural and (first in data.places or len(keys) > 2)))
        and len(folded[c.start : c.end].split()) == len(keys)
    )


_BODY_ENDING_ROLES = frozenset({"executive", "general", "board"})


def _misspelt_surnames(candidates: list[_Candidate], data: _NameData) -> None:
    """ "Ssekito" after "Issa Ssekitto": a single word of six letters or more, one letter away from the
    surname of exactly one person named in full, is that person misspelt (copy typed in a hurry)."""
    surnames: dict[str, set[str]] = {}
    for p in candidates:
        if p.kind == PERSON and len(p.tokens) > 1 and p.tokens[0].key in data.given:
            surnames.setdefault(p.tokens[-1].key, set()).add(p.canonical)
    if not surnames:
        return
    for c in candidates:
        k = c.tokens[0].key
        if (
            len(c.tokens) != 1
            or c.kind not in (PERSON, ORGANIZATION)
            or c.strength > Strength.LEXICAL
            or len(k) < 6
            or k in surnames
            or k in data.common_words
            or k in data.places
        ):
            continue
        near = {name for s, names in surnames.items() if s[0] == k[0] and _one_edit(s, k) for name in names}
        if len(near) == 1:
            c.kind, c.canonical = PERSON, near.pop()


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one letter inserted, dropped or changed apart, or two
    neighbouring letters swapped ("Melynk", "Melnyk")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) != len(b):
        return a[i:] == b[i + 1 :]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return swapped or a[i + 1 :] == b[i + 1 :]


def _middle_names_left_out(persons: list[_Candidate]) -> None:
    """ "Kobenan Adjoumani" beside "Kobenan Kouassi Adjoumani": the same first and last names as one
    longer name of the article (and no other) are that person, a middle name left out."""
    longer: dict[tuple[str, str], set[str]] = {}
    for p in persons:
        if len(p.tokens) > 2:
            longer.setdefault((p.tokens[0].key, p.tokens[-1].key), set()).add(p.canonical)
    for p in persons:
        if len(p.tokens) == 2 and len(names := longer.get((p.tokens[0].key, p.tokens[1].key), ())) == 1:
            p.canonical = next(iter(names))


def _initial_and_surname(persons: list[_Candidate]) -> None:
    """ "L. Malecot" beside "Loan Malécot": an initial and a surname are the one person named in full
    whose given name starts with that letter and whose surname it is (accents aside)."""
    full: dict[tuple[str, str], set[str]] = {}
    for p in persons:
        if len(p.tokens) > 1 and len(p.tokens[0].text) > 2:
            full.setdefault((p.tokens[0].key[:1], p.tokens[-1].key), set()).add(p.canonical)
    for p in persons:
        first = p.tokens[0].text
        if len(p.tokens) == 2 and len(first) == 2 and first.endswith("."):
            names = full.get((first[:1].lower(), p.tokens[1].key), set())
            if len(names) == 1:
                p.canonical = next(iter(names))
