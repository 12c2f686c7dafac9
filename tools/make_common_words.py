"""Write claims/data/common_words_en.txt and common_words_fr.txt: frequent words that are not names.

A capitalised word that the language data does not know and that no cue vouches for is weak evidence
of an organisation ("Heritage", "Strategy", "Faculté", "Voyageurs" opening a menu line or a section
title). When it is also one of the language's frequent common words it is no name (claims/names.py).

The source is wordfreq 3.1.1 (PyPI; code Apache 2.0, word frequencies CC BY-SA 4.0, built from
Wikipedia, subtitles, news, books, web text and social media by Robyn Speer): every word of the
language whose Zipf frequency is at least 3.0 (once per million words or more, about 30,000 words in
each language). wordfreq folds case, so it cannot say which words are mostly names. Two filters take
them out: words that our own language data knows as names (given names of common.toml, towns.txt,
regions.txt, the aliases and places of the language, public figures' surnames of people.toml); and
words about as frequent in two other languages as in this one (within a factor of ten, 1.0 on the Zipf scale, among
English, French, German, Spanish, Italian, Dutch, Portuguese, Polish and Swedish): brands, people and
places travel across languages ("facebook", "walmart", "morales", "renault"), common words do not
("heritage", "contrat"). International common words ("menu", "science", "taxi") go with them: such a
word stays weak evidence of a name, as before. Words with digits and single letters are left out.
The generated lists are shared under CC BY-SA 4.0, as their source asks.

Run it where wordfreq is installed (it is not a dependency of the workbench: the lists are committed):

    pip install wordfreq==3.1.1 && python tools/make_common_words.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.lexicon import DATA_DIR, load  # noqa: E402  (after the path is set)
from claims.names import name_data  # noqa: E402
from claims.text import fold_key as key  # noqa: E402

LANGUAGES = ("en", "fr")
MIN_ZIPF = 3.0
# Languages a name travels to: a word this close to its own frequency in two of them is a name.
COMPARED = ("en", "fr", "de", "es", "it", "nl", "pt", "pl", "sv")
SHARED_GAP = 1.0
WORD_RE = re.compile(r"[^\W\d_]{2,}(?:['-][^\W\d_]+)*")


def known_names(code: str) -> set[str]:
    """Folded forms of the names our language data knows: given names, towns, regions and places,
    aliases (organizations.toml and the language's own), public figures' surnames."""
    data = name_data(load(code))
    return set(data.given) | data.towns | data.places | set(data.aliases) | set(data.known_surnames)


def common_words(code: str) -> list[str]:
    from wordfreq import top_n_list, zipf_frequency

    names = known_names(code)
    out = set()
    others = [c for c in COMPARED if c != code]
    for word in top_n_list(code, 60000):
        here = zipf_frequency(word, code)
        if here < MIN_ZIPF:
            break
        if not WORD_RE.fullmatch(word) or key(word) in names:
            continue
        elsewhere = sorted((zipf_frequency(word, c) for c in others), reverse=True)
        if elsewhere[1] > here - SHARED_GAP:
            continue  # as frequent in two other languages: a name more often than not
        out.add(word)
    return sorted(out)


def main() -> None:
    from importlib.metadata import version

    release = version("wordfreq")
    for code in LANGUAGES:
        words = common_words(code)
        path = DATA_DIR / f"common_words_{code}.txt"
        header = (
            f"# Frequent common words of '{code}' (tools/make_common_words.py): words of Zipf frequency\n"
            f"# {MIN_ZIPF} or more in wordfreq {release} (word frequencies CC BY-SA 4.0, Robyn Speer; this\n"
            "# list is shared under the same licence), less the names our language data knows and the\n"
            f"# words within {SHARED_GAP} Zipf of their frequency here in two of {', '.join(COMPARED)}.\n"
        )
        path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{len(words)} words written to {path}")


if __name__ == "__main__":
    main()
