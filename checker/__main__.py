"""`python -m checker`: the workbench's command line (see checker/cli/)."""

import gc
import sys

from .cli import main

code = main()
# Whatever the command made is freed by the process's exit; unfrozen, the interpreter's last
# collections would first walk every object of it (about 70 ms after a check, 15 % of the command).
# Files and the database are closed by then: the commands write through `with` and write_bytes.
gc.freeze()
sys.exit(code)
