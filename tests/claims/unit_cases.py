"""The extractor's unit cases, kept as data: one file per dimension and language,
`tests/claims/cases/<dimension>.<code>.toml` (dates, money, names, quotes), as Duckling keeps a corpus
beside each rule file. A new language's cases are new files; the tests that read them stay as they are.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

CASES = Path(__file__).with_name("cases")


@cache
def load_cases(dimension: str, language: str) -> dict[str, Any]:
    with open(CASES / f"{dimension}.{language}.toml", "rb") as fh:
        return tomllib.load(fh)


def languages(dimension: str) -> list[str]:
    """The languages that have cases for `dimension`."""
    return sorted(p.name.split(".")[1] for p in CASES.glob(f"{dimension}.*.toml"))
