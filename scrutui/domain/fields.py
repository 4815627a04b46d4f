"""Field types: one class per type of field a record kind may hold.

Each type knows how to read its value from a record file (with the errors validation
reports), how to write it back, how to read what an officer types at a prompt, on the
command line or in the edit form, how to type it back, how a table cell shows it, and which
widget the edit form gives it (by name: the domain imports no user interface). Record kinds
(`scrutui.domain.kinds`) name their fields' types; nothing else tests a type's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from scrutui.domain.calendar import format_uk, parse_uk_date
from scrutui.domain.issues import (
    Invalid,
    Issue,
    KeyPath,
    date_value,
    names_value,
    shown,
    table_list,
    text_issue,
    unknown_keys,
)
from scrutui.domain.status import StatusScheme

DECISIONS = ("Accepted", "Partially Accepted", "Rejected")
ANSWER_TYPES = ("Q&A", "Comment", "Suggestion", "Action", "Suggestion/Action")


@dataclass(frozen=True, slots=True)
class Update:
    """A dated "Update:" paragraph added at a review."""

    date: date
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    """One typed answer in an engagement log, and the team it is for."""

    text: str
    type: str | None = None
    team: str = ""


class FieldType:
    """A line of text: the base of every field type, and what each may override."""

    name: ClassVar[str] = "line"
    #: What the edit form shows for it: input, textarea, checkbox, status, choice or none.
    widget: ClassVar[str] = "input"
    #: The grey hint in an empty input.
    placeholder: ClassVar[str] = ""
    #: Whether an officer types it (lists of dated entries are added one at a time instead).
    editable: ClassVar[bool] = True
    #: What a record holds when the file leaves the field out.
    empty: ClassVar[Any] = ""
    #: Whether its value is a list shown one bullet per item (on the record screen, in `show`).
    bulleted: ClassVar[bool] = False

    # Record files -----------------------------------------------------------------------------

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        """The field's value from its TOML value, and what is wrong with it."""
        issue = text_issue(path, value, multiline=False)
        return value, [issue] if issue else []

    def dump(self, value: Any) -> Any:
        """The TOML value for the field's value."""
        return list(value) if isinstance(value, tuple) else value

    # What an officer types --------------------------------------------------------------------

    def strip(self, typed: str) -> str:
        return typed.strip()

    def parse(self, name: str, text: str) -> Any:
        """The value of a non-empty answer (already stripped); raises `Invalid`."""
        return text

    def format(self, value: Any) -> str:
        """The value as an officer would type it back (the inverse of `parse`)."""
        return "" if value is None else str(value)

    # Tables -----------------------------------------------------------------------------------

    def cell(self, value: Any) -> str:
        """The value in a table's cell or a `show` line."""
        return self.format(value)

    def sort_key(self, value: Any, scheme: StatusScheme) -> Any:
        return self.format(value).lower()

    def options(self, scheme: StatusScheme | None) -> list[tuple[str, str]]:
        """The (label, value) choices of a choice widget (a status needs the scheme)."""
        return []

    # Updates ----------------------------------------------------------------------------------

    def add_update(self, value: Any, text: str, on: date) -> Any:
        """The field's value once an update of `text` on `on` is added: a one-line or
        free-text field holds only the latest update."""
        return text


class TextType(FieldType):
    """Free text, over several lines."""

    name = "text"
    widget = "textarea"

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        issue = text_issue(path, value, multiline=True)
        return value, [issue] if issue else []

    def strip(self, typed: str) -> str:
        return typed.strip("\n")


class DateType(FieldType):
    name = "date"
    placeholder = "dd/mm/yyyy"
    empty = None

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        day, issue = date_value(path, value)
        return day, [issue] if issue else []

    def parse(self, name: str, text: str) -> Any:
        try:
            return parse_uk_date(text)
        except ValueError:
            raise Invalid(
                [
                    Issue(
                        (name,), "not a date", repr(text), "a real date like 2024-04-11 or 11/04/24"
                    )
                ]
            ) from None

    def format(self, value: Any) -> str:
        return "" if value is None else str(value.strftime("%d/%m/%Y"))

    def cell(self, value: Any) -> str:
        return format_uk(value) if value else ""

    def sort_key(self, value: Any, scheme: StatusScheme) -> Any:
        return value or date.min


class StatusType(FieldType):
    """A code of the tracker's status scheme."""

    name = "status"
    widget = "status"
    empty = None

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        if value not in scheme.codes:
            return None, [Issue(path, "unknown status code", shown(value), ", ".join(scheme.codes))]
        return value, []

    def sort_key(self, value: Any, scheme: StatusScheme) -> Any:
        return scheme.codes.index(value) if value in scheme.codes else -1

    def options(self, scheme: StatusScheme | None) -> list[tuple[str, str]]:
        if scheme is None:
            return []
        return [
            (s.code if s.label == s.code else f"{s.code}  {s.label}", s.code)
            for s in scheme.statuses
        ]


class ChoiceType(FieldType):
    """One of a fixed list of answers (or none yet)."""

    name = "choice"
    widget = "choice"
    empty = None
    choices: ClassVar[tuple[str, ...]] = ()
    what: ClassVar[str] = "answer"
    prompt: ClassVar[str] = "None yet"

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        if value not in self.choices:
            allowed = ", ".join(self.choices) + " (or leave it out)"
            return None, [Issue(path, f"unknown {self.what}", shown(value), allowed)]
        return value, []

    def parse(self, name: str, text: str) -> Any:
        match = next((d for d in self.choices if d.lower() == text.lower()), None)
        if match is None:
            allowed = ", ".join(self.choices) + " (or empty for none yet)"
            raise Invalid([Issue((name,), f"unknown {self.what}", repr(text), allowed)])
        return match

    def options(self, scheme: StatusScheme | None) -> list[tuple[str, str]]:
        return [(choice, choice) for choice in self.choices]


class DecisionType(ChoiceType):
    """The executive's decision on a recommendation."""

    name = "decision"
    choices = DECISIONS
    what = "executive decision"


class BoolType(FieldType):
    name = "bool"
    widget = "checkbox"
    empty = False

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        if not isinstance(value, bool):
            return False, [Issue(path, "not true or false", shown(value), "true or false")]
        return value, []

    def parse(self, name: str, text: str) -> Any:
        if text.lower() in ("true", "yes", "y", "1"):
            return True
        if text.lower() in ("false", "no", "n", "0"):
            return False
        raise Invalid([Issue((name,), "not yes or no", repr(text), "yes or no")])

    def format(self, value: Any) -> str:
        return "yes" if value else "no"


class IntType(FieldType):
    """A whole number from 1."""

    name = "int"
    empty = None

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return None, [Issue(path, "not a whole number", shown(value), "1, 2, 3, ...")]
        return value, []

    def parse(self, name: str, text: str) -> Any:
        if not text.isdigit():
            raise Invalid([Issue((name,), "not a whole number", repr(text), "1, 2, 3, ...")])
        return int(text)

    def sort_key(self, value: Any, scheme: StatusScheme) -> Any:
        return value or 0


class NamesType(FieldType):
    """People or teams, typed separated by ';' as the papers print them."""

    name = "names"
    placeholder = "Name; Another name"
    empty: ClassVar[Any] = ()

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        names, issue = names_value(path, value)
        return names, [issue] if issue else []

    def parse(self, name: str, text: str) -> Any:
        return tuple(part.strip() for part in text.replace("\n", ";").split(";") if part.strip())

    def format(self, value: Any) -> str:
        return "; ".join(value)


class LinesType(FieldType):
    """A list of paragraphs (bullets, comments), typed one per line."""

    name = "lines"
    widget = "textarea"
    bulleted = True
    empty: ClassVar[Any] = ()

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        if isinstance(value, list):
            issues = [
                i for n, v in enumerate(value) if (i := text_issue((*path, n), v, multiline=True))
            ]
            return tuple(value), issues
        names, issue = names_value(path, value)
        return names, [issue] if issue else []

    def parse(self, name: str, text: str) -> Any:
        return tuple(line.strip() for line in text.splitlines() if line.strip())

    def format(self, value: Any) -> str:
        return "\n".join(value)

    def cell(self, value: Any) -> str:
        return value[0] if value else ""

    def sort_key(self, value: Any, scheme: StatusScheme) -> Any:
        return self.cell(value).lower()


class UpdatesType(FieldType):
    """Dated updates, `[[updates]]` tables with a date and a text; added one at a time."""

    name = "updates"
    widget = "none"
    editable = False
    empty: ClassVar[Any] = ()

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        rows, issue = table_list(path, value, "updates")
        if issue:
            return (), [issue]
        out, issues = [], []
        for n, row in enumerate(rows):
            issues += unknown_keys((*path, n), row, ("date", "text"))
            day, date_issue = date_value((*path, n, "date"), row.get("date"))
            bad_text = text_issue((*path, n, "text"), row.get("text"), multiline=True)
            issues += [i for i in (date_issue, bad_text) if i]
            if day and not bad_text:
                out.append(Update(day, row["text"]))
        return tuple(out), issues

    def dump(self, value: Any) -> Any:
        return [{"date": u.date, "text": u.text} for u in value]

    def format(self, value: Any) -> str:
        return "\n\n".join(f"{u.date:%d/%m/%Y}: {u.text}" for u in value)

    def cell(self, value: Any) -> str:
        return value[-1].text if value else ""

    def sort_key(self, value: Any, scheme: StatusScheme) -> Any:
        return value[-1].date if value else date.min

    def add_update(self, value: Any, text: str, on: date) -> Any:
        """In date order: a backdated update goes in its place, after that day's others."""
        return tuple(sorted((*value, Update(on, text)), key=lambda u: u.date))


class AnswersType(FieldType):
    """An engagement log's answers, `[[answers]]` tables with a type, a text and a team."""

    name = "answers"
    widget = "none"
    editable = False
    empty: ClassVar[Any] = ()

    def load(self, path: KeyPath, value: Any, scheme: StatusScheme) -> tuple[Any, list[Issue]]:
        rows, issue = table_list(path, value, "answers")
        if issue:
            return (), [issue]
        out, issues = [], []
        for n, row in enumerate(rows):
            issues += unknown_keys((*path, n), row, ("type", "text", "team"))
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
            bad_text = text_issue((*path, n, "text"), row.get("text"), multiline=True)
            team = row.get("team", "")
            team_issue = text_issue((*path, n, "team"), team, multiline=False)
            issues += [i for i in (bad_text, team_issue) if i]
            if (kind is None or kind in ANSWER_TYPES) and not bad_text and not team_issue:
                out.append(Answer(row["text"], kind, team))
        return tuple(out), issues

    def dump(self, value: Any) -> Any:
        return [
            {
                **({"type": a.type} if a.type else {}),
                "text": a.text,
                **({"team": a.team} if a.team else {}),
            }
            for a in value
        ]

    def format(self, value: Any) -> str:
        return "\n".join(f"{a.type + ': ' if a.type else ''}{a.text}" for a in value)

    def cell(self, value: Any) -> str:
        if not value:
            return ""
        more = f" (+{len(value) - 1})" if len(value) > 1 else ""
        return f"{value[-1].text}{more}"  # the latest answer, and how many came before

    def sort_key(self, value: Any, scheme: StatusScheme) -> Any:
        return len(value)

    def add_update(self, value: Any, text: str, on: date) -> Any:
        return (*value, Answer(text))


#: Every field type by its name, as record kinds name them.
FIELD_TYPES: dict[str, FieldType] = {}


def register_field_type(field_type: FieldType) -> FieldType:
    """Make a field type available to record kinds under its name."""
    FIELD_TYPES[field_type.name] = field_type
    return field_type


for _type in (
    FieldType(),
    TextType(),
    DateType(),
    StatusType(),
    DecisionType(),
    BoolType(),
    IntType(),
    NamesType(),
    LinesType(),
    UpdatesType(),
    AnswersType(),
):
    register_field_type(_type)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field a record kind may hold: its TOML key, type and label."""

    name: str
    type: str
    label: str
    required: bool = False
    help: str = ""

    @property
    def field_type(self) -> FieldType:
        return FIELD_TYPES[self.type]

    @property
    def editable(self) -> bool:
        return self.field_type.editable


def is_empty(value: Any) -> bool:
    """What a record file leaves out: no value, no text, an empty list, false."""
    return value is None or value is False or value == "" or value == ()
