"""Checking articles: matching claims to source records, suggested verdicts, the review desk,
reports and the command line."""
