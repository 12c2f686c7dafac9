"""Verification reports: one line per claim with status, note, reviewer and evidence."""

from __future__ import annotations

import csv
import datetime as dt
import io

from checker.desk import Desk
from checker.report import render, safe_cell
from checker.service import check_and_store
from conftest import record


def make(fresh_library):
    fresh_library.add([record("A1", "On 2 April 2024 Orvane Motors agreed to buy Celtis Batteries for $1 billion.")])
    desk = Desk(fresh_library.engine)
    article_id, result = check_and_store("Orvane Motors agreed to buy Celtis Batteries for $1 billion.", fresh_library,
                                         desk, language="en", published=dt.date(2024, 5, 1))
    money = next(c.claim.id for c in result.checks if c.claim.type == "money")
    desk.review(article_id, money, reviewer="Ana", status="disputed", note="=SUM(A1:A2) check the filing")
    return desk.load(article_id), money


def test_markdown_report(fresh_library):
    article, money = make(fresh_library)
    text = render(article, "md").decode()
    assert "# Verification report" in text and "disputed" in text and "Ana" in text
    assert "A1" in text and "$1 billion" in text
    assert "Warning" in text  # the names are still unreviewed


def test_csv_report_opens_in_spreadsheets(fresh_library):
    article, money = make(fresh_library)
    data = render(article, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    row = next(r for r in rows if r["claim_id"] == money)
    assert row["status"] == "disputed" and row["reviewer"] == "Ana" and row["evidence_source"] == "A1"
    assert row["note"].startswith("'=")  # a formula is neutralised
    assert rows[0]["status"] == "unreviewed"  # unreviewed claims come first


def test_formula_like_cells_are_neutralised():
    for cell in ("=1+1", "+1", "-1", "@A", "\tx", "\rx"):
        assert safe_cell(cell).startswith("'")
    assert safe_cell("plain") == "plain"
