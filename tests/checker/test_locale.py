"""The message catalogue (checker/messages): English and French have the same keys and placeholders,
every key the pages and the reports use exists, and the language files stay plain data."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from checker.desk.report import FORMATS
from checker.messages import languages, messages, translator
from checker.model import STATUSES, SUGGESTIONS, ReasonPart
from checker.verdict import render_reason
from claims import CLAIM_TYPES

ROOT = Path(__file__).resolve().parents[2]
CODE = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), ROOT / "checker" / "desk" / "report.py"]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_are_there():
    assert languages() == {"en": "English", "fr": "Français"}


@pytest.mark.parametrize("lang", ["fr"])
def test_same_keys_and_placeholders_as_english(lang):
    en, other = messages("en"), messages(lang)
    assert set(other) == set(en), {"missing": set(en) - set(other), "extra": set(other) - set(en)}
    for key, text in en.items():
        assert fields(other[key]) == fields(text), key
        # a word may not be left blank, but a thousands separator is a space in French ("12 345")
        assert other[key].strip() or key == "language.thousands" and other[key].isspace(), key


def used_keys() -> tuple[set[str], set[str]]:
    """Literal keys passed to t()/ctx.t() in the pages and the report writer, and f-string prefixes."""
    literal, prefixes = set(), set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name != "t":
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                literal.add(arg.value)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                prefixes.add(arg.values[0].value)
            elif isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant):
                prefixes.add(arg.left.value)
    return literal, prefixes


def test_every_key_used_exists():
    en = messages("en")
    literal, prefixes = used_keys()
    assert len(literal) > 100
    assert {k for k in literal if k not in en and f"{k}.other" not in en} == set()
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in en), prefix


@pytest.mark.parametrize(
    "section, values",
    [
        ("status", (*STATUSES, "dismissed")),
        ("type", CLAIM_TYPES),
        ("suggestion", SUGGESTIONS),
        ("format", tuple(FORMATS)),
        ("action", (*STATUSES, "save_note")),
    ],
)
def test_every_value_of_a_vocabulary_has_its_words(section, values):
    for lang in languages():
        assert {f"{section}.{v}" for v in values} <= set(messages(lang)), (lang, section)


def test_translator_fills_placeholders_and_falls_back_to_english():
    assert translator("fr")("desk.progress", reviewed=12, total=31, disputed=2) == "12/31 revues, 2 contestées"
    assert translator("xx")("status.disputed") == "disputed"


def test_reason_templates_are_written_once_in_the_catalogue():
    """The reasons' English (what the command line prints) is en.toml's [reason] section, written
    nowhere else; every language has each of its templates (same fields: above)."""
    english = {k for k in messages("en") if k.startswith("reason.")}
    assert render_reason((ReasonPart.of("quote_not_found"),)) == messages("en")["reason.quote_not_found"]
    for lang in languages():
        assert {k for k in messages(lang) if k.startswith("reason.")} == english, lang
    for path in sorted((ROOT / "checker").rglob("*.py")):  # no English template spelled out in code
        source = path.read_text(encoding="utf-8")
        assert '"reason.nothing"' not in source and "no record in the library speaks of this" not in source, path


def test_the_catalogue_is_plain_data():
    """Standard library only, so that every layer may read it (no layer reaches up to the UI for
    words: tests/test_architecture.py)."""
    tree = ast.parse((ROOT / "checker" / "messages" / "__init__.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported <= {"__future__", "functools", "tomllib", "pathlib", "typing"}


def test_counted_words_follow_each_language_rule():
    en, fr = translator("en"), translator("fr")
    assert en("library.count", n=1) == "1 record" and en("library.count", n="12,345") == "12,345 records"
    assert en("library.import_all", n=1) == "Import 1 record" and en("library.import_all", n=0) == "Import 0 records"
    assert fr("desk.audit", n=1).endswith("(1 modification)")
    assert fr("library.count", n=0) == "0 fiche" and fr("library.count", n="12\u202f345") == "12\u202f345 fiches"
    assert fr("desk.progress", reviewed=2, total=31, disputed=1) == "2/31 revues, 1 contestée"
    assert "vérifiées" not in fr("desk.progress", reviewed=2, total=31, disputed=0)
    assert not [v for v in messages("en").values() if "(s)" in v] and not [
        v for v in messages("fr").values() if "(s)" in v
    ]


def test_french_typography():
    """A narrow no-break space before ; : ! ? and inside « », and the typographic apostrophe."""
    for key, text in messages("fr").items():
        assert "'" not in text, key
        assert not re.search(r"[^\u202f][;!?»]|[ \u00a0]:", text.replace("https://", "")), key
        assert not re.search(r"«[^\u202f]", text), key
