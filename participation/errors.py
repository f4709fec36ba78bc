from core.errors import DomainError


class ParticipationError(DomainError):
    pass
