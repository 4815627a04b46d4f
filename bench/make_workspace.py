"""Generate the benchmark workspace: 10,000 records in 20 trackers with 30,000 commits.

Deterministic from `--seed`: the same seed gives the same files and the same commit ids.
Texts are sentences of the sample trackers in data/ recombined to lengths drawn from the
lengths found there, so files are as long as real ones. The history is written with one
`git fast-import` stream (not 30,000 `git commit` processes) with fixed authors and dates,
then the working tree is checked out and the repository packed as `git gc` would.

    python -m bench.make_workspace --seed 11 --out /tmp/ws
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from scrutui.domain.changes import describe, describe_new, diff_data, summarise
from scrutui.domain.records import Record, Update
from scrutui.domain.tracker import default_scheme
from scrutui.domain.validation import validate_record, validate_tracker
from scrutui.store.git import GitRepo
from scrutui.store.service import message
from scrutui.store.tomlfile import new_document
from scrutui.store.workspace import WORKSPACE_GITATTRIBUTES, WORKSPACE_GITIGNORE

#: Bump when the generator changes what it makes, so cached workspaces are made again.
VERSION = 1
DATA = Path(__file__).resolve().parent.parent / "data"
START = date(2020, 1, 6)
END = date(2024, 12, 13)
COMMITTEES = (
    "Performance & Corporate Services",
    "People",
    "Place",
    "Education & Young People",
    "Health",
    "Adult Social Care",
    "Climate Action",
    "Housing & Homelessness",
    "Finance & Budget",
    "Transport & Highways",
    "Communities",
    "Economy & Skills",
    "Environment",
    "Children's Services",
    "Audit & Governance",
    "Crime & Disorder",
    "Culture & Leisure",
    "Planning",
    "Waste & Recycling",
    "Digital & Customer Services",
)
OFFICERS = (
    ("Tom Hudson", "tom.hudson@council.example.gov.uk"),
    ("Marco Dias", "marco.dias@council.example.gov.uk"),
    ("Helen Mitchell", "helen.mitchell@council.example.gov.uk"),
    ("Priya Shah", "priya.shah@council.example.gov.uk"),
    ("Owen Evans", "owen.evans@council.example.gov.uk"),
    ("Ruth Adebayo", "ruth.adebayo@council.example.gov.uk"),
    ("Sam Kowalski", "sam.kowalski@council.example.gov.uk"),
    ("Jo Whitaker", "jo.whitaker@council.example.gov.uk"),
)
#: Leads beside the few named in data/, so a tracker's leads vary as a council's do.
LEADS = (
    "Melissa Sage",
    "Claire Taylor",
    "Lorna Baxter",
    "Robin Rogers",
    "Ansaf Azhar",
    "Stephen Chandler",
    "Bill Cotton",
    "Rob MacDougall",
    "Karen Fuller",
    "Kevin Gordon",
    "Cherie Cuthbertson",
    "Paul Fermer",
)


@dataclass(frozen=True)
class Params:
    """What to generate; the defaults are the issue's workspace."""

    seed: int = 11
    records: int = 10_000
    trackers: int = 20
    big: int = 1_000
    commits: int = 30_000
    hot: int = 200

    @classmethod
    def sized(cls, records: int, seed: int = 11) -> Params:
        """The workspace of `records` records for the curve: 3 commits a record, 20 trackers
        (fewer below 1,000), the big one of 1,000 records (half, below 2,000) and the hot
        record's 200 commits whatever the size. `sized(10_000)` is the default workspace."""
        return cls(
            seed,
            records,
            trackers=min(20, max(2, records // 50)),
            big=min(1_000, records // 2),
            commits=3 * records,
            hot=200,
        )

    def key(self) -> str:
        text = json.dumps({"version": VERSION, **self.__dict__}, sort_keys=True)
        return hashlib.sha1(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Facts:
    """What the benchmark needs to know about a generated workspace."""

    big_tracker: str
    hot_record: str
    as_of: str
    trackers: int
    records: int
    commits: int
    bytes: int
    head: str


# Texts --------------------------------------------------------------------------------------


class Texts:
    """Sentences and length distributions harvested from the sample trackers."""

    def __init__(self, data: Path = DATA) -> None:
        self.lengths: dict[str, list[int]] = {"text": [], "response": [], "update": []}
        self.items: list[str] = []
        self.leads: list[str] = []
        sentences: set[str] = set()
        for path in sorted(data.glob("*/*.toml")):
            if path.name == "tracker.toml":
                continue
            record = tomllib.loads(path.read_text(encoding="utf-8"))
            # Lengths from the committee trackers' records (what is generated), and the
            # peer-challenge updates, which play the part of a committee's dated updates.
            if record.get("kind") in ("recommendation", "action"):
                self.lengths["text"].append(len(record["text"]))
                if record.get("response"):
                    self.lengths["response"].append(len(record["response"]))
            for row in record.get("updates", []):
                self.lengths["update"].append(len(row["text"]))
            if isinstance(record.get("update"), str):
                self.lengths["update"].append(len(record["update"]))
            for key in ("item", "title", "topic"):
                value = record.get(key)
                if isinstance(value, str) and 3 < len(value) <= 60:
                    self.items.append(value)
            self.leads += [lead for lead in record.get("leads", []) if len(lead) < 40]
            for text in _strings(record):
                sentences |= {s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) >= 25}
        self.sentences = sorted(sentences)
        self.items = sorted(set(self.items))
        self.leads = sorted(set(self.leads) | set(LEADS))
        for values in self.lengths.values():
            values.sort()

    def text(self, rng: random.Random, category: str) -> str:
        """Sentences recombined to a length drawn from the category's real lengths."""
        target = rng.choice(self.lengths[category])
        paragraphs = [[rng.choice(self.sentences)]]
        length = len(paragraphs[0][0])
        while length < target:
            if category == "response" and length > 300 and rng.random() < 0.15:
                paragraphs.append([])
            sentence = rng.choice(self.sentences)
            paragraphs[-1].append(sentence)
            length += len(sentence) + 1
        return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield " ".join(value.split())
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


# The plan: trackers, records and every change, in time order ---------------------------------


@dataclass
class Tracker:
    name: str
    committee: str
    officer: tuple[str, str]
    meetings: list[date]
    size: int


@dataclass(order=True)
class Event:
    when: datetime
    order: int
    tracker: int
    record: str
    what: str  # "create" or a change


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def _sizes(params: Params) -> list[int]:
    """The big tracker first, then the rest of the records spread as evenly as they go."""
    rest = params.records - params.big
    others = params.trackers - 1
    return [params.big] + [rest // others + (1 if i < rest % others else 0) for i in range(others)]


def _meetings(rng: random.Random) -> list[date]:
    day = START + timedelta(days=rng.randrange(0, 40))
    meetings = []
    while day < END - timedelta(days=30):
        meetings.append(day)
        day += timedelta(days=rng.choice((42, 49, 56, 63)))
    return meetings


def _at(rng: random.Random, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randrange(8, 18), rng.randrange(60))


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = max(1, int((end - start).total_seconds()))
    when = start + timedelta(seconds=rng.randrange(seconds))
    return max(start, when.replace(hour=max(8, min(when.hour, 17))))


class Plan:
    """Every tracker and record, and every commit as an event in time order."""

    def __init__(self, params: Params, texts: Texts) -> None:
        self.params = params
        self.texts = texts
        self.rng = random.Random(params.seed)
        rng = self.rng
        self.trackers = [
            Tracker(
                f"{_slug(name)}-scrutiny",
                f"{name} Overview & Scrutiny Committee",
                OFFICERS[i % len(OFFICERS)],
                _meetings(rng),
                size,
            )
            for i, (name, size) in enumerate(zip(COMMITTEES, _sizes(params), strict=False))
        ]
        self.meeting_of: dict[str, date] = {}
        events: list[Event] = []
        ids: list[tuple[int, str, datetime]] = []
        for index, tracker in enumerate(self.trackers):
            per_meeting: dict[date, dict[str, int]] = {}
            for n in range(tracker.size):
                meeting = tracker.meetings[n * len(tracker.meetings) // tracker.size]
                prefix = "R" if rng.random() < 0.55 else "A"
                count = per_meeting.setdefault(meeting, {"R": 0, "A": 0})
                count[prefix] += 1
                record_id = f"{prefix}-{meeting.isoformat()}-{count[prefix]}"
                created = _at(rng, meeting + timedelta(days=rng.randrange(1, 12)))
                self.meeting_of[f"{tracker.name}/{record_id}"] = meeting
                events.append(Event(created, len(events), index, record_id, "create"))
                ids.append((index, record_id, created))
        # The record with `hot` commits: the big tracker's first recommendation.
        hot_index, hot_id, hot_created = next(i for i in ids if i[1].startswith("R-"))
        self.hot = f"{self.trackers[hot_index].name}/{hot_id}"
        end = datetime(END.year, END.month, END.day, 17)
        for _ in range(params.hot - 1):
            events.append(
                Event(_between(rng, hot_created, end), len(events), hot_index, hot_id, "hot")
            )
        changes = params.commits - 1 - params.records - (params.hot - 1)
        weights = [rng.paretovariate(2.0) for _ in ids]
        for index, record_id, created in rng.choices(ids, weights=weights, k=changes):
            if record_id == hot_id and index == hot_index:
                index, record_id, created = ids[-1]
            what = rng.choice(("review", "review", "review", "update", "edit", "response"))
            events.append(Event(_between(rng, created, end), len(events), index, record_id, what))
        events.sort()
        self.events = events
        self.as_of = _between(rng, hot_created, end).date()


def _tracker_toml(tracker: Tracker) -> str:
    data: dict[str, Any] = {
        "kind": "committee",
        "title": "Action and Recommendation Tracker",
        "committee": tracker.committee,
        "council": "Oxfordshire County Council",
        "chair": "Councillor Eddie Reeves",
        "officer": tracker.officer[0],
        "officer_role": "Principal Scrutiny Officer",
        "officer_email": tracker.officer[1],
        "explanation": (
            "The action and recommendation tracker enables the Committee to monitor progress "
            "against agreed actions and recommendations."
        ),
        "response_period": "2 months",
        "meetings": tracker.meetings,
        "status": default_scheme("committee").to_data(),
    }
    return new_document(data, "The tracker's settings: see README, 'The file format'.")


class Writer:
    """Turns the plan's events into records and a `git fast-import` stream."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.texts = plan.texts
        self.rng = random.Random(plan.params.seed + 1)
        self.records: dict[str, Record] = {}
        self.settings = {}
        for tracker in plan.trackers:
            parsed, issues = validate_tracker(tracker.name, tomllib.loads(_tracker_toml(tracker)))
            assert parsed is not None and not issues, issues
            self.settings[tracker.name] = parsed

    def create(self, tracker: Tracker, record_id: str, when: date) -> Record:
        rng = self.rng
        kind = "recommendation" if record_id.startswith("R-") else "action"
        leads = tuple(sorted(set(rng.sample(self.texts.leads, rng.choice((1, 1, 1, 2))))))
        return Record(
            id=record_id,
            kind=kind,
            meeting=self.plan.meeting_of[f"{tracker.name}/{record_id}"],
            item=rng.choice(self.texts.items),
            text=self.texts.text(rng, "text"),
            leads=leads,
            status="R",
            last_reviewed=when,
        )

    def change(self, record: Record, what: str, when: date) -> Record:
        rng = self.rng
        if what == "hot":  # a long-running record: reviewed often, updated now and then
            what = rng.choice(("status",) * 6 + ("response", "response", "update", "edit"))
        if what == "response" and record.kind != "recommendation":
            what = "update"
        if what == "edit":
            if rng.random() < 0.5:
                return replace(record, item=rng.choice(self.texts.items))
            lead = rng.choice(self.texts.leads)
            if lead not in record.leads:
                return replace(record, leads=(*record.leads[:1], lead))
            return replace(record, item=rng.choice(self.texts.items))
        if what == "response":
            decision = rng.choice(("Accepted", "Accepted", "Partially Accepted", "Rejected"))
            return replace(record, decision=decision, response=self.texts.text(rng, "response"))
        new = replace(record, last_reviewed=when)
        if what in ("review", "status"):
            code = rng.choice([c for c in ("R", "Y", "G") if c != record.status])
            new = replace(new, status=code, completed=when if code == "G" else None)
        if what in ("review", "update") and (what == "update" or rng.random() < 0.6):
            text = self.texts.text(rng, "update")
            new = replace(new, updates=(*record.updates, Update(when, text)))
        return new

    def stream(self, out: Any) -> Iterator[None]:
        """Write the fast-import stream to `out`; yields once per commit."""
        plan = self.plan
        mark = 0

        def commit(
            who: tuple[str, str], when: datetime, text: str, files: list[tuple[str, str]]
        ) -> None:
            nonlocal mark
            mark += 1
            epoch = calendar.timegm(when.timetuple())
            body = text.encode()
            out.write(f"commit refs/heads/main\nmark :{mark}\n".encode())
            out.write(f"author {who[0]} <{who[1]}> {epoch} +0000\n".encode())
            out.write(f"committer {who[0]} <{who[1]}> {epoch} +0000\n".encode())
            out.write(f"data {len(body)}\n".encode() + body + b"\n")
            if mark > 1:
                out.write(f"from :{mark - 1}\n".encode())
            for path, content in files:
                data = content.encode()
                out.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

        first = datetime(START.year, START.month, START.day, 9)
        files = [(".gitignore", WORKSPACE_GITIGNORE), (".gitattributes", WORKSPACE_GITATTRIBUTES)]
        files += [(f"{t.name}/tracker.toml", _tracker_toml(t)) for t in plan.trackers]
        names = "".join(f"- {t.name}\n" for t in plan.trackers)
        commit(
            OFFICERS[0],
            first,
            f"Create workspace with {len(plan.trackers)} trackers\n\n" + names,
            files,
        )
        yield
        for event in plan.events:
            tracker = plan.trackers[event.tracker]
            key = f"{tracker.name}/{event.record}"
            day = event.when.date()
            old = self.records.get(key)
            if old is None:
                new = self.create(tracker, event.record, day)
            else:
                new = self.change(old, event.what, day)
                if new == old:
                    new = replace(old, last_reviewed=day + timedelta(days=1))
            checked, issues = validate_record(new.id, new.to_data(), self.settings[tracker.name])
            assert checked is not None and not issues, (key, issues)
            self.records[key] = new
            if old is None:
                subject = f"{new.id}: new {new.spec.label.lower()}"
                body = describe_new(new.to_data())
            else:
                changes = diff_data(old.to_data(), new.to_data())
                subject = f"{new.id}: {summarise(changes)}"
                body = describe(changes)
            who = tracker.officer if self.rng.random() < 0.8 else self.rng.choice(OFFICERS)
            commit(
                who,
                event.when,
                message(subject, body, tracker.name),
                [(f"{key}.toml", new_document(new.to_data()))],
            )
            yield


def git(root: Path, *args: str, data: bytes | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=root, input=data, capture_output=True, check=False)
    if result.returncode:
        raise SystemExit(f"git {' '.join(args)} failed: {result.stderr.decode()}")
    return result.stdout.decode().strip()


def generate(root: Path, params: Params, quiet: bool = False) -> Facts:
    """Make the workspace at `root` (which must not exist); what the benchmark needs of it."""
    started = time.perf_counter()
    plan = Plan(params, Texts())
    writer = Writer(plan)
    root.mkdir(parents=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "gc.auto", "0")
    importer = subprocess.Popen(
        ["git", "fast-import", "--quiet", "--done"], cwd=root, stdin=subprocess.PIPE
    )
    assert importer.stdin is not None
    for done, _ in enumerate(writer.stream(importer.stdin), start=1):
        if not quiet and done % 5000 == 0:
            print(f"  {done:,} commits written", file=sys.stderr)
    importer.stdin.write(b"done\n")
    importer.stdin.close()
    if importer.wait():
        raise SystemExit("git fast-import failed")
    git(root, "reset", "--quiet", "--hard", "main")
    # A workspace used for years has been packed by git's automatic gc, with a commit-graph.
    git(root, "gc", "--quiet")
    git(root, "config", "--unset", "gc.auto")
    size = sum(p.stat().st_size for p in root.glob("*/*.toml"))
    facts = Facts(
        big_tracker=plan.trackers[0].name,
        hot_record=plan.hot,
        as_of=plan.as_of.isoformat(),
        trackers=len(plan.trackers),
        records=len(writer.records),
        commits=int(git(root, "rev-list", "--count", "HEAD")),
        bytes=size,
        head=git(root, "rev-parse", "HEAD"),
    )
    if not quiet:
        print(
            f"  generated in {time.perf_counter() - started:.1f} s: {facts.records:,} records, "
            f"{facts.commits:,} commits, {size / 1e6:.1f} MB of records",
            file=sys.stderr,
        )
    return facts


def cached(base: Path, params: Params) -> tuple[Path, Facts]:
    """The pristine workspace for `params` under `base`, generated once and then reused."""
    folder = base / f"seed-{params.seed}-{params.key()}"
    facts_file = folder / "facts.json"
    if facts_file.is_file():
        facts = Facts(**json.loads(facts_file.read_text()))
    else:
        shutil.rmtree(folder, ignore_errors=True)
        facts = generate(folder / "workspace", params)
        facts_file.write_text(json.dumps(facts.__dict__, indent=2) + "\n")
    # As scrutui leaves a workspace it has opened once: git's history index written (once a
    # workspace, in the background at low priority: 107 s of a core at 300,000 commits).
    # Without it every run's app would write it while the figures are taken.
    GitRepo(folder / "workspace").index_history()
    return folder / "workspace", facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the new workspace's folder")
    parser.add_argument("--seed", type=int, default=Params.seed)
    parser.add_argument("--records", type=int, default=Params.records)
    parser.add_argument("--trackers", type=int, default=Params.trackers)
    parser.add_argument("--big", type=int, default=Params.big, help="records in the big tracker")
    parser.add_argument("--commits", type=int, default=Params.commits)
    parser.add_argument("--hot", type=int, default=Params.hot, help="commits of one record")
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new folder")
    params = Params(args.seed, args.records, args.trackers, args.big, args.commits, args.hot)
    facts = generate(args.out, params)
    print(json.dumps(facts.__dict__, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
