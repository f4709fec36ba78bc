import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.roles import Role, grant_role
from groups import services as group_services
from officials.models import Official
from privacy import audit
from privacy.models import AuditAction, AuditEntry
from tests.conftest import PASSWORD, ROLES, make_member, make_person

pytestmark = pytest.mark.django_db


def _get(client, role, request, url):
    user = request.getfixturevalue(role)
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_privacy_notice_and_the_accessibility_statement(client, role, request, settings):
    settings.PRIVACY_DPO_EMAIL = "dso@kommun.example"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@kommun.example"
    notice = _get(client, role, request, reverse("privacy:privacy_notice")).content.decode()
    statement = client.get(reverse("privacy:accessibility")).content.decode()
    assert "artikel 6.1 e" in notice and "dso@kommun.example" in notice
    assert "730" in notice  # the periods come from settings
    assert "delvis förenlig" in statement and "tillganglighet@kommun.example" in statement
    assert "https://www.digg.se/tdosanmalan" in statement


def test_every_page_links_the_notice_and_the_statement_in_its_footer(client):
    page = client.get(reverse("pages:home")).content.decode()
    footer = page[page.index("<footer") :]
    assert reverse("privacy:privacy_notice") in footer and reverse("privacy:accessibility") in footer


def test_the_invitation_links_the_notice_as_read_not_consented(
    client, lagan, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group_services.invitations_send(group=lagan, raw_addresses="ny@x.se", invited_by=coordinator)
    path = re.search(r"/inbjudan/[^/\s]+/", mail.outbox[-1].body).group(0)
    page = client.get(path).content.decode()
    assert reverse("privacy:privacy_notice") in page
    assert "allmänt intresse" in page and "samtycke" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 200),
        ("member", 200),
        ("former_member", 200),
        ("official", 200),
        ("coordinator", 200),
        ("superuser", 200),
    ],
)
def test_my_data_is_everyones_own(client, role, status, request):
    assert _get(client, role, request, reverse("privacy:my_data")).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("member", 403),
        ("official", 403),
        ("street_official", 403),
        ("coordinator", 200),
        ("superuser", 200),
    ],
)
def test_only_the_coordinator_reads_the_audit_log(client, role, status, request):
    assert _get(client, role, request, reverse("privacy:audit_log")).status_code == status


def test_my_data_page_lists_the_groups_to_leave_and_whether_the_account_can_close(client, lagan, member):
    client.force_login(member)
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert lagan.name in page and reverse("privacy:close_own_account") in page


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_my_data_page_queries_do_not_grow(client, lagan, ryssby):
    person = make_member(lagan).person
    client.force_login(person)
    few = _count(client, reverse("privacy:my_data"))
    for group in (ryssby,):
        make_member(group, person)
    many = _count(client, reverse("privacy:my_data"))
    assert few == many


def test_audit_log_queries_do_not_grow_and_the_list_is_paginated(client, coordinator):
    client.force_login(coordinator)
    for _ in range(3):
        audit.record(AuditAction.DATA_EXPORTED, actor=make_person(), subject=make_person())
    few = _count(client, reverse("privacy:audit_log"))
    for _ in range(80):
        audit.record(AuditAction.DATA_EXPORTED, actor=make_person(), subject=make_person())
    many = _count(client, reverse("privacy:audit_log"))
    assert few == many
    page = client.get(reverse("privacy:audit_log")).content.decode()
    assert page.count("<tr>") == 51  # the header and 50 entries
    assert "sida=2" in page


# The audit entries -------------------------------------------------------------------------


def test_role_changes_are_audited(db):
    person = make_person()
    grant_role(person, Role.COORDINATOR)
    person.groups.clear()
    official = Official.objects.create(user=person, title="Handläggare")
    official.delete()
    actions = list(AuditEntry.objects.filter(subject=person).order_by("id").values_list("action", "detail"))
    assert actions == [
        (AuditAction.ROLE_GRANTED, "samordnare"),
        (AuditAction.ROLE_REVOKED, "samordnare"),
        (AuditAction.ROLE_GRANTED, "tjänsteperson"),
        (AuditAction.ROLE_REVOKED, "tjänsteperson"),
    ]


def test_a_role_given_during_a_request_names_who_gave_it(rf, superuser):
    person = make_person()
    request = rf.post("/admin/")
    request.user = superuser
    HistoricalRecords.context.request = request
    try:
        grant_role(person, Role.COORDINATOR)
    finally:
        del HistoricalRecords.context.request
    assert AuditEntry.objects.get(action=AuditAction.ROLE_GRANTED, subject=person).actor == superuser


def test_an_admin_login_is_audited_and_a_members_is_not(client, superuser, member):
    client.post(reverse("admin:login"), {"username": superuser.email, "password": PASSWORD})
    client.logout()
    client.post(reverse("accounts:login"), {"username": member.email, "password": PASSWORD})
    entries = AuditEntry.objects.filter(action=AuditAction.ADMIN_LOGIN)
    assert [entry.actor for entry in entries] == [superuser]
