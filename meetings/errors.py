class MeetingError(Exception):
    """A rule of meetings, agendas or proposals was broken; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AgendaConflict(MeetingError):
    """The agenda changed since the form was loaded; the change was not made."""
