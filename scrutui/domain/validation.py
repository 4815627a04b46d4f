"""Validation of records and trackers, with errors that say what was found and what is allowed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from scrutui.domain import limits
from scrutui.domain.calendar import parse_period, parse_uk_date
from scrutui.domain.records import (
    ANSWER_TYPES,
    DECISIONS,
    KINDS,
    TRACKER_KINDS,
    Answer,
    FieldSpec,
    Record,
    Update,
)
from scrutui.domain.status import StatusScheme, is_colour, scheme_from_data
from scrutui.domain.tracker import PledgeArea, Tracker, default_scheme

MAX_TEXT = 100_000
MAX_LINE = 1_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong with one field: what was found and what is allowed."""

    path: KeyPath
    message: str
    found: str | None = None
    allowed: str | None = None

    @property
    def field(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def describe(self) -> str:
        text = self.message
        if self.found is not None:
            text += f"; found {self.found}"
        if self.allowed is not None:
            text += f"; allowed: {self.allowed}"
        return text


class Invalid(ValueError):
    """A record or tracker that does not validate; it is never written."""

    def __init__(self, issues: Sequence[Issue], what: str = "record") -> None:
        self.issues = tuple(issues)
        lines = [f"{i.field or what}: {i.describe()}" for i in issues]
        super().__init__("; ".join(lines))


def shown(value: Any) -> str:
    """How a found value is quoted in a message: short, and with its type when unexpected."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text) if len(value) <= 60 else f"{text!r} ({len(value):,} characters)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, datetime):
        return f"{value.isoformat()} (a date and time)"
    if isinstance(value, date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _text_issue(path: KeyPath, value: Any, *, multiline: bool) -> Issue | None:
    limit = MAX_TEXT if multiline else MAX_LINE
    if not isinstance(value, str):
        return Issue(path, "not text", shown(value), 'text in quotes, like "..."')
    if len(value) > limit:
        return Issue(path, "too long", f"{len(value):,} characters", f"up to {limit:,}")
    if _CONTROL.search(value):
        code = ord(_CONTROL.search(value).group())  # type: ignore[union-attr]
        return Issue(
            path, "holds a control character", f"U+{code:04X}", "printable text, new lines and tabs"
        )
    if not multiline and "\n" in value:
        return Issue(path, "must be one line", "a line break", "text on one line")
    return None


def _date(path: KeyPath, value: Any) -> tuple[date | None, Issue | None]:
    if isinstance(value, date) and not isinstance(value, datetime):
        implausible = limits.date_problem(value)
        if implausible:
            return None, Issue(path, implausible, shown(value), limits.date_allowed())
        return value, None
    if isinstance(value, str):
        try:
            parse_uk_date(value)
        except ValueError:
            return None, Issue(
                path,
                "not a date",
                shown(value),
                "a real date written like 2024-04-11, without quotes",
            )
        return None, Issue(
            path,
            "a date must not be in quotes",
            shown(value),
            "a date written like 2024-04-11, without quotes",
        )
    return None, Issue(path, "not a date", shown(value), "a date written like 2024-04-11")


def _names(path: KeyPath, value: Any) -> tuple[tuple[str, ...], Issue | None]:
    if not isinstance(value, list):
        return (), Issue(
            path,
            "not a list of names",
            shown(value),
            'a list like ["Cllr Neil Fawcett", "Tom Parsons"]',
        )
    for index, item in enumerate(value):
        issue = _text_issue((*path, index), item, multiline=False)
        if issue:
            return (), issue
    return tuple(value), None


def _table_list(
    path: KeyPath, value: Any, what: str
) -> tuple[list[Mapping[str, Any]], Issue | None]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return [], Issue(path, f"not a list of {what}", shown(value), f"[[{path[-1]}]] tables")
    return value, None


def _field(spec: FieldSpec, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
    """Check and convert one field's TOML value."""
    path: KeyPath = (spec.name,)
    kind = spec.type
    if kind in ("line", "text"):
        issue = _text_issue(path, value, multiline=kind == "text")
        return value, [issue] if issue else []
    if kind == "date":
        day, issue = _date(path, value)
        return day, [issue] if issue else []
    if kind == "status":
        if value not in scheme.codes:
            return None, [Issue(path, "unknown status code", shown(value), ", ".join(scheme.codes))]
        return value, []
    if kind == "decision":
        if value not in DECISIONS:
            return None, [
                Issue(
                    path,
                    "unknown executive decision",
                    shown(value),
                    ", ".join(DECISIONS) + " (or leave it out)",
                )
            ]
        return value, []
    if kind == "bool":
        if not isinstance(value, bool):
            return False, [Issue(path, "not true or false", shown(value), "true or false")]
        return value, []
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return None, [Issue(path, "not a whole number", shown(value), "1, 2, 3, ...")]
        return value, []
    if kind in ("names", "lines"):
        if kind == "lines" and isinstance(value, list):
            issues = [
                i for n, v in enumerate(value) if (i := _text_issue((*path, n), v, multiline=True))
            ]
            return tuple(value), issues
        names, issue = _names(path, value)
        return names, [issue] if issue else []
    if kind == "updates":
        return _updates(path, value)
    return _answers(path, value)


def _updates(path: KeyPath, value: Any) -> tuple[tuple[Update, ...], list[Issue]]:
    rows, issue = _table_list(path, value, "updates")
    if issue:
        return (), [issue]
    out, issues = [], []
    for n, row in enumerate(rows):
        issues += _unknown_keys((*path, n), row, ("date", "text"))
        day, date_issue = _date((*path, n, "date"), row.get("date"))
        text_issue = _text_issue((*path, n, "text"), row.get("text"), multiline=True)
        issues += [i for i in (date_issue, text_issue) if i]
        if day and not text_issue:
            out.append(Update(day, row["text"]))
    return tuple(out), issues


def _answers(path: KeyPath, value: Any) -> tuple[tuple[Answer, ...], list[Issue]]:
    rows, issue = _table_list(path, value, "answers")
    if issue:
        return (), [issue]
    out, issues = [], []
    for n, row in enumerate(rows):
        issues += _unknown_keys((*path, n), row, ("type", "text", "team"))
        kind = row.get("type")
        if kind is not None and kind not in ANSWER_TYPES:
            issues.append(
                Issue(
                    (*path, n, "type"),
                    "unknown answer type",
                    shown(kind),
                    ", ".join(ANSWER_TYPES) + " (or leave it out)",
                )
            )
        text_issue = _text_issue((*path, n, "text"), row.get("text"), multiline=True)
        team = row.get("team", "")
        team_issue = _text_issue((*path, n, "team"), team, multiline=False)
        issues += [i for i in (text_issue, team_issue) if i]
        if (kind is None or kind in ANSWER_TYPES) and not text_issue and not team_issue:
            out.append(Answer(row["text"], kind, team))
    return tuple(out), issues


def _unknown_keys(path: KeyPath, data: Mapping[str, Any], allowed: Sequence[str]) -> list[Issue]:
    return [
        Issue((*path, key), "unknown key", repr(key), ", ".join(allowed))
        for key in data
        if key not in allowed
    ]


def validate_record(
    record_id: str, data: Mapping[str, Any], tracker: Tracker
) -> tuple[Record | None, list[Issue]]:
    """Check one record's TOML data against its kind and its tracker; the record if valid."""
    kind = data.get("kind")
    if kind not in tracker.record_kinds:
        return None, [
            Issue(
                ("kind",),
                "unknown record kind" if kind else "missing",
                shown(kind) if kind is not None else None,
                ", ".join(tracker.record_kinds),
            )
        ]
    spec = KINDS[kind]
    issues: list[Issue] = []
    if not spec.id_pattern.match(record_id):
        issues.append(
            Issue(
                ("id",),
                f"the file name is not the id of {spec.a_label}",
                repr(record_id),
                f"a name like {_example_id(spec.prefix)}.toml",
            )
        )
    issues += _unknown_keys((), data, ("kind", *spec.field_names))
    values: dict[str, Any] = {}
    for field_spec in spec.fields:
        if field_spec.name not in data:
            if field_spec.required:
                issues.append(
                    Issue(
                        (field_spec.name,),
                        "missing",
                        None,
                        f"{field_spec.label.lower()} ({field_spec.type})",
                    )
                )
            continue
        value, field_issues = _field(field_spec, data[field_spec.name], tracker.scheme)
        if field_spec.required and value in ("", ()) and not field_issues:
            field_issues = [Issue((field_spec.name,), "must not be empty")]
        issues += field_issues
        values[field_spec.name] = value
    if issues:
        return None, issues
    return Record(id=record_id, kind=kind, **values), []


def _example_id(prefix: str) -> str:
    return {"R": "R-2024-01-19-1", "A": "A-2024-01-19-1", "PA": "PA-1-1"}.get(prefix, prefix + "-1")


_TRACKER_TEXT = (
    "title",
    "subtitle",
    "committee",
    "council",
    "chair",
    "officer",
    "officer_role",
    "officer_email",
    "review",
    "update_heading",
    "source",
    "response_period",
)
_TRACKER_KEYS = (
    *_TRACKER_TEXT,
    "kind",
    "explanation",
    "meetings",
    "challenge_date",
    "status",
    "areas",
)


def validate_tracker(name: str, data: Mapping[str, Any]) -> tuple[Tracker | None, list[Issue]]:
    """Check a `tracker.toml`; the tracker if valid."""
    issues = _unknown_keys((), data, _TRACKER_KEYS)
    kind = data.get("kind")
    if kind not in TRACKER_KINDS:
        issues.append(
            Issue(
                ("kind",),
                "unknown tracker kind" if kind else "missing",
                shown(kind) if kind else None,
                ", ".join(TRACKER_KINDS),
            )
        )
        return None, issues
    values: dict[str, Any] = {}
    for key in _TRACKER_TEXT:
        if key in data:
            issue = _text_issue((key,), data[key], multiline=False)
            issues += [issue] if issue else []
            values[key] = data[key]
    if not data.get("title"):
        issues.append(Issue(("title",), "missing", None, "the tracker's title"))
    if "explanation" in data:
        issue = _text_issue(("explanation",), data["explanation"], multiline=True)
        issues += [issue] if issue else []
        values["explanation"] = data["explanation"]
    if "response_period" in data and isinstance(data["response_period"], str):
        try:
            period = parse_period(data["response_period"])
            too_long = limits.period_problem(period.count, period.unit)
            if too_long:
                issues.append(
                    Issue(
                        ("response_period",),
                        too_long,
                        shown(data["response_period"]),
                        limits.period_allowed(),
                    )
                )
        except ValueError:
            issues.append(
                Issue(
                    ("response_period",),
                    "not a period",
                    shown(data["response_period"]),
                    "'2 months', '8 weeks', '28 days'",
                )
            )
    meetings = data.get("meetings", [])
    if not isinstance(meetings, list):
        issues.append(
            Issue(("meetings",), "not a list of dates", shown(meetings), "[2024-01-19, 2024-04-11]")
        )
        meetings = []
    days = []
    for n, value in enumerate(meetings):
        day, issue = _date(("meetings", n), value)
        issues += [issue] if issue else []
        days += [day] if day else []
    values["meetings"] = tuple(sorted(days))
    if "challenge_date" in data:
        day, issue = _date(("challenge_date",), data["challenge_date"])
        issues += [issue] if issue else []
        values["challenge_date"] = day
    if "areas" in data:
        values["areas"], area_issues = _areas(data["areas"])
        issues += area_issues
    scheme, scheme_issues = _scheme(data.get("status"), kind)
    issues += scheme_issues
    if issues:
        return None, issues
    return Tracker(name=name, kind=kind, scheme=scheme, **values), []


def _areas(value: Any) -> tuple[tuple[PledgeArea, ...], list[Issue]]:
    """An engagement log's pledge areas: `[[areas]]` with organisation, name and pledges."""
    rows, issue = _table_list(("areas",), value, "pledge areas")
    if issue:
        return (), [issue]
    out, issues = [], []
    for n, row in enumerate(rows):
        path: KeyPath = ("areas", n)
        issues += _unknown_keys(path, row, ("organisation", "name", "pledges"))
        found = [
            _text_issue((*path, key), row.get(key, ""), multiline=False)
            for key in ("organisation", "name")
        ]
        pledges = row.get("pledges", [])
        if not isinstance(pledges, list):
            found.append(Issue((*path, "pledges"), "not a list", shown(pledges), '["..."]'))
            pledges = []
        found += [
            _text_issue((*path, "pledges", i), p, multiline=True) for i, p in enumerate(pledges)
        ]
        if not row.get("name"):
            found.append(Issue((*path, "name"), "missing", None, "the pledge area's name"))
        issues += [i for i in found if i]
        out.append(PledgeArea(row.get("organisation", ""), row.get("name", ""), tuple(pledges)))
    return tuple(out), issues


def _scheme(value: Any, kind: str) -> tuple[StatusScheme, list[Issue]]:
    if value is None:
        return default_scheme(kind), []
    rows, issue = _table_list(("status",), value, "statuses")
    if issue or not rows:
        return default_scheme(kind), [
            issue or Issue(("status",), "no statuses", None, "at least one [[status]] table")
        ]
    issues: list[Issue] = []
    for n, row in enumerate(rows):
        path: KeyPath = ("status", n)
        issues += _unknown_keys(path, row, ("code", "label", "colour", "complete"))
        for key in ("code", "label"):
            issue = _text_issue(
                (*path, key), row.get(key, "") if key == "label" else row.get(key), multiline=False
            )
            issues += [issue] if issue else []
        colour = row.get("colour", "grey")
        if not isinstance(colour, str) or not is_colour(colour):
            issues.append(
                Issue(
                    (*path, "colour"),
                    "unknown colour",
                    shown(colour),
                    "red, amber, yellow, green, blue, grey, or #rrggbb",
                )
            )
        if not isinstance(row.get("complete", False), bool):
            issues.append(
                Issue(
                    (*path, "complete"),
                    "not true or false",
                    shown(row["complete"]),
                    "true or false",
                )
            )
    codes = [row.get("code") for row in rows]
    duplicates = sorted({c for c in codes if isinstance(c, str) and codes.count(c) > 1})
    if duplicates:
        issues.append(
            Issue(
                ("status",),
                "a status code is listed twice",
                ", ".join(duplicates),
                "each code once",
            )
        )
    return (scheme_from_data(rows) if not issues else default_scheme(kind)), issues
