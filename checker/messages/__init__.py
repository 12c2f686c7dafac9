"""The workbench's message catalogue: its words in each language, one TOML file per language.

The one place where words are written: the pages (ui/), the reports and the command line
(checker/desk/report.py, checker/cli/), the suggestions' reasons (checker/verdict.py: the
[reason] section; English is what `suggest` returns), statuses and suggestions. Pure (standard
library only) and below everything that shows words, so that no layer reaches up for them.
`en.toml` is the reference, every other file has exactly its keys (tests/checker/test_locale.py).
Keys are "section.name"; values are str.format templates ("{n} claims"). A message that depends on a
count is a table `{ one = "...", other = "..." }` (and `count = "name"` when the count is not `{n}`),
chosen by the language's rule: one for 1 in English, for 0 and 1 in French.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any, Mapping

HERE = Path(__file__).resolve().parent
DEFAULT = "en"


@functools.cache
def languages() -> dict[str, str]:
    """Language code -> its own name ("fr" -> "Français"), for every data file here."""
    return {p.stem: messages(p.stem)["language.name"] for p in sorted(HERE.glob("*.toml"))}


@functools.cache
def messages(lang: str) -> Mapping[str, str]:
    """Every message of a language, flattened to "section.name" keys."""
    path = HERE / f"{lang}.toml"
    if not path.is_file():
        raise KeyError(f"no interface language {lang!r}")
    with path.open("rb") as f:
        return _flatten(tomllib.load(f))


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


def translator(lang: str):
    """A function key, **values -> the message in `lang` (English when the language is unknown)."""
    table = messages(lang if lang in languages() else DEFAULT)

    def t(key: str, **values: Any) -> str:
        text = table[key] if key in table else table[plural_key(table, key, values)]
        return text.format(**values) if values else text

    return t


# Languages whose "one" form also takes 0 ("0 fiche", "0 affirmation contestée").
ZERO_IS_ONE = frozenset({"fr"})


def plural_key(table: Mapping[str, str], key: str, values: Mapping[str, Any]) -> str:
    """The key of the form of the counted message `key` that its count asks for ("key.one" or "key.other").

    The count is the value named by "key.count" (else `n`), a number or a number written with the
    language's thousands separator. Shared with checker/desk/report.py, which receives the same flat table."""
    if f"{key}.other" not in table:
        raise KeyError(key)
    raw = values.get(table.get(f"{key}.count", "n"))
    digits = "".join(ch for ch in str(raw) if ch.isdigit())
    n = int(digits) if digits else 0
    one = n == 1 or (n == 0 and table.get("language.code") in ZERO_IS_ONE)
    return f"{key}.one" if one else f"{key}.other"
