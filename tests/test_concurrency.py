"""Requests that arrive at the same moment: a double click, four tabs, two coordinators.
Each gets a clear answer, the database one consistent state, and nobody a 500. The requests
run in threads, each with its own database connection, against a real transaction."""

import contextlib
import threading
import uuid
from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from finance.models import FundApplication, FundAttachment, VillageFund
from groups.models import Membership
from issues import services as issue_services
from issues.models import Issue, IssueUpdate
from meetings import services
from meetings.errors import AgendaConflict
from meetings.models import Meeting, Proposal
from officials.models import Department
from participation.models import Suggestion
from tests.conftest import make_member, make_organisation, make_person
from tests.meetings.conftest import make_meeting
from tests.participation.conftest import suggestion_data

# serialized_rollback: the areas and groups of the data migrations are there for every test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at_once(requests: int, send) -> list:
    """Run send(index) in `requests` threads released together; their results in order.

    On PostgreSQL they truly run at once. SQLite (for development only) takes one writer at a
    time, and its in-memory test database refuses a second writer instead of waiting: there
    the requests take turns, which still sends the same form several times."""
    barrier = threading.Barrier(requests)
    results: list = [None] * requests
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

    def run(index):
        barrier.wait()
        try:
            with turns:
                results[index] = send(index)
        except Exception as error:  # the test reports it, instead of losing it in a thread
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_four_submits_of_one_proposal_form_store_it_once(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    data = {
        "title": "Belysning vid badplatsen",
        "description": "",
        "hoped_outcome": "",
        "form_token": uuid.uuid4(),
    }
    url = reverse("meetings:propose", args=[meeting.pk])

    def send(_index):
        client = Client()
        client.force_login(member)
        return client.post(url, data).status_code

    statuses = at_once(4, send)

    assert statuses == [302, 302, 302, 302]
    assert Proposal.objects.filter(meeting=meeting).count() == 1


def test_four_submits_of_one_suggestion_box_form_store_it_once(lagan):
    data = suggestion_data(form_token=uuid.uuid4())
    url = reverse("participation:suggestion_box", args=["lagan"])

    statuses = at_once(4, lambda _index: Client().post(url, data).status_code)

    assert statuses == [302, 302, 302, 302]
    assert Suggestion.objects.count() == 1


def test_four_submits_of_one_issue_update_form_store_it_once(lagan, coordinator):
    issue = issue_services.issue_create(
        group=lagan,
        title="Trasig parkbänk",
        by=coordinator,
        department=Department.objects.get(slug="park-och-skotselfragor"),
    )
    data = {"text": "Bänken är lagad.", "new_status": Issue.Status.CLOSED, "form_token": uuid.uuid4()}
    url = reverse("issues:add_update", kwargs={"pk": issue.pk})

    def send(_index):
        client = Client()
        client.force_login(coordinator)
        response = client.post(url, data, follow=True)
        return response.status_code, "Uppdateringen är publicerad." in response.content.decode()

    results = at_once(4, send)

    assert results == [(200, True)] * 4
    assert IssueUpdate.objects.filter(issue=issue).count() == 1


def test_four_submits_of_one_fund_application_form_store_it_once(lagan):
    organisation = make_organisation("Lagans hembygdsförening")
    applicant = make_member(lagan, make_person("Astrid Sökande"), organisation).person
    fund = VillageFund.objects.create(name="Lagans bygdefond", yearly_amount=100000)
    fund.areas.add(lagan.area)
    token = uuid.uuid4()
    url = reverse("finance:apply", kwargs={"pk": fund.pk})

    def send(_index):
        client = Client()
        client.force_login(applicant)
        data = {
            "organisation": organisation.pk,
            "title": "Ny lekplats",
            "purpose": "Barnen.",
            "amount": "1000",
            "budget": "Gungor 1000",
            "files": [SimpleUploadedFile("budget.pdf", b"%PDF-1.7\n%%EOF\n")],
            "form_token": token,
        }
        return client.post(url, data).status_code

    statuses = at_once(4, send)

    assert statuses == [302, 302, 302, 302]
    assert FundApplication.objects.count() == 1
    assert FundAttachment.objects.count() == 1


def test_four_adds_of_the_same_member_store_one_and_tell_the_others(lagan, coordinator):
    person = make_person("Greta Granne", "greta@example.se")
    organisation = make_organisation("Lagans IF")
    url = reverse("groups:membership_add", kwargs={"slug": "lagan"})
    data = {"person": person.pk, "organisation": organisation.pk, "role": "", "start": "2026-01-01"}

    def send(_index):
        client = Client()
        client.force_login(coordinator)
        response = client.post(url, data)
        # Refused: the form again, saying the person is a member already (or, once the other
        # request has committed, no longer among those who can be added).
        page = response.content.decode()
        return response.status_code, "är redan medlem i" in page or "Välj ett giltigt alternativ" in page

    results = at_once(4, send)

    assert sorted(results) == [(200, True), (200, True), (200, True), (302, False)]
    assert Membership.objects.filter(person=person, group=lagan, end__isnull=True).count() == 1


def test_accepting_and_removing_on_one_agenda_at_once_never_deadlock(lagan, member, coordinator):
    """Every service locks the meeting before its proposals and items (meetings.services._common).
    Accepting a proposal and removing an item of the same agenda at the same moment queue up on
    the meeting: one goes through, the other is told the agenda changed; never a deadlock."""
    outcomes = []
    for round_number in range(5):
        meeting = make_meeting(
            lagan, status=Meeting.Status.OPEN, by=coordinator, title=f"Möte {round_number}"
        )
        accepted = services.proposal_submit(meeting=meeting, proposer=member, title="Bryggan")
        item = services.proposal_accept(
            proposal=accepted,
            by=coordinator,
            expected_version=Meeting.objects.get(pk=meeting.pk).agenda_version,
        )
        waiting = services.proposal_submit(meeting=meeting, proposer=member, title="Belysningen")
        version = Meeting.objects.get(pk=meeting.pk).agenda_version
        actions = [
            partial(services.proposal_accept, proposal=waiting, by=coordinator, expected_version=version),
            partial(services.agenda_item_remove, item=item, by=coordinator, expected_version=version),
        ]

        def send(index, actions=actions):
            try:
                actions[index]()
            except AgendaConflict:
                return "conflict"
            return "done"

        outcomes.append(sorted(at_once(2, send)))

    assert outcomes == [["conflict", "done"]] * 5
