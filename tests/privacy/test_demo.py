import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from pypdf import PdfReader

from core.models import ActivityEvent
from minutes.models import MinutesRelease
from privacy import services
from privacy.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_the_demo_has_a_closed_account_a_pending_purge_and_an_audit_log(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent

    closed = AuditEntry.objects.get(action=AuditAction.ACCOUNT_CLOSED).subject
    assert closed.full_name == "Borttagen användare" and not closed.is_active
    release = MinutesRelease.objects.filter(
        minutes__meeting__group__area__slug="bolmens-ostra-strand"
    ).first()
    name = (
        release.sign_offs[0]["name"] if isinstance(release.sign_offs[0], dict) else str(release.sign_offs[0])
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(release.pdf))).pages)
    assert name in " ".join(text.split())
    # ... and nowhere else.
    assert not User.objects.filter(full_name=name).exists()
    assert not ActivityEvent.objects.filter(detail__contains=name).exists()

    pending = services.purge(dry_run=True)
    assert pending["expired_invitations"] >= 1 and pending["login_attempts"] >= 1
    assert AuditEntry.objects.filter(action=AuditAction.ROLE_GRANTED).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DATA_EXPORTED).exists()
