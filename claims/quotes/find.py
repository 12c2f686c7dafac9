"""`find_quotes`: each quote with its speaker, the attribution rules applied in their order."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..lexicon import Lexicon
from ..names import NameFound
from ..text import Sentence
from ..text import fold_key as key
from .attribution import (
    _after,
    _attribution_after,
    _before,
    _closing_clause,
    _inner_attribution,
    _introduced,
    _NamesIn,
    _paragraph_subject,
    _signed,
)
from .joint import _joint, plural_attribution
from .pairing import (
    _FRAGMENT,
    _HEAD_WINDOW,
    _PAD,
    _WORD,
    QuoteFound,
    QuoteSpan,
    find_quote_spans,
    quote_kind,
    quote_text,
)
from .pieces import _headline_quotes, _pieces, _said_later_in_paragraph
from .speakers import _Speakers
from .unnamed import NOBODY


def _named_next(
    sentences: list[Sentence], index: int, q: QuoteSpan, folded: str, lex: Lexicon, names_in: _NamesIn
) -> str | None:
    """A quote no rule gave a speaker, that ends its sentence, followed by a sentence naming who spoke
    ("« ... » C'est en ces termes que s'est exprimé Édouard Garnier, chef de mission", or that sentence
    opening the next paragraph when the quote closes its own): the person the next sentence makes
    speak, near its start, when it quotes nothing itself."""
    nxt, words = _words_after(sentences, index, q, folded)
    if nxt is None or not (people := [m for m in names_in(nxt.start, words[-1].end()) if m.type == "person"]):
        return None
    if any(lex.quotes.speech_verb_re.fullmatch(w.group()) for w in words):
        return people[0].canonical
    # "« ... » Damien Roussille, président de la FDSEA, a passé la nuit dans la cour.": a sentence that
    # opens with a person, right after a quote nobody else is said to have spoken, names its speaker
    # (not one set against it: "Emmanuel Macron, lui, n'y croit pas")
    then = _WORD.search(folded, people[0].end, nxt.end)
    against = then is not None and key(then.group()) in lex.quotes.pronouns
    return people[0].canonical if people[0].start == words[0].start() and not against else None


def _spoken_by_next(
    sentences: list[Sentence], index: int, q: QuoteSpan, folded: str, lex: Lexicon, names_in: _NamesIn
) -> str | None:
    """A quote that ends its sentence, then a sentence that says whose words they were, near its
    start ("Those were the words of Cllr Niamh Fogarty", "Those words ... came from a former plant
    manager, Kevin Dorsey"): the first person named after those words."""
    nxt, words = _words_after(sentences, index, q, folded)
    if nxt is None or not (m := lex.quotes.spoken_by_re.search(folded, nxt.start, words[-1].end())):
        return None
    people = [p for p in names_in(m.end(), nxt.end) if p.type == "person"]
    return people[0].canonical if people else None


def _words_after(
    sentences: list[Sentence], index: int, q: QuoteSpan, folded: str
) -> tuple[Sentence | None, list[re.Match[str]]]:
    """The sentence after a quote (`_sentence_after`) and its first fourteen words, where a speaker's
    name or whose words they were is written; (None, []) when there is none or it holds no word."""
    nxt = _sentence_after(sentences, index, q, folded)
    words = list(_WORD.finditer(folded, nxt.start, nxt.end))[:14] if nxt else []
    return (nxt, words) if words else (None, [])


def _sentence_after(sentences: list[Sentence], index: int, q: QuoteSpan, folded: str) -> Sentence | None:
    """The sentence after a quote that ends its sentence `index`, in its paragraph or opening the
    next when the quote closes its own; None when it quotes anything itself."""
    if index < 0 or index >= len(sentences):
        return None
    closing = sentences[index]
    if after := _WORD.search(folded, q.close + 1, closing.end):
        if folded[q.start : q.end].rstrip()[-1:] not in ".!?…":
            return None  # the sentence goes on after the quote
        # "« ... partira pas. » Damien Roussille, président ...": the quote ended its own sentence
        nxt = Sentence(after.start(), closing.end, folded[after.start() : closing.end], closing.paragraph)
        return None if any(c in nxt.text for c in "«»“”\"") else nxt
    if index + 1 >= len(sentences):
        return None
    nxt = sentences[index + 1]
    if nxt.paragraph != closing.paragraph and (
        nxt.paragraph != closing.paragraph + 1 or folded[q.close + 1 : nxt.start].strip(_PAD + ".!?…»”\"’")
    ):
        return None
    if any(c in nxt.text for c in "«»“”\""):
        return None
    return nxt


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
    sp = _Speakers(text, folded, sentences, lex, names, tuple((q.start, q.end) for q in spans))
    if kinds is None:
        kinds = [quote_kind(folded, q, text, lex, sp.sentence_at(q.open).start) for q in spans]
    out: list[QuoteFound] = []
    last_by_paragraph: dict[int, str] = {}
    joint_of: dict[str, tuple[int, tuple[str, ...]]] = {}  # speaker -> (paragraph, others) of a joint statement
    previous_close = -1
    for q, kind in zip(spans, kinds):
        value = quote_text(text, q)
        if kind == "term":
            out.append(QuoteFound(q.start, q.end, value, None, kind))
            continue
        s_close = sp.sentence_at(q.close)
        paragraph = sp.sentence_at(q.open).paragraph
        head, tail = _windows(sp, q, previous_close)
        previous_close = q.close
        speaker = _speaker(sp, q, kind, head, tail, last_by_paragraph)
        if speaker:
            last_by_paragraph[s_close.paragraph] = speaker
            last_by_paragraph[paragraph] = speaker
            sp.heard(speaker, s_close)
        elif len(value.split()) <= 3:
            # "la partie « recettes »": a few words nobody is said to have spoken are a term, unless a
            # later quote of their paragraph has a speaker (_said_later_in_paragraph)
            kind = _FRAGMENT
        if kind == "speech":
            also = _joint_speakers(sp, speaker, head, tail, paragraph, s_close, joint_of)
            out.extend(
                replace(p, also=also) if also and p.speaker == speaker else p
                for p in _pieces(q, text, folded, lex, speaker, sp.names_in, sp.sentence_at)
            )
        else:
            out.append(QuoteFound(q.start, q.end, value, speaker, kind))
    out = _headline_quotes(_said_later_in_paragraph(out, sp.sentence_at), text, sp.sentence_at)
    # "” a lawyer said": spoken by nobody the article names, not by the one who speaks after
    return [replace(q, speaker=None) if q.speaker == NOBODY else q for q in out]


def _windows(sp: _Speakers, q: QuoteSpan, previous_close: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where the attribution of a quote may sit: before it (`head`) and after it (`tail`). They sit
    close to the quote; the windows also keep long sentences linear."""
    folded, lex = sp.folded, sp.lex
    s_open, s_close = sp.sentence_at(q.open), sp.sentence_at(q.close)
    head = (max(s_open.start, q.open - _HEAD_WINDOW), q.open)
    between = _WORD.search(folded, previous_close + 1, q.open) if head[0] <= previous_close else None
    if (
        between
        and key(between.group()) not in lex.quotes.coordinators
        and (
            sp.names_in(previous_close + 1, q.open)
            or any(key(w) in lex.quotes.pronouns for w in _WORD.findall(folded, previous_close + 1, q.open))
        )
        and lex.quotes.speech_verb_re.search(folded, previous_close + 1, q.open)
    ):
        # '”, Greg Penner said, adding, “Our organization ...', '”, he said adding: “...': the names of
        # the quote before are its words, not this one's speakers
        head = (previous_close + 1, q.open)
    closed_by_mark = q.close < len(sp.text) and sp.text[q.close] != "\n"
    tail = (q.close + 1, s_close.end if closed_by_mark else q.close + 1)
    if closed_by_mark and s_close.end <= q.close + 2:
        after = _attribution_after(sp.sentences, bisect_right(sp.starts, q.close), s_close, folded, lex)
        tail = (q.close + 1, after)
    return head, tail


def _speaker(
    sp: _Speakers,
    q: QuoteSpan,
    kind: str,
    head: tuple[int, int],
    tail: tuple[int, int],
    last_by_paragraph: dict[int, str],
) -> str | None:
    """The attribution rules in their order: after the quote, signed below it, in its closing clause,
    before it, inside it, the paragraph's, the one before's, the next sentence's; then the one quoted
    last nearby."""
    # One piece: the rules' order is the point of this function, one chain read top to bottom.
    folded, lex, text = sp.folded, sp.lex, sp.text
    pronouns = lex.quotes.pronouns
    sp.attributing(q.open, q.close + 1)
    s_close = sp.sentence_at(q.close)
    paragraph = sp.sentence_at(q.open).paragraph
    closed_by_mark = q.close < len(text) and text[q.close] != "\n"
    opens_paragraph = folded[sp.paragraph_start[paragraph] : q.open].strip(_PAD) == ""
    before = sp.paragraph_before(paragraph)

    def before_quote(h: tuple[int, int]) -> str | None:
        return _before(
            folded, h, sp.names_in, sp.last_person_before, lex, pronouns, sp.organisation_speaking, sp.pronoun_target
        )

    def introduced() -> str | None:
        if not opens_paragraph:
            return None
        return _introduced(sp.sentences, bisect_right(sp.paragraphs, before), before + 1, before_quote, folded)

    # "Son délégué, Karim Benhallou, l'a redit :" closing the paragraph before: its speaker, not the
    # one of a quote earlier in that paragraph
    last = sp.sentences[bisect_right(sp.paragraphs, before) - 1] if opens_paragraph and before >= 0 else None
    announced = last is not None and last.paragraph == before and folded[last.start : last.end].rstrip().endswith(":")

    group = sp.group_before(q.open) if plural_attribution(folded, tail, lex) else ()
    speaker = (
        (group[0] if group else None)
        or _after(
            folded,
            tail,
            sp.names_in,
            sp.person_for_role,
            lex,
            pronouns,
            q.open,
            sp.organisation_speaking,
            sp.pronoun_target,
        )
        or (_signed(folded, q.close + 1, sp.names_in) if closed_by_mark else None)
        or (
            _closing_clause(folded, tail, sp.names_in, lex, sp.organisation_speaking, q.open)
            if closed_by_mark
            else None
        )
        or (
            _spoken_by_next(sp.sentences, bisect_right(sp.starts, q.close) - 1, q, folded, lex, sp.names_in)
            if closed_by_mark
            else None
        )
        or before_quote(head)
        or _inner_attribution(folded, q, sp.names_in, lex)
        or _inner_pronoun(sp, q)
        or last_by_paragraph.get(paragraph)
        or _paragraph_subject(sp.mentions, sp.mention_starts, sp.paragraph_start[paragraph], q.open, folded, head, lex)
        or (introduced() if announced else None)
        or (last_by_paragraph.get(before) if opens_paragraph else None)
        or introduced()
        or (
            _named_next(sp.sentences, bisect_right(sp.starts, q.close) - 1, q, folded, lex, sp.names_in)
            if closed_by_mark
            else None
        )
    )
    if not speaker and kind == "speech" and opens_paragraph and closed_by_mark and s_close.paragraph == paragraph:
        if not _WORD.search(folded, q.close + 1, (sp.lines[paragraph][-1].end)):
            speaker = sp.speaker_nearby(q.open, paragraph)
    if not speaker and kind == "speech" and len({w for _, _, w in sp.last_said}) == 1:
        # the one person the article has quoted so far, when nobody else is named in the paragraph
        only = sp.last_said[-1][2]
        named = sp.names_in(sp.paragraph_start[paragraph], q.open)
        if all(m.canonical == only for m in named if m.type == "person"):
            speaker = only
    if not speaker and kind == "speech" and not _attributed(sp, head, tail):
        speaker = sp.subject_of_paragraph_before(q.open, paragraph)
    return speaker


def _inner_pronoun(sp: _Speakers, q: QuoteSpan) -> str | None:
    """ "« Je suis né à Montréal, a-t-il déclaré. Je pense ... »": an attribution inside the marks whose
    subject is a pronoun points to whoever it stands for, before the paragraph before is read."""
    lex, folded = sp.lex, sp.folded
    for m in lex.quotes.incise_re.finditer(folded, q.start, q.end):
        if lex.quotes.incise_pronoun_re.search(folded, m.start(), m.end()):
            return sp.pronoun_target(q.open)
    return None


def _attributed(sp: _Speakers, head: tuple[int, int], tail: tuple[int, int]) -> bool:
    """Does the quote's sentence attribute it, to someone it leaves unnamed ("un diplomate se montrait
    prudent : « ... »", "” a source said")? A speech verb around it, or a colon right before it."""
    folded, verb = sp.folded, sp.lex.quotes.speech_verb_re
    return (
        folded[head[0] : head[1]].rstrip(_PAD + "«“\"").endswith(":")
        or verb.search(folded, *head) is not None
        or sp.speech_verb_in(*tail)
    )


def _joint_speakers(
    sp: _Speakers,
    speaker: str | None,
    head: tuple[int, int],
    tail: tuple[int, int],
    paragraph: int,
    s_close: Sentence,
    joint_of: dict[str, tuple[int, tuple[str, ...]]],
) -> tuple[str, ...]:
    """The other speakers of a joint statement: named with the speaker here, or still speaking with
    them from the paragraph before ("La SNCB, Infrabel et HR Rail constatent « ... ». Elles estiment que
    « ... »"), unless the attribution names the speaker alone ("La SNCB ajoute")."""
    also = _joint(sp.folded, head, sp.names_in, sp.lex, speaker) if speaker else ()
    if speaker and not also and plural_attribution(sp.folded, tail, sp.lex):
        group = sp.group_before(head[1])  # "», s'étaient-ils défendus": the people named together before
        also = group[1:] if group[:1] == (speaker,) else ()
    if speaker and also:
        joint_of[speaker] = (s_close.paragraph, also)
    elif speaker in joint_of and joint_of[speaker][0] >= paragraph - 1:
        named = sp.names_in(head[0], head[1]) + sp.names_in(tail[0], tail[1])
        if not any(m.canonical == speaker for m in named):
            also = joint_of[speaker][1]
    return also
