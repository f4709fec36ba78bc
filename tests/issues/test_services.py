"""The issue register's transitions: who may do what, what is refused, and that every change
is kept with who made it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from core import activity
from issues import services
from issues.errors import IssueError
from issues.models import Issue
from officials.models import Committee, Department
from tests.meetings.conftest import make_meeting, make_official

pytestmark = pytest.mark.django_db

Status = Issue.Status
PARKS = "park-och-skotselfragor"
STREETS = "gatu-och-trafikfragor"


def department(slug=PARKS) -> Department:
    return Department.objects.get(slug=slug)


def committee(slug="samhallsbyggnadsutskottet") -> Committee:
    return Committee.objects.get(slug=slug)


def make_issue(group, *, by, title="Trasig parkbänk", department_slug=PARKS, **extra) -> Issue:
    extra.setdefault("department", department(department_slug) if department_slug else None)
    return services.issue_create(group=group, title=title, by=by, **extra)


def refused(service, /, **kwargs) -> str:
    """The English message of the IssueError the service raises (each caller asserts it)."""
    with translation.override("en"), pytest.raises(IssueError) as error:
        service(**kwargs)
    return str(error.value.message)


@pytest.fixture
def street_official(db):
    """An official of another department than the issue's (streets and traffic)."""
    return make_official("Gun Gatuchef", "gun@kommun.se", departments=(STREETS,))


# Creating ------------------------------------------------------------------------------


def test_issue_create_raised_at_a_meeting_of_the_group(lagan, coordinator):
    meeting = make_meeting(lagan, by=coordinator)
    item = meeting.items.first()

    issue = make_issue(lagan, by=coordinator, meeting=meeting, agenda_item=item, due_date=date(2030, 6, 1))

    assert (issue.group, issue.meeting, issue.agenda_item) == (lagan, meeting, item)
    assert issue.status == Status.OPEN
    assert issue.created_by == coordinator
    assert issue.history.count() == 1
    assert issue.history.get().history_user == coordinator


def test_issue_create_with_a_meeting_of_another_group_is_refused(lagan, ryssby, coordinator):
    meeting = make_meeting(ryssby, by=coordinator)

    message = refused(make_issue, group=lagan, by=coordinator, meeting=meeting)

    assert message == "The meeting belongs to another group."
    assert Issue.objects.count() == 0


def test_issue_create_with_an_agenda_item_of_another_meeting_is_refused(lagan, coordinator):
    meeting = make_meeting(lagan, by=coordinator)
    other_item = make_meeting(lagan, by=coordinator).items.first()

    message = refused(make_issue, group=lagan, by=coordinator, meeting=meeting, agenda_item=other_item)

    assert message == "The agenda item belongs to another meeting."
    assert Issue.objects.count() == 0


def test_issue_create_without_anyone_responsible_is_refused(lagan, coordinator):
    message = refused(make_issue, group=lagan, by=coordinator, department_slug=None)

    assert message == "Choose the department or the committee responsible."
    assert Issue.objects.count() == 0


def test_issue_create_with_only_a_committee_responsible(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator, department_slug=None, committee=committee())

    assert (issue.department, issue.committee) == (None, committee())


# Changing status -----------------------------------------------------------------------


def test_issue_change_status_is_recorded_in_history_with_the_user(lagan, coordinator, official):
    issue = make_issue(lagan, by=official)

    issue = services.issue_change_status(issue=issue, status=Status.IN_PROGRESS, by=coordinator)

    assert Issue.objects.get(pk=issue.pk).status == Status.IN_PROGRESS
    assert issue.history.count() == 2
    latest, first = issue.history.order_by("-history_id")
    assert (latest.status, latest.history_user) == (Status.IN_PROGRESS, coordinator)
    assert (first.status, first.history_user) == (Status.OPEN, official)


def test_issue_change_status_to_the_same_status_is_refused(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)

    message = refused(services.issue_change_status, issue=issue, status=Status.OPEN, by=coordinator)

    assert message == "The issue already has that status."
    assert issue.history.count() == 1


def test_issue_change_status_to_an_unknown_status_is_refused(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)

    message = refused(services.issue_change_status, issue=issue, status="lost", by=coordinator)

    assert message == "Choose a status from the list."


def test_issue_referral_to_a_committee_needs_the_committee(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)

    message = refused(
        services.issue_change_status, issue=issue, status=Status.REFERRED_TO_COMMITTEE, by=coordinator
    )

    assert message == "Choose the committee the issue is referred to first."
    assert Issue.objects.get(pk=issue.pk).status == Status.OPEN


def test_issue_referral_to_a_committee_with_the_committee(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator, committee=committee())

    issue = services.issue_change_status(issue=issue, status=Status.REFERRED_TO_COMMITTEE, by=coordinator)

    assert issue.status == Status.REFERRED_TO_COMMITTEE


def test_issue_change_status_to_answered_without_an_answer_is_refused(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)

    message = refused(services.issue_change_status, issue=issue, status=Status.ANSWERED, by=coordinator)

    assert message == "The issue has no answer yet; write it in the answer form."


# Answering -----------------------------------------------------------------------------


def test_issue_answer_sets_answered_with_who_and_when(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    before = timezone.now()

    services.issue_answer(issue=issue, answer="  Bänken byts i maj.  ", by=official)

    issue.refresh_from_db()
    assert issue.status == Status.ANSWERED
    assert issue.answer == "Bänken byts i maj."
    assert issue.answered_by == official
    assert before <= issue.answered_at <= timezone.now()
    latest = issue.history.order_by("-history_id").first()
    assert (latest.status, latest.history_user) == (Status.ANSWERED, official)


def test_issue_answer_by_the_coordinator(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)

    issue = services.issue_answer(issue=issue, answer="Frågan är löst.", by=coordinator)

    assert (issue.status, issue.answered_by) == (Status.ANSWERED, coordinator)


@pytest.mark.parametrize("who", ["street_official", "member", "other_member", "outsider"])
def test_issue_answer_by_anyone_else_is_refused(request, lagan, coordinator, who):
    issue = make_issue(lagan, by=coordinator)
    person = request.getfixturevalue(who)

    message = refused(services.issue_answer, issue=issue, answer="Svar.", by=person)

    assert message == "Only the coordinator or an official of the responsible department can answer."
    issue.refresh_from_db()
    assert (issue.status, issue.answer, issue.answered_by) == (Status.OPEN, "", None)


def test_issue_answer_by_an_official_when_only_a_committee_is_responsible_is_refused(
    lagan, coordinator, official
):
    issue = make_issue(lagan, by=coordinator, department_slug=None, committee=committee())

    message = refused(services.issue_answer, issue=issue, answer="Svar.", by=official)

    assert message == "Only the coordinator or an official of the responsible department can answer."


def test_issue_answer_to_a_closed_issue_is_refused(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)

    message = refused(services.issue_answer, issue=issue, answer="Svar.", by=official)

    assert message == "The issue is closed."
    issue.refresh_from_db()
    assert (issue.status, issue.answer) == (Status.CLOSED, "")


def test_issue_answer_that_is_empty_is_refused(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)

    message = refused(services.issue_answer, issue=issue, answer=" \n ", by=official)

    assert message == "Write the answer."
    assert Issue.objects.get(pk=issue.pk).status == Status.OPEN


# Editing -------------------------------------------------------------------------------


def test_issue_update_changes_the_fields_and_records_the_user(lagan, coordinator, official):
    issue = make_issue(lagan, by=official)
    due = timezone.localdate() + timedelta(days=30)

    issue = services.issue_update(
        issue=issue, by=coordinator, title="Ny bänk", department=department(STREETS), due_date=due
    )

    issue.refresh_from_db()
    assert (issue.title, issue.department, issue.due_date) == ("Ny bänk", department(STREETS), due)
    latest = issue.history.order_by("-history_id").first()
    assert (latest.title, latest.history_user) == ("Ny bänk", coordinator)


def test_issue_update_cannot_change_the_status_or_the_group(lagan, ryssby, coordinator):
    issue = make_issue(lagan, by=coordinator)

    with pytest.raises(TypeError, match="^issue_update cannot change group, status$"):
        services.issue_update(issue=issue, by=coordinator, status=Status.CLOSED, group=ryssby)

    issue.refresh_from_db()
    assert (issue.status, issue.group) == (Status.OPEN, lagan)


def test_issue_update_cannot_remove_the_committee_of_a_referred_issue(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator, committee=committee())
    services.issue_change_status(issue=issue, status=Status.REFERRED_TO_COMMITTEE, by=coordinator)

    message = refused(services.issue_update, issue=issue, by=coordinator, committee=None)

    assert message == "The issue is referred to a committee; the committee cannot be removed."
    assert Issue.objects.get(pk=issue.pk).committee == committee()


# The transitions -----------------------------------------------------------------------


def test_issue_moves_from_every_status_to_every_other():
    for status in Status:
        assert Issue.TRANSITIONS.targets(status) == set(Status) - {status}


def test_issue_followed_up_is_every_status_that_can_still_be_closed():
    assert Issue.FOLLOW_UP_STATES == Issue.TRANSITIONS.sources(Status.CLOSED) == set(Status) - {Status.CLOSED}


@pytest.mark.parametrize("status", list(Status))
def test_issue_followed_up_and_accepts_answers_agree_with_the_queryset(lagan, coordinator, status):
    issue = make_issue(lagan, by=coordinator)
    Issue.objects.filter(pk=issue.pk).update(status=status)
    issue.refresh_from_db()

    followed_up = Issue.objects.followed_up().filter(pk=issue.pk).exists()

    assert (issue.is_followed_up, issue.accepts_answers, followed_up) == (status != Status.CLOSED,) * 3


def test_issue_closed_can_be_reopened(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)

    issue = services.issue_change_status(issue=issue, status=Status.OPEN, by=coordinator)

    assert issue.status == Status.OPEN


# The activity log ----------------------------------------------------------------------


def _events(issue):
    return [(event.action, event.actor, event.detail) for event in activity.events_of(issue)]


def test_issue_created_status_changed_and_answered_are_recorded_with_who(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)

    services.issue_change_status(issue=issue, status=Status.IN_PROGRESS, by=coordinator)
    services.issue_answer(issue=issue, answer="Bänken byts i maj.", by=official)

    assert _events(issue) == [
        ("issue.created", coordinator, ""),
        ("issue.status_changed", coordinator, "öppen → pågår"),
        ("issue.answered", official, ""),
    ]


def test_issue_refused_change_records_nothing(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)

    refused(services.issue_answer, issue=issue, answer="Svar.", by=official)
    refused(services.issue_change_status, issue=issue, status=Status.CLOSED, by=coordinator)

    assert [action for action, _actor, _detail in _events(issue)] == ["issue.created", "issue.status_changed"]
