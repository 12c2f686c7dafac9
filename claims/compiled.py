"""A disk cache of built lexicons, so that a new process does not build its patterns again.

Building a language's lexicon (claims/lexicon.py: `_build`) parses and compiles a few hundred large
regular expressions: most of a command's start-up. The cache stores the built Lexicon with each
pattern's *compiled* form (the code Python's regex engine runs, as `re._compiler` makes it), and a
later process rebuilds the patterns from that code with `_sre.compile`, skipping parsing and code
generation. The same cache holds the tables the extractor derives from the lexicons (each language's
names data, the currencies' country words, the given names: about 0.2 s of folding long lists and
compiling their patterns in each new process otherwise), under a key of their own.

The cache key is a SHA-256 of everything the result depends on: every data file in claims/data/,
lexicon.py, date_templates.py, patterns.py, text.py and schema.py (the code that builds and checks it, and the folding it uses), and the Python version
with its regex engine's magic number (the compiled code is private to one engine). Editing a data
file or lexicon.py gives a new key, so a stale entry is never read. The KEEP most recently used
entries of each language are kept (reading an entry marks it used), older ones are removed when a
new one is written: two checkouts or versions on one machine each keep their entry, instead of
removing each other's and rebuilding at every start. A cache that cannot be read or written (read-only home, a
corrupt file, another Python) is ignored: the lexicon is built as before, and it is the same object
either way (tests/claims/test_compiled_cache.py compares them).

Where: $FACTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/factcheck-workbench, else
~/.cache/factcheck-workbench. FACTCHECK_CACHE_DIR=off disables the cache.
"""

from __future__ import annotations

import _sre
import contextlib
import hashlib
import os
import pickle
import re
import re._compiler as _compiler
import re._parser as _parser
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

_HERE = Path(__file__).resolve().parent
# The shape of what is pickled: 2 since the Lexicon holds one section object per dimension (numbers,
# money, calendar, dates, names, quotes) instead of 115 flat fields. An entry of another format has
# another key, and is never read back as a Lexicon of the wrong shape.
FORMAT = 2
KEEP = 4  # entries kept per language (the most recently used)
STALE_SECONDS = 3600  # a temporary file this old was left by a writer that died before renaming it


def cache_dir() -> Path | None:
    """The directory of cached lexicons, or None when caching is off."""
    configured = os.environ.get("FACTCHECK_CACHE_DIR", "").strip()
    if configured.lower() in ("off", "0", "none", "false"):
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "factcheck-workbench"


# The modules that build a Lexicon: a change to any of them changes the cache key (a test checks
# that every module claims/lexicon.py imports, directly or not, is here).
BUILD_MODULES = (
    "lexicon.py",
    "amounts_data.py",
    "date_templates.py",
    "patterns.py",
    "text.py",
    "schema.py",
    "compiled.py",
)


# What else is cached, by the prefix of its entries: "tables" are what the extractor derives from the
# lexicons and the data files in each new process otherwise (each language's names data: the long
# lists of towns, given names and common words folded and the patterns made of them; the words that
# tell a currency's country; the given names and their sexes; the known organisations), built by code
# that reads across the package: their key covers every module of claims/, so that no import is ever
# left out of it.
SCOPES = ("lexicon", "tables")


@lru_cache(maxsize=None)
def data_hash(scope: str = "lexicon") -> str:
    """SHA-256 over every data file, the building code and the regex engine (the cache key): for
    "lexicon" the modules of BUILD_MODULES, for "tables" every module of claims/."""
    h = hashlib.sha256()
    h.update(f"format {FORMAT}; scope {scope}; python {sys.version}; sre {_sre.MAGIC} {_sre.CODESIZE}\n".encode())
    code = [_HERE / f for f in BUILD_MODULES] if scope == "lexicon" else sorted(_HERE.rglob("*.py"))
    files = sorted((_HERE / "data").rglob("*")) + code
    for path in files:
        if path.is_file():
            h.update(str(path.relative_to(_HERE)).encode() + b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def _rebuild(
    pattern: Any,
    flags: int,
    code: list[int],
    groups: int,
    groupindex: dict[str, int],
    indexgroup: tuple[str | None, ...],
) -> re.Pattern[Any]:
    compiled: re.Pattern[Any] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return compiled


def _compiled_form(p: re.Pattern[Any]) -> tuple[Any, ...]:
    """What `_sre.compile` needs to make `p` again (as re._compiler.compile computes it)."""
    parsed = _parser.parse(p.pattern, p.flags)
    code = [int(c) for c in _compiler._code(parsed, p.flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (p.pattern, p.flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            return _rebuild, _compiled_form(obj)
        return NotImplemented


def _path(code: str, scope: str = "lexicon") -> Path | None:
    directory = cache_dir()
    return None if directory is None else directory / f"{scope}-{code}-{data_hash(scope)[:32]}.pickle"


def cached(code: str, build: Callable[[str], Any], *, scope: str = "lexicon") -> Any:
    """`build(code)`, read from the cache when the data (and the code of `scope`) have not changed
    since it was written."""
    if scope not in SCOPES:
        raise ValueError(f"no cache scope {scope!r}")
    try:
        path = _path(code, scope)
    except OSError:
        return build(code)
    if path is not None and path.is_file():
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
        except Exception:  # noqa: BLE001 - a bad cache entry is rebuilt, never fatal
            pass
        else:
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: kept before entries unused for longer
            return value
    value = build(code)
    if path is not None:
        _write(path, f"{scope}-{code}", value)
    return value


def _write(path: Path, prefix: str, value: Any) -> None:
    """Write atomically (a temporary file renamed), then drop the entries of the same `prefix` (one
    language's lexicon, one table) beyond the KEEP most recently used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                _Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        others = []
        for entry in path.parent.glob(f"{prefix}-*.pickle"):
            if entry != path:
                with contextlib.suppress(OSError):
                    others.append((entry.stat().st_mtime, entry))
        for _used, old in sorted(others, reverse=True)[KEEP - 1 :]:
            with contextlib.suppress(OSError):
                old.unlink()
        # the temporary files of writers killed before their rename (a terminated worker), not those
        # another process may be writing now
        for stale in path.parent.glob(f".{prefix}-*.pickle.*"):
            with contextlib.suppress(OSError):
                if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                    stale.unlink()
    except Exception:  # noqa: BLE001 - no cache (read-only disk, unpicklable value): build each time
        pass
