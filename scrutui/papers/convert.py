"""Papers to Word and HTML for the agenda pack, through pandoc.

This is the one module in `papers` that runs a program: pandoc, bundled by pypandoc_binary
(or the system's own). Tables stay tables; rows marked complete are shaded green.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from scrutui.pandoc import PandocMissing, pandoc_path

HERE = Path(__file__).parent
FILTER = HERE / "paper.lua"
HEAD = HERE / "paper-head.html"
GREEN = "C6EFCE"
FORMATS = ("docx", "html")
# PandocMissing and pandoc_path live in scrutui.pandoc; named here too for older callers
__all__ = ["FORMATS", "GREEN", "PandocMissing", "convert", "pandoc_path"]


def convert(markdown: str, to: str, output: Path, title: str) -> None:
    """Write the Markdown paper as `to` (docx or html) to `output`."""
    if to not in FORMATS:
        raise ValueError(f"cannot write {to!r}; allowed: {', '.join(FORMATS)}")
    args = [pandoc_path(), "-f", "gfm", "-t", to, "--lua-filter", str(FILTER), "-o", str(output)]
    if to == "html":
        args += ["-s", "-H", str(HEAD), "--metadata", f"pagetitle={title}"]
    result = subprocess.run(args, input=markdown.encode(), capture_output=True, check=False)
    if result.returncode:
        raise RuntimeError(f"pandoc failed: {result.stderr.decode(errors='replace').strip()}")
    if to == "docx":
        _shade_and_border(output)


_ROW = re.compile(r"<w:tr\b[^>]*>.*?</w:tr>", re.DOTALL)
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080" />'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _shade_row(match: re.Match[str]) -> str:
    row = match.group(0)
    if "✔" not in row:
        return row
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{GREEN}" />'
    row = row.replace("<w:tcPr />", f"<w:tcPr>{shading}</w:tcPr>")
    return re.sub(r"<w:tcPr>(?!<w:shd)", f"<w:tcPr>{shading}", row)


def _shade_and_border(path: Path) -> None:
    """Shade the complete rows green and give every table borders, in document.xml."""
    with tempfile.TemporaryDirectory() as temp:
        rewritten = Path(temp) / path.name
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "word/document.xml":
                    xml = _ROW.sub(_shade_row, data.decode("utf-8"))
                    xml = xml.replace(
                        "<w:tblLook ", f"<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLook "
                    )
                    data = xml.encode("utf-8")
                out.writestr(item, data)
        shutil.move(rewritten, path)
