"""The quick operations on one record, shared by the tracker table and the record screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from scrutui.domain.records import Record
from scrutui.store.service import Saved, Service
from scrutui.ui.screens.base import ScrutuiScreen

#: The fields that hold a record's updates, one of which a kind must have for `u`.
UPDATE_FIELDS = ("updates", "update", "answers")
#: The quick operations offered only where they apply to the record
RECORD_KEYS = ("status", "update", "complete", "edit", "archive", "history")


def applies(action: str, record: Record | None, complete: Callable[[str | None], bool]) -> bool:
    """Whether a quick operation makes sense on `record`: a key that does not is neither
    offered in the footer nor run (so no dialog opens only to be refused)."""
    if record is None:
        return action not in RECORD_KEYS
    if action == "update":
        return any(record.spec.spec(name) for name in UPDATE_FIELDS)
    if action == "status":
        return record.spec.spec("status") is not None
    if action == "complete":
        return record.spec.spec("status") is not None and not complete(record.status)
    return True


class RecordActions(ScrutuiScreen):
    """A screen that acts on one record at a time: the one `target()` returns."""

    tracker_name: str
    #: Which of RECORD_KEYS applied when the footer was last drawn (None: not yet)
    _offered: tuple[bool, ...] | None = None

    def target(self) -> Record | None:
        raise NotImplementedError

    def refresh_record_keys(self) -> None:
        """The footer's keys again, if the ones that apply changed with the record. Drawing
        the footer again is some 10 ms, and each filter keystroke highlights a row anew:
        moving between records of the same kind and state changes no key."""
        record = self.selected()
        offered = tuple(applies(action, record, self._is_complete) for action in RECORD_KEYS)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def selected(self) -> Record | None:
        """The record the keys act on, without a word if there is none."""
        return self.target()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in RECORD_KEYS:
            return True
        return applies(action, self.selected(), self._is_complete)

    def _is_complete(self, code: str | None) -> bool:
        state = self.snapshot.tracker(self.tracker_name) if self.snapshot else None
        return bool(state and state.tracker and state.tracker.scheme.is_complete(code))

    def _refused(self, action: str, record: Record) -> bool:
        """Say why a key does nothing here (reached from the palette or a stale footer)."""
        if applies(action, record, self._is_complete):
            return False
        if action == "complete" and record.spec.spec("status"):
            message = f"{record.id} is already complete."
        elif action == "update":
            message = f"{record.spec.a_label.capitalize()} has no updates: edit it with e."
        else:
            message = f"{record.spec.a_label.capitalize()} has no status."
        self.notify(message, severity="warning")
        return True

    def action_status(self) -> None:
        if (record := self.target()) and not self._refused("status", record):
            quick_status(self, self.tracker_name, record)

    def action_update(self) -> None:
        if (record := self.target()) and not self._refused("update", record):
            quick_update(self, self.tracker_name, record)

    def action_complete(self) -> None:
        if (record := self.target()) and not self._refused("complete", record):
            quick_complete(self, self.tracker_name, record)

    def action_archive(self) -> None:
        if record := self.target():
            quick_archive(self, self.tracker_name, record)

    def action_edit(self) -> None:
        from scrutui.ui.screens.edit import EditScreen

        if record := self.target():
            self.app.push_screen(EditScreen(self.tracker_name, record))

    def action_history(self) -> None:
        from scrutui.ui.screens.history import HistoryScreen

        if record := self.target():
            self.app.push_screen(HistoryScreen(self.tracker_name, record.id))


def quick_status(screen: ScrutuiScreen, tracker: str, record: Record) -> None:
    from scrutui.ui.dialogs import StatusDialog

    state = screen.snapshot.tracker(tracker) if screen.snapshot else None
    if not state or not state.tracker or not record.spec.spec("status"):
        screen.notify(f"{record.spec.a_label.capitalize()} has no status", severity="warning")
        return
    ref = f"{tracker}/{record.id}"

    def chosen(answer: tuple[str, str] | None) -> None:
        if answer:
            code, text = answer
            screen.host.change(lambda s: s.change_status(ref, code, text or None))

    screen.app.push_screen(StatusDialog(state.tracker.scheme, record.status, record.id), chosen)


def quick_update(screen: ScrutuiScreen, tracker: str, record: Record) -> None:
    from scrutui.ui.dialogs import TextDialog

    ref = f"{tracker}/{record.id}"

    def chosen(answer: tuple[str, date] | None) -> None:
        if answer:
            text, when = answer
            screen.host.change(lambda s: s.add_update(ref, text, when))

    screen.app.push_screen(TextDialog(f"Update for {record.id}", screen.host.today()), chosen)


def quick_complete(screen: ScrutuiScreen, tracker: str, record: Record) -> None:
    from scrutui.ui.dialogs import TextDialog

    ref = f"{tracker}/{record.id}"

    def chosen(answer: tuple[str, date] | None) -> None:
        if answer:
            text, when = answer
            screen.host.change(lambda s: s.mark_complete(ref, text or None, when))

    screen.app.push_screen(
        TextDialog(
            f"Mark {record.id} complete (an update is optional)",
            screen.host.today(),
            required=False,
        ),
        chosen,
    )


def quick_archive(screen: ScrutuiScreen, tracker: str, record: Record) -> None:
    from scrutui.ui.dialogs import ConfirmDialog

    ref = f"{tracker}/{record.id}"
    verb = "Restore" if record.archived else "Archive"
    action: Callable[[Service], Saved] = (
        (lambda s: s.unarchive(ref)) if record.archived else (lambda s: s.archive(ref))
    )

    def chosen(yes: bool | None) -> None:
        if yes:
            screen.host.change(action)

    question = f"{verb} {record.id}? " + (
        "It comes back on the tracker and its paper."
        if record.archived
        else "It leaves the tracker and its paper; its history stays, and it can be restored."
    )
    screen.app.push_screen(ConfirmDialog(question, yes=verb), chosen)
