"""The demo library and example article that a fresh workbench starts with (fictional, ours)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..db import audit, writing
from ..importers import parse_file
from ..library import Library

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Example:
    title: str
    text: str
    language: str
    published: dt.date


def example_article() -> Example:
    text = (HERE / "example_fr.txt").read_text(encoding="utf-8")
    return Example(title=text.splitlines()[0].strip(), text=text, language="fr", published=dt.date(2025, 3, 14))


@functools.cache
def demo_ids() -> frozenset[str]:
    """The ids of the demo records (D01, D02...): how the library page marks them and lists them apart."""
    return frozenset(r.id for r in parse_file("library.csv", (HERE / "library.csv").read_bytes()).records)


def demo_records(library: Library) -> list:
    """The demo records still in the library."""
    out = []
    for record_id in sorted(demo_ids()):
        try:
            out.append(library.get(record_id))
        except KeyError:
            continue
    return out


def remove_demo(library: Library, *, actor: str) -> list[str]:
    """Delete every demo record in one action (recoverable like any deletion); returns their ids."""
    return library.delete_many(sorted(demo_ids()), actor=actor)


def seed_demo(library: Library) -> int:
    """Fill an empty library with the demo records, once per database; returns how many were added.

    An editor who later empties the library does not get the demo back.
    """
    with library.engine.connect() as conn:
        seeded = conn.execute(
            select(audit.c.id).where(audit.c.entity == "library", audit.c.entity_id == "demo")
        ).first()
    if seeded is not None or library.count() > 0:
        return 0
    parsed = parse_file("library.csv", (HERE / "library.csv").read_bytes())
    try:
        report = library.add(parsed.records, actor="demo")
    except IntegrityError:
        # Several servers of a shared deployment started at once on an empty database: another one
        # stored the same records first (same ids), and this whole batch was rolled back.
        if library.count() > 0:
            return 0
        raise
    with writing(library.engine) as conn:
        conn.execute(
            audit.insert().values(
                at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0),
                actor="demo",
                entity="library",
                entity_id="demo",
                action="seed",
                before=None,
                after={"records": report.added},
            )
        )
    return report.added
