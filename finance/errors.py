from core.errors import DomainError


class FinanceError(DomainError):
    """A rule of budget referrals was broken; the message is for the user."""
