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
   `score = 0.40 subject + 0.35 value + 0.25 lexical`, a tenth of it given to how alike the claim's
   sentence and an agreeing record's sentence are (checker/wording.py), times its timeliness
   (`scoring.timeliness`: 0.95 for a record of the week after the article, 0.85 later, 0.75 a month
   or more after, down to 0.8 for one a year older, 0.95 undated). Among a value's matches, those
   giving a value (agreeing or conflicting) come first, those about the subject first among them
   (`rank_key`). The suggestion comes from checker/verdict.py.

This module runs the steps for an article; each has its own: checker/context.py (what surrounds a
claim), checker/candidates.py (step 1), checker/scoring.py (steps 2 and 3).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from claims import Claim, Extraction, Money, Quote, dollar_of_address, extract
from settings import DOLLAR, TRANSLATION_MODEL
from sources.index import Source
from sources.library import Library

from .candidates import candidates, count_sources, name_counts
from .compare import SentenceEmbedder, sentence_embedder
from .context import Context, contexts_of, idf
from .inputs import InputError
from .model import MAX_CLAIMS, ArticleCheck, ClaimCheck, Match
from .scoring import Lazy, lexical_scores, match_record, quote_scores
from .verdict import RELEVANT, close_figure, explain, quote_cited_first, render_reason

MAX_MATCHES = 5

# The translation model is a setting of the workbench (settings.py).
TRANSLATION_SETTING = TRANSLATION_MODEL.name


def translation_embedder() -> SentenceEmbedder | None:
    """The embedder the setting asks for (None when it is "off" or empty)."""
    name = TRANSLATION_MODEL.value()
    return sentence_embedder("" if name == "off" else name)


def check_article(
    text: str,
    library: Library,
    *,
    language: str = "auto",
    published: dt.date | None = None,
    use_gazetteer: bool = True,
    url: str = "",
) -> ArticleCheck:
    """Extract the claims of an article and check each against the library. The article's address
    (`url`), when it has one, tells the dollar of a "$" its words do not place: a .ca outlet's are
    Canadian (claims.dollar_of_address); else the newsroom's setting."""
    gazetteer = library.index.gazetteer() if use_gazetteer else None
    dollar = dollar_of_address(url) or DOLLAR.value()
    extraction = extract(text, language=language, published=published, gazetteer=gazetteer, dollar=dollar)
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
    counts = name_counts(index, extraction)
    contexts = contexts_of(extraction, text, idf=lambda k: idf(counts.get(k, 0), total), held=counts.get)
    known: dict[Source, int] = {Source("name", k): n for k, n in counts.items()}
    if find is None:
        # Count every posting list the claims will read, in a few round trips.
        count_sources(index, extraction, contexts, known)

        def find(claim: Claim, ctx: Context) -> list[int]:
            return candidates(claim, ctx, index, total=total, known=known)

    wanted = {claim.id: find(claim, contexts[claim.id]) for claim in extraction.claims}
    stored = index.stored([pk for pks in wanted.values() for pk in pks])
    # Loaded only when a quote meets a record in another language (then once per process).
    embedder = Lazy(translation_embedder)
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
        silent = not isinstance(claim.value, Quote)
        matches.sort(key=lambda m: rank_key(claim, m))
        matches = (_off_subject_amounts_dropped if silent else quote_cited_first)(claim, matches)[:MAX_MATCHES]
        suggestion, confidence, parts = explain(claim, matches)
        checks.append(ClaimCheck(claim, tuple(matches), suggestion, confidence, render_reason(parts), parts))
    from .desk.memory import with_past_verdicts  # the desk's earlier verdicts (checker/desk/memory.py)

    checks = with_past_verdicts(library, extraction, contexts, checks, embedder=embedder)
    return ArticleCheck(extraction, tuple(checks))


def rank_key(claim: Claim, m: Match) -> tuple[bool, bool, float, float, str]:
    """The order of a claim's matches. For a value, a record that gives it (agreeing or not) comes
    before one that only speaks of the subject: it is the one an editor cites; and among those, one
    about the claim's subject (relevance >= verdict.RELEVANT) before one that only holds the value,
    whatever its wording: a look-alike event's "March 2024" is no evidence the verdict can use. Then
    by score; but records off the subject by relevance first (the story's own record, naming a few of
    its names, before another story's). (A quote's record the verdict cites is put first afterwards:
    `quote_cited_first`.)"""
    silent = not isinstance(claim.value, Quote)
    off = silent and m.relevance < RELEVANT
    return (silent and m.agreement == "unknown", off, -m.relevance if off else 0.0, -m.score, m.source_id)


def _off_subject_amounts_dropped(claim: Claim, matches: list[Match]) -> list[Match]:
    """An amount in a record about another subject (Microsoft's $1 billion for Amazon's $4 billion)
    says nothing of the claim: such records, neither agreeing nor conflicting, are candidates only
    when no record agrees or conflicts (the desk then says they are about another subject). A later
    record giving another total stays, without the "agrees" it would otherwise wear."""
    if not isinstance(claim.value, Money) or not any(m.agreement != "unknown" for m in matches):
        return matches
    return [m for m in matches if m.agreement != "unknown" or (m.later and m.note) or close_figure(m)]
