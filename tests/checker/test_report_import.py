"""Importing a JSON report cannot forge the audit trail, and a tampered report is refused in one line.

A report comes from outside. The import is recorded as an import, by the one who imports; the
report's own trail is kept as quoted history, never merged into the trail (not the library's either).
Each tampered variant below is refused with one line naming the value, nothing is written, and the
articles already on the desk keep their reports.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from checker.cli import main
from checker.desk import Desk
from checker.desk.report import FORMATS
from checker.desk.report_import import MAX_CLAIMS, MAX_MATCHES, MAX_REPORT_BYTES
from checker.desk.tables import article_claims, articles, report_history
from checker.inputs import InputError
from checker.messages import messages
from checker.service import check_and_store, import_report, write_report
from sources.db import audit
from sources.demo import example_article, seed_demo
from sources.library import Library

EN = dict(messages("en"))
PREFIX = "not a report this workbench can import: "
APP = str(Path(__file__).resolve().parent.parent.parent / "app.py")


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A desk with the demo article reviewed by two editors (a record deleted too), and its JSON report."""
    library = Library.open(f"sqlite:///{tmp_path_factory.mktemp('source') / 'source.db'}")
    seed_demo(library)
    desk = Desk(library.engine)
    ex = example_article()
    article_id, _ = check_and_store(
        ex.text,
        library,
        desk,
        title=ex.title,
        url="https://example.org/a",
        language=ex.language,
        published=ex.published,
        reviewer="Ana",
    )
    a = desk.load(article_id)
    money = next(c for c in a.claims if c.claim.text == "18 millions d’euros")
    desk.review(article_id, money.claim.id, reviewer="Ana", status="disputed", note="D05 gives 15 million")
    quote = next(c for c in a.claims if c.claim.type == "quote")
    desk.review(article_id, quote.claim.id, reviewer="Ben", status="verified", note="as in the interview")
    return desk, article_id, json.loads(write_report(desk, article_id, "json", labels=EN))


@pytest.fixture(scope="module")
def target(tmp_path_factory, source):
    """Another desk holding one article already, where the reports are imported."""
    library = Library.open(f"sqlite:///{tmp_path_factory.mktemp('target') / 'target.db'}")
    seed_demo(library)
    desk = Desk(library.engine)
    ex = example_article()
    article_id, _ = check_and_store(
        ex.text, library, desk, title="Already here", language=ex.language, published=ex.published, reviewer="Cleo"
    )
    desk.review(article_id, desk.load(article_id).claims[0].claim.id, reviewer="Cleo", status="verified")
    return desk, library, article_id


def counts(desk: Desk) -> tuple[int, ...]:
    with desk.engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar()
            for t in (articles, article_claims, audit, report_history)
        )


def first(state: dict, kind: str) -> dict:
    return next(c for c in state["claims"] if c["claim"]["type"] == kind)


def reviewed(state: dict) -> dict:
    return next(c for c in state["claims"] if c["review"]["status"] == "disputed")


def nested(levels: int) -> dict:
    value: dict = {"end": True}
    for _ in range(levels):
        value = {"deeper": value}
    return value


def set_in(path: str, value):
    """A change setting `value` at a path of the report ("claims.0.review.version")."""

    def change(state):
        *parents, last = path.split(".")
        node = state
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return change


def with_claim(kind: str, part: str, key: str, value):
    def change(state):
        (first(state, kind) if kind != "disputed" else reviewed(state))[part][key] = value

    return change


def forged_deletion(state):
    state["audit"].append(
        {
            "at": "2024-06-01T10:00:00",
            "actor": "Mallory",
            "entity": "record",
            "entity_id": "D05",
            "action": "delete",
            "before": None,
            "after": None,
        }
    )


def too_many_matches(state):
    c = reviewed(state)
    c["check"]["matches"] = (c["check"]["matches"] * (MAX_MATCHES + 1))[: MAX_MATCHES + 1]


def too_many_claims(state):
    state["claims"] = state["claims"] * (MAX_CLAIMS // len(state["claims"]) + 1)


def duplicate_claim(state):
    state["claims"].append(copy.deepcopy(state["claims"][0]))


def deep_reason(state):
    parts: list = [{"key": "aside", "params": {"note": "x"}}]
    for _ in range(10):
        parts = [{"key": "aside", "params": {"note": {"parts": parts}}}]
    reviewed(state)["check"]["reason_parts"] = parts


TAMPERED = {
    # the issue's own variants
    "suggestion <script>": (
        with_claim("disputed", "check", "suggestion", "<script>alert(1)</script>"),
        "suggestion must be one of supported, contradicted, needs_review, no_source",
    ),
    "a string where an offset goes": (
        with_claim("money", "claim", "start", "12"),
        "start must be a whole number, not text",
    ),
    "a version of true": (
        with_claim("disputed", "review", "version", True),
        "version must be a whole number, not true/false",
    ),
    'archived: "false"': (set_in("article.archived", "false"), "archived must be true or false, not text"),
    "a 5,000-character claim id": (
        with_claim("money", "claim", "id", "c" * 5000),
        "its id is longer than 32 characters",
    ),
    "a 5,000-character record id": (
        lambda s: reviewed(s)["check"]["matches"][0].update(source_id="D" * 5000),
        "source_id is longer than 200 characters",
    ),
    "a 5,000-character evidence id": (
        with_claim("disputed", "review", "evidence_source", "D" * 5000),
        "evidence_source is longer than 200 characters",
    ),
    "a 5,000-character reviewer": (
        with_claim("disputed", "review", "reviewer", "R" * 5000),
        "reviewer is longer than 200 characters",
    ),
    "deep nesting in the history": (
        lambda s: s["audit"][0].update(after=nested(200)),
        "after is nested deeper than 12 levels",
    ),
    "deep nesting in a reason": (deep_reason, "reason_parts are nested deeper than 4 levels"),
    "an amount too large": (
        lambda s: first(s, "money")["claim"]["value"].update(amount=1e300),
        "amount must be between -1e+18 and 1e+18",
    ),
    "an integer amount too large": (
        lambda s: first(s, "money")["claim"]["value"].update(amount=10**40),
        "it holds a number of 41 digits",
    ),
    "a confidence too large": (
        with_claim("disputed", "check", "confidence", 1e308),
        "confidence must be between 0 and 1",
    ),
    "a version too large": (with_claim("disputed", "review", "version", 10**12), "version must be between 1 and"),
    "a record deleted by someone who never touched it": (
        forged_deletion,
        "entity must be one of article, claim (got 'record')",
    ),
    # the same family, value by value
    "a float offset": (with_claim("money", "claim", "end", 31.0), "end must be a whole number, not a number"),
    "a negative offset": (with_claim("money", "claim", "start", -1), "start must be between 0 and"),
    "an offset past the text": (with_claim("money", "claim", "end", 10**6), "end must be between"),
    "a version of zero": (with_claim("disputed", "review", "version", 0), "version must be between 1 and"),
    "dismissed as a number": (
        with_claim("disputed", "review", "dismissed", 1),
        "dismissed must be true or false, not a number",
    ),
    "relative as text": (with_claim("date", "claim", "relative", "yes"), "relative must be true or false, not text"),
    "a claim id with markup": (with_claim("money", "claim", "id", "<b>c1</b>"), "id may hold only letters, digits"),
    "an unknown status": (with_claim("disputed", "review", "status", "approved"), "status must be one of unreviewed"),
    "an unknown type": (with_claim("money", "claim", "type", "rumour"), "type must be one of date, money"),
    "an unknown agreement": (
        lambda s: reviewed(s)["check"]["matches"][0].update(agreement="<b>yes</b>"),
        "agreement must be one of agrees, conflicts, unknown",
    ),
    "an unknown quote class": (
        lambda s: reviewed(s)["check"]["matches"][0].update(quote_class="forged"),
        "quote_class must be one of verbatim",
    ),
    "an unknown origin": (with_claim("disputed", "review", "origin", "root"), "origin must be one of extracted"),
    "a reason key with markup": (
        with_claim("disputed", "check", "reason_parts", [{"key": "<script>"}]),
        "reason_parts hold a part that is not a message key",
    ),
    "a score out of range": (
        lambda s: reviewed(s)["check"]["matches"][0].update(score=7),
        "score must be between 0 and 1",
    ),
    "an evidence span off its excerpt": (
        lambda s: reviewed(s)["check"]["matches"][0].update(evidence_end=10**6),
        "evidence_end must be between",
    ),
    "a currency that is no code": (
        lambda s: first(s, "money")["claim"]["value"].update(currency="dollars"),
        "currency is longer than 3 characters",
    ),
    "a date that is no date": (with_claim("date", "claim", "value", "2024-99"), "value is not a date"),
    "bounds the wrong way round": (
        with_claim("date", "claim", "bounds", ["2024-12-31", "2024-01-01"]),
        "bounds end before they start",
    ),
    "a mention outside the text": (
        with_claim("organization", "claim", "mentions", [[0, 10**7]]),
        "mentions item 1 must be [start, end] inside the article",
    ),
    "a publication date that is no date": (
        set_in("article.published", "2024-13-45"),
        "the article's published is not a date",
    ),
    "a creation time that is no time": (set_in("article.created_at", "yesterday"), "created_at is not a date and time"),
    "a review time as a number": (
        with_claim("disputed", "review", "reviewed_at", 12345),
        "reviewed_at must be text, not a number",
    ),
    "a javascript address": (set_in("article.url", "javascript:alert(1)"), "the article's url must start with http"),
    "a language with markup": (
        set_in("article.language", "<i>fr</i>"),
        "the article's language is not a valid language",
    ),
    "an article id as text": (set_in("article.id", "1"), "the article's id must be a whole number, not text"),
    "a note of 20,000 characters": (
        with_claim("disputed", "review", "note", "n" * 20_000),
        "note is longer than 10,000",
    ),
    "a claim twice": (duplicate_claim, "appears twice"),
    "too many matches": (too_many_matches, f"matches has {MAX_MATCHES + 1} items; at most {MAX_MATCHES}"),
    "too many claims": (too_many_claims, f"items; at most {MAX_CLAIMS:,}"),
    "an unclaimed sentence off the text": (
        lambda s: s["article"]["unclaimed"].append({"start": 0, "end": 5, "sentence": "forge", "reason": "number"}),
        "sentence is not the article's text at 0-5",
    ),
    "a history entry at no time": (
        lambda s: s["audit"][0].update(at="soon"),
        "audit entry 1: at is not a date and time",
    ),
    "a history action that is no name": (
        lambda s: s["audit"][0].update(action="DROP TABLE"),
        "audit entry 1: action is not an action's name",
    ),
    "a history change as a list": (
        lambda s: s["audit"][0].update(before=[1, 2]),
        "audit entry 1: before must be an object",
    ),
    "a history entry for an article id of text": (
        lambda s: s["audit"][0].update(entity_id="all"),
        "entity_id is not the id of an article",
    ),
    "a format version of true": (set_in("format_version", True), '"format_version" true is not 1'),
}


def as_bytes(state: dict) -> bytes:
    return json.dumps(state, ensure_ascii=False).encode("utf-8")


def assert_refused(desk: Desk, article_id: int, data, fragment: str, prefix: str = PREFIX) -> str:
    before = counts(desk)
    with pytest.raises(InputError) as caught:
        import_report(data, desk, reviewer="Zoe")
    message = str(caught.value)
    assert message.startswith(prefix) and "\n" not in message and len(message) < 400, message
    assert fragment in message, message
    assert counts(desk) == before  # nothing written
    for fmt in FORMATS:  # the article already there keeps every report
        assert write_report(desk, article_id, fmt, labels=EN, review_url="https://example.org/r")
    return message


@pytest.mark.parametrize("name", list(TAMPERED))
def test_a_tampered_report_is_refused_in_one_line_and_writes_nothing(source, target, name):
    _, _, state = source
    desk, _, article_id = target
    change, fragment = TAMPERED[name]
    bad = copy.deepcopy(state)
    change(bad)
    assert_refused(desk, article_id, as_bytes(bad), fragment)


@pytest.mark.parametrize(
    "raw, fragment, prefix",
    [
        (
            lambda text: text.replace('"note": "D05 gives 15 million"', '"note": ' + "[" * 100_000 + "]" * 100_000),
            "its JSON is nested too deep",
            PREFIX,
        ),
        (
            lambda text: text.replace('"version": 2', '"version": ' + "9" * 5000),
            "it holds a number of 5000 digits",
            PREFIX,
        ),
        (
            lambda text: text.replace('"confidence": 0.', '"confidence": NaN, "x": 0.', 1),
            "it holds NaN, which is not a number",
            PREFIX,
        ),
        (
            lambda text: text.replace('"score": 0.', '"score": Infinity, "x": 0.', 1),
            "it holds Infinity, which is not a number",
            PREFIX,
        ),
        (lambda text: text[: len(text) // 2], "the file is not JSON", "the file is not JSON"),
        (lambda text: " " * (MAX_REPORT_BYTES + 1), "the file is larger than 30 MB, the most a report holds", PREFIX),
    ],
)
def test_a_tampered_file_is_refused_before_its_values(source, target, raw, fragment, prefix):
    _, _, state = source
    desk, _, article_id = target
    text = json.dumps(state, ensure_ascii=False)
    assert_refused(desk, article_id, raw(text).encode("utf-8"), fragment, prefix)


def test_a_tampered_state_handed_over_as_data_is_refused_too(source, target):
    _, _, state = source
    desk, _, article_id = target
    bad = copy.deepcopy(state)
    bad["audit"][0]["before"] = nested(100_000)  # deeper than any recursion: checked without recursing
    assert_refused(desk, article_id, bad, "before is nested deeper than 12 levels")
    bad = copy.deepcopy(state)
    reviewed(bad)["review"]["version"] = 10**5000
    assert_refused(desk, article_id, bad, "version must be between 1 and 2,147,483,647 (got a number of about")


def test_the_import_is_the_importers_and_the_reports_history_is_quoted(source, target):
    src, src_id, state = source
    desk, library, _ = target
    bad = copy.deepcopy(state)
    # a history that says Mallory reviewed a claim: quoted as the report tells it, never the trail's
    claim_id = reviewed(bad)["claim"]["id"]
    bad["audit"].append(
        {
            "at": "2024-06-01T10:00:00",
            "actor": "Mallory",
            "entity": "claim",
            "entity_id": f"{src_id}/{claim_id}",
            "action": "review",
            "before": {"status": "unreviewed"},
            "after": {"status": "disputed"},
        }
    )
    before_records = {r.id: library.audit_trail(r.id) for r in library.search("", limit=50)}
    new_id = import_report(as_bytes(bad), desk, reviewer="Zoe")
    trail = desk.audit_trail(new_id)
    assert {t["actor"] for t in trail} == {"Zoe"} and {t["action"] for t in trail} == {"import"}
    assert len(trail) == 1 + len(state["claims"])  # the article's import, and each claim's
    article_entry = next(t for t in trail if t["entity"] == "article")
    assert article_entry["after"]["quoted_history"] == len(bad["audit"]) and article_entry["after"]["from_id"] == src_id
    quoted = desk.quoted_history(new_id)
    assert [q["actor"] for q in quoted] == [t["actor"] for t in bad["audit"]]
    assert [q["actor"] for q in desk.quoted_history(new_id, claim_id)][-1] == "Mallory"
    with desk.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(audit).where(audit.c.actor == "Mallory")).scalar() == 0
    assert {r.id: library.audit_trail(r.id) for r in library.search("", limit=50)} == before_records
    copy_ = desk.load(new_id)
    assert copy_.created_by == "Zoe" and copy_.imported["by"] == "Zoe" and copy_.imported["created_by"] == "Ana"
    # the claims keep what the report gave them, and the claim's own trail says it came with the import
    original = src.load(src_id)
    assert [(c.claim.id, c.status, c.note, c.reviewer, c.version) for c in copy_.claims] == [
        (c.claim.id, c.status, c.note, c.reviewer, c.version) for c in original.claims
    ]
    (entry,) = desk.audit_trail(new_id, claim_id)
    assert entry["after"]["status"] == "disputed" and entry["after"]["reported_reviewer"] == "Ana"
    for fmt in FORMATS:
        assert write_report(desk, new_id, fmt, labels=EN, review_url="https://example.org/r")
    # exported again, the earlier history stays quoted and this database's trail is quoted after it
    again = json.loads(write_report(desk, new_id, "json", labels=EN))
    assert again["quoted_history"] == bad["audit"]
    third = desk.load(import_report(json.dumps(again), desk, reviewer="Yves"))
    assert [q["actor"] for q in desk.quoted_history(third.id)] == [t["actor"] for t in bad["audit"] + again["audit"]]


def test_a_good_report_still_imports_after_refusals(source, target):
    _, _, state = source
    desk, _, article_id = target
    for name in ("suggestion <script>", "a version of true", 'archived: "false"'):
        bad = copy.deepcopy(state)
        TAMPERED[name][0](bad)
        assert_refused(desk, article_id, as_bytes(bad), TAMPERED[name][1])
    new_id = import_report(as_bytes(state), desk, reviewer="Zoe")
    assert len(desk.load(new_id).claims) == len(state["claims"]) and not desk.load(new_id).archived
    for fmt in FORMATS:
        assert write_report(desk, new_id, fmt, labels=EN, review_url="https://example.org/r")


def test_the_command_line_refuses_in_one_line(source, tmp_path, capsys):
    _, _, state = source
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    for name in (
        "suggestion <script>",
        "a string where an offset goes",
        "a record deleted by someone who never touched it",
    ):
        bad = copy.deepcopy(state)
        TAMPERED[name][0](bad)
        path = tmp_path / "bad.json"
        path.write_bytes(as_bytes(bad))
        code = main(["import-report", str(path), "--reviewer", "Zoe", "--db", db])
        out, err = capsys.readouterr()
        assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
        assert err.startswith("error: " + PREFIX)
    assert Desk.open(db).articles() == []
    path = tmp_path / "good.json"
    path.write_bytes(as_bytes(state))
    assert main(["import-report", str(path), "--reviewer", "Zoe", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == {"article_id": 1}


def test_the_articles_page_shows_the_refusal(source, db_url):
    _, _, state = source
    bad = copy.deepcopy(state)
    TAMPERED["suggestion <script>"][0](bad)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "Zoe"
    at.run()
    at.switch_page("ui/articles.py").run()
    at.get("file_uploader")[0].upload("state.json", as_bytes(bad), "application/json").run()
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception
    shown = " ".join(str(e.value) for e in at.error)
    assert PREFIX in shown and "suggestion must be one of" in shown
    assert Desk.open(db_url).articles() == []
    # the good report is imported, in the editor's name, its history quoted on each claim
    at.get("file_uploader")[0].upload("state.json", as_bytes(state), "application/json").run()
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception and at.query_params.get("article") == "1"
    at.switch_page("ui/check.py").run()
    assert any("Imported from a JSON report by Zoe" in c.value for c in at.caption)
    claim_id = reviewed(state)["claim"]["id"]
    at.selectbox(key="pick-1").select(claim_id).run()
    assert not at.exception
    quoted = next(e for e in at.expander if e.label.startswith("History quoted from the imported report"))
    assert set(quoted.dataframe[0].value["who"]) == {"Ana"}
    trail = next(e for e in at.expander if e.label.startswith("Audit trail"))
    assert list(trail.dataframe[0].value["who"]) == ["Zoe"]
