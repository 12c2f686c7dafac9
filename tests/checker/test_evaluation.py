"""The extractor's quality gate: figures of `python -m checker evaluate` against pinned floors."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from checker.evaluation.extraction import OWN_ARTICLES, evaluate_all, format_report

FLOORS = tomllib.loads((Path(__file__).resolve().parents[1] / "quality_floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    # our own articles (tests/articles) always; the shared corpora when ../shared is beside the checkout
    return evaluate_all()


def _score(report, corpus, kind):
    if "scores" in report[corpus]:  # the seed and our own articles, per type
        return report[corpus]["scores"][kind]
    return report[corpus]["score"]


@pytest.mark.parametrize("corpus, kind", [(c, k) for c, kinds in FLOORS.items() for k in kinds])
def test_quality_floor(report, corpus, kind):
    if corpus not in report:
        pytest.skip(f"{corpus} corpus absent (../shared/corpora is not beside this checkout)")
    got = _score(report, corpus, kind)
    floor = FLOORS[corpus][kind]
    assert got["f1"] >= floor["f1"], format_report(report, failures=20)
    assert got["value_accuracy"] >= floor["value_accuracy"], format_report(report, failures=20)


def test_each_later_batch_of_our_articles_is_its_own_corpus(report):
    # the first three batches stay what `articles_<language>` scores; batch D is scored apart
    first = {p.name[:3] for p in OWN_ARTICLES.glob("[abc]*_fr.gold.json")}
    assert report["articles_fr"]["articles"] == len(first)
    assert report["articles_d_fr"]["articles"] == len(list(OWN_ARTICLES.glob("d*_fr.gold.json"))) >= 6
    assert "articles_d_en" in format_report(report)


def test_report_formats(report):
    text = format_report(report)
    assert "articles_fr" in text and "articles_en" in text and "F1" in text
    assert ("seed" in text) == ("seed" in report)


def test_our_articles_gold_is_well_formed():
    golds = sorted(OWN_ARTICLES.glob("*.gold.json"))
    assert len(golds) >= 16
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (OWN_ARTICLES / gold["article"]).read_text(encoding="utf-8")
        assert gold["language"] in ("fr", "en") and dt.date.fromisoformat(gold["published"])
        for claim in gold["claims"]:
            assert claim["type"] in ("date", "money", "person", "organization", "quote"), (path.name, claim)
            assert claim["text"] in text, (path.name, claim["text"])


def test_an_optional_claim_does_not_hide_a_required_one_of_the_same_text():
    from checker.evaluation.extraction import Score, _match

    score, failures = Score(), []
    predicted = [("2010", "2010"), ("2010", "2010"), ("last year", "2010")]
    expected = [("2010", "2010")]  # the body's "2010"; the headline's is optional
    _match(predicted, expected, lambda got, want: got == want, score, failures, "case", optional=["2010"])
    assert (score.tp, score.fn, score.fp) == (1, 0, 1)  # "last year" is spurious; the second "2010" excused
    assert [f["text"] for f in failures] == ["last year"]


def test_a_name_with_or_without_its_accents_is_one_name():
    from checker.evaluation.extraction import _seed_value_ok

    assert _seed_value_ok("Edouard Philippe", "Édouard Philippe")
    assert _seed_value_ok({"speaker": "Miguel Diaz-Canel", "text": "x"}, {"speaker": "Miguel Díaz-Canel", "text": "x"})
    assert not _seed_value_ok("Edouard Philippon", "Édouard Philippe")


def test_a_qualifier_in_brackets_or_after_of_is_one_qualifier():
    from checker.evaluation.extraction import _seed_value_ok

    assert _seed_value_ok("Court of Cassation of Kuwait", "Court of Cassation (Kuwait)")
    assert _seed_value_ok("Cour des comptes du Sénégal", "Cour des comptes (Sénégal)")
    assert _seed_value_ok("Canberra Times", "The Canberra Times")
    assert not _seed_value_ok("Court of Cassation", "Court of Cassation (Kuwait)")
    assert not _seed_value_ok("Sonja Harrison", "La Sonja Harrison")


def test_a_clubs_marker_and_the_dots_of_initials_are_one_form():
    from checker.evaluation.extraction import _seed_value_ok

    assert _seed_value_ok("Southampton F.C.", "Southampton FC")
    assert _seed_value_ok("Everton F.C.", "Everton Football Club")
    assert _seed_value_ok("Manchester United F.C.", "Manchester United")
    assert _seed_value_ok("US Securities and Exchange Commission", "U.S. Securities and Exchange Commission")
    assert not _seed_value_ok("Paris", "Paris FC")
    assert not _seed_value_ok("Everton", "Everton FC")


def test_names_are_one_per_surface_form_on_both_sides():
    from checker.evaluation.extraction import Score, _score_text
    from checker.evaluation.realnews import loose_norm

    text = "Justin Trudeau a parlé. Puis M. Trudeau et Trudeau ont signé."
    gold = {
        "article": "t",
        "language": "fr",
        "published": "2024-05-29",
        "claims": [
            {"type": "person", "text": "Justin Trudeau", "value": "Justin Trudeau"},
            {"type": "person", "text": "M. Trudeau", "value": "Justin Trudeau"},
            {"type": "person", "text": "Trudeau", "value": "Justin Trudeau"},
        ],
    }
    scores = {t: Score() for t in ("date", "money", "person", "organization", "quote")}
    failures = {t: [] for t in scores}
    _score_text(text, gold, scores, failures, norm=loose_norm)
    assert (scores["person"].tp, scores["person"].fn) == (2, 0), failures["person"]


def test_json_report_shows_as_many_failures_as_asked():
    """`evaluate --format json --failures 0` prints figures only: a held-out part's first run."""
    from checker.cli.main import _failures_cut

    report = {
        "realnews_en_held-out": {"scores": {}, "failures": {"date": [{"text": "a"}, {"text": "b"}]}},
        "realnews_matching_held-out": {"best_first": 1, "failures": [{"text": "c"}]},
        "skip_rules": {"x": "y"},
    }
    cut = _failures_cut(report, 0)
    assert cut["realnews_en_held-out"]["failures"] == {"date": []}
    assert cut["realnews_matching_held-out"] == {"best_first": 1, "failures": []}
    assert cut["skip_rules"] == {"x": "y"}
    assert _failures_cut(report, 1)["realnews_en_held-out"]["failures"]["date"] == [{"text": "a"}]
