"""Everyday short forms of given names ("Mike" for "Michael", "Bill" for "William"): a person an
article names by the short form is the one a record names in full (checker/compare.py's
`name_agreement`), and is looked up under the initial of either form (checker/candidates.py).
The table is claims/data/common.toml's [names.short_forms]."""

from __future__ import annotations

from functools import lru_cache

from claims.lexicon import common_data
from claims.text import fold_lower, person_key


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in common_data()["names"]["short_forms"].items()}


def full_names(given: str) -> tuple[str, ...]:
    """The full given names a folded short form may stand for ("mike" -> "michael"); () for others."""
    return _short_forms().get(given, ())


def person_keys(name: str) -> tuple[str, ...]:
    """The initial+surname keys a person may be indexed under: their own ("bill gates" -> "b gates")
    and those of the full names their given name is short for ("w gates")."""
    key = person_key(name)
    if not key:
        return ()
    first = fold_lower(name).replace("-", " ").replace(".", " ").split()[0]
    surname = key.split(" ", 1)[1]
    return tuple(dict.fromkeys([key] + [f"{full[0]} {surname}" for full in full_names(first)]))
