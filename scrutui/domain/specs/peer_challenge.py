"""An LGA corporate peer challenge's action plan: the peers' recommendations, each with a
table of the council's actions."""

import re

from scrutui.domain.fields import FieldSpec
from scrutui.domain.kinds import Column, KindSpec, TrackerKind, register
from scrutui.domain.specs.common import COMPLETED, FLAGS, LEADS, REVIEWED, STATUS_OPTIONAL

PEER_RECOMMENDATION = KindSpec(
    "peer-recommendation",
    "Peer recommendation",
    "PR",
    "peer-challenge",
    re.compile(r"^PR-\d+$"),
    (
        FieldSpec("number", "int", "Number", required=True),
        FieldSpec("title", "line", "Title", required=True),
        FieldSpec(
            "table_heading",
            "line",
            "Heading of its actions table",
            help="as printed above the table; leave blank for none",
        ),
        FieldSpec("bullets", "lines", "The peers' recommendations", help="one bullet per line"),
        *FLAGS,
    ),
    number_field="number",
    short_label="Rec.",
    owed=False,
)

PEER_ACTION = KindSpec(
    "peer-action",
    "Action",
    "PA",
    "peer-challenge",
    re.compile(r"^PA-\d+-\d+$"),
    (
        FieldSpec("recommendation", "int", "Recommendation number", required=True),
        FieldSpec("text", "text", "Action", required=True),
        FieldSpec("target", "line", "Target date", help="free text, as printed"),
        STATUS_OPTIONAL,
        FieldSpec("update", "text", "Update"),
        LEADS,
        REVIEWED,
        COMPLETED,
        *FLAGS,
    ),
    id_parts=("recommendation",),
    update_field="update",
)

PEER_CHALLENGE = register(
    TrackerKind(
        "peer-challenge",
        "peer-challenge action plan",
        ("peer-recommendation", "peer-action"),
        preset="complete-ongoing",
        paper="peer",
        columns=(
            Column("status", "", ("status",), 9, priority=1),
            Column(
                "text",
                "Recommendation / action",
                ("title", "text"),
                48,
                min_width=20,
                priority=2,
                flex=True,
            ),
            Column("target", "Target", ("target",), 16, min_width=10, priority=3),
        ),
        default_title="LGA Corporate Peer Challenge: the Council's action plan update",
        settings={"council": "", "review": "", "update_heading": "Update"},
        named_by="council",
        new_kind="peer-action",
        carry=(("recommendation", ("recommendation", "number")),),
        milestones=True,
    ),
    PEER_RECOMMENDATION,
    PEER_ACTION,
)
