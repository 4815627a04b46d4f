"""Finding pandoc, the one outside program scrutui runs besides git.

pandoc comes bundled by pypandoc_binary (or is the system's own). Papers use it to write Word
and HTML, importers to read Word and other documents; both find it here, so neither borrows
it from the other. This module imports nothing of scrutui's.
"""

from __future__ import annotations

import shutil


class PandocMissing(Exception):
    """pandoc cannot be found."""


def pandoc_path() -> str:
    """The pandoc to run: pypandoc_binary's, else the one on PATH."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if found:
            return found
    raise PandocMissing(
        "pandoc is needed to read or write Word and HTML and was not found: reinstall scrutui "
        "with the README's command (it brings pypandoc_binary), or install pandoc from "
        "pandoc.org"
    )
