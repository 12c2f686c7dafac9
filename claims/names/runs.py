"""Stage 1 and 2 of name finding: runs of capitalised tokens (claims/names/tokens.py) joined across connectors, split at
titles and between a person and an organisation; French organisation names with lower-case words.
"""

import re
from functools import lru_cache
from typing import TypedDict, Unpack

from ..lexicon import surname_prefixes
from .data import _SPACE_GAP, _Candidate, _NameData, _Token

# ---- runs ---------------------------------------------------------------------------------------


# (a web address's words are no lower-case use: "google.fr", "www.amazon.com")
_LOWER_RE = re.compile(r"(?<![A-Za-z./@])[a-z][a-z-]*(?![A-Za-z])(?!\.[a-z])")


def _gap(folded: str, a: _Token, b: _Token) -> str | None:
    """The connector between two capitalised tokens ("" for plain space), or None if they do not join."""
    if a.sentence != b.sentence:
        return None
    if _SPACE_GAP.fullmatch(folded, a.end, b.start):
        return ""
    gap = folded[a.end : b.start]
    if gap[:1] == "'" and gap[1:].isspace() and len(gap) <= 3 and a.text[-1:] in "sS":
        return "'"  # "National Music Publishers' Association"
    if len(gap) > 16 or not gap[:1].isspace():
        return None
    return " ".join(gap.lower().split())


def _saints_own(folded: str, current: list[_Token], tok: _Token) -> bool:
    """A saint's name in the possessive, then a capitalised word: "St Mary's Hospital"."""
    return (
        len(current) >= 2
        and current[-2].key.rstrip(".") in _SAINTS
        and current[-1].sentence == tok.sentence
        and folded[current[-1].end : tok.start] == "'s "
    )


def _saint_abbreviated(folded: str, a: _Token, b: _Token, data: _NameData) -> bool:
    """ "St." or "Ste." then a capitalised word of the same sentence that is no function word."""
    return (
        a.text in ("St", "Ste")
        and a.sentence == b.sentence
        and folded[a.end : b.start] in (". ", ".\u00a0")
        and b.key not in data.function_words
    )


@lru_cache(maxsize=None)
def _portfolios_on(joiners: frozenset[str]) -> re.Pattern[str]:
    """The rest of a list of portfolios after a comma: more capitalised briefs, then a joiner of the
    language's organisation names ("and") and the last."""
    joined = "|".join(map(re.escape, sorted(joiners))) or "(?!)"
    return re.compile(
        rf"(?<![\w'-])(?:[A-Z][\w'-]*+(?: [A-Z][\w'-]*+)?, ){{0,6}}+[A-Z][\w'-]*+(?: [A-Z][\w'-]*+)?,? (?:{joined}) [A-Z]"
    )


def _portfolio_listed(folded: str, a: _Token, b: _Token, current: list[_Token], data: _NameData) -> bool:
    """A comma inside a ministry's list of portfolios that "and" closes ("Ministry of Transport,
    Communications and Information Technology"): the list is one name."""
    return (
        a.sentence == b.sentence
        and folded[a.end : b.start] == ", "
        and any(t.key in data.joined_heads for t in current[:-1])
        and b.key not in data.given
        and _portfolios_on(data.org_joiners).match(folded, b.start) is not None
    )


def _runs(tokens: list[_Token], folded: str, data: _NameData) -> list[list[_Token]]:
    """Runs of capitalised tokens of one sentence, joined by plain spaces or name connectors."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    given_split = False  # `current` was split off its run at a given name

    def close(run: list[_Token]) -> None:
        # A given name that ends the run is a surname after all ("Valérien Ismaël", "Mostafa Mohamed")
        if given_split and len(run) == 1:
            runs[-1].extend(run)
        else:
            runs.append(run)

    for i, tok in enumerate(tokens):
        if current:
            prev = current[-1]
            gap = _gap(folded, prev, tok)
            if gap is None and _saint_abbreviated(folded, prev, tok, data):
                gap = ""  # "St. Lucia Times", "St. Kilda": the abbreviated saint opens the name
            elif gap is None and _saints_own(folded, current, tok):
                gap = ""  # "St Mary's Hospital", "Saint Patrick's College": the saint's, one name
            elif gap is None and _portfolio_listed(folded, prev, tok, current, data):
                gap = "and"  # "Ministry of Transport, Communications and Information Technology"
            joined = _joins(current, tok, gap, data)
            # "d'OpenAI Jan Leike": a given name starts a new name
            split_here = (
                joined
                and gap == ""
                and tok.key in data.given
                and prev.key not in data.given
                and (prev.key not in data.organization_words or _brief_before(folded, current, data))
                and not _ends_title(current, data)
                and not _unknown_given_name(current, folded, data)
                and f"{prev.key} {tok.key}" not in data.towns  # "San Jose Sharks": a town's name, no person's
                and not _company_word_next(tokens, i, folded, data)  # "Glasgow Marine Engineering Ltd"
            )
            if joined and not split_here and not _ends_before(current, tok, gap, data, folded):
                current.append(tok)
                continue
            close(current)
            given_split = split_here
            current = [tok]
            continue
        current = [tok]
    if current:
        close(current)
    return runs


def _company_word_next(tokens: list[_Token], i: int, folded: str, data: _NameData) -> bool:
    """Whether the token after `tokens[i]` (a given name) goes on a company's name: an organisation
    word or a designator right after it ("Marine" in "Glasgow Marine Engineering Ltd" is no person)."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        nxt is not None
        and _gap(folded, tokens[i], nxt) == ""
        and (nxt.key in data.organization_words or nxt.key in data.designators)
    )


def _ends_before(current: list[_Token], tok: _Token, gap: str | None, data: _NameData, folded: str) -> bool:
    """Whether the run `current` ends before `tok` although the gap would join them."""
    prev = current[-1]
    if gap == "" and len(current) == 1 and _people_noun(prev, tok, data, folded):
        return True  # "le Somalien | Khadar Ahmed", "le Brugeois | Arnaut Danjuma"
    if (
        gap == ""
        and tok.key in data.given
        and prev.key in data.not_names
        and sum(t.key not in data.function_words for t in current) >= 2
    ):
        return True  # "Texas Democrat | Lloyd Doggett": a label ends at its adjective
    if gap == "" and tok.key in data.weekdays and prev.key not in data.given:
        return True  # "approved by the Milwaukee Common Council Tuesday": the day it was, not the name
    if gap in data.split_connectors:
        person = [t for t in current[:4] if t.key not in data.titles]
        if len(person) >= 2 and person[0].key in data.given:
            return True  # "(Prof.) Lars Eriksson of Stockholm University"
        if len(person) == 2 and not any(
            t.key in data.organization_words or t.key in data.places or t.key in data.common_words for t in current
        ):
            return True  # "MP Valius Ąžuolas of the Farmers and Greens": two unknown words, a person's
        if len(person) == 1 and person[0].key in data.given and tok.key in data.places:
            return True  # "President Samia Suluhu Hassan of Tanzania": a surname, then the country
    if (
        gap in _AFFILIATION_PARTICLES
        and len(current) == 2
        and current[0].key in data.given
        and current[1].key not in data.given
        and tok.key not in data.given
    ):
        return True  # "Jennifer Zabasajja de Bloomberg": a given name and a surname, then where she works
    if gap in data.org_joiners and _acronym_alone(tok) and not _acronym_alone(prev):
        return True  # "the Ministry of Transport and TRC": a body, then another by its acronym
    if gap and " ".join(t.key for t in current) in data.places and tok.key not in data.places:
        return True  # "la sortie de la Grande-Bretagne de l'Union européenne": a place ends there
    # "l'équipe Superalignment d'OpenAI": a brand stands on its own
    return bool(gap) and len(tok.text) > 2 and _brand(tok.text) and prev.key not in data.organization_words


def _acronym_alone(tok: _Token) -> bool:
    """A word in capitals only, of two letters or more ("TRC", "SNCF"), no initial ("J.")."""
    return len(tok.text) >= 2 and tok.text.isupper() and tok.text.isalpha()


# Particles that open a surname after a given name ("Charles de Gaulle") but, after a given name and a
# surname, say where the person is from or works ("Jennifer Zabasajja de Bloomberg"); not "d'" ("Valéry
# Giscard d'Estaing").
_AFFILIATION_PARTICLES = frozenset({"de", "du", "des"})


def _people_noun(prev: _Token, tok: _Token, data: _NameData, folded: str) -> bool:
    """A nationality or a town's people as a noun after an article ("le Somalien", "le Brugeois"), then
    a name that is neither an organisation's word nor a common word: the person it describes."""
    before = folded[max(0, prev.start - 4) : prev.start].lower().split()
    return (
        bool(before)
        and before[-1] in data.organization_articles
        and prev.key.endswith(data.demonym_endings)
        and len(prev.key) > 6
        and tok.key not in data.organization_words
        and tok.key not in data.common_words
        and tok.key not in data.places
    )


def _joins(current: list[_Token], tok: _Token, gap: str | None, data: _NameData) -> bool:
    """Does `tok` go on the run `current` across `gap` (_gap)?"""
    if gap in data.list_joiners:
        # "Ministry of Information and Communication": a ministry joins its portfolios (not a person)
        # (not after a word that is also a title: "Ministry of Justice and Prison" would read "Justice
        # Prison" as a judge)
        return (
            tok.key not in data.given
            and current[-1].key not in data.titles
            and any(t.key in data.joined_heads for t in current[:-1])
        )
    return (
        gap == ""
        # not "Joshua Reynolds' Portrait", nor "Coastline News' Harry Denholm" (a person after it)
        or (gap == "'" and current[0].key not in data.given and tok.key not in data.given)
        or (gap is not None and gap in data.connectors)
    )


def _unknown_given_name(run: list[_Token], folded: str, data: _NameData) -> bool:
    """ "Juliari Peter Batubara", "Arsène Daniel Ngrepayo": one plain capitalised word that no list
    knows, before a given name, is a first given name the lists lack, not a company before a person
    ("d'OpenAI Jan Leike", "Police Peter Smith": a brand, a common word). A title may open the run
    ("Social Affairs Minister Juliari Peter Batubara"), and a word that opens the sentence ("Selon")."""
    while len(run) > 1 and run[0].key in data.function_words:
        run = run[1:]
    if (
        len(run) > 1
        and not _ends_title(run[:-1], data)
        and run[-2].key not in data.person_cues
        and not (len(run) == 2 and run[0].key in data.given)  # "Luiz Inacio Lula da Silva": a middle name
    ):
        return False
    if _brief_before(folded, run, data):  # "la ministre de la Culture Roselyne Bachelot"
        return False
    t = run[-1]
    k = t.key
    return (
        len(t.text) > 2
        and t.text[0].isupper()
        and t.text[1:].islower()
        and k not in data.organization_words
        and k not in data.aliases
        and k not in data.places
        and k not in data.towns
        and k not in data.common_words
        and k not in data.calendar
        and k not in data.not_names
        and k not in data.function_words
        and k not in data.titles
    )


def _brief_before(folded: str, run: list[_Token], data: _NameData) -> bool:
    """ "la ministre de la Culture Roselyne Bachelot", "le président du Centre Serge Lasvignes": one
    organisation word after a role and its connector is the role's brief, and a person follows."""
    if len(run) != 1:
        return False
    words = _words_before(folded, run[0].start, 0)
    for n in (2, 1):  # "de la", "du"
        if len(words) > n and " ".join(words[-n:]) in data.connectors:
            return any(w in data.person_cues for w in words[:-n])
    return False


def _ends_title(tokens: list[_Token], data: _NameData) -> bool:
    """Do the tokens end with a title ("Sen.", "Chief Financial Officer")?"""
    return any(
        " ".join(t.key for t in tokens[-n:]) in data.titles
        for n in range(1, min(data.title_max_words, len(tokens)) + 1)
    )


_BRAND_RE = re.compile(r"[^\W\d_][A-ZÀ-ÖØ-Þ]")


def _brand(word: str) -> bool:
    """ "OpenAI", "NASA", "eBay": a capital right after a letter, which no ordinary word has.

    Not after a hyphen or an apostrophe ("Emilia-Romagna", "O'Connell"), nor in surnames such as
    "McDonald", "DeSantis" or "DiCaprio".
    """
    return _BRAND_RE.search(word) is not None and not _surname_prefix().match(word)


@lru_cache(maxsize=1)
def _surname_prefix() -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(map(re.escape, surname_prefixes()))})(?=[A-Z][a-z])")


def _initials_token(t: _Token) -> bool:
    """ "BV", "DY": two or three capitals, a person's initials written together (Indian press)."""
    return 2 <= len(t.text) <= 3 and t.text.isupper() and t.text.isalpha()


def _title_length(tokens: list[_Token], i: int, data: _NameData) -> int:
    """How many tokens from i form a title ("Prime Minister" -> 2), 0 if none."""
    if tokens[i].key not in data.title_starts:
        # "Justices BV Nagarathna", "Senators Mike Lee": a title in the plural before a name
        if i + 1 == len(tokens) or tokens[i].key not in data.title_forms:
            return 0
        nxt = tokens[i + 1]
        return 1 if nxt.key in data.given or _initials_token(nxt) else 0
    for n in range(min(data.title_max_words, len(tokens) - i), 0, -1):
        if " ".join(t.key for t in tokens[i : i + n]) in data.titles:
            return n
    return 0


def _split_titles(run: list[_Token], folded: str, data: _NameData) -> list[_Candidate]:
    """Drop an initial function word and titles; a title inside a run splits it in two.

    "Sen. Maria Castellanos" is a person; "OpenAI CEO" leaves OpenAI; "Minister for Health" leaves
    a brief, which stays only if something else makes it an organisation ("CEO of OpenAI").
    """
    tokens = list(run)
    person_cue = weak = False
    if " ".join(t.key for t in tokens) in data.aliases:
        return _finish(tokens, data)  # "La Presse", "Le Devoir": the article is the name's
    if (
        len(tokens) > 1
        and tokens[0].initial
        and not any(
            tokens[0].key in words
            for words in (data.organization_words, data.given, data.designators, data.places, data.not_names)
        )
        and " ".join(t.key for t in tokens[1:]) in data.aliases
        and not _gap(folded, tokens[0], tokens[1])
    ):
        # "Former Metropolitan Police officers", "Staff The Canadian Press": the sentence's first word
        # is no part of the known name after it
        return _finish(tokens[1:], data)
    if (
        len(tokens) > 1
        and tokens[0].initial
        and tokens[0].key not in data.organization_words
        and tokens[0].key not in data.given
        and tokens[0].key not in data.designators
        and _gap(folded, tokens[0], tokens[1])
        and not _title_length(tokens, 0, data)  # "Minister of Agriculture Tavish Orme": a title, read below
    ):
        # "Shares of Helios", "Residents of Tucson": the sentence's first word is not the name's.
        tokens[1] = _unmarked(tokens[1])
        tokens.pop(0)
    tokens, person_cue, weak = _leading_words_dropped(tokens, folded, data)
    return _split_at_titles(tokens, folded, data, person_cue, weak)


def _unmarked(t: _Token) -> _Token:
    """The token no longer first of its sentence (its capital then says something)."""
    return _Token(t.text, t.start, t.end, t.key, False, t.sentence, t.capital)


def _leading_words_dropped(tokens: list[_Token], folded: str, data: _NameData) -> tuple[list[_Token], bool, bool]:
    """The words before a name: "Boston-based", an article, titles and jobs; with whether they say a
    person follows (`person_cue`) or a brief that only an organisation's evidence keeps (`weak`)."""
    person_cue = weak = False
    while tokens:
        t = tokens[0]
        if len(tokens) > 1 and data.adjective_suffixes and t.key.endswith(data.adjective_suffixes):
            tokens.pop(0)  # "Boston-based Calloway Biotherapeutics"
            continue
        if data.adjective_suffixes and (
            cut := next(
                (i for i in range(len(tokens) - 2, 0, -1) if tokens[i].key.endswith(data.adjective_suffixes)), 0
            )
        ):
            del tokens[: cut + 1]  # "New York-based AIG": the place's words go with their suffix
            continue
        if (
            t.key in data.function_words
            and len(tokens) > 1
            and (
                t.initial
                or t.text in ("A", "An")  # "A Holyrood committee" after a quote mark or a heading
                or (
                    " ".join(x.key for x in tokens[1:]) in data.places  # "Au Sénégal"
                    and " ".join(x.key for x in tokens) not in data.alias_prefixes  # "La France insoumise"
                )
            )
        ):
            tokens.pop(0)
            tokens[0] = _unmarked(tokens[0])
            continue
        dropped = _title_dropped(tokens, folded, data, weak)
        if dropped is None:
            break
        tokens, person_cue, weak = dropped
    return tokens, person_cue, weak


def _title_dropped(
    tokens: list[_Token], folded: str, data: _NameData, weak: bool
) -> tuple[list[_Token], bool, bool] | None:
    """The tokens after a title or a job that opens them, with what it says of them (a title joined to
    the name keeps the `weak` of what came before it); None when none opens them."""
    t = tokens[0]
    n = _title_length(tokens, 0, data)
    if n == 1 and t.key in _SAINTS and len(tokens) > 2 and tokens[-1].key in data.organization_words:
        return None  # "St Mary's Hospital", "Saint Patrick's College": the saint names the body
    if (
        n
        and not _REGNAL.fullmatch(tokens[-1].text)  # "Prince Albert II": a sovereign, not the town
        and any(
            (words := " ".join(x.key for x in tokens[:k])) in data.places or words in data.towns
            for k in range(n + 1, min(len(tokens), n + 3) + 1)
        )
    ):
        return None  # "Saint Lucia", "St. Lucia Times": a place's name, not a title and a person
    if (
        n
        and n < len(tokens)
        and (
            _gap(folded, tokens[n - 1], tokens[n])  # "Chairman of the Arland Tourism Authority"
            or not (tokens[-1].key in data.organization_words and not any(t.key in data.given for t in tokens[n:]))
        )
    ):
        # a title, unless it begins a company's name ("Duke Energy", "King Digital Group")
        gap = _gap(folded, tokens[n - 1], tokens[n])
        rest = tokens[n:]
        if not gap:
            return rest, True, weak
        # "Secretary of State", "CEO of OpenAI"; "Minister of Health Kwame Ashdale": the brief, then
        # the person who holds it
        k = _person_after_brief(rest, data)
        return (rest[k:], True, False) if k else (rest, False, True)
    if (
        not n
        and len(tokens) > 1
        and t.key in data.person_cues
        and t.key not in data.organization_words
        and _gap(folded, t, tokens[1])
    ):
        # "Directeur de l'Agence française de développement", "Wali de Bank Al-Maghrib": a job written
        # with a capital, then where it is held; "Chief of Staff Tharindu Weerakoon"
        rest = tokens[1:]
        k = _person_after_brief(rest, data)
        return (rest[k:], True, False) if k else (rest, False, True)
    return None


_SAINTS = frozenset({"st", "saint"})  # abbreviated or not, also a title ("Saint Paul", "St. Jude")
_REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{1,3}|V)")  # a sovereign's number: "II", "XIV"


def _split_at_titles(
    tokens: list[_Token], folded: str, data: _NameData, person_cue: bool, weak: bool
) -> list[_Candidate]:
    """A title inside the run splits it in two ("OpenAI CEO Sam Altman")."""
    out: list[_Candidate] = []
    i = 1
    while i < len(tokens):
        n = _title_length(tokens, i, data)
        if n and i + n == len(tokens) and all(t.key in data.given for t in tokens[:i]) and tokens[i].text[1:].islower():
            n = 0  # "Angus King", "Billie Jean King": given names, then a surname that is also a title
        if n and i + n < len(tokens) and tokens[i + n].key in data.organization_words:
            n = 0  # "Kirkwall Sheriff Court": a title's word inside a body's name
        if n == 1 and tokens[i].key in _SAINTS and tokens[-1].key in data.organization_words:
            n = 0  # "Kingston and St Andrew Parish Court": a saint's name inside a body's
        if (
            n
            and i + n == len(tokens)
            and tokens[i - 1].key in data.organization_words
            and _gap(folded, tokens[i - 1], tokens[i])
        ):
            break  # "Office of the Governor", "Office of the Prime Minister": the body of that office
        if n:
            title = " ".join(t.key for t in tokens[i : i + n])
            if not _brief_of(tokens[:i], title, data) and not _lone_brief(tokens[:i], title, data):
                org_title = title in data.organization_titles
                out.extend(_finish(tokens[:i], data, org_title=org_title, weak=True, person_cue=person_cue))
            title_end, rest, i = tokens[i + n - 1], tokens[i + n :], 1
            while rest and (n := _title_length(rest, 0, data)) and n < len(rest):
                title_end, rest = rest[n - 1], rest[n:]  # "Minister Dr Juma Al Ka'abi": a title after a title
            if rest and _gap(folded, title_end, rest[0]):
                # "NRL General Manager of Integrity": the title's brief, then maybe its holder
                k = _person_after_brief(rest, data)
                tokens, person_cue, weak = (rest[k:], True, False) if k else (rest, False, True)
            else:
                tokens, person_cue, weak = rest, True, False
            continue
        i += 1
    out.extend(_finish(tokens, data, person_cue=person_cue, weak=weak))
    return out


def _brief_of(words: list[_Token], title: str, data: _NameData) -> bool:
    """ "Embattled Transport Secretary": a participle opening the sentence, then the brief of a
    minister's title, is no organisation's name ("Home Office Minister" keeps its office)."""
    return (
        len(words) > 1
        and title in data.portfolio_probes
        and title not in data.organization_titles
        and words[0].initial
        and words[0].key.endswith(data.subject_verb_endings)
        and words[0].key not in data.organization_words
        and all(t.key in data.organization_words or t.key in data.common_words for t in words[1:])
    )


def _lone_brief(words: list[_Token], title: str, data: _NameData) -> bool:
    """ "Labour Minister Steven MacKinnon": one word the data knows as no name of its own, before a
    minister's title, is the minister's brief (not the party "Labour")."""
    return (
        len(words) == 1
        and title in data.portfolio_probes
        and (words[0].key in data.not_names or words[0].key in data.common_words)
    )


def _person_after_brief(tokens: list[_Token], data: _NameData) -> int:
    """Where the person starts in what follows "Minister of", "Chief of": the brief ("Health", "Foreign
    Affairs"), then a given name and at least one more word; 0 when no known given name follows the
    brief's first word and no organisation word is in the name ("Commissioner of Police Jane Mwangi":
    the brief may be a body's word)."""
    for k in range(1, len(tokens) - 1):
        brief = " ".join(t.key for t in tokens[: k + 1])
        if brief in data.towns or brief in data.places:
            continue  # "Mayor of Port Maria Richard Creary": the given name ends a town's name
        if tokens[k].key in data.given and not tokens[k].initial:
            return 0 if any(t.key in data.organization_words for t in tokens[k:]) else k
    # "Chief of Staff Tharindu Weerakoon", "Director General of Police Manoj Yadava": a brief of one
    # common or organisation word, then two words no one knows
    if (
        len(tokens) == 3
        and (tokens[0].key in data.common_words or tokens[0].key in data.organization_words)
        and not any(t.key in data.common_words or t.key in data.organization_words for t in tokens[1:])
    ):
        return 1
    return 0


class _Flags(TypedDict, total=False):
    """The _Candidate flags that _split_titles passes on to _finish."""

    person_cue: bool
    org_title: bool
    weak: bool


def _finish(tokens: list[_Token], data: _NameData, **flags: Unpack[_Flags]) -> list[_Candidate]:
    while len(tokens) > 1 and (
        (tokens[-1].key in data.function_words and not _designator_in_capitals(tokens[-1], data))
        or tokens[-1].key in data.postnominals
    ):
        # "Rupert Vance KC"; "Mme B. Il ...", where the splitter did not see that "Il" starts a sentence
        tokens = tokens[:-1]
    if len(tokens) > 2 and _TICKER.fullmatch(tokens[-1].text) and tokens[-2].key in data.designators:
        tokens = tokens[:-1]  # "Apex Group Inc APX.O": the company's ticker after its legal form
    if not tokens:
        return []
    return [_Candidate(list(tokens), tokens[0].start, tokens[-1].end, tokens[0].sentence, **flags)]


_TICKER = re.compile(r"[A-Z]{1,6}\.[A-Z]{1,2}")


def _designator_in_capitals(t: _Token, data: _NameData) -> bool:
    """ "Eiendomsspar AS": a company's legal form in capitals, not the word "as"."""
    return t.text.isupper() and t.key in data.designators


def _words_before(folded: str, start: int, floor: int) -> list[str]:
    """Up to three lower-cased words right before `start`, within the sentence ("le PDG", "analyst at")."""
    words = folded[max(floor, start - 48) : start].lower().split()[-3:]
    if words:
        words[-1] = words[-1].rstrip(",")
        if not words[-1]:
            words.pop()
    # "l'entraîneur lyonnais": the cue is the word after the elided article.
    return [w[w.index("'") + 1 :] if "'" in w[:-1] else w.rstrip(".") for w in words]
