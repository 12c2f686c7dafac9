"""What data/organizations.toml knows for one language: clubs and universities whose short names an
article about sport or study uses, and each country's institutions named without their country."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import DATA_DIR
from ..text import fold_key as key
from .data import _words_re


@dataclass(frozen=True)
class _Knowledge:
    """data/organizations.toml's [clubs] and [institutions] for one language: names whose reading
    depends on what the article is about (sport) or where it is set (its country)."""

    clubs: dict[str, str]  # fold_key(form) -> canonical
    sport_re: re.Pattern[str]
    universities: dict[str, str]  # fold_key(form) -> canonical
    academic_re: re.Pattern[str]
    countries: tuple[tuple[re.Pattern[str], dict[str, str]], ...]  # (cue pattern, fold_key(form) -> canonical)
    country_forms: frozenset[str]


@lru_cache(maxsize=None)
def _knowledge(code: str) -> _Knowledge:
    """A language's knowledge, read from the disk cache of claims/compiled.py when the data and the code
    are those it was built with."""
    from ..compiled import cached

    knowledge: _Knowledge = cached(f"knowledge-{code}", _build_knowledge, scope="tables")
    return knowledge


def _build_knowledge(cache_key: str) -> _Knowledge:
    code = cache_key.removeprefix("knowledge-")
    with open(DATA_DIR / "organizations.toml", "rb") as fh:
        raw = tomllib.load(fh)
    clubs_raw = raw.get("clubs", {})
    clubs: dict[str, str] = {}
    for canonical, forms in clubs_raw.get(code, {}).items():
        for form in [canonical, *forms]:
            clubs.setdefault(key(form), canonical)
    universities_raw = raw.get("universities", {})
    universities: dict[str, str] = {}
    for canonical, forms in universities_raw.get(code, {}).items():
        for form in [canonical, *forms]:
            universities.setdefault(key(form), canonical)
    countries = tuple(
        (_words_re(table["cues"]), {key(k): v for k, v in table["forms"].items()})
        for table in raw.get("institutions", {}).get(code, {}).values()
    )
    return _Knowledge(
        clubs=clubs,
        sport_re=_words_re(clubs_raw.get(f"sport_words_{code}", [])),
        universities=universities,
        academic_re=_words_re(universities_raw.get(f"context_words_{code}", [])),
        countries=countries,
        country_forms=frozenset(f for _, forms in countries for f in forms),
    )
