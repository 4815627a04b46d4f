"""Minutes and action logs as lines of text: Word (numbering included), PDF, HTML and text.

Each reader gives the document's paragraphs as lines, a blank line between paragraphs, so
the minutes reader sees one shape whatever came in. Word's automatic numbering is written
out as the label Word shows ("(1)", "a)", "iii.", a bullet for a bulleted paragraph), as a
reader of the printed minutes would see it. Tables come out one cell a line (ModernGov's
agenda pages are tables), and `table_rows` gives them as rows for action logs. Nothing here
writes anything; a file that cannot be read gives an `ImportProblem` that says why.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from scrutui.importers.proposal import ImportProblem
from scrutui.importers.source import MAX_BYTES, decode, read_source

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_THROUGH_PANDOC = (".odt", ".rtf", ".epub")


@dataclass
class Document:
    """A document's text as lines, and its tables as rows of cells."""

    lines: list[str]
    tables: list[list[list[str]]] = field(default_factory=list)
    form: str = "text"  # "word", "pdf", "html", "text"


def read_document(path: Path) -> Document:
    """The lines and tables of `path`, read by what it is (its first bytes, then its name)."""
    try:
        if path.is_dir():
            raise ImportProblem(f"{path} is a folder, not a file")
        size = path.stat().st_size
    except OSError as error:
        raise ImportProblem(f"{path}: {error.strerror or error}") from None
    if size > MAX_BYTES:
        raise ImportProblem(
            f"{path.name} is {size:,} bytes; imports read files up to {MAX_BYTES:,} "
            "(minutes are rarely over 2,000,000: is this the right file?)"
        )
    suffix = path.suffix.lower()
    if suffix in _THROUGH_PANDOC:  # OpenDocument, RTF, EPUB: pandoc reads them as text
        text = read_source(path, "plain")
        return Document(text.split("\n"), [], "text")
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return _pdf(data, path)
    if data.startswith(b"PK"):
        if suffix in (".docx", ".docm", "") or _is_word(data):
            return _word(data, path)
        raise ImportProblem(
            f"{path.name} is a zip archive, not minutes: give the Word file (.docx), PDF, "
            "web page or text inside it"
        )
    if suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            f"{path.name} is an old Word file (.doc); save it as .docx (Word: File, Save As) "
            "or as PDF"
        )
    if suffix in (".pdf", ".docx"):
        raise ImportProblem(
            f"{path.name} is named {suffix} but is not one (its first bytes are "
            f"{data[:8]!r}); save it again from the program that made it"
        )
    text = decode(data, path)
    if suffix in (".html", ".htm", ".xhtml") or re.match(r"\s*<(!doctype|html)", text, re.I):
        return _html(text)
    if suffix == ".csv":
        flat = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            rows = [row for row in csv.reader(io.StringIO(flat)) if any(c.strip() for c in row)]
        except csv.Error as error:
            raise ImportProblem(f"{path.name} is not a CSV file Python can read: {error}") from None
        return Document([" | ".join(row) for row in rows], [rows] if rows else [], "text")
    return Document(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), _pipes(text))


def _is_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


# Word -----------------------------------------------------------------------------------------


def _word(data: bytes, path: Path) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ImportProblem(
            "reading Word files needs python-docx: pip install python-docx"
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ImportProblem(
            f"{path.name} is not a Word file python-docx can read: {error}"
        ) from None
    numbers = _Numbering(document)
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{WORD_NS}p":
            text = _paragraph_text(child)
            label = numbers.label(child)
            if label or text.strip():
                lines += [f"{label}{text}".rstrip(), ""]
        elif child.tag == f"{WORD_NS}tbl":
            rows = _word_table(child)
            tables.append(rows)
            for row in rows:
                for cell in row:
                    lines += [*cell.split("\n"), ""]
    if not any(line.strip() for line in lines):
        raise ImportProblem(
            f"{path.name} is a Word file with no text in it (no paragraphs, no table cells); "
            "is it a scan? Save the minutes' text, or give the PDF the council published"
        )
    return Document(lines, tables, "word")


def _paragraph_text(element: Any) -> str:
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{WORD_NS}t":
            parts.append(node.text or "")
        elif node.tag == f"{WORD_NS}tab":
            parts.append(" ")
        elif node.tag in (f"{WORD_NS}br", f"{WORD_NS}cr"):
            parts.append("\n")
    return "".join(parts)


def _word_table(element: Any) -> list[list[str]]:
    rows = []
    for row in element.iter(f"{WORD_NS}tr"):
        cells = []
        for cell in row.iter(f"{WORD_NS}tc"):
            texts = [_paragraph_text(p) for p in cell.iter(f"{WORD_NS}p")]
            cells.append("\n".join(t for t in texts if t.strip()).strip())
        rows.append(cells)
    return rows


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    return str(value)


class _Numbering:
    """Word's list numbering: each numbered paragraph's label, counted as Word counts."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> fmt
        self.counts: dict[str, list[int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}  # style id -> (numId, ilvl)
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            part = None
        if part is not None:
            self._read(part.element)
        try:
            for style in document.styles.element.iter(f"{WORD_NS}style"):
                num = style.find(f"{WORD_NS}pPr/{WORD_NS}numPr")
                if num is not None:
                    num_id = num.find(f"{WORD_NS}numId")
                    ilvl = num.find(f"{WORD_NS}ilvl")
                    self.styles[style.get(f"{WORD_NS}styleId") or ""] = (
                        num_id.get(f"{WORD_NS}val") if num_id is not None else "",
                        int(ilvl.get(f"{WORD_NS}val") or 0) if ilvl is not None else 0,
                    )
        except (AttributeError, ValueError):
            pass

    def _read(self, root: Any) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iter(f"{WORD_NS}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{WORD_NS}lvl"):
                fmt = lvl.find(f"{WORD_NS}numFmt")
                text = lvl.find(f"{WORD_NS}lvlText")
                start = lvl.find(f"{WORD_NS}start")
                levels[int(lvl.get(f"{WORD_NS}ilvl") or 0)] = (
                    fmt.get(f"{WORD_NS}val") if fmt is not None else "decimal",
                    text.get(f"{WORD_NS}val") if text is not None else "%1.",
                    int(start.get(f"{WORD_NS}val") or 1) if start is not None else 1,
                )
            abstract[node.get(f"{WORD_NS}abstractNumId") or ""] = levels
        for node in root.iter(f"{WORD_NS}num"):
            ref = node.find(f"{WORD_NS}abstractNumId")
            if ref is not None:
                self.levels[node.get(f"{WORD_NS}numId") or ""] = abstract.get(
                    ref.get(f"{WORD_NS}val") or "", {}
                )

    def label(self, paragraph: Any) -> str:
        ppr = paragraph.find(f"{WORD_NS}pPr")
        if ppr is None:
            return ""
        num_id, ilvl = "", 0
        num = ppr.find(f"{WORD_NS}numPr")
        style = ppr.find(f"{WORD_NS}pStyle")
        if num is not None:
            node = num.find(f"{WORD_NS}numId")
            level = num.find(f"{WORD_NS}ilvl")
            num_id = node.get(f"{WORD_NS}val") if node is not None else ""
            ilvl = int(level.get(f"{WORD_NS}val") or 0) if level is not None else 0
        elif style is not None and style.get(f"{WORD_NS}val") in self.styles:
            num_id, ilvl = self.styles[style.get(f"{WORD_NS}val") or ""]
        levels = self.levels.get(num_id)
        if not num_id or num_id == "0" or not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _ = levels[ilvl]
        indent = "  " * ilvl
        if fmt == "bullet" or fmt == "none":
            return f"{indent}- " if fmt == "bullet" else indent

        def level_value(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            lvl_fmt, _, start = levels.get(at, ("decimal", "", 1))
            return _format(counts[at] + start - 1, lvl_fmt)

        shown = re.sub(r"%(\d)", level_value, text)
        return f"{indent}{shown} "


# PDF ------------------------------------------------------------------------------------------


def _pdf(data: bytes, path: Path) -> Document:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise ImportProblem("reading PDF files needs pypdf: pip install pypdf") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ImportProblem(f"{path.name} is a password-protected PDF; give it unlocked")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ImportProblem(f"{path.name} is a PDF pypdf cannot read: {error}") from None
    lines: list[str] = []
    for text in pages:
        lines += [
            line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ]
    if any(line.strip() for line in lines):
        lines = paragraphs(lines)
    if not any(line.strip() for line in lines):
        raise ImportProblem(
            f"{path.name} is a PDF with no text in it (a scan?); minutes need their text: "
            "ask for the accessible version, or run it through OCR first"
        )
    return Document(lines, [], "pdf")


_STARTS_ITEM = re.compile(
    r"^\s*(?:[-•·▪◦–]\s|\(?[0-9]{1,3}[.)]?\s(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\b)|\(?[a-zA-Z]\)\s|\(?[ivxIVX]{1,5}[.)]\s|\d{1,4}/\d{2}\s)",
    re.IGNORECASE,
)


def paragraphs(lines: list[str]) -> list[str]:
    """A PDF's wrapped lines with a blank line where a paragraph ends: after a short line
    that ends a sentence, and before a numbered or bulleted line."""
    lengths = sorted(len(line) for line in lines if line.strip())
    width = lengths[int(len(lengths) * 0.9)] if lengths else 80
    out: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _STARTS_ITEM.match(line) and out and out[-1].strip():
            out.append("")
        out.append(line)
        ends = line.rstrip().endswith((".", ":", ";", "!", "?", ")")) or line.isupper()
        short = len(line) < 0.8 * width
        if line.strip() and (ends or short) and short and following.strip():
            out.append("")
    return out


# HTML -----------------------------------------------------------------------------------------

_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"}
_BLOCKS |= {"ul", "ol", "li", "td", "th", "article", "header", "footer", "blockquote", "dd"}
_BLOCKS |= {"dt", "hr", "pre", "caption", "main", "nav"}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[Any]] = []  # [tag, count, type]
        self.skip = 0
        self.tables: list[list[list[str]]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines += [text, ""]
            if self.cell is not None:
                self.cell.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            kind = dict(attrs).get("type") or "1"
            start = dict(attrs).get("start") or "1"
            self.lists.append([tag, int(start) - 1 if start.isdigit() else 0, kind])
        elif tag == "li" and self.lists:
            entry = self.lists[-1]
            entry[1] += 1
            indent = "  " * (len(self.lists) - 1)
            if entry[0] == "ul":
                self.current.append(f"{indent}- ")
            else:
                self.current.append(f"{indent}{_html_label(entry[1], entry[2])} ")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.row = []
            self.tables[-1].append(self.row)
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCKS:
            self.flush()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.cell is not None:
            if self.row is not None:
                self.row.append("\n".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data.replace("\xa0", " "))


def _html_label(number: int, kind: str) -> str:
    if kind == "a":
        return f"{_format(number, 'lowerLetter')})"
    if kind == "A":
        return f"{_format(number, 'upperLetter')})"
    if kind == "i":
        return f"({roman(number)})"
    if kind == "I":
        return f"{roman(number).upper()}."
    return f"{number}."


def _html(text: str) -> Document:
    parser = _Html()
    parser.feed(text)
    parser.close()
    parser.flush()
    tables = [[row for row in table if row] for table in parser.tables]
    return Document(parser.lines, [t for t in tables if t], "html")


# Plain text: Markdown pipe tables -------------------------------------------------------------


def _pipes(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables
