"""Reliability: stale git locks and temporary files (the kill and concurrency tests are
test_kills.py and test_concurrency.py)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from scrutui.store.service import Service
from tests.conftest import REPO_ROOT, git


def fsck(root: Path) -> None:
    result = subprocess.run(["git", "fsck", "--strict"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def child_env(isolated: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "SCRUTUI_CONFIG": str(isolated / ".config" / "scrutui" / "config.toml"),
    }


def test_a_stale_index_lock_is_removed_on_recovery_but_not_one_a_process_holds(
    workspace: Path,
) -> None:
    lock = workspace / ".git" / "index.lock"
    lock.write_text("")
    os.utime(lock, (time.time() - 60, time.time() - 60))
    with lock.open():
        Service(workspace).recover()
        assert lock.exists()  # held open: a git may be working
    Service(workspace).change_status("R-2023-09-29-1", "G")
    assert not lock.exists()
    assert git(workspace, "log", "-1", "--format=%s").strip() == "R-2023-09-29-1: status Y -> G"


def test_temporary_files_of_a_killed_save_are_cleared_on_recovery(workspace: Path) -> None:
    temp = workspace / "pcs" / ".R-2023-09-29-1.toml.abc123.tmp"
    temp.write_text("half a record")
    os.utime(temp, (time.time() - 600, time.time() - 600))
    Service(workspace).recover()
    assert not temp.exists()
    assert git(workspace, "status", "--porcelain", "--ignored") == ""
