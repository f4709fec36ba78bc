from core.errors import DomainError


class MinutesError(DomainError):
    """A rule of the minutes was broken; the message is for the user."""
