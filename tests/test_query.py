"""The filter language over real records: each term as product.md says, and the compiled
filter selecting exactly what a plain reading of every term selects."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from scrutui.domain.calendar import format_uk, parse_uk_date
from scrutui.domain.meeting import Meeting, is_stale
from scrutui.domain.query import _build_haystack, _haystack, matcher, parse_query
from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.store.workspace import load_tracker
from tests.conftest import DATA

TODAY = date(2024, 10, 15)
QUERIES = [
    "",
    "budget",
    "social value",
    "Social VALUE",
    "value social",
    "status:G",
    "status:y",
    "lead:sage",
    "lead:SAGE status:Y",
    "meeting:29/09/23",
    "item:social",
    "kind:rec",
    "kind:act",
    "overdue",
    "stale",
    "open",
    "complete",
    "open stale",
    "complete budget",
    "status:R overdue social",
    "nothing-is-called-this",
    "lead:nobody",
]


def _plainly(query_text: str, tracker: Tracker, meeting: Meeting, record: Record) -> bool:
    """Every term, read one by one as the filter's help says."""
    query = parse_query(query_text)
    terms = query.terms
    if "status" in terms and (record.status or "").lower() != terms["status"].lower():
        return False
    if "lead" in terms and not any(terms["lead"].lower() in x.lower() for x in record.leads):
        return False
    if "meeting" in terms and record.meeting != parse_uk_date(terms["meeting"]):
        return False
    if "item" in terms and terms["item"].lower() not in record.item.lower():
        return False
    if "kind" in terms and not record.kind.startswith(terms["kind"].lower()):
        return False
    checks = {
        "overdue": tracker.response_overdue(record, TODAY),
        "stale": is_stale(tracker, record, meeting),
        "archived": record.archived,
        "exempt": record.exempt,
        "open": not tracker.scheme.is_complete(record.status) and bool(record.status),
        "complete": tracker.scheme.is_complete(record.status),
    }
    if not all(checks[flag] for flag in query.flags):
        return False
    return all(word in _build_haystack(record) for word in query.words)


@pytest.fixture(scope="module")
def pcs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tracker, list[Record]]:
    folder = tmp_path_factory.mktemp("query") / "oxfordshire-pcs-tracker"
    shutil.copytree(DATA / "oxfordshire-pcs-tracker", folder)
    state = load_tracker(Path(folder))
    assert state.tracker is not None and not state.problems
    return state.tracker, list(state.records.values())


@pytest.mark.parametrize("query_text", QUERIES)
def test_the_filter_selects_exactly_the_records_every_term_selects(
    pcs: tuple[Tracker, list[Record]], query_text: str
) -> None:
    tracker, records = pcs
    meeting = Meeting.for_paper(tracker, None, TODAY)
    wanted = matcher(parse_query(query_text), tracker, meeting, TODAY)
    chosen = [r.id for r in records if wanted(r)]
    assert chosen == [r.id for r in records if _plainly(query_text, tracker, meeting, r)]


#: The queries that keep all or none of the PCS tracker's records (none is overdue or stale)
ALL_OR_NONE = {"", "overdue", "stale", "open stale", "status:R overdue social"}
ALL_OR_NONE |= {"nothing-is-called-this", "lead:nobody"}


def test_every_other_query_above_keeps_some_records_and_leaves_some_out(
    pcs: tuple[Tracker, list[Record]],
) -> None:
    """So the comparison above means something."""
    tracker, records = pcs
    meeting = Meeting.for_paper(tracker, None, TODAY)
    for query in set(QUERIES) - ALL_OR_NONE:
        kept = sum(matcher(parse_query(query), tracker, meeting, TODAY)(r) for r in records)
        assert 0 < kept < len(records), query


def test_every_word_must_be_found_and_in_any_case_or_order(
    pcs: tuple[Tracker, list[Record]],
) -> None:
    tracker, records = pcs
    meeting = Meeting.for_paper(tracker, None, TODAY)

    def ids(text: str) -> set[str]:
        wanted = matcher(parse_query(text), tracker, meeting, TODAY)
        return {r.id for r in records if wanted(r)}

    assert ids("social value") == ids("VALUE Social") == ids("social") & ids("value")
    assert ids("social value") < ids("social")


def test_a_records_haystack_is_worked_out_once_and_holds_its_texts(
    pcs: tuple[Tracker, list[Record]],
) -> None:
    _, records = pcs
    record = records[0]
    first = _haystack(record)
    assert _haystack(record) is first  # kept, by the record's identity
    assert record.id.lower() in first and record.item.lower() in first
    assert first == _build_haystack(record)


def test_days_in_month_and_the_months_names_are_the_standard_librarys() -> None:
    import calendar

    from scrutui.domain.calendar import MONTH_NAMES, days_in_month

    assert list(MONTH_NAMES) == list(calendar.month_name)[1:]
    for year in range(1900, 2201):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_format_uk_prints_each_day_the_limits_allow_as_strftime_does() -> None:
    day, last = date(1900, 1, 1), date(2200, 12, 31)
    while day <= last:
        assert format_uk(day) == day.strftime("%d/%m/%y"), day
        day += timedelta(days=1)
