"""Fuzzing the loading path: no bytes, no TOML and no data can crash it or slip through.

`make fuzz` runs these with the `fuzz` hypothesis profile (tens of thousands of examples).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutui.domain.records import DECISIONS, Record, Update
from scrutui.domain.status import PRESETS
from scrutui.domain.tracker import Tracker
from scrutui.domain.validation import validate_record
from scrutui.importers.minutes import parse_minutes
from scrutui.importers.proposal import ImportProblem
from scrutui.importers.table import parse_table
from scrutui.store.tomlfile import new_document
from scrutui.store.workspace import parse_record
from tests.conftest import DATA

TRACKER = Tracker(name="pcs", kind="committee", title="T", scheme=PRESETS["ryg"])
SAMPLE = (DATA / "oxfordshire-pcs-tracker" / "R-2023-09-29-1.toml").read_bytes()


def load(raw: bytes) -> tuple[Record | None, list[str]]:
    record, problems = parse_record(raw, "pcs/R-2023-09-29-1.toml", "R-2023-09-29-1", TRACKER)
    return record, [str(p) for p in problems]


def check(raw: bytes) -> None:
    record, problems = load(raw)
    assert (record is None) == bool(problems)
    assert all(p.startswith("pcs/R-2023-09-29-1.toml") for p in problems)


@given(st.binary(max_size=3000))
def test_any_bytes_load_as_a_record_or_as_problems_naming_the_file(raw: bytes) -> None:
    check(raw)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real record file with lines dropped, doubled, cut or spliced with junk."""
    lines = SAMPLE.split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "cut", "junk", "swap"]))
        if action == "drop" and len(lines) > 1:
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif action == "junk":
            lines[at] += draw(
                st.sampled_from(
                    [
                        b'"',
                        b'"""',
                        b"=",
                        b"[",
                        b"]]",
                        b"\\",
                        b"\x00",
                        b"\xff",
                        b"2024-02-30",
                        b"<<<<<<< HEAD",
                        b"#",
                    ]
                )
            )
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return b"\n".join(lines)


@given(mutated())
def test_a_damaged_record_file_loads_or_names_its_problems(raw: bytes) -> None:
    check(raw)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["R", "Y", "G", "recommendation", "action", *DECISIONS]),
)
VALUES = st.recursive(
    SCALARS.filter(lambda v: v is not None),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(
    [
        "kind",
        "meeting",
        "item",
        "text",
        "leads",
        "status",
        "decision",
        "updates",
        "response",
        "archived",
        "exempt",
        "completed",
        "x",
    ]
)


@given(st.dictionaries(KEYS, VALUES, max_size=10))
def test_any_data_validates_to_a_record_or_to_issues_that_describe_themselves(
    data: dict[str, Any],
) -> None:
    record, issues = validate_record("R-2023-09-29-1", data, TRACKER)
    assert (record is None) == bool(issues)
    assert all(issue.describe() for issue in issues)


TEXT = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200)
    .map(str.strip)
    .filter(bool)
)
LINE = TEXT.map(lambda t: " ".join(t.split()) or "x")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    meeting=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    item=LINE,
    text=TEXT,
    leads=st.lists(LINE, max_size=3),
    status=st.sampled_from("RYG"),
    decision=st.sampled_from([None, *DECISIONS]),
    response=st.one_of(st.just(""), TEXT),
    # a valid record's dates are plausible ones (domain/limits.py: 1900 to 2200)
    updates=st.lists(st.tuples(st.dates(date(1900, 1, 1), date(2200, 12, 31)), TEXT), max_size=3),
)
def test_every_valid_record_written_by_scrutui_reads_back_the_same(
    meeting: date,
    item: str,
    text: str,
    leads: list[str],
    status: str,
    decision: str | None,
    response: str,
    updates: list[tuple[date, str]],
) -> None:
    record = Record(
        id="R-2023-09-29-1",
        kind="recommendation",
        meeting=meeting,
        item=item,
        text=text,
        leads=tuple(leads),
        status=status,
        decision=decision,
        response=response,
        updates=tuple(Update(d, t) for d, t in updates),
    )
    back, problems = load(new_document(record.to_data()).encode())
    assert problems == [] and back == record


MINUTES_PIECES = st.sampled_from(
    [
        "MINUTES of the meeting held on Monday, 17 January 2022",
        "MINUTES of the meeting held on 31 February 2022",
        "9/21 BUDGET AND BUSINESS PLANNING (Agenda No. 5)",
        "## 10/21 **Consultation**",
        "RESOLVED -",
        "RESOLVED – That Cabinet be asked to consider the following:",
        "RESOLVED:",
        "(1) That the report be noted:",
        "(ii) that a protocol be produced and",
        "a) that",
        "- (3) That Cabinet ensure",
        "– a bullet,",
        "- ",
        "*[ACTION: Director of Finance]*",
        "[ACTION:]",
        "\\[ACTION: X\\]",
        "\\pounds 2.7m",
        "in the Chair",
        "",
        "\t",
    ]
)


@given(st.lists(st.one_of(MINUTES_PIECES, st.text(max_size=40)), max_size=40))
def test_any_minutes_text_gives_proposals_or_a_clear_problem(pieces: list[str]) -> None:
    try:
        day, proposals = parse_minutes("\n".join(pieces))
    except ImportProblem as problem:
        assert "no meeting date found" in str(problem)
        return
    for proposal in proposals:
        assert proposal.kind in ("action", "recommendation")
        assert proposal.meeting == day and proposal.item
        assert isinstance(proposal.text, str) and proposal.source.startswith("line ")


TABLE_PIECES = st.sampled_from(
    [
        "Meeting date",
        "Item",
        "Recommendation",
        "Action",
        "R/Y/G",
        "Update/response",
        "19/01/24",
        "31/02/24",
        "**Accepted**<br><br>Yes.<br><br>**Update:**<br>Done.",
        "**G** ✔",
        "\\|",
        "|",
        ",",
        '"',
        "\n",
        "| --- | --- |",
        "## Actions",
        "<table><tr><th>Item</th></tr><tr><td>x</td></tr></table>",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(TABLE_PIECES, st.text(max_size=20)), max_size=40),
    st.sampled_from(["csv", "markdown", "html"]),
)
def test_any_table_text_gives_valid_proposals_or_a_clear_problem(
    pieces: list[str], form: str
) -> None:
    try:
        proposals = parse_table("".join(pieces), TRACKER, form=form)
    except ImportProblem as problem:
        assert str(problem)
        return
    for proposal in proposals:
        record = Record(id="R-2024-01-19-1", **proposal.as_pair()[1], kind=proposal.kind)
        assert proposal.kind in ("action", "recommendation") and record.meeting
