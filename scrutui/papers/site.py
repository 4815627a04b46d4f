"""A public website of the trackers: `scrutui publish OUT`.

Plain HTML and one style sheet, no script: an index of the trackers; for each tracker its
current paper, each published meeting paper (the tracker as it stood at that meeting) and a
page per record with its dated updates; the scrutiny annual report of each municipal year,
its charts as inline SVG. Exempt (closed session) records are on no page and in no figure.
Every link is relative, so the folder can be copied to any web server or opened from disk;
the same workspace gives the same files, byte for byte. Pages are written to meet WCAG 2.2
AA: a skip link, landmarks, headings in order, the language, visible focus, table headers,
colour never the only signal, and a print style.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrutui.domain.calendar import format_uk
from scrutui.domain.meeting import Meeting
from scrutui.domain.records import Record, sort_key
from scrutui.domain.status import StatusScheme
from scrutui.domain.tracker import Tracker
from scrutui.papers.convert import fragment, html_finish
from scrutui.papers.layout import Layout, fill_of, layout_for, text_on
from scrutui.papers.markdown import links
from scrutui.papers.render import render

STYLE = Path(__file__).parent / "site.css"
KIND_LABEL = {
    "committee": "Action and recommendation tracker",
    "peer-challenge": "Peer challenge action plan",
    "engagement": "Engagement log (you said, we did)",
}


@dataclass(frozen=True, slots=True)
class MeetingPaper:
    """A meeting's paper: the tracker and its records as they stood on the meeting's day."""

    day: date
    tracker: Tracker
    records: tuple[Record, ...]


@dataclass
class TrackerSite:
    """What one tracker's pages are made from."""

    name: str
    tracker: Tracker
    records: list[Record]
    meetings: list[MeetingPaper] = field(default_factory=list)
    missing: list[date] = field(default_factory=list)  # meetings before the history starts


@dataclass(frozen=True, slots=True)
class AnnualReportPage:
    """One municipal year's annual report: its Markdown, charts as inline SVG (see
    `scrutui.papers.annual`), and the status scheme its charts take their colours from."""

    label: str  # the municipal year, "2023/24"
    markdown: str
    scheme: StatusScheme
    to_date: bool = False  # the year is not over yet

    @property
    def file(self) -> str:
        return f"annual-report-{self.label.replace('/', '-')}.html"

    @property
    def title(self) -> str:
        return f"Scrutiny annual report {self.label}" + (" (to date)" if self.to_date else "")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _linked(text: str) -> str:
    """Text as HTML, its web and email addresses as links."""
    out = []
    for kind, piece in links(text):
        if kind == "text":
            out.append(_e(piece))
        elif kind == "email":
            out.append(f'<a href="mailto:{_e(piece)}">{_e(piece)}</a>')
        else:
            href = piece if "://" in piece else f"http://{piece}"
            out.append(f'<a href="{_e(href)}">{_e(piece)}</a>')
    return "".join(out)


def _paragraphs(text: str) -> str:
    blocks = [b for b in re.split(r"\n[ \t]*\n", text.strip()) if b.strip()]
    return "\n".join(
        "<p>"
        + "<br>\n".join(_linked(line.strip()) for line in b.splitlines() if line.strip())
        + "</p>"
        for b in blocks
    )


def _page(title: str, body: str, *, depth: int, crumbs: Sequence[tuple[str, str]]) -> str:
    """A whole page: `depth` folders below the site's root; `crumbs` (label, href) lead
    from the index to this page (the last one is this page and is not a link)."""
    up = "../" * depth
    trail = []
    for n, (label, href) in enumerate(crumbs):
        if n == len(crumbs) - 1:
            trail.append(f'<li aria-current="page">{_e(label)}</li>')
        else:
            trail.append(f'<li><a href="{_e(href)}">{_e(label)}</a></li>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n"
        f'<link rel="stylesheet" href="{up}style.css">\n</head>\n<body>\n'
        '<a class="skip" href="#content">Skip to content</a>\n'
        '<header class="site">\n'
        f'<p class="site-name"><a href="{up}index.html">Scrutiny trackers</a></p>\n'
        '<nav aria-label="Breadcrumb"><ol class="crumbs">'
        + "".join(trail)
        + "</ol></nav>\n</header>\n"
        f'<main id="content" tabindex="-1">\n{body}\n</main>\n'
        '<footer class="site"><p>Published with scrutui. Records held in closed session are '
        "not published.</p></footer>\n</body>\n</html>\n"
    )


def _status_css(trackers: Iterable[Tracker]) -> str:
    """The status colours of every scheme, by class `status-<tracker>-<n>`."""
    rules = []
    for tracker in trackers:
        for n, status in enumerate(tracker.scheme.statuses, start=1):
            fill = fill_of(status.colour)
            rules.append(
                f".t-{tracker.name} td.status-{n}, .t-{tracker.name} .badge.status-{n} "
                f"{{ background: #{fill.lower()}; color: #{text_on(fill).lower()}; }}"
            )
    return "\n".join(rules) + "\n"


def _paper_html(tracker: Tracker, records: Sequence[Record], day: date | None, today: date) -> str:
    markdown = render(tracker, records, today=today, meeting=day)
    meeting = Meeting.for_paper(tracker, day, today)
    body = fragment(markdown, layout_for(tracker, meeting))
    return html_finish(body, layout_for(tracker, meeting))


def _public(records: Iterable[Record], exempt: set[str]) -> list[Record]:
    return sorted(
        (r for r in records if not r.exempt and r.id not in exempt), key=lambda r: sort_key(r.id)
    )


def _record_page(site: TrackerSite, record: Record) -> str:
    tracker = site.tracker
    spec = record.spec
    rows = []
    for f in spec.fields:
        if f.name in ("updates", "exempt", "archived", "answers", "said", "bullets"):
            continue
        value = record.get(f.name)
        if value in (None, "", (), False):
            continue
        if f.type == "date":
            shown = _e(format_uk(value))
        elif f.type == "status":
            status = tracker.scheme.get(value)
            n = tracker.scheme.codes.index(value) + 1 if status else 0
            label = f"{status.label} ({value})" if status and status.label != value else value
            shown = f'<span class="badge status-{n}">{_e(label)}</span>'
        elif f.type == "names":
            shown = _e("; ".join(value))
        elif f.type == "bool":
            shown = "Yes"
        elif isinstance(value, str) and "\n" in value.strip():
            shown = _paragraphs(value)
        else:
            shown = _linked(str(value))
        rows.append(f"<dt>{_e(f.label)}</dt>\n<dd>{shown}</dd>")
    if record.archived:
        rows.append("<dt>Archived</dt>\n<dd>Yes: no longer on the tracker's paper</dd>")
    parts = [f"<h1>{_e(spec.label)} {_e(record.id)}</h1>"]
    parts.append('<h2>Details</h2>\n<dl class="fields">\n' + "\n".join(rows) + "\n</dl>")
    if record.bullets:
        parts.append(
            "<h2>The peers' recommendations</h2>\n<ul>"
            + "".join(f"<li>{_linked(b)}</li>" for b in record.bullets)
            + "</ul>"
        )
    if record.said:
        parts.append(
            "<h2>You said</h2>\n<ul>"
            + "".join(f"<li>{_linked(s)}</li>" for s in record.said)
            + "</ul>"
        )
    if record.answers:
        items = []
        for a in record.answers:
            kind = f"<strong>{_e(a.type)}:</strong> " if a.type else ""
            items.append(f"<li>{kind}{_linked(a.text)}</li>")
        parts.append("<h2>We did</h2>\n<ul>" + "".join(items) + "</ul>")
    if record.kind in ("recommendation", "action"):
        if record.updates:
            items = [
                f'<li><h3><time datetime="{u.date.isoformat()}">'
                f"{_e(u.date.strftime('%d %B %Y').lstrip('0'))}</time></h3>\n"
                f"{_paragraphs(u.text)}</li>"
                for u in sorted(record.updates, key=lambda u: u.date)
            ]
            parts.append('<h2>Updates</h2>\n<ol class="updates">' + "\n".join(items) + "</ol>")
        else:
            parts.append("<h2>Updates</h2>\n<p>No updates yet.</p>")
    shown_on = [m for m in site.meetings if any(r.id == record.id for r in m.records)]
    if shown_on:
        parts.append(
            '<h2>Meeting papers</h2>\n<ul class="links">'
            + "".join(
                f'<li><a href="../{_meeting_file(m.day)}">{_e(_long(m.day))}</a></li>'
                for m in shown_on
            )
            + "</ul>"
        )
    return "\n".join(parts)


def _long(day: date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")


def _meeting_file(day: date) -> str:
    return f"meeting-{day.isoformat()}.html"


def _tracker_page(site: TrackerSite, today: date) -> str:
    tracker = site.tracker
    paper = _paper_html(tracker, site.records, None, today)
    parts = [f'<div class="paper t-{tracker.name}">\n{paper}\n</div>']
    if site.meetings or site.missing:
        items = "".join(
            f'<li><a href="{_meeting_file(m.day)}">The paper for the meeting on '
            f"{_e(_long(m.day))}</a></li>"
            for m in sorted(site.meetings, key=lambda m: m.day, reverse=True)
        )
        parts.append(f'<h2>Meeting papers</h2>\n<ul class="links">{items}</ul>')
        if site.missing:
            days = ", ".join(_long(d) for d in site.missing)
            parts.append(f"<p>No paper is published for {_e(days)}: the history starts later.</p>")
    live = [r for r in site.records if not r.archived]
    archived = [r for r in site.records if r.archived]
    for title, chosen in (("Records", live), ("Archived records", archived)):
        if not chosen:
            continue
        items = "".join(
            f'<li><a href="records/{_e(r.id)}.html">{_e(r.id)}</a>: {_e(_short(r.summary))}</li>'
            for r in chosen
        )
        parts.append(f'<h2>{title}</h2>\n<ul class="links">{items}</ul>')
    return "\n".join(parts)


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _report_page(report: AnnualReportPage) -> str:
    layout = Layout(
        title=report.title,
        heading="Scrutiny annual report",
        when=f"Municipal year {report.label}",
        scheme=report.scheme,
        orientation="portrait",
    )
    note = (
        f'<p class="note">The municipal year {_e(report.label)} is not over: the figures are '
        "those so far.</p>\n"
        if report.to_date
        else ""
    )
    return f'{note}<div class="report">\n{fragment(report.markdown, layout)}\n</div>'


def _reports_list(reports: Sequence[AnnualReportPage]) -> str:
    if not reports:
        return ""
    items = "\n".join(
        f'<li><a href="{_e(r.file)}">{_e(r.title)}</a></li>'
        for r in sorted(reports, key=lambda r: r.label, reverse=True)
    )
    return (
        "\n<h2>Scrutiny annual reports</h2>\n<p>What the committees recommended each "
        "municipal year and what came of it, from the trackers' history.</p>\n"
        f'<ul class="links">{items}</ul>'
    )


def _index(sites: Sequence[TrackerSite], as_at: date) -> str:
    headings = [s.tracker.heading for s in sites]
    items = []
    for site in sites:
        tracker = site.tracker
        name = tracker.heading
        if headings.count(name) > 1:  # two trackers of one committee: named by their folder
            name = f"{name} ({site.name})"
        live = [r for r in site.records if not r.archived]
        tracked = [r for r in live if r.spec.spec("status") is not None]
        facts = [KIND_LABEL.get(tracker.kind, tracker.kind)]
        facts += [tracker.council] if tracker.council else []
        counts = f"{_plural(len(tracked), 'record')}"
        if any(r.status for r in tracked):
            open_ = sum(1 for r in tracked if not tracker.scheme.is_complete(r.status))
            counts += f", {open_} not complete"
        if site.meetings:
            counts += f"; {_plural(len(site.meetings), 'meeting paper')}"
        items.append(
            f'<li><h2><a href="{_e(site.name)}/index.html">{_e(name)}</a></h2>\n'
            f"<p>{_e(', '.join(facts))}. {_e(counts)}.</p></li>"
        )
    return (
        "<h1>Scrutiny trackers</h1>\n"
        f"<p>The trackers as they stood on {_e(_long(as_at))}.</p>\n"
        '<ul class="trackers">' + "\n".join(items) + "</ul>"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def publish(
    out: Path,
    sites: Sequence[TrackerSite],
    as_at: date,
    reports: Sequence[AnnualReportPage] = (),
) -> list[Path]:
    """Write the site into `out` (made if need be; files scrutui wrote there before are
    replaced, nothing else is touched), with an annual report page for each of `reports`.
    Returns the pages written, in order."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)

    sites = sorted(sites, key=lambda s: s.name)
    css = STYLE.read_text(encoding="utf-8") + "\n" + _status_css(s.tracker for s in sites)
    write(out / "style.css", css)
    index = _index(sites, as_at) + _reports_list(reports)
    write(out / "index.html", _page("Scrutiny trackers", index, depth=0, crumbs=[("Trackers", "")]))
    for report in reports:
        write(
            out / report.file,
            _page(
                report.title,
                _report_page(report),
                depth=0,
                crumbs=[("Trackers", "index.html"), (f"Annual report {report.label}", "")],
            ),
        )
    for site in sites:
        tracker = site.tracker
        folder = out / site.name
        if (folder / "records").is_dir():
            shutil.rmtree(folder / "records")  # records since made exempt or deleted go
        home = ("Trackers", "../index.html")
        write(
            folder / "index.html",
            _page(
                tracker.title,
                _tracker_page(site, as_at),
                depth=1,
                crumbs=[home, (tracker.heading, "")],
            ),
        )
        for paper in site.meetings:
            body = _paper_html(paper.tracker, paper.records, paper.day, paper.day)
            body = (
                f'<p class="note">The tracker as it stood at the meeting on '
                f"{_e(_long(paper.day))}.</p>\n"
                f'<div class="paper t-{tracker.name}">\n{body}\n</div>'
            )
            write(
                folder / _meeting_file(paper.day),
                _page(
                    f"{tracker.heading}: meeting on {_long(paper.day)}",
                    body,
                    depth=1,
                    crumbs=[
                        home,
                        (tracker.heading, "index.html"),
                        (f"Meeting {_long(paper.day)}", ""),
                    ],
                ),
            )
        for record in site.records:
            write(
                folder / "records" / f"{record.id}.html",
                _page(
                    f"{record.id}: {_short(record.summary, 60)}",
                    f'<div class="t-{tracker.name}">\n{_record_page(site, record)}\n</div>',
                    depth=2,
                    crumbs=[
                        ("Trackers", "../../index.html"),
                        (tracker.heading, "../index.html"),
                        (record.id, ""),
                    ],
                ),
            )
    return written


def site_for(
    name: str,
    tracker: Tracker,
    records: Iterable[Record],
    meetings: Iterable[MeetingPaper],
    missing: Iterable[date] = (),
) -> TrackerSite:
    """A tracker's pages with every exempt record left out: exempt now, or at a meeting."""
    records = list(records)
    exempt = {r.id for r in records if r.exempt}
    papers = list(meetings)
    for paper in papers:
        exempt |= {r.id for r in paper.records if r.exempt}
    public = [MeetingPaper(m.day, m.tracker, tuple(_public(m.records, exempt))) for m in papers]
    return TrackerSite(name, tracker, _public(records, exempt), public, sorted(missing))
