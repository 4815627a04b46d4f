"""Several officers: two clones of one shared (bare) repository, synced through scrutui."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from scrutui.domain.merge import FieldConflict
from scrutui.store.config import Config
from scrutui.store.git import Identity
from scrutui.store.service import Service
from scrutui.store.sync import SyncError
from tests.conftest import Clock, git, kill_and_let_git_finish, write_small_workspace

ALICE = Identity("Alice Officer", "alice@example.gov.uk")
BOB = Identity("Bob Officer", "bob@example.gov.uk")
RECORD = "pcs/R-2023-09-29-1.toml"


@dataclass
class Shared:
    bare: Path
    a: Path
    b: Path

    def service(self, who: str) -> Service:
        root, identity = (self.a, ALICE) if who == "a" else (self.b, BOB)
        return Service(
            root,
            Config(root / ".git" / "none.toml", officer=identity),
            today=lambda: date(2024, 11, 1),
        )


@pytest.fixture
def shared(tmp_path: Path, clock: Clock, officer: tuple[str, str]) -> Shared:
    bare = tmp_path / "shared.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    a = write_small_workspace(tmp_path / "alice")
    alice = Service(a, Config(tmp_path / "none.toml", officer=ALICE))
    alice.set_remote(str(bare))
    alice.sync()
    b = tmp_path / "bob"
    git(tmp_path, "clone", "-q", str(bare), str(b))
    return Shared(bare, a, b)


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def linear(root: Path) -> bool:
    return git(root, "rev-list", "--merges", "HEAD") == ""


def clean(root: Path) -> None:
    assert git(root, "status", "--porcelain") == ""
    fsck = subprocess.run(["git", "fsck", "--strict"], cwd=root, capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stderr


def test_edits_to_different_records_in_two_clones_both_arrive_in_a_linear_history(
    shared: Shared, clock: Clock
) -> None:
    clock.set("2024-06-01T10:00:00")
    shared.service("a").change_status("R-2023-09-29-1", "G")
    clock.set("2024-06-01T11:00:00")
    shared.service("b").add_update("A-2023-09-29-1", "Chased finance.")
    assert str(shared.service("a").sync()) == "Synced: received 0 changes, sent 1"
    report = shared.service("b").sync()
    assert (report.pulled, report.pushed, report.conflicts) == (1, 1, [])
    shared.service("a").sync()
    assert head(shared.a) == head(shared.b)
    for root in (shared.a, shared.b):
        clean(root)
        assert linear(root)
        assert 'status = "G"' in (root / RECORD).read_text()
        assert "Chased finance." in (root / "pcs" / "A-2023-09-29-1.toml").read_text()
    authors = git(shared.a, "log", "-2", "--format=%an|%s").splitlines()
    assert authors == [
        "Bob Officer|A-2023-09-29-1: update added",
        "Alice Officer|R-2023-09-29-1: status Y -> G",
    ]


def test_different_fields_of_one_record_and_two_new_updates_merge_without_asking(
    shared: Shared,
) -> None:
    shared.service("a").set_typed("R-2023-09-29-1", {"item": "Social Value Policy"})
    shared.service("a").add_update("R-2023-09-29-1", "Alice's update.", date(2024, 6, 1))
    shared.service("b").set_typed("R-2023-09-29-1", {"decision": "Accepted"})
    shared.service("b").add_update("R-2023-09-29-1", "Bob's update.", date(2024, 6, 2))
    shared.service("a").sync()
    assert shared.service("b").sync().conflicts == []
    record = shared.service("b").find("R-2023-09-29-1")[1]
    assert (record.item, record.decision) == ("Social Value Policy", "Accepted")
    assert [u.text for u in record.updates][-2:] == ["Alice's update.", "Bob's update."]
    clean(shared.b)


def test_the_same_field_edited_in_both_is_shown_field_by_field_and_nothing_moves(
    shared: Shared,
) -> None:
    shared.service("a").change_status("R-2023-09-29-1", "G")
    shared.service("b").change_status("R-2023-09-29-1", "R")
    shared.service("a").sync()
    bob = shared.service("b")
    before, file_before = head(shared.b), (shared.b / RECORD).read_bytes()
    report = bob.sync()
    assert [c.path for c in report.conflicts] == [RECORD]
    conflict = report.conflicts[0]
    assert conflict.fields == [FieldConflict("status", "Y", "R", "G")]
    assert conflict.mine.endswith("Bob Officer: R-2023-09-29-1: status Y -> R")
    assert [t.split(" ", 1)[1] for t in conflict.theirs] == [
        "Alice Officer: R-2023-09-29-1: status Y -> G"
    ]
    assert head(shared.b) == before and (shared.b / RECORD).read_bytes() == file_before
    clean(shared.b)

    report = bob.sync({RECORD: {"status": "R"}})
    assert report.conflicts == [] and report.pushed == 1
    message = git(shared.b, "log", "-1", "--format=%B")
    assert message.startswith(
        "R-2023-09-29-1: status Y -> R (merged with the shared "
        "workspace)\n\nConflict resolved, status: base Y; mine R; "
        "theirs G; kept mine\nTheirs: "
    )
    assert "Alice Officer" in message.splitlines()[3]
    shared.service("a").sync()
    assert head(shared.a) == head(shared.b)
    for root in (shared.a, shared.b):
        clean(root)
        assert linear(root)
        assert 'status = "R"' in (root / RECORD).read_text()


def test_two_new_records_made_offline_keep_both_with_different_ids(shared: Shared) -> None:
    values = {"meeting": date(2024, 1, 19), "item": "Budget"}
    shared.service("a").new_record("pcs", "action", {**values, "text": "Alice's action."})
    shared.service("b").new_record("pcs", "action", {**values, "text": "Bob's action."})
    shared.service("b").add_update("A-2024-01-19-1", "Bob's update to his action.")
    shared.service("a").sync()
    report = shared.service("b").sync()
    assert report.renamed == [("A-2024-01-19-1", "A-2024-01-19-2")]
    shared.service("a").sync()
    for root in (shared.a, shared.b):
        texts = {p.name: p.read_text() for p in (root / "pcs").glob("A-2024-01-19-*.toml")}
        assert sorted(texts) == ["A-2024-01-19-1.toml", "A-2024-01-19-2.toml"]
        assert "Alice's action." in texts["A-2024-01-19-1.toml"]
        assert "Bob's action." in texts["A-2024-01-19-2.toml"]
        assert "Bob's update to his action." in texts["A-2024-01-19-2.toml"]
    log = git(shared.b, "log", "-3", "--format=%s%n%b").split("\n")
    assert "A-2024-01-19-2: new action" in log
    assert (
        "Renumbered from A-2024-01-19-1: that id was taken in the shared workspace "
        "meanwhile." in log
    )


def test_a_remote_that_cannot_be_reached_changes_nothing(shared: Shared, tmp_path: Path) -> None:
    bob = shared.service("b")
    bob.change_status("R-2023-09-29-1", "G")
    before = head(shared.b)
    bob.set_remote(str(tmp_path / "no-such-drive" / "shared.git"))
    with pytest.raises(Exception, match=r"does not appear to be a git repository|not found"):
        bob.sync()
    assert head(shared.b) == before
    clean(shared.b)


def test_uncommitted_outside_edits_must_be_committed_before_a_sync(shared: Shared) -> None:
    (shared.b / RECORD).write_text((shared.b / RECORD).read_text().replace('"Y"', '"R"'))
    with pytest.raises(SyncError, match="commit-outside"):
        shared.service("b").sync()


def test_the_status_says_what_is_to_send_and_receive_and_when_it_last_synced(
    shared: Shared,
) -> None:
    shared.service("a").change_status("R-2023-09-29-1", "G")
    shared.service("a").sync()
    bob = shared.service("b")
    bob.change_status("A-2023-09-29-1", "Y")
    git(shared.b, "fetch", "-q")
    status = bob.sync_status()
    assert (status.ahead, status.behind, status.last_sync) == (1, 1, None)
    bob.sync()
    status = bob.sync_status()
    assert (status.ahead, status.behind) == (0, 0) and status.last_sync is not None
    assert str(status).startswith("0 to send, 0 to receive; last sync ")


@pytest.mark.slow
def test_killing_a_sync_at_any_moment_leaves_git_clean_and_a_rerun_completes(
    shared: Shared, isolated: Path
) -> None:
    """SIGKILL lands at random moments of `scrutui sync` (fetch, replay, push, move)."""
    env = {**os.environ, "SCRUTUI_CONFIG": str(isolated / "bob.toml")}
    subprocess.run(
        [sys.executable, "-m", "scrutui.cli", "config", "officer", BOB.name, BOB.email],
        env=env,
        check=True,
        capture_output=True,
    )
    rng = random.Random(20241124)
    kills = 0
    for round_ in range(8):
        shared.service("a").add_update("R-2023-09-29-1", f"Alice {round_}.")
        shared.service("a").sync()
        shared.service("b").add_update("A-2023-09-29-1", f"Bob {round_}.")
        for _ in range(6):
            child = subprocess.Popen(
                [sys.executable, "-m", "scrutui.cli", "-w", str(shared.b), "sync"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            time.sleep(rng.uniform(0.1, 0.3))  # a sync takes ~0.3 s: start-up, then git's part
            if child.poll() is None:
                kills += 1
            kill_and_let_git_finish(child)
            fsck = subprocess.run(
                ["git", "fsck", "--strict"], cwd=shared.b, capture_output=True, text=True
            )
            assert fsck.returncode == 0, fsck.stderr
            journal = shared.b / ".git" / "scrutui" / "sync-journal"
            if not journal.exists():  # else the next start finishes moving the files
                assert git(shared.b, "status", "--porcelain") == ""
        rerun = subprocess.run(
            [sys.executable, "-m", "scrutui.cli", "-w", str(shared.b), "sync"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert rerun.returncode == 0, rerun.stderr
        clean(shared.b)
        assert linear(shared.b)
        assert head(shared.b) == git(shared.bare, "rev-parse", "main").strip()
    print(f"survived {kills} kills in the middle of a sync")
    assert kills >= 12


def test_sync_from_the_command_line_stops_on_a_conflict_and_takes_theirs_when_told(
    shared: Shared,
    isolated: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scrutui.cli import main

    shared.service("a").change_status("R-2023-09-29-1", "G")
    shared.service("a").sync()
    shared.service("b").change_status("R-2023-09-29-1", "R")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["-w", str(shared.b), "sync"]) == 1
    out, err = capsys.readouterr()
    assert out == "conflict: pcs/R-2023-09-29-1.toml: status\n"
    assert "nothing was synced" in err
    assert main(["-w", str(shared.b), "sync", "--theirs"]) == 0
    out, _ = capsys.readouterr()
    assert "status\n    base:   Y\n    mine:   R\n    theirs: G\n" in out
    assert "Synced: received 1 changes, sent 1\n0 to send, 0 to receive" in out
    assert 'status = "G"' in (shared.b / RECORD).read_text()
    assert "kept theirs" in git(shared.b, "log", "-1", "--format=%b")


async def test_the_app_syncs_and_shows_a_conflict_field_by_field(shared: Shared) -> None:
    from textual.widgets import RadioButton, RadioSet, Static

    from scrutui.ui.app import make_app
    from scrutui.ui.screens.resolve import ResolveScreen

    shared.service("a").change_status("R-2023-09-29-1", "G")
    shared.service("a").sync()
    shared.service("b").change_status("R-2023-09-29-1", "R")
    config = Config(shared.b / ".git" / "none.toml", officer=BOB)
    app = make_app(shared.b, config=config, today=lambda: date(2024, 11, 1), watch_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        status = str(app.screen.query_one("#sync-status", Static).render())
        assert status.startswith("Shared: 1 to send, 0 to receive; last sync never")
        await pilot.press("y")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)
        app.screen.query_one("#choice-0-0", RadioSet).query(RadioButton)[1].value = True
        await pilot.press("ctrl+s")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert not isinstance(app.screen, ResolveScreen)
    assert 'status = "G"' in (shared.b / RECORD).read_text()
    assert head(shared.b) == git(shared.bare, "rev-parse", "main").strip()
    clean(shared.b)


def test_a_paper_written_into_the_workspace_never_blocks_a_sync(
    shared: Shared, capsys: pytest.CaptureFixture[str]
) -> None:
    """15.10: files that are not records or tracker settings are not the sync's business."""
    from scrutui.cli import main

    assert main(["-w", str(shared.b), "render", "pcs", "-o", str(shared.b / "paper.md")]) == 0
    (shared.b / "notes.txt").write_text("my own notes\n")
    shared.service("a").add_update("R-2023-09-29-1", "Alice's update.")
    shared.service("a").sync()
    shared.service("b").add_update("A-2023-09-29-1", "Bob's update.")
    report = shared.service("b").sync()
    assert (report.pulled, report.pushed) == (1, 1)
    assert (shared.b / "paper.md").exists() and (shared.b / "notes.txt").exists()
    assert "paper.md" not in git(shared.bare, "ls-tree", "-r", "--name-only", "main")


def test_an_id_the_shared_history_used_and_deleted_is_renumbered_not_reused(
    shared: Shared,
) -> None:
    """15.11: created then deleted in one clone, created again offline in the other."""
    values = {"meeting": date(2024, 1, 19), "item": "Budget"}
    alice = shared.service("a")
    alice.new_record("pcs", "action", {**values, "text": "Alice's action, withdrawn."})
    alice.delete("A-2024-01-19-1")
    alice.sync()
    shared.service("b").new_record("pcs", "action", {**values, "text": "Bob's new action."})
    report = shared.service("b").sync()
    assert report.renamed == [("A-2024-01-19-1", "A-2024-01-19-2")]
    assert "Bob's new action." in (shared.b / "pcs" / "A-2024-01-19-2.toml").read_text()
    assert not (shared.b / "pcs" / "A-2024-01-19-1.toml").exists()
    history = git(shared.b, "log", "--format=%s", "--", "pcs/A-2024-01-19-1.toml").splitlines()
    assert history == ["A-2024-01-19-1: deleted", "A-2024-01-19-1: new action"]


def test_a_shallow_clone_also_never_reuses_an_id(shared: Shared, tmp_path: Path) -> None:
    values = {"meeting": date(2024, 1, 19), "item": "Budget"}
    alice = shared.service("a")
    alice.new_record("pcs", "action", {**values, "text": "Alice's action, withdrawn."})
    alice.delete("A-2024-01-19-1")
    alice.add_update("R-2023-09-29-1", "Later work.")
    alice.sync()
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{shared.bare}", str(shallow))
    carol = Service(shallow, Config(tmp_path / "none.toml", officer=BOB), lambda: date(2024, 11, 1))
    carol.new_record("pcs", "action", {**values, "text": "Carol's action."})
    report = carol.sync()
    assert [new for _, new in report.renamed] == ["A-2024-01-19-2"]


def test_a_remote_with_unrelated_history_gets_a_message_to_act_on(
    shared: Shared, tmp_path: Path, clock: Clock
) -> None:
    clock.set("2025-06-01T10:00:00")  # another workspace, not the same one made again
    other = write_small_workspace(tmp_path / "other")
    git(other, "commit", "-q", "--allow-empty", "-m", "another council's workspace")
    bare = tmp_path / "other.git"
    git(tmp_path, "clone", "-q", "--bare", str(other), str(bare))
    bob = shared.service("b")
    bob.add_update("A-2023-09-29-1", "Bob's update.")
    bob.set_remote(str(bare))
    for _ in range(2):  # and on every later sync, not git's "merge-base failed"
        with pytest.raises(SyncError, match="the shared remote holds a different workspace"):
            bob.sync()
    clean(shared.b)


def test_a_whole_record_conflict_kept_as_theirs_is_told_plainly(shared: Shared) -> None:
    """15.13: no Python reprs in the commit, and no "deleted" subject when nothing was."""
    shared.service("a").add_update("R-2023-09-29-1", "Alice's update.")
    shared.service("a").sync()
    shared.service("b").delete("R-2023-09-29-1")
    bob = shared.service("b")
    report = bob.sync()
    assert [c.path for c in report.conflicts] == [RECORD]
    theirs = report.conflicts[0].fields[0].theirs
    assert bob.sync({RECORD: {report.conflicts[0].fields[0].name: theirs}}).conflicts == []
    message = git(shared.b, "log", "-1", "--format=%B")
    assert message.startswith("R-2023-09-29-1: the shared version kept\n\n"), message
    assert "Conflict resolved, the whole record: kept theirs" in message
    assert "datetime.date" not in message and "{'" not in message
    assert "Alice's update." in (shared.b / RECORD).read_text()


def test_a_record_deleted_and_restored_here_keeps_its_id_through_a_sync(
    shared: Shared,
) -> None:
    bob = shared.service("b")
    bob.delete("A-2023-09-29-1")
    bob.sync()
    shared.service("b").restore("A-2023-09-29-1")
    before = head(shared.b)
    report = shared.service("b").sync()
    assert report.renamed == [] and report.pushed == 1
    assert head(shared.b) == before  # sent as it was: its "Saved <sha>" still holds
    assert (shared.b / "pcs" / "A-2023-09-29-1.toml").exists()
