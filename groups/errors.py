from core.errors import DomainError


class GroupsError(DomainError):
    """A rule of groups, memberships or invitations was broken; the message is for the user."""


class MembershipError(GroupsError):
    pass


class InvitationError(GroupsError):
    pass
