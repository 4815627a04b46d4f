"""Reading a tracker file into grids of cells: CSV (any delimiter, common encodings, a BOM),
Excel .xlsx (openpyxl), Word .docx (python-docx, every table), HTML and Markdown tables.

The format comes from the file's content, not its name. A grid's cells are plain text, or (for
Markdown, HTML and Word) in the committee paper's own markup (`**bold**`, `<br>` for a line
break, '• ' for a bullet), so the paper's decisions and exempt marks read back as they print.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scrutui.importers.html_tables import escaped, html_tables
from scrutui.importers.pipes import pipe_tables
from scrutui.importers.proposal import ImportProblem

FORMATS = ("CSV", "Excel (.xlsx)", "Word (.docx)", "HTML", "Markdown")
MAX_BYTES = 20_000_000
MAX_ROWS = 20_000  # a committee tracker is hundreds of rows; more is not a tracker
MAX_CELL = 100_000  # characters; a recommendation and its updates are a few thousand


@dataclass
class Grid:
    """One table of a file: what to call it, its rows with where each is, its section."""

    label: str  # "sheet 'Tracker'", "table 2"
    rows: list[tuple[str, list[str]]] = field(default_factory=list)  # ("row 7", cells)
    markup: bool = False
    section: str = ""  # the heading above the table, if any
    sheets: tuple[str, ...] = ()  # an Excel file's sheets, this one among them


def accepted() -> str:
    return ", ".join(FORMATS)


def sniff(data: bytes) -> str:
    """'csv', 'xlsx', 'docx', 'html' or 'markdown', from the bytes themselves."""
    if not data.strip():
        raise ImportProblem("the file is empty")
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise ImportProblem(f"a damaged zip file; accepted: {accepted()}") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names:
            raise ImportProblem(
                f"an OpenDocument file: save it as .xlsx or .docx; accepted: {accepted()}"
            )
        raise ImportProblem(f"a zip file that is not a Word or Excel file; accepted: {accepted()}")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            f"an old Word or Excel file (.doc/.xls): save it as .docx or .xlsx; "
            f"accepted: {accepted()}"
        )
    if data.startswith(b"%PDF"):
        raise ImportProblem(
            "a PDF: it holds no table to read; open it in Word and save as .docx, or copy "
            f"the table into Excel; accepted: {accepted()}"
        )
    text = decode(data)
    head = text[:200_000]
    if re.search(r"<table\b", head, re.IGNORECASE):
        return "html"
    if pipe_tables(head):
        return "markdown"
    return "csv"


def decode(data: bytes) -> str:
    """Text in any common encoding: UTF-8 (with or without a BOM), UTF-16 with a BOM, else
    Windows-1252 as Excel saves CSV. A file with NUL bytes that is not UTF-16 is binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportProblem(
                f"not a text file (a damaged UTF-16 one?); accepted: {accepted()}"
            ) from None
    if b"\x00" in data[:100_000]:
        raise ImportProblem(f"not a text file, nor a Word or Excel file; accepted: {accepted()}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_grids(path: Path, sheet: str | None = None) -> tuple[str, list[Grid]]:
    """The format of `path` and its grids (an Excel file's first sheet, or `sheet`)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportProblem("is a folder, not a file")
        if size > MAX_BYTES:
            raise ImportProblem(f"is {size:,} bytes; imports read files up to {MAX_BYTES:,}")
        data = path.read_bytes()
    except OSError as error:
        raise ImportProblem(error.strerror or str(error)) from None
    form = sniff(data)
    if form == "xlsx":
        grids = xlsx_grids(data, sheet)
    elif form == "docx":
        grids = docx_grids(data)
    else:
        text = decode(data)
        if form == "html":
            grids = _markup_grids(html_tables(text, every=True), "line")
        elif form == "markdown":
            grids = _markup_grids(pipe_tables(text), "line")
        else:
            grids = [csv_grid(text)]
    for grid in grids:
        _check_size(grid)
    return form, grids


def _check_size(grid: Grid) -> None:
    if len(grid.rows) > MAX_ROWS:
        raise ImportProblem(
            f"{grid.label} has {len(grid.rows):,} rows; a tracker import takes up to "
            f"{MAX_ROWS:,}: split the file, or import the rows still open"
        )
    for where, cells in grid.rows:
        for index, cell in enumerate(cells):
            if len(cell) > MAX_CELL:
                raise ImportProblem(
                    f"{grid.label}, {where}, column {index + 1}: a cell of {len(cell):,} "
                    f"characters; cells hold up to {MAX_CELL:,}"
                )


def csv_grid(text: str) -> Grid:
    """A CSV's rows, numbered as a spreadsheet numbers them; the delimiter is guessed."""
    delimiter = _delimiter(text[:50_000])
    rows: list[tuple[str, list[str]]] = []
    csv.field_size_limit(MAX_BYTES)  # a cell too big is reported by `_check_size`, with where
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            rows.append((f"row {number}", [c.replace("\r\n", "\n") for c in cells]))
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as error:
        raise ImportProblem(f"not a CSV file this importer can read: {error}") from None
    return Grid("the table", rows)


def _delimiter(sample: str) -> str:
    """The delimiter that splits the sample's rows into the most rows of one width (of two
    columns or more): a tracker's prose has commas, its rows have the delimiter."""
    best, score = ",", -1
    for delimiter in ",;\t|":
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        counts = Counter(w for w in widths[:-1] or widths if w >= 2)
        found = max(counts.values(), default=0) * 100 + max(counts, default=0)
        if found > score:
            best, score = delimiter, found
    return best


def _markup_grids(tables: list[Any], unit: str) -> list[Grid]:
    grids = []
    for number, table in enumerate(tables, start=1):
        grid = Grid(f"table {number}", markup=True, section=table.section)
        if table.header:
            grid.rows.append((f"{unit} {table.line}", list(table.header)))
        grid.rows += [(f"{unit} {line}", cells) for line, cells in table.rows]
        grids.append(grid)
    return grids


# Excel ----------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n")


def xlsx_grids(data: bytes, sheet: str | None) -> list[Grid]:
    """One sheet (the first, or `sheet`): merged cells read as the value above them, dates
    formatted as dates read as dates."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportProblem(f"Excel could not be read: {error}") from None
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise ImportProblem(
            f"no sheet {sheet!r}; the sheets are " + ", ".join(repr(n) for n in names)
        )
    chosen = book[sheet] if sheet is not None else book.worksheets[0]
    if chosen.max_row > MAX_ROWS + 1:
        raise ImportProblem(
            f"sheet {chosen.title!r} has {chosen.max_row:,} rows; a tracker import takes up "
            f"to {MAX_ROWS:,}: split the file, or import the rows still open"
        )
    values: list[list[str]] = [
        [_cell_text(v) for v in row] for row in chosen.iter_rows(values_only=True)
    ]
    for merged in chosen.merged_cells.ranges:
        top = merged.min_row - 1
        for column in range(merged.min_col - 1, merged.max_col):
            if top >= len(values) or column >= len(values[top]):
                continue
            for row in range(merged.min_row, merged.max_row):
                if row < len(values) and column < len(values[row]):
                    values[row][column] = values[top][column]
    grid = Grid(f"sheet {chosen.title!r}", sheets=tuple(names))
    grid.rows = [(f"row {n}", cells) for n, cells in enumerate(values, start=1)]
    return [grid]


# Word -----------------------------------------------------------------------------------------


def docx_grids(data: bytes) -> list[Grid]:
    """Every table of a Word document, each with the heading above it. Cells keep bold and
    italic as the paper's marks, paragraphs as blank lines and list items as bullets; a cell
    merged across rows reads as the value above, one merged across columns once."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a damaged file
        raise ImportProblem(f"Word could not read it: {error}") from None
    grids: list[Grid] = []
    section = ""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            if style.lower().startswith(("heading", "title")) and block.text.strip():
                section = " ".join(block.text.split())
            continue
        if isinstance(block, Table):
            grid = Grid(f"table {len(grids) + 1}", markup=True, section=section)
            for number, row in enumerate(block.rows, start=1):
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    same = previous is not None and cell._tc is previous
                    cells.append("" if same else _docx_cell(cell))
                    previous = cell._tc
                grid.rows.append((f"row {number}", cells))
            grids.append(grid)
    return grids


def _docx_cell(cell: Any) -> str:
    parts: list[str] = []
    for paragraph in cell.paragraphs:
        text = "".join(_runs(paragraph))
        if not text.strip():
            continue
        if _is_list(paragraph):
            parts.append(("<br>" if parts else "") + "• " + text.strip())
        else:
            parts.append(("<br><br>" if parts else "") + text.strip())
    return "".join(parts)


def _is_list(paragraph: Any) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if "list" in style.lower():
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _runs(paragraph: Any) -> Iterator[str]:
    """A paragraph's text in the paper's markup: bold and italic runs marked, as they join."""
    pieces: list[tuple[str, bool, bool]] = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        bold, italic = bool(run.bold), bool(run.italic)
        if pieces and pieces[-1][1:] == (bold, italic):
            pieces[-1] = (pieces[-1][0] + text, bold, italic)
        else:
            pieces.append((text, bold, italic))
    for text, bold, italic in pieces:
        body = "<br>".join(escaped(line) for line in text.split("\n"))
        if bold and body.strip():
            body = f"**{body}**"
        elif italic and body.strip():
            body = f"*{body}*"
        yield body
