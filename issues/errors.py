from core.errors import DomainError


class IssueError(DomainError):
    """A rule of the issue register was broken; the message is for the user."""
