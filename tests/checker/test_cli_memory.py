"""`python -m checker claims ...` and the verdict matches of `check --format json`."""

from __future__ import annotations

import csv
import io
import json

from checker.cli import main

FIRST = "Amazon has invested $4 billion in Anthropic, the start-up said."
SECOND = 'Jan Leike, who led the team, said: "Innovation and responsibility are inseparable."'
FOURTH = "Amazon a investi 4 milliards de dollars dans Anthropic, selon la start-up."


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_search_reuse_and_promote(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    ids = []
    for n, (text, lang, day) in enumerate(((FIRST, "en", "2024-05-28"), (SECOND, "en", "2024-06-20"))):
        path = tmp_path / f"a{n}.txt"
        path.write_text(text, encoding="utf-8")
        code, out, _ = run(
            capsys,
            "check",
            str(path),
            "--db",
            db,
            "--save",
            "--format",
            "json",
            "--language",
            lang,
            "--published",
            day,
            "--reviewer",
            "Claire Martin",
        )
        data = json.loads(out)
        assert code == 0
        ids.append((data["article_id"], data["claims"]))
    money = next(c["id"] for c in ids[0][1] if c["type"] == "money")
    quote = next(c["id"] for c in ids[1][1] if c["type"] == "quote")
    assert (
        run(
            capsys,
            "review",
            str(ids[0][0]),
            money,
            "--status",
            "verified",
            "--note",
            "filing",
            "--reviewer",
            "Claire Martin",
            "--db",
            db,
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            "review",
            str(ids[1][0]),
            quote,
            "--status",
            "disputed",
            "--note",
            "never said",
            "--reviewer",
            "Paul Roy",
            "--db",
            db,
        )[0]
        == 0
    )

    # the table: one line per claim, starting with ARTICLE/CLAIM
    code, out, _ = run(capsys, "claims", "search", "--db", db)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert {line.split()[0] for line in lines} == {f"{ids[0][0]}/{money}", f"{ids[1][0]}/{quote}"}
    code, out, _ = run(capsys, "claims", "search", "anthropic", "--status", "verified", "--format", "json", "--db", db)
    (item,) = json.loads(out)
    assert (item["article_id"], item["claim_id"], item["type"], item["text"], item["status"]) == (
        ids[0][0],
        money,
        "money",
        "$4 billion",
        "verified",
    )
    assert item["value"] == {"amount": 4000000000, "currency": "USD"}
    code, out, _ = run(capsys, "claims", "search", "--type", "quote", "--format", "json", "--db", db)
    assert [i["status"] for i in json.loads(out)] == ["disputed"]
    code, out, _ = run(
        capsys,
        "claims",
        "search",
        "--status",
        "verified",
        "--from",
        "2000-01-01",
        "--to",
        "2000-12-31",
        "--format",
        "json",
        "--db",
        db,
    )
    assert json.loads(out) == []
    target = tmp_path / "archive.csv"
    assert run(capsys, "claims", "search", "--format", "csv", "-o", str(target), "--db", db)[0] == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["note"] for r in rows} == {"filing", "never said"}
    code, out, _ = run(capsys, "claims", "search", "--format", "claimreview", "--db", db)
    assert sorted(r["reviewRating"]["ratingValue"] for r in json.loads(out)) == [1, 5]
    code, _, err = run(capsys, "claims", "search", "--from", "May 2024", "--db", db)
    assert code == 1 and "--from must be a day" in err and "Traceback" not in err

    # a French article finds the verified amount: kind "verdict" first, then the records
    path = tmp_path / "fr.txt"
    path.write_text(FOURTH, encoding="utf-8")
    code, out, _ = run(
        capsys,
        "check",
        str(path),
        "--db",
        db,
        "--save",
        "--format",
        "json",
        "--language",
        "fr",
        "--published",
        "2024-07-01",
        "--reviewer",
        "Léa",
    )
    data = json.loads(out)
    claim = next(c for c in data["claims"] if c["type"] == "money")
    verdict = claim["matches"][0]
    assert verdict["kind"] == "verdict" and "source_id" not in verdict
    assert (
        verdict["article_id"],
        verdict["claim_id"],
        verdict["status"],
        verdict["reviewer"],
        verdict["note"],
        verdict["agreement"],
        verdict["title"],
    ) == (ids[0][0], money, "verified", "Claire Martin", "filing", "agrees", FIRST)
    assert verdict["reviewed_at"] and "evidence_source" in verdict
    assert claim["suggestion"] == "supported" and claim["reason"].startswith("the desk verified this on ")
    ref = f"A{ids[0][0]}/{money}"
    code, out, _ = run(
        capsys, "claims", "reuse", str(data["article_id"]), claim["id"], ref, "--reviewer", "Léa", "--db", db
    )
    assert code == 0 and json.loads(out)["status"] == "verified" and json.loads(out)["note"] == "filing"
    code, out, _ = run(capsys, "claims", "promote", str(ids[0][0]), money, "--reviewer", "Claire Martin", "--db", db)
    assert code == 0 and json.loads(out)["record_id"] == f"desk-{ids[0][0]}-{money}"
    code, _, err = run(capsys, "claims", "promote", str(ids[1][0]), quote, "--reviewer", "Claire Martin", "--db", db)
    assert code == 1 and "only a verified claim" in err
    code, out, _ = run(capsys, "sources", "list", "--db", db)
    assert f"desk-{ids[0][0]}-{money}" in out
