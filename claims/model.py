"""The typed claims that the extractor hands to the rest of the workbench.

A `Claim` is a span of the article with a normalised value. Values are small frozen dataclasses;
`Claim.to_json()` gives the JSON contract of the command line (values in the formats of the corpora
README: ISO dates at their precision, money as `{"amount", "currency"}`, canonical names, quotes as
`{"speaker", "text"}`), and `claim_from_json` reads it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal, Union

ClaimType = Literal["date", "money", "person", "organization", "quote"]
CLAIM_TYPES: tuple[str, ...] = ("date", "money", "person", "organization", "quote")
Precision = Literal["year", "half", "season", "quarter", "month", "week", "day"]
# A quote the article reports someone saying, or a word or phrase it quotes as a term ("so-called").
QuoteKind = Literal["speech", "term"]
SEASONS = ("spring", "summer", "autumn", "winter")
# First month of each season (meteorological seasons; a winter runs from December into the next year).
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the text gives, with the range of days it can mean.

    `iso` is `2021`, `2024-H1` (a half year), `2024-summer` (a season), `2024-Q3` (a quarter), `2023-11`, `2024-W21` or
    `2024-05-15`; `start`/`end` (inclusive) cover the
    period, widened when the text is approximate ("il y a moins de deux semaines").
    """

    iso: str
    precision: Precision
    start: dt.date
    end: dt.date

    def to_json(self) -> str:
        return self.iso

    @classmethod
    def of(cls, iso: str, *, start: dt.date | None = None, end: dt.date | None = None) -> "DateValue":
        precision, p_start, p_end = period_of(iso)
        return cls(iso, precision, start or p_start, end or p_end)


def period_of(iso: str) -> tuple[Precision, dt.date, dt.date]:
    """Precision and first/last day of an ISO date written at year, half, quarter, month, week or
    day precision (halves and quarters as `2024-H1`, `2024-Q3`, the way ISO weeks are written)."""
    year_part, _, season = iso.partition("-")
    if season in _SEASON_START:  # "2024-summer"
        first = dt.date(int(year_part), _SEASON_START[season], 1)
        after = dt.date(first.year + (first.month + 3 > 12), (first.month + 2) % 12 + 1, 1)
        return "season", first, after - dt.timedelta(days=1)
    if "-W" in iso:
        year, week = iso.split("-W")
        first = dt.date.fromisocalendar(int(year), int(week), 1)
        return "week", first, first + dt.timedelta(days=6)
    divisions: tuple[tuple[str, Precision, int], ...] = (("-Q", "quarter", 3), ("-H", "half", 6))
    for mark, precision, months in divisions:
        if mark in iso:
            y, n = (int(x) for x in iso.split(mark))
            if not 1 <= n <= 12 // months:
                raise ValueError(f"no {precision} {n} in a year: {iso}")
            first_month = (n - 1) * months + 1
            last_month = first_month + months - 1
            nxt = dt.date(y + (last_month == 12), last_month % 12 + 1, 1)
            return precision, dt.date(y, first_month, 1), nxt - dt.timedelta(days=1)
    parts = iso.split("-")
    if len(parts) == 1:
        y = int(parts[0])
        return "year", dt.date(y, 1, 1), dt.date(y, 12, 31)
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return "month", dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    day = dt.date.fromisoformat(iso)
    return "day", day, day


@dataclass(frozen=True)
class Money:
    """An amount of money with its ISO 4217 currency.

    `low`/`high` bound what the text allows: the precision it is written at ("4 milliards" covers
    3.95 to 4.05 billion), widened by a qualifier ("près de") or spanning a range ("entre 2 et 3").
    """

    amount: Decimal
    currency: str | None
    low: Decimal
    high: Decimal
    amount_max: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"amount": _number(self.amount), "currency": self.currency}
        if self.amount_max is not None:
            out["max"] = _number(self.amount_max)
        return out


@dataclass(frozen=True)
class Name:
    """A person or an organisation under its canonical full name."""

    canonical: str

    def to_json(self) -> str:
        return self.canonical


@dataclass(frozen=True)
class Quote:
    """Words set in quote marks: `speech` someone said or wrote, or a quoted `term`."""

    text: str
    speaker: str | None
    kind: QuoteKind = "speech"
    also: tuple[str, ...] = ()  # the other speakers of a joint statement

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"speaker": self.speaker, "text": self.text}
        if self.also:
            out["also"] = list(self.also)
        return out


Value = Union[DateValue, Money, Name, Quote]


@dataclass(frozen=True)
class Claim:
    """One checkable statement found in a text, with the sentence it sits in."""

    id: str
    type: ClaimType
    text: str
    start: int
    end: int
    value: Value
    sentence: str
    sentence_start: int
    sentence_end: int
    relative: bool = False
    approximate: bool = False
    qualifier: str | None = None
    # Every place the same name is written (names are listed once per surface form).
    mentions: tuple[tuple[int, int], ...] = field(default=())
    # How a value was decided where the words alone do not say ("CAD: the article names Québec ×2").
    basis: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value.to_json(),
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }
        if isinstance(self.value, DateValue):
            out["precision"] = self.value.precision
            out["bounds"] = [self.value.start.isoformat(), self.value.end.isoformat()]
        elif isinstance(self.value, Money):
            out["bounds"] = [_number(self.value.low), _number(self.value.high)]
        elif isinstance(self.value, Quote):
            out["kind"] = self.value.kind
        if self.relative:
            out["relative"] = True
        if self.approximate:
            out["approximate"] = True
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.mentions:
            out["mentions"] = [list(m) for m in self.mentions]
        if self.basis:
            out["basis"] = self.basis
        return out

    def with_id(self, claim_id: str) -> "Claim":
        return replace(self, id=claim_id)

    @property
    def display_value(self) -> str:
        """The value as an editor reads it in a table."""
        v = self.value
        if isinstance(v, Money):
            text = f"{format_amount(v.amount)} {v.currency or '?'}"
            if v.amount_max is not None:
                text = f"{format_amount(v.amount)}–{format_amount(v.amount_max)} {v.currency or '?'}"
            return f"{self.qualifier} {text}" if self.qualifier else text
        if isinstance(v, Quote):
            who = ", ".join((v.speaker, *v.also)) if v.speaker else ("(term)" if v.kind == "term" else "(unattributed)")
            return f"{who}: {v.text}"
        if isinstance(v, DateValue):
            return f"≈ {v.iso}" if self.approximate else v.iso
        return v.canonical


def claim_from_json(data: dict[str, Any]) -> Claim:
    """Read back a claim written by `Claim.to_json` (stored articles, JSON reports)."""
    kind = data["type"]
    raw = data["value"]
    value: Value
    if kind == "date":
        bounds = data.get("bounds")
        value = DateValue.of(
            raw,
            start=dt.date.fromisoformat(bounds[0]) if bounds else None,
            end=dt.date.fromisoformat(bounds[1]) if bounds else None,
        )
    elif kind == "money":
        amount = Decimal(str(raw["amount"]))
        bounds = data.get("bounds") or [amount, raw.get("max", amount)]
        value = Money(
            amount=amount,
            currency=raw.get("currency"),
            low=Decimal(str(bounds[0])),
            high=Decimal(str(bounds[1])),
            amount_max=Decimal(str(raw["max"])) if raw.get("max") is not None else None,
        )
    elif kind == "quote":
        value = Quote(
            text=raw["text"],
            speaker=raw.get("speaker"),
            kind=data.get("kind", "speech"),
            also=tuple(raw.get("also", ())),
        )
    else:
        value = Name(raw)
    return Claim(
        id=data["id"],
        type=kind,
        text=data["text"],
        start=data["start"],
        end=data["end"],
        value=value,
        sentence=data.get("sentence", ""),
        sentence_start=data.get("sentence_start", data["start"]),
        sentence_end=data.get("sentence_end", data["end"]),
        relative=data.get("relative", False),
        approximate=data.get("approximate", False),
        qualifier=data.get("qualifier"),
        mentions=tuple(tuple(m) for m in data.get("mentions", ())),
        basis=data.get("basis"),
    )


@dataclass(frozen=True)
class Unclaimed:
    """A sentence that looks checkable (a number, a date word, quote marks) but gave no claim.

    `reason` names the kinds found ("number", "quote marks", "date word", comma-separated in that
    order); `items` are the figures, marks and words that no claim covers, as written.
    """

    start: int
    end: int
    sentence: str
    reason: str
    items: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "sentence": self.sentence, "reason": self.reason}
        if self.items:
            out["items"] = list(self.items)
        return out


@dataclass(frozen=True)
class Extraction:
    """What the extractor found in one text."""

    language: str
    published: dt.date
    claims: tuple[Claim, ...]
    unclaimed: tuple[Unclaimed, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "published": self.published.isoformat(),
            "claims": [c.to_json() for c in self.claims],
            "unclaimed": [u.to_json() for u in self.unclaimed],
        }


def _number(value: Decimal) -> int | float | str:
    """An amount as JSON writes it: an integer, a float when one holds it exactly, else its digits as
    a string (a bound of a 16-digit amount, "2021202120212020.95", which a float would round)."""
    if value == value.to_integral_value():
        return int(value)
    f = float(value)
    return f if Decimal(repr(f)) == value else str(value)


def format_amount(amount: Decimal) -> str:
    """4000000000 -> '4 000 000 000'; 1.25 -> '1.25' (thin grouping, no locale)."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}".replace(",", " ")
    whole, _, frac = f"{amount.normalize():f}".partition(".")
    return f"{int(whole):,}".replace(",", " ") + "." + frac
