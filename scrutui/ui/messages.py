"""App-wide messages: what the workers report back to the screens.

The app hands `WorkspaceChanged` and `LoadProgress` to every screen; they must not bubble
back up to the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from scrutui.store.service import Saved


@dataclass
class WorkspaceLoaded(Message):
    """The workspace finished loading (or failed: `error`)."""

    error: str | None = None


@dataclass
class LoadProgress(Message, bubble=False):
    """Record files read so far while loading."""

    done: int
    total: int


@dataclass
class WorkspaceChanged(Message, bubble=False):
    """Records changed (a save here, or files changed on disk): screens redraw their data."""

    paths: tuple[str, ...] = ()
    saved: Saved | None = None
