"""The scrutiny annual report as a paper: its charts and tables, in Markdown (with plain-text
charts, or with SVG for HTML and PNG for Word), as JSON, and the trace behind every figure."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrutui.domain.calendar import format_uk
from scrutui.domain.status import StatusScheme
from scrutui.papers.charts import Bar, BarChart, Chart, LineChart, Point, Segment, plain, svg
from scrutui.papers.markdown import cell, inline, table
from scrutui.papers.report import (
    DECISION_NAMES,
    Committee,
    Count,
    Days,
    PeerChallenge,
    Report,
    days_text,
    percent,
)

SHORT = {"Partially Accepted": "Partially"}
_NUMBER = re.compile(r"\d+(\.\d+)?")


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours the charts take from the committees' status scheme."""

    done: str = "green"
    progress: str = "yellow"
    none: str = "red"
    neutral: str = "grey"

    @classmethod
    def from_scheme(cls, scheme: StatusScheme | None) -> Palette:
        if scheme is None or not scheme.statuses:
            return cls()
        done = next((s.colour for s in scheme.statuses if s.complete), "green")
        open_ = [s.colour for s in scheme.statuses if not s.complete]
        return cls(done, open_[-1] if open_ else "yellow", open_[0] if open_ else "red")

    def decision(self, name: str) -> str:
        return {
            "Accepted": self.done,
            "Partially Accepted": self.progress,
            "Rejected": self.none,
        }.get(name, self.neutral)


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def markdown(self) -> str:
        def safe(text: str) -> str:  # a number needs no escaping (and reads the same anywhere)
            return text if _NUMBER.fullmatch(text) else cell(text)

        return table([cell(h) for h in self.headers], [[safe(c) for c in r] for r in self.rows])


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart, and the table of the same numbers printed under it."""

    ident: str
    chart: Chart
    table: Table


_SUFFIXES = (
    " Overview & Scrutiny Committee",
    " Overview and Scrutiny Committee",
    " Scrutiny Committee",
    " Committee",
)


def _short_name(fig: Committee) -> str:
    return short_name(fig.name)


def short_name(name: str) -> str:
    """A committee's name for a chart's bar: 'Place', not 'Place Overview & Scrutiny
    Committee' (the table under the chart has the whole name); where two trackers share a
    committee's name ('... (tracker)'), the tracker's name, which tells them apart."""
    head, paren, rest = name.partition(" (")
    if paren and rest.endswith(")"):
        return rest[:-1]
    for suffix in _SUFFIXES:
        if head.endswith(suffix) and len(head) > len(suffix):
            return head[: -len(suffix)]
    return head


def _count(count: Count) -> str:
    if count.of is None:
        return str(count.value)
    return f"{count.value} ({percent(count.share)})" if count.of else "0"


def figures(report: Report, palette: Palette) -> list[Figure]:
    """The report's four charts, each with its table."""
    committees = report.committees
    out: list[Figure] = []
    # 1. Decisions by committee
    bars = []
    rows = []
    for fig in committees:
        segments = tuple(
            Segment(d, fig.decisions[d].value, palette.decision(d)) for d in DECISION_NAMES
        )
        note = ", ".join(
            f"{fig.decisions[d].value} {SHORT.get(d, d).lower()}"
            for d in DECISION_NAMES
            if fig.decisions[d].value
        )
        bars.append(Bar(_short_name(fig), segments, note or "none made"))
        rows.append(
            (
                fig.name,
                str(fig.recommendations.value),
                *(_count(fig.decisions[d]) for d in DECISION_NAMES),
            )
        )
    if len(committees) > 1:
        t = report.total
        rows.append(
            (
                "All committees",
                str(t.recommendations.value),
                *(_count(t.decisions[d]) for d in DECISION_NAMES),
            )
        )
    out.append(
        Figure(
            "decisions",
            BarChart(
                "Executive decisions on the year's recommendations", tuple(bars), "recommendations"
            ),
            Table(("Committee", "Recommendations", *DECISION_NAMES), tuple(rows)),
        )
    )
    # 2. Days to a response against the due period
    bars, rows = [], []
    for fig in committees:
        for what, days in (
            ("median", fig.days_to_response.median),
            ("longest", fig.days_to_response.longest),
        ):
            label = f"{_short_name(fig)}: {what}"
            if days is None:
                bars.append(Bar(label, (), "no responses yet", fig.period_days or None))
                continue
            within = days <= fig.period_days
            series = "within the due period" if within else "past the due period"
            colour = palette.done if within else palette.none
            bars.append(
                Bar(
                    label,
                    (Segment(series, days, colour),),
                    f"{days_text(days)} days ({'within' if within else 'past'} {fig.period_days})",
                    fig.period_days or None,
                )
            )
        rows.append(
            (
                fig.name,
                f"{fig.response_period} ({fig.period_days} days)",
                str(len(fig.days_to_response.values)),
                days_text(fig.days_to_response.median),
                days_text(fig.days_to_response.longest),
                fig.on_time.text(),
            )
        )
    out.append(
        Figure(
            "days",
            BarChart(
                "Days from the meeting to the executive's response",
                tuple(bars),
                "days",
                "the due period",
            ),
            Table(
                ("Committee", "Due period", "Responses", "Median days", "Longest days", "On time"),
                tuple(rows),
            ),
        )
    )
    # 3. Open recommendations at each meeting
    meetings = report.total.open_at
    who = {
        day: ", ".join(f.name for f in committees if any(m == day for m, _ in f.open_at))
        for day, _ in meetings
    }
    out.append(
        Figure(
            "open",
            LineChart(
                "Open recommendations at each meeting of the year",
                tuple(Point(format_uk(day), count.value) for day, count in meetings),
                "open (not complete) recommendations, every committee",
                palette.progress,
            ),
            Table(
                ("Meeting", "Committees meeting", "Open recommendations"),
                tuple((format_uk(day), who[day], str(count.value)) for day, count in meetings),
            ),
        )
    )
    # 4. Implementation at 6 and 12 months
    bars, rows = [], []
    for fig in committees:
        for months, count in ((6, fig.implemented_6), (12, fig.implemented_12)):
            of = count.of or 0
            segments = (
                Segment("complete by then", count.value, palette.done),
                Segment("not complete by then", of - count.value, palette.none),
            )
            note = count.text() if of else "none due yet"
            label = f"{_short_name(fig)}: {months} months"
            bars.append(Bar(label, segments if of else (), note))
        rows.append((fig.name, _impl(fig.implemented_6), _impl(fig.implemented_12)))
    if len(committees) > 1:
        t = report.total
        rows.append(("All committees", _impl(t.implemented_6), _impl(t.implemented_12)))
    out.append(
        Figure(
            "implementation",
            BarChart(
                "Accepted recommendations complete 6 and 12 months after the meeting",
                tuple(bars),
                "recommendations",
            ),
            Table(("Committee", "Complete at 6 months", "Complete at 12 months"), tuple(rows)),
        )
    )
    return out


def _impl(count: Count) -> str:
    return count.text() if count.of else "none due yet"


# The figures, as rows -----------------------------------------------------------------------


def figure_rows(fig: Committee) -> list[tuple[str, str, str]]:
    """(key, label, value) of every figure of a committee (or the total), in report order."""
    rows = [("recommendations", "Recommendations made", str(fig.recommendations.value))]
    for d in DECISION_NAMES:
        rows.append((f"decisions.{d}", f"Executive decision: {d.lower()}", fig.decisions[d].text()))
    rows += [
        ("on_time", "Responses on time (of those due)", fig.on_time.text()),
        ("late", "Responses late", fig.late.text()),
        ("undated", "Responses with no date recorded", str(fig.undated.value)),
        ("days_to_response", "Days to a response", _days(fig.days_to_response)),
        ("outstanding", "Responses outstanding", str(fig.outstanding.value)),
        ("overdue", "of which overdue, and by how many days", _overdue(fig.overdue)),
        ("not_yet_due", "of which not yet due", str(fig.not_yet_due.value)),
        (
            "implemented_6",
            "Accepted, complete 6 months after the meeting",
            _impl(fig.implemented_6),
        ),
        (
            "implemented_12",
            "Accepted, complete 12 months after the meeting",
            _impl(fig.implemented_12),
        ),
        ("actions", "Actions agreed", str(fig.actions.value)),
        ("actions_completed", "Actions completed", fig.actions_completed.text()),
        (
            "not_reviewed",
            "Open records not reviewed for more than two meetings",
            str(fig.not_reviewed.value),
        ),
    ]
    return rows


def _days(days: Days) -> str:
    if not days.values:
        return "–"
    return f"median {days_text(days.median)}, longest {days_text(days.longest)}"


def _overdue(days: Days) -> str:
    if not days.values:
        return "0"
    count = len(days.values)
    return f"{count}, median {days_text(days.median)}, longest {days_text(days.longest)}"


def _evidence(fig: Committee, key: str) -> list[str]:
    if key.startswith("decisions."):
        return [str(e) for e in fig.decisions[key.split(".", 1)[1]].evidence]
    value = getattr(fig, key)
    rest = [f"not counted: {e}" for e in getattr(value, "rest", [])]
    return [str(e) for e in value.evidence] + rest


def peer_rows(fig: PeerChallenge) -> list[tuple[str, str, str]]:
    return [
        ("actions", "Actions in the plan", str(fig.actions.value)),
        ("complete", "Complete", fig.complete.text()),
        ("ongoing", "Ongoing", fig.ongoing.text()),
        ("past_target", "Ongoing and past their target date", fig.past_target.text()),
        ("no_target_date", "Ongoing with no target date", fig.no_target_date.text()),
    ]


# Markdown -----------------------------------------------------------------------------------

RULES = """\
- A recommendation counts in the year its meeting falls in. Archived records count; deleted \
ones do not; exempt (closed session) records are left out of every published output.
- A response is recorded on the record's `responded` date if it has one, else on the day of \
the commit that first gave it a decision or a response (a later change of decision keeps that \
day). It is on time if recorded by the due date: the meeting plus the committee's response \
period, or the record's own `response_due`. Shares of responses are of those recorded or past \
their due date.
- A recommendation that came into scrutui with its decision already made (imported, or \
typed in after the response) has no known response date until its `responded` date is set: \
it is counted as answered, but not as on time or late.
- A recommendation is complete on its `completed` date, else the day of the commit that marked \
it complete. Implementation counts accepted and partially accepted recommendations whose 6 or \
12 months have passed.
- The oldest outstanding recommendations: those not complete, archived or rejected, oldest \
meeting first, with their leads.
- Records not reviewed for more than two meetings: open records whose last review (or, never \
reviewed, whose meeting) came before more than two of the committee's meetings.
- A peer-challenge action is past its target when it is not complete and its target names a \
date (a month counts to its last day) that has passed. The LGA milestones: an action plan \
within three months of the challenge, a progress review about ten months after (held within \
eleven), and its report within twelve."""


def markdown(
    report: Report,
    palette: Palette,
    *,
    chart: Callable[[Figure, int], str] | None = None,
    explain: bool = False,
    title: str = "Scrutiny annual report",
) -> str:
    """The report as Markdown. `chart(figure, n)` writes each chart's block (default: a
    plain-text chart in a code block)."""
    chart = chart or _text_block
    period = report.period
    lines = [f"# {inline(title)} {inline(period.label)}", ""]
    lines.append(
        f"Overview and scrutiny recommendations made from {period.start:%-d %B %Y} to "
        f"{period.end:%-d %B %Y}, and what came of them, from the trackers' history as it "
        f"stood on {report.as_of:%-d %B %Y}."
    )
    lines.append("")
    if report.include_exempt:
        lines += ["**Includes exempt (closed session) records: not for publication.**", ""]
    for name in report.skipped:
        lines += [f"*{inline(name)} is left out: it does not load (`scrutui validate`).*", ""]
    if report.committees and report.total.recommendations.value == 0:
        held = ", ".join(report.years) if report.years else "none"
        lines += [
            f"No recommendations were made in {inline(period.label)}. The years that hold "
            f"recommendations: {inline(held)} (`scrutui report --year YYYY/YY`).",
            "",
        ]
    if report.committees:
        lines += ["## The year in figures", ""]
        headers = ("Figure", *(c.name for c in report.committees))
        if len(report.committees) > 1:
            headers = (*headers, "All committees")
        columns = [figure_rows(c) for c in report.committees]
        if len(report.committees) > 1:
            columns.append(figure_rows(report.total))
        table = Table(
            headers,
            tuple(
                (label, *(col[n][2] for col in columns))
                for n, (_, label, _) in enumerate(columns[0])
            ),
        )
        lines += [table.markdown(), ""]
        lines += ["## Charts", ""]
        for n, figure in enumerate(figures(report, palette), start=1):
            lines += [f"### Figure {n}: {inline(figure.chart.title)}", ""]
            lines += [chart(figure, n), ""]
            lines += [figure.table.markdown(), ""]
    else:
        lines += ["No committee trackers were reported on.", ""]
    for peer in report.peer:
        lines += [f"## Peer challenge: {inline(peer.name)}", ""]
        lines += [
            Table(
                ("Actions", "Number"), tuple((label, value) for _, label, value in peer_rows(peer))
            ).markdown(),
            "",
        ]
        lines += [
            Table(
                ("LGA milestone", "Due by", "Held or published", "Met"),
                tuple(
                    (
                        m.name,
                        format_uk(m.due) if m.due else "–",
                        format_uk(m.done) if m.done else "not recorded",
                        m.state,
                    )
                    for m in peer.milestones
                ),
            ).markdown(),
            "",
        ]
    if report.committees:
        lines += ["## The oldest outstanding recommendations", ""]
        if report.oldest:
            lines += [
                Table(
                    ("Recommendation", "Committee", "Meeting", "Days open", "Decision", "Lead"),
                    tuple(
                        (
                            f"{o.record_id}: {_short(o.summary)}",
                            o.committee,
                            format_uk(o.meeting),
                            str(o.days_open),
                            o.decision,
                            "; ".join(o.leads) or "none named",
                        )
                        for o in report.oldest
                    ),
                ).markdown(),
                "",
            ]
        else:
            lines += ["None: every recommendation is complete.", ""]
    lines += ["## How the figures are counted", "", RULES, ""]
    if explain:
        lines += explain_markdown(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _text_block(figure: Figure, n: int) -> str:
    return "```text\n" + plain(figure.chart) + "\n```"


def svg_block(figure: Figure, n: int) -> str:
    """The chart as inline SVG (raw HTML for pandoc's HTML)."""
    return svg(figure.chart, f"figure-{n}").rstrip("\n")


def png_blocks(folder: Path) -> Callable[[Figure, int], str]:
    """Each chart written as a PNG in `folder` and referenced as an image (for Word)."""
    from scrutui.papers.chart_png import png

    def block(figure: Figure, n: int) -> str:
        path = folder / f"figure-{n}.png"
        path.write_bytes(png(figure.chart))
        return f"![Figure {n}: {inline(figure.chart.title)}]({path.as_posix()})"

    return block


def explain_markdown(report: Report) -> list[str]:
    """Every figure that counts any record, with the records (and commits) behind it."""
    lines = ["## Where each figure comes from", ""]

    def section(title: str, entries: list[str]) -> None:
        if entries:
            lines.extend([f"### {title}", "", *(f"- {inline(e)}" for e in entries), ""])

    for fig in [*report.committees, *([report.total] if len(report.committees) > 1 else [])]:
        name = inline(fig.name)
        for key, label, value in figure_rows(fig):
            section(f"{name}: {inline(label)}: {inline(value)}", _evidence(fig, key))
        for day, count in fig.open_at:
            section(
                f"{name}: open at the meeting of {format_uk(day)}: {count.value}",
                [str(e) for e in count.evidence],
            )
    for peer in report.peer:
        for key, label, value in peer_rows(peer):
            section(
                f"{inline(peer.name)}: {inline(label)}: {inline(value)}",
                [str(e) for e in getattr(peer, key).evidence],
            )
    if len(lines) == 2:
        lines += ["No figure counts any record.", ""]
    return lines


# JSON ---------------------------------------------------------------------------------------


def _count_json(count: Count, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"count": count.value}
    if count.of is not None:
        out["of"] = count.of
        out["share"] = None if count.share is None else round(count.share, 4)
    if explain:
        out["records"] = [
            {"tracker": e.tracker, "id": e.record_id, "note": e.note} for e in count.evidence
        ]
        if count.rest:
            out["not_counted"] = [
                {"tracker": e.tracker, "id": e.record_id, "note": e.note} for e in count.rest
            ]
    return out


def _days_json(days: Days, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "count": len(days.values),
        "median": days.median,
        "longest": days.longest,
    }
    if explain:
        out["records"] = [
            {"tracker": e.tracker, "id": e.record_id, "days": d, "note": e.note}
            for d, e in sorted(days.values, key=lambda v: (-v[0], v[1].record_id))
        ]
    return out


def committee_json(fig: Committee, explain: bool) -> dict[str, Any]:
    def c(count: Count) -> dict[str, Any]:
        return _count_json(count, explain)

    return {
        **({"tracker": fig.tracker} if fig.tracker else {}),
        "name": fig.name,
        "response_period": fig.response_period,
        "recommendations": c(fig.recommendations),
        "decisions": {d: c(fig.decisions[d]) for d in DECISION_NAMES},
        "responses": {
            "due": fig.responses_due,
            "on_time": c(fig.on_time),
            "late": c(fig.late),
            "days_to_response": _days_json(fig.days_to_response, explain),
            "outstanding": c(fig.outstanding),
            "overdue": _days_json(fig.overdue, explain),
            "not_yet_due": c(fig.not_yet_due),
            "undated": c(fig.undated),
        },
        "implementation": {
            "six_months": c(fig.implemented_6),
            "twelve_months": c(fig.implemented_12),
        },
        "actions": {"agreed": c(fig.actions), "completed": c(fig.actions_completed)},
        "not_reviewed_for_more_than_two_meetings": c(fig.not_reviewed),
        "open_at_meetings": [
            {"meeting": day.isoformat(), **c(count)} for day, count in fig.open_at
        ],
    }


def peer_json(fig: PeerChallenge, explain: bool) -> dict[str, Any]:
    return {
        "tracker": fig.tracker,
        "name": fig.name,
        **{key: _count_json(getattr(fig, key), explain) for key, _, _ in peer_rows(fig)},
        "milestones": [
            {
                "name": m.name,
                "due": m.due.isoformat() if m.due else None,
                "done": m.done.isoformat() if m.done else None,
                "state": m.state,
            }
            for m in fig.milestones
        ],
    }


def report_json(report: Report, *, explain: bool = False) -> str:
    data: dict[str, Any] = {
        "period": {
            "label": report.period.label,
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
        },
        "as_of": report.as_of.isoformat(),
        "include_exempt": report.include_exempt,
        "skipped": report.skipped,
        "years_with_recommendations": report.years,
        "committees": [committee_json(c, explain) for c in report.committees],
        "total": committee_json(report.total, explain),
        "peer_challenges": [peer_json(p, explain) for p in report.peer],
        "oldest_outstanding": [
            {
                "tracker": o.tracker,
                "id": o.record_id,
                "meeting": o.meeting.isoformat(),
                "days_open": o.days_open,
                "decision": o.decision,
                "leads": list(o.leads),
                "text": o.summary,
            }
            for o in report.oldest
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
