"""Who may do what with groups. Every view asks these; templates only mirror them."""

from accounts.rules import is_coordinator
from groups.models import Membership
from officials.rules import is_staff_member


def can_manage_groups(user) -> bool:
    """Groups, organisations, memberships, the main contact and invitations."""
    return is_coordinator(user)


def is_current_member(user, group) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.current().filter(person=user, group=group).exists()


def can_view_all_groups(user) -> bool:
    """The overview of every group: the municipality's people."""
    return is_staff_member(user)


def can_view_group(user, group) -> bool:
    """The municipality's people read every group; a representative reads their own."""
    return is_staff_member(user) or is_current_member(user, group)


def can_see_contact_details(user, group) -> bool:
    """Members' email and phone: the municipality's people, and fellow members of the group."""
    return can_view_group(user, group)
