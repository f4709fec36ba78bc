import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_demos_elected_representative_is_invited_to_a_coming_dialogue_she_has_answered(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    client.force_login(get_user_model().objects.get(email="karin.lindqvist@politik.example.se"))

    html = " ".join(client.get(reverse("pages:elected_representative")).content.decode().split())

    assert html.count("Dialog med förtroendevalda om Lagans centrum") == 1
    assert "ditt svar: kommer" in html
    assert "Sakfrågor som lämnats till dina nämnder" in html
