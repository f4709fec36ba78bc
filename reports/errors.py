from core.errors import DomainError


class ReportError(DomainError):
    """A report cannot be sent as asked; the message is for the user."""
