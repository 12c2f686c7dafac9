"""Helpers of the tests that use the library: records of our own, an in-memory library, a database
file, a schema of its own on the local PostgreSQL server, the command line run in-process, and the
app served by Streamlit and driven in Chromium. Imported by the conftest of tests/sources,
tests/checker and tests/ui (and by their tests); never by the claims tests, which run without the
database's code (tests/conftest.py). What only some tests need (psycopg, Playwright, the checker) is
imported where it is used."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import pytest

from sources.model import SourceRecord

if TYPE_CHECKING:
    from sources.library import Library

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
ARTIFACTS = ROOT / "test-artifacts"  # screenshots of the browser tests (ignored by git)


def record(
    id: str,
    excerpt: str,
    *,
    published: str | None = "2024-03-01",
    language: str = "en",
    title: str | None = None,
    publisher: str = "Test Wire",
    url: str = "",
) -> SourceRecord:
    return SourceRecord(
        id=id,
        title=title or f"Record {id}",
        excerpt=excerpt,
        publisher=publisher,
        url=url or f"https://example.org/{id.lower()}",
        published=dt.date.fromisoformat(published) if published else None,
        language=language,
    )


@pytest.fixture
def fresh_library() -> Library:
    from sources.library import Library

    return Library.open("sqlite://")


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    monkeypatch.setenv("FACTCHECK_DB", url)
    return url


def streamlit_server(port: int, env: dict[str, str], log, *extra: str) -> subprocess.Popen:
    """The workbench's app served by Streamlit on 127.0.0.1:`port`, headless, its output in `log`."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", *extra],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


# ---- PostgreSQL: a schema of its own on the local server ------------------------------------------

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextlib.contextmanager
def postgres_schema(prefix: str) -> Iterator[tuple[Any, str]]:
    """A new schema named `prefix`_<random> on the local server (127.0.0.1:5432, database `test`),
    dropped with everything in it when the block ends; yields (an autocommit admin connection, its
    name). Skips the test when psycopg or the server is not there."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3, autocommit=True
        )
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable on 127.0.0.1:5432 ({exc.__class__.__name__})")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield admin, name
    finally:
        admin.execute(f'DROP SCHEMA "{name}" CASCADE')
        admin.close()


def postgres_url(schema: str) -> str:
    """The database URL whose tables live in `schema` (see postgres_schema)."""
    return f"{POSTGRES}?options=-csearch_path%3D{schema}"


# ---- the command line, run in-process -------------------------------------------------------------


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """`python -m checker ARGV...` in this process: (exit code, standard output, standard error)."""
    from checker.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli_check_saved(capsys, tmp_path: Path, db: str, text: str, *options: str, name: str = "a.txt") -> dict:
    """`check FILE --db DB --save --format json OPTIONS...` on `text` written to tmp_path/`name`;
    asserts it succeeds and returns its JSON (article_id, claims...)."""
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(article), "--db", db, "--save", "--format", "json", *options)
    assert code == 0
    return json.loads(out)


def cli_review(
    capsys, db: str, article_id: int | str, claim: str, status: str, note: str, reviewer: str
) -> tuple[int, str, str]:
    """`review ARTICLE CLAIM --status STATUS --note NOTE --reviewer REVIEWER --db DB`, as run_cli."""
    argv = ("review", str(article_id), claim, "--status", status, "--note", note, "--reviewer", reviewer)
    return run_cli(capsys, *argv, "--db", db)


# ---- the app in a browser: Streamlit on a free local port, Debian's Chromium -----------------------

CHROMIUM = "/usr/bin/chromium"  # Debian's (Playwright's own download does not work here)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need_chromium() -> None:
    """Skip the test unless Debian's Chromium and Playwright are installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    pytest.importorskip("playwright.sync_api")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Chromium launched by Playwright (headless), closed when the block ends; skips without it."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_serving(proc: subprocess.Popen, base: str, log_path: Path, deadline: float) -> None:
    """Return once the server at `base` answers its health check; raise with its log if it stops, or
    is still not up at `deadline` (time.monotonic())."""
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("streamlit did not start:\n" + log_path.read_text(errors="replace"))
        time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def served_app(port: int, env: dict[str, str], log_path: Path, *extra: str, seconds: float = 45) -> Iterator[str]:
    """The app served on `port` (streamlit_server, its output in `log_path`) while the block runs;
    yields its address once it answers, and stops it at the end."""
    with open(log_path, "wb") as log:
        proc = streamlit_server(port, env, log, *extra)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_serving(proc, base, log_path, time.monotonic() + seconds)
            yield base
        finally:
            stop(proc)


def app_context(browser, **options) -> Any:
    """A new Playwright browser context (`options` as new_context's) for the app: requests to anything
    but this machine are refused at once (the app asks fonts.gstatic.com for its page icon and the
    OpenID provider's pages a CDN for their stylesheet, and no test may reach a public host), and the
    script runs of each of its pages are followed, for settle()."""
    context = browser.new_context(**options)
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())
    context.on("page", _follow_runs)  # emitted before new_page() returns, so before the page's first goto
    return context


class ScriptRuns:
    """The script runs a page asked its Streamlit server for and those the server ran, read off the
    page's websocket: the page asks for a run (BackMsg rerun_script: on opening, on a widget's change,
    a click); the server starts one (new_session) and says when it is done (script_finished; a run
    stopped for the next one, on a newer request or st.rerun, is not done). Events are numbered in
    the order the page saw them; a request is answered by a run started after it and finished."""

    def __init__(self) -> None:
        self.seen = 0
        self.asked = 0  # the number of the last request
        self.started = 0  # ... of the start of the current run
        self.done = 0  # ... of the start of the last run finished

    @property
    def waiting(self) -> bool:
        return self.done < self.asked

    def follow(self, websocket) -> None:
        if websocket.url.endswith("/_stcore/stream"):
            websocket.on("framesent", self._sent)
            websocket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(payload, bytes) and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
            self.seen += 1
            self.asked = self.seen

    def _received(self, payload: str | bytes) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.seen += 1
            self.started = self.seen
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.done = self.started


_RUNS: weakref.WeakKeyDictionary[Any, ScriptRuns] = weakref.WeakKeyDictionary()


def _follow_runs(page) -> None:
    _RUNS[page] = runs = ScriptRuns()
    page.on("websocket", runs.follow)


# True once the app shows a finished run (not "initial": before its first run), its "Running..."
# widget gone, and still so two frames later (the last messages of a run drawn)
_IDLE = """async () => {
    const idle = () => document.querySelector("[data-testid='stApp']")?.dataset.testScriptState === "notRunning"
        && !document.querySelector("[data-testid='stStatusWidget']");
    for (let frame = 0; frame < 2; frame++) {
        if (!idle()) return false;
        await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return idle();
}"""


def settle(page, *, seconds: float = 30) -> None:
    """Wait until the app has run what the page asked it to run (a click, a widget's new value, the
    page opened) and has drawn it: no request left without a finished run (ScriptRuns), then the
    page showing no run going on. For pages of an app_context."""
    runs = _RUNS[page]
    deadline = time.monotonic() + seconds
    while runs.waiting:  # the websocket's events are delivered while Playwright waits
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not finish the run asked for within {seconds} s")
        page.wait_for_timeout(20)
    page.wait_for_function(_IDLE, timeout=max(1.0, deadline - time.monotonic()) * 1000)


def shot(page, name: str, *, full_page: bool = False) -> None:
    """A screenshot of `page` in test-artifacts/`name`, once every element is drawn."""
    ARTIFACTS.mkdir(exist_ok=True)
    # every element drawn (Streamlit shows grey placeholders while it draws a page), the fonts loaded
    # and two frames painted since
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000)
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise((resolve) =>"
        " requestAnimationFrame(() => requestAnimationFrame(resolve))))"
    )
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


def shared_deployment(url: str, people: dict[str, str]) -> tuple[Any, Any]:
    """A shared deployment's database at `url`: the demo library, the example article checked (by
    "setup"), and `people` ({address: role}) given their roles by "operator". Returns (desk, roles)."""
    from checker.access import Roles
    from checker.desk import Desk
    from checker.service import check_and_store
    from sources.demo import example_article, seed_demo
    from sources.library import Library

    library, desk = Library.open(url), Desk.open(url)
    seed_demo(library)
    ex = example_article()
    check_and_store(
        ex.text, library, desk, title=ex.title, language=ex.language, published=ex.published, reviewer="setup"
    )
    roles = Roles(desk.engine)
    for email, role in people.items():
        roles.add(email, role, by="operator")
    return desk, roles


APP = str(ROOT / "app.py")


def new_session(**query) -> Any:
    """A fresh session of the app (Streamlit's AppTest), run once, with `query` as its URL's query."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    return at


def button(at: Any, label: str) -> Any:
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r} in {[b.label for b in at.button]}"
    return found[0]
