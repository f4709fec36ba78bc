"""Each retention rule removes exactly what it should, with time moved by passing `now`."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import Attempt
from groups import services as group_services
from groups.models import Invitation, hash_invitation_token
from privacy import services
from privacy.models import AuditAction, AuditEntry
from tests.conftest import make_member, make_person

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _invitation(group, email, *, expires_at, status=Invitation.Status.PENDING):
    return Invitation.objects.create(
        group=group,
        email=email,
        token_hash=hash_invitation_token(email),
        expires_at=expires_at,
        status=status,
    )


def test_expired_invitations_go_90_days_after_their_link_ran_out(lagan, member):
    now = timezone.now()
    old = _invitation(lagan, "old@x.se", expires_at=now - 91 * DAY)
    revoked = _invitation(lagan, "rev@x.se", expires_at=now - 91 * DAY, status=Invitation.Status.REVOKED)
    recent = _invitation(lagan, "new@x.se", expires_at=now - 89 * DAY)
    accepted = _invitation(lagan, "acc@x.se", expires_at=now - 400 * DAY, status=Invitation.Status.ACCEPTED)

    counts = services.purge(now=now)

    assert counts["expired_invitations"] == 2
    assert set(Invitation.objects.values_list("pk", flat=True)) == {recent.pk, accepted.pk}
    assert not Invitation.objects.filter(pk__in=[old.pk, revoked.pk]).exists()


def test_login_attempts_go_after_30_days(db):
    now = timezone.now()
    Attempt.objects.create(scope="login-client", key="a", created_at=now - 31 * DAY)
    kept = Attempt.objects.create(scope="login-client", key="b", created_at=now - 29 * DAY)

    assert services.purge(now=now)["login_attempts"] == 1
    assert list(Attempt.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_former_members_phone_goes_two_years_after_their_last_membership_ended(lagan, ryssby):
    long_gone = make_member(
        lagan, make_person("Gammal", phone="070-1"), start=timezone.localdate() - 1000 * DAY
    )
    group_services.membership_end(membership=long_gone, end=timezone.localdate() - 731 * DAY)
    recently_gone = make_member(
        lagan, make_person("Nyss", phone="070-2"), start=timezone.localdate() - 1000 * DAY
    )
    group_services.membership_end(membership=recently_gone, end=timezone.localdate() - 700 * DAY)
    still_elsewhere = make_member(
        lagan, make_person("Kvar", phone="070-3"), start=timezone.localdate() - 1000 * DAY
    )
    group_services.membership_end(membership=still_elsewhere, end=timezone.localdate() - 800 * DAY)
    make_member(ryssby, still_elsewhere.person)

    counts = services.purge()

    assert counts["former_members_contact_details"] == 1
    long_gone.person.refresh_from_db()
    assert long_gone.person.phone == "" and long_gone.person.full_name == "Gammal"
    recently_gone.person.refresh_from_db()
    still_elsewhere.person.refresh_from_db()
    assert recently_gone.person.phone == "070-2" and still_elsewhere.person.phone == "070-3"


def test_the_audit_log_is_kept_two_years(db):
    now = timezone.now()
    AuditEntry.objects.create(action=AuditAction.DATA_EXPORTED, created_at=now - 731 * DAY)
    kept = AuditEntry.objects.create(action=AuditAction.DATA_EXPORTED, created_at=now - 729 * DAY)

    assert services.purge(now=now)["audit_log"] == 1
    assert AuditEntry.objects.filter(pk=kept.pk).exists()


def test_a_dry_run_counts_and_removes_nothing(capsys, db):
    Attempt.objects.create(scope="login-client", key="a", created_at=timezone.now() - 31 * DAY)

    call_command("purge", "--dry-run")

    output = capsys.readouterr().out
    assert "login_attempts, 30" in output and ": 1" in output
    assert Attempt.objects.count() == 1
    assert not AuditEntry.objects.filter(action=AuditAction.PURGED).exists()


def test_every_run_is_logged_with_its_counts(capsys, db):
    Attempt.objects.create(scope="login-client", key="a", created_at=timezone.now() - 31 * DAY)

    call_command("purge")
    call_command("purge")

    assert Attempt.objects.count() == 0
    runs = list(
        AuditEntry.objects.filter(action=AuditAction.PURGED).order_by("id").values_list("detail", flat=True)
    )
    assert len(runs) == 2
    assert "login_attempts: 1" in runs[0] and "login_attempts: 0" in runs[1]
