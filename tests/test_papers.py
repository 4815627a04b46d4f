"""Papers for meetings: which records a meeting's paper holds, and how it lays them out."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from scrutui.cli import main
from scrutui.domain.meeting import Meeting
from scrutui.domain.records import Record, Update
from scrutui.domain.status import PRESETS
from scrutui.domain.tracker import Tracker
from scrutui.papers.chase import chase_markdown
from scrutui.papers.render import render
from scrutui.store.service import Service
from tests.conftest import Clock

TRACKER = Tracker(
    name="pcs",
    kind="committee",
    title="Action and Recommendation Tracker",
    scheme=PRESETS["ryg"],
    committee="Performance & Corporate Services Overview & Scrutiny Committee",
    chair="Councillor Eddie Reeves",
    officer="Tom Hudson",
    officer_role="Principal Scrutiny Officer",
    officer_email="tom.hudson@oxfordshire.gov.uk",
    meetings=(date(2024, 1, 19), date(2024, 4, 11), date(2024, 11, 20)),
)


def rec(n: int, status: str = "Y", **fields: object) -> Record:
    values: dict[str, object] = {
        "meeting": date(2024, 1, 19),
        "item": "Customer Experience",
        "text": f"Recommendation {n}.",
        "status": status,
        "leads": ("Tom Parsons",),
        "last_reviewed": date(2024, 4, 11),
    }
    values.update(fields)
    return Record(id=f"R-2024-01-19-{n}", kind="recommendation", **values)  # type: ignore[arg-type]


def texts_on(paper: str) -> set[str]:
    return {f"Recommendation {n}." for n in range(1, 10) if f"Recommendation {n}." in paper}


def test_a_paper_shades_what_was_completed_since_the_last_meeting_and_drops_what_was_before() -> (
    None
):
    records = [
        rec(1),
        rec(2, "G", completed=date(2024, 10, 15)),  # since the last meeting: shaded
        rec(3, "G", completed=date(2024, 3, 1)),  # before it: reported then, left out
        rec(4, "G", last_reviewed=date(2024, 4, 11)),  # on the day of the last meeting
        rec(5, archived=True),
        rec(6, exempt=True, text="Closed session: the sale of County Hall."),
    ]
    paper = render(TRACKER, records, today=date(2024, 11, 1))
    assert texts_on(paper) == {"Recommendation 1.", "Recommendation 2.", "Recommendation 4."}
    assert "County Hall" not in paper
    row_2 = next(line for line in paper.splitlines() if "Recommendation 2." in line)
    row_1 = next(line for line in paper.splitlines() if "Recommendation 1." in line)
    assert "| **G** ✔ |" in row_2 and "✔" not in row_1
    assert "For the meeting on 20 November 2024." in paper


def test_the_date_and_item_are_printed_only_on_the_first_row_of_their_meeting_and_item() -> None:
    records = [rec(1), rec(2), rec(3, item="Workforce Strategy")]
    paper = render(TRACKER, records, today=date(2024, 11, 1))
    rows = [line for line in paper.splitlines() if re.search(r"\| Recommendation \d\.", line)]
    assert [[cell.strip() for cell in row.split("|")[1:3]] for row in rows] == [
        ["19/01/24", "Customer Experience"],
        ["", ""],
        ["19/01/24", "Workforce Strategy"],
    ]


def test_exempt_and_archived_records_appear_only_when_asked_for() -> None:
    records = [rec(1, exempt=True), rec(2, archived=True)]
    paper = render(
        TRACKER, records, today=date(2024, 11, 1), include_exempt=True, include_archived=True
    )
    assert texts_on(paper) == {"Recommendation 1.", "Recommendation 2."}
    assert "Recommendation 1. *(exempt)*" in paper


def test_the_response_cell_holds_the_decision_then_the_response_then_each_update() -> None:
    record = rec(
        1,
        decision="Partially Accepted",
        response="We will.\n\nIn two stages.",
        updates=(Update(date(2024, 4, 11), "Stage one done."),),
    )
    row = next(
        line
        for line in render(TRACKER, [record], today=date(2024, 11, 1)).splitlines()
        if "Recommendation 1." in line
    )
    assert row.endswith(
        "| **Partially Accepted**<br><br>We will.<br><br>In two stages."
        "<br><br>**Update:**<br>Stage one done. |"
    )


def test_a_response_past_its_due_date_is_flagged_in_the_paper_and_the_chase_list() -> None:
    late = rec(1, meeting=date(2024, 4, 11), last_reviewed=date(2024, 4, 11))
    answered = rec(2, meeting=date(2024, 4, 11), decision="Accepted")
    paper = render(TRACKER, [late, answered], today=date(2024, 11, 1))
    assert paper.count("**Response overdue:** due 11/06/24") == 1
    chase = chase_markdown(
        TRACKER, [late, answered], Meeting(date(2024, 11, 20), date(2024, 4, 11)), date(2024, 11, 1)
    )
    assert chase.count("**Response overdue:** the executive's response was due 11/06/24.") == 1


def test_the_chase_list_gives_each_lead_what_they_owe_with_stale_records_marked() -> None:
    records = [
        rec(
            1,
            leads=("Cllr Neil Fawcett", "Tom Parsons"),
            last_reviewed=date(2024, 3, 1),
            updates=(Update(date(2024, 3, 1), "Survey under way."),),
        ),
        rec(2, leads=("Tom Parsons",), last_reviewed=date(2024, 5, 1), decision="Accepted"),
        rec(3, "G", leads=("Tom Parsons",)),
        rec(4, leads=(), decision="Accepted"),
    ]
    chase = chase_markdown(
        TRACKER, records, Meeting(date(2024, 11, 20), date(2024, 4, 11)), date(2024, 11, 1)
    )
    headings = [line for line in chase.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Cllr Neil Fawcett (1 open, 1 stale)",
        "## Tom Parsons (2 open, 1 stale)",
        "## No lead named (1 open)",
    ]
    assert "  - Last update (01/03/24): Survey under way." in chase
    assert chase.count("**Stale:** not reviewed since the last meeting on 11/04/24.") == 2
    assert "R-2024-01-19-3" not in chase


def test_render_as_of_a_date_shows_the_tracker_as_it_stood_then(
    workspace: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    service = Service(workspace)
    clock.set("2024-06-01T10:00:00")
    service.change_status("R-2023-09-29-1", "G", on=date(2024, 6, 1))
    clock.set("2024-07-01T10:00:00")
    service.set_fields("A-2023-09-29-1", {"text": "Members to be sent the contract data."})
    assert (
        main(
            ["-w", str(workspace), "render", "pcs", "--as-of", "31/05/24", "--meeting", "20/11/24"]
        )
        == 0
    )
    before = capsys.readouterr().out
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "20/11/24"]) == 0
    now = capsys.readouterr().out
    assert "Members to be provided the data on contracts." in before
    assert "Members to be sent the contract data." in now
    social_value = [line for line in before.splitlines() if "social value policy" in line]
    assert "| Y |" in social_value[0] and "| **G** ✔ |" in next(
        line for line in now.splitlines() if "social value policy" in line
    )


def test_the_default_meeting_is_the_next_in_the_calendar(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracker = Service(workspace, today=lambda: date(2024, 5, 1)).state.tracker("pcs").tracker
    assert tracker is not None
    assert Meeting.for_paper(tracker, None, date(2024, 5, 1)) == Meeting(
        date(2024, 11, 20), date(2024, 4, 11)
    )
    assert Meeting.for_paper(tracker, None, date(2025, 1, 1)) == Meeting(None, date(2024, 11, 20))


def test_render_for_a_meeting_shades_what_was_completed_since_the_last_one_in_a_real_workspace(
    workspace: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Meetings 11/04/24 and 20/11/24: the action completed on 01/03/24 was reported at the
    April meeting and is left out; the recommendation completed on 01/06/24 is shaded."""
    service = Service(workspace)
    clock.set("2024-03-01T10:00:00")
    service.mark_complete("A-2023-09-29-1", on=date(2024, 3, 1))
    clock.set("2024-06-01T10:00:00")
    service.mark_complete("R-2023-09-29-1", on=date(2024, 6, 1))
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "20/11/24"]) == 0
    paper = capsys.readouterr().out
    assert "Members to be provided the data" not in paper
    assert "No actions to report." in paper
    row = next(line for line in paper.splitlines() if "social value policy" in line)
    assert "| **G** ✔ |" in row
    assert main(["-w", str(workspace), "render", "pcs", "--meeting", "11/04/24"]) == 0
    april = capsys.readouterr().out
    assert "| **G** ✔ |" in next(line for line in april.splitlines() if "the data" in line)
