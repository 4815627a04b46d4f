"""The limbs of a decision: "(1)", "(i)", "(a)", "a)", "1.", "i.", "A." items, their own sub-limbs
and bullets kept inside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = re.compile(
    r"^(?P<label>\((?P<p>\d{1,2}|[ivxlIVXL]{1,6}|[a-zA-Z])\)|(?P<c>\d{1,2}|[ivxlIVXL]{1,6}|"
    r"[a-zA-Z])\)|(?P<d>\d{1,2}|[ivxlIVXL]{1,6}|[a-zA-Z])\.)\s+(?=\S)"
)
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦–—\uf000-\uf8ff])\s+")
_GLUE = re.compile(r"(?:\s*[,;])?(?:\s+(?:and|or))?\s*$")
_NOTES = re.compile(
    r"\bnoted\b|\bnoting\b|\bto\s+note\b|^\W*notes?\b|\bnotes\s+(?:the|that|its|this)\b",
    re.IGNORECASE,
)
_AGREES = re.compile(
    r"\b(?:be|is|are|was|were)\s+(?:agreed|approved|adopted|endorsed|received|signed|"
    r"accepted|confirmed)\b|\bapproves?\s+the\s+minutes?\b|\bcorrect\s+record\b|"
    r"^\W*(?:to\s+)?(?:receive|received|accept|approve|agree\s+the\s+minutes?)\b",
    re.IGNORECASE,
)
_ROMANS = frozenset("ivxl")


@dataclass(frozen=True, slots=True)
class Item:
    """One limb: its text, the line it starts on, and why it is unticked (if it is)."""

    text: str
    line: int
    note: str = ""


def _kind(label: re.Match[str], previous: str | None) -> tuple[str, str, str]:
    """(bracket, series, value): "(", "roman", "ii". A lone "i" after "h" is a letter."""
    bracket = "(" if label.group("p") else ")" if label.group("c") else "."
    value = label.group("p") or label.group("c") or label.group("d") or ""
    if value.isdigit():
        series = "digit"
    elif set(value.lower()) <= _ROMANS and not (previous and previous.lower() in "hkw"):
        series = "roman" if len(value) > 1 or value.lower() in ("i", "v", "x") else "letter"
        if value.lower() in ("v", "x") and previous and previous.lower() in ("u", "w"):
            series = "letter"
    else:
        series = "letter"
    case = "upper" if value.isupper() else "lower"
    return bracket, f"{series}-{case}" if series != "digit" else series, value


def resolution_items(block: list[tuple[int, str]]) -> tuple[str, list[Item]]:
    """The lead-in and the limbs of one decision block (its first line is the text after the
    marker). Without limbs the whole resolution is one item. A list's glue (a closing ',' or
    ' and') is dropped from each limb, as the limbs stand alone as records; sub-limbs (a
    different numbering under a limb) and bullets stay in their limb's text."""
    block = _bullets_as_limbs(_split_inline(block))
    intro: list[tuple[int, str]] = []
    items: list[list[tuple[int, str]]] = []
    top: tuple[str, str] | None = None
    last_value: str | None = None
    for number, line in block:
        bare = _BULLET.sub("", line).strip()
        label = _LABEL.match(bare)
        if label:
            bracket, series, value = _kind(label, last_value if top else None)
            if (top is None and (items or not _intro_is_sentence(intro))) or top is None:
                top = (bracket, series)
            if (bracket, series) == top:
                items.append([(number, _LABEL.sub("", bare))])
                last_value = value
                continue
            if items:
                items[-1].append((number, f"{label.group('label')} {_LABEL.sub('', bare)}"))
                items[-1][-1] = (number, "\x00" + items[-1][-1][1])  # a sub-limb: own line
                continue
        if items:
            items[-1].append((number, line))
        else:
            intro.append((number, line))
    lead = _join(intro)
    if not items:
        single = [intro] if lead else []
        return "", [
            Item(t, _first_line(lines), _why_unticked(t)) for lines in single if (t := _join(lines))
        ]
    out = []
    for lines in items:
        text = _GLUE.sub("", _join(lines)) if len(items) > 1 else _join(lines)
        if text:
            out.append(Item(text, _first_line(lines), _why_unticked(text, lead)))
    return lead, out


_INLINE = re.compile(r"(?:^|(?<=[\s;,:]))(?=\((?:1|2|3|4|5|6|7|8|9|a|b|c|d|e|i|ii|iii|iv|v)\)\s)")


def _split_inline(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Limbs run into one line ("(1) noted the report; and (2) instructed ...") as lines."""
    out: list[tuple[int, str]] = []
    for number, line in block:
        labels = re.findall(r"\((1|a|i)\)\s.*?\((2|b|ii)\)\s", line)
        if not labels:
            out.append((number, line))
            continue
        parts = [part.strip() for part in _INLINE.split(line) if part.strip()]
        out += [(number, part) for part in parts]
    return out


_RESOLUTION_START = re.compile(r"^(?:that|to)\b", re.IGNORECASE)


def _bullets_as_limbs(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Resolutions written as bullets ("• That ...", "• That ...") are limbs, as if numbered;
    bullets under a limb or a lead-in ("as follows:") stay bullets."""
    bullets = [
        (n, line) for n, line in block if _BULLET.match(line) and not _LABEL.match(line.strip())
    ]
    labelled = any(_LABEL.match(_BULLET.sub("", line).strip()) for _, line in block)
    starts = [_RESOLUTION_START.match(_BULLET.sub("", line).strip()) for _, line in bullets]
    if labelled or len(bullets) < 2 or not all(starts):
        return block
    out = []
    count = 0
    for number, line in block:
        if _BULLET.match(line):
            count += 1
            out.append((number, f"({count}) {_BULLET.sub('', line).strip()}"))
        else:
            out.append((number, line))
    return out


def _intro_is_sentence(intro: list[tuple[int, str]]) -> bool:
    return any(line.strip() for _, line in intro)


def _first_line(lines: list[tuple[int, str]]) -> int:
    return next((number for number, line in lines if line.strip()), lines[0][0])


def _join(lines: list[tuple[int, str]]) -> str:
    """Lines as paragraphs and '- ' bullets: a line continues the one above unless it is a
    bullet or a sub-limb, or follows a blank line and starts with a capital."""
    pieces: list[tuple[str, list[str]]] = []  # ("para", "bullet" or "limb", its lines)
    blank = False
    for _, line in lines:
        if not line.strip():
            blank = True
            continue
        if line.startswith("\x00"):
            pieces.append(("limb", [line[1:].strip()]))
        elif _BULLET.match(line):
            pieces.append(("bullet", [_BULLET.sub("", line).strip()]))
        elif pieces and (not blank or line.strip()[0].islower()):
            pieces[-1][1].append(line.strip())
        else:
            pieces.append(("para", [line.strip()]))
        blank = False
    out: list[str] = []
    for kind, parts in pieces:
        text = " ".join(parts)
        if out:
            out.append("\n" if kind in ("bullet", "limb") else "\n\n")
        out.append(f"- {text}" if kind == "bullet" else text)
    return " ".join("".join(out).split(" ")).strip()


def _why_unticked(text: str, lead: str = "") -> str:
    first = text.split("\n", 1)[0]
    lead_words = lead.split("\n", 1)[0]
    parts = re.split(r"[,;]?\s+and\s+that\s+", first)
    if len(parts) > 1:  # "That X be adopted, and that the Officer report ...": the ask counts
        reasons = [_why_unticked(part, lead) for part in parts]
        return reasons[0] if all(reasons) else ""
    if _NOTES.search(first) and not re.search(r"\brecommend", first, re.IGNORECASE):
        return "only notes documents or observations"
    if _AGREES.search(first) and "recommend" not in f"{lead_words} {first}".lower():
        return "agrees or approves something; it asks no one to act"
    return ""
