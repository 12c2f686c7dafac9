"""Everyday short forms of given names ("Mike" for "Michael", "Bill" for "William"): a person an
article names by the short form is the one a record names in full (checker/compare.py's
`name_agreement`), and is looked up under the initial of either form (checker/candidates.py).
The table is written here from common usage, not from any article."""

from __future__ import annotations

from claims.text import fold_lower, person_key

_SHORT_FORMS = {
    "abby": ("abigail",),
    "al": ("albert", "alan", "alfred", "alexander"),
    "alex": ("alexander", "alexandra", "alexandre", "alexis"),
    "andy": ("andrew",),
    "ben": ("benjamin",),
    "beth": ("elizabeth",),
    "bill": ("william",),
    "billy": ("william",),
    "bob": ("robert",),
    "bobby": ("robert",),
    "cathy": ("catherine", "katherine"),
    "charlie": ("charles",),
    "chris": ("christopher", "christine", "christina"),
    "chuck": ("charles",),
    "dan": ("daniel",),
    "danny": ("daniel",),
    "dave": ("david",),
    "debbie": ("deborah",),
    "dick": ("richard",),
    "don": ("donald",),
    "doug": ("douglas",),
    "ed": ("edward",),
    "eddie": ("edward",),
    "fred": ("frederick",),
    "greg": ("gregory",),
    "harry": ("henry", "harold"),
    "jack": ("john",),
    "jake": ("jacob",),
    "jeff": ("jeffrey",),
    "jen": ("jennifer",),
    "jenny": ("jennifer",),
    "jim": ("james",),
    "jimmy": ("james",),
    "joe": ("joseph",),
    "jon": ("jonathan",),
    "josh": ("joshua",),
    "kate": ("katherine", "catherine", "kathleen"),
    "ken": ("kenneth",),
    "larry": ("lawrence",),
    "liz": ("elizabeth",),
    "matt": ("matthew",),
    "meg": ("margaret",),
    "mick": ("michael",),
    "mike": ("michael",),
    "nick": ("nicholas",),
    "pat": ("patrick", "patricia"),
    "peggy": ("margaret",),
    "pete": ("peter",),
    "phil": ("philip", "phillip"),
    "ray": ("raymond",),
    "rick": ("richard",),
    "rob": ("robert",),
    "ron": ("ronald",),
    "sam": ("samuel", "samantha"),
    "steve": ("steven", "stephen"),
    "sue": ("susan",),
    "ted": ("edward", "theodore"),
    "tim": ("timothy",),
    "tom": ("thomas",),
    "tommy": ("thomas",),
    "tony": ("anthony",),
    "will": ("william",),
}


def full_names(given: str) -> tuple[str, ...]:
    """The full given names a folded short form may stand for ("mike" -> "michael"); () for others."""
    return _SHORT_FORMS.get(given, ())


def person_keys(name: str) -> tuple[str, ...]:
    """The initial+surname keys a person may be indexed under: their own ("bill gates" -> "b gates")
    and those of the full names their given name is short for ("w gates")."""
    key = person_key(name)
    if not key:
        return ()
    first = fold_lower(name).replace("-", " ").replace(".", " ").split()[0]
    surname = key.split(" ", 1)[1]
    return tuple(dict.fromkeys([key] + [f"{full[0]} {surname}" for full in full_names(first)]))
