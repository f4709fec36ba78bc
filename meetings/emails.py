"""The meeting emails. Each takes the data, finds the recipients and hands over to one
template; the services call them after the transaction has committed."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from core.mail import queue_mail
from groups.models import Membership
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


def invitee_addresses(meeting) -> list[str]:
    """Everyone the meeting is for: the members, the officials asked to attend and, to a meeting
    with elected representatives, those following its area."""
    elected = meeting.invited_elected_representatives().values_list("user__email", flat=True)
    return member_addresses(meeting) + official_addresses(meeting) + list(elected)


def _calendar_file(meeting):
    """The .ics attachment, in the language of the mail (Swedish)."""
    with translation.override(settings.LANGUAGE_CODE):
        return meeting_attachment(meeting)


def about(meeting) -> str:
    """What the mails of a meeting are filed under in the outbox (core.mail)."""
    return f"meetings.meeting:{meeting.pk}"


def _meeting_context(meeting) -> dict:
    return {"meeting": meeting, "group": meeting.group, "meeting_url": _url(meeting.get_absolute_url())}


def send_call_for_proposals(meeting) -> None:
    queue_mail(
        to=member_addresses(meeting),
        template="meeting_open",
        about=about(meeting),
        context={
            **_meeting_context(meeting),
            "propose_url": _url(reverse("meetings:propose", args=[meeting.pk])),
        },
    )


def send_proposal_decided(proposal) -> None:
    queue_mail(
        to=[proposal.proposer.email],
        template="proposal_decided",
        about=about(proposal.meeting),
        context={**_meeting_context(proposal.meeting), "proposal": proposal},
    )


def coordinator_addresses_for_proposals() -> list[str]:
    """The coordinators who want a mail when a proposal arrives (their account's setting)."""
    return list(
        get_user_model()
        .objects.filter(groups__name=Role.COORDINATOR, is_active=True, notify_new_proposals=True)
        .values_list("email", flat=True)
        .distinct()
    )


def send_proposal_arrived(proposal) -> None:
    meeting = proposal.meeting
    queue_mail(
        to=coordinator_addresses_for_proposals(),
        template="proposal_arrived",
        about=about(proposal.meeting),
        context={
            **_meeting_context(meeting),
            "proposal": proposal,
            "manage_url": _url(reverse("meetings:manage", args=[meeting.pk])),
            "settings_url": _url(reverse("accounts:settings")),
        },
    )


def send_agenda_published(meeting) -> None:
    items = list(meeting.items.order_by("position", "id"))
    queue_mail(
        to=invitee_addresses(meeting),
        template="agenda_published",
        about=about(meeting),
        context={**_meeting_context(meeting), "items": items},
        attachments=[_calendar_file(meeting)],
    )


def send_meeting_changed(meeting) -> None:
    queue_mail(
        to=invitee_addresses(meeting),
        template="meeting_changed",
        about=about(meeting),
        context=_meeting_context(meeting),
        attachments=[_calendar_file(meeting)],
    )


def send_meeting_cancelled(meeting) -> None:
    queue_mail(
        to=invitee_addresses(meeting),
        template="meeting_cancelled",
        about=about(meeting),
        context=_meeting_context(meeting),
        attachments=[_calendar_file(meeting)],
    )


def send_officials_invited(meeting, officials) -> None:
    queue_mail(
        to=[official.email for official in officials],
        template="officials_invited",
        about=about(meeting),
        context=_meeting_context(meeting),
        attachments=[_calendar_file(meeting)],
    )


def send_review_requested(meeting, reviewers) -> None:
    queue_mail(
        to=[reviewer.email for reviewer in reviewers],
        template="review_requested",
        about=about(meeting),
        context={**_meeting_context(meeting), "review_url": _url(reverse("pages:my_meetings"))},
    )


def queue_reminder(meeting, kind: str, addresses: list[str]) -> None:
    """One reminder to each address, as one mail (sent over one connection, retried by the
    outbox when the mail server refuses)."""
    queue_mail(
        to=addresses,
        template=f"reminder_{kind}",
        about=about(meeting),
        context={
            **_meeting_context(meeting),
            "propose_url": _url(reverse("meetings:propose", args=[meeting.pk])),
        },
        attachments=[_calendar_file(meeting)] if kind == "meeting" else [],
    )
