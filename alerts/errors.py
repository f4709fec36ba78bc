from core.errors import DomainError


class AlertError(DomainError):
    """A subscription or an alert setting was refused; the message is for the user."""
