"""`python -m checker claims ...` and the verdict matches of `check --format json`."""

from __future__ import annotations

import csv
import io
import json

from support import cli_check_saved, cli_review, run_cli

FIRST = "Amazon has invested $4 billion in Anthropic, the start-up said."
SECOND = 'Jan Leike, who led the team, said: "Innovation and responsibility are inseparable."'
FOURTH = "Amazon a investi 4 milliards de dollars dans Anthropic, selon la start-up."


def test_check_search_reuse_and_promote(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    ids = []
    for n, (text, lang, day) in enumerate(((FIRST, "en", "2024-05-28"), (SECOND, "en", "2024-06-20"))):
        options = ("--language", lang, "--published", day, "--reviewer", "Claire Martin")
        data = cli_check_saved(capsys, tmp_path, db, text, *options, name=f"a{n}.txt")
        ids.append((data["article_id"], data["claims"]))
    money = next(c["id"] for c in ids[0][1] if c["type"] == "money")
    quote = next(c["id"] for c in ids[1][1] if c["type"] == "quote")
    assert cli_review(capsys, db, ids[0][0], money, "verified", "filing", "Claire Martin")[0] == 0
    assert cli_review(capsys, db, ids[1][0], quote, "disputed", "never said", "Paul Roy")[0] == 0

    # the table: one line per claim, starting with ARTICLE/CLAIM
    code, out, _ = run_cli(capsys, "claims", "search", "--db", db)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert {line.split()[0] for line in lines} == {f"{ids[0][0]}/{money}", f"{ids[1][0]}/{quote}"}
    code, out, _ = run_cli(
        capsys, "claims", "search", "anthropic", "--status", "verified", "--format", "json", "--db", db
    )
    (item,) = json.loads(out)
    assert (item["article_id"], item["claim_id"], item["type"], item["text"], item["status"]) == (
        ids[0][0],
        money,
        "money",
        "$4 billion",
        "verified",
    )
    assert item["value"] == {"amount": 4000000000, "currency": "USD"}
    code, out, _ = run_cli(capsys, "claims", "search", "--type", "quote", "--format", "json", "--db", db)
    assert [i["status"] for i in json.loads(out)] == ["disputed"]
    code, out, _ = run_cli(
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
    assert run_cli(capsys, "claims", "search", "--format", "csv", "-o", str(target), "--db", db)[0] == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["note"] for r in rows} == {"filing", "never said"}
    code, out, _ = run_cli(capsys, "claims", "search", "--format", "claimreview", "--db", db)
    assert sorted(r["reviewRating"]["ratingValue"] for r in json.loads(out)) == [1, 5]
    code, _, err = run_cli(capsys, "claims", "search", "--from", "May 2024", "--db", db)
    assert code == 1 and "--from must be a day" in err and "Traceback" not in err

    # a French article finds the verified amount: kind "verdict" first, then the records
    options = ("--language", "fr", "--published", "2024-07-01", "--reviewer", "Léa")
    data = cli_check_saved(capsys, tmp_path, db, FOURTH, *options, name="fr.txt")
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
    code, out, _ = run_cli(
        capsys, "claims", "reuse", str(data["article_id"]), claim["id"], ref, "--reviewer", "Léa", "--db", db
    )
    assert code == 0 and json.loads(out)["status"] == "verified" and json.loads(out)["note"] == "filing"
    code, out, _ = run_cli(
        capsys, "claims", "promote", str(ids[0][0]), money, "--reviewer", "Claire Martin", "--db", db
    )
    assert code == 0 and json.loads(out)["record_id"] == f"desk-{ids[0][0]}-{money}"
    code, _, err = run_cli(
        capsys, "claims", "promote", str(ids[1][0]), quote, "--reviewer", "Claire Martin", "--db", db
    )
    assert code == 1 and "only a verified claim" in err
    code, out, _ = run_cli(capsys, "sources", "list", "--db", db)
    assert f"desk-{ids[0][0]}-{money}" in out
