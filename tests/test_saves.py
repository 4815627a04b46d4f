"""Issue 15.3, 15.5, 15.7, 15.12 and 15.13: saves that are killed, fail, race an editor or
each other, and the messages an officer gets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrutui.cli import main
from scrutui.store import journal
from scrutui.store.git import GitError, GitRepo
from scrutui.store.service import ChangedOnDisk, Service
from tests.conftest import REPO_ROOT, git

RECORD = "pcs/A-2023-09-29-1.toml"

KILLED_SAVE = """
import os, signal, sys
from pathlib import Path
from scrutui.store.git import GitRepo
from scrutui.store.service import Service

real = GitRepo.commit

def killed(self, paths, message, author):
    if "the save was interrupted before its commit" in message:
        return real(self, paths, message, author)  # finishing an earlier one
    os.kill(os.getpid(), signal.SIGKILL)  # killed between the file and its commit

GitRepo.commit = killed
service = Service(Path(sys.argv[1]))
service.add_update(sys.argv[2], sys.argv[3])
"""


def _killed_save(workspace: Path, isolated: Path, record: str, text: str) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "SCRUTUI_CONFIG": str(isolated / ".config" / "scrutui" / "config.toml"),
    }
    done = subprocess.run(
        [sys.executable, "-c", KILLED_SAVE, str(workspace), record, text],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == -9, done.stderr


def subjects(root: Path, n: int) -> list[str]:
    return git(root, "log", f"-{n}", "--format=%s|%b").split("\x00")[0].splitlines()


def test_the_next_save_after_killed_saves_finishes_each_with_its_own_message(
    workspace: Path, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _killed_save(workspace, isolated, "A-2023-09-29-1", "First, killed.")
    assert len(list((workspace / ".git" / "scrutui" / "pending").glob("*.json"))) == 1
    # a second killed save, of another record: the first is finished before it starts
    _killed_save(workspace, isolated, "R-2023-09-29-1", "Second, killed.")
    assert git(workspace, "log", "-1", "--format=%s%n%b").startswith(
        "A-2023-09-29-1: update added\nSaved on the next start: the save was interrupted"
    )
    assert len(list((workspace / ".git" / "scrutui" / "pending").glob("*.json"))) == 1
    # the next save from the command line finishes the second, then makes its own
    assert main(["-w", str(workspace), "update", "A-2023-09-29-1", "Third."]) == 0
    said = capsys.readouterr().err
    assert "Finished the interrupted save 'R-2023-09-29-1: update added'" in said
    log = git(workspace, "log", "-3", "--format=%s").splitlines()
    assert log == [
        "A-2023-09-29-1: update added",
        "R-2023-09-29-1: update added",
        "A-2023-09-29-1: update added",
    ]
    assert "Second, killed." in git(workspace, "show", "HEAD~1")
    assert "Third." in git(workspace, "show", "HEAD")
    assert git(workspace, "status", "--porcelain") == ""
    assert not list((workspace / ".git" / "scrutui" / "pending").glob("*.json"))


def test_a_killed_save_left_alone_when_someone_edited_the_file_since(
    workspace: Path, isolated: Path
) -> None:
    _killed_save(workspace, isolated, "A-2023-09-29-1", "Killed.")
    file = workspace / RECORD
    file.write_text(file.read_text().replace('status = "R"', 'status = "G"'))
    service = Service(workspace)
    assert service.recover().saves == ()  # not its content any more: shown, not committed
    outside = service.outside()
    assert [p for p, _ in outside.valid] == [RECORD]


def test_a_failed_commit_of_a_new_record_leaves_nothing_staged(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = GitRepo.run

    def failing(self: GitRepo, *args: str, **kwargs: object) -> str:
        if args[0] == "commit":
            raise GitError("the commit failed (a full disk, say)")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(GitRepo, "run", failing)
    argv = ["-w", str(workspace), "new", "pcs", "--kind", "action", "meeting=19/01/24"]
    assert main([*argv, "item=x", "text=y"]) == 2
    monkeypatch.setattr(GitRepo, "run", real)
    assert git(workspace, "status", "--porcelain") == ""
    assert main(["-w", str(workspace), "commit-outside"]) == 0
    assert "Nothing changed outside scrutui" in capsys.readouterr().out


def test_undo_commits_only_its_own_revert_and_leaves_what_was_staged(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 0
    (workspace / "pcs" / "A-2024-01-19-9.toml").write_text('kind = "action"\nstatus = "Purple"\n')
    git(workspace, "add", "pcs/A-2024-01-19-9.toml")
    assert main(["-w", str(workspace), "undo"]) == 0
    assert git(workspace, "show", "--name-only", "--format=", "HEAD").split() == [RECORD]
    assert git(workspace, "status", "--porcelain") == "A  pcs/A-2024-01-19-9.toml\n"
    assert 'status = "R"' in (workspace / RECORD).read_text()


def test_undo_of_the_first_commit_is_refused_and_of_an_empty_workspace_explained(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = git(workspace, "rev-list", "--max-parents=0", "HEAD").strip()
    before = git(workspace, "rev-parse", "HEAD")
    assert main(["-w", str(workspace), "undo", root]) == 2
    err = capsys.readouterr().err
    assert "is the workspace's first commit: undoing it would delete every record" in err
    assert git(workspace, "rev-parse", "HEAD") == before
    empty = tmp_path / "empty"
    git(tmp_path, "init", "-q", str(empty))
    assert main(["-w", str(empty), "undo"]) == 2
    assert "there is nothing to undo: the workspace has no commits yet" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["rename", "in-place"])
def test_an_editors_write_just_before_the_rename_is_kept_and_the_save_refused(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    service = Service(workspace)
    assert service.state.trackers["pcs"].records
    file = workspace / RECORD
    theirs = file.read_text().replace('item = "Social Value"', 'item = "Edited in vim"')
    real = journal.atomic_write

    def editor_meanwhile(path: Path, text: str, check: object = None) -> os.stat_result:
        if path == file:  # after scrutui's own check, before its rename
            if how == "rename":
                (workspace / "pcs" / ".swap").write_text(theirs)
                os.replace(workspace / "pcs" / ".swap", file)
            else:
                with file.open("r+") as handle:
                    handle.write(theirs)
        return real(path, text, check)  # type: ignore[arg-type]

    monkeypatch.setattr(journal, "atomic_write", editor_meanwhile)
    before = git(workspace, "rev-parse", "HEAD")
    with pytest.raises(ChangedOnDisk, match="was changed on disk while it was being saved"):
        service.change_status("A-2023-09-29-1", "G")
    assert file.read_text().startswith(theirs[:40]) and "Edited in vim" in file.read_text()
    assert git(workspace, "rev-parse", "HEAD") == before
    assert not list((workspace / ".git" / "scrutui" / "pending").glob("*.json"))


def test_two_new_records_at_once_both_get_saved_with_different_ids(
    workspace: Path, isolated: Path
) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "SCRUTUI_CONFIG": str(isolated / ".config" / "scrutui" / "config.toml"),
    }
    argv = ["-m", "scrutui.cli", "-w", str(workspace), "new", "pcs", "--kind", "action"]
    for n in range(6):
        children = [
            subprocess.Popen(
                [sys.executable, *argv, "meeting=19/01/24", f"item=x{n}{w}", "text=y"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for w in range(2)
        ]
        for child in children:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err
            assert out.startswith("Saved ")
    ids = sorted(p.stem for p in (workspace / "pcs").glob("A-2024-01-19-*.toml"))
    assert len(ids) == 12
    assert git(workspace, "status", "--porcelain") == ""


def test_clear_messages_for_a_broken_tracker_and_a_rebase_under_way(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = workspace / "pcs" / "tracker.toml"
    good = settings.read_text()
    settings.write_text(good.replace('kind = "committee"', 'kind = "commitee"'))
    assert main(["-w", str(workspace), "show", "A-2023-09-29-1"]) == 2
    err = capsys.readouterr().err
    assert (
        "A-2023-09-29-1 does not load: its tracker's settings do not load: pcs/tracker.toml" in err
    )
    settings.write_text(good)
    (workspace / ".git" / "rebase-merge").mkdir()
    assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 2
    err = capsys.readouterr().err
    assert "a git rebase is under way" in err and "git switch" not in err


def test_a_save_that_cannot_write_its_folder_says_so_and_leaves_no_journal(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = workspace / "pcs"
    locked = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if locked.returncode != 0:
        pytest.skip("this filesystem cannot make a folder read-only for root (chattr +i)")
    try:
        assert main(["-w", str(workspace), "status", "A-2023-09-29-1", "G"]) == 2
        err = capsys.readouterr().err
        assert "cannot write pcs/A-2023-09-29-1.toml: " in err and ".tmp" not in err
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert not list((workspace / ".git" / "scrutui" / "pending").glob("*.json"))
    assert not (workspace / ".git" / "scrutui" / "pending-save.json").exists()


def test_an_editors_write_between_the_rename_and_the_commit_is_not_committed_as_ours(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = Service(workspace)
    assert service.state.trackers["pcs"].records
    file = workspace / RECORD
    real = GitRepo.commit

    def editor_then_commit(self: GitRepo, paths: object, message: str, author: object) -> str:
        theirs = file.read_text().replace('item = "Social Value"', 'item = "Edited in vim"')
        (workspace / "pcs" / ".swap").write_text(theirs)
        os.replace(workspace / "pcs" / ".swap", file)  # after scrutui's rename, before git
        return real(self, paths, message, author)  # type: ignore[arg-type]

    monkeypatch.setattr(GitRepo, "commit", editor_then_commit)
    before = git(workspace, "rev-parse", "HEAD")
    with pytest.raises(ChangedOnDisk, match="was changed on disk while it was being saved"):
        service.change_status("A-2023-09-29-1", "G")
    assert git(workspace, "rev-parse", "HEAD") == before
    assert "Edited in vim" in file.read_text()
    assert git(workspace, "status", "--porcelain") == f" M {RECORD}\n"  # theirs, to commit


async def test_the_app_says_at_its_start_that_it_finished_an_interrupted_save(
    workspace: Path, isolated: Path
) -> None:
    from datetime import date

    from scrutui.ui.app import ScrutuiApp

    _killed_save(workspace, isolated, "A-2023-09-29-1", "Killed before its commit.")
    app = ScrutuiApp(workspace, today=lambda: date(2024, 5, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            told = [n.message for n in app._notifications]
            if any("interrupted save" in m for m in told):
                break
            await pilot.pause(0.02)
    assert "Finished the interrupted save 'A-2023-09-29-1: update added'" in " ".join(told)
    assert "Killed before its commit." in git(workspace, "show", "HEAD")
    assert git(workspace, "status", "--porcelain") == ""
