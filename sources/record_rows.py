"""The rows a record is stored as: its own row in `records`, its value-index rows (what the claim
extractor finds in its excerpt: amounts, dates, names, quotes) and its word terms (sources/terms.py).

`index_chunk` builds every row of one chunk of a bulk import (in a worker process, or here);
`insert_values` and `delete_values` write and remove the value rows of records edited one at a time.
`normalised` is a record as stored: trimmed, without NUL characters, its hash computed.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

import claims
from claims.lexicon import mention_keys, name_key
from claims.model import DateValue, Money, Name, Quote

from . import terms as term_index
from .bulk import insert_many, row_converter
from .db import record_amounts, record_dates, record_names, record_quotes, records, without_nul
from .index import IndexedValues
from .model import SourceRecord, content_hash


def now() -> dt.datetime:
    """The time a change is stored with: UTC, without a zone, to the second."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


@functools.lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    # claims.available_languages() lists claims/data/ on each call: 5% of indexing a record.
    return frozenset(claims.available_languages())


def index_values(record: SourceRecord) -> IndexedValues:
    """Run the claim extractor on a record's excerpt; relative dates need the record's own date."""
    language = record.language if record.language in _languages() else "auto"
    found = claims.extract(
        record.excerpt,
        language=language,
        published=record.published or dt.date.today(),
        dollar=claims.dollar_of_address(record.url) or "USD",  # a New Zealand outlet's "$" when its words say nothing
        unclaimed=False,  # the index reads neither the unclaimed sentences nor the claims' sentences
        sentences=False,
    )
    amounts, dates, names, quotes = [], [], [], []
    for c in found.claims:
        v = c.value
        if isinstance(v, Money) and v.currency:
            top = v.amount_max if v.amount_max is not None else v.amount
            amounts.append((v.currency, float(v.amount), float(v.low), float(max(v.high, top)), c.start, c.end))
        elif isinstance(v, DateValue):
            if c.relative and record.published is None:
                continue
            dates.append((v.iso, v.precision, v.start, v.end, c.start, c.end))
        elif isinstance(v, Name):
            for m_start, m_end in c.mentions or ((c.start, c.end),):
                for key in mention_keys(v.canonical, record.excerpt[m_start:m_end]):
                    names.append((key, v.canonical, c.type, m_start, m_end))
        elif isinstance(v, Quote):
            quotes.append((name_key(v.speaker) if v.speaker else None, v.text, c.start, c.end))
    return IndexedValues(tuple(amounts), tuple(dates), tuple(names), tuple(quotes))


# The rows one chunk of new records writes, as tuples in these columns' order (built by
# `index_chunk`, in a worker process or here, already converted for the database: see bulk.row_converter).
RECORD_COLUMNS = (
    "pk",
    "record_id",
    "title",
    "publisher",
    "url",
    "published",
    "language",
    "excerpt",
    "tags",
    "retrieved_at",
    "text_hash",
    "created_at",
    "updated_at",
)
VALUE_COLUMNS = (
    (record_amounts, ("record_pk", "currency", "amount", "low", "high", "span_start", "span_end")),
    (record_dates, ("record_pk", "iso", "precision", "first_day", "last_day", "span_start", "span_end")),
    (record_names, ("record_pk", "name_key", "canonical", "type", "span_start", "span_end")),
    (record_quotes, ("record_pk", "speaker_key", "text", "span_start", "span_end")),
)


@dataclass
class ChunkRows:
    """Everything one chunk of new records writes: their rows, their value-index rows (one list per
    table of VALUE_COLUMNS), the matcher's (term, record) pairs sorted, and how many of them hold
    each term. Plain tuples, so that they cross from a worker process cheaply."""

    pks: list[int]
    records: list[tuple]
    values: list[list[tuple]]
    pairs: list[tuple[int, int]]
    df: dict[int, int]


def index_chunk(
    chunk: Sequence[tuple],
    dialect: str,
    now: dt.datetime,
    values: Callable[[SourceRecord], IndexedValues] = index_values,
) -> ChunkRows:
    """What a worker process computes for one chunk (module level, so that it can be pickled): each
    record's values (the extractor), the matcher's terms (its words and persons, hashed), and every
    row to write, converted for the database `dialect` names. `chunk` holds (key, the record's
    fields in SourceRecord's order)."""
    # Every row of the chunk is stamped with the same `now`: converted once, not twice a record.
    convert = row_converter(dialect, records, RECORD_COLUMNS[:-2])
    stamps = row_converter(dialect, records, RECORD_COLUMNS[-2:])((now, now))
    converters = [row_converter(dialect, table, cols) for table, cols in VALUE_COLUMNS]
    out = ChunkRows([], [], [[], [], [], []], [], {})
    amounts, dates, names, quotes = out.values
    holders: collections.defaultdict[int, list[int]] = collections.defaultdict(list)  # term -> its records
    for pk, *fields in chunk:
        r = SourceRecord(*fields)
        v = values(r)
        out.pks.append(pk)
        out.records.append(
            convert(
                (
                    pk,
                    r.id,
                    r.title,
                    r.publisher,
                    r.url,
                    r.published,
                    r.language,
                    r.excerpt,
                    [list(t) for t in r.tags],
                    r.retrieved_at,
                    r.text_hash,
                )
            )
            + stamps
        )
        amounts.extend((pk, *a) for a in v.amounts)
        dates.extend((pk, *d) for d in v.dates)
        names.extend((pk, k[:200], c, t, s, e) for k, c, t, s, e in v.names)
        quotes.extend((pk, (k or None) and k[:200], t, s, e) for k, t, s, e in v.quotes)
        for term in term_index.record_terms_of(r.title, r.excerpt, term_index.persons_of(v)):
            holders[term].append(pk)  # a record's terms are distinct: one pair each
    for rows, convert_values in zip(out.values, converters):
        rows[:] = [convert_values(row) for row in rows]
    # The pairs sorted by term, then by record: grouped by term first, fewer and cheaper to sort
    # than one list of every pair (each term's records come in chunk order, sorted once more).
    out.pairs = [(term, pk) for term in sorted(holders) for pk in sorted(holders[term])]
    out.df = {term: len(pks) for term, pks in holders.items()}
    return out


def normalised(r: SourceRecord) -> SourceRecord:
    """A record as stored: text trimmed and without NUL characters (see db.without_nul), tags
    cleaned, its hash computed; a record without title or excerpt is refused (importers and forms
    check this first, with row numbers)."""
    n = without_nul
    title, excerpt = n(r.title).strip(), n(r.excerpt).strip()
    if not title or not excerpt:
        raise ValueError(
            f"record {r.id or '(without id)'} has an empty {'title' if not title else 'excerpt'}; nothing was stored"
        )
    url = n(r.url).strip()
    return replace(
        r,
        id=n(r.id).strip(),
        title=title,
        excerpt=excerpt,
        publisher=n(r.publisher).strip(),
        url=url,
        language=n(r.language).strip().lower(),
        tags=tag_pairs(r.tags),
        text_hash=content_hash(url, excerpt),
    )


def tag_pairs(tags: Any) -> tuple[tuple[str, str], ...]:
    """Tags as (name, value) pairs of trimmed text, empty values left out; a mapping is accepted."""
    items = tags.items() if isinstance(tags, dict) else (tags or ())
    out = []
    for pair in items:
        name, value = pair
        name, value = without_nul(str(name)).strip(), "" if value is None else without_nul(str(value)).strip()
        if name and value:
            out.append((name, value))
    return tuple(out)


def insert_values(conn, rows: list[tuple[int, IndexedValues]]) -> None:
    """The value-index rows of stored records, one executemany per table."""
    amounts = [
        {"record_pk": pk, "currency": c, "amount": a, "low": lo, "high": hi, "span_start": s, "span_end": e}
        for pk, v in rows
        for c, a, lo, hi, s, e in v.amounts
    ]
    dates = [
        {"record_pk": pk, "iso": iso, "precision": p, "first_day": f, "last_day": l, "span_start": s, "span_end": e}
        for pk, v in rows
        for iso, p, f, l, s, e in v.dates
    ]
    names = [
        {"record_pk": pk, "name_key": k[:200], "canonical": c, "type": t, "span_start": s, "span_end": e}
        for pk, v in rows
        for k, c, t, s, e in v.names
    ]
    quotes = [
        {"record_pk": pk, "speaker_key": (k or None) and k[:200], "text": t, "span_start": s, "span_end": e}
        for pk, v in rows
        for k, t, s, e in v.quotes
    ]
    for value_table, batch in (
        (record_amounts, amounts),
        (record_dates, dates),
        (record_names, names),
        (record_quotes, quotes),
    ):
        insert_many(conn, value_table, batch)


def delete_values(conn, pks: list[int]) -> None:
    for value_table in (record_amounts, record_dates, record_names, record_quotes):
        conn.execute(value_table.delete().where(value_table.c.record_pk.in_(pks)))
