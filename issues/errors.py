class IssueError(Exception):
    """A rule of the issue register was broken; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
