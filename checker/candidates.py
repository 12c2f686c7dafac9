"""A claim's candidate records, from the value index and never from a scan (step 1 of checker/match.py).

The records holding the claim's value (an amount within its bounds in its currency, a date inside its
period or a period containing it, the same name or the same initial+surname key for a person) or the
quote's words and speaker, ranked by the claim's context (checker/context.py); for conflicts, records
of the same context holding another amount or date nearby. Posting lists are read rarest first and
never whole: a list longer than `RARE` is only probed, for the records already short-listed
(docs/matching.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from claims import Claim, DateValue, Extraction, Money, Name, Quote
from claims.lexicon import name_key
from claims.text import content_words, person_key
from sources.index import Source, ValueIndex
from sources.terms import person_term, word_term

from .context import Context, idf, key_variants
from .context import untitled as _untitled
from .given_names import person_keys
from .rounding import window

CANDIDATES = 40
# Candidate gathering (see `gather`).
COUNT_CAP = 4000  # posting lists are counted up to this (IDF of anything commoner is about the same)
RARE = 500  # a list of at most this many records is read whole; a longer one is only probed
POOL = 300  # the best records so far, on which the common lists are probed
PROBES = 8  # common lists probed per look-up
HELD_PROBE = 1000  # records of the rare context checked for a common required value
DRIVE = 1000  # records read from the rarest common list when nothing rarer gave enough
SCAN = 20_000  # records of the rarest list a two-list join reads at most
_KEYED_KINDS = ("name", "term", "speaker")
KEY_WORD_WEIGHT = 0.25
SPEAKER_WEIGHT = 2.0
WIDER = 100  # another amount within this factor may be a conflicting figure for the same thing
DATE_WIDER = 3 * 366  # days around a date where another date may conflict with it


def name_counts(index: ValueIndex, extraction: Extraction) -> dict[str, int]:
    """How many records hold each name of the article (up to COUNT_CAP), by name key."""
    keys = list(dict.fromkeys(name_key(c.value.canonical) for c in extraction.claims if isinstance(c.value, Name)))
    return dict(zip(keys, index.counts([Source("name", k) for k in keys], cap=COUNT_CAP)))


def count_sources(
    index: ValueIndex, extraction: Extraction, contexts: dict[str, Context], known: dict[Source, int]
) -> None:
    """Count every posting list the claims will read, in a few round trips (into `known`)."""
    wanted_sources = list(
        dict.fromkeys(
            s for c in extraction.claims for q in searches(c, contexts[c.id]) for s in q.sources() if s not in known
        )
    )
    known.update(zip(wanted_sources, index.counts(wanted_sources, cap=COUNT_CAP, value_cap=RARE)))


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
        _drive(index, core, required, common, known, weight, scores, credited, limit)
    probe = sorted(common, key=lambda s: -weight[s])[:PROBES]
    if probe and len(scores) > limit:
        for src, pks in index.having_many(probe, _ranked(scores)[:POOL]).items():
            for pk in pks - credited.get(src, set()):
                scores[pk] += weight[src]
    ranked = _ranked(scores)
    if search.context_only:
        ranked = [pk for pk in ranked if scores[pk] > 0]
    return ranked[:limit]


def _drive(
    index: ValueIndex,
    core: list[Source],
    required: list[Source],
    common: list[Source],
    known: dict[Source, int],
    weight: dict[Source, float],
    scores: dict[int, float],
    credited: dict[Source, set[int]],
    limit: int,
) -> None:
    """Step 2 of `gather`, when everything that identifies the claim is common: add to `scores` (and
    to `credited`, by the list that found them) the records the common lists drive to."""
    # The records holding both of its two rarest lists (a quote's words or speaker; else the value
    # and the names around it), found by one index join that reads at most SCAN records of the rarest.
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


def _ranked(scores: dict[int, float]) -> list[int]:
    return sorted(scores, key=lambda pk: (-scores[pk], -pk))


def _context_sources(ctx: Context, *, skip: set[str] = frozenset()) -> tuple[tuple[Source, float], ...]:
    names = sorted((k for k in ctx.names if k not in skip), key=lambda k: -ctx.names[k])[:8]
    out = [(Source("name", k), ctx.names[k]) for k in names]
    out += [(Source("term", word_term(w)), KEY_WORD_WEIGHT) for w in ctx.words]
    return tuple(out)


STORY_NAMES = 6  # the article's rarest names that stand for the subject of a sentence naming nobody
STORY_WEIGHT = 0.05  # their weight (that of a name of the claim's paragraph)


def _story_sources(ctx: Context) -> tuple[tuple[Source, float], ...]:
    rarest = sorted((ctx.story or {}).items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_NAMES]
    return tuple((Source("name", k), STORY_WEIGHT) for k, _w in rarest)


def searches(claim: Claim, ctx: Context) -> list[Search]:
    """The look-ups that find a claim's candidates."""
    v = claim.value
    if isinstance(v, Money):
        if not v.currency:
            return []
        low, high = float(v.low), float(max(v.high, v.amount_max or v.high))
        if v.amount_max is None:  # a record may write it shorter, or in full (checker/rounding.py)
            low, high = window(float(v.amount), low, high)
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
        context = _context_sources(ctx)
        if not ctx.names:
            # Dates are everywhere: only a date with a subject is checked. A sentence naming nobody
            # ("Both sides agreed on an Aug. 1 deadline.") is about the article's story: its rarest
            # names stand for the subject, lightly.
            context = _story_sources(ctx)
            if not context:
                return []
        wide = (v.start - dt.timedelta(days=DATE_WIDER), v.end + dt.timedelta(days=DATE_WIDER))
        out = [
            Search((Source("date", (v.start, v.end)),), context),
            Search((Source("date_range", wide),), context, CANDIDATES // 4, True),
        ]
        if v.start == v.end:
            # a day: the records giving that day first ("Thursday, December 7"), for a year or a month
            # that holds it is in most records of a library
            out.insert(0, Search((Source("date_range", (v.start, v.end)),), context, CANDIDATES // 2))
        if v.start == v.end:  # the reports of that day, which may not write it ("today", or no date)
            out.append(Search((Source("published", v.start),), context, CANDIDATES // 4, True))
        return out
    if isinstance(v, Name):
        required = [Source("name", ctx.key)] + [Source("name", k) for k in key_variants(ctx.key or "")]
        initials = person_keys(_untitled(v.canonical)) if claim.type == "person" else ()
        required += [Source("term", person_term(k)) for k in initials]
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
