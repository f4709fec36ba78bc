"""The follow-up item of an agenda: the group's open issues. A published agenda is a record, so
it keeps listing the issues that were open when it was published; before that, those open now."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from issues import services as issue_services
from issues.models import Issue
from meetings.models import Meeting, PublishedIssue
from officials.models import Committee, Department
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

Status = Meeting.Status


def _parks() -> Department:
    return Department.objects.get(slug="park-och-skotselfragor")


def _streets() -> Department:
    return Department.objects.get(slug="gatu-och-trafikfragor")


def _sub_committee() -> Committee:
    return Committee.objects.get(slug="samhallsbyggnadsutskottet")


def _label(status) -> str:
    with translation.override("sv"):
        return str(Issue.Status(status).label)


def _listed(response) -> list[tuple[str, str, str]]:
    """The follow-up item's issues as the page lists them: title, status, who answers."""
    return [
        (issue.title, str(issue.status_label), issue.responsible)
        for issue in response.context["follow_up_issues"]
    ]


@pytest.fixture
def bench(lagan, coordinator):
    return issue_services.issue_create(
        group=lagan, title="Trasig parkbänk", by=coordinator, department=_parks()
    )


@pytest.fixture
def crossing(lagan, coordinator):
    return issue_services.issue_create(
        group=lagan, title="Övergångsställe vid skolan", by=coordinator, committee=_sub_committee()
    )


def test_meeting_held_last_year_lists_the_issues_open_when_its_agenda_was_published(
    client, lagan, coordinator, member, official, bench, crossing
):
    meeting = make_meeting(
        lagan, status=Status.HELD, starts_in=timedelta(days=-365), by=coordinator, reviewers=[official]
    )
    # At the meeting and after it: a new issue is raised, another is answered and closed.
    issue_services.issue_create(
        group=lagan, title="Nytt busskur", by=coordinator, meeting=meeting, department=_streets()
    )
    issue_services.issue_change_status(issue=crossing, status=Issue.Status.CLOSED, by=coordinator)
    client.force_login(member)

    response = client.get(meeting.get_absolute_url())

    assert _listed(response) == [
        ("Trasig parkbänk", _label(Issue.Status.OPEN), _parks().name),
        ("Övergångsställe vid skolan", _label(Issue.Status.OPEN), _sub_committee().name),
    ]
    assert "Nytt busskur" not in response.content.decode()


def test_published_agenda_keeps_its_list_when_an_issue_is_renamed_afterwards(
    client, lagan, coordinator, official, bench
):
    meeting = make_meeting(lagan, status=Status.PUBLISHED, by=coordinator, reviewers=[official])
    issue_services.issue_update(issue=bench, by=coordinator, title="Parkbänken är lagad")
    client.force_login(official)

    response = client.get(meeting.get_absolute_url())

    assert _listed(response) == [("Trasig parkbänk", _label(Issue.Status.OPEN), _parks().name)]
    assert f'href="{reverse("issues:detail", kwargs={"pk": bench.pk})}"' in response.content.decode()


def test_unpublished_agenda_lists_the_issues_open_now(client, lagan, coordinator, member, bench):
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)
    raised = issue_services.issue_create(
        group=lagan, title="Nytt busskur", by=coordinator, department=_streets()
    )
    client.force_login(member)

    response = client.get(meeting.get_absolute_url())

    assert _listed(response) == [
        ("Trasig parkbänk", _label(Issue.Status.OPEN), _parks().name),
        (raised.title, _label(Issue.Status.OPEN), _streets().name),
    ]


def test_publishing_records_the_open_issues_of_the_group_only(
    lagan, ryssby, coordinator, official, bench, crossing
):
    issue_services.issue_create(group=ryssby, title="Ryssbys fråga", by=coordinator, department=_parks())
    issue_services.issue_change_status(issue=crossing, status=Issue.Status.CLOSED, by=coordinator)

    meeting = make_meeting(lagan, status=Status.PUBLISHED, by=coordinator, reviewers=[official])

    assert list(meeting.published_issues.values_list("issue_id", "title", "status", "responsible")) == [
        (bench.pk, "Trasig parkbänk", Issue.Status.OPEN, _parks().name)
    ]


def test_public_page_of_a_published_agenda_shows_no_issues_to_visitors(client, lagan, coordinator, bench):
    meeting = make_meeting(lagan, status=Status.PUBLISHED, by=coordinator)

    response = client.get(meeting.get_absolute_url())

    assert response.context["follow_up_issues"] is None
    assert "Trasig parkbänk" not in response.content.decode()


def test_backfill_records_what_was_open_when_an_earlier_agenda_was_published(
    lagan, coordinator, official, bench, crossing
):
    """Agendas published before the record existed get it from the issues' history."""
    meeting = make_meeting(lagan, status=Status.PUBLISHED, by=coordinator, reviewers=[official])
    PublishedIssue.objects.all().delete()
    Meeting.objects.filter(pk=meeting.pk).update(published_at=timezone.now() - timedelta(days=30))
    Issue.history.filter(id__in=[bench.pk, crossing.pk]).update(
        history_date=timezone.now() - timedelta(days=40)
    )
    # Closed after publishing: still open in the record. Raised after: not in it.
    issue_services.issue_change_status(issue=crossing, status=Issue.Status.CLOSED, by=coordinator)
    issue_services.issue_create(group=lagan, title="Nytt busskur", by=coordinator, department=_streets())
    migration = importlib.import_module("meetings.migrations.0003_published_issues")

    migration.record_published_issues(apps, None)

    assert list(meeting.published_issues.values_list("title", "status", "responsible")) == [
        ("Trasig parkbänk", Issue.Status.OPEN, _parks().name),
        ("Övergångsställe vid skolan", Issue.Status.OPEN, _sub_committee().name),
    ]
