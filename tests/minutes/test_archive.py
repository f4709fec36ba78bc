"""The tamper-evident archive: the database itself refuses every path that would rewrite
released minutes (on SQLite and on PostgreSQL alike: `make test-postgres` runs these too), and
verify_archive finds a rewrite made by someone who got past the triggers."""

import hashlib
import json
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from meetings.models import Meeting
from minutes import archive
from minutes.models import (
    FrozenError,
    Minutes,
    MinutesItem,
    MinutesRelease,
    MinutesReview,
    MinutesVersion,
    SignOff,
)
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import CORRECTED, RELEASED, approve_all, make_minutes, release, send, write

pytestmark = pytest.mark.django_db

REFUSED = "refused: released minutes are public records"


@pytest.fixture
def released(lagan, coordinator, official, member):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    return make_minutes(meeting, RELEASED, by=coordinator, reviewers=[official], signers=[member])


def _refused(action):
    """Run a write in its own savepoint and assert the database refused it."""
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        action()


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _fingerprint():
    release = MinutesRelease._base_manager.get()
    return (bytes(release.pdf), release.sha256, release.chain_hash, release.version.content)


def test_archive_triggers_are_installed_by_migrate(db):
    assert archive.installed_triggers() == archive.expected_triggers()
    assert len(archive.expected_triggers()) == (16 if connection.vendor == "postgresql" else 14)


def test_release_update_through_base_manager_is_refused(released):
    before = _fingerprint()
    _refused(lambda: MinutesRelease._base_manager.update(pdf=b"%PDF-forged", sha256="0" * 64))
    assert _fingerprint() == before


def test_version_update_through_base_manager_is_refused(released):
    before = _fingerprint()
    _refused(lambda: MinutesVersion._base_manager.update(content={"forged": True}))
    assert _fingerprint() == before


def test_release_bulk_create_with_update_conflicts_is_refused(released):
    existing = MinutesRelease._base_manager.get()
    forged = MinutesRelease(
        pk=existing.pk,
        minutes=existing.minutes,
        version=existing.version,
        released_at=existing.released_at,
        pdf=b"%PDF-forged",
        sha256="0" * 64,
        previous_chain_hash="x",
        chain_hash="y",
    )
    before = _fingerprint()
    _refused(
        lambda: MinutesRelease._base_manager.bulk_create(
            [forged], update_conflicts=True, unique_fields=["id"], update_fields=["pdf", "sha256"]
        )
    )
    assert _fingerprint() == before


def test_version_bulk_create_with_update_conflicts_is_refused(released):
    existing = MinutesVersion._base_manager.get()
    forged = MinutesVersion(pk=existing.pk, minutes=existing.minutes, number=existing.number, content={})
    before = _fingerprint()
    _refused(
        lambda: MinutesVersion._base_manager.bulk_create(
            [forged], update_conflicts=True, unique_fields=["id"], update_fields=["content"]
        )
    )
    assert _fingerprint() == before


def test_setting_status_back_and_saving_is_refused(released):
    minutes = Minutes.objects.get(pk=released.pk)
    minutes.status = Minutes.Status.DRAFT
    _refused(minutes.save)
    assert Minutes.objects.get(pk=released.pk).status == Minutes.Status.RELEASED


def test_loaddata_of_an_edited_dump_is_refused(released, tmp_path):
    dump = json.loads(serializers.serialize("json", MinutesRelease._base_manager.all()))
    dump[0]["fields"]["sha256"] = "0" * 64
    dump[0]["fields"]["pdf"] = "JVBERi1mb3JnZWQ="  # base64 of %PDF-forged
    fixture = tmp_path / "forged.json"
    fixture.write_text(json.dumps(dump))
    before = _fingerprint()
    _refused(lambda: call_command("loaddata", str(fixture), verbosity=0))
    assert _fingerprint() == before


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE minutes_minutesrelease SET sha256 = 'forged'",
        "DELETE FROM minutes_minutesrelease",
        "UPDATE minutes_minutesversion SET number = 99",
        "DELETE FROM minutes_minutesversion",
        "UPDATE minutes_minutesitem SET notes = 'forged'",
        "DELETE FROM minutes_minutesitem",
        "UPDATE minutes_minutes SET status = 'draft'",
        "UPDATE minutes_minutesreview SET verdict = 'commented'",
        "DELETE FROM minutes_minutesreview",
        "UPDATE minutes_signoff SET verdict = 'commented'",
        "UPDATE meetings_meeting SET title = 'Forged'",
    ],
)
def test_raw_sql_on_the_released_record_is_refused(released, sql):
    before = _fingerprint()
    _refused(lambda: _raw(sql))
    assert _fingerprint() == before


def test_emptying_the_archive_at_once_is_refused(released):
    # PostgreSQL empties a table with TRUNCATE, which skips row triggers; SQLite has only DELETE.
    if connection.vendor == "postgresql":
        # The test's own transaction holds deferred foreign-key checks, which TRUNCATE refuses
        # to run past; check them now, as a fresh transaction would have none.
        _raw("SET CONSTRAINTS ALL IMMEDIATE")
        statement = "TRUNCATE minutes_minutesrelease, minutes_minutesversion CASCADE"
    else:
        statement = "DELETE FROM minutes_minutesrelease"
    _refused(lambda: _raw(statement))
    assert MinutesRelease._base_manager.count() == 1


def test_meeting_of_released_minutes_keeps_its_title_and_time_but_not_other_fields(released):
    meeting = released.meeting
    _raw("UPDATE meetings_meeting SET venue_name = 'Bygdegården' WHERE id = %s", [meeting.pk])
    assert Meeting.objects.get(pk=meeting.pk).venue_name == "Bygdegården"
    _refused(lambda: _raw("UPDATE meetings_meeting SET starts_at = ends_at WHERE id = %s", [meeting.pk]))


def test_reviews_of_an_unreleased_version_may_change(lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(meeting, "in_review", by=coordinator, reviewers=[official])
    _raw("UPDATE minutes_minutesreview SET verdict = 'approved'")
    assert list(MinutesReview.objects.values_list("verdict", flat=True)) == ["approved"]
    assert SignOff.objects.filter(minutes=minutes).count() == 0


def test_a_correction_still_goes_through_and_extends_the_chain(lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    make_minutes(meeting, CORRECTED, by=coordinator, reviewers=[official])
    first, second = MinutesRelease.objects.order_by("id")
    assert first.previous_chain_hash == ""
    assert second.previous_chain_hash == first.chain_hash
    assert second.chain_hash == archive.chain_hash(
        previous=first.chain_hash,
        sha256=hashlib.sha256(bytes(second.pdf)).hexdigest(),
        minutes_id=second.minutes_id,
        version_number=second.version.number,
        released_at=second.released_at,
    )


def test_two_releases_cannot_link_to_the_same_predecessor(released):
    existing = MinutesRelease._base_manager.get()
    fork = MinutesRelease(
        minutes=existing.minutes,
        version=MinutesVersion._base_manager.create(minutes=existing.minutes, number=99, content={}),
        pdf=b"%PDF",
        sha256="1" * 64,
        previous_chain_hash=existing.previous_chain_hash,
        chain_hash="2" * 64,
    )
    with (
        pytest.raises(IntegrityError, match="previous_chain_hash|archive_chain_never_forks"),
        transaction.atomic(),
    ):
        fork.save()


def _verify() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("verify_archive", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_verify_archive_passes_on_an_intact_archive(lagan, ryssby, coordinator, official):
    for group in (lagan, ryssby):
        meeting = make_meeting(group, status=Meeting.Status.HELD, by=coordinator)
        make_minutes(meeting, CORRECTED, by=coordinator, reviewers=[official])
    out, err = _verify()
    assert out.strip() == "The archive verifies: 4 releases, every PDF and the chain intact."
    assert err == ""


@pytest.fixture
def without_triggers():
    """Someone with the power to drop the triggers (a database administrator)."""
    archive.uninstall_triggers()
    yield
    archive.install_triggers()


def test_verify_archive_fails_on_a_rewritten_pdf(released, without_triggers):
    forged = b"%PDF-1.7 forged"
    _raw("UPDATE minutes_minutesrelease SET pdf = %s", [forged])
    archive.install_triggers()  # and puts them back, to hide it
    with pytest.raises(CommandError, match=r"The archive does not verify: 1 problem\(s\) in 1 releases"):
        _verify()


def test_verify_archive_fails_on_a_rewritten_pdf_with_its_hash(released, without_triggers):
    forged = b"%PDF-1.7 forged"
    _raw(
        "UPDATE minutes_minutesrelease SET pdf = %s, sha256 = %s",
        [forged, hashlib.sha256(forged).hexdigest()],
    )
    archive.install_triggers()

    with pytest.raises(CommandError, match=r"does not verify: 1 problem"):
        _verify()


def test_verify_archive_fails_when_a_release_is_removed(lagan, coordinator, official, without_triggers):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    make_minutes(meeting, CORRECTED, by=coordinator, reviewers=[official])
    first = MinutesRelease.objects.order_by("id").first()
    _raw("DELETE FROM minutes_minutesrelease WHERE id = %s", [first.pk])
    archive.install_triggers()
    err = StringIO()
    with pytest.raises(CommandError, match="does not verify"):
        call_command("verify_archive", stdout=StringIO(), stderr=err)
    assert "the link to the previous release is broken" in err.getvalue()


def test_release_after_a_draft_edit_does_not_touch_the_items_of_released_minutes(released, coordinator):
    # The guard in the models and the trigger agree: the editor's path gets the model's error.
    item = MinutesItem.objects.filter(minutes=released).first()
    item.notes = "Ändrad"
    with pytest.raises(FrozenError, match="Released minutes cannot be changed"):
        item.save()


def test_released_minutes_keep_their_chain_through_a_second_meeting(lagan, coordinator, official):
    first_meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    make_minutes(first_meeting, RELEASED, by=coordinator, reviewers=[official])
    second_meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(second_meeting, "draft", by=coordinator)
    write(minutes, by=coordinator, texts={0: ("Anteckning", "Beslut")})
    send(minutes, by=coordinator, reviewers=[official])
    approve_all(minutes)
    second = release(Minutes.objects.get(pk=minutes.pk), by=coordinator)
    first = MinutesRelease.objects.exclude(pk=second.pk).get()
    assert second.previous_chain_hash == first.chain_hash


def test_verify_archive_fails_when_the_triggers_are_gone(released, without_triggers):
    err = StringIO()

    with pytest.raises(CommandError, match="does not verify: 1 problem"):
        call_command("verify_archive", stdout=StringIO(), stderr=err)

    assert "the database's archive triggers are missing: item_delete" in err.getvalue()
