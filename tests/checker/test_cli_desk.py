"""The desk's command line: check --save, review with the desk's rules, report."""

from __future__ import annotations

import json

from support import cli_check_saved, cli_review, run_cli

ARTICLE = "Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d'euros."


def test_save_review_and_report(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    data = cli_check_saved(capsys, tmp_path, db, ARTICLE, "--title", "Budget", "--published", "2024-05-29")
    assert data["article_id"] == 1
    claim = next(c["id"] for c in data["claims"] if c["type"] == "money")
    code, out, _ = cli_review(capsys, db, 1, claim, "disputed", "no such budget", "Ana")
    assert code == 0 and json.loads(out)["version"] == 2
    code, out, err = run_cli(
        capsys, "review", "1", claim, "--status", "verified", "--reviewer", "Ben", "--expect-version", "1", "--db", db
    )
    assert code != 0 and "changed by Ana" in err
    code, out, _ = run_cli(capsys, "report", "1", "--format", "md", "--db", db)
    assert code == 0 and "no such budget" in out and "Ana" in out
    target = tmp_path / "r.csv"
    assert run_cli(capsys, "report", "1", "--format", "csv", "-o", str(target), "--db", db)[0] == 0
    assert "no such budget" in target.read_text(encoding="utf-8-sig")


def test_unknown_article(capsys, tmp_path):
    code, _, err = run_cli(capsys, "report", "42", "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert code != 0 and "no article with id 42" in err


def saved_article(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    options = ("--published", "2024-05-29", "--url", "https://example.org/budget", "--reviewer", "Ana")
    data = cli_check_saved(capsys, tmp_path, db, ARTICLE, *options)
    return db, data["article_id"], next(c["id"] for c in data["claims"] if c["type"] == "money")


def test_report_in_every_format_and_language(capsys, tmp_path):
    db, article_id, claim = saved_article(capsys, tmp_path)
    assert cli_review(capsys, db, article_id, claim, "verified", "in the council minutes", "Ana")[0] == 0
    code, out, _ = run_cli(capsys, "report", str(article_id), "--format", "html", "--lang", "fr", "--db", db)
    assert code == 0 and "Rapport de vérification" in out and "in the council minutes" in out
    code, out, _ = run_cli(
        capsys,
        "report",
        str(article_id),
        "--format",
        "claimreview",
        "--db",
        db,
        "--review-url",
        "https://check.example.org/budget",
    )
    (review,) = json.loads(out)
    assert review["url"] == f"https://check.example.org/budget#claim-{claim}"
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/budget"
    code, _, err = run_cli(capsys, "report", str(article_id), "--lang", "de", "--db", db)
    assert code != 0 and "--lang must be one of en, fr" in err


def test_json_report_imports_back(capsys, tmp_path):
    db, article_id, claim = saved_article(capsys, tmp_path)
    cli_review(capsys, db, article_id, claim, "disputed", "no such budget", "Ana")
    target = tmp_path / "state.json"
    assert run_cli(capsys, "report", str(article_id), "--format", "json", "-o", str(target), "--db", db)[0] == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, out, _ = run_cli(capsys, "import-report", str(target), "--reviewer", "Zoe", "--db", other)
    assert code == 0 and json.loads(out) == {"article_id": 1}
    code, out, _ = run_cli(capsys, "report", "1", "--format", "json", "--db", other)
    state = json.loads(out)
    row = next(c for c in state["claims"] if c["claim"]["id"] == claim)
    assert (row["review"]["status"], row["review"]["note"], row["review"]["reviewer"]) == (
        "disputed",
        "no such budget",
        "Ana",
    )
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "other"}', encoding="utf-8")
    code, _, err = run_cli(capsys, "import-report", str(bad), "--reviewer", "Zoe", "--db", other)
    assert code != 0 and "not a report this workbench can import" in err


def test_check_save_refuses_a_non_web_address(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run_cli(
        capsys,
        "check",
        str(article),
        "--db",
        f"sqlite:///{tmp_path / 'w.db'}",
        "--save",
        "--url",
        "javascript:alert(1)",
    )
    assert code != 0 and "must start with http" in err


def test_review_refuses_unknown_claim_and_empty_change(capsys, tmp_path):
    db, article_id, claim = saved_article(capsys, tmp_path)
    code, _, err = run_cli(
        capsys, "review", str(article_id), "c999", "--status", "verified", "--reviewer", "Ana", "--db", db
    )
    assert code != 0 and "no claim c999" in err
    code, _, err = run_cli(capsys, "review", str(article_id), claim, "--reviewer", "Ana", "--db", db)
    assert code != 0 and "give --status, --note or --source" in err


def test_check_save_reads_a_web_page_with_its_title(capsys, tmp_path):
    page = f"<html><head><title>Le budget</title><script>alert(1)</script></head><body><p>{ARTICLE}</p></body></html>"
    db = f"sqlite:///{tmp_path / 'w.db'}"
    data = cli_check_saved(capsys, tmp_path, db, page, "--published", "2024-05-29", name="budget.html")
    from checker.desk import Desk

    article = Desk.open(db).load(data["article_id"])
    assert article.title == "Le budget" and "alert" not in article.body and ARTICLE in article.body


def test_the_parser_offers_every_report_format():
    from checker.cli import desk as cli_desk
    from checker.desk.report import FORMATS

    assert cli_desk.REPORT_FORMATS == tuple(FORMATS)
