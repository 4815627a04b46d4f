"""Measure scrutui on a 10,000-record workspace, each figure next to its floor, in one run.

    python -m bench.run [--records N] [--seed 11] [--repeat 5] [--readme]

Prints a table (figure, floor, ratio, target) and writes it to bench/out/latest.json,
bench/out/latest.md and bench/out/records-N.json (for `python -m bench.curve`); `--readme`
also puts the table in README.md's "Speed" section. What each figure and floor means is in
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench.make_workspace import END as END_OF_HISTORY
from bench.make_workspace import Facts, Params, cached

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"
OFFICER = ("Bench Officer", "bench.officer@council.example.gov.uk")
FILTER_KEYS = "budget"
PARTS = ("open", "tracker", "save", "history", "render", "commands", "validate", "report")
#: One frame at 60 frames a second: the longest the filter may hold the event loop.
FRAME = 1 / 60


@dataclass
class Figure:
    """One measured figure and its floor, both as lists of seconds (or MiB)."""

    name: str
    samples: list[float]
    floor_name: str
    floor: list[float]
    target: str = ""
    #: "ratio" (median over floor median), "absolute" (median), or "" (no target)
    kind: str = "ratio"
    limit: float | None = None
    unit: str = "s"
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        floor = self.floor_median
        return self.median / floor if floor else None

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        if self.kind == "ratio":
            return self.ratio is not None and self.ratio <= self.limit
        return self.median <= self.limit

    def row(self) -> dict[str, str]:
        met = {True: "yes", False: "**no**", None: ""}[self.met]
        return {
            "figure": self.name,
            "median (min)": f"{_fmt(self.median, self.unit)} "
            f"({_fmt(min(self.samples), self.unit)})",
            "floor": f"{self.floor_name}: {_fmt(self.floor_median, self.unit)}"
            if self.floor
            else self.floor_name,
            "ratio": f"{self.ratio:.2f}x" if self.ratio is not None else "",
            "target": self.target,
            "met": met,
        }


def percentile(values: list[float], pct: float) -> float:
    """The `pct` percentile of `values`, by the nearest rank (the value at or above it)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "MiB":
        return f"{value:.0f} MiB"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


# The environment ----------------------------------------------------------------------------


def isolate(home: Path) -> None:
    """A home, config and git identity of the benchmark's own, for this process and children."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / ".config" / "scrutui" / "config.toml"
    os.environ.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
            "SCRUTUI_CONFIG": str(config),
        }
    )
    for name in ("SCRUTUI_WORKSPACE", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        os.environ.pop(name, None)
    # Start-up as an installed scrutui has it: with compiled bytecode (pip writes it), kept
    # under the benchmark's own folder rather than in the checkout.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(home.parent / "pycache")
    (home / ".gitconfig").write_text(f"[user]\n\tname = {OFFICER[0]}\n\temail = {OFFICER[1]}\n")
    from scrutui.store.config import set_config_value

    set_config_value(config, ("officer", "name"), OFFICER[0])
    set_config_value(config, ("officer", "email"), OFFICER[1])


def git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", *args], cwd=root, input=data, capture_output=True, check=True
    ).stdout


def evict(root: Path) -> int:
    """Drop every file under `root` from the page cache (sync, then POSIX_FADV_DONTNEED).

    Needs no privileges; what it cannot drop (a file mapped or dirty) stays cached. The
    eviction check in the output shows whether it worked on this machine.
    """
    os.sync()
    count = 0
    for folder, _, files in os.walk(root):
        for name in files:
            try:
                fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def drop_scrutui_cache(root: Path) -> None:
    shutil.rmtree(root / ".git" / "scrutui" / "cache", ignore_errors=True)


def spawn(*args: str) -> tuple[float, dict[str, Any]]:
    """Run `python -m bench.probe ARGS`; seconds from start to its first line, and the line."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.probe", *args], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    rest = process.stdout.read()
    if process.wait() or not line:
        raise SystemExit(f"bench.probe {' '.join(args)} failed: {line}{rest}")
    out: dict[str, Any] = json.loads(line)
    for later in rest.splitlines():  # what the probe said after its first line
        if later.startswith("{"):
            more = json.loads(later)
            if "loaded" in more and "seconds" in out:  # as from the start, like `elapsed`
                more["loaded"] = elapsed + more["loaded"] - out["seconds"]
            out.update({k: v for k, v in more.items() if k not in out or k == "rss_mib"})
    return elapsed, out


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    import textual

    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "git": subprocess.run(["git", "--version"], capture_output=True, text=True)
        .stdout.strip()
        .removeprefix("git version "),
        "textual": textual.__version__,
        "system": f"{platform.system()} {platform.release()}",
    }


@contextmanager
def step(title: str) -> Iterator[None]:
    print(f"- {title} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    yield
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


# The figures --------------------------------------------------------------------------------


def measure_open(root: Path, repeat: int) -> tuple[list[Figure], dict[str, Any]]:
    """The app from start to the overview drawn, cold and warm, with and without the cache."""
    runs: dict[str, list[float]] = {
        k: []
        for k in (
            "floor_cold",
            "floor_warm",
            "open_cold",
            "open_warm",
            "open_cache",
            "open_cache_cold",
            "open_cache_loaded",
            "app_floor",
            "read_cold",
            "read_warm",
        )
    }
    rss: dict[str, list[float]] = {"open_cold": [], "open_cache": [], "floor": []}
    where = str(root)
    for _ in range(repeat):
        evict(root)
        runs["read_cold"].append(_read_bytes(root))
        runs["read_warm"].append(_read_bytes(root))
        evict(root)
        seconds, out = spawn("floor", where)
        runs["floor_cold"].append(seconds)
        rss["floor"].append(out["rss_mib"])
        drop_scrutui_cache(root)
        evict(root)
        seconds, out = spawn("open", where)
        runs["open_cold"].append(seconds)
        rss["open_cold"].append(out["rss_mib"])
        runs["floor_warm"].append(spawn("floor", where)[0])
        drop_scrutui_cache(root)
        runs["open_warm"].append(spawn("open", where)[0])
        runs["app_floor"].append(spawn("appfloor", where)[0])
        seconds, out = spawn("open", where)
        runs["open_cache"].append(seconds)
        runs["open_cache_loaded"].append(out.get("loaded", seconds))  # = seconds if no preview
        rss["open_cache"].append(out["rss_mib"])
        evict(root)
        runs["open_cache_cold"].append(spawn("open", where)[0])
    cold = "read + parse, cold"
    warm = "read + parse, warm"
    figures = [
        Figure(
            "open, cold, no cache",
            runs["open_cold"],
            cold,
            runs["floor_cold"],
            "≤ 1.5x",
            limit=1.5,
        ),
        Figure("open, warm, no cache", runs["open_warm"], warm, runs["floor_warm"]),
        Figure(
            "open, with the cache",
            runs["open_cache"],
            "a bare Textual app with the overview's widgets, drawn, + stat and unpickle",
            runs["app_floor"],
            "≤ 1.3x",
            limit=1.3,
        ),
        Figure(
            "open, with the cache: the records read, the overview drawn from them",
            runs["open_cache_loaded"],
            "a bare Textual app with the overview's widgets, drawn, + stat and unpickle",
            runs["app_floor"],
        ),
        Figure(
            "open, with the cache, against read + parse",
            runs["open_cache"],
            warm,
            runs["floor_warm"],
            "< 1x",
            limit=0.999,
        ),
        Figure(
            "open, with the cache, cold",
            runs["open_cache_cold"],
            cold,
            runs["floor_cold"],
            "< 1x",
            limit=0.999,
        ),
        Figure(
            "peak memory, workspace open",
            [max(rss["open_cold"] + rss["open_cache"])],
            "every record parsed with tomllib",
            [max(rss["floor"])],
            "≤ 300 MiB",
            kind="absolute",
            limit=300,
            unit="MiB",
        ),
    ]
    check = {
        "read_bytes_cold_s": statistics.median(runs["read_cold"]),
        "read_bytes_warm_s": statistics.median(runs["read_warm"]),
    }
    return figures, {"runs": runs, "rss_mib": rss, "eviction_check": check}


def _read_bytes(root: Path) -> float:
    started = time.perf_counter()
    for file in sorted(root.glob("*/*.toml")):
        file.read_bytes()
    return time.perf_counter() - started


def measure_tracker(root: Path, name: str, repeat: int) -> tuple[list[Figure], dict[str, Any]]:
    """The 1,000-record tracker into the table, and keystrokes in its filter."""
    loads: list[float] = []
    keys: list[float] = []
    bare: list[float] = []
    predicate: list[float] = []
    peaks: list[float] = []
    shown: list[int] = []
    blocked: list[float] = []
    blocked_cpu: list[float] = []
    bare_blocked_cpu: list[float] = []
    bare_blocked: list[float] = []
    keys_cpu: list[float] = []
    for _ in range(2):
        _, out = spawn("tracker", str(root), name, str(repeat), FILTER_KEYS)
        loads += out["load"]
        keys += out["keys"]
        bare += out["bare_table"]
        predicate += out["predicate"]
        peaks.append(out["peak_rss_mib"])
        blocked.append(out["loop_blocked_max"])
        blocked_cpu.append(out["loop_blocked_cpu_max"])
        bare_blocked.append(out["bare_blocked_max"])
        bare_blocked_cpu.append(out["bare_blocked_cpu_max"])
        keys_cpu += out["keys_cpu"]
        shown = out["shown"]
    figures = [
        Figure(
            f"load a tracker of {out['rows']:,} records into the table",
            loads,
            "the same rows into a bare DataTable",
            bare,
        ),
        Figure(
            "filter keystroke, to the table drawn (median)",
            keys,
            "the filter's predicate alone",
            predicate,
            "≤ 50 ms",
            kind="absolute",
            limit=0.050,
            note=f"typed {FILTER_KEYS!r} then deleted it; rows shown after each key: {shown}",
        ),
        Figure(
            "filter keystroke, 95th percentile",
            [percentile(keys, 95)],
            "the predicate's 95th percentile",
            [percentile(predicate, 95)],
            "≤ 50 ms",
            kind="absolute",
            limit=0.050,
        ),
        Figure(
            "filter keystroke, worst",
            [max(keys)],
            "the predicate's worst",
            [max(predicate)],
            "≤ 50 ms",
            kind="absolute",
            limit=0.050,
        ),
        Figure(
            "filter keystroke, worst, in the event loop's CPU time",
            [max(keys_cpu)],
            "",
            [],
            "≤ 50 ms",
            kind="absolute",
            limit=0.050,
            note="the CPU time of the event loop's thread from the key to the frame drawn: "
            "what the app did, which other work on a busy machine does not lengthen",
        ),
        Figure(
            "the event loop held by the filter, longest",
            [max(blocked)],
            "a bare DataTable's screenful replaced, drawn",
            [max(bare_blocked)],
            "",
            kind="absolute",
            note="a task that sleeps 1 ms at a time, while the keys are typed and the rows "
            "added: how late it woke at worst (on the clock; on a busy machine this includes "
            "waiting for a core)",
        ),
        Figure(
            "the event loop held by the filter, longest, in its CPU time",
            [max(blocked_cpu)],
            "the same for a bare DataTable",
            [max(bare_blocked_cpu)],
            "≤ 1 frame (17 ms)",
            kind="absolute",
            limit=FRAME,
            note="the same task: the event loop thread's CPU time between two of its wakings",
        ),
        Figure(
            "peak memory, with that tracker open",
            [max(peaks)],
            "",
            [],
            "≤ 300 MiB",
            kind="absolute",
            limit=300,
            unit="MiB",
        ),
    ]
    return figures, {
        "peak_rss_mib": peaks,
        "shown": shown,
        "loop_blocked_max": blocked,
        "loop_blocked_cpu_max": blocked_cpu,
        "keys_cpu": keys_cpu,
    }


def measure_save(root: Path, tracker: str, repeat: int) -> Figure:
    """One field saved through the service, against `git add` + `git commit` of one file."""
    from scrutui.store.service import Service

    service = Service(root)
    state = service.state.tracker(tracker)
    ids = sorted(state.records)[: 2 * repeat]
    mine, theirs = ids[0::2], ids[1::2]
    saves: list[float] = []
    floors: list[float] = []
    for number, (record_id, other) in enumerate(zip(mine, theirs, strict=False)):
        ref = f"{tracker}/{record_id}"
        saves.append(
            timed(lambda ref=ref, n=number: service.set_fields(ref, {"item": f"Bench {n}"}))
        )
        path = f"{tracker}/{other}.toml"

        def bare(path: str = path, n: int = number, other: str = other) -> None:
            file = root / path
            file.write_bytes(file.read_bytes() + f"# bench {n}\n".encode())
            git(root, "add", "--", path)
            git(root, "commit", "--quiet", "-m", f"{other}: bench {n}", "--", path)

        floors.append(timed(bare))
    return Figure(
        "save one field (file written and committed)",
        saves,
        "`git add` + `git commit` of one file",
        floors,
        "≤ 1.3x",
        limit=1.3,
    )


def measure_history(root: Path, facts: Facts, repeat: int) -> list[Figure]:
    """A record's history (200 commits) and the record as of a date, against raw git."""
    from scrutui.store import history as past
    from scrutui.store.service import Service

    service = Service(root)
    service.state  # noqa: B018 (loaded, as in the app)
    service.index_history()  # as the app does once the workspace is open
    ref = facts.hot_record
    path = f"{ref}.toml"
    day = date.fromisoformat(facts.as_of)
    versions = len(service.history(ref))

    def floor_history() -> None:
        out = git(root, "log", "--format=%H", "--raw", "--no-abbrev", "--", path).decode()
        blobs = [line.split()[3] for line in out.splitlines() if line.startswith(":")]
        blobs = [b for b in blobs if set(b) != {"0"}]
        for raw in _cat_file(root, blobs):
            tomllib.loads(raw.decode())

    def floor_as_of() -> None:
        until = f"{day.isoformat()}T23:59:59"
        sha = git(root, "rev-list", "-1", f"--before={until}", "HEAD").decode().strip()
        for raw in _cat_file(root, [f"{sha}:{path}"]):
            tomllib.loads(raw.decode())

    def as_of() -> None:
        sha = past.commit_on(service.repo, day)
        assert sha is not None
        assert service.record_at(ref, sha) is not None

    history = [timed(lambda: service.history(ref)) for _ in range(repeat)]
    history_floor = [timed(floor_history) for _ in range(repeat)]
    record = [timed(as_of) for _ in range(repeat)]
    record_floor = [timed(floor_as_of) for _ in range(repeat)]
    return [
        Figure(
            f"history of a record with {versions} commits",
            history,
            "`git log -- FILE` + `cat-file --batch` + tomllib",
            history_floor,
            "≤ 0.5 s",
            kind="absolute",
            limit=0.5,
        ),
        Figure(
            "the record as of a date",
            record,
            "`git rev-list --before` + `cat-file` + tomllib",
            record_floor,
            "≤ 1.5x",
            limit=1.5,
        ),
    ]


def _cat_file(root: Path, specs: list[str]) -> list[bytes]:
    out = git(root, "cat-file", "--batch", data="".join(f"{s}\n" for s in specs).encode())
    found, pos = [], 0
    for _ in specs:
        end = out.index(b"\n", pos)
        size = int(out[pos:end].split()[2])
        found.append(out[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return found


def measure_render(root: Path, facts: Facts, repeat: int) -> list[Figure]:
    """The big tracker's paper, now and as of a date, against reading its records."""
    from scrutui.papers.render import render
    from scrutui.store.service import Service

    service = Service(root)
    state = service.state.tracker(facts.big_tracker)
    assert state.tracker is not None
    settings = state.tracker
    today = service.today()
    day = date.fromisoformat(facts.as_of)

    def paper() -> None:
        render(settings, state.records.values(), today=today)

    def paper_as_of() -> None:
        past = service.as_of(day, facts.big_tracker).tracker(facts.big_tracker)
        assert past.tracker is not None
        render(past.tracker, past.records.values(), today=day)

    def floor_now() -> None:
        for file in sorted((root / facts.big_tracker).glob("*.toml")):
            tomllib.loads(file.read_bytes().decode())

    def floor_as_of() -> None:
        until = f"{day.isoformat()}T23:59:59"
        sha = git(root, "rev-list", "-1", f"--before={until}", "HEAD").decode().strip()
        out = git(root, "ls-tree", "-r", sha, "--", f"{facts.big_tracker}/").decode()
        blobs = [line.split()[2] for line in out.splitlines()]
        for raw in _cat_file(root, blobs):
            tomllib.loads(raw.decode())

    records = len(state.records)
    return [
        Figure(
            f"render {records:,} records to Markdown (in the app)",
            [timed(paper) for _ in range(repeat)],
            "read + parse its files",
            [timed(floor_now) for _ in range(repeat)],
            "≤ 0.5 s",
            kind="absolute",
            limit=0.5,
        ),
        Figure(
            "render it as of a date (in the app)",
            [timed(paper_as_of) for _ in range(repeat)],
            "`ls-tree` + `cat-file --batch` + tomllib",
            [timed(floor_as_of) for _ in range(repeat)],
        ),
    ]


#: The floor of a command: a process that reads and parses the files it needs (a folder's
#: *.toml files in name order, or one file), with tomllib, and prints nothing.
FLOOR_CODE = (
    "import sys, tomllib, pathlib\n"
    "for a in map(pathlib.Path, sys.argv[1:]):\n"
    "    for f in sorted(a.glob('*.toml')) if a.is_dir() else [a]:\n"
    "        tomllib.loads(f.read_bytes().decode())\n"
)


def measure_commands(root: Path, facts: Facts, repeat: int) -> list[Figure]:
    """The read-only commands as new processes on the big tracker, each against a process
    reading and parsing the files it needs; run in turn (A B A B ...) so that the machine's
    drift hits both, after one run of each not counted (it writes the record cache)."""
    big, ref = facts.big_tracker, facts.hot_record
    folder = root / big
    same = "a process reading + parsing its files"
    cases = [
        ("`scrutui list` of the tracker of {records} records", ["list", big], same, [folder]),
        (
            "`scrutui show TRACKER/ID`",
            ["show", ref],
            "a process reading + parsing tracker.toml and the record",
            [folder / "tracker.toml", root / f"{ref}.toml"],
        ),
        ("`scrutui render` of that tracker (a process)", ["render", big], same, [folder]),
        ("`scrutui chase` of that tracker", ["chase", big], same, [folder]),
    ]
    cases[0] = (
        cases[0][0].replace("{records}", f"{len(list(folder.glob('*.toml'))) - 1:,}"),
        *cases[0][1:],
    )
    figures = []
    for name, argv, floor_name, files in cases:
        command = [_scrutui(), "--workspace", str(root), *argv]
        floor = [sys.executable, "-c", FLOOR_CODE, *map(str, files)]
        runs: list[float] = []
        floors: list[float] = []
        for number in range(repeat + 1):
            took = timed(lambda c=command: subprocess.run(c, check=True, stdout=subprocess.DEVNULL))
            under = timed(lambda c=floor: subprocess.run(c, check=True))
            if number:  # the first of each: bytecode and the record cache written
                runs.append(took)
                floors.append(under)
        figures.append(Figure(name, runs, floor_name, floors, "≤ 1.3x", limit=1.3))
    return figures


def measure_report(root: Path, repeat: int) -> list[Figure]:
    """The year's annual report over every tracker, against one `git log --raw` over the
    workspace (which record files each commit changed: the report then reads their versions
    through one `cat-file --batch`)."""
    from scrutui.papers.annual import Palette, markdown
    from scrutui.papers.report import build_report, inputs, last_complete_year
    from scrutui.store.service import Service
    from scrutui.store.trail import read_trail

    service = Service(root)
    state = service.state
    today = END_OF_HISTORY
    period = last_complete_year(today)

    cache = root / ".git" / "scrutui" / "cache" / "trail.pickle"

    def cold() -> None:
        cache.unlink(missing_ok=True)
        report()

    def report() -> None:
        trail = read_trail(service.repo)
        sources, skipped = inputs(state.trackers, trail)
        markdown(build_report(sources, period, today, skipped=skipped), Palette())

    def floor() -> None:
        git(
            root,
            "log",
            "--reverse",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "-z",
            "--format=%x1e%H%x1f%aI",
        )

    def with_lines() -> None:  # the log with each version's changed lines: slower than both
        git(root, "log", "--reverse", "--no-renames", "-p", "-U0", "--format=%x1e%H%x1f%aI")

    commits = int(git(root, "rev-list", "--count", "HEAD").decode())
    cli = [
        timed(
            lambda: subprocess.run(
                [_scrutui(), "--workspace", str(root), "report", "--as-of", today.isoformat()],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        )
        for _ in range(repeat)
    ]
    floor_runs = [timed(floor) for _ in range(repeat)]
    cold_runs = [timed(cold) for _ in range(repeat)]
    warm_runs = [timed(report) for _ in range(repeat)]
    lines = statistics.median(timed(with_lines) for _ in range(repeat))
    note = (
        f"`git log -p -U0` (the changed lines instead of the versions) takes {lines * 1000:.0f} ms"
    )
    return [
        Figure(
            f"the year's annual report, {commits:,} commits (in the app)",
            cold_runs,
            "one `git log --raw` of the workspace",
            floor_runs,
            note=note,
        ),
        Figure(
            "the report again, its trail kept since",
            warm_runs,
            "one `git log --raw` of the workspace",
            floor_runs,
        ),
        Figure(
            "`scrutui report` (a process)",
            cli,
            "one `git log --raw` of the workspace",
            floor_runs,
        ),
    ]


def _scrutui() -> str:
    return str(Path(sys.executable).parent / "scrutui")


def measure_validate(root: Path, repeat: int, floor_warm: list[float]) -> list[Figure]:
    """`scrutui validate` of the whole workspace, first run and with the cache."""

    def validate() -> None:
        subprocess.run(
            [_scrutui(), "validate", str(root)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    first: list[float] = []
    again: list[float] = []
    for _ in range(repeat):
        drop_scrutui_cache(root)
        first.append(timed(validate))
        again.append(timed(validate))
    return [
        Figure("`scrutui validate`, no cache", first, "read + parse, warm", floor_warm),
        Figure(
            "`scrutui validate`, with the cache",
            again,
            "read + parse, warm",
            floor_warm,
            "≤ 1.3x",
            limit=1.3,
        ),
    ]


# The run ------------------------------------------------------------------------------------


def table(figures: list[Figure]) -> str:
    rows = [f.row() for f in figures]
    heads = list(rows[0])
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    lines += ["| " + " | ".join(r[h] for h in heads) + " |" for r in rows]
    return "\n".join(lines)


def update_readme(markdown: str) -> None:
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END)
    text = text[: start + len(README_START)] + "\n" + markdown + "\n" + text[end:]
    readme.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=Params.seed)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each figure (min 3)")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / f"scrutui-bench-{os.getuid()}",
        help="where the generated workspaces are kept between runs",
    )
    parser.add_argument("--readme", action="store_true", help="update README.md's table")
    parser.add_argument(
        "--records",
        type=int,
        default=Params.records,
        help="the workspace's size, with 3 commits a record (1000, 10000, 100000 for the curve)",
    )
    parser.add_argument("--small", action="store_true", help="a small workspace, to try it")
    parser.add_argument("--commits", type=int, help="and this many commits (default: 3 each)")
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"some of the figures, while working on them: {','.join(PARTS)}",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    params = Params.sized(args.records, args.seed)
    if args.small:
        params = Params(args.seed, records=600, trackers=4, big=300, commits=2_000, hot=60)
    if args.commits:
        params = replace(params, commits=args.commits)
    isolate(args.work / "home")
    with step(f"workspace for seed {params.seed} ({params.records:,} records)"):
        pristine, facts = cached(args.work / "workspaces", params)
        root = args.work / "run"
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run(["cp", "-a", str(pristine), str(root)], check=True)
        git(root, "status", "--porcelain")  # the copy's index stat data, refreshed once
    figures: list[Figure] = []
    details: dict[str, Any] = {}
    repeat = max(3, args.repeat)
    parts = args.only.split(",")
    floor_warm: list[float] = []
    if "open" in parts:
        with step("open"):
            found, details["open"] = measure_open(root, repeat)
            figures += found
        floor_warm = details["open"]["runs"]["floor_warm"]
    if "tracker" in parts:
        with step("tracker and filter"):
            found, details["tracker"] = measure_tracker(root, facts.big_tracker, repeat)
            figures += found
    if "save" in parts:
        with step("save"):
            figures.append(measure_save(root, facts.big_tracker, 3 * repeat))
    if "history" in parts:
        with step("history"):
            figures += measure_history(root, facts, repeat)
    if "render" in parts:
        with step("render"):
            figures += measure_render(root, facts, repeat)
    if "commands" in parts:
        with step("commands"):
            figures += measure_commands(root, facts, repeat)
    if "report" in parts:
        with step("report"):
            figures += measure_report(root, repeat)
    if "validate" in parts:
        with step("validate"):
            if not floor_warm:
                floor_warm = [spawn("floor", str(root))[0] for _ in range(repeat)]
            figures += measure_validate(root, repeat, floor_warm)
    figures = _ordered(figures)
    took = time.perf_counter() - started
    about = machine()
    check = details.get("open", {}).get(
        "eviction_check", {"read_bytes_cold_s": 0.0, "read_bytes_warm_s": 0.0}
    )
    markdown = (
        table(figures) + "\n\n" + f"{facts.records:,} records in {facts.trackers} trackers "
        f"({facts.bytes / 1e6:.1f} MB), {facts.commits:,} commits, seed {params.seed}; "
        f"median and min of {repeat} runs ({2 * repeat} opens of the tracker, "
        f"{3 * repeat} saves, {4 * len(FILTER_KEYS)} keystrokes) on "
        f"{datetime.now(UTC):%Y-%m-%d}: {about['cpus']} CPUs ({about['cpu']}), "
        f"Python {about['python']}, git {about['git']}, Textual {about['textual']}. "
        f"Cold: page cache dropped for the workspace (reading its record files: "
        f"{check['read_bytes_cold_s'] * 1000:.0f} ms cold, "
        f"{check['read_bytes_warm_s'] * 1000:.0f} ms warm). The run took {took:.0f} s; "
        f"the load average (1 minute) went from {load_before:.1f} to {os.getloadavg()[0]:.1f}."
    )
    notes = [f"- {f.name}: {f.note}" for f in figures if f.note]
    print("\n" + markdown + ("\n\n" + "\n".join(notes) if notes else "") + "\n")
    OUT.mkdir(parents=True, exist_ok=True)
    load = f"{load_before:.1f} to {os.getloadavg()[0]:.1f}"
    result = {
        "load": load,
        "machine": about,
        "workspace": asdict(facts),
        "params": asdict(params),
        "repeat": repeat,
        "seconds": took,
        "figures": [
            {
                **asdict(f),
                "median": f.median,
                "floor_median": f.floor_median,
                "ratio": f.ratio,
                "met": f.met,
            }
            for f in figures
        ],
        "details": details,
    }
    (OUT / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    if not args.small:
        (OUT / f"records-{facts.records}.json").write_text(json.dumps(result, indent=2) + "\n")
    (OUT / "latest.md").write_text(markdown + "\n")
    if args.readme:
        update_readme(markdown)
    return 0


def _ordered(figures: list[Figure]) -> list[Figure]:
    """Memory last, as the issue lists it."""
    return [f for f in figures if f.unit != "MiB"] + [f for f in figures if f.unit == "MiB"]


if __name__ == "__main__":
    sys.exit(main())
