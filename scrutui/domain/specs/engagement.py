"""An engagement log ("you said, we did"): what residents said in each pledge area, and the
council's typed answers."""

import re

from scrutui.domain.fields import FieldSpec
from scrutui.domain.kinds import Column, KindSpec, TrackerKind, register
from scrutui.domain.specs.common import COMPLETED, FLAGS, LEADS, REVIEWED, STATUS_OPTIONAL

ENGAGEMENT_ITEM = KindSpec(
    "engagement",
    "Engagement item",
    "E",
    "engagement",
    re.compile(r"^E-\d+$"),
    (
        FieldSpec("organisation", "line", "Organisation"),
        FieldSpec("area", "line", "Pledge area", required=True),
        FieldSpec(
            "area_inferred",
            "bool",
            "Pledge area inferred",
            help="the paper leaves the area blank: it is not printed",
        ),
        FieldSpec("topic", "line", "Topic"),
        FieldSpec(
            "said", "lines", "You said", required=True, help="one comment or question per line"
        ),
        FieldSpec("answers", "answers", "We did"),
        STATUS_OPTIONAL,
        LEADS,
        REVIEWED,
        COMPLETED,
        *FLAGS,
    ),
    update_field="answers",
)

ENGAGEMENT = register(
    TrackerKind(
        "engagement",
        "engagement log",
        ("engagement",),
        preset="engagement",
        paper="engagement",
        columns=(
            Column("area", "Pledge area", ("area",), 18, min_width=11, priority=3),
            Column("topic", "Topic", ("topic",), 20, min_width=10, priority=4),
            Column("said", "You said", ("said",), 40, min_width=20, priority=2, flex=True),
            Column("answers", "We did", ("answers",), 30, min_width=16, priority=2),
        ),
        default_title="You said, we did",
        carry=(("organisation", ("organisation",)), ("area", ("area",))),
    ),
    ENGAGEMENT_ITEM,
)
