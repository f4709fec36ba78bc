"""The meetings in the admin, as the coordinator uses it: details change through the same
service as the meeting form (calendar SEQUENCE, notice to the group), held meetings are
records, verdicts and agenda items are never changed there."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, AgendaReview, Meeting, MeetingAction
from tests.admin_forms import form_data, post_change
from tests.conftest import make_person
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def _on_the_minute(days=30):
    """Times as the meeting form writes them: whole minutes (the admin shows seconds, no less)."""
    return timezone.now().replace(second=0, microsecond=0) + timedelta(days=days)


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_new_time_in_the_admin_raises_the_sequence_and_tells_the_group(
    admin_client, lagan, coordinator, member, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator, starts_at=_on_the_minute())
    mailoutbox.clear()
    new_start = timezone.localtime(meeting.starts_at + timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        with_commit = post_change(
            admin_client,
            _change_url(meeting),
            starts_at_0=new_start.strftime("%Y-%m-%d"),
            starts_at_1=new_start.strftime("%H:%M:%S"),
            ends_at_0=(new_start + timedelta(hours=2)).strftime("%Y-%m-%d"),
            ends_at_1=(new_start + timedelta(hours=2)).strftime("%H:%M:%S"),
        )

    meeting.refresh_from_db()
    assert with_commit.status_code == 302
    assert meeting.starts_at == new_start
    assert meeting.sequence == 1
    assert meeting.events.filter(action=MeetingAction.RESCHEDULED).count() == 1
    assert [message.to for message in mailoutbox] == [[member.email]]


def test_a_title_change_in_the_admin_keeps_the_sequence(admin_client, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator, starts_at=_on_the_minute())

    post_change(admin_client, _change_url(meeting), title="Vårmöte i Lagan")

    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence) == ("Vårmöte i Lagan", 0)


def test_a_held_meeting_is_only_shown_in_the_admin(admin_client, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    url = _change_url(meeting)

    page = admin_client.get(url).content.decode()
    response = admin_client.post(url, {"title": "Omdöpt", "starts_at_0": "2020-01-01"})

    meeting.refresh_from_db()
    assert 'name="title"' not in page
    assert response.status_code == 403
    assert meeting.title == "Gruppmöte"


def test_a_meeting_added_in_the_admin_gets_its_standing_items(admin_client, lagan):
    start = timezone.localtime() + timedelta(days=40)
    url = reverse("admin:meetings_meeting_add")
    page = admin_client.get(url).content.decode()

    response = admin_client.post(
        url,
        form_data(
            page,
            group=str(lagan.pk),
            kind=Meeting.Kind.GROUP_MEETING,
            title="Höstmöte",
            starts_at_0=start.strftime("%Y-%m-%d"),
            starts_at_1="18:00:00",
            ends_at_0=start.strftime("%Y-%m-%d"),
            ends_at_1="20:00:00",
            proposal_deadline_0=(start - timedelta(days=14)).strftime("%Y-%m-%d"),
            proposal_deadline_1="23:59:00",
            venue_name="Bygdegården",
        ),
    )

    meeting = Meeting.objects.get(title="Höstmöte")
    assert response.status_code == 302
    assert AgendaItem.objects.filter(meeting=meeting, standing=True).count() > 0
    assert meeting.events.filter(action=MeetingAction.CREATED).count() == 1


def test_an_agenda_verdict_cannot_be_set_in_the_admin(admin_client, lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Meeting.Status.IN_REVIEW, by=coordinator, reviewers=[official])
    review = AgendaReview.objects.get(meeting=meeting)

    page = admin_client.get(_change_url(review)).content.decode()
    admin_client.post(_change_url(review), {"verdict": "approved"})

    review.refresh_from_db()
    assert 'name="verdict"' not in page
    assert review.verdict == AgendaReview.Verdict.PENDING


def test_agenda_items_are_not_changed_in_the_admin(admin_client, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.PUBLISHED, by=coordinator)
    item = meeting.items.first()

    response = admin_client.post(_change_url(item), {"title": "Ändrad i efterhand"})

    item.refresh_from_db()
    assert response.status_code == 403
    assert item.title != "Ändrad i efterhand"


def test_a_meeting_with_elected_representatives_needs_them_named_in_the_admin_too(admin_client, lagan):
    """The rule is the meeting's (Meeting.clean_attendees), so the admin's form shows it next to
    the field, as the meeting form does, instead of failing when the service refuses."""
    start = timezone.localtime() + timedelta(days=40)

    response = admin_client.post(
        reverse("admin:meetings_meeting_add"),
        {
            "group": lagan.pk,
            "kind": Meeting.Kind.ELECTED_REPRESENTATIVES,
            "title": "Möte med politiken",
            "starts_at_0": start.strftime("%Y-%m-%d"),
            "starts_at_1": "18:00:00",
            "ends_at_0": start.strftime("%Y-%m-%d"),
            "ends_at_1": "20:00:00",
            "proposal_deadline_0": (start - timedelta(days=14)).strftime("%Y-%m-%d"),
            "proposal_deadline_1": "23:59:00",
            "venue_name": "",
            "venue_address": "",
            "elected_representatives": "  ",
            "cancellation_reason": "",
            "published_issues-TOTAL_FORMS": "0",
            "published_issues-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "elected_representatives": ["Ange vilka förtroendevalda eller nämnder som deltar."]
    }
    assert Meeting.objects.count() == 0


def test_a_proposals_log_is_shown_in_the_admin(client, lagan, coordinator, member):
    """To those who may read the activity log there (a superuser; the coordinator's role does
    not include it)."""
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    proposal = services.proposal_submit(meeting=meeting, proposer=member, title="Badplatsen")
    services.proposal_decline(proposal=proposal, by=coordinator, reason="Hör till Trafikverket.")
    client.force_login(make_person(is_staff=True, is_superuser=True))

    page = client.get(_change_url(proposal)).content.decode()

    # the log's action column, one row each
    assert [page.count("<p>föreslaget</p>"), page.count("<p>avslaget</p>")] == [1, 1]
