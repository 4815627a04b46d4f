"""The file watcher's bounded looks (scrutui/store/watch.py), on real folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from scrutui.store.watch import DiskWatch
from scrutui.store.workspace import WorkspaceState, load_workspace

LONG_AGO = 1_600_000_000  # September 2020: the folders as an old workspace's


def three_trackers(workspace: Path) -> WorkspaceState:
    """`pcs`, `pcs-b` and `pcs-c`, two records each, their folders last changed long ago."""
    for name in ("pcs-b", "pcs-c"):
        shutil.copytree(workspace / "pcs", workspace / name)
    for name in ("pcs", "pcs-b", "pcs-c"):
        os.utime(workspace / name, (LONG_AGO, LONG_AGO))
    state = load_workspace(workspace)
    assert sorted(state.trackers) == ["pcs", "pcs-b", "pcs-c"]
    assert all(len(t.stamps) == 2 for t in state.trackers.values())
    return state


def write_in_place(file: Path) -> None:
    """As an editor that writes over the file: the folder's own stat does not change."""
    with file.open("r+", encoding="utf-8") as handle:
        text = handle.read()
        handle.seek(0)
        handle.write(text + "\n# noted\n")


def test_a_file_written_in_place_is_seen_when_its_folders_turn_comes(workspace: Path) -> None:
    state = three_trackers(workspace)
    watch = DiskWatch(budget=1)  # one folder of two files a look
    write_in_place(workspace / "pcs-c" / "A-2023-09-29-1.toml")
    assert os.stat(workspace / "pcs-c").st_mtime == LONG_AGO
    looks = []
    for _ in range(3):
        looks.append(watch.changed(workspace, state.trackers))
        assert watch.last_stat == 2
    assert looks == [False, False, True]  # pcs, then pcs-b, then pcs-c


def test_a_look_stats_no_more_folders_than_its_budget_holds(workspace: Path) -> None:
    state = three_trackers(workspace)
    watch = DiskWatch(budget=3)
    watch.changed(workspace, state.trackers)
    assert watch.last_stat == 4  # two folders: the second started under the budget
    big = DiskWatch()
    big.changed(workspace, state.trackers)
    assert big.last_stat == 6  # every file, in a workspace under the default budget


def test_a_file_added_or_removed_is_seen_at_the_next_look_out_of_turn(workspace: Path) -> None:
    state = three_trackers(workspace)
    watch = DiskWatch(budget=1)
    assert [watch.changed(workspace, state.trackers) for _ in range(3)] == [False] * 3
    added = workspace / "pcs-b" / "A-2024-01-19-9.toml"
    added.write_text((workspace / "pcs-b" / "A-2023-09-29-1.toml").read_text())
    assert watch.changed(workspace, state.trackers)  # pcs-b, though it is pcs's turn
    state = load_workspace(workspace)
    assert not watch.changed(workspace, state.trackers)
    (workspace / "pcs-c" / "R-2023-09-29-1.toml").unlink()
    assert watch.changed(workspace, state.trackers)


def test_a_folder_found_changed_is_looked_at_every_time_until_it_is_read_again(
    workspace: Path,
) -> None:
    state = three_trackers(workspace)
    watch = DiskWatch(budget=1)
    (workspace / "pcs" / "R-2023-09-29-1.toml").unlink()
    assert watch.changed(workspace, state.trackers)
    assert watch.changed(workspace, state.trackers)  # not yet read: found again, out of turn
    state = load_workspace(workspace)
    assert not watch.changed(workspace, state.trackers)


def test_a_trackers_settings_a_new_tracker_and_a_removed_one_are_seen_at_once(
    workspace: Path,
) -> None:
    state = three_trackers(workspace)
    watch = DiskWatch(budget=1)
    settings = workspace / "pcs-c" / "tracker.toml"
    settings.write_text(settings.read_text() + "\n")
    assert watch.changed(workspace, state.trackers)
    state = load_workspace(workspace)
    assert not watch.changed(workspace, state.trackers)
    shutil.copytree(workspace / "pcs", workspace / "pcs-d")
    assert watch.changed(workspace, state.trackers)
    shutil.rmtree(workspace / "pcs-d")
    shutil.rmtree(workspace / "pcs-b")
    assert watch.changed(workspace, state.trackers)
