"""What the issues app holds of a person: the issues they raised and the updates they wrote or
approved. Issues and their published updates are public records: closing an account keeps
them, under the anonymised name."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import personal_data as registry
from issues.models import Issue, IssueReminderSent, IssueUpdate


def _issues(user) -> list[dict]:
    return registry.rows(
        Issue.objects.filter(created_by=user).order_by("created_at", "id"),
        "title",
        "description",
        "group__name",
        "status",
        "created_by__full_name",
        "created_at",
    )


def _updates(user) -> list[dict]:
    return registry.rows(
        IssueUpdate.objects.filter(Q(author=user) | Q(approved_by=user)).order_by("created_at", "id"),
        "issue__title",
        "text",
        "new_status",
        "expected_date",
        "case_number",
        "state",
        "author__full_name",
        "created_at",
        "approved_by__full_name",
        "published_at",
    )


def _reminders(user) -> list[dict]:
    return registry.rows(
        IssueReminderSent.objects.filter(email__iexact=user.email).order_by("id"),
        "issue__title",
        "due_date",
        "email",
    )


def register() -> None:
    registry.register_export("issues.issues", _("Issues you raised"), _issues, covers=["issues.Issue"])
    registry.register_export(
        "issues.updates", _("Issue updates you wrote or approved"), _updates, covers=["issues.IssueUpdate"]
    )
    registry.register_export(
        "issues.reminders",
        _("Due date reminders sent to you"),
        _reminders,
        covers=["issues.IssueReminderSent"],
    )
