"""One row's values checked and made a record (`record_from_values`, also used by the forms and by
edits): cells as text, dates, retrieval times, and the apostrophe that guards formula-like cells."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Iterable

from ..model import MAX_ID, SourceRecord

LANGUAGE_NAMES = {"french": "fr", "français": "fr", "francais": "fr", "english": "en", "anglais": "en"}
MAX_FIELD = 200_000
# A cell that a spreadsheet would run as a formula; exports put an apostrophe before it.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")
_URL_START = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")


def unguard_cell(text: str) -> str:
    """Remove the apostrophe an export put before a formula-like cell ("'=SUM(A1)" -> "=SUM(A1)")."""
    return text[1:] if _GUARDED.match(text) else text


def guard_cell(text: str) -> str:
    """Protect a cell that a spreadsheet would run as a formula, reversibly (see unguard_cell)."""
    return "'" + text if FORMULA_START.match(text) else text


def cell_text(value: Any) -> str:
    """A cell as the text a record holds: stripped, Excel's whole floats and dates as written."""
    if type(value) is str:  # a CSV's cells, the common case: none of the conversions below
        return value.replace("\x00", "").strip()  # NUL: no database stores it (see db.without_nul)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).replace("\x00", "").strip()  # NUL: no database stores it (see db.without_nul)


def record_from_values(
    values: dict[str, Any], tags: Iterable[tuple[str, str]] = ()
) -> tuple[SourceRecord | None, list[str]]:
    """Validate one row's values (by field name); returns the record or the reasons it is refused."""
    reasons: list[str] = []
    record_id = cell_text(values.get("id"))
    title = cell_text(values.get("title"))
    excerpt = cell_text(values.get("excerpt"))
    url = cell_text(values.get("url"))
    language = cell_text(values.get("language")).lower()
    language = LANGUAGE_NAMES.get(language, language)
    if not excerpt:
        reasons.append("empty excerpt")
    elif len(excerpt) > MAX_FIELD:
        reasons.append(f"excerpt longer than {MAX_FIELD} characters")
    if not title:
        reasons.append("empty title")
    elif len(title) > 2000:
        reasons.append("title longer than 2000 characters")
    if len(record_id) > MAX_ID:
        reasons.append(f"id longer than {MAX_ID} characters")
    elif any(ch in record_id for ch in "\r\n\t"):
        reasons.append("id holds a line break or a tab")
    if url and not _URL_START.match(url):
        reasons.append(f"URL must start with http:// or https:// (got {url[:60]!r})")
    if language and not _LANGUAGE_CODE.fullmatch(language):
        reasons.append(f"language must be a code such as fr or en (got {language[:20]!r})")
    published, date_error = parse_date(values.get("published"))
    if date_error:
        reasons.append(date_error)
    retrieved_at, time_error = parse_datetime(values.get("retrieved_at"))
    if time_error:
        reasons.append(time_error)
    if reasons:
        return None, reasons
    return SourceRecord(
        id=record_id,
        title=title,
        excerpt=excerpt,
        publisher=cell_text(values.get("publisher")),
        url=url,
        published=published,
        language=language,
        tags=tuple((str(k).strip(), cell_text(v)) for k, v in tags if cell_text(v)),
        retrieved_at=retrieved_at,
    ), []


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y%m%d")


def parse_date(value: Any) -> tuple[dt.date | None, str | None]:
    """A publication date from a cell: ISO or day-first forms, Excel dates; empty is allowed."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    raw = cell_text(value)
    if not raw:
        return None, None
    if len(raw) == 10 and raw[4] == "-":  # the common case, ISO, without strptime's cost
        try:
            day = dt.date.fromisoformat(raw)
            if 1000 <= day.year <= 2999:
                return day, None
        except ValueError:
            pass
    head = raw[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", raw) else raw
    for fmt in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
        if not 1000 <= day.year <= 2999:
            break
        return day, None
    return None, f"unreadable date {raw[:30]!r} (use YYYY-MM-DD)"


def parse_datetime(value: Any) -> tuple[dt.datetime | None, str | None]:
    """A retrieval time: ISO 8601 (a time zone is converted to UTC); empty is allowed."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        raw = cell_text(value)
        if not raw:
            return None, None
        try:
            moment = dt.datetime.fromisoformat(raw)
        except ValueError:
            return None, f"unreadable retrieval time {raw[:40]!r} (use YYYY-MM-DDTHH:MM:SS)"
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment, None
