"""Reliability: a save killed at any moment, two writers at once, and a stale git lock."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scrutui.store.service import Service
from scrutui.store.workspace import load_workspace
from tests.conftest import REPO_ROOT, git, kill_and_let_git_finish

SAVE_LOOP = """
import sys
from datetime import date
from pathlib import Path
from scrutui.store.service import Service

service = Service(Path(sys.argv[1]))
service.state
print("ready", flush=True)
n = int(sys.argv[2])
while True:
    n += 1
    if n % 3 == 0:
        status = service.find("R-2023-09-29-1")[1].status
        service.change_status("R-2023-09-29-1", "R" if status != "R" else "Y")
    else:
        service.add_update("A-2023-09-29-1", f"Update number {n}.", date(2024, 1, 1))
"""


def fsck(root: Path) -> None:
    result = subprocess.run(["git", "fsck", "--strict"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def child_env(isolated: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "SCRUTUI_CONFIG": str(isolated / ".config" / "scrutui" / "config.toml"),
    }


@pytest.mark.slow
def test_a_save_killed_at_any_moment_leaves_every_file_valid_and_the_next_start_recovers(
    workspace: Path, isolated: Path
) -> None:
    rng = random.Random(7)
    env = child_env(isolated)
    kills = recovered_saves = 0
    while kills < 200:
        child = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(workspace), str(kills * 1000)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.25))
        kill_and_let_git_finish(child)
        kills += 1
        # every record file still parses, and the repository is consistent
        state = load_workspace(workspace)
        assert state.problems == [], state.problems
        assert set(state.trackers["pcs"].records) == {"R-2023-09-29-1", "A-2023-09-29-1"}
        fsck(workspace)
        # the next start: at worst the last change is uncommitted, and is offered for commit
        service = Service(workspace)
        pending = service.pending_save()
        if git(workspace, "status", "--porcelain"):
            assert pending is not None, git(workspace, "status", "--porcelain")
            saved = service.commit_outside()
            assert saved is not None and saved.subject == pending["message"].split("\n")[0]
            recovered_saves += 1
        assert git(workspace, "status", "--porcelain") == ""
    commits = int(git(workspace, "rev-list", "--count", "HEAD"))
    print(
        f"survived {kills} kills; {commits} commits; {recovered_saves} interrupted saves "
        "committed on the next start"
    )
    assert commits > kills  # the loop really saved between kills


@pytest.mark.slow
def test_two_processes_editing_different_records_for_30_seconds_lose_no_edit(
    workspace: Path, isolated: Path
) -> None:
    writer = """
import sys, time
from pathlib import Path
from scrutui.store.service import Service

root, record, name = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
service = Service(root)
end, n = time.monotonic() + float(sys.argv[4]), 0
while time.monotonic() < end:
    n += 1
    service.add_update(record, f"{name} edit {n}.")
print(n, flush=True)
"""
    env = child_env(isolated)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", writer, str(workspace), record, name, "30"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for record, name in (("R-2023-09-29-1", "first"), ("A-2023-09-29-1", "second"))
    ]
    made = {}
    for child, name in zip(children, ("first", "second"), strict=True):
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        made[name] = int(out)
    log = git(workspace, "log", "--format=%s%n%b")
    files = "".join(p.read_text() for p in (workspace / "pcs").glob("*.toml"))
    for name, count in made.items():
        assert count > 20
        for n in range(1, count + 1):
            assert f"{name} edit {n}." in log and f"{name} edit {n}." in files
    assert int(git(workspace, "rev-list", "--count", "HEAD")) == 2 + sum(made.values())
    print(f"edits kept: {made}")
    fsck(workspace)


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
