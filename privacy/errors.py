from core.errors import DomainError


class PrivacyError(DomainError):
    """Closing an account, leaving a group or exporting records was refused; the message is
    for the user."""
