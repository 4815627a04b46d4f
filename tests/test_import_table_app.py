"""The app's review of a table import: a column's heading picks its field, a status word its
code; the table is read again with the changes, and the choices are kept in the tracker's
import-rules.toml (committed with the records) and used on the next import unasked."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, RadioSet, Static

from scrutui.store.workspace import load_tracker
from scrutui.ui.screens.import_mapping import ImportMappingScreen, PickDialog
from scrutui.ui.screens.import_review import ImportReviewScreen
from tests.test_app import PCS, commits, open_tracker, pilot, root, settle

__all__ = ["pilot", "root"]  # the fixtures, shared with test_app

HEADER = "Date,Topic,Recommendation,Owner,State,Origin"


async def read_table(
    pilot: Pilot[None], path: Path, *, first: bool = True, review: bool = True
) -> ImportReviewScreen:
    if first:
        await open_tracker(pilot)
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = str(path)
    list(pilot.app.screen.query_one(RadioSet).query("RadioButton"))[1].value = True  # a table
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen if review else pilot.app.screen_stack[-2]
    assert isinstance(screen, ImportReviewScreen)
    assert [n.message for n in pilot.app._notifications if n.severity == "error"] == []
    return screen


async def pick(pilot: Pilot[None], value: str) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, PickDialog)
    options = dialog.query_one(OptionList)
    options.highlighted = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).id == value
    )
    await pilot.press("enter")
    await pilot.pause()


async def test_a_columns_field_and_a_status_words_code_change_in_the_review_and_are_kept(
    pilot: Pilot[None], root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ours.csv"
    path.write_text(
        HEADER
        + "\n19/03/24,Budget,Publish it,Ann,Parked,CRP\n19/03/24,Budget,Count it,Bo,Done,CRP\n"
    )
    screen = await read_table(pilot, path)
    summary = str(screen.query_one("#import-summary", Static).render())
    assert summary == (
        "2 proposed from ours.csv, 2 ticked; 1 status word not in the scheme; "
        "m: columns and statuses"
    )
    await pilot.press("m")
    await pilot.pause()
    mapping = pilot.app.screen
    assert isinstance(mapping, ImportMappingScreen)
    columns = mapping.query_one("#columns", DataTable)
    assert [str(columns.get_row_at(i)[2]) for i in range(columns.row_count)] == [
        "meeting", "item", "text", "leads", "status", "committee"
    ]  # fmt: skip
    columns.move_cursor(row=5)
    await pilot.press("enter")
    await pilot.pause()
    await pick(pilot, "skip")
    assert str(columns.get_row_at(5)[2]) == "skip"
    statuses = mapping.query_one("#statuses", DataTable)
    statuses.focus()
    statuses.move_cursor(row=0)  # Parked (the first found)
    await pilot.press("enter")
    await pilot.pause()
    await pick(pilot, "Y")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is screen
    summary = str(screen.query_one("#import-summary", Static).render())
    assert summary == "2 proposed from ours.csv, 2 ticked; m: columns and statuses"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert commits(root)[0] == "Imported 2 records from ours.csv"
    rules = (root / PCS / "import-rules.toml").read_text()
    assert 'Origin = "skip"' in rules and 'Parked = "Y"' in rules
    records = {r.text: r for r in load_tracker(root / PCS).records.values()}
    assert (records["Publish it"].status, records["Count it"].status) == ("Y", "G")
    assert records["Publish it"].get("committee") == ""  # Origin left out

    again = tmp_path / "april.csv"
    again.write_text(HEADER + "\n16/04/24,Waste,Weigh it,Cy,Parked,PPL\n")
    screen = await read_table(pilot, again, first=False)
    await pilot.press("m")
    await pilot.pause()
    columns = pilot.app.screen.query_one("#columns", DataTable)
    assert [str(columns.get_row_at(i)[3]) for i in range(columns.row_count)] == ["kept rules"] * 6
    await pilot.press("escape")
    await pilot.press("ctrl+s")
    await settle(pilot)
    weighed = next(r for r in load_tracker(root / PCS).records.values() if r.text == "Weigh it")
    assert weighed.status == "Y"


async def test_a_table_that_cannot_be_read_as_it_stands_opens_its_columns_to_say_how(
    pilot: Pilot[None], root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Topic,Wording,Owner\nBudget,Publish it,Ann\nBudget,Count it,Bo\n")
    await read_table(pilot, path, review=False)
    mapping = pilot.app.screen
    assert isinstance(mapping, ImportMappingScreen)
    notes = str(mapping.query_one("#mapping-notes", Static).render())
    assert "no header row" in notes and "name the columns with enter on a column" in notes
    columns = mapping.query_one("#columns", DataTable)
    columns.move_cursor(row=1)
    await pilot.press("enter")
    await pilot.pause()
    await pick(pilot, "text")
    await pilot.press("k", "k")  # from the headings, recommendation, action
    await pilot.press("t")
    await pilot.pause()
    pilot.app.screen.query_one("#date", Input).value = "19 March 2024"
    await pilot.press("enter")
    await pilot.pause()
    settings = str(mapping.query_one("#mapping-settings", Static).render())
    assert settings == ("Kind: action (k)   Dates: day first (o)   Undated rows: 19/03/2024 (t)")
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportReviewScreen)
    assert str(screen.query_one("#import-summary", Static).render()).startswith(
        "2 proposed from odd.csv, 2 ticked"
    )
    await pilot.press("ctrl+s")
    await settle(pilot)
    records = load_tracker(root / PCS).records.values()
    added = sorted((r.kind, r.text, r.leads) for r in records if r.item == "Budget" and
                   r.meeting and r.meeting.year == 2024 and r.meeting.month == 3)  # fmt: skip
    assert added == [("action", "Count it", ("Bo",)), ("action", "Publish it", ("Ann",))]
    assert 'Wording = "text"' in (root / PCS / "import-rules.toml").read_text()


async def test_another_sheet_of_a_workbook_is_chosen_in_the_review(
    pilot: Pilot[None], root: Path, tmp_path: Path
) -> None:
    from tests.table_corpus import write_xlsx

    path = tmp_path / "book.xlsx"
    header = ["Meeting date", "Item", "Action", "Lead", "Status"]
    write_xlsx(
        path,
        [
            ("Open", [header, ["19/03/24", "Budget", "Still open", "Ann", "Ongoing"]]),
            ("Closed", [header, ["19/03/24", "Budget", "Done now", "Bo", "Complete"]]),
        ],
    )
    screen = await read_table(pilot, path)
    await pilot.press("m")
    await pilot.pause()
    mapping = pilot.app.screen
    assert isinstance(mapping, ImportMappingScreen)
    await pilot.press("w")
    assert str(mapping.query_one("#mapping-settings", Static).render()).endswith(
        "Sheet: Closed (w)"
    )
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert [p.text for p in screen.proposals] == ["Done now"]


async def test_a_status_word_is_added_to_the_scheme_from_the_review(
    pilot: Pilot[None], root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ours.csv"
    path.write_text(HEADER + "\n19/03/24,Budget,Publish it,Ann,Parked,CRP\n")
    screen = await read_table(pilot, path)
    await pilot.press("m")
    await pilot.pause()
    mapping = pilot.app.screen
    assert isinstance(mapping, ImportMappingScreen)
    statuses = mapping.query_one("#statuses", DataTable)
    statuses.focus()
    await pilot.press("enter")
    await pilot.pause()
    await pick(pilot, "+add")
    assert str(statuses.get_row_at(0)[3]) == "to be added to the scheme"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is screen
    await pilot.press("ctrl+s")
    await settle(pilot)
    state = load_tracker(root / PCS)
    assert state.tracker is not None and "Parked" in state.tracker.scheme.codes
    assert next(r for r in state.records.values() if r.text == "Publish it").status == "Parked"
    assert commits(root)[0] == "Imported 1 record from ours.csv"


async def test_a_date_that_reads_two_ways_is_put_right_on_its_row_in_the_review(
    pilot: Pilot[None], root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ours.csv"
    path.write_text(HEADER + "\n03/04/24,Budget,Publish it,Ann,G,CRP\n")
    screen = await read_table(pilot, path)
    assert "reads two ways" in screen.proposals[0].note
    await pilot.press("e")
    await pilot.pause()
    pilot.app.screen.query_one("#meeting", Input).value = "4 March 2024"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert screen.proposals[0].note == ""
    await pilot.press("ctrl+s")
    await settle(pilot)
    record = next(r for r in load_tracker(root / PCS).records.values() if r.text == "Publish it")
    assert str(record.meeting) == "2024-03-04"


async def test_the_tracker_table_shows_a_ref_column_once_a_record_has_a_councils_reference(
    pilot: Pilot[None], root: Path, tmp_path: Path
) -> None:
    await pilot.resize_terminal(120, 40)
    tracker = await open_tracker(pilot)
    table = tracker.query_one("#records", DataTable)
    assert "Ref" not in [str(c.label) for c in table.columns.values()]
    path = tmp_path / "refs.csv"
    path.write_text(
        "Ref,Date,Area,Recommendation,Lead,Status\nSR (24/25) 01,14/01/25,Finance,Publish,DM,G\n"
    )
    await read_table(pilot, path, first=False)
    await pilot.press("ctrl+s")
    await settle(pilot)
    table = pilot.app.screen.query_one("#records", DataTable)
    assert "Ref" in [str(c.label) for c in table.columns.values()]
    row = next(k for k in table.rows if str(k.value).startswith("R-2025-01-14"))
    assert any(str(c).startswith("SR (24/") for c in table.get_row(row))  # clipped to fit
