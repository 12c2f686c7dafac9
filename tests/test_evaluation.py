"""The extractor's quality gate: figures of `python -m checker evaluate` against pinned floors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from checker.evaluate import evaluate_all, format_report

FLOORS = tomllib.loads((Path(__file__).with_name("quality_floors.toml")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    root = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
    if not (root / "seed").is_dir():
        pytest.skip("the shared corpora (../shared/corpora) are not beside this checkout")
    return evaluate_all(root)


def _score(report, corpus, kind):
    if corpus == "seed":
        return report["seed"]["scores"][kind]
    return report[corpus]["score"]


@pytest.mark.parametrize("corpus, kind", [(c, k) for c, kinds in FLOORS.items() for k in kinds])
def test_quality_floor(report, corpus, kind):
    if corpus not in report:
        pytest.skip(f"{corpus} corpus absent")
    got = _score(report, corpus, kind)
    floor = FLOORS[corpus][kind]
    assert got["f1"] >= floor["f1"], format_report(report, failures=20)
    assert got["value_accuracy"] >= floor["value_accuracy"], format_report(report, failures=20)


def test_report_formats(report):
    text = format_report(report)
    assert "seed" in text and "F1" in text
