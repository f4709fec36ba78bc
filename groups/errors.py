class GroupsError(Exception):
    """A rule of groups, memberships or invitations was broken; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class MembershipError(GroupsError):
    pass


class InvitationError(GroupsError):
    pass
