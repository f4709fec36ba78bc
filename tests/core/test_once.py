"""A form sent twice stores one row (core.once): the second save answers with the first row,
and a save refused for another reason is still refused."""

import uuid

import pytest
from django.db import IntegrityError

from core import once
from participation.models import Suggestion

pytestmark = pytest.mark.django_db


def _suggestion(lagan, form_token, text="Laga bryggan.") -> Suggestion:
    return Suggestion(area=lagan.area, title="Bryggan", text=text, form_token=form_token)


def test_create_once_answers_the_same_form_with_the_row_it_stored_first(lagan):
    token = uuid.uuid4()
    first, created = once.create_once(_suggestion(lagan, token), Suggestion.objects.all())

    again, created_again = once.create_once(_suggestion(lagan, token), Suggestion.objects.all())

    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Suggestion.objects.count() == 1


def test_create_once_lets_through_a_refusal_for_another_reason(lagan):
    with pytest.raises(IntegrityError):
        once.create_once(_suggestion(lagan, uuid.uuid4(), text="x" * 10_000), Suggestion.objects.all())

    assert Suggestion.objects.count() == 0


def test_sent_before_never_takes_a_row_without_a_token_for_a_repeat(lagan):
    _suggestion(lagan, None).save()

    assert once.sent_before(Suggestion.objects.all(), None) is None
