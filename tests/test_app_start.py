"""The app's start: the overview drawn from the files before git runs; the loaded workspace
kept out of the garbage collector's walks while the app runs, and given back when it ends."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

from textual.widgets import DataTable

from scrutui.ui.app import ScrutuiApp


async def test_the_loaded_workspace_is_frozen_while_the_app_runs_and_thawed_after(
    workspace: Path,
) -> None:
    gc.unfreeze()
    app = ScrutuiApp(workspace, today=lambda: date(2024, 5, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.host.snapshot is None:
            await pilot.pause(0.05)
        assert gc.get_freeze_count() > 0
        await pilot.pause()
        assert app.screen.query_one("#trackers", DataTable).row_count == 1
    assert gc.get_freeze_count() == 0


async def test_where_the_workspace_stands_with_its_remote_follows_the_first_snapshot(
    workspace: Path,
) -> None:
    app = ScrutuiApp(workspace, today=lambda: date(2024, 5, 1))
    seen = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.host.snapshot is not None and app.host.snapshot not in seen:
                seen.append(app.host.snapshot)
            if app.host.snapshot is not None and app.host.snapshot.sync is not None:
                break
            await pilot.pause(0.02)
    assert seen[0].sync is None  # the first, drawn before any git process
    assert seen[-1].sync is not None  # then the remote's status, once it is drawn
