"""The issue register's transitions: who may do what, what is refused, and that every change
is kept with who made it."""

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from alerts import services as alert_services
from alerts.models import MemberAlertSetting
from core import activity
from core.models import OutgoingMail
from issues import services
from issues.errors import IssueError
from issues.models import Issue, IssueUpdate
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

    assert message == "The issue has no published update yet; write the answer as an update."


# Updates -------------------------------------------------------------------------------


def _published(issue) -> list[tuple]:
    return list(issue.updates.published().order_by("published_at", "id").values_list("text", "author"))


def test_update_by_an_official_waits_for_the_coordinators_approval(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)

    update = services.issue_update_add(
        issue=issue,
        by=official,
        text="  Bänken byts i maj.  ",
        new_status=Status.ANSWERED,
        case_number=" KS 2026/12 ",
    )

    assert (update.state, update.text, update.case_number) == (
        IssueUpdate.State.AWAITING_APPROVAL,
        "Bänken byts i maj.",
        "KS 2026/12",
    )
    assert (update.department, update.published_at) == (department(), None)
    issue.refresh_from_db()
    assert (issue.status, _published(issue)) == (Status.OPEN, [])


def test_update_approved_is_published_and_applies_its_status(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    update = services.issue_update_add(
        issue=issue, by=official, text="Bänken byts.", new_status=Status.ANSWERED
    )
    before = timezone.now()

    update = services.issue_update_approve(update=update, by=coordinator)

    assert (update.state, update.approved_by) == (IssueUpdate.State.PUBLISHED, coordinator)
    assert before <= update.published_at <= timezone.now()
    issue.refresh_from_db()
    assert (issue.status, _published(issue)) == (Status.ANSWERED, [("Bänken byts.", official.pk)])
    latest = issue.history.order_by("-history_id").first()
    assert (latest.status, latest.history_user) == (Status.ANSWERED, official)


def test_update_by_the_coordinator_is_published_at_once(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)

    update = services.issue_update_add(
        issue=issue, by=coordinator, text="Frågan är löst.", new_status=Status.CLOSED
    )

    assert (update.state, update.department) == (IssueUpdate.State.PUBLISHED, None)
    assert Issue.objects.get(pk=issue.pk).status == Status.CLOSED


def test_update_of_a_department_that_publishes_directly_is_published_at_once(lagan, coordinator, official):
    Department.objects.filter(slug=PARKS).update(publishes_directly=True)
    issue = make_issue(lagan, by=coordinator)

    update = services.issue_update_add(issue=issue, by=official, text="Beställt.")

    assert (update.state, update.approved_by) == (IssueUpdate.State.PUBLISHED, official)


def test_update_returned_with_a_reason_is_never_published(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    update = services.issue_update_add(issue=issue, by=official, text="Utkast.", new_status=Status.CLOSED)

    update = services.issue_update_return(update=update, by=coordinator, reason=" Skriv vilket datum. ")

    assert (update.state, update.return_reason) == (IssueUpdate.State.RETURNED, "Skriv vilket datum.")
    message = refused(services.issue_update_approve, update=update, by=coordinator)
    assert message == "The update is no longer waiting for approval."
    issue.refresh_from_db()
    assert (issue.status, _published(issue)) == (Status.OPEN, [])


def test_update_returned_without_a_reason_is_refused(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    update = services.issue_update_add(issue=issue, by=official, text="Utkast.")

    message = refused(services.issue_update_return, update=update, by=coordinator, reason="  ")

    assert message == "Say why the update is returned."
    assert IssueUpdate.objects.get(pk=update.pk).state == IssueUpdate.State.AWAITING_APPROVAL


@pytest.mark.parametrize("service", ["issue_update_approve", "issue_update_return"])
def test_update_approval_by_an_official_is_refused(lagan, coordinator, official, service):
    issue = make_issue(lagan, by=coordinator)
    update = services.issue_update_add(issue=issue, by=official, text="Utkast.")

    with translation.override("en"), pytest.raises(IssueError, match="^Only the coordinator"):
        getattr(services, service)(
            update=update, by=official, **({"reason": "Nej."} if "return" in service else {})
        )

    assert IssueUpdate.objects.get(pk=update.pk).state == IssueUpdate.State.AWAITING_APPROVAL


def test_update_published_twice_is_refused(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    update = services.issue_update_add(issue=issue, by=official, text="Klart.")
    services.issue_update_approve(update=update, by=coordinator)

    message = refused(services.issue_update_approve, update=update, by=coordinator)

    assert message == "The update is no longer waiting for approval."
    assert issue.updates.published().count() == 1


def test_update_with_the_same_form_token_is_stored_and_mailed_once(lagan, coordinator, member, committed):
    alert_services.member_setting_save(person=member, frequency=MemberAlertSetting.Frequency.IMMEDIATELY)
    issue = make_issue(lagan, by=coordinator)
    token = uuid.uuid4()

    first, second = (
        committed(
            services.issue_update_add, issue=issue, by=coordinator, text="Bänken byts.", form_token=token
        )
        for _ in range(2)
    )

    assert first.pk == second.pk
    assert issue.updates.count() == 1
    assert OutgoingMail.objects.filter(template="issue_update_member").count() == 1


def test_update_that_closed_the_issue_sent_again_answers_with_the_update_stored(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)
    token = uuid.uuid4()
    first = services.issue_update_add(
        issue=issue, by=coordinator, text="Frågan är löst.", new_status=Status.CLOSED, form_token=token
    )

    second = services.issue_update_add(
        issue=issue, by=coordinator, text="Frågan är löst.", new_status=Status.CLOSED, form_token=token
    )

    assert second.pk == first.pk
    assert issue.updates.count() == 1


def test_the_same_form_token_from_another_author_is_a_new_update(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    token = uuid.uuid4()

    first = services.issue_update_add(issue=issue, by=official, text="Beställt.", form_token=token)
    second = services.issue_update_add(issue=issue, by=coordinator, text="Klart.", form_token=token)

    assert first.pk != second.pk
    assert issue.updates.count() == 2


@pytest.mark.parametrize("who", ["street_official", "member", "other_member", "outsider"])
def test_update_by_anyone_else_is_refused(request, lagan, coordinator, who):
    issue = make_issue(lagan, by=coordinator)
    person = request.getfixturevalue(who)

    message = refused(services.issue_update_add, issue=issue, text="Svar.", by=person)

    assert message == "Only the coordinator or an official of the responsible department can write an update."
    assert issue.updates.count() == 0


def test_update_by_an_official_when_only_a_committee_is_responsible_is_refused(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator, department_slug=None, committee=committee())

    message = refused(services.issue_update_add, issue=issue, text="Svar.", by=official)

    assert message == "Only the coordinator or an official of the responsible department can write an update."


@pytest.mark.parametrize("who", ["official", "coordinator"])
def test_update_on_a_closed_issue_is_refused_until_it_is_reopened(request, lagan, coordinator, who):
    issue = make_issue(lagan, by=coordinator)
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)

    message = refused(services.issue_update_add, issue=issue, text="Svar.", by=request.getfixturevalue(who))

    assert (
        message
        == "The issue is closed. The coordinator reopens it (changes its status) before it takes updates."
    )
    assert issue.updates.count() == 0
    services.issue_change_status(issue=issue, status=Status.OPEN, by=coordinator)
    assert services.issue_update_add(issue=issue, text="Svar.", by=request.getfixturevalue(who)).pk


def test_update_approved_after_the_issue_was_closed_with_a_status_is_refused(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    update = services.issue_update_add(issue=issue, by=official, text="Pågår.", new_status=Status.IN_PROGRESS)
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)

    message = refused(services.issue_update_approve, update=update, by=coordinator)

    assert message == "The issue has been closed meanwhile. Reopen it first, or return the update."
    assert Issue.objects.get(pk=issue.pk).status == Status.CLOSED


def test_update_that_is_empty_is_refused(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)

    message = refused(services.issue_update_add, issue=issue, text=" \n ", by=official)

    assert message == "Write the update."
    assert issue.updates.count() == 0


def test_update_referring_to_a_committee_needs_the_committee(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)

    message = refused(
        services.issue_update_add,
        issue=issue,
        text="Till nämnden.",
        new_status=Status.REFERRED_TO_COMMITTEE,
        by=coordinator,
    )

    assert message == "Choose the committee the issue is referred to first."


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
def test_issue_followed_up_and_accepts_updates_agree_with_the_queryset(lagan, coordinator, status):
    issue = make_issue(lagan, by=coordinator)
    Issue.objects.filter(pk=issue.pk).update(status=status)
    issue.refresh_from_db()

    followed_up = Issue.objects.followed_up().filter(pk=issue.pk).exists()

    assert (issue.is_followed_up, issue.accepts_updates, followed_up) == (status != Status.CLOSED,) * 3


def test_issue_closed_can_be_reopened(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator)
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)

    issue = services.issue_change_status(issue=issue, status=Status.OPEN, by=coordinator)

    assert issue.status == Status.OPEN


# The activity log ----------------------------------------------------------------------


def _events(issue):
    return [(event.action, event.actor, event.detail) for event in activity.events_of(issue)]


def test_issue_created_status_changed_and_updates_are_recorded_with_who(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)

    services.issue_change_status(issue=issue, status=Status.IN_PROGRESS, by=coordinator)
    update = services.issue_update_add(
        issue=issue, text="Bänken byts i maj.", new_status=Status.ANSWERED, by=official
    )
    services.issue_update_approve(update=update, by=coordinator)
    returned = services.issue_update_add(issue=issue, text="Utkast.", by=official)
    services.issue_update_return(update=returned, by=coordinator, reason="Inte klart.")

    assert _events(issue) == [
        ("issue.created", coordinator, ""),
        ("issue.status_changed", coordinator, "öppen → pågår"),
        ("issue.update_added", official, ""),
        ("issue.status_changed", coordinator, "pågår → besvarad"),
        ("issue.update_published", coordinator, ""),
        ("issue.update_added", official, ""),
        ("issue.update_returned", coordinator, "Inte klart."),
    ]


def test_issue_refused_change_records_nothing(lagan, coordinator, official):
    issue = make_issue(lagan, by=coordinator)
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)

    refused(services.issue_update_add, issue=issue, text="Svar.", by=official)
    refused(services.issue_change_status, issue=issue, status=Status.CLOSED, by=coordinator)

    assert [action for action, _actor, _detail in _events(issue)] == ["issue.created", "issue.status_changed"]
