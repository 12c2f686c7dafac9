"""Write claims/data/countries.txt: the names of every country and territory, in English and in French,
from the Unicode CLDR.

The source is the Unicode Common Locale Data Repository (https://cldr.unicode.org, Unicode licence),
as packaged by Babel (PyPI, BSD; already installed with the workbench's requirements). For each
two-letter territory code (not the continents' numbers, not the European Union, the United Nations or
the unknown region, which are no places), its name in each language and CLDR's variant and short
forms; "St." and "&" also written "Saint" and "and" ("St. Lucia", "Saint Lucia", "St Lucia"). The
names extend the places of the language files: a country is neither a person nor an organisation.
Run it where Babel is installed:

    python tools/make_countries.py
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale

DATA = Path(__file__).resolve().parent.parent / "claims" / "data"
LANGUAGES = ("en", "fr")
NOT_PLACES = frozenset({"EU", "EZ", "UN", "ZZ", "QO"})  # unions, the eurozone, "Unknown Region", "Outlying Oceania"


def forms(name: str) -> set[str]:
    """A name and the spellings copy uses for it."""
    out = {name}
    if "&" in name:
        out |= {n.replace("&", "and") for n in set(out)}
    for suffix in (" SAR China", " RAS de Chine", " (R.A.S. de Chine)"):  # "Hong Kong SAR China": "Hong Kong"
        out |= {n[: -len(suffix)] for n in set(out) if n.endswith(suffix)}
    for short, long in (("St. ", "Saint "), ("St. ", "St ")):
        out |= {n.replace(short, long) for n in set(out) if short in n}
    return {" ".join(n.split()) for n in out}


def names() -> list[str]:
    found: set[str] = set()
    for language in LANGUAGES:
        locale = Locale(language)
        for code, name in locale.territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_PLACES:
                found |= forms(name)
        for code, name in getattr(locale, "territories_variants", {}).items():
            if len(code) == 2 and code.isalpha() and code not in NOT_PLACES:
                found |= forms(name)
    return sorted(found, key=str.casefold)


def main() -> None:
    head = (
        "# Countries and territories in English and French, from the Unicode CLDR through Babel\n"
        "# (tools/make_countries.py; Unicode licence). Generated: edit the tool, not this file.\n"
    )
    (DATA / "countries.txt").write_text(head + "\n".join(names()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
