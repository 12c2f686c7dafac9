"""Dates: absolute and relative expressions, resolved against the publication date.

Each template of the language file (see fr.toml, `[[dates.templates]]`) names a rule; the rule's
resolver below turns the template's groups into a `DateValue` at the precision the text gives.
Conventions, in the newsroom's sense:
- a bare month or a day without a year means the latest one on or before publication, unless the
  sentence speaks of the future ("sera", "will"), then the next one;
- "la semaine dernière" / "last week" is the previous ISO week; "prochain" / "next" with a weekday is
  that day in the next ISO week; "dernier" / "last" with a weekday is the latest such day before;
- "il y a deux semaines" is a day, with bounds as loose as the unit ("two years ago" +/- 6 months);
  a qualifier ("moins de", "about") marks it approximate and bounds it accordingly;
- "du 13 au 15 juin", "May 30 to June 2" is one claim: its first day, bounded by the last;
- "le premier vendredi de juillet", "the 20th of next month", "Friday the 13th" are days; an ordinal
  weekday without a month ("second Sunday") is in the month of publication;
- a weekday that does not fit its date ("mardi 22 janvier" in a year where the 22nd is a Friday) is
  kept in the text but the date wins: an editor sees the mismatch beside the value.
"""

from .base import DateFound
from .find import find_dates
from .rules import RULES

__all__ = ["RULES", "DateFound", "find_dates"]
