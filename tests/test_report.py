"""The scrutiny annual report: every figure against a count made by hand from a dated history
(tests/report_history.py says what happened on which day), its outputs and its charts."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from scrutui.cli import main
from scrutui.papers.annual import Palette, figures, markdown
from scrutui.papers.charts import BarChart, plain, svg
from scrutui.papers.report import (
    Committee,
    Report,
    build_report,
    date_in,
    inputs,
    last_complete_year,
    range_period,
    year_period,
)
from scrutui.store.service import Service
from scrutui.store.trail import SettingsError, read_trail, workspace_settings
from tests.conftest import Clock, git
from tests.report_history import AS_OF, build


class MarkdownSnapshot(SingleFileSnapshotExtension):
    _file_extension = "md"
    _write_mode = WriteMode.TEXT


class JsonSnapshot(SingleFileSnapshotExtension):
    _file_extension = "json"
    _write_mode = WriteMode.TEXT


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dated workspace, made once for the module (its commits are the same every run)."""
    mp = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("home")
    for name, value in {
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "SCRUTUI_CONFIG": str(home / "config.toml"),
    }.items():
        mp.setenv(name, value)
    from scrutui.store.config import set_config_value

    set_config_value(home / "config.toml", ("officer", "name"), "Test Officer")
    set_config_value(home / "config.toml", ("officer", "email"), "test.officer@example.gov.uk")
    root = tmp_path_factory.mktemp("report") / "ws"
    build(root, Clock(mp))
    mp.undo()
    return root


def report_of(root: Path, label: str = "2024/25", **options: bool) -> Report:
    svc = Service(root, today=lambda: AS_OF)
    sources, skipped = inputs(svc.state.trackers, read_trail(svc.repo))
    return build_report(sources, year_period(label), AS_OF, skipped=skipped, **options)


def committee(report: Report, tracker: str) -> Committee:
    return next(c for c in report.committees if c.tracker == tracker)


def ids(evidence: list[object]) -> list[str]:
    return sorted(str(e).split(":")[0].split("/")[1] for e in evidence)


# Every figure, by hand -----------------------------------------------------------------------


def test_every_committee_figure_of_the_year_matches_the_hand_count(history: Path) -> None:
    pcs = committee(report_of(history), "pcs")
    # made 10/06/24 to 28/04/25, the exempt R-2024-06-10-3 left out, the archived one in
    assert pcs.recommendations.value == 8
    assert {d: c.value for d, c in pcs.decisions.items()} == {
        "Accepted": 3,  # -06-10-1, -09-09-1 (archived), -2025-03-10-1
        "Partially Accepted": 1,  # -06-10-2, after Accepted and Rejected
        "Rejected": 1,  # -09-09-2, deleted and restored
        "None yet": 3,  # -12-09-1, -2025-03-10-2, -2025-04-28-1
    }
    assert pcs.decisions["Accepted"].share == 3 / 8
    # on time: -06-10-1 (on the due day, 61 days), -06-10-2 (21), -09-09-2 (11), -03-10-1 (22)
    assert ids(pcs.on_time.evidence) == [
        "R-2024-06-10-1",
        "R-2024-06-10-2",
        "R-2024-09-09-2",
        "R-2025-03-10-1",
    ]
    # late: -09-09-1 (01/12/24, due 09/11/24); due at all: 4 + 1 + 2 overdue = 7
    assert (pcs.on_time.value, pcs.late.value, pcs.on_time.of) == (4, 1, 7)
    assert sorted(d for d, _ in pcs.days_to_response.values) == [11, 21, 22, 61, 83]
    assert (pcs.days_to_response.median, pcs.days_to_response.longest) == (22, 83)
    # outstanding: -12-09-1 (due 09/02/25: 126 days overdue), -03-10-2 (due 10/05/25: 36),
    # -04-28-1 (due 28/06/25: not yet due)
    assert pcs.outstanding.value == 3
    assert sorted(d for d, _ in pcs.overdue.values) == [36, 126]
    assert pcs.overdue.median == 81
    assert ids(pcs.not_yet_due.evidence) == ["R-2025-04-28-1"]
    assert pcs.undated.value == 0
    # 6 months: -06-10-1 (complete 01/11/24 by 10/12/24), -09-09-1 (15/01/25 by 09/03/25);
    # -06-10-2 complete 01/03/25, after its 10/12/24; -03-10-1's six months are not up
    assert (pcs.implemented_6.value, pcs.implemented_6.of) == (2, 3)
    # 12 months: only the meeting of 10/06/24 has had them (10/06/25): both complete by then
    assert (pcs.implemented_12.value, pcs.implemented_12.of) == (2, 2)
    assert (pcs.actions.value, pcs.actions_completed.value) == (2, 1)
    # open and not reviewed since before more than two meetings (to 09/06/25): -03-11-1 (six
    # meetings), -09-09-2 (four), -12-09-1 and A-2024-12-09-1 (three)
    assert ids(pcs.not_reviewed.evidence) == [
        "A-2024-12-09-1",
        "R-2024-03-11-1",
        "R-2024-09-09-2",
        "R-2024-12-09-1",
    ]


def test_the_second_committee_counts_its_own_response_period_of_eight_weeks(
    history: Path,
) -> None:
    place = committee(report_of(history), "place")
    assert place.recommendations.value == 2
    # 01/07/24 + 8 weeks = 26/08/24, the day it was answered: on time; 07/10/24's came 10/01/25
    assert (place.on_time.value, place.late.value) == (1, 1)
    assert sorted(d for d, _ in place.days_to_response.values) == [56, 95]
    assert place.days_to_response.median == 75.5
    assert (place.implemented_6.value, place.implemented_6.of) == (0, 1)
    assert place.implemented_12.of == 0  # 01/07/25 is after the report's day


def test_the_total_adds_the_committees_and_takes_the_median_over_every_response(
    history: Path,
) -> None:
    total = report_of(history).total
    assert total.recommendations.value == 10
    assert (total.on_time.value, total.late.value, total.responses_due) == (5, 2, 9)
    assert total.days_to_response.median == 56  # of 11, 21, 22, 56, 61, 83, 95
    assert total.days_to_response.longest == 95
    assert (total.implemented_6.value, total.implemented_6.of) == (2, 4)
    # at each meeting of either committee, the open recommendations of both
    assert [(d.isoformat(), c.value) for d, c in total.open_at] == [
        ("2024-06-10", 3),  # -03-11-1, -06-10-1, -06-10-2
        ("2024-07-01", 4),  # + place -07-01-1
        ("2024-09-09", 6),  # + -09-09-1, -09-09-2
        ("2024-10-07", 7),  # + place -10-07-1
        ("2024-12-09", 7),  # - -06-10-1 (complete 01/11/24), + -12-09-1
        ("2025-01-13", 7),
        ("2025-03-10", 7),  # - -09-09-1, -06-10-2, + -03-10-1, -03-10-2
        ("2025-04-28", 8),  # + -04-28-1; the meeting of 09/06/25 is in the next year
    ]


def test_the_response_recorded_on_the_due_date_is_on_time(history: Path) -> None:
    pcs = committee(report_of(history), "pcs")
    note = next(e.note for e in pcs.on_time.evidence if e.record_id == "R-2024-06-10-1")
    assert "response recorded 10/08/24" in note and "due 10/08/24" in note


def test_a_decision_changed_twice_keeps_the_day_it_was_first_made(history: Path) -> None:
    pcs = committee(report_of(history), "pcs")
    days = {e.record_id: d for d, e in pcs.days_to_response.values}
    assert days["R-2024-06-10-2"] == 21  # Accepted 01/07/24; Rejected, Partially Accepted later
    first = git(history, "log", "--format=%h", "--reverse", "--", "pcs/R-2024-06-10-2.toml")
    explained = next(e.note for e in pcs.on_time.evidence if e.record_id == "R-2024-06-10-2")
    assert first.split()[1] in explained  # the commit that set it, for --explain


def test_a_deleted_and_restored_record_counts_with_its_first_response_day(
    history: Path,
) -> None:
    pcs = committee(report_of(history), "pcs")
    days = {e.record_id: d for d, e in pcs.days_to_response.values}
    assert days["R-2024-09-09-2"] == 11  # 20/09/24, not the restore of 05/10/24


def test_an_archived_record_still_counts_as_made_and_implemented(history: Path) -> None:
    pcs = committee(report_of(history), "pcs")
    assert "R-2024-09-09-1" in ids(pcs.recommendations.evidence)
    assert ids(pcs.implemented_6.evidence) == ["R-2024-06-10-1", "R-2024-09-09-1"]
    assert ids(pcs.implemented_6.rest) == ["R-2024-06-10-2"]


def test_an_exempt_record_is_left_out_unless_asked_for(history: Path) -> None:
    assert "R-2024-06-10-3" not in ids(
        committee(report_of(history), "pcs").recommendations.evidence
    )
    pcs = committee(report_of(history, include_exempt=True), "pcs")
    assert pcs.recommendations.value == 9
    assert pcs.decisions["Rejected"].value == 2
    assert "R-2024-06-10-3" in ids(pcs.recommendations.evidence)


def test_a_completion_made_by_hand_is_dated_by_its_commit(history: Path) -> None:
    pcs = committee(report_of(history), "pcs")
    sha = git(history, "log", "-1", "--format=%h", "--", "pcs/R-2024-06-10-2.toml").strip()
    twelve = [e.note for e in pcs.implemented_12.evidence if e.record_id == "R-2024-06-10-2"]
    six = [e.note for e in pcs.implemented_6.rest if e.record_id == "R-2024-06-10-2"]
    assert six == [f"not complete by 10/12/24 (complete 01/03/25 ({sha}))"]
    assert twelve == [f"complete 01/03/25 ({sha}), by 10/06/25"]


def test_a_responded_date_overrides_the_day_it_was_typed_in(history: Path) -> None:
    pcs = committee(report_of(history), "pcs")
    days = {e.record_id: d for d, e in pcs.days_to_response.values}
    assert days["R-2025-03-10-1"] == 22  # responded 01/04/25; typed in on 20/05/25


def test_the_year_before_holds_only_its_own_recommendations(history: Path) -> None:
    pcs = committee(report_of(history, "2023/24"), "pcs")
    assert ids(pcs.recommendations.evidence) == ["R-2024-03-11-1"]
    assert pcs.days_to_response.values[0][0] == 40  # 11/03/24 to 20/04/24
    assert pcs.late.value == 0 and pcs.on_time.value == 1  # due 11/05/24


def test_the_peer_challenge_progress_and_the_lga_milestones(history: Path) -> None:
    (peer,) = report_of(history).peer
    assert (peer.actions.value, peer.complete.value, peer.ongoing.value) == (4, 1, 3)
    assert ids(peer.past_target.evidence) == ["PA-1-2"]  # March 2025; December 2025 is not
    assert ids(peer.no_target_date.evidence) == ["PA-1-4"]
    assert [(m.due, m.done, m.state) for m in peer.milestones] == [
        (date(2024, 5, 5), date(2024, 4, 15), "met"),
        (date(2024, 12, 5), date(2024, 12, 2), "met"),  # from "2 December 2024 progress review"
        (date(2025, 2, 5), None, "due, not recorded"),
    ]


def test_the_oldest_outstanding_recommendations_leave_out_the_rejected(history: Path) -> None:
    oldest = report_of(history).oldest
    assert [o.record_id for o in oldest] == [
        "R-2024-03-11-1",
        "R-2024-07-01-1",
        "R-2024-12-09-1",
        "R-2025-03-10-1",
        "R-2025-03-10-2",
    ]
    assert oldest[0].leads == ("Officer Mar 1",) and oldest[0].days_open == 461


# Years and settings --------------------------------------------------------------------------


def test_the_default_year_is_the_last_complete_municipal_year() -> None:
    assert last_complete_year(date(2025, 6, 15)).label == "2024/25"
    assert last_complete_year(date(2025, 4, 30)).label == "2023/24"
    assert last_complete_year(date(2025, 5, 1)).label == "2024/25"
    april = last_complete_year(date(2025, 6, 15), (4, 1))
    assert (april.start, april.end) == (date(2024, 4, 1), date(2025, 3, 31))


def test_a_year_or_a_range_that_is_not_one_gets_a_clear_error() -> None:
    for bad in ("2024", "2024/26", "24/25"):
        with pytest.raises(ValueError, match="not a municipal year like 2024/25"):
            year_period(bad)
    with pytest.raises(ValueError, match=r"ends .* before it starts"):
        range_period(date(2025, 1, 2), date(2025, 1, 1))


def test_the_workspace_setting_moves_the_start_of_the_year(tmp_path: Path) -> None:
    assert workspace_settings(tmp_path).year_starts == (5, 1)
    (tmp_path / "scrutui.toml").write_text('year_starts = "1 April"\n')
    assert workspace_settings(tmp_path).year_starts == (4, 1)
    (tmp_path / "scrutui.toml").write_text('\nyear_starts = "31 Febtember"\n')
    with pytest.raises(SettingsError, match=r"scrutui.toml:2: year_starts: not a day of the year"):
        workspace_settings(tmp_path)


def test_free_text_target_dates() -> None:
    assert date_in("March 2025 (IPS)") == date(2025, 3, 31)
    assert date_in("9 April 2024 progress review", month_end=False) == date(2024, 4, 9)
    assert date_in("by 11/04/24") == date(2024, 4, 11)
    assert date_in("Sept. 2025") == date(2025, 9, 30)
    assert date_in("ongoing") is None and date_in("31/02/25") is None


# Outputs -------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_markdown_report_matches_its_golden_file(
    history: Path, capsys: pytest.CaptureFixture[str], snapshot: SnapshotAssertion
) -> None:
    code, out, err = run(
        capsys, "-w", str(history), "report", "--year", "2024/25", "--as-of", "15/06/25"
    )
    assert code == 0, err
    assert out == snapshot.use_extension(MarkdownSnapshot)


def test_the_json_report_matches_its_golden_file_and_explains_each_count(
    history: Path, capsys: pytest.CaptureFixture[str], snapshot: SnapshotAssertion
) -> None:
    argv = ["-w", str(history), "report", "--as-of", "15/06/25", "--format", "json"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    data = json.loads(out)
    assert data["period"] == {"label": "2024/25", "start": "2024-05-01", "end": "2025-04-30"}
    assert out == snapshot.use_extension(JsonSnapshot)
    code, out, _ = run(capsys, *argv, "--explain")
    pcs = json.loads(out)["committees"][0]
    assert [r["id"] for r in pcs["responses"]["overdue"]["records"]] == [
        "R-2024-12-09-1",
        "R-2025-03-10-2",
    ]


def test_explain_lists_the_records_and_commits_behind_each_figure(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "-w", str(history), "report", "--as-of", "15/06/25", "--explain")
    assert code == 0
    section = out.split("## Where each figure comes from", 1)[1]
    late = section.split("Responses late", 1)[1].split("###", 1)[0]
    sha = git(
        history, "log", "-1", "--format=%h", "--until=2024-12-02", "--", "pcs/R-2024-09-09-1.toml"
    ).strip()
    assert (
        f"pcs/R-2024-09-09-1: response recorded 01/12/24 ({sha}), due 09/11/24: 22 days late"
        in late
    )


def test_the_report_as_of_an_earlier_day_reads_the_history_up_to_it(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(
        capsys,
        "-w",
        str(history),
        "report",
        "--year",
        "2024/25",
        "--as-of",
        "30/11/24",
        "--format",
        "json",
    )
    pcs = json.loads(out)["committees"][0]
    # by 30/11/24: four made (June's two, September's two; the exempt one left out)
    assert pcs["recommendations"]["count"] == 4
    assert pcs["responses"]["outstanding"]["count"] == 1  # -09-09-1, answered 01/12/24


def test_the_word_report_holds_its_charts_as_pictures_and_its_tables(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.docx"
    code, _, err = run(
        capsys, "-w", str(history), "report", "--as-of", "15/06/25", "-o", str(output)
    )
    assert code == 0, err
    with zipfile.ZipFile(output) as docx:
        pictures = [n for n in docx.namelist() if n.startswith("word/media/")]
        document = docx.read("word/document.xml").decode()
    assert len(pictures) == 4
    assert all(docx_name.endswith(".png") for docx_name in pictures)
    import docx as python_docx

    doc = python_docx.Document(str(output))
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Recommendations made" in texts
    assert "Open recommendations" in texts  # the table under figure 3
    assert "Figure 1: Executive decisions" in document


def test_the_html_report_holds_its_charts_as_svg_and_its_tables(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.html"
    code, _, err = run(
        capsys, "-w", str(history), "report", "--as-of", "15/06/25", "-o", str(output)
    )
    assert code == 0, err
    html = output.read_text()
    assert html.count("<svg ") == 4
    assert '<title id="figure-1-title">Executive decisions' in html
    assert html.count("<table") >= 8  # the figures, four charts' tables, peer, the oldest
    assert "<script" not in html


def test_the_svg_is_the_same_bytes_every_time_and_labels_every_bar(history: Path) -> None:
    report = report_of(history)
    first = [svg(f.chart, f.ident) for f in figures(report, Palette())]
    again = [svg(f.chart, f.ident) for f in figures(report_of(history), Palette())]
    assert first == again
    from xml.etree import ElementTree

    for text in first:  # well-formed, with a title and a description for screen readers
        root = ElementTree.fromstring(text)
        assert [c.tag.split("}")[1] for c in root][:2] == ["title", "desc"]
    decisions = first[0]
    assert "3 accepted, 1 partially, 1 rejected, 3 none yet" in decisions
    assert "#2e7d32" in decisions and "#c62828" in decisions  # green and red from the scheme
    assert not re.search(r"\d\.\d{2,}", decisions)  # coordinates rounded to one decimal


def test_the_terminal_chart_uses_a_different_character_for_each_decision(history: Path) -> None:
    chart = figures(report_of(history), Palette())[0].chart
    assert isinstance(chart, BarChart)
    text = plain(chart, 80)
    assert "██ Accepted  ▓▓ Partially Accepted  ▒▒ Rejected  ░░ None yet" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_the_colours_come_from_the_committees_status_scheme() -> None:
    from scrutui.domain.status import PRESETS

    palette = Palette.from_scheme(PRESETS["rag"])
    assert (palette.done, palette.progress, palette.none) == ("green", "amber", "red")


def test_a_year_that_is_not_one_or_an_unknown_tracker_gets_a_clear_error(
    history: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "-w", str(history), "report", "--year", "2024", "pcs")
    assert code == 2 and "not a municipal year like 2024/25" in err
    code, _, err = run(capsys, "-w", str(history), "report", "nosuch")
    assert code == 2 and "no tracker 'nosuch'" in err


def test_a_markdown_report_of_one_committee_only(history: Path) -> None:
    svc = Service(history, today=lambda: AS_OF)
    sources, _ = inputs(svc.state.trackers, read_trail(svc.repo, ["place"]), ["place"])
    report = build_report(sources, year_period("2024/25"), AS_OF)
    text = markdown(report, Palette())
    assert [c.tracker for c in report.committees] == ["place"]
    assert "All committees |" not in text.split("## Charts")[0].splitlines()[4]


# The trail -----------------------------------------------------------------------------------


def test_the_whole_trail_is_read_by_one_git_log_and_one_cat_file_then_kept(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrutui.store.git import GitRepo

    cache = history / ".git" / "scrutui" / "cache" / "trail.pickle"
    cache.unlink(missing_ok=True)
    calls: list[str] = []
    real = GitRepo.run_input

    def counted(self: GitRepo, *args: str, **options: object) -> bytes:
        calls.append(args[0])
        return real(self, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(GitRepo, "run_input", counted)
    repo = Service(history).repo
    trail = read_trail(repo)
    assert calls == ["log", "cat-file"]
    assert len(trail.steps) == 19  # every record file, tracker.toml left out
    assert trail.commits == int(git(history, "rev-list", "--count", "HEAD"))
    assert cache.is_file()
    calls.clear()
    assert read_trail(repo).steps == trail.steps  # from the cache: no git at all
    assert calls == []


def test_the_trail_is_read_with_the_garbage_collector_off_and_given_back_as_it_was(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from scrutui.store import trail as trail_module

    seen: list[bool] = []
    real = trail_module._read

    def noted(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(trail_module, "_read", noted)
    (history / ".git" / "scrutui" / "cache" / "trail.pickle").unlink(missing_ok=True)
    repo = Service(history).repo
    assert gc.isenabled()
    steps = read_trail(repo).steps
    assert seen == [False] and gc.isenabled()  # off while its steps were made, on again
    gc.disable()
    try:
        assert read_trail(repo).steps == steps  # from the cache
        assert not gc.isenabled()  # left off, as it was
    finally:
        gc.enable()


def test_the_kept_trail_reads_only_the_commits_made_since_and_agrees_with_a_full_read(
    tmp_path: Path, officer: tuple[str, str], clock: Clock
) -> None:
    svc = build(tmp_path / "ws", clock)
    read_trail(svc.repo)
    clock.set("2025-06-20T10:00:00")
    svc.set_fields("R-2024-12-09-1", {"decision": "Rejected"})
    svc.delete("R-2025-04-28-1")
    since = read_trail(svc.repo)
    (tmp_path / "ws" / ".git" / "scrutui" / "cache" / "trail.pickle").unlink()
    full = read_trail(svc.repo)
    assert since.steps == full.steps and since.commits == full.commits
    last = since.of("pcs", "R-2024-12-09-1")[-1]
    assert (last.day, last.answered) == (date(2025, 6, 20), True)
    assert since.of("pcs", "R-2025-04-28-1")[-1].exists is False


def test_the_trail_reads_keys_typed_by_hand_and_not_those_inside_tables(
    tmp_path: Path, officer: tuple[str, str], clock: Clock
) -> None:
    from scrutui.store.git import GitRepo
    from scrutui.store.trail import _keys

    assert _keys(b"decision=\"Accepted\"  # by hand\nstatus = 'Y'\n") == ("Y", True)
    assert _keys(b'status = "R"\nresponse = ""\n\n[[updates]]\nstatus = "G"\n') == ("R", False)
    assert _keys(b'status = "R"\nresponse = """\nWe agree.\n"""\n') == ("R", True)
    root = tmp_path / "ws"
    repo = GitRepo.init(root)
    (root / "pcs").mkdir()
    (root / "pcs" / "tracker.toml").write_text('kind = "committee"\n')
    (root / "pcs" / "R-2024-01-01-1.toml").write_text('status = "R"\n')
    (root / "pcs" / "notes.txt").write_text("not a record\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "hand")
    trail = read_trail(repo)
    assert list(trail.steps) == ["pcs/R-2024-01-01-1.toml"]
    assert read_trail(repo, ["other"]).steps == {}


def test_a_range_of_dates_reports_the_recommendations_made_in_it(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["-w", str(history), "report", "--from", "01/09/24", "--to", "31/12/24"]
    code, out, _ = run(capsys, *argv, "--as-of", "15/06/25", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["period"]["label"] == "01/09/24 to 31/12/24"
    # the meetings of 09/09/24 (two) and 09/12/24 (one) at pcs, 07/10/24 at place
    assert data["total"]["recommendations"]["count"] == 4
    code, _, err = run(capsys, *argv[:-2], "--year", "2024/25")
    assert code == 2 and "--year or --from/--to, not both" in err
    code, _, err = run(capsys, *argv[:-2])
    assert code == 2 and "give both dates" in err


def test_a_plain_text_chart_never_runs_past_its_width() -> None:
    from scrutui.papers.charts import Bar, Segment

    long = "A Committee Whose Name Runs On And On Past Any Column"
    chart = BarChart(
        "Long labels and notes",
        tuple(
            Bar(f"{long} {n}", (Segment("Accepted", 40 * n, "green"),), "a note " * 12, 30)
            for n in range(1, 4)
        ),
        mark_label="the due period",
    )
    for width in (60, 80, 100):
        assert all(len(line) <= width for line in plain(chart, width).splitlines())


def test_exempt_records_only_with_a_warning_that_the_report_is_not_for_publication(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["-w", str(history), "report", "--as-of", "15/06/25"]
    _, published, _ = run(capsys, *argv)
    assert "R-2024-06-10-3" not in run(capsys, *argv, "--explain")[1]
    assert "not for publication" not in published
    _, internal, _ = run(capsys, *argv, "--include-exempt", "--explain")
    assert "**Includes exempt (closed session) records: not for publication.**" in internal
    assert "pcs/R-2024-06-10-3" in internal
