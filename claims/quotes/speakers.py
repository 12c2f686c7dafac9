"""Who an article has named and quoted so far: what the attribution rules ask of the article as they
read its quotes in order (the names around an offset, the organisation it is about, the person who
spoke last)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..lexicon import DATA_DIR, Lexicon
from ..names import NameFound
from ..text import Sentence, is_heading
from ..text import fold_key as key
from .attribution import _complement_at, _Mention, _spoken_to
from .pairing import _WORD
from .roles import _role_mentions
from .unnamed import NOBODY
from .words import _quote_words

# Between a subject and its speech verb: an apposition ("Jane Roe, the minister, said"), then at most
# the language's auxiliaries and adverbs (subject_verb_fillers: "a", "has", "also").
_SUBJECT_GAP = re.compile(r"\s*+(?:,[^,.;:!?«»“”\"]{1,60},\s*+)?")


_WORD_SETS: dict[str, tuple[Lexicon, tuple[frozenset[str], frozenset[str]]]] = {}


def _fillers_and_addressees(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The language's subject_verb_fillers and addressee_markers as keys, once per language."""
    cached = _WORD_SETS.get(lex.code)
    if cached is None or cached[0] is not lex:
        quotes = lex.raw["quotes"]
        sets = (
            frozenset(key(w) for w in quotes.get("subject_verb_fillers", [])),
            frozenset(key(w) for w in quotes["addressee_markers"]),
        )
        cached = _WORD_SETS[lex.code] = (lex, sets)
    return cached[1]


@lru_cache(maxsize=1)
def _sexes() -> dict[str, str]:
    """Given names borne by one sex (data/given_name_genders.txt): fold_key(name) -> "f" or "m"; read
    from the disk cache of claims/compiled.py when the data and the code are those they were folded with."""
    from ..compiled import cached

    sexes: dict[str, str] = cached("name-sexes", _read_sexes, scope="tables")
    return sexes


def _read_sexes(_key: str) -> dict[str, str]:
    lines = (DATA_DIR / "given_name_genders.txt").read_text(encoding="utf-8").splitlines()
    return {key(n): g for n, _, g in (line.partition("\t") for line in lines if line and not line.startswith("#"))}


def _fits(name: str, sex: str | None) -> bool:
    """Whether a person's name may be the one a pronoun of `sex` points to (its given name says no other)."""
    return sex is None or _sexes().get(key(name.split()[0]) if name else "", sex) == sex


_PRONOUN_REACH = 60  # characters around a quote where its attribution's pronoun stands


def pronoun_sex(folded: str, start: int, end: int, lex: Lexicon) -> str | None:
    """The sex the pronouns around a quote at [start, end) say ("», a-t-elle", "she said: “"), if one."""
    sexes: dict[str, str] = lex.raw["quotes"].get("pronoun_sexes", {})
    if not sexes:
        return None
    around = folded[max(0, start - _PRONOUN_REACH) : start] + " " + folded[end : end + _PRONOUN_REACH]
    said = {
        sexes[part]
        for w in (key(x) for x in _WORD.findall(around))
        for part in (w, "-".join(w.split("-")[-2:]), w.split("-")[-1])  # "a-t-elle": "t-elle", "elle"
        if part in sexes
    }
    return said.pop() if len(said) == 1 else None


def _fields(m: _Mention) -> tuple[int, int, str, str]:
    return (m.start, m.end, m.canonical, m.type)


class _Speakers:
    """The article's sentences, paragraphs and name mentions, and the speakers of the quotes read so
    far (`said`): the state the attribution rules of claims/quotes/find.py share."""

    def __init__(
        self,
        text: str,
        folded: str,
        sentences: list[Sentence],
        lex: Lexicon,
        names: list[NameFound],
        quoted: tuple[tuple[int, int], ...] = (),  # the quotes' inner spans, in order
    ):
        self.text, self.folded, self.sentences, self.lex = text, folded, sentences, lex
        self.quoted = quoted
        self.starts = [s.start for s in sentences]
        # (sorted by their fields' tuple, the order of _Mention's comparisons, built once per mention)
        mentions = sorted((_Mention(a, b, n.canonical, n.type) for n in names for a, b in n.mentions), key=_fields)
        # "Judge Martin Griffith ... The judge also told him:": a role named with a person stands for them.
        roles = _role_mentions(folded, mentions, lex)
        self.mentions = sorted(mentions + roles, key=_fields) if roles else mentions
        self.mention_starts = [m.start for m in self.mentions]
        self.fillers, self.addressees = _fillers_and_addressees(lex)
        self.definites = _quote_words(lex).definites
        self.organisations = [m for m in self.mentions if m.type == "organization"]
        self.organisation_names = {m.canonical for m in self.organisations}
        # "l'instance", "the regulator": a noun that stands for an organisation whose name does not hold it
        self.subject_names = _quote_words(lex).subject_names
        self.people = [m for m in self.mentions if m.type == "person"]
        self.people_starts = [m.start for m in self.people]
        self.person_names = {m.canonical for m in self.people}
        self.last_said: list[tuple[int, int, str]] = []  # (paragraph, end of its sentence, speaker) of a person
        self.org_said: list[tuple[int, str]] = []  # (paragraph, organisation) of the last quote an organisation spoke
        self.paragraph_start: dict[int, int] = {}
        self.lines: dict[int, list[Sentence]] = {}
        for s in sentences:
            self.paragraph_start.setdefault(s.paragraph, s.start)
            self.lines.setdefault(s.paragraph, []).append(s)
        # A caption or a crosshead between two paragraphs of quotes ("Jane Holt at the launch"): a short
        # line of its own without final punctuation nor quote marks, which the speaker's quotes run past.
        self.captions = {
            p
            for p, ss in self.lines.items()
            if len(ss) == 1 and is_heading(ss[0], text) and not any(c in ss[0].text for c in "«»“”\"")
        }
        self.paragraphs = [s.paragraph for s in sentences]
        # The quote being attributed, and the sex its attribution's pronouns say (read when first asked).
        self._quote: tuple[int, int] = (0, 0)
        self._sex: str | None = None
        self._sex_read = True
        self._verbs: dict[int, tuple[int, int | None]] = {}  # speech_verb_in's last search for each end

    def speech_verb_in(self, start: int, end: int) -> bool:
        """Whether a speech verb is written in [start, end). A match at a place does not depend on where
        the search began, so one search serves every later start with the same end: the quotes of one
        long sentence, each searched to the sentence's end, read it once rather than once a quote."""
        last = self._verbs.get(end)
        if last is not None and last[0] <= start and (last[1] is None or last[1] >= start):
            return last[1] is not None
        m = self.lex.quotes.speech_verb_re.search(self.folded, start, end)
        self._verbs[end] = (start, m.start() if m else None)
        return m is not None

    def attributing(self, start: int, end: int) -> None:
        """The quote at [start, end) is the one being attributed now."""
        self._quote, self._sex_read = (start, end), False

    @property
    def pronoun_sex(self) -> str | None:
        """The sex the pronouns around the quote being attributed say ("» a-t-elle", "she said: “")."""
        if not self._sex_read:
            self._sex, self._sex_read = pronoun_sex(self.folded, *self._quote, self.lex), True
        return self._sex

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[max(0, bisect_right(self.starts, offset) - 1)]

    def names_in(self, a: int, b: int, *, speakers_only: bool = True) -> list[_Mention]:
        """The mentions within [a, b); with `speakers_only`, not the ones spoken to ("told Reuters")."""
        mentions = self.mentions
        i = bisect_left(self.mention_starts, a)
        out = []
        while i < len(mentions) and mentions[i].start < b:
            if mentions[i].end <= b and not (
                speakers_only and _spoken_to(self.folded, mentions[i].start, self.addressees, self.lex.quotes.articles)
            ):
                out.append(mentions[i])
            i += 1
        return out

    def main_organisation_before(self, offset: int, noun: str | None = None) -> str | None:
        """ "Le groupe indique que ...", "the council said": the organisation the article is about so far
        (named most often before the quote, the latest on a tie); with `noun`, among those whose name
        holds it ("the league": the Premier League), if any."""
        counts: dict[str, tuple[int, int]] = {}
        heads = {noun, *self.subject_names.get(noun, ())} if noun else set()
        for m in self.organisations:
            if m.start >= offset:
                break
            if noun and heads.isdisjoint(key(m.canonical).split()):
                continue
            n, _ = counts.get(m.canonical, (0, 0))
            counts[m.canonical] = (n + 1, m.start)
        return max(counts, key=lambda c: counts[c]) if counts else None

    def organisation_speaking(self, offset: int, noun: str | None = None) -> str | None:
        """ "», a ajouté la compagnie": the organisation whose name holds the noun, else the one quoted
        last, in this paragraph or the one before; else the one the article is about so far."""
        if noun and (named := self.main_organisation_before(offset, noun)):
            return named
        if self.org_said and self.org_said[-1][0] >= self.sentence_at(offset).paragraph - 1:
            return self.org_said[-1][1]
        return self.main_organisation_before(offset)

    def last_person_before(self, offset: int, sex: str | None = None) -> str | None:
        """The person named last before `offset`, outside quotes (the speaker's own words name others);
        with `sex`, the last one whose given name is not of the other."""
        i = bisect_left(self.people_starts, offset) - 1
        while i >= 0 and (self._quoted(self.people[i].start) or not _fits(self.people[i].canonical, sex)):
            i -= 1
        return self.people[i].canonical if i >= 0 else None

    def group_before(self, offset: int) -> tuple[str, ...]:
        """ "« ... », s'étaient-ils défendus": the people named last, together ("les avocats de Jane Roe et
        John Doe"), outside quotes and a few paragraphs back at most; () when the last named is alone."""
        people, i = self.people, bisect_left(self.people_starts, offset) - 1
        while i >= 0 and self._quoted(people[i].start):
            i -= 1
        if i < 1 or self.sentence_at(people[i].start).paragraph < self.sentence_at(offset).paragraph - 4:
            return ()
        group = [people[i]]
        while i > 0 and self.lex.quotes.list_gap_re.fullmatch(self.folded, people[i - 1].end, group[0].start):
            i -= 1
            group.insert(0, people[i])
        if len(group) < 2 or not self.lex.quotes.list_joiner_re.search(self.folded, group[-2].end, group[-1].start):
            return ()
        return tuple(dict.fromkeys(m.canonical for m in group))

    def person_for_role(self, offset: int) -> str | None:
        """ "», a expliqué le ministre des Finances": the person named last before the quote; in an
        article that names its speaker only further on ("Pour Issa Mahamat, ..."), the first person
        named after it, within a few paragraphs."""
        if who := self.last_person_before(offset):
            return who
        i = bisect_right(self.people_starts, offset)
        if i < len(self.people):
            nxt = self.people[i]
            if self.sentence_at(nxt.start).paragraph <= self.sentence_at(offset).paragraph + 4:
                return nxt.canonical
        return None

    def _named_since(self, since: int, offset: int) -> set[str]:
        """The people named between two offsets, outside quotes ("What Mr Clinton clearly has a problem
        with ...,” he said": a name in the speaker's own words is no new subject)."""
        people, starts = self.people, self.people_starts
        return {
            m.canonical
            for m in people[bisect_left(starts, since) : bisect_left(starts, offset)]
            if not self._quoted(m.start)
        }

    def _quoted(self, offset: int) -> bool:
        i = bisect_right(self.quoted, (offset, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    def pronoun_target(self, offset: int) -> str | None:
        """ "« ... », a-t-il lancé", "” he said": the one who spoke last, in this paragraph or the one
        before, unless someone else has been named since their quote's sentence ("Emmanuel Macron
        s'était déplacé ... il avait annoncé"); not whoever was named last ("l'administration Coderre")."""
        sex = self.pronoun_sex  # "” she said": not the man quoted or named last
        if self.last_said and self.last_said[-1][0] >= self.sentence_at(offset).paragraph - 2:
            _p, since, who = self.last_said[-1]
            named = self._named_since(since, offset)
            if (not named or who in named) and _fits(who, sex):
                return who
        subject = self.speech_subject_before(offset)
        return subject if subject and _fits(subject, sex) else self.last_person_before(offset, sex)

    def speech_subject_before(self, offset: int) -> str | None:
        """ "Judith Collins said the claims by Tom Baker were wrong. “...,” she said": in the sentence that
        names a person last, the one who speaks (the subject of its speech verb), not the last one named."""
        people, starts, folded = self.people, self.people_starts, self.folded
        i = bisect_left(starts, offset) - 1
        if i < 0:
            return None
        s = self.sentence_at(people[i].start)
        end = min(s.end, offset)
        for verb in self.lex.quotes.speech_verb_re.finditer(folded, s.start, end):
            before = _WORD.findall(folded, max(s.start, verb.start() - 12), verb.start())
            if before and key(before[-1]) in self.definites or verb.group()[:1].isupper():
                continue  # "le juge Tarek Bitar, ..., a assuré", "Pravind Jugnauth, estime": a noun, a name
            for m in reversed(people[bisect_left(starts, s.start) : i + 1]):
                if self._complement(m.start):  # "Me X, avocate de Yasser Assoumani, parle": not him
                    continue
                gap = _SUBJECT_GAP.match(folded, m.end, verb.start())
                if gap and all(key(w) in self.fillers for w in _WORD.findall(folded, gap.end(), verb.start())):
                    return m.canonical
                if self._relative_between(m.end, verb.start()):
                    return m.canonical
            return None
        return None

    def _relative_between(self, end: int, verb: int) -> bool:
        """ "le juge Tarek Bitar, qui a inculpé X et Y, a assuré": a relative clause set apart by commas
        between the subject and its speech verb (after it, only the language's auxiliaries and adverbs)."""
        between = self.folded[end:verb]
        first = _WORD.search(between)
        if not between.startswith(",") or first is None or len(between) > 300:
            return False
        relatives = _quote_words(self.lex).relatives
        last = between.rfind(",")
        return (
            key(first.group()) in relatives
            and last > 0
            and not any(c in between for c in ".;:!?«»“”\"")
            and all(key(w) in self.fillers for w in _WORD.findall(between, last))
        )

    def _complement(self, start: int) -> bool:
        """Is the name at `start` the complement of the word before it ("avocate de", "lawyer for")?"""
        return _complement_at(self.folded, start, self.lex)

    def speaker_nearby(self, offset: int, paragraph: int) -> str | None:
        """A paragraph that is a quote alone, nobody named in it: the one quoted last, a few paragraphs
        back, when no other person has been named since; else the subject of the last speech verb of the
        two paragraphs before ("Jane Roe said the board met twice. ... “We heard everyone.”")."""
        if self.last_said and self.last_said[-1][0] >= paragraph - 3:
            _p, since, who = self.last_said[-1]
            if self._named_since(since, offset) <= {who}:
                return who
        i = bisect_left(self.people_starts, offset) - 1
        if i >= 0 and self.sentence_at(self.people[i].start).paragraph >= paragraph - 2:
            return self.speech_subject_before(offset)
        return None

    def subject_of_paragraph_before(self, offset: int, paragraph: int) -> str | None:
        """A quote nobody is said to speak, in a paragraph that names no person before it: the subject of
        the speech verb of the paragraph before, when it names the last person ("Jane Roe, the minister,
        said the budget is fair." / "It rests on two pillars and “inspires confidence”")."""
        if any(m.type == "person" for m in self.names_in(self.paragraph_start[paragraph], offset)):
            return None
        i = bisect_left(self.people_starts, offset) - 1
        if i < 0 or self.sentence_at(self.people[i].start).paragraph != self.paragraph_before(paragraph):
            return None
        return self.speech_subject_before(offset)

    def paragraph_before(self, p: int) -> int:
        """The paragraph before `p`, captions set aside."""
        p -= 1
        while p in self.captions:
            p -= 1
        return p

    def heard(self, speaker: str, closing: Sentence) -> None:
        """Note who spoke a quote, for the quotes after it (pronouns, organisations named by what they are)."""
        if speaker in self.person_names or speaker == NOBODY:
            self.last_said.append((closing.paragraph, closing.end, speaker))
        elif speaker in self.organisation_names:
            self.org_said.append((closing.paragraph, speaker))
