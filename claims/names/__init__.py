"""People and organisations, under their canonical full names.

No statistical model (see issue 3: spaCy's labels cannot be used raw, and nothing may be downloaded).
Capitalised words are grouped into runs, cleaned, classified with the language data, then resolved
against what the article itself says:

1. Runs: capitalised words of one sentence, joined across name connectors ("Banque de France",
   "University of Cambridge", "Côte d'Ivoire"), split where a given name starts a new name
   ("d'OpenAI Jan Leike"), at a title inside the run ("OpenAI CEO Sam Altman") and between a person
   and the organisation that follows ("Lars Eriksson of Stockholm University").
2. Cleaning: a sentence-initial function word, titles ("Dr", "Sen.", "M.", "Prime Minister") and
   possessives are not part of the name; a title before a name makes it a person. In French, a
   lower-case head opens an organisation ("l'université de Bordeaux") and an organisation word
   carries its lower-case complement ("Haut Conseil des finances publiques").
3. Classification, strongest evidence first: gazetteer and aliases; what is never a name (places,
   nationalities, months, weekdays, acronyms of common nouns, documents and events, portfolios
   after "ministre de", words the article writes in lower case or quotes as terms); organisation
   evidence (organisation words and cues, designators "RC", "Inc", camel-cased brands, acronyms,
   places inside a longer name); person evidence (given names, person cues and titles).
4. Resolution: a surname alone ("Leike") or the end of a full name ("Le Goff") is the person named
   in full elsewhere; a given name alone is the only person with that given name; an acronym
   defined in parentheses ("Agence nationale ... (ANSM)") is that organisation; a short form plus
   designators ("Lens" / "RC Lens") is the same organisation. A capitalised word that only ever
   opens a sentence stays out unless one of these, the gazetteer or a following verb vouches for it.
5. Title Case headlines are not read word by word: only names known from the body are found there.

Each distinct surface form becomes one claim at its first mention, with every mention listed.
"""

from .data import Gazetteer, NameFound, Strength, first_names, name_data
from .find import find_names

__all__ = ["Gazetteer", "NameFound", "Strength", "find_names", "first_names", "name_data"]
