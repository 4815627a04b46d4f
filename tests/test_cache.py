"""The parsed-record cache under .git/scrutui/cache: faster opens, never a stale record."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from pathlib import Path

from scrutui.store import cache as record_cache
from scrutui.store.cache import RecordCache, cache_folder
from scrutui.store.workspace import load_workspace


def _age(file: Path, seconds: float = 60) -> None:
    """Make a file look as if written a while ago, out of the racy window."""
    then = time.time() - seconds
    os.utime(file, (then, then))


def _aged_workspace(workspace: Path) -> Path:
    for file in (workspace / "pcs").glob("*.toml"):
        _age(file)
    return workspace


def test_a_second_open_reads_records_from_the_cache_and_gives_the_same_workspace(
    workspace: Path,
) -> None:
    _aged_workspace(workspace)
    first = load_workspace(workspace)
    folder = cache_folder(workspace)
    assert folder is not None and (folder / "pcs.pickle").is_file()
    cache = RecordCache.open(workspace / "pcs", first.trackers["pcs"].tracker)
    assert set(cache.entries) == {"R-2023-09-29-1.toml", "A-2023-09-29-1.toml"}
    second = load_workspace(workspace)
    assert second.trackers["pcs"].records == first.trackers["pcs"].records


def test_a_file_edited_after_caching_is_parsed_again(workspace: Path) -> None:
    _aged_workspace(workspace)
    load_workspace(workspace)
    file = workspace / "pcs" / "A-2023-09-29-1.toml"
    file.write_text(file.read_text().replace('status = "R"', 'status = "G"'))
    record = load_workspace(workspace).trackers["pcs"].records["A-2023-09-29-1"]
    assert record.status == "G"


def test_a_same_size_edit_with_the_old_mtime_is_still_seen(workspace: Path) -> None:
    """mtime and size can be put back (`touch -d`, `rsync -t`); the inode change time cannot."""
    _aged_workspace(workspace)
    load_workspace(workspace)
    file = workspace / "pcs" / "A-2023-09-29-1.toml"
    before = file.stat()
    file.write_text(file.read_text().replace('status = "R"', 'status = "G"'))
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file.stat().st_size == before.st_size
    record = load_workspace(workspace).trackers["pcs"].records["A-2023-09-29-1"]
    assert record.status == "G"


def test_files_written_within_the_racy_window_are_not_cached(workspace: Path) -> None:
    (workspace / "pcs" / "A-2023-09-29-1.toml").touch()
    state = load_workspace(workspace).trackers["pcs"]
    cache = RecordCache.open(workspace / "pcs", state.tracker)
    assert "A-2023-09-29-1.toml" not in cache.entries


def test_a_corrupt_cache_is_ignored_and_written_again(workspace: Path) -> None:
    _aged_workspace(workspace)
    expected = load_workspace(workspace).trackers["pcs"].records
    folder = cache_folder(workspace)
    assert folder is not None
    (folder / "pcs.pickle").write_bytes(b"not a pickle at all")
    assert load_workspace(workspace).trackers["pcs"].records == expected
    with (folder / "pcs.pickle").open("rb") as handle:
        assert pickle.load(handle)["code"] == record_cache.code_fingerprint()


def test_changed_tracker_settings_make_every_record_validate_again(workspace: Path) -> None:
    _aged_workspace(workspace)
    assert not load_workspace(workspace).trackers["pcs"].problems
    settings = workspace / "pcs" / "tracker.toml"
    text = settings.read_text()
    assert 'code = "R"' in text
    settings.write_text(text.replace('code = "R"', 'code = "X"'))
    state = load_workspace(workspace).trackers["pcs"]
    assert "A-2023-09-29-1" in state.broken
    assert any("status" in str(problem) for problem in state.problems)


def test_folders_outside_a_repository_get_no_cache(workspace: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(workspace / "pcs", plain / "pcs")
    _aged_workspace(plain)
    state = load_workspace(plain).trackers["pcs"]
    assert len(state.records) == 2
    assert cache_folder(plain) is None
    assert sorted(p.name for p in plain.iterdir()) == ["pcs"]


def test_a_big_cold_open_shared_with_another_process_loads_the_same_records(
    workspace: Path,
) -> None:
    _aged_workspace(workspace)
    alone = load_workspace(workspace, parallel_from=10**9)
    folder = cache_folder(workspace)
    assert folder is not None
    shutil.rmtree(folder)
    shared = load_workspace(workspace, parallel_from=1)
    assert shared.trackers["pcs"].records == alone.trackers["pcs"].records
    assert (folder / "pcs.pickle").is_file()


def test_the_watcher_sees_an_edit_a_new_file_and_a_deleted_file_without_reading_them(
    workspace: Path,
) -> None:
    state = load_workspace(workspace)
    tracker = state.trackers["pcs"]
    assert tracker.changed_on_disk() == [] and not state.changed_on_disk()
    file = workspace / "pcs" / "A-2023-09-29-1.toml"
    file.write_text(file.read_text() + "\n")
    (workspace / "pcs" / "R-2023-09-29-1.toml").unlink()
    (workspace / "pcs" / "A-2023-09-29-2.toml").write_text("")
    assert tracker.changed_on_disk() == ["A-2023-09-29-1", "A-2023-09-29-2", "R-2023-09-29-1"]
    assert state.changed_on_disk()
    assert "A-2023-09-29-1" in tracker.records  # nothing read again until `refresh`
    assert sorted(tracker.refresh()) == ["A-2023-09-29-1", "A-2023-09-29-2", "R-2023-09-29-1"]
    assert "R-2023-09-29-1" not in tracker.records and "A-2023-09-29-2" in tracker.broken


def test_records_of_every_kind_come_back_from_the_cache_as_they_were_parsed(
    sample_workspace: Path,
) -> None:
    """Records, updates and answers are pickled as their field values (a faster unpickle):
    each comes back equal, of its own class, for every kind of tracker."""
    for file in sample_workspace.glob("*/*.toml"):
        _age(file)
    parsed = load_workspace(sample_workspace)
    for name, state in parsed.trackers.items():
        entries = RecordCache.open(sample_workspace / name, state.tracker).entries
        assert len(entries) == len(state.records)  # the second load reads these
    cached = load_workspace(sample_workspace)
    for name, state in parsed.trackers.items():
        again = cached.trackers[name]
        assert again.records == state.records and again.records
        for record_id, record in state.records.items():
            twin = again.records[record_id]
            assert twin is not record and type(twin) is type(record)
            assert [type(u) for u in twin.updates] == [type(u) for u in record.updates]
            assert [type(a) for a in twin.answers] == [type(a) for a in record.answers]
    assert any(r.answers for s in cached.trackers.values() for r in s.records.values())
    assert any(r.updates for s in cached.trackers.values() for r in s.records.values())
