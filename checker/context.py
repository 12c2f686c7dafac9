"""What surrounds a claim in its article, for the matcher (checker/match.py): the names near it, each
weighted by how close it stands and how few records name it (IDF), the dates of its sentence, and
the sentence's key words.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from claims import Claim, DateValue, Extraction, Name, Quote
from claims.lexicon import legal_forms, mention_keys, name_key
from claims.text import content_words

KEY_WORDS = 10  # key words of a claim's sentence used as context
DATE_WEIGHT = 0.7
# How far from a claim the names of its paragraph count (weight 0.05): the whole of any paragraph of
# a news article, and a bounded stretch of a paragraph of a whole book, so that each claim looks at a
# bounded number of names (linear in the article).
PARAGRAPH_REACH = 5_000


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
    story: dict[str, float] | None = None  # every name of the article -> its IDF (shared by its claims)


# A title glued to a name by its dot ("M.Rachid Hachichi", "Dr.Ada Brenn"): not part of the name.
_GLUED_TITLE = re.compile(r"^(?:m|mm|mme|mlle|mr|mrs|ms|dr|pr|me)\.(?=[^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _legal_forms() -> tuple[tuple[str, ...], frozenset[str]]:
    # Read on the first look-up, not at import: a command that matches nothing never reads them.
    forms = legal_forms()
    return forms, frozenset(forms)


@lru_cache(maxsize=65536)
def key_variants(key: str) -> tuple[str, ...]:
    """Other keys the same name may be stored under: without a title glued to it, and a company's
    name with its legal form dropped or written another way ("pandox ireland tuck ltd" ->
    "pandox ireland tuck", "pandox ireland tuck ltd.", "pandox ireland tuck limited", ...). A few
    index points each, looked up beside the name's own key (stored keys are unchanged)."""
    out: list[str] = []
    base = _GLUED_TITLE.sub("", key)
    if base != key:
        out.append(base)
    words = base.replace(",", " ").split()
    core = list(words)
    forms, legal = _legal_forms()
    while len(core) > 1 and core[-1] in legal:
        core.pop()
    if len(core) < len(words):
        stem = " ".join(core)
        out.append(stem)
        out += [f"{stem} {form}" for form in forms]
    if len(words) >= 3 and (country := _country_form(words[0])):
        # "Indonesia Democratic Party of Struggle" / "Indonesian Democratic Party of Struggle": a
        # long name opened by its country, as a noun or as an adjective
        out.append(" ".join([country, *words[1:]]))
    return tuple(v for v in dict.fromkeys(out) if v != key)


def _country_form(word: str) -> str | None:
    """The other form of a country word that opens a name: "indonesian" <-> "indonesia"."""
    if word.endswith("ian") and len(word) > 5:
        return word[:-1]
    if word.endswith("ia") and len(word) > 4:
        return word + "n"
    return None


def untitled(name: str) -> str:
    """A name without a title glued to it by its dot ("M.Rachid Hachichi" -> "Rachid Hachichi")."""
    return _GLUED_TITLE.sub("", name)


def idf(df: int, total: int) -> float:
    """How much holding a name or a word says about a record: 1 for a unique one, 0.1 at least."""
    if total <= 1:
        return 1.0
    return min(1.0, max(0.1, math.log((total + 1) / (df + 0.5)) / math.log(total + 1)))


def contexts_of(extraction: Extraction, text: str, *, idf=lambda key: 1.0, held=lambda key: True) -> dict[str, Context]:
    """Each claim's context. `held(key)`: whether the library holds the name at all; the names that
    stand for the article's story must be ones it can find records by."""
    paragraphs = _paragraphs(text)
    paragraph_starts = [a for a, _ in paragraphs]
    # A name written as its acronym ("CTM", which the article resolves to "Collectivité territoriale
    # de Martinique") is also looked for as written: a record may give the acronym alone.
    mentions = sorted(
        (a, b, k)
        for c in extraction.claims
        if isinstance(c.value, Name)
        for a, b in (c.mentions or ((c.start, c.end),))
        for k in mention_keys(c.value.canonical, text[a:b])
    )
    mention_starts = [a for a, _, _ in mentions]
    date_claims = sorted((d for d in extraction.claims if d.type == "date"), key=lambda d: d.start)
    date_starts = [d.start for d in date_claims]
    canonical = {
        k: c.value.canonical
        for c in extraction.claims
        if isinstance(c.value, Name)
        for k in mention_keys(c.value.canonical, c.text)
    }
    story = {k: idf(k) for k in canonical if held(k)}
    out = {}
    for claim in extraction.claims:
        i = bisect_right(paragraph_starts, claim.start) - 1
        para = paragraphs[i] if i >= 0 and claim.start < paragraphs[i][1] else (0, len(text))
        own = (
            name_key(claim.value.canonical)
            if isinstance(claim.value, Name)
            else (name_key(claim.value.speaker) if isinstance(claim.value, Quote) and claim.value.speaker else None)
        )
        names, name_words = _names_around(claim, own, para, mentions, mention_starts, text)
        if own:  # a record naming the claim's own name (or the quote's speaker) is about it
            names[own] = 1.0
            canonical.setdefault(own, claim.value.speaker if isinstance(claim.value, Quote) else own)
        # Key words: the sentence's longer words, outside the claim itself and the names.
        own_words = set(content_words(claim.text)) | name_words
        key_words = sorted({w for w in content_words(claim.sentence) if w not in own_words}, key=lambda w: (-len(w), w))
        out[claim.id] = Context(
            names,
            claim.sentence,
            own,
            para,
            _dates_around(claim, date_claims, date_starts),
            {k: (1.0 if k == own else idf(k)) for k in names},
            tuple(key_words[:KEY_WORDS]),
            canonical,
            story,
        )
    return out


def _names_around(
    claim: Claim,
    own: str | None,
    para: tuple[int, int],
    mentions: list[tuple[int, int, str]],
    mention_starts: list[int],
    text: str,
) -> tuple[dict[str, float], set[str]]:
    """The names near the claim (name key -> weight by proximity), and the words of those in its
    sentence; `mentions` are the article's names (start, end, key) in order, `mention_starts` their starts."""
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
    return names, name_words


def _dates_around(
    claim: Claim, date_claims: list[Claim], date_starts: list[int]
) -> tuple[tuple[DateValue, float], ...]:
    """The dates of the claim's sentence (a date claim has none), weighted by how close they stand."""
    if claim.type == "date":
        return ()
    in_sentence = date_claims[
        bisect_left(date_starts, claim.sentence_start) : bisect_left(date_starts, claim.sentence_end)
    ]
    return tuple(
        (d.value, DATE_WEIGHT * (1 / (1 + max(0, d.start - claim.end, claim.start - d.end) / 60)) ** 2)
        for d in in_sentence
        if d is not claim and d.end <= claim.sentence_end
    )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
