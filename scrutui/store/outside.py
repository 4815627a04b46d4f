"""Changes made outside scrutui: files that differ from the last commit because an editor, a
copy or a killed save changed them, found, validated, refused under a save, and committed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrutui.domain.changes import FieldChange, describe, diff_data
from scrutui.store.git import GitRepo, Identity
from scrutui.store.journal import (
    Saved,
    interrupted_message,
    message,
    pending_file,
    pending_save,
    refuse_detached,
)
from scrutui.store.recovery import writing
from scrutui.store.tomlfile import Problem, data_or_none
from scrutui.store.workspace import TRACKER_FILE, WorkspaceError, WorkspaceState


@dataclass
class OutsideChanges:
    """Files that differ from the last commit because something other than scrutui changed
    them: the valid ones with their field changes, and the ones that do not validate."""

    valid: list[tuple[str, list[FieldChange]]] = field(default_factory=list)
    invalid: list[Problem] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.valid or self.invalid)


def find_outside(repo: GitRepo, state: WorkspaceState) -> OutsideChanges:
    """Every file that differs from the last commit, validated, with its field changes."""
    report = OutsideChanges()
    state.refresh()  # only the files changed since loading are read again
    for _, path in repo.changed_paths():
        tracker_name, _, file_name = path.partition("/")
        on_disk = repo.root / path
        head = repo.show("HEAD", path) if repo.head() else None
        if not on_disk.exists() and head is not None:
            report.valid.append((path, diff_data(data_or_none(head, path), None)))
            continue
        tracker = state.trackers.get(tracker_name)
        if tracker is None or "/" in file_name or not file_name.endswith(".toml"):
            report.other.append(path)
            continue
        problems = [p for p in tracker.problems if p.path == path]
        if not problems and tracker.tracker is None and file_name != TRACKER_FILE:
            problems = [Problem(path, None, "", "its tracker.toml does not load")]
        if problems:
            report.invalid += problems
            continue
        new = data_or_none(on_disk.read_bytes(), path)
        report.valid.append((path, diff_data(data_or_none(head, path), new)))
    return report


def commit_outside(
    repo: GitRepo, report: OutsideChanges, identity: Identity, note: str | None = None
) -> Saved | None:
    """Commit the valid outside changes as one commit that says where they came from; a save
    that was killed before its commit is committed with its own message."""
    if not report.valid:
        return None
    paths = [path for path, _ in report.valid]
    with writing(repo) as done:  # a killed save's files are committed with its own message
        refuse_detached(repo)
        remaining = set(repo.uncommitted(paths))
        if not remaining:
            return done.saves[-1] if done.saves else None
        report.valid = [(p, c) for p, c in report.valid if p in remaining]
        paths = [path for path, _ in report.valid]
        pending = pending_save(repo)  # an entry from before 0.2 names no contents
        if pending and set(pending["paths"]) == set(paths):
            subject = str(pending["message"]).split("\n")[0]
            text = interrupted_message(str(pending["message"]))
            sha = repo.commit(paths, text, Identity(*pending["author"]))
            pending_file(repo).unlink(missing_ok=True)
            return Saved(sha, subject, tuple(paths))
        return _commit_changes(repo, report, paths, identity, note)


def _commit_changes(
    repo: GitRepo, report: OutsideChanges, paths: list[str], identity: Identity, note: str | None
) -> Saved:
    ids = [Path(p).stem for p in paths]
    shown = ", ".join(ids[:4]) + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")
    subject = f"{shown}: changed outside scrutui"
    body = [note, ""] if note else []
    for path, changes in report.valid:
        body.append(f"{path}:" if changes else f"{path}: deleted")
        body += [f"  {line}" for line in describe(changes)]
    trackers = sorted({p.split("/")[0] for p in paths})
    sha = repo.commit(paths, message(subject, body, ", ".join(trackers)), identity)
    return Saved(sha, subject, tuple(paths))


def refuse_outside(repo: GitRepo, paths: list[str]) -> None:
    """Refuse to save over uncommitted changes to `paths` made outside scrutui."""
    dirty = repo.uncommitted(paths)
    if not dirty:
        return
    pending = pending_save(repo)
    if pending and set(dirty) & set(pending["paths"]):
        subject = str(pending["message"]).split("\n")[0]
        raise WorkspaceError(
            f"the save '{subject}' was interrupted before its commit: commit it first "
            "(`scrutui commit-outside`, or o in the app)"
        )
    raise WorkspaceError(
        f"{', '.join(dirty)} has changes made outside scrutui that are not committed: "
        "review them with `scrutui commit-outside` first"
    )
