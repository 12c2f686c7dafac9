"""Quote marks paired into spans (linear, a stack per paragraph), and each quote's kind: speech or a
quoted term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon
from ..text import fold_key as key

_PAD = " \t\u00a0\u202f\u2009\u2007\n\r"
_HEAD_WINDOW = 240  # characters before a quote searched for its attribution
_MARKS_RE = re.compile(r"[«»“”„‟\"'‘’‹›]|\n")
_LEAD = re.compile(r"[\s,;:.\-–—()»”\"’]*")
_WORD = re.compile(r"[\w'-]+")
_FRAGMENT = "fragment"  # a few words with no speaker yet: speech if their paragraph says whose, else a term


@dataclass(frozen=True)
class QuoteSpan:
    """Inner text of a top-level quote (padding excluded) and where its marks are."""

    start: int
    end: int
    open: int
    close: int
    reopened: tuple[int, ...] = ()  # marks that reopen the quote in a following paragraph


@dataclass(frozen=True)
class QuoteFound:
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # speech | term
    also: tuple[str, ...] = ()  # the other speakers of a joint statement


# ---- pairing ----------------------------------------------------------------------------------


def _pairs(lex: Lexicon) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    return _pairs_of(lex.quotes.quote_pairs)


@lru_cache(maxsize=None)
def _pairs_of(pairs: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The closing mark of each opening one, and the opening marks each closing one closes; worked
    out once per language (the caller only reads them)."""
    openers = {o: c for o, c in pairs}
    closers: dict[str, set[str]] = {}
    for o, c in pairs:
        closers.setdefault(c, set()).add(o)
    # Copy that mixes straight and curly double marks ('“This was long and hard-fought," attorney X
    # said'): each closes the other, the innermost open quote first.
    if '"' in closers and "”" in closers:
        closers['"'] = closers['"'] | {"“"}
        closers["”"] = closers["”"] | {'"'}
    if "'" in closers:
        # Straight single marks ("'We have not paid our suppliers.'"), closed by a curly one in mixed
        # copy ("'When disruption happens ... worse.’", "'The increase ... municipalities,” X said").
        closers["'"] = closers["'"] | {"‘"}
        for curly in ("’", "”"):
            if curly in closers:
                closers[curly] = closers[curly] | {"'"}
    if "”" in closers:
        closers["”"] = closers["”"] | {"”"}  # a closing mark used to open (_opens_reversed)
    if "“" in openers:
        # Copy that closes with an opening mark too ('“Un bon trimestre“, dit-il'): a “ glued to the word
        # before it and followed by no letter closes the innermost “ (_can_close).
        closers["“"] = closers.get("“", set()) | {"“"}
    return openers, {c: frozenset(o) for c, o in closers.items()}


def _can_open(text: str, i: int, ch: str) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "'":  # not an apostrophe ("C'est", "workers' union", "'90s"): a letter right after, none before
        n = text[i + 2 : i + 4]  # not "rock 'n' roll" (but "'C'est ...'")
        return not before.isalnum() and after.isalpha() and not (n[:1] == "'" and not n[1:].isalpha())
    if ch in "\"‘":
        return not before.isalnum() and not after.isspace() and not (ch == "‘" and after.isdigit())
    return True


def _can_close(text: str, i: int, ch: str) -> bool:
    if ch == "'":
        after = text[i + 1] if i + 1 < len(text) else " "
        return not after.isalnum() and not (text[i - 1] if i else " ").isspace()
    if ch in "\"’“":
        after = text[i + 1] if i + 1 < len(text) else " "
        before = text[i - 1] if i else " "
        # ('"... notre capacité de production ", annonce X': a space left before the closing mark,
        # which punctuation follows)
        return not after.isalnum() and (not before.isspace() or (ch == '"' and after in ",;.:)"))
    return True


def _opens_reversed(text: str, i: int) -> bool:
    """A closing mark used to open: at a paragraph's start or after a space, a capital after it (a
    space between at most), and another one later in its paragraph to close it."""
    before = text[i - 1] if i else "\n"
    after = text[i + 1 : i + 3]
    end = text.find("\n", i)
    return (
        (before.isspace() or before in ".!?")  # "... those issues.”Health is an issue ...”"
        and len(after) == 2
        and (after[0].isupper() or (after[0] in " \u00a0\u202f" and after[1].isupper()))
        and "”" in text[i + 1 : len(text) if end < 0 else end]
    )


_CAPTION_END = frozenset(".!?…:;,«»“”\"")


def _past_caption(text: str, j: int, outer: str) -> int:
    """Where a quote goes on past a caption line ("Jane Holt at the launch") set between two of its
    paragraphs: the next paragraph's first mark when it reopens the quote with `outer`, else `j`."""
    end = text.find("\n", j)
    if end < 0 or text[j : j + 1] == outer:
        return j
    line = text[j:end].rstrip()
    if not line or len(line) > 120 or line[-1] in _CAPTION_END or any(c in line for c in "«»“”\""):
        return j
    k = end
    while k < len(text) and text[k] in _PAD:
        k += 1
    return k if text[k : k + 1] == outer else j


def find_quote_spans(text: str, lex: Lexicon) -> list[QuoteSpan]:
    """Every top-level quote of `text`, in reading order."""
    if "‘‘" in text or "’’" in text or "''" in text or "‘'" in text:
        # Two single marks for a double one ("‘‘a great time to be a traveller’’", "‘'inique''", as
        # some papers set it): read as “ ”, the second opening and the first closing mark kept, the
        # others padding, so that every offset stays the text's own.
        text = _DOUBLED.sub(_as_double, text)
    return _kept_spans(text, _paired_marks(text, lex))


_DOUBLED = re.compile(r"[‘'’]{2}(?![‘'’])")


def _as_double(m: re.Match[str]) -> str:
    """A doubled single mark as one double mark: closing after a word or punctuation with no letter
    after it, opening before a word; an apostrophe and a mark ("l''", "workers' '") stay as they are."""
    text, i, j = m.string, m.start(), m.end()
    before = text[i - 1] if i else " "
    after = text[j] if j < len(text) else " "
    if m.group() in ("‘‘", "‘'") or (not before.isalnum() and before not in ".,;:!?…" and after.isalnum()):
        return "\u2009“" if after.isalnum() or after in " \u00a0" else m.group()
    if not before.isspace() and not after.isalnum():
        return "”\u2009"
    return m.group()


_Closed = tuple[int, int, tuple[int, ...]]  # (open mark, close mark, marks that reopen it)


def _paired_marks(text: str, lex: Lexicon) -> list[_Closed]:
    """The quote marks paired, a stack per paragraph: each mark closes the innermost open quote it
    can close, else opens one; a quote reopened on the next paragraph goes on."""
    openers, closers = _pairs(lex)
    closed: list[_Closed] = []
    stack: list[tuple[str, int, list[int]]] = []  # (opener, position, reopening marks)
    counts: dict[str, int] = {}
    skip: int = -1
    for m in _MARKS_RE.finditer(text):
        i = m.start()
        ch = text[i]
        if i == skip:
            continue
        if ch == "\n":
            if not stack or i < skip:
                continue
            j = _reopening(text, i, stack[0][0])
            if j >= 0:  # the quote goes on in the next paragraph, which reopens it with the same mark
                stack[0][2].append(j)
                skip = j
                continue
            if stack[0][2]:
                # A quote over several paragraphs whose last one lost its closing mark (or the next
                # paragraph reopens it with another kind of mark): it ends with this paragraph.
                closed.append((stack[0][1], i, tuple(stack[0][2])))
            stack.clear()
            counts.clear()
            continue
        kinds = closers.get(ch, ())
        target = None
        if stack and any(counts.get(o) for o in kinds) and _can_close(text, i, ch):
            target = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] in kinds), None)
        if target is not None:  # close the innermost open quote this mark can close
            _opener, start, marks = stack[target]
            for o, _, _ in stack[target:]:
                counts[o] -= 1
            del stack[target:]
            closed.append((start, i, tuple(marks)))
            continue
        opens = ch in openers and _can_open(text, i, ch)
        if opens and ch == "’":
            continue
        # ('” Des investissements seront reportés”, reprend X': copy that opens with a closing mark)
        if opens or (ch == "”" and not stack and _opens_reversed(text, i)):
            stack.append((ch, i, []))
            counts[ch] = counts.get(ch, 0) + 1
    if stack and stack[0][2]:
        closed.append((stack[0][1], len(text), tuple(stack[0][2])))  # the text ends inside such a quote
    return closed


def _reopening(text: str, i: int, outer: str) -> int:
    """Where the paragraph after the line break at `i` reopens the quote with its mark `outer`
    (past a caption line), or -1."""
    n = len(text)
    j = i + 1
    while j < n and text[j] in _PAD:
        j += 1
    j = _past_caption(text, j, outer)
    return j if j < n and text[j] == outer and _can_open(text, j, outer) else -1


def _kept_spans(text: str, closed: list[_Closed]) -> list[QuoteSpan]:
    """The top-level quotes, their padding left out; markup is no quote."""
    spans: list[QuoteSpan] = []
    outer_end = -1
    for start, close, reopened in sorted(closed):
        if close < outer_end:
            continue  # inside a quote already kept
        a, b = start + 1, close
        while a < b and text[a] in _PAD:
            a += 1
        while b > a and text[b - 1] in _PAD:
            b -= 1
        if b > a and _wording(text[a:b]):
            spans.append(QuoteSpan(a, b, start, close, reopened))
            outer_end = close
    return spans


_CODE_CHARS = frozenset(":/=;{}<>#")


def _wording(inner: str) -> bool:
    """Words someone could have said: a letter at least, and not markup pasted with the article
    ("display:none;visibility:hidden", "//www.example.com/ns.html?id=1", "0")."""
    if not any(c.isalpha() for c in inner):
        return False
    return any(c.isspace() for c in inner) or not any(c in _CODE_CHARS for c in inner)


# ---- kinds ------------------------------------------------------------------------------------


def quote_text(text: str, span: QuoteSpan) -> str:
    """The words inside the marks, one space between them, without the marks that reopen it."""
    inner = text[span.start : span.end]
    for pos in reversed(span.reopened):
        if span.start <= pos < span.end:
            k = pos - span.start
            inner = inner[:k] + " " + inner[k + 1 :]
    return " ".join(inner.split())


def _with_article(marker: str, lex: Lexicon) -> bool:
    """ "le dispositif", "l'application", "the programme": a marker that is a noun with its article."""
    first = key(marker.split()[0])
    return first in lex.quotes.articles or first.startswith("l'")


def quote_kind(folded: str, span: QuoteSpan, text: str, lex: Lexicon, sentence_start: int) -> str:
    """ "term" for a quoted name or term, "speech" otherwise."""
    head_start = max(sentence_start, span.open - 48)
    before = folded[head_start : span.open]
    last = None
    for last in lex.quotes.term_marker_re.finditer(before):
        pass
    words = quote_text(text, span).split()
    if last is not None and before[last.end() :].strip(" ,:«“„‹‘\"\u00a0\u202f") == "":
        # "le dispositif « Pass Culture »" names a scheme; "l'Autorité estime que le dispositif
        # « pénalise les petits éditeurs »" is words someone said: lower case, a clause, after a speech verb
        # (a marker that names a thing with its article, not a verb of naming: "what he called « a
        # culture of fear »" stays a term)
        if not (
            len(words) >= 4
            and words[0][:1].islower()
            and _with_article(last.group(), lex)
            and lex.quotes.speech_verb_re.search(folded, sentence_start, head_start + last.start()) is not None
        ):
            return "term"
    if (
        len(words) <= 3
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and not words[-1].endswith((".", "!", "?", ",", "…"))
    ):
        return "term"
    return "speech"
