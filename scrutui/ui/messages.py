"""App-wide messages: what the workers report back to the app and the screens.

Workers post these from their threads (`post_message` is safe from any thread and never
waits for the event loop). The app hands the snapshot down to every screen as an attribute.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from scrutui.domain.records import Record
from scrutui.store.service import Saved
from scrutui.ui.snapshot import Snapshot


@dataclass
class WorkspaceLoaded(Message):
    """The workspace finished loading (or failed: `error`)."""

    error: str | None = None


@dataclass
class LoadProgress(Message, bubble=False):
    """Record files read so far while loading."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)


@dataclass
class SnapshotPublished(Message):
    """A worker finished a load, a save, a re-read or a sync: the workspace as it is now.

    `paths` are the files it changed or read again; `saved` the commit a save made; `reread`
    whether the files were changed outside the app (an editor, a pull).
    """

    snapshot: Snapshot
    paths: tuple[str, ...] = ()
    saved: Saved | None = None
    reread: bool = False


@dataclass
class SyncProgress(Message, bubble=False):
    """A step of a sync under way (fetching, replaying, sending), for the screen that runs it."""

    step: str


@dataclass
class ViewVersion(Message):
    """A past version of a record to show read-only (the history screen's `v`). The app opens
    it, so the history screen and the record screen, which opens the history, stay apart."""

    tracker: str
    record_id: str
    record: Record
    label: str
