"""scrutui: council scrutiny trackers as TOML files in git, edited in a terminal app."""

#: The one place the version is written: pyproject.toml reads it from here (setuptools'
#: `attr:`), so the command line need not import `importlib.metadata` (30 ms) at start.
__version__ = "0.1.0"
