"""What participation holds of a person, declared in the registry of core.personal_data."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import personal_data
from participation.models import Suggestion, Support, Survey


def _suggestions_of(user) -> list[dict]:
    """Suggestions the person registered for others, and those they supported."""
    registered = [
        {
            "title": suggestion.title,
            "text": suggestion.text,
            "area": suggestion.area.name,
            "channel": suggestion.get_channel_display(),
            "status": suggestion.get_status_display(),
            "received": suggestion.created_at.isoformat(),
        }
        for suggestion in Suggestion.objects.filter(registered_by=user).select_related("area")
    ]
    supported = [
        {
            "supported": support.suggestion.title,
            "area": support.suggestion.area.name,
            "at": support.created_at.isoformat(),
        }
        for support in Support.objects.filter(person=user).select_related("suggestion__area")
    ]
    return registered + supported


def _clear_reply_addresses(rows) -> int:
    return rows.update(reply_email="")


def _surveys_of(user) -> list[dict]:
    return personal_data.rows(
        Survey.objects.filter(created_by=user).order_by("created_at", "id"), "title", "opens_on", "closes_on"
    )


def register():
    personal_data.register_export(
        "participation_suggestions",
        _("Suggestions registered or supported"),
        _suggestions_of,
        covers=["participation.Suggestion", "participation.Support"],
    )
    personal_data.register_export(
        "participation_surveys", _("Surveys you made"), _surveys_of, covers=["participation.Survey"]
    )
    # The address is cleared as soon as the outcome mail is queued; an address whose
    # suggestion was never handled is cleared after the period all the same.
    personal_data.register_retention(
        "suggestion_reply_addresses",
        _("Reply addresses of suggestions in the suggestion boxes"),
        lambda cutoff: Suggestion.objects.exclude(reply_email="").filter(
            Q(created_at__lt=cutoff) | Q(outcome_mailed_at__isnull=False)
        ),
        purge=_clear_reply_addresses,
    )
    personal_data.register_retention(
        "hidden_suggestions",
        _("Suggestions not published (with the reason)"),
        lambda cutoff: Suggestion.objects.filter(status=Suggestion.Status.HIDDEN, decided_at__lt=cutoff),
    )
