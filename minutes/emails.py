from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.mail import queue_mail
from meetings.emails import member_addresses


def _url(path: str) -> str:
    return settings.SITE_URL + path


def about(minutes) -> str:
    """What the mails of the minutes are filed under in the outbox (core.mail)."""
    return f"minutes.minutes:{minutes.pk}"


def send_review_requested(minutes, reviewers, signers) -> None:
    context = {"meeting": minutes.meeting, "group": minutes.meeting.group, "version": minutes.version}
    queue_mail(
        to=[person.email for person in reviewers],
        template="minutes_review_requested",
        about=about(minutes),
        context={**context, "review_url": _url(reverse("pages:my_meetings"))},
    )
    queue_mail(
        to=[person.email for person in signers],
        template="minutes_sign_off_requested",
        about=about(minutes),
        context={**context, "sign_off_url": _url(reverse("pages:my_groups"))},
    )


def pdf_filename(meeting) -> str:
    # The local date: a meeting just after midnight is on the previous day in UTC.
    return (
        f"minnesanteckningar-{meeting.group.area.slug}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"
    )


def send_released(release) -> None:
    """The released minutes, with the PDF, to the members and everyone who attended."""
    meeting = release.minutes.meeting
    attended = [
        attendance.person.email
        for attendance in meeting.attendances.select_related("person")
        if attendance.person and attendance.person.email
    ]
    with translation.override(settings.LANGUAGE_CODE):
        filename = pdf_filename(meeting)
    queue_mail(
        to=member_addresses(meeting) + attended,
        template="minutes_released",
        about=about(release.minutes),
        context={
            "meeting": meeting,
            "group": meeting.group,
            "release": release,
            "minutes_url": _url(reverse("minutes:public", kwargs={"pk": meeting.pk})),
        },
        attachments=[(filename, bytes(release.pdf), "application/pdf")],
    )
