"""Fetching an article by URL, safely, and cutting it into passage records. Nothing is stored here.

Safety, because an editor pastes URLs from anywhere and the workbench may run inside a newsroom
network:
- http and https only, no credentials in the URL, at most MAX_REDIRECTS redirects, each hop
  checked again (scheme and address);
- every connection goes through requests-hardened: the host name is resolved once, the address is
  checked and the connection is made to that very address (no second lookup an attacker could
  answer differently). On top of its checks (private, loopback, multicast, carrier-grade NAT...)
  `refused_address` also refuses link-local, reserved, unspecified and site-local addresses, IPv4
  addresses embedded in IPv6 ones, and cloud metadata endpoints;
- no proxy or .netrc from the environment (`trust_env` off);
- one total deadline for the whole fetch (connection, redirects, headers and body), enforced even
  when a server sends its body one byte at a time, and a cap on the decoded body (a lying or absent
  Content-Length, or a compressed body that inflates, cannot get past it);
- only HTML (text/html, application/xhtml+xml) is read.

Hosts named in the setting FACTCHECK_FETCH_ALLOWED_HOSTS (comma-separated, empty by default) or in
`allowed_hosts` skip the address check: that is how tests reach a server on 127.0.0.1, and how a
newsroom can allow one internal site on purpose. By default nothing internal is reachable.

The page's main text and metadata (title, site name, date, language) come from trafilatura; the
text is cut into paragraph-sized passages by `page_records`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

from settings import FETCH_ALLOWED_HOSTS

from .model import SourceRecord

# The one setting of fetching is declared with the others in settings.py.
ALLOWED_HOSTS_SETTING = FETCH_ALLOWED_HOSTS.name

DEFAULT_TIMEOUT = 20.0  # seconds, for the whole fetch
DEFAULT_MAX_BYTES = 5_000_000  # decoded body
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "FactCheckWorkbench/1.0 (newsroom fact-checking; fetches one page on an editor's request)"
_READ_SIZE = 64 * 1024

# Passages: paragraphs are joined until a passage holds at least PASSAGE_MIN characters; a longer
# paragraph than PASSAGE_MAX is cut between sentences.
PASSAGE_MIN = 280
MIN_TEXT = 80  # less than this is a menu or a cookie banner, not an article
PASSAGE_MAX = 1200


# ---- errors ---------------------------------------------------------------------------------------


class FetchError(Exception):
    """A page could not be fetched; the message is written for an editor."""


class FetchRefused(FetchError):
    """The URL or the address it leads to is not allowed (scheme, private address, credentials...)."""


class FetchTimeout(FetchError):
    """The page did not arrive within the deadline."""


class FetchTooLarge(FetchError):
    """The page is bigger than the size cap."""


class FetchHTTPError(FetchError):
    """The server answered with an error status (404, 500...)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class FetchNotHTML(FetchError):
    """The URL leads to something else than a web page (a PDF, an image, JSON...)."""


class FetchNetworkError(FetchError):
    """The host could not be reached (unknown name, connection refused, broken transfer)."""


class FetchNoText(FetchError):
    """The page holds no article text that could be extracted."""


# ---- the page -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded article: where it was asked for and where it ended, its metadata and main text.

    `retrieved_at` is the download time (UTC, naive); `text_hash` the SHA-256 of `text`, so a later
    fetch tells whether the article changed.
    """

    url: str
    final_url: str
    title: str
    publisher: str
    published: dt.date | None
    language: str
    text: str
    retrieved_at: dt.datetime
    text_hash: str


def allowed_hosts_setting() -> frozenset[str]:
    """Hosts allowed by FACTCHECK_FETCH_ALLOWED_HOSTS."""
    raw = FETCH_ALLOWED_HOSTS.value()
    return frozenset(h.strip().lower().strip("[]") for h in raw.split(",") if h.strip())


def fetch_page(
    url: str,
    *,
    allowed_hosts: Iterable[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchedPage:
    """Download one HTML page safely and extract its article; raises a FetchError subclass."""
    url = (url or "").strip()
    allowed = allowed_hosts_setting() | {h.strip().lower().strip("[]") for h in allowed_hosts if h.strip()}
    _check_url(url, allowed)
    if timeout <= 0 or max_bytes <= 0:
        raise ValueError("timeout and max_bytes must be positive")
    deadline = time.monotonic() + timeout
    download = _Download(url, allowed, deadline, max_bytes, timeout)
    worker = threading.Thread(target=download.run, name="fetch-page", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()) + 0.2)
    if worker.is_alive():
        download.abort()
        raise FetchTimeout(f"{_host(url)} did not send the page within {timeout:g} seconds")
    if download.error is not None:
        raise download.error
    assert download.body is not None
    retrieved_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return _extract(url, download.final_url, download.body, download.charset, retrieved_at)


def page_records(page: FetchedPage) -> list[SourceRecord]:
    """The page's text as passage records (paragraph-sized excerpts), in reading order.

    Each carries the page's citation, its retrieval time, and tags `passage` ("3/12") and
    `page_sha256` (the hash of the whole text).
    """
    passages = split_passages(page.text)
    title = page.title or _host(page.final_url)
    return [
        SourceRecord(
            id="",
            title=title,
            excerpt=p,
            publisher=page.publisher,
            url=page.final_url,
            published=page.published,
            language=page.language,
            tags=(("passage", f"{i}/{len(passages)}"), ("page_sha256", page.text_hash)),
            retrieved_at=page.retrieved_at,
        )
        for i, p in enumerate(passages, start=1)
    ]


def split_passages(text: str, *, minimum: int = PASSAGE_MIN, maximum: int = PASSAGE_MAX) -> list[str]:
    """Paragraphs joined up to `minimum` characters (headings join the paragraph after them), and
    paragraphs longer than `maximum` cut between sentences."""
    pieces: list[str] = []
    for para in (" ".join(p.split()) for p in text.splitlines()):
        if not para:
            continue
        if len(para) <= maximum:
            pieces.append(para)
            continue
        current = ""
        for sentence in _sentences(para):
            if current and len(current) + 1 + len(sentence) > maximum:
                pieces.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}".strip()
        if current:
            pieces.append(current)
    passages: list[str] = []
    current = ""
    for piece in pieces:
        if current and (len(current) >= minimum or len(current) + 1 + len(piece) > maximum):
            passages.append(current)
            current = piece
        else:
            current = f"{current}\n{piece}" if current else piece
    if current:
        if passages and len(current) < minimum // 2 and len(passages[-1]) + 1 + len(current) <= maximum:
            passages[-1] = f"{passages[-1]}\n{current}"
        else:
            passages.append(current)
    return passages


def _sentences(paragraph: str) -> list[str]:
    from claims.text import split_sentences

    found = [s.text.strip() for s in split_sentences(paragraph) if s.text.strip()]
    out: list[str] = []
    for s in found or [paragraph]:
        while len(s) > PASSAGE_MAX:  # a "sentence" without stops: cut at a space
            cut = s.rfind(" ", 0, PASSAGE_MAX)
            cut = cut if cut > 0 else PASSAGE_MAX
            out.append(s[:cut].strip())
            s = s[cut:].strip()
        if s:
            out.append(s)
    return out


# ---- addresses ------------------------------------------------------------------------------------

_METADATA_HOSTS = {"metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"}
_EXTRA_REFUSED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "100.64.0.0/10",  # carrier-grade NAT
        "192.0.0.0/24",
        "198.18.0.0/15",
        "192.88.99.0/24",
        "fec0::/10",  # site-local (deprecated, still routed in some networks)
        "64:ff9b::/96",
        "64:ff9b:1::/48",  # NAT64 (can reach IPv4 private space)
        "fd00:ec2::254/128",  # AWS metadata over IPv6
    )
)


def refused_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address may not be fetched from, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            why = refused_address(embedded)
            return f"{why} (inside an IPv6 address)" if why else None
    if str(ip) == "169.254.169.254" or str(ip) == "fd00:ec2::254":
        return "a cloud metadata address"
    for test, why in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "an unspecified address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    ):
        if getattr(ip, test, False):
            return why
    if any(ip in net for net in _EXTRA_REFUSED if net.version == ip.version):
        return "a private or special-purpose address"
    if not ip.is_global:
        return "an address that is not public"
    return None


def _check_url(url: str, allowed: frozenset[str]) -> None:
    if not url:
        raise FetchRefused("give the address of a web page (http:// or https://)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused(f"not a valid web address: {url[:200]}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}://" if scheme else "an address without http:// or https://"
        raise FetchRefused(f"only http:// and https:// pages can be fetched (got {shown})")
    host = (parts.hostname or "").lower()
    if not host:
        raise FetchRefused(f"the address has no host name: {url[:200]}")
    if parts.username or parts.password:
        raise FetchRefused("addresses with a user name or password are not fetched")
    if port == 0:
        raise FetchRefused("port 0 cannot be fetched")
    if host in allowed:
        return
    if host in _METADATA_HOSTS or host.endswith(".internal") or host == "localhost" or host.endswith(".localhost"):
        raise FetchRefused(f"{host} is an internal host name; it cannot be fetched")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return  # a name: checked when it is resolved, right before connecting
    why = refused_address(ip)
    if why:
        raise FetchRefused(f"{host} is {why}; it cannot be fetched")


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


# ---- the download ---------------------------------------------------------------------------------


def _session(allowed: frozenset[str]):
    import requests
    from requests.adapters import HTTPAdapter
    from requests_hardened import Config, HTTPSession
    from requests_hardened.ip_filter_adapter import IPFilterAdapter

    class GuardedAdapter(IPFilterAdapter):
        """requests-hardened's resolve-check-pin, our stricter address rules on the pinned address,
        and a bypass for the allowed hosts."""

        def build_connection_pool_key_attributes(self, request, verify, cert=None):
            host = (urlsplit(request.url).hostname or "").lower()
            if host in allowed:
                return HTTPAdapter.build_connection_pool_key_attributes(self, request, verify, cert)
            host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
            pinned = ipaddress.ip_address(str(host_params["host"]).strip("[]"))
            why = refused_address(pinned)
            if why:
                raise FetchRefused(f"{host} leads to {pinned}, {why}; it cannot be fetched")
            return host_params, pool_kwargs

    config = Config(
        ip_filter_enable=True,
        ip_filter_allow_loopback_ips=False,
        never_redirect=True,
        default_timeout=(10, 10),
        user_agent_override=USER_AGENT,
    )
    session = HTTPSession(config)
    session.trust_env = False  # no proxy, no .netrc from the environment
    session.proxies = {}
    session.mount("http://", GuardedAdapter(is_https_proto=False))
    session.mount("https://", GuardedAdapter(is_https_proto=True))
    session.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
    session.headers["Accept-Encoding"] = "gzip, deflate"
    return session, requests


class _Download:
    """One fetch, run in a worker thread so that the caller's deadline holds whatever the server does."""

    def __init__(self, url: str, allowed: frozenset[str], deadline: float, max_bytes: int, timeout: float):
        self.url = url
        self.timeout = timeout
        self.final_url = url
        self.allowed = allowed
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.body: bytes | None = None
        self.charset: str | None = None
        self.error: FetchError | None = None
        self._response: Any = None
        self._aborted = threading.Event()

    def abort(self) -> None:
        self._aborted.set()
        response = self._response
        if response is not None:
            try:  # unblocks a read in progress (urllib3 >= 2.3)
                shutdown = getattr(response.raw, "shutdown", None)
                if shutdown:
                    shutdown()
                response.close()
            except Exception:  # noqa: BLE001 - best effort, the worker is a daemon thread
                pass

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0 or self._aborted.is_set():
            raise FetchTimeout(f"{_host(self.url)} did not send the page within {self.timeout:g} seconds")
        return left

    def run(self) -> None:
        try:
            self._run()
        except FetchError as exc:
            self.error = exc
        except Exception as exc:  # noqa: BLE001 - turned into an editor's message
            self.error = _translate(exc, self.final_url)

    def _run(self) -> None:
        session, requests = _session(self.allowed)
        with session:
            url = self.url
            for hop in range(MAX_REDIRECTS + 1):
                _check_url(url, self.allowed)
                left = self._remaining()
                response = session.get(
                    url, stream=True, allow_redirects=False, timeout=(min(left, 10.0), min(left, 10.0))
                )
                self._response = response
                self.final_url = url
                if response.is_redirect or response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    response.close()
                    if not location:
                        raise FetchHTTPError(
                            f"{_host(url)} answered a redirect without a destination", response.status_code
                        )
                    url = urljoin(url, location)
                    continue
                break
            else:
                raise FetchRefused(f"more than {MAX_REDIRECTS} redirects; the page was not fetched")
            with response:
                self._check_response(response, url)
                self.body = self._read(response)
                self.charset = _charset(response.headers.get("content-type", ""))

    def _check_response(self, response, url: str) -> None:
        status = response.status_code
        if status >= 400:
            reason = response.reason or ""
            raise FetchHTTPError(f"the server answered {status} {reason} for {url}".replace("  ", " ").strip(), status)
        if status != 200:
            raise FetchHTTPError(f"the server answered {status} instead of the page", status)
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in HTML_TYPES:
            shown = content_type or "no content type"
            raise FetchNotHTML(f"{url} is not a web page ({shown}); only HTML articles can be fetched")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes and "content-encoding" not in response.headers:
            raise FetchTooLarge(
                f"the page is {int(length) / 1e6:.1f} MB, more than the {self.max_bytes / 1e6:g} MB allowed"
            )

    def _read(self, response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        raw = response.raw
        while True:
            self._remaining()
            chunk = raw.read1(_READ_SIZE, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchTooLarge(f"the page is larger than the {self.max_bytes / 1e6:g} MB allowed")
            chunks.append(chunk)
        return b"".join(chunks)


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def _translate(exc: Exception, url: str) -> FetchError:
    """A library exception as an editor's message."""
    import requests
    import urllib3.exceptions
    from requests_hardened.ip_filter import InvalidIPAddress

    host = _host(url)
    chain = [exc]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        nxt = chain[-1].__cause__ or chain[-1].__context__
        if nxt in chain or len(chain) > 8:
            break
        chain.append(nxt)
    for e in chain:
        if isinstance(e, FetchError):
            return e
        if isinstance(e, InvalidIPAddress):
            return FetchRefused(
                f"{host} leads to {e.args[0] if e.args else 'an address'}, a private or "
                "internal address; it cannot be fetched"
            )
    if isinstance(
        exc, (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout, urllib3.exceptions.TimeoutError)
    ):
        return FetchTimeout(f"{host} did not answer in time")
    if isinstance(
        exc, (requests.exceptions.InvalidSchema, requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)
    ):
        return FetchRefused(f"not a web address that can be fetched: {url[:200]}")
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchNetworkError(f"{host}: the secure connection failed (certificate problem)")
    if isinstance(exc, requests.exceptions.ConnectionError):
        if any(isinstance(e, OSError) and getattr(e, "errno", None) in (-2, -3, -5) for e in chain) or "resolve" in str(
            exc
        ):
            return FetchNetworkError(f"{host} could not be found (unknown host name)")
        return FetchNetworkError(f"{host} could not be reached (connection failed or broken)")
    if isinstance(
        exc,
        (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
            urllib3.exceptions.HTTPError,
        ),
    ):
        return FetchNetworkError(f"the transfer from {host} broke off or could not be decoded")
    if isinstance(exc, requests.exceptions.RequestException):
        return FetchNetworkError(f"{host}: the page could not be fetched ({exc.__class__.__name__})")
    return FetchNetworkError(f"{host}: the page could not be fetched ({exc.__class__.__name__})")


# ---- extraction -----------------------------------------------------------------------------------


def _extract(url: str, final_url: str, body: bytes, charset: str | None, retrieved_at: dt.datetime) -> FetchedPage:
    import trafilatura

    html: str | bytes = body
    if charset:
        try:
            html = body.decode(charset, errors="replace")
        except LookupError:
            html = body
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=final_url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - a malformed page must not crash the caller
        raise FetchNoText(f"the page at {final_url} could not be read ({exc.__class__.__name__})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT:
        raise FetchNoText(
            f"no article text was found at {final_url}" + (f" (only {len(text)} characters)" if text else "")
        )
    title = " ".join((getattr(doc, "title", None) or "").split())
    publisher = " ".join((getattr(doc, "sitename", None) or "").split()) or (_host(final_url) or "")
    return FetchedPage(
        url=url,
        final_url=final_url,
        title=title,
        publisher=publisher,
        published=_date(getattr(doc, "date", None)),
        language=_language(body, charset, text),
        text=text,
        retrieved_at=retrieved_at,
        text_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_LANG_RE = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _language(body: bytes, charset: str | None, text: str) -> str:
    """The page's declared language when the extractor knows it, else the language of its text."""
    import claims

    known = claims.available_languages()
    m = _LANG_RE.search(body[:20000])
    if m:
        code = m.group(1).decode("ascii").lower()
        if code in known:
            return code
    return claims.detect_language(text)
