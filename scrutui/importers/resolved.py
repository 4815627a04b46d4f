"""The items of a RESOLVED block: "(1)", "(i)", "a)" or "1." items with their bullets kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = r"(?:\d{1,2}|[ivxIVX]{1,6}|[a-zA-Z])"
_ITEM = re.compile(rf"^(?:\({_LABEL}\)|{_LABEL}\)|\d{{1,2}}\.)\s+(?=\S)")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦–—\uf000-\uf8ff])\s+")
_GLUE = re.compile(r"(?:\s*[,;])?(?:\s+(?:and|or))?\s*$")
_NOTES = re.compile(r"\b(?:noted?|noting)\b", re.IGNORECASE)
_AGREES = re.compile(
    r"\b(?:be|is|are|was|were)\s+(?:agreed|approved|adopted|endorsed|received|signed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Item:
    """One resolution: its text, the line it starts on, and why it is unticked (if it is)."""

    text: str
    line: int
    note: str = ""


def resolution_items(block: list[tuple[int, str]]) -> list[Item]:
    """The items of one RESOLVED block (its first line is the text after "RESOLVED").

    Without numbered or lettered items the whole resolution is one item. A list's glue (a
    closing ',' or ' and') is dropped from each item, as the items stand alone as records.
    """
    intro: list[tuple[int, str]] = []
    items: list[list[tuple[int, str]]] = []
    for number, line in block:
        bare = _BULLET.sub("", line).strip()
        if _ITEM.match(bare):
            items.append([(number, _ITEM.sub("", bare))])
        elif items:
            items[-1].append((number, line))
        else:
            intro.append((number, line))
    if not items:
        items = [intro] if any(line.strip() for _, line in intro) else []
    out = []
    for lines in items:
        text = _GLUE.sub("", _join(lines)) if len(items) > 1 else _join(lines)
        if text:
            out.append(Item(text, _first_line(lines), _why_unticked(text)))
    return out


def _first_line(lines: list[tuple[int, str]]) -> int:
    return next((number for number, line in lines if line.strip()), lines[0][0])


def _join(lines: list[tuple[int, str]]) -> str:
    """Lines as paragraphs and '- ' bullets: a line continues the one above unless it is a
    bullet, or follows a blank line and starts with a capital."""
    pieces: list[tuple[str, str]] = []  # ("para" or "bullet", text)
    blank = False
    for _, line in lines:
        if not line.strip():
            blank = True
            continue
        if _BULLET.match(line):
            pieces.append(("bullet", _BULLET.sub("", line).strip()))
        elif pieces and (not blank or line.strip()[0].islower()):
            kind, text = pieces[-1]
            pieces[-1] = (kind, f"{text} {line.strip()}")
        else:
            pieces.append(("para", line.strip()))
        blank = False
    out = ""
    for kind, text in pieces:
        if kind == "bullet":
            out += ("\n" if out else "") + f"- {text}"
        else:
            out += ("\n\n" if out else "") + text
    return " ".join(out.split(" ")).strip()


def _why_unticked(text: str) -> str:
    first = text.split("\n", 1)[0]
    if _NOTES.search(first):
        return "only notes documents or observations"
    if _AGREES.search(first) and "recommend" not in first.lower():
        return "agrees or approves something; it asks no one to act"
    return ""
