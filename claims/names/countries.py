"""Countries as the language data writes them: a nationality in any form and its country ("maliennes"
-> "Mali"), and how a body's name goes on with its country ("Canada" -> "du Canada")."""

from __future__ import annotations

import re

from ..text import fold_key as key


def demonym_names(demonym_countries: dict[str, str]) -> dict[str, str]:
    """Each nationality of demonym_countries in its plural and feminine forms, with its country's name."""
    out: dict[str, str] = {}
    for adjective, form in demonym_countries.items():
        country = re.sub(r"^(?:de la |de l'|du |des |de )", "", form)
        k = key(adjective)
        for variant in (k, k + "s", k + "e", k + "es", *((k + "ne", k + "nes") if k.endswith("n") else ())):
            out.setdefault(variant, country)
    return out


def country_forms(demonym_countries: dict[str, str]) -> dict[str, str]:
    """ "du Canada" -> {"Canada": "du Canada"}: the countries demonym_countries writes after a preposition
    (French), by their name; empty where it writes the names alone (English)."""
    out: dict[str, str] = {}
    for form in demonym_countries.values():
        if m := re.match(r"(?:de la |de l'|du |des |de )(.+)", form):
            out.setdefault(m.group(1), form)
    return out


def peoples(demonym_countries: dict[str, str]) -> frozenset[str]:
    """The plural of each nationality, a people ("Hungarians", "les Kényans"): no name, as the adjective."""
    return frozenset(
        k + "s" for k in map(key, demonym_countries) if not k.endswith(("s", "x", "ese", "sh", "ch", "sy"))
    )
