"""The meeting pages, by who uses them."""

from meetings.views.curation import (  # noqa: F401
    agenda_item_add,
    agenda_item_edit,
    agenda_item_move,
    agenda_item_remove,
    proposal_accept,
    proposal_decline,
    proposal_merge,
)
from meetings.views.members import (  # noqa: F401
    proposal_create,
    proposal_edit,
    proposal_withdraw,
)
from meetings.views.planning import (  # noqa: F401
    attendance,
    meeting_cancel,
    meeting_create,
    meeting_edit,
    meeting_manage,
    meeting_mark_held,
    meeting_open,
    meeting_publish,
    meeting_send_for_review,
    meeting_set_officials,
    round_create,
    round_detail,
    round_list,
    year_overview,
)
from meetings.views.public import (  # noqa: F401
    group_feed_ics,
    meeting_ics,
)
