"""The audit trail: one change is one commit, whose message reads like the tracker's minutes."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from scrutui.domain.validation import Invalid
from scrutui.store.config import IdentityMissing, load_config
from scrutui.store.service import ChangedOnDisk, Saved, Service
from scrutui.store.workspace import WorkspaceError
from tests.conftest import Clock, git

RECORD = "pcs/R-2023-09-29-1.toml"


def commit_count(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD"))


def files_of(root: Path, rev: str = "HEAD") -> list[str]:
    return git(root, "show", "--name-only", "--format=", rev).split()


def assert_one_clean_commit(root: Path, before: int, saved: Saved, files: list[str]) -> None:
    """Exactly one new commit, touching exactly `files`, with a clean tree and repository."""
    assert commit_count(root) == before + 1
    assert git(root, "rev-parse", "HEAD").strip() == saved.sha
    assert sorted(files_of(root)) == sorted(files)
    assert git(root, "status", "--porcelain") == ""
    fsck = subprocess.run(["git", "fsck", "--strict"], cwd=root, capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stderr


@pytest.fixture
def service(workspace: Path) -> Service:
    return Service(workspace, today=lambda: date(2024, 10, 15))


def test_a_status_change_with_an_update_is_one_commit_that_reads_like_the_minutes(
    service: Service, workspace: Path, clock: Clock
) -> None:
    before = commit_count(workspace)
    clock.set("2024-10-15T10:30:00")
    saved = service.change_status("R-2023-09-29-1", "G", "The CLES report was published.")
    assert_one_clean_commit(workspace, before, saved, [RECORD])
    assert git(workspace, "log", "-1", "--format=%an <%ae>|%s").strip() == (
        "Test Officer <test.officer@example.gov.uk>|R-2023-09-29-1: status Y -> G, update added"
    )
    assert git(workspace, "log", "-1", "--format=%b").rstrip("\n") + "\n" == (
        "last_reviewed: 11/04/2024 -> 15/10/2024\n"
        "status: Y -> G\n"
        "completed: (none) -> 15/10/2024\n"
        "updates: added 15/10/2024:\n"
        "    The CLES report was published.\n"
        "\n"
        "Tracker: pcs\n"
        "Changed-With: scrutui 0.1.0\n"
    )
    record = service.reload().find("R-2023-09-29-1")[1]
    assert (record.status, record.completed, record.updates[-1].text) == (
        "G",
        date(2024, 10, 15),
        "The CLES report was published.",
    )


def test_a_long_text_change_is_shown_in_the_body_as_a_short_unified_diff(
    service: Service, workspace: Path
) -> None:
    _, record = service.find("R-2023-09-29-1")
    new_text = record.text.replace("choosing measures", "choosing clear measures")
    service.set_fields("R-2023-09-29-1", {"text": new_text})
    body = git(workspace, "log", "-1", "--format=%s%n%b").rstrip("\n")
    assert body.splitlines()[:8] == [
        "R-2023-09-29-1: text changed",
        "text:",
        "    @@ -1,3 +1,3 @@",
        "     That the Council clarifies the objectives it wishes to achieve through",
        "    -its social value policy, choosing measures and weightings which support",
        "    -those objectives.",
        "    +its social value policy, choosing clear measures and weightings which",
        "    +support those objectives.",
    ]


def test_typed_values_are_parsed_as_an_officer_types_them(
    service: Service, workspace: Path
) -> None:
    saved = service.set_typed(
        "A-2023-09-29-1", {"leads": "Melissa Sage; Lorna Baxter", "last_reviewed": "01/05/24"}
    )
    assert saved.subject == "A-2023-09-29-1: leads changed"
    assert "leads: Melissa Sage -> Melissa Sage; Lorna Baxter" in git(
        workspace, "log", "-1", "--format=%b"
    )
    assert saved.record is not None and saved.record.last_reviewed == date(2024, 5, 1)


@pytest.mark.parametrize(
    ("operation", "subject"),
    [
        (
            lambda s: s.add_update(
                "A-2023-09-29-1", "Data requested from finance.", date(2024, 6, 1)
            ),
            "A-2023-09-29-1: update added",
        ),
        (
            lambda s: s.mark_complete("A-2023-09-29-1", on=date(2024, 6, 1)),
            "A-2023-09-29-1: status R -> G",
        ),
        (lambda s: s.archive("A-2023-09-29-1"), "A-2023-09-29-1: archived"),
        (lambda s: s.set_fields("A-2023-09-29-1", {"exempt": True}), "A-2023-09-29-1: exempt set"),
        (lambda s: s.delete("A-2023-09-29-1"), "A-2023-09-29-1: deleted"),
    ],
    ids=["update", "complete", "archive", "exempt", "delete"],
)
def test_each_change_is_exactly_one_commit_of_the_one_file_it_changed(
    service: Service, workspace: Path, operation: Callable[[Service], Saved], subject: str
) -> None:
    before = commit_count(workspace)
    saved = operation(service)
    assert saved.subject == subject
    assert_one_clean_commit(workspace, before, saved, ["pcs/A-2023-09-29-1.toml"])
    assert git(workspace, "log", "-1", "--format=%s").strip() == subject


def test_a_new_record_gets_the_next_id_and_restoring_from_the_archive_is_one_commit(
    service: Service, workspace: Path
) -> None:
    before = commit_count(workspace)
    saved = service.new_record(
        "pcs",
        "action",
        {
            "meeting": date(2023, 9, 29),
            "item": "Social Value",
            "text": "Officers to circulate the CLES report.",
            "leads": ("Melissa Sage",),
        },
    )
    assert saved.subject == "A-2023-09-29-2: new action"
    assert_one_clean_commit(workspace, before, saved, ["pcs/A-2023-09-29-2.toml"])
    assert saved.record is not None and saved.record.status == "R"
    service.archive("A-2023-09-29-2")
    restored = service.restore("A-2023-09-29-2")
    assert restored.subject == "A-2023-09-29-2: restored from the archive"
    assert_one_clean_commit(workspace, before + 2, restored, ["pcs/A-2023-09-29-2.toml"])


def test_a_deleted_record_stays_in_history_its_id_is_not_reused_and_it_can_come_back(
    service: Service, workspace: Path
) -> None:
    original = (workspace / "pcs" / "A-2023-09-29-1.toml").read_bytes()
    service.delete("A-2023-09-29-1")
    assert not (workspace / "pcs" / "A-2023-09-29-1.toml").exists()
    new = service.new_record(
        "pcs", "action", {"meeting": date(2023, 9, 29), "item": "Social Value", "text": "Another."}
    )
    assert new.record is not None and new.record.id == "A-2023-09-29-2"
    back = service.restore("A-2023-09-29-1")
    assert back.subject == "A-2023-09-29-1: restored as it was before it was deleted"
    assert (workspace / "pcs" / "A-2023-09-29-1.toml").read_bytes() == original


def test_without_an_identity_nothing_is_written_and_nothing_is_committed(
    workspace: Path, isolated: Path
) -> None:
    (isolated / ".config" / "scrutui" / "config.toml").unlink()
    service = Service(workspace, config=load_config())
    before = (workspace / RECORD).read_bytes()
    with pytest.raises(IdentityMissing, match="scrutui config officer"):
        service.change_status("R-2023-09-29-1", "G")
    assert (workspace / RECORD).read_bytes() == before
    assert commit_count(workspace) == 1 + 1
    assert git(workspace, "log", "--format=%an").split("\n")[0] != "root"


def test_git_s_own_identity_is_used_when_scrutui_has_none(workspace: Path, isolated: Path) -> None:
    (isolated / ".config" / "scrutui" / "config.toml").unlink()
    git(workspace, "config", "user.name", "Tom Hudson")
    git(workspace, "config", "user.email", "tom.hudson@oxfordshire.gov.uk")
    Service(workspace, config=load_config()).change_status("R-2023-09-29-1", "R")
    assert git(workspace, "log", "-1", "--format=%an <%ae>").strip() == (
        "Tom Hudson <tom.hudson@oxfordshire.gov.uk>"
    )


def test_an_invalid_change_is_refused_before_anything_is_written(
    service: Service, workspace: Path
) -> None:
    before = (workspace / RECORD).read_bytes()
    with pytest.raises(Invalid, match="unknown status code; found 'Q'; allowed: R, Y, G"):
        service.change_status("R-2023-09-29-1", "Q")
    with pytest.raises(Invalid, match="item: must not be empty"):
        service.set_typed("R-2023-09-29-1", {"item": ""})
    assert (workspace / RECORD).read_bytes() == before
    assert commit_count(workspace) == 2


def test_history_shows_each_edit_with_its_field_diffs_and_restore_makes_the_file_identical(
    service: Service, workspace: Path, clock: Clock
) -> None:
    first = (workspace / RECORD).read_bytes()
    clock.set("2024-05-01T09:00:00")
    service.set_typed("R-2023-09-29-1", {"leads": "Melissa Sage; Lorna Baxter"})
    clock.set("2024-06-01T09:00:00")
    service.add_update("R-2023-09-29-1", "Workshops held.", date(2024, 6, 1))
    clock.set("2024-07-01T09:00:00")
    service.change_status("R-2023-09-29-1", "G", on=date(2024, 7, 1))
    versions = service.history("R-2023-09-29-1")
    assert [v.commit.subject for v in versions] == [
        "R-2023-09-29-1: status Y -> G",
        "R-2023-09-29-1: update added",
        "R-2023-09-29-1: leads changed",
        "Add the Social Value records",
    ]
    assert [[c.name for c in v.changes] for v in versions[:3]] == [
        ["last_reviewed", "status", "completed"],
        ["last_reviewed", "updates"],
        ["leads"],
    ]
    assert versions[2].changes[0].old == ["Melissa Sage"]
    assert versions[2].changes[0].new == ["Melissa Sage", "Lorna Baxter"]
    assert versions[-1].what == "created" and versions[-1].raw == first

    clock.set("2024-08-01T09:00:00")
    saved = service.restore("R-2023-09-29-1", versions[-1].commit.sha)
    assert (workspace / RECORD).read_bytes() == first
    assert saved.subject == (
        f"R-2023-09-29-1: restored to its version of 01/01/2024 ({versions[-1].commit.short})"
    )
    assert len(service.history("R-2023-09-29-1")) == 5


def test_the_record_as_it_stood_at_a_date_between_two_edits_has_its_old_status(
    service: Service, clock: Clock
) -> None:
    clock.set("2024-05-01T09:00:00")
    service.change_status("R-2023-09-29-1", "R", on=date(2024, 5, 1))
    clock.set("2024-09-01T09:00:00")
    service.change_status("R-2023-09-29-1", "G", on=date(2024, 9, 1))
    statuses = {
        day: service.as_of(day, "pcs").find("R-2023-09-29-1")[1].status
        for day in (date(2024, 1, 1), date(2024, 6, 30), date(2024, 9, 1))
    }
    assert statuses == {date(2024, 1, 1): "Y", date(2024, 6, 30): "R", date(2024, 9, 1): "G"}
    assert service.as_of(date(2023, 12, 31)).trackers == {}


def test_an_as_of_read_leaves_the_working_tree_alone(service: Service, workspace: Path) -> None:
    service.change_status("R-2023-09-29-1", "G")
    before = git(workspace, "status", "--porcelain", "--ignored")
    service.as_of(date(2024, 1, 1))
    assert git(workspace, "status", "--porcelain", "--ignored") == before
    assert service.find("R-2023-09-29-1")[1].status == "G"


def test_changes_since_a_date_list_record_what_who_and_when(service: Service, clock: Clock) -> None:
    clock.set("2024-05-01T09:00:00")
    service.add_update("A-2023-09-29-1", "Chased.", date(2024, 5, 1))
    clock.set("2024-06-02T09:00:00")
    service.change_status("R-2023-09-29-1", "G", on=date(2024, 6, 2))
    changes = service.changes_since("pcs", date(2024, 5, 2))
    assert [(c.record_id, c.commit.author, c.commit.when.date()) for c in changes] == [
        ("R-2023-09-29-1", "Test Officer", date(2024, 6, 2))
    ]
    assert [c.name for c in changes[0].changes] == ["last_reviewed", "status", "completed"]


def test_blame_of_a_changed_line_names_the_commit_of_that_change(
    service: Service, workspace: Path
) -> None:
    saved = service.change_status("R-2023-09-29-1", "G")
    blame = git(workspace, "blame", "--porcelain", "-L", "/^status = /,+1", RECORD)
    assert blame.split()[0] == saved.sha
    assert "author Test Officer" in blame and "summary R-2023-09-29-1: status Y -> G" in blame


def test_a_record_changed_on_disk_since_it_was_loaded_is_not_overwritten(
    service: Service, workspace: Path
) -> None:
    service.find("R-2023-09-29-1")
    file = workspace / RECORD
    file.write_text(file.read_text().replace('status = "Y"', 'status = "R"'))
    with pytest.raises(ChangedOnDisk, match="changed on disk since it was loaded") as error:
        service.change_status("R-2023-09-29-1", "G")
    assert error.value.mine is not None and error.value.mine.status == "Y"
    assert error.value.theirs is not None and error.value.theirs.status == "R"
    assert 'status = "R"' in file.read_text()


def test_outside_changes_are_listed_validated_and_committed_only_when_asked(
    service: Service, workspace: Path
) -> None:
    good = workspace / "pcs" / "A-2023-09-29-1.toml"
    good.write_text(good.read_text().replace('status = "R"', 'status = "Y"'))
    bad = workspace / RECORD
    bad.write_text(bad.read_text().replace('status = "Y"', 'status = "Done"'))
    report = service.outside()
    assert [(path, [c.name for c in changes]) for path, changes in report.valid] == [
        ("pcs/A-2023-09-29-1.toml", ["status"])
    ]
    assert [str(p) for p in report.invalid] == [
        "pcs/R-2023-09-29-1.toml:11: status: unknown status code; found 'Done'; allowed: R, Y, G"
    ]
    assert commit_count(workspace) == 2

    saved = service.commit_outside("Edited in vim during the meeting")
    assert saved is not None
    assert saved.subject == "A-2023-09-29-1: changed outside scrutui"
    assert files_of(workspace) == ["pcs/A-2023-09-29-1.toml"]
    assert git(workspace, "log", "-1", "--format=%b").startswith(
        "Edited in vim during the meeting\n\npcs/A-2023-09-29-1.toml:\n  status: R -> Y\n"
    )
    assert git(workspace, "status", "--porcelain") == " M pcs/R-2023-09-29-1.toml\n"


def test_a_change_to_a_record_with_uncommitted_outside_edits_is_refused(
    service: Service, workspace: Path
) -> None:
    file = workspace / RECORD
    file.write_text(file.read_text().replace("Social Value", "Social value"))
    service.reload()
    with pytest.raises(WorkspaceError, match="changes made outside scrutui"):
        service.change_status("R-2023-09-29-1", "G")


def test_undo_reverts_a_change_as_a_new_commit(service: Service, workspace: Path) -> None:
    first = (workspace / RECORD).read_bytes()
    changed = service.change_status("R-2023-09-29-1", "G")
    undone = service.undo()
    assert (workspace / RECORD).read_bytes() == first
    assert undone.subject == f"R-2023-09-29-1: undo of {changed.short}"
    assert commit_count(workspace) == 4
    assert git(workspace, "log", "-1", "--format=%b").startswith(
        f'This reverts commit {changed.short}, "R-2023-09-29-1: status Y -> G".'
    )


def test_history_follows_a_record_moved_to_another_tracker(
    service: Service, workspace: Path
) -> None:
    service.change_status("R-2023-09-29-1", "R")
    (workspace / "audit").mkdir()
    git(workspace, "mv", "pcs/tracker.toml", "audit/tracker.toml")
    git(workspace, "mv", RECORD, "audit/R-2023-09-29-1.toml")
    git(workspace, "commit", "-q", "-m", "Move Social Value to the audit committee")
    versions = Service(workspace).history("audit/R-2023-09-29-1")
    assert [v.commit.subject for v in versions] == [
        "Move Social Value to the audit committee",
        "R-2023-09-29-1: status Y -> R",
        "Add the Social Value records",
    ]
    assert versions[0].what == "moved from pcs/R-2023-09-29-1.toml"


def test_the_pre_commit_hook_refuses_a_hand_commit_of_an_invalid_record(
    service: Service, workspace: Path
) -> None:
    hook = service.install_hook()
    assert hook.stat().st_mode & 0o100
    file = workspace / RECORD
    file.write_text(file.read_text().replace('status = "Y"', 'status = "Q"'))
    git(workspace, "add", RECORD)
    result = subprocess.run(
        ["git", "-c", "user.name=H", "-c", "user.email=h@x", "commit", "-m", "hand edit"],
        cwd=workspace,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "pcs/R-2023-09-29-1.toml:11: status: unknown status code; found 'Q'" in result.stderr
    file.write_text(file.read_text().replace('status = "Q"', 'status = "G"'))
    git(workspace, "add", RECORD)
    git(workspace, "commit", "-q", "-m", "hand edit, fixed")
    assert commit_count(workspace) == 3


def test_a_new_record_s_commit_lists_the_fields_it_was_created_with(
    service: Service, workspace: Path
) -> None:
    service.new_record(
        "pcs",
        "action",
        {
            "meeting": date(2024, 1, 19),
            "item": "Budget",
            "text": "Circulate the figures.",
            "leads": ("Lorna Baxter",),
        },
    )
    assert git(workspace, "log", "-1", "--format=%B").splitlines()[:7] == [
        "A-2024-01-19-1: new action",
        "",
        "meeting: 19/01/2024",
        "item: Budget",
        "text: Circulate the figures.",
        "leads: Lorna Baxter",
        "status: R",
    ]


def test_several_new_records_are_one_commit_and_all_or_nothing(
    service: Service, workspace: Path
) -> None:
    meeting = {"meeting": date(2024, 1, 19), "item": "Budget"}
    with pytest.raises(Invalid, match=r"A-2024-01-19-2\.text: missing"):
        service.add_records(
            "pcs",
            [("action", {**meeting, "text": "One."}), ("action", meeting)],
            "Imported 2 records",
        )
    assert not list((workspace / "pcs").glob("A-2024-*.toml"))
    saved = service.add_records(
        "pcs",
        [("action", {**meeting, "text": "One."}), ("recommendation", {**meeting, "text": "Two."})],
        "Imported 2 records from the minutes of 19/01/2024",
    )
    assert sorted(files_of(workspace)) == ["pcs/A-2024-01-19-1.toml", "pcs/R-2024-01-19-1.toml"]
    assert git(workspace, "log", "-1", "--format=%B").startswith(
        "Imported 2 records from the minutes of 19/01/2024\n\nA-2024-01-19-1: One.\n"
        "R-2024-01-19-1: Two.\n"
    )
    assert saved.paths == ("pcs/A-2024-01-19-1.toml", "pcs/R-2024-01-19-1.toml")
