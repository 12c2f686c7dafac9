"""A synthetic reference library for benchmarks: realistic, deterministic, and entirely made up.

Each record is a passage of about 300 characters in French or English news prose that holds what
the checker looks for: people, organisations, amounts with currencies, dates, and quotes with their
speaker. Names, outlets, places and words are drawn with Zipf-like frequencies (a few very common,
a long tail of rare ones), as in a real newsroom library. The text carries what real copy carries:
typographic and straight apostrophes, accents, non-breaking spaces before French colons and inside
« guillemets », thousands grouped with narrow spaces.

Every name, outlet, place and sentence (benchmarks/synthetic_words.py) was written for this
project; the surnames and organisations are built from syllables, the outlets and towns are
invented, and URLs use the reserved `.invalid` domain.

Record `i` of a seed depends only on (seed, i), so `generate_records(n, seed=s, start=k)` yields the
same records as the matching slice of a longer run: a benchmark can generate in chunks or in
parallel and still get the same library.

    from benchmarks.synthetic import generate_records
    for record in generate_records(10_000, seed=7): ...

    python -m benchmarks.synthetic 100000 --seed 7 --out /tmp/library.csv   # or .jsonl
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import itertools
import json
import random
import re
import string
import sys
import unicodedata
from bisect import bisect_right
from pathlib import Path
from typing import Iterator, Sequence, TextIO

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic_words import (  # noqa: E402
    DESKS,
    ENDINGS,
    GIVEN_NAMES,
    LINKS,
    MIDDLES,
    MONTHS,
    NBSP,
    NNBSP,
    ONSETS,
    ORG_FORMS,
    OUTLETS,
    PLACES,
    QUOTES,
    ROLES,
    SENTENCE_WEIGHTS,
    SENTENCES,
    TITLES,
    TOPICS,
)
from sources.model import SourceRecord  # noqa: E402

FIRST_DAY, LAST_DAY = dt.date(2012, 1, 1), dt.date(2025, 12, 31)

# ---- drawing with Zipf-like frequencies ---------------------------------------------------------


class Zipf:
    """Draw items of a list with probability proportional to 1 / rank**s (first item commonest)."""

    def __init__(self, items: Sequence, s: float = 1.07):
        self.items = tuple(items)
        self.cum = list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, len(self.items) + 1)))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect_right(self.cum, rng.random() * self.total) if self.cum else 0]


def _invented_words(count: int, seed: int, *, min_len: int = 5) -> list[str]:
    """Distinct capitalised words built from syllables, in a fixed shuffled order."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        word = rng.choice(ONSETS) + rng.choice(MIDDLES) + rng.choice(LINKS)
        if rng.random() < 0.4:
            word += rng.choice(MIDDLES) + rng.choice(LINKS)
        word += rng.choice(ENDINGS)
        if len(word) >= min_len and word not in seen:
            seen.add(word)
            out.append(word)
    return out


class _Vocabulary:
    """The pools a generator draws from; the same for every seed, so libraries share their names."""

    def __init__(self) -> None:
        surnames = _invented_words(3000, 20240501)
        rng = random.Random(20240502)
        people = []
        for surname in surnames:
            people.append(f"{rng.choice(GIVEN_NAMES)} {surname}")
        self.people = Zipf(people)
        brands = _invented_words(1200, 20240503, min_len=6)
        self.orgs = Zipf([ORG_FORMS[i % len(ORG_FORMS)].format(x=b) for i, b in enumerate(brands)])
        self.outlets = {lang: Zipf(v, 0.9) for lang, v in OUTLETS.items()}
        self.places = {lang: Zipf(v) for lang, v in PLACES.items()}
        self.topics = {lang: Zipf(v) for lang, v in TOPICS.items()}
        self.roles = {lang: Zipf(v, 0.8) for lang, v in ROLES.items()}
        self.quotes = {lang: Zipf(v, 0.8) for lang, v in QUOTES.items()}
        self.desks = {lang: Zipf(v, 0.8) for lang, v in DESKS.items()}
        self.titles = {lang: Zipf(v, 0.5) for lang, v in TITLES.items()}
        self.sentence_cum = list(itertools.accumulate(SENTENCE_WEIGHTS))


_VOCAB: _Vocabulary | None = None


def _vocab() -> _Vocabulary:
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = _Vocabulary()
    return _VOCAB


# ---- values as news copy writes them ------------------------------------------------------------


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _amount(rng: random.Random, lang: str) -> str:
    kind = rng.random()
    if kind < 0.55:  # millions, often with a decimal
        whole = rng.choice((1, 2, 3, 4, 5, 6, 8, 12, 15, 18, 24, 30, 45, 60, 75, 120, 250, 480))
        tenth = rng.choice((0, 0, 0, 2, 5, 8))
        if lang == "fr":
            number = f"{whole},{tenth}" if tenth else str(whole)
            unit = "million" if whole < 2 else "millions"
            cur = rng.choice(("d’euros", "d’euros", "d’euros", "de dollars"))
            return f"{number} {unit} {cur}" if rng.random() < 0.85 else f"{number}{NBSP}M€"
        number = f"{whole}.{tenth}" if tenth else str(whole)
        sign = rng.choice(("$", "€", "£"))
        return f"{sign}{number} million" if rng.random() < 0.8 else f"{number} million euros"
    if kind < 0.8:  # thousands, written out
        n = rng.randrange(20, 990) * 1000 + rng.choice((0, 0, 500))
        if lang == "fr":
            return (
                f"{_group(n, rng.choice((NNBSP, ' ', NBSP)))} euros"
                if rng.random() < 0.7
                else f"{_group(n, NNBSP)}{NBSP}€"
            )
        return f"{rng.choice(('$', '€', '£'))}{_group(n, ',')}"
    whole = rng.choice((1, 2, 3, 4, 7, 11))
    tenth = rng.choice((0, 2, 5))
    if lang == "fr":
        number = f"{whole},{tenth}" if tenth else str(whole)
        return f"{number} {'milliard' if whole < 2 else 'milliards'} d’euros"
    number = f"{whole}.{tenth}" if tenth else str(whole)
    return f"{rng.choice(('$', '€', '£'))}{number} billion"


def _date(rng: random.Random, lang: str, around: dt.date) -> str:
    day = around - dt.timedelta(days=rng.randrange(-30, 700))
    month = MONTHS[lang][day.month - 1]
    kind = rng.random()
    if lang == "fr":
        if kind < 0.6:
            return f"le {'1er' if day.day == 1 else day.day} {month} {day.year}"
        if kind < 0.85:
            return f"en {month} {day.year}"
        return f"en {day.year}"
    if kind < 0.35:
        return f"on {day.day} {month} {day.year}"
    if kind < 0.6:
        return f"on {month} {day.day}, {day.year}"
    if kind < 0.85:
        return f"in {month} {day.year}"
    return f"in {day.year}"


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60]


@functools.lru_cache(maxsize=None)
def _slots_of(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(template) if name))


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


# ---- records -------------------------------------------------------------------------------------


def make_record(i: int, seed: int = 0, *, id_prefix: str | None = None) -> SourceRecord:
    """Record number `i` of the library of `seed` (the same whatever else is generated)."""
    v = _vocab()
    rng = random.Random(seed * 1_000_000_007 + i)
    lang = "fr" if rng.random() < 0.55 else "en"
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    outlet = v.outlets[lang].draw(rng)

    def fill(template: str) -> str:
        return _fill(template, rng, v, lang, outlet, published)

    target = rng.randrange(190, 305)
    sentences: list[str] = []
    length = 0
    templates = SENTENCES[lang]
    while length < target:
        k = bisect_right(v.sentence_cum, rng.random() * v.sentence_cum[-1])
        sentence = fill(templates[k])
        sentences.append(sentence)
        length += len(sentence) + 1
    excerpt = " ".join(sentences)
    title = fill(v.titles[lang].draw(rng))
    if rng.random() < 0.3:  # typed on a keyboard without typographic apostrophes
        excerpt, title = excerpt.replace("’", "'"), title.replace("’", "'")
    tags = (("desk", v.desks[lang].draw(rng)),) if rng.random() < 0.4 else ()
    url = f"https://{_slug(outlet)}.invalid/{published.year}/{published.month:02d}/{_slug(title)}-{i}"
    prefix = f"SYN{seed}-" if id_prefix is None else id_prefix
    return SourceRecord(
        id=f"{prefix}{i:07d}",
        title=title,
        excerpt=excerpt,
        publisher=outlet,
        url=url,
        published=published,
        language=lang,
        tags=tags,
    )


def _fill(template: str, rng: random.Random, v: "_Vocabulary", lang: str, outlet: str, published: dt.date) -> str:
    """A sentence or title template with its slots drawn. Only the slots it uses are drawn, in a
    fixed order, so records stay reproducible."""
    topic = v.topics[lang].draw(rng)
    values: dict[str, str] = {"topic": topic, "outlet": outlet, "nbsp": NBSP}
    for name in _slots_of(template):
        if name in values:
            continue
        if name in ("person", "person2"):
            values[name] = v.people.draw(rng)
        elif name in ("org", "org2"):
            values[name] = v.orgs.draw(rng)
        elif name == "role":
            values[name] = v.roles[lang].draw(rng)
        elif name == "place":
            values[name] = v.places[lang].draw(rng)
        elif name == "topic2":
            values[name] = v.topics[lang].draw(rng)
        elif name in ("amount", "amount2"):
            values[name] = _amount(rng, lang)
        elif name == "date":
            values[name] = _date(rng, lang, published)
        elif name == "year":
            values[name] = str(published.year - rng.randrange(0, 3))
        elif name == "years":
            values[name] = str(rng.randrange(2, 25))
        elif name == "quote":
            values[name] = v.quotes[lang].draw(rng).format(topic=topic, year=published.year + rng.randrange(0, 3))
    return _capitalise(template.format(**values))


def generate_records(n: int, seed: int = 0, *, start: int = 0, id_prefix: str | None = None) -> Iterator[SourceRecord]:
    """Records start .. start+n-1 of the synthetic library of `seed`, lazily (memory stays flat)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    for i in range(start, start + n):
        yield make_record(i, seed, id_prefix=id_prefix)


# ---- files ---------------------------------------------------------------------------------------

COLUMNS = ("id", "title", "publisher", "url", "published", "language", "excerpt", "desk")


def _row(r: SourceRecord) -> dict[str, str]:
    tags = dict(r.tags)
    return {
        "id": r.id,
        "title": r.title,
        "publisher": r.publisher,
        "url": r.url,
        "published": r.published.isoformat() if r.published else "",
        "language": r.language,
        "excerpt": r.excerpt,
        "desk": tags.get("desk", ""),
    }


def write_csv(records: Iterator[SourceRecord], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for r in records:
        writer.writerow(_row(r))
        count += 1
    return count


def write_jsonl(records: Iterator[SourceRecord], out: TextIO) -> int:
    count = 0
    for r in records:
        row = _row(r)
        if not row["desk"]:
            del row["desk"]
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic", description="Write a synthetic reference library as CSV or JSON Lines."
    )
    p.add_argument("count", type=int, help="how many records")
    p.add_argument("--seed", type=int, default=0, help="library seed (default 0)")
    p.add_argument("--start", type=int, default=0, help="number of the first record (default 0)")
    p.add_argument("--out", metavar="FILE", help="a .csv or .jsonl file (default: CSV on standard output)")
    args = p.parse_args(argv)
    if args.count < 0:
        p.error("count must be >= 0")
    records = generate_records(args.count, seed=args.seed, start=args.start)
    if not args.out:
        write_csv(records, sys.stdout)
        return 0
    path = Path(args.out)
    writer = {".csv": write_csv, ".jsonl": write_jsonl, ".ndjson": write_jsonl}.get(path.suffix.lower())
    if writer is None:
        p.error("--out must end in .csv or .jsonl")
    with path.open("w", encoding="utf-8", newline="") as fh:
        count = writer(records, fh)
    print(f"wrote {count} records to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
