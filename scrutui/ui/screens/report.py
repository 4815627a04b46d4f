"""The scrutiny annual report on screen: the year's figures and the terminal charts, drawn from
the app's snapshot and the history a worker reads (the same figures as `scrutui report`)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from scrutui.domain.calendar import format_uk
from scrutui.papers.annual import Palette, figure_rows, figures, peer_rows, short_name
from scrutui.papers.charts import text_lines
from scrutui.papers.report import (
    Period,
    Report,
    build_report,
    chart_scheme,
    inputs,
    last_complete_year,
    year_period,
)
from scrutui.store.service import Service
from scrutui.store.trail import Trail, WorkspaceSettings, read_trail, workspace_settings
from scrutui.ui.screens.base import ScrutuiScreen
from scrutui.ui.styles import plain

CHART_WIDTH = 74  # inside the screen's 80 columns, with the scroll bar and padding


@dataclass(frozen=True, slots=True)
class History:
    """What the worker read: the trail and the workspace's settings (or why it could not)."""

    trail: Trail | None
    settings: WorkspaceSettings
    error: str = ""


def _read(service: Service) -> History:
    try:
        settings = workspace_settings(service.root)
    except Exception as error:  # a bad scrutui.toml: the report on 1 May, and why
        return History(read_trail(service.repo), WorkspaceSettings(), str(error))
    return History(read_trail(service.repo), settings)


def _colour(colour: str | None) -> str:
    """A scheme colour as the foreground of a plain-text chart's blocks."""
    if colour is None:
        return ""
    return {"amber": "dark_orange", "grey": "grey50", "gray": "grey50"}.get(colour, colour)


def renderables(report: Report, palette: Palette) -> list[RenderableType]:
    """The report for the terminal: the figures, each chart with its table, the rest."""
    out: list[RenderableType] = []
    columns = [report.total] if len(report.committees) > 1 else []
    for fig in [*columns, *report.committees]:
        table = Table(
            title=plain(fig.name), title_justify="left", expand=True, box=None, show_header=False
        )
        table.add_column("Figure", ratio=3)
        table.add_column("", justify="right", ratio=1)
        for _, label, value in figure_rows(fig):
            table.add_row(label, value)
        out += [table, Text("")]
    for n, figure in enumerate(figures(report, palette), start=1):
        chart = Text()
        for line in text_lines(figure.chart, CHART_WIDTH):
            for run in line:
                chart.append(run.text, style=_colour(run.colour))
            chart.append("\n")
        chart.stylize("bold", 0, len(figure.chart.title))
        table = Table(expand=True, box=None, show_edge=False)
        for header in figure.table.headers:
            table.add_column(header, overflow="fold")
        for row in figure.table.rows:
            table.add_row(short_name(row[0]), *row[1:])
        out += [Text(f"Figure {n}", style="dim"), chart, table, Text("")]
    for peer in report.peer:
        table = Table(
            title=plain(peer.name), title_justify="left", expand=True, box=None, show_header=False
        )
        table.add_column("Peer challenge", ratio=3)
        table.add_column("", justify="right", ratio=1)
        for _, label, value in peer_rows(peer):
            table.add_row(label, value)
        for milestone in peer.milestones:
            table.add_row(milestone.name, milestone.text())
        out += [table, Text("")]
    if report.oldest:
        table = Table(
            title="The oldest outstanding recommendations",
            title_justify="left",
            expand=True,
            box=None,
        )
        for header in ("Recommendation", "Meeting", "Days", "Lead"):
            table.add_column(header, overflow="fold")
        for o in report.oldest:
            table.add_row(
                o.record_id, format_uk(o.meeting), str(o.days_open), "; ".join(o.leads) or "–"
            )
        out.append(table)
    return out


class ReportScreen(ScrutuiScreen):
    """The year's figures and charts, every committee and peer challenge."""

    GROUP = "report"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="report.back", tooltip="Back"),
        Binding(
            "left_square_bracket",
            "year(-1)",
            "Year before",
            id="report.earlier",
            key_display="[",
            tooltip="The municipal year before",
        ),
        Binding(
            "right_square_bracket",
            "year(1)",
            "Year after",
            id="report.later",
            key_display="]",
            tooltip="The municipal year after",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.history: History | None = None
        self.period: Period | None = None
        self._read_for: int | None = None  # the snapshot generation the history was read at

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the history...", id="about")
        with VerticalScroll(id="report"):
            yield Static(id="body")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Scrutiny annual report"
        self.query_one(VerticalScroll).focus()  # arrows and page keys scroll the report
        self.refresh_data()

    def _read_history(self) -> None:
        """Read the trail on a worker (again after every change: only the new commits)."""
        generation = self.snapshot.generation if self.snapshot else None
        if generation != self._read_for:
            self._read_for = generation
            self.host.read(_read, self._read_done)

    def _read_done(self, history: History) -> None:
        self.history = history
        if self.period is None:
            self.period = last_complete_year(self.host.today(), history.settings.year_starts)
        self.refresh_data()

    def action_year(self, step: int) -> None:
        if self.period is None or self.history is None:
            return
        first = self.period.start.year + step
        label = f"{first}/{(first + 1) % 100:02d}"
        self.period = year_period(label, self.history.settings.year_starts)
        self.refresh_data()

    def refresh_data(self) -> None:
        self._read_history()
        if self.snapshot is None or self.history is None or self.period is None:
            return
        if self.history.trail is None:
            return
        today = self.host.today()
        sources, skipped = inputs(self.snapshot.trackers, self.history.trail)
        report = build_report(
            sources,
            self.period,
            today,
            skipped=skipped,
            starts=self.history.settings.year_starts,
        )
        about = (
            f"{self.period.label}: recommendations made {format_uk(self.period.start)} to "
            f"{format_uk(self.period.end)}, as they stand on {format_uk(today)}. "
            "[ and ] change the year; `scrutui report` writes it for the council."
        )
        if report.committees and report.total.recommendations.value == 0 and report.years:
            about += f" Years with recommendations: {', '.join(report.years)}."
        if self.history.error:
            about += f" ({self.history.error})"
        self.query_one("#about", Static).update(Text(about))
        self.query_one("#body", Static).update(
            Group(*renderables(report, Palette.from_scheme(chart_scheme(sources))))
        )
