"""The desk's command line: check --save, review with the desk's rules, report."""

from __future__ import annotations

import json

from checker.cli import main

ARTICLE = "Le 3 mai 2024, Claire Martin a annoncé un budget de 4 milliards d'euros."


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_save_review_and_report(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(article), "--db", db, "--save", "--title", "Budget", "--format", "json",
                       "--published", "2024-05-29")
    data = json.loads(out)
    assert code == 0 and data["article_id"] == 1
    claim = next(c["id"] for c in data["claims"] if c["type"] == "money")
    code, out, _ = run(capsys, "review", "1", claim, "--status", "disputed", "--note", "no such budget",
                       "--reviewer", "Ana", "--db", db)
    assert code == 0 and json.loads(out)["version"] == 2
    code, out, err = run(capsys, "review", "1", claim, "--status", "verified", "--reviewer", "Ben",
                         "--expect-version", "1", "--db", db)
    assert code != 0 and "changed by Ana" in err
    code, out, _ = run(capsys, "report", "1", "--format", "md", "--db", db)
    assert code == 0 and "no such budget" in out and "Ana" in out
    target = tmp_path / "r.csv"
    assert run(capsys, "report", "1", "--format", "csv", "-o", str(target), "--db", db)[0] == 0
    assert "no such budget" in target.read_text(encoding="utf-8-sig")


def test_unknown_article(capsys, tmp_path):
    code, _, err = run(capsys, "report", "42", "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert code != 0 and "no article with id 42" in err
