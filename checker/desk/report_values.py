"""Checking a report's values one at a time: `Reader` reads one object of a JSON report and refuses,
in one line naming where it is, the first value of the wrong kind, too long, out of range, not one of
the words the desk knows, or not a date (checker/desk/report_import.py says what a report holds).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any, Mapping

from ..inputs import InputError

PREFIX = "not a report this workbench can import: "
MAX_INT = 2**31 - 1  # what an INTEGER column of PostgreSQL holds
CLAIM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def refuse(where: str, what: str) -> None:
    raise InputError(f"{PREFIX}{where + ': ' if where else ''}{what}")


MISSING = object()  # a key the object does not have


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def shown(value: Any) -> str:
    """A value as a message quotes it: short, one line."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value) if value.bit_length() < 100 else f"a number of about {int(value.bit_length() * 0.301)} digits"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        text = repr(value[:41])
        return text if len(value) <= 40 else f"{text[:-1]}…{text[-1]} ({len(value):,} characters)"
    return kind_of(value)


class Reader:
    """Checks the values of one object of the report; `where` names it in messages."""

    def __init__(self, obj: Any, where: str, *, possessive: bool = False):
        if not isinstance(obj, Mapping):
            refuse(where, f"must be an object, not {kind_of(obj)}")
        self.obj, self.where, self.possessive = obj, where, possessive

    def fail(self, key: str, what: str) -> None:
        if self.possessive:  # "the article's title is ..."
            refuse("", f"{self.where}'s {key} {what}")
        refuse(self.where, f"{key} {what}")

    def get(self, key: str, required: bool) -> Any:
        value = self.obj.get(key, MISSING)
        if value is MISSING and required:
            self.fail(key, "is missing")
        return value

    def text(
        self,
        key: str,
        limit: int,
        *,
        required: bool = False,
        null: bool = True,
        empty: bool = True,
        pattern: re.Pattern[str] | None = None,
        default: str | None = "",
    ) -> str | None:
        value = self.get(key, required)
        if value is MISSING or (value is None and null):
            return default
        if not isinstance(value, str):
            self.fail(key, f"must be text, not {kind_of(value)} ({shown(value)})")
        if "\x00" in value:
            self.fail(key, "holds a NUL character")
        if len(value) > limit:
            self.fail(key, f"is longer than {limit:,} characters")
        if not empty and not value.strip():
            self.fail(key, "is empty")
        if pattern is not None and value and not pattern.fullmatch(value):
            self.fail(key, f"is not a valid {key.replace('_', ' ')} ({shown(value)})")
        return value

    def integer(self, key: str, lo: int, hi: int, *, required: bool = True, default: int | None = None) -> int | None:
        value = self.get(key, required)
        if value is MISSING or (value is None and not required):
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number, not {kind_of(value)} ({shown(value)})")
        if not lo <= value <= hi:
            self.fail(key, f"must be between {lo:,} and {hi:,} (got {shown(value)})")
        return value

    def number(self, key: str, lo: float, hi: float, *, required: bool = False, default: float = 0.0) -> float:
        value = self.get(key, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"must be a number, not {kind_of(value)} ({shown(value)})")
        if isinstance(value, int) and value.bit_length() > 64 or not math.isfinite(value) or not lo <= value <= hi:
            self.fail(key, f"must be between {lo:g} and {hi:g} (got {shown(value)})")
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.get(key, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {kind_of(value)} ({shown(value)})")
        return value

    def maybe_flag(self, key: str) -> bool | None:
        value = self.get(key, False)
        return None if value is MISSING or value is None else self.flag(key)

    def word(self, key: str, words: tuple[str, ...], *, default: Any = MISSING) -> str:
        value = self.get(key, default is MISSING)
        if value is MISSING:
            return default
        if value is None and default is None:
            return None
        if not isinstance(value, str) or value not in words:
            self.fail(key, f"must be one of {', '.join(words)} (got {shown(value)})")
        return value

    def day(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.text(key, 10, required=required, default=None)
        if not value:
            if required:
                self.fail(key, "is missing")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(key, f"is not a date YYYY-MM-DD ({shown(value)})")
        raise AssertionError

    def moment(self, key: str, *, required: bool = False) -> dt.datetime | None:
        value = self.text(key, 40, required=required, default=None)
        if not value:
            if required:
                self.fail(key, "is missing")
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            self.fail(key, f"is not a date and time YYYY-MM-DDTHH:MM:SS ({shown(value)})")
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return moment

    def items(self, key: str, limit: int, *, required: bool = False) -> list[Any]:
        value = self.get(key, required)
        if value is MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {kind_of(value)}")
        if len(value) > limit:
            self.fail(key, f"has {len(value):,} items; at most {limit:,}")
        return value

    def texts(self, key: str, count: int, limit: int) -> list[str]:
        out = self.items(key, count)
        for n, item in enumerate(out, start=1):
            if not isinstance(item, str) or len(item) > limit or "\x00" in item:
                self.fail(key, f"item {n} must be text of at most {limit:,} characters ({shown(item)})")
        return out
