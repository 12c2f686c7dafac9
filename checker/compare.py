"""Comparing what a claim says with what a record says: values, names and quotes.

Agreement rules (tested in tests/test_compare.py):
- money agrees when the two amounts overlap at the precision each is written at (and any qualifier)
  and the currency is the same; another amount in the same currency conflicts;
- a date agrees when one period contains the other at their precisions (2024-05 contains 2024-05-14,
  an ISO week contains its days); two disjoint periods conflict; a partial overlap is unknown;
- names agree across apostrophes, accents and case (they are compared by folded key), and a
  surname with an initial ("J. Leike") agrees with the full name;
- quotes are aligned inside the record and classified (see `classify_quote`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from claims import DateValue, Money
from claims.lexicon import available_languages, load
from claims.text import fold

from .model import Agreement, QuoteClass


def normalise(text: str) -> str:
    """The one processor for fuzzy comparison: accents, apostrophes and case folded, same length."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in fold(text))


@lru_cache(maxsize=1)
def _negations() -> tuple[re.Pattern[str], ...]:
    patterns = []
    for code in available_languages():
        words = load(code).raw["quotes"].get("negations", [])
        alt = "|".join(sorted((re.escape(normalise(w)) for w in words), key=len, reverse=True))
        patterns.append(re.compile(rf"(?<![\w])(?:{alt})(?![\w])" if alt else r"(?!)"))
    return tuple(patterns)


def negated(text: str) -> bool:
    """Whether a passage carries a negation word of any known language."""
    t = normalise(text).replace("n't", " n't")
    return any(p.search(t) for p in _negations())


# ---- money and dates -------------------------------------------------------------------


def money_agreement(claim: Money, currency: str, low: float, high: float) -> Agreement:
    if claim.currency is None or currency != claim.currency:
        return "unknown"
    if float(claim.low) <= high and low <= float(claim.high):
        return "agrees"
    return "conflicts"


def date_agreement(claim: DateValue, first: dt.date, last: dt.date) -> Agreement:
    claim_contains = claim.start <= first and last <= claim.end
    record_contains = first <= claim.start and claim.end <= last
    if claim_contains or record_contains:
        return "agrees"
    if last < claim.start or first > claim.end:
        return "conflicts"
    return "unknown"


def date_closeness(claim: DateValue, first: dt.date, last: dt.date) -> float:
    """1 when the record's date sits on the claim's own day, lower towards the ends of its range."""
    point = dt.date.fromisoformat(claim.iso) if claim.precision == "day" else claim.start + (claim.end - claim.start) / 2
    middle = first + (last - first) / 2
    width = max((claim.end - claim.start).days, (last - first).days, 1)
    return max(0.1, 1 - abs((middle - point).days) / (width + 1))


# ---- quotes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteAlignment:
    quote_class: QuoteClass
    score: float  # 0-100
    start: int  # span in the record's excerpt
    end: int


_CONTENT = re.compile(r"[^\W\d_]{4,}")


def content_words(text: str) -> list[str]:
    return _CONTENT.findall(normalise(text))


def align_quote(quote: str, excerpt: str) -> QuoteAlignment:
    """Where the quote sits in the excerpt and how faithfully (before speaker and negation checks).

    verbatim: the words are there (>= 97); close: small edits (>= 87); partial: a good part of the
    quote is there, or all of it loosely (>= 70); paraphrase: most content words are there in another
    order or form; not_found otherwise.
    """
    q, e = normalise(quote).strip(" ,.;:!?"), normalise(excerpt)
    if not q or not e:
        return QuoteAlignment("not_found", 0.0, 0, 0)
    al = fuzz.partial_ratio_alignment(q, e, score_cutoff=40)
    if al is None:
        return QuoteAlignment("not_found", 0.0, 0, 0)
    if len(q) <= len(e):
        start, end, coverage = al.dest_start, al.dest_end, 1.0
    else:  # the excerpt is shorter than the quote: it matches a part of it
        start, end, coverage = 0, len(e), len(e) / len(q)
    start, end = _widen_to_words(e, start, end)
    score = al.score * coverage
    if score >= 97:
        cls: QuoteClass = "verbatim"
    elif score >= 87:
        cls = "close"
    elif score >= 70:
        cls = "partial"
    else:
        words_q = set(content_words(q))
        words_e = set(content_words(e[max(0, start - 80):end + 80]))
        overlap = len(words_q & words_e) / len(words_q) if words_q else 0
        cls = "paraphrase" if overlap >= 0.5 and score >= 50 else "partial" if overlap >= 0.5 else "not_found"
    return QuoteAlignment(cls, score, start, end)


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def cognate_share(quote: str, passage: str) -> float:
    """Share of the quote's content words that have a look-alike in the passage ("frontière" ~
    "frontier", "modèle" ~ "model"). A weak, language-agnostic hint of a translation."""
    q = content_words(quote)
    p = set(content_words(passage))
    if not q or not p:
        return 0.0
    hits = 0
    for w in q:
        if any(fuzz.ratio(w, x, score_cutoff=80) for x in p) or any(
            len(x) >= 5 and (w.startswith(x[:5]) or x.startswith(w[:5])) for x in p
        ):
            hits += 1
    return hits / len(q)
