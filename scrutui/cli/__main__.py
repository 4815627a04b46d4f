"""`python -m scrutui.cli`: the command line (the git hook runs it this way)."""

from scrutui.cli import run

run()
