"""`python -m checker`: the workbench's command line (see checker/cli/)."""

import sys

from .cli import main

sys.exit(main())
