"""The save journal: how a save writes its files and commits them, and what a killed save left.

`write_and_commit` is the one place a change's files are written and committed; `message`
composes its commit message and `Saved` says what it did.

While a save is under way, `.git/scrutui/pending-save.json` names its files, its commit
message and its author. If the process is killed between the files and the commit, the next
start offers the save for commit with its own message (see `outside.commit_outside`). If
anything fails while the save runs, every file is put back as it was.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import scrutui
from scrutui.domain.records import Record
from scrutui.store.git import GitRepo, Identity, blob_id
from scrutui.store.tomlfile import FileError, atomic_write, read_if_there
from scrutui.store.workspace import WorkspaceError

TRAILER = f"Changed-With: scrutui {scrutui.__version__}"


@dataclass(frozen=True, slots=True)
class Saved:
    """What one change did: the commit it made and the record as it now stands."""

    sha: str
    subject: str
    paths: tuple[str, ...]
    tracker: str = ""
    record: Record | None = None

    @property
    def short(self) -> str:
        return self.sha[:7]


def message(subject: str, body: Iterable[str], tracker: str) -> str:
    """A commit message: subject, body, and the trailers that say which tracker and that
    scrutui made it."""
    lines = list(body)
    text = subject + "\n\n" + ("\n".join(lines) + "\n\n" if lines else "")
    return text + f"Tracker: {tracker}\n{TRAILER}\n" if tracker else text + TRAILER + "\n"


class ChangedOnDisk(WorkspaceError):
    """The record's file changed since it was loaded; saving would overwrite someone's edit."""

    def __init__(
        self, message: str, mine: Record | None, theirs: Record | None, *, choice: bool = False
    ) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs
        #: `mine` is the officer's edit (not the version loaded): it may be saved over theirs
        self.choice = choice


def pending_folder(repo: GitRepo) -> Path:
    """One journal entry per save under way: `.git/scrutui/pending/<time>-<pid>.json`."""
    folder = repo.git_dir / "scrutui" / "pending"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pending_file(repo: GitRepo) -> Path:
    """Where scrutui before 0.2 kept its one journal entry (still read, never written)."""
    folder = repo.git_dir / "scrutui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "pending-save.json"


def _entries(repo: GitRepo) -> list[tuple[Path, dict[str, Any]]]:
    """Every journal entry, oldest first; one that cannot be read is removed."""
    files = sorted(pending_folder(repo).glob("*.json"))
    legacy = pending_file(repo)
    entries = []
    for file in [legacy, *files] if legacy.exists() else files:
        try:
            data = json.loads(file.read_text())
            if not isinstance(data, dict) or not isinstance(data.get("paths"), list):
                raise ValueError(file)
        except (OSError, ValueError):
            file.unlink(missing_ok=True)
            continue
        entries.append((file, data))
    return entries


def pending_saves(repo: GitRepo) -> list[dict[str, Any]]:
    """The saves killed scrutuis left between writing their files and committing them, oldest
    first; an entry whose files all match the last commit is removed (committed after all,
    or never written)."""
    out = []
    dirty: set[str] | None = None
    for file, data in _entries(repo):
        if dirty is None:
            dirty = {p for _, p in repo.changed_paths()}
        if not dirty & set(data["paths"]):
            file.unlink(missing_ok=True)
            continue
        out.append(data)
    return out


def pending_save(repo: GitRepo) -> dict[str, Any] | None:
    """The oldest save a killed scrutui left unfinished, if any."""
    saves = pending_saves(repo)
    return saves[0] if saves else None


def interrupted_message(text: str) -> str:
    subject, _, rest = text.partition("\n")
    note = "Saved on the next start: the save was interrupted before its commit."
    return f"{subject}\n\n{note}\n{rest}"


def finish_interrupted_saves(repo: GitRepo) -> list[Saved]:
    """Finish, each with its own message and author, the saves a killed scrutui left between
    its journal entry and its commit. Call it holding the write lock.

    An entry names each file's new content and the commit it was made on. Each file on disk
    is either that content (written before the kill) or as in that commit (not yet
    written): the rest is written and the save committed. A file that is neither was
    changed by someone else since: the entry is left for `scrutui commit-outside` to show.
    """
    done: list[Saved] = []
    for file, data in _entries(repo):
        contents = data.get("contents")
        if not isinstance(contents, dict):
            continue  # an entry from before 0.2: `commit-outside` commits it
        head = repo.head()
        paths = list(contents)
        committed = {p: repo.show("HEAD", p) if head else None for p in paths}
        try:
            current = {p: read_if_there(repo.root / p) for p in paths}
        except FileError:
            continue  # a file that is not a regular file now: `commit-outside` says which
        wanted = {p: None if c is None else str(c).encode() for p, c in contents.items()}
        if all(current[p] == committed[p] for p in paths) and (
            head != data.get("head") or all(wanted[p] == committed[p] for p in paths)
        ):
            file.unlink(missing_ok=True)  # committed after all, or made on another commit
            continue
        if head != data.get("head") or any(
            current[p] not in (wanted[p], committed[p]) for p in paths
        ):
            continue  # someone changed the files since: `commit-outside` shows them
        for path in paths:
            if current[path] != wanted[path]:
                _put_back(repo.root / path, wanted[path])
        author = Identity(*data["author"])
        subject = str(data["message"]).split("\n")[0]
        sha = repo.commit(paths, interrupted_message(str(data["message"])), author)
        file.unlink(missing_ok=True)
        done.append(Saved(sha, subject, tuple(paths)))
    return done


def refuse_detached(repo: GitRepo) -> None:
    """Refuse a change while git is part-way through a rebase, or HEAD is on no branch."""
    for folder, verb in (("rebase-merge", "rebase"), ("rebase-apply", "rebase")):
        if (repo.git_dir / folder).exists():
            raise WorkspaceError(
                f"a git {verb} is under way in this workspace, so a change would land in the "
                "middle of it: finish it (`git rebase --continue`) or abandon it (`git rebase "
                "--abort`) first; nothing was changed"
            )
    branch, sha = repo.head_state()
    if sha is not None and branch is None:
        raise WorkspaceError(
            "HEAD is detached (the workspace is not on a branch), so a change would be on "
            "no branch: `git switch main` (or your branch) first; nothing was changed"
        )


def write_and_commit(
    repo: GitRepo,
    contents: Mapping[str, bytes | None],
    text: str,
    identity: Identity,
    expected: Mapping[str, bytes | None] | None = None,
) -> str:
    """Write each file atomically (None deletes it) and commit exactly them, once; the sha.
    Call it holding the write lock.

    `expected` is, for each path, the bytes the new content was made from (None: no file):
    just before each rename the file's content is checked again, and if an editor or anything
    else wrote it meanwhile the save stops with ChangedOnDisk and that write is kept."""
    refuse_detached(repo)
    before = {path: read_if_there(repo.root / path) for path in contents}
    for path, was in (expected or {}).items():
        if before.get(path) != was:
            raise _changed(path)
    pending = pending_folder(repo) / f"{time.time_ns():020d}-{os.getpid()}.json"
    entry = {
        "paths": list(contents),
        "message": text,
        "author": [identity.name, identity.email],
        "head": repo.head(),
        "contents": {p: None if c is None else c.decode() for p, c in contents.items()},
    }
    written: list[str] = []
    try:
        try:
            atomic_write(pending, json.dumps(entry))
        except OSError as error:
            raise WorkspaceError(
                f"cannot write the save's journal in {pending.parent}: {error.strerror}; "
                "nothing was changed"
            ) from None
        for path, content in contents.items():
            file = repo.root / path

            def unchanged(at: Path = file, path: str = path) -> None:
                # The content, never the stat alone: an editor's file can come back with the
                # same inode (freed and reused), size and clock tick as the one it replaced.
                if read_if_there(at) != before[path]:
                    raise _changed(path)

            try:
                if content is None:
                    unchanged()
                    file.unlink(missing_ok=True)
                else:
                    atomic_write(file, content.decode(), check=unchanged)
            except OSError as error:
                raise WorkspaceError(
                    f"cannot write {path}: {error.strerror} (the folder {Path(path).parent} "
                    "cannot be written to: check its permissions, or whether the disk is "
                    "full or read-only); nothing was changed"
                ) from None
            written.append(path)
        parent = repo.head()
        sha = repo.commit(list(contents), text, identity)
        if any(read_if_there(repo.root / path) != contents[path] for path in written):
            _check_committed(repo, sha, parent, contents)  # written to since: look at git's
    except BaseException:
        for path in written:
            if read_if_there(repo.root / path) == contents[path]:  # ours: put back; theirs: kept
                _put_back(repo.root / path, before[path])
        pending.unlink(missing_ok=True)
        raise
    pending.unlink(missing_ok=True)
    return sha


def _check_committed(
    repo: GitRepo, sha: str, parent: str | None, contents: Mapping[str, bytes | None]
) -> None:
    """git commits the files as it reads them: if an editor wrote one after the rename and
    before git read it, the commit holds their content under this save's message. Then the
    commit is taken back (the branch to its parent, the index to match) and the save is
    refused as changed on disk; their write stays in the file, to commit as theirs."""
    listed = repo.run("ls-tree", "-z", sha, "--", *contents, strip=False)
    committed = {
        entry.partition("\t")[2]: entry.split()[2] for entry in listed.split("\0") if entry
    }
    for path, content in contents.items():
        if committed.get(path) != (blob_id(content) if content is not None else None):
            if parent is not None:
                repo.run("update-ref", "-m", "scrutui: a save that raced an editor, taken back",
                         "HEAD", parent, sha)  # fmt: skip
                repo.run("reset", "-q", parent, "--", *contents)
            raise _changed(path)


def _changed(path: str) -> ChangedOnDisk:
    record_id = Path(path).stem
    return ChangedOnDisk(
        f"{record_id} was changed on disk while it was being saved (another editor, a pull, "
        "or another scrutui): nothing was saved. Reload to see their version, then make "
        "your change again.",
        None,
        None,
    )


def _put_back(file: Path, before: bytes | None) -> None:
    """Undo a write whose commit failed, so the file matches the last commit again."""
    if before is None:
        file.unlink(missing_ok=True)
    else:
        atomic_write(file, before.decode())
