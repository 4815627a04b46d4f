"""The workspace's git repository: the git CLI through GitPython's `repo.git`.

Measured on this project's machines (docs/floors): `repo.git.add` + `repo.git.commit` run at
the bare CLI floor (22 ms at 10,000 files) while GitPython's pure-Python index API
(`repo.index.add` + `index.commit`) takes 184 ms, 8x slower. So every write goes through the
CLI, and reads of many old versions go through one `git cat-file --batch`.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import git

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
ZERO = "0" * 40


class GitError(Exception):
    """A git command failed; the message is git's own, tidied."""


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a commit is by: the officer."""

    name: str
    email: str

    def env(self) -> dict[str, str]:
        return {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
        }

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class GitRepo:
    """One workspace repository."""

    def __init__(self, root: Path) -> None:
        self.root = root
        try:
            self.repo = git.Repo(root)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitError(f"{root} is not a git repository") from None
        if self.repo.bare:
            raise GitError(f"{root} is a bare repository: it has no files to edit")

    @classmethod
    def init(cls, root: Path) -> GitRepo:
        root.mkdir(parents=True, exist_ok=True)
        git.Repo.init(root, initial_branch="main")
        return cls(root)

    @staticmethod
    def is_repo(root: Path) -> bool:
        return (root / ".git").exists()

    @property
    def git_dir(self) -> Path:
        return Path(self.repo.git_dir)

    def run(self, *args: str, env: Mapping[str, str] | None = None, strip: bool = True) -> str:
        """Run `git ARGS` in the workspace and return its output."""
        try:
            out = self.repo.git.execute(
                ["git", *args],
                env=dict(env) if env else None,
                strip_newline_in_stdout=strip,
            )
        except git.GitCommandError as error:
            raise GitError(_tidy(error)) from None
        return str(out)

    def run_input(self, *args: str, data: bytes, env: Mapping[str, str] | None = None) -> bytes:
        """Run `git ARGS` with `data` on its standard input (GitPython cannot feed one)."""
        result = subprocess.run(
            ["git", *args],
            cwd=self.root,
            input=data,
            capture_output=True,
            check=False,
            env={**os.environ, "LC_ALL": "C", **(env or {})},
        )
        if result.returncode:
            raise GitError(result.stderr.decode(errors="replace").strip())
        return result.stdout

    def head(self) -> str | None:
        try:
            return self.run("rev-parse", "--verify", "-q", "HEAD")
        except GitError:
            return None

    def config(self, key: str) -> str | None:
        try:
            return self.run("config", "--get", key) or None
        except GitError:
            return None

    def identity(self) -> Identity | None:
        """git's own user.name and user.email for this workspace, if both are set."""
        name, email = self.config("user.name"), self.config("user.email")
        return Identity(name, email) if name and email else None

    def commit(self, paths: Sequence[str], message: str, author: Identity) -> str:
        """Stage exactly `paths` (new, changed or deleted) and commit only them; the new sha.

        `--no-verify`: the service validated every record it wrote; the pre-commit hook is
        for commits made by hand.
        """
        if not paths:
            raise GitError("nothing to commit")
        env = author.env()
        self.run("add", "-A", "--", *paths, env=env)
        self.run("commit", "--no-verify", "--quiet", "-m", message, "--only", "--", *paths, env=env)
        return self.run("rev-parse", "HEAD")

    def changed_paths(self) -> list[tuple[str, str]]:
        """(status, path) for every path that differs from HEAD, untracked files included."""
        out = self.run(
            "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", strip=False
        )
        entries = []
        for entry in out.split("\0"):
            if len(entry) > 3:
                entries.append((entry[:2], entry[3:]))
        return entries

    def show(self, rev: str, path: str) -> bytes | None:
        """The bytes of `path` at `rev`, or None if it did not exist there."""
        return self.cat_files([f"{rev}:{path}"])[0]

    def cat_files(self, specs: Iterable[str]) -> list[bytes | None]:
        """Many `REV:PATH` or blob ids at once, through one `git cat-file --batch`."""
        specs = list(specs)
        if not specs:
            return []
        if ZERO in specs:  # the all-zero id: "no such file" in a diff
            found = iter(self.cat_files([s for s in specs if s != ZERO]))
            return [None if s == ZERO else next(found) for s in specs]
        out = self.run_input("cat-file", "--batch", data="".join(f"{s}\n" for s in specs).encode())
        results: list[bytes | None] = []
        pos = 0
        for _ in specs:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) < 3 or header[1] == b"missing" or header[-1] == b"missing":
                results.append(None)
                continue
            size = int(header[2])
            results.append(out[pos : pos + size])
            pos += size + 1
        return results

    def recover_index_lock(self, older_than: float = 2.0) -> bool:
        """Remove an `index.lock` left by a killed git, only if no process has it open.

        True if one was removed. A lock younger than `older_than` seconds is left alone: a
        git that is just starting may not have opened it yet.
        """
        lock = self.git_dir / "index.lock"
        try:
            age = time.time() - lock.stat().st_mtime
        except FileNotFoundError:
            return False
        if age < older_than or _held_open(lock):
            return False
        lock.unlink(missing_ok=True)
        return True

    def tracked(self, path: str) -> bool:
        return bool(self.run("ls-files", "--", path))


def _held_open(path: Path) -> bool:
    """Whether any process has `path` open (Linux: /proc; elsewhere assume not)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    target = str(path.resolve())
    for fd_dir in proc.glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                if os.readlink(fd) == target:
                    return True
        except OSError:
            continue
    return False


def _tidy(error: git.GitCommandError) -> str:
    stderr = error.stderr if isinstance(error.stderr, str) else str(error.stderr)
    text = stderr.strip().removeprefix("stderr:").strip().strip("'").strip()
    return text or f"git {' '.join(map(str, error.command[1:3]))} failed (exit {error.status})"
