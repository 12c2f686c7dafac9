"""Fetching by URL against a local web server the tests start on 127.0.0.1: passages, and every way a
fetch must fail (clearly, within its deadline, storing nothing)."""

from __future__ import annotations

import gzip
import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from sources.db import record_amounts
from sources.fetch import (
    ALLOWED_HOSTS_SETTING,
    FetchError,
    FetchHTTPError,
    FetchNotHTML,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
    fetch_page,
    page_records,
    refused_address,
    split_passages,
)
from sources.library import Library

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ("127.0.0.1",)
DEADLINE = 2.0  # seconds: short, so that the slow cases end quickly
MARGIN = 1.5  # what the test allows beyond the deadline (thread start, a slow machine)

ARTICLE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Le conseil vote le budget du tramway | Le Veilleur de Brécourt</title>
<meta property="og:site_name" content="Le Veilleur de Brécourt">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav>
<article>
<h1>Le conseil vote le budget du tramway</h1>
<p>Le conseil municipal de Brécourt a voté mardi 5 mars 2024 une enveloppe de 48 millions d’euros pour
la deuxième ligne de tramway, a annoncé la maire, Hélène Quillemet, à l’issue d’une séance de quatre heures.</p>
<p>« Nous tiendrons le calendrier annoncé, sans augmenter les impôts locaux », a déclaré Hélène Quillemet
devant une salle comble. L’opposition a voté contre, en dénonçant un chantier qu’elle juge trop coûteux.</p>
<p>Les travaux doivent commencer en septembre 2025 et durer trois ans. Le plan de financement prévoit
12 millions d’euros de subventions de la région et un emprunt de 20 millions d’euros sur vingt ans.</p>
<p>La société Varondel Mobilité, retenue en janvier pour construire les rames, a confirmé un délai de
livraison de dix-huit mois après la commande ferme, attendue avant la fin de l’année.</p>
</article>
<footer>Le Veilleur de Brécourt — mentions légales — contact</footer>
</body></html>
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the name http.server calls
        port = self.server.server_address[1]
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE.encode("utf-8"))
        elif path == "/moved":
            self._send(302, b"", Location="/article")
        elif path == "/to-metadata":
            self._send(302, b"", Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/to-localhost":
            self._send(302, b"", Location=f"http://localhost:{port}/article")
        elif path == "/to-private":
            self._send(302, b"", Location="http://10.1.2.3/admin")
        elif path == "/to-file":
            self._send(302, b"", Location="file:///etc/passwd")
        elif path == "/loop":
            self._send(302, b"", Location="/loop")
        elif path == "/big":  # 20 MB, honest Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(20_000_000))
            self.end_headers()
            self._stream(20_000_000)
        elif path == "/big-unannounced":  # 20 MB, no Content-Length: ends when the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self._stream(20_000_000)
            self.close_connection = True
        elif path == "/bomb":  # 20 MB of HTML gzipped into a few kilobytes
            body = gzip.compress(b"<p>" + b"a" * 20_000_000 + b"</p>")
            self._send(200, body, "text/html", Content_Encoding="gzip")
        elif path == "/drip":  # announces a page, then sends one byte a second
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        elif path == "/json":
            self._send(200, b'{"title": "not a page"}', "application/json")
        elif path == "/empty":
            self._send(200, b"<html><body><nav>menu</nav></body></html>")
        else:
            self._send(404, b"<html><body>Not found</body></html>")

    def _stream(self, size: int) -> None:
        block = b"<p>" + b"x" * 65_530 + b"</p>\n"
        sent = 0
        try:
            while sent < size:
                part = block[: min(len(block), size - sent)]
                self.wfile.write(part)
                sent += len(part)
        except OSError:
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_allowed_hosts_from_environment(monkeypatch):
    monkeypatch.delenv(ALLOWED_HOSTS_SETTING, raising=False)


def test_an_article_becomes_passages_with_title_date_and_hash(server):
    page = fetch_page(f"{server}/moved", allowed_hosts=LOCAL, timeout=10)
    assert page.final_url.endswith("/article") and page.url.endswith("/moved")
    assert page.title == "Le conseil vote le budget du tramway"
    assert page.publisher == "Le Veilleur de Brécourt"
    assert page.published.isoformat() == "2024-03-05" and page.language == "fr"
    assert "48 millions d’euros" in page.text and "mentions légales" not in page.text
    assert len(page.text_hash) == 64 and page.retrieved_at is not None
    records = page_records(page)
    assert len(records) >= 2
    assert all(
        r.url == page.final_url and r.published == page.published and r.retrieved_at == page.retrieved_at
        for r in records
    )
    assert [dict(r.tags)["passage"] for r in records] == [f"{i}/{len(records)}" for i in range(1, len(records) + 1)]
    assert all(200 <= len(r.excerpt) <= 1200 for r in records)
    joined = " ".join(r.excerpt for r in records)
    assert "Varondel Mobilité" in joined and "sans augmenter les impôts" in joined


def test_passages_are_stored_with_their_values(server, fresh_library: Library):
    records = page_records(fetch_page(f"{server}/article", allowed_hosts=LOCAL, timeout=10))
    report = fresh_library.add(records, actor="test")
    assert report.added == len(records)
    again = fresh_library.add(records, actor="test")
    assert (again.added, again.duplicates) == (0, len(records))
    with fresh_library.engine.connect() as conn:  # the passages' values are indexed
        amounts = set(conn.scalars(select(record_amounts.c.amount).where(record_amounts.c.currency == "EUR")))
    assert {48e6, 12e6, 20e6} <= amounts
    found = fresh_library.search("tramway Quillemet")
    assert found and found[0].retrieved_at is not None


def _fails(url: str, error: type[FetchError], **kwargs) -> FetchError:
    start = time.monotonic()
    with pytest.raises(error) as caught:
        fetch_page(url, timeout=kwargs.pop("timeout", DEADLINE), **kwargs)
    elapsed = time.monotonic() - start
    assert elapsed < DEADLINE + MARGIN, f"took {elapsed:.1f}s"
    message = str(caught.value)
    assert message and "Traceback" not in message
    return caught.value


@pytest.mark.parametrize(
    "path, error, words",
    [
        ("/to-metadata", FetchRefused, "169.254.169.254"),
        ("/to-localhost", FetchRefused, "localhost"),
        ("/to-private", FetchRefused, "10.1.2.3"),
        ("/to-file", FetchRefused, "file://"),
        ("/loop", FetchRefused, "redirects"),
        ("/big", FetchTooLarge, "MB"),
        ("/big-unannounced", FetchTooLarge, "MB"),
        ("/bomb", FetchTooLarge, "MB"),
        ("/drip", FetchTimeout, "seconds"),
        ("/missing", FetchHTTPError, "404"),
        ("/json", FetchNotHTML, "application/json"),
    ],
)
def test_bad_pages_end_with_a_clear_error_within_the_deadline(server, fresh_library, path, error, words):
    exc = _fails(f"{server}{path}", error, allowed_hosts=LOCAL)
    assert words in str(exc)
    assert fresh_library.count() == 0


def test_a_file_url_is_refused():
    exc = _fails("file:///etc/passwd", FetchRefused)
    assert "http://" in str(exc)


def test_loopback_is_refused_by_default(server):
    _fails(f"{server}/article", FetchRefused)
    port = server.rsplit(":", 1)[1]
    _fails(f"http://localhost:{port}/article", FetchRefused)
    _fails(f"http://[::1]:{port}/article", FetchRefused)


def test_the_setting_allows_named_hosts(server, monkeypatch):
    monkeypatch.setenv(ALLOWED_HOSTS_SETTING, "example.invalid, 127.0.0.1")
    assert fetch_page(f"{server}/article", timeout=10).title


def test_a_page_without_article_text_is_an_error(server):
    with pytest.raises(FetchError, match="no article text"):
        fetch_page(f"{server}/empty", allowed_hosts=LOCAL, timeout=10)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "::ffff:10.0.0.1",
        "2002:0a00:0001::1",
        "ff02::1",
        "::",
    ],
)
def test_internal_addresses_are_refused(address):
    assert refused_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert refused_address(ipaddress.ip_address(address)) is None


def test_long_paragraphs_are_cut_between_sentences_and_headings_join_their_paragraph():
    long = " ".join(f"Phrase numéro {i} du paragraphe, qui dit une chose de plus." for i in range(60))
    passages = split_passages(f"Titre court\n{long}\nFin.")
    assert all(len(p) <= 1200 for p in passages)
    assert passages[0].startswith("Titre court\nPhrase numéro 0")
    assert "".join(passages).count("Phrase numéro") == 60


def test_the_setting_is_documented():
    docs = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    assert ALLOWED_HOSTS_SETTING in docs


def test_the_command_line_previews_and_stores_a_page(server, tmp_path, monkeypatch, capsys):
    from checker.cli import main

    monkeypatch.setenv(ALLOWED_HOSTS_SETTING, "127.0.0.1")
    db = f"sqlite:///{tmp_path / 'fetch.db'}"
    assert main(["sources", "fetch", f"{server}/article", "--preview", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Le conseil vote le budget du tramway — Le Veilleur de Brécourt — 2024-03-05 — fr" in out and "[1/" in out
    assert Library.open(db).count() == 0
    assert main(["sources", "fetch", f"{server}/article", "--db", db]) == 0
    stored = Library.open(db).count()
    assert stored >= 2 and f"stored {stored} passage(s)" in capsys.readouterr().out
    assert main(["sources", "fetch", f"{server}/missing", "--db", db]) == 1
    assert "404" in capsys.readouterr().err and Library.open(db).count() == stored
