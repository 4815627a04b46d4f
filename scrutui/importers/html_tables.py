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
        self.span = (1, 1)  # the open cell's (rowspan, colspan)
        self.spans: list[tuple[str, int, int]] = []  # the row's cells with their spans
        self.below: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(PipeTable(self.section, [], self.getpos()[0]))
                self.below = {}
        elif tag in _HEADINGS and not self.depth:
            self.heading = ""
        elif self.depth != 1:
            return
        elif tag == "tr":
            self.row, self.header, self.spans = [], False, []
        elif tag in ("td", "th"):
            self.cell, self.header = "", self.header or tag == "th"
            self.span = (_number(attrs, "rowspan"), _number(attrs, "colspan"))
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
            self.spans.append((self.cell.strip(), *self.span))
            self.cell = None
        elif tag in ("strong", "b") and self.cell is not None:
            self.cell += "**"
        elif tag == "tr" and self.row is not None:
            table = self.tables[-1]
            if self.every:
                table.rows.append((self.getpos()[0], self._spread()))
            elif self.header and not table.header:
                table.header = [unescape(c) for c in self.row]
            elif table.header:
                table.rows.append((self.getpos()[0], self.row))
            self.row = None

    def _spread(self) -> list[str]:
        """The row's cells on the table's grid: a cell spanning rows is read again in the
        rows below it (the value above), one spanning columns once."""
        row: list[str] = []
        cells = iter(self.spans)
        column = 0
        while True:
            if column in self.below:
                text, left = self.below[column]
                row.append(text)
                if left > 1:
                    self.below[column] = (text, left - 1)
                else:
                    del self.below[column]
                column += 1
                continue
            cell = next(cells, None)
            if cell is None:
                if any(c >= column for c in self.below):
                    row.append("")
                    column += 1
                    continue
                break
            text, rows, columns = cell
            for offset in range(columns):
                row.append(text if offset == 0 else "")
                if rows > 1:
                    self.below[column + offset] = (text if offset == 0 else "", rows - 1)
            column += columns
        return row

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading += data
        elif self.cell is not None:
            self.cell += escaped(" ".join(data.split("\n")))


def _number(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = dict(attrs).get(name) or "1"
    return max(1, min(int(value), 1000)) if value.strip().isdigit() else 1


def html_tables(html: str, every: bool = False) -> list[PipeTable]:
    """Every top-level table with a header row, with the heading above it as its section;
    `every` table, with every row (its header rows too) among its rows."""
    parser = _Tables(every)
    parser.feed(html)
    parser.close()
    return [t for t in parser.tables if t.header or (every and t.rows)]
