class MinutesError(Exception):
    """A rule of the minutes was broken; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
