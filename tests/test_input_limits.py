"""Limits on every input: no text field takes a million characters, in the form (a Swedish
message next to the field, nothing saved), in the model's validation, or in the database (a
CHECK constraint, whatever path writes); phone numbers look like phone numbers; dates are
within the years the app knows."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.fields import LONG_TEXT, SHORT_TEXT, TEXT, validate_phone
from groups.forms import InvitationAcceptForm
from groups.models import Membership
from groups.services import invitations_send
from issues.models import Issue, IssueUpdate
from meetings.models import Meeting, Proposal, Rsvp
from minutes.models import MinutesItem
from tests.conftest import make_member
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import DRAFT, IN_REVIEW, make_held_meeting, make_minutes

pytestmark = pytest.mark.django_db

MILLION = "x" * 1_000_000
OURS = {"accounts", "officials", "groups", "meetings", "issues", "minutes", "core"}
# Written by the app itself, never typed: a rendered mail and the mail server's answer.
NOT_TYPED = {"core.OutgoingMail.text", "core.OutgoingMail.html", "core.MailDelivery.last_error"}


def _sv(message):
    with translation.override("sv"):
        return gettext(message)


def _too_long(limit: int, length: int) -> str:
    """Django's own message for a text over the limit, in Swedish."""
    validator = MaxLengthValidator(limit)
    with translation.override("sv"):
        return str(validator.message % {"limit_value": limit, "show_value": length})


def _text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OURS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.TextField) and f"{model._meta.label}.{field.name}" not in NOT_TYPED:
                yield model, field


TEXT_FIELDS = list(_text_fields())


@pytest.mark.parametrize(
    ("model", "field"), TEXT_FIELDS, ids=[f"{model._meta.label}.{field.name}" for model, field in TEXT_FIELDS]
)
def test_every_text_field_has_a_limit_in_the_model_and_the_database(model, field):
    constraint_names = {constraint.name for constraint in model._meta.constraints}

    assert field.max_length in {SHORT_TEXT, TEXT, LONG_TEXT}
    assert f"{model._meta.model_name}_{field.name}_at_most_{field.max_length}" in constraint_names


def test_every_text_field_is_found():
    # A new text field without a limit fails the test above; this keeps the search honest.
    assert len(TEXT_FIELDS) >= 24


@pytest.fixture
def proposal(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    return Proposal.objects.create(meeting=meeting, proposer=member, title="Bryggan")


def test_the_database_refuses_a_proposal_text_over_the_limit_from_update(proposal):
    with (
        pytest.raises(IntegrityError, match="proposal_description_at_most_20000|CHECK constraint failed"),
        transaction.atomic(),
    ):
        Proposal.objects.filter(pk=proposal.pk).update(description="x" * (LONG_TEXT + 1))

    assert Proposal.objects.get(pk=proposal.pk).description == ""


def test_the_database_refuses_minutes_notes_over_the_limit_from_bulk_update(lagan, coordinator):
    minutes = make_minutes(make_held_meeting(lagan, by=coordinator), DRAFT, by=coordinator)
    item = minutes.items.first()
    item.notes = "x" * (LONG_TEXT + 1)

    with (
        pytest.raises(IntegrityError, match="minutesitem_notes_at_most_20000|CHECK constraint failed"),
        transaction.atomic(),
    ):
        MinutesItem.objects.bulk_update([item], ["notes"])


def test_model_validation_refuses_an_issue_update_over_the_limit(lagan, coordinator):
    update = IssueUpdate(issue=Issue(group=lagan, title="Belysning"), text="x" * (LONG_TEXT + 1))

    with pytest.raises(ValidationError) as error:
        update.full_clean(exclude=["issue", "department"])

    assert error.value.message_dict["text"] == [_too_long(LONG_TEXT, LONG_TEXT + 1)]


# The fields the security review tried with a million characters, through their forms -----


def _errors(response, form="form"):
    return response.context[form].errors


def test_proposal_with_a_million_characters_is_refused_next_to_the_field(client, member, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    client.force_login(member)

    response = client.post(
        reverse("meetings:propose", args=[meeting.pk]),
        {"title": "Bryggan", "description": MILLION, "hoped_outcome": MILLION},
    )

    assert response.status_code == 200
    assert _errors(response) == {
        "description": [_too_long(LONG_TEXT, 1_000_000)],
        "hoped_outcome": [_too_long(SHORT_TEXT, 1_000_000)],
    }
    assert Proposal.objects.count() == 0


def test_cancellation_reason_with_a_million_characters_is_refused(client, coordinator, lagan):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    client.force_login(coordinator)

    response = client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": MILLION})

    assert response.status_code == 200
    assert _errors(response) == {"reason": [_too_long(SHORT_TEXT, 1_000_000)]}
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.OPEN


def test_rsvp_others_with_a_million_characters_is_refused(client, member, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    client.force_login(member)

    response = client.post(reverse("pages:rsvp", args=[meeting.pk]), {"answer": "yes", "others": MILLION})

    assert response.status_code == 200
    assert _errors(response, "rsvp_form") == {"others": [_too_long(SHORT_TEXT, 1_000_000)]}
    assert Rsvp.objects.count() == 0


def test_elected_representatives_with_a_million_characters_are_refused(client, coordinator, lagan):
    meeting = make_meeting(lagan, by=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("meetings:edit", args=[meeting.pk]))
    data = {
        name: field.value()
        for name, field in ((n, page.context["form"][n]) for n in page.context["form"].fields)
    }
    data = {name: value for name, value in data.items() if value is not None}
    data["elected_representatives"] = MILLION

    response = client.post(reverse("meetings:edit", args=[meeting.pk]), data)

    assert response.status_code == 200
    assert _errors(response)["elected_representatives"] == [_too_long(SHORT_TEXT, 1_000_000)]
    assert Meeting.objects.get(pk=meeting.pk).elected_representatives == ""


def test_issue_update_with_a_million_characters_is_refused(client, coordinator, lagan):
    issue = Issue.objects.create(group=lagan, title="Belysning", committee_id=None)
    client.force_login(coordinator)

    response = client.post(reverse("issues:add_update", args=[issue.pk]), {"text": MILLION})

    assert response.status_code == 200
    assert _errors(response, "update_form") == {"text": [_too_long(LONG_TEXT, 1_000_000)]}
    assert issue.updates.count() == 0


def test_release_reason_with_a_million_characters_is_refused(client, coordinator, official, lagan):
    minutes = make_minutes(
        make_held_meeting(lagan, by=coordinator), IN_REVIEW, by=coordinator, reviewers=[official]
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("minutes:release", args=[minutes.meeting_id]), {"override_reason": MILLION}
    )

    assert response.status_code == 200
    assert response.context["release_form"].errors == {"override_reason": [_too_long(SHORT_TEXT, 1_000_000)]}
    assert minutes.releases.count() == 0


# Phone numbers and dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["070-111 22 33", "0372-789 00", "+46 70 123 45 67", "+358 40 123 4567", "08-123 456 78"]
)
def test_phone_numbers_in_swedish_and_international_form_are_taken(number):
    validate_phone(number)


@pytest.mark.parametrize(
    "number", ["hej", "123", "070-111 22 33 ring efter 17", "++46701234567", "1" * 16, "070/1112233"]
)
def test_phone_that_is_no_number_is_refused_in_swedish(number):
    with pytest.raises(ValidationError) as error:
        validate_phone(number)

    assert error.value.messages == [
        _sv("Enter a phone number, for example 070-123 45 67 or +46 70 123 45 67.")
    ]


def test_invitee_with_a_phone_that_is_no_number_is_told_next_to_the_field(lagan, coordinator):
    invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)

    # The invitee's form itself: its link is only in the mail.
    form = InvitationAcceptForm(
        {
            "full_name": "Ny Person",
            "phone": "ring mig",
            "password1": "Ett-bra-lösen-77",
            "password2": "Ett-bra-lösen-77",
        },
        invitation=lagan.invitations.get(),
        new_person=True,
    )

    assert form.is_valid() is False
    assert form.errors["phone"] == [
        _sv("Enter a phone number, for example 070-123 45 67 or +46 70 123 45 67.")
    ]


def test_membership_from_year_one_is_refused_in_the_form(client, coordinator, lagan, member):
    client.force_login(coordinator)
    other = make_member(lagan)
    membership_count = Membership.objects.count()

    response = client.post(
        reverse("groups:membership_add", kwargs={"slug": "lagan"}),
        {"person": other.person.pk, "organisation": other.organisation.pk, "role": "", "start": "0001-01-01"},
    )

    assert response.status_code == 200
    assert "start" in _errors(response)
    assert Membership.objects.count() == membership_count


def test_the_database_refuses_a_membership_from_year_one(lagan, member):
    with (
        pytest.raises(IntegrityError, match="membership_start_in_range|CHECK constraint failed"),
        transaction.atomic(),
    ):
        Membership.objects.filter(person=member).update(start=date(1, 1, 1))
