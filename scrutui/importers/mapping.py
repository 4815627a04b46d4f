"""How a council's tracker table maps onto scrutui's records: which column is which field
(guessed from the headings councils use and from the cells), which status word is which code
of the tracker's scheme, and the rules that keep those choices for the next import
(`import-rules.toml` in the tracker's folder, as hledger keeps its CSV rules)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import tomlkit

from scrutui.domain.records import KINDS
from scrutui.domain.status import Status, StatusScheme
from scrutui.importers.dates import DAY_FIRST, ORDERS, looks_like_date
from scrutui.importers.proposal import ImportProblem
from scrutui.store.workspace import RULES_FILE

NOTE = "note"  # a column kept word for word as a note on each record
SKIP = "skip"  # a column left out
KIND = "kind"  # a column saying "recommendation" or "action"
UPDATE = "update"  # an update or progress column: a dated update on each record
PAPER_RESPONSE = "update/response"  # the committee paper's own combined column
SPECIAL = (NOTE, SKIP, KIND, UPDATE, PAPER_RESPONSE)
DEFAULT_SPLIT = ("/", ";", "\n")

# The headings councils give their columns, by field; compared without case, punctuation or
# spacing. The first match in this order wins, so "progress status" is a status, not progress.
HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (KIND, ("kind", "type", "recommendation or action")),
    (
        "status",
        (
            "status",
            "rag",
            "r a g",
            "r y g",
            "rag status",
            "rag rating",
            "progress status",
            "current status",
            "outcome",
            "assessment",
            "assessment of progress",
            "category",
            "state",
            "progress category",
            "implementation status",
            "progress rating",
            "open closed",
        ),
    ),
    ("completed", ("date completed", "completed", "completion date", "date closed", "closed")),
    ("response_due", ("response due", "response due date", "date response due")),
    ("responded", ("responded", "date responded")),
    (
        "responded",
        ("response received", "date of response", "response date", "date response received"),
    ),
    (
        "executive_date",
        (
            "exec date",
            "executive date",
            "cabinet date",
            "date of executive",
            "date of cabinet",
            "date considered by cabinet",
            "date considered by executive",
            "cabinet meeting",
            "executive meeting",
        ),
    ),
    (
        "target",
        (
            "target",
            "target date",
            "due",
            "due date",
            "deadline",
            "timescale",
            "timescales",
            "by when",
            "expected completion",
            "to be completed by",
            "date for completion",
            "to be completed progressed",
            "target completion date",
        ),
    ),
    ("last_reviewed", ("last reviewed", "date of update", "update date", "date updated")),
    (
        "meeting",
        (
            "meeting",
            "meeting date",
            "date of meeting",
            "committee date",
            "date",
            "date raised",
            "date agreed",
            "date of committee",
            "date of recommendation",
            "meeting date item",
        ),
    ),
    (
        "reference",
        (
            "reference",
            "ref",
            "ref no",
            "no",
            "number",
            "rec no",
            "recommendation no",
            "recommendation number",
            "rec ref",
            "minute",
            "minute no",
            "minute ref",
            "minute number",
            "action no",
            "action ref",
            "id",
        ),
    ),
    (
        "committee",
        (
            "committee",
            "origin",
            "select committee",
            "scrutiny committee",
            "panel",
            "board",
            "committee of origin",
            "source",
            "raised by",
        ),
    ),
    (
        "item",
        (
            "item",
            "topic",
            "subject",
            "area",
            "review",
            "agenda item",
            "title",
            "theme",
            "report",
            "report title",
            "scrutiny review",
            "issue",
            "service area",
            "directorate",
        ),
    ),
    (
        "text",
        (
            "text",
            "recommendation",
            "recommendations",
            "action",
            "actions",
            "action agreed",
            "action required",
            "agreed action",
            "recommendation made",
            "description",
            "resolution",
            "recommendation action",
            "detail",
            "matter arising",
            "matters arising",
            "action requested",
        ),
    ),
    (
        "leads",
        (
            "lead",
            "leads",
            "lead officer",
            "lead officers",
            "lead officer em",
            "responsible officer",
            "officer responsible",
            "owner",
            "action owner",
            "portfolio holder",
            "cabinet member",
            "responsible",
            "responsibility",
            "officer",
            "recommendation made to",
            "made to",
            "who",
            "lead member",
            "to",
            "for",
            "officer member",
        ),
    ),
    (
        "decision",
        ("decision", "accepted", "agreed", "cabinet decision", "executive decision", "accepted?"),
    ),
    ("response", ("response", "executive response", "cabinet response", "portfolio response")),
    (
        UPDATE,
        (
            "update",
            "updates",
            "progress",
            "progress update",
            "action taken",
            "actions taken",
            "comments",
            "comment",
            "latest update",
            "latest position",
            "current position",
            "notes",
            "action taken or planned to date",
            "update on progress",
            "position",
            "progress at six months",
        ),
    ),
    (PAPER_RESPONSE, ("update response",)),
)
_HEADING_FIELD = {heading: name for name, headings in HEADINGS for heading in headings}
# Words a heading holds that say its field when the whole heading is not in the list above
_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bstatus\b|\brag\b", "status"),
    (r"^(date )?complet|\bcomplet\w* date\b|\bdate complet", "completed"),
    (
        r"\b(cabinet|exec(utive)?)\b.*\bdate\b|\bdate\b.*\b(cabinet|exec(utive)?)\b",
        "executive_date",
    ),
    (r"\b(target|deadline|timescale|due)\b", "target"),
    (r"\bmeeting\b|\bdate\b", "meeting"),
    (r"\bref(erence)?\b|\bminute\b", "reference"),
    (r"\b(lead|owner|officer|responsib|portfolio|cabinet member)", "leads"),
    (r"\brecommendation|\baction\b", "text"),
    (r"\b(update|progress|comment)", UPDATE),
    (r"\bresponse\b", "response"),
)

# Status words councils use, by what they mean
COMPLETE = "complete"
PROGRESS = "progress"
NOT_STARTED = "not started"
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    COMPLETE: (
        "complete",
        "completed",
        "done",
        "achieved",
        "achieved fully",
        "fully achieved",
        "implemented",
        "fully implemented",
        "closed",
        "actioned",
        "green",
        "g",
        "signed off",
        "finished",
        "delivered",
        "resolved",
    ),
    PROGRESS: (
        "in progress",
        "ongoing",
        "on going",
        "on track",
        "started",
        "underway",
        "under way",
        "partially implemented",
        "partially complete",
        "partly implemented",
        "progressing",
        "amber",
        "a",
        "yellow",
        "y",
        "open",
        "pending",
        "on track but not yet due for completion",
    ),
    NOT_STARTED: (
        "not started",
        "no progress",
        "no progress reported",
        "overdue",
        "slipped",
        "not achieved",
        "not implemented",
        "red",
        "r",
        "delayed",
        "behind schedule",
        "not yet started",
        "off track",
    ),
}
# Numbered schemes: 1 achieved, 2 on track, 3 slipped, 4 not achieved (as several councils
# number their assessments); a number followed by words is read by the words.
NUMBERED = {"1": COMPLETE, "2": PROGRESS, "3": NOT_STARTED, "4": NOT_STARTED}
_CLASS_OF = {word: meaning for meaning, words in STATUS_WORDS.items() for word in words}
_COLOURS = {COMPLETE: ("green",), PROGRESS: ("amber", "yellow", "orange"), NOT_STARTED: ("red",)}


# Letters that look Latin in Greek and Cyrillic, as text copied from a PDF can hold ("Υ")
_LOOKALIKES = str.maketrans("ΑΒΕΗΙΚΜΝΟΡΤΥΧΖАВЕКМНОРСТУХ", "ABEHIKMNOPTYXZABEKMHOPCTYX")


def norm(text: str) -> str:
    """A heading or a status word as compared: case, punctuation, marks and spacing ignored."""
    text = text.translate(_LOOKALIKES).replace("**", "").replace("\\", "")
    return " ".join(re.sub(r"[^\w?]+", " ", text.casefold()).replace("?", " ").split())


def heading_field(heading: str) -> str | None:
    """The field a column heading names, by the headings councils use; None if unknown."""
    label = norm(heading)
    if not label:
        return None
    if label in _HEADING_FIELD:
        return _HEADING_FIELD[label]
    if re.fullmatch(r"[a-z]{1,2}( [a-z]{1,2}){1,3}", label) and all(
        part in ("r", "a", "g", "y", "b") for part in label.split()
    ):
        return "status"  # R/A/G, R/Y/G, B/R/A/G
    for pattern, name in _WORDS:
        if re.search(pattern, label):
            return name
    return None


def status_meaning(word: str) -> str | None:
    """What a status word means (complete, progress, not started), from the vocabulary."""
    label = norm(word)
    if label in _CLASS_OF:
        return _CLASS_OF[label]
    number = re.match(r"^(\d)\b\s*(.*)$", label)
    if number:
        return status_meaning(number[2]) if number[2] else NUMBERED.get(number[1])
    for words, meaning in ((w, m) for m, ws in STATUS_WORDS.items() for w in ws if len(w) > 3):
        if re.search(rf"\b{re.escape(words)}\b", label):
            return meaning
    return None


def status_code(word: str, scheme: StatusScheme) -> str | None:
    """The scheme's code for a status word: by code, by label, by colour, then by meaning."""
    label = norm(word)
    if not label:
        return None
    for status in scheme.statuses:
        if label in (norm(status.code), norm(status.label)):
            return status.code
    for status in scheme.statuses:
        if label == status.colour.casefold():
            return status.code
    meaning = status_meaning(word)
    if meaning is None:
        return None
    if meaning == COMPLETE:
        return scheme.first_complete
    open_ = [s for s in scheme.statuses if not s.complete]
    for status in open_:
        if status.colour.casefold() in _COLOURS[meaning] or meaning == status_meaning(status.label):
            return status.code
    if not open_:
        return None
    return open_[0].code if meaning == NOT_STARTED else open_[min(1, len(open_) - 1)].code


DATE_FIELDS = (
    "meeting",
    "last_reviewed",
    "completed",
    "response_due",
    "responded",
    "executive_date",
)


def _fitness(name: str, filled: Sequence[str], scheme: StatusScheme) -> float:
    """How well a column's cells suit a field: the share that read as its values."""
    if not filled:
        return 0.0
    if name == "status":
        return sum(1 for c in filled if len(c) <= 40 and status_code(c, scheme)) / len(filled)
    if name in DATE_FIELDS:
        return sum(1 for c in filled if looks_like_date(c)) / len(filled)
    return 1.0


def guess_columns(
    header: Sequence[str], columns: Sequence[Sequence[str]], scheme: StatusScheme
) -> list[str]:
    """Each column's field: from its heading, else from its cells (a column of dates, of
    status codes); a column that says nothing known is kept as a note, a blank one skipped.
    Of two columns a heading gives one field, the one whose cells suit it better has it."""
    guesses: list[tuple[str, float]] = []
    for heading, cells in zip(header, columns, strict=False):
        filled = [c.replace("*", "").strip() for c in cells if c.strip()]
        name = heading_field(heading)
        if name is None and filled:
            if _fitness("meeting", filled, scheme) >= 0.8:
                name = "meeting"
            elif all(len(c) <= 12 for c in filled) and _fitness("status", filled, scheme) >= 0.6:
                name = "status"
        if name == "decision" and filled and not all(_decision_like(c) for c in filled):
            name = "response"
        fit = _fitness(name, filled, scheme) if name else 0.0
        long = bool(filled) and sum(len(c) for c in filled) / len(filled) > 20
        if name == "status" and long and fit < 0.5:
            name, fit = UPDATE, 1.0  # an "Outcome" column of sentences: progress, not status
        elif name in DATE_FIELDS and filled and fit < 0.5 and norm(heading) not in _HEADING_FIELD:
            name = None  # "Timescale 2024/25": not a column of dates
        if name is None:
            name = NOTE if filled and heading.strip() else SKIP
        guesses.append((name, fit))
    out = [name for name, _ in guesses]
    for index, (name, _fit) in enumerate(guesses):
        if name in SPECIAL:
            continue
        rivals = [i for i, (n, _) in enumerate(guesses) if n == name]
        best = max(rivals, key=lambda i: (guesses[i][1], -i))
        if index != best:
            out[index] = (
                "last_reviewed" if name == "meeting" and "last_reviewed" not in out else NOTE
            )
    out += [SKIP] * (len(header) - len(out))
    return out


def _decision_like(cell: str) -> bool:
    return norm(cell) in (
        "accepted",
        "partially accepted",
        "partly accepted",
        "rejected",
        "not accepted",
        "agreed",
        "not agreed",
        "yes",
        "no",
        "partially",
        "accepted in part",
        "noted",
    )


def decision_of(cell: str) -> str | None:
    """'Accepted', 'Partially Accepted' or 'Rejected' for the words councils use, or None."""
    label = norm(cell)
    if label in ("accepted", "agreed", "yes"):
        return "Accepted"
    if label in ("partially accepted", "partly accepted", "partially", "accepted in part"):
        return "Partially Accepted"
    if label in ("rejected", "not accepted", "not agreed", "no"):
        return "Rejected"
    return None


def fields_of(kinds: Iterable[str]) -> list[str]:
    """The fields a column can map onto: the kinds' own, then the import's special ones."""
    names: list[str] = []
    for kind in kinds:
        for spec in KINDS[kind].fields:
            if spec.type not in ("updates", "bool") and spec.name not in names:
                names.append(spec.name)
    return [*names, UPDATE, NOTE, KIND, SKIP]


# Rules ----------------------------------------------------------------------------------------


@dataclass
class Rules:
    """The choices for one table layout: kept in `import-rules.toml` for the next import."""

    headings: list[str]
    columns: dict[str, str] = field(default_factory=dict)  # heading -> field
    statuses: dict[str, str] = field(default_factory=dict)  # word (as written) -> code
    kind: str | None = None
    dates: str = DAY_FIRST
    dates_confirmed: bool = False
    split: tuple[str, ...] = DEFAULT_SPLIT
    skip: tuple[str, ...] = ()  # rows whose first filled cell starts with one of these
    meeting: str | None = None  # dd/mm/yyyy for every row, when no column gives one

    def matches(self, header: Sequence[str]) -> bool:
        if not any(h.strip() for h in self.headings):
            return False  # rules for any table: used once a header is found, not to find it
        return [norm(h) for h in header if h.strip()] == [
            norm(h) for h in self.headings if h.strip()
        ]

    def status_for(self, word: str) -> str | None:
        wanted = norm(word)
        return next((code for w, code in self.statuses.items() if norm(w) == wanted), None)

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"headings": list(self.headings)}
        if self.kind:
            data["kind"] = self.kind
        data["dates"] = self.dates
        data["split_leads_on"] = list(self.split)
        if self.skip:
            data["skip_rows_starting"] = list(self.skip)
        if self.meeting:
            data["meeting"] = self.meeting
        data["columns"] = dict(self.columns)
        if self.statuses:
            data["statuses"] = dict(self.statuses)
        return data


def rules_from_data(data: dict[str, Any], where: str) -> Rules:
    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ImportProblem(f"{where}: {key} must be a list of text")
        return list(value)

    headings = strings("headings")
    columns = data.get("columns", {})
    statuses = data.get("statuses", {})
    for key, table in (("columns", columns), ("statuses", statuses)):
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ImportProblem(f"{where}: [{key}] must map text to text")
    dates = data.get("dates", DAY_FIRST)
    if dates not in ORDERS:
        raise ImportProblem(
            f"{where}: dates is {dates!r}; allowed: " + " or ".join(repr(o) for o in ORDERS)
        )
    kind = data.get("kind")
    if kind is not None and kind not in ("recommendation", "action"):
        raise ImportProblem(f"{where}: kind is {kind!r}; allowed: recommendation or action")
    split = strings("split_leads_on") if "split_leads_on" in data else list(DEFAULT_SPLIT)
    meeting = data.get("meeting")
    return Rules(
        headings,
        {str(k): str(v) for k, v in columns.items()},
        {str(k): str(v) for k, v in statuses.items()},
        kind,
        dates,
        True,
        tuple(split),
        tuple(strings("skip_rows_starting")),
        str(meeting) if meeting else None,
    )


def load_rules(text: str | None) -> list[Rules]:
    """Every table layout's rules in an `import-rules.toml`."""
    if not text:
        return []
    try:
        data = tomlkit.parse(text).unwrap()
    except Exception as error:  # tomlkit's parse errors have no common base worth naming
        raise ImportProblem(f"{RULES_FILE}: not valid TOML: {error}") from None
    tables = data.get("table", [])
    if not isinstance(tables, list):
        raise ImportProblem(f"{RULES_FILE}: [[table]] must be a list of tables")
    return [rules_from_data(t, f"{RULES_FILE}, table {n}") for n, t in enumerate(tables, 1)]


RULES_HEAD = """\
Import rules for this tracker: how `scrutui import table` reads the council's own tracker
files (as hledger keeps its CSV rules). One [[table]] per layout of headings; the next import
of a file with the same headings uses them unasked. Edit them freely: columns map a heading to
a field (or "note" to keep it word for word, "skip" to leave it out); statuses map a word to a
code of the tracker's scheme; dates are "day first" or "month first"."""


def dump_rules(all_rules: Sequence[Rules]) -> str:
    document = tomlkit.document()
    for line in RULES_HEAD.splitlines():
        document.add(tomlkit.comment(line))
    tables = tomlkit.aot()
    for rules in all_rules:
        table = tomlkit.table()
        for key, value in rules.to_data().items():
            if isinstance(value, dict):
                inner = tomlkit.table()
                for k, v in value.items():
                    inner[k] = v
                table[key] = inner
            else:
                table[key] = value
        tables.append(table)
    document["table"] = tables
    return tomlkit.dumps(document)


def keep(all_rules: list[Rules], rules: Rules) -> list[Rules]:
    """The rules with `rules` in place of any for the same headings."""
    return [r for r in all_rules if not r.matches(rules.headings)] + [rules]


def counted(words: Iterable[str]) -> list[tuple[str, int]]:
    """Words with their counts, most common first, each spelling once."""
    return Counter(words).most_common()


_LABELS = {COMPLETE: "Complete", PROGRESS: "In progress", NOT_STARTED: "No progress reported"}
_SCHEME_COLOURS = {COMPLETE: "green", PROGRESS: "amber", NOT_STARTED: "red", None: "grey"}


def scheme_from_words(words: Iterable[str]) -> StatusScheme | None:
    """A status scheme made of the status words a tracker uses, in the order of their meaning
    (not started, in progress, others, complete); None when it uses none. A one- or two-letter
    code (R, A, G) gets its meaning as its label; a word is its own label."""

    seen: dict[str, Status] = {}
    for word in words:
        code = " ".join(word.replace("*", "").split()).rstrip(".")
        if not code or norm(code) in seen or len(code) > 30:
            continue
        meaning = status_meaning(code)
        label = _LABELS[meaning] if len(code) <= 2 and meaning else code
        seen[norm(code)] = Status(
            code, label, _SCHEME_COLOURS[meaning], complete=meaning == COMPLETE
        )
    if not seen:
        return None
    rank = {NOT_STARTED: 0, PROGRESS: 1, None: 2, COMPLETE: 3}
    ordered = sorted(seen.values(), key=lambda s: rank[status_meaning(s.code)])
    return StatusScheme(tuple(ordered))


def with_statuses(scheme: StatusScheme, words: Iterable[str]) -> StatusScheme:
    """The scheme with a status for each of `words` it lacks (its code the word as written),
    placed by meaning: a complete one last, others before the first complete one."""
    statuses = list(scheme.statuses)
    for word in words:
        code = " ".join(word.replace("*", "").split())
        if not code or any(norm(code) in (norm(s.code), norm(s.label)) for s in statuses):
            continue
        meaning = status_meaning(code)
        status = Status(code, code, _SCHEME_COLOURS[meaning], complete=meaning == COMPLETE)
        at = (
            len(statuses)
            if status.complete
            else next((i for i, s in enumerate(statuses) if s.complete), len(statuses))
        )
        statuses.insert(at, status)
    return StatusScheme(tuple(statuses))


def settings_with_scheme(text: str, scheme: StatusScheme) -> str:
    """A tracker.toml's text with its [[status]] tables made `scheme`'s, the rest as it was."""
    document = tomlkit.parse(text)
    tables = tomlkit.aot()
    for row in scheme.to_data():
        table = tomlkit.table()
        for key, value in row.items():
            table[key] = value
        tables.append(table)
    document["status"] = tables
    return tomlkit.dumps(document)
