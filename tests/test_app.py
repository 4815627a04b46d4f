"""The app, driven as an officer drives it: keys in, then the files, the commits and the screen."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from scrutui.domain.meeting import Meeting
from scrutui.store.git import Identity
from scrutui.store.workspace import create_from_samples
from scrutui.ui.app import ScrutuiApp, make_app
from scrutui.ui.screens.edit import EditScreen
from scrutui.ui.screens.history import HistoryScreen
from scrutui.ui.screens.import_review import ImportReviewScreen
from scrutui.ui.screens.overview import OverviewScreen
from scrutui.ui.screens.problems import ProblemsScreen
from scrutui.ui.screens.record import RecordScreen
from scrutui.ui.screens.tracker import SCREEN_PARTS, TrackerScreen
from scrutui.ui.snapshot import TrackerSnapshot
from tests.conftest import DATA, SEEDS, Clock, git

TODAY = date(2024, 11, 1)
PCS = "oxfordshire-pcs-tracker"


@pytest.fixture
def root(tmp_path: Path, officer: tuple[str, str], clock: Clock) -> Path:
    workspace = tmp_path / "workspace"
    create_from_samples(workspace, DATA, Identity(*officer))
    clock.set("2024-11-01T10:00:00")
    return workspace


@pytest.fixture
async def pilot(root: Path) -> AsyncIterator[Pilot[None]]:
    app = make_app(root, today=lambda: TODAY, watch_every=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot[None]) -> None:
    """Let the workers (load, saves, reads) finish and the screen catch up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def app_of(pilot: Pilot[None]) -> ScrutuiApp:
    assert isinstance(pilot.app, ScrutuiApp)
    return pilot.app


async def open_tracker(pilot: Pilot[None], name: str = PCS) -> TrackerScreen:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(name))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TrackerScreen)
    return pilot.app.screen


async def select(pilot: Pilot[None], record_id: str) -> None:
    table = pilot.app.screen.query_one("#records", DataTable)
    table.move_cursor(row=table.get_row_index(record_id))
    await pilot.pause()


def commits(root: Path) -> list[str]:
    return git(root, "log", "--format=%s").splitlines()


def changed_files(root: Path) -> list[str]:
    return git(root, "show", "--name-only", "--format=", "HEAD").split()


def row_of(pilot: Pilot[None], record_id: str) -> list[str]:
    table = pilot.app.screen.query_one("#records", DataTable)
    return [str(cell) for cell in table.get_row(record_id)]


async def test_the_overview_counts_each_tracker(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, OverviewScreen)
    table = screen.query_one(DataTable)
    assert table.row_count == 4
    row = [str(c) for c in table.get_row(PCS)]
    name, counts = row[0].split("\n")
    assert name.startswith("Performance & Corpor") and name.endswith("oxfordshire-pcs-tracker")
    assert counts == " R 0   Y 5   G 6 "
    assert row[1:] == ["11", "0", "0", "0"]
    plan = str(table.get_row("oxford-city-peer-challenge-2024")[0]).split("\n")[1]
    assert plan == " Ongoing 15   Complete 39  no status 11"  # adds up to its 65
    totals = str(screen.query_one("#totals", Static).render())
    assert totals.startswith("4 trackers, 109 records: 4 responses overdue")


async def test_changing_a_status_with_an_update_is_one_commit_shown_on_screen(
    pilot: Pilot[None], root: Path
) -> None:
    before = commits(root)
    await open_tracker(pilot)
    await select(pilot, "R-2023-09-29-1")
    await pilot.press("s", "down", "enter")  # Y -> G, then into the update box
    await pilot.press(*"Report published.")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert commits(root) == ["R-2023-09-29-1: status Y -> G, update added", *before]
    assert changed_files(root) == [f"{PCS}/R-2023-09-29-1.toml"]
    text = (root / PCS / "R-2023-09-29-1.toml").read_text()
    assert 'status = "G"' in text and 'text = "Report published."' in text
    assert row_of(pilot, "R-2023-09-29-1")[1].strip() == "G"


async def test_an_update_and_marking_complete_are_one_commit_each(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot)
    await select(pilot, "A-2023-09-29-1")
    await pilot.press("u", *"Figures requested from finance.", "ctrl+s")
    await settle(pilot)
    assert commits(root)[0] == "A-2023-09-29-1: update added"
    await pilot.press("c", "ctrl+s")
    await settle(pilot)
    assert commits(root)[:2] == ["A-2023-09-29-1: status Y -> G", "A-2023-09-29-1: update added"]
    assert changed_files(root) == [f"{PCS}/A-2023-09-29-1.toml"]


async def test_a_new_record_has_the_meeting_and_item_of_the_selected_one(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot)
    await select(pilot, "R-2023-09-29-2")
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditScreen)
    assert screen.query_one("#field-meeting", Input).value == "29/09/2023"
    assert screen.query_one("#field-item", Input).value == "Social Value"
    screen.query_one("#field-text", TextArea).text = "That the Council publishes its measures."
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert commits(root)[0] == "R-2023-09-29-3: new recommendation"
    assert changed_files(root) == [f"{PCS}/R-2023-09-29-3.toml"]
    assert isinstance(pilot.app.screen, TrackerScreen)
    assert "R-2023-09-29-3" in [str(k.value) for k in pilot.app.screen.query_one(DataTable).rows]


async def test_archive_and_restore_ask_first_and_are_one_commit_each(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot)
    await select(pilot, "R-2024-01-19-6")
    await pilot.press("a", "y")
    await settle(pilot)
    assert commits(root)[0] == "R-2024-01-19-6: archived"
    table = pilot.app.screen.query_one("#records", DataTable)
    assert "R-2024-01-19-6" not in [str(k.value) for k in table.rows]
    await pilot.press("z")
    await select(pilot, "R-2024-01-19-6")
    await pilot.press("a", "y")
    await settle(pilot)
    assert commits(root)[0] == "R-2024-01-19-6: restored from the archive"


async def test_the_edit_form_validates_as_you_type_and_asks_before_discarding(
    pilot: Pilot[None], root: Path
) -> None:
    before = commits(root)
    await open_tracker(pilot)
    await select(pilot, "A-2023-09-29-1")
    await pilot.press("e")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, EditScreen)
    form.query_one("#field-last_reviewed", Input).value = "31/02/24"
    await pilot.pause()
    error = str(form.query_one("#error-last_reviewed", Static).render())
    assert error.startswith("not a date; found '31/02/24'")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert commits(root) == before and pilot.app.screen is form
    await pilot.press("escape")
    await pilot.pause()
    assert "Discard your changes?" in str(pilot.app.screen.query_one(".title", Static).render())
    await pilot.press("escape")  # keep editing
    form.query_one("#field-last_reviewed", Input).value = "15/10/24"
    form.query_one("#field-item", Input).value = "Social value policy"
    await pilot.pause()
    assert str(form.query_one("#error-last_reviewed", Static).render()) == ""
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert commits(root)[0] == "A-2023-09-29-1: item changed"
    assert isinstance(pilot.app.screen, TrackerScreen)


async def test_filters_combine_and_show_in_the_header(pilot: Pilot[None]) -> None:
    screen = await open_tracker(pilot)
    await pilot.press("slash", *"status:Y lead:sage")
    await pilot.pause()
    table = screen.query_one("#records", DataTable)
    assert sorted(str(k.value) for k in table.rows) == [
        "A-2023-09-29-1",
        "R-2023-09-29-1",
        "R-2023-09-29-2",
    ]
    assert screen.sub_title == "filter: status:Y lead:sage"
    await pilot.press("enter", "escape")  # escape clears the filter first
    assert isinstance(pilot.app.screen, TrackerScreen) and not screen.query_one(Input).value
    assert table.row_count == 11
    await pilot.press("escape")
    assert isinstance(pilot.app.screen, OverviewScreen)


async def test_a_filter_keystroke_redraws_the_table_and_header_but_not_the_whole_screen(
    pilot: Pilot[None],
) -> None:
    screen = await open_tracker(pilot)
    await pilot.press("slash")
    await pilot.pause()
    repainted: list[object] = []
    refresh = screen.refresh

    def noted(*regions: object, **options: object) -> object:
        if options.get("repaint", True) and not options.get("layout"):
            repainted.append(options)
        return refresh(*regions, **options)  # type: ignore[arg-type]

    screen.refresh = noted  # type: ignore[method-assign]
    await pilot.press(*"status:Y")
    await pilot.pause()
    assert screen.sub_title == "filter: status:Y"  # the header's title follows it
    header = str(screen.query_one("HeaderTitle").render())
    assert "filter: status:Y" in header
    assert screen.query_one("#records", DataTable).row_count == len(screen.shown) < 11
    assert repainted == []  # the screen as a whole was never repainted for it


async def test_the_record_shows_its_decision_and_dated_updates(pilot: Pilot[None]) -> None:
    await open_tracker(pilot)
    await select(pilot, "R-2023-09-29-1")
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RecordScreen)
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(screen.query_one("#record", Static).content)
    shown = console.export_text()
    assert "Executive decision  Partially Accepted" in shown
    assert "11/04/24" in shown and "As can be seen above" in shown  # dd/mm/yy everywhere


async def test_history_lists_each_change_and_restores_an_old_version(
    pilot: Pilot[None], root: Path
) -> None:
    original = (root / PCS / "A-2023-09-29-1.toml").read_bytes()
    await open_tracker(pilot)
    await select(pilot, "A-2023-09-29-1")
    await pilot.press("u", *"Chased.", "ctrl+s")
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    table = screen.query_one(DataTable)
    assert [str(table.get_row_at(n)[2]) for n in range(table.row_count)] == [
        "update added",
        "created",
    ]
    assert "updates: added 01/11/2024:" in str(screen.query_one("#diff", Static).render())
    await pilot.press("down", "r", "y")
    await settle(pilot)
    assert commits(root)[0].startswith("A-2023-09-29-1: restored to its version of")
    assert (root / PCS / "A-2023-09-29-1.toml").read_bytes() == original


async def test_history_shows_an_old_version_of_the_record_as_it_stood(
    pilot: Pilot[None], root: Path
) -> None:
    """`v` on a version: the record screen, read only, with that version's text."""
    await open_tracker(pilot)
    await select(pilot, "A-2023-09-29-1")
    await pilot.press("u", *"Chased twice.", "ctrl+s")
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    await pilot.press("down", "v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RecordScreen)
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(screen.query_one("#record", Static).content)
    shown = console.export_text()
    assert "Chased twice." not in shown  # the version before the update
    assert (screen.title or "").startswith("A-2023-09-29-1 as at ")


async def test_a_file_edited_on_disk_shows_up_and_a_broken_one_is_listed(
    pilot: Pilot[None], root: Path
) -> None:
    screen = await open_tracker(pilot)
    record = root / PCS / "A-2023-09-29-1.toml"
    record.write_text(record.read_text().replace('status = "Y"', 'status = "R"'))
    broken = root / PCS / "R-2023-07-21-1.toml"
    broken.write_text(broken.read_text().replace("meeting = 2023-07-21", "meeting = 2023-02-30"))
    for _ in range(20):  # the watcher looks every 0.2 s here (every second in use)
        await pilot.pause(0.1)
        if row_of(pilot, "A-2023-09-29-1")[1].strip() == "R":
            break
    assert row_of(pilot, "A-2023-09-29-1")[1].strip() == "R"
    table = screen.query_one("#records", DataTable)
    assert "R-2023-07-21-1" not in [str(k.value) for k in table.rows]
    await pilot.press("escape", "f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProblemsScreen)
    problems = pilot.app.screen.query_one(DataTable)
    assert [str(c) for c in problems.get_row_at(0)] == [
        f"{PCS}/R-2023-07-21-1.toml",
        "2",
        "meeting",
        "not a real date: February 2023 has 28 days; found 2023-02-30; allowed: a real date "
        "written like 2024-02-29",
    ]
    await pilot.press("escape")
    await open_tracker(pilot)
    await select(pilot, "R-2023-04-28-1")
    await pilot.press("u", *"Still editable.", "ctrl+s")
    await settle(pilot)
    assert commits(root)[0] == "R-2023-04-28-1: update added"


async def test_the_cells_kept_between_keystrokes_do_not_pile_up_over_reloads(
    pilot: Pilot[None],
) -> None:
    screen = await open_tracker(pilot)
    records = list(screen.shown)
    tracker = screen.state.tracker
    assert tracker is not None
    today = pilot.app.host.today()  # type: ignore[attr-defined]
    meeting = Meeting.for_paper(tracker, None, today)
    for _ in range(400):  # as if the tracker's files were read again, 400 times
        screen.shown = [replace(r) for r in records]
        screen.query_one("#records", DataTable).clear()
        screen._add_rows(screen._generation, 0, len(records), tracker, meeting, today)
    assert 0 < len(screen._cells) <= 2 * 500 + len(records)
    assert all(kept[0] is r for r in screen.shown if (kept := screen._cells.get(id(r))))


async def test_outside_changes_can_be_reviewed_and_committed_from_the_app(
    pilot: Pilot[None], root: Path
) -> None:
    record = root / PCS / "A-2023-09-29-1.toml"
    record.write_text(record.read_text().replace('status = "Y"', 'status = "R"'))
    await pilot.press("x")
    await settle(pilot)
    report = str(pilot.app.screen.query_one("#report", Static).render())
    assert f"{PCS}/A-2023-09-29-1.toml" in report and "status: Y -> R" in report
    await pilot.press("c")
    await settle(pilot)
    assert commits(root)[0] == "A-2023-09-29-1: changed outside scrutui"


async def test_every_key_of_a_screen_is_also_in_the_command_palette(pilot: Pilot[None]) -> None:
    screen = await open_tracker(pilot)
    titles = {c.title for c in pilot.app.get_system_commands(screen)}
    described = {
        b.binding.description.lower()
        for b in screen.active_bindings.values()
        if b.binding.description
    }
    assert {f"tracker: {d}" for d in described} <= titles
    assert {"tracker: status", "tracker: history", "tracker: paper"} <= titles


async def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    from scrutui.ui import dialogs
    from scrutui.ui.screens import (
        edit,
        history,
        leads,
        outside,
        overview,
        preview,
        problems,
        record,
        tracker,
    )

    classes = [
        ScrutuiApp,
        overview.OverviewScreen,
        tracker.TrackerScreen,
        record.RecordScreen,
        edit.EditScreen,
        history.HistoryScreen,
        preview.PreviewScreen,
        problems.ProblemsScreen,
        outside.OutsideScreen,
        leads.LeadsScreen,
    ]
    for cls in classes:
        for binding in cls.BINDINGS:
            assert binding.id and binding.description and binding.tooltip, (cls, binding)
    for cls in (dialogs.ConfirmDialog, dialogs.TextDialog, dialogs.StatusDialog):
        assert all(b.id for b in cls.BINDINGS)


async def test_the_keymap_in_the_config_remaps_a_binding(root: Path, isolated: Path) -> None:
    from scrutui.store.config import load_config, set_config_value

    path = isolated / ".config" / "scrutui" / "config.toml"
    set_config_value(path, ("keymap", "tracker.status"), "f2")
    app = make_app(root, config=load_config(path), today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_tracker(pilot)
        await select(pilot, "R-2023-09-29-1")
        await pilot.press("f2")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "StatusDialog"


async def test_the_theme_switches_between_light_and_dark(pilot: Pilot[None]) -> None:
    assert pilot.app.theme == "textual-dark"
    await pilot.press("ctrl+t")
    assert pilot.app.theme == "textual-light"


async def test_the_first_save_asks_who_the_officer_is_and_remembers(
    root: Path, isolated: Path
) -> None:
    from scrutui.store.config import load_config

    path = isolated / ".config" / "scrutui" / "config.toml"
    path.unlink()
    app = make_app(root, config=load_config(path), today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_tracker(pilot)
        await select(pilot, "A-2023-09-29-1")
        await pilot.press("u", *"Chased.", "ctrl+s")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "IdentityDialog"
        await pilot.press(*"Tom Hudson", "tab", *"tom.hudson@example.gov.uk", "enter")
        await settle(pilot)
    assert git(root, "log", "-1", "--format=%an <%ae>|%s").strip() == (
        "Tom Hudson <tom.hudson@example.gov.uk>|A-2023-09-29-1: update added"
    )
    assert load_config(path).officer == Identity("Tom Hudson", "tom.hudson@example.gov.uk")


async def test_square_brackets_in_a_record_show_as_typed_not_as_markup(
    pilot: Pilot[None], root: Path
) -> None:
    record = root / PCS / "A-2023-09-29-1.toml"
    text = record.read_text()
    item = text.split('item = "', 1)[1].split('"', 1)[0]
    record.write_text(text.replace(f'item = "{item}"', 'item = "[b]Bold[/b] [/]"'))
    await pilot.resize_terminal(160, 30)  # wide enough for the Item column
    await open_tracker(pilot)
    table = pilot.app.screen.query_one("#records", DataTable)
    for _ in range(20):
        await pilot.pause(0.1)
        if "[b]" in str(table.get_cell("A-2023-09-29-1", "item")):
            break
    assert str(table.get_cell("A-2023-09-29-1", "item")) == "[b]Bold[/b] [/]"


async def open_with_copies(
    pilot: Pilot[None], copies: int
) -> tuple[TrackerScreen, TrackerSnapshot]:
    """The tracker open, its records and `copies` copies of one given to the screen (which
    draws them again), and the tracker's state as given."""
    screen = await open_tracker(pilot)
    snapshot, state = screen.snapshot, screen.state
    assert snapshot is not None and state is not None
    model = state.records["A-2023-09-29-1"]
    ids = [f"A-2030-01-01-{n}" for n in range(1, copies + 1)]
    many = {id: replace(model, id=id) for id in ids}
    state = replace(state, records=MappingProxyType({**state.records, **many}))
    screen.snapshot = replace(snapshot, trackers=MappingProxyType({PCS: state}))
    return screen, state


async def test_a_long_tracker_fills_its_table_in_batches_and_a_filter_starts_again(
    pilot: Pilot[None],
) -> None:
    screen, state = await open_with_copies(pilot, 399)
    table = screen.query_one("#records", DataTable)
    height = pilot.app.size.height
    # the cursor's row and a third of a screenful first, drawn in one frame; then the rest
    assert table.row_count == 1 + height // SCREEN_PARTS < height
    for _ in range(50):
        await pilot.pause(0.05)
        if table.row_count == len(state.records):
            break
    assert table.row_count == len(state.records)
    await pilot.press("slash", *"status:Y")
    await settle(pilot)
    assert table.row_count == len(screen.shown) < len(state.records)


async def test_a_filter_applied_while_the_rows_below_the_screen_are_added_shows_only_its_own(
    pilot: Pilot[None],
) -> None:
    screen, state = await open_with_copies(pilot, 2999)
    table = screen.query_one("#records", DataTable)
    for _ in range(200):  # the first screenful drawn; the rest still being added
        await pilot.pause(0.01)
        if table.row_count > pilot.app.size.height:
            break
    assert pilot.app.size.height < table.row_count < len(state.records)
    screen.query_text = "status:Y"  # as the filter box sets it, while the rows are added
    await settle(pilot)
    for _ in range(100):
        await pilot.pause(0.05)
        if table.row_count == len(screen.shown):
            break
    # none of the rows the earlier fill was adding: the filter's, in the filter's order
    assert len(screen.shown) < len(state.records)
    assert [row.key.value for row in table.ordered_rows] == [r.id for r in screen.shown]


MINUTES = SEEDS / "oxfordshire-pcs-agenda-pack-2022-03-11.txt"


async def test_import_reviews_the_proposals_and_adds_the_ticked_ones_in_one_commit(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot)
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = str(MINUTES)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportReviewScreen)
    summary = str(screen.query_one("#import-summary", Static).render())
    assert summary == "10 proposed from the minutes of 17/01/2022, 7 ticked"
    assert commits(root) == ["Create workspace from the sample trackers"]
    await pilot.press("space")  # untick the first action
    await pilot.press("down", "d")  # drop the second
    proposals = screen.query_one(DataTable)
    proposals.move_cursor(row=proposals.row_count - 1)
    await pilot.press("space")  # tick the Budget Scrutiny Report's agreement
    proposals.move_cursor(row=0)
    await pilot.press("e")
    await pilot.pause()
    pilot.app.screen.query_one("#leads", Input).value = "Claire Taylor"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert str(screen.query_one("#import-summary", Static).render()) == (
        "9 proposed from the minutes of 17/01/2022, 6 ticked"
    )
    await pilot.press("space")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TrackerScreen)
    assert commits(root)[0] == "Imported 7 records from the minutes of 17/01/2022"
    assert len(commits(root)) == 2
    added = sorted(changed_files(root))
    assert added[:2] == [f"{PCS}/A-2022-01-17-1.toml", f"{PCS}/A-2022-01-17-2.toml"]
    assert len(added) == 7
    first = (root / PCS / "A-2022-01-17-1.toml").read_text()
    assert 'leads = ["Claire Taylor"]' in first
    assert "Connecting Oxford" not in first
    table = pilot.app.screen.query_one("#records", DataTable)
    assert "A-2022-01-17-2" in [str(key.value) for key in table.rows]


async def test_import_of_a_missing_file_says_so_and_stays_in_the_dialog(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot)
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = str(root / "nowhere.docx")
    await pilot.press("enter")
    await pilot.pause()
    error = str(pilot.app.screen.query_one("#error", Static).render())
    assert error.startswith("No file at") and "nowhere.docx" in error
    await pilot.press("escape")
    assert isinstance(pilot.app.screen, TrackerScreen)


async def test_a_failed_file_whose_value_looks_like_markup_is_listed_as_written(
    pilot: Pilot[None], root: Path
) -> None:
    record = root / PCS / "A-2023-09-29-1.toml"
    record.write_text(record.read_text().replace('status = "Y"', 'status = "[/]"'))
    for _ in range(20):
        await pilot.pause(0.1)
        if pilot.app.host.snapshot and pilot.app.host.snapshot.problems:
            break
    await pilot.press("f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProblemsScreen)
    row = [str(c) for c in pilot.app.screen.query_one(DataTable).get_row_at(0)]
    assert row[2] == "status" and "[/]" in row[3]
