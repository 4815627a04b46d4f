"""The workspace's git repository: the git CLI through GitPython's `repo.git`.

Measured on this project's machines (docs/floors): `repo.git.add` + `repo.git.commit` run at
the bare CLI floor (22 ms at 10,000 files) while GitPython's pure-Python index API
(`repo.index.add` + `index.commit`) takes 184 ms, 8x slower. So every write goes through the
CLI, and reads of many old versions go through one `git cat-file --batch`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # GitPython costs 40 ms to import: only when a git command first runs
    import git

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#: the niceness of `GitRepo.run_idle`'s git: the lowest priority (1 to 2 minutes of a core
#: for the history index of 300,000 commits, once)
IDLE_NICENESS = 19
ZERO = "0" * 40

#: Every git scrutui runs runs with these: a workspace handed over by someone else may hold
#: a crafted `.git/config` or hooks, and nothing in it may run code when scrutui saves, syncs
#: or reads. Hooks are off (scrutui validates what it writes; its own pre-commit hook is for
#: commits made by hand, and still runs for those), and so are the file-system monitor,
#: signing programs, external diff and alternate-refs commands, pagers and the `ext::`
#: transport. Filters, merge and diff drivers named in the repository's own config are
#: switched off one by one; the remote's upload and receive programs are git's own (`sync`).
HARDENED = (
    *("-c", "core.hooksPath=/dev/null"),
    *("-c", "core.fsmonitor=false"),
    *("-c", "commit.gpgSign=false"),
    *("-c", "tag.gpgSign=false"),
    *("-c", "core.pager=cat"),
    *("-c", "pager.log=false"),
    *("-c", "diff.external="),
    *("-c", "core.alternateRefsCommand="),
    *("-c", "protocol.ext.allow=never"),
)


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
        #: What HEAD's tree holds, {path: blob id}, and the commit it was read at.
        self._blobs: dict[str, str] = {}
        self._blobs_at: str | None = None
        self._repo: git.Repo | None = None
        self._hardened_args: tuple[str, ...] | None = None
        if not _plain_git_dir(root / ".git"):
            self.repo  # noqa: B018 (anything unusual: GitPython's own checks, now)

    @property
    def repo(self) -> git.Repo:
        """GitPython's repository, made when first needed (a command that only reads the
        files never needs it)."""
        if self._repo is None:
            import git

            try:
                repo = git.Repo(self.root)
            except (git.InvalidGitRepositoryError, git.NoSuchPathError):
                raise GitError(f"{self.root} is not a git repository") from None
            if repo.bare:
                raise GitError(f"{self.root} is a bare repository: it has no files to edit")
            self._repo = repo
        return self._repo

    @property
    def _hardened(self) -> tuple[str, ...]:
        """The `-c` settings every git call runs with (hooks, fsmonitor, drivers off), worked
        out when the first git command runs: a command that only reads the files runs none."""
        if self._hardened_args is None:
            self._hardened_args = (*HARDENED, *_driver_overrides(self.root))
        return self._hardened_args

    @classmethod
    def init(cls, root: Path) -> GitRepo:
        import git

        root.mkdir(parents=True, exist_ok=True)
        git.Repo.init(root, initial_branch="main")
        return cls(root)

    @staticmethod
    def is_repo(root: Path) -> bool:
        return (root / ".git").exists()

    @property
    def git_dir(self) -> Path:
        if self._repo is None:
            return self.root / ".git"  # checked by `_plain_git_dir`, or GitPython is made
        return Path(self.repo.git_dir)

    def run(self, *args: str, env: Mapping[str, str] | None = None, strip: bool = True) -> str:
        """Run `git ARGS` in the workspace and return its output."""
        import git

        try:
            out = self.repo.git.execute(
                ["git", *self._hardened, *args],
                env=dict(env) if env else None,
                strip_newline_in_stdout=strip,
            )
        except git.GitCommandError as error:
            raise GitError(_tidy(error)) from None
        return str(out)

    def run_idle(self, *args: str) -> None:
        """Run `git ARGS` at the lowest priority the system gives (where it has one), for
        work only the speed of later work waits on: the app's keystrokes come first."""
        import subprocess

        process = subprocess.Popen(
            ["git", *self._hardened, *args],
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "LC_ALL": "C"},
        )
        if hasattr(os, "setpriority"):  # not on Windows: git then runs as usual
            with contextlib.suppress(OSError):  # already finished
                os.setpriority(os.PRIO_PROCESS, process.pid, IDLE_NICENESS)
        _, error = process.communicate()
        if process.returncode:
            raise GitError(error.decode(errors="replace").strip())

    def lines(self, *args: str) -> Generator[str, None, None]:
        """The lines `git ARGS` writes, as it writes them: stopping early (leaving the loop)
        stops git, so an answer near the top of a long log costs only the top."""
        import subprocess

        process = subprocess.Popen(
            ["git", *self._hardened, *args],
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "LC_ALL": "C"},
        )
        assert process.stdout is not None and process.stderr is not None
        finished = False
        try:
            for line in process.stdout:
                yield line.decode(errors="replace").rstrip("\n")
            finished = True
        finally:
            if not finished:
                process.kill()
            error = process.stderr.read()
            process.stdout.close()
            process.stderr.close()
            code = process.wait()
        if finished and code:
            raise GitError(error.decode(errors="replace").strip())

    def run_input(self, *args: str, data: bytes, env: Mapping[str, str] | None = None) -> bytes:
        """Run `git ARGS` with `data` on its standard input (GitPython cannot feed one)."""
        import subprocess  # imported when first used, as GitPython is: `list` needs neither

        result = subprocess.run(
            ["git", *self._hardened, *args],
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
        """HEAD's commit, or None before the first commit."""
        return self.head_state()[1]

    def head_state(self) -> tuple[str | None, str | None]:
        """(the branch HEAD is on, or None when detached; HEAD's commit, or None if unborn).

        Read from the files git keeps (.git/HEAD, the loose ref, packed-refs): a save needs
        both, and a git process for each would cost more than the commit itself at 10,000
        files. Anything unusual (a reftable, a symbolic ref to a symbolic ref) asks git.
        """
        try:
            head = (self.git_dir / "HEAD").read_text().strip()
            if not head.startswith("ref: "):
                if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
                    return None, head
                raise ValueError(head)
            ref = head.removeprefix("ref: ")
            if not ref.startswith("refs/heads/") or (self.git_dir / "reftable").exists():
                raise ValueError(ref)
            return ref, self._read_ref(ref)
        except (OSError, ValueError):
            pass
        branch: str | None
        commit: str | None
        try:
            branch = self.run("symbolic-ref", "-q", "HEAD") or None
        except GitError:
            branch = None
        try:
            commit = self.run("rev-parse", "--verify", "-q", "HEAD") or None
        except GitError:
            commit = None
        return branch, commit

    def _read_ref(self, ref: str) -> str | None:
        loose = self.git_dir / ref
        if loose.is_file():
            sha = loose.read_text().strip()
            if len(sha) != 40:
                raise ValueError(sha)
            return sha
        packed = self.git_dir / "packed-refs"
        if packed.is_file():
            for line in packed.read_text().splitlines():
                sha, _, name = line.partition(" ")
                if name == ref and len(sha) == 40:
                    return sha
        return None  # a branch with no commit yet

    def head_blobs(self) -> dict[str, str]:
        """{path: blob id} of every file in HEAD's tree; read once per HEAD (one `ls-tree`)."""
        sha = self.head()
        if sha is None:
            return {}
        if sha != self._blobs_at:
            out = self.run("ls-tree", "-r", "-z", "--full-tree", sha, strip=False)
            blobs = {}
            for entry in out.split("\0"):
                meta, _, path = entry.partition("\t")
                if path:
                    blobs[path] = meta.split()[2]
            self._blobs, self._blobs_at = blobs, sha
        return self._blobs

    def uncommitted(self, paths: Iterable[str]) -> list[str]:
        """Of `paths`, those that differ from HEAD on disk (changes not committed).

        The bytes on disk are hashed as git would and compared with HEAD's tree, which costs
        no git process; a path that seems to differ is confirmed with `git status` (a clean
        filter or an end-of-line rule can make equal content hash differently).
        """
        blobs = self.head_blobs()
        suspects = []
        for path in paths:
            try:
                data: bytes | None = (self.root / path).read_bytes()
            except FileNotFoundError:
                data = None
            known = blobs.get(path)
            if (data is None and known is None) or (data is not None and blob_id(data) == known):
                continue
            suspects.append(path)
        if not suspects:
            return []
        return [p for _, p in self.changed_paths(suspects)]

    def config(self, key: str) -> str | None:
        try:
            return self.run("config", "--get", key) or None
        except GitError:
            return None

    def identity(self) -> Identity | None:
        """Who git itself would put as the author here, or None if git does not know.

        git's own resolution (`git var GIT_AUTHOR_IDENT`): GIT_AUTHOR_NAME and
        GIT_AUTHOR_EMAIL (as CI systems and some shared machines set), then user.name and
        user.email, then what git can tell of the machine.
        """
        try:
            ident = self.run("var", "GIT_AUTHOR_IDENT")
        except GitError:
            return None
        name, _, rest = ident.partition(" <")
        email = rest.partition(">")[0]
        return Identity(name.strip(), email.strip()) if name.strip() and email.strip() else None

    def commit(self, paths: Sequence[str], message: str, author: Identity) -> str:
        """Stage exactly `paths` (new, changed or deleted) and commit only them; the new sha.

        `--no-verify`: the service validated every record it wrote; the pre-commit hook is
        for commits made by hand.
        """
        if not paths:
            raise GitError("nothing to commit")
        env = author.env()
        blobs = self.head_blobs()
        added = [path for path in paths if path not in blobs]
        if added:  # new files: `commit --only` needs them known
            self.run("add", "-A", "--", *added, env=env)
        try:
            self.run(
                "commit", "--no-verify", "--quiet", "-m", message, "--only", "--", *paths, env=env
            )
        except GitError:
            if added:  # unstage them again: no phantom record left staged
                with contextlib.suppress(GitError):
                    if self.head():
                        self.run("reset", "-q", "HEAD", "--", *added)
                    else:
                        self.run("rm", "-q", "--cached", "--ignore-unmatch", "--", *added)
            raise
        sha = self.head()
        if sha is None:
            raise GitError("the commit did not move HEAD")
        if self._blobs_at is not None:  # HEAD's tree is the old one with `paths` as on disk
            for path in paths:
                try:
                    self._blobs[path] = blob_id((self.root / path).read_bytes())
                except FileNotFoundError:
                    self._blobs.pop(path, None)
            self._blobs_at = sha
        return sha

    def changed_paths(self, paths: Sequence[str] = ()) -> list[tuple[str, str]]:
        """(status, path) for every path (of `paths`, if given) that differs from HEAD,
        untracked files included."""
        out = self.run(
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--no-renames",
            *(["--", *paths] if paths else []),
            strip=False,
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

    def recover_stale_locks(self, older_than: float = 2.0) -> list[str]:
        """Remove the lock files a killed git left (`index.lock`, `HEAD.lock`,
        `refs/heads/<branch>.lock`, `packed-refs.lock`...), each only if no process has it
        open and it is older than `older_than` seconds (a git that is just starting may not
        have opened it yet). The paths removed, relative to the git folder. Call it holding
        the write lock: scrutui's own git commands then cannot be under way.
        """
        removed = []
        candidates = [*self.git_dir.glob("*.lock"), *(self.git_dir / "refs").glob("**/*.lock")]
        for lock in sorted(candidates):
            try:
                info = lock.lstat()
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(info.st_mode) or time.time() - info.st_mtime < older_than:
                continue
            if _held_open(lock):
                continue
            lock.unlink(missing_ok=True)
            removed.append(lock.relative_to(self.git_dir).as_posix())
        return removed

    def index_history(self, every: int = 500) -> bool:
        """Keep git's commit-graph, with its changed-path Bloom filters, up to date; True if
        it was written.

        `git log -- FILE` (a record's history) then skips the commits that cannot have
        touched the file without reading their trees: 3x faster at 30,000 commits. Written
        (about a second for 30,000 commits) when there is none, or when `every` commits have
        been made since the last time.
        """
        head = self.head()
        if head is None:
            return False
        mark = self.git_dir / "scrutui" / "commit-graph-head"
        try:
            last = mark.read_text().strip()
            if last == head:
                return False
            behind = int(self.run("rev-list", "--count", f"{last}..{head}"))
            has_graph = (self.git_dir / "objects" / "info" / "commit-graph").exists() or (
                self.git_dir / "objects" / "info" / "commit-graphs"
            ).exists()
            if behind < every and has_graph:
                return False
        except (OSError, ValueError, GitError):
            pass  # no mark, or a commit that is gone: write it
        self.run_idle("commit-graph", "write", "--reachable", "--changed-paths")
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.write_text(head + "\n")
        return True

    def tracked(self, path: str) -> bool:
        return bool(self.run("ls-files", "--", path))


def blob_id(data: bytes) -> str:
    """The id git gives a file holding `data` (SHA-1 repositories)."""

    import hashlib  # 3 ms to import: only where a file is hashed, not for every command

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


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


def _plain_git_dir(folder: Path) -> bool:
    """Whether `folder` is an ordinary repository's `.git` folder (HEAD, objects, not bare):
    then GitPython's checks would pass, and need not be made until a git command runs."""
    try:
        head = (folder / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
        if not (folder / "objects").is_dir():
            return False
        config = (folder / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if not (head.startswith("ref: refs/") or re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", head)):
        return False
    return not any(
        line.replace(" ", "").replace("\t", "").lower() == "bare=true"
        for line in config.splitlines()
    )


def _driver_overrides(root: Path) -> tuple[str, ...]:
    """`-c` settings that switch off every filter, merge and diff driver the repository's
    own config names (includes followed): their commands are code that whoever made the
    workspace chose. The officer's own global and system settings are theirs and are kept.
    `git config` itself runs nothing."""
    import subprocess

    try:
        listed = subprocess.run(
            [
                "git",
                "config",
                "--show-scope",
                "--includes",
                "--name-only",
                "--get-regexp",
                r"^(filter|merge|diff)\.",
            ],
            cwd=root,
            capture_output=True,
            check=False,
            text=True,
            env={**os.environ, "LC_ALL": "C"},
        ).stdout
    except OSError:
        return ()
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for line in listed.splitlines():
        scope, _, key = line.partition("\t")
        kind, _, rest = key.partition(".")
        name = rest.rpartition(".")[0]
        if scope in ("global", "system") or not name or (kind, name) in seen:
            continue
        seen.add((kind, name))
        if kind == "filter":
            for setting, value in (("clean", "cat"), ("smudge", "cat"), ("process", "")):
                out += ["-c", f"filter.{name}.{setting}={value}"]
            out += ["-c", f"filter.{name}.required=false"]
        elif kind == "merge":
            out += ["-c", f"merge.{name}.driver="]
        elif kind == "diff":
            out += ["-c", f"diff.{name}.command=", "-c", f"diff.{name}.textconv="]
    return tuple(out)


def _tidy(error: git.GitCommandError) -> str:
    stderr = error.stderr if isinstance(error.stderr, str) else str(error.stderr)
    text = stderr.strip().removeprefix("stderr:").strip().strip("'").strip()
    return text or f"git {' '.join(map(str, error.command[1:3]))} failed (exit {error.status})"
