"""The few operations the UI and the command line call: one call per thing an editor does."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Mapping, Sequence

from claims import (
    CLAIM_TYPES,
    Claim,
    DateValue,
    Extraction,
    Money,
    Name,
    Quote,
    extract,
)
from claims.text import context_window, split_sentences
from settings import NEWSROOM
from sources.library import Library
from sources.model import ParsedImport, SourceRecord

from .desk import Article, ClaimState, Desk, ReviewConflict, memory
from .inputs import InputError, author_in_text, check_article_text, published_in_text
from .match import check_article, check_extraction
from .model import ArticleCheck, ClaimCheck


class ImportRefused(InputError):
    """An import with bad rows, refused whole; `parsed` holds the reasons."""

    def __init__(self, parsed: ParsedImport, name: str):
        lines = [str(e) for e in parsed.errors[:20]]
        more = f"\n... and {parsed.bad - 20} more" if parsed.bad > 20 else ""
        super().__init__(f"{name}: {parsed.bad} row(s) refused, nothing imported:\n  " + "\n  ".join(lines) + more)
        self.parsed = parsed


def read_import(path: str | Path) -> ParsedImport:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from None
    from sources.importers import parse_file  # not needed by a check: imported when a file is read

    return parse_file(p.name, data)


def library_from_file(path: str | Path) -> Library:
    """A private in-memory library holding the records of one file (all rows must be good)."""
    parsed = read_import(path)
    if parsed.errors:
        raise ImportRefused(parsed, Path(path).name)
    library = Library.open("sqlite://")
    library.add(parsed.records)
    return library


# A short text per language that runs every extractor (dates, money, names, quotes) once.
_WARM_TEXTS = {
    "fr": "Le 3 mars 2024, Anne Martin, directrice de Kalo SA, a annoncé 12 millions d’euros. « Nous avançons », a-t-elle dit.",
    "en": "On March 3, 2024, Anne Martin, chief executive of Kalo Group, announced a $12 million deal. \"We move on,\" she said.",
}


def warm_up(library: Library) -> None:
    """Do once, before the first check, what the first check of a process would otherwise pay for:
    the language data (read from claims/compiled.py's cache), the extractors' lazily built tables,
    the check of the matcher's word index (`ensure_terms`) and the database connection. The app
    calls it once per server (checker/storage.py: open_workbench)."""
    from claims import available_languages

    for code in available_languages():
        extract(_WARM_TEXTS.get(code, _WARM_TEXTS["en"]), language=code, published=dt.date(2024, 3, 4))
    check_extraction(
        extract(_WARM_TEXTS["en"], language="en", published=dt.date(2024, 3, 4)), _WARM_TEXTS["en"], library
    )


def check_text(
    text: str, library: Library, *, language: str = "auto", published: dt.date | None = None, url: str = ""
) -> ArticleCheck:
    return check_article(check_article_text(text), library, language=language, published=published, url=url.strip())


def check_and_store(
    text: str,
    library: Library,
    desk: Desk,
    *,
    title: str = "",
    url: str = "",
    language: str = "auto",
    published: dt.date | None = None,
    reviewer: str = "",
    author: str = "",
    published_from: str = "",
) -> tuple[int, ArticleCheck]:
    """Check an article against the library and store it on the desk for review.

    Without a publication date, the one the article states is used ("Publié le …", a dateline...);
    when nothing gives one, relative dates are resolved against today and the article says so
    (`published_from` "today"). The author is the one given, else the article's by-line."""
    text = check_article_text(text)
    url = url.strip()
    if url and not re.match(r"https?://[^\s/]+", url, re.I):
        raise InputError(f"the article URL must start with http:// or https:// (got {url[:80]!r})")
    published, published_from = publication_date(text, published, published_from)
    result = check_article(text, library, language=language, published=published, url=url)
    article_id = desk.save(
        result,
        text,
        title=title,
        url=url,
        reviewer=reviewer,
        author=author or author_in_text(text),
        published_from=published_from,
    )
    return article_id, result


def has_relative_dates(text: str, language: str = "auto") -> bool:
    """Whether the article holds a date resolved against its publication date ("cette semaine", "hier")."""
    from claims import extract

    return any(getattr(c, "relative", False) for c in extract(text, language=language).claims)


def publication_date(text: str, given: dt.date | None, given_from: str = "") -> tuple[dt.date | None, str]:
    """The publication date to check `text` with and where it comes from (checker.inputs.DATE_SOURCES,
    "text" followed by the article's own words): the one given (by the editor, or by the file's
    metadata: `given_from` "page" or "document"), else the one the article states, else None ("today")."""
    if given is not None:
        return given, given_from or "given"
    stated = published_in_text(text)
    if stated is not None:
        return stated.date, f"text:{stated.words}"
    return None, "today"


def fetch_and_store(
    url: str,
    library: Library,
    desk: Desk,
    *,
    language: str = "auto",
    published: dt.date | None = None,
    title: str = "",
    reviewer: str = "",
) -> tuple[int, ArticleCheck]:
    """Fetch an article by URL through the library's safe fetcher, then check and store it.

    The page's own title, language and publication date are used unless the editor gave them.
    Raises the fetcher's `FetchError` (its message is written for editors) when the page cannot be had.
    """
    from sources.fetch import fetch_page

    page = fetch_page(url.strip())
    if language == "auto" and page.language in ("fr", "en"):
        language = page.language
    stated = None if published else published_in_text(page.text)
    return check_and_store(
        page.text,
        library,
        desk,
        title=title or page.title or "",
        url=page.final_url or page.url,
        language=language,
        published=published or (stated.date if stated else page.published),
        published_from="given" if published else f"text:{stated.words}" if stated else "page" if page.published else "",
        author=page.publisher,
        reviewer=reviewer,
    )


def fetch_errors() -> tuple[type[Exception], ...]:
    """The exception the safe fetcher raises (with an editor-readable message), when it is installed."""
    try:
        from sources.fetch import FetchError
    except ImportError:
        return ()
    return (FetchError,)


def can_fetch() -> bool:
    try:
        from sources.fetch import fetch_page  # noqa: F401
    except ImportError:
        return False
    return True


# ---- claims an editor marks: added, split, merged -----------------------------------------------


def locate(body: str, text: str, *, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the `occurrence`-th appearance of `text` in the article (exact, case included)."""
    text = text.strip()
    if not text:
        raise InputError("give the exact text of the claim, as the article writes it")
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = body.find(text, pos + 1)
        if pos < 0:
            break
    if pos < 0:
        count = body.count(text)
        if count:
            raise InputError(f"«{_short(text)}» appears {count} time(s) in the article, not {occurrence}")
        raise InputError(
            f"«{_short(text)}» is not in the article; copy it exactly as written (same accents, apostrophes and spaces)"
        )
    return pos, pos + len(text)


def new_claim(article: Article, start: int, end: int, kind: str, *, value: str = "", speaker: str = "") -> Claim:
    """A claim over `article.body[start:end]` of type `kind`, its value read from the text or given.

    `value` overrides what is read: money as "4000000000 USD", dates as ISO (2024, 2024-05, 2024-W21,
    2024-05-15), names as the canonical full name. `speaker` names who says a quote.
    """
    body = article.body
    if kind not in CLAIM_TYPES:
        raise InputError(f"the type must be one of {', '.join(CLAIM_TYPES)}")
    if not (0 <= start < end <= len(body)):
        raise InputError(f"{start}-{end} is not a span of the article (0-{len(body)})")
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise InputError("the selected text is empty")
    text = body[start:end]
    if len(text) > 2000:
        raise InputError("a claim is at most 2000 characters long; select less")
    parsed, read = _value(text, kind, value.strip(), speaker.strip(), article)
    sentence_start, sentence_end = _sentence_span(body, start, end)
    flags: dict[str, Any] = {}
    if read is not None:  # what the extractor says of the value it read (relative date, "about", ...)
        flags = {"relative": read.relative, "approximate": read.approximate, "qualifier": read.qualifier}
    return Claim(
        "new", kind, text, start, end, parsed, body[sentence_start:sentence_end], sentence_start, sentence_end, **flags
    )


def _value(text: str, kind: str, given: str, speaker: str, article: Article) -> tuple[Any, Claim | None]:
    if kind == "money":
        if given:
            m = re.fullmatch(r"([0-9][0-9 \u00a0\u202f_.,]*)\s*([A-Za-z]{3})", given)
            try:
                amount = Decimal(re.sub(r"[ \u00a0\u202f_,]", "", m.group(1))) if m else None
            except InvalidOperation:
                amount = None
            if amount is None:
                raise InputError(
                    f"write the amount as digits and an ISO currency code, e.g. 4000000000 USD (got {given!r})"
                )
            return Money(amount, m.group(2).upper(), amount, amount), None
        found = _read(text, "money", article)
        if found is None:
            raise InputError(f"no amount of money can be read in «{_short(text)}»; give its value, e.g. 4000000000 USD")
        return found.value, found
    if kind == "date":
        if given:
            try:
                return DateValue.of(given), None
            except (ValueError, IndexError):
                raise InputError(
                    f"write the date as 2024, 2024-Q3, 2024-05, 2024-W21 or 2024-05-15 (got {given!r})"
                ) from None
        found = _read(text, "date", article)
        if found is None:
            raise InputError(f"no date can be read in «{_short(text)}»; give it, e.g. 2024-05-15")
        return found.value, found
    if kind == "quote":
        inner = text.strip().strip("«»“”„\"'‘’ \u00a0\u202f")
        return Quote(" ".join((inner or text).split()), speaker or None, "speech"), None
    if given:
        return Name(" ".join(given.split())), None
    found = _read(text, kind, article)
    if found is not None:
        return found.value, None
    return Name(" ".join(text.strip(" .,;:!?«»“”\"'()").split()) or text), None


def _read(text: str, kind: str, article: Article) -> Claim | None:
    """The longest claim of that type the extractor reads in the selected text alone."""
    found = [
        c
        for c in extract(text, language=article.language or "auto", published=article.published).claims
        if c.type == kind
    ]
    return max(found, key=lambda c: c.end - c.start, default=None)


def _sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    sentences = split_sentences(body)
    first = next((s for s in sentences if s.end > start), None)
    last = next((s for s in reversed(sentences) if s.start < end), None)
    if first is None or last is None:
        return start, end
    return context_window(body, start, end, min(first.start, start), max(last.end, end))


def check_new_claims(article: Article, claims: Sequence[Claim], library: Library) -> list[ClaimCheck]:
    """Match new claims against the library, in the context of the article's other claims."""
    numbered = [c.with_id(f"new{i}") for i, c in enumerate(claims, start=1)]
    context = [s.claim for s in article.live]
    extraction = Extraction(article.language, article.published, tuple(context) + tuple(numbered))
    with memory.excluding(article.id):  # the article's own verdicts are not earlier ones
        checked = {c.claim.id: c for c in check_extraction(extraction, article.body, library).checks}
    return [checked[c.id] for c in numbered]


def add_missed_claim(
    desk: Desk,
    library: Library,
    article_id: int,
    *,
    kind: str,
    reviewer: str,
    text: str = "",
    occurrence: int = 1,
    start: int | None = None,
    end: int | None = None,
    value: str = "",
    speaker: str = "",
) -> ClaimState:
    """Add a claim the extractor missed, given by its exact text (and which occurrence) or its offsets."""
    article = desk.load(article_id)
    if start is None or end is None:
        start, end = locate(article.body, text, occurrence=occurrence)
    claim = new_claim(article, start, end, kind, value=value, speaker=speaker)
    (check,) = check_new_claims(article, [claim], library)
    return desk.add_claims(article_id, [check], reviewer=reviewer, origin="editor")[0]


def split_claim(
    desk: Desk,
    library: Library,
    article_id: int,
    claim_id: str,
    parts: Sequence[str],
    *,
    reviewer: str,
    expected_version: int | None = None,
    kinds: Sequence[str] | None = None,
) -> list[ClaimState]:
    """Replace a claim by the pieces of its text given in `parts` (in order, each an exact piece)."""
    article = desk.load(article_id)
    current = article.claim(claim_id)
    if expected_version is not None and current.version != expected_version:
        raise ReviewConflict(current)  # said before anything else: the editor looked at an older claim
    old = current.claim
    pieces = [p.strip() for p in parts if p.strip()]
    if len(pieces) < 2:
        raise InputError("give at least two pieces of the claim's text, one per line")
    spans, pos = [], old.start
    for piece in pieces:
        at = article.body.find(piece, pos, old.end)
        if at < 0:
            raise InputError(f"«{_short(piece)}» is not a piece of «{_short(old.text)}» (after the previous piece)")
        spans.append((at, at + len(piece)))
        pos = at + len(piece)
    kinds = list(kinds or [old.type] * len(spans))
    speaker = old.value.speaker if isinstance(old.value, Quote) else ""
    claims = [new_claim(article, a, b, k, speaker=speaker or "") for (a, b), k in zip(spans, kinds)]
    checks = check_new_claims(article, claims, library)
    return desk.add_claims(article_id, checks, reviewer=reviewer, origin="split", replaces={claim_id: expected_version})


def merge_claims(
    desk: Desk,
    library: Library,
    article_id: int,
    claim_ids: Sequence[str],
    *,
    reviewer: str,
    kind: str | None = None,
    value: str = "",
    expected_versions: Mapping[str, int] | None = None,
) -> ClaimState:
    """Replace two or more claims by one claim spanning them all."""
    article = desk.load(article_id)
    ids = list(dict.fromkeys(claim_ids))
    if len(ids) < 2:
        raise InputError("choose at least two claims to merge")
    versions = dict(expected_versions or {})
    for i in ids:
        if versions.get(i) is not None and article.claim(i).version != versions[i]:
            raise ReviewConflict(article.claim(i))
    old = [article.claim(i).claim for i in ids]
    start, end = min(c.start for c in old), max(c.end for c in old)
    kind = kind or old[0].type
    speaker = next((c.value.speaker for c in old if isinstance(c.value, Quote) and c.value.speaker), "")
    claim = new_claim(article, start, end, kind, value=value, speaker=speaker or "")
    (check,) = check_new_claims(article, [claim], library)
    return desk.add_claims(
        article_id, [check], reviewer=reviewer, origin="merge", replaces={i: versions.get(i) for i in ids}
    )[0]


# ---- the JSON report back into the desk ---------------------------------------------------------


def import_report(data: bytes | str | Mapping[str, Any], desk: Desk, *, reviewer: str) -> int:
    """Store the article of a JSON report (written by `report --format json`) as a new article,
    every value checked first (checker/desk/report_import.py); refused whole, in one line, otherwise."""
    from .desk.report_import import parse_report

    if isinstance(data, (bytes, str)):
        data = parse_report(data)
    return desk.import_state(data, reviewer=reviewer)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_report(
    desk: Desk,
    article_id: int,
    fmt: str,
    *,
    labels: Mapping[str, str],
    review_url: str = "",
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The report of an article as stored now, in format `fmt` (see checker/desk/report.py)."""
    from .desk.report import render

    quoted = desk.quoted_history(article_id) if fmt == "json" else ()
    return render(
        desk.load(article_id),
        fmt,
        labels=labels,
        audit=desk.audit_trail(article_id),
        review_url=review_url,
        generated_at=generated_at,
        quoted=quoted,
    )


# ---- the desk's verdicts grow the library -------------------------------------------------------


def promote_claim(desk: Desk, library: Library, article_id: int, claim_id: str, *, reviewer: str) -> SourceRecord:
    """Save a verified claim as a reference record: the article's title, the newsroom as publisher,
    the claim's sentence as excerpt, a link back to the article, the evidence it rested on as a tag.

    Refused (ValueError) for a claim that is not verified, or already promoted."""
    if not reviewer.strip():
        raise ValueError("a reviewer name is needed to add a record")
    article = desk.load(article_id)
    state = article.claim(claim_id)
    if state.dismissed or state.status != "verified":
        raise ValueError(f"only a verified claim can become a reference record ({claim_id} is {state.shown_status})")
    evidence = state.evidence
    tags = [("desk_article", str(article_id)), ("desk_claim", claim_id), ("reviewer", state.reviewer)]
    if evidence is not None:
        tags.append(("evidence", evidence.source_id))
    if state.note:
        tags.append(("note", state.note))
    url = article.url if re.match(r"https?://", article.url or "", re.I) else ""
    record = SourceRecord(
        id=f"desk-{article_id}-{claim_id}",
        title=article.title,
        excerpt=" ".join(state.claim.sentence.split()),
        publisher=NEWSROOM.value() or NEWSROOM.default,
        url=url,
        published=state.reviewed_at.date() if state.reviewed_at else article.published,
        language=article.language,
        tags=tuple(tags),
    )
    stored = library.add([record], actor=reviewer.strip())
    if not stored.added:
        raise ValueError(f"claim {claim_id} of article {article_id} is already in the library as {record.id}")
    desk.note_promotion(article_id, claim_id, record.id, reviewer=reviewer)
    return library.get(record.id)
