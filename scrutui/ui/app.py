"""The scrutui Textual app: a thin App that owns the service and pushes the overview."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

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
from scrutui.store.service import ChangedOnDisk, Saved, Service
from scrutui.store.tomlfile import FileError
from scrutui.store.workspace import WorkspaceError
from scrutui.ui.messages import LoadProgress, WorkspaceChanged, WorkspaceLoaded

T = TypeVar("T")
#: What can go wrong in a change an officer asked for; each is shown, none is fatal.
EXPECTED = (
    Invalid,
    WorkspaceError,
    GitError,
    Busy,
    FileError,
    ConfigError,
    OSError,
    ImportProblem,
)


class ScrutuiApp(App[None]):
    """Browse and edit the trackers of one workspace."""

    CSS_PATH = "app.tcss"
    TITLE = "scrutui"
    BINDINGS = [
        Binding(
            "question_mark",
            "toggle_keys",
            "Keys",
            id="app.keys",
            tooltip="Show or hide every key of this screen",
        ),
        Binding(
            "ctrl+t",
            "toggle_theme",
            "Theme",
            id="app.theme",
            show=False,
            tooltip="Switch between the light and dark theme",
        ),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Leave scrutui"),
    ]

    def __init__(
        self,
        root: Path,
        *,
        config: Config | None = None,
        today: Callable[[], date] = date.today,
        watch_every: float = 1.0,
    ) -> None:
        super().__init__()
        self.root = root
        self.config = config if config is not None else load_config()
        self.today = today
        self.watch_every = watch_every
        self.service: Service | None = None
        self.lock = threading.RLock()
        self.keys_shown = False

    # Start-up -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        from scrutui.ui.screens.overview import OverviewScreen

        self.theme = self.config.theme or "textual-dark"
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.sub_title = self.root.name
        self.push_screen(OverviewScreen())
        self.load()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Open the workspace in a thread; the overview shows progress meanwhile."""
        try:
            service = Service(self.root, self.config, today=self.today)
            service.recover()  # what a killed scrutui left; skipped while another writes
            with self.lock:
                service.reload_with_progress(self._progress)
            self.service = service
        except EXPECTED as error:
            self.post_message(WorkspaceLoaded(str(error)))
            return
        self.post_message(WorkspaceLoaded())

    @work(thread=True, exclusive=True, group="after-load")
    def after_load(self) -> None:
        """Once the overview is drawn: what changed outside scrutui or was left unsaved, then
        the record caches and git's history index, which only make later work faster."""
        service = self.service
        if service is None:
            return
        try:
            with self.lock:
                outside = service.outside()
            pending = service.pending_save()
        except EXPECTED as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        finally:
            service.save_caches()  # the caches hold their own copies: no lock needed
            service.index_history()
        if pending:
            subject = str(pending["message"]).split("\n")[0]
            self.call_from_thread(
                self.notify,
                f"The save '{subject}' was interrupted before its commit: press o "
                "on the overview to commit it.",
                title="An unfinished save",
                timeout=15,
            )
        elif outside:
            self.call_from_thread(
                self.notify,
                f"{len(outside.valid) + len(outside.invalid)} files changed outside scrutui: "
                "press o on the overview to review them.",
                title="Changes made outside scrutui",
                timeout=10,
            )

    def _progress(self, done: int, total: int) -> None:
        self.post_message(LoadProgress(done, total))

    def on_workspace_loaded(self, message: WorkspaceLoaded) -> None:
        if message.error:
            from scrutui.ui.screens.overview import OverviewScreen

            for screen in self.screen_stack:
                if isinstance(screen, OverviewScreen):
                    screen.show_error(message.error)
            return
        self.broadcast(WorkspaceChanged())
        self.call_after_refresh(self.after_load)
        self.set_interval(self.watch_every, self.watch_files)

    def on_load_progress(self, message: LoadProgress) -> None:
        self.broadcast(message)

    # Live files -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch")
    def watch_files(self) -> None:
        """Pick up files changed on disk (an editor, a pull) without a restart."""
        service = self.service
        if service is None:
            return
        try:
            # Looked at without the lock (a stat per file), so the screens never wait on it.
            stale = service.state.changed_on_disk()
        except (OSError, RuntimeError, WorkspaceError):
            stale = True  # a folder went or a tracker was read meanwhile: look properly
        if stale:
            with self.lock:
                changed = service.state.refresh()
            if changed:
                self.post_message(WorkspaceChanged(tuple(changed)))

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        if message.paths and message.saved is None:
            names = ", ".join(
                p.rsplit("/", 1)[-1].removesuffix(".toml") or p for p in message.paths[:3]
            )
            more = f" and {len(message.paths) - 3} more" if len(message.paths) > 3 else ""
            self.notify(f"Read again: {names}{more}", title="Changed on disk", timeout=4)
        self.broadcast(message)

    def broadcast(self, message: WorkspaceChanged | LoadProgress) -> None:
        for screen in self.screen_stack:
            screen.post_message(_copy(message))

    # Work for the screens -------------------------------------------------------------------

    def change(
        self, what: Callable[[Service], Saved | None], done: Callable[[Saved], None] | None = None
    ) -> None:
        """Make one change through the service in a thread; report the commit it made."""
        self._change(what, done)

    @work(thread=True, group="write")
    def _change(
        self, what: Callable[[Service], Saved | None], done: Callable[[Saved], None] | None
    ) -> None:
        service = self.service
        if service is None:
            return
        try:
            with self.lock:
                saved = what(service)
        except IdentityMissing:
            self.call_from_thread(self._ask_identity, lambda: self.change(what, done))
            return
        except ChangedOnDisk as error:
            self.call_from_thread(self._show_conflict, error)
            return
        except EXPECTED as error:
            self.call_from_thread(
                self.notify, str(error), title="Not saved", severity="error", timeout=12
            )
            return
        if saved is None:
            self.call_from_thread(self.notify, "Nothing to save.", severity="warning")
            return
        self.call_from_thread(self.notify, f"{saved.short}: {saved.subject}", title="Saved")
        self.post_message(WorkspaceChanged(saved.paths, saved))
        if done:
            self.call_from_thread(done, saved)

    def read(self, what: Callable[[Service], T], done: Callable[[T], None]) -> None:
        """Read through the service in a thread (history, a paper); `done` gets the result."""
        self._read(what, done)

    @work(thread=True, group="read")
    def _read(self, what: Callable[[Service], Any], done: Callable[[Any], None]) -> None:
        service = self.service
        if service is None:
            return
        try:
            with self.lock:
                result = what(service)
        except EXPECTED as error:
            self.call_from_thread(
                self.notify, str(error), title="Could not read", severity="error", timeout=12
            )
            return
        self.call_from_thread(done, result)

    def _ask_identity(self, retry: Callable[[], None]) -> None:
        """Ask who the officer is (once, kept in the settings), then try again."""
        from scrutui.ui.dialogs import IdentityDialog

        def save(identity: tuple[str, str] | None) -> None:
            if identity is None or self.service is None:
                return
            set_config_value(self.config.path, ("officer", "name"), identity[0])
            set_config_value(self.config.path, ("officer", "email"), identity[1])
            self.config = load_config(self.config.path)
            self.service.config = self.config
            retry()

        self.push_screen(IdentityDialog(), save)

    def _show_conflict(self, error: ChangedOnDisk) -> None:
        from scrutui.ui.dialogs import ConflictDialog

        mine, theirs = error.mine, error.theirs
        choose = mine is not None and theirs is not None and mine.id == theirs.id

        def chosen(answer: str | None) -> None:
            if answer == "mine" and mine is not None and theirs is not None:
                fields = {
                    f.name: getattr(mine, f.name)
                    for f in mine.spec.fields
                    if getattr(mine, f.name) != getattr(theirs, f.name)
                }
                self.change(lambda s: s.set_fields(mine.id, fields, theirs))

        self.push_screen(ConflictDialog(error, choose=choose), chosen)
        if self.service is not None:
            self.watch_files()

    # Sharing ---------------------------------------------------------------------------------

    def sync(self, resolutions: dict[str, dict[str, Any]] | None = None) -> None:
        """Sync with the shared remote in a thread; conflicts open the resolve screen."""
        self._sync(resolutions)

    @work(thread=True, exclusive=True, group="sync")
    def _sync(self, resolutions: dict[str, dict[str, Any]] | None) -> None:
        from scrutui.store.sync import SyncError

        service = self.service
        if service is None:
            return

        def progress(step: str) -> None:
            self.call_from_thread(self.notify, step, title="Sync", timeout=3)

        try:
            with self.lock:
                report = service.sync(resolutions, progress, interactive=False)
        except IdentityMissing:
            self.call_from_thread(self._ask_identity, lambda: self.sync(resolutions))
            return
        except (SyncError, *EXPECTED) as error:
            self.call_from_thread(
                self.notify, str(error), title="Not synced", severity="error", timeout=15
            )
            return
        if report.conflicts:
            self.call_from_thread(self._resolve, report.conflicts)
            return
        self.call_from_thread(self.notify, str(report), title="Sync")
        self.post_message(WorkspaceChanged())

    def _resolve(self, conflicts: list[Any]) -> None:
        from scrutui.ui.screens.resolve import ResolveScreen

        def chosen(resolutions: dict[str, dict[str, Any]] | None) -> None:
            if resolutions:
                self.sync(resolutions)

        self.push_screen(ResolveScreen(conflicts), chosen)

    # Keys, themes and the palette -----------------------------------------------------------

    def action_toggle_keys(self) -> None:
        if self.keys_shown:
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
        self.keys_shown = not self.keys_shown

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of the current screen is in the palette too, named "group: verb"."""
        yield from super().get_system_commands(screen)
        group = getattr(screen, "GROUP", "scrutui")
        seen = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                f"{group}: {binding.description.lower()}",
                f"{binding.tooltip or binding.description} ({key})",
                partial(self._run_on, active.node, binding.action),
            )

    def _run_on(self, node: Any, action: str) -> None:
        """Run a binding's action on the node that declared it (from the palette)."""
        self.call_later(node.run_action, action)


def _copy(message: WorkspaceChanged | LoadProgress) -> WorkspaceChanged | LoadProgress:
    """A fresh message for each screen (a message is delivered once)."""
    if isinstance(message, LoadProgress):
        return LoadProgress(message.done, message.total)
    return WorkspaceChanged(message.paths, message.saved)


def make_app(
    root: Path,
    *,
    config: Config | None = None,
    today: Callable[[], date] = date.today,
    watch_every: float = 1.0,
) -> ScrutuiApp:
    """The one factory that builds the app, for the command line and the tests."""
    return ScrutuiApp(root, config=config, today=today, watch_every=watch_every)
