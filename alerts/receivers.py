"""The alerts app's part in what happens in the apps below it (their signals). Each runs in
the transaction of the change, so the mail is queued with it or not at all."""

from django.conf import settings
from django.urls import reverse

from alerts import emails
from alerts.models import DigestItem, MemberAlertSetting, Subscription
from groups.models import Membership

Frequency = MemberAlertSetting.Frequency


def _subscribers(area, follow: str):
    return Subscription.objects.filter(areas=area, confirmed_at__isnull=False, **{follow: True}).order_by(
        "pk"
    )


def _members(group):
    """The group's current members with their setting (None: the default, the digest)."""
    return (
        Membership.objects.current()
        .filter(group=group, person__is_active=True)
        .select_related("person__alert_setting")
        .order_by("person_id")
        .distinct()
    )


def update_published(sender, update, **kwargs) -> None:
    issue = update.issue
    at_once, in_digest = [], []
    for membership in _members(issue.group):
        person = membership.person
        setting = getattr(person, "alert_setting", None)
        frequency = setting.frequency if setting else MemberAlertSetting.DEFAULT
        if frequency == Frequency.IMMEDIATELY:
            at_once.append(person.email)
        elif frequency == Frequency.DAILY:
            in_digest.append(person)
    if at_once:
        emails.send_update_to_members(update, at_once)
    DigestItem.objects.bulk_create(
        [DigestItem(person=person, update=update) for person in dict.fromkeys(in_digest)],
        ignore_conflicts=True,
    )
    if issue.is_public:
        area = issue.group.area
        emails.send_to_subscribers(
            _subscribers(area, "follow_issues"),
            area=area,
            headline=issue.title,
            url=settings.SITE_URL + issue.get_absolute_url(),
            text=update.text,
        )


def agenda_published(sender, meeting, **kwargs) -> None:
    area = meeting.group.area
    emails.send_to_subscribers(
        _subscribers(area, "follow_agendas"),
        area=area,
        headline=meeting.title,
        url=settings.SITE_URL + meeting.get_absolute_url(),
    )


def minutes_released(sender, release, **kwargs) -> None:
    meeting = release.minutes.meeting
    area = meeting.group.area
    emails.send_to_subscribers(
        _subscribers(area, "follow_minutes"),
        area=area,
        headline=meeting.title,
        url=settings.SITE_URL + reverse("minutes:public", kwargs={"pk": meeting.pk}),
    )
