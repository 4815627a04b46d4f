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
_LINE_START = re.compile(r"^([#+=:>-])")
_NUMBERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_EMOJI = re.compile(r":(?=[A-Za-z0-9_+-]+:)")
_BULLET = re.compile(r"^\s*[-•]\s+")
# Any character one of the patterns in `_escape_text` acts on.
_SPECIAL = re.compile(r"[\\`*_\[\]|~$^&<:@]")
# Directional overrides, embeddings and isolates can show a text reversed ("exe.txt" as
# "txt.exe"): dropped. The marks (U+200E, U+200F) are harmless and kept.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# A web address or an email address, written as an autolink (`<...>`) so that nothing in it
# is escaped: no backslash reaches the href. It ends before white space, `<`, `>`, `|`, `\`,
# quotes and brackets, and before trailing punctuation and an unmatched `)`.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>|\\\"'\[\]{}`]+", re.IGNORECASE)
_EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_TRAILING = ".,:;!?*_~'\")"
BR = "<br>"


def _trim_url(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def links(text: str) -> list[tuple[str, str]]:
    """The text cut into ("text", s), ("url", s) and ("email", s) pieces, in order."""
    out: list[tuple[str, str]] = []
    position = 0
    # Most texts hold neither: the scans (the email pattern's above all) are skipped then.
    urls = "://" in text or "www." in text.lower()
    found = sorted(
        [("url", m.start(), _trim_url(m.group(0))) for m in (_URL.finditer(text) if urls else ())]
        + [
            ("email", m.start(), m.group(0)) for m in (_EMAIL.finditer(text) if "@" in text else ())
        ],
        key=lambda f: f[1],
    )
    for kind, start, value in found:
        if start < position or not value or value.lower() in ("www.",):
            continue
        if kind == "url" and "." not in value.split("//", 1)[-1]:
            continue
        if start > position:
            out.append(("text", text[position:start]))
        out.append((kind, value))
        position = start + len(value)
    if position < len(text):
        out.append(("text", text[position:]))
    return out


def _escape_text(text: str) -> str:
    # `<` and `&` as entities, not backslash escapes: an autolink can swallow a backslash
    # (`http://x\<script>`), but only a literal `<` can ever start HTML.
    if not _SPECIAL.search(text):
        return text  # nothing to escape: most of a tracker's texts
    text = _ENTITY.sub("&amp;", text)
    text = _ALWAYS.sub(r"\\\1", text).replace("<", "&lt;")
    text = _EMOJI.sub(r"\\:", text)  # `:warning:` stays text, not an emoji
    return _CITATION.sub(r"\\@", text)


def _escape(text: str) -> str:
    text = _BIDI.sub("", text)
    out = []
    for kind, piece in links(text):
        if kind == "text":
            out.append(_escape_text(piece))
        elif kind == "email":
            out.append(f"<{piece}>")
        elif piece.lower().startswith("www."):
            target = piece.replace("(", "%28").replace(")", "%29")
            out.append(f"[{_escape_text(piece)}](http://{target})")
        else:
            out.append(f"<{piece}>")
    return "".join(out)


def inline(text: str) -> str:
    """One line of text that renders as itself in a paragraph, heading or list item."""
    escaped = _escape(" ".join(text.split()))
    escaped = _NUMBERED.sub(r"\1\\\2", escaped)
    return _LINE_START.sub(r"\\\1", escaped)


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
            lines = [_bullet_or_line(line) for line in para]
            for n in range(1, len(lines)):
                if _NUMBERED.match(para[n]) and not _BULLET.match(para[n - 1]):
                    lines[n - 1] += "\\"  # a hard line break: the numbered line starts anew
            out.append("\n".join(lines))
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
            (("• " + inline(_BULLET.sub("", line))) if _BULLET.match(line) else inline(line), line)
            for line in para
        ]
        parts.append(BR.join(_join_soft(lines)))
    return (BR + BR).join(parts)


def _starts_line(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBERED.match(line))


def _join_soft(lines: list[tuple[str, str]]) -> list[str]:
    """Lines of one paragraph: a bullet or a numbered line ("1.", "2)") starts a new line;
    other lines join the one before (they were wrapped, not broken, by whoever typed them)."""
    out: list[str] = []
    previous = ""
    for written, typed in lines:
        if out and not _starts_line(typed) and not _BULLET.match(previous):
            out[-1] += " " + written
        else:
            out.append(written)
        previous = typed
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
