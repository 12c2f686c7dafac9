"""The keys of a language's data file, declared once and checked when the language loads.

The file is claims/data/<code>.toml.

Each section lists its keys with the kind of value each holds: `TEXT` (a string), `FLAG` (true or
false), `LIST` (an array: words, pairs, patterns) or `TABLE` (a table whose own keys are words of the
language, "janvier" = 1). A key is required unless the section names it optional: what one language
has and another has no use for (English capitalises its months, French has none of English's words
that may follow a bare amount). A file that lacks a required key, holds a key no section declares, or
gives a key the wrong kind of value is refused with a message that names them all, instead of the
extractor quietly reading an empty list. docs/languages.md tells what to write in each section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT, FLAG, LIST, TABLE = "text", "flag", "list", "table"
_KINDS: dict[str, type] = {TEXT: str, FLAG: bool, LIST: list, TABLE: dict}


def _is_kind(value: Any, kind: str) -> bool:
    return isinstance(value, _KINDS[kind])


@dataclass(frozen=True)
class Section:
    """The keys of one section: each key's kind, which of them may be left out, and the sections it
    holds (a table of its own, "[dates.past]", or an array of tables, "[[dates.templates]]")."""

    keys: Mapping[str, str]
    optional: frozenset[str] = frozenset()
    sections: Mapping[str, Section] = field(default_factory=dict)
    entries: Mapping[str, Section] = field(default_factory=dict)


def _words(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, LIST)


LANGUAGE = Section(
    {
        "code": TEXT,
        "name": TEXT,
        "decimal_separator": TEXT,
        "thousands_separators": LIST,
        "date_order": TEXT,
        "day_suffixes": LIST,
    }
)
DETECT = Section(_words("function_words", "contractions", "endings", "letter_groups", "signs", "patterns"))
NUMBERS = Section(
    {
        "words": TABLE,
        "multipliers": TABLE,
        "joiners": LIST,
        "fractions": TABLE,
        "vague": TABLE,
        "ordinals": TABLE,
        "approximate": TABLE,
    },
    optional=frozenset({"approximate"}),  # "une cinquantaine de millions": counts by tens, in French
)
SCALES = Section(
    {"words": TABLE, "abbreviations": TABLE, "money_nouns": LIST, "bare_amount_followers": LIST},
    optional=frozenset({"bare_amount_followers"}),  # absent: any word may follow a bare amount
)
CURRENCIES = Section(
    {
        "names": LIST,
        "ambiguous_names": LIST,
        "subunits": LIST,
        "subunit_default": TABLE,
        "symbol_suffixes": LIST,
        "local_names": TABLE,
        "glued_subunits": LIST,
        "weight_of": LIST,
        "weight_names": LIST,
        "name_links": LIST,
        "home_dollars": LIST,
    },
    optional=frozenset({"glued_subunits", "home_dollars"}),  # "173.08c": English share prices; French has none
)
QUALIFIERS = Section(_words("approx", "more", "less", "nearly", "just_over", "range_start", "range_joiners"))
DATES = Section(
    {
        **_words(
            "months",
            "month_abbreviations",
            "weekdays",
            "weekday_abbreviations",
            "this",
            "last",
            "next",
            "month_context",
            "bare_month_prefixes",
            "year_context",
            "year_before_noun",
            "year_after_noun",
            "future_markers_before",
            "future_markers",
            "not_year_after",
            "day_context",
            "numeric_day_before",
            "event_days",
            "event_links",
            "following",
            "weekday_ahead",
            "weekday_articles",
            "future_endings",
            "future_not_after",
            "not_future",
            "since",
            "templates",
        ),
        "named_days": TABLE,
        "holidays": TABLE,
        "foreign_months": LIST,
        "units": TABLE,
        "parts": TABLE,
        "periods": TABLE,
        "seasons": TABLE,
        "period_codes": TABLE,
        "capitalised": FLAG,
        "own_weekday_is_today": FLAG,
        "this_weekday_nearest": FLAG,
        "present_weekday_nearest": FLAG,
    },
    # capitalised: months written with a capital (English); the future_* and not_future words: what
    # makes a bare weekday or month point ahead, in French.
    optional=frozenset(
        {"capitalised", "future_endings", "future_not_after", "not_future", "holidays", "foreign_months", "since"}
    ),
    sections={
        "past": Section(
            _words("auxiliaries", "participle_endings", "verbs", "verb_endings", "then", "not_after"),
            optional=frozenset({"not_after"}),  # words before a participle that make it no past
        )
    },
    entries={"templates": Section({"rule": TEXT, "pattern": TEXT})},
)
NAMES = Section(
    _words(
        "person_cues",
        "titles",
        "function_words",
        "non_entity_heads",
        "non_entity_tails",
        "thing_tails",
        "common_acronyms",
        "organization_words",
        "lowercase_org_heads",
        "head_links",
        "places",
        "elisions",
        "possessives",
        "connectors",
        "subject_verbs",
        "subject_verb_endings",
        "not_names",
        "not_name_patterns",
        "adjective_suffixes",
        "administrative_words",
        "affiliation_words",
        "product_cues",
        "byline_markers",
        "campus_links",
        "demonym_endings",
        "common_noun_endings",
        "designators",
        "legal_form_tails",
        "lone_institutions",
        "national_bodies",
        "demonym_bodies",
        "leader_bodies",
        "platforms",
        "medium_markers",
        "the_countries",
        "opponent_words",
        "org_joiners",
        "org_tail_adjective_endings",
        "org_tail_prepositions",
        "org_tail_bare_prepositions",
        "org_tail_prenominal",
        "foreign_connectors",
        "title_modifiers",
        "list_words",
        "infinitive_endings",
        "plural_endings",
        "organization_articles",
        "organization_cues",
        "organization_titles",
        "particles",
        "person_before",
        "place_hyphen_links",
        "place_heads",
        "place_nouns",
        "place_nouns_after",
        "place_tails",
        "state_heads",
        "inverted_heads",
        "place_hyphen_starts",
        "joined_heads",
        "named_heads",
        "place_prepositions",
        "portfolio_heads",
        "portfolio_prepositions",
        "postnominals",
    )
    | {
        "aliases": TABLE,
        "local_bodies": TABLE,
        "translations": TABLE,
        "national_body_form": TEXT,
        "national_body_home": TEXT,
        "inverted_form": TEXT,
        "name_expansions": TABLE,
        "country_bodies": TABLE,
        "demonym_countries": TABLE,
    },
    # letters after a name ("Jr", "MP"); "University of Arkansas at Little Rock": English. The English
    # names of French canonical names ("Banque mondiale" -> "World Bank"): a language other than English
    optional=frozenset(
        {
            "postnominals",
            "org_tail_prenominal",
            "foreign_connectors",
            "title_modifiers",
            "campus_links",
            "demonym_endings",
            "translations",
            "place_tails",
            "state_heads",
            "joined_heads",
            "place_hyphen_starts",
            "inverted_heads",
            "inverted_form",
            "name_expansions",
            "named_heads",
            "national_body_home",
            "leader_bodies",
            "platforms",
            "medium_markers",
        }
    ),
)
QUOTES = Section(
    _words(
        "pairs",
        "speech_verb_stems",
        "attribution",
        "pronouns",
        "term_markers",
        "negations",
        "coordinators",
        "forms_of_address",
        "addressee_markers",
        "incise_auxiliaries",
        "incise_pronouns",
        "organization_subjects",
        "statement_words",
        "spoken_by",
        "subject_verb_fillers",
        "definite_articles",
        "indefinite_articles",
        "list_joiners",
        "complement_markers",
        "plural_pronouns",
        "complementizers",
        "relative_pronouns",
        "joint_words",
        "clause_attribution",
    )
    | {"roles_of_titles": TABLE, "subject_names": TABLE, "pronoun_sexes": TABLE},
    # words between a subject and its speech verb; the pronouns that tell a speaker's sex
    # and the relative pronouns that open a clause between a subject and its verb ("X, qui ..., a assuré")
    optional=frozenset(
        {
            "subject_verb_fillers",
            "pronoun_sexes",
            "incise_pronouns",
            "relative_pronouns",
            "joint_words",
            "clause_attribution",
        }
    ),
)

# The sections of a language file, in the order the files write them.
LANGUAGE_FILE = Section(
    {},
    sections={
        "language": LANGUAGE,
        "detect": DETECT,
        "numbers": NUMBERS,
        "scales": SCALES,
        "currencies": CURRENCIES,
        "qualifiers": QUALIFIERS,
        "dates": DATES,
        "names": NAMES,
        "quotes": QUOTES,
    },
)


class LanguageDataError(ValueError):
    """A language file that does not follow the schema; the message names every fault."""


def problems(data: Mapping[str, Any], section: Section = LANGUAGE_FILE, where: str = "") -> list[str]:
    """What in `data` (a parsed language file, or one of its sections) the schema refuses."""
    out: list[str] = []
    declared = set(section.keys) | set(section.sections)
    for key, value in data.items():
        name = f"{where}.{key}" if where else key
        if key not in declared:
            out.append(f"[{where}] has a key no section declares: {key!r}" if where else f"an unknown section [{key}]")
        elif key in section.sections:
            if not isinstance(value, dict):
                out.append(f"[{name}] must be a table")
            else:
                out += problems(value, section.sections[key], name)
        elif not _is_kind(value, section.keys[key]):
            out.append(f"[{where}] {key} must be a {section.keys[key]}, not {type(value).__name__}")
        elif key in section.entries:
            for n, entry in enumerate(value, start=1):
                if not isinstance(entry, dict):
                    out.append(f"[[{name}]] entry {n} must be a table")
                else:
                    out += problems(entry, section.entries[key], f"{name} {n}")
    for key in sorted(declared - set(data) - section.optional):
        out.append(f"[{where}] lacks {key}" if where else f"lacks the section [{key}]")
    return out


def check_language_data(code: str, data: Mapping[str, Any]) -> None:
    """Refuse (LanguageDataError) a language file that does not follow the schema."""
    found = problems(data)
    if isinstance(data.get("language"), dict) and data["language"].get("code") != code:
        found.append(f"[language] code is {data['language'].get('code')!r}, but the file is {code}.toml")
    if found:
        raise LanguageDataError(f"claims/data/{code}.toml: " + "; ".join(found))
