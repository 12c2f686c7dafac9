"""The value index: finding records by what they say, for the checker.

When a record is stored (sources/library.py), the claim extractor runs on its excerpt and its values
go into indexed tables: amounts with currency, dates with their period, canonical names, quotes with
their speaker. These look-ups read them, so that matching a claim costs a few index probes instead of a
scan of every record. Candidates sharing most of the claim's context names come first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Sequence

from sqlalchemy import Engine, func, select, text

from .db import is_sqlite, record_amounts, record_dates, record_names, record_quotes, records
from .model import SourceRecord

@dataclass(frozen=True)
class IndexedValues:
    """What the value index holds for one record (spans are offsets in the excerpt)."""

    amounts: tuple[tuple[str, float, float, float, int, int], ...]  # currency, amount, low, high, start, end
    dates: tuple[tuple[str, str, dt.date, dt.date, int, int], ...]  # iso, precision, first, last, start, end
    names: tuple[tuple[str, str, str, int, int], ...]  # key, canonical, type, start, end
    quotes: tuple[tuple[str | None, str, int, int], ...]  # speaker key, text, start, end


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored, with its database key and indexed values."""

    pk: int
    record: SourceRecord
    values: IndexedValues



def record_from_row(row: Any) -> SourceRecord:
    """A stored row of `records` as a SourceRecord."""
    return SourceRecord(
        id=row.record_id,
        title=row.title,
        excerpt=row.excerpt,
        publisher=row.publisher or "",
        url=row.url or "",
        published=row.published,
        language=row.language or "",
        tags=tuple((str(k), str(v)) for k, v in (row.tags or [])),
        retrieved_at=row.retrieved_at,
        text_hash=row.text_hash,
    )



class ValueIndex:
    """Read-only look-ups on the value index of one database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def stored(self, pks: Sequence[int]) -> dict[int, StoredRecord]:
        """Records and their indexed values, by database key (deleted records left out)."""
        if not pks:
            return {}
        pks = list(dict.fromkeys(pks))
        out: dict[int, StoredRecord] = {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(records).where(records.c.pk.in_(pks), records.c.deleted_at.is_(None))).all()
            by_pk: dict[int, dict[str, list]] = {r.pk: {"a": [], "d": [], "n": [], "q": []} for r in rows}
            live = list(by_pk)
            for r in conn.execute(select(record_amounts).where(record_amounts.c.record_pk.in_(live))):
                by_pk[r.record_pk]["a"].append((r.currency, r.amount, r.low, r.high, r.span_start, r.span_end))
            for r in conn.execute(select(record_dates).where(record_dates.c.record_pk.in_(live))):
                by_pk[r.record_pk]["d"].append((r.iso, r.precision, r.first_day, r.last_day, r.span_start, r.span_end))
            for r in conn.execute(select(record_names).where(record_names.c.record_pk.in_(live))):
                by_pk[r.record_pk]["n"].append((r.name_key, r.canonical, r.type, r.span_start, r.span_end))
            for r in conn.execute(select(record_quotes).where(record_quotes.c.record_pk.in_(live))):
                by_pk[r.record_pk]["q"].append((r.speaker_key, r.text, r.span_start, r.span_end))
        for row in rows:
            v = by_pk[row.pk]
            out[row.pk] = StoredRecord(row.pk, record_from_row(row), IndexedValues(
                tuple(sorted(v["a"], key=lambda t: t[4])), tuple(sorted(v["d"], key=lambda t: t[4])),
                tuple(sorted(v["n"], key=lambda t: t[3])), tuple(sorted(v["q"], key=lambda t: t[2])),
            ))
        return out

    def amount_matches(self, currency: str, low: float, high: float, *, names: Sequence[str] = (), limit: int = 40) -> list[int]:
        """Records holding an amount in `currency` overlapping [low, high], those sharing most names first."""
        a = record_amounts
        cond = [a.c.currency == currency, a.c.amount.between(low / 2, high * 2), a.c.low <= high, a.c.high >= low]
        return self._ranked_by_names(a, cond, names, limit)

    def date_matches(self, first: dt.date, last: dt.date, *, names: Sequence[str] = (), limit: int = 40) -> list[int]:
        """Records holding a date whose period overlaps [first, last], those sharing most names first."""
        d = record_dates
        cond = [d.c.first_day.between(first - dt.timedelta(days=366), last), d.c.last_day >= first]
        return self._ranked_by_names(d, cond, names, limit, require_names=True)

    def name_matches(self, names: Sequence[str], *, require: str | None = None, limit: int = 40) -> list[int]:
        """Records naming the most of `names` (and `require`, when given), most shared names first."""
        n = record_names
        keys = [k for k in dict.fromkeys(names) if k]
        if require:
            keys = [require] + [k for k in keys if k != require]
        if not keys:
            return []
        shared = func.count(func.distinct(n.c.name_key)).label("shared")
        stmt = select(n.c.record_pk, shared).where(n.c.name_key.in_(keys)).group_by(n.c.record_pk)
        if require:
            having = select(n.c.record_pk).where(n.c.name_key == require)
            stmt = stmt.where(n.c.record_pk.in_(having))
        stmt = stmt.order_by(shared.desc(), n.c.record_pk).limit(limit)
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(stmt)]

    def quote_matches(self, speaker_key: str | None, *, limit: int = 20) -> list[int]:
        """Records quoting `speaker_key`."""
        if not speaker_key:
            return []
        q = record_quotes
        with self.engine.connect() as conn:
            return list(conn.scalars(select(q.c.record_pk).where(q.c.speaker_key == speaker_key).distinct().limit(limit)))

    def _ranked_by_names(self, value_table, cond, names: Sequence[str], limit: int, *, require_names: bool = False) -> list[int]:
        keys = [k for k in dict.fromkeys(names) if k]
        n = record_names
        out: list[int] = []
        with self.engine.connect() as conn:
            if keys:
                shared = func.count(func.distinct(n.c.name_key)).label("shared")
                stmt = (select(value_table.c.record_pk, shared)
                        .select_from(value_table.join(n, n.c.record_pk == value_table.c.record_pk))
                        .where(*cond, n.c.name_key.in_(keys))
                        .group_by(value_table.c.record_pk)
                        .order_by(shared.desc(), value_table.c.record_pk).limit(limit))
                out = [r[0] for r in conn.execute(stmt)]
            if not require_names and len(out) < limit:
                extra = conn.scalars(select(value_table.c.record_pk).where(*cond).distinct().limit(max(5, limit // 4)))
                out += [pk for pk in extra if pk not in out]
        return out

    def text_matches(self, words: Sequence[str], *, limit: int = 30) -> list[int]:
        """Records whose text best matches any of `words` (full-text, best first)."""
        terms = query_terms(" ".join(words))
        if not terms:
            return []
        with self.engine.connect() as conn:
            if is_sqlite(self.engine):
                match = " OR ".join(f'"{t}"' for t in terms)
                rows = conn.execute(text(
                    "SELECT rowid FROM records_fts WHERE records_fts MATCH :q ORDER BY bm25(records_fts) LIMIT :n"
                ), {"q": match, "n": limit})
                return [r[0] for r in rows]
            doc = func.to_tsvector("simple", func.coalesce(records.c.title, "") + " " + records.c.excerpt)
            q = func.to_tsquery("simple", " | ".join(terms))
            stmt = select(records.c.pk).where(doc.op("@@")(q)).order_by(func.ts_rank(doc, q).desc()).limit(limit)
            return list(conn.scalars(stmt))

    def name_frequencies(self, keys: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many records name each key, and how many live records there are (for IDF weights)."""
        keys = [k for k in dict.fromkeys(keys) if k]
        n = record_names
        with self.engine.connect() as conn:
            total = conn.scalar(select(func.count()).select_from(records).where(records.c.deleted_at.is_(None))) or 0
            if not keys:
                return {}, total
            rows = conn.execute(select(n.c.name_key, func.count(func.distinct(n.c.record_pk)))
                                .where(n.c.name_key.in_(keys)).group_by(n.c.name_key))
            return {k: c for k, c in rows}, total

    def gazetteer(self) -> dict[str, tuple[str, str]]:
        """Names the library knows, folded -> (type, canonical), for the extractor."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(record_names.c.name_key, record_names.c.type, record_names.c.canonical).distinct().limit(200_000)
            )
            return {r.name_key: (r.type, r.canonical) for r in rows}



_TERM_RE = re.compile(r"[^\W_]{2,}", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """Words of a free-text query, safe to hand to FTS5 or to_tsquery."""
    return [t.lower() for t in _TERM_RE.findall(query)][:64]
