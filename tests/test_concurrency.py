"""Requests that arrive at the same moment: a double click, four tabs, two coordinators.
Each gets a clear answer, the database one consistent state, and nobody a 500. The requests
run in threads, each with its own database connection, against a real transaction."""

import contextlib
import threading
import uuid
from functools import partial

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from groups.models import Membership
from meetings import services
from meetings.errors import AgendaConflict
from meetings.models import Meeting, Proposal
from tests.conftest import make_organisation, make_person
from tests.meetings.conftest import make_meeting

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
