"""Reading an import's source file as text: plain text and Markdown as they are, Word and
other documents through pandoc."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scrutui.importers.proposal import ImportProblem
from scrutui.pandoc import PandocMissing, pandoc_path

# pandoc's readers for documents officers are sent; anything else is read as text
PANDOC_READERS = {
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
    ".epub": "epub",
}
MAX_BYTES = 20_000_000


def read_source(path: Path, to: str = "plain") -> str:
    """The text of `path`; documents pandoc reads are converted to `to` ("plain" or "gfm")."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportProblem(f"{path}: {error.strerror or error}") from None
    if path.is_dir():
        raise ImportProblem(f"{path} is a folder, not a file")
    if size > MAX_BYTES:
        raise ImportProblem(f"{path} is {size:,} bytes; imports read files up to {MAX_BYTES:,}")
    reader = PANDOC_READERS.get(path.suffix.lower())
    if reader:
        return _through_pandoc(path, reader, to)
    return decode(path.read_bytes(), path)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Word saves text."""
    if b"\x00" in data:
        raise ImportProblem(
            f"{path} is not a text file; save it as text, CSV or Word, or give its Markdown"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _through_pandoc(path: Path, reader: str, to: str) -> str:
    try:
        pandoc = pandoc_path()
    except PandocMissing as missing:
        raise ImportProblem(str(missing)) from None
    args = [pandoc, "-f", reader, "-t", to, "--wrap=none", str(path)]
    result = subprocess.run(args, capture_output=True, check=False)
    if result.returncode:
        why = result.stderr.decode(errors="replace").strip() or f"exit {result.returncode}"
        raise ImportProblem(f"{path}: pandoc could not read it as {reader}: {why}")
    return result.stdout.decode("utf-8", errors="replace")
