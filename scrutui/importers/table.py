"""Proposed records from a council's own tracker table: any layout of headings, in CSV, Excel,
Word, HTML or Markdown (the committee paper's own layout among them).

Each column maps to a field of the tracker's record kinds: by the import's rules for those
headings when the tracker keeps some, else guessed from the headings councils use and from the
cells, and changed by the officer's choices. Status words map onto the tracker's scheme; a word
that maps to nothing is counted and shown, and given the scheme's starting code, never
refusing the table. Blank and repeated header rows are skipped; a blank meeting date or item
continues the row above; a row holding only a date (a meeting's heading) dates the rows below.
A bad value (a date that is no date) is reported with its row and field, and then nothing is
proposed: an import of a table is all or nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from scrutui.domain.records import DECISIONS, KINDS, Record, Update, new_id
from scrutui.domain.status import StatusScheme
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import Issue, validate_record
from scrutui.importers.dates import DAY_FIRST, MONTH_FIRST, read_date, settled_order
from scrutui.importers.mapping import (
    DEFAULT_SPLIT,
    KIND,
    NOTE,
    PAPER_RESPONSE,
    SKIP,
    UPDATE,
    Rules,
    decision_of,
    fields_of,
    guess_columns,
    heading_field,
    norm,
    status_code,
    with_statuses,
)
from scrutui.importers.pipes import unescape
from scrutui.importers.proposal import ImportProblem, Proposal
from scrutui.importers.readers import Grid, read_grids

CARRIED = ("meeting", "item", "committee")
HEADER_ROWS = 15  # a header is looked for in a table's first rows (titles may sit above it)
_EXEMPT = re.compile(r"\s*\*\(exempt\)\*\s*$")
_MARK = re.compile(r"^\*\*(.*?)\*\*\s*(.*)$", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)])\s+")
_KIND_WORDS = {
    "recommendation": "recommendation",
    "recommendations": "recommendation",
    "rec": "recommendation",
    "r": "recommendation",
    "action": "action",
    "actions": "action",
    "a": "action",
}
NO_ITEM = "General"


@dataclass
class Choices:
    """What the officer chose for this import, over the rules and the guesses."""

    sheet: str | None = None
    rules: str | None = None  # a mapping file's text (import-rules.toml's format)
    tables: tuple[int, ...] = ()  # 1-based; empty: every table whose headings are known
    kind: str | None = None
    meeting: date | None = None
    columns: dict[str, str] = field(default_factory=dict)  # heading or column number -> field
    statuses: dict[str, str] = field(default_factory=dict)  # word -> code
    dates: str | None = None  # "day first" or "month first", confirmed
    split: tuple[str, ...] | None = None
    add_statuses: tuple[str, ...] = ()  # status words to add to the tracker's scheme


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table as mapped: its number, heading and field."""

    number: int
    heading: str
    field: str
    how: str  # "rules", "heading", "cells", "chosen", "no heading"


@dataclass
class TableImport:
    """What reading a table gives: the proposals, how it was read, and what to tell."""

    proposals: list[Proposal]
    rules: list[Rules]  # the rules used, one per table layout, to keep on confirming
    columns: list[list[Column]]
    notes: list[str]
    statuses: Counter[str]  # every status word found, as written
    unknown: dict[str, str]  # status words the scheme lacks -> the code they were given
    meetings: list[date]
    form: str
    ambiguous: int = 0
    #: what stops the import as it stands (a lenient read: the app shows how it was read)
    problems: list[str] = field(default_factory=list)
    sheets: tuple[str, ...] = ()  # an Excel file's sheets
    sheet: str = ""  # the one read
    #: the tracker's scheme with the statuses the officer added, when some were
    scheme: StatusScheme | None = None
    #: the tracker's record kinds and its scheme as it stands: what a column or word can be
    kinds: tuple[str, ...] = ()
    codes: StatusScheme | None = None


@dataclass
class _Layout:
    grid: Grid
    header_at: int
    header: list[str]
    rules: Rules
    columns: list[Column]
    kind: str | None


def import_table(
    path: Path,
    tracker: Tracker,
    *,
    kept: list[Rules] | None = None,
    choices: Choices | None = None,
    lenient: bool = False,
) -> TableImport:
    """Proposals for every row of the tracker file at `path`, or an `ImportProblem` that says
    what to change. `lenient`: a table that cannot be imported as it stands (no header found,
    no text column, a bad date) still says how it was read, with its `problems` and no
    proposals, so the officer can change how it is read."""
    if tracker.kind != "committee":
        raise ImportProblem(f"tables import into committee trackers, not {tracker.kind} ones")
    choices = choices or Choices()
    before = tracker.scheme
    added = with_statuses(before, choices.add_statuses)
    if added != before:
        tracker = replace(tracker, scheme=added)
    form, grids = read_grids(path, choices.sheet)
    layouts, notes, problems = _layouts(grids, tracker, kept or [], choices, lenient)
    out = TableImport([], [], [], notes, Counter(), {}, [], form)
    out.sheets = grids[0].sheets if grids else ()
    out.scheme = added if choices.add_statuses else None
    out.kinds, out.codes = tracker.record_kinds, before
    out.sheet = choices.sheet or (out.sheets[0] if out.sheets else "")
    for layout in layouts:
        if not any(c.field == "text" for c in layout.columns):
            continue
        problems += _read_rows(layout, tracker, choices, out, several=len(layouts) > 1)
    out.rules = [layout.rules for layout in layouts]
    out.columns = [layout.columns for layout in layouts]
    if not problems and not out.proposals:
        problems.append("the table has no rows to import")
    if problems and lenient:
        out.proposals, out.problems = [], problems
        return out
    if problems == ["the table has no rows to import"]:
        raise ImportProblem(problems[0])
    if len(problems) == 1 and problems[0].startswith(("no header row", "no table found")):
        raise ImportProblem(problems[0])
    if len(problems) == 1 and ": no column holds the recommendation" in problems[0]:
        raise ImportProblem(problems[0])
    if problems:
        raise ImportProblem(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; "
            "nothing was imported:\n" + "\n".join(f"  {p}" for p in problems)
        )
    _summarise(out, layouts, tracker, choices, before)
    return out


def parse_table(
    text: str, tracker: Tracker, *, form: str = "csv", kind: str | None = None
) -> list[Proposal]:
    """Proposals from a table's text ("csv", "markdown" or "html"), for callers with text."""
    import tempfile

    suffix = {"csv": ".csv", "markdown": ".md", "html": ".html"}[form]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"table{suffix}"
        path.write_text(text, encoding="utf-8")
        return import_table(path, tracker, choices=Choices(kind=kind)).proposals


# Finding the header and the columns ---------------------------------------------------------


def _plain(cell: str, markup: bool) -> str:
    return unescape(cell) if markup else cell


def _layouts(
    grids: list[Grid], tracker: Tracker, kept: list[Rules], choices: Choices, lenient: bool
) -> tuple[list[_Layout], list[str], list[str]]:
    notes: list[str] = []
    problems: list[str] = []
    for number in choices.tables:
        if not 1 <= number <= len(grids):
            raise ImportProblem(
                f"no table {number}: the file has {len(grids)} table"
                f"{'s' if len(grids) != 1 else ''}"
            )
    chosen = [grids[n - 1] for n in choices.tables] if choices.tables else grids
    layouts: list[_Layout] = []
    unread: list[str] = []
    for grid in chosen:
        generic = next((r for r in kept if not r.headings), None)
        found = _header(grid, kept, {**(generic.columns if generic else {}), **choices.columns})
        if found is None:
            unread.append(grid.label)
            continue
        at, header, rules = found
        if rules is None:  # a mapping file for any table (its headings left empty)
            rules = next((replace(r, headings=header) for r in kept if not r.headings), None)
        layouts.append(_layout(grid, at, header, rules, tracker, choices))
    if not layouts:
        if not any(grid.rows for grid in grids):
            raise ImportProblem("no table found: expected a table with a header row")
        first = next((cells for g in chosen for _, cells in g.rows if any(cells)), [])
        shown = ", ".join(repr(c.strip()[:30]) for c in first if c.strip())[:200]
        problems.append(
            "no header row: none of the first rows names the columns the way a tracker does "
            "(headings such as Meeting date, Item, Recommendation, Lead, Status)"
            + (f"; the first row holds {shown}" if shown else "")
            + "; add a header row, or name the columns with --map"
        )
        if lenient:  # the first row as the header, for the officer to say what each holds
            grid = next(g for g in chosen if any(any(c.strip() for c in r) for _, r in g.rows))
            at = next(i for i, (_, r) in enumerate(grid.rows) if any(c.strip() for c in r))
            header = [_plain(c, grid.markup) for c in grid.rows[at][1]]
            layouts.append(_layout(grid, at, header, None, tracker, choices))
        return layouts, notes, problems
    if unread and len(grids) > 1:
        notes.append(
            ", ".join(unread) + ": left out, as no heading names a tracker column"
            " (choose tables with --table)"
        )
    for layout in layouts:
        if not any(c.field == "text" for c in layout.columns) and not problems:
            problems.append(
                f"{layout.grid.label}: no column holds the recommendation or action itself; "
                "say which with --map 'HEADING=text'"
            )
    return layouts, notes, problems


def _header(
    grid: Grid, kept: list[Rules], chosen: dict[str, str]
) -> tuple[int, list[str], Rules | None] | None:
    """Where the header row is (titles may sit above it), its headings and any kept rules."""
    best: tuple[int, int] | None = None
    for index, (_, cells) in enumerate(grid.rows[:HEADER_ROWS]):
        header = [_plain(c, grid.markup) for c in cells]
        rules = next((r for r in kept if r.matches(header)), None)
        if rules is not None:
            return index, header, rules
        wanted = {norm(k): v for k, v in chosen.items()}
        names = [
            wanted.get(norm(h)) or wanted.get(str(i + 1)) or heading_field(h)
            for i, h in enumerate(header)
        ]
        known = len({n for n in names if n is not None})
        if known >= 2 and "text" in names and (best is None or known > best[1]):
            best = (index, known)
    if best is None:
        return None
    header = [_plain(c, grid.markup) for c in grid.rows[best[0]][1]]
    return best[0], header, None


def _layout(
    grid: Grid,
    at: int,
    header: list[str],
    kept: Rules | None,
    tracker: Tracker,
    choices: Choices,
) -> _Layout:
    width = max((len(cells) for _, cells in grid.rows[at:]), default=len(header))
    header = header + [""] * (width - len(header))
    body = [cells for _, cells in grid.rows[at + 1 :]]
    columns_cells = [
        [_plain(cells[i], grid.markup) if i < len(cells) else "" for cells in body]
        for i in range(width)
    ]
    guessed = guess_columns(header, columns_cells, tracker.scheme)
    allowed = [*fields_of(tracker.record_kinds), PAPER_RESPONSE]
    columns: list[Column] = []
    for index, heading in enumerate(header):
        name, how = guessed[index], "heading" if heading_field(heading) else "cells"
        if not heading.strip():
            how = "no heading"
        if name not in allowed:
            name = NOTE  # a field the tracker's kinds lack: its cells kept as a note
        if kept is not None and heading in kept.columns:
            name, how = kept.columns[heading], "rules"
        for key in (str(index + 1), heading):
            wanted = next((v for k, v in choices.columns.items() if norm(k) == norm(key)), None)
            if key.strip() and wanted is not None:
                name, how = wanted, "chosen"
        if name not in allowed:
            raise ImportProblem(
                f"column {index + 1} {heading.strip()!r}: no field {name!r}; allowed: "
                + ", ".join(allowed)
            )
        columns.append(Column(index + 1, heading.strip(), name, how))
    rules = kept or Rules(list(header))
    rules = replace(
        rules,
        headings=list(header) if kept is None else rules.headings,
        columns={c.heading or str(c.number): c.field for c in columns if c.heading},
    )
    if choices.kind:
        rules.kind = choices.kind
    if choices.split is not None:
        rules.split = choices.split
    if choices.dates:
        rules.dates, rules.dates_confirmed = choices.dates, True
    has_text = any(c.field == "text" for c in columns)
    kind = rules.kind or (_kind_of(grid, columns, at) if has_text else None)
    return _Layout(grid, at, header, rules, columns, kind)


def _kind_of(grid: Grid, columns: list[Column], at: int) -> str | None:
    """The kind the table's own words give: its text column's heading, its section, titles."""
    text = next(c for c in columns if c.field == "text")
    heading = norm(text.heading)
    if "recommend" in heading or "resolution" in heading:
        return "recommendation"
    if heading.startswith("action"):
        return "action"
    above = " ".join(
        [grid.section]
        + [" ".join(_plain(c, grid.markup) for c in cells) for _, cells in grid.rows[:at]]
    ).casefold()
    if "action" in above and "recommend" not in above:
        return "action"
    if "recommend" in above and "action" not in above:
        return "recommendation"
    return None


# Reading the rows ------------------------------------------------------------------------------


def _read_rows(
    layout: _Layout, tracker: Tracker, choices: Choices, out: TableImport, *, several: bool
) -> list[str]:
    grid, rules = layout.grid, layout.rules
    names = [c.field for c in layout.columns]
    header_norm = [norm(h) for h in layout.header]
    rows = grid.rows[layout.header_at + 1 :]
    date_cells = [
        _plain(cells[i], grid.markup)
        for _, cells in rows
        for i, name in enumerate(names)
        if i < len(cells) and name in _DATE_FIELDS
    ]
    settled = settled_order(date_cells)
    order = rules.dates if rules.dates_confirmed else (settled or DAY_FIRST)
    if not rules.dates_confirmed and settled:
        rules.dates = order
    split = rules.split or DEFAULT_SPLIT
    problems: list[str] = []
    above: dict[str, str] = {}
    section_meeting: date | None = None
    section_kind: str | None = None
    fixed_meeting = choices.meeting or _fixed(rules.meeting)
    left_out: list[str] = []
    pending: list[tuple[str, dict[str, str], list[str], str | None, date | None]] = []
    for where, raw in rows:
        label = f"{grid.section or grid.label}, {where}" if grid.markup or several else where
        plain = [_plain(c, grid.markup) for c in raw]
        filled = [c.strip() for c in plain if c.strip()]
        if not filled:
            continue
        if [norm(c) for c in plain[: len(header_norm)]] == header_norm[: len(plain)]:
            continue  # the header repeated (a table running over pages)
        if any(filled[0].startswith(prefix) for prefix in rules.skip):
            continue
        again = _header_again(plain, layout.columns)
        if again is not None:  # a header again, for a second part ("Actions" after them)
            section_kind = again or section_kind
            continue
        text_at = names.index("text")
        has_text = text_at < len(plain) and re.search(r"[^\W\d_]{2}", plain[text_at])
        heading_row = len(set(filled)) == 1 and len(filled[0]) <= 120
        if heading_row and has_text and len(layout.header) > 2:
            heading_row = _date_in(filled[0], order) is not None  # "Meeting of 13 Dec 2023"
        if not has_text and pending and not heading_row and _continues(plain, names):
            _, before, _, _, _ = pending[-1]  # a row broken over a page: its cells go on
            for index, name in enumerate(names):
                value = raw[index] if index < len(raw) else ""
                if value.strip() and name not in (SKIP, NOTE):
                    joint = "<br><br>" if grid.markup else "\n\n"
                    before[name] = (before.get(name, "") + joint + value).strip()
            continue
        if _legend(filled):
            continue  # the scheme's key, repeated on every page
        if not has_text or heading_row:
            if heading_row:  # a heading row: a meeting's date or a section's name
                day = _date_in(filled[0], order)
                if day is not None:
                    section_meeting = day
                    above = {}
                word = filled[0].casefold()
                if "action" in word and "recommend" not in word:
                    section_kind = "action"
                elif "recommend" in word:
                    section_kind = "recommendation"
                continue
            left_out.append(where)
            continue
        cells: dict[str, str] = {}
        notes: list[str] = []
        for index, name in enumerate(names):
            value = raw[index] if index < len(raw) else ""
            if name == SKIP:
                continue
            if name == NOTE:
                if value.strip():
                    notes.append(f"{layout.header[index].strip()}: {_plain(value, grid.markup)}")
                continue
            if name in cells and not value.strip():
                continue
            if name == UPDATE and cells.get(name, "").strip():  # two progress columns
                value = cells[name] + ("<br><br>" if grid.markup else "\n\n") + value
            cells[name] = value
        for name in CARRIED:
            if not _plain(cells.get(name, ""), grid.markup).strip() and above.get(name):
                cells[name] = above[name]
        above = {name: cells.get(name, "") for name in CARRIED}
        kind = rules.kind or section_kind or layout.kind
        pending.append((label, cells, notes, kind, section_meeting or fixed_meeting))
    for label, cells, notes, kind, fallback in pending:
        proposal, issues, flags = _proposal(
            cells,
            notes,
            kind,
            tracker,
            grid.markup,
            order=order,
            confirmed=rules.dates_confirmed or settled is not None,
            meeting=fallback,
            split=split,
            rules=rules,
            choices=choices,
            out=out,
        )
        if [i.path for i in issues] == [("kind",)] and issues[0].found is None:
            if not any(p.startswith(f"{grid.label}: no column") for p in problems):
                problems.append(
                    f"{grid.label}: no column or heading says whether its rows are "
                    "recommendations or actions; say which with --kind recommendation or "
                    "--kind action"
                )
            continue
        if [i.path for i in issues] == [("meeting",)] and "meeting" not in names:
            if not any(p.startswith(f"{grid.label}: no meeting") for p in problems):
                problems.append(
                    f"{grid.label}: no meeting date column, and no date heading above "
                    f"{label}; give the meeting's date for every row with --meeting DD/MM/YYYY, "
                    "or name the column with --map 'HEADING=meeting'"
                )
            continue
        problems += [f"{label}, {_describe(issue)}" for issue in issues]
        if proposal is not None:
            if flags:
                out.ambiguous += sum("two ways" in f for f in flags)
                proposal = replace(proposal, note="; ".join(flags))
            out.proposals.append(replace(proposal, source=label))
            if proposal.meeting and proposal.meeting not in out.meetings:
                out.meetings.append(proposal.meeting)
    if left_out:
        shown = ", ".join(left_out[:5]) + (
            f" and {len(left_out) - 5} more" if len(left_out) > 5 else ""
        )
        place = f"{grid.section or grid.label}: " if grid.markup or several else ""
        out.notes.append(f"{place}{shown}: left out, as no recommendation or action text")
    return problems


_LEGEND = re.compile(r"^.{2,40}\(\w{1,2}\)$")
_CONTINUED = (UPDATE, PAPER_RESPONSE, "response", "text")


def _legend(filled: list[str]) -> bool:
    """A row of the status key: "KEY | No progress reported (R) | In progress (Y) | ..."."""
    return sum(1 for c in filled if _LEGEND.match(c)) >= 2


def _continues(plain: list[str], names: list[str]) -> bool:
    """A row whose only cells are long text ones (an update, a response): the rest of the
    row above, broken over a page."""
    filled = [names[i] for i, c in enumerate(plain) if c.strip() and i < len(names)]
    return bool(filled) and all(name in _CONTINUED for name in filled)


def _header_again(cells: list[str], columns: list[Column]) -> str | None:
    """None unless `cells` are the table's headings again (words may differ: "Action" for
    "Recommendation"); then the kind the text heading gives, or ""."""
    named = [(heading_field(c), col.field) for c, col in zip(cells, columns, strict=False)]
    matched = [got for got, want in named if got is not None and got == want]
    if len(matched) < 3 or any(got not in (None, want) for got, want in named):
        return None
    text = next((c for c, col in zip(cells, columns, strict=False) if col.field == "text"), "")
    heading = norm(text)
    if heading.startswith("action"):
        return "action"
    return "recommendation" if "recommend" in heading else ""


_DATE_FIELDS = (
    "meeting",
    "last_reviewed",
    "completed",
    "response_due",
    "responded",
    "executive_date",
)


def _fixed(text: str | None) -> date | None:
    found = read_date(text) if text else None
    return found.day if found else None


def _date_in(text: str, order: str) -> date | None:
    whole = read_date(text, order)
    if whole is not None:
        return whole.day
    for piece in re.findall(
        r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}",
        text,
    ):
        found = read_date(piece, order)
        if found is not None:
            return found.day
    return None


def _describe(issue: Issue) -> str:
    return f"{issue.field or 'record'}: {issue.describe()}"


def _proposal(
    cells: dict[str, str],
    notes: list[str],
    kind: str | None,
    tracker: Tracker,
    markup: bool,
    *,
    order: str,
    confirmed: bool,
    meeting: date | None,
    split: tuple[str, ...],
    rules: Rules,
    choices: Choices,
    out: TableImport,
) -> tuple[Proposal | None, list[Issue], list[str]]:
    if KIND in cells:
        word = norm(_plain(cells.pop(KIND), markup))
        kind = _KIND_WORDS.get(word, word) or kind
    if kind not in ("recommendation", "action"):
        found = repr(kind) if kind else None
        return None, [Issue(("kind",), "say which kind", found, "recommendation or action")], []
    spec = KINDS[kind]
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    flags: list[str] = []
    updates: list[str] = []
    for name, raw in cells.items():
        if name == PAPER_RESPONSE:
            response, updates = _response(raw, markup, kind)
            values.update(response)
            continue
        text = raw
        if markup:
            text, flagged = _markup_cell(name, raw)
            values.update(flagged)
        if name == UPDATE:
            if text.strip():
                updates.append(text.strip())
            continue
        if name == "status":
            word = text.replace("✔", "").replace("*", "").strip()
            code = _status(word, tracker, rules, choices, out)
            if code:
                values["status"] = code
            continue
        if name == "decision" and _answered(kind):
            decided = decision_of(text) or next(
                (d for d in DECISIONS if d.lower() == text.strip().lower()), None
            )
            if decided:
                values["decision"] = decided
            elif text.strip():
                values["response"] = (values.get("response", "") + "\n\n" + text.strip()).strip()
            continue
        field_spec = spec.spec(name)
        if field_spec is None:
            if text.strip():
                notes.append(f"{name}: {text.strip()}")
            continue
        if field_spec.type == "date":
            if not text.strip():
                continue
            read = read_date(text, order)
            if read is None:
                allowed = "a real date like 2024-04-11 or 11/04/24"
                issues.append(Issue((name,), "not a date", repr(text.strip()), allowed))
                continue
            if read.other is not None and not confirmed:
                flags.append(
                    f"{name.replace('_', ' ')} {text.strip()!r} reads two ways: read as "
                    f"{read.day:%d %B %Y} ({order}), not {read.other:%d %B %Y}"
                )
            values[name] = read.day
            continue
        if field_spec.type == "names":
            values[name] = _names(text, split)
            continue
        if field_spec.type == "line":
            line = " ".join(text.split())
            if line:
                values[name] = line
            continue
        if field_spec.type == "text":
            kept = text.strip("\n").strip()
            if kept:
                values[name] = kept
            continue
    if issues:
        return None, issues, flags
    if not isinstance(values.get("meeting"), date) and meeting is not None:
        values["meeting"] = meeting
    if not values.get("item"):
        values["item"] = values.get("committee") or NO_ITEM
    on = values.get("last_reviewed") or values.get("meeting")
    if notes:
        updates.insert(0, "\n".join(notes))
    if updates and isinstance(on, date):
        values["updates"] = tuple(Update(on, u) for u in updates if u.strip())
    if "status" not in values:
        done = tracker.scheme.first_complete if values.get("completed") else None
        values["status"] = done or (tracker.scheme.codes[0] if tracker.scheme.codes else None)
    issues = _validate(kind, values, tracker)
    return (Proposal(kind, values, True) if not issues else None), issues, flags


def _status(
    word: str, tracker: Tracker, rules: Rules, choices: Choices, out: TableImport
) -> str | None:
    if not word:
        return None
    word = next((w for w in out.statuses if norm(w) == norm(word)), word)  # one spelling
    out.statuses[word] += 1
    chosen = next((c for w, c in choices.statuses.items() if norm(w) == norm(word)), None)
    code = chosen or rules.status_for(word) or status_code(word, tracker.scheme)
    if code is None or code not in tracker.scheme.codes:
        code = tracker.scheme.codes[0] if tracker.scheme.codes else None
        if code is not None:
            out.unknown.setdefault(word, code)
    rules.statuses[word] = code or ""
    return code


def _names(text: str, split: tuple[str, ...]) -> tuple[str, ...]:
    parts = [text]
    for separator in split:
        separator = separator.replace("\\n", "\n")
        parts = [piece for part in parts for piece in part.split(separator)]
    names = [_BULLET.sub("", p).strip().strip(",").strip() for p in parts]
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(" ".join(name.split()))
    return tuple(out)


def _markup_cell(name: str, raw: str) -> tuple[str, dict[str, Any]]:
    if name == "text" and _EXEMPT.search(raw):
        return unescape(_EXEMPT.sub("", raw)), {"exempt": True}
    return unescape(raw), {}


def _validate(kind: str, values: dict[str, Any], tracker: Tracker) -> list[Issue]:
    meeting = values.get("meeting")
    if not isinstance(meeting, date):
        return [
            Issue(
                ("meeting",),
                "missing",
                None,
                "a date like 11/04/24 (or give every row's with --meeting)",
            )
        ]
    record = Record.make(new_id(kind, set(), values=values), kind, values)
    checked, issues = validate_record(record.id, record.to_data(), tracker)
    return [] if checked is not None else issues


def _response(raw: str, markdown: bool, kind: str) -> tuple[dict[str, Any], list[str]]:
    """The decision, response and update texts of a paper's "Update/response" cell."""
    if markdown:
        parts = re.split(r"(?:<br\s*/?>\s*){2}", raw)
    else:  # an "Update:" run into the paragraph before it (text copied from a PDF) starts one
        parts = re.split(r"\n\s*\n|(?<=\S)\s+(?=Update:\s)", raw)
    values: dict[str, Any] = {}
    response: list[str] = []
    updates: list[str] = []
    for index, part in enumerate(parts):
        mark, rest = _marker(part, markdown)
        if index == 0 and _answered(kind) and mark in DECISIONS:
            values["decision"] = mark
            if rest.strip():
                response.append(_text(rest, markdown))
        elif mark.rstrip(":") == "Update":
            updates.append(_text(re.sub(r"^\s*(<br\s*/?>)?", "", rest), markdown))
        elif mark.rstrip(":") == "Response overdue":
            continue
        elif updates:
            updates[-1] += "\n\n" + _text(part, markdown)
        elif part.strip():
            response.append(_text(part, markdown))
    text = "\n\n".join(p for p in response if p)
    if text and _answered(kind):
        values["response"] = text
    elif text:
        updates.insert(0, text)
    return values, [u for u in updates if u.strip()]


def _marker(part: str, markdown: bool) -> tuple[str, str]:
    """'**Update:**' or '**Accepted**' at the start of a part (plain 'Update:' in a CSV)."""
    if markdown:
        match = _MARK.match(part.strip())
        return (match.group(1).strip(), match.group(2)) if match else ("", part)
    first, _, rest = part.strip().partition("\n")
    if first.strip() in DECISIONS and not rest:
        return first.strip(), ""
    for decision in sorted(DECISIONS, key=len, reverse=True):  # "Accepted The council ..."
        ran_on = re.match(rf"^{decision}\s+(?=[A-Z])(.*)$", part.strip(), re.DOTALL)
        if ran_on:
            return decision, ran_on.group(1)
    plain = re.match(r"^(Update:|Response overdue:)\s*(.*)$", part.strip(), re.DOTALL)
    return (plain.group(1), plain.group(2)) if plain else ("", part)


def _text(part: str, markdown: bool) -> str:
    return unescape(part) if markdown else part.strip()


# What to tell the officer ------------------------------------------------------------------------


def _summarise(
    out: TableImport, layouts: list[_Layout], tracker: Tracker, c: Choices, before: StatusScheme
) -> None:
    for layout in layouts:
        names = [col.field for col in layout.columns]
        if "status" not in names and tracker.scheme.codes:
            first = tracker.scheme.get(tracker.scheme.codes[0])
            label = f" ({first.label})" if first and first.label != first.code else ""
            out.notes.append(
                f"{layout.grid.label}: no status column, so every record starts at "
                f"{tracker.scheme.codes[0]}{label}"
            )
        if "meeting" not in names and not c.meeting and not layout.rules.meeting:
            out.notes.append(
                f"{layout.grid.label}: no meeting date column; rows are dated by the date "
                "headings above them (or give one with --meeting)"
            )
        if "item" not in names:
            out.notes.append(
                f"{layout.grid.label}: no item column, so records are filed under their "
                f"committee or {NO_ITEM!r} (choose one with --map 'HEADING=item')"
            )
        if layout.kind is None and not any(n == KIND for n in names):
            out.notes.append(
                f"{layout.grid.label}: the kind came from section headings (or say it with --kind)"
            )
    if out.ambiguous:
        order = layouts[0].rules.dates
        other = MONTH_FIRST if order == DAY_FIRST else DAY_FIRST
        out.notes.append(
            f"{out.ambiguous} date{'s' if out.ambiguous != 1 else ''} could be read two ways and "
            f"{'were' if out.ambiguous != 1 else 'was'} read {order}; confirm with "
            f"--dates '{order}' (or --dates '{other}')"
        )
    if out.scheme is not None:
        added = [s for s in out.scheme.statuses if s.code not in before.codes]
        if added:
            out.notes.append(
                "added to the tracker's status scheme (in the same commit): "
                + ", ".join(
                    f"{s.code!r} ({s.colour}{', complete' if s.complete else ''})" for s in added
                )
            )
    if out.unknown:
        words = ", ".join(
            f"{w!r} ×{out.statuses[w]} (given {code})" for w, code in out.unknown.items()
        )
        out.notes.append(
            f"status words the scheme lacks: {words}; map them with --status 'WORD=CODE' "
            f"(codes: {', '.join(tracker.scheme.codes)})"
        )


def describe_columns(columns: list[Column]) -> list[str]:
    """Lines for a listing: 'column 3 "Lead Officer/EM" -> leads (from its heading)'."""
    how = {
        "rules": "kept rules",
        "heading": "its heading",
        "cells": "its cells",
        "chosen": "chosen",
        "no heading": "no heading",
    }
    return [
        f"column {c.number} {c.heading!r} -> {c.field} ({how[c.how]})"
        for c in columns
        if c.heading or c.field != SKIP
    ]


def _answered(kind: str) -> bool:
    """Whether the executive answers records of `kind` (a decision and a response)."""
    return kind in KINDS and KINDS[kind].answered
