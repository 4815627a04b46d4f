"""What every scrutui screen shares: the app, the service, and redrawing on change."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from scrutui.store.service import Service
from scrutui.ui.messages import WorkspaceChanged

if TYPE_CHECKING:
    from scrutui.ui.app import ScrutuiApp


class ScrutuiScreen(Screen[None]):
    """A screen of the app. `refresh_data` redraws it from the service's state."""

    GROUP = "scrutui"

    @property
    def scrutui(self) -> ScrutuiApp:
        return cast("ScrutuiApp", self.app)

    @property
    def service(self) -> Service | None:
        return self.scrutui.service

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        if self.service is not None:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Redraw from `self.service.state`; screens override it."""
