"""Direct quotes and their speakers.

Quote marks are paired per kind (« », “ ”, „ “, straight double quotes, ‘ ’); a quote left open at
the end of a paragraph continues when the next paragraph opens with the same mark, as French and
English typography do. Quotes inside another quote belong to it.

The speaker is read, in this order, from: an attribution after the quote in its sentence
("», a-t-il déclaré", "” said Jan Leike", "” he wrote"), an attribution before it ("selon X",
"according to X"), the subject of the sentence when it holds a speech verb or ends with a colon,
the speaker of the previous quote of the paragraph, and finally the paragraph's first person.
Pronouns point back to the last person named. A quote introduced as a name or a term
("une approche appelée « IA constitutionnelle »", "l'équipe « Superalignment »") is a `term`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import Lexicon, key
from .names import NameFound
from .text import Sentence

_PAD = " \t\u00a0\u202f\u2009\u2007\n"


@dataclass(frozen=True)
class QuoteFound:
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # speech | term


def quote_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of each top-level quote's inner text, padding spaces excluded."""
    spans: list[tuple[int, int]] = []
    closers = {o: c for o, c in lex.quote_pairs}
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in closers and _can_open(text, i):
            close = _find_close(text, i, ch, closers[ch])
            if close is not None:
                a, b = i + 1, close
                while a < b and text[a] in _PAD:
                    a += 1
                while b > a and text[b - 1] in _PAD:
                    b -= 1
                if b > a and any(c.isalnum() for c in text[a:b]):
                    spans.append((a, b))
                i = close + 1
                continue
        i += 1
    return spans


def _can_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "‘\"":
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        return not before.isalnum() and not after.isspace()
    return True


def _find_close(text: str, start: int, opener: str, closer: str) -> int | None:
    depth = 0
    i = start + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            # A paragraph may end inside a quote only if the next paragraph reopens it.
            j = i
            while j < n and text[j] in _PAD:
                j += 1
            if j < n and text[j] == opener and opener != closer:
                i = j + 1
                continue
            return None
        if ch == closer and (closer not in "’\"" or _closes(text, i)):
            if depth == 0:
                return i
            depth -= 1
        elif ch == opener and opener != closer:
            depth += 1
        i += 1
    return None


def _closes(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def find_quotes(text: str, folded: str, sentences: list[Sentence], lex: Lexicon,
                names: list[NameFound]) -> list[QuoteFound]:
    starts = [s.start for s in sentences]

    def sentence_at(offset: int) -> Sentence:
        idx = max(0, bisect_right(starts, offset) - 1)
        return sentences[idx]

    mentions = sorted(
        (start, end, n.canonical, n.type) for n in names for start, end in n.mentions
    )
    out: list[QuoteFound] = []
    last_speaker_by_paragraph: dict[int, str] = {}
    for a, b in quote_spans(text, lex):
        s_open, s_close = sentence_at(a - 1), sentence_at(b)
        head = (s_open.start, max(s_open.start, a - 1))
        tail = (min(b + 1, s_close.end), s_close.end)
        inner = " ".join(text[a:b].replace("«", " ").replace("»", " ").split())
        kind = "term" if _is_term(folded, head, inner, lex) else "speech"
        speaker = None
        if kind == "speech":
            speaker = (
                _after(folded, tail, mentions, lex, a)
                or _before(folded, head, mentions, lex)
                or last_speaker_by_paragraph.get(s_open.paragraph)
                or _paragraph_subject(mentions, sentences, s_open.paragraph, a)
            )
            if speaker:
                last_speaker_by_paragraph[s_open.paragraph] = speaker
        out.append(QuoteFound(a, b, text[a:b], speaker, kind))
    return out


def _is_term(folded: str, head: tuple[int, int], inner: str, lex: Lexicon) -> bool:
    before = folded[max(head[0], head[1] - 40):head[1]]
    m = None
    for m in lex.term_marker_re.finditer(before):
        pass
    if m is not None and before[m.end():].strip(" ,:«“„‹‘\"\u00a0\u202f") == "":
        return True
    words = inner.split()
    return len(words) <= 3 and all(w[:1].isupper() for w in words) and not inner.rstrip().endswith((".", "!", "?"))


def _names_in(mentions, start: int, end: int):
    return [m for m in mentions if start <= m[0] and m[1] <= end]


def _last_person_before(mentions, offset: int) -> str | None:
    best = None
    for m in mentions:
        if m[0] >= offset:
            break
        if m[3] == "person":
            best = m[2]
    return best


_LEAD = re.compile(r"^[\s,;:.\-–—)]*")


def _after(folded: str, tail: tuple[int, int], mentions, lex: Lexicon, quote_start: int) -> str | None:
    """Attribution that follows the quote: "», a-t-il déclaré", "” said Jan Leike", "” Leike said"."""
    start, end = tail
    if end <= start:
        return None
    window = folded[start:min(end, start + 90)]
    lead = _LEAD.match(window).end()
    words = list(re.finditer(r"[\w'-]+", window[lead:]))[:5]
    if not words:
        return None
    has_verb = any(lex.speech_verb_re.match(w.group()) for w in words)
    attribution = lex.attribution_re.match(window[lead:])
    if not has_verb and not attribution:
        return None
    in_tail = _names_in(mentions, start, start + lead + (words[-1].end() if words else 0) + 40)
    if in_tail:
        return in_tail[0][2]
    if any(key(w.group()).split("-")[-1] in lex.pronouns or key(w.group()) in lex.pronouns for w in words):
        return _last_person_before(mentions, quote_start)
    return None


def _before(folded: str, head: tuple[int, int], mentions, lex: Lexicon) -> str | None:
    """Attribution before the quote: "selon X", "according to X", or the subject of a speech verb."""
    start, end = head
    text = folded[start:end]
    for m in lex.attribution_re.finditer(text):
        after = _names_in(mentions, start + m.end(), start + m.end() + 40)
        if after:
            return after[0][2]
    # "il avait écrit que", "he said": a pronoun subject of a speech verb points back.
    for m in _PRONOUN_SUBJECT.finditer(text):
        word = key(m.group(1))
        if word in lex.pronouns and lex.speech_verb_re.match(m.group(3)):
            return _last_person_before(mentions, end)
    in_head = _names_in(mentions, start, end)
    if not in_head:
        return None
    if lex.speech_verb_re.search(text) or text.rstrip().endswith(":"):
        return in_head[0][2]
    return None


_PRONOUN_SUBJECT = re.compile(r"(?<![\w'])(\w+)\s+(\w+\s+)?([\w'-]+)")


def _paragraph_subject(mentions, sentences: list[Sentence], paragraph: int, offset: int) -> str | None:
    p_start = min((s.start for s in sentences if s.paragraph == paragraph), default=offset)
    for m in mentions:
        if p_start <= m[0] < offset and m[3] == "person":
            return m[2]
    return None
