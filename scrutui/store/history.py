"""Reading the workspace's past from git: a record's versions, the workspace on a date, and
the changes since a date. Nothing here touches the working tree."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from scrutui.domain.changes import diff_data
from scrutui.domain.commits import Commit, FileChange
from scrutui.domain.records import ID_CHARS
from scrutui.store.git import GitRepo
from scrutui.store.tomlfile import data_or_none
from scrutui.store.workspace import (
    NOT_RECORDS,
    TRACKER_FILE,
    NotFound,
    TrackerState,
    WorkspaceError,
    WorkspaceState,
    check_tracker_name,
    parse_record,
    parse_tracker,
)

ZERO = "0" * 40
_FORMAT = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s"


def _log(repo: GitRepo, *args: str) -> list[tuple[Commit, list[tuple[str, ...]]]]:
    """`git log --raw` parsed: each commit with its (status, old blob, new blob, paths...)."""
    out = repo.run("log", f"--format={_FORMAT}", "--raw", "--no-abbrev", "-z", *args, strip=False)
    entries = []
    for chunk in out.split("\x1e")[1:]:
        header, _, raw = chunk.partition("\x00")
        if "\n" in header:  # with -z the header ends at the first NUL or new line
            header, _, rest = header.partition("\n")
            raw = rest + "\x00" + raw if rest.strip() else raw
        sha, author, email, when, subject = header.split("\x1f")
        commit = Commit(sha, author, email, datetime.fromisoformat(when), subject)
        files: list[tuple[str, ...]] = []
        parts = [p for p in raw.strip("\n").split("\x00")]
        index = 0
        while index < len(parts):
            meta = parts[index].strip("\n")
            if not meta.startswith(":"):
                index += 1
                continue
            _, _, old_blob, new_blob, status = meta[1:].split(" ")
            if status[0] in "RC":
                files.append((status[0], old_blob, new_blob, parts[index + 1], parts[index + 2]))
                index += 3
            else:
                files.append((status[0], old_blob, new_blob, parts[index + 1]))
                index += 2
        entries.append((commit, files))
    return entries


def _blob(value: str) -> str | None:
    return None if value == ZERO else value


def _fill(repo: GitRepo, changes: list[FileChange]) -> list[FileChange]:
    """Read every old and new blob through one `cat-file --batch` and diff each pair."""
    blobs = sorted({b for c in changes for b in (c.old_blob, c.new_blob) if b})
    contents = dict(zip(blobs, repo.cat_files(blobs), strict=True))
    parsed: dict[str, dict[str, Any] | None] = {}  # each version is one change's old and new

    def data(blob: str | None, path: str) -> dict[str, Any] | None:
        if blob is None:
            return None
        if blob not in parsed:
            parsed[blob] = data_or_none(contents.get(blob), path)
        return parsed[blob]

    filled = []
    for change in changes:
        new_raw = contents.get(change.new_blob) if change.new_blob else None
        old = data(change.old_blob, change.old_path or change.path)
        new = data(change.new_blob, change.path)
        filled.append(
            FileChange(
                change.commit,
                change.path,
                change.old_path,
                change.old_blob,
                change.new_blob,
                old,
                new,
                new_raw,
                diff_data(old, new),
            )
        )
    return filled


def record_history(repo: GitRepo, path: str) -> list[FileChange]:
    """Every commit that changed the record at `path`, newest first, following moves."""
    found: list[FileChange] = []
    current: str | None = path
    before: str | None = None
    while current:
        args = [before] if before else []
        entries = _log(repo, *args, "--", current)
        moved_from = None
        for commit, files in entries:
            for entry in files:
                status, old_blob, new_blob, *paths = entry
                if paths[-1] != current:
                    continue
                found.append(
                    FileChange(
                        commit,
                        current,
                        paths[0] if status in "RC" else None,
                        _blob(old_blob),
                        _blob(new_blob),
                    )
                )
        if found and found[-1].old_blob is None:
            origin = found[-1]
            renamed = _renamed_into(repo, origin.commit.sha, current)
            if renamed:
                old_path, old_blob = renamed
                found[-1] = FileChange(origin.commit, current, old_path, old_blob, origin.new_blob)
                moved_from, before = old_path, f"{origin.commit.sha}^"
        current = moved_from
    return _fill(repo, found)


def _renamed_into(repo: GitRepo, sha: str, path: str) -> tuple[str, str] | None:
    """If commit `sha` made `path` by moving another file: (the old path, its blob)."""
    for _commit, files in _log(repo, "-1", "-M", sha):
        for status, old_blob, _new, *paths in files:
            if status == "R" and paths[-1] == path:
                return paths[0], old_blob
    return None


def commit_on(repo: GitRepo, day: date) -> str | None:
    """The last commit made on or before `day` (by its own clock), or None.

    Clocks run from 12 hours behind UTC to 14 ahead, so a commit after 12:00 UTC the next
    day is after `day` by any clock: git lists the commits from that time back, and the
    first on or before the day by its own clock is the answer. The list is read as git
    writes it and git stopped there, so it costs the few hours' commits above the answer,
    however many the workspace has had since (at 100,000 records, hundreds a day)."""
    last_unsure = datetime.combine(day + timedelta(days=1), time(12), UTC)
    commits = repo.lines(
        "log", "--first-parent", "--format=%H %cI", f"--until={_git_time(last_unsure)}"
    )
    for line in commits:
        sha, when = line.split(" ", 1)
        if date.fromisoformat(when[:10]) <= day:
            commits.close()  # git stopped: the rest of the history is not read
            return sha
    return None


def _git_time(when: datetime) -> str:
    """A time as git's --until reads it exactly."""
    return when.strftime("%Y-%m-%d %H:%M:%S +0000")


def state_at(repo: GitRepo, rev: str, tracker: str | None = None) -> WorkspaceState:
    """The workspace (or one tracker) as it was at `rev`, read from git objects only."""
    out = repo.run(
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        rev,
        *(["--", f"{tracker}/"] if tracker else []),
        strip=False,
    )
    files: dict[str, dict[str, str]] = {}
    for entry in out.split("\x00"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        parts = path.split("/")
        if len(parts) == 2 and parts[1].endswith(".toml") and meta.split()[1] == "blob":
            files.setdefault(parts[0], {})[parts[1]] = meta.split()[2]
    blobs = [b for names in files.values() for b in names.values()]
    contents = dict(zip(blobs, repo.cat_files(blobs), strict=True))
    trackers: dict[str, TrackerState] = {}
    for name, names in sorted(files.items()):
        if TRACKER_FILE not in names:
            continue
        settings, problems = parse_tracker(contents[names[TRACKER_FILE]] or b"", name)
        state = TrackerState(name, repo.root / name, settings, problems=problems)
        for file_name, blob in sorted(names.items()):
            record_id = file_name.removesuffix(".toml")
            if file_name == TRACKER_FILE or not ID_CHARS.match(record_id):
                continue
            if settings is None:
                state.broken.add(record_id)
                continue
            record, record_problems = parse_record(
                contents[blob] or b"", f"{name}/{file_name}", record_id, settings
            )
            if record is None:
                state.broken.add(record_id)
                state.problems += record_problems
            else:
                state.records[record_id] = record
        trackers[name] = state
    return WorkspaceState(repo.root, trackers)


def changes_since(repo: GitRepo, tracker: str, since: date) -> list[FileChange]:
    """Every change to the tracker's records made on or after `since`, oldest first."""
    if repo.head() is None:
        return []
    entries = _log(repo, f"--since={since.isoformat()}T00:00:00", "-M", "--", f"{tracker}/")
    found = []
    for commit, files in reversed(entries):
        if commit.when.date() < since:
            continue
        for status, old_blob, new_blob, *paths in files:
            if not paths[-1].endswith(".toml") or paths[-1].rsplit("/", 1)[-1] in NOT_RECORDS:
                continue
            found.append(
                FileChange(
                    commit,
                    paths[-1],
                    paths[0] if status in "RC" else None,
                    _blob(old_blob),
                    _blob(new_blob),
                )
            )
    return _fill(repo, found)


def tracker_in_history(repo: GitRepo, tracker: str, record_id: str) -> str:
    """The tracker a record is (or was) in: `tracker` if given, else the one folder the
    history has held it in; an error if none or more than one."""
    if tracker:
        return check_tracker_name(tracker)
    out = repo.run("log", "--all", "--format=", "--name-only", "--", f"*/{record_id}.toml")
    trackers = sorted({line.split("/")[0] for line in out.splitlines() if line})
    if len(trackers) == 1:
        return trackers[0]
    if not trackers:
        raise NotFound(f"no record {record_id} now or in the history")
    raise WorkspaceError(
        f"{record_id} has been in more than one tracker; say which: "
        + ", ".join(f"{t}/{record_id}" for t in trackers)
    )


def version_to_restore(
    repo: GitRepo, path: str, rev: str | None, live: bool
) -> tuple[bytes | None, str]:
    """The file to bring back for `restore`, and how the commit subject names it: the
    version at `rev`, or (with none, for a deleted record) the last one before deletion."""
    if rev is None and live:
        raise WorkspaceError(
            f"{path.rsplit('/', 1)[-1].removesuffix('.toml')} is not archived or deleted; "
            "say which version to restore with --rev"
        )
    versions = record_history(repo, path)
    if rev is None:
        raw = next((v.raw for v in versions if v.raw is not None), None)
        return raw, "as it was before it was deleted"
    sha = repo.run("rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
    version = next((v for v in versions if v.commit.sha == sha), None)
    raw = version.raw if version else repo.show(sha, path)
    day = repo.run("log", "-1", "--format=%ad", "--date=format:%d/%m/%Y", sha)
    return raw, f"to its version of {day} ({sha[:7]})"
