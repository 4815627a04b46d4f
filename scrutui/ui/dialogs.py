"""Modal dialogs; each returns its answer through the `push_screen` callback."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from scrutui.domain.calendar import parse_uk_date
from scrutui.domain.changes import describe, diff_records
from scrutui.domain.status import StatusScheme
from scrutui.store.service import ChangedOnDisk

T = TypeVar("T")

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $surface; padding: 0 1;
}}
{name} .title {{ text-style: bold; margin-bottom: 1; }}
{name} .error {{ color: $error; height: auto; }}
{name} .buttons {{ height: auto; align-horizontal: right; }}
{name} .buttons Button {{ margin-left: 1; }}
{name} TextArea {{ height: 5; }}
{name} OptionList {{ height: auto; max-height: 10; }}
{name} Input {{ margin-bottom: 0; }}
"""


class FormDialog(ModalScreen[T]):
    """A dialog that is saved (ctrl+s, the Save button, or enter in a field) or cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save", priority=True),
    ]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    @property
    def dirty(self) -> bool:
        """Whether something typed here would be lost (ctrl+q asks first)."""
        return any(area.text.strip() for area in self.query(TextArea))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog")
    BINDINGS = [
        Binding("escape", "answer(False)", "No", id="dialog.no"),
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="title", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def quit_unsaved() -> ConfirmDialog:
    """The question `ctrl+q` asks when a form or dialog holds typing not yet saved."""
    return ConfirmDialog(
        "You have changes that are not saved. Quit and lose them?", yes="Quit", no="Keep editing"
    )


class TextDialog(FormDialog[tuple[str, date] | None]):
    """A text to add (an update), with its date; ctrl+s saves, escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="TextDialog")

    def __init__(
        self, title: str, today: date, *, required: bool = True, placeholder: str = ""
    ) -> None:
        super().__init__()
        self.heading, self.today, self.required = title, today, required
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            yield TextArea(id="text", placeholder=self.placeholder)
            yield Label("Date")
            yield Input(self.today.strftime("%d/%m/%y"), id="date", select_on_focus=False)
            yield Static("", classes="error", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        error = self.query_one("#error", Static)
        if self.required and not text:
            error.update("Write the update first.")
            return
        try:
            when = parse_uk_date(self.query_one("#date", Input).value)
        except ValueError as problem:
            error.update(f"Date: {problem}")
            return
        self.dismiss((text, when))


class PathDialog(FormDialog[Path | None]):
    """Where to write a file (the paper as Word); enter or ctrl+s writes it."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PathDialog")

    def __init__(self, title: str, suggested: Path) -> None:
        super().__init__()
        self.heading, self.suggested = title, suggested

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            yield Input(str(self.suggested), id="path", select_on_focus=False)
            yield Static("", classes="error", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Write (ctrl+s)", id="save", variant="primary")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        error = self.query_one("#error", Static)
        if not typed:
            error.update("Give the file to write.")
            return
        path = Path(typed).expanduser()
        if not path.parent.is_dir():
            error.update(f"No folder {path.parent}: give a folder that exists.")
            return
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        self.dismiss(path)


class StatusDialog(FormDialog[tuple[str, str] | None]):
    """Choose a new status, with an optional update to record with it."""

    DEFAULT_CSS = DIALOG_CSS.format(name="StatusDialog")

    def __init__(self, scheme: StatusScheme, current: str | None, record_id: str) -> None:
        super().__init__()
        self.scheme, self.current, self.record_id = scheme, current, record_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"New status for {self.record_id} (now {self.current or 'none'})", classes="title"
            )
            yield OptionList(
                *[
                    Option(s.code if s.label == s.code else f"{s.code}  {s.label}", id=s.code)
                    for s in self.scheme.statuses
                ],
                id="codes",
            )
            yield Label("Update to add with it (optional)")
            yield TextArea(id="text")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        codes = self.scheme.codes
        options.highlighted = codes.index(self.current) if self.current in codes else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        code = self.scheme.codes[options.highlighted]
        self.dismiss((code, self.query_one(TextArea).text.strip()))


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one of a few named choices (a sort column, a record kind)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="title", markup=False)
            yield OptionList(*[Option(label, id=key) for key, label in self.choices])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class IdentityDialog(FormDialog[tuple[str, str] | None]):
    """Ask who the officer is, once: every change is recorded under their name."""

    DEFAULT_CSS = DIALOG_CSS.format(name="IdentityDialog")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "Who are you? Every change is recorded in the history under your "
                "name. scrutui keeps this in its settings file.",
                classes="title",
            )
            yield Label("Your name")
            yield Input(id="name", placeholder="Tom Hudson")
            yield Label("Your email")
            yield Input(id="email", placeholder="tom.hudson@council.gov.uk")
            yield Static("", classes="error", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        email = self.query_one("#email", Input).value.strip()
        if not name or "@" not in email:
            self.query_one("#error", Static).update("Give your name and your email address.")
            return
        self.dismiss((name, email))


class ConflictDialog(ModalScreen[str | None]):
    """A record changed on disk since it was loaded: nothing was saved; both versions shown.
    With `choose`, the officer keeps theirs (closes) or saves theirs with yours ("mine")."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConflictDialog")
    BINDINGS = [Binding("escape", "dismiss", "Close", id="dialog.close")]

    def __init__(self, error: ChangedOnDisk, *, choose: bool = False) -> None:
        super().__init__()
        self.error = error
        self.choose = choose

    def compose(self) -> ComposeResult:
        lines = describe(diff_records(self.error.mine, self.error.theirs))
        with Vertical():
            yield Static("Not saved: someone else changed this record", classes="title")
            yield Static(str(self.error), markup=False)
            yield Static(
                "Yours (as loaded) -> theirs (on disk now):\n" + "\n".join(lines)
                if lines
                else "The file on disk no longer loads.",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                if self.choose:
                    yield Button("Keep theirs", id="close", variant="primary")
                    yield Button("Save mine over theirs", id="mine")
                else:
                    yield Button("Close", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("mine" if event.button.id == "mine" else None)
