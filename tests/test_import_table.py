"""Importing tables: the paper's own layout round trips; a CSV is all or nothing, row by row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scrutui.cli import main
from scrutui.domain.records import Record, sort_key
from scrutui.papers.convert import convert
from scrutui.papers.render import render
from scrutui.store.git import Identity
from scrutui.store.workspace import init_workspace, load_tracker
from tests.conftest import DATA, SEEDS, git

PAPER_FIELDS = (
    "kind",
    "meeting",
    "item",
    "text",
    "leads",
    "last_reviewed",
    "status",
    "decision",
    "response",
    "exempt",
)
HEADER = "Meeting date,Item,Recommendation,Lead,Last reviewed,R/Y/G"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def empty_copy(tmp_path: Path, sample: str) -> Path:
    """A workspace holding the sample tracker's settings and none of its records."""
    root = tmp_path / "empty"
    settings = (DATA / sample / "tracker.toml").read_text(encoding="utf-8")
    init_workspace(root, "t", settings, Identity("Set Up", "setup@example.org"))
    return root


def paper_view(record: Record) -> tuple[object, ...]:
    """What the paper carries of a record (its updates' texts, not their dates)."""
    texts = tuple(u.text for u in record.updates)
    return (*(getattr(record, f) for f in PAPER_FIELDS), texts)


def in_paper_order(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.kind == "action", sort_key(r.id)))


@pytest.mark.parametrize(
    "sample", ["oxfordshire-pcs-tracker", "oxfordshire-pcs-minutes-2022-01-17"]
)
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_a_paper_imported_into_an_empty_tracker_gives_back_the_same_records(
    sample: str,
    suffix: str,
    tmp_path: Path,
    officer: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = load_tracker(DATA / sample)
    assert source.tracker is not None
    paper = render(source.tracker, source.records.values(), today=date(2024, 5, 1))
    path = tmp_path / f"paper{suffix}"
    if suffix == ".md":
        path.write_text(paper, encoding="utf-8")
    else:
        convert(paper, "docx", path, "paper")
    root = empty_copy(tmp_path, sample)
    code, out, err = run(capsys, "-w", str(root), "import", "table", str(path), "--tracker", "t",
                         "--yes")  # fmt: skip
    assert code == 0, err
    count = len(source.records)
    assert f"Imported {count} records from paper{suffix}" in out
    imported = load_tracker(root / "t").records.values()
    assert [paper_view(r) for r in in_paper_order(list(imported))] == [
        paper_view(r) for r in in_paper_order(list(source.records.values()))
    ]
    assert sorted(r.id for r in imported) == sorted(source.records)


def write_csv(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def good_row(n: int) -> str:
    return f'19/01/24,Budget,"That the Council publishes figure {n}.",Lorna Baxter,,R'


def test_a_csv_with_a_bad_date_in_row_7_fails_naming_row_7_and_writes_nothing(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [good_row(n) for n in range(2, 7)] + ['31/02/24,Budget,"That the Council acts.",,,R']
    path = write_csv(tmp_path / "tracker.csv", rows)
    before = git(workspace, "log", "--format=%H")
    code, out, err = run(capsys, "-w", str(workspace), "import", "table", str(path), "--tracker",
                         "pcs", "--yes")  # fmt: skip
    assert code == 2 and out == ""
    assert err == (
        "scrutui: tracker.csv: 1 problem found; nothing was imported:\n"
        "  row 7, meeting: not a date; found '31/02/24'; allowed: a real date like 2024-04-11 "
        "or 11/04/24\n"
    )
    assert git(workspace, "log", "--format=%H") == before
    assert git(workspace, "status", "--porcelain") == ""


def test_unknown_status_words_are_counted_once_and_given_the_starting_code_never_refused(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "tracker.csv",
        [
            '19/01/24,Budget,"One.",,,Parked,Lorna',
            '19/01/24,Budget,"Two.",,,parked,Tom',
            '19/01/24,Budget,"Three.",,,Done,Tom',
        ],
        HEADER + ",Notes",
    )
    argv = ["-w", str(workspace), "import", "table", str(path), "--tracker", "pcs", "--yes"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "  column 7 'Notes' -> update (its heading)" in out
    assert (
        "Note: status words the scheme lacks: 'Parked' ×2 (given R); "
        "map them with --status 'WORD=CODE' (codes: R, Y, G)" in out
    )
    records = load_tracker(workspace / "pcs").records
    statuses = {r.text: r.status for r in records.values()}
    assert (statuses["One."], statuses["Two."], statuses["Three."]) == ("R", "R", "G")


def test_a_bad_date_in_any_date_column_is_reported_with_its_row_and_nothing_is_written(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "tracker.csv",
        ['19/01/24,Budget,"One.",,,R', '19/01/24,Budget,"Two.",,someday,R'],
    )
    before = git(workspace, "log", "--format=%H")
    code, _, err = run(capsys, "-w", str(workspace), "import", "table", str(path), "--tracker",
                       "pcs", "--yes")  # fmt: skip
    assert code == 2
    assert err.splitlines()[1:] == [
        "  row 3, last_reviewed: not a date; found 'someday'; allowed: a real date like "
        "2024-04-11 or 11/04/24",
    ]
    assert git(workspace, "log", "--format=%H") == before


def test_a_csv_with_field_names_in_any_case_and_a_kind_column_imports_in_one_commit(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "export.csv",
        [
            '19/01/2024,Budget,action,"Circulate the figures.","Lorna Baxter; Tom Parsons",Y',
            ',,recommendation,"That Cabinet publishes the figures.\n- monthly\n- online",,R',
        ],
        "MEETING,item,Kind,Text,Leads,Status",
    )
    argv = ("-w", str(workspace), "import", "table", str(path), "--tracker", "pcs", "--yes")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "Imported 2 records from export.csv" in out
    records = load_tracker(workspace / "pcs").records
    action, recommendation = records["A-2024-01-19-1"], records["R-2024-01-19-1"]
    assert (action.leads, action.status) == (("Lorna Baxter", "Tom Parsons"), "Y")
    assert (recommendation.meeting, recommendation.item) == (date(2024, 1, 19), "Budget")
    assert recommendation.text == "That Cabinet publishes the figures.\n- monthly\n- online"
    assert run(capsys, *argv)[1].startswith("Nothing new to import")


def test_a_table_without_a_kind_asks_for_one(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "t.csv", ['19/01/24,Budget,"One."'], "Meeting date,Item,Text")
    code, _, err = run(capsys, "-w", str(workspace), "import", "table", str(path), "--tracker",
                       "pcs")  # fmt: skip
    assert code == 2
    assert (
        "the table: no column or heading says whether its rows are recommendations or "
        "actions; say which with --kind recommendation or --kind action" in err
    )
    code, out, _ = run(capsys, "-w", str(workspace), "import", "table", str(path), "--tracker",
                       "pcs", "--kind", "action", "--yes")  # fmt: skip
    assert code == 0 and "Imported 1 record from t.csv" in out


def typed_into_excel(records: list[Record], path: Path) -> Path:
    """The tracker's records typed into a workbook with the paper's headings, as an officer
    keeps it: recommendations, then a header row for the actions; a meeting and item left
    blank when they are the row above's; the response and updates in one cell."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.append(["Action and Recommendation Tracker"])
    for kind, heading in (("recommendation", "Recommendation"), ("action", "Action")):
        sheet.append(["Meeting date", "Item", heading, "Lead", "Last reviewed", "R/Y/G",
                      "Update/response"])  # fmt: skip
        above: tuple[object, str] = (None, "")
        for record in [r for r in records if r.kind == kind]:
            parts = [record.decision or "", record.response]
            parts += [f"Update: {u.text}" for u in record.updates]
            same = (record.meeting, record.item) == above
            sheet.append(
                [
                    None if same else record.meeting,
                    None if same else record.item,
                    record.text,
                    "; ".join(record.leads),
                    record.last_reviewed,
                    record.status,
                    "\n\n".join(p for p in parts if p),
                ]
            )
            above = (record.meeting, record.item)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "dd/mm/yy"
    book.save(path)
    return path


def test_the_oxfordshire_tracker_typed_into_excel_with_the_papers_headings_imports_as_its_records(
    tmp_path: Path, officer: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = load_tracker(DATA / "oxfordshire-pcs-tracker")
    records = in_paper_order(list(source.records.values()))
    assert len(records) == 11
    path = typed_into_excel(records, tmp_path / "tracker.xlsx")
    root = empty_copy(tmp_path, "oxfordshire-pcs-tracker")
    code, out, err = run(capsys, "-w", str(root), "import", "table", str(path), "--tracker", "t",
                         "--yes")  # fmt: skip
    assert code == 0, err
    assert "Imported 11 records from tracker.xlsx" in out
    imported = in_paper_order(list(load_tracker(root / "t").records.values()))
    assert [paper_view(r) for r in imported] == [paper_view(r) for r in records]
    assert sorted(r.id for r in imported) == sorted(source.records)


def test_the_published_tracker_copied_from_its_pdf_imports_as_the_records_it_holds(
    tmp_path: Path, officer: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The seed extract: tab-separated text with the key repeated on every page, rows broken
    over pages, decisions run into their responses and a Greek 'Υ' for a Y."""
    root = empty_copy(tmp_path, "oxfordshire-pcs-tracker")
    path = SEEDS / "oxfordshire-pcs-tracker-extract-1.txt"
    code, _, err = run(capsys, "-w", str(root), "import", "table", str(path), "--tracker", "t",
                         "--yes")  # fmt: skip
    assert code == 0, err
    source = load_tracker(DATA / "oxfordshire-pcs-tracker").records
    imported = load_tracker(root / "t").records
    assert sorted(imported) == [
        "A-2023-09-29-1", "R-2023-04-28-1", "R-2023-07-21-1", "R-2023-09-29-1", "R-2023-09-29-2"
    ]  # fmt: skip
    fields = ("kind", "meeting", "item", "text", "last_reviewed", "status", "decision")
    for record_id, record in imported.items():
        want = source[record_id]
        assert [getattr(record, f) for f in fields] == [getattr(want, f) for f in fields]
        assert record.leads in (want.leads, ())  # the extract leaves one lead blank
        assert [u.text[:30] for u in record.updates] == [u.text[:30] for u in want.updates]
