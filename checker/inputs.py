"""Turning what an editor hands in (a file, pasted text) into article text, with clear refusals.

Files are read by their extension: `.txt`/`.md` as text (UTF-8, UTF-16 or Windows-1252; a UTF-8 file
with a few unreadable bytes is read as UTF-8 with a warning naming their lines), `.html`/`.htm` through
trafilatura's main-text extraction (lxml when trafilatura finds nothing), `.docx` with python-docx.
Markup, scripts and styles never reach the article text: the workbench only ever keeps plain text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from sources import textcodec

MAX_ARTICLE_BYTES = 2_000_000
MAX_DOCX_UNPACKED = 50_000_000  # a .docx once unpacked, its pictures included
MAX_DOCX_XML = 20_000_000  # its text and layout (XML) once unpacked
MAX_PARAGRAPHS = 50_000  # paragraphs and table cells of one article
TEXT_TYPES = ("txt", "md", "markdown", "text")
HTML_TYPES = ("html", "htm", "xhtml")
DOCX_TYPES = ("docx",)
ARTICLE_TYPES = TEXT_TYPES + HTML_TYPES + DOCX_TYPES


class InputError(ValueError):
    """Input the workbench cannot use; the message says why and what to do."""


@dataclass(frozen=True)
class ArticleText:
    """The plain text of an article, and the title its file gives (HTML <title>, Word's title)."""

    text: str
    title: str = ""
    warnings: tuple[str, ...] = ()  # what the editor should check (bytes that could not be read)
    published: dt.date | None = None  # from the file itself: a page's metadata, a document's properties
    published_from: str = ""  # "page" or "document" (see DATE_SOURCES)
    author: str = ""  # the author or publisher the file names


def read_article(data: bytes, *, name: str = "") -> ArticleText:
    """Text and title of an uploaded or piped article, chosen by the file's extension."""
    what = f"'{name}'" if name else "the input"
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{what} is larger than {MAX_ARTICLE_BYTES // 1_000_000} MB; split it before checking")
    ext = PurePath(name).suffix.lower().lstrip(".") if name else ""
    if ext in DOCX_TYPES:
        return docx_to_text(data, what=what)
    if ext in HTML_TYPES or (not ext and _looks_like_html(data)):
        return html_to_text(data, what=what)
    if ext in ("doc", "pdf", "odt", "rtf", "pages"):
        raise InputError(
            f"{what}: .{ext} files cannot be read; save the article as .docx, .html or .txt, or paste its text"
        )
    warnings: list[str] = []
    text = _decode_text(data, what, warnings)  # any other name: text if it decodes as text
    return ArticleText(text, warnings=tuple(warnings))


def decode_article(data: bytes, *, name: str = "") -> str:
    """The text of an uploaded or piped article (.txt, .md, .html or .docx), refused clearly if unusable."""
    return read_article(data, name=name).text


def _decode_text(data: bytes, what: str, warnings: list[str] | None = None) -> str:
    utf16 = textcodec.utf16_variant(data[:8192])
    if not utf16 and (
        b"\x00" in data[:8192] or data.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8"))
    ):
        raise InputError(
            f"{what} is a binary file, not text; upload a .txt, .md, .html or .docx file or paste the text"
        )
    text = _decode(data, what, warnings=warnings)
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > 10:
        raise InputError(f"{what} looks like a binary file, not text")
    return check_article_text(text, what=what)


def _decode(data: bytes, what: str, declared: str | None = None, warnings: list[str] | None = None) -> str:
    """The text of `data`: in the encoding the file declares if it decodes so, else as `textcodec`
    finds it; the warning for a damaged UTF-8 file is added to `warnings`."""
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    found = textcodec.decode(data)
    if found is None:
        raise InputError(f"{what} is not UTF-8, UTF-16 or Windows-1252 text")
    text, encoding = found
    warning = encoding.warning(what)
    if warning and warnings is not None:
        warnings.append(warning)
    return text


def check_article_text(text: str, *, what: str = "the article") -> str:
    """The article text with line ends made "\\n" (a vertical tab, Word's line break, is one too) and
    NUL characters removed (no database stores them); refused when it holds no words."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\x00", "")
    if not text.strip():
        raise InputError(f"{what} is empty: paste or upload the article's text")
    if not re.search(r"[^\W\d_]{2,}", text):
        raise InputError(f"{what} holds no words to check")
    return text


# ---- HTML ----------------------------------------------------------------------------------------

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Elements whose content is never article text.
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "head",
    "nav",
    "footer",
    "form",
    "button",
    "select",
    "textarea",
)
_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "aside",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "br",
    "hr",
)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def html_to_text(data: bytes | str, *, what: str = "the page") -> ArticleText:
    """The main text of an HTML page (paragraphs on their own lines) and its title."""
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError

    warnings: list[str] = []
    if isinstance(data, bytes):
        if b"\x00" in data[:8192] and not textcodec.utf16_variant(data[:8192]):
            raise InputError(f"{what} is a binary file, not an HTML page")
        m = _CHARSET_RE.search(data[:4096])
        markup = _decode(data, what, m.group(1).decode("ascii") if m else None, warnings)
    else:
        markup = data
    if not markup.strip():
        raise InputError(f"{what} is empty")
    try:
        tree = lxml.html.document_fromstring(markup)
    except (ParserError, ValueError):
        raise InputError(f"{what} is not an HTML page that can be read") from None
    title = " ".join((tree.findtext(".//title") or "").split())
    if not title:
        h1 = tree.find(".//h1")
        title = " ".join(h1.text_content().split()) if h1 is not None else ""
    text = (
        trafilatura.extract(
            markup,
            include_comments=False,
            include_tables=True,
            include_links=False,
            include_images=False,
            favor_recall=True,
            output_format="txt",
        )
        or ""
    )
    fallback = _lxml_text(tree)
    # trafilatura leaves out short pages and some layouts; the plain reading of the body is then better.
    if len(text.strip()) < 0.5 * len(fallback.strip()):
        text = fallback
    meta = _page_metadata(markup)
    return ArticleText(
        check_article_text(_tidy(text), what=what),
        title[:300],
        tuple(warnings),
        published=meta[0],
        published_from="page" if meta[0] else "",
        author=meta[1],
    )


def _page_metadata(markup: str) -> tuple[dt.date | None, str]:
    """The publication date and the author (else the site's name) that a page's metadata gives."""
    try:
        from trafilatura import extract_metadata

        meta = extract_metadata(markup)
    except Exception:  # noqa: BLE001 - metadata is a bonus: a page without it is still read
        return None, ""
    if meta is None:
        return None, ""
    day = None
    try:
        day = dt.date.fromisoformat(str(meta.date)[:10]) if meta.date else None
    except ValueError:
        pass
    return day, " ".join(str(meta.author or meta.sitename or "").split())[:300]


def _lxml_text(tree) -> str:
    for el in tree.xpath("|".join(f"//{t}" for t in _DROP)):
        el.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str):  # not comments or processing instructions
            el.text = _SPACES.sub(" ", el.text) if el.text else el.text
            el.tail = _SPACES.sub(" ", el.tail) if el.tail else el.tail
    for el in tree.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag not in ("br", "hr"):
            el.text = "\n" + (el.text or "")
    body = tree.find(".//body")
    return (body if body is not None else tree).text_content()


_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # HTML's collapsible white space; no-break spaces are kept


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip(" ") for line in text.replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


# ---- Word ----------------------------------------------------------------------------------------


def docx_to_text(data: bytes, *, what: str = "the document") -> ArticleText:
    """The paragraphs (and table cells) of a Word .docx document, in order, one per line.

    What the file becomes is bounded before and while it is read: its unpacked size
    (`MAX_DOCX_UNPACKED`, pictures included), that of its XML (`MAX_DOCX_XML`) and its paragraphs
    (`MAX_PARAGRAPHS`, counted in the XML) before parsing, then its paragraphs again (table cells
    included) and its text (`MAX_ARTICLE_BYTES` characters) as they are read. The title's look-up reads each paragraph's style by its id in a table made once."""
    document = _open_docx(data, what)
    lines, heading = _docx_lines(document, what)
    # A document without properties of its own gets python-docx's defaults ("Word Document", made
    # now): those say nothing of the article.
    props = document.core_properties if _has_properties(document) else None
    title = ((props.title if props else "") or "").strip() or heading.strip()
    created = props.created.date() if props and isinstance(props.created, dt.datetime) else None
    return ArticleText(
        check_article_text(_tidy("\n".join(lines)), what=what),
        " ".join(title.split())[:300],
        published=created,
        published_from="document" if created else "",
        author=" ".join(((props.author if props else "") or "").split())[:300],
    )


def _open_docx(data: bytes, what: str):
    """The python-docx Document of `data`, once its unpacked size, its XML and its paragraphs
    (counted in the XML) are within bounds; InputError otherwise."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    refuse = InputError(
        f"{what} is not a Word document (.docx) that can be read; save it as .docx "
        "(older .doc files are not read) or paste the text"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_DOCX_UNPACKED:
                raise InputError(
                    f"{what} unpacks to more than {MAX_DOCX_UNPACKED // 1_000_000} MB "
                    f"({unpacked / 1e6:,.0f} MB); it is not an article"
                )
            xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
            if xml > MAX_DOCX_XML:
                raise InputError(
                    f"{what} holds {xml / 1e6:,.0f} MB of text and layout once unpacked, more than "
                    f"the {MAX_DOCX_XML // 1_000_000} MB of the longest article; it is not an article"
                )
            if "word/document.xml" not in z.namelist():
                raise refuse
            # Paragraphs counted in the XML (at C speed) before python-docx builds an object for each.
            body = z.read("word/document.xml")
            m = re.search(rb"<(\w+:)?document\b", body[:4096])
            tag = b"<" + ((m.group(1) or b"") if m else b"w:") + b"p"
            if body.count(tag + b">") + body.count(tag + b" ") > MAX_PARAGRAPHS:
                raise InputError(f"{what} has more than {MAX_PARAGRAPHS:,} paragraphs; it is not an article")
            del body
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError):
        raise refuse from None


def _docx_lines(document, what: str) -> tuple[list[str], str]:
    """The document's paragraphs and table cells as lines (a blank line after each paragraph and
    table), and its first heading; InputError past MAX_PARAGRAPHS or MAX_ARTICLE_BYTES."""
    from docx.table import Table

    headings = _heading_styles(document)
    lines: list[str] = []
    paragraphs = size = 0
    heading = ""

    def add(text: str) -> None:
        nonlocal paragraphs, size
        paragraphs += 1
        size += len(text) + 1
        if paragraphs > MAX_PARAGRAPHS:
            raise InputError(f"{what} has more than {MAX_PARAGRAPHS:,} paragraphs; it is not an article")
        if size > MAX_ARTICLE_BYTES:
            raise InputError(
                f"{what} holds more than {MAX_ARTICLE_BYTES // 1_000_000} MB of text; split it before checking"
            )
        lines.append(text)

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    for p in cell.paragraphs:
                        add(p.text)
            lines.append("")
        else:
            text = block.text
            add(text)
            lines.append("")
            if not heading and text.strip() and block._p.style in headings:
                heading = text
    return lines, heading


def _has_properties(document) -> bool:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return any(r.reltype == RT.CORE_PROPERTIES for r in document.part.package.rels.values())
    except AttributeError:
        return True


def _heading_styles(document) -> set[str]:
    """The ids of the styles named Title or Heading 1 (read once: looking a paragraph's style up
    through python-docx searches every style, for every paragraph)."""
    try:
        return {s.style_id for s in document.styles if s.name in ("Title", "Heading 1")}
    except (KeyError, ValueError, AttributeError):
        return set()


def parse_published(value: str | None) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"publication date must be YYYY-MM-DD (got {value!r})") from None


# ---- the publication date and the by-line, as the article gives them -----------------------------

# Where an article's publication date came from; the desk and the reports say it.
DATE_SOURCES = ("given", "text", "page", "document", "today")

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("janvier", "january", "jan"),
            ("février", "fevrier", "february", "feb"),
            ("mars", "march", "mar"),
            ("avril", "april", "apr"),
            ("mai", "may"),
            ("juin", "june", "jun"),
            ("juillet", "july", "jul"),
            ("août", "aout", "august", "aug"),
            ("septembre", "september", "sept", "sep"),
            ("octobre", "october", "oct"),
            ("novembre", "november", "nov"),
            ("décembre", "decembre", "december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = "(?P<month>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY_MONTH_YEAR = rf"(?P<day>\d{{1,2}})(?:er)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)"
_MONTH_DAY_YEAR = rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
_ISO = r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"
_NUMERIC = r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO, _NUMERIC)
# What introduces the date: publication first, then an update, then a dateline ("PARIS, 29 mai 2024 –").
_LEADS = (
    ("published", r"(?:publié|publiée|publication|published|posted)(?:\s+(?:le|on))?\s*:?\s*(?:\w+\s+)?"),
    (
        "updated",
        r"(?:mis\s+à\s+jour|mise\s+à\s+jour|actualisé|updated|last\s+updated)(?:\s+(?:le|on))?\s*:?\s*(?:\w+\s+)?",
    ),
    ("dateline", r"(?m:^)[A-ZÀ-Ý][\w'’ .-]{1,40},\s+(?:\w+\s+)?"),
)


@dataclass(frozen=True)
class StatedDate:
    date: dt.date
    words: str  # the article's own words that give it ("Publié le 29 mai 2024")


def published_in_text(text: str) -> StatedDate | None:
    """The publication date an article states about itself: "Publié le 29 mai 2024", "Published May 29,
    2024", "Updated 29 May 2024", a dateline ("PARIS, 29 mai 2024 —"); the first of these kinds found,
    in that order. Only the first 3,000 characters and the last 600 are read: a date inside the story is
    what it tells, not when it was published."""
    head = text[:3000] + "\n" + (text[-600:] if len(text) > 3600 else "")
    for _kind, lead in _LEADS:
        for form in _DATE_FORMS:
            for m in re.finditer(lead + form, head, re.I if _kind != "dateline" else 0):
                day = _date_of(m, form)
                if day is not None:
                    return StatedDate(day, " ".join(m.group(0).split()))
    return None


def _date_of(m: re.Match, form: str) -> dt.date | None:
    month = m.group("month").lower().rstrip(".")
    try:
        number = int(month) if month.isdigit() else _MONTHS[month]
        return dt.date(int(m.group("year")), number, int(m.group("day")))
    except (KeyError, ValueError):
        return None


_BYLINE = re.compile(
    r"(?m)^\s*(?i:par|by)\s+(?P<name>[A-ZÀ-Ý][\w'’.-]+(?:[ -](?:de |du |van |von )?[A-ZÀ-Ý][\w'’.-]+){0,3})"
    r"\s*(?:[,(–—-]|$)"
)


def author_in_text(text: str) -> str:
    """The author a by-line gives ("Par Marie Dupont", "By John Smith, Reuters"), else ""."""
    m = _BYLINE.search(text[:2000])
    return m.group("name").strip() if m else ""
