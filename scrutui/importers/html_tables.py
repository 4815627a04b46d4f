"""HTML tables (a Word or HTML paper, through pandoc) read as the paper's pipe tables."""

from __future__ import annotations

from html.parser import HTMLParser

from scrutui.importers.pipes import PipeTable, unescape

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def escaped(text: str) -> str:
    """Text as a pipe-table cell holds it, so `pipes.unescape` gives it back unchanged."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("|", "\\|")
    return text.replace("&", "&amp;").replace("<", "&lt;")


class _Tables(HTMLParser):
    def __init__(self, every: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.every = every
        self.tables: list[PipeTable] = []
        self.section = ""
        self.heading: str | None = None
        self.row: list[str] | None = None
        self.cell: str | None = None
        self.header = False
        self.depth = 0  # tables inside a cell are read as its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(PipeTable(self.section, [], self.getpos()[0]))
        elif tag in _HEADINGS and not self.depth:
            self.heading = ""
        elif self.depth != 1:
            return
        elif tag == "tr":
            self.row, self.header = [], False
        elif tag in ("td", "th"):
            self.cell, self.header = "", self.header or tag == "th"
        elif self.cell is not None:
            if tag == "strong" or tag == "b":
                self.cell += "**"
            elif tag == "br":
                self.cell += "<br>"
            elif tag in ("p", "li", "div") and self.cell:
                self.cell += "<br><br>" if tag == "p" else "<br>"
            if tag == "li":
                self.cell += "• "

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
        elif tag in _HEADINGS and self.heading is not None:
            self.section, self.heading = " ".join(self.heading.split()), None
        elif self.depth != 1:
            return
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag in ("strong", "b") and self.cell is not None:
            self.cell += "**"
        elif tag == "tr" and self.row is not None:
            table = self.tables[-1]
            if self.every:
                table.rows.append((self.getpos()[0], self.row))
            elif self.header and not table.header:
                table.header = [unescape(c) for c in self.row]
            elif table.header:
                table.rows.append((self.getpos()[0], self.row))
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading += data
        elif self.cell is not None:
            self.cell += escaped(" ".join(data.split("\n")))


def html_tables(html: str, every: bool = False) -> list[PipeTable]:
    """Every top-level table with a header row, with the heading above it as its section;
    `every` table, with every row (its header rows too) among its rows."""
    parser = _Tables(every)
    parser.feed(html)
    parser.close()
    return [t for t in parser.tables if t.header or (every and t.rows)]
