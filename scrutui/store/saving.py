"""The one way records are written: validated, refused if someone changed them meanwhile,
written atomically and committed with a message that lists each field's old and new value.
Also an import's many new records as one commit, and `undo` of a commit."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from scrutui.domain.changes import FieldChange, describe, describe_new, diff_data, summarise
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import Invalid, validate_record
from scrutui.store.git import GitError, GitRepo, Identity
from scrutui.store.journal import Saved, message, refuse_detached, write_and_commit
from scrutui.store.outside import refuse_outside
from scrutui.store.recovery import writing
from scrutui.store.tomlfile import edit_document, new_document, parse_bytes
from scrutui.store.workspace import (
    NOT_RECORDS,
    TRACKER_FILE,
    NotFound,
    TrackerState,
    WorkspaceError,
    check_record_id,
    load_record,
    parse_record,
    parse_tracker,
    stamp,
)


class ChangedOnDisk(WorkspaceError):
    """The record's file changed since it was loaded; saving would overwrite someone's edit."""

    def __init__(self, message: str, mine: Record | None, theirs: Record | None) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


def tracker_of(state: TrackerState) -> Tracker:
    """The tracker's settings; a clear error if its tracker.toml does not load."""
    if state.tracker is None:
        problems = "; ".join(map(str, state.problems[:1]))
        raise WorkspaceError(f"the tracker {state.name} does not load: {problems}")
    return state.tracker


def save_record(
    repo: GitRepo,
    state: TrackerState,
    old: Record | None,
    new: Record | None,
    author: Callable[[], Identity],
    *,
    raw: bytes | None = None,
    subject: str | None = None,
) -> Saved:
    """Change one record from `old` to `new` (None: create it, or delete it) as one commit.
    `raw` is the exact file to write (a restored version); `subject` replaces the usual one."""
    tracker = tracker_of(state)
    record = new or old
    if record is None:
        raise WorkspaceError("nothing to save")
    path = f"{state.name}/{check_record_id(record.id)}.toml"
    file = repo.root / path
    new_data = new.to_data() if new else None
    if new is not None:
        checked, issues = validate_record(record.id, new_data or {}, tracker)
        if issues or checked is None:
            raise Invalid(issues)
        new = checked
    changes = diff_data(old.to_data() if old else None, new_data)
    if not changes and raw is None:
        raise WorkspaceError(f"{record.id}: nothing changed")
    identity = author()
    subject, body = _described(state.name, record, old, new_data, changes, subject)
    with writing(repo):
        _refuse_changed_on_disk(state, tracker, old, file)
        refuse_outside(repo, [path])
        content = (
            raw if raw is not None and new_data is not None else _content(file, path, old, new_data)
        )
        sha = write_and_commit(repo, {path: content}, message(subject, body, state.name), identity)
    if new is None:
        state.records.pop(record.id, None)
        state.stamps.pop(record.id, None)
    else:
        state.records[record.id] = new
        state.stamps[record.id] = stamp(file)
        state.broken.discard(record.id)
    return Saved(sha, subject, (path,), state.name, new)


def _described(
    tracker: str,
    record: Record,
    old: Record | None,
    new_data: dict[str, Any] | None,
    changes: list[FieldChange],
    subject: str | None,
) -> tuple[str, list[str]]:
    """The commit's subject (unless one is given) and body for a change to one record."""
    if subject is None:
        if old is None:
            subject = f"{record.id}: new {record.spec.label.lower()}"
        elif new_data is None:
            subject = f"{record.id}: deleted"
        else:
            subject = f"{record.id}: {summarise(changes)}"
    body = describe_new(new_data) if old is None and new_data else describe(changes)
    if new_data is None:
        body = [
            "Deleted; the record as it was is in this commit's parent, and "
            f"`scrutui restore {tracker}/{record.id}` brings it back.",
            "",
            *body,
        ]
    return subject, body


def _content(
    file: Path, path: str, old: Record | None, new_data: dict[str, Any] | None
) -> bytes | None:
    """The record's new file (None: deleted): an edit of the file on disk, which keeps its
    comments and layout, or a new document."""
    if new_data is None:
        return None
    before = file.read_bytes() if file.exists() else None
    if before is not None and old is not None:
        current = parse_bytes(before, path)[0]
        return edit_document(before.decode(), current, new_data).encode()
    return new_document(new_data).encode()


def save_new_records(
    repo: GitRepo,
    state: TrackerState,
    records: Sequence[Record],
    subject: str,
    author: Callable[[], Identity],
    *,
    changed: Sequence[tuple[Record, Record]] = (),
    files: Mapping[str, str] | None = None,
    settings: str | None = None,
) -> Saved:
    """Several new records (an import) as one commit; all validate first, or none is written.
    `changed` are (old, new) records the import also changes (an action log's updates),
    written in the same commit; each is refused if its file changed on disk meanwhile.
    `files` (by name in the tracker folder: an import's rules) go in the same commit, and so
    does `settings`, the tracker.toml the records are checked against (a status added)."""
    tracker = tracker_of(state)
    if settings is not None:
        parsed, problems = parse_tracker(settings.encode(), state.name)
        if parsed is None or problems:
            why = "; ".join(map(str, problems[:3])) or "it does not load"
            raise WorkspaceError(f"the tracker's new settings are not valid: {why}")
        tracker = parsed
    checked_records: list[Record] = []
    for record in records:
        checked, issues = validate_record(record.id, record.to_data(), tracker)
        if checked is None:
            raise Invalid([replace(i, path=(record.id, *i.path)) for i in issues])
        checked_records.append(checked)
    updated: list[tuple[Record, Record]] = []
    for old, new in changed:
        checked, issues = validate_record(new.id, new.to_data(), tracker)
        if checked is None:
            raise Invalid([replace(i, path=(new.id, *i.path)) for i in issues])
        updated.append((old, checked))
    if not checked_records and not updated:
        raise WorkspaceError("nothing to import")
    identity = author()
    paths = [f"{state.name}/{r.id}.toml" for r in checked_records]
    body = [f"{r.id}: {r.summary[:100]}" for r in checked_records]
    body += [
        f"{new.id}: {summarise(diff_data(old.to_data(), new.to_data()))}" for old, new in updated
    ]
    with writing(repo):
        for path in paths:
            if (repo.root / path).exists():
                raise ChangedOnDisk(f"{path} already exists on disk", None, None)
        contents: dict[str, bytes | None] = {
            path: new_document(r.to_data()).encode()
            for r, path in zip(checked_records, paths, strict=True)
        }
        for old, new in updated:
            path = f"{state.name}/{check_record_id(old.id)}.toml"
            file = repo.root / path
            _refuse_changed_on_disk(state, tracker, old, file)
            contents[path] = _content(file, path, old, new.to_data())
        refuse_outside(repo, list(contents))
        for name, text in (files or {}).items():
            if name not in NOT_RECORDS or name == TRACKER_FILE:
                raise WorkspaceError(f"{name} is not a file an import may write")
            contents[f"{state.name}/{name}"] = text.encode()
        if settings is not None:
            contents[f"{state.name}/{TRACKER_FILE}"] = settings.encode()
        sha = write_and_commit(repo, contents, message(subject, body, state.name), identity)
    if settings is not None:
        state.tracker = tracker
        state.settings_stamp = stamp(repo.root / state.name / TRACKER_FILE)
    for record, path in zip(checked_records, paths, strict=True):
        state.records[record.id] = record
        state.stamps[record.id] = stamp(repo.root / path)
    for _, new in updated:
        state.records[new.id] = new
        state.stamps[new.id] = stamp(repo.root / f"{state.name}/{new.id}.toml")
    last = checked_records[-1] if checked_records else updated[-1][1]
    return Saved(sha, subject, tuple(contents), state.name, last)


def restore_record(
    repo: GitRepo,
    state: TrackerState,
    old: Record | None,
    path: str,
    raw: bytes | None,
    label: str,
    author: Callable[[], Identity],
) -> Saved:
    """Write `raw` (an earlier version of the record at `path`) back, if it validates against
    the tracker as it is now; `label` says which version in the commit's subject."""
    record_id = path.rsplit("/", 1)[-1].removesuffix(".toml")
    if raw is None:
        raise NotFound(f"{record_id} has no version to restore there")
    record, problems = parse_record(raw, path, record_id, tracker_of(state))
    if record is None:
        raise WorkspaceError(
            "that version does not validate against the tracker as it is "
            "now: " + "; ".join(map(str, problems))
        )
    subject = f"{record_id}: restored {label}"
    return save_record(repo, state, old, record, author, raw=raw, subject=subject)


def undo_commit(repo: GitRepo, rev: str, author: Callable[[], Identity]) -> Saved:
    """Revert one change as a new commit (history is never rewritten)."""
    sha = repo.run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
    subject = repo.run("log", "-1", "--format=%s", sha)
    paths = repo.run(
        "diff-tree", "--no-commit-id", "--name-only", "-r", "-m", "--first-parent", sha
    ).splitlines()
    identity = author()
    record_id = subject.split(":", 1)[0] if ":" in subject else ""
    title = f"{record_id}: undo of {sha[:7]}" if record_id else f"Undo of {sha[:7]}"
    with writing(repo):
        refuse_detached(repo)
        refuse_outside(repo, paths)
        try:
            repo.run("revert", "--no-commit", sha, env=identity.env())
        except GitError as error:
            repo.run("revert", "--abort")
            raise WorkspaceError(
                f"{sha[:7]} cannot be undone cleanly: later changes to "
                f"the same record are in the way ({error})"
            ) from None
        text = message(title, [f'This reverts commit {sha[:7]}, "{subject}".'], "")
        repo.run("commit", "--no-verify", "--quiet", "-m", text, env=identity.env())
    return Saved(repo.run("rev-parse", "HEAD"), title, tuple(paths))


def _refuse_changed_on_disk(
    state: TrackerState, tracker: Tracker, old: Record | None, file: Path
) -> None:
    """Refuse to save over a record changed on disk since it was loaded (by an editor, a
    pull, or another scrutui): the officer sees both versions instead."""
    if old is None:
        if file.exists():
            raise ChangedOnDisk(f"{file.name} already exists on disk", None, None)
        return
    if state.stamps.get(old.id) == stamp(file):
        return
    theirs = load_record(file, tracker)[0] if file.exists() else None
    if theirs != old:
        what = "changed on disk" if file.exists() else "deleted on disk"
        raise ChangedOnDisk(
            f"{old.id} was {what} since it was loaded (another editor, a pull, or another "
            "scrutui): nothing was saved. Reload to see their version, then make your "
            "change again.",
            old,
            theirs,
        )
