"""The app's import of an action log: the updates are listed with the proposals, ticked and
added in one commit."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, Static

from scrutui.ui.screens.import_review import ImportReviewScreen
from scrutui.ui.screens.tracker import TrackerScreen
from tests.test_app import PCS, commits, open_tracker, pilot, root, settle

__all__ = ["pilot", "root"]  # the fixtures, shared with test_app

LOG = Path(__file__).parent / "action_logs" / "oxfordshire-pcs-action-log-2024-06-14.md"


async def test_an_action_log_is_reviewed_and_its_updates_added_in_one_commit(
    pilot: Pilot[None], root: Path
) -> None:
    await open_tracker(pilot)
    await pilot.press("i")
    await pilot.pause()
    dialog = pilot.app.screen
    dialog.query_one("#path", Input).value = str(LOG)
    dialog.query(RadioButton)[2].value = True
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportReviewScreen)
    summary = str(screen.query_one("#import-summary", Static).render())
    assert summary == f"4 proposed from the action log {LOG.name}, 3 ticked"
    assert [u.record for u in screen.updates] == [
        "R-2023-09-29-1",
        "R-2023-07-21-1",
        "A-2023-09-29-1",
    ]
    screen.query_one("#proposals").move_cursor(row=2)  # type: ignore[attr-defined]
    await pilot.press("space")  # untick the Workforce Strategy update
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TrackerScreen)
    assert commits(root)[0] == f"Imported 2 updates from the action log {LOG.name}"
    assert len(commits(root)) == 2
    text = (root / PCS / "R-2023-09-29-1.toml").read_text(encoding="utf-8")
    assert 'status = "G"' in text
    assert "The wider social value policy was agreed by Cabinet" in text
