"""Table import from any council's file: formats known by their content, encodings and
delimiters, dates in councils' forms, status words, leads, kept rules, `init --from`, and
bad input refused with a clear message and nothing written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutui.cli import main
from scrutui.domain.status import PRESETS
from scrutui.importers.dates import DAY_FIRST, MONTH_FIRST, read_date, settled_order
from scrutui.importers.mapping import heading_field, scheme_from_words, status_code
from scrutui.importers.proposal import ImportProblem
from scrutui.importers.table import import_table
from scrutui.store.workspace import load_tracker
from tests.conftest import DATA, git
from tests.table_corpus import docx_table, write_docx, write_xlsx
from tests.test_import_table import empty_copy

SAMPLE = "oxfordshire-pcs-tracker"
HEADER = "Meeting date,Item,Recommendation,Lead,Status"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def root(tmp_path: Path, officer: tuple[str, str]) -> Path:
    return empty_copy(tmp_path, SAMPLE)


def imported(root: Path, capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> str:
    code, out, err = run(capsys, "-w", str(root), "import", "table", str(path), "--tracker", "t",
                         "--yes", *options)  # fmt: skip
    assert code == 0, err
    return out


def refused(root: Path, capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> str:
    before = git(root, "log", "--format=%H")
    code, out, err = run(capsys, "-w", str(root), "import", "table", str(path), "--tracker", "t",
                         "--yes", *options)  # fmt: skip
    assert code == 2 and out == ""
    assert git(root, "log", "--format=%H") == before
    assert git(root, "status", "--porcelain") == ""
    return err


# Bad input ---------------------------------------------------------------------------------


def test_a_binary_file_is_refused_naming_the_formats_accepted(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tracker.csv"
    path.write_bytes(bytes(range(256)) * 10)
    err = refused(root, capsys, path)
    assert err == (
        "scrutui: tracker.csv: not a text file, nor a Word or Excel file; accepted: CSV, "
        "Excel (.xlsx), Word (.docx), HTML, Markdown\n"
    )


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n...", "a PDF: it holds no table to read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "an old Word or Excel file"),
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
    ],
)
def test_a_pdf_an_old_office_file_and_an_empty_file_each_get_a_message_of_their_own(
    data: bytes, says: str, root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(data)
    assert says in refused(root, capsys, path)


def test_a_sheet_with_no_header_row_is_refused_showing_its_first_row(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "numbers.xlsx"
    write_xlsx(path, [("Sheet1", [[1, 2, 3], [4, 5, 6]])])
    err = refused(root, capsys, path)
    assert "numbers.xlsx: no header row: none of the first rows names the columns" in err
    assert (
        "the first row holds '1', '2', '3'; add a header row, or name the columns with --map" in err
    )


def test_a_hundred_thousand_rows_are_refused_at_once_above_the_limit(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.csv"
    row = '19/01/24,Budget,"That the Council publishes figure {}.",Lorna Baxter,R\n'
    path.write_text(HEADER + "\n" + "".join(row.format(n) for n in range(100_000)))
    err = refused(root, capsys, path)
    assert err == (
        "scrutui: huge.csv: the table has 20,001 rows; a tracker import takes up to 20,000: "
        "split the file, or import the rows still open\n"
    )


def test_a_cell_of_a_megabyte_is_refused_naming_its_row_and_column(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f'{HEADER}\n19/01/24,Budget,"{"x" * 1_000_000}",Lorna Baxter,R\n')
    err = refused(root, capsys, path)
    assert err == (
        "scrutui: big.csv: the table, row 2, column 3: a cell of 1,000,000 characters; cells "
        "hold up to 100,000\n"
    )


def test_a_table_without_a_recommendation_column_says_how_to_name_one(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Meeting date,Item,Lead,Status,Wording\n19/01/24,Budget,Lorna,R,Do it\n")
    err = refused(root, capsys, path)
    assert "no header row" in err
    out = imported(root, capsys, path, "--map", "Wording=text", "--kind", "action")
    assert "column 5 'Wording' -> text (chosen)" in out


def test_a_column_mapped_to_no_field_is_refused_listing_the_fields(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "\n19/01/24,Budget,Do it,Lorna,R\n")
    err = refused(root, capsys, path, "--map", "Lead=owner")
    assert "column 4 'Lead': no field 'owner'; allowed: meeting, item, text, leads," in err


# Formats, encodings, delimiters -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("semicolons.csv", HEADER.replace(",", ";") + "\n19/01/24;Budget;Do it;Lorna;Y\n"),
        ("tabs.txt", HEADER.replace(",", "\t") + "\n19/01/24\tBudget\tDo it\tLorna\tY\n"),
        ("pipes.dat", HEADER.replace(",", "|") + "\n19/01/24|Budget|Do it|Lorna|Y\n"),
    ],
)
def test_a_csv_is_read_whatever_its_delimiter_or_name(
    name: str, data: str, root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    imported(root, capsys, path, "--kind", "action")
    (record,) = load_tracker(root / "t").records.values()
    assert (record.meeting, record.item, record.text, record.leads, record.status) == (
        date(2024, 1, 19), "Budget", "Do it", ("Lorna",), "Y"
    )  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_a_csv_in_any_common_encoding_keeps_its_accents_and_pound_signs(
    encoding: str, root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    text = HEADER + "\n19/01/24,Café review,Spend £100k on the café,Siân Lloyd,Y\n"
    path.write_bytes(text.encode(encoding))
    imported(root, capsys, path, "--kind", "action")
    (record,) = load_tracker(root / "t").records.values()
    assert (record.item, record.text, record.leads) == (
        "Café review", "Spend £100k on the café", ("Siân Lloyd",)
    )  # fmt: skip


def test_the_format_comes_from_the_content_so_a_workbook_named_csv_is_read_as_excel(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.csv"
    write_xlsx(path, [("Sheet1", [HEADER.split(","), [date(2024, 1, 19), "Budget", "Do it",
                                                      "Lorna", "G"]])])  # fmt: skip
    imported(root, capsys, path, "--kind", "action")
    (record,) = load_tracker(root / "t").records.values()
    assert (record.meeting, record.status) == (date(2024, 1, 19), "G")


def test_an_excel_sheet_is_chosen_by_name_and_an_unknown_one_lists_the_sheets(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "book.xlsx"
    rows = [HEADER.split(","), ["19/01/24", "Budget", "Open one", "Lorna", "Y"]]
    done = [HEADER.split(","), ["19/01/24", "Budget", "Done one", "Lorna", "Complete"]]
    write_xlsx(path, [("Open", rows), ("Done", done)])
    assert "no sheet 'Closed'; the sheets are 'Open', 'Done'" in refused(
        root, capsys, path, "--sheet", "Closed"
    )
    imported(root, capsys, path, "--sheet", "Done")
    (record,) = load_tracker(root / "t").records.values()
    assert (record.text, record.status) == ("Done one", "G")


def test_every_word_table_is_read_unless_some_are_chosen_and_bullets_stay_bullets(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tables.docx"

    def build(document: object) -> None:
        docx_table(document, [["Key", "Meaning"], ["G", "Done"]])
        for text in ("First", "Second"):
            docx_table(
                document,
                [
                    ["Meeting date", "Item", "Action", "Lead", "Update", "Status"],
                    ["19/01/24", "Budget", f"{text} action", "Lorna / Tom",
                     "Progress:\n- one\n- two", "Y"],
                ],
            )  # fmt: skip

    write_docx(path, build)
    assert "no table 4: the file has 3 tables" in refused(root, capsys, path, "--table", "4")
    out = imported(root, capsys, path, "--table", "3")
    assert "Imported 1 record from tables.docx" in out
    (record,) = load_tracker(root / "t").records.values()
    assert (record.kind, record.text, record.leads) == ("action", "Second action", ("Lorna", "Tom"))
    assert [u.text for u in record.updates] == ["Progress:\n- one\n- two"]
    out = imported(root, capsys, path)
    assert "table 1: left out, as no heading names a tracker column" in out
    assert "Imported 1 record from tables.docx" in out  # the second; the third is there


# Dates, leads, statuses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("02/02/16", date(2016, 2, 2)),
        ("2/2/2016", date(2016, 2, 2)),
        ("02.02.16", date(2016, 2, 2)),
        ("2 February 2016", date(2016, 2, 2)),
        ("2nd February, 2016", date(2016, 2, 2)),
        ("Tuesday 2nd February 2016", date(2016, 2, 2)),
        ("2 Feb 16", date(2016, 2, 2)),
        ("2016-02-02", date(2016, 2, 2)),
        ("February 2016", date(2016, 2, 1)),
        ("Sept 2024", date(2024, 9, 1)),
    ],
)
def test_dates_are_read_in_every_form_councils_write_them(text: str, day: date) -> None:
    read = read_date(text)
    assert read is not None and read.day == day


def test_a_date_that_reads_two_ways_is_flagged_and_a_real_day_above_twelve_settles_the_order() -> (
    None
):
    read = read_date("03/04/24")
    assert read is not None and (read.day, read.other) == (date(2024, 4, 3), date(2024, 3, 4))
    assert read_date("03/04/24", MONTH_FIRST).day == date(2024, 3, 4)  # type: ignore[union-attr]
    assert read_date("31/02/24") is None and read_date("someday") is None
    assert settled_order(["03/04/24", "19/01/24"]) == DAY_FIRST
    assert settled_order(["03/04/24", "01/19/24"]) == MONTH_FIRST
    assert settled_order(["03/04/24"]) is None


def test_ambiguous_dates_are_flagged_on_their_rows_until_the_order_is_confirmed(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "\n03/04/24,Budget,Do it,Lorna,Y\n")
    code, out, _ = run(capsys, "-w", str(root), "import", "table", str(path), "--tracker", "t",
                       "--kind", "action")  # fmt: skip
    assert code == 1
    assert (
        "(meeting '03/04/24' reads two ways: read as 03 April 2024 (day first), not 04 March 2024"
        in out
    )
    assert "1 date could be read two ways and was read day first; confirm with --dates" in out
    out = imported(root, capsys, path, "--kind", "action", "--dates", "month first")
    assert "reads two ways" not in out
    (record,) = load_tracker(root / "t").records.values()
    assert record.meeting == date(2024, 3, 4)


def test_leads_split_on_slashes_semicolons_and_lines_never_on_and(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        HEADER + '\n19/01/24,Budget,One,"Cabinet Member for Jobs and Skills / Tom; Ann\nBo",Y\n'
        '19/01/24,Budget,Two,"Ann, Bo",Y\n'
    )
    imported(root, capsys, path, "--kind", "action")
    leads = {r.text: r.leads for r in load_tracker(root / "t").records.values()}
    assert leads == {
        "One": ("Cabinet Member for Jobs and Skills", "Tom", "Ann", "Bo"),
        "Two": ("Ann, Bo",),
    }


def test_status_words_map_by_code_label_colour_and_the_councils_vocabulary() -> None:
    ryg, rag = PRESETS["ryg"], PRESETS["rag"]
    words = {
        "G": "G", "green": "G", "Complete": "G", "Completed": "G", "done": "G",
        "Achieved": "G", "implemented": "G", "CLOSED": "G", "in  progress": "Y",
        "Ongoing": "Y", "on track": "Y", "Started": "Y", "amber": "Y", "A": "Y",
        "not started": "R", "No progress": "R", "Overdue": "R", "slipped": "R", "Red": "R",
        "1": "G", "2": "Y", "3": "R", "4": "R", "2 - On track": "Y",
    }  # fmt: skip
    assert {w: status_code(w, ryg) for w in words} == words
    assert status_code("Ongoing", rag) == "A" and status_code("Y", rag) == "A"
    assert status_code("Parked", ryg) is None
    complete_ongoing = PRESETS["complete-ongoing"]
    assert status_code("Achieved", complete_ongoing) == "Complete"
    assert status_code("not started", complete_ongoing) == "Ongoing"


def test_headings_councils_use_name_their_fields() -> None:
    headings = {
        "Ref": "reference", "No.": "reference", "Committee date": "meeting",
        "Date": "meeting", "Topic": "item", "Subject": "item", "Area": "item",
        "Review": "item", "Description": "text", "Action": "text",
        "Responsible Officer": "leads", "Portfolio Holder": "leads", "Owner": "leads",
        "Cabinet Member": "leads", "Executive response": "response",
        "Accepted?": "decision", "Progress": "update", "Action taken": "update",
        "Comments": "update", "RAG": "status", "R/A/G": "status",
        "Progress status": "status", "Deadline": "target", "Timescale": "target",
        "Cabinet date": "executive_date", "Response due": "response_due",
        "Date completed": "completed",
    }  # fmt: skip
    assert {h: heading_field(h) for h in headings} == headings


def test_a_scheme_made_from_the_words_found_orders_them_by_meaning() -> None:
    scheme = scheme_from_words(["Complete", "Ongoing", "Not started", "Paused", "complete"])
    assert scheme is not None
    assert [(s.code, s.colour, s.complete) for s in scheme.statuses] == [
        ("Not started", "red", False),
        ("Ongoing", "amber", False),
        ("Paused", "grey", False),
        ("Complete", "green", True),
    ]
    letters = scheme_from_words(["G", "A", "R"])
    assert letters is not None
    assert [(s.code, s.label) for s in letters.statuses] == [
        ("R", "No progress reported"),
        ("A", "In progress"),
        ("G", "Complete"),
    ]


# Rules kept for next time ------------------------------------------------------------------


def test_the_officers_choices_are_kept_in_the_rules_committed_with_the_import_and_reused(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "Date,Topic,Wording,Who,State,Extra"
    first = tmp_path / "march.csv"
    first.write_text(header + "\n19/03/24,Budget,Do it,Lorna,Parked,x\n")
    out = imported(root, capsys, first, "--map", "Wording=text", "--map", "6=skip",
                   "--status", "Parked=R", "--kind", "action")  # fmt: skip
    assert "column 3 'Wording' -> text (chosen)" in out
    shown = git(root, "show", "--stat", "--format=%s", "HEAD")
    assert "t/import-rules.toml" in shown and "Imported 1 record from march.csv" in shown
    rules = (root / "t" / "import-rules.toml").read_text()
    assert 'Wording = "text"' in rules and 'Parked = "R"' in rules and 'kind = "action"' in rules
    second = tmp_path / "april.csv"
    second.write_text(header + "\n16/04/24,Budget,Do more,Tom,Parked,y\n")
    out = imported(root, capsys, second)
    assert "column 3 'Wording' -> text (kept rules)" in out
    assert "column 6 'Extra' -> skip (kept rules)" in out
    assert "status words the scheme lacks" not in out
    records = {r.text: r for r in load_tracker(root / "t").records.values()}
    assert (records["Do more"].kind, records["Do more"].status) == ("action", "R")
    assert len(git(root, "log", "--format=%H").split()) == 3


def test_broken_rules_are_reported_naming_the_file_and_table(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "t" / "import-rules.toml").write_text(
        '[[table]]\nheadings = ["A"]\ndates = "sideways"\n'
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "rules")
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "\n19/01/24,Budget,Do it,Lorna,Y\n")
    err = refused(root, capsys, path)
    assert (
        "import-rules.toml, table 1: dates is 'sideways'; allowed: 'day first' or 'month first'"
        in err
    )


def test_import_rules_are_not_read_as_a_broken_record(root: Path) -> None:
    (root / "t" / "import-rules.toml").write_text("[[table]]\nheadings = []\n")
    state = load_tracker(root / "t")
    assert state.problems == []


# init --from -------------------------------------------------------------------------------


def test_init_from_a_tracker_file_makes_its_scheme_meetings_and_records_once_confirmed(
    tmp_path: Path, officer: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ours.csv"
    path.write_text(
        "Date,Topic,Recommendation,Lead,Progress status\n"
        "12/03/24,Budget,Publish the reserves,Ann,Ongoing\n"
        "12/03/24,Budget,Explain the gap,Bo,Complete\n"
        "16/04/24,Waste,Count the permits,Cy,Paused\n"
    )
    workspace = tmp_path / "new"
    code, out, err = run(
        capsys, "init", str(workspace), "--from", str(path), "--tracker", "scrutiny"
    )
    assert code == 1 and not workspace.exists()
    assert "Nothing was written" in err
    code, out, err = run(capsys, "init", str(workspace), "--from", str(path), "--tracker",
                         "scrutiny", "--yes")  # fmt: skip
    assert code == 0, err
    assert "status scheme: Ongoing, Paused, Complete (complete)" in out
    state = load_tracker(workspace / "scrutiny")
    assert state.tracker is not None
    assert state.tracker.meetings == (date(2024, 3, 12), date(2024, 4, 16))
    assert {r.text: r.status for r in state.records.values()} == {
        "Publish the reserves": "Ongoing",
        "Explain the gap": "Complete",
        "Count the permits": "Paused",
    }
    assert (workspace / "scrutiny" / "import-rules.toml").is_file()
    assert git(workspace, "status", "--porcelain") == ""


def test_a_table_with_no_meeting_dates_asks_once_for_the_date_of_every_row(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Item,Action,Lead\nBudget,Do it,Lorna\nBudget,Do more,Tom\n")
    err = refused(root, capsys, path)
    assert err == (
        "scrutui: t.csv: 1 problem found; nothing was imported:\n"
        "  the table: no meeting date column, and no date heading above row 2; give the "
        "meeting's date for every row with --meeting DD/MM/YYYY, or name the column with "
        "--map 'HEADING=meeting'\n"
    )
    imported(root, capsys, path, "--meeting", "19/01/2024")
    assert {r.meeting for r in load_tracker(root / "t").records.values()} == {date(2024, 1, 19)}


# Nothing but a clear message, whatever the bytes --------------------------------------------


_TRACKER = load_tracker(DATA / SAMPLE).tracker
FIXTURE = HealthCheck.function_scoped_fixture
_PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<table>",
    b"| a | b |\n|---|---|\n",
]
_CELLS = st.sampled_from(
    ["Meeting date", "Recommendation", "Lead", "Status", "19/01/24", "31/02/24", "G", "",
     "Parked", "a / b; c", '"', "\n", ",", ";", "\t", "03/04/24", "Action", "x" * 50]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=400))
def test_any_bytes_give_records_or_a_clear_message_never_a_crash(
    prefix: bytes, body: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "any.csv"
    path.write_bytes(prefix + body)
    assert _TRACKER is not None
    try:
        import_table(path, _TRACKER)
    except ImportProblem as problem:
        assert str(problem)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(_CELLS, min_size=1, max_size=6), min_size=1, max_size=8))
def test_any_table_of_tracker_words_gives_records_or_a_clear_message(
    rows: list[list[str]], tmp_path: Path
) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "words.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert _TRACKER is not None
    try:
        found = import_table(path, _TRACKER)
    except ImportProblem as problem:
        assert str(problem)
    else:
        assert all(p.text.strip() and p.meeting for p in found.proposals)


def test_two_progress_columns_both_reach_the_records_update(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + ",Action taken,Comments\n19/01/24,Budget,Do it,Ann,Y,Wrote,Chased\n")
    imported(root, capsys, path, "--kind", "action")
    (record,) = load_tracker(root / "t").records.values()
    assert [u.text for u in record.updates] == ["Wrote\n\nChased"]


def test_html_cells_merged_down_and_across_read_as_the_value_above_and_once(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tracker.htm"
    path.write_text(
        "<table><tr><th>Meeting date</th><th>Item</th><th>Action</th><th>Lead</th>"
        "<th>Status</th></tr>"
        "<tr><td rowspan='2'>19 January 2024</td><td rowspan='2'>Budget</td><td>One</td>"
        "<td>Ann</td><td>Ongoing</td></tr>"
        "<tr><td>Two</td><td>Bo</td><td>Complete</td></tr>"
        "<tr><td>12/03/24</td><td>Waste</td><td colspan='2'>Three</td><td>Red</td></tr>"
        "</table>"
    )
    imported(root, capsys, path)
    got = sorted(
        (r.meeting, r.item, r.text, r.leads, r.status)
        for r in load_tracker(root / "t").records.values()
    )
    assert got == [
        (date(2024, 1, 19), "Budget", "One", ("Ann",), "Y"),
        (date(2024, 1, 19), "Budget", "Two", ("Bo",), "G"),
        (date(2024, 3, 12), "Waste", "Three", (), "R"),
    ]


def test_a_status_word_the_scheme_lacks_is_added_to_it_in_the_same_commit(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "\n19/01/24,Budget,Do it,Ann,Paused\n19/01/24,Budget,Did it,Bo,G\n")
    out = imported(root, capsys, path, "--kind", "action", "--add-status", "Paused")
    assert "Note: added to the tracker's status scheme (in the same commit): 'Paused' (grey)" in out
    assert "status words the scheme lacks" not in out
    shown = git(root, "show", "--stat", "--format=%s", "HEAD")
    assert "t/tracker.toml" in shown and "Imported 2 records from t.csv" in shown
    state = load_tracker(root / "t")
    assert state.tracker is not None and state.tracker.scheme.codes == ("R", "Y", "Paused", "G")
    assert {r.text: r.status for r in state.records.values()} == {"Do it": "Paused", "Did it": "G"}
    assert "Councillor" in (root / "t" / "tracker.toml").read_text()  # the rest kept
    assert git(root, "status", "--porcelain") == ""


def test_a_mapping_file_given_on_the_command_line_maps_columns_and_statuses(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[[table]]\nheadings = []\nkind = "action"\n'
        '[table.columns]\nWording = "text"\nState = "status"\nExtra = "skip"\n'
        '[table.statuses]\nParked = "Y"\n'
    )
    path = tmp_path / "t.csv"
    path.write_text("Date,Topic,Wording,Who,State,Extra\n19/03/24,Budget,Do it,Lorna,Parked,x\n")
    out = imported(root, capsys, path, "--rules", str(mapping))
    assert "column 3 'Wording' -> text (kept rules)" in out
    (record,) = load_tracker(root / "t").records.values()
    assert (record.kind, record.status, record.updates) == ("action", "Y", ())
    kept = (root / "t" / "import-rules.toml").read_text()
    assert 'headings = ["Date", "Topic", "Wording", "Who", "State", "Extra"]' in kept


def test_validate_checks_an_import_rules_file_as_rules_not_as_a_record(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = root / "t" / "import-rules.toml"
    rules.write_text('[[table]]\nheadings = ["A"]\n[table.columns]\nA = "text"\n')
    assert run(capsys, "validate", str(rules))[0] == 0
    rules.write_text('[[table]]\nheadings = ["A"]\ndates = "x"\n')
    code, out, _ = run(capsys, "validate", str(rules))
    assert code == 1
    assert "t/import-rules.toml: import-rules.toml, table 1: dates is 'x'" in out


def test_a_councils_reference_committee_and_executive_date_are_kept_and_searchable(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scrutui.domain.meeting import Meeting
    from scrutui.domain.query import matcher, parse_query

    path = tmp_path / "york.csv"
    path.write_text(
        "Reference,Origin,Date,Area,Recommendation,Exec Date,Lead Officer/EM,Target,Status\n"
        "SR (24/25) 01,CRP,14/01/25,Finance,Publish it,11/02/25,DM/PL,March 2025,Ongoing\n"
    )
    out = imported(root, capsys, path)
    assert "column 1 'Reference' -> reference (its heading)" in out
    assert "column 2 'Origin' -> committee (its heading)" in out
    assert "column 6 'Exec Date' -> executive_date (its heading)" in out
    state = load_tracker(root / "t")
    (record,) = state.records.values()
    assert record.get("reference") == "SR (24/25) 01"
    assert record.get("committee") == "CRP"
    assert record.get("executive_date") == date(2025, 2, 11)
    assert record.target == "March 2025"
    assert record.updates == ()  # none of them kept as a note
    text = (root / "t" / f"{record.id}.toml").read_text()
    assert 'reference = "SR (24/25) 01"' in text and "executive_date = 2025-02-11" in text
    assert state.tracker is not None
    meeting = Meeting(state.tracker.meetings, date(2025, 3, 1))
    found = matcher(parse_query("sr (24/25)"), state.tracker, meeting, date(2025, 3, 1))
    assert found(record)


def test_a_paper_of_records_with_references_prints_them_and_reads_them_back(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scrutui.papers.render import render

    path = tmp_path / "york.csv"
    path.write_text(
        "Ref,Date,Area,Recommendation,Lead,Status\n"
        "SR (24/25) 01,14/01/25,Finance,Publish it,DM,Ongoing\n"
        ",14/01/25,Finance,Count it,PL,Ongoing\n"
    )
    imported(root, capsys, path)
    state = load_tracker(root / "t")
    assert state.tracker is not None
    paper = render(state.tracker, state.records.values(), today=date(2025, 2, 1))
    assert "| Meeting date | Item | Recommendation |" in paper
    assert "| Update/response | Ref |" in paper  # last: the Word paper merges its first two
    markdown = tmp_path / "paper.md"
    markdown.write_text(paper, encoding="utf-8")
    word = tmp_path / "paper.docx"  # as the agenda pack has it: repeated cells merged down
    assert run(capsys, "-w", str(root), "render", "t", "--to", "docx", "-o", str(word))[0] == 0
    for n, again in enumerate([markdown, word]):
        second = empty_copy(tmp_path / f"second-{n}", SAMPLE)
        imported(second, capsys, again)
        got = load_tracker(second / "t").records.values()
        assert {r.text: r.get("reference") for r in got} == {
            "Publish it": "SR (24/25) 01",
            "Count it": "",
        }, again.name
