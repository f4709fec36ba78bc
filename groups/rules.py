"""Who may do what with groups, memberships and invitations: predicates composed into the
permissions that the views, the templates ({% has_perm %}) and the services ask.

A representative is someone with a current membership (is_current_member: the one definition,
over Membership.objects.current()); there is no role to keep in step with it."""

import rules

from accounts.rules import is_coordinator
from groups.models import Membership
from officials.rules import is_staff_member


@rules.predicate
def is_current_member(user, group) -> bool:
    """A representative of the group now (a former member is not)."""
    if not user.is_authenticated or group is None:
        return False
    return Membership.objects.current().filter(person=user, group=group).exists()


@rules.predicate
def is_representative(user) -> bool:
    """A current member of some group. Loaded with the logged-in person (groups.backends:
    `represents_now`), else asked."""
    if not user.is_authenticated:
        return False
    loaded = getattr(user, "represents_now", None)
    if loaded is not None:
        return loaded
    return Membership.objects.current().filter(person=user).exists()


@rules.predicate
def is_elected_representative(user) -> bool:
    """A politician following the groups (ElectedRepresentative, active): the row decides, like
    the Official row does for officials."""
    if not (user.is_authenticated and user.is_active):
        return False
    representative = getattr(user, "elected_representative", None)
    return representative is not None and representative.active


def elected_representative_of(user):
    """Their ElectedRepresentative row, or None."""
    return getattr(user, "elected_representative", None) if is_elected_representative(user) else None


@rules.predicate
def is_pending_invitation(user, invitation) -> bool:
    return invitation is not None and invitation.is_pending


@rules.predicate
def is_current_membership(user, membership) -> bool:
    return membership is not None and membership.is_current


# Groups, organisations, memberships, the main contact and invitations are the coordinator's.
rules.add_perm("groups.manage_groups", is_coordinator)
# The overview of every group: the municipality's people.
rules.add_perm("groups.view_all_groups", is_staff_member | is_elected_representative)
# Choosing the areas followed (their meetings with elected representatives invite them): an
# elected representative, for themselves; the only thing they change besides their answers.
rules.add_perm("groups.follow_areas", is_elected_representative)
# A group's page (object: the group): the municipality's people read every group, a
# representative their own; an elected representative reads every group (without the members'
# email and phone).
rules.add_perm("groups.view_group_page", is_staff_member | is_current_member | is_elected_representative)
# The email and phone of a group's current members (object: the group): the municipality's
# people and the fellow members, that is whoever reads the group's page.
rules.add_perm("groups.view_contact_details", is_staff_member | is_current_member)
# Where the two differ: those who have left keep their details from their former fellow
# members; only the municipality's people see them (object: the group).
rules.add_perm("groups.view_former_members_contact_details", is_staff_member)
# Ending a membership (object: the membership): one that has not ended yet.
rules.add_perm("groups.end_membership", is_coordinator & is_current_membership)
# Sending an invitation again and revoking it (object: the invitation): while it is pending,
# expired or not.
rules.add_perm("groups.resend_invitation", is_coordinator & is_pending_invitation)
rules.add_perm("groups.revoke_invitation", is_coordinator & is_pending_invitation)
