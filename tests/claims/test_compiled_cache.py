"""The disk cache of built lexicons (claims/compiled.py): same lexicon, keyed by the data's hash."""

from __future__ import annotations

import shutil

import pytest

from claims import compiled, lexicon


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_cached_lexicon_equals_a_built_one(cache):
    built = lexicon._load_uncached("fr")
    first = compiled.cached("fr", lexicon._load_uncached)  # builds and writes
    assert len(list(cache.glob("lexicon-fr-*.pickle"))) == 1
    calls = []
    again = compiled.cached("fr", lambda code: calls.append(code))  # read back, not built
    assert calls == []
    assert again == built == first  # compiled patterns compare by pattern, flags and code
    assert again.money.money_re.pattern == built.money.money_re.pattern
    text = "le 3 mars 2024, 12 millions d'euros"
    assert [m.span() for m in again.numbers.number_re.finditer(text)] == [
        m.span() for m in built.numbers.number_re.finditer(text)
    ]


def test_the_key_covers_every_data_file_and_the_building_code(tmp_path, monkeypatch, cache):
    copy = tmp_path / "claims"
    shutil.copytree(compiled._HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(compiled, "_HERE", copy)
    compiled.data_hash.cache_clear()
    try:
        keys = {compiled.data_hash()}
        for name in [
            "data/fr.toml",
            "data/en.toml",
            "data/common.toml",
            "data/currency_names.toml",
            *compiled.BUILD_MODULES,
        ]:
            with open(copy / name, "a", encoding="utf-8") as fh:
                fh.write("\n# changed\n")
            compiled.data_hash.cache_clear()
            keys.add(compiled.data_hash())
        assert len(keys) == 5 + len(compiled.BUILD_MODULES)
    finally:
        compiled.data_hash.cache_clear()


def test_every_module_the_lexicon_is_built_with_is_in_the_key():
    """A module claims/lexicon.py imports (directly or through another) that the key left out would
    leave a stale lexicon in the cache after a change to it."""
    import ast

    seen: set[str] = set()
    todo = ["lexicon"]
    while todo:
        name = todo.pop()
        if name in seen or not (compiled._HERE / f"{name}.py").is_file():
            continue
        seen.add(name)
        tree = ast.parse((compiled._HERE / f"{name}.py").read_text(encoding="utf-8"))
        todo += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module]
    assert {f"{name}.py" for name in seen} <= set(compiled.BUILD_MODULES)


def test_entries_beyond_the_most_recently_used_are_removed_and_a_corrupt_one_rebuilt(cache):
    import os

    cache.mkdir()
    # entries of other data (other checkouts, older versions), the first one used longest ago
    stale = [cache / f"lexicon-fr-{i:04d}.pickle" for i in range(compiled.KEEP)]
    for age, entry in enumerate(stale):
        entry.write_bytes(b"old")
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    compiled.cached("fr", lexicon._load_uncached)
    names = {p.name for p in cache.glob("lexicon-fr-*.pickle")}
    assert len(names) == compiled.KEEP and stale[0].name not in names and stale[-1].name in names
    current = compiled._path("fr")
    current.write_bytes(b"not a pickle")
    assert compiled.cached("fr", lexicon._load_uncached) == lexicon._load_uncached("fr")


def test_two_checkouts_keep_each_their_entry(cache, tmp_path, monkeypatch):
    compiled.cached("fr", lexicon._load_uncached)
    other = tmp_path / "claims"  # another checkout whose data differ
    shutil.copytree(compiled._HERE, other, ignore=shutil.ignore_patterns("__pycache__"))
    with open(other / "data" / "fr.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# another version\n")
    monkeypatch.setattr(compiled, "_HERE", other)
    compiled.data_hash.cache_clear()
    try:
        compiled.cached("fr", lexicon._load_uncached)
    finally:
        monkeypatch.undo()
        compiled.data_hash.cache_clear()
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(cache))
    assert len(list(cache.glob("lexicon-fr-*.pickle"))) == 2
    calls = []
    compiled.cached("fr", lambda code: calls.append(code))  # this checkout's entry is still there
    assert calls == []


def test_an_entry_of_another_format_is_not_read_back(cache, monkeypatch):
    """An entry written in an older shape (FORMAT 1: the flat Lexicon, before its sections) has another
    key: the lexicon is built again, never read back in the old shape."""
    current = compiled.FORMAT
    monkeypatch.setattr(compiled, "FORMAT", current - 1)
    compiled.data_hash.cache_clear()
    try:
        assert compiled.cached("fr", lambda code: "a lexicon of the older shape") == "a lexicon of the older shape"
        monkeypatch.setattr(compiled, "FORMAT", current)
        compiled.data_hash.cache_clear()
        fresh = compiled.cached("fr", lexicon._load_uncached)
    finally:
        compiled.data_hash.cache_clear()
    assert isinstance(fresh, lexicon.Lexicon) and fresh.numbers.number_re.search("12 millions")
    assert len(list(cache.glob("lexicon-fr-*.pickle"))) == 2


def test_the_cache_can_be_switched_off(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", "off")
    assert compiled.cache_dir() is None
    assert compiled.cached("en", lexicon._load_uncached) == lexicon._load_uncached("en")


def test_the_names_data_are_cached_beside_the_lexicon_and_equal_a_built_one(cache, monkeypatch):
    from claims.names import data

    monkeypatch.setattr(data, "_DATA", {})
    lex = lexicon.load("fr")
    first = data.name_data(lex)  # built, then written under its own key
    assert len(list(cache.glob("tables-names-fr-*.pickle"))) == 1
    monkeypatch.setattr(data, "_DATA", {})
    monkeypatch.setattr(data, "_build_name_data", lambda lex: pytest.fail("built again"))
    again = data.name_data(lex)  # a new process: read back
    assert again == first and again is not first
    assert again.speech_verb_re.pattern == first.speech_verb_re.pattern


def test_a_lexicon_made_apart_gets_its_own_names_data_never_the_cache(cache, monkeypatch):
    import dataclasses

    from claims.names import data

    monkeypatch.setattr(data, "_DATA", {})
    lex = lexicon.load("fr")
    expected = data.name_data(lex)  # the language's own: built and written to the cache
    names = dataclasses.replace(lex.names)  # an equal copy: another object
    other = dataclasses.replace(lex, names=names)
    calls = []
    real = data._build_name_data
    monkeypatch.setattr(data, "_build_name_data", lambda lex: calls.append(lex) or real(lex))
    assert data.name_data(other) == expected and calls == [other]


def test_the_names_key_covers_every_module_of_the_package(tmp_path, monkeypatch):
    """The names data are built by code across claims/ (names/data.py and what it imports): a change to
    any module gives them a new key, while the lexicon's key follows its own modules only."""
    copy = tmp_path / "claims"
    shutil.copytree(compiled._HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(compiled, "_HERE", copy)
    compiled.data_hash.cache_clear()
    try:
        before = {scope: compiled.data_hash(scope) for scope in compiled.SCOPES}
        with open(copy / "names" / "countries.py", "a", encoding="utf-8") as fh:
            fh.write("\n# changed\n")
        compiled.data_hash.cache_clear()
        after = {scope: compiled.data_hash(scope) for scope in compiled.SCOPES}
    finally:
        compiled.data_hash.cache_clear()
    assert after["tables"] != before["tables"] and after["lexicon"] == before["lexicon"]
    assert before["tables"] != before["lexicon"]


def test_the_currency_cues_are_cached_too_and_equal_built_ones(cache, monkeypatch):
    from claims import country

    country._cues.cache_clear()
    try:
        first = country._cues("dollar")  # built, then written
        assert len(list(cache.glob("tables-cues-dollar-*.pickle"))) == 1
        assert first == country._build_cues("cues-dollar")
        country._cues.cache_clear()
        monkeypatch.setattr(country, "_build_cues", lambda key: pytest.fail("built again"))
        again = country._cues("dollar")  # a new process: read back
        assert again == first and again is not first
    finally:
        country._cues.cache_clear()


@pytest.mark.parametrize(
    "module, reader, builder, args, entry",
    [
        ("claims.names.data", "first_names", "_first_names", (), "first-names"),
        ("claims.quotes.speakers", "_sexes", "_read_sexes", (), "name-sexes"),
        ("claims.names.knowledge", "_knowledge", "_build_knowledge", ("en",), "knowledge-en"),
    ],
)
def test_the_other_tables_are_read_back_equal_to_built_ones(cache, monkeypatch, module, reader, builder, args, entry):
    """The given names, their sexes and a language's known organisations: folded once, then read back."""
    import importlib

    mod = importlib.import_module(module)
    read = getattr(mod, reader)
    read.cache_clear()
    try:
        first = read(*args)
        assert len(list(cache.glob(f"tables-{entry}-*.pickle"))) == 1
        assert first == getattr(mod, builder)(entry)
        read.cache_clear()
        monkeypatch.setattr(mod, builder, lambda key: pytest.fail("built again"))
        assert read(*args) == first
    finally:
        read.cache_clear()


def test_a_writer_killed_before_its_rename_leaves_nothing_for_long(cache):
    import os
    import time

    cache.mkdir()
    stale = cache / ".lexicon-fr-0000.pickle.ab12cd"  # a worker terminated while it wrote
    writing = cache / ".lexicon-fr-0001.pickle.ef34gh"  # another process writing now
    for f in (stale, writing):
        f.write_bytes(b"")
    old = time.time() - 2 * compiled.STALE_SECONDS
    os.utime(stale, (old, old))
    compiled.cached("fr", lexicon._load_uncached)
    assert not stale.exists() and writing.exists()
