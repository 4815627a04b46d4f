"""Tracker kinds as data: a new kind is one specification in the domain and one paper module.

The toy kind here is a task-and-finish group's review: its findings, each with a theme, the
evidence heard and whether the executive agreed. Registering it (and a field type of its own
for the agreement) is all it takes to validate its files, type its fields, draw its table,
`show` a record and render its paper; nothing in the layers above the domain names it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from textual.widgets import DataTable, Input, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

import scrutui
import scrutui.domain.specs
from scrutui.cli.browse import format_record
from scrutui.domain.edit import parse_value
from scrutui.domain.fields import FIELD_TYPES, ChoiceType, FieldSpec, register_field_type
from scrutui.domain.kinds import (
    DEFINED_IN,
    KINDS,
    TRACKER_KINDS,
    Column,
    KindSpec,
    TrackerKind,
    fit,
    register,
    unregister,
)
from scrutui.domain.meeting import Meeting, Row
from scrutui.domain.records import new_id, with_update
from scrutui.domain.specs.common import COMPLETED, FLAGS, LEADS, REVIEWED, STATUS
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import validate_record, validate_tracker
from scrutui.papers.registry import PAPERS, register_paper
from scrutui.papers.render import render
from scrutui.store import cache
from scrutui.store.git import Identity
from scrutui.store.service import Service
from scrutui.store.tomlfile import new_document
from scrutui.store.workspace import create_from_samples, init_workspace, load_tracker
from scrutui.ui.app import make_app
from scrutui.ui.screens.edit import EditScreen
from scrutui.ui.screens.tracker import _columns
from tests.conftest import DATA, Clock, git
from tests.test_app import open_tracker, settle

SHIPPED = ("committee", "peer-challenge", "engagement")


class AgreementType(ChoiceType):
    """Whether the executive agreed a finding: a field type the domain did not ship."""

    name = "agreement"
    choices: ClassVar[tuple[str, ...]] = ("Agreed", "Agreed in part", "Not agreed")
    what = "agreement"
    prompt = "Not yet answered"


FINDING = KindSpec(
    "finding",
    "Finding",
    "F",
    "task-group",
    re.compile(r"^F-\d+$"),
    (
        FieldSpec("theme", "line", "Theme", required=True),
        FieldSpec("finding", "text", "Finding", required=True),
        FieldSpec("evidence", "lines", "Evidence heard", help="one session per line"),
        LEADS,
        STATUS,
        FieldSpec("agreed", "agreement", "Executive agreed"),
        FieldSpec("progress", "text", "Progress"),
        REVIEWED,
        COMPLETED,
        *FLAGS,
    ),
    update_field="progress",
    summary_fields=("finding",),
)

TASK_GROUP = TrackerKind(
    "task-group",
    "task and finish group review",
    ("finding",),
    preset="complete-ongoing",
    paper="task-group",
    columns=(
        Column("status", "", ("status",), 5, priority=1),
        Column("theme", "Theme", ("theme",), 20, min_width=10, priority=3),
        Column("finding", "Finding", ("finding",), 40, min_width=20, priority=2),
        Column("agreed", "Agreed", ("agreed",), 14, priority=4),
        Column("lead", "Lead", ("leads",), 18, min_width=10, priority=5),
    ),
    default_title="Task and finish group: findings and the executive's response",
    settings={"committee": ""},
    heading_from="committee",
    carry=(("theme", ("theme",)),),
)


def render_task_group(tracker: Tracker, rows: Sequence[Row], meeting: Meeting) -> str:
    """The toy kind's paper: a heading and one paragraph per finding."""
    lines = [f"# {tracker.heading}", ""]
    for row in rows:
        record = row.record
        agreed = record.get("agreed") or "Not yet answered"
        lines += [f"## {record.id}: {record.get('theme')}", "", record.get("finding"), ""]
        lines += [f"*{agreed}.* {record.get('progress')}".rstrip(), ""]
    return "\n".join(lines)


@pytest.fixture
def toy_kind() -> Iterator[TrackerKind]:
    register_field_type(AgreementType())
    register(TASK_GROUP, FINDING)
    register_paper("task-group", render_task_group)
    yield TASK_GROUP
    unregister("task-group")
    FIELD_TYPES.pop("agreement")
    PAPERS.pop("task-group")


TRACKER_TOML = {
    "kind": "task-group",
    "title": "Task and finish group: findings and the executive's response",
    "committee": "Housing Task and Finish Group",
    "meetings": [date(2025, 3, 4)],
}

FINDING_TOML = {
    "kind": "finding",
    "theme": "Damp and mould",
    "finding": "Tenants waited too long for a first visit after reporting mould.",
    "evidence": ["Tenants' panel, 12 November", "Repairs contractor, 3 December"],
    "leads": ["Head of Housing Repairs"],
    "status": "Ongoing",
    "agreed": "Agreed in part",
}


def the_tracker() -> Tracker:
    tracker, issues = validate_tracker("housing-tfg", TRACKER_TOML)
    assert tracker is not None, issues
    return tracker


def test_a_toy_kind_registered_in_the_domain_validates_its_tracker_and_records(
    toy_kind: TrackerKind,
) -> None:
    tracker = the_tracker()
    assert tracker.record_kinds == ("finding",)
    assert tracker.scheme.codes == ("Ongoing", "Complete")  # the preset the kind names
    assert tracker.heading == "Housing Task and Finish Group"
    record, issues = validate_record("F-1", FINDING_TOML, tracker)
    assert issues == []
    assert record is not None
    assert record.get("theme") == "Damp and mould"
    assert record.get("evidence") == (
        "Tenants' panel, 12 November",
        "Repairs contractor, 3 December",
    )
    assert record.leads == ("Head of Housing Repairs",)
    assert record.to_data() == FINDING_TOML  # written back as it was read
    assert record.summary.startswith("Tenants waited too long")  # in `list` and commit bodies


def test_a_toy_kinds_bad_record_is_told_what_was_found_and_what_is_allowed(
    toy_kind: TrackerKind,
) -> None:
    bad = {**FINDING_TOML, "agreed": "Maybe"}
    del bad["finding"]
    record, issues = validate_record("R-1", bad, the_tracker())
    assert record is None
    described = {issue.field: issue.describe() for issue in issues}
    assert described["id"].endswith("allowed: a name like F-1.toml")
    assert described["finding"] == "missing; allowed: finding (text)"
    assert described["agreed"] == (
        "unknown agreement; found 'Maybe'; "
        "allowed: Agreed, Agreed in part, Not agreed (or leave it out)"
    )


def test_a_toy_kinds_fields_are_typed_as_an_officer_types_them(toy_kind: TrackerKind) -> None:
    assert parse_value(FINDING, "agreed", " agreed in part ") == "Agreed in part"
    assert parse_value(FINDING, "evidence", "Panel\n\n Contractor \n") == ("Panel", "Contractor")
    assert parse_value(FINDING, "agreed", "") is None
    with pytest.raises(ValueError, match="unknown agreement"):
        parse_value(FINDING, "agreed", "perhaps")
    with pytest.raises(ValueError, match="must not be empty"):
        parse_value(FINDING, "theme", "  ")
    assert new_id("finding", {"F-1", "F-2"}) == "F-3"


def test_a_toy_kinds_update_goes_where_its_specification_says(toy_kind: TrackerKind) -> None:
    record, _ = validate_record("F-1", FINDING_TOML, the_tracker())
    assert record is not None
    updated = with_update(record, "First visits now within ten working days.", date(2025, 3, 4))
    assert updated.get("progress") == "First visits now within ten working days."
    assert updated.last_reviewed == date(2025, 3, 4)
    assert updated.get("theme") == "Damp and mould"


def test_a_toy_kind_gets_a_table_whose_columns_fit_the_terminal(toy_kind: TrackerKind) -> None:
    tracker = the_tracker()
    record, _ = validate_record("F-1", FINDING_TOML, tracker)
    assert record is not None
    wide = _columns(tracker, 160)
    assert [label for _, label, _, _ in wide] == [
        "Id",
        "Status",
        "Theme",
        "Finding",
        "Agreed",
        "Lead",
    ]
    cells = [str(cell(record)) for _, _, cell, _ in wide]
    assert cells[0] == "F-1"
    assert cells[2:] == [
        "Damp and mould",
        "Tenants waited too long for a first vis…",  # 40 characters
        "Agreed in part",
        "Head of Housing R…",  # clipped at the column's widest, 18
    ]
    narrow = [key for key, _, _, _ in _columns(tracker, 80)]
    assert narrow == ["id", "status", "theme", "finding"]  # lead, then agreed, hid first


def test_a_toy_kind_gets_its_paper_from_the_paper_its_specification_names(
    toy_kind: TrackerKind,
) -> None:
    tracker = the_tracker()
    record, _ = validate_record("F-1", FINDING_TOML, tracker)
    assert record is not None
    paper = render(tracker, [record], today=date(2025, 2, 1))
    assert paper.startswith("# Housing Task and Finish Group\n")
    assert "## F-1: Damp and mould" in paper
    assert "*Agreed in part.*" in paper


def test_a_toy_kinds_record_shows_each_field_with_its_label(toy_kind: TrackerKind) -> None:
    record, _ = validate_record("F-1", FINDING_TOML, the_tracker())
    assert record is not None
    text = format_record(record, "housing-tfg")
    assert "Theme: Damp and mould" in text
    assert "Evidence heard: - Tenants' panel" not in text
    assert "    - Repairs contractor, 3 December" in text
    assert "Executive agreed: Agreed in part" in text


def test_a_toy_kinds_files_load_from_a_tracker_folder(
    toy_kind: TrackerKind, tmp_path: Path
) -> None:
    folder = tmp_path / "housing-tfg"
    folder.mkdir()
    (folder / "tracker.toml").write_text(
        'kind = "task-group"\ntitle = "Findings"\ncommittee = "Housing Task and Finish Group"\n'
    )
    (folder / "F-1.toml").write_text(
        'kind = "finding"\ntheme = "Damp and mould"\nfinding = "Visits were late."\n'
        'status = "Ongoing"\nagreed = "Agreed"\n'
    )
    (folder / "F-2.toml").write_text('kind = "finding"\ntheme = "Damp"\nstatus = "X"\n')
    state = load_tracker(folder)
    assert list(state.records) == ["F-1"]
    assert state.records["F-1"].get("agreed") == "Agreed"
    problems = {(p.path, p.field) for p in state.problems}
    assert problems == {("housing-tfg/F-2.toml", "finding"), ("housing-tfg/F-2.toml", "status")}


def test_every_shipped_kind_is_specified_in_the_domain_and_its_paper_lives_in_papers() -> None:
    """So adding a kind changes no file outside `scrutui/domain` and `scrutui/papers`."""
    assert set(SHIPPED) <= set(TRACKER_KINDS)
    for name, spec in TRACKER_KINDS.items():
        assert DEFINED_IN[f"tracker:{name}"].startswith(scrutui.domain.specs.__name__)
        assert PAPERS[spec.paper].__module__.startswith("scrutui.papers.")
        for kind in spec.record_kinds:
            assert KINDS[kind].tracker_kind == name
            assert DEFINED_IN[f"record:{kind}"].startswith("scrutui.domain.")
            for field in KINDS[kind].fields:
                assert type(FIELD_TYPES[field.type]).__module__ == "scrutui.domain.fields"


def test_a_committee_table_at_80_columns_hides_the_least_useful_columns_first() -> None:
    tracker, _ = validate_tracker("pcs", {"kind": "committee", "title": "Tracker"})
    assert tracker is not None
    at_120 = [c.key for c, _ in fit(tracker.spec.all_columns, tracker, 120, reserved=9)]
    at_80 = [c.key for c, _ in fit(tracker.spec.all_columns, tracker, 80, reserved=9)]
    at_60 = [c.key for c, _ in fit(tracker.spec.all_columns, tracker, 60, reserved=9)]
    assert at_120 == ["id", "status", "meeting", "item", "text", "lead", "reviewed"]
    assert at_80 == ["id", "status", "meeting", "text", "lead"]
    assert at_60 == ["id", "status", "text"]
    widths = dict((c.key, w) for c, w in fit(tracker.spec.all_columns, tracker, 80, reserved=9))
    assert widths["text"] >= 23 and sum(w + 2 for w in widths.values()) <= 80 - 9


async def test_the_tracker_table_fits_its_columns_again_when_the_terminal_narrows(
    tmp_path: Path, officer: tuple[str, str], clock: Clock
) -> None:
    root = tmp_path / "workspace"
    create_from_samples(root, DATA, Identity(*officer))
    app = make_app(root, today=lambda: date(2024, 11, 1), watch_every=60)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_tracker(pilot)
        table = pilot.app.screen.query_one("#records", DataTable)
        wide = [str(key.value) for key in table.columns]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = [str(key.value) for key in table.columns]
        first_row = [str(cell) for cell in table.get_row_at(0)]
    assert wide == ["id", "status", "meeting", "item", "text", "lead", "reviewed", "notes"]
    # At 80 the notes keep "overdue stale" whole; Meeting hides before the text and Lead.
    assert narrow == ["id", "status", "text", "lead", "notes"]
    assert len(first_row) == len(narrow)
    assert first_row[2].endswith("…") and len(first_row[2]) <= 32


def test_every_sample_fields_value_types_back_as_it_was_parsed(tmp_path: Path) -> None:
    """What the edit form and `FIELD=VALUE` show a field as, read again, is the same value."""
    checked = 0
    for folder in sorted(p for p in DATA.iterdir() if (p / "tracker.toml").is_file()):
        copy = tmp_path / folder.name
        shutil.copytree(folder, copy)
        state = load_tracker(copy)
        assert state.records, folder.name
        for record in state.records.values():
            for spec in record.spec.editable:
                value = record.get(spec.name)
                if spec.required or value != spec.field_type.empty:
                    typed = spec.field_type.format(value)
                    assert parse_value(record.spec, spec.name, typed) == value, (record.id, spec)
                    checked += 1
    assert checked > 400  # 485 values in the samples today


def test_a_toy_kinds_record_is_made_and_updated_through_the_service_one_commit_each(
    toy_kind: TrackerKind, tmp_path: Path, officer: tuple[str, str], clock: Clock
) -> None:
    root = tmp_path / "workspace"
    init_workspace(root, "housing-tfg", new_document(TRACKER_TOML), Identity(*officer))
    service = Service(root)
    values = {
        "theme": "Damp and mould",
        "finding": "Tenants waited too long for a first visit after reporting mould.",
        "evidence": ("Tenants' panel, 12 November",),
        "agreed": "Agreed in part",
    }
    made = service.new_record("housing-tfg", "finding", values)
    assert made.record is not None and made.record.id == "F-1"
    assert made.record.status == "Ongoing"  # the first status of the kind's preset
    service.add_update("housing-tfg/F-1", "First visits now within ten days.", date(2025, 3, 4))
    text = (root / "housing-tfg" / "F-1.toml").read_text()
    assert 'agreed = "Agreed in part"' in text
    assert 'progress = "First visits now within ten days."' in text
    assert "last_reviewed = 2025-03-04" in text
    subjects = git(root, "log", "--format=%s").splitlines()
    assert len(subjects) == 3 and all("F-1" in s for s in subjects[:2])
    assert "theme: Damp and mould" in git(root, "log", "-1", "--skip=1", "--format=%b")


async def test_a_toy_kind_gets_a_table_and_an_edit_form_in_the_app(
    toy_kind: TrackerKind, tmp_path: Path, officer: tuple[str, str], clock: Clock
) -> None:
    root = tmp_path / "workspace"
    init_workspace(root, "housing-tfg", new_document(TRACKER_TOML), Identity(*officer))
    Service(root).new_record(
        "housing-tfg", "finding", {"theme": "Damp and mould", "finding": "Visits were late."}
    )
    app = make_app(root, today=lambda: date(2025, 2, 1), watch_every=60)
    async with app.run_test(size=(130, 40)) as pilot:  # room for the theme in full
        await settle(pilot)
        await open_tracker(pilot, "housing-tfg")
        table = pilot.app.screen.query_one("#records", DataTable)
        assert [str(k.value) for k in table.columns] == [
            "id", "status", "theme", "finding", "agreed", "lead", "notes"
        ]  # fmt: skip
        assert [str(c) for c in table.get_row("F-1")][:4] == [
            "F-1", " Ongoing ", "Damp and mould", "Visits were late."
        ]  # fmt: skip
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EditScreen)
        assert form.query_one("#field-theme", Input).value == "Damp and mould"  # carried
        agreed = form.query_one("#field-agreed", Select)
        with pytest.raises(InvalidSelectValueError):  # only the agreement type's choices
            agreed.value = "Maybe"
        form.query_one("#field-finding", TextArea).text = "Repairs were not followed up."
        agreed.value = "Not agreed"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    text = (root / "housing-tfg" / "F-2.toml").read_text()
    assert 'finding = "Repairs were not followed up."' in text
    assert 'agreed = "Not agreed"' in text
    assert git(root, "log", "-1", "--format=%s").strip() == "F-2: new finding"


def test_a_change_to_a_kinds_specification_makes_the_record_caches_parse_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caches hold records as their kinds defined them; `domain/specs/` is in the key."""
    package = Path(scrutui.__file__).resolve().parent
    copy = tmp_path / "scrutui"
    for folder in ("domain", "store"):
        shutil.copytree(package / folder, copy / folder, ignore=shutil.ignore_patterns("__py*"))
    (copy / "__init__.py").write_text("")
    monkeypatch.setattr(scrutui, "__file__", str(copy / "__init__.py"))
    monkeypatch.setattr(cache, "_code_fingerprint", None)
    before = cache.code_fingerprint()
    spec = copy / "domain" / "specs" / "committee.py"
    spec.write_text(spec.read_text().replace('"Item"', '"Agenda item"'))
    monkeypatch.setattr(cache, "_code_fingerprint", None)
    assert cache.code_fingerprint() != before
