"""Matching claims to the records that speak about them.

For each claim the library's value index gives a short list of candidates (records holding the same
amount, a compatible date, the name, or the quote's words, those sharing most of the claim's context
names first); each candidate is then scored:
- subject: the names around the claim (weighted by how close they stand to it in the article) that
  the record also names close to its own value;
- lexical: rapidfuzz token-set similarity of the claim's sentence and the record's excerpt;
- value: whether the record's value agrees, and how closely (checker/compare.py).
`score = 0.45 subject + 0.35 value + 0.20 lexical`, times 0.85 for a record published after the article.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from claims import Claim, DateValue, Extraction, Money, Name, Quote, extract
from claims.text import fold_key, split_sentences
from sources.index import StoredRecord, ValueIndex
from sources.library import Library

from .compare import (
    align_quote,
    cognate_share,
    content_words,
    date_agreement,
    date_closeness,
    money_agreement,
    negated,
)
from .model import ArticleCheck, ClaimCheck, Match
from .verdict import suggest

MAX_MATCHES = 5
CANDIDATES = 40
LATER_FACTOR = 0.85
CONFLICT_SUBJECT = 0.5


@dataclass(frozen=True)
class Context:
    """What surrounds a claim in the article: names and dates with their weight, and its sentence.

    A name weighs more the closer it stands to the claim and the fewer records name it (IDF): in a
    library about OpenAI, "OpenAI" says little about which record is meant, "Gretchen Krueger" much.
    """

    names: dict[str, float]  # name key -> weight by proximity
    sentence: str
    key: str | None  # the claim's own name key (names) or speaker key (quotes)
    paragraph: tuple[int, int]
    dates: tuple[tuple[DateValue, float], ...] = ()
    idf: dict[str, float] | None = None  # name key -> inverse record frequency (ranking only)


def check_article(
    text: str,
    library: Library,
    *,
    language: str = "auto",
    published: dt.date | None = None,
    use_gazetteer: bool = True,
) -> ArticleCheck:
    """Extract the claims of an article and check each against the library."""
    gazetteer = library.index.gazetteer() if use_gazetteer else None
    extraction = extract(text, language=language, published=published, gazetteer=gazetteer)
    return check_extraction(extraction, text, library)


def check_extraction(extraction: Extraction, text: str, library: Library) -> ArticleCheck:
    index = library.index
    keys = [fold_key(c.value.canonical) for c in extraction.claims if isinstance(c.value, Name)]
    frequencies, total = index.name_frequencies(keys)
    contexts = contexts_of(extraction, text, idf=lambda k: _idf(frequencies.get(k, 0), total))
    wanted: dict[str, list[int]] = {}
    for claim in extraction.claims:
        wanted[claim.id] = candidates(claim, contexts[claim.id], index)
    stored = index.stored([pk for pks in wanted.values() for pk in pks])
    checks = []
    for claim in extraction.claims:
        ctx = contexts[claim.id]
        matches = [m for pk in wanted[claim.id] if pk in stored
                   for m in [compare(claim, ctx, stored[pk], extraction)] if m is not None]
        matches.sort(key=lambda m: (-m.score, m.source_id))
        matches = matches[:MAX_MATCHES]
        suggestion, confidence, reason = suggest(claim, matches)
        checks.append(ClaimCheck(claim, tuple(matches), suggestion, confidence, reason))
    return ArticleCheck(extraction, tuple(checks))


def _idf(df: int, total: int) -> float:
    if total <= 1:
        return 1.0
    return min(1.0, max(0.1, math.log((total + 1) / (df + 0.5)) / math.log(total + 1)))


DATE_WEIGHT = 0.7


def contexts_of(extraction: Extraction, text: str, *, idf=lambda key: 1.0) -> dict[str, Context]:
    paragraphs = _paragraphs(text)
    mentions = [(a, b, fold_key(c.value.canonical)) for c in extraction.claims
                if isinstance(c.value, Name) for a, b in (c.mentions or ((c.start, c.end),))]
    out = {}
    for claim in extraction.claims:
        para = next(((a, b) for a, b in paragraphs if a <= claim.start < b), (0, len(text)))
        own = fold_key(claim.value.canonical) if isinstance(claim.value, Name) else (
            fold_key(claim.value.speaker) if isinstance(claim.value, Quote) and claim.value.speaker else None)
        names: dict[str, float] = {}
        for a, b, k in mentions:
            if k == own and isinstance(claim.value, Name) or (a < claim.end and b > claim.start and not isinstance(claim.value, Quote)):
                continue
            if claim.sentence_start <= a and b <= claim.sentence_end:
                gap = max(0, a - claim.end, claim.start - b)
                weight = (1 / (1 + gap / 60)) ** 2  # squared: the names next to a claim are its subject
            elif para[0] <= a < para[1]:
                weight = 0.05
            else:
                continue
            names[k] = max(names.get(k, 0.0), weight)
        if own:  # a record naming the claim's own name (or the quote's speaker) is about it
            names[own] = 1.0
        dates = tuple(
            (d.value, DATE_WEIGHT * (1 / (1 + max(0, d.start - claim.end, claim.start - d.end) / 60)) ** 2)
            for d in extraction.claims
            if d.type == "date" and d is not claim and claim.type != "date"
            and claim.sentence_start <= d.start and d.end <= claim.sentence_end
        )
        out[claim.id] = Context(names, claim.sentence, own, para, dates,
                                {k: (1.0 if k == own else idf(k)) for k in names})
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def candidates(claim: Claim, ctx: Context, index: ValueIndex) -> list[int]:
    """Database keys of the records worth comparing with this claim."""
    names = sorted(ctx.names, key=lambda k: -ctx.names[k])[:8]
    v = claim.value
    if isinstance(v, Money):
        if not v.currency:
            return []
        agreeing = index.amount_matches(v.currency, float(v.low), float(v.high), names=names, limit=CANDIDATES)
        about = index.name_matches(names, limit=CANDIDATES // 2) if names else []
        return list(dict.fromkeys(agreeing + about))
    if isinstance(v, DateValue):
        if not names:
            return []
        agreeing = index.date_matches(v.start, v.end, names=names, limit=CANDIDATES)
        about = index.name_matches(names, limit=CANDIDATES // 4)
        return list(dict.fromkeys(agreeing + about))
    if isinstance(v, Name):
        return index.name_matches(names, require=ctx.key, limit=CANDIDATES)
    if isinstance(v, Quote):
        words = sorted(set(content_words(v.text)), key=len, reverse=True)[:12]
        by_words = index.text_matches(words, limit=CANDIDATES // 2)
        by_speaker = index.quote_matches(ctx.key, limit=CANDIDATES // 4)
        about = index.name_matches(names, limit=CANDIDATES // 4) if names else []
        return list(dict.fromkeys(by_words + by_speaker + about))
    return []


def _subject(ctx: Context, rec: StoredRecord, span: tuple[int, int] | None, *, rare: bool = False) -> float:
    """Share of the claim's context (names, dates) the record also holds, near its evidence.

    With `rare`, names count by how few records hold them, which is how records are ranked.
    """
    def weight_of(key: str) -> float:
        return ctx.names[key] * (ctx.idf.get(key, 1.0) if rare and ctx.idf else 1.0)

    total = sum(weight_of(k) for k in ctx.names) + sum(w for _, w in ctx.dates)
    if not total:
        return 0.0

    def near(spans: list[tuple[int, int]]) -> float:
        if span is None:
            return 0.5
        gap = min(max(0, s - span[1], span[0] - e) for s, e in spans)
        return 1 / (1 + gap / 80)

    got = 0.0
    for key in ctx.names:
        spans = [(s, e) for k, _c, _t, s, e in rec.values.names if k == key]
        if spans:
            got += weight_of(key) * near(spans)
    for value, weight in ctx.dates:
        spans = [(d[4], d[5]) for d in rec.values.dates if date_agreement(value, d[2], d[3]) == "agrees"]
        if spans:
            got += weight * near(spans)
    return min(1.0, got / total)


def _lexical(ctx: Context, rec: StoredRecord, language: str) -> float:
    """Wording shared by the claim's sentence and the record: token-set similarity in the same
    language; across languages only look-alike words ("cofondateur" ~ "co-founder") count."""
    if rec.record.language and rec.record.language != language:
        return 0.8 * cognate_share(ctx.sentence, rec.record.excerpt)
    a = " ".join(content_words(ctx.sentence))
    b = " ".join(content_words(rec.record.excerpt + " " + rec.record.title))
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(a, b, processor=None, score_cutoff=0) / 100


def compare(claim: Claim, ctx: Context, rec: StoredRecord, extraction: Extraction) -> Match | None:
    """How one record bears on one claim, or None when it says nothing about it."""
    v = claim.value
    r = rec.record
    later = bool(r.published and r.published > extraction.published)
    lexical = _lexical(ctx, rec, extraction.language)
    agreement = "unknown"
    span: tuple[int, int] | None = None
    value_score = 0.2
    source_value = None
    quote_class = None

    if isinstance(v, Money):
        same = [a for a in rec.values.amounts if a[0] == v.currency]
        if not same:
            return None
        agreeing = [a for a in same if money_agreement(v, a[0], a[2], a[3]) == "agrees"]
        target = float(v.amount)
        best = min(agreeing or same, key=lambda a: abs(a[1] - target))
        span = (best[4], best[5])
        source_value = f"{_fmt(best[1])} {best[0]}"
        # Another amount conflicts only in a record that holds most of the claim's distinctive
        # context: the same company's other deals are not a contradiction.
        if agreeing:
            agreement, value_score = "agrees", 1.0
        elif _subject(ctx, rec, span, rare=True) >= CONFLICT_SUBJECT:
            agreement, value_score = "conflicts", 0.0
        else:
            agreement, value_score = "unknown", 0.1
    elif isinstance(v, DateValue):
        if not rec.values.dates:
            return None
        graded = [(date_agreement(v, d[2], d[3]), d) for d in rec.values.dates]
        agreeing = [d for a, d in graded if a == "agrees"]
        if agreeing:
            # An approximate date ("il y a moins de deux semaines") is best met near its own day.
            best = max(agreeing, key=lambda d: date_closeness(v, d[2], d[3])) if claim.approximate else agreeing[0]
            agreement, value_score = "agrees", date_closeness(v, best[2], best[3]) if claim.approximate else 1.0
        else:
            best = graded[0][1]
            # Dates in a record are about many events: another date conflicts only in a near-identical sentence.
            same_event = _same_sentence(ctx.sentence, r.excerpt, (best[4], best[5])) >= 0.8
            agreement = "conflicts" if same_event and all(a == "conflicts" for a, _ in graded) else "unknown"
            value_score = 0.0 if agreement == "conflicts" else 0.1
        span = (best[4], best[5])
        source_value = best[0]
    elif isinstance(v, Name):
        spans = [(s, e) for k, _c, _t, s, e in rec.values.names if k == ctx.key]
        if not spans:
            return None
        span = spans[0]
        agreement, value_score = "agrees", 1.0
        source_value = r.excerpt[span[0]:span[1]]
    elif isinstance(v, Quote):
        al = align_quote(v.text, r.excerpt)
        quote_class = al.quote_class
        span = (al.start, al.end) if al.end > al.start else None
        if quote_class == "not_found" and r.language and r.language != extraction.language:
            quote_class, span = _translated(v, ctx, rec)
        if quote_class == "not_found":
            return None
        evidence_text = r.excerpt[span[0]:span[1]] if span else ""
        if quote_class in ("verbatim", "close") and _digits(v.text) != _digits(evidence_text):
            quote_class = "partial"  # a changed figure is not a small edit
        if quote_class in ("verbatim", "close", "partial") and negated(v.text) != negated(_around(r.excerpt, span)):
            quote_class = "negated"
        elif quote_class in ("verbatim", "close", "partial", "translation") and _other_speaker(v, ctx, rec, span):
            quote_class = "misattributed"
        agreement = {"verbatim": "agrees", "close": "agrees", "translation": "agrees",
                     "negated": "conflicts", "misattributed": "conflicts"}.get(quote_class, "unknown")
        value_score = {"verbatim": 1.0, "close": 0.9, "translation": 0.7, "partial": 0.5,
                       "paraphrase": 0.35}.get(quote_class, 0.0)
        source_value = evidence_text
    else:
        return None

    subject = _subject(ctx, rec, span)
    relevance = 0.65 * subject + 0.35 * lexical if ctx.names else lexical
    score = 0.45 * _subject(ctx, rec, span, rare=True) + 0.35 * value_score + 0.20 * lexical
    if later:
        score *= LATER_FACTOR
    start, end = span if span else (0, 0)
    return Match(
        source_id=r.id, score=round(min(1.0, score), 4), agreement=agreement,
        evidence=r.excerpt[start:end], evidence_start=start, evidence_end=end, later=later,
        title=r.title, publisher=r.publisher, published=r.published, url=r.url, excerpt=r.excerpt,
        source_value=source_value, quote_class=quote_class, relevance=round(relevance, 4),
    )


def _same_sentence(sentence: str, excerpt: str, span: tuple[int, int]) -> float:
    """How alike the claim's sentence and the record's sentence holding `span` are (0-1)."""
    around = next((s.text for s in split_sentences(excerpt) if s.start <= span[0] < s.end), excerpt)
    a, b = " ".join(content_words(sentence)), " ".join(content_words(around))
    return fuzz.token_sort_ratio(a, b) / 100 if a and b else 0.0


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _around(text: str, span: tuple[int, int] | None, margin: int = 25) -> str:
    if span is None:
        return ""
    return text[max(0, span[0] - margin):span[1] + 5]


def _other_speaker(v: Quote, ctx: Context, rec: StoredRecord, span: tuple[int, int] | None) -> bool:
    """The record quotes the same words from someone else."""
    if span is None or not ctx.key:
        return False
    for speaker, _text, s, e in rec.values.quotes:
        if s < span[1] and e > span[0] and speaker and speaker != ctx.key:
            return True
    return False


def _translated(v: Quote, ctx: Context, rec: StoredRecord) -> tuple[str, tuple[int, int] | None]:
    """A quote of the same speaker in a record of another language whose words look alike."""
    best = (0.0, None)
    for speaker, text, s, e in rec.values.quotes:
        if ctx.key and speaker == ctx.key:
            share = cognate_share(v.text, text)
            if share > best[0]:
                best = (share, (s, e))
    if best[1] is not None and best[0] >= 0.6:
        return "translation", best[1]
    return "not_found", None


def _fmt(amount: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if amount >= scale:
            return f"{amount / scale:g} {word}"
    return f"{amount:g}"
