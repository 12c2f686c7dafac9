"""The extractor: text in, typed claims out, plus the sentences that look checkable but gave none.

Pure: no database, no network, no UI. Order of work: sentences, money and dates, quote marks (so
that quoted terms are known before names), names, quote speakers, then the completeness pass.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .dates import find_dates
from .lexicon import available_languages, key, load
from .model import Claim, Extraction, Name, Quote, Unclaimed
from .money import find_money
from .names import Gazetteer, find_names
from .quotes import QuoteSpan, find_quote_spans, find_quotes, quote_kind
from .text import Sentence, fold, fold_key, split_sentences

# ---- language detection -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Detector:
    """What [detect] of one language says, ready for counting."""

    code: str
    function_words: frozenset[str]
    prefixes: tuple[str, ...]  # elided words: "l'", "qu'"
    suffixes: tuple[str, ...]  # contractions: "'s", "n't", "aujourd'hui"
    endings: tuple[str, ...]
    letter_groups: tuple[str, ...]
    signs: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _detectors() -> tuple[_Detector, ...]:
    out = []
    for code in available_languages():
        d = load(code).raw["detect"]
        contractions = [c.lower() for c in d.get("contractions", [])]
        out.append(_Detector(
            code,
            frozenset(w.lower() for w in d["function_words"]) | frozenset(key(w) for w in d["function_words"]),
            tuple(c for c in contractions if c.endswith("'")),
            tuple(c for c in contractions if not c.endswith("'")),
            tuple(d.get("endings", [])),
            tuple(d.get("letter_groups", [])),
            tuple(d.get("signs", [])),
            tuple(re.compile(p) for p in d.get("patterns", [])),
        ))
    return tuple(out)


_ALL_WORDS = re.compile(r"[^\W\d_]+")
# Lower-case words with their apostrophes ("l'usine", "don't"): what names cannot be.
_LOWER_WORDS = re.compile(r"(?<![\w'])[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]*(?:'[^\W\d_]+)*'?")


def detect_language(text: str, *, default: str = "en") -> str:
    """The language the text is written in.

    Function words weigh most; contractions ("l'", "qu'", "n't", "'s"), word endings ("-ait",
    "-ing"), letter groups ("eau", "é", "th", "wh") and typography ("13 milliards :", "8 %",
    "$4.1bn") decide short texts. Capitalised words count only as function words: names and
    acronyms belong to no language. Ties go to `default`.
    """
    sample = text[:4000].replace("’", "'")
    every = [w.lower() for w in _ALL_WORDS.findall(sample)]
    lower = _LOWER_WORDS.findall(sample)
    joined = " ".join(lower)
    scores: dict[str, float] = {}
    for d in _detectors():
        score = 3.0 * sum(1 for w in every if w in d.function_words)
        score += 3.0 * sum(1 for w in lower if w.startswith(d.prefixes) or w.endswith(d.suffixes))
        score += sum(1 for w in lower if len(w) >= 4 and w.endswith(d.endings))
        score += sum(joined.count(g) for g in d.letter_groups)
        score += 2.0 * (sum(sample.count(s) for s in d.signs) + sum(len(p.findall(sample)) for p in d.patterns))
        scores[d.code] = score
    best = max(scores, key=lambda c: (scores[c], c == default))
    return best if scores[best] > 0 else default


# ---- extraction -------------------------------------------------------------------------------


def extract(
    text: str,
    *,
    language: str = "auto",
    published: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> Extraction:
    """Every checkable claim of `text`, in reading order, with ids c1, c2, ...

    `language` is a language code or "auto"; relative dates resolve against `published`
    (today when not given); `gazetteer` maps folded names to (type, canonical name) for entities the
    source library already knows.
    """
    if language == "auto":
        language = detect_language(text)
    lex = load(language)
    published = published or dt.date.today()
    folded = fold(text)
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]

    def sentence_index(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    future_cache: dict[int, bool] = {}

    def future_at(offset: int) -> bool:
        idx = sentence_index(offset)
        if idx not in future_cache:
            s = sentences[idx] if sentences else Sentence(0, len(text), text, 0)
            future_cache[idx] = lex.future_re.search(folded, s.start, s.end) is not None
        return future_cache[idx]

    def sentence_bounds(offset: int) -> tuple[int, int]:
        if not sentences:
            return 0, len(text)
        s = sentences[sentence_index(offset)]
        return s.start, s.end

    money = find_money(text, folded, lex, sentence_bounds)
    money_spans = sorted((m.start, m.end) for m in money)
    dates = [d for d in find_dates(text, folded, lex, published, future_at)
             if not _overlaps(money_spans, d.start, d.end)]
    # Quote marks first: what the article quotes as a term ("l'équipe « Superalignment »",
    # "dubbed “Project Sunrise”") is not a name, there or anywhere else in the article.
    spans = find_quote_spans(text, lex)
    kinds = [quote_kind(folded, q, text, lex, sentences[sentence_index(q.open)].start if sentences else 0)
             for q in spans]
    terms = [q for q, k in zip(spans, kinds) if k == "term"]
    quoted_terms = frozenset(fold_key(text[q.start:q.end]) for q in terms)
    names = find_names(text, sentences, lex, folded=folded, quoted_terms=quoted_terms,
                       term_spans=tuple((q.start, q.end) for q in terms), gazetteer=gazetteer)
    quotes = find_quotes(text, folded, sentences, lex, names, spans, kinds)

    contexts: dict[tuple[int, int], tuple[str, int, int]] = {}

    def context(start: int, end: int) -> tuple[str, int, int]:
        if not sentences:
            return text, 0, len(text)
        span = (sentence_index(start), sentence_index(max(start, end - 1)))
        if span not in contexts:  # one string per sentence, shared by its claims
            first, last = sentences[span[0]], sentences[span[1]]
            contexts[span] = (text[first.start:last.end], first.start, last.end)
        return contexts[span]

    drafts: list[Claim] = []

    def add(kind, start, end, value, **flags):
        sentence, s_start, s_end = context(start, end)
        drafts.append(Claim("", kind, text[start:end], start, end, value, sentence, s_start, s_end, **flags))

    for d in dates:
        add("date", d.start, d.end, d.value, relative=d.relative, approximate=d.approximate, qualifier=d.qualifier)
    for m in money:
        add("money", m.start, m.end, m.value, approximate=m.approximate, qualifier=m.qualifier)
    for n in names:
        add(n.type, n.start, n.end, Name(n.canonical), mentions=n.mentions)
    for q in quotes:
        add("quote", q.start, q.end, Quote(q.text, q.speaker, q.kind))

    drafts.sort(key=lambda c: (c.start, -c.end))
    claims = tuple(c.with_id(f"c{i}") for i, c in enumerate(drafts, start=1))
    covered = [(c.start, c.end) for c in claims if c.type != "quote"]
    covered += [(m[0], m[1]) for n in names for m in n.mentions]
    covered += [(q.open, q.close + 1) for q in spans]
    unclaimed = _unclaimed(text, folded, sentences, _merge(covered), lex)
    return Extraction(language, published, claims, unclaimed)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, possibly nested `spans`?"""
    i = bisect_left(spans, (end,))
    return any(a < end and start < b for a, b in spans[max(0, i - 8):i])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# ---- completeness -----------------------------------------------------------------------------

# A number as written, not glued to letters ("COVID-19", "G7", "A320" are names, not figures).
_NUMBER_RE = re.compile(
    r"(?<![\w])(?<![^\W\d_]-)\d++(?:[\u00a0\u202f\u2009 ,.]\d++)*+(?:-\d++)?"
    r"(?:\s?%|st|nd|rd|th|er|re|e|ème|eme)?(?!\w)"
)
_QUOTE_MARK_RE = re.compile(r"[«»“”„\"]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=None)
def _date_words(code: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """Month names, other date words (weekdays, "hier", "yesterday"), and whether months take a capital."""
    lex = load(code)
    months = frozenset(lex.months)
    others = frozenset(lex.weekdays) | frozenset(w for w in lex.named_days if " " not in w)
    return months, others, lex.months_capitalised


@lru_cache(maxsize=None)
def _count_words(code: str) -> frozenset[str]:
    """Number words that state a figure ("deux", "trois cents", "million"): one and "a" are left out."""
    lex = load(code)
    words = {w for w, v in lex.number_words.items() if v >= 2}
    words |= set(lex.multipliers) | set(lex.scale_words)
    return frozenset(w for w in words if " " not in w)


def _unclaimed(text: str, folded: str, sentences: list[Sentence], covered: list[tuple[int, int]],
               lex) -> tuple[Unclaimed, ...]:
    """Sentences holding a figure, quote marks or a date word that no claim covers.

    Each figure, mark and date word is checked on its own, so a sentence with a date claim and an
    unchecked percentage is still listed. The reason names the kinds found, in the order number,
    quote marks, date word; `items` lists them as written.
    """
    starts = [a for a, _ in covered]

    def is_covered(a: int, b: int) -> bool:
        i = bisect_right(starts, a) - 1
        return i >= 0 and covered[i][1] >= b

    months, other_days, months_capitalised = _date_words(lex.code)
    count_words = _count_words(lex.code)
    out = []
    for s in sentences:
        found: dict[str, list[str]] = {}
        for m in _NUMBER_RE.finditer(folded, s.start, s.end):
            if not is_covered(m.start(), m.end()):
                found.setdefault("number", []).append(text[m.start():m.end()].strip())
        for m in _QUOTE_MARK_RE.finditer(folded, s.start, s.end):
            if not is_covered(m.start(), m.end()):
                found.setdefault("quote marks", []).append(m.group())
        for m in _WORD_RE.finditer(folded, s.start, s.end):
            word = m.group().lower()
            if word in count_words or word in months or word in other_days:
                if is_covered(m.start(), m.end()):
                    continue
                if word in count_words:
                    found.setdefault("number", []).append(m.group())
                elif word in other_days or (m.group()[0].isupper() == months_capitalised):
                    found.setdefault("date word", []).append(text[m.start():m.end()])
        if found:
            kinds = [k for k in ("number", "quote marks", "date word") if k in found]
            items = tuple(item for k in kinds for item in found[k])
            out.append(Unclaimed(s.start, s.end, s.text, ", ".join(kinds), items))
    return tuple(out)
