"""A committee's action and recommendation tracker: recommendations to the executive (with
its decision and response) and actions, each from an item of a meeting."""

import re

from scrutui.domain.fields import FieldSpec
from scrutui.domain.kinds import Column, KindSpec, TrackerKind, register
from scrutui.domain.specs.common import COMPLETED, FLAGS, LEADS, REVIEWED, STATUS, UPDATES

MEETING = FieldSpec("meeting", "date", "Meeting date", required=True)
ITEM = FieldSpec("item", "line", "Item", required=True)
# What councils' own trackers hold that scrutui's paper does not print by default
REFERENCE = FieldSpec(
    "reference", "line", "Council's reference", help="the council's own, as its tracker prints it"
)
ORIGIN = FieldSpec("committee", "line", "Committee of origin", help="where it was agreed")
TARGET = FieldSpec("target", "line", "Target date", help="free text, as printed: March 2025")

RECOMMENDATION = KindSpec(
    "recommendation",
    "Recommendation",
    "R",
    "committee",
    re.compile(r"^R-\d{4}-\d{2}-\d{2}-\d+$"),
    (
        MEETING,
        ITEM,
        FieldSpec("text", "text", "Recommendation", required=True),
        LEADS,
        REVIEWED,
        STATUS,
        FieldSpec("decision", "decision", "Executive decision"),
        FieldSpec("response", "text", "Response"),
        FieldSpec(
            "response_due", "date", "Response due", help="leave blank to count from the meeting"
        ),
        FieldSpec(
            "responded",
            "date",
            "Response received",
            help="leave blank: the date the decision or response was first recorded",
        ),
        FieldSpec(
            "executive_date", "date", "Executive date", help="when the executive considered it"
        ),
        REFERENCE,
        ORIGIN,
        TARGET,
        COMPLETED,
        *FLAGS,
        UPDATES,
    ),
    id_parts=("meeting",),
    update_field="updates",
    short_label="Rec.",
)

ACTION = KindSpec(
    "action",
    "Action",
    "A",
    "committee",
    re.compile(r"^A-\d{4}-\d{2}-\d{2}-\d+$"),
    (
        MEETING,
        ITEM,
        FieldSpec("text", "text", "Action", required=True),
        LEADS,
        REVIEWED,
        STATUS,
        REFERENCE,
        ORIGIN,
        TARGET,
        COMPLETED,
        *FLAGS,
        UPDATES,
    ),
    id_parts=("meeting",),
    update_field="updates",
)

COMMITTEE = register(
    TrackerKind(
        "committee",
        "committee tracker",
        ("recommendation", "action"),
        preset="ryg",
        paper="committee",
        columns=(
            Column("status", "", ("status",), 5, priority=1),
            Column("reference", "Ref", ("reference",), 14, min_width=8, priority=7, when_any=True),
            Column("meeting", "Meeting", ("meeting",), 8, priority=4),
            Column("item", "Item", ("item",), 18, min_width=10, priority=5),
            Column(
                "text",
                "Recommendation / action",
                ("text",),
                40,
                min_width=20,
                priority=2,
                flex=True,
            ),
            Column("lead", "Lead", ("leads",), 18, min_width=10, priority=3),
            Column("reviewed", "Reviewed", ("last_reviewed",), 8, priority=6),
        ),
        default_title="Action and Recommendation Tracker",
        settings={
            "committee": "Overview & Scrutiny Committee",
            "response_period": "2 months",
            "meetings": [],
        },
        named_by="committee",
        heading_from="committee",
        carry=(("meeting", ("meeting",)), ("item", ("item",))),
        imports=True,
    ),
    RECOMMENDATION,
    ACTION,
)
