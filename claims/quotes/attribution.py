"""Who speaks: the mentions a quote may be attributed to, and the rules that read an attribution
after, inside or before a quote, a role, a joint statement or the paragraph's subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

from ..lexicon import Lexicon
from ..text import Sentence
from ..text import fold_key as key
from .pairing import _LEAD, _PAD, _WORD, QuoteSpan
from .sources import _source_after_marker
from .subjects import _reported, _right_before
from .unnamed import NOBODY, plural_role, role_subject, unnamed_role
from .words import _quote_words

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
        if comma >= 0 and any(lex.quotes.speech_verb_re.fullmatch(w) for w in _WORD.findall(clause, comma)):
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
            and lex.quotes.speech_verb_re.search(folded, nxt.start, nxt.end)
        ):
            return nxt.end
    return closing.end


def _signed(folded: str, after: int, names_in: _NamesIn) -> str | None:
    """A quote signed on the line after it, or after a dash on its own line ("» — Le ministre de la
    Santé, Gaétan Barrette"): the person the signature names."""
    m = _SIGNATURE.match(folded, after)
    if m is None:
        return None
    # a signature ends on the name or an apposition, not '” – despite the majority Boris Johnson enjoyed'
    people = [
        f
        for f in names_in(m.start(), m.end())
        if f.type == "person" and folded[f.end : m.end()].lstrip(" \u00a0\u202f")[:1] in ("", ",", ".", ";", "(")
    ]
    return people[-1].canonical if people else None


def _introduced(
    sentences: list[Sentence],
    index: int,
    paragraph: int,
    before: Callable[[tuple[int, int]], str | None],
    folded: str = "",
) -> str | None:
    """A paragraph that opens with a quote, after a paragraph whose last sentence introduces it
    ("INMO General Secretary Phil Ní Sheaghdha said:", "Foster said it was important to ..."): the
    speaker that sentence names. Or two paragraphs up, when that sentence ends with a colon and the
    paragraph between, which names no speaker, is the first of the speech, its opening mark lost
    ("Minister Humphreys said:" / "I'm delighted ..." / "“This major investment ...")."""
    if index <= 0 or sentences[index - 1].paragraph != paragraph - 1:
        return None
    prev = sentences[index - 1]
    if found := before((prev.start, prev.end)):
        return found
    j = index - 1
    while j >= 0 and sentences[j].paragraph == paragraph - 1:
        j -= 1
    intro = sentences[j] if j >= 0 and sentences[j].paragraph == paragraph - 2 else None
    if intro is None or not folded[intro.start : intro.end].rstrip().endswith(":"):
        return None
    return before((intro.start, intro.end))


def _spoken_to(folded: str, start: int, addressees: frozenset[str], articles: frozenset[str]) -> bool:
    """Is the name at `start` the one spoken to ("a déclaré à l'AFP", "told Reuters")?"""
    words = folded[max(0, start - 24) : start].lower().replace("'", "' ").split()
    while words:  # "à l'AFP": the article goes, the marker stays even where it is an article too ("a")
        if words[-1] in addressees or " ".join(words[-2:]) in addressees:
            return True
        if words[-1] not in articles:
            return False
        words.pop()
    return False


def _complement_at(folded: str, start: int, lex: Lexicon) -> bool:
    """Is the name at `start` the complement of the word before it ("l'avocat de Tate", "lawyer for")?"""
    before = _WORD.findall(folded, max(0, start - 20), start)
    return bool(before) and key(before[-1]) in lex.quotes.complement_markers


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
    verb = next((i for i, w in enumerate(words) if lex.quotes.speech_verb_re.fullmatch(w.group())), None)
    found = names_in(lead, end)
    marker = lex.quotes.attribution_re.match(folded, lead, end)  # "» pour Berset, qui a annoncé": the source
    if not marker and _sentence_goes_on(folded, start, lead, words, verb, found, lex):
        return None
    if verb is None and not marker:
        return _inverted_incise(folded, start, lead, words, found, lex)
    inverted = verb is not None and key(words[verb].group()).split("-")[-1] in pronouns  # "lance-t-il"
    if (
        verb is not None
        and (inverted or (verb and _pronoun(words[verb - 1].group(), pronouns)))
        and (not found or found[0].start > words[verb].start())
        and not (inverted and lex.quotes.statement_re.search(folded, lead, end))  # "indique-t-elle dans un communiqué"
    ):
        # '", il estime que "l'offre" proposée par le Groupement ...': a pronoun is the subject, the
        # names after the verb are its complements
        return pronoun_target(quote_open)
    if verb is not None and (noun := _possessed_subject(folded, found, words[verb].start(), lex)):
        return main_organisation_before(quote_open, noun)  # '” Ms Moor’s board said': the board speaks
    if any(m.type == "person" for m in found):
        # "», a commenté la directrice générale, Martine Caradec"; "», a déclaré l'avocat de Tate, Me
        # Eugen Vidineac", '" Mack's lawyer, Mark Davis, said': not the one whose lawyer speaks
        people = [m for m in found if m.type == "person"]
        own = [m for m in people if not _complement_at(folded, m.start, lex) and not _POSSESSIVE.match(folded, m.end)]
        return (own or people)[0].canonical
    if verb is not None and (role := _role_after(words, verb, lex)):
        # "», s'est félicitée la ministre": the one named before; "” the Health Minister declares": the
        # one who speaks here; "” a lawyer said": nobody the article names
        if unnamed_role(folded, words, verb, role, lex, lambda a, b: any(m.type == "person" for m in names_in(a, b))):
            return NOBODY
        return last_person_before(quote_open) if role == "after" else pronoun_target(quote_open)
    if verb is not None and not found and plural_role(words, verb, lex):
        return NOBODY  # "” the doctors complained"
    if found:
        return _best(found)
    return _nobody_named_after(
        folded, (lead, end), words, verb, lex, quote_open, main_organisation_before, pronoun_target
    )


def _role_after(words: list[re.Match[str]], verb: int, lex: Lexicon) -> str | None:
    """Where a role names the speaker of the quote just closed: "after" the verb ("», s'est félicitée
    la ministre"), "before" it ("” the Health Minister declares"), or None."""
    # (one word of a title's modifiers may stand before the role: "», a ajouté le haut responsable")
    role = (
        verb + 3 if verb + 3 < len(words) and key(words[verb + 2].group()) in _quote_words(lex).modifiers else verb + 2
    )
    if (
        role < len(words)
        and key(words[verb + 1].group()) in lex.quotes.articles
        and (
            key(words[role].group()) in lex.names.person_cues
            or key(" ".join(w.group() for w in words[role : role + 2])) in lex.names.person_cues
        )
    ):
        return "after"
    if (
        2 <= verb <= 4
        and key(words[0].group()) in lex.quotes.articles
        and any(key(w.group()) in lex.names.person_cues for w in words[1:verb])
    ):
        return "before"
    return None


def _sentence_goes_on(
    folded: str,
    start: int,
    lead: int,
    words: list[re.Match[str]],
    verb: int | None,
    found: list[_Mention],
    lex: Lexicon,
) -> bool:
    """Do the words after the quote go on with its sentence rather than say who spoke?"""
    if verb is None:
        return False
    inside = folded[max(0, start - 4) : start - 1].rstrip(_PAD)[-1:]
    if (
        verb > 2
        and not folded[start:lead].strip(_PAD)
        and inside not in (",", ".", "!", "?", "…")
        and "," not in folded[lead : words[verb].start()]
    ):
        # 'a réfuté avoir "sciemment" trompé les députés quand ils l'ont interrogé sur X': a quote inside its
        # clause, the verb far on in that clause, is no attribution (but '"une meilleure visibilité" sur
        # l'évolution des stocks, a indiqué X' closes on one)
        return True
    if (
        "," not in folded[start:lead]
        and folded[max(0, start - 4) : start - 1].rstrip(_PAD)[-1:] not in (",", "!", "?")  # not '“...,” X, Y, said'
        and found
        and found[0].end <= words[verb].start()
        and not any(m.end <= words[verb].start() and "," not in folded[m.end : words[verb].start()] for m in found)
    ):
        # '« multiplié par trois » depuis l'élection de X, affirme Y': the sentence goes on past the quote,
        # the names before the comma are what it speaks of; the clause after the comma says who speaks
        return True
    first_name = found[0].start if found else len(folded)  # "co-owner and CEO Greg Penner said": "and" joins titles
    # "« très insuffisant » et promet de saisir ...": the sentence's subject goes on
    return key(words[0].group()) in lex.quotes.coordinators and words[0].start() < first_name


def _nobody_named_after(
    folded: str,
    window: tuple[int, int],
    words: list[re.Match[str]],
    verb: int | None,
    lex: Lexicon,
    quote_open: int,
    main_organisation_before: _OrganisationAt,
    pronoun_target: _SpeakerAt,
) -> str | None:
    """After a quote, no name: an organisation by what it is ("», selon le groupe", "” the council
    said", "dans un communiqué"), else a pronoun's target."""
    lead, end = window
    if verb is None and (org := _organisation_named_after(folded, lead, end, lex, main_organisation_before)):
        return org  # "”, according to the trust", "», selon le groupe"
    subject_at = [words[0].start()] + ([words[verb + 1].start()] if verb is not None and verb + 1 < len(words) else [])
    if verb is not None and verb <= 2:
        for p in subject_at:
            if subject := lex.quotes.organization_subject_re.match(folded, p):
                # "», indique le groupe dans un communiqué", "” the council said"
                return main_organisation_before(quote_open, _subject_noun(subject))
    if lex.quotes.statement_re.search(folded, lead, end) and (org := main_organisation_before(quote_open)):
        return org  # "», indique-t-elle dans un communiqué", "” it said in a statement": an organisation speaks
    pronouns = lex.quotes.pronouns
    if any(key(w.group()) in pronouns or key(w.group()).split("-")[-1] in pronouns for w in words):
        return pronoun_target(quote_open)
    return None


def _possessed_subject(folded: str, found: list[_Mention], verb_start: int, lex: Lexicon) -> str | None:
    """The noun of '<name>’s board said': an organisation named by what it is, owned by the name before
    it, right before the speech verb."""
    for m in found:
        owner = _POSSESSIVE.match(folded, m.end)
        if owner and owner.end() < verb_start and folded[owner.end()].isspace():
            words = folded[owner.end() : verb_start].split()
            if len(words) == 1 and key(words[0]) in _quote_words(lex).subject_nouns:
                return key(words[0])
    return None


def _inverted_incise(
    folded: str, start: int, lead: int, words: list[re.Match[str]], found: list[_Mention], lex: Lexicon
) -> str | None:
    """ "», met aussi en garde Philippe Vardon, le conseiller": a comma after the quote, a few lowercase
    words (a verb the lexicon lacks, an adverb) and right after them the person who speaks."""
    if "," not in folded[start:lead] or not found or found[0].type != "person":
        return None
    before = [w for w in words if w.end() <= found[0].start]
    if not 1 <= len(before) <= 4 or folded[before[-1].end() : found[0].start].strip():
        return None
    if any(not w.group()[0].islower() or key(w.group()) in lex.quotes.coordinators for w in before):
        return None
    if (
        any(key(w.group()) in lex.quotes.articles for w in before)
        or key(before[-1].group()) in lex.quotes.complement_markers
    ):
        return None  # "», aux côtés de Jean Roux": the name is a complement
    return found[0].canonical


def _organisation_named_after(
    folded: str, start: int, end: int, lex: Lexicon, main_organisation_before: _OrganisationAt
) -> str | None:
    """The organisation an attribution names by what it is, right after its marker ("according to the
    trust", "selon le groupe"): the one whose name holds the noun, else the one the article is about."""
    marker = lex.quotes.attribution_re.match(folded, start, end)
    at = marker.end() if marker else start
    while at < end and folded[at] in _PAD:
        at += 1
    noun = lex.quotes.organization_subject_re.match(folded, at, end)  # right after the marker
    return main_organisation_before(start, _subject_noun(noun)) if noun else None


def _later_verb(
    folded: str, verb: re.Match[str], end: int, names: list[_Mention], lex: Lexicon
) -> re.Match[str] | None:
    """The last speech verb before the quote when a name stands between the first one and it: the
    first one was a clause of its own ("Lorsqu'il a annoncé que ...")."""
    last = None
    for later in lex.quotes.speech_verb_re.finditer(folded, verb.end(), end):
        last = later
    if last is None or not any(verb.end() <= m.start and m.end <= last.start() for m in names):
        return None
    return last


def _pronoun(word: str, pronouns: frozenset[str]) -> bool:
    """ "il", "he", or the pronoun that ends an inverted auxiliary ("a-t-il", "a-t-elle")."""
    w = key(word)
    return w in pronouns or "-" in w and w.split("-")[-1] in pronouns


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
    if comma < 0 or end - comma > 90 or any(c in folded[comma:end] for c in "«“„\""):
        return None  # '..., saying the Government “can’t afford” ...': that clause speaks of the next quote
    words = _WORD.findall(folded, comma, end)
    verbs = [i for i, w in enumerate(words) if lex.quotes.speech_verb_re.fullmatch(w)]
    if not verbs or len(words) > 12 or any(key(w) in lex.quotes.coordinators for w in words[: verbs[0]]):
        return None
    if verbs[0] and key(words[verbs[0] - 1]) in lex.quotes.pronouns:
        return None  # ', il juge que « l'offre » faite par Duval ...': the names are complements
    found = names_in(comma, end)
    if found:
        return _best(found)
    if subject := lex.quotes.organization_subject_re.search(folded, comma + 1, end):
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
    if who := _marked_source(folded, head, names_in, lex, pronouns, main_organisation_before, pronoun_target):
        return who
    found = names_in(start, end)
    colon = folded[start:end].rstrip()
    verb = lex.quotes.speech_verb_re.search(folded, start, end)
    if not (verb or colon.endswith(":")):
        return _organisation_subject(folded, start, end, found, lex, main_organisation_before)
    people = [m for m in found if m.type == "person"]
    if not verb and colon.endswith(":") and found and found[-1].end >= start + len(colon) - 3:
        # "Gilbert Riso : « ... »": the name right before the colon; not the organisation after a person
        # ("X était l'invité de RTL :", "X préside la communauté d'agglomération de Y :")
        if not (people and found[-1].type != "person"):
            return found[-1].canonical
    if verb and (later := _later_verb(folded, verb, end, found, lex)):
        verb = later  # "Lorsqu'il a annoncé ..., le président du Cartel, Marc Simeth, a accusé ... «...»"
    if verb and _pronoun(verb.group(), pronouns) and not any(m.end <= verb.start() for m in people):
        # "..., rappelle-t-il, lorsque X avait dû « ... »": an inverted pronoun speaks, the names after it
        # are what it speaks of
        return pronoun_target(verb.start())
    if verb and (subject := _right_before(verb.start(), found, people, folded, lex)):
        return subject
    if verb and not any(m.start < verb.start() for m in found):
        if who := _subject_of(folded, start, verb, lex, pronouns, main_organisation_before, pronoun_target):
            return who
        if (role := role_subject(folded, verb.start(), lex)) is not None:
            return NOBODY if role else pronoun_target(verb.start())  # "le leader de la droite a déclaré"
        if found and _reported(folded, verb.end(), found[0].start, lex):
            return pronoun_target(verb.start())  # "Tout en affirmant que la Deutsche Bahn ...": spoken of
    # "critics said Kwame Kilpatrick's “...”": a name with a possessive is what is spoken of
    people = [m for m in people if not _POSSESSIVE.match(folded, m.end)]
    found = [m for m in found if m.type != "person" or not _POSSESSIVE.match(folded, m.end)]
    if people:
        return people[0].canonical
    # "he said:", "il avait écrit que": a pronoun subject of a speech verb points back to a person.
    words = _WORD.findall(folded, start, end)
    for i, w in enumerate(words):  # "She said Eskom was ...": the verb right after, or one word on
        if key(w) in pronouns and any(lex.quotes.speech_verb_re.fullmatch(v) for v in words[i + 1 : i + 3]):
            return pronoun_target(end)
    if not found and (noun := lex.quotes.organization_subject_re.search(folded, start, end)):
        return main_organisation_before(
            start, _subject_noun(noun)
        )  # "Le groupe indique que « ... »", "The council said:"
    return found[0].canonical if found else None


def _marked_source(
    folded: str,
    head: tuple[int, int],
    names_in: _NamesIn,
    lex: Lexicon,
    pronouns: frozenset[str],
    main_organisation_before: _OrganisationAt,
    pronoun_target: _SpeakerAt,
) -> str | None:
    """ "selon X", "according to the trust": the source an attribution's marker names."""
    start, end = head
    for m in lex.quotes.attribution_re.finditer(folded, start, end):
        if not _opens_a_clause(folded, start, m, lex):
            continue  # "tête de liste pour la coalition X": no source
        if who := _source_after_marker(folded, m.end(), end, names_in, lex, pronouns, pronoun_target):
            return who
        if org := _organisation_named_after(folded, m.end(), min(end, m.end() + 60), lex, main_organisation_before):
            return org  # "According to the trust, ...", "Selon le groupe, ..."
    return None


def _opens_a_clause(folded: str, start: int, marker: re.Match[str], lex: Lexicon) -> bool:
    """Whether an attribution's marker may name a source where it stands: any marker but those read only
    at a clause's opening ("pour"), which then follow the head's start, a punctuation mark or a
    conjunction."""
    if key(marker.group()) not in _quote_words(lex).clause_markers:
        return True
    before = folded[start : marker.start()].rstrip()
    words = _WORD.findall(before[-12:])
    return not before or before[-1] in ",;:(«“\"—-" or (bool(words) and key(words[-1]) in lex.quotes.coordinators)


def _organisation_subject(
    folded: str, start: int, end: int, found: list[_Mention], lex: Lexicon, main_organisation_before: _OrganisationAt
) -> str | None:
    """ "Le groupe prévoit de fermer des usines, surtout « les plus anciennes »", "But the bank is
    still “cautious about the outlook”": with no speech verb, an organisation that opens the sentence as its
    subject (named, or by what it is) gives the words it is said to hold."""
    words = list(_WORD.finditer(folded, start, end))[:3]
    while words and key(words[0].group()) in lex.quotes.coordinators:
        words.pop(0)
    if not words:
        return None
    at = words[0].start()
    if noun := lex.quotes.organization_subject_re.match(folded, at):
        return main_organisation_before(start, _subject_noun(noun))
    first = found[0] if found else None
    if (
        first is not None
        and first.type == "organization"
        and (first.start == at or key(folded[at : first.start].strip()) in lex.quotes.articles)
        and _VERB_NEXT.match(folded, first.end)
    ):
        return first.canonical
    return None


_VERB_NEXT = re.compile(r" [a-zà-ÿ]")  # a lower-case word right after the name: its verb


def _subject_of(
    folded: str,
    start: int,
    verb: re.Match[str],
    lex: Lexicon,
    pronouns: frozenset[str],
    main_organisation_before: _OrganisationAt,
    pronoun_target: _SpeakerAt,
) -> str | None:
    """ "The trust said the offer from Northline Rail was “...”", "il juge que l'offre de X est « ... »":
    a subject named by what it is, or a pronoun, right before the verb; the names after it are what it
    speaks about."""
    fillers = _quote_words(lex).fillers
    words = [key(w) for w in _WORD.findall(folded, start, verb.start())]
    while words and words[-1] in fillers:  # "She then told X:"
        words.pop()
    noun = lex.quotes.organization_subject_re.search(folded, max(start, verb.start() - 40), verb.start())
    if noun and not folded[noun.end() : verb.start()].strip():
        return main_organisation_before(start, _subject_noun(noun))
    if words and words[-1] in pronouns:
        return pronoun_target(verb.start())
    return None


_POSSESSIVE = re.compile(r"['’]s?(?![\w])")


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
            if not _POSSESSIVE.match(folded, m.end):  # not "Kilpatrick's administration"
                return m.canonical
            continue
        first_org = first_org or m.canonical
    if first_org and lex.quotes.speech_verb_re.search(folded, head[0], head[1]):
        return first_org
    return None
