"""Who may do what with the issue register: every permission of issues.rules for every role,
against every state that matters (as the views and templates ask them)."""

import pytest

from issues import services
from issues.models import Issue
from issues.rules import (
    is_member_of_the_issues_group,
    is_official_of_the_responsible_department,
    may_write_update,
)
from officials.models import Committee, Department
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

Status = Issue.Status
STAFF = {"official", "street_official", "coordinator", "superuser"}
COORDINATORS = {"coordinator", "superuser"}


def _expect(allowed: set[str]) -> list[tuple[str, bool]]:
    return [(role, role in allowed) for role in ROLES]


@pytest.fixture
def issue_for(lagan, coordinator):
    """An issue of the Lagan group in `status`, answered by parks (the `official`'s department),
    streets (the `street_official`'s) or only a committee."""

    def make(responsible="parks", status=Status.OPEN) -> Issue:
        department = {
            "parks": Department.objects.get(slug="park-och-skotselfragor"),
            "streets": Department.objects.get(slug="gatu-och-trafikfragor"),
            "committee": None,
        }[responsible]
        issue = services.issue_create(
            group=lagan,
            title="Trasig parkbänk",
            by=coordinator,
            department=department,
            committee=Committee.objects.get(slug="samhallsbyggnadsutskottet"),
        )
        if status == Status.ANSWERED:
            services.issue_update_add(
                issue=issue, text="Bänken byts i maj.", new_status=status, by=coordinator
            )
            return Issue.objects.get(pk=issue.pk)
        if status != Status.OPEN:
            return services.issue_change_status(issue=issue, status=status, by=coordinator)
        return issue

    return make


@pytest.mark.parametrize(("role", "expected"), _expect(STAFF))
def test_view_issue_list(request, role, expected):
    assert request.getfixturevalue(role).has_perm("issues.view_issue_list") is expected


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize(("role", "expected"), _expect(STAFF | {"member", "elected_representative"}))
def test_view_issue_page(request, issue_for, role, expected, status):
    """Before it is public: the municipality's people, the group's current members and the
    elected representatives on the committee responsible (samhällsbyggnadsutskottet), whatever
    the status."""
    issue = issue_for(status=status)

    assert request.getfixturevalue(role).has_perm("issues.view_issue_page", issue) is expected


@pytest.mark.parametrize("role", ROLES)
def test_view_issue_page_of_a_public_issue_is_everyones(request, issue_for, role):
    issue = issue_for()
    issue.public_since = issue.created_at

    assert request.getfixturevalue(role).has_perm("issues.view_issue_page", issue) is True


@pytest.mark.parametrize(("role", "expected"), _expect(STAFF))
def test_see_internal(request, role, expected):
    assert request.getfixturevalue(role).has_perm("issues.see_internal") is expected


@pytest.mark.parametrize(("role", "expected"), _expect(COORDINATORS))
def test_approve_updates(request, role, expected):
    assert request.getfixturevalue(role).has_perm("issues.approve_updates") is expected


@pytest.mark.parametrize(("role", "expected"), _expect({"member"}))
def test_is_member_of_the_issues_group(request, issue_for, role, expected):
    assert is_member_of_the_issues_group(request.getfixturevalue(role), issue_for()) is expected


@pytest.mark.parametrize(("role", "expected"), _expect(COORDINATORS))
def test_manage_issues(request, role, expected):
    assert request.getfixturevalue(role).has_perm("issues.manage_issues") is expected


@pytest.mark.parametrize(
    ("responsible", "allowed"),
    [
        ("parks", COORDINATORS | {"official"}),
        ("streets", COORDINATORS | {"street_official"}),
        # No department: only the coordinator answers for a committee.
        ("committee", COORDINATORS),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_write_update(request, issue_for, responsible, allowed, role):
    issue = issue_for(responsible)
    user = request.getfixturevalue(role)

    assert (user.has_perm("issues.write_update", issue), may_write_update(user, issue)) == (
        role in allowed,
    ) * 2


@pytest.mark.parametrize(("role", "expected"), _expect({"official"}))
def test_is_official_of_the_responsible_department(request, issue_for, role, expected):
    assert (
        is_official_of_the_responsible_department(request.getfixturevalue(role), issue_for("parks"))
        is expected
    )


def test_view_issue_page_of_another_committee_is_refused_to_an_elected_representative(
    issue_for, elected_representative
):
    issue = issue_for()
    issue.committee = Committee.objects.get(slug="kommunstyrelsen")

    assert elected_representative.has_perm("issues.view_issue_page", issue) is False


def test_write_update_by_an_official_who_has_left_is_refused(issue_for, official):
    """An official whose account is closed writes nothing, even for their department."""
    official.is_active = False
    official.save()

    assert official.has_perm("issues.write_update", issue_for("parks")) is False


@pytest.mark.parametrize("status", list(Status))
def test_write_update_is_about_who_and_accepts_updates_about_the_state(issue_for, official, status):
    """The official of the department may write updates; whether the issue takes one now is
    the issue's (closed: no). The issue's page offers the form only when both hold."""
    issue = issue_for("parks", status)

    assert (official.has_perm("issues.write_update", issue), issue.accepts_updates) == (
        True,
        status != Status.CLOSED,
    )
