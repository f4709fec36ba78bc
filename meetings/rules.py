"""Who may do what with meetings: small predicates of who someone is and what state the meeting
is in, composed and registered as permissions (meetings.<verb>_<object>). Views ask them
(core.http.permission_required, require_permission), templates ask them ({% has_perm %}).

The state predicates ask the models (Meeting.accepts_proposals, Proposal.awaits_curation),
where each question about a state is defined once; the services ask the models too. Where a
permission combines a state with who someone is, the state comes first: it costs no query.

A view that lets its service explain a refusal (a member proposing after the deadline is told
so, not shown a 403) asks the permission of who someone is (take_part_in_meeting,
change_own_proposal); the page offers the action by the permission that adds the state
(propose_item, edit_proposal)."""

import rules

from accounts.rules import is_coordinator
from groups.rules import elected_representative_of, is_current_member
from officials.rules import is_staff_member


def _is_member(user, group) -> bool:
    """A page asks this several times (may they propose, answer, see the open issues?): the
    answer is kept on the user object, which lives for one request."""
    if not user.is_authenticated:
        return False
    known = user.__dict__.setdefault("_meetings_member_of", {})
    if group.pk not in known:
        known[group.pk] = is_current_member(user, group)
    return known[group.pk]


# Of a meeting -------------------------------------------------------------------------------


@rules.predicate
def is_member_of_the_group(user, meeting) -> bool:
    """A representative of the meeting's group: membership decides, and ends with it."""
    return _is_member(user, meeting.group)


@rules.predicate
def is_public(user, meeting) -> bool:
    return meeting.is_public


@rules.predicate
def is_announced(user, meeting) -> bool:
    return meeting.is_announced


@rules.predicate
def accepts_proposals(user, meeting) -> bool:
    return meeting.accepts_proposals


@rules.predicate
def accepts_answers(user, meeting) -> bool:
    return meeting.accepts_answers


@rules.predicate
def is_invited_elected_representative(user, meeting) -> bool:
    """An elected representative following the area, to one of its meetings with elected
    representatives: they answer whether they come (Meeting.invites_elected_representative)."""
    return meeting.invites_elected_representative(elected_representative_of(user))


# Published meetings are public. Before that the municipality's people see them, and the
# group's members (and the elected representatives it invites) once it is announced.
can_view_meeting = (
    is_public
    | is_staff_member
    | (is_announced & (is_member_of_the_group | is_invited_elected_representative))
)

# Of a proposal ------------------------------------------------------------------------------


@rules.predicate
def is_the_proposer(user, proposal) -> bool:
    return user.is_authenticated and proposal.proposer_id == user.pk


@rules.predicate
def is_member_of_the_proposals_group(user, proposal) -> bool:
    return _is_member(user, proposal.meeting.group)


@rules.predicate
def awaits_curation(user, proposal) -> bool:
    return proposal.awaits_curation


# The proposer's own proposal, while they are a member: the right ends with the membership.
owns_the_proposal = is_the_proposer & is_member_of_the_proposals_group

# Of an agenda review ------------------------------------------------------------------------


@rules.predicate
def is_the_asked_official(user, review) -> bool:
    return user.is_authenticated and review.reviewer_id == user.pk


# The permissions ----------------------------------------------------------------------------

# The coordinator's pages: scheduling meetings and rounds, curating agendas, moving meetings
# along (whether the state allows a step is the service's to say, and the page's to show).
rules.add_perm("meetings.manage_meeting", is_coordinator)
rules.add_perm("meetings.view_year_overview", is_coordinator)
# The page of meetings one attends and agendas one is asked to anchor.
rules.add_perm("meetings.view_own_meetings", is_staff_member)

# Not "view_meeting": that is Django's model permission, which the admin asks without a meeting.
rules.add_perm("meetings.see_meeting", can_view_meeting)
# The group's open issues under the agenda's follow-up item: for the group and the
# municipality, not the public page.
rules.add_perm("meetings.view_follow_up_issues", is_staff_member | is_member_of_the_group)
# The group's representatives propose items and say whether they come ...
rules.add_perm("meetings.take_part_in_meeting", is_member_of_the_group)
# ... while the meeting takes proposals, and answers.
rules.add_perm("meetings.propose_item", accepts_proposals & is_member_of_the_group)
# Who answers whether they come: the group's representatives, and the elected representatives
# invited (rsvp_meeting: who someone is; answer_meeting adds whether it still takes answers).
rules.add_perm("meetings.rsvp_meeting", is_member_of_the_group | is_invited_elected_representative)
rules.add_perm(
    "meetings.answer_meeting", accepts_answers & (is_member_of_the_group | is_invited_elected_representative)
)

rules.add_perm("meetings.change_own_proposal", owns_the_proposal)
# Editing and withdrawing: while the coordinator has not decided and the agenda can change.
rules.add_perm("meetings.edit_proposal", awaits_curation & owns_the_proposal)

# Anchoring: only the official who was asked gives the verdict.
rules.add_perm("meetings.review_agenda", is_the_asked_official)
