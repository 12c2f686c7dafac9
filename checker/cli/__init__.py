"""The command line, `python -m checker ...`: parse, make one core call, print.

- main.py: the parser, `extract`, `check` and `evaluate`, and how errors are printed;
- sources.py: `python -m checker sources ...` (the library);
- desk.py: `review`, `report`, `import-report` (the review desk);
- claims.py: `python -m checker claims ...` (the archive of reviewed claims).
"""

from .main import build_parser, main, print_json

__all__ = ["build_parser", "main", "print_json"]
