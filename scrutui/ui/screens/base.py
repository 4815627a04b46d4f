"""What every scrutui screen shares: the host, and drawing from the snapshot it was handed."""

from __future__ import annotations

from textual.reactive import reactive
from textual.screen import Screen

from scrutui.ui.host import Host
from scrutui.ui.snapshot import Snapshot


class ScrutuiScreen(Screen[None]):
    """A screen of the app. `refresh_data` redraws it from `snapshot`, which the app sets on
    every screen each time a worker publishes one; a screen never reads the service."""

    GROUP = "scrutui"

    snapshot: reactive[Snapshot | None] = reactive(None, init=False)
    """The workspace as the workers last published it (immutable)."""

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(ScrutuiScreen.snapshot, self.host.snapshot)

    @property
    def host(self) -> Host:
        """The app's workspace host, typed by what screens may ask of it."""
        host = getattr(self.app, "host", None)
        if not isinstance(host, Host):
            raise TypeError(f"{type(self.app).__name__} has no workspace host")
        return host

    def watch_snapshot(self) -> None:
        if self.is_mounted and self.snapshot is not None:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Redraw from `self.snapshot`; screens override it."""
