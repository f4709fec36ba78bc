import time
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from meetings.models import Meeting
from tests.minutes.conftest import make_minutes, make_held_meeting, CORRECTED, RELEASED

pytestmark = pytest.mark.django_db

def test_explore(client, lagan, coordinator, official, member, mailoutbox):
    meeting = make_meeting_held = make_held_meeting(lagan, by=coordinator, item_count=2)
    print("items", meeting.items.count())
    t = time.time()
    minutes = make_minutes(meeting, CORRECTED, by=coordinator, reviewers=[official], signers=[member])
    print("time", time.time() - t)
    print(minutes.status, minutes.version, minutes.releases.count())
    with CaptureQueriesContext(connection) as q:
        r = client.get(reverse("minutes:public", kwargs={"pk": meeting.pk}))
    for x in q.captured_queries: print(x["sql"][:200])
    print(r.content.decode()[-4000:])
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as q:
        r = client.get(reverse("minutes:edit", kwargs={"pk": meeting.pk}))
    print(r.status_code)
    for x in q.captured_queries: print(x["sql"][:200])
    assert 0
