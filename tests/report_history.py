"""A workspace with a dated history over two municipal years, for the annual report's tests.

Every change is made on a fixed day (the commit's date) through the service, as an officer
would, except one completion made by a hand edit. The figures it must give are worked out by
hand in tests/test_report.py, next to the steps below that make them.

Two committees and a peer-challenge plan:

pcs (response period 2 months; meetings 11/03/24, 10/06/24, 09/09/24, 09/12/24, 10/03/25,
28/04/25, 09/06/25)
  R-2024-03-11-1  2023/24. Accepted 20/04/24. Open.
  R-2024-06-10-1  Accepted on 10/08/24, the due date itself. Complete 01/11/24.
  R-2024-06-10-2  Accepted 01/07/24, Rejected 15/07/24, Partially Accepted 01/09/24 (changed
                  twice). Complete by a hand edit on 01/03/25 (no completed date written).
  R-2024-06-10-3  exempt; Rejected 01/09/24.
  R-2024-09-09-1  Accepted 01/12/24 (due 09/11/24: 22 days late). Complete 15/01/25, archived
                  01/02/25.
  R-2024-09-09-2  Rejected 20/09/24; deleted 01/10/24, restored 05/10/24.
  R-2024-12-09-1  no response (due 09/02/25). Never reviewed.
  R-2025-03-10-1  Accepted, typed in on 20/05/25 with `responded = 2025-04-01`.
  R-2025-03-10-2  no response (due 10/05/25).
  R-2025-04-28-1  no response (due 28/06/25: not yet due on 15/06/25).
  A-2024-06-10-1  complete 01/07/24.
  A-2024-12-09-1  open, never reviewed.
place (response period 8 weeks; meetings 01/07/24, 07/10/24, 13/01/25)
  R-2024-07-01-1  Accepted 26/08/24, the due date itself. Open.
  R-2024-10-07-1  Rejected 10/01/25 (due 02/12/24: 39 days late).
peer (challenge 05/02/24, plan published 15/04/24, progress review 02/12/24)
  PA-1-1 Complete; PA-1-2 Ongoing, target "March 2025"; PA-1-3 Ongoing, target "December
  2025"; PA-1-4 Ongoing, no target.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scrutui.domain.status import PRESETS
from scrutui.store.git import Identity
from scrutui.store.service import Service
from scrutui.store.tomlfile import new_document
from scrutui.store.workspace import init_workspace
from tests.conftest import Clock, git

AS_OF = date(2025, 6, 15)
PCS_MEETINGS = [
    date(2024, 3, 11),
    date(2024, 6, 10),
    date(2024, 9, 9),
    date(2024, 12, 9),
    date(2025, 3, 10),
    date(2025, 4, 28),
    date(2025, 6, 9),
]
PLACE_MEETINGS = [date(2024, 7, 1), date(2024, 10, 7), date(2025, 1, 13)]


def _tracker(committee: str, period: str, meetings: list[date]) -> str:
    return new_document(
        {
            "kind": "committee",
            "title": "Action and Recommendation Tracker",
            "committee": committee,
            "council": "Wexcombe County Council",
            "response_period": period,
            "meetings": meetings,
            "status": PRESETS["ryg"].to_data(),
        }
    )


def _rec(meeting: date, n: int, **extra: object) -> dict[str, object]:
    return {
        "meeting": meeting,
        "item": f"Item {n}",
        "text": f"That the Cabinet considers proposal {n} of {meeting:%d/%m/%y}.",
        "leads": [f"Officer {meeting:%b} {n}"],
        "status": "R",
        **extra,
    }


def build(root: Path, clock: Clock) -> Service:
    """The workspace, its history made day by day; a service whose today is AS_OF."""
    clock.set("2024-03-01T09:00:00")
    init_workspace(
        root,
        "pcs",
        _tracker("Corporate Services Overview & Scrutiny Committee", "2 months", PCS_MEETINGS),
        Identity("Set Up", "setup@example.org"),
    )
    (root / "place").mkdir()
    (root / "place" / "tracker.toml").write_text(
        _tracker("Place Overview & Scrutiny Committee", "8 weeks", PLACE_MEETINGS),
        encoding="utf-8",
    )
    (root / "peer").mkdir()
    (root / "peer" / "tracker.toml").write_text(
        new_document(
            {
                "kind": "peer-challenge",
                "title": "LGA Corporate Peer Challenge: action plan",
                "council": "Wexcombe County Council",
                "review": "2 December 2024 progress review",
                "challenge_date": date(2024, 2, 5),
                "plan_published": date(2024, 4, 15),
                "status": PRESETS["complete-ongoing"].to_data(),
            }
        ),
        encoding="utf-8",
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add the place tracker and the peer challenge plan")
    day = {"today": AS_OF}
    svc = Service(root, today=lambda: day["today"])

    def on(when: str) -> None:
        clock.set(f"{when}T10:00:00")
        day["today"] = date.fromisoformat(when)

    # 2023/24
    on("2024-03-12")
    svc.new_record("pcs", "recommendation", _rec(date(2024, 3, 11), 1))
    on("2024-04-20")
    svc.set_fields("R-2024-03-11-1", {"decision": "Accepted", "status": "Y"})
    # the peer challenge plan
    on("2024-04-15")
    svc.new_record("peer", "peer-recommendation", {"number": 1, "title": "Place shaping"})
    for n, (status, target) in enumerate(
        [
            ("Complete", "January 2025"),
            ("Ongoing", "March 2025"),
            ("Ongoing", "December 2025"),
            ("Ongoing", ""),
        ],
        start=1,
    ):
        values: dict[str, object] = {"recommendation": 1, "text": f"Action {n}", "status": status}
        if target:
            values["target"] = target
        svc.new_record("peer", "peer-action", values)
    # 2024/25: the meeting of 10/06/24
    june = date(2024, 6, 10)
    on("2024-06-11")
    svc.new_record("pcs", "recommendation", _rec(june, 1))
    svc.new_record("pcs", "recommendation", _rec(june, 2))
    svc.new_record("pcs", "recommendation", _rec(june, 3, exempt=True))
    svc.new_record("pcs", "action", _rec(june, 1))
    on("2024-07-01")
    svc.set_fields("R-2024-06-10-2", {"decision": "Accepted", "response": "We agree."})
    svc.mark_complete("A-2024-06-10-1")
    on("2024-07-02")
    svc.new_record("place", "recommendation", _rec(date(2024, 7, 1), 1))
    on("2024-07-15")
    svc.set_fields("R-2024-06-10-2", {"decision": "Rejected"})
    on("2024-08-10")  # the due date of the meeting of 10/06/24
    svc.set_fields("R-2024-06-10-1", {"decision": "Accepted", "response": "Agreed in full."})
    on("2024-08-26")  # the due date of the place meeting of 01/07/24 (8 weeks)
    svc.set_fields("R-2024-07-01-1", {"decision": "Accepted"})
    on("2024-09-01")
    svc.set_fields("R-2024-06-10-2", {"decision": "Partially Accepted"})
    svc.set_fields("R-2024-06-10-3", {"decision": "Rejected"})
    # the meeting of 09/09/24
    september = date(2024, 9, 9)
    on("2024-09-10")
    svc.new_record("pcs", "recommendation", _rec(september, 1))
    svc.new_record("pcs", "recommendation", _rec(september, 2))
    on("2024-09-20")
    svc.set_fields("R-2024-09-09-2", {"decision": "Rejected"})
    on("2024-10-01")
    svc.delete("R-2024-09-09-2")
    on("2024-10-05")
    svc.restore("R-2024-09-09-2")
    on("2024-10-08")
    svc.new_record("place", "recommendation", _rec(date(2024, 10, 7), 1))
    on("2024-11-01")
    svc.change_status("R-2024-06-10-1", "G", "Done.")
    on("2024-12-01")
    svc.set_fields("R-2024-09-09-1", {"decision": "Accepted"})
    # the meeting of 09/12/24
    december = date(2024, 12, 9)
    on("2024-12-10")
    svc.new_record("pcs", "recommendation", _rec(december, 1))
    svc.new_record("pcs", "action", _rec(december, 1))
    on("2025-01-10")
    svc.set_fields("R-2024-10-07-1", {"decision": "Rejected"})
    on("2025-01-15")
    svc.mark_complete("R-2024-09-09-1")
    on("2025-02-01")
    svc.archive("R-2024-09-09-1")
    on("2025-03-01")  # completed by a hand edit: the status only, no completed date
    path = root / "pcs" / "R-2024-06-10-2.toml"
    path.write_text(path.read_text().replace('status = "R"', 'status = "G"'), encoding="utf-8")
    git(root, "commit", "-q", "-am", "R-2024-06-10-2 complete (edited by hand)")
    svc.reload()
    # the meeting of 10/03/25
    march = date(2025, 3, 10)
    on("2025-03-11")
    svc.new_record("pcs", "recommendation", _rec(march, 1))
    svc.new_record("pcs", "recommendation", _rec(march, 2))
    # the meeting of 28/04/25
    on("2025-04-29")
    svc.new_record("pcs", "recommendation", _rec(date(2025, 4, 28), 1))
    on("2025-05-20")
    svc.set_fields("R-2025-03-10-1", {"decision": "Accepted", "responded": date(2025, 4, 1)})
    day["today"] = AS_OF
    return svc
