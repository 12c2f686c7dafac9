"""How alike a claim's sentence and the sentence of a record that holds its value are (checker/scoring.py).

Among the records that agree with a claim, the one an editor cites first is most often the one whose
own sentence retells the article's: the wire copy, the release it was written from. The wording of
the whole record (`scoring.lexical_scores`, token-set similarity) saturates on a long record holding
every word of the sentence somewhere; the sentence around the evidence does not.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from claims.text import content_words, split_sentences

SENTENCE_WEIGHT = 0.1  # the share of an agreeing record's score given by how alike the two sentences are


def same_sentence(sentence: str, excerpt: str, span: tuple[int, int]) -> float:
    """How alike the claim's sentence and the record's sentence holding `span` are (0-1)."""
    a = _words(sentence)
    b = next((words for start, end, words in _sentences(excerpt) if start <= span[0] < end), None)
    b = _words(excerpt) if b is None else b
    return fuzz.token_sort_ratio(a, b, processor=None) / 100 if a and b else 0.0


@lru_cache(maxsize=4096)
def _sentences(excerpt: str) -> tuple[tuple[int, int, str], ...]:
    """A record's sentences (start, end, content words): the same records meet many claims of an article."""
    return tuple((s.start, s.end, _words(s.text)) for s in split_sentences(excerpt))


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    return " ".join(content_words(text))


def with_retelling(
    score: float, sentence: str, excerpt: str, span: tuple[int, int] | None, agreement: str, *, quote: bool
) -> float:
    """A value's record score with SENTENCE_WEIGHT of it given to how alike the claim's sentence and
    the record's sentence holding its value are, when that value agrees (0 otherwise): still within
    0-1. A quote's score is left as it is (its class says how closely the record holds it)."""
    if quote:
        return score
    retold = same_sentence(sentence, excerpt, span) if span and agreement == "agrees" else 0.0
    return (1 - SENTENCE_WEIGHT) * score + SENTENCE_WEIGHT * retold
