"""Small files that cost minutes and gigabytes (issue 12, point 4): time and peak memory of each.

Builds each hostile file itself (nothing downloaded), then hands it to the workbench in a fresh
Python process, the way the app or the command line would, and prints how long that took, the
process's peak resident memory (VmHWM) and what the workbench answered (refused with its message, or
accepted). A case still running after --timeout seconds, or above --max-rss-mb, is stopped and
printed as such ("> 120 s"). The machine, its cores and its load average are printed with the table.

    python -m benchmarks.bench_hostile_files [--only CASE ...] [--timeout 120] [--max-rss-mb 4000] [--json FILE]

Cases:
- xlsx_rows: a .xlsx of 4.1M nearly empty rows (one short cell each), a library import (parse_file,
  what the Library page does with an upload);
- docx_styles: a .docx of 20,000 styles and 300,000 short styled paragraphs (about 0.26 MB that
  unpack to 43 MB), untitled, read as an article (read_article, the Check page's upload);
- docx_40k: the same with 40,000 paragraphs (7 MB unpacked, inside the limits) and a last one in
  the style Heading 1, the title: how long reading a document of many styles takes;
- csv_columns: a CSV header of 1,000,000 columns, a library import;
- json_keys: a JSON record with 1,000,000 keys, a library import;
- huge_sentence: an article of one 104 KB sentence full of amounts and dates, extracted and written
  as JSON (`extract --format json`); prints the size of the JSON;
- small_article_db: a 26 KB article of one sentence, checked against the demo library and stored
  on the desk (the Check page's button); prints how much the database grew;
- report_100k: a JSON report (`report --format json`) of 100,000 claims (about 400 MB), imported
  (`import-report`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ---- building the files ---------------------------------------------------------------------------

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _cell(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def build_xlsx_rows(path: Path, rows: int = 4_100_000) -> str:
    """A workbook whose first sheet has a header (title, excerpt) and `rows` rows of one short cell:
    rows without their number (Excel counts them), so that they compress to almost nothing."""
    row = f"<row>{_cell('x')}</row>".encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in _XLSX_PARTS.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            f.write(f"<row>{_cell('title')}{_cell('excerpt')}</row>".encode())
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                f.write(chunk)
            f.write(row * (rows % 10_000))
            f.write(b"</sheetData></worksheet>")
    return f"{rows:,} rows"


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/></Relationships>'
)
# Properties without a title, as Word writes them for an untitled document: the title is then looked
# for among the paragraphs (the first in the style Title or Heading 1).
_DOCX_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title></dc:title><dc:creator>Bench</dc:creator>'
    "</cp:coreProperties>"
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def build_docx_styles(path: Path, styles: int = 20_000, paragraphs: int = 300_000, heading: str = "") -> str:
    """A Word document of `styles` paragraph styles and `paragraphs` one-word paragraphs, each in
    the last style: small zipped, large unpacked, and each paragraph's style a search of them all.
    With `heading`, a last paragraph of that text in the style Word names "heading 1"."""
    para = (
        f'<w:p><w:pPr><w:pStyle w:val="s{styles - 1}"/></w:pPr>'
        '<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">Mot </w:t></w:r></w:p>'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        z.writestr("docProps/core.xml", _DOCX_CORE)
        z.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        z.writestr(
            "word/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_W}>'
            + "".join(
                f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="Style {i}"/></w:style>'
                for i in range(styles)
            )
            + '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
            + "</w:styles>",
        )
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'.encode())
            for _ in range(paragraphs // 1000):
                f.write(para * 1000)
            f.write(para * (paragraphs % 1000))
            if heading:
                f.write(
                    f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{heading}</w:t></w:r></w:p>'.encode()
                )
            f.write(b"</w:body></w:document>")
        unpacked = sum(i.file_size for i in z.infolist())
    return f"{unpacked / 1e6:.0f} MB unpacked, {styles:,} styles, {paragraphs:,} paragraphs"


def build_csv_columns(path: Path, columns: int = 1_000_000) -> str:
    header = ",".join(["title", "excerpt"] + [f"c{i}" for i in range(columns - 2)])
    path.write_text(header + "\nA title,An excerpt of a record\n", encoding="utf-8")
    return f"{columns:,} columns"


def build_json_keys(path: Path, keys: int = 1_000_000) -> str:
    with path.open("w", encoding="utf-8") as f:
        f.write('[{"title": "A title", "excerpt": "An excerpt of a record"')
        for i in range(keys - 2):
            f.write(f', "k{i}": 1')
        f.write("}]\n")
    return f"{keys:,} keys"


def one_sentence(size: int) -> str:
    """French text of about `size` characters in one sentence: amounts and dates joined by commas."""
    piece = "un versement de 12 millions d'euros le 3 mai 2024 puis "
    out = ["Le conseil a voté "]
    while sum(map(len, out)) < size:
        out.append(piece)
    return "".join(out).rstrip() + " la fin du programme.\n"


def build_huge_sentence(path: Path, size: int = 104_000) -> str:
    path.write_text(one_sentence(size), encoding="utf-8")
    return f"one sentence of {size // 1000} KB"


def build_small_article(path: Path, size: int = 26_000) -> str:
    path.write_text(one_sentence(size), encoding="utf-8")
    return f"one sentence of {size // 1000} KB"


def build_report(path: Path, claims: int = 100_000) -> str:
    """A JSON report in the desk's format of `claims` date claims, each with three matched records."""
    body = "2024 " * claims
    excerpt = (
        "Le rapport annuel publié en 2024 détaille les comptes de la commune, ses emprunts et ses "
        "investissements, chapitre par chapitre, avec les votes du conseil. "
    ) * 8
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps(_report_head(body))[:-1])
        f.write(', "claims": [')
        for i in range(claims):
            f.write(("," if i else "") + json.dumps(_report_claim(i, excerpt), ensure_ascii=False))
        f.write('], "audit": []}\n')
    return f"{claims:,} claims"


def _report_head(body: str) -> dict:
    """The report's first keys: its format and its article."""
    return {
        "format": "factcheck-article",
        "format_version": 1,
        "exported_at": "2024-06-01T10:00:00",
        "article": {
            "id": 1,
            "title": "Comptes",
            "url": "",
            "language": "fr",
            "published": "2024-06-01",
            "created_by": "Ana",
            "created_at": "2024-06-01T09:00:00",
            "archived": False,
            "body": body,
            "unclaimed": [],
            "author": "",
            "published_from": "given",
        },
    }


def _report_claim(i: int, excerpt: str) -> dict:
    """Claim `i` of the report: the year at its place in the body, three records matched to it."""
    start = 5 * i
    match = {
        "kind": "record",
        "source_id": "R1",
        "score": 0.5,
        "agreement": "agrees",
        "evidence": "2024",
        "evidence_start": 26,
        "evidence_end": 30,
        "later": False,
        "source_value": "2024",
        "title": "Rapport",
        "publisher": "Mairie",
        "published": "2024-05-01",
        "url": "",
        "excerpt": excerpt,
        "relevance": 0.5,
    }
    return {
        "claim": {
            "id": f"c{i + 1}",
            "type": "date",
            "text": "2024",
            "start": start,
            "end": start + 4,
            "value": "2024",
            "sentence": "2024",
            "sentence_start": start,
            "sentence_end": start + 4,
            "precision": "year",
            "bounds": ["2024-01-01", "2024-12-31"],
        },
        "check": {
            "suggestion": "supported",
            "confidence": 0.5,
            "reason": "R1 gives 2024",
            "matches": [match, {**match, "source_id": "R2"}, {**match, "source_id": "R3"}],
        },
        "review": {
            "status": "unreviewed",
            "note": "",
            "evidence_source": None,
            "reviewer": "",
            "reviewed_at": None,
            "version": 1,
            "dismissed": False,
            "origin": "extracted",
        },
    }


CASES = {
    "xlsx_rows": ("hostile.xlsx", build_xlsx_rows),
    "docx_styles": ("hostile.docx", build_docx_styles),
    "docx_40k": ("styles.docx", lambda path: build_docx_styles(path, paragraphs=40_000, heading="Titre")),
    "csv_columns": ("hostile.csv", build_csv_columns),
    "json_keys": ("hostile.json", build_json_keys),
    "huge_sentence": ("sentence.txt", build_huge_sentence),
    "small_article_db": ("article.txt", build_small_article),
    "report_100k": ("report.json", build_report),
}

# ---- running one case (in its own process) --------------------------------------------------------


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(case: str, path: Path) -> dict:
    """Hand the file to the workbench as the app or the command line would; what happened."""
    from checker.inputs import InputError
    from sources.importers import ImportFormatError

    refusals = (InputError, ImportFormatError, ValueError)
    data = path.read_bytes() if case != "report_100k" else b""
    extra: dict = {}
    ready = _prepare(case, path)  # the databases first, outside the timing
    base = _peak_mb()
    start = time.perf_counter()
    try:
        outcome = _hand_over(case, path, data, ready)
    except refusals as exc:
        outcome = f"refused: {exc}"
    except Exception as exc:  # noqa: BLE001 - what the workbench let through is the measurement
        outcome = f"crashed: {exc.__class__.__name__}: {str(exc)[:200]}"
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 3),
        "peak_mb": round(_peak_mb()),
        "base_mb": round(base),
        "outcome": " ".join(outcome.split())[:300],
        **extra,
    }


def _prepare(case: str, path: Path) -> dict:
    """What a case needs before it is timed: the database and its demo library, or an empty desk."""
    if case == "small_article_db":
        from checker.desk import Desk
        from checker.service import check_and_store
        from sources.demo import seed_demo
        from sources.library import Library

        db = path.with_suffix(".db")
        library = Library.open(f"sqlite:///{db}")
        seed_demo(library)
        desk = Desk(library.engine)
        size_before = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
        return {"db": db, "library": library, "desk": desk, "size_before": size_before, "check": check_and_store}
    if case == "report_100k":
        from checker.desk import Desk

        db_url = f"sqlite:///{path.with_suffix('.db')}"
        Desk.open(db_url)
        return {"db_url": db_url}
    return {}


def _hand_over(case: str, path: Path, data: bytes, ready: dict) -> str:
    """The file handed to the workbench (timed): what came of it, in one line."""
    import datetime as dt

    from checker.inputs import read_article
    from sources.importers import parse_file

    if case in ("xlsx_rows", "csv_columns", "json_keys"):
        parsed = parse_file(path.name, data)
        return f"read: {parsed.rows:,} rows, {getattr(parsed, 'bad', len(parsed.errors)):,} refused"
    if case in ("docx_styles", "docx_40k"):
        read = read_article(data, name=path.name)
        return f"read: {len(read.text):,} characters, title {read.title!r}"
    if case == "huge_sentence":
        from claims import extract

        text = data.decode("utf-8")
        result = extract(text, language="fr", published=dt.date(2024, 6, 1))
        size = len(json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8"))
        return f"extracted: {len(result.claims):,} claims, {size / 1e6:,.1f} MB of JSON"
    if case == "small_article_db":
        from checker.inputs import check_article_text

        library, db = ready["library"], ready["db"]
        text = check_article_text(data.decode("utf-8"))
        _, check = ready["check"](text, library, ready["desk"], language="fr", published=dt.date(2024, 6, 1))
        library.engine.dispose()
        grown = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) - ready["size_before"]
        return f"stored: {len(check.checks):,} claims, database +{grown / 1e6:,.1f} MB"
    if case == "report_100k":  # as `python -m checker import-report FILE` does it
        import contextlib
        import io

        from checker.cli import main

        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(["import-report", str(path), "--reviewer", "Bench", "--db", ready["db_url"]])
        return f"imported: {out.getvalue().strip()}" if code == 0 else f"refused: {err.getvalue().strip()}"
    raise SystemExit(f"unknown case {case}")


# ---- the parent: build, run each case in a child, watch it ---------------------------------------


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def watch(case: str, path: Path, timeout: float, max_rss_mb: float) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.bench_hostile_files", "--run", case, str(path)]
    child = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FACTCHECK_TRANSLATION_MODEL": "off"},
    )
    start, peak, stopped = time.perf_counter(), 0, ""
    while child.poll() is None:
        time.sleep(0.1)
        peak = max(peak, _status_kb(child.pid, "VmHWM"))
        if time.perf_counter() - start > timeout:
            stopped = f"stopped after {timeout:.0f} s"
        elif peak / 1024 > max_rss_mb:
            stopped = f"stopped above {max_rss_mb:.0f} MB"
        if stopped:
            child.kill()
            child.wait()
            break
    out, err = child.communicate()
    if stopped:
        return {
            "seconds": f"> {timeout:.0f}" if "after" in stopped else round(time.perf_counter() - start, 1),
            "peak_mb": f"> {round(peak / 1024)}",
            "outcome": stopped,
        }
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        return {"seconds": None, "peak_mb": round(peak / 1024), "outcome": f"failed: {err.strip()[-300:]}"}
    return json.loads(lines[-1])


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "python": platform.python_version()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=list(CASES), help="these cases only")
    parser.add_argument("--timeout", type=float, default=120, help="stop a case after this many seconds (default 120)")
    parser.add_argument("--max-rss-mb", type=float, default=4000, help="stop a case above this memory (default 4000)")
    parser.add_argument("--json", metavar="FILE", help="also write the results to FILE")
    parser.add_argument("--run", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_case(args.run[0], Path(args.run[1]))))
        return 0
    results = {"machine": machine(), "cases": {}}
    print(f"# {results['machine']['cpu']}, {results['machine']['cores']} cores, Python {results['machine']['python']}")
    print(f"{'case':<17} {'file':>9} {'what it holds':<48} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        for case in args.only or list(CASES):
            name, build = CASES[case]
            path = Path(tmp) / name
            holds = build(path)
            load_before = os.getloadavg()[0]
            result = watch(case, path, args.timeout, args.max_rss_mb)
            result.update(
                file_kb=round(path.stat().st_size / 1024),
                holds=holds,
                load=[round(load_before, 2), round(os.getloadavg()[0], 2)],
            )
            results["cases"][case] = result
            load = f"(load {result['load'][0]}-{result['load'][1]})"
            print(
                f"{case:<17} {result['file_kb']:>7}KB {holds:<48} {str(result['seconds']):>8} "
                f"{str(result['peak_mb']):>8}  {result['outcome'][:160]}  {load}",
                flush=True,
            )
            for p in Path(tmp).iterdir():
                p.unlink()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
