"""Papers to Word and HTML for the agenda pack, through pandoc.

This is the one module in `papers` that runs a program: pandoc, bundled by pypandoc_binary
(or the system's own). Tables stay tables; the Word paper is finished in `word`.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from scrutui.domain.status import StatusScheme
from scrutui.pandoc import PandocMissing, pandoc_path
from scrutui.papers import word
from scrutui.papers.layout import COMPLETE_FILL, Layout, fill_of, text_on

HERE = Path(__file__).parent
FILTER = HERE / "paper.lua"
HEAD = HERE / "paper-head.html"
FORMATS = ("docx", "html")
GREEN = COMPLETE_FILL  # the complete rows' shading, by its old name
# PandocMissing and pandoc_path live in scrutui.pandoc; named here too for older callers
__all__ = ["FORMATS", "GREEN", "PandocMissing", "convert", "fragment", "pandoc_path"]


def pandoc_args(layout: Layout) -> list[str]:
    """The metadata the filter reads: where the status column is, its codes, shading."""
    args = ["--metadata", f"shade-complete={'true' if layout.shade_complete else 'false'}"]
    if layout.status_from_end is not None:
        args += ["--metadata", f"status-from-end={layout.status_from_end}"]
        args += [
            arg for code in layout.scheme.codes for arg in ("--metadata", f"status-codes={code}")
        ]
    return args


def convert(markdown: str, to: str, output: Path, title: str, layout: Layout | None = None) -> None:
    """Write the Markdown paper as `to` (docx or html) to `output`, laid out as `layout`
    says (without one: no shading, no status colours, portrait defaults)."""
    if to not in FORMATS:
        raise ValueError(f"cannot write {to!r}; allowed: {', '.join(FORMATS)}")
    layout = layout or Layout(title=title, heading=title, when="", scheme=StatusScheme(()))
    args = [pandoc_path(), "-f", "gfm", "-t", to, "--lua-filter", str(FILTER)]
    args += pandoc_args(layout)
    with tempfile.TemporaryDirectory() as temp:
        if to == "html":
            head = Path(temp) / "head.html"
            head.write_text(html_head(layout), encoding="utf-8")
            args += ["-s", "-H", str(head), "--metadata", f"pagetitle={title}"]
            args += ["--metadata", f"lang={layout.language}"]
        else:
            reference = Path(temp) / "reference.docx"
            word.reference_document(reference, layout)
            args += ["--reference-doc", str(reference)]
        args += ["-o", str(output)]
        result = subprocess.run(args, input=markdown.encode(), capture_output=True, check=False)
    if result.returncode:
        raise RuntimeError(f"pandoc failed: {result.stderr.decode(errors='replace').strip()}")
    if to == "docx":
        word.finish(output, layout)


def fragment(markdown: str, layout: Layout) -> str:
    """The Markdown paper as an HTML fragment (no page around it), for the public site."""
    args = [pandoc_path(), "-f", "gfm", "-t", "html", "--lua-filter", str(FILTER)]
    args += pandoc_args(layout)
    result = subprocess.run(args, input=markdown.encode(), capture_output=True, check=False)
    if result.returncode:
        raise RuntimeError(f"pandoc failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8")


def html_head(layout: Layout) -> str:
    """The paper's own style sheet: its font, the header row, complete rows and statuses."""
    rules = [HEAD.read_text(encoding="utf-8").strip()]
    rules.append("<style>")
    rules.append(f"  body {{ font-family: {css_font(layout.font)}; }}")
    for n, status in enumerate(layout.scheme.statuses, start=1):
        fill = fill_of(status.colour)
        rules.append(
            f"  td.status-{n} {{ background: #{fill.lower()}; color: #{text_on(fill).lower()}; }}"
        )
    rules.append("</style>")
    return "\n".join(rules) + "\n"


def css_font(font: str) -> str:
    """A font name as a CSS font-family list, with fallbacks."""
    safe = "".join(c for c in font if c.isalnum() or c in " -")
    return f'"{safe}", Arial, Helvetica, sans-serif'
