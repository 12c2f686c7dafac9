"""Money amounts: digits or words, scale words, currency by sign, code or name.

The value keeps the precision of the figure as written, to 0.05 of the unit of its last digit:
"4 milliards" is 3.95 to 4.05 billion, "1,25 milliard" 1.2495 to 1.2505 billion. A qualifier before the amount ("près de", "plus de",
"up to") is kept beside the value and widens or bounds it; a range ("entre 2 et 3 milliards de
dollars", "$2-3 billion", "between $2bn and $3bn") keeps both ends, the first as the amount and the
second as its maximum; "3 dollars 50 cents" is one amount. Percentages are never money.

Ranges, as the language file pairs its words ("between … and", "from … to"): "and" makes a range
only after "between"; "from $2bn to $3bn", with a currency on both ends, is a change between two
amounts, not a range, and gives two claims.
"""

from .base import MoneyFound
from .find import exchange_rates, find_money

__all__ = ["MoneyFound", "exchange_rates", "find_money"]
