"""Direct quotes: their marks, their kind (speech or quoted term) and their speaker.

Pairing. Marks are read once, left to right, with a stack per paragraph, so the cost stays linear
whatever the text (unclosed and stray marks included). « », “ ”, „ “, ‹ › and ‘ ’ pair by kind;
straight double quotes open where a word starts and close where one ends. An apostrophe inside a
word (l’AGI, don’t, it’s) never closes a quote, and ‘ before a digit (‘90s) never opens one. A quote
still open at the end of a paragraph continues when the next paragraph opens with the same mark,
as French and English typography do; otherwise it is dropped. Quotes inside another quote belong
to it.

Kind. A quote introduced as a name or a term ("une approche appelée « IA constitutionnelle »",
"l'équipe « Superalignment »", "dubbed “Project Sunrise”"), or a short capitalised label, is a
`term`; everything else is `speech`.

Speaker, in this order: an attribution after the quote in its sentence ("», a-t-il déclaré",
"” said Jan Leike", "” he wrote"); an attribution before it ("selon X", "according to X"), or the
subject of a speech verb or a colon before it; the previous speaker of the paragraph; the
paragraph's first person (or, when a speech verb has no named subject, its first organisation);
and for a paragraph that opens with a quote, the last speaker of the paragraph before. People win
over organisations, and a name after "à", "to", "told" is the one spoken to, not the speaker.
Pronouns point back to the last person named.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, cast

from .lexicon import Lexicon
from .names import NameFound
from .text import Sentence, is_heading
from .text import fold_key as key

_PAD = " \t\u00a0\u202f\u2009\u2007\n\r"
_HEAD_WINDOW = 240  # characters before a quote searched for its attribution
_MARKS_RE = re.compile(r"[«»“”„‟\"‘’‹›]|\n")
_LEAD = re.compile(r"[\s,;:.\-–—)»”\"’]*")
_WORD = re.compile(r"[\w'-]+")
_FRAGMENT = "fragment"  # a few words with no speaker yet: speech if their paragraph says whose, else a term
_ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l'", "un", "une"})


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


def _pairs(lex: Lexicon) -> tuple[dict[str, str], dict[str, set[str]]]:
    openers = {o: c for o, c in lex.quote_pairs}
    closers: dict[str, set[str]] = {}
    for o, c in lex.quote_pairs:
        closers.setdefault(c, set()).add(o)
    # Copy that mixes straight and curly double marks ('“This was long and hard-fought," attorney X
    # said'): each closes the other, the innermost open quote first.
    if '"' in closers and "”" in closers:
        closers['"'] = closers['"'] | {"“"}
        closers["”"] = closers["”"] | {'"'}
    if "”" in closers:
        closers["”"] = closers["”"] | {"”"}  # a closing mark used to open (_opens_reversed)
    return openers, closers


def _can_open(text: str, i: int, ch: str) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "\"‘":
        return not before.isalnum() and not after.isspace() and not (ch == "‘" and after.isdigit())
    return True


def _can_close(text: str, i: int, ch: str) -> bool:
    if ch in "\"’":
        after = text[i + 1] if i + 1 < len(text) else " "
        before = text[i - 1] if i else " "
        return not after.isalnum() and not before.isspace()
    return True


def _opens_reversed(text: str, i: int) -> bool:
    """A closing mark used to open: at a paragraph's start or after a space, a capital after it (a
    space between at most), and another one later in its paragraph to close it."""
    before = text[i - 1] if i else "\n"
    after = text[i + 1 : i + 3]
    end = text.find("\n", i)
    return (
        before.isspace()
        and len(after) == 2
        and (after[0].isupper() or (after[0] in " \u00a0\u202f" and after[1].isupper()))
        and "”" in text[i + 1 : len(text) if end < 0 else end]
    )


def find_quote_spans(text: str, lex: Lexicon) -> list[QuoteSpan]:
    """Every top-level quote of `text`, in reading order."""
    openers, closers = _pairs(lex)
    closed: list[tuple[int, int, tuple[int, ...]]] = []  # (open mark, close mark, reopening marks)
    stack: list[tuple[str, int, list[int]]] = []  # (opener, position, reopening marks)
    counts: dict[str, int] = {}
    skip: int = -1
    n = len(text)
    for m in _MARKS_RE.finditer(text):
        i = m.start()
        ch = text[i]
        if i == skip:
            continue
        if ch == "\n":
            if not stack:
                continue
            j = i + 1
            while j < n and text[j] in _PAD:
                j += 1
            outer = stack[0][0]
            if j < n and text[j] == outer and _can_open(text, j, outer):
                # The quote goes on in the next paragraph, which reopens it with the same mark.
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
        # Close the innermost open quote this mark can close.
        kinds = closers.get(ch, ())
        target = None
        if stack and any(counts.get(o) for o in kinds) and _can_close(text, i, ch):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] in kinds:
                    target = depth
                    break
        if target is not None:
            opener, start, marks = stack[target]
            for o, _, _ in stack[target:]:
                counts[o] -= 1
            del stack[target:]
            closed.append((start, i, tuple(marks)))
            continue
        if ch in openers and _can_open(text, i, ch):
            if ch == "’":
                continue
            stack.append((ch, i, []))
            counts[ch] = counts.get(ch, 0) + 1
        elif ch == "”" and not stack and _opens_reversed(text, i):
            # '” Des investissements seront reportés”, reprend X': copy that opens with a closing mark
            stack.append((ch, i, []))
            counts[ch] = counts.get(ch, 0) + 1
    if stack and stack[0][2]:
        closed.append((stack[0][1], n, tuple(stack[0][2])))  # the text ends inside such a quote
    closed.sort()
    spans: list[QuoteSpan] = []
    outer_end = -1
    for start, close, reopened in closed:
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


def quote_kind(folded: str, span: QuoteSpan, text: str, lex: Lexicon, sentence_start: int) -> str:
    """ "term" for a quoted name or term, "speech" otherwise."""
    head_start = max(sentence_start, span.open - 48)
    before = folded[head_start : span.open]
    last = None
    for last in lex.term_marker_re.finditer(before):
        pass
    if last is not None and before[last.end() :].strip(" ,:«“„‹‘\"\u00a0\u202f") == "":
        return "term"
    words = quote_text(text, span).split()
    if (
        len(words) <= 3
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and not words[-1].endswith((".", "!", "?", ",", "…"))
    ):
        return "term"
    return "speech"


# ---- speakers ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class _Mention:
    start: int
    end: int
    canonical: str
    type: str


class _NamesIn(Protocol):
    """find_quotes' names_in: the mentions inside [a, b)."""

    def __call__(self, a: int, b: int, *, speakers_only: bool = True) -> list[_Mention]: ...


# find_quotes' helpers that name who spoke before an offset (last_person_before, pronoun_target, ...)
_SpeakerAt = Callable[[int], str | None]


class _OrganisationAt(Protocol):
    def __call__(self, offset: int, noun: str | None = None) -> str | None: ...


def _subject_noun(m: re.Match[str]) -> str:
    """ "the league" -> "league", "l'entreprise" -> "entreprise", "the charity's" -> "charity"."""
    return key(re.split(r"[\s']", m.group().strip())[-1] or m.group()).removesuffix("'s")


_SentenceAt = Callable[[int], Sentence]


def find_quotes(
    text: str,
    folded: str,
    sentences: list[Sentence],
    lex: Lexicon,
    names: list[NameFound],
    spans: list[QuoteSpan] | None = None,
    kinds: list[str] | None = None,
) -> list[QuoteFound]:
    """The quotes of `text` with their kind and speaker; `spans`/`kinds` when already computed."""
    if spans is None:
        spans = find_quote_spans(text, lex)
    if not spans or not sentences:
        return []
    starts = [s.start for s in sentences]

    def sentence_at(offset: int) -> Sentence:
        return sentences[max(0, bisect_right(starts, offset) - 1)]

    if kinds is None:
        kinds = [quote_kind(folded, q, text, lex, sentence_at(q.open).start) for q in spans]
    mentions = sorted(_Mention(a, b, n.canonical, n.type) for n in names for a, b in n.mentions)
    # "Judge Martin Griffith ... The judge also told him:": a role named with a person stands for them.
    mentions = sorted(mentions + _role_mentions(folded, mentions, lex))
    mention_starts = [m.start for m in mentions]
    pronouns = lex.pronouns
    addressees = frozenset(key(w) for w in lex.raw["quotes"].get("addressee_markers", []))

    def names_in(a: int, b: int, *, speakers_only: bool = True) -> list[_Mention]:
        i = bisect_left(mention_starts, a)
        out = []
        while i < len(mentions) and mentions[i].start < b:
            if mentions[i].end <= b and not (speakers_only and _spoken_to(folded, mentions[i].start, addressees)):
                out.append(mentions[i])
            i += 1
        return out

    # "la préfète Élodie Marchal ... La préfète a écarté cette demande": a role named with a person
    # stands for that person later on, so "a-t-elle déclaré" after it points to her.
    organisations = [m for m in mentions if m.type == "organization"]

    def main_organisation_before(offset: int, noun: str | None = None) -> str | None:
        """ "Le groupe indique que ...", "the council said": the organisation the article is about so far
        (named most often before the quote, the latest on a tie); with `noun`, among those whose name
        holds it ("the league": the Premier League), if any."""
        counts: dict[str, tuple[int, int]] = {}
        for m in organisations:
            if m.start >= offset:
                break
            if noun and noun not in key(m.canonical).split():
                continue
            n, _ = counts.get(m.canonical, (0, 0))
            counts[m.canonical] = (n + 1, m.start)
        return max(counts, key=lambda c: counts[c]) if counts else None

    organisation_names = {m.canonical for m in organisations}
    org_said: list[tuple[int, str]] = []  # (paragraph, organisation) of the last quote an organisation spoke

    def organisation_speaking(offset: int, noun: str | None = None) -> str | None:
        """ "», a ajouté la compagnie": the organisation whose name holds the noun, else the one quoted
        last, in this paragraph or the one before; else the one the article is about so far."""
        if noun and (named := main_organisation_before(offset, noun)):
            return named
        if org_said and org_said[-1][0] >= sentence_at(offset).paragraph - 1:
            return org_said[-1][1]
        return main_organisation_before(offset)

    people = [m for m in mentions if m.type == "person"]
    people_starts = [m.start for m in people]

    def last_person_before(offset: int) -> str | None:
        i = bisect_left(people_starts, offset) - 1
        return people[i].canonical if i >= 0 else None

    person_names = {m.canonical for m in people}
    last_said: list[tuple[int, int, str]] = []  # (paragraph, end of its sentence, speaker) of a person's last quote

    def pronoun_target(offset: int) -> str | None:
        """ "« ... », a-t-il lancé", "” he said": the one who spoke last, in this paragraph or the one
        before, unless someone else has been named since their quote's sentence ("Emmanuel Macron
        s'était déplacé ... il avait annoncé"); not whoever was named last ("l'administration Coderre")."""
        if last_said and last_said[-1][0] >= sentence_at(offset).paragraph - 2:
            _p, since, who = last_said[-1]
            named = {
                m.canonical for m in people[bisect_left(people_starts, since) : bisect_left(people_starts, offset)]
            }
            if not named or who in named:
                return who
        return last_person_before(offset)

    paragraph_start: dict[int, int] = {}
    for s in sentences:
        paragraph_start.setdefault(s.paragraph, s.start)
    out: list[QuoteFound] = []
    last_by_paragraph: dict[int, str] = {}
    previous_close = -1
    for q, kind in zip(spans, kinds):
        value = quote_text(text, q)
        if kind == "term":
            out.append(QuoteFound(q.start, q.end, value, None, kind))
            continue
        s_open, s_close = sentence_at(q.open), sentence_at(q.close)
        paragraph = s_open.paragraph
        # Attribution sits close to the quote; the windows also keep long sentences linear.
        head = (max(s_open.start, q.open - _HEAD_WINDOW), q.open)
        between = _WORD.search(folded, previous_close + 1, q.open) if head[0] <= previous_close else None
        if (
            between
            and key(between.group()) not in lex.coordinators
            and names_in(previous_close + 1, q.open)
            and lex.speech_verb_re.search(folded, previous_close + 1, q.open)
        ):
            head = (previous_close + 1, q.open)  # '”, Greg Penner said, adding, “Our organization ...'

        closed_by_mark = q.close < len(text) and text[q.close] != "\n"
        tail = (q.close + 1, s_close.end if closed_by_mark else q.close + 1)
        if closed_by_mark and s_close.end <= q.close + 2:
            tail = (q.close + 1, _attribution_after(sentences, bisect_right(starts, q.close), s_close, folded, lex))
        opens_paragraph = folded[paragraph_start[paragraph] : q.open].strip(_PAD) == ""
        previous_close = q.close
        speaker = (
            _after(
                folded,
                tail,
                names_in,
                last_person_before,
                lex,
                pronouns,
                q.open,
                organisation_speaking,
                pronoun_target,
            )
            or (_signed(folded, q.close + 1, names_in) if closed_by_mark else None)
            or (_closing_clause(folded, tail, names_in, lex, organisation_speaking, q.open) if closed_by_mark else None)
            or _before(folded, head, names_in, last_person_before, lex, pronouns, organisation_speaking, pronoun_target)
            or _inner_attribution(folded, q, names_in, lex)
            or last_by_paragraph.get(paragraph)
            or _paragraph_subject(mentions, mention_starts, paragraph_start[paragraph], q.open, folded, head, lex)
            or (last_by_paragraph.get(paragraph - 1) if opens_paragraph else None)
            or (
                _introduced(
                    sentences,
                    bisect_right(starts, q.open) - 1,
                    paragraph,
                    lambda h: _before(
                        folded, h, names_in, last_person_before, lex, pronouns, organisation_speaking, pronoun_target
                    ),
                )
                if opens_paragraph
                else None
            )
        )
        if speaker:
            last_by_paragraph[sentence_at(q.close).paragraph] = speaker
            last_by_paragraph[paragraph] = speaker
            if speaker in person_names:
                last_said.append((sentence_at(q.close).paragraph, s_close.end, speaker))
            elif speaker in organisation_names:
                org_said.append((sentence_at(q.close).paragraph, speaker))
        elif len(value.split()) <= 3:
            # "la partie « recettes »": a few words nobody is said to have spoken are a term, unless a
            # later quote of their paragraph has a speaker (_said_later_in_paragraph)
            kind = _FRAGMENT
        if kind == "speech":
            also = _joint(folded, head, names_in, lex, speaker) if speaker else ()
            out.extend(
                replace(p, also=also) if also and p.speaker == speaker else p
                for p in _pieces(q, text, folded, lex, speaker, names_in, sentence_at)
            )
        else:
            out.append(QuoteFound(q.start, q.end, value, speaker, kind))
    return _headline_quotes(_said_later_in_paragraph(out, sentence_at), text, sentence_at)


_SIGNATURE = re.compile(
    r"(?<![ \t\u00a0\u202f\n])[ \t\u00a0\u202f]*+(?:\n[ \t\u00a0\u202f]*+)*+[—–-][ \u00a0\u202f]*+[^\n]{1,120}"
)


def _inner_attribution(folded: str, q: QuoteSpan, names_in: _NamesIn, lex: Lexicon) -> str | None:
    """An attribution the quote marks hold without an auxiliary ("« Nous n'y sommes pas, nous confirme
    Sven Gatz. Le déficit baisse »"): a comma, a speech verb, the person, then a stop or a comma."""
    for m in names_in(q.start, q.end):
        if m.type != "person" or folded[m.end : m.end + 1] not in (".", ","):
            continue
        clause = folded[max(q.start, m.start - 30) : m.start]
        comma = clause.rfind(",")
        if comma >= 0 and any(lex.speech_verb_re.fullmatch(w) for w in _WORD.findall(clause, comma)):
            return m.canonical
    return None


def _attribution_after(sentences: list[Sentence], i: int, closing: Sentence, folded: str, lex: Lexicon) -> int:
    """Where the attribution of a quote that ended its sentence ends: '..." Mr Dillon said.' is a
    sentence of its own, a few words with a speech verb in the quote's paragraph; else the quote's end."""
    if i < len(sentences):
        nxt = sentences[i]
        if (
            nxt.paragraph == closing.paragraph
            and len(nxt.text.split()) <= 8
            and lex.speech_verb_re.search(folded, nxt.start, nxt.end)
        ):
            return nxt.end
    return closing.end


def _signed(folded: str, after: int, names_in: _NamesIn) -> str | None:
    """A quote signed on the line after it, or after a dash on its own line ("» — Le ministre de la
    Santé, Gaétan Barrette"): the person the signature names."""
    m = _SIGNATURE.match(folded, after)
    if m is None:
        return None
    people = [f for f in names_in(m.start(), m.end()) if f.type == "person"]
    return people[-1].canonical if people else None


def _introduced(
    sentences: list[Sentence], index: int, paragraph: int, before: Callable[[tuple[int, int]], str | None]
) -> str | None:
    """A paragraph that opens with a quote, after a paragraph whose last sentence introduces it
    ("INMO General Secretary Phil Ní Sheaghdha said:", "Foster said it was important to ..."): the
    speaker that sentence names."""
    if index <= 0 or sentences[index - 1].paragraph != paragraph - 1:
        return None
    prev = sentences[index - 1]
    return before((prev.start, prev.end))


def _joint(folded: str, head: tuple[int, int], names_in: _NamesIn, lex: Lexicon, speaker: str) -> tuple[str, ...]:
    """ "la CGSP Cheminots, la CSC Transcom et le SLFP Cheminots dénoncent « ... »": names of one kind
    listed together as the subject of a speech verb speak together; the others besides `speaker`."""
    start, end = head
    verb = None
    for m in lex.speech_verb_re.finditer(folded, start, end):
        verb = m
    if verb is None:
        return ()
    listed = [m for m in names_in(start, verb.start()) if m.end <= verb.start()]
    if len(listed) < 2 or listed[-1].canonical != speaker and speaker not in {m.canonical for m in listed}:
        return ()
    kind = listed[-1].type
    group = [listed[-1]]
    for prev in reversed(listed[:-1]):
        between = folded[prev.end : group[0].start]
        if prev.type != kind or not _LIST_GAP.fullmatch(between):
            break
        group.insert(0, prev)
    if (
        len(group) < 2
        or not _LIST_GAP.fullmatch(folded[group[-1].end : verb.start()].replace(",", " ") + " ")
        and folded[group[-1].end : verb.start()].strip() not in ("", ",")
    ):
        return ()
    names = list(dict.fromkeys(m.canonical for m in group))
    return tuple(n for n in names if n != speaker) if speaker in names else ()


# Between two names of a list: a comma or "et"/"and", and an article ("la CSC Transcom et le SLFP").
_LIST_GAP = re.compile(r"(?<![,&\s])\s*(?:,|\bet\b|\band\b|&)\s*(?:(?:la|le|les|l'|the)\s*)?", re.IGNORECASE)


def _pieces(
    q: QuoteSpan,
    text: str,
    folded: str,
    lex: Lexicon,
    speaker: str | None,
    names_in: _NamesIn,
    sentence_at: _SentenceAt,
) -> list[QuoteFound]:
    """A quote as the editor checks it: one claim per paragraph when it runs over several (each
    reopened by a mark), and two when the speaker's attribution sits inside the marks, between two
    sentences of the quote (« ..., a dit M. Labeaume en conférence de presse. Ça ne s'est pas ... »).
    Every piece has the quote's speaker, or the one its attribution names."""
    bounds = [q.start] + [p + 1 for p in q.reopened if q.start <= p < q.end] + [q.end]
    pieces: list[tuple[int, int, str | None]] = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a] in _PAD:
            a += 1
        if len(bounds) > 2:  # the paragraph's part: up to its last word
            cut = text.find("\n", a, b)
            b = cut if cut >= 0 else b
        while b > a and text[b - 1] in _PAD:
            b -= 1
        pieces.extend(_incises(a, b, text, folded, lex, speaker, names_in, sentence_at))
    return [QuoteFound(a, b, " ".join(text[a:b].split()), who, "speech") for a, b, who in pieces if b > a]


def _incises(
    a: int,
    b: int,
    text: str,
    folded: str,
    lex: Lexicon,
    speaker: str | None,
    names_in: _NamesIn,
    sentence_at: _SentenceAt,
) -> list[tuple[int, int, str | None]]:
    """Split [a, b) around attributions written inside the quote marks."""
    out: list[tuple[int, int, str | None]] = []
    for m in lex.incise_re.finditer(folded, a, b):
        if m.start() < a:
            continue
        end = sentence_at(m.start()).end  # the attribution runs to the end of its sentence
        while end < b and text[end] in _PAD:
            end += 1
        said_by = names_in(m.start(), end)
        if end >= b or not said_by or not any(c.isalnum() for c in text[end:b]):
            continue
        who = _best(said_by)
        out.append((a, m.start(), who))
        speaker = who
        a = end
    out.append((a, b, speaker))
    return out


def _said_later_in_paragraph(quotes: list[QuoteFound], sentence_at: _SentenceAt) -> list[QuoteFound]:
    """'L'impact est "difficile à chiffrer". "J'ai eu l'impression ...", a noté X.': a quote nobody is
    said to have spoken, followed in its paragraph by one a person speaks, is theirs; a fragment of a
    few words no one speaks after it is a term."""
    out = list(quotes)
    following: str | None = None
    paragraph = None
    for i in range(len(out) - 1, -1, -1):
        q = out[i]
        p = sentence_at(q.start).paragraph
        if p != paragraph:
            paragraph, following = p, None
        if q.kind == _FRAGMENT:
            out[i] = replace(q, speaker=following, kind="speech") if following else replace(q, kind="term")
            continue
        if q.kind != "speech":
            continue
        if q.speaker:
            following = q.speaker
        elif following:
            out[i] = replace(q, speaker=following)
    return out


def _headline(sentence: Sentence, text: str) -> bool:
    """A heading, or a title line ending on a quote ("Grève : « On ne peut pas enseigner à 30 »")."""
    if is_heading(sentence, text):
        return True
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    return line == sentence.text.strip() and len(line) <= 160 and line.rstrip("»”\"’ \u00a0\u202f")[-1:] not in ".!?…"


def _headline_quotes(quotes: list[QuoteFound], text: str, sentence_at: _SentenceAt) -> list[QuoteFound]:
    """A quote in a headline is said by whoever says it in the article's body."""
    out = []
    for q in quotes:
        if q.kind == "speech" and _headline(sentence_at(q.start), text):
            words = " ".join(key(q.text).strip(" .,;:!?").split())
            said = next(
                (
                    o.speaker
                    for o in quotes
                    if o is not q and o.speaker and o.start > q.end and words and words in " ".join(key(o.text).split())
                ),
                None,
            )
            if said:
                q = QuoteFound(q.start, q.end, q.text, said, q.kind)
        out.append(q)
    return out


_ROLE_BEFORE = re.compile(r"(?<![\w'-])([\w'-]+)(?:\s+([\w'-]+))?[\s,]*$")
_ROLE_AFTER = re.compile(r"(?i)(?<![\w'])(?:le |la |l'|the )([\w'-]+)(?:\s+([\w'-]+))?")


def _role_mentions(folded: str, mentions: list[_Mention], lex: Lexicon) -> list[_Mention]:
    """Later mentions of a person by the role written before their name ("la préfète Élodie Marchal",
    then "la préfète"), as mentions of that person."""
    roles: dict[str, tuple[str, int]] = {}  # role -> (person, end of the mention that names it)
    titles = {key(t): key(r) for t, r in lex.raw["quotes"]["roles_of_titles"].items()}
    briefs = tuple(sorted((key(p) for p in lex.raw["names"].get("portfolio_prepositions", [])), key=len, reverse=True))

    def role_of(words: list[str]) -> str | None:
        for n in (2, 1):  # "directrice générale", then "préfète"
            role = key(" ".join(words[-n:])) if len(words) >= n else ""
            role = titles.get(role, role)  # "Justice Stephen Kaye" is then "the judge"
            if role in lex.person_cues and role not in lex.forms_of_address:
                return role
        return None

    for m in mentions:
        if m.type != "person":
            continue
        before = _ROLE_BEFORE.search(folded, max(0, m.start - 40), m.start)
        role = role_of([w for w in before.groups() if w]) if before else None
        if role is None:  # "la ministre de l'Énergie, Tinne Van der Straeten": the role, then its brief
            found = list(_WORD.finditer(folded, max(0, m.start - 70), m.start))
            words = [w.group() for w in found]
            for j in range(len(words) - 2, max(0, len(words) - 7), -1):
                rest = key(" ".join(words[j:]))
                if any(c in folded[found[j].start() : m.start] for c in ".;:!?()«»\"“”"):
                    break
                if any(rest.startswith(b if b.endswith("'") else b + " ") for b in briefs) and (
                    role := role_of(words[:j])
                ):
                    break
        if role is not None:
            roles[role] = (m.canonical, m.end)
    if not roles:
        return []
    out = []
    for r in _ROLE_AFTER.finditer(folded):
        two = [(key(f"{r.group(1)} {r.group(2)}"), r.end())] if r.group(2) else []
        for role, end in two + [(key(r.group(1)), r.end(1))]:
            person = roles.get(role)
            if person is not None and r.start() > person[1]:
                out.append(_Mention(r.start(), end, person[0], "person"))
                break
    return out


def _spoken_to(folded: str, start: int, addressees: frozenset[str]) -> bool:
    """Is the name at `start` the one spoken to ("a déclaré à l'AFP", "told Reuters")?"""
    words = folded[max(0, start - 24) : start].lower().replace("'", "' ").split()
    while words:  # "à l'AFP": the article goes, the marker stays even where it is an article too ("a")
        if words[-1] in addressees or " ".join(words[-2:]) in addressees:
            return True
        if words[-1] not in _ARTICLES:
            return False
        words.pop()
    return False


def _best(found: list[_Mention]) -> str | None:
    for m in found:
        if m.type == "person":
            return m.canonical
    return found[0].canonical if found else None


def _after(
    folded: str,
    tail: tuple[int, int],
    names_in: _NamesIn,
    last_person_before: _SpeakerAt,
    lex: Lexicon,
    pronouns: frozenset[str],
    quote_open: int,
    main_organisation_before: _OrganisationAt,
    pronoun_target: _SpeakerAt,
) -> str | None:
    """Attribution right after the quote: "», a-t-il déclaré", "” said Jan Leike", "” Leike said"."""
    start, end = tail
    end = min(end, start + 120)
    if end <= start:
        return None
    lead = cast("re.Match[str]", _LEAD.match(folded, start, end)).end()  # `*`: matches, if only the empty string
    # '"...," the UN's personal envoy for Sudan, Tomasz Wieczorek, told reporters': the verb may come late
    words = [w for w in _WORD.finditer(folded, lead, end)][:12]
    if not words:
        return None
    verb = next((i for i, w in enumerate(words) if lex.speech_verb_re.fullmatch(w.group())), None)
    found = names_in(lead, end)
    first_name = found[0].start if found else end  # "co-owner and CEO Greg Penner said": "and" joins titles
    if verb is not None and key(words[0].group()) in lex.coordinators and words[0].start() < first_name:
        return None  # "« très insuffisant » et promet de saisir ...": the sentence's subject goes on
    if verb is None and not lex.attribution_re.match(folded, lead, end):
        return None
    if verb and key(words[verb - 1].group()) in pronouns and (not found or found[0].start > words[verb].start()):
        # '", il estime que "l'offre" proposée par le Groupement ...': a pronoun is the subject, the
        # names after the verb are its complements
        return pronoun_target(quote_open)
    if any(m.type == "person" for m in found):
        return _best(found)  # "», a commenté la directrice générale, Martine Caradec"
    if (
        verb is not None
        and verb + 2 < len(words)
        and key(words[verb + 1].group()) in _ARTICLES
        and (
            key(words[verb + 2].group()) in lex.person_cues
            or key(" ".join(w.group() for w in words[verb + 2 : verb + 4])) in lex.person_cues
        )
    ):
        return last_person_before(quote_open)  # "», s'est félicitée la ministre": the one named before
    if (
        verb is not None
        and 2 <= verb <= 4
        and key(words[0].group()) in _ARTICLES
        and any(key(w.group()) in lex.person_cues for w in words[1:verb])
    ):
        return pronoun_target(quote_open)  # "” the Health Minister declares": the one who speaks here
    if found:
        return _best(found)
    subject_at = [words[0].start()] + ([words[verb + 1].start()] if verb is not None and verb + 1 < len(words) else [])
    if verb is not None and verb <= 2:
        for p in subject_at:
            if subject := lex.organization_subject_re.match(folded, p):
                # "», indique le groupe dans un communiqué", "” the council said"
                return main_organisation_before(quote_open, _subject_noun(subject))
    if lex.statement_re.search(folded, lead, end) and (org := main_organisation_before(quote_open)):
        return org  # "», indique-t-elle dans un communiqué", "” it said in a statement": an organisation speaks
    if any(key(w.group()) in pronouns or key(w.group()).split("-")[-1] in pronouns for w in words):
        return pronoun_target(quote_open)
    return None


def _closing_clause(
    folded: str,
    tail: tuple[int, int],
    names_in: _NamesIn,
    lex: Lexicon,
    main_organisation_before: _OrganisationAt,
    quote_open: int,
) -> str | None:
    """An attribution that closes the quote's sentence after more of it ('... as "a gesture of goodwill"
    and face a deduction, the Premier League said on Wednesday.'): its last clause, a few words with a
    speech verb and a name."""
    start, end = tail
    comma = folded.rfind(",", start, end)
    if comma < 0 or end - comma > 90:
        return None
    words = _WORD.findall(folded, comma, end)
    verbs = [i for i, w in enumerate(words) if lex.speech_verb_re.fullmatch(w)]
    if not verbs or len(words) > 12 or any(key(w) in lex.coordinators for w in words[: verbs[0]]):
        return None
    if verbs[0] and key(words[verbs[0] - 1]) in lex.pronouns:
        return None  # ', il juge que « l'offre » faite par Duval ...': the names are complements
    found = names_in(comma, end)
    if found:
        return _best(found)
    if subject := lex.organization_subject_re.search(folded, comma + 1, end):
        return main_organisation_before(quote_open, _subject_noun(subject))
    if verbs[0] == 0:  # '," attorney Nate Cade, an outside attorney for the city, said at the meeting.'
        people = [m for m in names_in(start, comma) if m.type == "person"]
        return people[0].canonical if people else None
    return None


def _before(
    folded: str,
    head: tuple[int, int],
    names_in: _NamesIn,
    last_person_before: _SpeakerAt,
    lex: Lexicon,
    pronouns: frozenset[str],
    main_organisation_before: _OrganisationAt,
    pronoun_target: _SpeakerAt,
) -> str | None:
    """Attribution before the quote: "selon X", "according to X", or the subject of a speech verb."""
    start, end = head
    if end <= start:
        return None
    for m in lex.attribution_re.finditer(folded, start, end):
        found = names_in(m.end(), min(end, m.end() + 80), speakers_only=False)
        if found:  # "Pour le Rassemblement national, Thierry Vasseur juge ...": the person speaks
            return next((f for f in found if f.type == "person"), found[0]).canonical
    found = names_in(start, end)
    colon = folded[start:end].rstrip()
    verb = lex.speech_verb_re.search(folded, start, end)
    if not (verb or colon.endswith(":")):
        return None
    if not verb and colon.endswith(":") and found and found[-1].end >= start + len(colon) - 3:
        return found[-1].canonical  # "Gilbert Riso : « ... »": the name right before the colon
    people = [m for m in found if m.type == "person"]
    if verb and people:
        # "Francis stood in the dock as the judge told him:": the person right before the verb speaks
        # (not "Priya Raman, for Ms Okonjo, said": a name closing an apposition is no subject)
        subject = [m for m in people if m.end <= verb.start() and folded[m.end : verb.start()].isspace()]
        if subject:
            return subject[-1].canonical
    if people:
        return people[0].canonical
    # "he said:", "il avait écrit que": a pronoun subject of a speech verb points back to a person.
    for m in _PRONOUN_THEN.finditer(folded, start, end):
        if key(m.group(1)) in pronouns and lex.speech_verb_re.fullmatch(m.group(2)):
            return pronoun_target(end)
    if not found and (noun := lex.organization_subject_re.search(folded, start, end)):
        return main_organisation_before(
            start, _subject_noun(noun)
        )  # "Le groupe indique que « ... »", "The council said:"
    return found[0].canonical if found else None


_PRONOUN_THEN = re.compile(r"(?<![\w'])(\w+)(?=\s+(?:\w+\s+)?([\w'-]+))")


def _paragraph_subject(
    mentions: list[_Mention],
    mention_starts: list[int],
    p_start: int,
    offset: int,
    folded: str,
    head: tuple[int, int],
    lex: Lexicon,
) -> str | None:
    """The paragraph's first person; its first organisation when a speech verb has no named subject."""
    first_org = None
    for i in range(bisect_left(mention_starts, p_start), bisect_left(mention_starts, offset)):
        m = mentions[i]
        if m.type == "person":
            return m.canonical
        first_org = first_org or m.canonical
    if first_org and lex.speech_verb_re.search(folded, head[0], head[1]):
        return first_org
    return None
