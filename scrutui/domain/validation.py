"""Validation of records and trackers, with errors that say what was found and what is allowed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrutui.domain.calendar import parse_period
from scrutui.domain.issues import (
    MAX_LINE,
    MAX_TEXT,
    Invalid,
    Issue,
    KeyPath,
    shown,
)
from scrutui.domain.issues import date_value as _date
from scrutui.domain.issues import table_list as _table_list
from scrutui.domain.issues import text_issue as _text_issue
from scrutui.domain.issues import unknown_keys as _unknown_keys
from scrutui.domain.records import KINDS, TRACKER_KINDS, FieldSpec, Record
from scrutui.domain.status import StatusScheme, is_colour, scheme_from_data
from scrutui.domain.tracker import PaperSettings, PledgeArea, Tracker, default_scheme

__all__ = [
    "MAX_LINE",
    "MAX_TEXT",
    "Invalid",
    "Issue",
    "KeyPath",
    "shown",
    "validate_record",
    "validate_tracker",
]


def _field(spec: FieldSpec, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
    """Check and convert one field's TOML value (its field type knows how)."""
    return spec.field_type.load((spec.name,), value, scheme)


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
                f"a name like {spec.example_id}.toml",
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
    return Record.make(record_id, kind, values), []


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
_TRACKER_DATES = ("challenge_date", "plan_published", "progress_review", "progress_report")
_TRACKER_KEYS = (
    *_TRACKER_TEXT,
    "kind",
    "explanation",
    "meetings",
    *_TRACKER_DATES,
    "status",
    "areas",
    "paper",
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
            parse_period(data["response_period"])
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
    for key in _TRACKER_DATES:
        if key in data:
            day, issue = _date((key,), data[key])
            issues += [issue] if issue else []
            values[key] = day
    if "areas" in data:
        values["areas"], area_issues = _areas(data["areas"])
        issues += area_issues
    if "paper" in data:
        values["paper"], paper_issues = _paper(data["paper"])
        issues += paper_issues
    scheme, scheme_issues = _scheme(data.get("status"), kind)
    issues += scheme_issues
    if issues:
        return None, issues
    return Tracker(name=name, kind=kind, scheme=scheme, **values), []


_ORIENTATIONS = ("landscape", "portrait")


def _paper(value: Any) -> tuple[PaperSettings, list[Issue]]:
    """`[paper]`: orientation, font, font_size, legend and `[paper.headings]` (an engagement
    log's organisation = its three column headings)."""
    if not isinstance(value, Mapping):
        return PaperSettings(), [
            Issue(("paper",), "not a table", shown(value), '[paper] orientation = "landscape"')
        ]
    issues = _unknown_keys(
        ("paper",), value, ("orientation", "font", "font_size", "legend", "headings")
    )
    values: dict[str, Any] = {}
    orientation = value.get("orientation", "landscape")
    if orientation not in _ORIENTATIONS:
        issues.append(
            Issue(("paper", "orientation"), "unknown", shown(orientation), ", ".join(_ORIENTATIONS))
        )
    else:
        values["orientation"] = orientation
    font = value.get("font", "Arial")
    if not isinstance(font, str) or not font.strip() or len(font) > 64 or "\n" in font:
        issues.append(Issue(("paper", "font"), "not a font name", shown(font), '"Arial"'))
    else:
        values["font"] = font.strip()
    size = value.get("font_size", 11)
    if isinstance(size, bool) or not isinstance(size, int | float) or not 6 <= size <= 36:
        issues.append(
            Issue(("paper", "font_size"), "not a type size", shown(size), "points, 6 to 36: 11")
        )
    else:
        values["font_size"] = size
    legend = value.get("legend", False)
    if not isinstance(legend, bool):
        issues.append(Issue(("paper", "legend"), "not true or false", shown(legend), "true, false"))
    else:
        values["legend"] = legend
    headings = value.get("headings", {})
    found: list[tuple[str, tuple[str, ...]]] = []
    if not isinstance(headings, Mapping):
        issues.append(
            Issue(
                ("paper", "headings"),
                "not a table",
                shown(headings),
                '[paper.headings] "Ox Place" = ["Pledge area", "...", "..."]',
            )
        )
        headings = {}
    for organisation, three in headings.items():
        path: KeyPath = ("paper", "headings", organisation)
        if (
            not isinstance(three, list)
            or len(three) != 3
            or not all(isinstance(h, str) and "\n" not in h for h in three)
        ):
            issues.append(
                Issue(
                    path,
                    "not three headings",
                    shown(three),
                    '["Pledge area", "You said", "We did"]',
                )
            )
            continue
        found.append((str(organisation), tuple(three)))
    values["headings"] = tuple(found)
    return PaperSettings(**values), issues


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
