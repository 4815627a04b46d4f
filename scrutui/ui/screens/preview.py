"""The paper for the next meeting, previewed with Textual's Markdown widget."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, MarkdownViewer

from scrutui.papers.convert import convert
from scrutui.papers.render import render
from scrutui.store.service import Service
from scrutui.ui.footer import KeysFooter
from scrutui.ui.screens.base import ScrutuiScreen


def for_preview(markdown: str) -> str:
    """The terminal's tables hold one line per cell: show breaks as ¶ and bullets inline."""
    return markdown.replace("<br><br>", " ¶ ").replace("<br>• ", " • ").replace("<br>", " ")


class PreviewScreen(ScrutuiScreen):
    """The tracker's Markdown paper, as `scrutui render` writes it."""

    GROUP = "paper"
    BINDINGS = [
        Binding("w", "word", "Save as Word", id="paper.word", tooltip="Write the paper as Word"),
        Binding("escape", "app.pop_screen", "Back", id="screen.back", tooltip="Back"),
        # Every key press moves the paper at once (no animation, so a burst is not lost).
        Binding(
            "down,j",
            "scroll(1)",
            "Down",
            id="paper.down",
            show=False,
            priority=True,
            tooltip="A line on",
        ),
        Binding(
            "up,k",
            "scroll(-1)",
            "Up",
            id="paper.up",
            show=False,
            priority=True,
            tooltip="A line back",
        ),
        Binding(
            "pagedown,space",
            "page(1)",
            "Page down",
            id="paper.page_down",
            show=False,
            priority=True,
            tooltip="A screen on",
        ),
        Binding(
            "pageup",
            "page(-1)",
            "Page up",
            id="paper.page_up",
            show=False,
            priority=True,
            tooltip="Back",
        ),
        Binding(
            "home", "top", "Top", id="paper.top", show=False, priority=True, tooltip="The start"
        ),
        Binding(
            "end", "bottom", "End", id="paper.end", show=False, priority=True, tooltip="The end"
        ),
    ]

    def __init__(self, tracker: str) -> None:
        super().__init__()
        self.tracker_name = tracker
        self.markdown: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer("Rendering the paper...", show_table_of_contents=False)
        yield KeysFooter()

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
        self.markdown = markdown
        self.query_one(MarkdownViewer).document.update(for_preview(markdown))
        self.sub_title = "as it will be published; w saves it as Word"

    def action_scroll(self, lines: int) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.scroll_to(y=viewer.scroll_y + lines, animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        viewer = self.query_one(MarkdownViewer)
        step = max(viewer.scrollable_content_region.height - 1, 1)
        viewer.scroll_to(y=viewer.scroll_y + pages * step, animate=False, immediate=True)

    def action_top(self) -> None:
        self.query_one(MarkdownViewer).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one(MarkdownViewer).scroll_end(animate=False)

    def action_word(self) -> None:
        from scrutui.ui.dialogs import PathDialog

        markdown = self.markdown
        state = self.snapshot.tracker(self.tracker_name) if self.snapshot else None
        if markdown is None or state is None or state.tracker is None:
            self.notify("The paper is not ready yet.", severity="warning")
            return
        title = state.tracker.title
        suggested = Path.home() / f"{self.tracker_name}-{self.host.today():%d-%m-%y}.docx"

        def write(path: Path | None) -> None:
            if path is None:
                return

            def job(service: Service) -> Path:
                convert(markdown, "docx", path, title)
                return path

            self.host.read(job, self._written, self._not_written)

        self.app.push_screen(PathDialog("Save the paper as Word", suggested), write)

    def _written(self, path: Path) -> None:
        self.notify(f"Wrote {path}", title="Paper saved", markup=False)

    def _not_written(self, problem: str) -> None:
        self.notify(problem, title="Paper not saved", severity="error", timeout=12, markup=False)
