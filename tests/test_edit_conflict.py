"""Issue 15.6: the app's edit form never overwrites a newer change to the same field.

The form is opened; meanwhile the same field changes on disk (here the command line) and the
app's watcher reads the record again; ctrl+s then shows yours and theirs to choose from, and
saves nothing until told. A different field changed meanwhile merges as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Input

from scrutui.cli import main
from scrutui.ui.app import make_app
from scrutui.ui.dialogs import ConflictDialog
from scrutui.ui.screens.edit import EditScreen
from tests.conftest import git


async def _settle(pilot: object) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def test_the_same_field_changed_on_disk_while_editing_is_shown_not_overwritten(
    workspace: Path,
) -> None:
    app = make_app(workspace, today=lambda: date(2024, 11, 1), watch_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        table = app.screen.query_one("#records", DataTable)
        table.move_cursor(row=table.get_row_index("A-2023-09-29-1"))
        await pilot.press("e")
        await _settle(pilot)
        form = app.screen
        assert isinstance(form, EditScreen)
        form.query_one("#field-item", Input).value = "Mine: social value policy"
        # meanwhile the same field, and another, change from the command line
        argv = ["-w", str(workspace), "set", "A-2023-09-29-1"]
        assert main([*argv, "item=Theirs: procurement", "status=G"]) == 0
        service = app.host.service
        assert service is not None
        service.state.refresh()  # what the file watcher does
        before = git(workspace, "rev-parse", "HEAD")
        await pilot.press("ctrl+s")
        await _settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        shown = " ".join(str(w.render()) for w in dialog.query("Static"))
        assert "Mine: social value policy" in shown and "Theirs: procurement" in shown
        assert "item changed since you opened the form" in shown
        assert git(workspace, "rev-parse", "HEAD") == before
        assert 'item = "Theirs: procurement"' in (workspace / "pcs/A-2023-09-29-1.toml").read_text()
        await pilot.click("#mine")
        await _settle(pilot)
    text = (workspace / "pcs" / "A-2023-09-29-1.toml").read_text()
    assert 'item = "Mine: social value policy"' in text and 'status = "G"' in text
    assert git(workspace, "log", "-1", "--format=%s").strip() == "A-2023-09-29-1: item changed"
