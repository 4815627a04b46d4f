"""Recovery is an explicit step under the write lock: readers never repair, and every stale
git lock a killed git left is removed before the next save (issue 15, points 1 and 2)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from scrutui.cli import main
from scrutui.store.lock import write_lock
from scrutui.store.service import Service
from tests.conftest import git

RECORD = "pcs/R-2023-09-29-1.toml"


def _mid_sync(workspace: Path) -> tuple[bytes, Path]:
    """A sync that has moved the branch on (Y -> G) and not yet the files: HEAD is the new
    commit, the record on disk is still the old one, and the sync's journal names both."""
    old = git(workspace, "rev-parse", "HEAD").strip()
    Service(workspace).change_status("R-2023-09-29-1", "G")
    new = git(workspace, "rev-parse", "HEAD").strip()
    before = git(workspace, "show", f"{old}:{RECORD}").encode()
    (workspace / RECORD).write_bytes(before)
    journal = workspace / ".git" / "scrutui" / "sync-journal"
    journal.write_text(f"{old} {new}\n")
    return before, journal


def _stale(lock: Path) -> Path:
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text("")
    os.utime(lock, (time.time() - 60, time.time() - 60))
    return lock


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "R-2023-09-29-1"],
        ["render", "pcs"],
        ["show", "R-2023-09-29-1"],
        ["validate"],
        ["list", "pcs"],
    ],
)
def test_a_read_only_command_while_a_sync_updates_the_files_changes_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before, journal = _mid_sync(workspace)
    index = (workspace / ".git" / "index").read_bytes()
    with write_lock(workspace / ".git"):  # held by the sync, as it runs
        main(["-w", str(workspace), *argv])
    capsys.readouterr()
    assert (workspace / RECORD).read_bytes() == before  # the sync's work was not undone
    assert journal.read_text().split()  # nor its journal taken away
    assert (workspace / ".git" / "index").read_bytes() == index


def test_recovery_is_skipped_while_another_scrutui_writes(workspace: Path) -> None:
    before, journal = _mid_sync(workspace)
    lock = _stale(workspace / ".git" / "HEAD.lock")
    with write_lock(workspace / ".git"):
        done = Service(workspace).recover()
    assert done.skipped and not done
    assert (workspace / RECORD).read_bytes() == before
    assert journal.exists() and lock.exists()


def test_a_write_command_after_a_killed_sync_finishes_it_first(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, journal = _mid_sync(workspace)
    code = main(["-w", str(workspace), "update", "A-2023-09-29-1", "Data sent to members."])
    assert code == 0, capsys.readouterr().err
    assert not journal.exists()
    assert 'status = "G"' in (workspace / RECORD).read_text()  # the sync's files, not undone
    assert git(workspace, "status", "--porcelain") == ""
    assert "Finished updating the files of a sync" in capsys.readouterr().err


def test_opening_a_workspace_repairs_nothing(workspace: Path) -> None:
    lock = _stale(workspace / ".git" / "index.lock")
    temp = workspace / "pcs" / ".R-2023-09-29-1.toml.abc123.tmp"
    temp.write_text("half a record")
    os.utime(temp, (time.time() - 600, time.time() - 600))
    service = Service(workspace)
    service.history("R-2023-09-29-1")
    assert service.state.trackers["pcs"].records
    assert lock.exists() and temp.exists()


@pytest.mark.parametrize("lock", ["HEAD.lock", "refs/heads/main.lock", "packed-refs.lock"])
def test_a_stale_git_lock_left_by_a_killed_git_no_longer_blocks_a_save(
    workspace: Path, capsys: pytest.CaptureFixture[str], lock: str
) -> None:
    stale = _stale(workspace / ".git" / lock)
    code = main(["-w", str(workspace), "status", "R-2023-09-29-1", "G"])
    assert code == 0, capsys.readouterr().err
    assert not stale.exists()
    assert f"Removed git's stale {lock}" in capsys.readouterr().err
    assert git(workspace, "log", "-1", "--format=%s").strip() == "R-2023-09-29-1: status Y -> G"


def test_a_stale_git_lock_is_removed_by_a_save_in_a_long_running_app(workspace: Path) -> None:
    service = Service(workspace)
    service.recover()  # the app's start; a git is killed after it
    stale = _stale(workspace / ".git" / "refs" / "heads" / "main.lock")
    service.change_status("R-2023-09-29-1", "G")
    assert not stale.exists()


def test_a_git_lock_a_live_process_holds_open_is_left_alone(workspace: Path) -> None:
    lock = _stale(workspace / ".git" / "HEAD.lock")
    with lock.open():
        done = Service(workspace).recover()
        assert lock.exists() and not done.locks
    assert Service(workspace).recover().locks == ("HEAD.lock",)
    assert not lock.exists()


def test_a_young_git_lock_is_left_for_the_git_that_is_starting(workspace: Path) -> None:
    lock = workspace / ".git" / "refs" / "heads" / "main.lock"
    lock.write_text("")
    assert Service(workspace).recover().locks == ()
    assert lock.exists()
