"""The issues app's part in what happens to meetings (see meetings.signals)."""

from issues.selectors import open_issues_record
from meetings.models import PublishedIssue


def record_follow_up_issues(sender, meeting, **kwargs) -> None:
    """Keep the group's open issues as they are now with the published agenda: its follow-up
    item goes on listing these, not the issues open on the day someone reads it."""
    PublishedIssue.objects.bulk_create(
        PublishedIssue(meeting=meeting, position=position, **row)
        for position, row in enumerate(open_issues_record(meeting.group), start=1)
    )
