"""The edit form: every field of a record, validated as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Input, Label, Select, Static, TextArea
from textual.widgets.select import NoSelection

from scrutui.domain.edit import parse_value
from scrutui.domain.fields import UpdatesType
from scrutui.domain.records import KINDS, FieldSpec, Record
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import Invalid, validate_record
from scrutui.store.service import Saved
from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.base import ScrutuiScreen


def new_from(tracker: Tracker, selected: Record | None) -> tuple[str, dict[str, Any]]:
    """The kind and first values of a new record, from the record under the cursor."""
    return tracker.spec.new_record(selected)


class EditScreen(ScrutuiScreen):
    """Edit a record (or write a new one); ctrl+s saves as one commit."""

    GROUP = "edit"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="edit.save",
            priority=True,
            tooltip="Save the record (one commit)",
        ),
        Binding(
            "escape",
            "close",
            "Close",
            id="edit.close",
            tooltip="Close; asks before discarding changes",
        ),
    ]
    DEFAULT_CSS = """
    EditScreen #form { padding: 0 1; }
    EditScreen .field-label { margin-top: 1; text-style: bold; }
    EditScreen .help { color: $text-muted; }
    EditScreen .error { color: $error; height: auto; }
    EditScreen Input, EditScreen Select { width: 1fr; background: $boost; }
    EditScreen TextArea { height: 6; background: $boost; }
    EditScreen #errors { color: $error; height: auto; padding: 0 1; }
    EditScreen Input:focus, EditScreen TextArea:focus, EditScreen Select:focus,
    EditScreen Checkbox:focus { background: $accent 35%; }
    """

    def __init__(
        self,
        tracker: str,
        record: Record | None,
        *,
        kind: str | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.tracker_name = tracker
        self.record = record
        self.kind = KINDS[record.kind if record else kind or next(iter(KINDS))]
        # A new record's id is allocated when it is saved; until then, one of its shape.
        base = record or Record(id=self.kind.example_id, kind=self.kind.name)
        self.base = base.with_values(values) if values else base
        self.fields = list(self.kind.editable)
        self.initial: dict[str, str] = {}
        self.errors: dict[str, str] = {}
        self.tried = False  # a save was tried: every problem shows

    # Form -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            for spec in self.fields:
                yield Label(spec.label + (" *" if spec.required else ""), classes="field-label")
                yield self._widget(spec)
                if spec.help:
                    yield Static(spec.help, classes="help")
                yield Static("", classes="error", id=f"error-{spec.name}", markup=False)
            dated = [f for f in self.kind.fields if isinstance(f.field_type, UpdatesType)]
            if dated and self.record:
                count = sum(len(self.record.get(f.name)) for f in dated)
                yield Static(
                    f"{count} dated updates: add one with u on the record.", classes="help"
                )
        yield Static(id="errors", markup=False)
        yield KeysFooter()

    def _widget(self, spec: FieldSpec) -> Widget:
        """The widget the field's type wants, holding its value as typed."""
        make = WIDGETS.get(spec.field_type.widget, _input)
        return make(self, spec)

    def on_mount(self) -> None:
        self.title = f"Edit {self.record.id}" if self.record else f"New {self.kind.label.lower()}"
        self.sub_title = self.tracker_name
        self.initial = self._typed()
        self.validate()
        self.query("#form Input, #form TextArea, #form Select").first().focus()

    def _tracker(self) -> Tracker | None:
        state = self.snapshot.tracker(self.tracker_name) if self.snapshot else None
        return state.tracker if state else None

    def _typed(self) -> dict[str, str]:
        """What each field holds now, as typed."""
        out = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, TextArea):
                out[spec.name] = widget.text
            elif isinstance(widget, Checkbox):
                out[spec.name] = "yes" if widget.value else "no"
            elif isinstance(widget, Select):
                value = widget.value
                out[spec.name] = "" if isinstance(value, NoSelection) else str(value)
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    @property
    def dirty(self) -> bool:
        return self._typed() != self.initial

    # Validation as you type -----------------------------------------------------------------

    def validate(self) -> dict[str, Any]:
        """Parse and validate every field; show each problem under its field."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, typed in self._typed().items():
            try:
                values[name] = parse_value(self.kind, name, typed)
            except Invalid as error:
                errors[name] = error.issues[0].describe()
        tracker = self._tracker()
        if tracker is not None:
            candidate = self.base.with_values(values)
            _, issues = validate_record(candidate.id, candidate.to_data(), tracker)
            for issue in issues:
                name = str(issue.path[0]) if issue.path else ""
                if name != "id":
                    errors.setdefault(name, issue.describe())
        now = self._typed()
        for spec in self.fields:
            # A field says what is wrong once it has been touched, or a save was tried.
            touched = self.tried or now.get(spec.name) != self.initial.get(spec.name, "")
            message = self.query_one(f"#error-{spec.name}", Static)
            message.update(errors.get(spec.name, "") if touched else "")
            message.display = spec.name in errors and touched
        self.errors = errors
        count = len(errors)
        need = "1 field needs" if count == 1 else f"{count} fields need"
        self.query_one("#errors", Static).update(
            f"{need} attention before saving" if errors and self.tried else ""
        )
        return values

    def on_input_changed(self) -> None:
        self.validate()

    def on_text_area_changed(self) -> None:
        self.validate()

    def on_select_changed(self) -> None:
        self.validate()

    def on_checkbox_changed(self) -> None:
        self.validate()

    # Saving and closing ---------------------------------------------------------------------

    def action_save(self) -> None:
        self.tried = True
        values = self.validate()
        if self.errors:
            count = len(self.errors)
            need = "1 field needs" if count == 1 else f"{count} fields need"
            self.notify(f"{need} attention: see the messages in red.", severity="error")
            return
        ref_tracker = self.tracker_name
        if self.record is None:
            kind = self.kind.name
            fields = {k: v for k, v in values.items() if v not in (None, "", (), False)}
            self.host.change(lambda s: s.new_record(ref_tracker, kind, fields), self._saved)
            return
        changed = {k: v for k, v in values.items() if v != self.record.get(k)}
        if not changed:
            self.app.pop_screen()
            return
        ref = f"{ref_tracker}/{self.record.id}"
        opened = self.record  # a field changed on disk since is shown, not overwritten
        self.host.change(lambda s: s.set_fields(ref, changed, opened), self._saved)

    def _saved(self, saved: Saved) -> None:
        if self.is_current:
            self.app.pop_screen()

    def action_close(self) -> None:
        from scrutui.ui.dialogs import ConfirmDialog

        if not self.dirty:
            self.app.pop_screen()
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog("Discard your changes?", yes="Discard", no="Keep editing"), answer
        )


# The widget each field type wants (`FieldType.widget`) ---------------------------------------


def _typed(screen: EditScreen, spec: FieldSpec) -> str:
    return spec.field_type.format(screen.base.get(spec.name))


def _input(screen: EditScreen, spec: FieldSpec) -> Widget:
    placeholder = spec.field_type.placeholder
    return Input(
        _typed(screen, spec),
        id=f"field-{spec.name}",
        placeholder=placeholder,
        compact=True,
        select_on_focus=False,  # the cursor goes to the end, not over the whole value
    )


def _text_area(screen: EditScreen, spec: FieldSpec) -> Widget:
    return TextArea(_typed(screen, spec), id=f"field-{spec.name}", soft_wrap=True, compact=True)


def _checkbox(screen: EditScreen, spec: FieldSpec) -> Widget:
    return Checkbox(
        spec.label, bool(screen.base.get(spec.name)), id=f"field-{spec.name}", compact=True
    )


def _status(screen: EditScreen, spec: FieldSpec) -> Widget:
    tracker = screen._tracker()
    options = spec.field_type.options(tracker.scheme if tracker else None)
    # A new record starts at the first status; one that has none keeps none.
    first = options[0][1] if options and (spec.required or not screen.record) else None
    current = screen.base.get(spec.name) or first
    return Select(
        options,
        value=current if current else Select.NULL,
        id=f"field-{spec.name}",
        allow_blank=not spec.required,
        compact=True,
    )


def _choice(screen: EditScreen, spec: FieldSpec) -> Widget:
    tracker = screen._tracker()
    options = spec.field_type.options(tracker.scheme if tracker else None)
    prompt = str(getattr(spec.field_type, "prompt", "None yet"))
    return Select(
        options,
        id=f"field-{spec.name}",
        prompt=prompt,
        value=screen.base.get(spec.name) or Select.NULL,
    )


WIDGETS: dict[str, Callable[[EditScreen, FieldSpec], Widget]] = {
    "input": _input,
    "textarea": _text_area,
    "checkbox": _checkbox,
    "status": _status,
    "choice": _choice,
}
