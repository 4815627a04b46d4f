"""Markdown that no field can break: escaping for text and for table cells.

Only what could start Markdown or HTML in GitHub-flavoured Markdown or pandoc is escaped, so
the paper still reads naturally as plain text: emphasis, code, links, tables, strike-through,
pandoc's maths, super/subscripts and citations, entities, and list or heading marks at the
start of a line. `<` is always written `&lt;`, so no field can open an HTML tag. Line breaks
inside a table cell become `<br>`, the only HTML the papers write themselves.
"""

from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*_\[\]|~$^])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_CITATION = re.compile(r"(?<![A-Za-z0-9])@")
_LINE_START = re.compile(r"^([#+=:>-]|\d+(?=[.)]))")
_BULLET = re.compile(r"^\s*[-•]\s+")
BR = "<br>"


def _escape(text: str) -> str:
    # `<` and `&` as entities, not backslash escapes: an autolink can swallow a backslash
    # (`http://x\<script>`), but only a literal `<` can ever start HTML.
    text = _ENTITY.sub("&amp;", text)
    text = _ALWAYS.sub(r"\\\1", text).replace("<", "&lt;")
    return _CITATION.sub(r"\\@", text)


def inline(text: str) -> str:
    """One line of text that renders as itself in a paragraph, heading or list item."""
    return _LINE_START.sub(r"\\\1", _escape(" ".join(text.split())))


def paragraphs(text: str) -> list[list[str]]:
    """A text's paragraphs (split at blank lines), each a list of its lines."""
    blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    return [
        [line.strip() for line in block.splitlines() if line.strip()]
        for block in blocks
        if block.strip()
    ]


def block(text: str) -> str:
    """A multi-paragraph text as Markdown blocks: paragraphs, and '- ' lines as lists."""
    out = []
    for para in paragraphs(text):
        if all(_BULLET.match(line) for line in para):
            out.append("\n".join(f"- {inline(_BULLET.sub('', line))}" for line in para))
        else:
            out.append("\n".join(_bullet_or_line(line) for line in para))
    return "\n\n".join(out)


def _bullet_or_line(line: str) -> str:
    if _BULLET.match(line):
        return f"- {inline(_BULLET.sub('', line))}"
    return inline(line)


def cell(text: str) -> str:
    """A text as one table cell: escaped, '|' made safe, paragraphs and lines kept as
    `<br>` breaks (a blank line between paragraphs), bullets as '• '."""
    parts = []
    for para in paragraphs(text):
        lines = [
            ("• " + inline(_BULLET.sub("", line))) if _BULLET.match(line) else inline(line)
            for line in para
        ]
        parts.append(BR.join(_join_soft(lines)))
    return (BR + BR).join(parts)


def _join_soft(lines: list[str]) -> list[str]:
    """Lines of one paragraph: a bullet starts a new line; other lines join the one before."""
    out: list[str] = []
    for line in lines:
        if out and not line.startswith("• ") and not out[-1].startswith("• "):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GFM pipe table; cells must already be made safe with `cell`/`inline`."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(c if c else " " for c in row) + " |" for row in rows]
    return "\n".join(lines)


def anchor(heading: str) -> str:
    """The id GitHub and pandoc both give a heading: lower case, punctuation dropped."""
    text = re.sub(r"[^\w\- ]", "", heading.lower())
    return re.sub(r" ", "-", text).strip("-")
