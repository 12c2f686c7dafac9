"""Matching claims to the records that speak about them.

For each claim:
1. Candidates come from the value index, never from a scan (`gather`): the records holding the
   claim's value (an amount within its bounds in its currency, a date inside its period or a
   period containing it, the same name or the same initial+surname key for a person) or the
   quote's words and speaker, ranked by the claim's context: the names around it and the key words
   of its sentence, each weighted by how close it stands and by how few records hold it (IDF); for
   conflicts, records of the same context holding another amount or date nearby. Posting lists are
   read rarest first and never whole: a list longer than `RARE` is only probed, for the records
   already short-listed (docs/matching.md).
2. rapidfuzz scores the short list: `process.extract` with the records as a mapping
   pk -> text, `score_cutoff` set and `fold_lower` (case, accents, apostrophes) as the one
   processor: token-set similarity of the claim's sentence for values and names, partial ratio of
   the quote for quotes.
3. Each candidate is compared (checker/compare.py) and scored:
   - subject: the claim's context names (and dates) that the record also holds near its evidence;
   - value: whether the record's value agrees, and how closely; quotes by their class;
   - lexical: the rapidfuzz similarity of step 2 (look-alike words across languages).
   `score = 0.45 subject + 0.35 value + 0.20 lexical`, times 0.85 for a record published after the
   article. The suggestion comes from checker/verdict.py.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable

from rapidfuzz import fuzz, process

from claims import Claim, DateValue, Extraction, Money, Name, Quote, extract
from claims.text import content_words, fold_key, fold_lower, person_key, split_sentences
from sources.index import (
    Source,
    StoredRecord,
    ValueIndex,
    person_term,
    word_term,
)
from sources.library import Library
from settings import DOLLAR, TRANSLATION_MODEL

from .compare import (
    TRANSLATION_MIN,
    SentenceEmbedder,
    classify_quote,
    cognate_share_words,
    date_agreement,
    date_closeness,
    money_agreement,
    name_agreement,
    sentence_embedder,
)
from .inputs import InputError
from .model import MAX_CLAIMS, ArticleCheck, ClaimCheck, Match, Reason
from .verdict import explain, render_reason

MAX_MATCHES = 5
CANDIDATES = 40
LATER_FACTOR = 0.85
CONFLICT_SUBJECT = 0.5

# Candidate gathering (see `gather`).
COUNT_CAP = 4000  # posting lists are counted up to this (IDF of anything commoner is about the same)
RARE = 500  # a list of at most this many records is read whole; a longer one is only probed
POOL = 300  # the best records so far, on which the common lists are probed
PROBES = 8  # common lists probed per look-up
HELD_PROBE = 1000  # records of the rare context checked for a common required value
DRIVE = 1000  # records read from the rarest common list when nothing rarer gave enough
SCAN = 20_000  # records of the rarest list a two-list join reads at most
_KEYED_KINDS = ("name", "term", "speaker")
KEY_WORDS = 10  # key words of a claim's sentence used as context
KEY_WORD_WEIGHT = 0.25
SPEAKER_WEIGHT = 2.0
WIDER = 100  # another amount within this factor may be a conflicting figure for the same thing
DATE_WIDER = 3 * 366  # days around a date where another date may conflict with it

# The translation model is a setting of the workbench (settings.py).
TRANSLATION_SETTING = TRANSLATION_MODEL.name


class _Lazy:
    """A model made on first use (the translation model costs about a second to load)."""

    def __init__(self, make: Callable[[], SentenceEmbedder | None]):
        self._make, self._made, self._model = make, False, None

    def get(self) -> SentenceEmbedder | None:
        if not self._made:
            self._model, self._made = self._make(), True
        return self._model


def translation_embedder() -> SentenceEmbedder | None:
    """The embedder the setting asks for (None when it is "off" or empty)."""
    name = TRANSLATION_MODEL.value()
    return sentence_embedder("" if name == "off" else name)


# rapidfuzz cut-offs (0-100).
LEXICAL_CUTOFF = 20
QUOTE_CUTOFF = 40


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
    words: tuple[str, ...] = field(default=())  # key words of the sentence (for candidates)
    canonical: dict[str, str] | None = None  # name key -> canonical name, for initial variants


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
    extraction = extract(text, language=language, published=published, gazetteer=gazetteer, dollar=DOLLAR.value())
    if len(extraction.claims) > MAX_CLAIMS:  # refused before the matching, whose work grows with them
        raise InputError(
            f"the article gives {len(extraction.claims):,} claims; the desk takes at most "
            f"{MAX_CLAIMS:,} in one article: split it before checking"
        )
    return check_extraction(extraction, text, library)


def check_extraction(
    extraction: Extraction, text: str, library: Library, *, find: Callable[[Claim, Context], list[int]] | None = None
) -> ArticleCheck:
    """Check extracted claims against the library.

    `find` replaces the value index as the source of each claim's candidates (claim, context ->
    database keys); the benchmark passes a brute-force scan there, everything else stays the same.
    """
    index = library.index
    index.ensure_terms()
    total = index.total()
    keys = list(dict.fromkeys(fold_key(c.value.canonical) for c in extraction.claims if isinstance(c.value, Name)))
    counts = dict(zip(keys, index.counts([Source("name", k) for k in keys], cap=COUNT_CAP)))
    contexts = contexts_of(extraction, text, idf=lambda k: idf(counts.get(k, 0), total))
    known: dict[Source, int] = {Source("name", k): n for k, n in counts.items()}
    if find is None:
        # Count every posting list the claims will read, in a few round trips.
        wanted_sources = list(
            dict.fromkeys(
                s for c in extraction.claims for q in searches(c, contexts[c.id]) for s in q.sources() if s not in known
            )
        )
        known.update(zip(wanted_sources, index.counts(wanted_sources, cap=COUNT_CAP, value_cap=RARE)))

        def find(claim: Claim, ctx: Context) -> list[int]:
            return candidates(claim, ctx, index, total=total, known=known)

    wanted = {claim.id: find(claim, contexts[claim.id]) for claim in extraction.claims}
    stored = index.stored([pk for pks in wanted.values() for pk in pks])
    # Loaded only when a quote meets a record in another language (then once per process).
    embedder = _Lazy(translation_embedder)
    words_of: dict[int, str] = {}  # content words of each record, computed once per check
    checks = []
    for claim in extraction.claims:
        ctx = contexts[claim.id]
        recs = {pk: stored[pk] for pk in wanted[claim.id] if pk in stored}
        lexical = lexical_scores(ctx, recs, extraction.language, words_of)
        quote_hits = quote_scores(claim, recs)
        matches = [
            m
            for pk, rec in recs.items()
            for m in [
                match_record(
                    claim,
                    ctx,
                    rec,
                    extraction,
                    lexical=lexical.get(pk, 0.0),
                    quote_hit=pk in quote_hits,
                    embedder=embedder,
                )
            ]
            if m is not None
        ]
        matches.sort(key=lambda m: (-m.score, m.source_id))
        matches = _off_subject_amounts_dropped(claim, matches)[:MAX_MATCHES]
        suggestion, confidence, parts = explain(claim, matches)
        checks.append(ClaimCheck(claim, tuple(matches), suggestion, confidence, render_reason(parts), parts))
    from .desk.memory import with_past_verdicts  # the desk's earlier verdicts (checker/desk/memory.py)

    checks = with_past_verdicts(library, extraction, contexts, checks, embedder=embedder)
    return ArticleCheck(extraction, tuple(checks))


def _off_subject_amounts_dropped(claim: Claim, matches: list[Match]) -> list[Match]:
    """An amount in a record about another subject (Microsoft's $1 billion for Amazon's $4 billion)
    says nothing of the claim: such records, neither agreeing nor conflicting, are candidates only
    when no record agrees or conflicts (the desk then says they are about another subject). A later
    record giving another total stays, without the "agrees" it would otherwise wear."""
    if not isinstance(claim.value, Money) or not any(m.agreement != "unknown" for m in matches):
        return matches
    return [m for m in matches if m.agreement != "unknown" or (m.later and m.note)]


def idf(df: int, total: int) -> float:
    """How much holding a name or a word says about a record: 1 for a unique one, 0.1 at least."""
    if total <= 1:
        return 1.0
    return min(1.0, max(0.1, math.log((total + 1) / (df + 0.5)) / math.log(total + 1)))


DATE_WEIGHT = 0.7


# How far from a claim the names of its paragraph count (weight 0.05): the whole of any paragraph of
# a news article, and a bounded stretch of a paragraph of a whole book, so that each claim looks at a
# bounded number of names (linear in the article).
PARAGRAPH_REACH = 5_000


def contexts_of(extraction: Extraction, text: str, *, idf=lambda key: 1.0) -> dict[str, Context]:
    paragraphs = _paragraphs(text)
    paragraph_starts = [a for a, _ in paragraphs]
    mentions = sorted(
        (a, b, fold_key(c.value.canonical))
        for c in extraction.claims
        if isinstance(c.value, Name)
        for a, b in (c.mentions or ((c.start, c.end),))
    )
    mention_starts = [a for a, _, _ in mentions]
    date_claims = sorted((d for d in extraction.claims if d.type == "date"), key=lambda d: d.start)
    date_starts = [d.start for d in date_claims]
    canonical = {fold_key(c.value.canonical): c.value.canonical for c in extraction.claims if isinstance(c.value, Name)}
    out = {}
    for claim in extraction.claims:
        i = bisect_right(paragraph_starts, claim.start) - 1
        para = paragraphs[i] if i >= 0 and claim.start < paragraphs[i][1] else (0, len(text))
        own = (
            fold_key(claim.value.canonical)
            if isinstance(claim.value, Name)
            else (fold_key(claim.value.speaker) if isinstance(claim.value, Quote) and claim.value.speaker else None)
        )
        names: dict[str, float] = {}
        name_words: set[str] = set()
        low = max(para[0], min(claim.sentence_start, claim.start - PARAGRAPH_REACH))
        high = min(para[1], max(claim.sentence_end, claim.end + PARAGRAPH_REACH))
        nearby = mentions[
            bisect_left(mention_starts, min(low, claim.sentence_start)) : bisect_left(
                mention_starts, max(high, claim.sentence_end)
            )
        ]
        for a, b, k in nearby:
            if claim.sentence_start <= a and b <= claim.sentence_end:
                name_words.update(content_words(text[a:b]))
            if (
                k == own
                and isinstance(claim.value, Name)
                or (a < claim.end and b > claim.start and not isinstance(claim.value, Quote))
            ):
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
            canonical.setdefault(own, claim.value.speaker if isinstance(claim.value, Quote) else own)
        in_sentence = (
            date_claims[bisect_left(date_starts, claim.sentence_start) : bisect_left(date_starts, claim.sentence_end)]
            if claim.type != "date"
            else ()
        )
        dates = tuple(
            (d.value, DATE_WEIGHT * (1 / (1 + max(0, d.start - claim.end, claim.start - d.end) / 60)) ** 2)
            for d in in_sentence
            if d is not claim and d.end <= claim.sentence_end
        )
        # Key words: the sentence's longer words, outside the claim itself and the names.
        own_words = set(content_words(claim.text)) | name_words
        key_words = sorted({w for w in content_words(claim.sentence) if w not in own_words}, key=lambda w: (-len(w), w))
        out[claim.id] = Context(
            names,
            claim.sentence,
            own,
            para,
            dates,
            {k: (1.0 if k == own else idf(k)) for k in names},
            tuple(key_words[:KEY_WORDS]),
            canonical,
        )
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


# ---- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    """One candidate look-up: records holding any of `required` (none: any record), ranked by the
    `context` sources they hold, each with its weight."""

    required: tuple[Source, ...]
    context: tuple[tuple[Source, float], ...]
    limit: int = CANDIDATES
    context_only: bool = False  # leave out records holding none of the context
    core: tuple[Source, ...] = ()  # what identifies the claim (default: the required sources)

    def sources(self) -> list[Source]:
        return list(self.required) + [s for s, _ in self.context]


def gather(index: ValueIndex, search: Search, *, total: int, known: dict[Source, int] | None = None) -> list[int]:
    """The records of one search, best first by the weight (times IDF) of the context they hold.

    Every source is counted first (up to COUNT_CAP). Then, rarest first and never reading a long
    list whole:
    1. lists of at most RARE records are read whole: a short required list is the pool every
       candidate comes from; a rare context list adds its weight to its records (for a common
       required value, only the HELD_PROBE best of them are kept, those that hold the value);
    2. if none of the claim's core lists (the required value; for a quote its words and speaker)
       is rare, the common ones drive: the records holding both of the two rarest (a quote's
       words or speaker; else the value and the names around it), by one index join over at most
       SCAN records; then, if still short, the DRIVE newest records of the rarest list that hold
       the required value;
    3. the PROBES heaviest common lists are probed on the POOL best records so far.
    With `context_only`, records holding none of the context are left out.
    """
    known = {} if known is None else known
    missing = [s for s in dict.fromkeys(search.sources()) if s not in known]
    known.update(zip(missing, index.counts(missing, cap=COUNT_CAP, value_cap=RARE)))
    required, limit = list(search.required), search.limit
    weight: dict[Source, float] = {}
    for src, w in search.context:
        if known[src]:
            weight[src] = weight.get(src, 0.0) + w * idf(known[src], total)
    required = [s for s in required if known[s]]
    if search.required and not required:
        return []

    rare = [s for s in weight if known[s] <= RARE]
    common = [s for s in weight if known[s] > RARE]
    short_required = bool(required) and all(known[s] <= RARE for s in required)
    lists = index.fetch_many(rare + (required if short_required else []))
    scores: dict[int, float] = {}
    pool: set[int] | None = None
    if short_required:
        pool = {pk for s in required for pk in lists[s]}
        scores = dict.fromkeys(pool, 0.0)
    for src in rare:
        for pk in lists[src]:
            if pool is None or pk in pool:
                scores[pk] = scores.get(pk, 0.0) + weight[src]
    if required and not short_required and scores:
        best = _ranked(scores)[:HELD_PROBE]
        held = set().union(*index.having_many(required, best).values())
        scores = {pk: scores[pk] for pk in best if pk in held}

    credited: dict[Source, set[int]] = {}
    core = [s for s in (search.core or search.required) if known.get(s)]
    core_hit = any(lists.get(s) for s in core if s in rare) or short_required
    if not core_hit and (common or required):
        # Everything that identifies the claim is common: the records holding both of its two
        # rarest lists (a quote's words or speaker; else the value and the names around it), found
        # by one index join that reads at most SCAN records of the rarest.
        # (a value's count stops at RARE + 1, so it cannot be compared: values are never joined)
        joinable = core if not required else [s for s in required + common if s.kind == "name"]
        pair = sorted(joinable, key=lambda s: (known[s], s.kind != "speaker"))[:2]
        if len(pair) == 2 and pair[1].kind in _KEYED_KINDS:
            first, second = pair
            found = index.intersect(first, second, scan=SCAN, limit=DRIVE)
            if required and first not in required and second not in required and found:
                held = set().union(*index.having_many(required, found).values())
                found = [pk for pk in found if pk in held]
            for pk in found:
                scores[pk] = scores.get(pk, 0.0) + weight.get(first, 0.0) + weight.get(second, 0.0)
            credited.setdefault(first, set()).update(found)
            credited.setdefault(second, set()).update(found)
        if len(scores) < limit:
            driver = min(common + required, key=lambda s: (known[s], s in required))
            found = [pk for pk in index.fetch(driver, limit=DRIVE) if pk not in credited.get(driver, ())]
            if required and driver not in required:
                held = set().union(*index.having_many(required, found).values())
                found = [pk for pk in found if pk in held]
            for pk in found:
                scores[pk] = scores.get(pk, 0.0) + weight.get(driver, 0.0)
            credited.setdefault(driver, set()).update(found)
    probe = sorted(common, key=lambda s: -weight[s])[:PROBES]
    if probe and len(scores) > limit:
        for src, pks in index.having_many(probe, _ranked(scores)[:POOL]).items():
            for pk in pks - credited.get(src, set()):
                scores[pk] += weight[src]
    ranked = _ranked(scores)
    if search.context_only:
        ranked = [pk for pk in ranked if scores[pk] > 0]
    return ranked[:limit]


def _ranked(scores: dict[int, float]) -> list[int]:
    return sorted(scores, key=lambda pk: (-scores[pk], -pk))


def _context_sources(ctx: Context, *, skip: set[str] = frozenset()) -> tuple[tuple[Source, float], ...]:
    names = sorted((k for k in ctx.names if k not in skip), key=lambda k: -ctx.names[k])[:8]
    out = [(Source("name", k), ctx.names[k]) for k in names]
    out += [(Source("term", word_term(w)), KEY_WORD_WEIGHT) for w in ctx.words]
    return tuple(out)


def searches(claim: Claim, ctx: Context) -> list[Search]:
    """The look-ups that find a claim's candidates."""
    v = claim.value
    if isinstance(v, Money):
        if not v.currency:
            return []
        low, high = float(v.low), float(max(v.high, v.amount_max or v.high))
        context = _context_sources(ctx)
        out = [Search((Source("amount", (v.currency, low, high)),), context)]
        if context:
            # Records about the same subject with another amount in the currency (within a factor
            # of WIDER) may conflict: they need the context, not the value. (A record's "about
            # $4.3 billion" that agrees with "4 milliards" is found here too, and compared.)
            out.append(
                Search((Source("amount", (v.currency, low / WIDER, high * WIDER)),), context, CANDIDATES // 2, True)
            )
        return out
    if isinstance(v, DateValue):
        if not ctx.names:  # dates are everywhere: only a date with a subject is checked
            return []
        context = _context_sources(ctx)
        wide = (v.start - dt.timedelta(days=DATE_WIDER), v.end + dt.timedelta(days=DATE_WIDER))
        return [
            Search((Source("date", (v.start, v.end)),), context),
            Search((Source("date_range", wide),), context, CANDIDATES // 4, True),
        ]
    if isinstance(v, Name):
        required = [Source("name", ctx.key)]
        initial = person_key(v.canonical) if claim.type == "person" else None
        if initial:
            required.append(Source("term", person_term(initial)))
        return [Search(tuple(required), _context_sources(ctx, skip={ctx.key}))]
    if isinstance(v, Quote):
        context = [(Source("term", word_term(w)), 1.0) for w in dict.fromkeys(content_words(v.text))]
        if ctx.key:  # records quoting the speaker, then records naming them
            context.append((Source("speaker", ctx.key), SPEAKER_WEIGHT))
            context.append((Source("name", ctx.key), 1.0))
            initial = person_key(v.speaker or "")
            if initial:
                context.append((Source("term", person_term(initial)), 0.5))
        core = tuple(s for s, _w in context if s.kind in ("term", "speaker"))
        context += [
            (s, w * 0.5) for s, w in _context_sources(ctx, skip={ctx.key} if ctx.key else set()) if s.kind == "name"
        ]
        return [Search((), tuple(context), core=core)]
    return []


def candidates(
    claim: Claim, ctx: Context, index: ValueIndex, *, total: int, known: dict[Source, int] | None = None
) -> list[int]:
    """Database keys of the records worth comparing with this claim, best first."""
    found: list[int] = []
    for search in searches(claim, ctx):
        found += gather(index, search, total=total, known=known)
    return list(dict.fromkeys(found))


# ---- scoring the short list with rapidfuzz ---------------------------------------------------


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
    spans = [(s, e) for k, _c, _t, s, e in rec.values.names if k == key]
    if not spans and canonical:
        wanted = person_key(canonical)
        if wanted:
            spans = [
                (s, e)
                for _k, c, t, s, e in rec.values.names
                if t == "person" and person_key(c) == wanted and name_agreement(canonical, c) == "agrees"
            ]
    return spans


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


def match_record(
    claim: Claim,
    ctx: Context,
    rec: StoredRecord,
    extraction: Extraction,
    *,
    lexical: float = 0.0,
    quote_hit: bool = True,
    embedder: SentenceEmbedder | _Lazy | None = None,
) -> Match | None:
    """How one record bears on one claim, or None when it says nothing about it."""
    v = claim.value
    r = rec.record
    later = bool(r.published and r.published > extraction.published)
    agreement = "unknown"
    span: tuple[int, int] | None = None
    value_score = 0.2
    source_value = None
    quote_class = None
    note = ""
    note_parts: Reason = ()
    other_values: tuple[str, ...] = ()
    speaker_agrees: bool | None = None

    if isinstance(v, Money):
        same = [a for a in rec.values.amounts if a[0] == v.currency]
        if not same:
            return None
        agreeing = [a for a in same if money_agreement(v, a[0], a[2], a[3]) == "agrees"]
        target = float(v.amount)
        best = min(agreeing or same, key=lambda a: abs(a[1] - target))
        span = (best[4], best[5])
        source_value = r.excerpt[best[4] : best[5]]
        other_values = tuple(dict.fromkeys(r.excerpt[a[4] : a[5]] for a in same if a is not best))
        # Another amount conflicts only in a record that holds most of the claim's distinctive
        # context: the same company's other deals are not a contradiction.
        # A later record that also gives a larger figure of that currency (a new total: "$4 billion
        # more, $8 billion in all") is no confirmation of the article's figure.
        larger = [a for a in same if a is not best and a[1] > target * 1.05 and a not in agreeing]
        if agreeing and later and larger:
            agreement, value_score = "unknown", 0.5
            note = f"a later record that gives another total ({r.excerpt[larger[0][4] : larger[0][5]]})"
        elif agreeing:
            agreement, value_score = "agrees", 1.0
        elif _subject(ctx, rec, span, rare=True) >= CONFLICT_SUBJECT:
            agreement, value_score = "conflicts", 0.0
            note = f"the record gives {source_value}, the article {claim.text}"
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
            if agreement == "conflicts":
                note = f"the record gives {best[0]}, the article {v.iso}"
        span = (best[4], best[5])
        source_value = best[0]
        other_values = tuple(dict.fromkeys(d[0] for d in rec.values.dates if d is not best))
    elif isinstance(v, Name):
        spans = _name_spans(rec, ctx.key or "", v.canonical if claim.type == "person" else None)
        if not spans:
            return None
        span = spans[0]
        agreement, value_score = "agrees", 1.0
        source_value = r.excerpt[span[0] : span[1]]
        if fold_key(source_value) != ctx.key:
            note = f"the record writes {source_value}"
    elif isinstance(v, Quote):
        al = (
            classify_quote(v.text, r.excerpt, speaker=v.speaker, record_quotes=rec.values.quotes) if quote_hit else None
        )
        if al is not None and al.quote_class != "not_found":
            quote_class, note, speaker_agrees = al.quote_class, al.note, al.speaker_agrees
            note_parts = al.note_parts  # so that a reason quoting the note writes it in any language
            span = (al.start, al.end)
        elif r.language and r.language != extraction.language:
            quote_class, span, note = _translated(v, ctx, rec, embedder)
        if quote_class in (None, "not_found"):
            return None
        agreement = {
            "verbatim": "agrees",
            "close": "agrees",
            "translation": "agrees",
            "negated": "conflicts",
            "misattributed": "conflicts",
        }.get(quote_class, "unknown")
        value_score = {
            "verbatim": 1.0,
            "close": 0.9,
            "translation": 0.7,
            "partial": 0.5,
            "paraphrase": 0.35,
            "negated": 0.6,
            "misattributed": 0.6,
        }.get(quote_class, 0.0)
        source_value = r.excerpt[span[0] : span[1]] if span else ""
    else:
        return None

    subject = _subject(ctx, rec, span)
    relevance = 0.65 * subject + 0.35 * lexical if ctx.names else lexical
    score = 0.45 * _subject(ctx, rec, span, rare=True) + 0.35 * value_score + 0.20 * lexical
    if later:
        score *= LATER_FACTOR
    start, end = span if span else (0, 0)
    return Match(
        source_id=r.id,
        score=round(min(1.0, score), 4),
        agreement=agreement,
        evidence=r.excerpt[start:end],
        evidence_start=start,
        evidence_end=end,
        later=later,
        title=r.title,
        publisher=r.publisher,
        published=r.published,
        url=r.url,
        excerpt=r.excerpt,
        source_value=source_value,
        quote_class=quote_class,
        relevance=round(relevance, 4),
        note=note,
        note_parts=note_parts,
        other_values=other_values,
        speaker_agrees=speaker_agrees,
    )


def _same_sentence(sentence: str, excerpt: str, span: tuple[int, int]) -> float:
    """How alike the claim's sentence and the record's sentence holding `span` are (0-1)."""
    around = next((s.text for s in split_sentences(excerpt) if s.start <= span[0] < s.end), excerpt)
    a, b = " ".join(content_words(sentence)), " ".join(content_words(around))
    return fuzz.token_sort_ratio(a, b, processor=None) / 100 if a and b else 0.0


def _translated(
    v: Quote, ctx: Context, rec: StoredRecord, embedder: SentenceEmbedder | _Lazy | None = None
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
    model = embedder.get() if isinstance(embedder, _Lazy) else embedder
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
