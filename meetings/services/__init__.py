"""Every write that matters for meetings: the lifecycle, proposals, curation, anchoring,
officials, answers and attendance. Each checks the current state and raises MeetingError."""

from meetings.services.attendance import (  # noqa: F401
    attendance_record,
    rsvp_answer,
)
from meetings.services.curation import (  # noqa: F401
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    proposal_accept,
    proposal_decline,
    proposal_merge,
)
from meetings.services.lifecycle import (  # noqa: F401
    agenda_review_decide,
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_open,
    meeting_publish,
    meeting_send_for_review,
    meeting_set_officials,
    meeting_update,
    round_create,
    round_schedule,
)
from meetings.services.proposals import (  # noqa: F401
    proposal_check_changeable,
    proposal_submit,
    proposal_submit_for_residents,
    proposal_update,
    proposal_withdraw,
)
