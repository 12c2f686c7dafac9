"""Verification reports in every format: summary, claims with status, note, reviewer and evidence;
CSV safe in spreadsheets, HTML escaped and self-contained, ClaimReview complete and <script>-safe,
JSON re-importable to the same state."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import CORPORA, record

from checker.desk import Desk
from checker.desk.report import (
    BEST_RATING,
    FORMATS,
    RATING_SCALE,
    WORST_RATING,
    NoReviewAddress,
    render,
    safe_cell,
    safe_href,
)
from checker.messages import messages
from checker.service import check_and_store, import_report, write_report
from sources.demo import example_article, seed_demo
from sources.importers import parse_file
from sources.library import Library

EN, FR = dict(messages("en")), dict(messages("fr"))
WHEN = dt.datetime(2025, 3, 20, 10, 30)
ARTICLE_URL = "https://news.example.org/2025/norvane"


def by_text(article, text):
    return next(c for c in article.claims if c.claim.text == text)


@pytest.fixture
def demo(fresh_library):
    """Our demo article on our demo library, partly reviewed by two editors."""
    seed_demo(fresh_library)
    desk = Desk(fresh_library.engine)
    ex = example_article()
    article_id, _ = check_and_store(
        ex.text,
        fresh_library,
        desk,
        title=ex.title,
        url=ARTICLE_URL,
        language=ex.language,
        published=ex.published,
        reviewer="Ana",
    )
    a = desk.load(article_id)
    desk.review(
        article_id,
        by_text(a, "18 millions d’euros").claim.id,
        reviewer="Ana",
        status="disputed",
        note="D05 gives 15 million for 2022",
    )
    quote = next(c for c in a.claims if c.claim.type == "quote")
    desk.review(article_id, quote.claim.id, reviewer="Ben", status="verified", note="as in the interview (D03)")
    desk.review(article_id, by_text(a, "Keystone Capital").claim.id, reviewer="Ben", status="needs_more")
    desk.review(
        article_id, by_text(a, "2019").claim.id, reviewer="Ana", dismissed=True, note="founding year, not a claim"
    )
    return desk, article_id


def report(desk, article_id, fmt, labels=EN, **kw):
    return write_report(desk, article_id, fmt, labels=labels, generated_at=WHEN, **kw)


# ---- Markdown and HTML: summary first, then each claim -----------------------------------------


def test_markdown_summary_lists_unreviewed_first_with_a_warning(demo):
    desk, article_id = demo
    text = report(desk, article_id, "md").decode()
    head, claims = text.split("## Claims", 1)
    assert "# Verification report: La start-up Norvane" in head
    assert "**Warning:**" in head and "not reviewed yet" in head
    assert "| disputed | 1 |" in head and "| verified | 1 |" in head and "| dismissed | 1 |" in head
    assert "Ana, Ben" in head and "2025-03-20" in head
    assert "**Disputed claims:**" in head and "18 millions d’euros — D05 gives 15 million for 2022" in head
    first = claims.split("### ")[1]
    assert "**unreviewed**" in first  # unreviewed claims come first
    assert "D05 gives 15 million for 2022" in claims and "article: 18 000 000 EUR / source:" in claims
    assert "## Dismissed claims" in claims and "founding year, not a claim" in claims.split("## Dismissed claims")[1]


def test_html_report_is_one_printable_page(demo):
    desk, article_id = demo
    page = report(desk, article_id, "html").decode()
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    for outside in ("<script", "<link", "src=", "@import", "url("):
        assert outside not in page.lower()
    assert "D05 gives 15 million for 2022" in page and "Ben" in page
    assert page.index("class=\"claim unreviewed\"") < page.index("class=\"claim disputed\"")
    assert '<mark class="ev">' in page  # the evidence span inside the excerpt


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k in ("href", "src", "action")]


def test_html_shows_script_in_a_note_and_in_the_article_as_text(fresh_library):
    fresh_library.add(
        [
            record(
                "A1",
                "On 2 April 2024 Orvane Motors agreed to buy Celtis Batteries for $1 billion.",
                url="javascript:alert(document.cookie)",
            )
        ]
    )
    desk = Desk(fresh_library.engine)
    body = "<script>alert('article')</script> Orvane Motors agreed to buy Celtis Batteries for $1 billion."
    article_id, result = check_and_store(
        body,
        fresh_library,
        desk,
        language="en",
        published=dt.date(2024, 5, 1),
        title="<b onmouseover=alert(1)>Deal</b>",
    )
    money = next(c.claim.id for c in result.checks if c.claim.type == "money")
    desk.review(
        article_id,
        money,
        reviewer="<img src=x onerror=alert(2)>",
        status="disputed",
        note="</p><script>alert('note')</script>",
    )
    page = report(desk, article_id, "html").decode()
    parser = Links()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert "&lt;script&gt;alert(&#x27;article&#x27;)&lt;/script&gt;" in page
    assert "&lt;/p&gt;&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    # the record's javascript: address is shown as text, never as a link
    assert all(h.startswith(("http://", "https://", "#")) for h in parser.hrefs)
    assert "javascript:alert(document.cookie)" not in parser.hrefs


def test_only_http_addresses_become_links():
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_href("http://example.org") == "http://example.org"
    for bad in (
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<b>",
        "//example.org",
        "ftp://x",
        "https://exa mple.org",
        'https://example.org/"onmouseover="x',
        "",
        None,
        "https://",
    ):
        assert safe_href(bad) is None, bad


# ---- CSV -------------------------------------------------------------------------------------------


def test_csv_opens_in_spreadsheets_with_formulas_neutralised(fresh_library):
    fresh_library.add(
        [
            record(
                "A1",
                "=HYPERLINK(\"http://evil\") On 2 April 2024 Orvane Motors agreed to buy Celtis "
                "Batteries for $1 billion.",
            )
        ]
    )
    desk = Desk(fresh_library.engine)
    article_id, result = check_and_store(
        "Orvane Motors agreed to buy Celtis Batteries for $1 billion on 2 April 2024.",
        fresh_library,
        desk,
        language="en",
        published=dt.date(2024, 5, 1),
    )
    notes = ["=SUM(A1:A2) check the filing", "+1 call them", "-2+3", "@cmd", "\t=1", "\r=1"]
    for c, note in zip(result.checks, notes):
        desk.review(article_id, c.claim.id, reviewer="Ana", status="disputed", note=note)
    assert len(result.checks) >= 4
    data = report(desk, article_id, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    table = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert {r["note"] for r in table} >= {"'=SUM(A1:A2) check the filing", "'+1 call them", "'-2+3", "'@cmd"}
    money = next(r for r in table if r["type"] == "money")
    assert money["evidence_source"] == "A1" and money["evidence_excerpt"].startswith("'=HYPERLINK")


def test_formula_like_cells_are_neutralised():
    for cell in ("=1+1", "+1", "-1", "@A", "\tx", "\rx"):
        assert safe_cell(cell) == "'" + cell
    assert safe_cell("plain") == "plain" and safe_cell(None) == "" and safe_cell(3) == "3"


def test_csv_lists_unreviewed_first_and_dismissed_last(demo):
    desk, article_id = demo
    rows = list(csv.DictReader(io.StringIO(report(desk, article_id, "csv").decode("utf-8-sig"))))
    statuses = [r["status"] for r in rows]
    assert statuses[0] == "unreviewed" and statuses[-1] == "dismissed"
    assert statuses.index("disputed") > max(i for i, s in enumerate(statuses) if s == "unreviewed")


# ---- ClaimReview -----------------------------------------------------------------------------------


# Google Search Central, "Fact check (ClaimReview) structured data": the properties it requires and
# those it recommends, by object.
GOOGLE_REQUIRED = {"ClaimReview": ("claimReviewed", "reviewRating", "url"), "Rating": ("alternateName",)}
GOOGLE_RECOMMENDED = {
    "ClaimReview": ("author", "itemReviewed", "datePublished"),
    "Rating": ("bestRating", "ratingValue", "worstRating"),
    "Claim": ("author", "datePublished", "appearance"),
    "author": ("name",),
}


def check_claim_review(review: dict, article_url: str | None, *, claim_author: bool = True) -> None:
    """Every field Google's ClaimReview documentation requires and recommends, with schema.org types."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    for obj, kind in ((review, "ClaimReview"), (review["reviewRating"], "Rating")):
        for name in GOOGLE_REQUIRED.get(kind, ()) + GOOGLE_RECOMMENDED.get(kind, ()):
            assert name in review if obj is review else name in obj, (kind, name)
    item = review["itemReviewed"]
    for name in GOOGLE_RECOMMENDED["Claim"]:
        assert name in item or (name == "author" and not claim_author), ("Claim", name)
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"].strip()
    assert rating["ratingValue"] in RATING_SCALE.values()
    assert (rating["worstRating"], rating["bestRating"]) == (WORST_RATING, BEST_RATING)
    assert item["@type"] == "Claim"
    if "author" in item:
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"].strip()
        assert item["author"]["name"] != item["appearance"]["headline"] or item["author"]["@type"] == "Person"
    assert item["appearance"]["@type"] == "CreativeWork"
    if article_url:
        assert item["appearance"]["url"] == article_url
    assert review["author"]["@type"] in ("Person", "Organization") and review["author"]["name"].strip()
    dt.date.fromisoformat(review["datePublished"])
    dt.date.fromisoformat(item["datePublished"])
    assert safe_href(review["url"]) and "#" in review["url"]


def test_claimreview_for_each_verified_or_disputed_claim(demo):
    desk, article_id = demo
    reviews = json.loads(report(desk, article_id, "claimreview"))
    assert len(reviews) == 2  # one verified, one disputed; needs_more, unreviewed and dismissed are left out
    for r in reviews:
        check_claim_review(r, ARTICLE_URL)
    disputed = next(r for r in reviews if r["reviewRating"]["ratingValue"] == RATING_SCALE["disputed"])
    assert disputed["reviewRating"]["alternateName"] == "Inaccurate" and disputed["author"]["name"] == "Ana"
    assert disputed["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "news.example.org",
        "url": ARTICLE_URL,
    }
    assert "18 millions" in disputed["claimReviewed"] and disputed["url"].startswith(ARTICLE_URL + "#claim-")
    quote = next(r for r in reviews if r["reviewRating"]["ratingValue"] == RATING_SCALE["verified"])
    assert quote["itemReviewed"]["author"] == {"@type": "Person", "name": "Léa Marchand"}
    french = json.loads(report(desk, article_id, "claimreview", labels=FR, review_url="https://check.example.org/n"))
    assert {r["reviewRating"]["alternateName"] for r in french} == {"Inexact", "Exact"}
    assert all(r["url"].startswith("https://check.example.org/n#claim-") for r in french)


def test_claimreview_names_the_newsroom_and_its_rating_words(demo, monkeypatch):
    desk, article_id = demo
    monkeypatch.setenv("FACTCHECK_NEWSROOM_NAME", "Le Vérificateur")
    monkeypatch.setenv("FACTCHECK_NEWSROOM_URL", "https://verif.example.org/")
    monkeypatch.setenv("FACTCHECK_NEWSROOM_LOGO", "https://verif.example.org/logo.png")
    monkeypatch.setenv("FACTCHECK_RATING_DISPUTED", "Faux")
    reviews = json.loads(report(desk, article_id, "claimreview"))
    for r in reviews:
        check_claim_review(r, ARTICLE_URL)
        assert r["author"] == {
            "@type": "Organization",
            "name": "Le Vérificateur",
            "url": "https://verif.example.org/",
            "logo": {"@type": "ImageObject", "url": "https://verif.example.org/logo.png"},
        }
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {"Faux", "Accurate"}


def test_claimreview_url_and_claim_author_without_the_article_address(db_url, monkeypatch):
    """No address for the article: the claim's author is what the article gives (never its title), and
    the url is the newsroom's with the claim's anchor; with no address at all the report is refused."""
    desk = Desk.open(db_url)
    library = Library.open(db_url)
    article_id, _ = check_and_store(
        "Par Marie Dupont\n\nNorvane a levé 120 millions d'euros en 2025.",
        library,
        desk,
        title="Norvane lève des fonds",
        language="fr",
        published=dt.date(2025, 3, 14),
        author="Marie Dupont",
    )
    claim = desk.load(article_id).live[0]
    desk.review(article_id, claim.claim.id, reviewer="Ana", status="verified")
    with pytest.raises(NoReviewAddress):
        report(desk, article_id, "claimreview")
    monkeypatch.setenv("FACTCHECK_NEWSROOM_URL", "https://verif.example.org/checks")
    (review,) = json.loads(report(desk, article_id, "claimreview"))
    check_claim_review(review, None)
    assert review["url"] == f"https://verif.example.org/checks#article-{article_id}-claim-{claim.claim.id}"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Marie Dupont"}


def test_claimreview_is_safe_inside_a_script_element(demo):
    desk, article_id = demo
    a = desk.load(article_id)
    note = "</script><script>alert(1)</script> <!-- x --> \u2028 \u2029 & done"
    desk.review(article_id, by_text(a, "18 millions d’euros").claim.id, reviewer="Ana", note=note)
    text = report(desk, article_id, "claimreview").decode()
    for raw in ("</script", "<!--", "<", ">", "\u2028", "\u2029"):
        assert raw not in text
    assert any(r.get("reviewBody") == note for r in json.loads(text))


# ---- JSON: the full state, re-importable -------------------------------------------------------------


def comparable(state: dict) -> dict:
    """The state without what an import changes: the article's id, who created it and when (the one
    who imported it, then), and the trails (the report's trail is quoted, the copy's own trail is
    its import)."""
    out = {k: v for k, v in state.items() if k not in ("exported_at", "audit", "quoted_history")}
    out["article"] = {k: v for k, v in out["article"].items() if k not in ("id", "created_by", "created_at")}
    return out


def test_json_reimports_to_the_same_state(demo, tmp_path):
    desk, article_id = demo
    exported = json.loads(report(desk, article_id, "json"))
    assert exported["summary"]["by_status"]["disputed"] == 1 and len(exported["audit"]) >= 5
    for target in (desk, Desk.open(f"sqlite:///{tmp_path / 'other.db'}")):
        new_id = import_report(report(desk, article_id, "json"), target, reviewer="Zoe")
        again = json.loads(write_report(target, new_id, "json", labels=EN, generated_at=WHEN))
        assert comparable(again) == comparable(exported)
        # the report's trail is quoted as it was written; the copy's own trail is its import, by Zoe
        assert again["quoted_history"] == exported["audit"]
        assert {t["actor"] for t in again["audit"]} == {"Zoe"} and {t["action"] for t in again["audit"]} == {"import"}
        assert again["article"]["created_by"] == "Zoe"
        # and the imported article is on the desk like any other: it can be reviewed further
        claim = next(c["claim"]["id"] for c in again["claims"] if c["review"]["status"] == "unreviewed")
        assert target.review(new_id, claim, reviewer="Zoe", status="verified", expected_version=1).version == 2


@pytest.mark.parametrize(
    "broken, message",
    [
        (b"not json", "not JSON"),
        (b"[]", "not an object"),
        (b'{"format": "something else"}', '"format"'),
    ],
)
def test_a_broken_json_report_is_refused_whole(demo, broken, message):
    desk, _ = demo
    before = len(desk.articles())
    with pytest.raises(ValueError, match=message):
        import_report(broken, desk, reviewer="Zoe")
    assert len(desk.articles()) == before


def test_a_json_report_with_a_claim_off_the_text_is_refused(demo):
    desk, article_id = demo
    state = json.loads(report(desk, article_id, "json"))
    state["claims"][0]["claim"]["start"] += 1
    with pytest.raises(ValueError, match="is not at"):
        import_report(json.dumps(state), desk, reviewer="Zoe")
    assert len(desk.articles()) == 1


# ---- every format, in both languages; the seed article --------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_for_our_fixture(demo, fmt):
    desk, article_id = demo
    data = report(desk, article_id, fmt)
    text = data.decode("utf-8-sig")
    if fmt in ("json", "claimreview"):
        json.loads(text)
    if fmt != "claimreview":
        assert "D05 gives 15 million for 2022" in text
    french = report(desk, article_id, fmt, labels=FR).decode("utf-8-sig")
    if fmt in ("md", "html"):
        assert "Rapport de vérification" in french and "contesté" in french and "Synthèse" in french


def test_unknown_format_is_refused(demo):
    desk, article_id = demo
    with pytest.raises(ValueError, match="unknown report format"):
        render(desk.load(article_id), "pdf", labels=EN)


@pytest.fixture
def seed_desk():
    article = CORPORA / "seed" / "article_fr.txt"
    if not article.is_file():
        pytest.skip("the seed article (../shared/corpora/seed) is not beside this checkout")
    library = Library.open("sqlite://")
    sources = CORPORA / "seed" / "sources.csv"
    library.add(parse_file(sources.name, sources.read_bytes()).records)
    desk = Desk(library.engine)
    article_id, _ = check_and_store(
        Path(article).read_text(encoding="utf-8"),
        library,
        desk,
        language="fr",
        published=dt.date(2024, 5, 29),
        url="https://example.org/seed",
        title="Jan Leike rejoint Anthropic",
    )
    return desk, article_id


def test_every_format_for_the_seed_article(seed_desk):
    desk, article_id = seed_desk
    a = desk.load(article_id)
    money = by_text(a, "4 milliards de dollars")
    desk.review(article_id, money.claim.id, reviewer="Ana", status="verified", note="S06 and S16 give $4 billion")
    leike = next(c for c in a.claims if c.claim.type == "quote" and c.claim.value.speaker == "Jan Leike")
    desk.review(article_id, leike.claim.id, reviewer="Ben", status="disputed", note="wording differs from the thread")
    page = report(desk, article_id, "html").decode()
    assert "S06 and S16 give $4 billion" in page and "4 000 000 000 USD" in page
    md = report(desk, article_id, "md").decode()
    assert f"{len(a.live) - 2} claims are not reviewed yet" in md
    rows = list(csv.DictReader(io.StringIO(report(desk, article_id, "csv").decode("utf-8-sig"))))
    assert len(rows) == len(a.claims)
    reviews = json.loads(report(desk, article_id, "claimreview"))
    assert len(reviews) == 2
    for r in reviews:
        check_claim_review(r, "https://example.org/seed")
        assert r["itemReviewed"]["author"]["name"] != a.title
    assert {r["itemReviewed"]["author"]["name"] for r in reviews} == {"example.org", "Jan Leike"}
    exported = json.loads(report(desk, article_id, "json"))
    new_id = import_report(json.dumps(exported), desk, reviewer="Zoe")
    assert comparable(json.loads(report(desk, new_id, "json"))) == comparable(exported)
