"""The one way records are written: validated, refused if someone changed them meanwhile,
written atomically and committed with a message that lists each field's old and new value.
Also an import's many new records as one commit, and `undo` of a commit."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from scrutui.domain.changes import FieldChange, describe, describe_new, diff_data, summarise
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import Invalid, validate_record
from scrutui.store.git import GitError, GitRepo, Identity
from scrutui.store.journal import (
    ChangedOnDisk,
    Saved,
    message,
    refuse_detached,
    write_and_commit,
)
from scrutui.store.outside import refuse_outside
from scrutui.store.recovery import writing
from scrutui.store.tomlfile import edit_document, new_document, parse_bytes, read_if_there
from scrutui.store.workspace import (
    NOT_RECORDS,
    TRACKER_FILE,
    NotFound,
    TrackerState,
    WorkspaceError,
    check_record_id,
    parse_record,
    parse_tracker,
    stamp,
)


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
        # Read first, then check what was read: an editor's write landing after the checks
        # but before this read would otherwise be the base of the edit, and undone by it.
        before = read_if_there(file)
        _refuse_changed_on_disk(state, tracker, old, file, before)
        refuse_outside(repo, [path])
        content = raw if raw is not None and new_data is not None else None
        content = content or _content(before, path, old, new_data)
        text = message(subject, body, state.name)
        sha = write_and_commit(repo, {path: content}, text, identity, expected={path: before})
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
    before: bytes | None, path: str, old: Record | None, new_data: dict[str, Any] | None
) -> bytes | None:
    """The record's new file (None: deleted): an edit of the file on disk (`before`), which
    keeps its comments and layout, or a new document."""
    if new_data is None:
        return None
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
        expected: dict[str, bytes | None] = dict.fromkeys(paths)
        for old, new in updated:
            path = f"{state.name}/{check_record_id(old.id)}.toml"
            file = repo.root / path
            before = read_if_there(file)
            _refuse_changed_on_disk(state, tracker, old, file, before)
            expected[path] = before
            contents[path] = _content(before, path, old, new.to_data())
        refuse_outside(repo, list(contents))
        for name, text in (files or {}).items():
            if name not in NOT_RECORDS or name == TRACKER_FILE:
                raise WorkspaceError(f"{name} is not a file an import may write")
            contents[f"{state.name}/{name}"] = text.encode()
        if settings is not None:
            contents[f"{state.name}/{TRACKER_FILE}"] = settings.encode()
        text = message(subject, body, state.name)
        sha = write_and_commit(repo, contents, text, identity, expected=expected)
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
    """Revert one change as a new commit (history is never rewritten). The commit names
    exactly the reverted paths: nothing else staged goes with it. The workspace's first
    commit is refused: undoing it would delete every record."""
    if repo.head() is None:
        raise WorkspaceError("there is nothing to undo: the workspace has no commits yet")
    try:
        sha = repo.run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
    except GitError:
        raise WorkspaceError(
            f"no change {rev!r} to undo: give a commit id from `scrutui history` or "
            "`git log`, or nothing for the last change"
        ) from None
    subject = repo.run("log", "-1", "--format=%s", sha)
    if not repo.run("rev-list", "--parents", "-n", "1", sha).split()[1:]:
        raise WorkspaceError(
            f"{sha[:7]} ({subject}) is the workspace's first commit: undoing it would delete "
            "every record and tracker, so it is refused; nothing was changed. Delete records "
            "one by one with `scrutui delete`"
        )
    paths = repo.run(
        "diff-tree", "--no-commit-id", "--name-only", "-r", "-m", "--first-parent", sha
    ).splitlines()
    identity = author()
    record_id = subject.split(":", 1)[0] if ":" in subject else ""
    title = f"{record_id}: undo of {sha[:7]}" if record_id else f"Undo of {sha[:7]}"
    with writing(repo):
        refuse_detached(repo)
        refuse_outside(repo, paths)
        # The revert made as a three-way merge per file, in memory (C the base, HEAD mine,
        # C's parent theirs): nothing on disk moves until it is known to be clean, and then
        # it is written and committed like any save, journalled against a kill.
        contents = _reverted(repo, sha, paths)
        if contents is None:
            raise WorkspaceError(
                f"{sha[:7]} cannot be undone cleanly: later changes to the same record are "
                "in the way; nothing was changed. Change the record back with "
                "`scrutui set` or `scrutui restore --rev` instead"
            )
        expected = {path: read_if_there(repo.root / path) for path in paths}
        text = message(title, [f'This reverts commit {sha[:7]}, "{subject}".'], "")
        new_sha = write_and_commit(repo, contents, text, identity, expected=expected)
    return Saved(new_sha, title, tuple(paths))


def _reverted(repo: GitRepo, sha: str, paths: list[str]) -> dict[str, bytes | None] | None:
    """Each path as it is with commit `sha` reverted on HEAD, or None if that conflicts."""
    blobs = repo.cat_files([*(f"{sha}:{p}" for p in paths), *(f"{sha}^:{p}" for p in paths)])
    heads = repo.cat_files(f"HEAD:{p}" for p in paths)
    out: dict[str, bytes | None] = {}
    for n, path in enumerate(paths):
        base, theirs, mine = blobs[n], blobs[len(paths) + n], heads[n]
        if mine == base:
            out[path] = theirs
        elif mine == theirs:
            out[path] = mine
        elif None in (base, mine, theirs):
            return None
        else:
            merged = _merge_file(mine or b"", base or b"", theirs or b"")
            if merged is None:
                return None
            out[path] = merged
    return out


def _merge_file(mine: bytes, base: bytes, theirs: bytes) -> bytes | None:
    """git's own line merge of three versions of a file; None if they conflict."""
    with tempfile.TemporaryDirectory() as temp:
        names = []
        for name, data in (("mine", mine), ("base", base), ("theirs", theirs)):
            (Path(temp) / name).write_bytes(data)
            names.append(str(Path(temp) / name))
        done = subprocess.run(["git", "merge-file", "-p", *names], capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def _refuse_changed_on_disk(
    state: TrackerState, tracker: Tracker, old: Record | None, file: Path, before: bytes | None
) -> None:
    """Refuse to save over a record changed on disk since it was loaded (by an editor, a
    pull, or another scrutui): the officer sees both versions instead. `before` is the file
    as just read, the base the save edits: it is parsed and compared with the version loaded,
    never judged by its stat (a file written in the same clock tick, with the same size, on a
    reused inode, has the stat of the one it replaced)."""
    if old is None:
        if before is not None or file.exists():
            raise ChangedOnDisk(f"{file.name} already exists on disk", None, None)
        return
    shown_as = f"{file.parent.name}/{file.name}"
    theirs = parse_record(before, shown_as, file.stem, tracker)[0] if before else None
    if theirs != old:
        # What the next reload would find, kept now: a reload goes by the files' stat, which
        # may not have moved (see above), and would then offer the old version again.
        if theirs is not None:
            state.records[old.id], state.stamps[old.id] = theirs, stamp(file)
        elif before is None:
            state.records.pop(old.id, None)
            state.stamps.pop(old.id, None)
        what = "changed on disk" if before is not None else "deleted on disk"
        raise ChangedOnDisk(
            f"{old.id} was {what} since it was loaded (another editor, a pull, or another "
            "scrutui): nothing was saved. Reload to see their version, then make your "
            "change again.",
            old,
            theirs,
        )
