"""The one service object: every change to a workspace, each ending in exactly one commit.

The command line and the Textual app change records only through `Service`, which hands the
work to modules of their own: `saving` (the one way records are written), `journal`,
`record_rules` (by kind), `outside`, `history`, `recovery`, `hooks` and `sync`. Opening a
workspace changes nothing: `recover` is an explicit step of write commands and the app's start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from scrutui.domain.commits import FileChange
from scrutui.domain.edit import parse_value
from scrutui.domain.records import Record
from scrutui.store import history as past
from scrutui.store import hooks, journal, outside, record_rules, recovery, saving, sync
from scrutui.store.cache import RecordCache
from scrutui.store.config import Config, load_config, resolve_identity
from scrutui.store.git import GitError, Identity
from scrutui.store.journal import TRAILER, ChangedOnDisk, Saved, message
from scrutui.store.outside import OutsideChanges
from scrutui.store.recovery import Recovered
from scrutui.store.saving import tracker_of
from scrutui.store.tomlfile import Problem
from scrutui.store.workspace import (
    TRACKER_FILE,
    NotFound,
    TrackerState,
    WorkspaceError,
    WorkspaceState,
    check_record_id,
    check_tracker_name,
    ids_on_disk,
    load_tracker,
    load_workspace,
    open_repo,
    parse_record,
    used_ids,
)

__all__ = ["TRAILER", "ChangedOnDisk", "OutsideChanges", "Recovered", "Saved", "Service", "message"]


class Service:
    """Reads and changes one workspace. Opening it reads nothing and repairs nothing."""

    def __init__(
        self, root: Path, config: Config | None = None, today: Callable[[], date] = date.today
    ) -> None:
        self.root = root.resolve()
        self.repo = open_repo(self.root)
        self.config = config if config is not None else load_config()
        self.today = today
        self._state: WorkspaceState | None = None
        self._caches: list[RecordCache] = []

    def recover(self) -> Recovered:
        """Finish what a killed scrutui or git left half done (see `recovery`), under the
        write lock; if another scrutui is writing, nothing is touched."""
        done = recovery.recover(self.repo)
        if done:
            self._state = None
        return done

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

    def set_fields(
        self, ref: str, values: Mapping[str, Any], opened: Record | None = None
    ) -> Saved:
        """Set fields to typed values (dates as dates, names as tuples).

        `opened` is the record as a form showed it when it was opened: a field set here that
        changed since (a pull, the CLI, an editor, picked up by the app meanwhile) is not
        overwritten; ChangedOnDisk shows yours and theirs to choose from. Other fields that
        changed since are kept as they are now."""
        state, record = self.find(ref)
        if opened is not None:
            clashes = [
                name
                for name, value in values.items()
                if record.get(name) != opened.get(name) and record.get(name) != value
            ]
            if clashes:
                raise ChangedOnDisk(
                    f"{record.id}: {', '.join(clashes)} changed since you opened the form "
                    "(a sync, the command line or an editor): nothing was saved. Choose "
                    "yours or theirs for each.",
                    record_rules.with_fields(record, values),
                    record,
                    choice=True,
                )
        return self._save(state, record, record_rules.with_fields(record, values))

    def set_typed(self, ref: str, typed: Mapping[str, str]) -> Saved:
        """Set fields from text as an officer types it ("11/04/24", "A; B", "yes")."""
        _, record = self.find(ref)
        return self.set_fields(ref, {k: parse_value(record.spec, k, v) for k, v in typed.items()})

    def change_status(
        self, ref: str, code: str, update: str | None = None, on: date | None = None
    ) -> Saved:
        """A new status (a review: last reviewed becomes today), with an update if given."""
        state, record = self.find(ref)
        on = on or self.today()
        new = record_rules.with_status(record, tracker_of(state), code, on)
        if update:
            new = record_rules.with_update(new, update, on)
        return self._save(state, record, new)

    def add_update(self, ref: str, text: str, on: date | None = None) -> Saved:
        """A dated update (peer-challenge actions: the update column is rewritten)."""
        state, record = self.find(ref)
        return self._save(state, record, record_rules.with_update(record, text, on or self.today()))

    def mark_complete(self, ref: str, update: str | None = None, on: date | None = None) -> Saved:
        state, record = self.find(ref)
        scheme = tracker_of(state).scheme
        if scheme.is_complete(record.status):
            raise WorkspaceError(f"{record.id} is already complete (status {record.status})")
        code = scheme.first_complete
        if code is None:
            raise WorkspaceError(f"the {state.name} status scheme has no status meaning complete")
        return self.change_status(ref, code, update, on)

    def archive(self, ref: str) -> Saved:
        return self._archived(ref, True)

    def unarchive(self, ref: str) -> Saved:
        return self._archived(ref, False)

    def delete(self, ref: str) -> Saved:
        """Remove the record's file; its history stays, and `restore` brings it back."""
        state, record = self.find(ref)
        return self._save(state, record, None)

    def new_record(self, tracker: str, kind: str, values: Mapping[str, Any]) -> Saved:
        """A new record with the next id never used in the tracker."""
        state = self.state.tracker(tracker)
        with recovery.writing(self.repo):  # the id is chosen holding the lock it is saved in
            used = used_ids(self.repo, state) | ids_on_disk(state.path)
            record = record_rules.draft(state.name, tracker_of(state), kind, values, used)
            return self._save(state, None, record)

    def add_records(
        self,
        tracker: str,
        proposals: Sequence[tuple[str, Mapping[str, Any]]],
        subject: str,
        updates: Sequence[tuple[str, str, date, bool]] = (),
        *,
        files: Mapping[str, str] | None = None,
        settings: str | None = None,
    ) -> Saved:
        """Several new records (an import) as one commit; all validate first, or none is
        written. `proposals` are (kind, values); each gets the next free id of its kind.
        `updates` (an action log's) are (record id, text, date, complete): a dated update
        added to each record, and its status made complete where `complete` is true.
        `files` (by name in the tracker folder: an import's rules) go in the same commit, and
        `settings` (the tracker.toml with a status added) too, the records checked against it."""
        state = self.state.tracker(tracker)
        current = tracker_of(state)
        with recovery.writing(self.repo):  # the ids are chosen holding the lock they are saved in
            used = used_ids(self.repo, state) | ids_on_disk(state.path)
            records = [record_rules.draft(state.name, current, *p, used) for p in proposals]
            changed: list[tuple[Record, Record]] = []
            for record_id, text, on, complete in updates:
                old = state.records.get(record_id)
                if old is None:
                    raise WorkspaceError(f"{tracker}/{record_id} is not in the tracker any more")
                new = record_rules.with_update(old, text, on)
                code = current.scheme.first_complete
                if complete and code and not current.scheme.is_complete(old.status):
                    new = record_rules.with_status(new, current, code, on)
                changed.append((old, new))
            return saving.save_new_records(
                self.repo,
                state,
                records,
                subject,
                self.author,
                changed=changed,
                files=files,
                settings=settings,
            )

    def restore(self, ref: str, rev: str | None = None) -> Saved:
        """Bring back a record: as it was at `rev`; or, without one, out of the archive, or
        (if it was deleted) as it was just before it was deleted. Always a new commit."""
        path, live = self._path_in_history(ref)
        if rev is None and live and live[1].archived:
            return self.unarchive(ref)
        raw, label = past.version_to_restore(self.repo, path, rev, live is not None)
        on_disk = self.root / path
        if live and raw is not None and on_disk.is_file() and on_disk.read_bytes() == raw:
            name = path.rsplit("/", 1)[-1].removesuffix(".toml")
            raise WorkspaceError(f"{name} is already as it was then: there is nothing to restore")
        state = self.state.tracker(path.split("/")[0])
        old = live[1] if live else None
        return saving.restore_record(self.repo, state, old, path, raw, label, self.author)

    def undo(self, rev: str = "HEAD") -> Saved:
        """Revert one change as a new commit (history is never rewritten)."""
        saved = saving.undo_commit(self.repo, rev, self.author)
        self.reload()
        return saved

    # Reading the past ------------------------------------------------------------------------

    def history(self, ref: str) -> list[FileChange]:
        """The record's commits, newest first, each with its field-by-field changes."""
        return past.record_history(self.repo, self._path_in_history(ref)[0])

    def record_at(self, ref: str, rev: str) -> Record | None:
        """The record as it stood at commit `rev` (even if it is deleted now), or None."""
        path = self._path_in_history(ref)[0]
        if (raw := self.repo.show(rev, path)) is None:
            return None
        tracker, record_id = path.removesuffix(".toml").split("/")
        return parse_record(raw, record_id, record_id, tracker_of(self.state.tracker(tracker)))[0]

    def as_of(self, day: date, tracker: str | None = None) -> WorkspaceState:
        """The workspace (or one tracker) as it stood at the end of `day`, from git."""
        sha = past.commit_on(self.repo, day)
        if sha is None:
            return WorkspaceState(self.root, {})
        return past.state_at(self.repo, sha, check_tracker_name(tracker) if tracker else None)

    def changes_since(self, tracker: str, since: date) -> list[FileChange]:
        return past.changes_since(self.repo, check_tracker_name(tracker), since)

    # Changes made outside scrutui ------------------------------------------------------------

    def outside(self) -> OutsideChanges:
        """Every file that differs from the last commit, validated, with its field changes."""
        return outside.find_outside(self.repo, self.state)

    def commit_outside(self, note: str | None = None) -> Saved | None:
        """Commit the valid outside changes as one commit that says where they came from.

        What is outside is judged holding the write lock: a save that raced an editor may
        have its commit in place for an instant before it is taken back (see
        `journal.write_and_commit`), and an editor's write judged against it would look
        committed, and then be lost to the editor's next write."""
        identity = self.author()
        with recovery.writing(self.repo):
            report = self.outside()
            if not report.valid:
                return None
            saved = outside.commit_outside(self.repo, report, identity, note)
        self.reload()
        return saved

    def pending_save(self) -> dict[str, Any] | None:
        """The save a killed scrutui left between writing its files and committing them."""
        return journal.pending_save(self.repo)

    # Sharing through a remote; scrutui's git hook --------------------------------------------

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
        with recovery.writing(self.repo, timeout=60):
            report = sync.Sync(self.repo, identity, progress, interactive=interactive).run(
                resolutions
            )
        if not report.conflicts:
            self.reload()
            self.index_history()
        return report

    def index_history(self) -> bool:
        """Keep git's index of which commits touched which files current (fast history)."""
        try:
            return self.repo.index_history()
        except GitError:
            return False  # only speed is lost

    def install_hook(self) -> Path:
        """A pre-commit hook that refuses a hand commit of a record that does not validate."""
        return hooks.install_hook(self.repo)

    def staged_problems(self) -> list[Problem]:
        """Problems in the staged versions of record files (what a commit would record)."""
        return hooks.staged_problems(self.repo)

    def _save(
        self,
        state: TrackerState,
        old: Record | None,
        new: Record | None,
        *,
        raw: bytes | None = None,
        subject: str | None = None,
    ) -> Saved:
        return saving.save_record(self.repo, state, old, new, self.author, raw=raw, subject=subject)

    def _archived(self, ref: str, archived: bool) -> Saved:
        state, record = self.find(ref)
        if record.archived == archived:
            raise WorkspaceError(f"{record.id} is {'already' if archived else 'not'} archived")
        return self._save(state, record, replace(record, archived=archived))

    def _path_in_history(self, ref: str) -> tuple[str, tuple[TrackerState, Record] | None]:
        """The path of a record live now or once (then `TRACKER/` may be left out), and the
        record if it is live."""
        tracker_name, _, record_id = ref.rpartition("/")
        check_record_id(record_id)
        try:
            live: tuple[TrackerState, Record] | None = self.find(ref)
        except NotFound:
            live = None
        name = live[0].name if live else past.tracker_in_history(self.repo, tracker_name, record_id)
        return self.path_of(name, record_id), live
