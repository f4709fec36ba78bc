"""The actions the activity log knows: each app registers its TextChoices of actions (values
like "meeting.published"), so that the log shows them in the reader's language without knowing
the apps."""

_labels: dict = {}


def register(choices):
    """Class decorator for an app's TextChoices of actions."""
    for value, text in choices.choices:
        _labels[value] = text
    return choices


def label(action: str) -> str:
    return str(_labels.get(action, action))
