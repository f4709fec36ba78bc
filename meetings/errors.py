from core.errors import DomainError


class MeetingError(DomainError):
    """A rule of meetings, agendas or proposals was broken; the message is for the user."""


class AgendaConflict(MeetingError):
    """The agenda changed since the form was loaded; the change was not made."""
