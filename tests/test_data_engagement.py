"""The Oxford City OIEP "you said, we did" log (Cabinet, 12 July 2023) against its paper.

The seed is an HTML-ish text extraction of the published addendum. Every text in the data
folder must be found in it word for word, every list item of the paper must be in the data,
and the counts are the paper's own, counted by hand.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from scrutui.domain.records import Record
from scrutui.domain.tracker import Tracker
from scrutui.store.workspace import TrackerState, load_tracker
from tests.conftest import DATA, SEEDS
from tests.wordcheck import normalise, pieces_in, record_texts

NAME = "oxford-city-oiep-you-said-we-did-2023-07"
RAW = (SEEDS / f"{NAME}.txt").read_text(encoding="utf-8")

OCC, ODS, OXP = "Oxford City Council", "Oxford Direct Services", "Ox Place"
TITLE = (
    "OIEP Charter and Pledges Staff & Union Engagement Summary of actions "
    "(Oxford City Council, Oxford Direct Services and Ox Place)"
)
FURNITURE = (
    "Addendum: OIEP Charter & OCC Pledges Cabinet Report, Staff and Union Engagement "
    "Summary of Actions, July 23"
)

# Seed-side corrections: what the extraction added that is not the paper's text.
# (what is replaced, by what, how many times it must occur, why)
CORRECTIONS: list[tuple[str, str, int, str]] = [
    ('<ul style="list-style-type: none">', " ", 66, "list markup"),
    ("<p>", " ", 20, "paragraph markup"),
    ("</p>", " ", 20, "paragraph markup"),
    ("**", " ", 38, "bold markers around the pledges"),
    ("\n4 People\t", "\nPeople\t", 1, "page number 4 printed in the pledge-area column"),
    ("\n5\t", "\n\t", 1, "page number in the pledge-area column"),
    ("\n9\t", "\n\t", 1, "page number in the pledge-area column"),
    ("\n7\t", "\n\t", 1, "page number in the pledge-area column"),
    ("\n∞\t", "\n\t", 1, "page number (an 8) in the pledge-area column"),
    (" ↘ ↘\t", "\t", 1, "arrow glyphs after the Ox Place 'Support local and social economy'"),
]
# The addendum line heads the summary once (the subtitle), then repeats at the top of each
# page as page furniture: every repeat after the title is removed.
FURNITURE_REPEATS = 9


def corrected_seed() -> str:
    text = RAW
    for old, new, count, why in CORRECTIONS:
        assert text.count(old) == count, (old, why)
        text = text.replace(old, new)
    head, title, tail = text.partition(TITLE)
    assert tail.count(FURNITURE) == FURNITURE_REPEATS
    return head + title + tail.replace(FURNITURE, " ")


SEED = normalise(corrected_seed())

# Texts split by a page break: the number of pieces they are found in, and why.
SPLIT: dict[tuple[str, str], int] = {
    # "... Are there any directories of" ends page 5's comments column; the words
    # "local suppliers and the goods and services they offer?" open the next page,
    # after the rest of the row's answers.
    ("E-7", "said[3]"): 2,
}


@pytest.fixture(scope="module")
def state() -> TrackerState:
    return load_tracker(DATA / NAME)


@pytest.fixture(scope="module")
def tracker(state: TrackerState) -> Tracker:
    assert state.tracker is not None
    return state.tracker


@pytest.fixture(scope="module")
def records(state: TrackerState) -> list[Record]:
    return sorted(state.records.values(), key=lambda r: int(r.id.split("-")[1]))


def shown(answer_type: str | None, text: str) -> str:
    """An answer as the paper prints it: its type, a colon, then its text."""
    return f"{answer_type}: {text}" if answer_type else text


def test_the_tracker_loads_with_no_problems(state: TrackerState) -> None:
    assert state.problems == [] and state.broken == set()
    assert state.tracker is not None and state.tracker.kind == "engagement"


def test_the_records_are_numbered_one_to_twenty_six_with_nothing_missing(
    records: list[Record],
) -> None:
    assert [r.id for r in records] == [f"E-{n}" for n in range(1, 27)]


def test_the_paper_has_these_many_records_comments_and_answers_per_organisation(
    records: list[Record],
) -> None:
    counts = {
        org: (
            sum(1 for r in records if r.organisation == org),
            sum(len(r.said) for r in records if r.organisation == org),
            sum(len(r.answers) for r in records if r.organisation == org),
        )
        for org in (OCC, ODS, OXP)
    }
    assert counts == {OCC: (18, 75, 77), ODS: (5, 16, 16), OXP: (3, 10, 10)}
    assert all(r.organisation in (OCC, ODS, OXP) for r in records)


def test_the_records_are_in_these_pledge_areas_in_paper_order(records: list[Record]) -> None:
    areas = [(r.organisation, r.area) for r in records]
    assert areas == (
        [(OCC, "People")] * 6
        + [(OCC, "Procurement")] * 5
        + [(OCC, "Oxford Living Wage")]
        + [(OCC, "Community Services")] * 6
        + [
            (ODS, "Support local and Social Economy"),
            (ODS, "Offer Opportunities into work"),
            (ODS, "Recruit inclusively"),
            (ODS, "Improve training and educational attainment"),
            (ODS, "Sharing resources, skills and assets"),
            (OXP, "Support local and social economy"),
            (OXP, "Improve training and educational attainment"),
            (OXP, "Sharing resources, skills and assets"),
        ]
    )


def test_the_topics_are_the_paper_s_row_headings(records: list[Record]) -> None:
    assert [r.topic for r in records] == [
        "Work experience/Apprenticeships",
        "Flexibility",
        "Pledge 4",
        "Recruitment",
        "Accreditations",
        "Culture",
        "Suppliers",
        "Match my Project",
        "Resident/Local Engagement:",
        "Measurement",
        "Cross Service Collaboration",
        "",
        "Volunteering:",
        "Community centres",
        "Funding",
        "Measurement/prioritisation",
        "Communication",
        "Food Network",
        *[""] * 8,
    ]


def test_each_organisation_has_these_many_pledge_areas_and_pledges(tracker: Tracker) -> None:
    counts = {
        org: (
            sum(1 for a in tracker.areas if a.organisation == org),
            sum(len(a.pledges) for a in tracker.areas if a.organisation == org),
        )
        for org in (OCC, ODS, OXP)
    }
    assert counts == {OCC: (4, 13), ODS: (4, 13), OXP: (3, 7)}
    assert [len(a.pledges) for a in tracker.areas] == [5, 4, 3, 1, 5, 4, 3, 1, 5, 1, 1]
    assert [a.name for a in tracker.areas][:8] == [
        "OCC-People",
        "OCC-Procurement",
        "OCC-Community Services",
        "OCC-OLW",
    ] * 2


def test_every_record_text_is_in_the_paper_word_for_word(records: list[Record]) -> None:
    for record in records:
        for field, text in record_texts(record):
            pieces = pieces_in(normalise(text), SEED)
            assert pieces is not None, (record.id, field, text)
            expected = SPLIT.get((record.id, field), 1)
            assert len(pieces) == expected, (record.id, field, pieces)
            if expected == 1:
                assert pieces == [normalise(text)]


def test_every_split_text_is_still_split_so_the_list_of_exceptions_stays_true(
    records: list[Record],
) -> None:
    by_id = {r.id: r for r in records}
    for (record_id, field), count in SPLIT.items():
        text = dict(record_texts(by_id[record_id]))[field]
        assert len(pieces_in(normalise(text), SEED) or []) == count > 1


def test_every_answer_is_in_the_paper_with_its_type_as_printed(records: list[Record]) -> None:
    for record in records:
        for answer in record.answers:
            text = normalise(shown(answer.type, answer.text))
            assert pieces_in(text, SEED) == [text], (record.id, text)


def test_the_tracker_s_own_texts_and_every_pledge_are_in_the_paper_word_for_word(
    tracker: Tracker,
) -> None:
    texts = [tracker.title, tracker.subtitle, tracker.council]
    texts += tracker.explanation.split("\n\n")
    for area in tracker.areas:
        texts += [area.organisation, area.name, *area.pledges]
    for text in texts:
        assert pieces_in(normalise(text), SEED) == [normalise(text)], text


def test_the_explanation_is_the_four_introductory_paragraphs(tracker: Tracker) -> None:
    paragraphs = tracker.explanation.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0] == (
        "The following addendum to the Cabinet Report is a summary of the feedback taken from "
        "staff and the unions in relations to the Charter Pledge commitments of Oxford City "
        "Council, Oxford Direct Services and Ox Place."
    )
    assert paragraphs[3].endswith(
        "A separate set of recommendations was also made by Scrutiny Committee which have "
        "been responded to."
    )
    assert tracker.title == TITLE and tracker.subtitle == FURNITURE


def test_the_records_keep_the_paper_s_order(records: list[Record]) -> None:
    """Comments, and answers, taken record by record, come in the paper's order."""
    for texts in (
        [s for r in records for s in r.said],
        [shown(a.type, a.text) for r in records for a in r.answers],
    ):
        position = 0
        for text in texts:
            pieces = pieces_in(normalise(text), SEED[position:])
            assert pieces, text
            position = SEED.find(pieces[0], position) + len(pieces[0])


def test_spot_checks_of_the_longest_comments_and_the_answers_about_the_living_wage(
    records: list[Record],
) -> None:
    by_id = {r.id: r for r in records}
    assert by_id["E-24"].said[4] == (
        "Ox Place developments seem to be well catered for with public transport. I wonder if "
        "OX Place would be interested in Match My Project to look to provide transport in other "
        "areas where public transport is lacking"
    )
    assert by_id["E-6"].said[3] == (
        "Speaking up is still a tentative culture change, passé partout training has raised the "
        "question what is it the council is seeking from challenges and speaking up? Hierarchy "
        "is still a large barrier"
    )
    assert by_id["E-7"].said[2] == (
        'How do we find out who is "out there" from a local supplier perspective? Are there any '
        "directories of local suppliers and the goods and services they offer?"
    )
    assert by_id["E-13"].said[8] == (
        "The Arch volunteer opportunity seems very good. Good this be more widely promoted "
        "within OCC? i.e., links and explanation of how this would marry with our working hours."
    )
    assert by_id["E-2"].said[1] == (
        "Should we be seeking to extend our housing advice to employees (Where derivation is "
        "the cause of housing issues)"
    )
    olw = by_id["E-12"]
    assert olw.said == ("How is OLW Calculated?", "If OLW is based on London; who sets London LW?")
    assert [(a.type, a.text, a.team) for a in olw.answers] == [
        (
            "Q&A",
            "OLW Campaign's method of calculating the annual rate is: 90% of national real "
            "living wage as reviewed annually",
            "",
        ),
        ("Q&A", "Real Living Wage Foundation set the annual London RLW rate", ""),
    ]
    assert [(a.type, a.text, a.team) for a in by_id["E-1"].answers[:3]] == [
        (None, "Comment only, feedback to People Team", "People Team"),
        (None, "Suggestion shared with People Team", "People Team"),
        (None, "People Team to clarify", "People Team"),
    ]
    assert by_id["E-25"].answers[0].text == (
        "Encourage people to support the community groups we provide grants to "
        "https://www.oxford.gov.uk/info/20044/grants/1496/oxford_community_impact_fund/11"
    )


def test_the_answers_have_these_many_of_each_type(records: list[Record]) -> None:
    types = Counter(a.type for r in records for a in r.answers)
    assert types == {
        "Comment": 36,
        "Q&A": 31,
        None: 20,
        "Suggestion": 10,
        "Suggestion/Action": 4,
        "Action": 2,
    }


# The team rule: an answer's team is the council, company or partnership team it refers the
# point to, or says will (or did) act: "feedback to X", "X to consider", "shared with X",
# "seek advice from X". One name per team: the form the paper uses most.
TEAM_WORDS = {
    "People Team": ("People Team", "People to respond"),
    "Procurement Team": ("Procurement Team", "procurement Team", "Procurement"),
    "Communities": ("Communities", "communities"),
    "CMT": ("CMT",),
    "L&D Team": ("L&D Team",),
    "Communications Team": ("Communications Team",),
    "ODS": ("ODS",),
    "Ox Place": ("Ox Place",),
    "OIEP Social Value and Procurement Working Group": (
        "OIEP Social Value and Procurement Working Group",
    ),
    "Match my Project service leads": ("Match my Project service leads",),
}
# Answers that name a team or group but are for none: the team is only where existing advice
# or a strategy comes from, the group is not one team, or the bodies are outside the council.
NO_TEAM = {
    "Volunteering days can be used outside of Oxford, OCVA and Team Oxford can provide more "
    "information or employees can set up on their own",
    "Housing Team advice open to all Oxford City Residents, see OCC website for cost of living",
    "Please see criteria/definition for 'local supplier' used by Procurement Team in its strategy",
    "service leads to consider pledge outcomes/prioritisation as part of wider service delivery "
    "priorities",
    "Comment only for all service and organisation leads to consider re: details of pledges and "
    "delivery",
}


def test_every_answer_s_team_is_named_in_its_text_and_every_named_team_is_recorded(
    records: list[Record],
) -> None:
    answers = [a for r in records for a in r.answers]
    for answer in answers:
        if answer.team:
            assert any(w in answer.text for w in TEAM_WORDS[answer.team]), answer
        elif answer.text not in NO_TEAM:
            named = [t for t, words in TEAM_WORDS.items() if any(w in answer.text for w in words)]
            assert not named and " Team" not in answer.text, answer
    assert all(any(a.text == text and not a.team for a in answers) for text in NO_TEAM)
    assert Counter(a.team for a in answers) == {
        "": 40,
        "People Team": 18,
        "Communities": 13,
        "Procurement Team": 11,
        "ODS": 9,
        "CMT": 5,
        "Ox Place": 3,
        "L&D Team": 1,
        "Communications Team": 1,
        "Match my Project service leads": 1,
        "OIEP Social Value and Procurement Working Group": 1,
    }


def seed_list_items() -> list[str]:
    """Every "○" item of the seed: its text up to the next item, column or markup."""
    items = []
    for line in RAW.splitlines():
        for chunk in line.split("○")[1:]:
            items.append(normalise(re.split(r"[\t<]", chunk)[0]))
    return items


def test_nothing_was_dropped_every_list_item_of_the_paper_is_in_the_data(
    records: list[Record], tracker: Tracker
) -> None:
    data = [s for r in records for s in r.said]
    data += [shown(a.type, a.text) for r in records for a in r.answers]
    # ODS prints its pledges, and Ox Place its first, as "○" items; the rest are bold bullets.
    data += [p for a in tracker.areas if a.organisation == ODS for p in a.pledges]
    data += [tracker.areas[8].pledges[0]]
    # Exception: the one comment split by a page break is only its first part in "○" form.
    joined = {
        'How do we find out who is "out there" from a local supplier perspective? Are there any '
        "directories of local suppliers and the goods and services they offer?": (
            'How do we find out who is "out there" from a local supplier perspective? Are there '
            "any directories of"
        )
    }
    expected = Counter(normalise(joined.get(text, text)) for text in data)
    found = Counter(seed_list_items())
    assert sum(found.values()) == 218
    assert found == expected


def test_every_bold_pledge_and_ox_place_area_line_of_the_paper_is_in_the_tracker(
    tracker: Tracker,
) -> None:
    bold = re.findall(r"(?m)^ ?- \*\*(.*)\*\*$", RAW)
    heads = re.findall(r"(?m)^- (Ox Place-.*)$", RAW)
    pledges = [p for a in tracker.areas for p in a.pledges]
    ods = [p for a in tracker.areas if a.organisation == ODS for p in a.pledges]
    assert Counter(bold) == Counter(pledges) - Counter(ods) - Counter([pledges[26]])
    assert heads == [a.name for a in tracker.areas[9:]]
