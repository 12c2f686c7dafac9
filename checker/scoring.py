"""Scoring a claim's short list (steps 2 and 3 of checker/match.py): the wording each record shares with
the claim's sentence (rapidfuzz), and how one record bears on one claim (`match_record`): whether its
value agrees, how much of the claim's context it holds near its evidence, and the score of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rapidfuzz import fuzz, process

from claims import Claim, DateValue, Extraction, Money, Name, Quote
from claims.lexicon import name_key
from claims.text import content_words, fold_key, fold_lower, person_key, split_sentences
from sources.index import StoredRecord

from .compare import (
    TRANSLATION_MIN,
    SentenceEmbedder,
    classify_quote,
    cognate_share_words,
    date_agreement,
    date_closeness,
    name_agreement,
)
from .context import Context, key_variants, untitled
from .given_names import person_keys
from .model import Match, Reason, ReasonPart
from .rounding import DISTINCTIVE_RELEVANCE, amount_agrees, distinctive_figure, keeps_digits
from .verdict import render_reason
from .wording import same_sentence, with_retelling

LATER_FACTOR = 0.85
# The reports of the time are cited first: a record published within a few days after the article
# (the same event, reported a day or two on) is lowered less, one published a month or more after it
# (later events) more, and an earlier record the more the older it is (up to OLD_FACTOR at a year).
SOON_DAYS = 7
SOON_FACTOR = 0.95
MUCH_LATER_DAYS = 30
MUCH_LATER_FACTOR = 0.75
OLD_FACTOR = 0.8
UNDATED_FACTOR = 0.95


def timeliness(published, article_published) -> float:
    """The factor of a record's score for when it was published, against the article's date."""
    if article_published is None:
        return 1.0
    if published is None:  # a record that does not say when it was written is cited after a dated one
        return UNDATED_FACTOR
    days = (published - article_published).days
    if days > 0:
        return SOON_FACTOR if days <= SOON_DAYS else LATER_FACTOR if days < MUCH_LATER_DAYS else MUCH_LATER_FACTOR
    return 1.0 - (1.0 - OLD_FACTOR) * min(1.0, -days / 365)


CONFLICT_SUBJECT = 0.5
# Another figure this close to the claim's (a share of it), in a record about the subject that is not
# enough for a conflict, is worth a look: a misprint, a rounding, a correction.
CLOSE_FIGURE = 0.01
# rapidfuzz cut-offs (0-100).
LEXICAL_CUTOFF = 20
QUOTE_CUTOFF = 40


class Lazy:
    """A model made on first use (the translation model costs about a second to load)."""

    def __init__(self, make: Callable[[], SentenceEmbedder | None]):
        self._make, self._made, self._model = make, False, None

    def get(self) -> SentenceEmbedder | None:
        if not self._made:
            self._model, self._made = self._make(), True
        return self._model


def lexical_scores(
    ctx: Context, recs: dict[int, StoredRecord], language: str, words_of: dict[int, str]
) -> dict[int, float]:
    """Wording shared by the claim's sentence and each record (0-1): rapidfuzz token-set similarity
    of their content words in the same language; across languages only look-alike words
    ("cofondateur" ~ "co-founder") count, at 0.8."""
    query = " ".join(content_words(ctx.sentence))
    out: dict[int, float] = {}
    same: dict[int, str] = {}
    for pk, rec in recs.items():
        if pk not in words_of:
            words_of[pk] = " ".join(content_words(rec.record.excerpt + " " + rec.record.title))
        if rec.record.language and rec.record.language != language:
            out[pk] = 0.8 * cognate_share_words(query.split(), frozenset(words_of[pk].split()))
        else:
            same[pk] = words_of[pk]
    if query and same:
        for _text, score, pk in process.extract(
            query, same, scorer=fuzz.token_set_ratio, processor=fold_lower, score_cutoff=LEXICAL_CUTOFF, limit=None
        ):
            out[pk] = score / 100
    return out


def quote_scores(claim: Claim, recs: dict[int, StoredRecord]) -> dict[int, float]:
    """Records whose excerpt holds something like the quote (rapidfuzz partial ratio >= QUOTE_CUTOFF)."""
    if not isinstance(claim.value, Quote) or not recs:
        return {}
    choices = {pk: rec.record.excerpt for pk, rec in recs.items()}
    return {
        pk: score
        for _t, score, pk in process.extract(
            claim.value.text.strip(" ,.;:!?"),
            choices,
            scorer=fuzz.partial_ratio,
            processor=fold_lower,
            score_cutoff=QUOTE_CUTOFF,
            limit=None,
        )
    }


# ---- comparing one record with one claim ------------------------------------------------------


def _name_spans(rec: StoredRecord, key: str, canonical: str | None) -> list[tuple[int, int]]:
    """Where the record names `key`, or the same person under another form ("J. Leike")."""
    keys = {key, *key_variants(key)}
    spans = [(s, e) for k, _c, _t, s, e in rec.values.names if k in keys]
    if not spans and canonical:
        canonical = untitled(canonical)
        wanted = person_keys(canonical)
        if wanted:
            spans = [
                (s, e)
                for _k, c, t, s, e in rec.values.names
                if t == "person" and person_key(c) in wanted and name_agreement(canonical, c) == "agrees"
            ]
    return spans


# A record holding the article's rarest names is about its story, wherever it names them: its
# relevance is at least this share of `story_share`.
STORY_RELEVANCE = 0.5
STORY_FULL = 3.0  # the IDF weight of the article's names a record must hold to be fully on its story


def story_share(ctx: Context, rec: StoredRecord) -> float:
    """How much of the article's story a record tells (0-1): the IDF weight of the article's names
    it holds, anywhere in its excerpt, up to STORY_FULL (three names no other record holds)."""
    if not ctx.story:
        return 0.0
    held = {k for k, *_ in rec.values.names}
    return min(1.0, sum(w for k, w in ctx.story.items() if k in held) / STORY_FULL)


ISSUER_FACTOR = 1.15
ISSUER_NEAR = 0.3  # the weight of a name of the claim's sentence that may be its issuer (within about 50 characters)


def _issued_by(ctx: Context, publisher: str | None) -> bool:
    """Whether the record was published by the one the claim is about: the speaker of a quote, the
    organisation a name claim names, or (for an amount or a date) a name of its sentence ("Central
    Bank of Arland (media release)" for the bank's words, "Velmont S.A." for Velmont's figures)."""
    if not publisher:
        return False
    who = f" {' '.join(fold_key(publisher).replace('(', ' ').split())} "
    keys = [ctx.key] if ctx.key else [k for k, w in ctx.names.items() if w >= ISSUER_NEAR]
    canonical = ctx.canonical or {}
    names = {n for k in keys if k for n in (k, fold_key(canonical.get(k, k)), *key_variants(k))}
    # "CBA" for "Central Bank of Arland (media release)": the initials of the publisher's name
    initials = "".join(w[0] for w in publisher.split("(")[0].split() if w[:1].isupper()).lower()
    return any(len(n) > 2 and (f" {n} " in who or n == initials) for n in names)


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
        spans = _name_spans(rec, key, (ctx.canonical or {}).get(key))
        if spans:
            got += weight_of(key) * near(spans)
    for value, weight in ctx.dates:
        spans = [(d[4], d[5]) for d in rec.values.dates if date_agreement(value, d[2], d[3]) == "agrees"]
        if spans:
            got += weight * near(spans)
    return min(1.0, got / total)


@dataclass(frozen=True)
class _Reading:
    """What a record says of the claim's value: where (`span` in its excerpt), whether it agrees, how
    closely (`value_score`), and what the desk shows of it."""

    agreement: str = "unknown"
    span: tuple[int, int] | None = None
    value_score: float = 0.2
    source_value: str | None = None
    quote_class: str | None = None
    note: str = ""
    note_parts: Reason = ()
    other_values: tuple[str, ...] = ()
    speaker_agrees: bool | None = None


def match_record(
    claim: Claim,
    ctx: Context,
    rec: StoredRecord,
    extraction: Extraction,
    *,
    lexical: float = 0.0,
    quote_hit: bool = True,
    embedder: SentenceEmbedder | Lazy | None = None,
) -> Match | None:
    """How one record bears on one claim, or None when it says nothing about it."""
    v = claim.value
    r = rec.record
    later = bool(r.published and r.published > extraction.published)
    read: _Reading | None
    if isinstance(v, Money):
        read = _money(claim, v, ctx, rec, later, extraction)
    elif isinstance(v, DateValue):
        read = _date(claim, v, ctx, rec, later)
    elif isinstance(v, Name):
        read = _name(claim, v, ctx, rec)
    elif isinstance(v, Quote):
        read = _quote(v, ctx, rec, extraction, quote_hit, embedder)
    else:
        return None
    if read is None:
        return None
    span = read.span
    relevance = _relevance(claim, ctx, rec, span, lexical)
    if read.agreement == "agrees" and isinstance(v, Money) and distinctive_figure(v, rec.values.amounts):
        relevance = max(relevance, DISTINCTIVE_RELEVANCE)
    # (wording 0.25, context 0.40: editors cite the record sharing the sentence's words; more wording
    # put the seed's own record second at 100k, benchmarks/bench_check.py; then checker/wording.py)
    score = 0.40 * _subject(ctx, rec, span, rare=True) + 0.35 * read.value_score + 0.25 * lexical
    score = with_retelling(score, ctx.sentence, r.excerpt, read.span, read.agreement, quote=isinstance(v, Quote))
    score *= timeliness(r.published, extraction.published)
    if read.agreement != "conflicts" and _issued_by(ctx, r.publisher):
        score *= ISSUER_FACTOR  # the issuer's own release or statement is the record an editor cites first
    start, end = span if span else (0, 0)
    return Match(
        source_id=r.id,
        score=round(min(1.0, score), 4),
        agreement=read.agreement,
        evidence=r.excerpt[start:end],
        evidence_start=start,
        evidence_end=end,
        later=later,
        title=r.title,
        publisher=r.publisher,
        published=r.published,
        url=r.url,
        excerpt=r.excerpt,
        source_value=read.source_value,
        quote_class=read.quote_class,
        relevance=round(relevance, 4),
        note=read.note,
        note_parts=read.note_parts,
        other_values=read.other_values,
        speaker_agrees=read.speaker_agrees,
    )


def _relevance(claim: Claim, ctx: Context, rec: StoredRecord, span: tuple[int, int] | None, lexical: float) -> float:
    """How much a record is about the claim's subject (0-1): the context it holds near its
    evidence and the wording it shares, or at least its share of the article's story."""
    story = story_share(ctx, rec)
    if ctx.names:
        return max(0.65 * _subject(ctx, rec, span) + 0.35 * lexical, STORY_RELEVANCE * story)
    if ctx.story and isinstance(claim.value, DateValue):
        # A date in a sentence naming nobody is about the article's story: shared wording alone
        # ("en juin", "in November" and a few common words) does not put a record on it.
        return story * (0.5 + 0.5 * lexical)
    return max(lexical, STORY_RELEVANCE * story)


def _money(
    claim: Claim, v: Money, ctx: Context, rec: StoredRecord, later: bool, extraction: Extraction | None = None
) -> _Reading | None:
    r = rec.record
    same = [a for a in rec.values.amounts if a[0] == v.currency]
    if not same:
        return None
    agreeing = [a for a in same if amount_agrees(v, a)]
    target = float(v.amount)
    best = min(agreeing or same, key=lambda a: abs(a[1] - target))
    span = (best[4], best[5])
    source_value = r.excerpt[best[4] : best[5]]
    other_values = tuple(dict.fromkeys(r.excerpt[a[4] : a[5]] for a in same if a is not best))
    # Another amount conflicts only in a record that holds most of the claim's distinctive
    # context: the same company's other deals are not a contradiction.
    # A later record that also gives a larger figure of that currency (a new total: "$4 billion
    # more, $8 billion in all") is no confirmation of the article's figure.
    # Only a larger figure beside the agreeing one (its sentence) that the article does not itself
    # give: "$175 million within 10 days" is not the "$725 million" deal's total, and "1,000 and
    # 1,100 CFA francs" in a record are the article's two prices, not a new one.
    note_parts: Reason = ()
    larger = [
        a
        for a in same
        if a is not best
        and a[1] > target * 1.05
        and a not in agreeing
        and _same_sentence_span(r.excerpt, span, (a[4], a[5]))
        and not _article_gives(extraction, a)
    ]
    note = ""
    if agreeing and later and larger:
        agreement, value_score = "unknown", 0.5
        note = f"a later record that gives another total ({r.excerpt[larger[0][4] : larger[0][5]]})"
    elif agreeing:
        agreement, value_score = "agrees", money_closeness(v, best[1])
        if _rounder(v, best):
            note_parts = (ReasonPart.of("note.rounder", figure=source_value),)
    elif _subject(ctx, rec, span, rare=True) >= CONFLICT_SUBJECT and not _article_gives(extraction, best):
        # (a figure the article itself gives elsewhere is that other thing's: "$250m" of a "$500m"
        # plan is not contradicted by a record giving the "half-billion-dollar" plan)
        agreement, value_score = "conflicts", 0.0
        note = f"the record gives {source_value}, the article {claim.text}"
    else:
        agreement, value_score = "unknown", 0.1
        if abs(best[1] - target) <= CLOSE_FIGURE * target:  # "983 millions" for "984 millions"
            note_parts = (ReasonPart.of("note.close_figure", figure=source_value),)
    if note_parts:
        note = render_reason(note_parts)
    return _Reading(
        agreement, span, value_score, source_value, note=note, note_parts=note_parts, other_values=other_values
    )


def _rounder(v: Money, best: tuple) -> bool:
    """Whether an agreeing amount (currency, amount, low, high, ...) agrees only at its own, coarser
    precision: "S$3 billion" for "S$3.017 billion" ("plus de 2 milliards" for "2,1 milliards" is a
    bound the figure keeps; "DKK 102.6 billion" for "102,57 milliards" keeps enough digits to be the
    article's figure)."""
    bound = best[3] - best[1] > 2 * (best[1] - best[2]) or best[1] - best[2] > 2 * (best[3] - best[1])
    return (
        not float(v.low) <= best[1] <= float(v.high)
        and best[3] - best[2] > float(v.high - v.low)
        and not bound
        and not keeps_digits(best)
    )


def _same_sentence_span(excerpt: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans of an excerpt stand in the same sentence."""
    return any(s.start <= a[0] < s.end and s.start <= b[0] < s.end for s in split_sentences(excerpt))


def _article_gives(extraction: Extraction | None, amount: tuple) -> bool:
    """Whether the article itself gives a record's amount (currency, amount, low, high, ...)."""
    if extraction is None:
        return False
    return any(isinstance(c.value, Money) and amount_agrees(c.value, amount) for c in extraction.claims)


def money_closeness(v: Money, amount: float) -> float:
    """How closely an agreeing amount gives the claim's: 1 when the record's figure lies within the
    claim's own precision ("€1.4 billion" for "EUR1.4 billion"), less the further it stands, down to
    0.6 ("EUR1.3 billion" only touches it; "about 1.6 billion" agrees with "near 1.4 billion" only
    through the qualifier). An editor cites the record that gives the article's figure first."""
    target = float(v.amount)
    if not target or (float(v.low) <= amount <= float(v.high) and abs(amount - target) <= 0.005 * target):
        return 1.0
    return max(0.6, 0.9 - 3 * abs(amount - target) / target)


def date_precision_closeness(v: DateValue, first, last) -> float:
    """How closely an agreeing date gives the claim's: 1 for the same period or a day inside it ("5
    March" for "March 5", the day of "earlier this month"), 0.9 for a shorter period inside it (a
    half-year of the article's year, a year of its "between 2001 and 2015": a part, not the whole),
    0.8 for a coarser one holding it (the quarter of the claim's month), 0.6 for one at least four
    times as long (the year of "July 2016", the month of a day: it says little of when): the record
    that dates the event as the article does ranks first."""
    if v.start == first and last == v.end or v.start <= first == last <= v.end:
        return 1.0
    if v.start <= first and last <= v.end:
        return 0.9
    return 0.6 if _much_coarser(v, first, last) else 0.8


WEEKDAY_FACTOR = 0.9
UNWRITTEN_DAY = 0.6  # the value score of a report published on the claim's day that does not write it


def _day_closeness(v: DateValue, d: tuple, excerpt: str) -> float:
    """`date_precision_closeness` of a record's date (text, iso, first, last, start, end), times
    WEEKDAY_FACTOR when the claim is a day the record does not write out ("Friday", "today": dated
    through the record's own publication date, where "Vendredi 6 avril" states it)."""
    closeness = date_precision_closeness(v, d[2], d[3])
    if v.start == v.end and not any(ch.isdigit() for ch in excerpt[d[4] : d[5]]):
        return closeness * WEEKDAY_FACTOR
    return closeness


def _much_coarser(v: DateValue, first, last) -> bool:
    """Whether a record's period holding the claim's is at least four times as long (a month for a
    day, a year for a month or a quarter)."""
    return (last - first).days + 1 >= 4 * ((v.end - v.start).days + 1)


def _date(claim: Claim, v: DateValue, ctx: Context, rec: StoredRecord, later: bool = False) -> _Reading | None:
    r = rec.record
    dated_that_day = r.published is not None and v.start == v.end == r.published
    if dated_that_day and not any(date_agreement(v, d[2], d[3]) == "agrees" for d in rec.values.dates):
        # A report published on the claim's day tells of that day ("today", or no date at all).
        return _Reading(
            "agrees", None, UNWRITTEN_DAY, r.published.isoformat(), note="the record was published that day"
        )
    if not rec.values.dates:
        return None
    graded = [(date_agreement(v, d[2], d[3]), d) for d in rec.values.dates]
    agreeing = [d for a, d in graded if a == "agrees"]
    note = ""
    if agreeing:
        # An approximate date ("il y a moins de deux semaines") is best met near its own day.
        if claim.approximate:
            best = max(agreeing, key=lambda d: date_closeness(v, d[2], d[3]))
            value_score = date_closeness(v, best[2], best[3])
        else:
            best = max(agreeing, key=lambda d: _day_closeness(v, d, r.excerpt))  # the first of the closest
            value_score = _day_closeness(v, best, r.excerpt)
        agreement = "agrees"
        long_after = later and r.published is not None and (r.published - v.end).days >= MUCH_LATER_DAYS
        if (not ctx.names or long_after) and not claim.approximate and _much_coarser(v, best[2], best[3]):
            # A sentence naming nobody is checked against the article's story, and a record written
            # long after tells of later events: there "2017" holds "Monday" without saying it, the
            # record may date anything of that year.
            agreement, value_score = "unknown", 0.3
    else:
        best = graded[0][1]
        # Dates in a record are about many events: another date conflicts only in a near-identical sentence.
        same_event = same_sentence(ctx.sentence, r.excerpt, (best[4], best[5])) >= 0.8
        agreement = "conflicts" if same_event and all(a == "conflicts" for a, _ in graded) else "unknown"
        value_score = 0.0 if agreement == "conflicts" else 0.1
        if agreement == "conflicts":
            note = f"the record gives {best[0]}, the article {v.iso}"
    other_values = tuple(dict.fromkeys(d[0] for d in rec.values.dates if d is not best))
    return _Reading(agreement, (best[4], best[5]), value_score, best[0], note=note, other_values=other_values)


def _name(claim: Claim, v: Name, ctx: Context, rec: StoredRecord) -> _Reading | None:
    spans = _name_spans(rec, ctx.key or "", v.canonical if claim.type == "person" else None)
    if not spans:
        return None
    span = spans[0]
    source_value = rec.record.excerpt[span[0] : span[1]]
    note = f"the record writes {source_value}" if name_key(source_value) != ctx.key else ""
    return _Reading("agrees", span, 1.0, source_value, note=note)


# What each class of quote says of the claim: its agreement, and how closely it gives the quote.
QUOTE_AGREEMENT = {
    "verbatim": "agrees",
    "close": "agrees",
    "translation": "agrees",
    "negated": "conflicts",
    "misattributed": "conflicts",
}
QUOTE_SCORE = {
    "verbatim": 1.0,
    "close": 0.9,
    "translation": 0.7,
    "partial": 0.5,
    "paraphrase": 0.35,
    "negated": 0.6,
    "misattributed": 0.6,
}


def _quote(
    v: Quote,
    ctx: Context,
    rec: StoredRecord,
    extraction: Extraction,
    quote_hit: bool,
    embedder: SentenceEmbedder | Lazy | None,
) -> _Reading | None:
    r = rec.record
    quote_class: str | None = None
    span: tuple[int, int] | None = None
    note, note_parts, speaker_agrees = "", (), None
    al = (
        classify_quote(
            v.text,
            r.excerpt,
            speaker=v.speaker,
            record_quotes=rec.values.quotes,
            lead=_lead(ctx, v),
            organizations=_organizations(extraction, rec),
        )
        if quote_hit
        else None
    )
    if al is not None and al.quote_class != "not_found":
        quote_class, note, speaker_agrees = al.quote_class, al.note, al.speaker_agrees
        note_parts = al.note_parts  # so that a reason quoting the note writes it in any language
        span = (al.start, al.end)
    elif r.language and r.language != extraction.language:
        quote_class, span, note = _translated(v, ctx, rec, embedder)
    if quote_class in (None, "not_found"):
        return None
    return _Reading(
        QUOTE_AGREEMENT.get(quote_class, "unknown"),
        span,
        QUOTE_SCORE.get(quote_class, 0.0),
        r.excerpt[span[0] : span[1]] if span else "",
        quote_class,
        note,
        note_parts,
        speaker_agrees=speaker_agrees,
    )


def _lead(ctx: Context, v: Quote) -> str:
    """The article's words before the quote in its sentence."""
    at = ctx.sentence.find(v.text)
    return ctx.sentence[:at] if at > 0 else ""


def _organizations(extraction: Extraction, rec: StoredRecord) -> frozenset[str]:
    """The organisations named by the article and by the record (folded keys)."""
    return frozenset(
        {
            name_key(c.value.canonical)
            for c in extraction.claims
            if c.type == "organization" and isinstance(c.value, Name)
        }
        | {k for k, _c, t, _s, _e in rec.values.names if t == "organization"}
    )


def _translated(
    v: Quote, ctx: Context, rec: StoredRecord, embedder: SentenceEmbedder | Lazy | None = None
) -> tuple[str, tuple[int, int] | None, str]:
    """A quote of the same speaker in a record of another language that says the same thing:
    by meaning with a sentence-embedding model (when one is set), else by look-alike words.

    With the model, the record's quotes of that speaker are cut into sentences and runs of up to
    three sentences, and the closest run (cosine >= TRANSLATION_MIN) is the evidence."""
    own = [
        (s, e, text)
        for speaker, text, s, e in rec.values.quotes
        if ctx.key and speaker and name_agreement(ctx.key, speaker) == "agrees"
    ]
    model = embedder.get() if isinstance(embedder, Lazy) else embedder
    if model is not None and own:
        runs = [
            (s + a.start, s + b.end)
            for s, _e, text in own
            for sentences in [split_sentences(text)]
            for i, a in enumerate(sentences)
            for b in sentences[i : i + 3]
        ]
        texts = [rec.record.excerpt[a:b] for a, b in runs]
        sims = model.similarities(v.text.strip(" ,.;:!?"), texts)
        if sims:
            best = max(range(len(sims)), key=lambda i: (sims[i], -(runs[i][1] - runs[i][0])))
            if sims[best] >= TRANSLATION_MIN:
                return "translation", runs[best], f"same meaning in another language (similarity {sims[best]:.2f})"
    best_share, best_span = 0.0, None
    words = content_words(v.text)
    for s, e, text in own:
        share = cognate_share_words(words, frozenset(content_words(text)))
        if share > best_share:
            best_share, best_span = share, (s, e)
    if best_span is not None and best_share >= 0.6:
        return "translation", best_span, "look-alike words in another language"
    return "not_found", None, ""
