"""Validation: every problem names the file, the line, the field, what was found and allowed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scrutui.store.workspace import load_workspace
from tests.conftest import DATA

GOOD = (DATA / "oxfordshire-pcs-tracker" / "A-2023-09-29-1.toml").read_text()


@pytest.fixture
def tracker_copy(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DATA / "oxfordshire-pcs-tracker", root / "pcs")
    return root


def problems_for(root: Path, text: str) -> list[str]:
    (root / "pcs" / "A-2024-01-19-1.toml").write_text(text, encoding="utf-8")
    state = load_workspace(root)
    return [str(p) for p in state.problems]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('status = "Y"', 'status = "Q"'),
            "pcs/A-2024-01-19-1.toml:12: status: unknown status code; found 'Q'; allowed: R, Y, G",
        ),
        (
            ("meeting = 2023-09-29", 'meeting = "29/09/23"'),
            "pcs/A-2024-01-19-1.toml:2: meeting: a date must not be in quotes; found '29/09/23'",
        ),
        (
            ("meeting = 2023-09-29", 'meeting = "31/02/24"'),
            "pcs/A-2024-01-19-1.toml:2: meeting: not a date; found '31/02/24'; allowed: a real "
            "date",
        ),
        (("meeting = 2023-09-29\n", ""), "pcs/A-2024-01-19-1.toml: meeting: missing"),
        (
            ('leads = ["Melissa Sage"]', 'leads = "Melissa Sage"'),
            "pcs/A-2024-01-19-1.toml:10: leads: not a list of names; found 'Melissa Sage'",
        ),
        (
            ('status = "Y"', 'status = "Y"\nowner = "Tom"'),
            "pcs/A-2024-01-19-1.toml:13: owner: unknown key; found 'owner'; allowed: kind,",
        ),
        (
            ("date = 2024-04-11", "date = 2024-04-31"),
            "pcs/A-2024-01-19-1.toml:15: date: not a real date: April 2024 has 30 days",
        ),
        (
            ('kind = "action"', 'kind = "task"'),
            "pcs/A-2024-01-19-1.toml:1: kind: unknown record kind; found 'task'; allowed: "
            "recommendation, action",
        ),
        (("archived", "archived"), None),
    ],
    ids=[
        "unknown-status",
        "quoted-date",
        "impossible-quoted-date",
        "missing-field",
        "wrong-type",
        "unknown-key",
        "impossible-update-date",
        "unknown-kind",
        "valid",
    ],
)
def test_a_bad_record_is_reported_with_file_line_field_found_and_allowed(
    tracker_copy: Path, change: tuple[str, str], expected: str | None
) -> None:
    text = GOOD.replace(*change)
    problems = problems_for(tracker_copy, text)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert problems[0].startswith(expected), problems[0]


def test_one_bad_file_never_stops_the_other_records_from_loading(tracker_copy: Path) -> None:
    (tracker_copy / "pcs" / "A-2024-01-19-1.toml").write_bytes(b"\x00\xff garbage")
    state = load_workspace(tracker_copy)
    pcs = state.trackers["pcs"]
    samples = {f.stem for f in (DATA / "oxfordshire-pcs-tracker").glob("[RA]-*.toml")}
    assert len(samples) == 11 and set(pcs.records) == samples
    assert pcs.broken == {"A-2024-01-19-1"}


def test_a_file_whose_name_is_not_an_id_is_reported_and_not_read(tracker_copy: Path) -> None:
    (tracker_copy / "pcs" / "notes.toml").write_text('kind = "action"\n')
    problems = [str(p) for p in load_workspace(tracker_copy).problems]
    assert problems == [
        "pcs/notes.toml: the file name is not a record id "
        "(like R-2024-01-19-1.toml); it was not read"
    ]


def test_a_tracker_scheme_with_amber_is_one_table_away(tracker_copy: Path) -> None:
    settings = tracker_copy / "pcs" / "tracker.toml"
    settings.write_text(settings.read_text().replace('code = "Y"', 'code = "A"'))
    (tracker_copy / "pcs" / "A-2024-01-19-1.toml").write_text(GOOD.replace('"Y"', '"A"'))
    state = load_workspace(tracker_copy).trackers["pcs"]
    assert state.tracker is not None and state.tracker.scheme.codes == ("R", "A", "G")
    assert state.records["A-2024-01-19-1"].status == "A"
    assert "R-2023-09-29-1" in state.broken  # still says Y, which the scheme no longer has


def test_a_councils_own_reference_committee_and_target_load_but_an_action_has_no_exec_date(
    tracker_copy: Path,
) -> None:
    extra = 'status = "Y"\nreference = "SR (24/25) 01"\ncommittee = "CRP"\ntarget = "March 2025"'
    assert problems_for(tracker_copy, GOOD.replace('status = "Y"', extra)) == []
    state = load_workspace(tracker_copy).trackers["pcs"]
    record = state.records["A-2024-01-19-1"]
    assert (record.get("reference"), record.get("committee"), record.target) == (
        "SR (24/25) 01", "CRP", "March 2025"
    )  # fmt: skip
    wrong = GOOD.replace('status = "Y"', 'status = "Y"\nexecutive_date = 2024-02-28')
    (problem,) = problems_for(tracker_copy, wrong)  # an action goes to no executive
    assert "executive_date: unknown key; found 'executive_date'" in problem, problem
