"""Rewrite the reads of the Lexicon's fields for its sections: `lex.months` -> `lex.calendar.months`.

claims/lexicon.py's `Lexicon` was one flat dataclass of 115 fields. It now keeps the language's identity
at its top (TOP_LEVEL) and one section object per dimension: numbers, money, calendar, dates, names,
quotes (issue 13). SECTIONS below says which section each former field went to, and this script
rewrites the code that reads them. It can be run again on a newer checkout where new reads of the flat
fields appeared: what it rewrote is left alone (`lex.calendar` is no Lexicon, so `lex.calendar.months`
is not rewritten twice).

Only reads through an expression of Lexicon type are rewritten, told from the syntax tree (ast), not
from the look of the text (`data.places`, `self.titles`, `m.code` stay). A Lexicon is
- a call of claims.lexicon's `load`, `_load_uncached` or `_build` (imported under any name, or read on
  the module), `Lexicon(...)`, `dataclasses.replace(<a Lexicon>, ...)`, `cached(...)` of the disk
  cache (claims/compiled.py, which holds Lexicons only), or of a function annotated `-> Lexicon`;
- a name bound in its scope to such expressions only: a parameter or variable annotated `Lexicon` (or
  `Lexicon | None`), an assignment, a `for` over a literal or a comprehension of Lexicons, a walrus. A
  parameter without annotation, or a loop variable over anything, named `lex` is one too (the tree's
  convention for a Lexicon);
- an attribute named `lex`, or declared `: Lexicon` in a class body, or assigned a Lexicon as
  `<object>.<attribute> = ...` anywhere in the files read (`doc.lex`, `ctx.lex`, `self.lex`).

Rewritten: `X.field`, `getattr(X, "field"[, default])`, `hasattr(X, "field")`, `replace(X, field=...)`
(-> `replace(X, dates=replace(X.dates, field=...))`), and in comments and strings `lex.field`,
`<name>.lex.field` and `Lexicon.field`. Said, to do by hand: fields read or set by a name computed at
run time (`getattr(lex, f.name)`, `dataclasses.fields(lex)`, `vars(lex)`, `setattr`),
`Lexicon(field=...)`, and a rewrite whose text is not where the tree says; not again on a line with the
comment `# lexicon-sections: by hand`. `--skipped` lists the receivers of a field's name that are no
Lexicon by these rules: the ambiguous ones to look at.

    .venv/bin/python tools/lexicon_sections.py             # rewrite in place, then `ruff format` them
    .venv/bin/python tools/lexicon_sections.py --check     # change nothing; exit 1 when a rewrite is due
    .venv/bin/python tools/lexicon_sections.py --skipped   # and list the receivers left alone
    .venv/bin/python tools/lexicon_sections.py claims/ tests/claims/test_dates.py   # only these
"""

from __future__ import annotations

import argparse
import ast
import io
import itertools
import os
import re
import subprocess
import sys
import tokenize
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The one mapping: section -> the former top-level fields it holds (their names are kept).
SECTIONS: dict[str, tuple[str, ...]] = {
    "numbers": (
        "number_words", "multipliers", "joiners", "fractions", "vague", "ordinals", "scale_words",
        "scale_abbreviations", "number_re",
    ),
    "money": (
        "currency_names", "currency_symbols", "currency_codes", "ambiguous_currency_names", "weight_currency_names",
        "weight_of_re", "money_nouns", "local_currency_names", "subunits", "subunit_default", "glued_subunits",
        "symbol_suffixes", "qualifiers", "bare_amount_followers", "symbol_codes", "strict_codes", "code_scales",
        "range_starts", "range_joiners", "money_re", "money_marker_re", "money_starts", "cents_after_re",
        "bare_scaled_re", "qualifier_before_re", "qualifier_ends", "range_before_re", "range_before_ends",
        "range_after_re", "subunit_after_re", "approx_amount_re", "approx_counts",
    ),
    "calendar": (
        "months", "month_abbreviations", "weekdays", "weekday_abbreviations", "named_days", "holidays",
        "foreign_months", "units", "parts", "periods", "seasons", "period_codes", "relative_words", "nth_words",
        "months_capitalised",
    ),
    "dates": (
        "month_context", "year_context", "year_before_noun", "year_after_noun", "own_weekday_is_today",
        "this_weekday_nearest", "present_weekday_nearest", "past_anywhere_re", "weekday_ahead", "weekday_articles",
        "following_re", "since_re", "date_templates", "date_starts", "date_scanned", "bare_month_prefix_re",
        "day_context", "numeric_day_before", "event_days", "event_link_re", "future_re", "future_before_re",
        "past_before_re", "not_year_after_re",
    ),
    "names": (
        "person_cues", "titles", "function_words", "non_entity_heads", "common_acronyms", "organization_words",
        "aliases", "acronym_aliases", "places", "subject_verbs",
    ),
    "quotes": (
        "coordinators", "articles", "list_joiners", "complement_markers", "quote_pairs", "attribution", "pronouns",
        "forms_of_address", "speech_verb_re", "incise_re", "incise_pronoun_re", "organization_subject_re",
        "statement_re", "term_marker_re", "attribution_re", "list_joiner_re", "list_gap_re", "listed_re",
    ),
}  # fmt: skip
FIELD_SECTION = {f: section for section, fields in SECTIONS.items() for f in fields}
TOP_LEVEL = ("code", "name", "raw", "decimal_separator", "thousands_separators", "date_order", "detect_words")

# What returns a Lexicon, by the qualified name of what is called (the disk cache holds Lexicons only).
MAKERS = frozenset({"load", "_load_uncached", "_build", "Lexicon"})
RETURNS_LEXICON = frozenset({*(f"claims.lexicon.{f}" for f in MAKERS), "claims.compiled.cached"})
CONVENTION = "lex"  # the name, and the attribute, of a Lexicon in this tree
PRAGMA = "lexicon-sections: by hand"
EXCLUDED = ("tests/realnews/private/", "tests/articles/", "tools/lexicon_sections.py", "tests/test_lexicon_sections")
DYNAMIC = {"fields", "asdict", "astuple", "vars", "setattr", "__setattr__"}  # fields read or set by name
_PROSE = re.compile(rf"(?<![\w.])((?:[A-Za-z_]\w*\.)?{CONVENTION}|Lexicon)\.({'|'.join(FIELD_SECTION)})\b")
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
Binding = tuple[str, ast.AST | None, ast.AST | None]  # kind, then an annotation, a value or an iterable


@dataclass
class Scope:
    node: ast.AST
    parent: Scope | None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    outer: set[str] = field(default_factory=set)  # names declared global or nonlocal here

    def bind(self, name: str, kind: str, a: ast.AST | None = None, b: ast.AST | None = None) -> None:
        if name not in self.outer:
            self.bindings.setdefault(name, []).append((kind, a, b))


@dataclass
class Module:
    """One file: its tree, the scope of each node, and what its imported and defined names stand for."""

    path: str
    source: str
    tree: ast.Module
    scope_of: dict[int, Scope] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # "load" -> "claims.lexicon.load"
    attribute_sets: list[tuple[str, ast.AST]] = field(default_factory=list)  # x.attr = value
    annotated: set[str] = field(default_factory=set)  # class attributes annotated Lexicon
    makers: set[str] = field(default_factory=set)  # its functions annotated `-> Lexicon`, qualified

    def qualified(self, node: ast.AST) -> str | None:
        """`load` -> "claims.lexicon.load", `lexicon.load` -> the same, by the module's imports."""
        if isinstance(node, ast.Name):
            return self.origin.get(node.id)
        inner = self.qualified(node.value) if isinstance(node, ast.Attribute) else None
        return f"{inner}.{node.attr}" if inner and isinstance(node, ast.Attribute) else None


class Binder(ast.NodeVisitor):
    """Builds the scopes of a module: the bindings of each name, and the scope of every node."""

    def __init__(self, module: Module) -> None:
        self.m = module
        self.scope = Scope(module.tree, None)
        self.package = list(Path(module.path).with_suffix("").parts[:-1])
        dotted = ".".join([*self.package, Path(module.path).stem])
        for stmt in module.tree.body:  # what the module defines, by its qualified name
            if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
                module.origin[stmt.name] = f"{dotted}.{stmt.name}"
            if isinstance(stmt, ast.FunctionDef) and is_lexicon_type(stmt.returns):
                module.makers.add(f"{dotted}.{stmt.name}")

    def visit(self, node: ast.AST) -> None:
        self.m.scope_of[id(node)] = self.scope
        super().visit(node)

    def _enter(self, node: ast.AST, body: list[ast.AST], params: list[tuple[str, str, ast.AST | None]]) -> None:
        outer, self.scope = self.scope, Scope(node, self.scope)
        for name, kind, annotation in params:
            self.scope.bind(name, kind, annotation)
        for child in body:
            self.visit(child)
        self.scope = outer

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        if not isinstance(node, ast.Lambda):
            self.scope.bind(node.name, "other")
            for d in [*node.decorator_list, *([node.returns] if node.returns else [])]:
                self.visit(d)
        for d in [*node.args.defaults, *node.args.kw_defaults]:
            if d is not None:
                self.visit(d)
        a = node.args
        params = [(arg.arg, "param", arg.annotation) for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs]]
        params += [(arg.arg, "other", None) for arg in (a.vararg, a.kwarg) if arg is not None]
        self._enter(node, node.body if isinstance(node.body, list) else [node.body], params)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.bind(node.name, "other")
        for child in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(child)
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                if is_lexicon_type(stmt.annotation):
                    self.m.annotated.add(stmt.target.id)
        self._enter(node, list(node.body), [])

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        outer, self.scope = self.scope, Scope(node, self.scope)
        for gen in node.generators:
            self.visit(gen.iter)
            self._target(gen.target, None, gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        for part in [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]:
            self.visit(part)
        self.scope = outer

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def _target(self, target: ast.AST, value: ast.AST | None, iterable: ast.AST | None = None) -> None:
        """Bind an assignment's (value) or a loop's (iterable) target, pairwise into a tuple of values."""
        if isinstance(target, ast.Name):
            self.scope.bind(target.id, "for" if iterable is not None else "assign", value, iterable)
        elif isinstance(target, (ast.Tuple, ast.List)):
            paired = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts)
            for i, t in enumerate(target.elts):
                part = value.elts[i] if paired and isinstance(value, (ast.Tuple, ast.List)) else None
                self._target(t, part, ast.Tuple(elts=[]) if iterable is not None else None)
        elif isinstance(target, ast.Starred):
            self._target(target.value, None, iterable)
        else:  # an attribute or an item: what it is set on is read
            if isinstance(target, ast.Attribute) and value is not None:
                self.m.attribute_sets.append((target.attr, value))
            self.visit(target)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self._target(target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        for part in (node.annotation, node.value):
            if part is not None:
                self.visit(part)
        if isinstance(node.target, ast.Name):
            self.scope.bind(node.target.id, "annotated", node.annotation, node.value)
        else:
            self._target(node.target, node.value)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self._target(node.target, None, node.iter)
        for stmt in [*node.body, *node.orelse]:
            self.visit(stmt)

    visit_AsyncFor = visit_For

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        scope = self.scope
        while isinstance(scope.node, _COMPREHENSIONS) and scope.parent is not None:
            scope = scope.parent
        scope.bind(node.target.id, "assign", node.value)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):  # with ... as, augmented assignment, del
            self.scope.bind(node.id, "other")

    def visit_Global(self, node: ast.Global | ast.Nonlocal) -> None:
        self.scope.outer.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.scope.bind(node.name, "other")
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            self.scope.bind(bound, "other")
            self.m.origin[bound] = alias.name if alias.asname else bound

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = [node.module] if node.module else []
        if node.level:  # relative: from the module's own package up
            base = self.package[: len(self.package) - node.level + 1] + base
        for alias in node.names:
            bound = alias.asname or alias.name
            self.scope.bind(bound, "other")
            self.m.origin[bound] = ".".join([*base, alias.name])


def is_lexicon_type(annotation: ast.AST | None) -> bool:
    """`Lexicon`, `lexicon.Lexicon`, "Lexicon", `Lexicon | None`, `Optional[Lexicon]`."""
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        return ast.unparse(annotation).split(".")[-1] == "Lexicon"
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return is_lexicon_type(ast.parse(annotation.value, mode="eval").body)
        except SyntaxError:
            return False
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [annotation.left, annotation.right]
        nones = [s for s in sides if isinstance(s, ast.Constant) and s.value is None]
        return len(nones) == 1 and all(is_lexicon_type(s) for s in sides if s not in nones)
    if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value).endswith("Optional"):
        return is_lexicon_type(annotation.slice)
    return False


class Typer:
    """Tells whether an expression of a module is a Lexicon (see the module's docstring)."""

    def __init__(self, attributes: set[str], makers: set[str]) -> None:
        self.attributes, self.makers = attributes, makers  # attributes that hold one, functions that return one
        self._names: dict[tuple[int, str], bool] = {}

    def is_lexicon(self, node: ast.AST | None, m: Module) -> bool:
        if isinstance(node, ast.Name):
            return self._name(node.id, m.scope_of[id(node)], m)
        if isinstance(node, ast.Attribute):
            return node.attr in self.attributes
        if isinstance(node, ast.NamedExpr):
            return self.is_lexicon(node.value, m)
        if isinstance(node, ast.IfExp):
            return self.is_lexicon(node.body, m) and self.is_lexicon(node.orelse, m)
        if isinstance(node, ast.BoolOp):
            return all(self.is_lexicon(v, m) for v in node.values)
        return isinstance(node, ast.Call) and (self.factory(node.func, m) or self.replace_of(node, m))

    def factory(self, node: ast.AST, m: Module) -> bool:
        """Whether `node` names something that returns a Lexicon when called."""
        return m.qualified(node) in RETURNS_LEXICON | self.makers

    def replace_of(self, node: ast.Call, m: Module) -> bool:
        """`dataclasses.replace(<a Lexicon>, ...)`."""
        return m.qualified(node.func) == "dataclasses.replace" and bool(node.args) and self.is_lexicon(node.args[0], m)

    def elements(self, iterable: ast.AST | None, m: Module) -> bool:
        """Whether every item of `iterable` is a Lexicon."""
        if isinstance(iterable, (ast.Tuple, ast.List, ast.Set)):
            return bool(iterable.elts) and all(self.is_lexicon(e, m) for e in iterable.elts)
        return isinstance(iterable, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) and self.is_lexicon(iterable.elt, m)

    def _name(self, name: str, scope: Scope, m: Module) -> bool:
        while name not in scope.bindings and scope.parent is not None:
            scope = scope.parent
            while isinstance(scope.node, ast.ClassDef) and scope.parent is not None:
                scope = scope.parent  # a class body's names are not seen from its methods
        key = (id(scope), name)
        if key not in self._names:
            self._names[key] = True  # while it is decided (`lex = replace(lex, ...)`), assume so
            verdicts = [self._binding(b, m) for b in scope.bindings.get(name, [])]
            known = [v for v in verdicts if v is not None]
            self._names[key] = (
                all(known)
                and (bool(known) or name == CONVENTION)
                and (len(known) == len(verdicts) or name == CONVENTION)
            )
        return self._names[key]

    def _binding(self, binding: Binding, m: Module) -> bool | None:
        """True: a Lexicon; False: something else; None: not known (a bare parameter, a loop)."""
        kind, a, b = binding
        if kind == "param":
            return True if is_lexicon_type(a) else (None if a is None else False)
        if kind == "annotated":
            return is_lexicon_type(a) or (b is not None and self.is_lexicon(b, m))
        if kind == "assign":
            return a is not None and self.is_lexicon(a, m)
        if kind == "for":
            return True if self.elements(b, m) else None
        return False


@dataclass
class Edits:
    """The rewrites of one file, as character offsets into its text, and what it leaves to do by hand."""

    m: Module
    lines: list[str]
    starts: list[int]
    comments: list[int] = field(default_factory=list)
    inserts: dict[int, str] = field(default_factory=dict)
    regions: list[tuple[int, int, ast.Call]] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (receiver, where)
    sections: Counter[str] = field(default_factory=Counter)

    def offset(self, line: int, col: int) -> int:
        """The character offset of an ast position (its column counts UTF-8 bytes)."""
        text = self.lines[line - 1]
        return self.starts[line - 1] + len(text.encode()[:col].decode(errors="ignore"))

    def hand(self, node: ast.expr, what: str) -> None:
        line = node.lineno
        if PRAGMA not in self.lines[line - 1]:
            self.by_hand.append(f"{self.m.path}:{line}: {what}")

    def insert(self, at: int, text: str, section: str) -> None:
        self.inserts[at] = text
        self.sections[section] += 1


def read_field(node: ast.Attribute, e: Edits, t: Typer) -> None:
    """`X.field` -> `X.section.field` when X is a Lexicon."""
    m, section = e.m, FIELD_SECTION[node.attr]
    if not t.is_lexicon(node.value, m):
        value = node.value
        done = isinstance(value, ast.Attribute) and value.attr in SECTIONS and t.is_lexicon(value.value, m)
        if not done:
            e.skipped.append((ast.unparse(node.value), f"{m.path}:{node.lineno}"))
        return
    end = e.offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
    at = end - len(node.attr)
    before = e.m.source[:at].rstrip(" \t\n\\")
    if e.m.source[at:end] != node.attr or not before.endswith("."):
        e.hand(node, f"`{ast.unparse(node)}`: its text is not where the tree says")
        return
    e.insert(at, f"{section}.", section)


def call(node: ast.Call, e: Edits, t: Typer) -> None:
    """getattr/hasattr of a field by name, replace(lex, field=...), and what only a person can rewrite."""
    m, name = e.m, ast.unparse(node.func).split(".")[-1]
    first = node.args[0] if node.args else None
    if name in ("getattr", "hasattr") and len(node.args) >= 2 and t.is_lexicon(first, m):
        key = node.args[1]
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            e.hand(node, f"`{ast.unparse(node)}`: a field read by a name computed at run time")
        elif key.value in FIELD_SECTION and first is not None:
            at = e.offset(first.end_lineno or first.lineno, first.end_col_offset or 0)
            if not m.source[at:].lstrip().startswith(","):
                e.hand(node, f"`{ast.unparse(node)}`: its first argument is in brackets")
            else:
                e.insert(at, "." + FIELD_SECTION[key.value], FIELD_SECTION[key.value])
    elif name in DYNAMIC and node.args and t.is_lexicon(first, m):
        e.hand(node, f"`{ast.unparse(node)}`: the Lexicon's fields read or set by name")
    elif t.replace_of(node, m) and any(k.arg in FIELD_SECTION or k.arg is None for k in node.keywords):
        start = e.offset(node.lineno, node.col_offset)
        end = e.offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
        if any(k.arg is None for k in node.keywords) or not isinstance(first, (ast.Name, ast.Attribute)):
            e.hand(node, f"`{ast.unparse(node)[:80]}`: replace() with **fields, or of an expression")
        elif any(start <= c < end for c in e.comments):
            e.hand(node, f"`{ast.unparse(node)[:80]}`: replace() with comments inside")
        else:
            e.regions.append((start, end, node))
    elif m.qualified(node.func) == "claims.lexicon.Lexicon" and any(k.arg in FIELD_SECTION for k in node.keywords):
        e.hand(node, "`Lexicon(...)` built with former fields: build its sections")


def render(e: Edits, start: int, end: int) -> str:
    """The text from start to end with the insertions inside it made."""
    out, at = [], start
    for p in sorted(p for p in e.inserts if start <= p < end):
        out += [e.m.source[at:p], e.inserts[p]]
        at = p
    return "".join(out) + e.m.source[at:end]


def span(e: Edits, node: ast.expr | ast.keyword) -> str:
    start, end = e.offset(node.lineno, node.col_offset), e.offset(node.end_lineno or 0, node.end_col_offset or 0)
    return render(e, start, end)


def replaced(e: Edits, node: ast.Call) -> str:
    """`replace(lex, a=1, b=2)` -> `replace(lex, money=replace(lex.money, a=1), dates=replace(...))`."""
    func, first = span(e, node.func), span(e, node.args[0])
    kept = [span(e, a) for a in node.args] + [span(e, k) for k in node.keywords if k.arg not in FIELD_SECTION]
    groups: dict[str, list[str]] = {}
    for k in node.keywords:
        if k.arg in FIELD_SECTION:
            groups.setdefault(FIELD_SECTION[k.arg], []).append(span(e, k))
            e.sections[FIELD_SECTION[k.arg]] += 1
    kept += [f"{s}={func}({first}.{s}, {', '.join(kws)})" for s, kws in groups.items()]
    return f"{func}({', '.join(kept)})"


def prose(e: Edits, tokens: list[tokenize.TokenInfo]) -> None:
    """`lex.field`, `doc.lex.field`, `Lexicon.field` in comments and strings (not f-strings: the tree
    has their expressions)."""
    for tok in tokens:
        if tok.type not in (tokenize.COMMENT, tokenize.STRING) or re.match(r"[A-Za-z]*[fF]", tok.string):
            continue
        base = e.starts[tok.start[0] - 1] + tok.start[1]
        for found in _PROSE.finditer(tok.string):
            at, section = base + found.start(2), FIELD_SECTION[found.group(2)]
            if e.m.source[at : at + len(found.group(2))] == found.group(2):
                e.insert(at, f"{section}.", section)


def edits_of(m: Module, t: Typer) -> Edits:
    lines = m.source.splitlines(keepends=True) or [""]
    starts = [0, *itertools.accumulate(map(len, lines))]
    e = Edits(m, lines, starts)
    tokens = list(tokenize.generate_tokens(io.StringIO(m.source).readline))
    e.comments = [starts[t.start[0] - 1] + t.start[1] for t in tokens if t.type == tokenize.COMMENT]
    for node in ast.walk(m.tree):
        if isinstance(node, ast.Attribute) and node.attr in FIELD_SECTION:
            read_field(node, e, t)
        elif isinstance(node, ast.Attribute) and node.attr == "__dict__" and t.is_lexicon(node.value, m):
            e.hand(node, f"`{ast.unparse(node)}`: the Lexicon's fields read by name")
        elif isinstance(node, ast.Call):
            call(node, e, t)
    prose(e, tokens)
    return e


def rewritten(e: Edits) -> str:
    text, regions = e.m.source, sorted(e.regions, key=lambda r: r[0])
    edits = [(s, end, replaced(e, node)) for s, end, node in regions]
    edits += [(p, p, s) for p, s in e.inserts.items() if not any(a <= p < b for a, b, _ in regions)]
    for start, end, new in sorted(edits, key=lambda x: x[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


def python_files(paths: list[str]) -> list[Path]:
    found = [Path(p).resolve() for p in paths if Path(p).is_file()]
    for path in [Path(p).resolve() for p in paths or [str(ROOT)] if not Path(p).is_file()]:
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")) and d != "node_modules")
            found += [Path(folder) / f for f in sorted(files) if f.endswith(".py")]
    return [p for p in found if not p.relative_to(ROOT).as_posix().startswith(EXCLUDED)]


def parse(paths: list[Path]) -> list[Module]:
    modules = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(source)
        except SyntaxError as error:
            print(f"{path}: not parsed ({error}): left alone", file=sys.stderr)
            continue
        m = Module(path.relative_to(ROOT).as_posix(), source, tree)
        Binder(m).visit(tree)
        modules.append(m)
    return modules


def typer_of(modules: list[Module]) -> Typer:
    """The attributes that hold a Lexicon: `lex`, those annotated so in a class, those assigned one."""
    makers = {f for m in modules for f in m.makers}
    t = Typer({CONVENTION} | {a for m in modules for a in m.annotated}, makers)
    while True:
        more = {a for m in modules for a, value in m.attribute_sets if t.is_lexicon(value, m)} - t.attributes
        if not more:
            return t
        t = Typer(t.attributes | more, makers)


def check_mapping() -> list[str]:
    """Where SECTIONS and claims/lexicon.py disagree (once the checkout has the sections)."""
    sys.path.insert(0, str(ROOT))
    import dataclasses

    from claims.lexicon import Lexicon

    types = {f.name: f.type for f in dataclasses.fields(Lexicon)}
    if not set(SECTIONS) & set(types):
        return ["claims/lexicon.py has no sections yet: the rewritten code will read fields it lacks"]
    out = [f"Lexicon has no field {f}" for f in [*TOP_LEVEL, *SECTIONS] if f not in types]
    for section, names in SECTIONS.items():
        kind = getattr(sys.modules[Lexicon.__module__], str(types.get(section)), None)
        held = {f.name for f in dataclasses.fields(kind)} if dataclasses.is_dataclass(kind) else set()
        out += [f"Lexicon.{section} has no field {f}" for f in names if f not in held]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: the whole tree)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a rewrite is due")
    parser.add_argument("--skipped", action="store_true", help="list the receivers of field names left alone")
    parser.add_argument("--no-format", action="store_true", help="do not run `ruff format` on the files changed")
    args = parser.parse_args(argv)
    modules = parse(python_files(args.paths))
    t = typer_of(modules)
    changed, sections, by_hand, skipped, first = [], Counter[str](), [], Counter[str](), {}
    for m in modules:
        e = edits_of(m, t)
        by_hand += e.by_hand
        for receiver, where in e.skipped:
            skipped[receiver] += 1
            first.setdefault(receiver, where)
        new = rewritten(e)
        if new != m.source:
            ast.parse(new)  # a rewrite that breaks the syntax stops here, before anything is written
            changed.append(m.path)
            sections += e.sections
            if not args.check:
                (ROOT / m.path).write_text(new, encoding="utf-8")
    verb = "would rewrite" if args.check else "rewrote"
    print(f"{verb} {sum(sections.values())} reads in {len(changed)} files: {dict(sorted(sections.items()))}")
    print("".join(f"  {path}\n" for path in changed), end="")
    if changed and not args.check and not args.no_format:
        ruff = Path(sys.executable).with_name("ruff")
        subprocess.run([str(ruff) if ruff.exists() else "ruff", "format", *changed], cwd=ROOT, check=False)
    print(f"to do by hand: {len(by_hand)}")
    print("".join(f"  {line}\n" for line in by_hand), end="")
    print(f"reads of a field name left alone, the receiver no Lexicon by the rules: {sum(skipped.values())}")
    if args.skipped:
        for receiver, n in skipped.most_common():
            print(f"  {n:4d}  {receiver}  (first: {first[receiver]})")
    if not args.check:
        for problem in check_mapping():
            print(f"mapping: {problem}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
