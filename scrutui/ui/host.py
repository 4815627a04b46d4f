"""The workspace host: the service, worked on in threads, published to the screens as snapshots.

One writer at a time: every change (a load, a save, a re-read, a sync) is queued and run in
order by a single thread worker (`ui.writer`), which publishes a fresh `Snapshot` after each.
Reads (history, a paper) run in threads of their own and wait, in their thread, for the
change under way. The event loop never waits on any of it: it queues work, and workers
answer with messages (`post_message`, `call_later`), safe from any thread and never blocking.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from textual.app import App

from scrutui.domain.validation import Invalid
from scrutui.importers.proposal import ImportProblem
from scrutui.store.config import (
    Config,
    ConfigError,
    IdentityMissing,
    load_config,
    set_config_value,
)
from scrutui.store.git import GitError
from scrutui.store.lock import Busy
from scrutui.store.overview_cache import read_counts, write_counts
from scrutui.store.service import ChangedOnDisk, Saved, Service
from scrutui.store.sync import SyncError
from scrutui.store.tomlfile import FileError
from scrutui.store.watch import DiskWatch
from scrutui.store.workspace import WorkspaceError
from scrutui.ui.messages import LoadProgress, SnapshotPublished, WorkspaceLoaded
from scrutui.ui.snapshot import Snapshot
from scrutui.ui.writer import Writer

T = TypeVar("T")
#: What can go wrong in work an officer asked for; each is shown, none is fatal.
EXPECTED = (
    Invalid,
    WorkspaceError,
    GitError,
    Busy,
    FileError,
    ConfigError,
    OSError,
    ImportProblem,
    SyncError,
)


#: How the service's messages name a command, and what the officer does in the app instead.
IN_THE_APP = (
    ("`scrutui commit-outside`, or o in the app", "press x on the overview"),
    ("`scrutui commit-outside`", "the outside changes (x on the overview)"),
    ("scrutui commit-outside", "the outside changes, x on the overview"),
)


def for_the_app(text: str) -> str:
    """A message from the service as the app says it: keys to press, not commands to type."""
    for command, key in IN_THE_APP:
        text = text.replace(command, key)
    return text


@runtime_checkable
class Host(Protocol):
    """What a screen may ask of the app: the workspace as last published, and work in threads.

    A screen draws from `snapshot` (never from the service), and hands the service work as
    functions that run in a worker thread; their results come back to `done` on the event loop.
    """

    @property
    def snapshot(self) -> Snapshot | None:
        """The workspace as the workers last published it (None until it has loaded)."""

    def today(self) -> date: ...

    def change(
        self,
        what: Callable[[Service], Saved | None],
        done: Callable[[Saved], None] | None = None,
    ) -> None: ...

    def run(
        self,
        what: Callable[[Service], T],
        done: Callable[[T], None],
        *,
        failed: str = "Not saved",
        ended: Callable[[], None] | None = None,
        rewrites: bool = False,
    ) -> None: ...

    def read(
        self,
        what: Callable[[Service], T],
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
    ) -> None: ...


class WorkspaceHost:
    """The one owner of the `Service` (see the module's docstring for who may touch what)."""

    def __init__(
        self,
        app: App[Any],
        root: Path,
        config: Config,
        today: Callable[[], date],
        watch_every: float,
    ) -> None:
        self.app = app
        self.root = root
        self.config = config
        self.watch_every = watch_every
        self._today = today
        #: Set once by the load; then used only by worker threads.
        self.service: Service | None = None
        #: The latest snapshot shown; set on the event loop only (by `accept`).
        self.snapshot: Snapshot | None = None
        self._writer = Writer(app)  # every change, in order
        self._submit = self._writer.submit
        self._rewriting = False  # set by the writer: whether its job may rewrite any file
        self._generation = 0  # the writer's count of snapshots published
        self._preview_drawn = threading.Event()  # set once the kept counts are on screen
        self._disk = DiskWatch()  # the file watcher's bounded looks (see `store.watch`)

    def today(self) -> date:
        return self._today()

    def _publish(
        self,
        paths: tuple[str, ...] = (),
        saved: Saved | None = None,
        reread: bool = False,
        *,
        with_sync: bool = True,
    ) -> None:
        """The workspace as the writer left it, to the app (in the writer's thread); without
        where it stands with its remote if not `with_sync` (the first, drawn before git runs)."""
        service = self.service
        if service is None:
            return
        try:
            sync = service.sync_status() if with_sync else None
        except (GitError, OSError):
            sync = None
        self._generation += 1
        snapshot = Snapshot.of(service.state, sync, self._generation).summarised(self.today())
        self.app.post_message(SnapshotPublished(snapshot, paths, saved, reread))

    def accept(self, snapshot: Snapshot) -> bool:
        """Keep `snapshot` as the latest (on the event loop), unless it was made by the file
        watcher from one that a worker has replaced since."""
        current = self.snapshot
        if snapshot.based_on is not None and (
            current is None or current.generation != snapshot.based_on
        ):
            return False
        self.snapshot = snapshot
        if snapshot.preview:  # the screens draw it now; the records are read after that frame
            self.app.call_after_refresh(self._preview_drawn.set)
        return True

    # Loading ----------------------------------------------------------------------------------

    def load(self) -> None:
        """Open the workspace (the first job of the writer). The overview is drawn at once
        from the counts it showed last time, if they were kept today; else it shows the
        load's progress."""
        today = self.today()
        counts = read_counts(self.root, today)
        if counts:
            self.app.post_message(SnapshotPublished(Snapshot.from_counts(self.root, counts, today)))
        else:
            self._preview_drawn.set()
        self._submit(self._load)

    def keep_counts(self) -> None:
        """Keep the overview's counts for the next start (see `store.overview_cache`)."""
        snapshot = self.snapshot
        if snapshot is not None and not snapshot.preview:
            today = self.today()
            write_counts(self.root, today, snapshot.counts(today))

    def _load(self) -> None:
        # The records once the overview drawn from the kept counts is on screen (see `load`):
        # read meanwhile, they would take the event loop's turns (the GIL) while it draws.
        self._preview_drawn.wait(2)

        def progress(done: int, total: int) -> None:
            self.app.post_message(LoadProgress(done, total))

        try:
            service = Service(self.root, self.config, today=self._today)
            recovered = (
                service.recover()
            )  # what a killed scrutui left; skipped while another writes
            service.reload_with_progress(progress)
        except EXPECTED as error:
            self.app.post_message(WorkspaceLoaded(str(error)))
            return
        self.service = service
        # What was loaded lives as long as the workspace: out of the collector's reach, so its
        # full collections (during keystrokes, at 10,000 records 50 ms and more) do not walk
        # every record again. The app thaws it on exit (see ScrutuiApp.on_unmount).
        gc.freeze()
        # The overview is drawn from the files alone: where the workspace stands with its
        # remote (git processes, and GitPython's import) follows once it is drawn.
        self._publish(with_sync=False)
        self.app.post_message(WorkspaceLoaded())
        for line in recovered.said():  # the CLI says the same at the start of a command
            self._notify(f"{line}.", title="Finished on start", timeout=15)

    def after_load(self) -> None:
        """Once the overview is drawn: where the workspace stands with its remote, what
        changed outside or was left unsaved, then the record caches and git's history index,
        which only make later work faster."""
        self._submit(self._publish)
        self.app.run_worker(
            self._after_load, thread=True, group="after-load", description="after the load"
        )

    def _after_load(self) -> None:
        service = self.service
        if service is None:
            return
        try:
            with self._writer.turn:
                outside = service.outside()
                pending = service.pending_save()
        except EXPECTED as error:
            self._notify(str(error), severity="error", timeout=10)
            return
        finally:
            service.save_caches()  # the caches hold their own copies
            self.keep_counts()
            service.index_history()  # safe beside other changes (see Service.index_history)
        if pending:
            subject = str(pending["message"]).split("\n")[0]
            self._notify(
                f"The save '{subject}' was interrupted before its commit: press x on the "
                "overview to commit it.",
                title="An unfinished save",
                timeout=15,
            )
        elif outside:
            count = len(outside.valid) + len(outside.invalid)
            self._notify(
                f"{count} files changed outside scrutui: press x on the overview to review them.",
                title="Changes made outside scrutui",
                timeout=10,
            )

    # Work for the screens ---------------------------------------------------------------------

    def change(
        self,
        what: Callable[[Service], Saved | None],
        done: Callable[[Saved], None] | None = None,
    ) -> None:
        """Make one change through the service; say which commit it made."""

        def saved(result: Saved | None) -> None:
            if result is None:
                self.app.notify("Nothing to save.", severity="warning")
                return
            self.app.notify(f"{result.short}: {result.subject}", title="Saved", markup=False)
            if done:
                done(result)

        self.run(what, saved)

    def run(
        self,
        what: Callable[[Service], T],
        done: Callable[[T], None],
        *,
        failed: str = "Not saved",
        ended: Callable[[], None] | None = None,
        rewrites: bool = False,
    ) -> None:
        """Queue `what` for the writer; `done` gets its result, `ended` is told either way.
        A problem is shown under the title `failed`; a missing identity is asked for first.
        `rewrites`: it may rewrite any file (a sync), so the file watcher waits for it."""

        def job() -> None:
            self._rewriting = rewrites
            try:
                self._change(what, done, failed, ended, rewrites)
            finally:
                self._rewriting = False
                if ended:
                    self.app.call_later(ended)

        self._submit(job)

    def _change(
        self,
        what: Callable[[Service], T],
        done: Callable[[T], None],
        failed: str,
        ended: Callable[[], None] | None,
        rewrites: bool,
    ) -> None:
        service = self.service
        if service is None:
            return
        try:
            result = what(service)
        except IdentityMissing:
            retry = partial(self.run, what, done, failed=failed, ended=ended, rewrites=rewrites)
            self.app.call_later(self._ask_identity, retry)
            return
        except ChangedOnDisk as error:
            self.app.call_later(self._show_conflict, error)
            return
        except EXPECTED as error:
            self._notify(str(error), title=failed, severity="error", timeout=12)
            return
        saved = result if isinstance(result, Saved) else None
        self._publish(saved.paths if saved else (), saved)
        self.app.call_later(done, result)

    def read(
        self,
        what: Callable[[Service], T],
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Read through the service in a thread (history, a paper); `done` gets the result,
        or `failed` the problem (else it is shown as a message)."""
        read = partial(self._read, what, done, failed)
        self.app.run_worker(read, thread=True, group="read", description="a read")

    def _read(
        self,
        what: Callable[[Service], T],
        done: Callable[[T], None],
        failed: Callable[[str], None] | None,
    ) -> None:
        service = self.service
        if service is None:
            return
        try:
            with self._writer.turn:  # waits here, in its thread, for the change under way
                result = what(service)
        except Exception as error:  # a file that cannot be read must not end the app
            problem = (
                str(error) if isinstance(error, EXPECTED) else f"{type(error).__name__}: {error}"
            )
            if failed is not None:
                self.app.call_later(failed, problem)
            else:
                self._notify(problem, title="Could not read", severity="error", timeout=12)
            return
        self.app.call_later(done, result)

    def _notify(self, text: str, **options: Any) -> None:
        """`App.notify` from a worker, as a message to the event loop, in the app's words."""
        options.setdefault("markup", False)
        self.app.call_later(partial(self.app.notify, for_the_app(text), **options))

    def _ask_identity(self, retry: Callable[[], None]) -> None:
        """Ask who the officer is (once, kept in the settings), then try again."""
        from scrutui.ui.dialogs import IdentityDialog

        def remember(identity: tuple[str, str] | None) -> None:
            if identity is not None:
                self._submit(partial(self._set_identity, *identity))
                retry()

        self.app.push_screen(IdentityDialog(), remember)

    def _set_identity(self, name: str, email: str) -> None:
        try:
            set_config_value(self.config.path, ("officer", "name"), name)
            set_config_value(self.config.path, ("officer", "email"), email)
            self.config = load_config(self.config.path)
        except EXPECTED as error:
            self._notify(str(error), title="Not remembered", severity="error", timeout=12)
            return
        if self.service is not None:
            self.service.config = self.config

    def remember(self, keys: tuple[str, ...], value: Any) -> None:
        """Keep one setting (the theme) in the settings file, in the writer's turn."""
        self._submit(partial(self._remember, keys, value))

    def _remember(self, keys: tuple[str, ...], value: Any) -> None:
        try:
            set_config_value(self.config.path, keys, value)
            self.config = load_config(self.config.path)
        except (*EXPECTED, ValueError) as error:
            self._notify(str(error), title="Setting not kept", severity="error", timeout=12)
            return
        if self.service is not None:
            self.service.config = self.config

    def _show_conflict(self, error: ChangedOnDisk) -> None:
        from scrutui.ui.dialogs import ConflictDialog

        mine, theirs = error.mine, error.theirs
        choose = error.choice and mine is not None and theirs is not None

        def chosen(answer: str | None) -> None:
            if answer == "mine" and mine is not None and theirs is not None:
                fields = {
                    f.name: mine.get(f.name)
                    for f in mine.spec.fields
                    if mine.get(f.name) != theirs.get(f.name)
                }
                self.change(lambda s: s.set_fields(mine.id, fields, theirs))

        self.app.push_screen(ConflictDialog(error, choose=choose), chosen)
        self.watch()

    # Files changed on disk --------------------------------------------------------------------

    def watch(self) -> None:
        """Look for files changed on disk (an editor, a pull); on a timer, on the event loop."""
        if self.snapshot is not None:
            busy = self._writer.busy and not self._rewriting
            look = partial(self._look, self.snapshot, busy)
            # A description, always: without one Textual takes the worker's repr, and the
            # partial's holds the snapshot's, every record (200 ms a look at 10,000 records).
            self.app.run_worker(
                look, thread=True, exclusive=True, group="watch", description="the file watcher"
            )

    def _look(self, snapshot: Snapshot, busy: bool) -> None:
        """Compare the files with `snapshot` (a bounded look: see `store.watch`), and have
        the writer read the changed ones again.

        If the writer is busy (a save held up by a slow hook, a sync on a slow network), the
        files are also read into a copy of the snapshot's state and shown at once, until the
        writer is free.
        """
        try:
            if not self._disk.changed(snapshot.root, snapshot.trackers):
                return
            if busy:
                state = snapshot.thaw()
                if state.refresh():
                    seen = Snapshot.of(state, snapshot.sync, snapshot.generation)
                    seen = replace(seen.summarised(self.today()), based_on=snapshot.generation)
                    self.app.post_message(SnapshotPublished(seen))
        except (OSError, WorkspaceError):
            pass  # a folder went meanwhile: the writer looks properly
        self.app.call_later(self._submit, self._reread)

    def _reread(self) -> None:
        service = self.service
        if service is None:
            return
        try:
            changed = service.state.refresh()
        except EXPECTED as error:
            self._notify(str(error), title="Could not read the files", severity="error")
            return
        if changed:
            self._publish(tuple(changed), reread=True)
