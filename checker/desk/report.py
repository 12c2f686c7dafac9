"""Verification reports of an article: one writer per format, declared once in `FORMATS`.

Every writer takes a `ReportContext` (the article as the desk holds it, its audit trail, the words of
the report's language) and returns bytes. The words come from the interface's language files
(checker/messages/*.toml, passed in as a flat mapping) so that this module stays free of any UI.

- md, html: a summary (counts by status and by type, the claims still unreviewed listed first with a
  warning, then the disputed ones with their notes, reviewers, dates), then every claim with its status, note, reviewer and evidence (citation
  and the excerpt with the evidence span marked); dismissed claims are listed last, never dropped.
  HTML is one self-contained printable page: no script, no outside resource, every text escaped,
  links only to http(s) addresses.
- csv: one row per claim, UTF-8 with BOM (Excel and LibreOffice read it right), cells that a
  spreadsheet would run as a formula neutralised; column names are stable for pipelines, codes
  (suggestion, status) stay codes, and the reason is written in the report's language.
- json: the whole state of the article (`checker.desk.article_state`), re-importable with
  `python -m checker import-report FILE`; each check keeps its English `reason` and its
  `reason_parts`, whatever the report's language. `audit` is this database's trail of the article;
  `quoted_history` the trail an imported report carried, which an import quotes and never merges.
- claimreview: schema.org ClaimReview JSON-LD for each verified or disputed claim, escaped so that it
  can be pasted inside <script type="application/ld+json">. The rating scale is 1 (disputed: the
  article's claim does not hold) to 5 (verified: it holds), worstRating 1, bestRating 5;
  `alternateName` is the newsroom's rating word (a setting; defaults in the report's language); the
  author is the newsroom (a setting), `url` is always there.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit, urlunsplit

from claims import Quote

from ..messages import plural_key
from ..model import STATUSES
from .state import Article, ClaimState
from .transfer import article_state

# Cells starting with these characters are read as formulas by spreadsheets: they get a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
RATING_SCALE = {"disputed": 1, "verified": 5}
WORST_RATING, BEST_RATING = 1, 5


@dataclass(frozen=True)
class ReportContext:
    """What a report is written from. `labels` holds the report's words, flat "section.name" keys."""

    article: Article
    labels: Mapping[str, str]
    audit: tuple[Mapping[str, Any], ...] = ()
    quoted: tuple[Mapping[str, Any], ...] = ()  # the history an imported report carried (Desk.quoted_history)
    generated_at: dt.datetime = field(
        default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    )
    review_url: str = ""  # where the fact check is published (ClaimReview `url`); the article's URL if empty

    def t(self, key: str, **values: Any) -> str:
        text = self.labels[key] if key in self.labels else self.labels[plural_key(self.labels, key, values)]
        return text.format(**values) if values else text

    @property
    def sep(self) -> str:
        """What follows a label: ": ", or " : " with a narrow no-break space in French."""
        return self.labels.get("common.colon", ": ")

    def status(self, c: ClaimState) -> str:
        return self.t(f"status.{c.shown_status}")

    def reason(self, c: ClaimState) -> str:
        """The suggestion's reason in the report's language (English for checks stored without parts)."""
        return c.reason_in(self.labels)


@dataclass(frozen=True)
class ReportFormat:
    name: str
    extension: str
    mime: str
    write: Callable[[ReportContext], bytes]


def claim_rows(article: Article) -> list[ClaimState]:
    """The claims under review, unreviewed ones first, then in reading order."""
    return sorted(article.live, key=lambda c: (c.status != "unreviewed", c.claim.start, -c.claim.end))


def dismissed_rows(article: Article) -> list[ClaimState]:
    return [c for c in article.claims if c.dismissed]


def summary(article: Article) -> dict[str, Any]:
    live = article.live
    return {
        "claims": len(live),
        "by_status": {s: n for s in STATUSES if (n := sum(c.status == s for c in live))},
        "by_type": dict(sorted(Counter(c.claim.type for c in live).items())),
        "unreviewed": sum(c.status == "unreviewed" for c in live),
        "dismissed": len(article.claims) - len(live),
        "reviewers": list(article.reviewers),
    }


def safe_href(url: str | None) -> str | None:
    """The URL if it is an http(s) address a report may link to, else None."""
    url = (url or "").strip()
    if not url or any(ord(ch) < 33 or ch in "\"'<>`\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _evidence(c: ClaimState) -> tuple[str, str, str]:
    """(source id, citation, evidence passage) of the claim's evidence, if any."""
    m = c.evidence
    if m is None:
        return "", "", ""
    return m.source_id, m.citation, m.evidence


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else value.isoformat()


# ---- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _md(text: object) -> str:
    # Runs of white space become one space; no-break spaces (French typography) stay as written.
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"[ \t\r\n\f\v]+", " ", str(text)).strip())


def write_markdown(ctx: ReportContext) -> bytes:
    a, s = ctx.article, summary(ctx.article)
    out = [f"# {ctx.t('report.title')}{ctx.sep}{_md(a.title)}", ""]
    out.append(f"- {ctx.t('report.published')}{ctx.sep}{a.published.isoformat()} ({_md(a.language)})")
    href = safe_href(a.url)
    if href:
        out.append(f"- {ctx.t('report.url')}{ctx.sep}<{href}>")
    out.append(f"- {ctx.t('report.generated')}{ctx.sep}{_date(ctx.generated_at)}")
    out.append(f"- {ctx.t('report.reviewers')}{ctx.sep}{_md(', '.join(s['reviewers'])) or ctx.t('report.none_yet')}")
    out += ["", f"## {ctx.t('report.summary')}", ""]
    if s["unreviewed"]:
        out.append(
            f"> **{ctx.t('report.warning')}{ctx.sep.rstrip()}** {ctx.t('report.unreviewed_warning', n=s['unreviewed'])}"
        )
        out += [
            f"> - {c.claim.id} · {ctx.t('type.' + c.claim.type)} · {_md(c.claim.text)}"
            for c in claim_rows(a)
            if c.status == "unreviewed"
        ]
        out.append("")
    else:
        out += [ctx.t("report.all_reviewed"), ""]
    disputed = [c for c in claim_rows(a) if c.status == "disputed"]
    if disputed:
        out.append(f"**{ctx.t('report.disputed_list')}:**")
        out += [
            f"- {c.claim.id} · {ctx.t('type.' + c.claim.type)} · {_md(c.claim.text)}"
            + (f" — {_md(c.note)}" if c.note else "")
            for c in disputed
        ]
        out.append("")
    out += [f"| {ctx.t('report.status')} | {ctx.t('report.count')} |", "|---|---:|"]
    out += [f"| {ctx.t('status.' + k)} | {v} |" for k, v in s["by_status"].items()]
    if s["dismissed"]:
        out.append(f"| {ctx.t('status.dismissed')} | {s['dismissed']} |")
    out += ["", f"| {ctx.t('report.type')} | {ctx.t('report.count')} |", "|---|---:|"]
    out += [f"| {ctx.t('type.' + k)} | {v} |" for k, v in s["by_type"].items()]
    out += ["", f"## {ctx.t('report.claims')}", ""]
    for c in claim_rows(a):
        out += _md_claim(ctx, c)
    if dismissed_rows(a):
        out += [f"## {ctx.t('report.dismissed')}", ""]
        for c in dismissed_rows(a):
            out += _md_claim(ctx, c)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _md_claim(ctx: ReportContext, c: ClaimState) -> list[str]:
    cl = c.claim
    lines = [f"### {cl.id} · {ctx.t('type.' + cl.type)} · {_md(cl.text)}", ""]
    lines.append(
        f"- {ctx.t('report.status')}{ctx.sep}**{ctx.status(c)}**"
        + (f" — {_md(c.reviewer)}, {_date(c.reviewed_at)}" if c.reviewer else "")
    )
    lines.append(f"- {ctx.t('report.value')}{ctx.sep}{_md(cl.display_value)}")
    lines.append(f"- {ctx.t('report.suggestion')}{ctx.sep}{ctx.t('suggestion.' + c.suggestion)} ({_md(ctx.reason(c))})")
    if c.note:
        lines.append(f"- {ctx.t('report.note')}{ctx.sep}{_md(c.note)}")
    m = c.evidence
    if m is None:
        lines.append(f"- {ctx.t('report.evidence')}{ctx.sep}{ctx.t('report.no_evidence')}")
    else:
        link = safe_href(m.url)
        lines.append(
            f"- {ctx.t('report.evidence')}{ctx.sep}{_md(m.source_id)} · {_md(m.citation)}"
            + (f" <{link}>" if link else "")
        )
        before, span, after = _split(m.excerpt, m.evidence_start, m.evidence_end)
        lines.append(f"  > {_md(before)}**{_md(span)}**{_md(after)}")
        lines.append(f"  - {ctx.t('report.compare', article=_md(cl.display_value), source=_md(m.source_value or '—'))}")
        if m.later:
            lines.append(f"  - {ctx.t('report.later')}")
    lines.append(f"- {ctx.t('report.sentence')}{ctx.sep}{_md(ctx.t('common.quoted', text=cl.sentence))}")
    return lines + [""]


def _split(text: str, start: int, end: int) -> tuple[str, str, str]:
    if not (0 <= start <= end <= len(text)):
        return text, "", ""
    return text[:start], text[start:end], text[end:]


# ---- HTML ----------------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.45 Georgia, 'Times New Roman', serif; color: #1b1b1b; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid #bbb; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .3rem; } .meta, .small { color: #555; font-size: .9rem; }
table.counts { border-collapse: collapse; margin: .5rem 1.5rem .5rem 0; display: inline-table; vertical-align: top; }
table.counts td, table.counts th { border: 1px solid #ccc; padding: 2px 10px; text-align: left; }
.warning { border: 2px solid #b3261e; background: #fdecea; padding: .5rem 1rem; margin: 1rem 0; }
.claim { border: 1px solid #ccc; border-left: 6px solid #999; padding: .6rem 1rem; margin: .8rem 0; page-break-inside: avoid; }
.claim.verified { border-left-color: #1e7b34; } .claim.disputed { border-left-color: #b3261e; }
.claim.needs_more { border-left-color: #c77700; } .claim.unreviewed { border-left-color: #7a7a7a; background: #fafafa; }
.claim.dismissed { opacity: .75; border-left-style: dashed; }
.status { font-weight: bold; text-transform: uppercase; letter-spacing: .03em; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .6rem; border-left: 3px solid #ddd; color: #333; }
mark { background: #ffe08a; padding: 0 1px; } mark.ev { background: #b8e6c1; }
a { color: #1a4d8f; word-break: break-all; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; } .claim { break-inside: avoid; } }
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(url: str, text: str | None = None) -> str:
    href = safe_href(url)
    shown = _h(text if text is not None else url)
    return f'<a href="{_h(href)}" rel="noopener noreferrer">{shown}</a>' if href else shown


def write_html(ctx: ReportContext) -> bytes:
    a, s = ctx.article, summary(ctx.article)
    lang = _h(ctx.t("language.code"))
    out = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(ctx.t('report.title'))}{_h(ctx.sep)}{_h(a.title)}</title><style>{_CSS}</style></head><body>",
    ]
    out.append(f"<header><h1>{_h(ctx.t('report.title'))}{_h(ctx.sep)}{_h(a.title)}</h1><p class=\"meta\">")
    meta = [f"{_h(ctx.t('report.published'))}{_h(ctx.sep)}{_h(a.published.isoformat())} ({_h(a.language)})"]
    if a.url:
        meta.append(f"{_h(ctx.t('report.url'))}{_h(ctx.sep)}{_link(a.url)}")
    meta.append(f"{_h(ctx.t('report.generated'))}{_h(ctx.sep)}{_h(_date(ctx.generated_at))}")
    meta.append(
        f"{_h(ctx.t('report.reviewers'))}{_h(ctx.sep)}{_h(', '.join(s['reviewers']) or ctx.t('report.none_yet'))}"
    )
    out.append("<br>".join(meta) + "</p></header>")
    out.append(f"<section><h2>{_h(ctx.t('report.summary'))}</h2>")
    if s["unreviewed"]:
        out.append(
            f"<div class=\"warning\"><strong>{_h(ctx.t('report.warning'))}:</strong> "
            f"{_h(ctx.t('report.unreviewed_warning', n=s['unreviewed']))}<ul>"
        )
        out += [
            f'<li><a href="#claim-{_h(c.claim.id)}">{_h(c.claim.id)}</a> · {_h(ctx.t("type." + c.claim.type))} · '
            f"{_h(c.claim.text)}</li>"
            for c in claim_rows(a)
            if c.status == "unreviewed"
        ]
        out.append("</ul></div>")
    else:
        out.append(f"<p>{_h(ctx.t('report.all_reviewed'))}</p>")
    disputed = [c for c in claim_rows(a) if c.status == "disputed"]
    if disputed:
        out.append(f"<p><strong>{_h(ctx.t('report.disputed_list'))}:</strong></p><ul>")
        out += [
            f'<li><a href="#claim-{_h(c.claim.id)}">{_h(c.claim.id)}</a> · {_h(ctx.t("type." + c.claim.type))} · '
            f"{_h(c.claim.text)}" + (f" — {_h(c.note)}" if c.note else "") + "</li>"
            for c in disputed
        ]
        out.append("</ul>")
    rows = [(ctx.t("status." + k), v) for k, v in s["by_status"].items()]
    if s["dismissed"]:
        rows.append((ctx.t("status.dismissed"), s["dismissed"]))
    out.append(_count_table(ctx.t("report.status"), ctx.t("report.count"), rows))
    out.append(
        _count_table(
            ctx.t("report.type"), ctx.t("report.count"), [(ctx.t("type." + k), v) for k, v in s["by_type"].items()]
        )
    )
    out.append("</section>")
    out.append(f"<section><h2>{_h(ctx.t('report.claims'))} ({s['claims']})</h2>")
    out += [_html_claim(ctx, c) for c in claim_rows(a)]
    out.append("</section>")
    if dismissed_rows(a):
        out.append(f"<section><h2>{_h(ctx.t('report.dismissed'))}</h2>")
        out += [_html_claim(ctx, c) for c in dismissed_rows(a)]
        out.append("</section>")
    out.append(f"<footer class=\"small\"><p>{_h(ctx.t('report.footer'))}</p></footer></body></html>")
    return "\n".join(out).encode("utf-8")


def _count_table(head: str, count: str, rows: list[tuple[str, int]]) -> str:
    body = "".join(f"<tr><td>{_h(k)}</td><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="counts"><tr><th>{_h(head)}</th><th>{_h(count)}</th></tr>{body}</table>'


def _marked(text: str, start: int, end: int, cls: str = "") -> str:
    before, span, after = _split(text, start, end)
    attr = f' class="{cls}"' if cls else ""
    return f"{_h(before)}<mark{attr}>{_h(span)}</mark>{_h(after)}" if span else _h(text)


def _html_claim(ctx: ReportContext, c: ClaimState) -> str:
    cl = c.claim
    parts = [
        f'<div class="claim {_h(c.shown_status)}" id="claim-{_h(cl.id)}">',
        f"<h3>{_h(cl.id)} · {_h(ctx.t('type.' + cl.type))} · {_h(cl.text)}</h3>",
        f"<p><span class=\"status\">{_h(ctx.status(c))}</span>"
        + (f" — {_h(c.reviewer)}, {_h(_date(c.reviewed_at))}" if c.reviewer else "")
        + "</p>",
        f"<blockquote>{_marked(cl.sentence, cl.start - cl.sentence_start, cl.end - cl.sentence_start)}</blockquote>",
        f"<p>{_h(ctx.t('report.value'))}{_h(ctx.sep)}{_h(cl.display_value)}<br>"
        f"{_h(ctx.t('report.suggestion'))}{_h(ctx.sep)}{_h(ctx.t('suggestion.' + c.suggestion))} ({_h(ctx.reason(c))})</p>",
    ]
    if c.note:
        parts.append(f"<p><strong>{_h(ctx.t('report.note'))}:</strong> {_h(c.note)}</p>")
    m = c.evidence
    if m is None:
        parts.append(f"<p>{_h(ctx.t('report.evidence'))}{_h(ctx.sep)}{_h(ctx.t('report.no_evidence'))}</p>")
    else:
        title = _link(m.url, m.citation) if m.url else _h(m.citation)
        parts.append(f"<p>{_h(ctx.t('report.evidence'))}{_h(ctx.sep)}{_h(m.source_id)} · {title}</p>")
        parts.append(f"<blockquote>{_marked(m.excerpt, m.evidence_start, m.evidence_end, 'ev')}</blockquote>")
        parts.append(
            f"<p class=\"small\">{_h(ctx.t('report.compare', article=cl.display_value, source=m.source_value or '—'))}"
            + (f"<br>{_h(ctx.t('report.later'))}" if m.later else "")
            + "</p>"
        )
    parts.append("</div>")
    return "\n".join(parts)


# ---- CSV -----------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "claim_id",
    "type",
    "text",
    "value",
    "sentence",
    "suggestion",
    "reason",
    "status",
    "note",
    "reviewer",
    "reviewed_at",
    "evidence_source",
    "evidence_citation",
    "evidence_url",
    "evidence",
    "evidence_excerpt",
    "evidence_start",
    "evidence_end",
)


def write_csv(ctx: ReportContext) -> bytes:
    """UTF-8 with BOM so that Excel and LibreOffice open it right; formula-like cells neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in claim_rows(ctx.article) + dismissed_rows(ctx.article):
        sid, citation, passage = _evidence(c)
        m = c.evidence
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    c.claim.id,
                    c.claim.type,
                    c.claim.text,
                    c.claim.display_value,
                    c.claim.sentence,
                    c.suggestion,
                    ctx.reason(c),
                    c.shown_status,
                    c.note,
                    c.reviewer,
                    c.reviewed_at.isoformat() if c.reviewed_at else "",
                    sid,
                    citation,
                    m.url if m else "",
                    passage,
                    m.excerpt if m else "",
                    m.evidence_start if m else "",
                    m.evidence_end if m else "",
                )
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


# ---- JSON and ClaimReview ------------------------------------------------------------------------


def write_json(ctx: ReportContext) -> bytes:
    state = article_state(ctx.article, ctx.audit, exported_at=ctx.generated_at, quoted=ctx.quoted)
    state["summary"] = summary(ctx.article)
    return (json.dumps(state, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def script_safe_json(value: Any) -> str:
    """JSON that can sit inside <script>: no "</script>", "<!--", or raw U+2028/U+2029 can appear."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


class NoReviewAddress(ValueError):
    """A ClaimReview needs an address (Google requires `url`) and none is known."""


def newsroom() -> dict[str, Any] | None:
    """The newsroom of the settings as a schema.org Organization (None when it has no name)."""
    from settings import NEWSROOM_LOGO, NEWSROOM_NAME, NEWSROOM_URL

    if not NEWSROOM_NAME.value():
        return None
    org: dict[str, Any] = {"@type": "Organization", "name": NEWSROOM_NAME.value()}
    if safe_href(NEWSROOM_URL.value()):
        org["url"] = NEWSROOM_URL.value()
    if safe_href(NEWSROOM_LOGO.value()):
        org["logo"] = {"@type": "ImageObject", "url": NEWSROOM_LOGO.value()}
    return org


def rating_word(ctx: ReportContext, status: str) -> str:
    """The newsroom's word for a rating (a setting), else the report language's default."""
    from settings import RATING_DISPUTED, RATING_VERIFIED

    chosen = {"verified": RATING_VERIFIED, "disputed": RATING_DISPUTED}[status].value()
    return chosen or ctx.t(f"rating.{status}")


def review_address(ctx: ReportContext, claim_id: str) -> str:
    """Where the ClaimReview of a claim is read: the review address, else the article's, else the
    newsroom's, with the claim's anchor."""
    from settings import NEWSROOM_URL

    a = ctx.article
    for base, anchor in (
        (ctx.review_url, f"claim-{claim_id}"),
        (a.url, f"claim-{claim_id}"),
        (NEWSROOM_URL.value(), f"article-{a.id}-claim-{claim_id}"),
    ):
        if safe_href(base):
            parts = urlsplit(base)
            return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, anchor))
    raise NoReviewAddress(
        "a ClaimReview needs an address: give the review address (--review-url), the "
        "article's address, or set FACTCHECK_NEWSROOM_URL"
    )


def claim_reviews(ctx: ReportContext) -> list[dict[str, Any]]:
    """schema.org ClaimReview objects for the verified and disputed claims of the article, with every
    field Google's ClaimReview documentation requires (claimReviewed, reviewRating with alternateName,
    url) and recommends (author, datePublished, itemReviewed: a Claim with author, datePublished and
    appearance; the rating's scale)."""
    a = ctx.article
    site = urlsplit(a.url).hostname if safe_href(a.url) else None
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "headline": a.title,
        "datePublished": a.published.isoformat(),
    }
    if safe_href(a.url):
        appearance["url"] = a.url
    # The article itself makes its claims: its author or publisher as it gives them, else its web
    # site; never its title.
    publication: dict[str, Any] | None = None
    if a.author:
        publication = {"@type": "Person" if _looks_personal(a.author) else "Organization", "name": a.author}
    elif site:
        publication = {"@type": "Organization", "name": site, "url": a.url}
    org = newsroom()
    out = []
    for c in sorted(a.live, key=lambda c: (c.claim.start, -c.claim.end)):
        if c.status not in RATING_SCALE:
            continue
        v = c.claim.value
        author = {"@type": "Person", "name": v.speaker} if isinstance(v, Quote) and v.speaker else publication
        item: dict[str, Any] = {"@type": "Claim", "datePublished": a.published.isoformat(), "appearance": appearance}
        if author:
            item["author"] = author
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": review_address(ctx, c.claim.id),
            "claimReviewed": " ".join(c.claim.sentence.split()) or c.claim.text,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": RATING_SCALE[c.status],
                "worstRating": WORST_RATING,
                "bestRating": BEST_RATING,
                "alternateName": rating_word(ctx, c.status),
            },
            "itemReviewed": item,
            "author": org or {"@type": "Person", "name": c.reviewer or "—"},
            "datePublished": (c.reviewed_at or ctx.generated_at).date().isoformat(),
            "inLanguage": a.language,
        }
        if c.note:
            review["reviewBody"] = c.note
        out.append(review)
    return out


def _looks_personal(name: str) -> bool:
    """A by-line of two or three capitalised words with no company word reads as a person."""
    words = name.split()
    companies = {"news", "press", "agence", "afp", "reuters", "média", "media", "journal", "times", "post"}
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not {w.lower() for w in words} & companies


def write_claimreview(ctx: ReportContext) -> bytes:
    return (script_safe_json(claim_reviews(ctx)) + "\n").encode("utf-8")


FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("md", "md", "text/markdown", write_markdown),
        ReportFormat("html", "html", "text/html", write_html),
        ReportFormat("csv", "csv", "text/csv", write_csv),
        ReportFormat("json", "json", "application/json", write_json),
        ReportFormat("claimreview", "jsonld", "application/ld+json", write_claimreview),
    )
}


def render(
    article: Article,
    fmt: str,
    *,
    labels: Mapping[str, str],
    audit=(),
    review_url: str = "",
    generated_at: dt.datetime | None = None,
    quoted=(),
) -> bytes:
    """The report of `article` in format `fmt`, written with the words in `labels`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    extra = {"generated_at": generated_at} if generated_at else {}
    ctx = ReportContext(article, labels, tuple(audit), tuple(quoted), review_url=review_url, **extra)
    return FORMATS[fmt].write(ctx)
