"""A quote cut into its pieces around attributions written inside its marks, fragments given the
speaker their paragraph names later, and quotes in a headline."""

from __future__ import annotations

from dataclasses import replace

from ..lexicon import Lexicon
from ..text import Sentence, is_heading
from ..text import fold_key as key
from .attribution import _best, _NamesIn, _SentenceAt
from .pairing import _FRAGMENT, _PAD, _WORD, QuoteFound, QuoteSpan


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
    for m in lex.quotes.incise_re.finditer(folded, a, b):
        if m.start() < a:
            continue
        end = sentence_at(m.start()).end  # the attribution runs to the end of its sentence
        while end < b and text[end] in _PAD:
            end += 1
        # ", a-t-il poursuivi.": the quote's own speaker goes on (and a name after it is a complement)
        pronoun = bool(lex.quotes.incise_pronoun_re.search(folded, m.start(), m.end()))
        said_by = [] if pronoun else names_in(m.start(), end)
        by_role = not said_by and _role_said(folded, m.end(), end, lex)  # ", a rappelé le Souverain."
        if end >= b or not (said_by or by_role or pronoun) or not any(c.isalnum() for c in text[end:b]):
            continue
        who = _best(said_by) if said_by else speaker
        out.append((a, m.start(), who))
        speaker = who
        a = end
    out.append((a, b, speaker))
    return out


def _role_said(folded: str, start: int, end: int, lex: Lexicon) -> bool:
    """Do the words after an incise's verb name a role rather than a person ("a rappelé le
    Souverain", "added the minister")? The speaker is then the quote's own."""
    words = [key(w) for w in _WORD.findall(folded, start, end)][:4]
    while words and words[0] in lex.quotes.articles:
        words.pop(0)
    return bool(words) and (words[0] in lex.names.person_cues or " ".join(words[:2]) in lex.names.person_cues)


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
    # a line that is a quote alone is a pull quote whatever its stop ("« Je suis vraiment désolé… »")
    alone = line[:1] in "«“\"„" and line[-1:] in "»”\"“"
    return (
        line == sentence.text.strip()
        and len(line) <= 160
        and (alone or line.rstrip("»”\"’ \u00a0\u202f")[-1:] not in ".!?…")
    )


def _headline_quotes(quotes: list[QuoteFound], text: str, sentence_at: _SentenceAt) -> list[QuoteFound]:
    """A quote in a headline is said by whoever says it in the article's body; so is a short one that
    the quote marks set as a heading of its own (a pull quote: «Une étape déterminante»), which
    would otherwise read as a term; and a quote nobody is said to say anywhere else (a standfirst's)
    that someone says again, the same words, later in the article."""
    out = []
    said_words = [(o, _words_of(o)) for o in quotes if o.speaker]
    for q in quotes:
        headline = (q.kind == "speech" or q.kind == "term") and _headline(sentence_at(q.start), text)
        if headline or (q.speaker is None and q.kind != "term"):
            words = _words_of(q)
            said = next(
                (
                    o.speaker
                    for o, theirs in said_words
                    if o is not q
                    and o.start > q.end
                    and words
                    and (words in " ".join(key(o.text).split()) if headline else words == theirs)
                ),
                None,
            )
            if said is None and headline:
                said = _said_under(q, quotes, text)
            if said:
                q = QuoteFound(q.start, q.end, q.text, said, "speech")
        out.append(q)
    return out


def _said_under(q: QuoteFound, quotes: list[QuoteFound], text: str) -> str | None:
    """A pull quote set as a heading ("100 millions: «C'est un bon signal»") is said by whoever speaks
    first in the paragraph under it."""
    line_end = text.find("\n", q.end)
    line_start = text.rfind("\n", 0, q.start) + 1
    nxt = next((o for o in quotes if o.start > q.end), None)
    if (
        line_end < 0
        or nxt is None
        or not nxt.speaker
        or not text[line_start : q.start].rstrip(" «“\"\u00a0").endswith(":")
    ):
        return None  # a heading of its own: words, a colon, then the quote
    between = text[line_end : nxt.start]
    return nxt.speaker if between.strip() and between.count("\n") <= 3 and "\n" not in between.strip() else None


def _words_of(q: QuoteFound) -> str:
    return " ".join(key(q.text).strip(" .,;:!?…").split())
