"""The extractor: text in, typed claims out, plus the sentences that look checkable but gave none.

Pure: no database, no network, no UI. The work is an ordered list of stages over one document
(`STAGES`): money, dates, quote marks (so that quoted terms are known before names), names, quote
speakers; then the claims in reading order, and the completeness pass.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat
from typing import Any, cast

from .country import LocalCurrency, code_of_the_day, follows_amounts, local_currency
from .dates import DateFound, find_dates
from .lexicon import Lexicon, available_languages, load
from .model import Claim, ClaimType, Extraction, Name, Quote, QuoteKind, Unclaimed
from .money import MoneyFound, exchange_rates, find_money
from .names import Gazetteer, NameFound, find_names
from .patterns import lower_view, trie
from .quotes import QuoteFound, QuoteSpan, find_quote_spans, find_quotes, quote_kind
from .text import MAX_CONTEXT, Sentence, context_window, fold, fold_key, split_sentences

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
    typography: re.Pattern[str]  # signs and patterns of [detect], as one alternation


@lru_cache(maxsize=1)
def _detectors() -> tuple[_Detector, ...]:
    out = []
    for code in available_languages():
        d = load(code).raw["detect"]
        contractions = [c.lower() for c in d["contractions"]]
        out.append(
            _Detector(
                code,
                frozenset(w.lower() for w in d["function_words"]) | frozenset(fold_key(w) for w in d["function_words"]),
                tuple(c for c in contractions if c.endswith("'")),
                tuple(c for c in contractions if not c.endswith("'")),
                tuple(d["endings"]),
                tuple(d["letter_groups"]),
                re.compile(
                    "|".join([re.escape(s) for s in d["signs"]] + [f"(?:{p})" for p in d["patterns"]]) or "(?!)"
                ),
            )
        )
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
    every = _ALL_WORDS.findall(sample.lower())
    lower = _LOWER_WORDS.findall(sample)
    detectors = _detectors()
    scores: dict[str, float] = {}
    for d in detectors:  # counted with map() so that the loops over words run in C
        scores[d.code] = 3.0 * (
            sum(map(d.function_words.__contains__, every))
            + sum(map(str.startswith, lower, repeat(d.prefixes)))
            + sum(map(str.endswith, lower, repeat(d.suffixes)))
        )
    ranked = sorted(scores.values(), reverse=True)
    if len(ranked) < 2 or ranked[0] - ranked[1] < 9.0:
        # Fewer than three function words apart: look closer (short texts, names and figures).
        longer = [w for w in lower if len(w) >= 4]
        joined = " ".join(lower)
        for d in detectors:
            scores[d.code] += (
                sum(map(str.endswith, longer, repeat(d.endings)))
                + sum(map(joined.count, d.letter_groups))
                + 2.0 * len(d.typography.findall(sample))
            )
    best = max(scores, key=lambda c: (scores[c], c == default))
    return best if scores[best] > 0 else default


# ---- extraction -------------------------------------------------------------------------------


class _Document:
    """One article as the stages see it: its text, folded copy and sentences, then what each stage
    found (money, dates, quote spans and kinds, names, quotes), read by the stages after it."""

    def __init__(self, text: str, lex: Lexicon, published: dt.date, dollar: str, gazetteer: Gazetteer | None):
        self.text, self.lex, self.published, self.dollar, self.gazetteer = text, lex, published, dollar, gazetteer
        self.original = text  # the text as given, when `text` is its hard-wrapped lines joined (_unwrapped)
        self.folded = fold(text)
        self.sentences = split_sentences(text)
        self.starts = [s.start for s in self.sentences]
        self.money: list[MoneyFound] = []
        self.rates: list[tuple[int, int]] = []  # exchange rates' amounts ("N907/$1"): no claims
        self.local: dict[str, LocalCurrency | None] = {}
        self.dates: list[DateFound] = []
        self.spans: list[QuoteSpan] = []
        self.kinds: list[str] = []
        self.names: list[NameFound] = []
        self.quotes: list[QuoteFound] = []
        self._future: dict[int, bool] = {}
        # Where the first "future" word before a date ends in each sentence: found once per sentence,
        # not searched again from the sentence's start for each of its dates (quadratic in a long one).
        self._future_before: dict[int, int] = {}
        self._contexts: dict[tuple[int, int], tuple[str, int, int]] = {}

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def sentence_start(self, offset: int) -> int:
        return self.sentences[self.sentence_index(offset)].start if self.sentences else 0

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        s = self.sentences[self.sentence_index(offset)]
        return s.start, s.end

    def future_at(self, offset: int) -> bool:
        """Whether the sentence at `offset` speaks of the future before it ("sera", "will")."""
        idx = self.sentence_index(offset)
        s = self.sentences[idx] if self.sentences else Sentence(0, len(self.text), self.text, 0)
        if idx not in self._future:
            self._future[idx] = self.lex.dates.future_re.search(self.folded, s.start, s.end) is not None
        if self._future[idx]:
            return True
        if idx not in self._future_before:
            m = self.lex.dates.future_before_re.search(self.folded, s.start, s.end)
            self._future_before[idx] = m.end() if m else len(self.text) + 1
        return self._future_before[idx] <= offset

    def context(self, start: int, end: int) -> tuple[str, int, int]:
        """The sentence (or sentences) holding a claim, as text and bounds."""
        if not self.sentences:
            return self.text, 0, len(self.text)
        span = (self.sentence_index(start), self.sentence_index(max(start, end - 1)))
        first, last = self.sentences[span[0]], self.sentences[span[1]]
        if last.end - first.start > MAX_CONTEXT:  # a long sentence: a window of it around the claim
            a, b = context_window(self.text, start, end, first.start, last.end)
            return self.text[a:b], a, b
        if span not in self._contexts:  # one string per sentence, shared by its claims
            self._contexts[span] = (self.text[first.start : last.end], first.start, last.end)
        return self._contexts[span]

    def money_spans(self) -> list[tuple[int, int]]:
        return sorted([(m.start, m.end) for m in self.money] + self.rates)


# ---- the stages, in their order --------------------------------------------------------------


def _find_money(doc: _Document) -> None:
    """Amounts, then the currency of those whose words name none, from the article's country."""
    found = find_money(doc.text, doc.folded, doc.lex, doc.sentence_bounds)
    if rates := exchange_rates(found, lower_view(doc.folded)):  # "N907/$1": no claim, no name either
        doc.rates = [(f.start, f.end) for f in rates]
        found = [f for f in found if f not in rates]
    home = tuple(doc.lex.raw["currencies"].get("home_dollars", ()))
    money, doc.local = _local_currencies(found, doc.text, lower_view(doc.folded), doc.dollar, home)
    doc.money = [_of_the_day(m, doc.published) for m in money]


def _of_the_day(m: MoneyFound, published: dt.date) -> MoneyFound:
    """The amount in the code its currency had on the day ("leones" in 2020 are SLL); as it is (no
    copy) when that is its code."""
    code = code_of_the_day(m.value.currency, published)
    return m if code == m.value.currency else replace(m, value=replace(m.value, currency=code))


def _find_dates(doc: _Document) -> None:
    """Dates, outside the amounts ("1,2 Md€ en 2024": 2024 is a date, "1 2" is not)."""
    money = doc.money_spans()
    found = find_dates(doc.text, doc.folded, doc.lex, doc.published, doc.future_at)
    doc.dates = [d for d in found if not _overlaps(money, d.start, d.end)]


def _find_quote_spans(doc: _Document) -> None:
    """Quote marks before names: what the article quotes as a term ("l'équipe « Superalignment »",
    "dubbed “Project Sunrise”") is not a name, there or anywhere else in the article."""
    doc.spans = find_quote_spans(doc.text, doc.lex)
    doc.kinds = [quote_kind(doc.folded, q, doc.text, doc.lex, doc.sentence_start(q.open)) for q in doc.spans]


def _find_names(doc: _Document) -> None:
    """People and organisations; a capitalised word inside a date, an amount or a quoted term ("Oct. 4",
    "1,2 Md€") is not a name."""
    terms = [q for q, k in zip(doc.spans, doc.kinds) if k == "term"]
    quoted_terms = frozenset(fold_key(doc.text[q.start : q.end]) for q in terms)
    skip = _merge([(q.start, q.end) for q in terms] + doc.money_spans() + [(d.start, d.end) for d in doc.dates])
    doc.names = find_names(
        doc.text,
        doc.sentences,
        doc.lex,
        folded=doc.folded,
        quoted_terms=quoted_terms,
        skip_spans=tuple(skip),
        gazetteer=doc.gazetteer,
    )


def _find_quotes(doc: _Document) -> None:
    """Each quote with its speaker, among the names found."""
    doc.quotes = find_quotes(doc.text, doc.folded, doc.sentences, doc.lex, doc.names, doc.spans, doc.kinds)


STAGES: tuple[Callable[[_Document], None], ...] = (
    _find_money,
    _find_dates,
    _find_quote_spans,
    _find_names,
    _find_quotes,
)


def extract(
    text: str,
    *,
    language: str = "auto",
    published: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    dollar: str = "USD",
    unclaimed: bool = True,
    sentences: bool = True,
) -> Extraction:
    """Every checkable claim of `text`, in reading order, with ids c1, c2, ...

    `language` is a language code or "auto"; relative dates resolve against `published`
    (today when not given); `gazetteer` maps folded names to (type, canonical name) for entities the
    source library already knows; `dollar` is the newsroom's default for a "$" or "dollars" that
    names no country when the article does not tell where it is set (claims/country.py).
    `unclaimed=False` leaves out the completeness pass (sentences that look checkable but gave no
    claim: `Extraction.unclaimed` stays empty), which the library's value index never reads;
    `sentences=False` leaves out each claim's sentence (the claim is its own context: its text and
    bounds), which the index never reads either.
    """
    if language == "auto":
        language = detect_language(text)
    doc = _Document(_unwrapped(text), load(language), published or dt.date.today(), dollar, gazetteer)
    doc.original = text
    for stage in STAGES:
        stage(doc)
    claims = _claims(doc, sentences)
    if not unclaimed:
        return Extraction(language, doc.published, claims)
    covered = [(c.start, c.end) for c in claims if c.type != "quote"]
    covered += [(m[0], m[1]) for n in doc.names for m in n.mentions]
    covered += [(q.open, q.close + 1) for q in doc.spans]
    return Extraction(
        language, doc.published, claims, _unclaimed(text, doc.folded, doc.sentences, _merge(covered), doc.lex)
    )


# A text wrapped at a fixed width (copied from a PDF or an e-mail): lines broken inside sentences, a
# lower-case word or a comma before the break and a lower-case word after it, three times at least.
_WRAPPED = re.compile(r"[a-z,]\n[a-z]")
# A line break inside a sentence: nothing blank on either side, no stop nor closing mark before it.
_WRAP = re.compile(r"(?<=[^\s.!?:;»”\"])\n(?=\S)")


def _unwrapped(text: str) -> str:
    """The text with the line breaks of its wrapping made spaces, the same length (offsets hold), when
    it is hard-wrapped; else the text as it is."""
    if len(_WRAPPED.findall(text, 0, 20_000)) < 3:
        return text
    return _WRAP.sub(" ", text)


def _claims(doc: _Document, sentences: bool = True) -> tuple[Claim, ...]:
    """What the stages found, as claims in reading order (at one place the longest first, then dates,
    money, names, quotes), numbered c1, c2, ...; without `sentences`, each claim its own context."""
    drafts: list[tuple[int, int, int, ClaimType, Any, tuple[Any, ...]]] = []

    def add(
        kind: ClaimType,
        start: int,
        end: int,
        value: Any,
        relative: bool = False,
        approximate: bool = False,
        qualifier: str | None = None,
        mentions: tuple[tuple[int, int], ...] = (),
        basis: str | None = None,
    ) -> None:
        # the flags in the order of Claim's fields: a positional call builds a claim faster
        drafts.append((start, -end, len(drafts), kind, value, (relative, approximate, qualifier, mentions, basis)))

    for d in doc.dates:
        add("date", d.start, d.end, d.value, relative=d.relative, approximate=d.approximate, qualifier=d.qualifier)
    for m in doc.money:
        add(
            "money",
            m.start,
            m.end,
            m.value,
            approximate=m.approximate,
            qualifier=m.qualifier,
            basis=decided.basis if m.local and (decided := doc.local[m.local]) else None,
        )
    for n in doc.names:
        add(cast(ClaimType, n.type), n.start, n.end, Name(n.canonical), mentions=n.mentions)
    for q in doc.quotes:
        add("quote", q.start, q.end, Quote(q.text, q.speaker, cast(QuoteKind, q.kind), q.also))
    drafts.sort(key=lambda d: d[:3])
    text = doc.original

    def own(start: int, end: int) -> tuple[str, int, int]:  # the claim as its own context
        return text[start:end], start, end

    context = doc.context if sentences else own
    return tuple(
        Claim(f"c{i}", kind, text[start:-neg_end], start, -neg_end, value, *context(start, -neg_end), *flags)
        for i, (start, neg_end, _, kind, value, flags) in enumerate(drafts, start=1)
    )


def _local_currencies(
    money: list[MoneyFound], text: str, low: str, dollar: str | None, home: tuple[str, ...] = ()
) -> tuple[list[MoneyFound], dict[str, LocalCurrency | None]]:
    """The amounts in the currency of the article's country where their words name none ("$",
    "francs", "R"), then the cents in the currency of the article's other amounts; an amount whose
    sign is no currency here ("R445" outside South Africa) is left out. Also each group's decision,
    for the claims' basis. `home`: the only dollars the language's press leaves unnamed (French: the
    US and the Canadian dollar), the first of them for any other country's."""
    groups = {m.local for m in money if m.local}
    local: dict[str, LocalCurrency | None] = {
        g: local_currency(g, text, low, dollar if g == "dollar" else None) for g in groups if not follows_amounts(g)
    }
    if home and (d := local.get("dollar")) and d.code not in home:
        local["dollar"] = LocalCurrency(home[0], f"{home[0]}: dollars the article does not name ({d.basis})")

    def decided(m: MoneyFound) -> LocalCurrency | None:
        return local.get(m.local) if m.local else None

    amounts: Counter[str] = Counter()  # the currencies of the amounts decided so far (not the cents)
    for m in money:
        if m.local and m.local not in local:
            continue
        d = decided(m)
        if code := (d.code if d else m.value.currency):
            amounts[code] += 1
    for g in groups - local.keys():
        local[g] = local_currency(g, text, low, amounts=amounts)
    return [
        replace(m, value=replace(m.value, currency=d.code)) if (d := decided(m)) else m
        for m in money
        if (d := decided(m)) is None or d.code
    ], local


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, possibly nested `spans`?"""
    i = bisect_left(spans, (end,))
    return any(a < end and start < b for a, b in spans[max(0, i - 8) : i])


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
# The digit comes first and the look-behinds after it, so the engine can skip to digits at once.
_NUMBER_RE = re.compile(
    r"\d(?<!\w\d)(?<![^\W\d_]-\d)\d*+(?:[\u00a0\u202f\u2009 ,.]\d++)*+(?:-\d++)?"
    r"(?:\s?%|st|nd|rd|th|er|re|e|ème|eme)?(?!\w)"
)
_QUOTE_MARK_RE = re.compile(r"[«»“”„\"]")


@lru_cache(maxsize=None)
def _checkable_words(code: str) -> tuple[re.Pattern[str], frozenset[str], frozenset[str], bool]:
    """Words that state a figure ("deux", "million"; not one or "a") or a date (months, weekdays,
    "hier", "yesterday") as one pattern for the lower-cased folded text; the count words, the month
    names, and whether months take a capital (an English "may" is a verb)."""
    lex = load(code)
    months = frozenset(lex.calendar.months)
    days = frozenset(lex.calendar.weekdays) | frozenset(w for w in lex.calendar.named_days if " " not in w)
    count_words = (
        {w for w, v in lex.numbers.number_words.items() if v >= 2}
        | set(lex.numbers.multipliers)
        | set(lex.numbers.scale_words)
    )
    counts = frozenset(w for w in count_words if " " not in w)
    pattern = re.compile(rf"(?<![\w']){trie(months | days | counts)}(?![\w'])")
    return pattern, counts, months, lex.calendar.months_capitalised


def _unclaimed(
    text: str, folded: str, sentences: list[Sentence], covered: list[tuple[int, int]], lex: Lexicon
) -> tuple[Unclaimed, ...]:
    """Sentences holding a figure, quote marks or a date word that no claim covers.

    Each figure, mark and date word is checked on its own, so a sentence with a date claim and an
    unchecked percentage is still listed. The reason names the kinds found, in the order number,
    quote marks, date word; `items` lists them as written.
    """
    if not sentences:
        return ()
    starts = [a for a, _ in covered]
    sentence_starts = [s.start for s in sentences]
    words, counts, months, months_capitalised = _checkable_words(lex.code)
    found: dict[int, dict[str, list[str]]] = {}
    low = folded.lower()
    if len(low) != len(folded):  # a capital whose lower case is longer: keep offsets right
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in folded)

    def note(kind: str, a: int, b: int, item: str) -> None:
        i = bisect_right(starts, a) - 1
        if i >= 0 and covered[i][1] >= b:
            return
        s_index = bisect_right(sentence_starts, a) - 1
        if s_index >= 0 and a < sentences[s_index].end:
            found.setdefault(s_index, {}).setdefault(kind, []).append(item)

    # Three quick passes (figures, marks, words) cost less than one pattern holding all three.
    for m in _NUMBER_RE.finditer(low):
        note("number", m.start(), m.end(), text[m.start() : m.end()].strip())
    for m in _QUOTE_MARK_RE.finditer(low):
        note("quote marks", m.start(), m.end(), m.group())
    for m in words.finditer(low):
        a, word = m.start(), m.group()
        if word in counts:
            note("number", a, m.end(), text[a : m.end()])
        elif word not in months or folded[a].isupper() == months_capitalised:  # not "may" the verb, "Mars" the planet
            note("date word", a, m.end(), text[a : m.end()])
    out = []
    for s_index in sorted(found):
        s, items_by_kind = sentences[s_index], found[s_index]
        kinds = [k for k in ("number", "quote marks", "date word") if k in items_by_kind]
        items = tuple(item for k in kinds for item in items_by_kind[k])
        out.append(Unclaimed(s.start, s.end, s.text, ", ".join(kinds), items))
    return tuple(out)
