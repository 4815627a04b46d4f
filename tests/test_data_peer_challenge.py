"""The Oxford City Council peer-challenge action plan (October 2024) transcribed word for word.

Every text in `data/oxford-city-peer-challenge-2024/` is compared with the seed paper
`tests/seeds/oxford-city-peer-challenge-action-plan-2024-10.txt` after the corrections listed
in SEED_CORRECTIONS (page furniture, extraction and OCR errors), and every sentence of the
paper is looked for in the records.
"""

from __future__ import annotations

import re
from functools import cache

from scrutui.domain.records import Record
from scrutui.store.workspace import TrackerState, load_tracker, load_workspace
from tests.conftest import DATA, SEEDS
from tests.wordcheck import normalise, pieces_in, record_texts

TRACKER = DATA / "oxford-city-peer-challenge-2024"
SEED = SEEDS / "oxford-city-peer-challenge-action-plan-2024-10.txt"

# (what the seed holds, what the paper says, how many times the seed holds it, why).
# Applied to the seed before any comparison; each must be found exactly `times` times.
SEED_CORRECTIONS: list[tuple[str, str, int, str]] = [
    # Page furniture
    ("AA DEGIGNI GULDED GUTAGNEG\t\t\t\n", "", 1, "OCR noise: a ghost of the table heading"),
    (
        "The Leader\n\nCO-DESIGN SHARED OUTCOMES\t\t\tOctober 2024 & final update\n",
        "The Leader\n",
        1,
        "table header repeated after a page break, inside the OxLEP row",
    ),
    (
        "CO-DESIGN SHARED OUTCOMES\tOctober 2024 & final update\n",
        "",
        1,
        "table header repeated after the page break inside the co-location row",
    ),
    (
        "HYBRID WORKING/ IT INFRASTRUCTURE\t\tOctober 2024 & Final Update\n",
        "",
        1,
        "table header repeated after a page break (the first one has three tabs)",
    ),
    (
        "improved further.\n\nTHE OXFORD MODEL\t\t\tOctober 2024 & final update\n",
        "improved further.\n",
        1,
        "table header repeated after the page break inside the company-governance row",
    ),
    ("This page is intentionally left blank", "", 1, "the blank back page"),
    ("full Cabinet\t\t\u00b7\n", "full Cabinet\n", 1, "a stray middle dot in an empty cell"),
    (
        "Our progress\t3\n",
        "Our progress\n",
        1,
        "contents page number",
    ),
    # Extraction and OCR errors
    ("REGENERATIO\tN", "REGENERATION", 1, "heading split by the extraction"),
    ("\u092a\u094d\u0930\u0947 dertake", "Undertake", 1, "OCR read 'Un' as Devanagari"),
    ("Psevelop", "Develop", 1, "OCR read 'De' as 'Ps'"),
    ("*Council Strategy*", "Council Strategy", 2, "italics marked up by the extraction"),
    (
        "subgroup. Complete Ice Creates",
        "subgroup.\tComplete\tIce Creates",
        1,
        "column breaks lost by the extraction (status and update cells run together)",
    ),
    (
        "opportunities\tComplete Engagement was",
        "opportunities\tComplete\tEngagement was",
        1,
        "column break lost by the extraction (status and update cells run together)",
    ),
    # Our punctuation
    (
        "Peer Challenge The Council's",
        "Peer Challenge: The Council's",
        1,
        "the title's two printed lines joined with a colon",
    ),
]
# The contents list's page numbers, after each "Recommendation N: title".
CONTENTS_PAGE_NUMBER = re.compile(r"(?m)^(Recommendation \d+: [^\t\n]+)\t\d+$")


@cache
def corrected_seed() -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new, times, why in SEED_CORRECTIONS:
        assert text.count(old) == times, f"{why}: {old!r} found {text.count(old)} times"
        text = text.replace(old, new)
    text, contents = CONTENTS_PAGE_NUMBER.subn(r"\1", text)
    assert contents == 10
    return text


@cache
def seed() -> str:
    return normalise(corrected_seed())


@cache
def state() -> TrackerState:
    return load_tracker(TRACKER)


def records(kind: str) -> list[Record]:
    return [r for r in state().sorted_records() if r.kind == kind]


def test_the_tracker_loads_with_no_problems() -> None:
    assert state().problems == []
    assert state().broken == set()
    assert state().tracker is not None
    assert load_workspace(DATA).trackers[TRACKER.name].problems == []


def test_the_tracker_settings_are_the_papers() -> None:
    tracker = state().tracker
    assert tracker is not None
    assert tracker.kind == "peer-challenge"
    assert tracker.title == (
        "Local Government Association Corporate Peer Challenge: The Council's Action Plan update"
    )
    assert tracker.subtitle == "Appendix One"
    assert tracker.council == "Oxford City Council"
    assert tracker.review == "9 April 2024 progress review"
    assert tracker.update_heading == "October 2024 & final update"
    assert tracker.scheme.codes == ("Ongoing", "Complete")
    assert [tracker.scheme.is_complete(c) for c in tracker.scheme.codes] == [False, True]
    # The paper gives no date for the challenge itself, and a plan has no meetings.
    assert tracker.challenge_date is None
    assert tracker.meetings == ()


def test_there_are_ten_peer_recommendations_numbered_one_to_ten() -> None:
    recs = records("peer-recommendation")
    assert [r.number for r in recs] == list(range(1, 11))
    assert [r.id for r in recs] == [f"PR-{n}" for n in range(1, 11)]


def test_each_recommendation_has_the_number_of_actions_the_paper_prints() -> None:
    counted: dict[int, int] = {}
    for action in records("peer-action"):
        assert action.recommendation is not None
        counted[action.recommendation] = counted.get(action.recommendation, 0) + 1
    assert counted == {1: 16, 2: 6, 3: 3, 4: 5, 5: 3, 6: 2, 7: 8, 8: 2, 9: 3, 10: 7}
    for action in records("peer-action"):
        assert action.id.startswith(f"PA-{action.recommendation}-")


def test_actions_are_numbered_in_paper_order() -> None:
    where = []
    for action in records("peer-action"):
        pieces = pieces_in(normalise(action.text), seed())
        assert pieces, action.id
        where.append((seed().find(pieces[0]), action.id))
    assert [i for _, i in sorted(where)] == [i for _, i in where]


def test_the_recommendation_titles_and_table_headings_are_as_printed() -> None:
    recs = {r.number: r for r in records("peer-recommendation")}
    assert {n: r.title for n, r in recs.items()} == {
        1: "Co-design shared outcomes",
        2: "Prioritisation",
        3: "Corporate Centre/ Programme management office",
        4: "Performance management",
        5: "Leveraging and communicating the regeneration",
        6: "Organisational structure",
        7: "Hybrid working / IT infrastructure",
        8: "Corporate Management Team (CMT) and Cabinet",
        9: "Member development",
        10: "The Oxford Model",
    }
    assert {n: r.table_heading for n, r in recs.items()} == {
        1: "CO-DESIGN SHARED OUTCOMES",
        2: "PRIORITISATION",
        3: "CORPORATE CENTRE / PROJECT MANAGEMENT",
        4: "PERFORMANCE MANAGEMENT",
        5: "LEVERAGING AND COMMUNICATING THE REGENERATION",
        6: "ORGANISATIONAL STRUCTURE",
        7: "HYBRID WORKING/ IT INFRASTRUCTURE",
        8: "",  # the paper prints no heading above this table
        9: "MEMBER DEVELOPMENT",
        10: "THE OXFORD MODEL",
    }
    assert {n: len(r.bullets) for n, r in recs.items()} == {
        1: 1,
        2: 2,
        3: 4,
        4: 2,
        5: 1,
        6: 3,
        7: 3,
        8: 1,
        9: 3,
        10: 4,
    }


# Cells the seed holds in more than one piece: (record id, field) -> pieces.
SPLIT: dict[tuple[str, str], int] = {
    # The OxLEP row runs over a page break: action and update go on after the repeated header.
    ("PA-1-8", "text"): 2,
    ("PA-1-8", "update"): 2,
    # The co-location update runs over a page break; its tail follows the smoking-cessation
    # pilot's action cell.
    ("PA-1-13", "update"): 2,
    # Recommendation 7's first rows: one physical line per line of each cell, interleaved.
    ("PA-7-1", "text"): 4,
    ("PA-7-1", "update"): 4,
    ("PA-7-2", "text"): 2,
    ("PA-7-2", "target"): 2,  # "December" / "2025"
    ("PA-7-2", "update"): 2,
    # Recommendations 8 and 9: wrapped cells, one physical line each, interleaved.
    ("PA-8-1", "text"): 2,
    ("PA-8-1", "update"): 2,
    ("PA-8-2", "text"): 2,
    ("PA-9-2", "text"): 2,
    ("PA-9-2", "update"): 2,
    ("PA-9-3", "text"): 2,
    ("PA-9-3", "update"): 2,
}


def test_every_record_text_is_in_the_paper_word_for_word() -> None:
    wrong = {}
    for record in state().sorted_records():
        for field, text in record_texts(record):
            wanted = normalise(text)
            pieces = pieces_in(wanted, seed())
            expected = SPLIT.get((record.id, field.split("[")[0]), 1)
            if pieces is None or len(pieces) != expected or " ".join(pieces) != wanted:
                wrong[record.id, field] = pieces
    assert wrong == {}


def test_every_split_cell_listed_is_a_record_field() -> None:
    fields = {(r.id, f.split("[")[0]) for r in state().records.values() for f, _ in record_texts(r)}
    assert set(SPLIT) <= fields


# Paper text in no record field, and why.
NOT_IN_RECORDS = {
    "Oxford City Council Our progress": "the cover: the council (tracker) and 'Our progress'",
    "Contents": "the contents list's heading, printed by the paper itself",
    "Our progress": "the contents entry and section heading, printed by the paper itself",
    "October 2024 & final udate": "recommendation 6's table: a variant of the update heading",
    "October 2024 & Final Update": "recommendation 7's table: a variant of the update heading",
}


def test_every_sentence_of_the_paper_is_in_some_record_or_the_tracker() -> None:
    tracker = state().tracker
    assert tracker is not None
    held = [normalise(text) for r in state().records.values() for _, text in record_texts(r)]
    held += [r.status for r in state().records.values() if r.status]
    held += [
        f"Recommendation {r.number}: {r.title}"  # contents entries and headings
        for r in records("peer-recommendation")
    ]
    held += [tracker.title, tracker.subtitle, tracker.council, tracker.update_heading]
    held.append(f"(Following the {tracker.review})")
    missing = []
    for line in corrected_seed().splitlines():
        for cell in line.split("\t"):
            for sentence in re.split(r"(?<=[.;?!])\s+", normalise(cell)):
                if sentence and not any(sentence in text for text in held):
                    missing.append(sentence)
    assert sorted(set(missing)) == sorted(NOT_IN_RECORDS)


def test_the_ongoing_actions_are_exactly_these() -> None:
    ongoing = {(a.id, a.status) for a in records("peer-action") if a.status == "Ongoing"}
    assert ongoing == {
        ("PA-1-7", "Ongoing"),
        ("PA-1-10", "Ongoing"),
        ("PA-1-11", "Ongoing"),
        ("PA-1-13", "Ongoing"),
        ("PA-2-5", "Ongoing"),
        ("PA-4-2", "Ongoing"),
        ("PA-4-3", "Ongoing"),
        ("PA-5-2", "Ongoing"),
        ("PA-6-1", "Ongoing"),
        ("PA-7-2", "Ongoing"),
        ("PA-7-3", "Ongoing"),
        ("PA-9-1", "Ongoing"),
        ("PA-10-1", "Ongoing"),
        ("PA-10-2", "Ongoing"),
        ("PA-10-6", "Ongoing"),
    }


def test_every_other_action_is_complete_but_the_zcop_expansion_which_has_no_status() -> None:
    others = {a.id: a.status for a in records("peer-action") if a.status != "Ongoing"}
    assert others.pop("PA-1-16") is None
    assert set(others.values()) == {"Complete"}
    assert len(others) == 55 - 15 - 1


def test_the_targets_are_free_text_as_printed() -> None:
    targets = {a.id: a.target for a in records("peer-action") if a.target}
    assert targets == {
        "PA-1-7": "December 2024",
        "PA-1-10": "March 2025",
        "PA-1-11": "March 2025 (IPS)",
        "PA-1-13": "April 2025",
        "PA-2-5": "March 2025",
        "PA-4-2": "December 2024",
        "PA-4-3": "December 2024",
        "PA-5-2": "March 2025",
        "PA-6-1": "March 2025",
        "PA-7-2": "December 2025",
        "PA-7-3": "March 2025",
        "PA-9-1": "December 2024",
        "PA-10-1": "December 2024",
        "PA-10-2": "September 2024",
        "PA-10-6": "December 2024",
    }


def test_the_oxford_model_bullets_are_whole() -> None:
    assert state().records["PR-10"].bullets == (
        "As with any model of delivery, it is important the Council regularly and systematically "
        "assures itself it is getting value for money, quality of service and achievement of its "
        "intended outcomes. The Council should look to benchmark itself with other councils with "
        "wholly owned companies and consider an independent review to gain assurance on value "
        "for money and service quality.",
        "Ensure there is an alignment between the Council Strategy and the business plans of the "
        "wholly owned companies.",
        "The Council should strengthen its client arrangements. This would then act as a "
        "mechanism to prevent the escalation of operational matters to the shareholder.",
        "The Council should deliver communications and dedicated training for all on the reasons "
        "for and the intended benefits of the Oxford Model. This will strengthen the "
        "organisation's understanding of the approach the council has taken.",
    )


def test_the_oxford_model_updates_are_whole() -> None:
    updates = {a.id: a.update for a in records("peer-action") if a.recommendation == 10}
    assert updates == {
        "PA-10-1": "Following an interim placement, we are in the process of recruiting a "
        "permanent Commissioning and Clienting Manager. The postholder will develop and "
        "oversee OCC's C&C arrangements with ODS; support OCC's service leads to successfully "
        "client and deliver commissions; and foster effective working between the OCC and ODS.",
        "PA-10-2": "An updated definition of the Oxford Model is being finalised for publication "
        "on the Council's website.",
        "PA-10-3": "OCC's commissioning and clienting arrangements for ODS have been reviewed "
        "across GF and HRA services. New arrangements have been developed and will be introduced "
        "for the HRA as part of new 5-year investment plans; and for GF services in the April "
        "2025 alongside the completion of the ODS commissioned services review.",
        "PA-10-4": "Oxford City Council clients have now been identified for all ODS LATCo "
        "services.",
        # runs over the page break: "The next stage ..." follows the repeated table header
        "PA-10-5": "The review has been undertaken. Scrutiny has been reviewed and we are pending "
        "the first few meetings of the new arrangements to see how they are working in practice. "
        "Advance oversight of the decisions coming from the companies has improved and is has "
        "meant the existing collaboration with OCC Officers has improved further. The next stage "
        "is around the review of the key documentation. The new chair of the ODS board commences "
        "this month so it will be discussed with her in regard to timelines and actions.",
        "PA-10-6": "ODS Clienting and Budget reviews continue and are interdependent. There is "
        "line of sight as to the 2025/2026 ODS budget savings. A work programme is being "
        "established to work through longer-term clienting and commissioning objectives. HRA "
        "Business Plan review is also progressing.",
        "PA-10-7": "The timetable was communicated to all Heads of Service and Corporate "
        "Management Team. The plan was generally achieved on time resulting in a Consultation "
        "Budget published in December and the final budget in February.",
    }


def test_the_co_location_update_runs_on_over_the_page_to_the_smoking_pilot_row() -> None:
    assert state().records["PA-1-13"].update == (
        "We are continuing to explore long term options with OUH, in particular with regards to "
        "their 0-19 services. Our experience is that these conversations take time (given the "
        "previous experience with Rose Hill and Barton Community Centres). In addition, we have "
        "been weaving in the new build Blackbird Leys Community Centre conversation. Designs "
        "have now been finalised ready for planning, but we will continue to also explore space "
        "options within the centre. Discussions at the Leys Leisure Centre have been positive "
        "and Partners from the Trust have been attending the Council's weekly co-working day and "
        "continue to show a committed interest in colocation and possibly some capital "
        "investment into the centre, these have not been finalised at this stage. Next Steps: "
        "Meeting with Active Lifestyles Commissioning Group in October and Leys Youth Hub. Works "
        "start in September (which help define spaces available within the site). We are also "
        "seeking to pin down Health requirements for any spaces and any funding availability. "
        "The Council collaborate with OUH NHS Trust's Here for Health Team on initiatives like "
        "Move Together and You Move referrals, attend healthy hospital events, and contribute to "
        "the Chartered Institute for the Management of Sport and Physical Activity Health "
        "subgroup."
    )
    # "(BUH)" is kept as printed; the update says OUH.
    assert state().records["PA-1-13"].text == (
        "Deliver co-location pilot with Oxford University Hospitals (BUH) at Leys Pools & "
        "Leisure Centre"
    )
    smoking = state().records["PA-1-14"]
    assert smoking.text == (
        "Deliver smoking cessation pilot with Oxford University Hospitals NHS Foundation Trust "
        "at Barton Leisure Centre."
    )
    assert (smoking.target, smoking.status) == ("", "Complete")
    assert smoking.update == (
        "Ice Creates, commissioned by Oxfordshire County Council, delivers NHS health checks and "
        "smoking cessation services, hosting these at the Council's community and leisure "
        "centres, and supporting Oxford City Council's staff wellbeing weeks and Health "
        "Promotion events."
    )


def test_the_oxlep_row_is_joined_across_the_page_break() -> None:
    oxlep = state().records["PA-1-8"]
    assert oxlep.text == (
        "Engage in the future of Oxfordshire Local Enterprise Partnership (OxLEP) discussions to "
        "ensure the positive partnership working is continued in new model"
    )
    assert oxlep.update == (
        "Engagement with OxLEP is ongoing in respect of its new structure within the County "
        "Council. The Leader remains a Director."
    )


def test_the_internal_communications_campaign_update_is_whole() -> None:
    assert state().records["PA-7-7"].update == (
        "A Leadership conversation (a forum of c100 council managers) was delivered on flexible "
        "working. Staff were encouraged to look at ways of working together. Six managers shared "
        "what works for their teams to create opportunities for informal interaction and bring "
        "people together to build relationships. 70 managers took part in breakout rooms, "
        "sharing and discussing their ideas. Open Door (regular updates with members of the "
        "executive team open to all staff) attendances average around 35 and attendance is "
        "growing. Let's Talk (all staff informal briefings) attendance is always over 100. A "
        "full staff conference staff is planned over two days in April 2024 bringing together "
        "c650 people face to face, promoting collaborative working across all service areas."
    )


def test_recommendation_seven_rows_are_untangled_with_their_printed_paragraphs() -> None:
    recs = state().records
    assert recs["PA-7-1"].text == (
        "Capital budget bids to support improvements to ways of working and our systems are "
        "included within this budget round. Provision for improved Wi-Fi connectivity within the "
        "Town Hall is funded"
    )
    # A new line starts where the previous one had room for the next word: a paragraph.
    assert recs["PA-7-1"].update == (
        "The Capital Budget and Medium-Term Financial Plan include the necessary allocations to "
        "support the Technology and ICT programmes.\n\nThe Town Hall Wi-Fi project is fully "
        "funded."
    )
    assert recs["PA-7-2"].text == (
        "Phase 2 of the Town Hall – set out the long-term vision of the Town Hall facilities "
        "and use"
    )
    assert recs["PA-7-2"].update == (
        "New Project Manager has now started. Project Implementation Document now being drafted "
        "and internal bid for feasibility funds being developed."
    )
    assert recs["PA-7-3"].update == (
        "Onedrive implementation has been completed.\n\nA specialist consultant report is "
        "awaited regarding the Sharepoint implementation, which will likely be early autumn."
    )
    assert recs["PA-7-4"].update == (
        "Regular communications go out on Team Principles and a Leadership Conversation on "
        "Smarter Working included a session on this."
    )


def test_only_the_two_printed_paragraph_breaks_are_kept() -> None:
    with_breaks = {
        (r.id, f) for r in state().records.values() for f, t in record_texts(r) if "\n" in t
    }
    assert with_breaks == {("PA-7-1", "update"), ("PA-7-3", "update")}


def test_the_authors_own_typos_are_kept_and_ocr_errors_are_not() -> None:
    recs = state().records
    assert "itentify" in recs["PA-1-15"].text
    assert "is has meant" in recs["PA-10-5"].update
    assert "staff is planned" in recs["PA-7-7"].update
    assert recs["PA-9-1"].text.startswith("Undertake an audit/ canvas")
    assert recs["PA-10-2"].text.startswith("Develop and publish")
    everything = " ".join(t for r in recs.values() for _, t in record_texts(r))
    for noise in ("*", "Psevelop", "\u092a", "DEGIGNI", "\u00b7", "intentionally left blank"):
        assert noise not in everything
