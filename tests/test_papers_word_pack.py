"""The Word paper, ready for the agenda pack: each point of issue 19 checked with python-docx.

The pages were also looked at as images (LibreOffice to PDF, pdftoppm): one is in
docs/word-paper-page-1.png. LibreOffice is not needed here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from scrutui.domain.meeting import Meeting
from scrutui.domain.records import Record
from scrutui.domain.tracker import PaperSettings, Tracker
from scrutui.pandoc import PandocMissing, pandoc_path
from scrutui.papers.convert import convert
from scrutui.papers.layout import COMPLETE_FILL, HEADER_FILL, fill_of, layout_for
from scrutui.papers.render import render
from scrutui.papers.word import TBL_PR, TC_PR, TR_PR, fits_on_a_page, widths
from scrutui.store.workspace import load_workspace
from tests.conftest import DATA

TODAY = date(2024, 11, 1)
STATE = load_workspace(DATA)
MEETING = Meeting(date(2024, 11, 28), date(2024, 1, 19))


@pytest.fixture(autouse=True)
def needs_pandoc() -> None:
    try:
        pandoc_path()
    except PandocMissing:
        pytest.skip("pandoc is not installed (pypandoc_binary brings it with the README's command)")


def sample(name: str) -> tuple[Tracker, list[Record]]:
    state = STATE.trackers[name]
    assert state.tracker is not None
    return state.tracker, list(state.records.values())


def word(tmp_path: Path, name: str, tracker: Tracker | None = None) -> Any:
    base, records = sample(name)
    tracker = tracker or base
    out = tmp_path / f"{name}.docx"
    paper = render(tracker, records, today=TODAY, meeting=MEETING.day)
    convert(paper, "docx", out, tracker.title, layout_for(tracker, MEETING))
    return docx.Document(str(out))


@pytest.fixture(scope="module")
def committee(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return word(tmp_path_factory.mktemp("word"), "oxfordshire-pcs-tracker")


def fill(cell: Any) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shading.get(qn("w:fill")) if shading is not None else None


def data_tables(document: Any) -> list[Any]:
    return [t for t in document.tables if t.rows[0].cells[0].text != "KEY"]


def test_a_tracker_s_word_paper_is_landscape_a4_with_margins(committee: Any) -> None:
    for section in committee.sections:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
        margins = (section.left_margin, section.right_margin, section.top_margin)
        assert all(Cm(1.5) <= m <= Cm(2.5) for m in (*margins, section.bottom_margin))


def test_portrait_is_a_tracker_setting(tmp_path: Path) -> None:
    tracker, _ = sample("oxfordshire-pcs-tracker")
    portrait = replace(tracker, paper=PaperSettings(orientation="portrait"))
    section = word(tmp_path, "oxfordshire-pcs-tracker", portrait).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert round(section.page_width.cm, 1) == 21.0


def test_column_widths_follow_the_content_the_update_column_widest(committee: Any) -> None:
    text_width = committee.sections[0].page_width - 2 * committee.sections[0].left_margin
    for table in data_tables(committee):
        sizes = [cell.width for cell in table.rows[0].cells]
        headers = [cell.text for cell in table.rows[0].cells]
        assert abs(sum(sizes) - text_width) < Cm(0.1)
        assert max(sizes) == sizes[headers.index("Update/response")]
        assert sizes[0] < sizes[2]  # the meeting date is narrower than the text
        assert len(set(sizes)) > 2  # not equal columns
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_widths_give_each_column_room_for_its_longest_word() -> None:
    sizes = widths([["Date", "19/01/24"], ["Update", "word " * 400]], int(Cm(20)))
    assert sizes[0] >= Pt(11 * 0.5 * 8) and sizes[1] > sizes[0] * 4


def test_the_header_row_is_shaded_bold_marked_as_a_header_and_repeated(committee: Any) -> None:
    for table in data_tables(committee):
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
        assert all(fill(cell) == HEADER_FILL for cell in header.cells)
        # bold from the table style's first row (the words stay plain for `import table`)
        assert table.style.name == "Table"
        first = table.style.element.find(qn("w:tblStylePr"))
        assert first.get(qn("w:type")) == "firstRow" and first.find(".//" + qn("w:b")) is not None
        assert table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "1"
        assert not any(has(row, "w:tblHeader") for row in table.rows[1:])


def has(row: Any, tag: str) -> bool:
    return row._tr.trPr is not None and row._tr.trPr.find(qn(tag)) is not None


def test_no_row_that_fits_on_a_page_is_split_across_pages(committee: Any) -> None:
    section = committee.sections[0]
    page = section.page_height - section.top_margin - section.bottom_margin
    tracker, _ = sample("oxfordshire-pcs-tracker")
    layout = layout_for(tracker)
    kept = []
    for table in data_tables(committee):
        sizes = [cell.width for cell in table.rows[0].cells]
        for row in table.rows:
            fits = fits_on_a_page([c.text for c in row.cells], sizes, layout, page)
            assert has(row, "w:cantSplit") == fits
            kept.append(fits)
    assert kept[0] and sum(kept) >= 8  # the header rows and the six short complete rows
    assert not fits_on_a_page(["word " * 3000], [int(Cm(5))], layout, page)


def test_status_cells_are_coloured_and_keep_their_code_as_text(committee: Any) -> None:
    tracker, _ = sample("oxfordshire-pcs-tracker")
    seen = set()
    for table in data_tables(committee):
        for row in table.rows[1:]:
            status = row.cells[5]
            code = status.text.replace("✔", "").strip()
            assert code in tracker.scheme.codes  # colour is never the only signal
            status_colour = tracker.scheme.get(code)
            assert status_colour is not None
            assert fill(status) == fill_of(status_colour.colour)
            seen.add(code)
    assert seen == {"Y", "G"}


def test_complete_rows_are_shaded_green_as_the_explanation_says(committee: Any) -> None:
    recommendations = data_tables(committee)[0]
    rows = recommendations.rows[1:]
    shaded = [fill(row.cells[2]) == COMPLETE_FILL for row in rows]
    assert sum(shaded) == 6  # the six Customer Experience rows completed since 19/01/24
    assert shaded == ["✔" in row.cells[5].text for row in rows]
    assert all(fill(row.cells[2]) is None for row, s in zip(rows, shaded, strict=True) if not s)


def test_the_key_is_a_row_of_coloured_cells_with_their_labels(committee: Any) -> None:
    key = next(t for t in committee.tables if t.rows[0].cells[0].text == "KEY")
    cells = key.rows[0].cells
    assert [c.text for c in cells] == [
        "KEY",
        "No progress reported (R)",
        "In progress (Y)",
        "Complete (G)",
    ]
    assert [fill(c) for c in cells[1:]] == [fill_of("red"), fill_of("yellow"), fill_of("green")]
    assert not any(p.text.startswith("KEY") for p in committee.paragraphs)


def test_repeated_dates_and_items_are_merged_with_the_cell_above_not_left_empty(
    committee: Any,
) -> None:
    for table in data_tables(committee):
        for row in table.rows[1:]:
            for cell in row.cells[:2]:
                merged = cell._tc.tcPr is not None and cell._tc.tcPr.find(qn("w:vMerge"))
                assert cell.text.strip() or merged is not None


def test_the_header_names_the_committee_and_meeting_and_the_footer_counts_pages(
    committee: Any,
) -> None:
    section = committee.sections[0]
    header = section.header.paragraphs[0].text
    assert header == (
        "Performance & Corporate Services Overview & Scrutiny Committee\tMeeting 28 November 2024"
    )
    footer = section.footer.paragraphs[0]
    instructions = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text == "Page 1 of 1"  # the fields' placeholders, updated by Word


def test_the_font_and_size_are_tracker_settings_default_arial_11(
    committee: Any, tmp_path: Path
) -> None:
    normal = committee.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Arial", Pt(11))
    assert committee.styles["Heading 1"].font.name == "Arial"
    tracker, _ = sample("oxfordshire-pcs-tracker")
    verdana = replace(tracker, paper=PaperSettings(font="Verdana", font_size=12))
    normal = word(tmp_path, "oxfordshire-pcs-tracker", verdana).styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Verdana", Pt(12))


@pytest.mark.parametrize(
    "name",
    [
        "oxfordshire-pcs-tracker",
        "oxford-city-peer-challenge-2024",
        "oxford-city-oiep-you-said-we-did-2023-07",
    ],
)
def test_every_paper_is_accessible_headings_in_order_title_language_no_blank_paragraphs(
    name: str, tmp_path: Path
) -> None:
    document = word(tmp_path, name)
    levels = [
        int(p.style.name.rsplit(" ", 1)[1])
        for p in document.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels))  # none skipped
    tracker, _ = sample(name)
    assert document.core_properties.title == tracker.title
    assert document.core_properties.language == "en-GB"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    assert all(p.text.strip() for p in document.paragraphs)  # no blank layout paragraphs
    for table in data_tables(document):
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for link in document.element.iter(qn("w:hyperlink")):
        assert "".join(t.text or "" for t in link.iter(qn("w:t"))).strip()


@pytest.mark.parametrize(
    "name",
    [
        "oxfordshire-pcs-tracker",
        "oxford-city-peer-challenge-2024",
        "oxford-city-oiep-you-said-we-did-2023-07",
    ],
)
def test_table_row_and_cell_properties_are_in_the_order_word_s_schema_requires(
    name: str, tmp_path: Path
) -> None:
    document = word(tmp_path, name)
    for tag, order in (("w:tblPr", TBL_PR), ("w:trPr", TR_PR), ("w:tcPr", TC_PR)):
        for element in document.element.iter(qn(tag)):
            names = [child.tag.rsplit("}", 1)[1] for child in element]
            assert names == sorted(names, key=order.index), (tag, names)
            assert len(names) == len(set(names)), (tag, names)


def test_every_table_has_a_title_and_a_description_for_screen_readers(tmp_path: Path) -> None:
    document = word(tmp_path, "oxford-city-peer-challenge-2024")
    captions = [t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for t in document.tables]
    assert captions[0] == "Recommendation 1: Co-design shared outcomes"
    assert len(captions) == 10
    description = document.tables[2]._tbl.tblPr.find(qn("w:tblDescription")).get(qn("w:val"))
    assert (
        description == "Columns: CORPORATE CENTRE / PROJECT MANAGEMENT, October 2024 & final update"
    )


def test_an_explanation_beginning_with_key_is_left_as_it_is(tmp_path: Path) -> None:
    tracker, _ = sample("oxfordshire-pcs-tracker")
    keyed = replace(tracker, explanation="KEY dates are in the calendar.")
    document = word(tmp_path, "oxfordshire-pcs-tracker", keyed)
    assert "KEY dates are in the calendar." in [p.text for p in document.paragraphs]
    assert document.tables[0].rows[0].cells[0].text == "KEY"
