"""The Oxfordshire PCS trackers in data/: every text word for word as the seed papers print it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from scrutui.cli import main
from scrutui.domain.records import Record
from scrutui.store.workspace import TrackerState, load_tracker, load_workspace
from tests.conftest import DATA, SEEDS
from tests.wordcheck import normalise, pieces_in, record_texts

PCS = "oxfordshire-pcs-tracker"
MINUTES = "oxfordshire-pcs-minutes-2022-01-17"
APR, OCT, JAN = date(2024, 4, 11), date(2024, 10, 15), date(2024, 1, 19)


def corrected(name: str, fixes: list[tuple[str, str]]) -> str:
    """A seed with its corrections applied; each correction must still find what it fixes."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    for old, new in fixes:
        assert old in text, f"{name}: correction no longer applies: {old!r}"
        text = text.replace(old, new)
    return text


EXTRACT_1_HEADER = (
    "Meeting date\tItem\tRecommendation\tLead\tLast reviewed\tR/Y /G\tUpdate/response"
)
EXTRACT_1_FIXES = [
    # Page furniture repeated at every page break, splitting the Update/response cells: the
    # KEY line (clean and OCR-garbled), the scanner's noise lines and the table header.
    ("KEY\tNo progress reported (R)\tIn progress (Y)\tComplete (G)", ""),
    ("KEY\tNo progress reported (R)\tIn progress (Y)\tComplete (C)", ""),
    ("VEV\tMa pregress reported (D)\tIn progress (V)\tComplete (C)", ""),
    ("N⊑ ĭ\tNo progress reported (K)\tin progress (1)\tComplete (G)", ""),
    ("IXL I\tNo progress reported (N)\tiii piogress (1)\tComplete (G)", ""),
    ("\t\t6.09.000 (.)\t", ""),
    ("\t\t6.09.000 (1)\t", ""),
    (EXTRACT_1_HEADER, ""),
    ("Meeting date\tItem\tAction\tLead\tLast reviewed\tR/Y/ G\tUpdate/response", ""),
    # OCR: a Greek capital upsilon read for the status Y (R-2023-09-29-1 and -2)
    ("\tΥ\t", "\tY\t"),
]

EXTRACT_2_HEADER = (
    "Meeting \ndate \n\nItem Recommendation Lead \nLast \n\nreviewed \nR/Y\n/G \n\nUpdate/response "
)
EXTRACT_2_FIXES = [
    # Page furniture: the KEY line (under the explanation, and again at the page break inside
    # R-2024-01-19-4's response) and the table header (at the top, and after that page break).
    ("KEY No progress reported (R) In progress (Y) Complete (G) ", ""),
    (EXTRACT_2_HEADER, ""),
    # Words broken at a line end after their own hyphen, rejoined (the hyphen is kept).
    ("omni-\nchannel", "omni-channel"),  # R-2024-01-19-3 response
    ("complaints-\nhandling", "complaints-handling"),  # R-2024-01-19-5 text
    ("socio-\neconomically", "socio-economically"),  # R-2024-01-19-6 response
]

MINUTES_FIXES = [
    # Conversion error: a TeX escape for the pound sign (A-2022-01-17-2)
    ("\\pounds 2.7m", "£2.7m"),
]

SEED_TEXT = {
    PCS: [
        normalise(corrected("oxfordshire-pcs-tracker-extract-1.txt", EXTRACT_1_FIXES)),
        normalise(corrected("oxfordshire-pcs-tracker-extract-2.txt", EXTRACT_2_FIXES)),
    ],
    MINUTES: [normalise(corrected("oxfordshire-pcs-agenda-pack-2022-03-11.txt", MINUTES_FIXES))],
}

# Texts found in the seed only in several pieces: (tracker, record, field) -> pieces. After the
# furniture above is removed no cell of either paper is split, so nothing is listed; a text that
# comes out in pieces is a transcription error until it is listed here with its reason.
SPLIT: dict[tuple[str, str, str], int] = {}


def state(name: str) -> TrackerState:
    return load_tracker(DATA / name)


STATES = {name: state(name) for name in (PCS, MINUTES)}
TEXTS = [
    pytest.param(name, record, field, text, id=f"{record.id}-{field}")
    for name, tracker in STATES.items()
    for record in tracker.sorted_records()
    for field, text in record_texts(record)
]


def records(name: str) -> dict[str, Record]:
    return STATES[name].records


def test_both_trackers_load_with_no_problems() -> None:
    workspace = load_workspace(DATA)
    for name in (PCS, MINUTES):
        tracker = workspace.trackers[name]
        assert tracker.tracker is not None and tracker.problems == [] and not tracker.broken


def test_scrutui_validate_reports_no_problems_for_the_data_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(DATA)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.rstrip().endswith(", 0 problems")


def test_the_pcs_tracker_holds_ten_recommendations_and_one_action() -> None:
    assert sorted(records(PCS)) == [
        "A-2023-09-29-1",
        "R-2023-04-28-1",
        "R-2023-07-21-1",
        "R-2023-09-29-1",
        "R-2023-09-29-2",
        *(f"R-2024-01-19-{n}" for n in range(1, 7)),
    ]
    kinds = [r.kind for r in records(PCS).values()]
    assert kinds.count("recommendation") == 10 and kinds.count("action") == 1


def test_the_minutes_give_three_actions_and_four_recommendations() -> None:
    assert sorted(records(MINUTES)) == [
        "A-2022-01-17-1",
        "A-2022-01-17-2",
        "A-2022-01-17-3",
        "R-2022-01-17-1",
        "R-2022-01-17-2",
        "R-2022-01-17-3",
        "R-2022-01-17-4",
    ]


def test_the_tracker_settings_are_the_papers_header() -> None:
    pcs, minutes = STATES[PCS].tracker, STATES[MINUTES].tracker
    assert pcs is not None and minutes is not None
    assert (pcs.committee, pcs.council, pcs.chair) == (
        "Performance & Corporate Services Overview & Scrutiny Committee",
        "Oxfordshire County Council",
        "Councillor Eddie Reeves",
    )
    assert (pcs.officer, pcs.officer_role, pcs.officer_email) == (
        "Tom Hudson",
        "Principal Scrutiny Officer",
        "tom.hudson@oxfordshire.gov.uk",
    )
    assert (minutes.officer, minutes.officer_role, minutes.officer_email) == (
        "Khalid Ahmed",
        "Scrutiny Officer",
        "khalid.ahmed@oxfordshire.gov.uk",
    )
    assert pcs.meetings == (date(2023, 4, 28), date(2023, 7, 21), date(2023, 9, 29), JAN)
    assert minutes.meetings == (date(2022, 1, 17), date(2022, 3, 11), date(2022, 6, 17))
    for tracker in (pcs, minutes):
        assert tracker.title == "Action and Recommendation Tracker"
        assert tracker.response_period == "2 months"
        assert normalise(tracker.scheme.key_line()) == (
            "No progress reported (R) In progress (Y) Complete (G)"
        )
        assert tracker.explanation == pcs.explanation
        for seed in SEED_TEXT[PCS]:
            assert pieces_in(normalise(tracker.explanation), seed) == [tracker.explanation]


CX = ("Cllr Neil Fawcett", "Tom Parsons")
CX_ITEM = "Draft Customer Experience Strategy"
SV = ("Melissa Sage",)

# id: meeting, item, leads, last reviewed, status, decision, number of updates
PCS_ROWS = {
    "R-2023-04-28-1": (
        date(2023, 4, 28),
        "Consultation and Engagement Strategy",
        ("Susannah Wintersgill",),
        APR,
        "Y",
        "Partially Accepted",
        1,
    ),
    "R-2023-07-21-1": (
        date(2023, 7, 21),
        "Workforce Strategy",
        ("Cherie Cuthbertson",),
        APR,
        "Y",
        "Accepted",
        1,
    ),
    "R-2023-09-29-1": (date(2023, 9, 29), "Social Value", SV, APR, "Y", "Partially Accepted", 1),
    # printed with no date, item or lead: the same as the row above
    "R-2023-09-29-2": (date(2023, 9, 29), "Social Value", SV, APR, "Y", "Accepted", 1),
    # lead and last reviewed printed on the first row only (merged cells)
    "R-2024-01-19-1": (JAN, CX_ITEM, CX, OCT, "G", "Partially Accepted", 0),
    "R-2024-01-19-2": (JAN, CX_ITEM, CX, OCT, "G", "Accepted", 0),
    "R-2024-01-19-3": (JAN, CX_ITEM, CX, OCT, "G", "Accepted", 0),
    "R-2024-01-19-4": (JAN, CX_ITEM, CX, OCT, "G", "Partially Accepted", 0),
    "R-2024-01-19-5": (JAN, CX_ITEM, CX, OCT, "G", "Accepted", 0),
    "R-2024-01-19-6": (JAN, CX_ITEM, CX, OCT, "G", "Accepted", 0),
    "A-2023-09-29-1": (date(2023, 9, 29), "Social Value", SV, APR, "Y", None, 1),
}


@pytest.mark.parametrize("record_id", list(PCS_ROWS))
def test_each_pcs_record_holds_its_rows_date_item_lead_review_status_and_decision(
    record_id: str,
) -> None:
    r = records(PCS)[record_id]
    found = (r.meeting, r.item, r.leads, r.last_reviewed, r.status, r.decision, len(r.updates))
    assert found == PCS_ROWS[record_id]
    # the paper dates an update only by the record's last review, and no completion date
    assert all(u.date == r.last_reviewed for u in r.updates)
    assert r.completed is None
    assert (r.kind == "recommendation") == bool(r.response)


BUDGET = (
    "Budget and Business Planning 2022/23: Capital and Investment Strategies: Strategic Plan - "
    "Proposed Priorities and Objectives: Budget Consultation Findings"
)
CONSULT = "Consultation and Engagement Strategy 2022 - 2025"
DIRECTOR = "Corporate Director Customers, Organisational Development and Resources"

# id: item, leads (the minutes name an owner for actions only)
MINUTES_ROWS = {
    "R-2022-01-17-1": (BUDGET, ()),
    "R-2022-01-17-2": (CONSULT, ()),
    "R-2022-01-17-3": (CONSULT, ()),
    "R-2022-01-17-4": (CONSULT, ()),
    "A-2022-01-17-1": (BUDGET, (DIRECTOR,)),
    "A-2022-01-17-2": (BUDGET, ("Director of Finance",)),
    "A-2022-01-17-3": (BUDGET, ("Director of Finance",)),
}


@pytest.mark.parametrize("record_id", list(MINUTES_ROWS))
def test_each_minuted_record_is_new_with_its_minutes_heading_and_named_owner(
    record_id: str,
) -> None:
    r = records(MINUTES)[record_id]
    assert (r.item, r.leads) == MINUTES_ROWS[record_id]
    assert r.meeting == date(2022, 1, 17) and r.status == "R"
    assert r.decision is None and not r.response and not r.updates and r.last_reviewed is None


@pytest.mark.parametrize(("tracker", "record", "field", "text"), TEXTS)
def test_every_record_text_is_in_its_seed_word_for_word(
    tracker: str, record: Record, field: str, text: str
) -> None:
    wanted = normalise(text)
    seeds = SEED_TEXT[tracker]
    if tracker == MINUTES and field == "item":
        # A tracker prints the minute's heading ("9/21 BUDGET AND ...") in title case: compare
        # the item without regard to case.
        wanted, seeds = wanted.casefold(), [s.casefold() for s in seeds]
    found = [p for p in (pieces_in(wanted, s) for s in seeds) if p is not None]
    assert found, f"{record.id} {field}: not in the seed"
    best = min(found, key=len)
    expected = SPLIT.get((tracker, record.id, field), 1)
    assert len(best) == expected, best
    if expected == 1:
        assert best == [wanted]


def test_the_customer_experience_responses_are_exactly_as_printed() -> None:
    responses = {i: r.response for i, r in records(PCS).items() if i.startswith("R-2024-01-19")}
    assert responses == {
        "R-2024-01-19-1": (
            "When carrying out the internal engagement for this strategy (November 2023 to "
            "January 2024) we engaged over 250 employees to review the term ‘customer’ and have "
            "reflected responses in a word cloud infographic in the strategy (page 8) exploring "
            "all the terms we use to describe the people we serve.\n\n"
            "The final definition shared in the strategy (page 9) defines customer as “any "
            "individual, group or organisation that interacts with or receives assistance, "
            "support or guidance from the council”. This broad definition covers everyone, "
            "including those in receipt of services paid for by the public.\n\n"
            "A recent intranet article, posted on the 14th of August, covering the customer "
            "experience strategy outlined the range of customers that the council has from "
            "residents to road users and business’s which showcased the broad scope of the "
            "definition.\n\n"
            "We plan to discuss this further internally to finalise a definition for the council."
        ),
        "R-2024-01-19-2": (
            "Within the strategy (page 7) we have reflected on the increased demand for services "
            "with the limited budget available. This requires a shift in approach towards "
            "customers self-serving where appropriate which will direct the council to focus on "
            "more complex cases that require further support. This reduction in overall demand "
            "through a greater use of self-service will ensure we can deliver consistent "
            "customer service within finance limitations.\n\n"
            "We have included a graphic, also on page 7, which outlines how the council will "
            "reduce overall demand such as better early intervention, signposting and greater "
            "use of partners. This will help those who read the strategy understand the "
            "measures the council are taking to meet the challenges currently faced.\n\n"
            "Separate to the strategy the consultation and engagement team have created budget "
            "simulator exercises which have enabled customers to try and set their own council "
            "budgets. They have also used this tool to engage young people in conversations "
            "around public finance.\n\n"
            "A budget for 24/25 was simulated by 1300 people including 88 secondary school "
            "children. There were also 140 online feedback forms submitted. For the 25/26 "
            "budget, there have been over 1000 submissions using the budget simulator tool."
        ),
        "R-2024-01-19-3": (
            "We have identified this internally as an issue and have recently launched our "
            "Oxfordshire Councils Charter with the districts, towns and parishes. This framework "
            "will support further conversations on improving customer experience across "
            "Oxfordshire.\n\n"
            "As part of the customer experience action plan, we are working with OCC "
            "communications team and partners to improve understanding around the services "
            "that the council and our partners offer through social media/resident "
            "engagement.\n\n"
            "Finally, an upgrade to our telephony system to an omni-channel approach (phone, "
            "email, WhatsApp etc) in November has the possibility to improve auto-redirection "
            "of customers to the appropriate service. A further update on this functionality "
            "can be provided when the new system is live."
        ),
        "R-2024-01-19-4": (
            "Since going live with the strategy, we have met with individual directorates "
            "including Environment and Place which use a large number of subcontractors to "
            "promote the principles.\n\n"
            "We have a communications plan for the strategy internally which includes all "
            "service areas and this will allow us to embed the principles to all colleagues and "
            "subcontractors.\n\n"
            "We may explore adding information on the customer experience strategy to our "
            "subcontractor’s induction period but this will be a wider piece of work."
        ),
        "R-2024-01-19-5": (
            "Following feedback from this scrutiny committee we added a fifth principle to our "
            "strategy around learning from feedback. We have a dedicated improving the customer "
            "experience project to review and unify the complaints process and system which is "
            "currently live. An update on the new process/system will be shared once "
            "available.\n\n"
            "Regular updates around corporate complaints are currently shared through the "
            "business management and monitoring report."
        ),
        "R-2024-01-19-6": (
            "When engaging for the strategy respondents were from a range of places across the "
            "county. The 3 postcode areas we received most feedback from, were: OX16 - Banbury "
            "area (22%), OX4 - East Oxford area, including Cowley, Blackbird Leys, Rose Hill "
            "(19%), and OX28 – Witney area (9%), which coincide with where we carried out in "
            "person engagement. (The engagement report for the strategy has a postcode map.) "
            "These areas include some of our most deprived wards in the county.\n\n"
            "We have committed to doing more in our action plan including\n"
            "- Engaging in comprehensive research that encompasses a wide range of "
            "demographics, including age, gender, ethnicity, socioeconomic status, and "
            "abilities when designing our services\n"
            "- Partner with local organisations, community leaders, and advocacy groups to "
            "leverage their insights which will provide context and help bridge gaps\n"
            "- Invest in multilingual support and translation software, clear signage, and "
            "accessible technology\n\n"
            "We are working with the co production lead in the council to engage with seldom "
            "heard groups including English not as a first language and socio-economically "
            "disadvantaged groups when designing future customer-experience processes.\n\n"
            "In the action plan we committed to creating user profiles for training and "
            "designing process around our customers. A further update on progress will be "
            "provided at the end of year 1 of the strategy."
        ),
    }


def test_the_active_travel_recommendation_keeps_its_bullets_as_list_lines() -> None:
    text = records(MINUTES)["R-2022-01-17-4"].text
    lead, *bullets = text.split("\n")
    assert lead == (
        "that, as an addendum to an indicative protocol, a specific, detailed strategy be drawn "
        "up to include Active Travel schemes, given their effect on local areas. Such a "
        "strategy should include consideration of:"
    )
    assert len(bullets) == 8 and all(b.startswith("- ") for b in bullets)
    assert bullets[0] == (
        "- the capacity of the Council to deliver representative polling in line with the "
        "British Polling Council standards, as set out in the updated Department for Transport "
        "Network Management Duty Guidance,"
    )
    assert bullets[-1] == (
        "- how best to engage with local councillors, bearing in mind their specific knowledge "
        "of a local area."
    )


# What the tracker table prints around the texts, besides them: the cells that are not texts
# (dates dd/mm/yy, leads, R/Y/G, decisions), the "Update:" labels and the table's heading.
def cell_marks(rs: list[Record]) -> set[str]:
    marks = {"Update:", "Recommendations:"}
    for r in rs:
        marks |= {r.item, "; ".join(r.leads), r.status or "", r.decision or ""}
        marks |= {d.strftime("%d/%m/%y") for d in (r.meeting, r.last_reviewed) if d}
    return marks - {""}


# Sentences of the extract-2 body held by no record field, and why. None: the explanation
# paragraph is the tracker's own `explanation`, and everything else is a record's text.
NOT_IN_A_RECORD: dict[str, str] = {}


def test_every_sentence_of_the_tracker_body_is_in_some_record_field() -> None:
    pcs = STATES[PCS]
    assert pcs.tracker is not None
    rs = pcs.sorted_records()
    fields = [normalise(t) for r in rs for _, t in record_texts(r)]
    fields.append(normalise(pcs.tracker.explanation))
    body = SEED_TEXT[PCS][1]  # extract-2, furniture removed, words rejoined
    marks = sorted(cell_marks(rs), key=len, reverse=True)
    split_at = re.compile(
        "(" + "|".join(rf"(?<!\S){re.escape(normalise(m))}(?!\S)" for m in marks) + ")"
    )
    parts = split_at.split(body)  # text between marks at even places, the marks at odd ones
    sentences = [
        sentence
        for fragment in parts[::2]
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(“‘])", fragment.strip())
        if sentence
    ]
    missing = [s for s in sentences if s not in NOT_IN_A_RECORD and not any(s in f for f in fields)]
    assert missing == []
    # the split saw the whole body, from the explanation to the action's update
    assert sentences[0].startswith("The action and recommendation tracker enables")
    assert sentences[-1] == (
        "However, it is still being worked on, though it is likely to require greater use of "
        "assumptions than previously envisaged."
    )
