"""Papers to Word and HTML through pandoc: tables stay tables, complete rows are shaded."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest

from scrutui.cli import main
from scrutui.pandoc import PandocMissing, pandoc_path
from scrutui.papers.layout import COMPLETE_FILL as GREEN
from scrutui.store.service import Service


@pytest.fixture(autouse=True)
def needs_pandoc() -> None:
    try:
        pandoc_path()
    except PandocMissing:
        pytest.skip("pandoc is not installed (pypandoc_binary brings it with the README's command)")


@pytest.fixture
def paper_workspace(workspace: Path) -> Path:
    service = Service(workspace, today=lambda: date(2024, 10, 15))
    service.change_status("R-2023-09-29-1", "G", "Done | finished <b>now</b>.")
    service.new_record(
        "pcs",
        "recommendation",
        {
            "meeting": date(2024, 1, 19),
            "item": "Customer Experience",
            "text": (
                "That the Council monitors complaints.\n\nIn two ways:\n- by survey\n- by audit"
            ),
            "status": "Y",
        },
    )
    return workspace


def markdown_tables(markdown: str) -> list[int]:
    """Body rows of each pipe table in a Markdown paper."""
    tables: list[int] = []
    in_table = False
    for line in markdown.splitlines():
        if line.startswith("| --- "):
            tables.append(-1)
            in_table = True
        elif in_table and line.startswith("|"):
            tables[-1] += 1
        else:
            in_table = False
    return [n + 1 for n in tables]


def test_a_word_paper_has_the_paper_s_tables_and_rows_with_complete_rows_shaded_green(
    paper_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pcs.docx"
    args = ["-w", str(paper_workspace), "render", "pcs", "--meeting", "20/11/24"]
    assert main(args) == 0
    markdown = capsys.readouterr().out
    assert main([*args, "-o", str(out)]) == 0
    document = docx.Document(str(out))
    key, *tables = document.tables
    assert key.rows[0].cells[0].text == "KEY"
    assert [len(t.rows) - 1 for t in tables] == markdown_tables(markdown) == [2, 1]
    recs = tables[0]
    assert [c.text for c in recs.rows[0].cells] == [
        "Meeting date",
        "Item",
        "Recommendation",
        "Lead",
        "Last reviewed",
        "R/Y/G",
        "Update/response",
    ]
    shaded = [
        row.cells[2].text
        for row in recs.rows
        if GREEN in row._tr.xml and re.search(r'w:fill="C6EFCE"', row._tr.xml)
    ]
    assert len(shaded) == 1 and "social value policy" in shaded[0]
    response = (
        recs.rows[1].cells[6].text
        if "social" in recs.rows[1].cells[2].text
        else (recs.rows[2].cells[6].text)
    )
    assert "Done | finished <b>now</b>." in response
    complaints = next(r for r in recs.rows if "complaints" in r.cells[2].text).cells[2].text
    assert (
        complaints
        == "That the Council monitors complaints.\n\nIn two ways:\n• by survey\n• by audit"
    )


def test_an_html_paper_shades_complete_rows_and_shows_field_html_as_text(
    paper_workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pcs.html"
    assert (
        main(["-w", str(paper_workspace), "render", "pcs", "--meeting", "20/11/24", "-o", str(out)])
        == 0
    )
    html = out.read_text()
    assert html.count('<tr class="complete">') == 1
    assert "finished &lt;b&gt;now&lt;/b&gt;." in html and "<b>now" not in html
    assert "tr.complete td { background: #c6efce; }" in html


def test_a_binary_format_needs_an_output_file(
    paper_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(paper_workspace), "render", "pcs", "--to", "docx"]) == 2
    assert "give it with -o FILE" in capsys.readouterr().err
