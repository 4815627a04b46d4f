"""The scrutui Textual app: a thin App that starts the workspace host and pushes the overview."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from scrutui.store.config import Config, load_config
from scrutui.ui import crash, keys, textual_fixes
from scrutui.ui.collector import TICK, Collector
from scrutui.ui.commands import key_commands
from scrutui.ui.host import WorkspaceHost
from scrutui.ui.messages import LoadProgress, SnapshotPublished, ViewVersion, WorkspaceLoaded
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.screens.overview import OverviewScreen

textual_fixes.apply()


class ScrutuiApp(App[None]):
    """Browse and edit the trackers of one workspace."""

    CSS_PATH = "app.tcss"
    TITLE = "scrutui"
    BINDINGS = [
        Binding(
            "question_mark,f1",  # f1 where ? would be typed into a field
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
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, tooltip="Leave scrutui"),
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
        self.config = config if config is not None else load_config()
        self.host = WorkspaceHost(self, root, self.config, today, watch_every)
        #: The officer's keymap, by current ids (see `ui.keys`); applied to each screen pushed.
        self.remapped: dict[str, str] = {}
        #: Set if the app ended on an unexpected error: what to tell the officer after it.
        self.crash_message: str | None = None
        #: The garbage collector, run between keystrokes (see `ui.collector`)
        self.collector = Collector()

    def on_mount(self) -> None:
        self.theme = self.config.theme or "textual-dark"
        self.remapped = keys.install(self, self.config.keymap, self.config.path)
        self.sub_title = self.host.root.name
        self.push_screen(OverviewScreen())
        self.host.load()
        self.collector.start()
        self.set_interval(TICK, self.collector.tick)

    def post_message(self, message: Message) -> bool:
        """As Textual's, noting a key or a click for the collector: a full collection waits
        for a pause in typing. (Here, where the terminal's events arrive, rather than in
        `on_event`, which every handler's traceback would then pass through.)"""
        if isinstance(message, events.InputEvent):
            self.collector.input()
        return super().post_message(message)

    def on_unmount(self) -> None:
        self.host.keep_counts()  # the overview drawn at once next time
        self.collector.stop()
        gc.unfreeze()  # what the load froze (WorkspaceHost._load) can be collected again

    def on_workspace_loaded(self, message: WorkspaceLoaded) -> None:
        if message.error:
            for screen in self.screen_stack:
                if isinstance(screen, OverviewScreen):
                    screen.show_error(message.error)
            return
        self.call_after_refresh(self.host.after_load)
        # Kept on the app: a timer only the event loop refers to can be collected unfired.
        self.watch_timer = self.set_interval(self.host.watch_every, self.host.watch)

    def on_view_version(self, message: ViewVersion) -> None:
        from scrutui.ui.screens.record import RecordScreen

        record, label = message.record, message.label
        self.push_screen(
            RecordScreen(message.tracker, message.record_id, fixed=record, label=label)
        )

    def on_load_progress(self, message: LoadProgress) -> None:
        for screen in self.screen_stack:
            screen.post_message(LoadProgress(message.done, message.total))

    def on_snapshot_published(self, message: SnapshotPublished) -> None:
        """Hand the workspace, as a worker last saw it, down to every screen."""
        if not self.host.accept(message.snapshot):
            return  # the file watcher's view, made before a newer one arrived
        if message.reread:
            names = [p.rsplit("/", 1)[-1].removesuffix(".toml") or p for p in message.paths]
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            read = f"Read again: {', '.join(names[:3])}{more}"
            self.notify(read, title="Changed on disk", timeout=4, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, ScrutuiScreen):
                screen.snapshot = message.snapshot

    def action_toggle_keys(self) -> None:
        """`?`: every key of this screen, full screen and searchable, with its keymap id."""
        from scrutui.ui.screens.keys import KeysScreen, key_rows

        screen = self.screen
        if isinstance(screen, KeysScreen):
            screen.dismiss(None)
            return
        where = getattr(screen, "GROUP", "") or type(screen).__name__
        self.push_screen(KeysScreen(key_rows(screen), where))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        self.host.remember(("theme",), self.theme)  # the next start opens in it too

    async def action_quit(self) -> None:
        """Leave; a form or dialog with unsaved typing asks first."""
        from scrutui.ui.dialogs import ConfirmDialog, quit_unsaved

        unsaved = [s for s in self.screen_stack if getattr(s, "dirty", False)]
        if not unsaved or isinstance(self.screen, ConfirmDialog):
            self.exit()
        else:
            self.push_screen(quit_unsaved(), lambda leave: self.exit() if leave else None)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Every screen gets the officer's keymap, each key where its screen declared it."""
        if isinstance(screen, Screen):
            keys.remap(screen, self.remapped)
        return super().push_screen(screen, *args, **kwargs)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app (Textual's way, exit code 1), but the officer gets
        a short message naming where the full report was written, not a screen of traceback."""
        if self.crash_message is None:
            self.crash_message = crash.short_message(error, crash.write_report(error))
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.crash_message is None:
            super()._print_error_renderables()
            return
        self._exit_renderables.clear()
        self.error_console.print(self.crash_message, markup=False, highlight=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of the current screen is in the palette too (see `ui.commands`)."""
        yield from super().get_system_commands(screen)
        yield from key_commands(self, screen)


def make_app(
    root: Path,
    *,
    config: Config | None = None,
    today: Callable[[], date] = date.today,
    watch_every: float = 1.0,
) -> ScrutuiApp:
    """The one factory that builds the app, for the command line and the tests."""
    return ScrutuiApp(root, config=config, today=today, watch_every=watch_every)
