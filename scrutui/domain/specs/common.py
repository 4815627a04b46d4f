"""Fields that several record kinds share."""

from scrutui.domain.fields import FieldSpec

STATUS = FieldSpec("status", "status", "Status", required=True)
STATUS_OPTIONAL = FieldSpec("status", "status", "Status")
LEADS = FieldSpec("leads", "names", "Lead", help="two or more: separate them with ;")
REVIEWED = FieldSpec("last_reviewed", "date", "Last reviewed")
COMPLETED = FieldSpec("completed", "date", "Completed", help="set when marked complete")
FLAGS = (
    FieldSpec("exempt", "bool", "Exempt (closed session)"),
    FieldSpec("archived", "bool", "Archived"),
)
UPDATES = FieldSpec("updates", "updates", "Updates")
