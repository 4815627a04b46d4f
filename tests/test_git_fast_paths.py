"""What a save reads from git without running it: HEAD, the branch, and uncommitted files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scrutui.store.git import GitError, GitRepo, blob_id
from tests.conftest import git


def test_head_and_branch_read_from_files_agree_with_git(workspace: Path) -> None:
    repo = GitRepo(workspace)
    branch, sha = repo.head_state()
    assert branch == git(workspace, "symbolic-ref", "HEAD").strip()
    assert sha == git(workspace, "rev-parse", "HEAD").strip()
    git(workspace, "pack-refs", "--all")
    assert repo.head_state() == (branch, sha)
    git(workspace, "checkout", "-q", "--detach")
    assert repo.head_state() == (None, sha)


def test_blob_ids_are_the_ones_git_gives(tmp_path: Path) -> None:
    for data in (b"", b'kind = "action"\n', "£ – ü\n".encode(), bytes(range(256))):
        file = tmp_path / "f"
        file.write_bytes(data)
        expected = subprocess.run(
            ["git", "hash-object", str(file)], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert blob_id(data) == expected


def test_uncommitted_names_edited_new_and_deleted_files_and_nothing_else(workspace: Path) -> None:
    repo = GitRepo(workspace)
    edited, gone, clean = "pcs/A-2023-09-29-1.toml", "pcs/R-2023-09-29-1.toml", "pcs/tracker.toml"
    new = "pcs/A-2023-09-29-2.toml"
    assert repo.uncommitted([edited, gone, clean, new]) == []
    (workspace / edited).write_text((workspace / edited).read_text() + "# hand edit\n")
    (workspace / gone).unlink()
    (workspace / new).write_text('kind = "action"\n')
    assert sorted(repo.uncommitted([edited, gone, clean, new])) == sorted([edited, gone, new])


def test_a_commit_keeps_heads_tree_current_without_reading_it_again(workspace: Path) -> None:
    from scrutui.store.git import Identity

    repo = GitRepo(workspace)
    path = "pcs/A-2023-09-29-1.toml"
    repo.head_blobs()
    (workspace / path).write_text((workspace / path).read_text() + "# more\n")
    sha = repo.commit([path], "A-2023-09-29-1: edited", Identity("An Officer", "o@example.org"))
    assert repo._blobs_at == sha
    listed = git(workspace, "ls-tree", "HEAD", path).split()[2]
    assert repo.head_blobs()[path] == listed
    assert repo.uncommitted([path]) == []


def commit_graph_chunks(workspace: Path) -> list[bytes]:
    """The chunk ids in the table of git's commit-graph file (its format: a header of 8
    bytes, then 12 bytes a chunk)."""
    data = (workspace / ".git" / "objects" / "info" / "commit-graph").read_bytes()
    assert data[:4] == b"CGPH"
    return [data[8 + 12 * i : 12 + 12 * i] for i in range(data[6])]


def test_the_history_index_is_written_with_changed_path_filters_and_only_when_behind(
    workspace: Path,
) -> None:
    repo = GitRepo(workspace)
    assert repo.index_history()
    assert {b"BIDX", b"BDAT"} <= set(commit_graph_chunks(workspace))  # the Bloom filters
    assert not repo.index_history()  # up to date
    git(workspace, "commit", "-q", "--allow-empty", "-m", "one more")
    assert not repo.index_history(every=2)  # one commit behind: not yet worth it
    assert repo.index_history(every=1)


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="this system has no process niceness")
def test_work_only_speed_waits_on_runs_git_at_the_lowest_priority(
    workspace: Path, tmp_path: Path
) -> None:
    said = tmp_path / "niceness"
    GitRepo(workspace).run_idle("-c", f"alias.niceness=!nice > '{said}'", "niceness")
    assert said.read_text().strip() == str(min(os.nice(0) + 19, 19))


def test_a_failing_low_priority_git_says_what_git_said(workspace: Path) -> None:
    with pytest.raises(GitError, match="commit-graph"):
        GitRepo(workspace).run_idle("commit-graph", "write", "--no-such-option")
