"""Date templates compiled: each template of a language file (`[[dates.templates]]`) is a regular
expression with {slots}; `_SLOT_BUILDERS` lists the slots and what each one matches, and each slot
becomes a named group that the date resolvers read. A template also learns the words a match must
hold and may begin with, so that it runs only where one of them is.

Also the patterns that tell whether a clause speaks of the future or the past (`_future_re`, `_past_*`),
which place a date the templates found."""

from __future__ import annotations

import re
import re._constants as _sre  # the parse tree of a date template tells its first words
import re._parser as _sre_parser
from dataclasses import dataclass
from typing import Any, Sequence

from .patterns import alternation, literal_trie, trie
from .text import fold, fold_key


@dataclass(frozen=True)
class DateTemplate:
    rule: str
    pattern: str
    regex: re.Pattern[str]
    # A match always holds one of these words (of `lower_view`) or, when `digits`, a digit; None when
    # no such word is known, and the template runs on every text.
    triggers: frozenset[str] | None = None
    digits: bool = True
    # The words (or DIGITS for a number) a match can begin with; None when the pattern does not say,
    # and the template is scanned over the whole text.
    starts: frozenset[str] | None = None
    # Letters the pattern itself writes that every match holds ("ago", "earlier"): a text without
    # one of them is not tried.
    needs: tuple[str, ...] = ()


def _future_re(dates: dict[str, Any]) -> re.Pattern[str]:
    """Words that say a sentence speaks of the future: markers ("will", "prévu") and, in a language
    that conjugates it, the endings of the future tense ("reprendra", "voteront"), less the words
    that end so without being verbs ("caméra")."""
    # "plus faible que prévu": a comparison with what was expected, not the future
    not_after = "".join(
        f"(?<!{re.escape(w)} )(?<!{re.escape(w)})" if w.endswith("'") else f"(?<!{re.escape(w)} )"
        for w in dates.get("future_not_after", [])
    )
    markers = not_after + trie(dates["future_markers"])
    endings = dates.get("future_endings", [])
    if not endings:
        return re.compile(rf"(?<![\w]){markers}(?![\w])", re.IGNORECASE)
    not_verbs = alternation(dates.get("not_future", []))
    forms = sorted({fold_key(e) for e in endings})
    if not all(f.isascii() and f.isalpha() for f in forms):
        verb = rf"[a-z]{{2,}}{alternation(endings)}(?![\w])"
    else:  # the whole word read at once, then its end looked at, not every ending tried at every letter
        by_length: dict[int, list[str]] = {}
        for form in forms:
            by_length.setdefault(len(form), []).append(form)
        verb = "[a-z]++(?![\\w])(?:" + "|".join(f"(?<=[a-z]{{2}}(?:{'|'.join(f)}))" for f in by_length.values()) + ")"
    # a verb in lower case: "Narendra Modi s'est rendu" holds no future
    return re.compile(
        rf"(?<![\w]){markers}(?![\w])|(?<![\w'])(?!{not_verbs}(?![\w]))(?=(?-i:[a-z])){verb}", re.IGNORECASE
    )


def _past_verbs(past: dict[str, list[str]]) -> list[str]:
    """The forms of a past tense, as regex alternatives on the text as written (accents kept, so that
    the French auxiliary "a" is not the preposition "à"): a past form ("said", "publiée"), a word with
    a past ending, an auxiliary and a participle ("a annoncé", "ont été reçus")."""
    # (only whether these patterns match is read: the verbs as one prefix tree, not a word at a time)
    verbs = [literal_trie(past["verbs"])] if past["verbs"] else []
    if past["verb_endings"]:
        verbs.append(rf"\w+(?:{'|'.join(map(re.escape, past['verb_endings']))})")
    if past["auxiliaries"]:
        aux = "|".join(map(re.escape, past["auxiliaries"]))
        ends = "|".join(map(re.escape, past["participle_endings"]))
        # (after an elided pronoun: "s'étaient rassemblés", "l'a annoncé", "n'avait pas vu")
        verbs.append(rf"(?:[lsnmt]['’])?(?:{aux})(?:-t-(?:il|elle|on))?\s+(?:\w+\s+)?\w*(?:{ends})")
    return verbs


def _past_before_re(past: dict[str, list[str]], future_markers: Sequence[str] = ()) -> re.Pattern[str]:
    """A past tense that ends right before a date, then at most a preposition ("announced on"); a
    participle that opens a future marker is none ("a change expected in June", "scheduled for")."""
    verbs = _past_verbs(past)
    preps = "|".join(map(re.escape, past["then"]))
    if not verbs:
        return re.compile(r"(?!)")
    # "sera adopté vendredi": a participle after these words is no past (fixed-width look-behinds)
    not_after = "".join(f"(?<!{re.escape(w)} )" for w in past.get("not_after", []))
    endings = tuple(past["verb_endings"])
    ahead = sorted({m.split()[0] for m in future_markers if endings and m.split()[0].endswith(endings)})
    not_future = rf"(?!(?:{'|'.join(map(re.escape, ahead))})\s)" if ahead else ""
    return re.compile(
        rf"(?<![\w'’-]){not_after}{not_future}(?:{'|'.join(verbs)})\s+(?:(?:{preps})\s+)?$", re.IGNORECASE
    )


def _past_anywhere_re(past: dict[str, list[str]]) -> re.Pattern[str]:
    """A verb in a past tense anywhere in a text."""
    verbs = _past_verbs(past)
    if not verbs:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w'-])(?:{'|'.join(verbs)})(?![\w'-])", re.IGNORECASE)


# Slots whose words are common ("ce", "last", "fin"): they never make a date on their own, so a
# template is not run just because one of them occurs.
_WEAK_SLOTS = frozenset({"this", "last", "next", "rel", "part", "approx", "count"})
_DIGIT_SLOTS = frozenset(
    {
        "day",
        "day_end",
        "year_end",
        "yy_end",
        "year",
        "any_year",
        "yy",
        "count",
        "nth",
        "ordinal",
        "numeric_date",
        "short_numeric",
    }
)
_TOKEN_RE = re.compile(r"[a-z]+")
_FIRST_TOKEN_RE = re.compile(r"[a-z]+|\d")
DIGITS = "#d"  # the start token standing for any number written in digits


# Slots made of words only, without digits.
_WORD_SLOTS = ("month_name", "weekday", "named_day", "holiday", "foreign_month", "month", "month_end", "unit", "period")


def _required_slots(items: list[Any], names: list[str]) -> set[str]:
    """The slots every match of a parsed template holds (slots are marked as in `_first_tokens`)."""
    found: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL and 0xE000 <= av < 0xE000 + len(names):
            found.add(names[av - 0xE000])
        elif op is _sre.SUBPATTERN:
            found |= _required_slots(list(av[3]), names)
        elif op is _sre.BRANCH:
            found |= set.intersection(*(_required_slots(list(b), names) for b in av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            found |= _required_slots(list(av[2]), names)
    return found


_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _required_literals(items: list[Any], found: list[str]) -> list[str]:
    """The runs of letters written in a parsed template (slots and spaces apart) that every match
    holds: outside alternatives, optional parts and look-arounds."""
    run = ""
    for op, av in items:
        if op is _sre.LITERAL and _letter(av):
            run += chr(av)
            continue
        if len(run) >= 2:
            found.append(run)
        run = ""
        if op is _sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            _required_literals(list(av[3]), found)
        elif op in _REPEATS and av[0] >= 1:
            _required_literals(list(av[2]), found)
    if len(run) >= 2:
        found.append(run)
    return found


def _matched(pattern: re.Pattern[str], text: str) -> str:
    """What `pattern` matches at the start of `text`, which it always does."""
    m = pattern.match(text)
    assert m is not None, (pattern.pattern, text)
    return m.group()


def _anchor_token(word: str) -> str | None:
    """The longest run of letters of a word or phrase: every match of the phrase contains it."""
    tokens = _TOKEN_RE.findall(word)
    return max(tokens, key=len) if tokens else None


class _Unknown(Exception):
    """The first token of a template cannot be told from its pattern."""


def _letter(code: int) -> bool:
    return 97 <= code <= 122


def _class_starts(
    chars: list[Any], prefix: str, slot_starts: dict[str, frozenset[str] | None], names: list[str]
) -> set[str]:
    """The first tokens of a character class in a template ("[0-9]", "(?:{last}|{next})" parsed as a
    class of two slots) after `prefix`, for `_first_tokens`."""
    slots_in = [v - 0xE000 for k, v in chars if k is _sre.LITERAL and 0xE000 <= v < 0xE000 + len(names)]
    if slots_in and len(slots_in) == len(chars) and not prefix:  # "(?:{last}|{next})", parsed as a class
        class_starts = [slot_starts[names[i]] for i in slots_in]
        known = [s for s in class_starts if s is not None]
        if len(known) < len(class_starts):
            raise _Unknown
        return set().union(*known)
    has_letters = any(
        k is _sre.LITERAL
        and _letter(v)
        or k is _sre.RANGE
        and v[1] >= 97
        and v[0] <= 122
        or k is _sre.CATEGORY
        and v in (_sre.CATEGORY_WORD, _sre.CATEGORY_NOT_SPACE)
        or k is _sre.NEGATE
        for k, v in chars
    )
    if has_letters:
        raise _Unknown
    if prefix:
        return {prefix}
    digits = any(
        k is _sre.CATEGORY
        and v is _sre.CATEGORY_DIGIT
        or k is _sre.LITERAL
        and 48 <= v <= 57
        or k is _sre.RANGE
        and v[0] <= 57
        and v[1] >= 48
        for k, v in chars
    )
    if digits:
        return {DIGITS}
    raise _Unknown


def _first_tokens(pattern: str, slot_starts: dict[str, frozenset[str] | None]) -> frozenset[str]:
    """The words (or DIGITS) a match of a template pattern can begin with, read from its parse tree.

    `pattern` holds each slot as one private-use character (U+E000 + its index in `slot_starts`).
    Raises _Unknown for what the walk does not follow (a class of letters, a repeated letter, ...); a
    slot glued to letters ("{weekday}s") is the caller's to refuse.
    """
    names = list(slot_starts)
    tree = list(_sre_parser.parse(pattern))

    def walk(items: list[Any], prefix: str) -> set[str]:
        if not items:
            if prefix:
                return {prefix}
            raise _Unknown
        (op, av), rest = items[0], items[1:]
        if op is _sre.LITERAL:
            if _letter(av):
                return walk(rest, prefix + chr(av))
            if 0xE000 <= av < 0xE000 + len(names):
                starts = slot_starts[names[av - 0xE000]]
                if prefix and starts == frozenset({DIGITS}):
                    return {prefix}  # "fy2024": letters glued to a number are a word of their own
                if prefix or starts is None:
                    raise _Unknown
                return set(starts)
            if prefix:
                return {prefix}
            if 48 <= av <= 57:
                return {DIGITS}
            raise _Unknown
        if op is _sre.IN:
            return _class_starts(av, prefix, slot_starts, names)
        if op is _sre.SUBPATTERN:
            return walk(list(av[3]) + rest, prefix)
        if op is _sre.BRANCH:
            return set().union(*(walk(list(b) + rest, prefix) for b in av[1]))
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, body = av
            if high > 1 and any(o is _sre.LITERAL and _letter(a) for o, a in body):
                raise _Unknown
            out = walk(list(body) + rest, prefix)
            return out | walk(rest, prefix) if low == 0 else out
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            return walk(rest, prefix)
        raise _Unknown

    return frozenset(walk(tree, ""))


def _date_templates(
    lang: dict[str, Any], dates: dict[str, Any], w: dict[str, dict[str, Any]]
) -> tuple[DateTemplate, ...]:
    """Compile the date templates of a language, with what lets the extractor skip most of them.

    Templates run on the lower-case view of the text (`lower_view`). Each gets the words one of
    which any match contains (`triggers`: a template whose words are all absent is not run) and the
    words a match can begin with (`starts`: the template is only tried where one of them begins).
    """
    slots = _slots(lang, dates, w)
    slot_starts = _slot_starts(slots)
    units = set(w["units"])
    return tuple(_template(t, slots, slot_starts, units) for t in dates["templates"])


def _slots(lang: dict[str, Any], dates: dict[str, Any], w: dict[str, dict[str, Any]]) -> dict[str, tuple[str, Any]]:
    """Each {slot} of the templates: its regular expression and the words it holds (None: unknown,
    empty: digits only)."""
    # one piece: the table of slots, an entry a slot, read as one table
    day_suffix = trie(lang.get("day_suffixes", []))
    # Cardinals from two up: "one" and "un" are articles far more often than days.
    day_numbers = {k: v for k, v in w["number_words"].items() if 2 <= v <= 31}
    day_words = {**w["ordinals"], **day_numbers}
    # The unit after a ten: "twenty one", "twenty-first" (not "a" or "un", which are articles).
    day_units = [k for k, v in {**w["number_words"], **w["ordinals"]}.items() if 1 <= v <= 9 and len(k) > 2]
    ordinal_digits = rf"[1-5](?:{day_suffix})"
    weekday_abbr_words = [a for a in w["weekday_abbr"] if a not in w["weekdays"]]
    count_words = [*w["number_words"], *w["vague"]]
    slots: dict[str, tuple[str, Any]] = {  # slot -> (regex, its words)
        "day": (rf"(?P<day>(?:3[01]|[12]\d|0?[1-9])(?:{day_suffix})?(?!\d)|{trie(w['ordinals'])})", w["ordinals"]),
        "day_word": (rf"(?P<day_word>{trie(day_words)}(?:[\s-]+{trie(day_units)})?)", day_words),
        "month": (rf"(?P<month>{trie(list(w['months']) + list(w['month_abbr']))})", [*w["months"], *w["month_abbr"]]),
        # the last day of a range: "du 13 au 15 juin", "May 30 to June 2"
        "day_end": (rf"(?P<day_end>(?:3[01]|[12]\d|0?[1-9])(?:{day_suffix})?(?!\d))", ()),
        # the last year of a range: "between 2017 and 2021", "de 2017 à 2021"
        "year_end": (r"(?P<year_end>(?:1[5-9]\d\d|20\d\d|2100)(?!\d))", ()),
        # the last year of a financial year or a season, in two digits: "2023/24", "2019-20"
        "yy_end": (r"(?P<yy_end>\d\d)(?![\d/.-]\d|\d)", ()),
        "month_end": (
            rf"(?P<month_end>{trie(list(w['months']) + list(w['month_abbr']))})",
            [*w["months"], *w["month_abbr"]],
        ),
        "month_name": (rf"(?P<month_name>{trie(w['months'])})", w["months"]),
        "year": (r"(?P<year>(?:1[5-9]\d\d|20\d\d|2100)(?!\d))", ()),
        # Beside a day and a month, any four-digit year is a year ("5 December 1391").
        "any_year": (r"(?P<year>[12]\d{3}(?!\d))", ()),
        "yy": (r"(?P<yy>'?\d\d)", None),
        "weekday": (rf"(?P<weekday>{trie(w['weekdays'])})", w["weekdays"]),
        # the weekday of a range's last day: "jeudi 29 et vendredi 30 septembre"
        "weekday_end": (rf"(?P<weekday_end>{trie(w['weekdays'])})", w["weekdays"]),
        "weekday_any": (
            rf"(?P<weekday>{trie(list(w['weekdays']) + list(w['weekday_abbr']))})\.?",
            [*w["weekdays"], *w["weekday_abbr"]],
        ),
        # Before a full date: "mardi 28 mai", "Wed, 22 Jan"; an abbreviation only with its stop or
        # comma, so that "Sam" or "Mar" in front of a date stay names.
        "weekday_lead": (
            rf"(?:(?P<weekday>{trie(w['weekdays'])}),?\s+|(?P<weekday_abbr>{trie(weekday_abbr_words)})(?:[.,]\s*|\s+))",
            [*w["weekdays"], *weekday_abbr_words],
        ),
        "count": (rf"(?P<count>\d{{1,3}}|{trie(count_words)}(?:[\s-]+{trie(w['number_words'])})?)", count_words),
        "unit": (rf"(?P<unit>{trie(w['units'])})", w["units"]),
        "this": (rf"(?P<this>{trie(dates['this'])})", dates["this"]),
        "last": (rf"(?P<last>{trie(dates['last'])})", dates["last"]),
        "next": (rf"(?P<next>{trie(dates['next'])})", dates["next"]),
        "rel": (rf"(?P<rel>{trie(w['rel'])})", w["rel"]),
        "nth": (rf"(?P<nth>{trie(w['nth'])}|{ordinal_digits})", w["nth"]),
        "ordinal": (rf"(?P<nth>{trie(w['ordinals'])}|{ordinal_digits})", w["ordinals"]),
        "part": (rf"(?P<part>{trie(w['parts'])})", w["parts"]),
        # "quarter", "trimestre", "semestre"; "Q3", "T3", "H1", "S1"
        "period": (rf"(?P<period>{trie(w['periods'])})", w["periods"]),
        "season": (rf"(?P<season>{trie(w['seasons'])})", w["seasons"]),
        "period_code": (rf"(?P<period_code>{trie(w['period_codes'])})(?P<period_n>[1-4])", w["period_codes"]),
        "named_day": (rf"(?P<named_day>{trie(w['named_days'])})", w["named_days"]),
        "holiday": (rf"(?P<holiday>{trie(w['holidays'])})" if w["holidays"] else "(?!)", w["holidays"]),
        "foreign_month": (
            rf"(?P<foreign_month>{trie(w['foreign_months'])})" if w["foreign_months"] else "(?!)",
            w["foreign_months"],
        ),
        "approx": (rf"(?P<approx>{trie(w['qualifiers'])})", w["qualifiers"]),
        "numeric_date": (
            r"(?P<n1>\d{1,4})(?P<sep>[/.-])(?P<n2>\d{1,2})(?:(?P=sep)|,\s?)(?P<n3>\d{2,4})(?![\d/-]|\.\d)"
            r"|(?P<d1>\d{1,2})/(?P<d2>\d{1,2})(?![\d/])",
            (),
        ),
        # "4.22" or "4-22" without a year: a date only right after "on" and before the end of a clause
        # (the template says so), since it is a decimal number or a score everywhere else.
        "short_numeric": (r"(?P<d1>\d{1,2})[.-](?P<d2>\d{1,2})", ()),
    }
    return slots


def _slot_starts(slots: dict[str, tuple[str, Any]]) -> dict[str, frozenset[str] | None]:
    """The first tokens of each slot (None when a word of it has none)."""
    slot_starts: dict[str, frozenset[str] | None] = {}
    for name, (_, words) in slots.items():
        if words is None:
            slot_starts[name] = None
            continue
        firsts = {_FIRST_TOKEN_RE.match(fold_key(word)) for word in words}
        starts = {DIGITS if f.group()[0].isdigit() else f.group() for f in firsts if f}
        if None in firsts:
            slot_starts[name] = None
            continue
        slot_starts[name] = frozenset(starts | ({DIGITS} if name in _DIGIT_SLOTS else set()))
    return slot_starts


def _template(
    t: dict[str, Any], slots: dict[str, tuple[str, Any]], slot_starts: dict[str, frozenset[str] | None], units: set[str]
) -> DateTemplate:
    """One template compiled, with the words that trigger it and the words a match begins with."""
    names = list(slot_starts)
    pattern = re.sub(
        r"\\.|[A-Z]", lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), fold(t["pattern"])
    )
    pattern = pattern.replace(" ?", r"\s?").replace(" ", r"\s+")
    used = re.findall(r"\{(\w+)\}", pattern)
    body = re.sub(r"\{(\w+)\}", lambda m: f"(?:{slots[m.group(1)][0]})", pattern)
    triggers = {_anchor_token(fold_key(word)) for s in used if s not in _WEAK_SLOTS for word in slots[s][1] or ()}
    literals = _TOKEN_RE.findall(re.sub(r"\{\w+\}|\\.|\(\?(?:P<\w+>|<?[=!]|:)", " ", pattern))
    triggers |= {word for word in literals if word in units}
    triggers.discard(None)
    digits = any(s in _DIGIT_SLOTS for s in used) or r"\d" in pattern
    regex = re.compile(rf"(?<![\w/.-]){body}(?![\w/])")
    # A slot glued to letters ("{weekday}s") is not a word of its own in the text: no trigger.
    glued = re.search(r"\}[a-z]|[a-z]\{", pattern) is not None
    marked = re.sub(r"\{(\w+)\}", lambda m: chr(0xE000 + names.index(m.group(1))), pattern)
    # A slot every match holds, made of words only ("{month} {day}" always has its month): its
    # words alone trigger the template, digits or not.
    parsed = list(_sre_parser.parse(marked))
    required = [s for s in _required_slots(parsed, names) if s in _WORD_SLOTS]
    if required:
        triggers = {_anchor_token(fold_key(word)) for word in slots[required[0]][1]} - {None}
        digits = False
    known = frozenset(word for word in triggers if word is not None) if (triggers or digits) and not glued else None
    first_words: frozenset[str] | None
    try:
        if glued:
            raise _Unknown
        first_words = _first_tokens(marked, slot_starts)
    except _Unknown:
        first_words = None
    needs = () if regex.flags & re.IGNORECASE else tuple(dict.fromkeys(_required_literals(parsed, [])))
    return DateTemplate(t["rule"], t["pattern"], regex, known, digits, first_words, needs)
