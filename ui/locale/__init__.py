"""The workbench's words in each interface language: one TOML file per language, loaded once.

Pure (standard library only), so that the pages and the command line's reports share the same
words: `en.toml` is the reference, every other file has exactly its keys (a test holds this).
Keys are "section.name"; values are str.format templates ("{n} claims").
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Mapping

import tomllib

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
        text = table[key]
        return text.format(**values) if values else text

    return t
