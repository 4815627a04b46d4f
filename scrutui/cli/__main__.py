"""`python -m scrutui.cli`: the command line (the git hook runs it this way)."""

import sys

from scrutui.cli import main

sys.exit(main())
