"""Demo timelines for seed_demo: updates on the demo issues in every state (published,
waiting for the coordinator's approval, returned), and one issue past its due date."""

from datetime import timedelta

from django.utils import timezone

from issues import services
from issues.models import Issue, IssueUpdate


def _official_of(issue, officials):
    return next(
        (person for person in officials if person.official.departments.filter(pk=issue.department_id)), None
    )


def seed_issue_updates(coordinator, officials) -> None:
    if IssueUpdate.objects.exclude(state=IssueUpdate.State.PUBLISHED).exists():
        return  # seeded before
    today = timezone.localdate()
    issues = Issue.objects.exclude(department=None).select_related("department").order_by("created_at", "id")
    for issue in issues:
        official = _official_of(issue, officials)
        if official is None:
            continue
        if issue.status == Issue.Status.IN_PROGRESS:
            services.issue_update_add(
                issue=issue,
                by=coordinator,
                text="Trafikenheten har **beställt** nya skyltar. Leverans väntas i vår.",
                expected_date=today + timedelta(days=60),
                case_number="KS 2026/0142",
            )
            returned = services.issue_update_add(issue=issue, by=official, text="Skyltarna sätts upp snart.")
            services.issue_update_return(
                update=returned, by=coordinator, reason="Skriv vilken vecka, så att gruppen kan planera."
            )
        elif issue.status == Issue.Status.OPEN:
            services.issue_update(issue=issue, by=coordinator, due_date=today - timedelta(days=10))
            services.issue_update_add(
                issue=issue,
                by=official,
                text="Parkenheten har besökt skolgården och tar fram ett förslag till lekplats.",
                new_status=Issue.Status.IN_PROGRESS,
            )
