"""Updates from an action log or "matters arising": each entry matched to a record the tracker
holds, and proposed as a dated update (word for word) and, where it says so, a change of
status to complete.

An action log is a table (Word, HTML, CSV or a Markdown pipe table) with a row an action:
its reference or minute number, the meeting, the action, who, the progress and the status;
the columns are found by their headings (`COLUMNS`, named patterns like the minutes' styles).
Matters arising are paragraphs in the minutes: "Minute 29, Title – what happened". Each entry
is matched to a record by its reference (the record's id), else by the meeting and item it
came from, else by its text; an entry that matches nothing is proposed as a new action (when
it says what the action is) or listed as unmatched. Nothing here writes anything.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.importers import minute_styles as styles
from scrutui.importers.minutes import LogEntry, Reading, _date, says_complete, tidy_title
from scrutui.importers.proposal import Proposal

# An action log's columns, by their headings; the first row naming two or more is the header.
COLUMNS = [
    (
        "ref",
        re.compile(
            r"^\W*(?:ref(?:erence)?|no\.?|number|action\s*(?:no|number|ref|id)\.?|#|"
            r"id|item\s*no\.?|rec(?:ommendation)?\s*(?:no|number|ref)\.?)\W*$",
            re.I,
        ),
    ),
    ("minute", re.compile(r"\bminute", re.I)),
    (
        "meeting",
        re.compile(
            r"\bmeeting\b|^\W*date(?:\s+(?:of\s+)?(?:meeting|raised|agreed|"
            r"added|set))?\W*$|^\W*raised\W*$|^\W*committee date",
            re.I,
        ),
    ),
    (
        "owner",
        re.compile(
            r"owner|\blead\b|responsib|officer|\bwho\b|by\s+whom|action\s+by|"
            r"assigned",
            re.I,
        ),
    ),
    (
        "done_on",
        re.compile(
            r"actual\s+(?:completion|date)|date\s+(?:completed|closed)|completed\s+(?:on|date)|"
            r"closed\s+(?:on|date)",
            re.I,
        ),
    ),
    (
        "due",
        re.compile(
            r"deadline|\bdue\b|by\s+when|target\s+date|timescale|^\W*by\W*$|expected|"
            r"completion\s+date",
            re.I,
        ),
    ),
    (
        "update",
        re.compile(
            r"update|progress|comment|response|outcome|action\s+taken|"
            r"position|notes?\b|what\s+has\s+happened",
            re.I,
        ),
    ),
    (
        "status",
        re.compile(
            r"status|\brag\b|complete[d]?\s*\??$|open\s*/\s*closed|^\W*state\W*$|"
            r"^\W*done\W*$",
            re.I,
        ),
    ),
    (
        "item",
        re.compile(
            r"^\W*(?:item|subject|topic|agenda\s+item|title|area|theme|report|report\s+title|"
            r"title\s+of\s+(?:the\s+)?report|minute\s+title)\W*$",
            re.I,
        ),
    ),
    (
        "text",
        re.compile(
            r"action|recommendation|description|resolution|decision|request|"
            r"what\b|task",
            re.I,
        ),
    ),
]
_DONE_WORDS = re.compile(
    r"^\W*(?:complete[d]?|closed|done|green|achieved|implemented|finished|discharged|✓|✔)\W*$",
    re.IGNORECASE,
)
_ID = re.compile(r"\b([A-Z]{1,3}-\d{4}-\d{2}-\d{2}-\d+|[A-Z]{1,3}-\d+(?:-\d+)?)\b")


@dataclass(frozen=True, slots=True)
class UpdateProposal:
    """One proposed update of a record the tracker holds."""

    record: str  # the record's id
    summary: str  # the record's first line, to show what is being updated
    on: date
    text: str
    complete: bool
    how: str  # "by reference", "by meeting and item", "by its text (82% alike)"
    source: str  # "row 3", "line 40"
    ticked: bool = True
    note: str = ""


def entries_from_tables(
    tables: Iterable[list[list[str]]],
    scheme_done: Iterable[str] = (),
    explain: list[str] | None = None,
) -> list[LogEntry]:
    """The rows of each table that has an action log's header row, as entries; `explain`
    gets a line for each header found, naming what each column was read as."""
    out: list[LogEntry] = []
    done_codes = {c.casefold() for c in scheme_done}
    for number, table in enumerate(tables, start=1):
        header_at, columns = _header(table)
        if header_at is None or not ({"update", "status", "done_on"} & set(columns)):
            continue  # no progress column: a list of new actions (`actions_from_tables`)
        if explain is not None:
            read_as = ", ".join(
                f"{table[header_at][index]!r} as {name}" for name, index in columns.items()
            )
            explain.append(f"table {number}, row {header_at + 1}: the header ({read_as})")
        for offset, row in enumerate(table[header_at + 1 :], start=header_at + 2):
            cells = {name: _cell(row, index) for name, index in columns.items()}
            text = cells.get("text", "")
            update = cells.get("update", "")
            if not (text or update):
                continue
            status = cells.get("status", "")
            complete = bool(status) and (
                bool(_DONE_WORDS.match(status)) or status.casefold() in done_codes
            )
            if "done_on" in columns:  # a completion date filled in says it is done
                done_on = cells.get("done_on", "").strip(" -–—").casefold()
                complete = complete or done_on not in ("", "n/a", "tbc", "none", "not yet")
            elif not status:
                complete = says_complete(update)
            ref = cells.get("ref", "")
            minute = cells.get("minute", "")
            meeting = _any_date(cells.get("meeting", "")) or _any_date(minute)
            out.append(
                LogEntry(
                    line=offset,
                    text=update,
                    ref=ref or (f"Minute {minute}" if minute else ""),
                    number=minute or ref,
                    meeting=meeting,
                    item=tidy_title(cells.get("item", "")),
                    record_text=text,
                    owner=cells.get("owner", ""),
                    status=status,
                    complete=complete,
                )
            )
    return out


def _cell(row: list[str], index: int) -> str:
    return " ".join(row[index].split()) if index < len(row) else ""


def _header(table: list[list[str]]) -> tuple[int | None, dict[str, int]]:
    for at, row in enumerate(table[:6]):
        columns: dict[str, int] = {}
        for index, cell in enumerate(row):
            heading = " ".join(cell.split())
            if not heading or len(heading) > 60:
                continue
            for name, pattern in COLUMNS:
                if name not in columns and pattern.search(heading):
                    columns[name] = index
                    break
        if len(columns) >= 2 and ("text" in columns or "update" in columns):
            return at, columns
    return None, {}


def _any_date(text: str) -> date | None:
    match = re.search(styles.NUMBER_DATE, text) or re.search(styles.WORD_DATE, text, re.IGNORECASE)
    return _date(match) if match else None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _alike(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    words_a, words_b = set(a.split()), set(b.split())
    overlap = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
    return max(SequenceMatcher(None, a[:400], b[:400]).ratio(), overlap * 0.9)


_STOP = frozenset(
    [
        "that",
        "the",
        "this",
        "with",
        "from",
        "have",
        "been",
        "will",
        "would",
        "were",
        "their",
        "there",
        "which",
        "into",
        "about",
        "council",
        "councils",
        "members",
        "member",
        "committee",
        "still",
        "being",
        "also",
    ]
)


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _norm(text).split() if len(w) > 3 and w not in _STOP}


def _distinctive(probe: str, pool: list[Record]) -> list[tuple[float, Record]]:
    """Records scored by the share of the probe's rarer words (among the pool) they hold."""
    texts = {r.id: _words(f"{r.item} {r.text}") for r in pool}
    words = _words(probe)
    weight = {
        w: math.log((len(pool) + 1) / (1 + sum(w in t for t in texts.values()))) for w in words
    }
    total = sum(weight.values()) or 1.0
    scored = [(sum(weight[w] for w in words & texts[r.id]) / total, r) for r in pool]
    return sorted(scored, key=lambda s: -s[0])


def match(entry: LogEntry, records: list[Record]) -> tuple[Record | None, str]:
    """The record `entry` is about and how it was matched, or (None, why not)."""
    live = [r for r in records if r.kind in ("action", "recommendation")]
    refs = {r.id.casefold(): r for r in live}
    for candidate in [entry.ref, entry.number, *_ID.findall(entry.ref)]:
        key = candidate.strip().casefold().rsplit("/", 1)[-1]
        if key in refs:
            return refs[key], "by reference"
    pool = live
    how = "by its text"
    if entry.meeting is not None:
        pool = [r for r in live if r.meeting == entry.meeting] or live
        how = "by meeting and text" if pool is not live else how
        if entry.item and pool is not live:
            item = _norm(entry.item)
            same = [r for r in pool if _norm(r.item) == item] or [
                r for r in pool if item and (item in _norm(r.item) or _norm(r.item) in item)
            ]
            if len(same) == 1:
                return same[0], "by meeting and item"
            if same:
                pool, how = same, "by meeting, item and text"
    probe = entry.record_text or f"{entry.item} {entry.text}"
    if "item" in how and not entry.record_text:
        probe = entry.text  # the item is common to all of them: only the words tell
    scored = sorted(((_alike(probe, f"{r.item} {r.text}"), r) for r in pool), key=lambda s: -s[0])
    if (not scored or scored[0][0] < 0.5) and len(pool) > 1:
        weighted = _distinctive(probe, pool)
        if (
            weighted
            and weighted[0][0] >= 0.25
            and (len(weighted) == 1 or weighted[0][0] >= 1.6 * weighted[1][0])
        ):
            return weighted[0][1], f"{how} (by its distinctive words)"
    if scored and scored[0][0] >= 0.5:
        best, second = scored[0][0], scored[1][0] if len(scored) > 1 else 0.0
        if best - second >= 0.08 or best >= 0.95:
            return scored[0][1], f"{how} ({round(best * 100)}% alike)"
        return None, f"alike two records ({scored[0][1].id}, {scored[1][1].id}): which is it?"
    return None, "matches no record in the tracker"


@dataclass
class LogProposals:
    """What a log proposes: updates, new actions, the entries that match nothing, and how
    many updates each record already holds (a log imported again)."""

    updates: list[UpdateProposal]
    new: list[Proposal]
    unmatched: list[str]
    already: int = 0


def propose_updates(
    entries: list[LogEntry],
    records: Iterable[Record],
    tracker: Tracker,
    on: date,
    default_meeting: date | None = None,
) -> LogProposals:
    """The updates, new actions and unmatched entries of a log's entries."""
    pool = list(records)
    updates: list[UpdateProposal] = []
    new: list[Proposal] = []
    unmatched: list[str] = []
    already = 0
    for entry in entries:
        source = f"row {entry.line}" if entry.record_text or entry.status else f"line {entry.line}"
        record, how = match(entry, pool)
        if record is None:
            label = entry.ref or entry.record_text[:60] or entry.text[:60]
            if entry.record_text:
                values: dict[str, object] = {
                    "meeting": entry.meeting or default_meeting,
                    "item": entry.item or "Action log",
                    "text": entry.record_text,
                }
                if values["meeting"] is None:
                    values.pop("meeting")
                if entry.owner:
                    values["leads"] = tuple(o.strip() for o in entry.owner.split(";") if o)
                note = f"{how}: tick to add it as a new action"
                new.append(Proposal("action", values, False, source, note))
            else:
                unmatched.append(f"{source}: {label!r}: {how}")
            continue
        text = entry.text or (f"Status: {entry.status}" if entry.status else "")
        complete = entry.complete and not tracker.scheme.is_complete(record.status)
        held = {_norm(u.text) for u in record.updates} | {
            _norm(u.text) for u in updates if u.record == record.id
        }
        if text and _norm(text) in held and not complete:
            already += 1
            continue
        note = ""
        ticked = bool(text)
        weak = re.match(r"by its (?:text|distinctive words)(?: \((\d+)% alike\))?", how)
        if weak and int(weak.group(1) or 0) < 80:
            note = f"matched {how} alone: check it is the right record, then tick it"
            ticked = False
        if not text:
            note = "the entry gives no update text"
        updates.append(
            UpdateProposal(
                record=record.id,
                summary=record.summary.split("\n", 1)[0][:80],
                on=on,
                text=text,
                complete=complete,
                how=how,
                source=source,
                ticked=ticked,
                note=note,
            )
        )
    return LogProposals(updates, new, unmatched, already)


def actions_from_tables(
    tables: Iterable[list[list[str]]],
    lines: list[str],
    reading: Reading,
    explain: list[str] | None = None,
) -> list[Proposal]:
    """The rows of each table of actions in minutes (an action and who, with no progress
    column), as proposed actions under the minute the table is in."""
    out: list[Proposal] = []
    for number, table in enumerate(tables, start=1):
        header_at, columns = _header(table)
        if (
            header_at is None
            or "text" not in columns
            or {"update", "status", "done_on"} & set(columns)
        ):
            continue
        if explain is not None:
            explain.append(f"table {number}, row {header_at + 1}: a table of actions")
        for row in table[header_at + 1 :]:
            text = _cell(row, columns["text"])
            if not text:
                continue
            owner = _cell(row, columns["owner"]) if "owner" in columns else ""
            at = _line_of(text, lines)
            item = _cell(row, columns["item"]) if "item" in columns else ""
            minute = next((m for m in reversed(reading.minutes) if m.line <= at), None)
            values: dict[str, object] = {"item": tidy_title(item) or (minute.item if minute
                                         else "Actions"), "text": text}  # fmt: skip
            if reading.meeting:
                values["meeting"] = reading.meeting
            note = ""
            if owner:
                values["leads"] = tuple(o.strip() for o in owner.split(";") if o.strip())
            else:
                note = "no owner in the minutes: add who leads it"
            out.append(Proposal("action", values, True, f"line {at}", note))
    return out


def _line_of(text: str, lines: list[str]) -> int:
    first = " ".join(text.split())[:60]
    for number, line in enumerate(lines, start=1):
        if first and " ".join(line.split()).startswith(first):
            return number
    return 0
