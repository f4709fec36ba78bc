"""Released minutes are public records: no path changes them in place. Not the editor, not
the admin (even for a superuser), not the ORM: every write raises FrozenError and the
database stays as it was. A correction is a new version beside the released one."""

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from meetings.models import Meeting
from minutes.models import FrozenError, Minutes, MinutesItem, MinutesRelease, MinutesVersion
from tests.conftest import make_person
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import CORRECTING, RELEASED, editor_data, make_minutes, write

pytestmark = pytest.mark.django_db


def _sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


@pytest.fixture
def released(lagan, coordinator, official, member):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    return make_minutes(meeting, RELEASED, by=coordinator, reviewers=[official], signers=[member])


@pytest.fixture
def superuser(db):
    return make_person("Admin Adminsson", "admin@kommun.se", is_staff=True, is_superuser=True)


def _snapshot() -> tuple:
    """Everything of the released record."""
    return (
        list(Minutes.objects.values_list("pk", "status", "version", "correction_reason")),
        list(
            MinutesItem.objects.order_by("pk").values_list(
                "pk", "minutes", "position", "title", "notes", "agreed"
            )
        ),
        list(
            MinutesVersion.objects.order_by("pk").values_list(
                "pk", "minutes", "number", "content", "created_by"
            )
        ),
        [
            (*row[:-1], bytes(row[-1]))
            for row in MinutesRelease.objects.order_by("pk").values_list(
                "pk",
                "version",
                "released_by_name",
                "approvals",
                "sign_offs",
                "override_reason",
                "sha256",
                "pdf",
            )
        ],
    )


FROZEN = r"^Released minutes cannot be changed\.$"


def _refused(action) -> None:
    """The action raises FrozenError; its savepoint is rolled back so the test can look on."""
    with pytest.raises(FrozenError, match=FROZEN), transaction.atomic():
        action()


# Through the pages ---------------------------------------------------------------------


def test_editor_post_to_released_minutes_changes_nothing(client, released, coordinator):
    before = _snapshot()
    data = editor_data(released, dict.fromkeys(range(released.items.count()), ("Skrivet i efterhand.", "")))
    client.force_login(coordinator)

    response = client.post(reverse("minutes:edit", kwargs={"pk": released.meeting_id}), data)

    assert response.status_code == 200
    assert [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)] == [
        ("error", _sv("Released minutes cannot be changed. Start a correction instead."))
    ]
    assert _snapshot() == before


@pytest.mark.parametrize("model", [MinutesRelease, MinutesVersion])
def test_admin_shows_releases_and_versions_read_only(client, released, superuser, model):
    record = model.objects.get()
    url = reverse(f"admin:minutes_{model._meta.model_name}_change", args=[record.pk])
    client.force_login(superuser)
    before = _snapshot()

    page = client.get(url)
    change = client.post(url, {"override_reason": "Ändrat i admin.", "number": "7", "sha256": "0" * 64})
    delete = client.post(
        reverse(f"admin:minutes_{model._meta.model_name}_delete", args=[record.pk]), {"post": "yes"}
    )
    add = client.get(reverse(f"admin:minutes_{model._meta.model_name}_add"))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert (change.status_code, delete.status_code, add.status_code) == (403, 403, 403)
    assert _snapshot() == before


def test_admin_shows_released_minutes_items_read_only(client, released, superuser):
    url = reverse("admin:minutes_minutes_change", args=[released.pk])
    items = list(released.items.order_by("position", "id"))
    client.force_login(superuser)
    before = _snapshot()

    page = client.get(url)
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data |= {
            f"items-{index}-id": item.pk,
            f"items-{index}-minutes": released.pk,
            f"items-{index}-title": "Ny rubrik",
            f"items-{index}-notes": "Ändrat i admin.",
            f"items-{index}-agreed": "",
        }
    change = client.post(url, data)
    delete = client.post(reverse("admin:minutes_minutes_delete", args=[released.pk]), {"post": "yes"})

    item_url = reverse("admin:minutes_minutesitem_change", args=[items[0].pk])
    item_change = client.post(item_url, {"title": "Ny rubrik", "notes": "Ändrat i admin.", "agreed": ""})

    assert item_change.status_code == 403
    assert page.status_code == 200
    assert 'name="items-0-notes"' not in page.content.decode()
    assert (change.status_code, delete.status_code) == (403, 403)
    assert _snapshot() == before


def test_admin_history_cannot_revert_released_minutes(client, released, superuser):
    """simple_history hides its revert button without change permission but would accept the
    POST: reverting to the draft would reopen the released minutes."""
    draft = released.history.order_by("history_date", "history_id").first()
    url = reverse("admin:minutes_minutes_simple_history", args=[released.pk, draft.history_id])
    client.force_login(superuser)
    before = _snapshot()

    page = client.get(url)
    revert = client.post(url, {})

    assert (draft.status, page.status_code, revert.status_code) == (Minutes.Status.DRAFT, 200, 403)
    assert _snapshot() == before


# Through the ORM -----------------------------------------------------------------------


def test_queryset_update_of_released_items_is_refused(released):
    before = _snapshot()

    _refused(lambda: MinutesItem.objects.filter(minutes=released).update(notes="Ändrat."))
    _refused(lambda: MinutesItem.objects.filter(pk=released.items.first().pk).update(agreed="Ändrat."))
    _refused(lambda: MinutesItem.objects.update(title="Ändrat."))

    assert _snapshot() == before


@pytest.mark.parametrize("model", [MinutesRelease, MinutesVersion])
def test_queryset_update_of_releases_and_versions_is_refused(released, model):
    field = {MinutesRelease: "override_reason", MinutesVersion: "content"}[model]
    value = {MinutesRelease: "Ändrat.", MinutesVersion: {"items": []}}[model]
    before = _snapshot()

    _refused(lambda: model.objects.update(**{field: value}))
    _refused(lambda: model.objects.filter(minutes=released).update(**{field: value}))

    assert _snapshot() == before


def test_writes_through_the_related_managers_are_refused(released):
    before = _snapshot()

    _refused(lambda: released.items.update(notes="Ändrat."))
    _refused(lambda: released.items.all().delete())
    _refused(lambda: released.versions.update(content={"items": []}))
    _refused(lambda: released.versions.all().delete())
    _refused(lambda: released.releases.update(override_reason="Ändrat."))
    _refused(lambda: released.releases.all().delete())

    assert _snapshot() == before


def test_bulk_update_is_refused(released):
    items = list(released.items.all())
    for item in items:
        item.notes = "Ändrat."
    release = MinutesRelease.objects.get()
    release.override_reason = "Ändrat."
    version = MinutesVersion.objects.get()
    version.content = {"items": []}
    before = _snapshot()

    _refused(lambda: MinutesItem.objects.bulk_update(items, ["notes"]))
    _refused(lambda: MinutesRelease.objects.bulk_update([release], ["override_reason"]))
    _refused(lambda: MinutesVersion.objects.bulk_update([version], ["content"]))

    assert _snapshot() == before


def test_save_of_a_fetched_record_is_refused(released):
    item = released.items.first()
    item.notes = "Ändrat."
    release = MinutesRelease.objects.get()
    release.override_reason = "Ändrat."
    version = MinutesVersion.objects.get()
    version.content = {"items": []}
    before = _snapshot()

    _refused(item.save)
    _refused(release.save)
    _refused(version.save)
    _refused(lambda: release.save(update_fields=["override_reason"]))

    assert _snapshot() == before


def test_delete_is_refused(released):
    before = _snapshot()

    _refused(released.items.first().delete)
    _refused(MinutesRelease.objects.get().delete)
    _refused(MinutesVersion.objects.get().delete)
    _refused(lambda: MinutesItem.objects.filter(minutes=released).delete())
    _refused(lambda: MinutesRelease.objects.all().delete())
    _refused(lambda: MinutesVersion.objects.filter(minutes=released).delete())

    assert _snapshot() == before


# What stays possible -------------------------------------------------------------------


def test_a_correction_writes_the_items_but_keeps_the_released_version(lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(meeting, CORRECTING, by=coordinator, reviewers=[official])
    released_content = MinutesVersion.objects.get().content

    write(minutes, by=coordinator, texts={1: ("Tillagt i rättelsen.", "")})
    MinutesItem.objects.filter(minutes=minutes, position=2).update(agreed="Också i rättelsen.")

    assert MinutesVersion.objects.get().content == released_content
    assert released_content["items"][1]["notes"] == ""
    _refused(lambda: MinutesVersion.objects.update(content={"items": []}))
    _refused(lambda: MinutesRelease.objects.update(override_reason="Ändrat."))


def test_items_of_a_draft_can_be_changed_and_removed(lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(meeting, by=coordinator)
    item = minutes.items.order_by("position", "id").last()

    MinutesItem.objects.filter(minutes=minutes).update(agreed="Inget beslut.")
    item.delete()

    assert set(minutes.items.values_list("agreed", flat=True)) == {"Inget beslut."}
    assert minutes.items.filter(pk=item.pk).exists() is False


def test_deleting_the_account_that_released_is_refused_and_the_record_kept(released, coordinator):
    """The database refuses to change a release (minutes.archive), so the account of the person
    who released it cannot be deleted out from under it (it is closed by anonymising instead);
    the release names who released it either way."""
    before = _snapshot()

    with pytest.raises(ProtectedError, match="MinutesRelease.released_by"):
        coordinator.delete()

    assert _snapshot() == before
    assert MinutesRelease.objects.get().released_by_name == "Eva Samordnare"


def test_queryset_update_and_bulk_create_on_released_minutes_are_refused(released):
    before = _snapshot()

    with pytest.raises(FrozenError, match=FROZEN):
        Minutes.objects.filter(pk=released.pk).update(status=Minutes.Status.DRAFT)
    with pytest.raises(FrozenError, match=FROZEN):
        MinutesItem.objects.bulk_create([MinutesItem(minutes=released, title="Smugglad punkt")])

    assert _snapshot() == before
