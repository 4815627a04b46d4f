"""scrutui: council scrutiny trackers as TOML files in git, edited in a terminal app."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("scrutui")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"
