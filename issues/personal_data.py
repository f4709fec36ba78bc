"""What the issues app holds of a person: the issues they raised or answered. Issues are public
records: closing an account keeps them, under the anonymised name."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import personal_data as registry
from issues.models import Issue


def _issues(user) -> list[dict]:
    return registry.rows(
        Issue.objects.filter(Q(created_by=user) | Q(answered_by=user)).order_by("created_at", "id"),
        "title",
        "description",
        "group__name",
        "status",
        "answer",
        "created_by__full_name",
        "created_at",
        "answered_by__full_name",
        "answered_at",
    )


def register() -> None:
    registry.register_export(
        "issues.issues", _("Issues you raised or answered"), _issues, covers=["issues.Issue"]
    )
