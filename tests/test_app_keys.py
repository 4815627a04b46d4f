"""Issue 16's crashes and wrong results, each driven through the real app as an officer would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from scrutui.store.config import load_config, set_config_value
from scrutui.store.git import Identity
from scrutui.store.workspace import create_from_samples
from scrutui.ui.app import ScrutuiApp, make_app
from scrutui.ui.dialogs import ConfirmDialog, StatusDialog, TextDialog
from scrutui.ui.screens.edit import EditScreen
from scrutui.ui.screens.history import HistoryScreen
from scrutui.ui.screens.import_review import ImportReviewScreen
from scrutui.ui.screens.leads import LeadsScreen
from scrutui.ui.screens.record import RecordScreen
from scrutui.ui.screens.tracker import TrackerScreen
from tests.conftest import DATA, Clock, git

TODAY = date(2024, 11, 1)
PCS = "oxfordshire-pcs-tracker"
PLAN = "oxford-city-peer-challenge-2024"
LOG = "oxford-city-oiep-you-said-we-did-2023-07"


@pytest.fixture
def root(tmp_path: Path, officer: tuple[str, str], clock: Clock) -> Path:
    workspace = tmp_path / "workspace"
    create_from_samples(workspace, DATA, Identity(*officer))
    clock.set("2024-11-01T10:00:00")
    return workspace


@pytest.fixture
async def pilot(root: Path) -> AsyncIterator[Pilot[None]]:
    app = make_app(root, today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def commits(root: Path) -> list[str]:
    return git(root, "log", "--format=%s").splitlines()


async def open_tracker(pilot: Pilot[None], name: str) -> TrackerScreen:
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


def footer_keys(pilot: Pilot[None]) -> list[str]:
    return [b.binding.action for b in pilot.app.screen.active_bindings.values() if b.enabled]


async def test_enter_on_the_by_lead_screen_opens_that_leads_records(pilot: Pilot[None]) -> None:
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LeadsScreen)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TrackerScreen)
    assert screen.query_one(Input).value.startswith("open")
    assert screen.query_one("#records", DataTable).row_count > 0


async def test_page_down_in_the_palette_before_its_list_is_measured_does_nothing(
    pilot: Pilot[None],
) -> None:
    options = OptionList("one", "two", "three")
    await pilot.app.screen.mount(options)
    options.styles.height = 0  # no room: the list's lines are never measured
    await pilot.pause()
    options.highlighted = 1
    options.action_page_down()
    options.action_page_up()
    assert options.highlighted == 1
    await pilot.press("ctrl+p")
    await pilot.press(*"zzqx", "pagedown", "pageup", "pagedown", "escape")
    await settle(pilot)
    assert pilot.app.is_running


async def test_an_unexpected_error_exits_non_zero_naming_the_report(
    root: Path, isolated: Path
) -> None:
    app = make_app(root, today=lambda: TODAY, watch_every=60)

    def broken() -> None:
        raise RuntimeError("a bug in a screen")

    with pytest.raises(RuntimeError):  # run_test hands a test the error as well
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            pilot.app.call_later(broken)
            await pilot.pause()
    assert app.return_code == 1
    message = app.crash_message or ""
    assert "RuntimeError: a bug in a screen" in message
    assert "test_app_keys.py" in message and "in broken" in message
    report = Path(message.split("The full report is in ")[1].split(";")[0])
    assert report.is_file() and "raise RuntimeError" in report.read_text()


def test_the_command_exits_with_the_apps_error_code(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrutui.cli import main

    def run(self: ScrutuiApp) -> None:
        self._return_code = 1

    monkeypatch.setattr(ScrutuiApp, "run", run)
    assert main(["--workspace", str(root)]) == 1


async def test_editing_an_engagement_record_adds_no_status(pilot: Pilot[None], root: Path) -> None:
    path = root / LOG / "E-1.toml"
    assert "status" not in path.read_text()
    await open_tracker(pilot, LOG)
    await select(pilot, "E-1")
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditScreen)
    screen.query_one("#field-topic", Input).value = "Transport"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert commits(root)[0] == "E-1: topic changed"
    assert "status" not in path.read_text()


async def test_a_backdated_update_keeps_last_reviewed_and_goes_in_date_order(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot, PCS)
    await select(pilot, "R-2023-09-29-1")
    before = pilot.app.screen.current()  # type: ignore[attr-defined]
    assert before.last_reviewed is not None and before.updates
    await pilot.press("u")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, TextDialog)
    dialog.query_one(TextArea).text = "Chased in the autumn."
    dialog.query_one("#date", Input).value = "01/10/23"
    await pilot.press("ctrl+s")
    await settle(pilot)
    after = pilot.app.screen.current()  # type: ignore[attr-defined]
    assert after.last_reviewed == before.last_reviewed
    dates = [u.date for u in after.updates]
    assert dates == sorted(dates) and date(2023, 10, 1) in dates


async def test_c_on_a_complete_record_is_not_offered_and_commits_nothing(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot, PCS)
    table = pilot.app.screen.query_one("#records", DataTable)
    done = next(
        r.id
        for r in pilot.app.screen.shown  # type: ignore[attr-defined]
        if r.status == "G"
    )
    await select(pilot, done)
    assert "complete" not in footer_keys(pilot)
    before = commits(root)
    await pilot.press("c")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, TextDialog)
    assert commits(root) == before
    assert table.row_count


async def test_restoring_the_newest_version_says_there_is_nothing_to_restore(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot, PCS)
    await select(pilot, "R-2023-09-29-1")
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    before = commits(root)
    await pilot.press("r")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, ConfirmDialog)
    assert commits(root) == before
    messages = [n.message for n in pilot.app._notifications]
    assert any("as it is now" in m for m in messages), messages
    assert not any("failed" in m or "Changed on disk" in m for m in messages)


async def test_a_peer_recommendation_offers_no_update_and_u_opens_no_dialog(
    pilot: Pilot[None],
) -> None:
    await open_tracker(pilot, PLAN)
    await select(pilot, "PR-1")
    assert "update" not in footer_keys(pilot)
    assert "status" not in footer_keys(pilot)
    await pilot.press("u")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TrackerScreen)
    await select(pilot, "PA-1-1")
    assert "update" in footer_keys(pilot)


async def test_a_table_import_that_fails_says_why_on_the_review_screen(
    pilot: Pilot[None], tmp_path: Path
) -> None:
    bad = tmp_path / "tracker.docx"
    bad.write_bytes(b"PK\x03\x04 not really a Word file")
    await open_tracker(pilot, PCS)
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = str(bad)
    pilot.app.screen.query_one("#source").query("RadioButton")[1].value = True
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportReviewScreen)
    summary = str(screen.query_one("#import-summary", Static).render())
    assert summary.startswith("Could not read tracker.docx:"), summary
    assert "Reading" not in summary


async def test_one_keymap_id_remaps_a_command_on_every_screen_in_its_place(
    root: Path, isolated: Path
) -> None:
    path = isolated / ".config" / "scrutui" / "config.toml"
    set_config_value(path, ("keymap", "record.status"), "f2")
    set_config_value(path, ("keymap", "tracker.sttaus"), "f3")
    app = make_app(root, config=load_config(path), today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert any("'tracker.sttaus'" in m for m in messages), messages
        await open_tracker(pilot, PCS)
        await select(pilot, "R-2023-09-29-1")
        shown = [k for k, b in pilot.app.screen.active_bindings.items() if b.binding.show]
        assert shown.index("f2") < shown.index("u")  # where s was, before Update
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StatusDialog)
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RecordScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StatusDialog)


async def test_the_theme_is_kept_in_the_settings_file(root: Path, isolated: Path) -> None:
    path = isolated / ".config" / "scrutui" / "config.toml"
    app = make_app(root, config=load_config(path), today=lambda: TODAY, watch_every=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
    assert load_config(path).theme == "textual-light"


async def test_ctrl_q_asks_before_quitting_a_half_edited_form(pilot: Pilot[None]) -> None:
    await open_tracker(pilot, PCS)
    await select(pilot, "R-2023-09-29-1")
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditScreen)
    screen.query_one("#field-item", Input).value = "Something else"
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is screen and pilot.app.is_running
    await pilot.press("ctrl+q")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert not pilot.app.is_running


def test_the_crash_message_is_short_and_names_the_file(tmp_path: Path) -> None:
    from scrutui.ui import crash

    try:
        {}["missing"]
    except KeyError as error:
        message = crash.short_message(error, tmp_path / "crash.txt")
    lines = message.splitlines()
    assert len(lines) == 3
    assert "test_app_keys.py" in lines[0] and "KeyError" in lines[0]
    assert str(tmp_path / "crash.txt") in lines[2]
    assert sys.executable  # the interpreter the report names is this one
    assert subprocess  # (kept for the slow run's subprocess check)


async def test_square_brackets_typed_into_a_form_or_the_filter_show_as_typed(
    pilot: Pilot[None],
) -> None:
    """Found by the monkey test: a date field's error quoted "[/19/01/2024" as markup."""
    screen = await open_tracker(pilot, PCS)
    await pilot.press("slash", *"[b]x[/]", "enter")
    await pilot.pause()
    assert '"[b]x[/]"' in str(screen.query_one("#filter-line", Static).render())
    await pilot.press("escape")
    await select(pilot, "R-2023-09-29-1")
    await pilot.press("e")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, EditScreen)
    form.query_one("#field-meeting", Input).value = "[/19/01/2024"
    await pilot.pause()
    error = str(form.query_one("#error-meeting", Static).render())
    assert "[/19/01/2024" in error
    assert pilot.app.is_running
