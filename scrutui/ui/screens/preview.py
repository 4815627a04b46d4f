"""The paper for the next meeting, previewed with Textual's Markdown widget."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, MarkdownViewer

from scrutui.papers.render import render
from scrutui.store.service import Service
from scrutui.ui.screens.base import ScrutuiScreen


def for_preview(markdown: str) -> str:
    """The terminal's tables hold one line per cell: show breaks as ¶ and bullets inline."""
    return markdown.replace("<br><br>", " ¶ ").replace("<br>• ", " • ").replace("<br>", " ")


class PreviewScreen(ScrutuiScreen):
    """The tracker's Markdown paper, as `scrutui render` writes it."""

    GROUP = "paper"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back")]

    def __init__(self, tracker: str) -> None:
        super().__init__()
        self.tracker_name = tracker

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer("Rendering the paper...", show_table_of_contents=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Paper: {self.tracker_name}"
        self.refresh_data()

    def refresh_data(self) -> None:
        name, today = self.tracker_name, self.host.today()
        state = self.snapshot.tracker(name) if self.snapshot else None

        def paper(service: Service) -> str:  # rendered in a thread, from the snapshot
            if state is None or state.tracker is None:
                return f"# {name}\n\nThis tracker does not load."
            return render(state.tracker, list(state.records.values()), today=today)

        self.host.read(paper, self._show)

    def _show(self, markdown: str) -> None:
        self.query_one(MarkdownViewer).document.update(for_preview(markdown))
        self.sub_title = "as it will be published (scrutui render writes Word and HTML too)"
