"""The meeting emails. Each takes the data, finds the recipients and hands over to one
template; the services call them after the transaction has committed."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from accounts.roles import COORDINATOR
from groups.models import Membership
from ludgrupper.mail import send_templated_mail
from meetings.ics import meeting_attachment


def _url(path: str) -> str:
    return settings.SITE_URL + path


def member_addresses(meeting) -> list[str]:
    return list(
        Membership.objects.current()
        .filter(group_id=meeting.group_id, person__is_active=True)
        .values_list("person__email", flat=True)
        .distinct()
    )


def official_addresses(meeting) -> list[str]:
    return list(meeting.official_attendances.values_list("official__email", flat=True))


def _calendar_file(meeting):
    """The .ics attachment, in the language of the mail (Swedish)."""
    with translation.override(settings.LANGUAGE_CODE):
        return meeting_attachment(meeting)


def _meeting_context(meeting) -> dict:
    return {"meeting": meeting, "group": meeting.group, "meeting_url": _url(meeting.get_absolute_url())}


def send_call_for_proposals(meeting) -> None:
    send_templated_mail(
        to=member_addresses(meeting),
        template="meeting_open",
        context={
            **_meeting_context(meeting),
            "propose_url": _url(reverse("meetings:propose", args=[meeting.pk])),
        },
    )


def send_proposal_decided(proposal) -> None:
    send_templated_mail(
        to=[proposal.proposer.email],
        template="proposal_decided",
        context={**_meeting_context(proposal.meeting), "proposal": proposal},
    )


def coordinator_addresses_for_proposals() -> list[str]:
    """The coordinators who want a mail when a proposal arrives (their account's setting)."""
    return list(
        get_user_model()
        .objects.filter(groups__name=COORDINATOR, is_active=True, notify_new_proposals=True)
        .values_list("email", flat=True)
        .distinct()
    )


def send_proposal_arrived(proposal) -> None:
    meeting = proposal.meeting
    send_templated_mail(
        to=coordinator_addresses_for_proposals(),
        template="proposal_arrived",
        context={
            **_meeting_context(meeting),
            "proposal": proposal,
            "manage_url": _url(reverse("meetings:manage", args=[meeting.pk])),
            "settings_url": _url(reverse("accounts:settings")),
        },
    )


def send_agenda_published(meeting) -> None:
    items = list(meeting.items.order_by("position", "id"))
    send_templated_mail(
        to=member_addresses(meeting) + official_addresses(meeting),
        template="agenda_published",
        context={**_meeting_context(meeting), "items": items},
        attachments=[_calendar_file(meeting)],
    )


def send_meeting_changed(meeting) -> None:
    send_templated_mail(
        to=member_addresses(meeting) + official_addresses(meeting),
        template="meeting_changed",
        context=_meeting_context(meeting),
        attachments=[_calendar_file(meeting)],
    )


def send_meeting_cancelled(meeting) -> None:
    send_templated_mail(
        to=member_addresses(meeting) + official_addresses(meeting),
        template="meeting_cancelled",
        context=_meeting_context(meeting),
        attachments=[_calendar_file(meeting)],
    )


def send_officials_invited(meeting, officials) -> None:
    send_templated_mail(
        to=[official.email for official in officials],
        template="officials_invited",
        context=_meeting_context(meeting),
        attachments=[_calendar_file(meeting)],
    )


def send_review_requested(meeting, reviewers) -> None:
    send_templated_mail(
        to=[reviewer.email for reviewer in reviewers],
        template="review_requested",
        context={**_meeting_context(meeting), "review_url": _url(reverse("meetings:my_meetings"))},
    )


class ReminderNotSent(Exception):
    pass


def send_reminder(meeting, kind: str, address: str) -> None:
    """One reminder to one address; raises if the mail server refuses, so it is retried."""
    failed = send_templated_mail(
        to=[address],
        template=f"reminder_{kind}",
        context={
            **_meeting_context(meeting),
            "propose_url": _url(reverse("meetings:propose", args=[meeting.pk])),
        },
        attachments=[_calendar_file(meeting)] if kind == "meeting" else [],
    )
    if failed:
        raise ReminderNotSent(address)
