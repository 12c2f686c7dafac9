"""The real-news evaluation's machinery, on an article of our own: gold kept as offsets and hashes
(never the article's words), the text rebuilt and checked, scored per language and split."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from checker.evaluation import realnews
from checker.evaluation.extraction import evaluate_realnews, format_report

REBUILD = Path(__file__).resolve().parents[1] / "realnews" / "rebuild.py"

BODY = (
    "La mairie de Rennes a voté mardi un budget de 4,2 millions d’euros.\n\n"
    "« Nous tenons nos promesses », a déclaré la maire Nathalie Appéré."
)
RECORD = "Rennes : le conseil municipal adopte un budget de 4,2 millions d’euros, annonce Nathalie Appéré."


@pytest.fixture()
def rebuild(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("rebuild_under_test", REBUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    private = tmp_path / "private"
    for name, path in {
        "HERE": tmp_path,
        "ARTICLES": tmp_path / "articles",
        "PRIVATE": private,
        "INCOMING": private / "incoming",
        "CHUNKS": private / "chunks",
        "BODIES": private / "bodies",
        "RECORDS": private / "records",
    }.items():
        monkeypatch.setattr(module, name, path)
    src = private / "incoming" / "fr05"
    (src / "records").mkdir(parents=True)
    (src / "chunk1.txt").write_text(BODY + "\nPartager cet article", encoding="utf-8")
    (src / "meta.json").write_text(
        json.dumps(
            {
                "id": "fr05",
                "language": "fr",
                "published": "2024-05-29",
                "chunks": [
                    {"file": "chunk1.txt", "url": "https://example.org/a", "query": "budget Rennes", "cut": len(BODY)}
                ],
            }
        ),
        encoding="utf-8",
    )
    claims = [
        {"type": "date", "text": "mardi", "value": "2024-05-28", "relative": True},
        {"type": "money", "text": "4,2 millions d’euros", "value": {"amount": 4200000, "currency": "EUR"}},
        {"type": "person", "text": "Nathalie Appéré", "value": "Nathalie Appéré"},
        {
            "type": "quote",
            "text": "Nous tenons nos promesses",
            "value": {"speaker": "Nathalie Appéré", "text": "Nous tenons nos promesses"},
        },
    ]
    (src / "gold.json").write_text(
        json.dumps({"article": "fr05", "language": "fr", "published": "2024-05-29", "claims": claims}), encoding="utf-8"
    )
    (src / "records" / "R1.txt").write_text(RECORD, encoding="utf-8")
    (src / "records.json").write_text(
        json.dumps(
            [
                {
                    "id": "fr05-R1",
                    "file": "R1.txt",
                    "url": "https://example.org/r",
                    "query": "conseil Rennes",
                    "cut": None,
                    "title": "Rennes : le conseil municipal adopte un budget",
                    "publisher": "Ouest",
                    "published": "2024-05-28",
                    "language": "fr",
                }
            ]
        ),
        encoding="utf-8",
    )
    (src / "expected_matches.json").write_text(
        json.dumps([{"claim": "4,2 millions d’euros", "supported_by": ["fr05-R1"], "verdict": "supported"}]),
        encoding="utf-8",
    )
    return module


def test_the_committed_gold_holds_offsets_and_hashes_never_the_words(rebuild, tmp_path):
    gold = rebuild.ingest("fr05")
    committed = (tmp_path / "articles" / "fr05.json").read_text(encoding="utf-8")
    for words in ("Nous tenons nos promesses", "mairie de Rennes", "conseil municipal adopte"):
        assert words not in committed
    assert gold["split"] == "study" and gold["body_length"] == len(BODY)
    body = (tmp_path / "private" / "bodies" / "fr05.txt").read_text(encoding="utf-8")
    assert body == BODY
    spans = {BODY[c["start"] : c["end"]] for c in gold["claims"]}
    assert {"mardi", "4,2 millions d’euros", "Nathalie Appéré", "Nous tenons nos promesses"} == spans
    assert gold["records"][0]["title_span"] is None or RECORD[slice(*gold["records"][0]["title_span"])]


def test_rebuilt_text_is_checked_chunk_by_chunk_and_offset_by_offset(rebuild, tmp_path):
    rebuild.ingest("fr05")
    assert rebuild.check() == []
    plan = rebuild.plan()
    assert [c["query"] for c in plan] == ["budget Rennes", "conseil Rennes"]
    # a chunk copied with another kind of space still checks; a changed word does not
    chunk = tmp_path / "private" / "chunks" / "fr05.1.txt"
    chunk.write_text(chunk.read_text(encoding="utf-8").replace(" ", "\u00a0", 1), encoding="utf-8")
    assert rebuild.check() == []
    chunk.write_text(chunk.read_text(encoding="utf-8").replace("Rennes", "Brest"), encoding="utf-8")
    assert any("differs" in p for p in rebuild.check())
    chunk.unlink()
    assert any("missing" in p for p in rebuild.check())


def test_real_news_is_scored_per_language_and_split_and_skipped_without_text(rebuild, tmp_path):
    rebuild.ingest("fr05")
    report = evaluate_realnews(tmp_path)
    scores = report["realnews_fr_study"]["scores"]
    assert report["realnews_fr_study"]["articles"] == 1
    assert scores["money"]["tp"] == 1 and scores["quote"]["tp"] == 1
    matching = report["realnews_matching_study"]
    assert matching["expectations"] == 1 and matching["best_first"] == 1
    assert matching["suggestion_right"] == 1
    assert report["realnews_fr_study"]["without_text"] == 0
    # a second article whose text is not rebuilt: the split says it was left out
    gold = json.loads((tmp_path / "articles" / "fr05.json").read_text(encoding="utf-8"))
    gold["id"] = "fr08"
    (tmp_path / "articles" / "fr08.json").write_text(json.dumps(gold), encoding="utf-8")
    part = evaluate_realnews(tmp_path)["realnews_fr_study"]
    assert (part["articles"], part["without_text"]) == (1, 1)
    assert "1 articles scored, 1 left out" in format_report(evaluate_realnews(tmp_path))
    for path in (tmp_path / "private" / "bodies").iterdir():
        path.unlink()
    assert evaluate_realnews(tmp_path) == {}  # no rebuilt text (as in CI): nothing to score, no error


def test_spans_are_compared_with_the_words_at_their_edges_set_aside():
    assert realnews.loose_norm("on Monday") == realnews.loose_norm("Monday")
    assert realnews.loose_norm("le 26 mai") == realnews.loose_norm("26 mai")
    assert realnews.loose_norm("d’octobre") == "octobre"
    assert realnews.loose_norm("mardi matin") == "mardi"
    assert realnews.loose_norm("Le Monde") != realnews.loose_norm("Monde du travail")


def test_the_split_is_the_one_fixed_before_collecting(rebuild):
    assert [
        rebuild.split_of(i)
        for i in (
            "fr01",
            "fr03",
            "en21",
            "en22",
            "fr23",
            "en34",
            "fr35",
            "en47",
            "fr56",
            "en57",
            "fr66",
            "en67",
            "fr76",
            "en77",
            "fr86",
            "en87",
            "fr96",
            "en97",
            "fr106",
            "en107",
            "fr116",
            "en117",
            "fr126",
            "en127",
            "fr136",
            "en137",
            "fr146",
            "en147",
            "fr156",
            "en157",
            "fr166",
            "en167",
            "fr176",
            "en177",
            "fr186",
            "en187",
            "fr196",
            "en197",
            "fr211",
            "en212",
            "fr221",
            "en222",
            "fr231",
            "en232",
            "fr241",
            "en242",
            "fr261",
            "en262",
            "fr281",
            "en282",
            "fr301",
            "en302",
            "fr321",
            "en322",
            "fr341",
            "en342",
        )
    ] == [
        "study",
        "round-1",
        "round-1",
        "study",
        "round-2",
        "round-2",
        "round-3",
        "round-4",
        "round-4",
        "round-5",
        "round-5",
        "round-6",
        "round-6",
        "round-7",
        "round-7",
        "round-8",
        "round-8",
        "round-9",
        "round-9",
        "round-10",
        "round-10",
        "round-11",
        "round-11",
        "round-12",
        "round-12",
        "round-13",
        "round-13",
        "round-14",
        "round-14",
        "round-15",
        "round-15",
        "round-16",
        "round-16",
        "round-17",
        "round-17",
        "round-18",
        "round-18",
        "round-19",
        "round-19",
        "round-20",
        "round-20",
        "round-21",
        "round-21",
        "round-22",
        "round-22",
        "round-23",
        "round-23",
        "round-24",
        "round-24",
        "round-25",
        "round-25",
        "round-26",
        "round-26",
        "round-27",
        "round-27",
        "held-out",
    ]


def _scored_dates(body: str, dates: list[tuple[str, str]], published: str) -> list[dict]:
    """The gold claims `as_gold` scores, for dates given as (text, value) in reading order."""
    claims, at = [], 0
    for text, value in dates:
        start = body.index(text, at)
        claims.append({"type": "date", "start": start, "end": start + len(text), "value": value})
        at = start + len(text)
    gold = {"id": "en0", "language": "en", "published": published, "claims": claims}
    return realnews.RealArticle(gold, body).as_gold()["claims"]


def test_a_weekday_and_its_bracketed_date_given_as_two_claims_are_scored_as_one():
    body = "Results came on Thursday (May 17) and today (May 18), not on May (31)."
    dates = [
        ("Thursday", "2018-05-17"),
        ("May 17", "2018-05-17"),
        ("today", "2018-05-18"),
        ("May 18", "2018-05-18"),
        ("May", "2018-05"),
        ("31", "2018-05"),
    ]
    texts = [c["text"] for c in _scored_dates(body, dates, "2018-05-18")]
    # a weekday or a named day takes its bracket, a month does not
    assert texts == ["Thursday (May 17)", "today (May 18)", "May", "31"]


def test_the_search_tools_page_date_is_neither_a_claim_nor_a_miss():
    body = " date 2024-05-01 The court met on 2 May 2024."
    scored = _scored_dates(body, [("2024-05-01", "2024-05-01"), ("2 May 2024", "2024-05-02")], "2024-05-03")
    assert [(c["text"], bool(c.get("optional"))) for c in scored] == [
        ("2024-05-01", True),
        ("2 May 2024", False),
        ("2024-05-01", True),
    ]
