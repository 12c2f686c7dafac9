"""Which currency a "$", "dollars" or "francs" means: the country the article is set in, as its words tell.

A Québec paper's "263,5 M$" and a Sydney paper's "$4.5 billion" are not US dollars; the "francs" of a
Dakar paper are CFA francs. The words of `[local_currencies]` in claims/data/common.toml (places,
institutions, spellings such as "G$") are counted in the article; the country named most often wins.
With none named, the default applies (for the dollar, the newsroom's). The answer carries how
it was decided, for the editor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .lexicon import DATA_DIR, common_data
from .names.forms import place_surnames
from .patterns import trie
from .text import fold_key


@dataclass(frozen=True)
class LocalCurrency:
    code: str
    basis: str  # "CAD: the article names Québec ×3, Montréal, G$" or "USD: the newsroom's default"


@dataclass(frozen=True)
class _Cues:
    words: re.Pattern[str]
    code_of: dict[str, str]
    signs: re.Pattern[str] | None
    sign_code: dict[str, str]
    default: str | None
    of_amounts: frozenset[str]  # the cents: of the currency the article's other amounts are in
    abroad: frozenset[str]  # other countries' names, counted at half weight
    origins: re.Pattern[str] | None  # "la compagnie canadienne", "Canadian miner": a company's nationality
    adjectives: tuple[str, ...]  # endings of the cue words that are nationalities ("canadian", "canadienne")


@lru_cache(maxsize=None)
def _cues(group: str) -> _Cues:
    """The words that tell where a `group`'s currency word is set, read from claims/compiled.py's disk
    cache when the data and the code are those they were built with (a trie of every country's name)."""
    from .compiled import cached

    cues: _Cues = cached(f"cues-{group}", _build_cues, scope="tables")
    return cues


def _build_cues(key: str) -> _Cues:
    group = key.removeprefix("cues-")
    groups = common_data()["local_currencies"]
    data = dict(groups[group])
    for other in data.pop("words_of", []):  # the country words of other groups, counted the same way
        for code, words in groups[other].items():
            if isinstance(words, list) and code != "of_amounts":
                data[code] = [*data.get(code, []), *words]
    signs = data.pop("signs", {})
    default = data.pop("default", None)
    of_amounts = frozenset(data.pop("of_amounts", []))
    abroad = data.pop("abroad", {})
    origin = data.pop("origins", {})
    nouns = trie(origin["nouns"]) if origin else None
    origins = re.compile(rf"(?:\b(?:{nouns})(?:\s+(?:{nouns}))?\s+$|^[\s-]+(?:{nouns})\b)") if nouns else None
    code_of = {word: code for code, words in data.items() for word in words}
    foreign = _abroad(abroad, code_of)
    code_of |= foreign
    sign_re = (
        re.compile(rf"\d\s?({'|'.join(re.escape(s) for s in sorted(signs, key=len, reverse=True))})") if signs else None
    )
    words = re.compile(rf"(?<![\w.-]){trie(code_of)}(?![\w-])") if code_of else re.compile(r"(?!)")
    adjectives = tuple(origin.get("adjective_endings", ()))
    return _Cues(words, code_of, sign_re, signs, default, of_amounts, frozenset(foreign), origins, adjectives)


def _abroad(abroad: dict[str, Any], home: dict[str, str]) -> dict[str, str]:
    """The countries (claims/data/countries.txt) where the group's word means `abroad["code"]`: every
    country none of whose words is already a cue of the group ("dollars" in a story set in Bolivia or
    Laos are US dollars), but those of `abroad["except"]` (Europe, whose amounts a Québec paper
    converts into its own dollars; names that are also given names)."""
    if not abroad:
        return {}
    skip = frozenset(fold_key(w) for w in abroad["except"])
    out: dict[str, str] = {}
    for line in (DATA_DIR / "countries.txt").read_text(encoding="utf-8").splitlines():
        name = fold_key(line)
        words = re.findall(r"[\w'.]+", name)
        spans = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        if name and not name.startswith("#") and name not in skip and not spans & home.keys():
            out[name] = abroad["code"]
    return out


def follows_amounts(group: str) -> bool:
    """Whether the words of `group` take the currency of the article's other amounts (the cents)."""
    return bool(_cues(group).of_amounts)


def local_currency(
    group: str, text: str, low: str, default: str | None = None, amounts: Counter[str] | None = None
) -> LocalCurrency | None:
    """The currency a `group` word ("dollar", "franc") means in the article `text` (`low`: its folded
    lower-case copy); `default` (else the data's) when the article does not say where it is set.

    A code "" says the word is no currency here ("R445" outside South Africa). For the cents, the
    currency of the article's other `amounts` (currency -> count, in reading order); None when they
    tell nothing: the language's own reading stands."""
    cues = _cues(group)
    if cues.of_amounts:
        counts: Counter[str] = amounts or Counter()
        present = [code for code in counts if code in cues.of_amounts]
        if not present:
            return None
        code = max(present, key=lambda c: counts[c])  # the first of the most common
        return LocalCurrency(code, f"{code}: the currency of the article's other amounts")
    default = default or cues.default or ""
    seen: dict[str, Counter[str]] = {}
    first: dict[str, int] = {}
    score: Counter[str] = Counter()
    found = list(cues.words.finditer(low))
    surnames = place_surnames(text, found)
    for m in found:
        if m.group() in surnames or _an_origin(cues, low, m):
            continue
        word = " ".join(m.group().split())  # "United\nStates": the pattern lets any space join the words
        code = cues.code_of[word]
        seen.setdefault(code, Counter())[text[m.start() : m.end()]] += 1
        score[code] += 1 if word in cues.abroad else 2  # in halves
        first.setdefault(code, m.start())
    if cues.signs is not None:
        for m in cues.signs.finditer(text):
            code = cues.sign_code[m.group(1)]
            seen.setdefault(code, Counter())[m.group(1)] += 1
            score[code] += 2 if seen[code][m.group(1)] == 1 else 0  # a paper's style: once, however often
            first.setdefault(code, m.start())
    if not seen:
        return LocalCurrency(default, f"{default}: the default")
    # The country named most often (other countries at half weight: a foreign story's places, not the
    # newsroom's); on a tie, the one named first (where the article is set).
    code = min(seen, key=lambda c: (-score[c], first[c]))
    shown = ", ".join(f"{w} ×{n}" if n > 1 else w for w, n in seen[code].most_common(3))
    return LocalCurrency(code, f"{code}: the article names {shown}")


def _an_origin(cues: _Cues, low: str, m: re.Match[str]) -> bool:
    """ "la compagnie canadienne", "le groupe minier canadien", "the Canadian miner": the country word
    tells where a company comes from, not where the article is set."""
    if cues.origins is None or not m.group().endswith(cues.adjectives):
        return False
    return bool(
        cues.origins.search(low[max(0, m.start() - 30) : m.start()]) or cues.origins.match(low[m.end() : m.end() + 30])
    )


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def dollar_of_address(url: str | None) -> str | None:
    """The dollar of the country whose code ends a web address's host ("https://www.nzherald.co.nz/..."
    -> "NZD"), None for any other address: the default of a record's "$" when its words name no country."""
    host = _SCHEME.sub("", (url or "").strip().lower()).split("/", 1)[0].split(":", 1)[0]
    outlets: dict[str, str] = common_data()["outlet_dollars"]
    return outlets.get(host.rsplit(".", 1)[-1]) if "." in host else None


@lru_cache(maxsize=1)
def _replaced() -> dict[str, tuple[str, dt.date]]:
    table = common_data()["currencies"]["replaced"]
    return {new: (old, dt.date.fromisoformat(since)) for new, (old, since) in table.items()}


def code_of_the_day(code: str | None, published: dt.date) -> str | None:
    """The ISO code a currency had on the day the article was published: "leones" in a 2020 Freetown
    paper are SLL, the code of the leone before its redenomination in 2022 (common.toml
    [currencies] replaced)."""
    if code and (old := _replaced().get(code)) and published < old[1]:
        return old[0]
    return code
