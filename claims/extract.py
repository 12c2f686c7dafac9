"""The extractor: text in, typed claims out. Pure: no database, no network, no UI."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter

from .dates import find_dates
from .lexicon import available_languages, load
from .model import Claim, Extraction, Name, Quote, Unclaimed
from .money import find_money
from .names import Gazetteer, find_names
from .quotes import find_quote_spans, find_quotes, quote_kind
from .text import Sentence, fold, fold_key, split_sentences, words


def detect_language(text: str, *, default: str = "en") -> str:
    """The language whose function words are most frequent in the text."""
    sample = words(text[:5000])
    if not sample:
        return default
    counts = Counter(sample)
    scores = {code: sum(counts[w] for w in load(code).detect_words) for code in available_languages()}
    best = max(scores, key=lambda c: (scores[c], c == default))
    return best if scores[best] > 0 else default


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
    dates = [d for d in find_dates(text, folded, lex, published, future_at)
             if not any(m.start <= d.start < m.end or d.start <= m.start < d.end for m in money)]
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

    def context(start: int, end: int) -> tuple[str, int, int]:
        if not sentences:
            return text, 0, len(text)
        first, last = sentences[sentence_index(start)], sentences[sentence_index(max(start, end - 1))]
        return text[first.start:last.end], first.start, last.end

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
    return Extraction(language, published, claims, _unclaimed(text, folded, sentences, claims, lex))


def _unclaimed(text, folded, sentences, claims, lex) -> tuple[Unclaimed, ...]:
    """Sentences holding a number, quote marks or a date word that no claim of that kind covers."""
    date_words = set(lex.months) | set(lex.weekdays) | set(lex.named_days)

    def covered(s: Sentence, kinds: tuple[str, ...]) -> bool:
        return any(c.type in kinds and c.start < s.end and c.end > s.start for c in claims)

    out = []
    for s in sentences:
        sample = folded[s.start:s.end]
        reason = None
        if re.search(r"\d", sample) and not covered(s, ("date", "money")):
            reason = "number"
        elif re.search(r"[«»“”„\"]", sample) and not covered(s, ("quote",)):
            reason = "quote marks"
        elif set(words(sample)) & date_words and not covered(s, ("date",)):
            reason = "date word"
        if reason:
            out.append(Unclaimed(s.start, s.end, s.text, reason))
    return tuple(out)
