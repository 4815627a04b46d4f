"""A "you said, we did" engagement log, laid out as the published summary of actions."""

from __future__ import annotations

from collections.abc import Sequence

from scrutui.domain.meeting import Row
from scrutui.domain.records import Answer, Record
from scrutui.domain.tracker import Tracker
from scrutui.papers.markdown import BR, block, cell, inline, table

HEADINGS = (
    "Pledge area",
    "You said: Comment/Questions/Ideas(s)",
    "We did: Actions/Revisions",
)


def _answer(answer: Answer) -> str:
    text = f"{answer.type}: {answer.text}" if answer.type else answer.text
    return "• " + cell(text)


def _said(record: Record) -> str:
    head = [f"**{inline(record.topic)}**"] if record.topic else []
    return BR.join(head + ["• " + cell(item) for item in record.said])


def render_engagement(tracker: Tracker, rows: Sequence[Row]) -> str:
    records = [r.record for r in rows]
    lines = [f"**{inline(tracker.subtitle)}**", ""] if tracker.subtitle else []
    lines += [f"# {inline(tracker.title)}", ""]
    if tracker.explanation:
        lines += [block(tracker.explanation), ""]
    organisations = list(
        dict.fromkeys([a.organisation for a in tracker.areas] + [r.organisation for r in records])
    )
    for organisation in organisations:
        lines += [f"## {inline(organisation or 'Other')}", ""]
        areas = [a for a in tracker.areas if a.organisation == organisation]
        for area in areas:
            lines += [f"**{inline(area.name)}**", ""]
            lines += [f"- {inline(pledge)}" for pledge in area.pledges]
            lines += [""]
        mine = [r for r in records if r.organisation == organisation]
        if not mine:
            continue
        body, previous = [], None
        for record in mine:
            # an area carried on from the row above, or inferred where the paper leaves the
            # cell blank, is not printed
            shown = record.area != previous and not record.area_inferred
            body.append(
                [
                    inline(record.area) if shown else "",
                    _said(record),
                    BR.join(_answer(a) for a in record.answers),
                ]
            )
            previous = record.area
        header = list(tracker.paper.headings_for(organisation) or HEADINGS)
        lines += [table([inline(h) for h in header], body), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
