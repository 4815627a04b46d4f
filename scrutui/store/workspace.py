"""The workspace on disk: tracker folders, one TOML file per record, loaded file by file."""

from __future__ import annotations

import gc
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scrutui.domain.records import ID_CHARS, Record, sort_key
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import validate_record, validate_tracker
from scrutui.store.git import GitError, GitRepo, Identity
from scrutui.store.tomlfile import FileError, Problem, issue_problem, parse_bytes, read_regular

if TYPE_CHECKING:  # only a cold open of a large workspace starts a process
    import subprocess

    from scrutui.store.cache import RecordCache

TRACKER_FILE = "tracker.toml"
#: how `scrutui import table` reads the council's own tracker files; kept beside the records
RULES_FILE = "import-rules.toml"
NOT_RECORDS = frozenset({TRACKER_FILE, RULES_FILE})
TRACKER_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
SETUP_IDENTITY = Identity("scrutui", "scrutui@localhost")
WORKSPACE_GITIGNORE = "# scrutui's temporary files while saving\n.*.tmp\n"
WORKSPACE_GITATTRIBUTES = "*.toml text eol=lf\n"


class WorkspaceError(Exception):
    """Something about the workspace itself (not one record) is wrong."""


class NotFound(WorkspaceError):
    """No tracker or record by that name."""


def check_tracker_name(name: str) -> str:
    if not TRACKER_NAME.match(name):
        raise WorkspaceError(
            f"not a tracker name: {name!r}; allowed: lower-case letters, digits, '-' and '_' "
            "(a folder of the workspace, no paths)"
        )
    return name


def check_record_id(record_id: str) -> str:
    if not ID_CHARS.match(record_id):
        raise WorkspaceError(
            f"not a record id: {record_id!r}; allowed: ids like R-2024-01-19-1, A-2024-01-19-2, "
            "PR-3, PA-3-1 or E-12"
        )
    return record_id


@dataclass
class TrackerState:
    """One tracker as loaded: its settings, its valid records and the problems found."""

    name: str
    path: Path
    tracker: Tracker | None
    records: dict[str, Record] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    #: (mtime_ns, size) of each record file when it was read, to notice changes on disk
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    settings_stamp: tuple[int, int] = (0, -1)

    def changed_on_disk(self) -> list[str]:
        """The ids of record files changed, added or removed on disk since they were read.

        Reads nothing but the folder and a stat per file, and changes nothing, so it can run
        beside the app's work; `refresh` then reads the changed files.
        """
        return changed_files(self.path, self.stamps)

    def refresh(self) -> list[str]:
        """Re-read the record files changed, added or removed on disk; their ids."""
        tracker = self.tracker
        changed = self.changed_on_disk()
        files = {i: self.path / f"{i}.toml" for i in changed}
        for record_id in changed:
            shown_as = f"{self.name}/{record_id}.toml"
            self.problems = [p for p in self.problems if p.path != shown_as]
            self.records.pop(record_id, None)
            self.broken.discard(record_id)
            self.stamps.pop(record_id, None)
            if not files[record_id].exists():
                continue
            self.stamps[record_id] = stamp(files[record_id])
            record, problems = load_record(files[record_id], tracker) if tracker else (None, [])
            if record is None:
                self.broken.add(record_id)
                self.problems += problems
            else:
                self.records[record_id] = record
        return changed

    def sorted_records(self) -> list[Record]:
        return sorted(self.records.values(), key=lambda r: sort_key(r.id))

    @property
    def ids(self) -> set[str]:
        return set(self.records) | self.broken


@dataclass
class WorkspaceState:
    """Every tracker of a workspace as loaded, with every problem found."""

    root: Path
    trackers: dict[str, TrackerState]

    @property
    def problems(self) -> list[Problem]:
        return [p for t in self.trackers.values() for p in t.problems]

    def tracker(self, name: str) -> TrackerState:
        check_tracker_name(name)
        try:
            return self.trackers[name]
        except KeyError:
            names = ", ".join(self.trackers) or "none"
            raise NotFound(f"no tracker {name!r} in {self.root}; trackers: {names}") from None

    def find(self, ref: str) -> tuple[TrackerState, Record]:
        """A record by `ID` or `TRACKER/ID`; NotFound or WorkspaceError if ambiguous."""
        tracker_name, _, record_id = ref.rpartition("/")
        check_record_id(record_id)
        states = [self.tracker(tracker_name)] if tracker_name else list(self.trackers.values())
        found = [(s, s.records[record_id]) for s in states if record_id in s.records]
        if len(found) == 1:
            return found[0]
        if found:
            where = ", ".join(f"{s.name}/{record_id}" for s, _ in found)
            raise WorkspaceError(f"{record_id} is in more than one tracker; say which: {where}")
        broken = [s for s in states if record_id in s.broken]
        if broken:
            problems = [str(p) for p in broken[0].problems if f"/{record_id}.toml" in p.path]
            if not problems and broken[0].tracker is None:  # its tracker.toml is the trouble
                settings = "; ".join(str(p) for p in broken[0].problems[:1]) or "it is missing"
                problems = [f"its tracker's settings do not load: {settings}"]
            raise WorkspaceError(f"{record_id} does not load: " + "; ".join(problems))
        raise NotFound(f"no record {ref!r}")

    def refresh(self) -> list[str]:
        """Pick up files changed on disk since loading (an editor, a pull); the paths changed.

        Costs one stat per file when nothing changed; a tracker whose tracker.toml changed
        is read again whole.
        """
        changed: list[str] = []
        present = {p.name: p for p in tracker_dirs(self.root)}
        for name in sorted(set(self.trackers) | set(present)):
            path = present.get(name)
            state = self.trackers.get(name)
            if path is None:
                del self.trackers[name]
                changed.append(f"{name}/")
            elif state is None or stamp(path / TRACKER_FILE) != state.settings_stamp:
                self.trackers[name] = load_tracker(path)
                changed.append(f"{name}/")
            else:
                changed += [f"{name}/{i}.toml" for i in state.refresh()]
        return changed

    def changed_on_disk(self) -> bool:
        """Whether `refresh` has anything to read again (a stat per file; changes nothing)."""
        present = {p.name: p for p in tracker_dirs(self.root)}
        trackers = dict(self.trackers)
        if present.keys() != trackers.keys():
            return True
        return any(
            stamp(present[name] / TRACKER_FILE) != state.settings_stamp or state.changed_on_disk()
            for name, state in trackers.items()
        )

    def records(self) -> Iterator[tuple[TrackerState, Record]]:
        for state in self.trackers.values():
            for record in state.sorted_records():
                yield state, record


def tracker_dirs(root: Path) -> list[Path]:
    """The folders of `root` that hold a tracker.toml, in name order."""
    if not root.is_dir():
        raise WorkspaceError(f"no workspace folder at {root}")
    return sorted(
        p
        for p in root.iterdir()
        # lexists: a tracker.toml that is a link or a FIFO is reported, never read
        if p.is_dir() and not p.name.startswith(".") and os.path.lexists(p / TRACKER_FILE)
    )


def load_tracker_settings(path: Path) -> tuple[Tracker | None, list[Problem]]:
    shown_as = f"{path.name}/{TRACKER_FILE}"
    if path.is_symlink():
        return None, [
            Problem(
                shown_as,
                None,
                "",
                "the tracker folder is a symbolic link; "
                "trackers must be folders inside the workspace",
            )
        ]
    try:
        raw = read_regular(path / TRACKER_FILE, shown_as, "a tracker's settings must be a file")
    except FileError as error:
        return None, [error.problem]
    return parse_tracker(raw, path.name)


def parse_tracker(raw: bytes, name: str) -> tuple[Tracker | None, list[Problem]]:
    """A tracker's settings from the bytes of its tracker.toml."""
    shown_as = f"{name}/{TRACKER_FILE}"
    if not TRACKER_NAME.match(name):
        return None, [
            Problem(
                shown_as,
                None,
                "",
                "the folder name is not a tracker name; "
                "allowed: lower-case letters, digits, '-' and '_'",
            )
        ]
    try:
        data, text = parse_bytes(raw, shown_as)
    except FileError as error:
        return None, [error.problem]
    tracker, issues = validate_tracker(name, data)
    return tracker, [issue_problem(i, text, shown_as) for i in issues]


def load_record(path: Path, tracker: Tracker) -> tuple[Record | None, list[Problem]]:
    """One record file, validated against its tracker; its problems if it doesn't load."""
    shown_as = f"{path.parent.name}/{path.name}"
    try:
        raw = read_regular(path, shown_as)
    except FileError as error:
        return None, [error.problem]
    return parse_record(raw, shown_as, path.stem, tracker)


def parse_record(
    raw: bytes, shown_as: str, record_id: str, tracker: Tracker
) -> tuple[Record | None, list[Problem]]:
    """A record from the bytes of its file (on disk or from git), validated."""
    try:
        data, text = parse_bytes(raw, shown_as)
    except FileError as error:
        return None, [error.problem]
    record, issues = validate_record(record_id, data, tracker)
    return record, [issue_problem(i, text, shown_as) for i in issues]


def changed_files(folder: Path, stamps: Mapping[str, tuple[int, int]]) -> list[str]:
    """The ids of the record files in `folder` whose (mtime_ns, size) is not in `stamps`,
    and of those in `stamps` gone from it: a listing and a stat per file, nothing read."""
    seen: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                record_id = entry.name.removesuffix(".toml")
                if record_id == entry.name or entry.name == TRACKER_FILE:
                    continue
                if record_id in stamps or ID_CHARS.match(record_id):
                    try:
                        info = entry.stat()
                        seen[record_id] = (info.st_mtime_ns, info.st_size)
                    except OSError:
                        seen[record_id] = (0, -1)
    except OSError:
        pass  # the folder is gone: every record went with it
    if seen == stamps:
        return []
    known = dict(stamps)
    return sorted({i for i, at in seen.items() if known.get(i) != at} | (known.keys() - seen))


def stamp(path: Path) -> tuple[int, int]:
    """What a file's stat says of its content: (mtime_ns, size); (0, -1) if it is gone."""
    try:
        info = path.stat()
    except OSError:
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


def record_names(path: Path) -> list[str]:
    """The names of the record files of a tracker folder, in order."""
    with os.scandir(path) as entries:
        return sorted(
            e.name for e in entries if e.name.endswith(".toml") and e.name not in NOT_RECORDS
        )


def load_tracker(
    path: Path,
    progress: Callable[[int], None] | None = None,
    caches: list[RecordCache] | None = None,
) -> TrackerState:
    """One tracker folder. Its record cache is written at the end, or, if `caches` is given,
    added to it for the caller to `save` when it has time (the app: once the overview is
    drawn)."""
    settings_stamp = stamp(path / TRACKER_FILE)
    tracker, problems = load_tracker_settings(path)
    state = TrackerState(path.name, path, tracker, problems=problems, settings_stamp=settings_stamp)
    # The parsed records kept under .git/scrutui/cache: unchanged files are not parsed again.
    from scrutui.store.cache import RecordCache  # pickle, for commands that read a tracker

    cache = RecordCache.open(path, tracker)
    folder = str(path)
    # Names, not Paths, for the files the cache holds: at 10,000 records, making a Path for
    # each cost more than unpickling them.
    for name in record_names(path):
        stem = name[:-5]
        if not ID_CHARS.match(stem):
            state.problems.append(
                Problem(
                    f"{path.name}/{name}",
                    None,
                    "",
                    "the file name is not a record id (like R-2024-01-19-1.toml); it was not read",
                )
            )
            continue
        state.stamps[stem], cached = cache.lookup(os.path.join(folder, name), name)
        if progress:
            progress(1)
        if tracker is None:
            state.broken.add(stem)
            continue
        record, record_problems = cached if cached else load_record(path / name, tracker)
        cache.store(name, (record, record_problems))
        if record is None:
            state.broken.add(stem)
            state.problems += record_problems
        else:
            state.records[record.id] = record
    if caches is None:
        cache.save()
    else:
        caches.append(cache)
    return state


#: Record files to parse (not in a cache) from which other processes share the parsing:
#: below it, starting them costs more than they save.
PARALLEL_FROM = 3000


@contextmanager
def without_collection() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, on again after (if it was on).

    For reading many records at once (parsing them, or unpickling them from a cache): that
    makes a million small objects and no cycles, which the collector would only walk again
    and again, each full collection the whole heap (a tenth of a cold open at 10,000
    records, and some 40% of reading the annual report's kept trail)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_workspace(
    root: Path,
    progress: Callable[[int, int], None] | None = None,
    caches: list[RecordCache] | None = None,
    *,
    parallel_from: int = PARALLEL_FROM,
) -> WorkspaceState:
    """Every tracker under `root`. One bad file never stops the others from loading.

    `progress(done, total)` is called as record files are read, for a long load; `caches`,
    if given, receives the record caches to save later (see `load_tracker`). Trackers with
    no record cache are parsed on every core when they hold `parallel_from` files or more.
    """
    root = root.resolve()
    dirs = tracker_dirs(root)
    with without_collection():
        return _load_workspace(root, dirs, progress, caches, parallel_from)


def load_one_tracker(root: Path, name: str) -> WorkspaceState:
    """The workspace with only the tracker `name` loaded: a command about one tracker reads
    that tracker's files and no others. NotFound, naming the trackers there are, if none."""
    root = root.resolve()
    path = _tracker_path(root, name)
    with without_collection():
        return WorkspaceState(root, {name: load_tracker(path)})


def _tracker_path(root: Path, name: str) -> Path:
    """The folder of tracker `name`; NotFound, naming the trackers there are, if none."""
    path = root / check_tracker_name(name)
    if not (path.is_dir() and (path / TRACKER_FILE).is_file()):
        names = ", ".join(p.name for p in tracker_dirs(root)) or "none"
        raise NotFound(f"no tracker {name!r} in {root}; trackers: {names}")
    return path


def load_one_record(root: Path, ref: str) -> tuple[TrackerState, Record]:
    """The record `TRACKER/ID`, reading its tracker's settings and its own file and nothing
    else (`scrutui show`); the same errors as `WorkspaceState.find`."""
    tracker_name, _, record_id = ref.rpartition("/")
    check_record_id(record_id)
    path = _tracker_path(root.resolve(), tracker_name)
    tracker, problems = load_tracker_settings(path)
    state = TrackerState(tracker_name, path, tracker, problems=problems)
    file = path / f"{record_id}.toml"
    if not file.is_file():
        raise NotFound(f"no record {ref!r}")
    if tracker is None:
        raise WorkspaceError(f"{record_id} does not load: its tracker.toml does not load")
    record, problems = load_record(file, tracker)
    if record is None:
        raise WorkspaceError(f"{record_id} does not load: " + "; ".join(map(str, problems)))
    state.records[record.id] = record
    return state, record


def _load_workspace(
    root: Path,
    dirs: list[Path],
    progress: Callable[[int, int], None] | None,
    caches: list[RecordCache] | None,
    parallel_from: int,
) -> WorkspaceState:
    sizes = {p: len(record_names(p)) for p in dirs}
    total = sum(sizes.values())
    done = 0
    told = time.monotonic()

    def step(count: int) -> None:
        nonlocal done, told
        done += count
        # Ten times a second at most: each report is drawn, and drawing competes with parsing.
        if progress and (done == total or time.monotonic() - told >= 0.1):
            told = time.monotonic()
            progress(done, total)

    from scrutui.store.cache import RecordCache, cache_folder

    uncached = [p for p in dirs if not RecordCache.exists_for(p)]
    helper = None
    if sum(sizes[p] for p in uncached) >= parallel_from and cache_folder(root) is not None:
        helper, theirs = _parse_elsewhere(uncached, sizes)
        dirs = [p for p in dirs if p not in theirs] + theirs  # theirs last: parsed by then
    trackers = {}
    for path in dirs:
        if helper is not None and path in theirs:
            import subprocess

            try:  # then its caches are written (or it failed: the files are parsed here)
                helper.wait(timeout=300)
            except subprocess.TimeoutExpired:
                helper.kill()
            helper = None
        trackers[path.name] = load_tracker(path, step, caches)
    return WorkspaceState(root, dict(sorted(trackers.items())))


def _parse_elsewhere(
    dirs: list[Path], sizes: dict[Path, int]
) -> tuple[subprocess.Popen[bytes] | None, list[Path]]:
    """Start a process that parses over half of `dirs` into their record caches, on the
    other core, while this one parses the rest; (the process, the folders it took)."""
    import subprocess

    if (os.cpu_count() or 1) < 2:
        return None, []
    theirs: list[Path] = []
    # A little over half: this process also starts the other, draws, and reads its caches.
    share = sum(sizes[p] for p in dirs) * 3 // 5
    for path in sorted(dirs, key=lambda p: -sizes[p]):
        if sum(sizes[p] for p in theirs) + sizes[path] <= share:
            theirs.append(path)
    if not theirs:
        return None, []
    # -P: never a `scrutui` from the folder the app was started in
    command = [sys.executable, "-P", "-m", "scrutui.store.preparse", *map(str, theirs)]
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    except OSError:
        return None, []
    return process, theirs


def ids_on_disk(path: Path) -> set[str]:
    """The ids of the record files in a tracker folder now (another scrutui's new record,
    saved since this one loaded, included)."""
    try:
        return {name.removesuffix(".toml") for name in record_names(path)}
    except OSError:
        return set()


def used_ids(repo: GitRepo | None, state: TrackerState) -> set[str]:
    """Every id the tracker has ever used: its files now and every file in its history."""
    ids = set(state.ids)
    if repo is not None and repo.head():
        out = repo.run(
            "log",
            "--all",
            "--format=",
            "--name-only",
            "--diff-filter=ACDMR",
            "--",
            f"{state.name}/",
        )
        ids |= {Path(line).stem for line in out.splitlines() if line.endswith(".toml")}
    return ids - {"tracker"}


def init_workspace(
    root: Path, tracker_name: str, tracker_toml: str, identity: Identity | None
) -> GitRepo:
    """A new git repository at `root` holding one tracker, committed."""
    check_tracker_name(tracker_name)
    if root.exists() and any(root.iterdir()):
        raise WorkspaceError(f"{root} is not empty: choose a new folder for the workspace")
    repo = GitRepo.init(root)
    _write_workspace_files(root)
    (root / tracker_name).mkdir()
    (root / tracker_name / TRACKER_FILE).write_text(tracker_toml, encoding="utf-8")
    repo.commit(
        [".gitignore", ".gitattributes", tracker_name],
        f"Create workspace with tracker {tracker_name}",
        identity or SETUP_IDENTITY,
    )
    return repo


def create_from_samples(root: Path, samples: Path, identity: Identity | None) -> GitRepo:
    """A new workspace holding a copy of every sample tracker, as its first commit."""
    names = [p.name for p in tracker_dirs(samples)]
    if not names:
        raise WorkspaceError(f"no sample trackers found in {samples}")
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise WorkspaceError(f"{root} is not empty and is not a workspace")
    import shutil  # for this copy only: a command that reads need not import it

    repo = GitRepo.init(root)
    _write_workspace_files(root)
    for name in names:
        shutil.copytree(
            samples / name, root / name, ignore=shutil.ignore_patterns(".*", "*.md", "__pycache__")
        )
    repo.commit(
        [".gitignore", ".gitattributes", *names],
        "Create workspace from the sample trackers\n\n" + "".join(f"- {name}\n" for name in names),
        identity or SETUP_IDENTITY,
    )
    return repo


def _write_workspace_files(root: Path) -> None:
    (root / ".gitignore").write_text(WORKSPACE_GITIGNORE, encoding="utf-8")
    (root / ".gitattributes").write_text(WORKSPACE_GITATTRIBUTES, encoding="utf-8")


def open_repo(root: Path) -> GitRepo:
    """The workspace's repository; a WorkspaceError that says what to do if there is none."""
    try:
        return GitRepo(root)
    except GitError:
        raise WorkspaceError(
            f"{root} is not a git repository, so changes cannot be recorded: "
            "run `scrutui init` for a new workspace, or `git init` it"
        ) from None
