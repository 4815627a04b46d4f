"""The one service object: every change to a workspace, each ending in exactly one commit.

The command line and the Textual app both change records only through `Service`. Each
operation validates the new record, writes its file atomically, and commits only the files it
touched, with a message that names the record and lists each field's old and new value.
"""

from __future__ import annotations

import json
import stat
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import scrutui
from scrutui.domain.changes import FieldChange, describe, describe_new, diff_data, summarise
from scrutui.domain.edit import parse_value
from scrutui.domain.records import KINDS, Answer, Record, Update, new_id
from scrutui.domain.validation import Invalid, Issue, validate_record
from scrutui.store import history as past
from scrutui.store import sync
from scrutui.store.cache import RecordCache
from scrutui.store.config import Config, load_config, resolve_identity
from scrutui.store.git import GitError, Identity
from scrutui.store.lock import write_lock
from scrutui.store.tomlfile import (
    Problem,
    atomic_write,
    data_or_none,
    edit_document,
    new_document,
    parse_bytes,
)
from scrutui.store.workspace import (
    NOT_RECORDS,
    TRACKER_FILE,
    NotFound,
    TrackerState,
    WorkspaceError,
    WorkspaceState,
    check_record_id,
    check_tracker_name,
    load_record,
    load_tracker,
    load_workspace,
    open_repo,
    parse_record,
    parse_tracker,
    stamp,
    used_ids,
)

TRAILER = f"Changed-With: scrutui {scrutui.__version__}"


class ChangedOnDisk(WorkspaceError):
    """The record's file changed since it was loaded; saving would overwrite someone's edit."""

    def __init__(self, message: str, mine: Record | None, theirs: Record | None) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


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


@dataclass
class OutsideChanges:
    """Files that differ from the last commit because something other than scrutui changed
    them: the valid ones with their field changes, and the ones that do not validate."""

    valid: list[tuple[str, list[FieldChange]]] = field(default_factory=list)
    invalid: list[Problem] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.valid or self.invalid)


def message(subject: str, body: Iterable[str], tracker: str) -> str:
    lines = list(body)
    text = subject + "\n\n" + ("\n".join(lines) + "\n\n" if lines else "")
    return text + f"Tracker: {tracker}\n{TRAILER}\n" if tracker else text + TRAILER + "\n"


class Service:
    """Reads and changes one workspace."""

    def __init__(
        self, root: Path, config: Config | None = None, today: Callable[[], date] = date.today
    ) -> None:
        self.root = root.resolve()
        self.repo = open_repo(self.root)
        self.config = config if config is not None else load_config()
        self.today = today
        self._state: WorkspaceState | None = None
        self._caches: list[RecordCache] = []
        # What a killed scrutui or git left half done: a stale index.lock, a sync's files
        self.recovered = self.repo.recover_index_lock() | sync.recover(self.repo)
        _remove_stale_temp_files(self.root)

    # Reading ---------------------------------------------------------------------------------

    @property
    def state(self) -> WorkspaceState:
        if self._state is None:
            self._state = load_workspace(self.root)
        return self._state

    def reload(self, tracker: str | None = None) -> WorkspaceState:
        if tracker and self._state is not None:
            path = self.root / check_tracker_name(tracker)
            if (path / TRACKER_FILE).is_file():
                self._state.trackers[tracker] = load_tracker(path)
            else:
                self._state.trackers.pop(tracker, None)
            return self._state
        self._state = None
        return self.state

    def reload_with_progress(self, progress: Callable[[int, int], None]) -> WorkspaceState:
        """Load the whole workspace again, calling `progress(done, total)` as files are read.
        The record caches are written by `save_caches`, once what was loaded is shown."""
        self._state = load_workspace(self.root, progress, self._caches)
        return self._state

    def save_caches(self) -> None:
        """Write the record caches a load left to write (see `reload_with_progress`)."""
        while self._caches:
            self._caches.pop().save()

    def find(self, ref: str) -> tuple[TrackerState, Record]:
        return self.state.find(ref)

    def author(self) -> Identity:
        return resolve_identity(self.config, self.repo)

    def path_of(self, tracker: str, record_id: str) -> str:
        return f"{check_tracker_name(tracker)}/{check_record_id(record_id)}.toml"

    # Changing one record ---------------------------------------------------------------------

    def set_fields(self, ref: str, values: Mapping[str, Any]) -> Saved:
        """Set fields to typed values (dates as dates, names as tuples)."""
        state, record = self.find(ref)
        unknown = [k for k in values if k not in record.spec.field_names]
        if unknown:
            fields = ", ".join(record.spec.field_names)
            raise Invalid(
                [
                    Issue(
                        (unknown[0],),
                        f"not a field of {record.spec.a_label}",
                        repr(unknown[0]),
                        fields,
                    )
                ]
            )
        return self._save(state, record, replace(record, **values))

    def set_typed(self, ref: str, typed: Mapping[str, str]) -> Saved:
        """Set fields from text as an officer types it ("11/04/24", "A; B", "yes")."""
        _, record = self.find(ref)
        return self.set_fields(ref, {k: parse_value(record.spec, k, v) for k, v in typed.items()})

    def change_status(
        self, ref: str, code: str, update: str | None = None, on: date | None = None
    ) -> Saved:
        """A new status (a review: last reviewed becomes today), with an update if given."""
        state, record = self.find(ref)
        scheme = self._tracker(state).scheme
        if code not in scheme.codes:
            raise Invalid(
                [Issue(("status",), "unknown status code", repr(code), ", ".join(scheme.codes))]
            )
        on = on or self.today()
        new = replace(record, status=code, last_reviewed=on)
        if scheme.is_complete(code):
            new = replace(
                new, completed=record.completed if scheme.is_complete(record.status) else on
            )
        else:
            new = replace(new, completed=None)
        if update:
            new = self._with_update(new, update, on)
        return self._save(state, record, new)

    def add_update(self, ref: str, text: str, on: date | None = None) -> Saved:
        """A dated update (peer-challenge actions: the update column is rewritten)."""
        state, record = self.find(ref)
        if not text.strip():
            raise Invalid([Issue(("updates",), "an update needs some text")])
        return self._save(state, record, self._with_update(record, text, on or self.today()))

    def mark_complete(self, ref: str, update: str | None = None, on: date | None = None) -> Saved:
        state, _ = self.find(ref)
        code = self._tracker(state).scheme.first_complete
        if code is None:
            raise WorkspaceError(f"the {state.name} status scheme has no status meaning complete")
        return self.change_status(ref, code, update, on)

    def archive(self, ref: str) -> Saved:
        state, record = self.find(ref)
        if record.archived:
            raise WorkspaceError(f"{record.id} is already archived")
        return self._save(state, record, replace(record, archived=True))

    def unarchive(self, ref: str) -> Saved:
        state, record = self.find(ref)
        if not record.archived:
            raise WorkspaceError(f"{record.id} is not archived")
        return self._save(state, record, replace(record, archived=False))

    def delete(self, ref: str) -> Saved:
        """Remove the record's file; its history stays, and `restore` brings it back."""
        state, record = self.find(ref)
        return self._save(state, record, None)

    def new_record(self, tracker: str, kind: str, values: Mapping[str, Any]) -> Saved:
        """A new record with the next id never used in the tracker."""
        state = self.state.tracker(tracker)
        record = self._draft(state, kind, values, used_ids(self.repo, state))
        return self._save(state, None, record)

    def add_records(
        self,
        tracker: str,
        proposals: Sequence[tuple[str, Mapping[str, Any]]],
        subject: str,
        *,
        files: Mapping[str, str] | None = None,
    ) -> Saved:
        """Several new records (an import) as one commit; all validate first, or none is
        written. `proposals` are (kind, values); each gets the next free id of its kind.
        `files` (by name in the tracker folder: an import's rules) go in the same commit."""
        state = self.state.tracker(tracker)
        settings = self._tracker(state)
        used = used_ids(self.repo, state)
        records: list[Record] = []
        for kind, values in proposals:
            record = self._draft(state, kind, values, used)
            used.add(record.id)
            checked, issues = validate_record(record.id, record.to_data(), settings)
            if checked is None:
                raise Invalid([replace(i, path=(record.id, *i.path)) for i in issues])
            records.append(checked)
        if not records:
            raise WorkspaceError("nothing to import")
        identity = self.author()
        paths = [self.path_of(tracker, r.id) for r in records]
        body = [f"{r.id}: {r.summary[:100]}" for r in records]
        with write_lock(self.repo.git_dir):
            for path in paths:
                if (self.root / path).exists():
                    raise ChangedOnDisk(f"{path} already exists on disk", None, None)
            contents: dict[str, bytes | None] = {
                path: new_document(r.to_data()).encode()
                for r, path in zip(records, paths, strict=True)
            }
            for name, text in (files or {}).items():
                if name not in NOT_RECORDS or name == TRACKER_FILE:
                    raise WorkspaceError(f"{name} is not a file an import may write")
                contents[f"{tracker}/{name}"] = text.encode()
            sha = self._write_and_commit(contents, message(subject, body, tracker), identity)
        for record, path in zip(records, paths, strict=True):
            state.records[record.id] = record
            state.stamps[record.id] = stamp(self.root / path)
        return Saved(sha, subject, tuple(paths), tracker, records[-1])

    def restore(self, ref: str, rev: str | None = None) -> Saved:
        """Bring back a record: as it was at `rev`; or, without one, out of the archive, or
        (if it was deleted) as it was just before it was deleted. Always a new commit."""
        tracker_name, _, record_id = ref.rpartition("/")
        check_record_id(record_id)
        live = self._find_live(ref)
        if rev is None and live and live[1].archived:
            return self.unarchive(ref)
        tracker = live[0].name if live else self._tracker_in_history(tracker_name, record_id)
        path = self.path_of(tracker, record_id)
        versions = past.record_history(self.repo, path)
        if rev is None:
            if live:
                raise WorkspaceError(
                    f"{record_id} is not archived or deleted; "
                    "say which version to restore with --rev"
                )
            raw = next((v.raw for v in versions if v.raw is not None), None)
            label = "as it was before it was deleted"
        else:
            sha = self.repo.run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
            version = next((v for v in versions if v.commit.sha == sha), None)
            raw = version.raw if version else self.repo.show(sha, path)
            label = f"to its version of {self._commit_day(sha)} ({sha[:7]})"
        if raw is None:
            raise NotFound(f"{record_id} has no version to restore there")
        state = self.state.tracker(tracker)
        record, problems = self._parse(raw, path, record_id, state)
        if record is None:
            raise WorkspaceError(
                "that version does not validate against the tracker as it is "
                "now: " + "; ".join(map(str, problems))
            )
        old = live[1] if live else None
        return self._save(state, old, record, raw=raw, subject=f"{record_id}: restored {label}")

    def undo(self, rev: str = "HEAD") -> Saved:
        """Revert one change as a new commit (history is never rewritten)."""
        sha = self.repo.run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
        subject = self.repo.run("log", "-1", "--format=%s", sha)
        paths = self.repo.run(
            "diff-tree", "--no-commit-id", "--name-only", "-r", "-m", "--first-parent", sha
        ).splitlines()
        identity = self.author()
        with write_lock(self.repo.git_dir):
            self._refuse_detached()
            self._refuse_outside(paths)
            try:
                self.repo.run("revert", "--no-commit", sha, env=identity.env())
            except GitError as error:
                self.repo.run("revert", "--abort")
                raise WorkspaceError(
                    f"{sha[:7]} cannot be undone cleanly: later changes to "
                    f"the same record are in the way ({error})"
                ) from None
            record_id = subject.split(":", 1)[0] if ":" in subject else ""
            title = f"{record_id}: undo" if record_id else "Undo"
            body = [f'This reverts commit {sha[:7]}, "{subject}".']
            text = message(f"{title} of {sha[:7]}", body, "")
            self.repo.run("commit", "--no-verify", "--quiet", "-m", text, env=identity.env())
        new_sha = self.repo.run("rev-parse", "HEAD")
        self.reload()
        return Saved(new_sha, f"{title} of {sha[:7]}", tuple(paths))

    # Reading the past ------------------------------------------------------------------------

    def history(self, ref: str) -> list[past.FileChange]:
        """The record's commits, newest first, each with its field-by-field changes."""
        tracker_name, _, record_id = ref.rpartition("/")
        check_record_id(record_id)
        live = self._find_live(ref)
        tracker = live[0].name if live else self._tracker_in_history(tracker_name, record_id)
        return past.record_history(self.repo, self.path_of(tracker, record_id))

    def record_at(self, ref: str, rev: str) -> Record | None:
        """The record as it stood at commit `rev` (even if it is deleted now), or None."""
        tracker_name, _, record_id = ref.rpartition("/")
        check_record_id(record_id)
        live = self._find_live(ref)
        tracker = live[0].name if live else self._tracker_in_history(tracker_name, record_id)
        raw = self.repo.show(rev, self.path_of(tracker, record_id))
        if raw is None:
            return None
        return self._parse(raw, record_id, record_id, self.state.tracker(tracker))[0]

    def as_of(self, day: date, tracker: str | None = None) -> WorkspaceState:
        """The workspace (or one tracker) as it stood at the end of `day`, from git."""
        sha = past.commit_on(self.repo, day)
        if sha is None:
            return WorkspaceState(self.root, {})
        return past.state_at(self.repo, sha, check_tracker_name(tracker) if tracker else None)

    def changes_since(self, tracker: str, since: date) -> list[past.FileChange]:
        return past.changes_since(self.repo, check_tracker_name(tracker), since)

    # Changes made outside scrutui ------------------------------------------------------------

    def outside(self) -> OutsideChanges:
        """Every file that differs from the last commit, validated, with its field changes."""
        report = OutsideChanges()
        state = self.state
        state.refresh()  # only the files changed since loading are read again
        for _, path in self.repo.changed_paths():
            tracker_name, _, file_name = path.partition("/")
            on_disk = self.root / path
            head = self.repo.show("HEAD", path) if self.repo.head() else None
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

    def commit_outside(self, note: str | None = None) -> Saved | None:
        """Commit the valid outside changes as one commit that says where they came from."""
        report = self.outside()
        if not report.valid:
            return None
        identity = self.author()
        paths = [path for path, _ in report.valid]
        pending = self.pending_save()
        if pending and set(pending["paths"]) == set(paths):
            subject, _, rest = str(pending["message"]).partition("\n")
            text = (
                f"{subject}\n\nSaved on the next start: the save was interrupted before "
                f"its commit.\n{rest}"
            )
            with write_lock(self.repo.git_dir):
                self._refuse_detached()
                sha = self.repo.commit(paths, text, Identity(*pending["author"]))
            self._pending_file().unlink(missing_ok=True)
            self.reload()
            return Saved(sha, subject, tuple(paths))
        ids = [Path(p).stem for p in paths]
        shown = ", ".join(ids[:4]) + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")
        subject = f"{shown}: changed outside scrutui"
        body = [note, ""] if note else []
        for path, changes in report.valid:
            body.append(f"{path}:" if changes else f"{path}: deleted")
            body += [f"  {line}" for line in describe(changes)]
        trackers = sorted({p.split("/")[0] for p in paths})
        with write_lock(self.repo.git_dir):
            self._refuse_detached()
            sha = self.repo.commit(paths, message(subject, body, ", ".join(trackers)), identity)
        self.reload()
        return Saved(sha, subject, tuple(paths))

    # Sharing through a remote -----------------------------------------------------------

    def set_remote(self, url: str) -> None:
        sync.set_remote(self.repo, url)

    def sync_status(self) -> sync.SyncStatus:
        return sync.status(self.repo)

    def sync(
        self,
        resolutions: sync.Resolutions | None = None,
        progress: sync.Progress | None = None,
        *,
        interactive: bool = True,
    ) -> sync.SyncReport:
        """Fetch, replay local changes on the shared ones, push; see `scrutui.store.sync`."""
        identity = self.author()
        with write_lock(self.repo.git_dir, timeout=60):
            report = sync.Sync(self.repo, identity, progress, interactive=interactive).run(
                resolutions
            )
        if not report.conflicts:
            self.reload()
            self.index_history()
        return report

    def index_history(self) -> bool:
        """Keep git's index of which commits touched which files current (history is then
        fast at tens of thousands of commits); safe to run while other changes are made."""
        try:
            return self.repo.index_history()
        except GitError:
            return False  # only speed is lost

    # Hooks -----------------------------------------------------------------------------------

    def install_hook(self) -> Path:
        """A pre-commit hook that refuses a hand commit of a record that does not validate."""
        hook = self.repo.git_dir / "hooks" / "pre-commit"
        hook.parent.mkdir(parents=True, exist_ok=True)
        if hook.exists() and "scrutui" not in hook.read_text(errors="replace"):
            raise WorkspaceError(
                f"{hook} already exists and is not scrutui's; "
                "add `scrutui hooks run pre-commit` to it by hand"
            )
        hook.write_text(
            "#!/bin/sh\n"
            "# Installed by `scrutui hooks install`: refuse to commit a record that does not\n"
            "# validate. Remove this file to stop it.\n"
            f'exec "{sys.executable}" -m scrutui.cli --workspace "$(git rev-parse '
            '--show-toplevel)" hooks run pre-commit\n',
            encoding="utf-8",
        )
        hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return hook

    def staged_problems(self) -> list[Problem]:
        """Problems in the staged versions of record files (what a commit would record)."""
        out = self.repo.run(
            "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", strip=False
        )
        paths = [p for p in out.split("\x00") if p.endswith(".toml") and p.count("/") == 1]
        contents = self.repo.cat_files(f":{p}" for p in paths)
        trackers: dict[str, TrackerState] = {}
        problems: list[Problem] = []
        for path, raw in zip(paths, contents, strict=True):
            name, file_name = path.split("/")
            if name not in trackers:
                settings = self.repo.cat_files([f":{name}/{TRACKER_FILE}"])[0]
                tracker, tracker_problems = parse_tracker(settings or b"", name)
                trackers[name] = TrackerState(
                    name, self.root / name, tracker, problems=tracker_problems
                )
                problems += tracker_problems if file_name == TRACKER_FILE else []
            state = trackers[name]
            if file_name in NOT_RECORDS or state.tracker is None or raw is None:
                continue
            problems += self._parse(raw, path, file_name.removesuffix(".toml"), state)[1]
        return problems

    # The one way a record is written ---------------------------------------------------------

    def _save(
        self,
        state: TrackerState,
        old: Record | None,
        new: Record | None,
        *,
        raw: bytes | None = None,
        subject: str | None = None,
    ) -> Saved:
        tracker = self._tracker(state)
        record_id = (new or old).id  # type: ignore[union-attr]
        path = self.path_of(state.name, record_id)
        file = self.root / path
        new_data = new.to_data() if new else None
        if new is not None:
            checked, issues = validate_record(record_id, new_data or {}, tracker)
            if issues or checked is None:
                raise Invalid(issues)
            new = checked
        changes = diff_data(old.to_data() if old else None, new_data)
        if not changes and raw is None:
            raise WorkspaceError(f"{record_id}: nothing changed")
        identity = self.author()
        if subject is None:
            if old is None:
                subject = f"{record_id}: new {new.spec.label.lower()}"  # type: ignore[union-attr]
            elif new is None:
                subject = f"{record_id}: deleted"
            else:
                subject = f"{record_id}: {summarise(changes)}"
        body = describe_new(new_data) if old is None and new_data else describe(changes)
        if new is None:
            body = [
                "Deleted; the record as it was is in this commit's parent, and "
                f"`scrutui restore {state.name}/{record_id}` brings it back.",
                "",
                *body,
            ]
        with write_lock(self.repo.git_dir):
            self._refuse_changed_on_disk(state, old, file)
            self._refuse_outside([path])
            before = file.read_bytes() if file.exists() else None
            if new_data is None:
                content = None
            elif raw is not None:
                content = raw
            elif before is not None and old is not None:
                current = parse_bytes(before, path)[0]
                content = edit_document(before.decode(), current, new_data).encode()
            else:
                content = new_document(new_data).encode()
            sha = self._write_and_commit(
                {path: content}, message(subject, body, state.name), identity
            )
        if new is None:
            state.records.pop(record_id, None)
            state.stamps.pop(record_id, None)
        else:
            state.records[record_id] = new
            state.stamps[record_id] = stamp(file)
            state.broken.discard(record_id)
        return Saved(sha, subject, (path,), state.name, new)

    def _write_and_commit(
        self, contents: Mapping[str, bytes | None], text: str, identity: Identity
    ) -> str:
        """Write each file atomically (None deletes it) and commit exactly them, once.

        A journal names the save while it is under way: if the process is killed between the
        files and the commit, the next start offers the save for commit with its own message
        (`commit_outside`). If anything fails, every file is put back as it was.
        """
        self._refuse_detached()
        before = {path: _read(self.root / path) for path in contents}
        pending = self._pending_file()
        atomic_write(
            pending,
            json.dumps(
                {
                    "paths": list(contents),
                    "message": text,
                    "author": [identity.name, identity.email],
                }
            ),
        )
        try:
            for path, content in contents.items():
                file = self.root / path
                try:
                    if content is None:
                        file.unlink(missing_ok=True)
                    else:
                        atomic_write(file, content.decode())
                except OSError as error:
                    raise WorkspaceError(
                        f"cannot write {path}: {error.strerror}; nothing was changed"
                    ) from None
            sha = self.repo.commit(list(contents), text, identity)
        except BaseException:
            for path, content in before.items():
                _put_back(self.root / path, content)
            pending.unlink(missing_ok=True)
            raise
        pending.unlink(missing_ok=True)
        return sha

    def _pending_file(self) -> Path:
        folder = self.repo.git_dir / "scrutui"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "pending-save.json"

    def pending_save(self) -> dict[str, Any] | None:
        """The save a killed scrutui left between writing its files and committing them."""
        pending = self._pending_file()
        if not pending.exists():
            return None
        try:
            data: dict[str, Any] = json.loads(pending.read_text())
        except (OSError, ValueError):
            pending.unlink(missing_ok=True)
            return None
        dirty = {p for _, p in self.repo.changed_paths()}
        if not dirty & set(data.get("paths", [])):
            pending.unlink()  # committed after all, or never written: nothing to offer
            return None
        return data

    def _refuse_detached(self) -> None:
        branch, sha = self.repo.head_state()
        if sha is not None and branch is None:
            raise WorkspaceError(
                "HEAD is detached (the workspace is not on a branch), so a change would be on "
                "no branch: `git switch main` (or your branch) first; nothing was changed"
            )

    def _refuse_changed_on_disk(self, state: TrackerState, old: Record | None, file: Path) -> None:
        """Refuse to save over a record changed on disk since it was loaded (by an editor, a
        pull, or another scrutui): the officer sees both versions instead."""
        known = state.stamps.get(old.id) if old else None
        now = stamp(file)
        if old is None:
            if file.exists():
                raise ChangedOnDisk(f"{file.name} already exists on disk", None, None)
            return
        if known == now:
            return
        theirs = load_record(file, self._tracker(state))[0] if file.exists() else None
        if theirs != old:
            what = "changed on disk" if file.exists() else "deleted on disk"
            raise ChangedOnDisk(
                f"{old.id} was {what} since it was loaded (another editor, a pull, or another "
                "scrutui): nothing was saved. Reload to see their version, then make your "
                "change again.",
                old,
                theirs,
            )

    def _refuse_outside(self, paths: list[str]) -> None:
        dirty = self.repo.uncommitted(paths)
        if not dirty:
            return
        pending = self.pending_save()
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

    # Helpers ---------------------------------------------------------------------------------

    def _tracker(self, state: TrackerState) -> Any:
        if state.tracker is None:
            problems = "; ".join(map(str, state.problems[:1]))
            raise WorkspaceError(f"the tracker {state.name} does not load: {problems}")
        return state.tracker

    def _draft(
        self, state: TrackerState, kind: str, values: Mapping[str, Any], used: set[str]
    ) -> Record:
        """A new record of `kind` with the next id not in `used`, and its first status."""
        settings = self._tracker(state)
        if kind not in settings.record_kinds:
            raise Invalid(
                [
                    Issue(
                        ("kind",),
                        f"{state.name} does not hold this kind",
                        repr(kind),
                        ", ".join(settings.record_kinds),
                    )
                ]
            )
        record_id = new_id(
            kind, used, meeting=values.get("meeting"), recommendation=values.get("recommendation")
        )
        values = dict(values)
        if kind == "peer-recommendation" and not values.get("number"):
            values["number"] = int(record_id.rsplit("-", 1)[1])
        if "status" not in values and KINDS[kind].spec("status"):
            values["status"] = settings.scheme.codes[0]
        return Record(id=record_id, kind=kind, **values)

    def _with_update(self, record: Record, text: str, on: date) -> Record:
        if record.kind in ("recommendation", "action"):
            return replace(record, updates=(*record.updates, Update(on, text)), last_reviewed=on)
        if record.kind == "peer-action":
            return replace(record, update=text, last_reviewed=on)
        if record.kind == "engagement":
            return replace(record, answers=(*record.answers, Answer(text)), last_reviewed=on)
        raise WorkspaceError(f"{record.spec.a_label} has no updates")

    def _find_live(self, ref: str) -> tuple[TrackerState, Record] | None:
        try:
            return self.find(ref)
        except NotFound:
            return None

    def _tracker_in_history(self, tracker: str, record_id: str) -> str:
        if tracker:
            return check_tracker_name(tracker)
        out = self.repo.run("log", "--all", "--format=", "--name-only", "--", f"*/{record_id}.toml")
        trackers = sorted({line.split("/")[0] for line in out.splitlines() if line})
        if len(trackers) == 1:
            return trackers[0]
        if not trackers:
            raise NotFound(f"no record {record_id} now or in the history")
        raise WorkspaceError(
            f"{record_id} has been in more than one tracker; say which: "
            + ", ".join(f"{t}/{record_id}" for t in trackers)
        )

    def _parse(
        self, raw: bytes, path: str, record_id: str, state: TrackerState
    ) -> tuple[Record | None, list[Problem]]:
        return parse_record(raw, path, record_id, self._tracker(state))

    def _commit_day(self, sha: str) -> str:
        return self.repo.run("log", "-1", "--format=%ad", "--date=format:%d/%m/%Y", sha)


def _remove_stale_temp_files(root: Path, older_than: float = 60.0) -> None:
    """Delete the temporary files of saves that were killed (a live save's are younger)."""
    now = time.time()
    for temp in root.glob("*/.*.tmp"):
        try:
            if now - temp.stat().st_mtime > older_than:
                temp.unlink()
        except OSError:
            continue


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
