"""Proposed records from an existing tracker table: a CSV with a header row, or the paper's
own layout (a Markdown pipe table, or a Word or HTML table through pandoc).

Columns are matched to fields by the paper's headings or the field names, in any case. Blank
meeting date and item cells continue the row above, as the paper prints them. Every bad row
is reported (row, field, what was found, what is allowed) and then nothing is proposed: an
import of a table is all or nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scrutui.domain.edit import parse_value
from scrutui.domain.records import DECISIONS, KINDS, TRACKER_KINDS, Record, Update, new_id
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import Invalid, Issue, validate_record
from scrutui.importers.html_tables import html_tables
from scrutui.importers.pipes import PipeTable, pipe_tables, unescape
from scrutui.importers.proposal import ImportProblem, Proposal

PAPER_HEADINGS = {
    "meeting date": "meeting",
    "recommendation/action": "text",
    "lead": "leads",
    "update/response": "update/response",
    "r/y/g": "status",
    "kind": "kind",
    "updates": "update/response",
}
CARRIED = ("meeting", "item")
_CODES = re.compile(r"^[a-z]{1,3}(/[a-z]{1,3})+$")
_EXEMPT = re.compile(r"\s*\*\(exempt\)\*\s*$")
_MARK = re.compile(r"^\*\*(.*?)\*\*\s*(.*)$", re.DOTALL)


@dataclass
class Row:
    """One data row as the officer sees it: where it is, its kind and its cells by field."""

    where: str
    kind: str | None
    cells: dict[str, str] = field(default_factory=dict)
    markdown: bool = False


def columns(header: list[str]) -> tuple[dict[int, str], list[str], str | None]:
    """Each known column's field, the unknown columns described, and the kind the text
    column's heading gives ("Recommendation" or "Action"), if it gives one."""
    names: dict[str, str] = dict(PAPER_HEADINGS)
    text_headings = _text_headings()
    for kind in _kinds():
        for spec in KINDS[kind].editable:
            names[spec.name] = spec.name
            names[spec.label.lower()] = spec.name
    names.update({heading: "text" for heading in text_headings})
    names["text"] = "text"
    names["status"] = "status"
    known: dict[int, str] = {}
    unknown: list[str] = []
    text_kind: str | None = None
    for index, heading in enumerate(header):
        label = " ".join(heading.split()).casefold()
        name = names.get(label) or ("status" if _CODES.match(label) else None)
        if label in text_headings:
            text_kind = text_headings[label]
        if name is None:
            if heading.strip():
                unknown.append(f"column {index + 1} {heading.strip()!r}")
        elif name not in known.values():
            known[index] = name
    return known, unknown, text_kind


def _kinds() -> list[str]:
    """The record kinds a table imports as: those of the tracker kinds that take imports."""
    return [k for t in TRACKER_KINDS.values() if t.imports for k in t.record_kinds]


def _text_headings() -> dict[str, str]:
    """The text column's heading that says the kind: "Recommendation", "Action"."""
    return {text.label.lower(): kind for kind in _kinds() if (text := KINDS[kind].spec("text"))}


def csv_rows(text: str, default_kind: str | None) -> tuple[list[Row], list[str]]:
    """The rows of a CSV whose first row is the header; rows numbered as a spreadsheet does."""
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)  # a spreadsheet saved in Europe uses ';'
    try:
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise ImportProblem(f"not a CSV file this importer can read: {error}") from None
    if not table or not any(cell.strip() for cell in table[0]):
        raise ImportProblem("no header row: the first row must name the columns")
    known, unknown, kind = columns(table[0])
    problems = [f"row 1 (the header), {u}: not a column of the tracker" for u in unknown]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {known[i]: cell for i, cell in enumerate(cells) if i in known}
        rows.append(Row(f"row {number}", kind or default_kind, values))
    return rows, problems


def paper_rows(tables: list[PipeTable], default_kind: str | None) -> tuple[list[Row], list[str]]:
    """The rows of every table of a paper; its sections decide the kind."""
    rows, problems = [], []
    if not tables:
        raise ImportProblem("no table found: expected a table with a header row")
    for table in tables:
        known, unknown, kind = columns(table.header)
        section = table.section.casefold()
        kind = kind or next((k for k in _kinds() if k in section), None)
        where = table.section or "table"
        problems += [f"{where}, line {table.line} (the header), {u}: not a column" for u in unknown]
        for line, cells in table.rows:
            values = {known[i]: cell for i, cell in enumerate(cells) if i in known}
            row = Row(f"{where}, line {line}", kind or default_kind, values, markdown=True)
            rows.append(row)
    return rows, problems


def parse_table(
    text: str, tracker: Tracker, *, form: str = "csv", kind: str | None = None
) -> list[Proposal]:
    """Proposals for every row of `text` (a "csv", "markdown" or "html" table), or an
    `ImportProblem` naming every bad row and field."""
    if not tracker.spec.imports:
        raise ImportProblem(f"tables import into committee trackers, not {tracker.kind} ones")
    if form == "csv":
        rows, problems = csv_rows(text, kind)
    else:
        tables = pipe_tables(text) if form == "markdown" else html_tables(text)
        rows, problems = paper_rows(tables, kind)
    proposals = []
    above: dict[str, str] = {}
    for row in rows:
        for name in CARRIED:
            if not row.cells.get(name, "").strip() and above.get(name):
                row.cells[name] = above[name]
        above = {name: row.cells.get(name, "") for name in CARRIED}
        proposal, issues = _proposal(row, tracker)
        problems += [f"{row.where}, {_describe(issue)}" for issue in issues]
        if proposal is not None:
            proposals.append(proposal)
    if problems:
        raise ImportProblem(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; "
            "nothing was imported:\n" + "\n".join(f"  {p}" for p in problems)
        )
    if not proposals:
        raise ImportProblem("the table has no rows to import")
    return proposals


def _describe(issue: Issue) -> str:
    return f"{issue.field or 'record'}: {issue.describe()}"


def _proposal(row: Row, tracker: Tracker) -> tuple[Proposal | None, list[Issue]]:
    kind = (row.kind or "").casefold()
    if "kind" in row.cells:
        kind = row.cells.pop("kind").strip().casefold() or kind
    if kind not in tracker.record_kinds:
        found = repr(kind) if kind else None
        issue = Issue(("kind",), "say which kind", found, " or ".join(tracker.record_kinds))
        return None, [issue]
    spec = KINDS[kind]
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    updates: list[str] = []
    for name, raw in row.cells.items():
        if name == "update/response":
            response, updates = _response(raw, row.markdown, kind)
            values.update(response)
            continue
        text = raw
        if row.markdown:
            text, flagged = _markdown_cell(name, raw)
            values.update(flagged)
        if name == "status":
            text = text.replace("✔", "").replace("*", "").strip()
        if not spec.spec(name):
            if text.strip():
                issues.append(Issue((name,), f"{spec.a_label} has no such field", repr(text)))
            continue
        try:
            value = parse_value(spec, name, text)
        except Invalid as error:
            issues += error.issues
            continue
        if value not in (None, (), False):
            values[name] = value
    if issues:
        return None, issues
    on = values.get("last_reviewed") or values.get("meeting")
    if updates and isinstance(on, date):
        values["updates"] = tuple(Update(on, u) for u in updates)
    values.setdefault("status", tracker.scheme.codes[0] if tracker.scheme.codes else None)
    issues = _validate(kind, values, tracker)
    return (Proposal(kind, values, True, row.where) if not issues else None), issues


def _markdown_cell(name: str, raw: str) -> tuple[str, dict[str, Any]]:
    if name == "text" and _EXEMPT.search(raw):
        return unescape(_EXEMPT.sub("", raw)), {"exempt": True}
    return unescape(raw), {}


def _validate(kind: str, values: dict[str, Any], tracker: Tracker) -> list[Issue]:
    meeting = values.get("meeting")
    if not isinstance(meeting, date):
        return [Issue(("meeting",), "missing", None, "a date like 11/04/24")]
    record = Record.make(new_id(kind, set(), values=values), kind, values)
    checked, issues = validate_record(record.id, record.to_data(), tracker)
    return [] if checked is not None else issues


def _response(raw: str, markdown: bool, kind: str) -> tuple[dict[str, Any], list[str]]:
    """The decision, response and update texts of a paper's "Update/response" cell."""
    parts = re.split(r"(?:<br\s*/?>\s*){2}", raw) if markdown else re.split(r"\n\s*\n", raw)
    values: dict[str, Any] = {}
    response: list[str] = []
    updates: list[str] = []
    for index, part in enumerate(parts):
        mark, rest = _marker(part, markdown)
        if index == 0 and KINDS[kind].spec("decision") and mark in DECISIONS and not rest:
            values["decision"] = mark
        elif mark.rstrip(":") == "Update":
            updates.append(_text(re.sub(r"^\s*(<br\s*/?>)?", "", rest), markdown))
        elif mark.rstrip(":") == "Response overdue":
            continue
        elif updates:
            updates[-1] += "\n\n" + _text(part, markdown)
        elif part.strip():
            response.append(_text(part, markdown))
    text = "\n\n".join(p for p in response if p)
    if text and KINDS[kind].spec("response"):
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
    plain = re.match(r"^(Update:|Response overdue:)\s*(.*)$", part.strip(), re.DOTALL)
    return (plain.group(1), plain.group(2)) if plain else ("", part)


def _text(part: str, markdown: bool) -> str:
    return unescape(part) if markdown else part.strip()
