"""The import's dialogs: which file to read, and one proposal to change before it is added."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from scrutui.domain.edit import parse_value
from scrutui.domain.records import KINDS
from scrutui.domain.validation import Invalid
from scrutui.importers.dates import read_date
from scrutui.importers.proposal import Proposal
from scrutui.ui.dialogs import DIALOG_CSS, FormDialog


class ImportFileDialog(FormDialog[tuple[str, Path] | None]):
    """Ask for the file to import and what it is: minutes, or a tracker table."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ImportFileDialog")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Import records: nothing is added until you confirm.", classes="title")
            yield Label("File (Word, Excel, PDF, HTML, CSV, text or Markdown)")
            yield Input(id="path", placeholder="~/Downloads/minutes-2022-01-17.docx")
            with RadioSet(id="source"):
                yield RadioButton(
                    Content(
                        "Minutes: their actions and decisions (RESOLVED, AGREED, [ACTION] ...)"
                    ),
                    value=True,
                )
                yield RadioButton("A tracker table: Excel, Word, CSV, HTML, or the paper")
                yield RadioButton("An action log or matters arising: updates to records")
            yield Static("", classes="error", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Read (ctrl+s)", id="save", variant="primary")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        path = Path(typed).expanduser()
        if not typed or not path.is_file():
            self.query_one("#error", Static).update(f"No file at {typed!r}." if typed else "")
            return
        source = {1: "table", 2: "log"}.get(self.query_one(RadioSet).pressed_index, "minutes")
        self.dismiss((source, path))


class ProposalDialog(FormDialog[Proposal | None]):
    """Change a proposal's meeting date, item, lead and text before it is added."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ProposalDialog")

    def __init__(self, proposal: Proposal) -> None:
        super().__init__()
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        p = self.proposal
        with Vertical():
            yield Static(f"Proposed {p.kind} ({p.source})", classes="title")
            if p.note:
                yield Static(p.note, classes="error")
            yield Label("Meeting date")
            yield Input(p.meeting.strftime("%d/%m/%Y") if p.meeting else "", id="meeting")
            yield Label("Item")
            yield Input(p.item, id="item")
            yield Label("Lead (two or more: separate them with ;)")
            yield Input("; ".join(p.leads), id="leads")
            yield Label("Text")
            yield TextArea(p.text, id="text")
            yield Static("", classes="error", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Keep (ctrl+s)", id="save", variant="primary")

    def action_save(self) -> None:
        spec = KINDS[self.proposal.kind]
        values: dict[str, Any] = dict(self.proposal.values)
        when = read_date(self.query_one("#meeting", Input).value)  # as councils write dates
        typed = {
            "meeting": when.day.isoformat() if when else self.query_one("#meeting", Input).value,
            "item": self.query_one("#item", Input).value,
            "leads": self.query_one("#leads", Input).value,
            "text": self.query_one("#text", TextArea).text,
        }
        try:
            for name, text in typed.items():
                values[name] = parse_value(spec, name, text)
        except Invalid as problem:
            self.query_one("#error", Static).update(str(problem))
            return
        note = self.proposal.note
        if values.get("meeting") != self.proposal.meeting and "reads two ways" in note:
            note = ""  # the officer has said which date it is
        self.dismiss(replace(self.proposal, values=values, note=note))
