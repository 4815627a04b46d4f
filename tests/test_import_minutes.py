"""Importing minutes: the 17 January 2022 minutes give the hand-made tracker's records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from scrutui.cli import main
from scrutui.domain.records import Record, sort_key
from scrutui.importers.minutes import parse_minutes, title_case
from scrutui.importers.proposal import ImportProblem, Proposal
from scrutui.store.workspace import load_tracker
from tests.conftest import DATA, SEEDS, git

PACK = SEEDS / "oxfordshire-pcs-agenda-pack-2022-03-11.txt"
EXPECTED = DATA / "oxfordshire-pcs-minutes-2022-01-17"
FIELDS = ("kind", "meeting", "item", "text", "leads")


def expected_records() -> list[Record]:
    records = load_tracker(EXPECTED).records.values()
    return sorted(records, key=lambda r: (r.kind, sort_key(r.id)))


def as_fields(proposal: Proposal) -> dict[str, object]:
    return {"kind": proposal.kind, **{f: proposal.values.get(f, ()) for f in FIELDS[1:]}}


def ticked(proposals: list[Proposal]) -> list[Proposal]:
    return sorted((p for p in proposals if p.ticked), key=lambda p: p.kind)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_17_january_2022_minutes_propose_the_hand_made_trackers_records() -> None:
    day, proposals = parse_minutes(PACK.read_text(encoding="utf-8"))
    assert day == date(2022, 1, 17)
    chosen = ticked(proposals)
    assert [p.kind for p in chosen] == ["action"] * 3 + ["recommendation"] * 4
    for proposal, record in zip(chosen, expected_records(), strict=True):
        assert as_fields(proposal) == {f: getattr(record, f) for f in FIELDS}, record.id


def test_action_owners_come_from_the_markers_and_bullets_stay_in_the_recommendation() -> None:
    _, proposals = parse_minutes(PACK.read_text(encoding="utf-8"))
    leads = [p.leads for p in proposals if p.kind == "action"]
    assert leads == [
        ("Corporate Director Customers, Organisational Development and Resources",),
        ("Director of Finance",),
        ("Director of Finance",),
    ]
    active_travel = next(p for p in proposals if "Active Travel" in p.text)
    assert active_travel.text.count("\n- ") == 8


def test_resolutions_that_only_note_or_agree_are_proposed_unticked_with_the_reason() -> None:
    _, proposals = parse_minutes(PACK.read_text(encoding="utf-8"))
    unticked = [p for p in proposals if not p.ticked]
    assert [p.first_line for p in unticked] == [
        "That the following documents be noted:",
        "That the following observations and suggestions be noted:",
        "That the Budget Scrutiny Report be agreed and submitted to Cabinet and Council for "
        "consideration.",
    ]
    assert unticked[0].note == "only notes documents or observations"
    assert unticked[0].source == "line 259"


def test_markdown_minutes_with_emphasised_markers_and_lettered_items() -> None:
    text = "\n".join(
        [
            "# MINUTES of the meeting held on Thursday, 11 April 2024",
            "",
            "## 12/24 SOCIAL VALUE (Agenda No. 4)",
            "",
            "Members asked for the figures. *\\[ACTION: Melissa Sage\\]*",
            "",
            "**RESOLVED:** to recommend to Cabinet:",
            "",
            "a) that the policy be reviewed;",
            "b) that targets be set, including:",
            "   - for local suppliers,",
            "   - for apprenticeships.",
            "",
            "RESOLVED: to note the report.",
        ]
    )
    day, proposals = parse_minutes(text)
    assert day == date(2024, 4, 11)
    assert [(p.kind, p.item, p.text, p.leads, p.ticked) for p in proposals] == [
        ("action", "Social Value", "Members asked for the figures.", ("Melissa Sage",), True),
        ("recommendation", "Social Value", "that the policy be reviewed", (), True),
        (
            "recommendation",
            "Social Value",
            "that targets be set, including:\n- for local suppliers,\n- for apprenticeships.",
            (),
            True,
        ),
        ("recommendation", "Social Value", "to note the report.", (), False),
    ]


def test_minute_headings_are_title_cased_as_a_tracker_prints_them() -> None:
    assert title_case("CONSULTATION AND ENGAGEMENT STRATEGY 2022 - 2025") == (
        "Consultation and Engagement Strategy 2022 - 2025"
    )
    assert title_case("REPORT OF THE CABINET: THE MEDIUM-TERM PLAN") == (
        "Report of the Cabinet: The Medium-Term Plan"
    )


def test_minutes_without_a_dated_heading_ask_for_the_meeting_date() -> None:
    with pytest.raises(ImportProblem, match=r"no meeting date found.*--meeting"):
        parse_minutes("9/21 BUDGET\n\nRESOLVED: That Cabinet act.")
    day, proposals = parse_minutes("9/21 BUDGET\n\nRESOLVED: That Cabinet act.", date(2022, 1, 5))
    assert day == date(2022, 1, 5)
    assert [(p.item, p.text) for p in proposals] == [("Budget", "That Cabinet act.")]


def test_word_minutes_are_read_with_their_paragraphs_and_numbering(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = Document()
    start = PACK.read_text(encoding="utf-8").splitlines()[164:]
    for line in start[: start.index("in the Chair")]:
        document.add_paragraph(line)
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    code, out, _ = run(capsys, "-w", str(workspace), "import", "minutes", str(path), "--tracker",
                       "pcs", "--yes")  # fmt: skip
    assert code == 0, out
    assert "Imported 7 records from the minutes of 17/01/2022" in out


def test_without_yes_on_a_pipe_the_proposals_are_shown_and_nothing_is_written(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(workspace, "log", "--format=%H")
    code, out, err = run(capsys, "-w", str(workspace), "import", "minutes", str(PACK),
                         "--tracker", "pcs")  # fmt: skip
    assert code == 1
    assert out.startswith("10 proposed from the minutes of 17/01/2022 for pcs, 7 ticked:")
    assert "  1. [x] Action, 17/01/22, Budget and Business Planning 2022/23" in out
    assert "        Lead: Director of Finance" in out
    assert "[ ] Recommendation, 17/01/22, Budget Scrutiny Report" in out
    assert "run this again with --yes" in err
    assert git(workspace, "log", "--format=%H") == before
    assert git(workspace, "status", "--porcelain") == ""


def test_yes_adds_the_ticked_proposals_in_one_commit_and_a_reimport_adds_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(workspace, "rev-parse", "HEAD").strip()
    argv = ("-w", str(workspace), "import", "minutes", str(PACK), "--tracker", "pcs", "--yes")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    subject = "Imported 7 records from the minutes of 17/01/2022"
    head = git(workspace, "rev-parse", "--short=7", "HEAD").strip()
    assert f"Saved {head}: {subject}" in out
    assert git(workspace, "log", "--format=%s", f"{before}..HEAD").splitlines() == [subject]
    added = git(workspace, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(added) == sorted(f"pcs/{r.id}.toml" for r in expected_records())
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.startswith(
        "3 proposed from the minutes of 17/01/2022 for pcs, 0 ticked: "
        "(7 already in the tracker, left out)"
    )
    assert "None is ticked, so nothing was written" in out
    assert len(git(workspace, "log", "--format=%s", f"{before}..HEAD").splitlines()) == 1
    assert run(capsys, *argv, "--tick", "1,2,3")[0] == 0
    code, out, _ = run(capsys, *argv)
    assert (code, out) == (
        0,
        "Nothing new to import: pcs already holds everything in the minutes of 17/01/2022.\n",
    )


def test_tick_adds_an_unticked_proposal_and_untick_leaves_one_out(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("-w", str(workspace), "import", "minutes", str(PACK), "--tracker", "pcs")
    code, out, _ = run(capsys, *argv, "--yes", "--tick", "10", "--untick", "1,2")
    assert code == 0
    assert "Imported 6 records from the minutes of 17/01/2022" in out
    assert run(capsys, *argv, "--tick", "11")[2] == (
        "scrutui: no proposal 11: they are numbered 1 to 4\n"
    )
