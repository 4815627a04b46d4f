"""The papers of the sample trackers, kept as golden Markdown files beside this test.

Read them beside the seed papers: `tests/__snapshots__/test_golden_papers/*.md` (and the
HTML pandoc makes of each, `*.html`). A change to
the renderer shows up as a Markdown diff; `pytest --snapshot-update` accepts it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from scrutui.domain.meeting import Meeting
from scrutui.pandoc import PandocMissing, pandoc_path
from scrutui.papers.chase import chase_markdown
from scrutui.papers.convert import convert
from scrutui.papers.layout import layout_for
from scrutui.papers.render import render
from scrutui.store.workspace import load_workspace
from tests.conftest import DATA

TODAY = date(2024, 11, 1)  # after the committee tracker's last review (15/10/24)


class MarkdownSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "md"


class HtmlSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "html"


@pytest.fixture
def golden(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(MarkdownSnapshot)


@pytest.fixture
def golden_html(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(HtmlSnapshot)


STATE = load_workspace(DATA)


@pytest.mark.parametrize("tracker", sorted(STATE.trackers))
def test_the_paper_of_each_sample_tracker_matches_its_golden_file(
    tracker: str, golden: SnapshotAssertion
) -> None:
    state = STATE.trackers[tracker]
    assert state.tracker is not None and not state.problems
    paper = render(state.tracker, list(state.records.values()), today=TODAY)
    assert paper == golden


@pytest.mark.parametrize("tracker", sorted(STATE.trackers))
def test_the_html_paper_of_each_sample_tracker_matches_its_golden_file(
    tracker: str, golden_html: SnapshotAssertion, tmp_path: Path
) -> None:
    try:
        pandoc_path()
    except PandocMissing:
        pytest.skip("pandoc is not installed (pypandoc_binary brings it with the README's command)")
    state = STATE.trackers[tracker]
    assert state.tracker is not None
    paper = render(state.tracker, list(state.records.values()), today=TODAY)
    meeting = Meeting.for_paper(state.tracker, None, TODAY)
    out = tmp_path / "paper.html"
    convert(paper, "html", out, state.tracker.title, layout_for(state.tracker, meeting))
    assert out.read_text(encoding="utf-8") == golden_html


@pytest.mark.parametrize(
    "tracker", ["oxford-city-peer-challenge-2024", "oxford-city-oiep-you-said-we-did-2023-07"]
)
def test_the_chase_list_of_the_plan_and_the_log_matches_its_golden_file(
    tracker: str, golden: SnapshotAssertion
) -> None:
    state = STATE.trackers[tracker]
    assert state.tracker is not None
    meeting = Meeting.for_paper(state.tracker, None, TODAY)
    assert chase_markdown(state.tracker, list(state.records.values()), meeting, TODAY) == golden


def test_the_chase_list_of_the_committee_tracker_matches_its_golden_file(
    golden: SnapshotAssertion,
) -> None:
    state = STATE.trackers["oxfordshire-pcs-tracker"]
    assert state.tracker is not None
    meeting = Meeting(date(2024, 11, 28), date(2024, 1, 19))
    assert chase_markdown(state.tracker, list(state.records.values()), meeting, TODAY) == golden


def test_the_committee_paper_holds_every_record_of_the_seed_paper() -> None:
    state = STATE.trackers["oxfordshire-pcs-tracker"]
    assert state.tracker is not None
    paper = render(state.tracker, list(state.records.values()), today=TODAY)
    recommendations, actions = paper.split("## Actions")
    assert recommendations.count("\n| ") - 2 == 10  # header and delimiter rows, then records
    assert actions.count("\n| ") - 2 == 1
    assert paper.count("**G** ✔") == 6  # the six Customer Experience rows, shaded green
    for record in state.records.values():
        assert " ".join(record.text.split()[:6]) in paper, record.id


def test_the_peer_challenge_paper_holds_all_ten_recommendations_and_their_actions() -> None:
    state = STATE.trackers["oxford-city-peer-challenge-2024"]
    assert state.tracker is not None
    paper = render(state.tracker, list(state.records.values()), today=TODAY)
    assert [line for line in paper.splitlines() if line.startswith("### ")] == [
        f"### Recommendation {r.number}: {r.title}"
        for r in sorted(
            (r for r in state.records.values() if r.kind == "peer-recommendation"),
            key=lambda r: r.number or 0,
        )
    ]
    lines = paper.splitlines()
    action_rows = [
        line
        for n, line in enumerate(lines)
        if line.startswith("| ")
        and not line.startswith("| --- ")
        and not "".join(lines[n + 1 : n + 2]).startswith("| --- ")  # a header row
    ]
    assert len(action_rows) == 55
