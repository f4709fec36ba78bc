"""Issues in the admin go through the same services as the issue's pages: who created or
edited one is in its history and the activity log; the status and the answer are only shown."""

import pytest
from django.urls import reverse

from core import activity
from issues import services
from issues.models import Issue
from officials.models import Department
from tests.admin_forms import form_data, post_change

pytestmark = pytest.mark.django_db

PARKS = "park-och-skotselfragor"


@pytest.fixture
def issue(lagan, coordinator):
    return services.issue_create(
        group=lagan, title="Trasig parkbänk", by=coordinator, department=Department.objects.get(slug=PARKS)
    )


def test_an_issue_added_in_the_admin_is_recorded_with_who(admin_client, lagan, coordinator):
    url = reverse("admin:issues_issue_add")
    page = admin_client.get(url).content.decode()

    response = admin_client.post(
        url,
        form_data(
            page,
            group=str(lagan.pk),
            title="Belysning",
            department=str(Department.objects.get(slug=PARKS).pk),
        ),
    )

    issue = Issue.objects.get(title="Belysning")
    assert response.status_code == 302
    assert (issue.created_by, issue.history.get().history_user) == (coordinator, coordinator)
    assert [(event.action, event.actor) for event in activity.events_of(issue)] == [
        ("issue.created", coordinator)
    ]


def test_an_issue_without_anyone_responsible_is_refused_in_the_admin_next_to_the_field(admin_client, issue):
    response = post_change(admin_client, reverse("admin:issues_issue_change", args=[issue.pk]), department="")

    issue.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "department": ["Välj ansvarig verksamhet eller ansvarig nämnd."]
    }
    assert issue.department.slug == PARKS


def test_the_status_and_where_an_issue_was_raised_are_only_shown_in_the_admin(admin_client, issue, ryssby):
    url = reverse("admin:issues_issue_change", args=[issue.pk])

    response = post_change(admin_client, url, status="closed", group=str(ryssby.pk), title="Ny bänk")

    issue.refresh_from_db()
    assert response.status_code == 302
    assert (issue.title, issue.status, issue.group.slug) == ("Ny bänk", Issue.Status.OPEN, "lagan")
    assert issue.history.order_by("-history_id").first().history_user.email == "samordnare@kommun.se"
