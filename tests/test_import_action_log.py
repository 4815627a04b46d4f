"""Action logs and matters arising: updates matched to the seed tracker's records, one commit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from docx import Document

from scrutui.cli import main
from scrutui.importers.minute_readers import read_document
from scrutui.importers.plan import NothingFound, plan
from scrutui.store.service import Service
from tests.conftest import git

LOGS = Path(__file__).parent / "action_logs"
LOG = LOGS / "oxfordshire-pcs-action-log-2024-06-14.md"
ARISING = LOGS / "oxfordshire-pcs-matters-arising-2024-06-14.txt"
TRACKER = "oxfordshire-pcs-tracker"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_action_log_proposes_updates_to_the_right_records(sample_workspace: Path) -> None:
    state = Service(sample_workspace).state.tracker(TRACKER)
    found = plan("log", LOG, state)
    by_record = {u.record: u for u in found.updates}
    assert set(by_record) == {"R-2023-09-29-1", "R-2023-07-21-1", "A-2023-09-29-1"}
    assert by_record["R-2023-09-29-1"].how == "by reference"
    assert by_record["R-2023-07-21-1"].how == "by meeting and item"
    assert by_record["A-2023-09-29-1"].how.startswith("by meeting, item and text")
    assert by_record["R-2023-09-29-1"].text == (
        "The wider social value policy was agreed by Cabinet on 21 May 2024."
    )
    assert [u.complete for u in found.updates] == [True, False, True]
    assert [p.text for p in found.proposals] == [
        "A note on library opening hours to be sent to Members"
    ]
    assert not found.proposals[0].ticked
    assert "matches no record" in found.proposals[0].note


def test_confirming_an_action_log_makes_one_commit_with_updates_and_completions(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = git(sample_workspace, "rev-parse", "HEAD").strip()
    argv = ["-w", str(sample_workspace), "import", "log", str(LOG), "--tracker", TRACKER]
    code, out, err = run(capsys, *argv, "--on", "14/06/2024")
    assert code == 1 and "run this again with --yes" in err
    assert "Update R-2023-09-29-1 (by reference; row 2), and mark it complete" in out
    _, explained, _ = run(capsys, *argv, "--explain")
    assert "  table 1, row 1: the header ('Ref' as ref, 'Meeting' as meeting, 'Item' as item, " in (
        explained
    )
    assert git(sample_workspace, "rev-parse", "HEAD").strip() == before
    code, out, _ = run(capsys, *argv, "--on", "14/06/2024", "--yes")
    assert code == 0, out
    log = git(sample_workspace, "log", "--format=%s", f"{before}..HEAD").splitlines()
    assert log == [f"Imported 3 updates from the action log {LOG.name}"]
    changed = git(sample_workspace, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted(
        f"{TRACKER}/{r}.toml" for r in ("R-2023-09-29-1", "R-2023-07-21-1", "A-2023-09-29-1")
    )
    record = Service(sample_workspace).state.tracker(TRACKER).records["R-2023-09-29-1"]
    assert record.status == "G"
    assert record.updates[-1].text.startswith("The wider social value policy was agreed")
    assert str(record.updates[-1].date) == "2024-06-14"
    assert git(sample_workspace, "status", "--porcelain") == ""
    code, out, _ = run(capsys, *argv, "--on", "14/06/2024", "--yes")
    assert code == 0
    assert out.startswith(f"1 proposed from the action log {LOG.name}")
    assert "(3 already in the tracker, left out)" in out
    assert "None is ticked, so nothing was written" in out
    assert len(git(sample_workspace, "log", "--format=%s", f"{before}..HEAD").splitlines()) == 1


def test_matters_arising_in_minutes_update_the_records_they_name(sample_workspace: Path) -> None:
    state = Service(sample_workspace).state.tracker(TRACKER)
    found = plan("log", ARISING, state)
    assert [(u.record, u.complete) for u in found.updates] == [
        ("R-2023-04-28-1", True),
        ("R-2024-01-19-3", False),
    ]
    assert found.updates[0].text.startswith("the refreshed engagement action plan")
    assert str(found.updates[0].on) == "2024-06-14"


def test_an_action_log_in_a_word_table_is_read_by_its_headings(
    sample_workspace: Path, tmp_path: Path
) -> None:
    document = Document()
    document.add_paragraph("Action log")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Progress", "RAG"], strict=True):
        cell.text = text
    row = ["A-2023-09-29-1", "Contract data", "Sent to Members.", "G"]
    for cell, text in zip(table.rows[1].cells, row, strict=True):
        cell.text = text
    path = tmp_path / "log.docx"
    document.save(str(path))
    assert read_document(path).tables[0][0] == ["Ref", "Action", "Progress", "RAG"]
    found = plan("log", path, Service(sample_workspace).state.tracker(TRACKER))
    assert [(u.record, u.text, u.complete) for u in found.updates] == [
        ("A-2023-09-29-1", "Sent to Members.", True)
    ]


def test_a_log_with_no_entries_says_what_it_looked_for(
    sample_workspace: Path, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Some notes about the weather.\n", encoding="utf-8")
    with pytest.raises(NothingFound, match=r"Found no action-log entries in notes.txt: looked"):
        plan("log", path, Service(sample_workspace).state.tracker(TRACKER))


# Bad input -------------------------------------------------------------------------------------


def test_minutes_with_no_actions_say_what_was_looked_for_and_exit_1(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "Minutes of the meeting held on 3 March 2024\n\n1. WELCOME\n\nThe Chair welcomed all.\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "-w", str(workspace), "import", "minutes", str(path), "--tracker", "pcs"
    )
    assert code == 1 and out == ""
    assert err.startswith("Found no actions or recommendations in report.txt: looked for RESOLVED")
    assert "the meeting date was 03/03/2024 ('minutes of the meeting held on <date>')" in err
    assert "1 minute heading was read (--explain lists them)" in err


def test_explain_lists_the_lines_read_as_headings(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.txt"
    path.write_text(
        "Minutes of the meeting held on 3 March 2024\n\n4. PARKS\n\nRESOLVED: That Cabinet act.\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "-w",
        str(workspace),
        "import",
        "minutes",
        str(path),
        "--tracker",
        "pcs",
        "--explain",
    )
    assert code == 1
    assert "  line 3: minute 4 'Parks' ('27. Title', '27 TITLE' or '62 : TITLE'" in out
    assert "  line 5: a decision (RESOLVED" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.txt", None, "imports read files up to 20,000,000"),
        ("long.txt", b"long", "long.txt has 150,001 lines; minutes and action logs"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        ("minutes.pdf", b"not a pdf at all", "is named .pdf but is not one"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old Word file (.doc)"),
    ],
    ids=["50MB", "binary", "not-a-pdf", "old-doc", "150000-lines"],
)
def test_bad_files_get_a_clear_message_and_nothing_is_written(
    workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content == b"long":
        path.write_bytes(b"Line\n" * 150_000)
    elif content is None:
        with path.open("wb") as file:  # 50 MB of minutes-like text
            file.write(b"RESOLVED: That Cabinet act. [ACTION: Clerk]\n" * 1_200_000)
    else:
        path.write_bytes(content)
    before = git(workspace, "rev-parse", "HEAD")
    started = time.monotonic()
    code, _, err = run(
        capsys, "-w", str(workspace), "import", "minutes", str(path), "--tracker", "pcs", "--yes"
    )
    assert time.monotonic() - started < 10
    assert code == 2 and message in err, err
    assert git(workspace, "rev-parse", "HEAD") == before


def test_a_word_file_with_no_text_says_so(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.docx"
    Document().save(str(path))
    code, _, err = run(
        capsys, "-w", str(workspace), "import", "minutes", str(path), "--tracker", "pcs"
    )
    assert code == 2
    assert "empty.docx is a Word file with no text in it" in err


def test_minutes_with_2000_actions_give_them_all_in_one_commit_in_seconds(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["MINUTES of the meeting held on Monday, 4 March 2024", "", "5/24 BIG ITEM", ""]
    for number in range(2000):
        lines += [f"Point {number} was raised. [ACTION: Officer {number % 7}]", ""]
    path = tmp_path / "big.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    started = time.monotonic()
    code, out, _ = run(
        capsys, "-w", str(workspace), "import", "minutes", str(path), "--tracker", "pcs", "--yes"
    )
    assert code == 0, out[-500:]
    assert "Writing 2,000 records as one commit..." in out
    assert "Imported 2000 records from the minutes of 04/03/2024" in out
    assert time.monotonic() - started < 120
    assert len(git(workspace, "show", "--name-only", "--format=", "HEAD").split()) == 2000


def test_importing_minutes_also_proposes_the_updates_in_their_matters_arising(
    sample_workspace: Path,
) -> None:
    state = Service(sample_workspace).state.tracker(TRACKER)
    found = plan("minutes", ARISING, state)
    assert found.source == "the minutes of 14/06/2024"
    assert [(p.text[:40], p.ticked) for p in found.proposals] == [
        ("that the minutes of the meeting held on ", False)
    ]
    assert [u.record for u in found.updates] == ["R-2023-04-28-1", "R-2024-01-19-3"]
    assert found.subject(0, 2) == "Imported 2 updates from the minutes of 14/06/2024"


def test_a_rolling_actions_log_is_matched_and_a_completion_date_means_complete(
    sample_workspace: Path,
) -> None:
    """Written in the style seen, and scored before the reader was changed: both rows matched
    the right records then; the report title and the completion date were missed."""
    path = LOGS / "edinburgh-style-rolling-actions-log.html"
    found = plan("log", path, Service(sample_workspace).state.tracker(TRACKER))
    assert [(u.record, u.complete) for u in found.updates] == [
        ("R-2023-04-28-1", True),
        ("A-2023-09-29-1", False),
    ]
    assert found.updates[0].how == "by meeting and item"


def test_an_entry_matched_by_its_words_alone_is_proposed_unticked(
    sample_workspace: Path, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "Action,Update,Status\n"
        "Data for Members on contracts with social value weightings,Sent round on 3 June.,"
        "Complete\n",
        encoding="utf-8",
    )
    found = plan("log", path, Service(sample_workspace).state.tracker(TRACKER))
    (update,) = found.updates
    assert update.record == "A-2023-09-29-1"
    assert update.how.startswith("by its text")
    assert not update.ticked
    assert update.note.startswith("matched by its text")
