"""GFM pipe tables read back: the committee paper's tables, with its escaping undone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SECTION = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#39|nbsp);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "#39": "'", "nbsp": " "}
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


@dataclass
class PipeTable:
    """One table: the section heading above it, its header, and its rows with line numbers."""

    section: str
    header: list[str]
    line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def split_row(line: str) -> list[str]:
    """The cells of one table line, split at the pipes that are not escaped."""
    text = line.strip()
    cells, current, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current += text[index : index + 2]
            index += 2
            continue
        if char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
        index += 1
    cells.append(current)
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and not text.endswith("\\|") and cells:
        cells = cells[:-1]
    return [c.strip() for c in cells]


def pipe_tables(text: str) -> list[PipeTable]:
    """Every pipe table in a Markdown text, in order."""
    lines = text.replace("\r\n", "\n").split("\n")
    tables: list[PipeTable] = []
    section = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        heading = _SECTION.match(line)
        if heading:
            section = unescape(heading.group(1))
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" in line and _DELIMITER.match(nxt) and "-" in nxt:
            table = PipeTable(section, [unescape(c) for c in split_row(line)], index + 1)
            index += 2
            while index < len(lines) and lines[index].strip() and "|" in lines[index]:
                table.rows.append((index + 1, split_row(lines[index])))
                index += 1
            tables.append(table)
            continue
        index += 1
    return tables


def unescape(cell: str) -> str:
    """A cell's text as it was typed: `<br>` as line breaks, '• ' as '- ' bullets, and the
    backslash escapes and entities of `papers.markdown` undone."""
    lines = []
    for line in _BR.split(cell):
        line = line.strip()
        if line.startswith("• "):
            line = "- " + line[2:]
        lines.append(_plain(line))
    return "\n".join(lines).strip("\n")


def _plain(text: str) -> str:
    out, index = "", 0
    while index < len(text):
        char = text[index]
        escapes = index + 1 < len(text) and (not text[index + 1].isalnum() or index == 0)
        if char == "\\" and escapes:
            out += text[index + 1]
            index += 2
            continue
        if char == "&":
            match = _ENTITY.match(text, index)
            if match:
                out += _ENTITIES[match.group(1)]
                index = match.end()
                continue
        out += char
        index += 1
    return out
