"""The extraction's evaluation, `python -m checker evaluate`: the figures the quality floors hold.

- extraction.py: scores claims/ against our own articles, the seed and the shared corpora (docs/evaluation.md);
- realnews.py: published articles annotated by hand (tests/realnews), extraction and matching.
"""
