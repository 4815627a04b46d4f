"""The commit a date stands for (`commit_on`): the last made on or before it, by its own clock.

It asks git for the commits of the hours that can be on either side of the day, by one
clock or another, then for the last one before them: these check the answer by the
commits' own clocks, behind many commits of the next day, and with none on the day.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from scrutui.store.git import GitError, GitRepo
from scrutui.store.history import commit_on


def commit(root: Path, when: str, text: str) -> str:
    (root / "file.txt").write_text(text)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Set Up",
        "GIT_AUTHOR_EMAIL": "setup@example.org",
        "GIT_COMMITTER_NAME": "Set Up",
        "GIT_COMMITTER_EMAIL": "setup@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    for args in (["add", "file.txt"], ["commit", "-q", "-m", text]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_last_commit_of_the_day_is_found_behind_many_of_the_next_day(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "w")
    commit(repo.root, "2024-04-10T09:00:00 +0000", "before")
    wanted = commit(repo.root, "2024-04-11T23:30:00 +0100", "on the day, late, by its clock")
    for n in range(40):  # more than the first ask: each must be skipped
        commit(repo.root, f"2024-04-12T00:{n:02d}:00 +0100", f"next day {n}")
    assert commit_on(repo, date(2024, 4, 11)) == wanted
    assert commit_on(repo, date(2024, 4, 12)) is not None
    assert commit_on(repo, date(2024, 4, 12)) != wanted


def test_a_day_before_the_first_commit_has_none(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "w")
    for n in range(20):
        commit(repo.root, f"2024-04-12T10:{n:02d}:00 +0000", f"change {n}")
    assert commit_on(repo, date(2024, 4, 11)) is None


def test_a_commit_is_on_the_day_its_own_clock_says_whatever_the_time_in_utc(
    tmp_path: Path,
) -> None:
    repo = GitRepo.init(tmp_path / "w")
    midday = commit(repo.root, "2024-04-11T12:00:00 +0000", "on the 11th")
    # 19:00 UTC on the 11th, but the 12th where it was made: not on the 11th
    commit(repo.root, "2024-04-12T08:00:00 +1300", "on the 12th, far east")
    assert commit_on(repo, date(2024, 4, 11)) == midday
    # 10:30 UTC on the 12th, but still the 11th where it was made
    late = commit(repo.root, "2024-04-11T23:30:00 -1100", "on the 11th, far west")
    commit(repo.root, "2024-04-12T11:00:00 +0000", "on the 12th")
    assert commit_on(repo, date(2024, 4, 11)) == late


def test_a_day_long_after_the_last_commit_has_the_last_commit(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "w")
    commit(repo.root, "2024-04-10T09:00:00 +0000", "first")
    last = commit(repo.root, "2024-04-10T17:00:00 +0100", "last")
    assert commit_on(repo, date(2025, 1, 1)) == last
    assert commit_on(repo, date(2024, 4, 10)) == last
    assert commit_on(repo, date(2024, 4, 9)) is None


def test_a_day_with_no_commits_has_the_last_one_before_it(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "w")
    wanted = commit(repo.root, "2024-04-01T23:59:00 +0000", "the 1st")
    commit(repo.root, "2024-04-20T00:30:00 +0000", "the 20th")
    assert commit_on(repo, date(2024, 4, 10)) == wanted


def test_git_lines_can_be_left_early_and_say_what_went_wrong(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "w")
    shas = [commit(repo.root, f"2024-04-12T10:{n:02d}:00 +0000", f"change {n}") for n in range(30)]
    log = repo.lines("log", "--format=%H")
    assert next(log) == shas[-1]
    log.close()  # git is stopped, not waited for to the end
    assert list(repo.lines("log", "--format=%H")) == shas[::-1]
    with pytest.raises(GitError, match="nowhere"):
        list(repo.lines("log", "nowhere"))
