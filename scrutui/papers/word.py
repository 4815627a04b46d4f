"""The Word paper, ready for the agenda pack.

pandoc writes the document from the Markdown paper with a reference document made here (its
styles: the council's font and size, plain black headings, the page); `finish` then does
what pandoc cannot: the page's orientation, margins, header and footer; every table's
widths (by content), borders, header row (shaded, bold, marked as a header and repeated on
each page), rows kept whole, status cells coloured (their code kept as text), complete rows
shaded, repeated dates and items merged with the cell above; the KEY as coloured cells; the
document's title and language. Both use python-docx, which reads and writes the file's XML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

from scrutui.papers.layout import COMPLETE_FILL, HEADER_FILL, MARK, Layout, fill_of, text_on

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(1.8)
HEADINGS = {"Title": 18, "Heading 1": 16, "Heading 2": 14, "Heading 3": 12}
# The styles pandoc writes with: each gets the council's font.
PANDOC_STYLES = ("Body Text", "First Paragraph", "Compact", "Block Text", "Footnote Text")


# The order Word's schema gives the children of table, row and cell properties: Word refuses
# a file whose elements are out of order, so each is put in its place.
TBL_PR = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
)  # fmt: skip
TR_PR = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
    "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
)  # fmt: skip
TC_PR = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)  # fmt: skip


def _place(parent: Any, child: Any, order: tuple[str, ...]) -> Any:
    """Put `child` into `parent` in schema order, replacing one of the same name."""
    name = child.tag.rsplit("}", 1)[1]
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    later = set(order[order.index(name) + 1 :])
    for existing in parent:
        if existing.tag.rsplit("}", 1)[1] in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def _set_font(rpr: Any, font: str) -> None:
    """The font on a run-properties element, for every script, replacing any theme font."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        if key.endswith("Theme"):
            del fonts.attrib[key]
    for side in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(side), font)


def _style_font(document: Any, layout: Layout) -> None:
    """Every paragraph and character style in the council's font; Normal in its size; the
    document's language en-GB."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_font(rpr, layout.font)
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            for key in ("w:val", "w:eastAsia", "w:bidi"):
                lang.set(qn(key), layout.language)
    for style in styles:
        if style.type not in (1, 2):  # paragraph and character styles
            continue
        _set_font(style.element.get_or_add_rPr(), layout.font)
    normal = styles["Normal"]
    normal.font.size = Pt(layout.font_size)


def reference_document(path: Path, layout: Layout) -> None:
    """The reference document pandoc takes its styles and page from."""
    document = docx.Document()
    styles = document.styles
    for name in PANDOC_STYLES:
        if name not in [s.name for s in styles]:
            style = styles.add_style(name, 1)
            style.base_style = styles["Normal"]
    for name, size in HEADINGS.items():
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    for name in ("Body Text", "First Paragraph"):
        styles[name].paragraph_format.space_after = Pt(6)
    styles["Compact"].paragraph_format.space_after = Pt(0)
    _table_style(document)
    _style_font(document, layout)
    _page(document, layout)
    document.save(str(path))


def _table_style(document: Any) -> None:
    """The "Table" style pandoc gives every table: its header row (the first) in bold. The
    bold is the style's, not the text's, so a paper read back (`scrutui import table`) finds
    its headings as plain words."""
    styles = document.styles
    if "Table" in [s.name for s in styles]:
        style = styles["Table"]
    else:
        style = styles.add_style("Table", WD_STYLE_TYPE.TABLE)
        style.base_style = styles["Normal Table"]
    element = style.element
    for old in element.findall(qn("w:tblStylePr")):
        element.remove(old)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    rpr.append(OxmlElement("w:bCs"))
    first.append(rpr)
    element.append(first)


def _page(document: Any, layout: Layout) -> None:
    for section in document.sections:
        short, long = A4
        landscape = layout.orientation == "landscape"
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        section.header_distance = Cm(0.8)
        section.footer_distance = Cm(0.8)


def finish(path: Path, layout: Layout) -> None:
    """Do to pandoc's Word file what pandoc cannot (see the module's docstring)."""
    document = docx.Document(str(path))
    _style_font(document, layout)
    _page(document, layout)
    _header_and_footer(document, layout)
    section = document.sections[0]
    width = int((section.page_width or A4[1]) - 2 * MARGIN)
    page = int((section.page_height or A4[0]) - 2 * MARGIN)
    for table in document.tables:
        _table(table, layout, width, page)
    if layout.key:
        _key(document, layout, width)
    properties = document.core_properties
    properties.title = layout.title
    properties.language = layout.language
    properties.subject = layout.heading
    document.save(str(path))


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in a paragraph, with its last value as placeholder."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run("1")
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _header_and_footer(document: Any, layout: Layout) -> None:
    for section in document.sections:
        width = section.page_width - section.left_margin - section.right_margin
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.text = ""
        paragraph.add_run(layout.heading)
        if layout.when:
            stops = paragraph.paragraph_format.tab_stops
            for position in (Twips(4680), Twips(9360)):  # the Header style's own stops
                stops.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
            stops.add_tab_stop(width - Twips(10), WD_TAB_ALIGNMENT.RIGHT)
            paragraph.add_run("\t" + layout.when)
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.text = ""
        paragraph.alignment = 1  # centred
        paragraph.add_run("Page ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES")


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    _place(cell._tc.get_or_add_tcPr(), shading, TC_PR)


def _colour_text(cell: Any, colour: str, *, bold: bool | None = None) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor.from_string(colour)
            if bold is not None:
                run.font.bold = bold


def _row_property(row: Any, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn(tag)) is None:
        _place(trpr, OxmlElement(tag), TR_PR)


_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def _borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in _BORDERS:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "808080")
        borders.append(edge)
    _place(tblpr, borders, TBL_PR)


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def widths(columns: list[list[str]], total: int, font_size: float = 11) -> list[int]:
    """Column widths (EMU) by content: each wide enough for its longest word (its header's
    too, up to 3 cm), and the rest of the width shared by how much text each column holds;
    the last column, the update/response, gets at least the share of the fullest."""
    char = Pt(font_size * 0.62)  # a bold header's letters are wide
    pad = Cm(0.45)
    floor = [
        min(Cm(3), max((_longest_word(t) for t in column), default=1) * char + pad)
        for column in columns
    ]
    if sum(floor) >= total:
        return [int(f * total / sum(floor)) for f in floor]
    mass = [sum(len(t) for t in column[1:]) / max(1, len(column) - 1) for column in columns]
    mass[-1] = max(mass)  # the update/response column, which grows at every review
    spare = total - sum(floor)
    share = [m / sum(mass) if sum(mass) else 1 / len(mass) for m in mass]
    return [int(f + spare * p) for f, p in zip(floor, share, strict=True)]


def fits_on_a_page(texts: list[str], sizes: list[int], layout: Layout, page: int) -> bool:
    """Whether a row of these cell texts, in columns of these widths, fits on one page (of
    this text height, less room for the repeated header row): estimated from the type size."""
    line = Pt(layout.font_size * 1.2)
    char = Pt(layout.font_size * 0.5)
    tallest = 0
    for text, size in zip(texts, sizes, strict=False):
        per_line = max(1, int((size - Cm(0.4)) / char))
        lines = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        tallest = max(tallest, lines * line)
    return tallest + Cm(0.5) < page * 0.8


def _table(table: Any, layout: Layout, width: int, page: int) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    rows = list(table.rows)
    if not rows:
        return
    columns = [[cell.text for cell in column.cells] for column in table.columns]
    for column, size in zip(table.columns, widths(columns, width, layout.font_size), strict=True):
        column.width = size
        for cell in column.cells:
            cell.width = size
    tblpr = table._tbl.tblPr
    tblw = OxmlElement("w:tblW")
    tblw.set(qn("w:w"), str(int(width / 635)))  # EMU to twentieths of a point
    tblw.set(qn("w:type"), "dxa")
    _place(tblpr, tblw, TBL_PR)
    layout_element = OxmlElement("w:tblLayout")
    layout_element.set(qn("w:type"), "fixed")
    _place(tblpr, layout_element, TBL_PR)
    header = rows[0]
    _alt_text(table, _heading_before(table), [cell.text for cell in header.cells])
    _row_property(header, "w:tblHeader")
    for cell in header.cells:
        _shade(cell, HEADER_FILL)  # bold from the table style (see `_table_style`)
    merge = layout.shade_complete  # the committee tracker: dates and items merge downwards
    sizes = [cell.width or 0 for cell in header.cells]
    for row in rows:
        if fits_on_a_page([cell.text for cell in row.cells], sizes, layout, page):
            _row_property(row, "w:cantSplit")  # a row that fits on a page is never split
    for index, row in enumerate(rows[1:], start=1):
        cells = row.cells
        status = cells[-layout.status_from_end] if layout.status_from_end else None
        complete = bool(layout.shade_complete and status is not None and MARK in status.text)
        if complete:
            for cell in cells:
                _shade(cell, COMPLETE_FILL)
        if status is not None:
            code = status.text.replace(MARK, "").strip()
            fill = layout.fill(code)
            if fill:
                _shade(status, fill)
                _colour_text(status, text_on(fill), bold=True)
        if merge:
            for column in (0, 1):
                if not cells[column].text.strip() and index > 1:
                    _merge_down(table, index, column)


def _heading_before(table: Any) -> str:
    """The text of the nearest heading above a table (its title for screen readers)."""
    for sibling in table._tbl.itersiblings(preceding=True):
        if sibling.tag != qn("w:p"):
            continue
        style = sibling.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        if style is not None and style.get(qn("w:val"), "").lower().startswith("heading"):
            return "".join(t.text or "" for t in sibling.iter(qn("w:t"))).strip()
    return ""


def _alt_text(table: Any, caption: str, headers: list[str]) -> None:
    """The table's title and description (Word's alt text), read out by screen readers."""
    tblpr = table._tbl.tblPr
    if caption:
        element = OxmlElement("w:tblCaption")
        element.set(qn("w:val"), caption[:250])
        _place(tblpr, element, TBL_PR)
    named = [h.strip() for h in headers if h.strip()]
    if named:
        element = OxmlElement("w:tblDescription")
        element.set(qn("w:val"), ("Columns: " + ", ".join(named))[:250])
        _place(tblpr, element, TBL_PR)


def _merge_down(table: Any, index: int, column: int) -> None:
    """The empty cell at (index, column) continues the cell above: a vertical merge."""
    above = table.rows[index - 1].cells[column]._tc
    cell = table.rows[index].cells[column]._tc
    above_pr = above.get_or_add_tcPr()
    if above_pr.find(qn("w:vMerge")) is None:
        start = OxmlElement("w:vMerge")
        start.set(qn("w:val"), "restart")
        _place(above_pr, start, TC_PR)
    pr = cell.get_or_add_tcPr()
    if pr.find(qn("w:vMerge")) is None:
        _place(pr, OxmlElement("w:vMerge"), TC_PR)


def _key(document: Any, layout: Layout, width: int) -> None:
    """The KEY line as a row of cells, each status in its colour (its label and code kept as
    text); the paragraph it replaces goes."""
    line = " ".join(f"KEY {layout.scheme.key_line()}".split())
    for paragraph in document.paragraphs:
        if " ".join(paragraph.text.split()) != line:  # the KEY line itself, not a text so begun
            continue
        statuses = layout.scheme.statuses
        table = document.add_table(rows=1, cols=len(statuses) + 1)
        cells = table.rows[0].cells
        cells[0].text = "KEY"
        for cell, status in zip(cells[1:], statuses, strict=True):
            cell.text = (
                status.label if status.label == status.code else (f"{status.label} ({status.code})")
            )
            fill = fill_of(status.colour)
            _shade(cell, fill)
            _colour_text(cell, text_on(fill))
        _colour_text(cells[0], "000000", bold=True)
        _borders(table)
        _alt_text(table, "KEY", [c.text for c in cells[1:]])
        size = int(width / 5)
        for cell in cells:
            cell.width = size
        _row_property(table.rows[0], "w:cantSplit")
        paragraph._p.addnext(table._tbl)
        paragraph._p.getparent().remove(paragraph._p)
        return
