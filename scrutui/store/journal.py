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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import scrutui
from scrutui.domain.records import Record
from scrutui.store.git import GitRepo, Identity
from scrutui.store.tomlfile import atomic_write
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


def pending_file(repo: GitRepo) -> Path:
    folder = repo.git_dir / "scrutui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "pending-save.json"


def pending_save(repo: GitRepo) -> dict[str, Any] | None:
    """The save a killed scrutui left between writing its files and committing them."""
    pending = pending_file(repo)
    if not pending.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(pending.read_text())
    except (OSError, ValueError):
        pending.unlink(missing_ok=True)
        return None
    dirty = {p for _, p in repo.changed_paths()}
    if not dirty & set(data.get("paths", [])):
        pending.unlink()  # committed after all, or never written: nothing to offer
        return None
    return data


def refuse_detached(repo: GitRepo) -> None:
    branch, sha = repo.head_state()
    if sha is not None and branch is None:
        raise WorkspaceError(
            "HEAD is detached (the workspace is not on a branch), so a change would be on "
            "no branch: `git switch main` (or your branch) first; nothing was changed"
        )


def write_and_commit(
    repo: GitRepo, contents: Mapping[str, bytes | None], text: str, identity: Identity
) -> str:
    """Write each file atomically (None deletes it) and commit exactly them, once; the sha.
    Call it holding the write lock."""
    refuse_detached(repo)
    before = {path: _read(repo.root / path) for path in contents}
    pending = pending_file(repo)
    atomic_write(
        pending,
        json.dumps(
            {"paths": list(contents), "message": text, "author": [identity.name, identity.email]}
        ),
    )
    try:
        for path, content in contents.items():
            file = repo.root / path
            try:
                if content is None:
                    file.unlink(missing_ok=True)
                else:
                    atomic_write(file, content.decode())
            except OSError as error:
                raise WorkspaceError(
                    f"cannot write {path}: {error.strerror}; nothing was changed"
                ) from None
        sha = repo.commit(list(contents), text, identity)
    except BaseException:
        for path, content in before.items():
            _put_back(repo.root / path, content)
        pending.unlink(missing_ok=True)
        raise
    pending.unlink(missing_ok=True)
    return sha


def _read(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return None


def _put_back(file: Path, before: bytes | None) -> None:
    """Undo a write whose commit failed, so the file matches the last commit again."""
    if before is None:
        file.unlink(missing_ok=True)
    else:
        atomic_write(file, before.decode())
