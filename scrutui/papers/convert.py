"""Papers to Word and HTML for the agenda pack, through pandoc.

This is the one module in `papers` that runs a program: pandoc, bundled by pypandoc_binary
(or the system's own). Tables stay tables; the Word paper is finished in `word`.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

from scrutui.domain.status import StatusScheme
from scrutui.pandoc import PandocMissing, pandoc_path
from scrutui.papers import word
from scrutui.papers.layout import COMPLETE_FILL, FORMATS, Layout, fill_of, text_on

HERE = Path(__file__).parent
FILTER = HERE / "paper.lua"
HEAD = HERE / "paper-head.html"
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
            before, after = Path(temp) / "before.html", Path(temp) / "after.html"
            before.write_text("<main>\n", encoding="utf-8")  # the page's one main landmark
            after.write_text("</main>\n", encoding="utf-8")
            args += ["-s", "-H", str(head), "--metadata", f"pagetitle={title}"]
            args += ["-B", str(before), "-A", str(after)]
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
    else:
        output.write_text(html_finish(output.read_text(encoding="utf-8"), layout), encoding="utf-8")


def fragment(markdown: str, layout: Layout) -> str:
    """The Markdown paper as an HTML fragment (no page around it), for the public site."""
    args = [pandoc_path(), "-f", "gfm", "-t", "html", "--lua-filter", str(FILTER)]
    args += pandoc_args(layout)
    result = subprocess.run(args, input=markdown.encode(), capture_output=True, check=False)
    if result.returncode:
        raise RuntimeError(f"pandoc failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8")


_EMPTY_TH = re.compile(r"<th(\s[^>]*)?>\s*</th>")
_THEAD = re.compile(r"<thead>.*?</thead>", re.DOTALL)
_CELL = re.compile(r"<th(?:\s[^>]*)?>.*?</th>", re.DOTALL)


def name_empty_headers(html_text: str, kind: str) -> str:
    """The peer plan prints no heading over its target date and status columns (and none
    at all over one table): the published look is kept, and each gets a name that screen
    readers announce (visually hidden)."""
    if kind != "peer-challenge":
        return html_text

    def name(head: re.Match[str]) -> str:
        text = head.group(0)
        cells = _CELL.findall(text)
        labels = ["Action", *(["Target date"] if len(cells) == 4 else []), "Status", "Update"]
        for cell, label in zip(cells, labels, strict=False):
            empty = _EMPTY_TH.fullmatch(cell.strip())
            if empty:
                named = (
                    f'<th{empty.group(1) or ""}><span class="visually-hidden">{label}</span></th>'
                )
                text = text.replace(cell, named, 1)
        return text

    return _THEAD.sub(name, html_text)


def key_badges(html_text: str, layout: Layout) -> str:
    """The KEY line with each status as a coloured badge (its label and code kept)."""
    if not layout.key:
        return html_text
    badges = " ".join(
        f'<span class="badge status-{n}">'
        f"{html.escape(s.label if s.label == s.code else f'{s.label} ({s.code})')}</span>"
        for n, s in enumerate(layout.scheme.statuses, start=1)
    )
    return re.sub(
        r"<p><strong>KEY</strong>\s+[^<\s].*?</p>",
        lambda _: f'<p class="key"><strong>KEY</strong> {badges}</p>',
        html_text,
        count=1,
        flags=re.DOTALL,
    )


def html_finish(html_text: str, layout: Layout) -> str:
    """What pandoc's HTML lacks: names for unheaded columns, the KEY in colour."""
    return key_badges(name_empty_headers(html_text, layout.kind), layout)


def html_head(layout: Layout) -> str:
    """The paper's own style sheet: its font, the header row, complete rows and statuses."""
    rules = [HEAD.read_text(encoding="utf-8").strip()]
    rules.append("<style>")
    rules.append(f"  body {{ font-family: {css_font(layout.font)}; }}")
    for n, status in enumerate(layout.scheme.statuses, start=1):
        fill = fill_of(status.colour)
        rules.append(
            f"  tr td.status-{n}, .badge.status-{n} {{ background: #{fill.lower()}; "
            f"color: #{text_on(fill).lower()}; }}"
        )
    rules.append("</style>")
    return "\n".join(rules) + "\n"


def css_font(font: str) -> str:
    """A font name as a CSS font-family list, with fallbacks."""
    safe = "".join(c for c in font if c.isalnum() or c in " -")
    return f'"{safe}", Arial, Helvetica, sans-serif'
