"""Conflicts from a sync: for each field both officers changed, keep mine or theirs."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, RadioButton, RadioSet, Static

from scrutui.domain.changes import show_value
from scrutui.store.sync import RecordConflict
from scrutui.ui.footer import KeysFooter

Resolutions = dict[str, dict[str, Any]]


class ResolveScreen(ModalScreen[Resolutions | None]):
    """Nothing was synced: choose, field by field, then the sync runs again."""

    BINDINGS = [
        Binding(
            "ctrl+s",
            "done",
            "Sync with these choices",
            id="resolve.done",
            priority=True,
            tooltip="Sync again, keeping what you chose for each field",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="resolve.cancel",
            tooltip="Leave it for now: nothing has been synced or changed",
        ),
    ]
    DEFAULT_CSS = """
    ResolveScreen { background: $background; }
    ResolveScreen VerticalScroll { padding: 0 1; }
    ResolveScreen .record { text-style: bold; margin-top: 1; }
    ResolveScreen .field { margin-top: 1; text-style: bold underline; }
    ResolveScreen RadioSet { width: 100%; }
    """

    def __init__(self, conflicts: list[RecordConflict]) -> None:
        super().__init__()
        self.conflicts = conflicts

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(
                "Both you and someone else changed these fields. Nothing has been "
                "synced yet. Choose what to keep; the sync then records both sides."
            )
            for n, conflict in enumerate(self.conflicts):
                yield Label(f"{conflict.record_id}  ({conflict.path})", classes="record")
                yield Static(
                    f"mine: {conflict.mine}\n"
                    + "\n".join(f"theirs: {line}" for line in conflict.theirs)
                )
                for m, field in enumerate(conflict.fields):
                    yield Label(f"{field.name} (it was: {show_value(field.base)})", classes="field")
                    with RadioSet(id=f"choice-{n}-{m}"):
                        yield RadioButton(f"mine: {show_value(field.mine)}", value=True)
                        yield RadioButton(f"theirs: {show_value(field.theirs)}")
        yield KeysFooter()

    def action_done(self) -> None:
        chosen: Resolutions = {}
        for n, conflict in enumerate(self.conflicts):
            for m, field in enumerate(conflict.fields):
                pressed = self.query_one(f"#choice-{n}-{m}", RadioSet).pressed_index
                value = field.theirs if pressed == 1 else field.mine
                chosen.setdefault(conflict.path, {})[field.name] = value
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
