class DomainError(Exception):
    """A rule was broken; the message is for the user, translated, and the code for tests and
    callers that act on the kind of refusal."""

    def __init__(self, message, *, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code


class MailError(DomainError):
    pass
