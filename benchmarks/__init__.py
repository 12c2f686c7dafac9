"""Benchmarks of the workbench: synthetic data and measured runs (figures go to docs/, results/)."""
