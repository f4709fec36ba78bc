import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import make_person


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_admin_list_opens_for_a_superuser(client, model):
    client.force_login(make_person(is_staff=True, is_superuser=True))

    response = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))

    assert response.status_code == 200


def test_every_model_of_the_project_is_in_the_admin():
    from django.apps import apps

    ours = {"accounts", "groups", "officials", "meetings", "minutes", "issues"}
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in ours
        and not model._meta.label.split(".")[1].startswith("Historical")
        and model not in admin.site._registry
    ]

    assert missing == []


@pytest.mark.django_db
def test_coordinator_can_edit_the_standing_items_in_the_admin(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)

    response = client.get(reverse("admin:meetings_standingitem_changelist"))

    assert response.status_code == 200
    assert "Uppföljning av gruppens öppna sakfrågor" in response.content.decode()
