"""JSON (an array of objects, {"records": [...]}, or one object) and JSON Lines (one object a line,
numbered by line; also a .json file that holds lines). The header is the keys of the first items."""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from .table import MAX_COLUMNS, ImportFormatError, Opener, Row, Table, detect_encoding, encoding_warnings, too_wide


def read_json(opener: Opener, ext: str) -> Table:
    """A JSON array of objects, an object with a "records" array, or JSON Lines."""
    fh = opener()
    encoding = detect_encoding(fh)
    text: io.TextIOBase = io.TextIOWrapper(fh, encoding=encoding.name, errors=encoding.errors)
    items: Iterator[tuple[int, Any]] | None = None
    label = "line"
    if ext == "json":
        whole = text.read()
        fh.close()
        if not whole.strip():
            raise ImportFormatError("the file is empty")
        try:
            doc = json.loads(whole)
        except json.JSONDecodeError as exc:
            if not whole.lstrip().startswith("{"):
                raise ImportFormatError(f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
            text = io.StringIO(whole)  # JSON Lines saved as .json
        else:
            if isinstance(doc, dict) and isinstance(doc.get("records"), list):
                doc = doc["records"]
            if isinstance(doc, dict):
                doc = [doc]
            if not isinstance(doc, list):
                raise ImportFormatError("JSON must be an array of records (or JSON Lines)")
            items, label = iter(enumerate(doc, start=1)), "item"
    if items is None:
        items = _json_lines(text, fh)
    # The header is the union of the keys of the first items (enough to check the columns).
    head: list[tuple[int, Any]] = []
    for pair in items:
        head.append(pair)
        if len(head) >= 1000:
            break
    if not head:
        raise ImportFormatError("the file is empty")
    columns: dict[str, None] = {}  # in the order met; a dict, so that each key is looked up once
    for n, item in head:
        if isinstance(item, dict):
            _check_width(item, label, n)
            columns.update(dict.fromkeys(map(str, item)))
            if len(columns) > MAX_COLUMNS:
                raise ImportFormatError(too_wide(f"the first {label}s have {len(columns):,} different keys"))
    header = list(columns)

    def rows() -> Iterator[tuple[int, Row | str]]:
        for n, item in itertools.chain(head, items):
            if isinstance(item, _BadLine):
                yield n, item.reason
            elif isinstance(item, dict):
                _check_width(item, label, n)
                yield n, [(str(k), v) for k, v in item.items()]
            else:
                yield n, "not a JSON object"

    return Table(header, rows(), label=label, nested_tags=True, warnings=encoding_warnings(encoding))


def _check_width(item: dict, label: str, n: int) -> None:
    if len(item) > MAX_COLUMNS:
        raise ImportFormatError(too_wide(f"{label} {n} has {len(item):,} keys"))


@dataclass(frozen=True)
class _BadLine:
    reason: str


def _json_lines(text: io.TextIOBase, fh: BinaryIO) -> Iterator[tuple[int, Any]]:
    try:
        for line_no, line in enumerate(text, start=1):
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line)
            except json.JSONDecodeError as exc:
                yield line_no, _BadLine(f"not JSON ({exc.msg})")
    finally:
        fh.close()
