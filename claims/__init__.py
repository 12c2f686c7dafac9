"""Claim extraction: text in, typed claims out (dates, money, people, organisations, quotes).

Pure: no database, no network, no UI. Words of each language live in `claims/data/<code>.toml`.
"""

from .country import dollar_of_address
from .extract import detect_language, extract
from .lexicon import available_languages
from .model import (
    CLAIM_TYPES,
    Claim,
    DateValue,
    Extraction,
    Money,
    Name,
    Quote,
    Unclaimed,
    claim_from_json,
    period_of,
)

__all__ = [
    "CLAIM_TYPES",
    "Claim",
    "DateValue",
    "Extraction",
    "Money",
    "Name",
    "Quote",
    "Unclaimed",
    "available_languages",
    "claim_from_json",
    "detect_language",
    "dollar_of_address",
    "extract",
    "period_of",
]
