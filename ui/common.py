"""What every page shares: the database services, session defaults, the reviewer (a typed name, or on
a shared deployment the signed-in person and their role), the interface language, messages, and the
escaped highlighting of texts."""

from __future__ import annotations

import contextlib
import html
from typing import Any, Callable, Iterator, NamedTuple

import streamlit as st

from checker.access import NEEDS, AccessDenied, Roles, acting_as, allowed, normalise_email
from checker.desk import ArticleNotFound, ClaimNotFound, Desk, ReviewConflict
from checker.inputs import InputError
from checker.messages import DEFAULT, languages, translator
from checker.storage import (
    ImportFormatError,
    Library,
    ProgressMeter,
    ProgressReading,
    database_url,
    duration_text,
    is_locked,
    open_workbench,
)

# Session keys and their defaults, declared once. Widget keys initialised from the URL are set in
# `init_state` too, so that a reload keeps the reviewer, the language and the open claim.
DEFAULTS: dict[str, object] = {
    "editor_generation": 0,  # bumped after each change so that tables and fields reload from the database
    "flash": [],  # [(kind, message)] shown once on the next run
    "library_upload_generation": 0,  # bumped to empty the library's file uploader after an import or a discard
    "library_fetched": None,  # the FetchedPage waiting for the editor's decision (library page)
    "table_rows": {},  # claims table key -> the claim ids of its rows, in the order shown
    "table_versions": {},  # claim id -> version, as the open article was last drawn (merges check them)
    "open_article": None,  # article chosen on the Articles page, opened on the desk on the next run
    "report_url": "",  # where the fact check is published (ClaimReview url)
    "drafts": {},  # text field key -> (claim version, stored text) the editor's typing started from
}


def check_settings() -> None:
    """Stop with a clear message when a setting (settings.py) has a wrong value."""
    from settings import problems

    found = problems()
    if found:
        for problem in found:
            st.error(f"Setting {problem}. Fix it and restart the workbench.")
        st.stop()


def init_state() -> None:
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value.copy() if isinstance(value, (dict, list)) else value)
    if "reviewer_input" not in st.session_state:
        st.session_state["reviewer_input"] = st.query_params.get("reviewer", "").strip()
    if "lang_input" not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT)
        st.session_state["lang_input"] = wanted if wanted in languages() else DEFAULT


@st.cache_resource(show_spinner=False)
def _services(url: str) -> tuple[Library, Desk]:
    """Once per server (shared by every session): the engine and its connection pool, the seeded
    library and, warmed up, the extractor's language data and the matcher's checks, so that the
    first check after a restart is as fast as the next."""
    return open_workbench(url)


def translation_model() -> None:
    """Load the translation model (a setting) once per server, the first time an article is checked,
    with a word to the editor while it loads; checks after that reuse it."""
    from settings import TRANSLATION_MODEL

    _translation_model(TRANSLATION_MODEL.value(), t("check.loading_model"))


@st.cache_resource(show_spinner=False)
def _translation_model(name: str, _words: str) -> bool:
    from checker.match import translation_embedder

    with st.spinner(_words):
        embedder = translation_embedder()
        if embedder is not None:
            embedder.load()
        return embedder is not None


def services() -> tuple[Library, Desk]:
    """The library and the desk on the workbench's database (created and seeded on first start). On a
    shared deployment, as the signed-in person may use them: each write is checked against their role
    in the core and recorded under their email address (checker/access.py)."""
    library, desk = _services(database_url())
    member = signed_in()
    if member is None:
        if sign_in_required():  # never the plain desk on a shared deployment, whatever calls this
            raise AccessDenied("nobody signed in", None, "read")
        return library, desk
    return acting_as(member.email, Roles(desk.engine), library, desk)


def roles() -> Roles:
    return Roles(_services(database_url())[1].engine)


# ---- sign-in and roles (a shared deployment) -------------------------------------------------------

MEMBER = "signed_in_member"  # session key: the Member of this run, set by `gate`


class Member(NamedTuple):
    email: str
    role: str


def sign_in_required() -> bool:
    """Whether this is a shared deployment: FACTCHECK_AUTH=oidc, or an [auth] section in secrets.toml."""
    from settings import AUTH

    return AUTH.value() == "oidc" or _auth_configured()


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file, or one that does not parse: no [auth]
        return False


def gate() -> None:
    """On a shared deployment, stop the run here unless the person is signed in and has a role: the
    sign-in page, or the page that says to ask an admin, is all that is drawn. Run before the pages
    are declared, so that no page, by any address, is reached without it."""
    st.session_state[MEMBER] = None
    if not sign_in_required():
        return
    if not _auth_configured():
        st.error(t("signin.not_configured"))
        st.stop()
    user = st.user
    if not user.get("is_logged_in"):
        _sign_in_page()
        st.stop()
    try:
        if str(user.get("email_verified", True)).lower() == "false":
            raise ValueError("not verified")
        email = normalise_email(user.get("email") or "")
    except ValueError:
        st.error(t("signin.no_email"))
        st.button(t("sidebar.sign_out"), on_click=st.logout, icon=":material/logout:")
        st.stop()
    role = roles().role_of(email)
    if role is None:
        _language_choice()
        st.title(t("signin.no_role_title"), anchor=False)
        st.info(t("signin.no_role", email=shown_email(email)))
        st.button(t("sidebar.sign_out"), on_click=st.logout, icon=":material/logout:")
        st.stop()
    st.session_state[MEMBER] = Member(email, role)


def _sign_in_page() -> None:
    _language_choice()
    st.title(t("signin.title"), anchor=False)
    st.write(t("signin.intro"))
    st.button(t("signin.button"), type="primary", icon=":material/login:", on_click=st.login)


def shown_email(email: str) -> str:
    """An address for a Markdown code span (never turned into a link): without backticks."""
    return email.replace("`", "'")


def signed_in() -> Member | None:
    """The signed-in person and their role as this run read it; None on the single-user default."""
    return st.session_state.get(MEMBER)


def can(action: str) -> bool:
    """Whether the person may do `action` (checker/access.py: NEEDS); always on the single-user default."""
    member = signed_in()
    return member is None or allowed(member.role, action)


def may(action: str) -> bool:
    """Whether a change is open now: someone is named as reviewer (or signed in) and may do `action`."""
    return bool(reviewer()) and can(action)


def refusal(action: str) -> str:
    """Why the signed-in person cannot do `action`, in the interface language."""
    member = signed_in()
    return t(
        "access.refused",
        role=t(f"role.{member.role if member else 'none'}"),
        doing=t(f"access.doing.{action}"),
        needed=t(f"role.{NEEDS[action]}"),
    )


def lang() -> str:
    return st.session_state.get("lang_input", DEFAULT)


def t(key: str, **values: Any) -> str:
    """The interface text `key` in the language chosen in the sidebar."""
    return translator(lang())(key, **values)


def labels() -> dict[str, str]:
    """Every word of the chosen language (the reports take them as a plain mapping)."""
    from checker.messages import messages

    return dict(messages(lang()))


def reviewer() -> str:
    """The reviewer named in the sidebar (kept in the URL so a reload keeps it); on a shared deployment,
    the signed-in person's email address, never a typed name."""
    member = signed_in()
    if member is not None:
        return member.email
    return st.session_state.get("reviewer_input", "").strip()


def _store_reviewer() -> None:
    name = st.session_state["reviewer_input"].strip()
    if name:
        st.query_params["reviewer"] = name
    elif "reviewer" in st.query_params:
        del st.query_params["reviewer"]


def _store_lang() -> None:
    st.query_params["lang"] = st.session_state["lang_input"]


def _language_choice() -> None:
    with st.sidebar:
        names = languages()
        st.selectbox(t("sidebar.language"), list(names), format_func=names.get, key="lang_input", on_change=_store_lang)


def sidebar() -> None:
    _language_choice()
    with st.sidebar:
        member = signed_in()
        if member is None:
            st.text_input(
                t("sidebar.reviewer"),
                placeholder=t("sidebar.reviewer_placeholder"),
                key="reviewer_input",
                on_change=_store_reviewer,
                help=t("sidebar.reviewer_help"),
            )
        else:
            st.markdown(t("sidebar.signed_in", email=shown_email(member.email), role=t(f"role.{member.role}")))
            st.button(t("sidebar.sign_out"), on_click=st.logout, icon=":material/logout:", key="sign_out")
        # Where the data lives is for whoever runs the workbench, not a thing editors act on.
        with st.expander(t("sidebar.about"), icon=":material/info:"):
            st.caption(t("sidebar.about_text"))
            st.caption(t("sidebar.database", url=_short(database_url())))


def _short(url: str) -> str:
    return url if len(url) < 48 else "…" + url[-46:]


def flash(kind: str, message: str, *, where: str = "top") -> None:
    """A message shown once, on the next run of the page (after a save and its rerun), at the place
    `where` of the page: "top", or "claim" (beside the review buttons the editor just used)."""
    st.session_state["flash"] = [*st.session_state.get("flash", []), (where, kind, message)]


def show_flash(where: str = "top") -> None:
    keep = []
    for item in st.session_state.get("flash") or []:
        if item[0] == where:
            getattr(st, item[1])(item[2])
        else:
            keep.append(item)
    st.session_state["flash"] = keep


def error_text(action: str, exc: BaseException) -> str:
    """The editor-readable message for a refused action (never a traceback)."""
    if isinstance(exc, ReviewConflict):
        return conflict_text(exc)
    if isinstance(exc, ArticleNotFound):
        return t("msg.no_article", id=exc.args[0])
    if isinstance(exc, ClaimNotFound):
        return t("msg.no_claim", id=exc.args[0])
    if isinstance(exc, AccessDenied):
        return t(
            "msg.denied",
            action=action,
            role=t(f"role.{exc.role or 'none'}"),
            doing=t(f"access.doing.{exc.action}"),
            needed=t(f"role.{NEEDS[exc.action]}"),
        )
    if isinstance(exc, (InputError, ImportFormatError, ValueError)):
        return f"{action}{t('common.colon')}{exc}"
    if is_locked(exc):
        return t("msg.busy", action=action)
    return t("msg.failed", action=action, kind=exc.__class__.__name__)


def conflict_text(conflict: ReviewConflict, yours: str = "") -> str:
    c = conflict.current
    return t(
        "msg.conflict",
        claim=c.claim.id,
        who=c.reviewer or "?",
        when=f"{c.reviewed_at:%Y-%m-%d %H:%M:%S}" if c.reviewed_at else "?",
        status=t(f"status.{c.shown_status}"),
        note=" " + quoted(c.note) if c.note else "",
        version=c.version,
        yours=yours or "—",
    )


@contextlib.contextmanager
def guarded(action: str) -> Iterator[None]:
    """Show a clear message instead of a traceback when `action` fails; nothing half-done is kept
    because every core call is one transaction."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the UI never shows a traceback
        kind = "warning" if isinstance(exc, ReviewConflict) else "error"
        getattr(st, kind)(error_text(action, exc))


def remembered_tabs(key: str, keys: list[str]):
    """Tabs that stay on the one the editor chose across every rerun of the page (an action, a message,
    an upload), instead of going back to the first; `keys` are the words' keys of the tabs. A language
    switch keeps the same tab (its label is translated)."""
    tab_labels = [t(k) for k in keys]
    chosen = st.session_state.get(key)
    if chosen is not None and chosen not in tab_labels:
        from checker.messages import messages

        index = next((i for code in languages() for i, k in enumerate(keys) if messages(code)[k] == chosen), None)
        if index is None:
            del st.session_state[key]
        else:
            st.session_state[key] = tab_labels[index]
    return st.tabs(tab_labels, key=key, on_change="rerun")


def number(n: int) -> str:
    """A count with the language's thousands separator (12,345 in English, 12 345 in French, where a
    comma would read as a decimal point)."""
    return f"{n:,}".replace(",", t("language.thousands"))


def progress_shown(bar) -> Callable[[int, int], None]:
    """The `on_progress` of an import that draws on a Streamlit progress `bar`."""
    meter = ProgressMeter()

    def show(done: int, total: int) -> None:
        reading = meter.update(done, total)
        bar.progress(reading.fraction, text=progress_text(reading))

    return show


def progress_text(reading: ProgressReading) -> str:
    """An import's bar: how many records are stored, at what rate, and the time left at that rate."""
    done, total = number(reading.done), number(reading.total or 0)
    if reading.finished:
        return t("library.progress_saving", done=done, total=total)
    if reading.left is None:
        return t("library.progress", done=done, total=total)
    return t(
        "library.progress_left",
        done=done,
        total=total,
        rate=number(round(reading.rate)),
        left=duration_text(reading.left),
    )


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word's end, with "…" when cut (never mid-word)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def quoted(text: str) -> str:
    """`text` between the interface language's quotation marks (« … » with narrow spaces in French)."""
    return t("common.quoted", text=text)


def md_escape(text: str) -> str:
    """Text shown through st.markdown / st.caption with Markdown's special characters neutralised."""
    out = str(text).replace("\\", "\\\\")
    for ch in "`*_[]<>#|~$":
        out = out.replace(ch, "\\" + ch)
    return out


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """HTML of `text`, escaped, with <mark> around each (start, end, css classes, tooltip) span.

    Spans may nest (a name inside a quote); a span crossing the end of the one it starts in is cut
    at that end. Only the classes and tooltips given here become markup: the text is always escaped.
    """
    out: list[str] = []
    pos = 0
    stack: list[int] = []
    for start, end, cls, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        start = max(start, 0)
        while stack and stack[-1] <= start:
            close = stack.pop()
            out.append(html.escape(text[pos:close]))
            out.append("</mark>")
            pos = close
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        pos = start
        if stack:
            end = min(end, stack[-1])
        if end <= start:
            continue
        out.append(f'<mark class="{html.escape(cls)}" title="{html.escape(title)}">')
        stack.append(end)
    while stack:
        close = stack.pop()
        out.append(html.escape(text[pos:close]))
        out.append("</mark>")
        pos = close
    out.append(html.escape(text[pos:]))
    return "".join(out)


STYLE = """
<style>
[data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; max-width: 100%; }
.fc-text { white-space: pre-wrap; font-family: Georgia, 'Times New Roman', serif; font-size: 1.02rem; line-height: 1.65; }
.fc-text mark, .fc-inline mark { padding: 0 1px; border-radius: 3px; color: inherit; }
mark.t-date { background: #d6e6ff; } mark.t-money { background: #c9f0d3; } mark.t-person { background: #eadcff; }
mark.t-organization { background: #ffe2c2; } mark.t-quote { background: #fff3b0; }
mark.s-verified { box-shadow: inset 0 -3px 0 #1e7b34; } mark.s-disputed { box-shadow: inset 0 -3px 0 #c62828; }
mark.s-needs_more { box-shadow: inset 0 -3px 0 #e08a00; } mark.s-unreviewed { box-shadow: inset 0 -1px 0 #8a8a8a; }
mark.s-dismissed { background: #eeeeee !important; text-decoration: line-through; box-shadow: none; }
mark.sel { outline: 2px solid #1a4d8f; outline-offset: 1px; }
mark.claim-span { background: #ffe08a; } mark.ev-agrees { background: #b8e6c1; } mark.ev-conflicts { background: #f7b6b2; }
mark.ev-unknown { background: #e3e3e3; }
.fc-legend span { display: inline-block; margin: 0 .6rem .2rem 0; font-size: .85rem; }
.fc-legend mark { padding: 0 4px; } .fc-legend mark.s-unreviewed, .fc-legend mark.s-verified, .fc-legend mark.s-disputed,
.fc-legend mark.s-needs_more { background: transparent; }
.fc-card { border: 1px solid #d9d9d9; border-radius: 6px; padding: 8px 12px; height: 100%; }
.fc-card .head { font-size: .85rem; color: #444; margin-bottom: 4px; }
.fc-card .cmp { font-size: .9rem; margin-top: 6px; padding-top: 4px; border-top: 1px dashed #ddd; }
.fc-card .warn { color: #9a5b00; font-size: .85rem; }
.fc-badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: .78rem; color: #fff; }
.fc-badge.agrees { background: #1e7b34; } .fc-badge.conflicts { background: #c62828; } .fc-badge.unknown { background: #777; }
.fc-sentence { font-family: Georgia, 'Times New Roman', serif; font-size: 1.05rem; padding: 6px 10px; border-left: 4px solid #ffe08a; background: #fffdf3; }
</style>
"""
