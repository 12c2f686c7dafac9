"""`find_quotes`: each quote with its speaker, the attribution rules applied in their order."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..lexicon import Lexicon
from ..names import NameFound
from ..text import Sentence, is_heading
from ..text import fold_key as key
from .attribution import (
    _after,
    _attribution_after,
    _before,
    _closing_clause,
    _headline_quotes,
    _inner_attribution,
    _introduced,
    _Mention,
    _NamesIn,
    _paragraph_subject,
    _pieces,
    _said_later_in_paragraph,
    _signed,
    _spoken_to,
)
from .joint import _joint
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
from .roles import _role_mentions

# Between a subject and its speech verb: an apposition ("Jane Roe, the minister, said"), then at most
# the language's auxiliaries and adverbs (subject_verb_fillers: "a", "has", "also").
_SUBJECT_GAP = re.compile(r"\s*+(?:,[^,.;:!?«»“”\"]{1,60},\s*+)?")


def _named_next(
    sentences: list[Sentence], index: int, q: QuoteSpan, folded: str, lex: Lexicon, names_in: _NamesIn
) -> str | None:
    """A quote no rule gave a speaker, that ends its sentence, followed by a sentence naming who spoke
    ("« ... » C'est en ces termes que s'est exprimé Édouard Garnier, chef de mission", or that sentence
    opening the next paragraph when the quote closes its own): the person the next sentence makes
    speak, near its start, when it quotes nothing itself."""
    if index < 0 or index + 1 >= len(sentences):
        return None
    closing, nxt = sentences[index], sentences[index + 1]
    if _WORD.search(folded, q.close + 1, closing.end):
        return None  # the sentence goes on after the quote
    if nxt.paragraph != closing.paragraph and (
        nxt.paragraph != closing.paragraph + 1 or folded[q.close + 1 : nxt.start].strip(_PAD + ".!?…»”\"’")
    ):
        return None
    if any(c in nxt.text for c in "«»“”\""):
        return None
    words = list(_WORD.finditer(folded, nxt.start, nxt.end))[:14]
    if not words or not any(lex.speech_verb_re.fullmatch(w.group()) for w in words):
        return None
    people = [m for m in names_in(nxt.start, words[-1].end()) if m.type == "person"]
    return people[0].canonical if people else None


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
    fillers = frozenset(key(w) for w in lex.raw["quotes"].get("subject_verb_fillers", []))
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
    # "l'instance", "the regulator": a noun that stands for an organisation whose name does not hold it
    subject_names = {key(n): {key(w) for w in ws} for n, ws in lex.raw["quotes"]["subject_names"].items()}

    def main_organisation_before(offset: int, noun: str | None = None) -> str | None:
        """ "Le groupe indique que ...", "the council said": the organisation the article is about so far
        (named most often before the quote, the latest on a tie); with `noun`, among those whose name
        holds it ("the league": the Premier League), if any."""
        counts: dict[str, tuple[int, int]] = {}
        heads = {noun, *subject_names.get(noun, ())} if noun else set()
        for m in organisations:
            if m.start >= offset:
                break
            if noun and heads.isdisjoint(key(m.canonical).split()):
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
        return speech_subject_before(offset) or last_person_before(offset)

    def speech_subject_before(offset: int) -> str | None:
        """ "Judith Collins said the claims by Tom Baker were wrong. “...,” she said": in the sentence that
        names a person last, the one who speaks (the subject of its speech verb), not the last one named."""
        i = bisect_left(people_starts, offset) - 1
        if i < 0:
            return None
        s = sentence_at(people[i].start)
        end = min(s.end, offset)
        for verb in lex.speech_verb_re.finditer(folded, s.start, end):
            for m in reversed(people[bisect_left(people_starts, s.start) : i + 1]):
                gap = _SUBJECT_GAP.match(folded, m.end, verb.start())
                if gap and all(key(w) in fillers for w in _WORD.findall(folded, gap.end(), verb.start())):
                    return m.canonical
            return None
        return None

    def speaker_nearby(offset: int, paragraph: int) -> str | None:
        """A paragraph that is a quote alone, nobody named in it: the one quoted last, a few paragraphs
        back, when no other person has been named since; else the subject of the last speech verb of the
        two paragraphs before ("Jane Roe said the board met twice. ... “We heard everyone.”")."""
        if last_said and last_said[-1][0] >= paragraph - 3:
            _p, since, who = last_said[-1]
            named = {
                m.canonical for m in people[bisect_left(people_starts, since) : bisect_left(people_starts, offset)]
            }
            if named <= {who}:
                return who
        i = bisect_left(people_starts, offset) - 1
        if i >= 0 and sentence_at(people[i].start).paragraph >= paragraph - 2:
            return speech_subject_before(offset)
        return None

    paragraph_start: dict[int, int] = {}
    lines: dict[int, list[Sentence]] = {}
    for s in sentences:
        paragraph_start.setdefault(s.paragraph, s.start)
        lines.setdefault(s.paragraph, []).append(s)
    # A caption or a crosshead between two paragraphs of quotes ("Jane Holt at the launch"): a short
    # line of its own without final punctuation nor quote marks, which the speaker's quotes run past.
    captions = {
        p
        for p, ss in lines.items()
        if len(ss) == 1 and is_heading(ss[0], text) and not any(c in ss[0].text for c in "«»“”\"")
    }

    paragraphs = [s.paragraph for s in sentences]

    def paragraph_before(p: int) -> int:
        p -= 1
        while p in captions:
            p -= 1
        return p

    out: list[QuoteFound] = []
    last_by_paragraph: dict[int, str] = {}
    joint_of: dict[str, tuple[int, tuple[str, ...]]] = {}  # speaker -> (paragraph, others) of a joint statement
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
            or (last_by_paragraph.get(paragraph_before(paragraph)) if opens_paragraph else None)
            or (
                _introduced(
                    sentences,
                    bisect_right(paragraphs, paragraph_before(paragraph)),
                    paragraph_before(paragraph) + 1,
                    lambda h: _before(
                        folded, h, names_in, last_person_before, lex, pronouns, organisation_speaking, pronoun_target
                    ),
                )
                if opens_paragraph
                else None
            )
            or (
                _named_next(sentences, bisect_right(starts, q.close) - 1, q, folded, lex, names_in)
                if closed_by_mark
                else None
            )
        )
        if not speaker and kind == "speech" and opens_paragraph and closed_by_mark and s_close.paragraph == paragraph:
            if not _WORD.search(folded, q.close + 1, (lines[paragraph][-1].end)):
                speaker = speaker_nearby(q.open, paragraph)
        if not speaker and kind == "speech" and len({w for _, _, w in last_said}) == 1:
            # the one person the article has quoted so far, when nobody else is named in the paragraph
            only = last_said[-1][2]
            if all(m.canonical == only for m in names_in(paragraph_start[paragraph], q.open) if m.type == "person"):
                speaker = only
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
            if speaker and also:
                joint_of[speaker] = (sentence_at(q.close).paragraph, also)
            elif speaker in joint_of and joint_of[speaker][0] >= paragraph - 1:
                # "La SNCB, Infrabel et HR Rail constatent « ... ». Elles estiment que « ... »": the joint
                # statement goes on, unless the attribution names the speaker alone ("La SNCB ajoute")
                named = names_in(head[0], head[1]) + names_in(tail[0], tail[1])
                if not any(m.canonical == speaker for m in named):
                    also = joint_of[speaker][1]
            out.extend(
                replace(p, also=also) if also and p.speaker == speaker else p
                for p in _pieces(q, text, folded, lex, speaker, names_in, sentence_at)
            )
        else:
            out.append(QuoteFound(q.start, q.end, value, speaker, kind))
    return _headline_quotes(_said_later_in_paragraph(out, sentence_at), text, sentence_at)
