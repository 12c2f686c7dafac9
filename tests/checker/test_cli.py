"""The command line contract: names, JSON shapes, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_cli

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d'euros. « Nous tiendrons », a-t-elle dit."


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_extract_json_contract(capsys, article):
    code, out, _ = run_cli(capsys, "extract", str(article), "--published", "2024-05-29", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["language"] == "fr" and data["published"] == "2024-05-29"
    for c in data["claims"]:
        assert {"id", "type", "text", "start", "end", "value", "sentence"} <= set(c)
        assert ARTICLE[c["start"] : c["end"]] == c["text"]
    assert {c["type"] for c in data["claims"]} == {"date", "money", "person", "quote"}


def test_extract_jsonl(capsys, tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(
        json.dumps({"id": "a", "text": ARTICLE, "language": "fr", "published": "2024-05-29"})
        + "\n"
        + json.dumps({"id": "b", "text": "Apple paid $3 billion.", "language": "en"})
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "extract", "--jsonl", str(p))
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [x["id"] for x in lines] == ["a", "b"]
    assert [c["value"] for c in lines[1]["claims"] if c["type"] == "money"] == [
        {"amount": 3000000000, "currency": "USD"}
    ]


def test_sources_import_list_and_check(capsys, tmp_path, article):
    db = f"sqlite:///{tmp_path / 'lib.db'}"
    csv_path = tmp_path / "lib.csv"
    csv_path.write_text(
        "id,title,publisher,url,published,language,excerpt\n"
        "K1,Budget,Mairie,,2024-05-03,fr,\"Claire Martin a annoncé le 3 mai 2024 un budget de 4 milliards d'euros.\"\n",
        encoding="utf-8",
    )
    assert run_cli(capsys, "sources", "import", str(csv_path), "--db", db)[0] == 0
    code, out, _ = run_cli(capsys, "sources", "list", "--db", db)
    assert code == 0 and out.startswith("K1\t")
    code, out, _ = run_cli(capsys, "check", str(article), "--db", db, "--published", "2024-05-29", "--format", "json")
    data = json.loads(out)
    money = next(c for c in data["claims"] if c["type"] == "money")
    assert money["matches"][0]["source_id"] == "K1" and money["matches"][0]["agreement"] == "agrees"
    assert money["suggestion"] == "supported"
    assert {"source_id", "score", "agreement", "evidence", "evidence_start", "evidence_end", "later"} <= set(
        money["matches"][0]
    )


def test_bad_csv_is_refused_whole(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'lib.db'}"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,title,excerpt,published\nA,T,text,2024-01-01\nB,T,,2024-01-01\nC,T,text,soon\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "sources", "import", str(bad), "--db", db)
    assert code != 0 and "row 3: empty excerpt" in err and "row 4: unreadable date" in err and "Traceback" not in err
    assert run_cli(capsys, "sources", "list", "--db", db)[1] == ""
    code, out, err = run_cli(capsys, "sources", "import", str(bad), "--db", db, "--skip-bad")
    assert code == 0 and "imported 1 record" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["extract", "/no/such/file.txt"], "no such file"),
        (["extract", "-", "--published", "2024-13-45"], "publication date"),
    ],
)
def test_errors_are_clear(capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert code != 0 and message in err and "Traceback" not in err


def test_binary_input_is_refused(capsys, tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = run_cli(capsys, "extract", str(p))
    assert code != 0 and "binary" in err


def test_module_entry_point_reads_standard_input():
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "extract", "-", "--language", "en", "--format", "json"],
        input="Apple paid $3 billion on May 3, 2024.".encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert [c["type"] for c in json.loads(proc.stdout)["claims"]] == ["organization", "money", "date"]


def test_seed_check_ranks_expected_sources(capsys, corpora):
    seed = corpora / "seed"
    code, out, _ = run_cli(
        capsys,
        "check",
        str(seed / "article_fr.txt"),
        "--sources",
        str(seed / "sources.csv"),
        "--published",
        "2024-05-29",
        "--format",
        "json",
    )
    assert code == 0
    by_text = {c["text"]: c for c in json.loads(out)["claims"]}
    assert by_text["4 milliards de dollars"]["matches"][0]["source_id"] in ("S06", "S16")
    assert by_text["un milliard de dollars"]["matches"][0]["source_id"] == "S09"


def test_seed_extract_has_every_type(capsys, corpora):
    path = corpora / "seed" / "article_fr.txt"
    code, out, _ = run_cli(capsys, "extract", str(path), "--published", "2024-05-29", "--format", "json")
    text = path.read_text(encoding="utf-8")
    data = json.loads(out)
    assert {c["type"] for c in data["claims"]} == {"date", "money", "person", "organization", "quote"}
    assert all(text[c["start"] : c["end"]] == c["text"] for c in data["claims"])


def test_a_damaged_utf8_article_is_read_with_a_warning(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(
        "Le 3 mai 2024, la ville a payé 4 millions d’euros.\nLa mairie d’Orléans a voté.\n".encode().replace(
            "Orléans".encode(), b"Orl\xe9ans"
        )
    )
    code, out, err = run_cli(capsys, "extract", str(path), "--published", "2024-05-29", "--format", "json")
    assert code == 0 and "payé" in out
    assert err.startswith("warning: 'a.txt' is UTF-8 with bytes that cannot be read on line 2;")


def test_the_date_the_article_states_is_used_and_none_is_warned_about(capsys, tmp_path):
    stated = tmp_path / "stated.txt"
    stated.write_text("Publié le 29 mai 2024\n\nCette semaine, la mairie a voté un budget.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", str(stated), "--format", "json")
    assert code == 0 and json.loads(out)["published"] == "2024-05-29" and "warning" not in err
    bare = tmp_path / "bare.txt"
    bare.write_text("Cette semaine, la mairie a voté un budget.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", str(bare), "--format", "json")
    assert code == 0 and "relative dates were resolved against today" in err
    code, out, err = run_cli(capsys, "extract", str(bare), "--published", "2024-05-29", "--format", "json")
    assert code == 0 and "warning" not in err


def test_published_and_by_line_are_read_from_the_text():
    from checker.inputs import author_in_text, published_in_text

    cases = {
        "PARIS, 29 mai 2024 — La mairie": "2024-05-29",
        "WASHINGTON, May 29, 2024 (Reuters) - x": "2024-05-29",
        "Updated May 30, 2024 3:00 pm\nText": "2024-05-30",
        "Mis à jour le 1er juin 2024 à 10h": "2024-06-01",
        "Le 14 mars 2025, Norvane a levé des fonds.": None,
    }
    for text, day in cases.items():
        found = published_in_text(text)
        assert (found.date.isoformat() if found else None) == day, text
    assert author_in_text("Par Marie Dupont, à Lyon\nTexte") == "Marie Dupont"
    assert author_in_text("By John Smith\n\nThe council") == "John Smith"


def test_the_import_progress_bar_estimates_from_the_recent_rate():
    import io

    from checker.cli.sources import _progress_printer

    now = [0.0]
    out = io.StringIO()
    show = _progress_printer(10_000, stream=out, clock=lambda: now[0], force=True)
    for t, done in ((10, 1000), (20, 2000), (40, 3000), (60, 4000), (80, 5000)):
        now[0] = float(t)
        show(done, 10_000)
    # the last 30 s stored 50 records a second (not 62.5 as since the start): 5,000 left -> 100 s
    assert (
        out.getvalue()
        .rsplit("\r", 1)[1]
        .startswith(
            "[###############...............] 5,000/10,000 records, 50/s, about 1 min 40 s left, 1 min 20 s so far"
        )
    )
    now[0] = 90.0
    show(10_000, 10_000)
    assert "committing" in out.getvalue().rsplit("\r", 1)[1] and out.getvalue().endswith("\n")
