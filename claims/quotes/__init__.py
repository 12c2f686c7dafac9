"""Direct quotes: their marks, their kind (speech or quoted term) and their speaker.

Pairing. Marks are read once, left to right, with a stack per paragraph, so the cost stays linear
whatever the text (unclosed and stray marks included). « », “ ”, „ “, ‹ › and ‘ ’ pair by kind;
straight double quotes open where a word starts and close where one ends. An apostrophe inside a
word (l’AGI, don’t, it’s) never closes a quote, and ‘ before a digit (‘90s) never opens one. A quote
still open at the end of a paragraph continues when the next paragraph opens with the same mark,
as French and English typography do; otherwise it is dropped. Quotes inside another quote belong
to it.

Kind. A quote introduced as a name or a term ("une approche appelée « IA constitutionnelle »",
"l'équipe « Superalignment »", "dubbed “Project Sunrise”"), or a short capitalised label, is a
`term`; everything else is `speech`.

Speaker, in this order: an attribution after the quote in its sentence ("», a-t-il déclaré",
"” said Jan Leike", "” he wrote"); an attribution before it ("selon X", "according to X"), or the
subject of a speech verb or a colon before it; the previous speaker of the paragraph; the
paragraph's first person (or, when a speech verb has no named subject, its first organisation);
and for a paragraph that opens with a quote, the last speaker of the paragraph before. People win
over organisations, and a name after "à", "to", "told" is the one spoken to, not the speaker.
Pronouns point back to the last person named; a plural one to the people named together last. A
speaker the article leaves unnamed ("” a lawyer said", "the doctors said") gives no speaker, to the
quotes that point back to it too (quotes/unnamed.py).
"""

from .find import find_quotes
from .pairing import QuoteFound, QuoteSpan, find_quote_spans, quote_kind, quote_text

__all__ = ["QuoteFound", "QuoteSpan", "find_quote_spans", "find_quotes", "quote_kind", "quote_text"]
