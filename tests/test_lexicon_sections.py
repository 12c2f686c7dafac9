"""tools/lexicon_sections.py, the codemod of issue 13 that reads the Lexicon's fields through its
sections: what it rewrites, what it leaves alone, and that a second run changes nothing."""

from __future__ import annotations

import ast
import importlib.util
import sys
import textwrap
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "lexicon_sections.py"
_spec = importlib.util.spec_from_file_location("lexicon_sections", TOOL)
assert _spec and _spec.loader
tool = sys.modules.setdefault("lexicon_sections", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(tool)


def rewrite(*sources: str) -> tuple[list[str], list[str]]:
    """The sources rewritten (read together, as files of one tree), and what is left to do by hand."""
    modules = []
    for i, source in enumerate(sources):
        m = tool.Module(f"claims/sample{i}.py", textwrap.dedent(source), ast.parse(textwrap.dedent(source)))
        tool.Binder(m).visit(m.tree)
        modules.append(m)
    typer = tool.typer_of(modules)
    edits = [tool.edits_of(m, typer) for m in modules]
    return [tool.rewritten(e) for e in edits], [line for e in edits for line in e.by_hand]


SAMPLE = '''
    from dataclasses import replace

    from .lexicon import Lexicon, load
    from .names.data import _NameData


    class _Context:
        def __init__(self, low: str, lex: Lexicon) -> None:
            self.low, self.lex = low, lex


    def read(ctx: _Context, data: _NameData, lex: Lexicon | None, code: str) -> object:
        """`lex.months` and `doc.lex.money_re` are read here."""
        folded, other = ctx.low, ctx.lex
        fr = load("fr")  # lex.speech_verb_re
        everywhere = replace(fr, date_starts={}, date_scanned=tuple(range(len(fr.date_templates))), code="xx")
        return (
            ctx.lex.weekdays, other.units, lex.places, data.places, data.titles, fr.articles, load(code).raw,
            getattr(lex, "number_re"), getattr(lex, "code"), everywhere.date_starts, f"{fr.months}",
        )


    def unannotated(lex, table, desk):
        lex = lex or load("en")
        return lex.titles, table.titles, desk.load(1).articles, [x.places for x in (load("fr"), load("en"))]
'''


def test_reads_through_a_lexicon_are_rewritten_and_no_other():
    (out,), by_hand = rewrite(SAMPLE)
    assert by_hand == []
    for expected in [
        '"""`lex.calendar.months` and `doc.lex.money.money_re` are read here."""',
        "# lex.quotes.speech_verb_re",
        "ctx.lex.calendar.weekdays, other.calendar.units, lex.names.places, data.places, data.titles",
        "fr.quotes.articles, load(code).raw",
        'getattr(lex.numbers, "number_re"), getattr(lex, "code"), everywhere.dates.date_starts',
        'f"{fr.calendar.months}"',
        "return lex.names.titles, table.titles, desk.load(1).articles, [x.names.places for x in",
        "everywhere = replace(fr, code=\"xx\", dates=replace(fr.dates, date_starts={}, "
        "date_scanned=tuple(range(len(fr.dates.date_templates)))))",
    ]:
        assert expected in out, expected


def test_a_second_run_changes_nothing():
    (once,), _ = rewrite(SAMPLE)
    (twice,), _ = rewrite(once)
    assert twice == once


def test_an_attribute_that_holds_a_lexicon_is_known_from_another_file():
    holder = """
        from claims.lexicon import load

        class Doc:
            def __init__(self, code):
                self.language = load(code)
    """
    reader = """
        def read(doc):
            return doc.language.months, doc.other.months
    """
    (_, out), _ = rewrite(holder, reader)
    assert "doc.language.calendar.months, doc.other.months" in out


def test_a_function_annotated_to_return_a_lexicon_gives_one():
    maker = """
        from claims.lexicon import Lexicon, load

        def french() -> Lexicon:
            return load("fr")
    """
    reader = """
        from .sample0 import french

        def read():
            return french().months
    """
    (_, out), _ = rewrite(maker, reader)
    assert "french().calendar.months" in out


def test_what_only_a_person_can_rewrite_is_said():
    source = """
        import dataclasses
        from claims.lexicon import load

        lex = load("fr")
        values = [getattr(lex, f.name) for f in dataclasses.fields(lex)]
        checked = getattr(lex, name)  # lexicon-sections: by hand
    """
    (out,), by_hand = rewrite(source)
    assert out == textwrap.dedent(source)
    assert [line.split(": ", 1)[0] for line in by_hand] == ["claims/sample0.py:6", "claims/sample0.py:6"]


def test_the_mapping_holds_every_former_field_once():
    fields = [f for names in tool.SECTIONS.values() for f in names] + list(tool.TOP_LEVEL)
    assert len(fields) == len(set(fields)) == 115
    assert not set(tool.SECTIONS) & set(fields)  # a section's name is no field: a rewrite is not redone


def test_the_mapping_agrees_with_the_lexicon():
    """Each field of SECTIONS is where claims/lexicon.py has it: a rerun writes reads that exist."""
    assert tool.check_mapping() == []
