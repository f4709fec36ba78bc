"""A NUL byte ("\\x00") typed into every text field of every form of the application: a clear
Swedish field error, never a server error, and nothing saved (PostgreSQL cannot even store
the character).

Each form is found, as its user meets it, in the demo data (tests.test_swedish crawls it),
filled in as a browser would with a NUL byte in every text field, and sent."""

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.test_error_pages import database_rows
from tests.test_swedish import (
    ANONYMOUS,
    VISITORS,
    client_for,
    demo,  # noqa: F401 (a fixture)
    form_on,
    read,
    send,
)

NUL_TEXT = "Före\x00efter"
NUL_REFUSED = "Null-tecken är inte tillåtna."
NOT_A_DATE = "Fyll i ett giltigt datum."

# (who, the view the form is sent to, the error the page then shows)
FORMS = [
    (ANONYMOUS, "accounts:login", NUL_REFUSED),
    (ANONYMOUS, "accounts:password_reset", NUL_REFUSED),
    (ANONYMOUS, "accounts:password_reset_confirm", NUL_REFUSED),
    (ANONYMOUS, "groups:invitation_accept", NUL_REFUSED),
    (ANONYMOUS, "alerts:subscribe", NUL_REFUSED),
    (ANONYMOUS, "participation:class_answer", NUL_REFUSED),
    (ANONYMOUS, "participation:suggestion_box", NUL_REFUSED),
    (ANONYMOUS, "participation:survey_answer", NUL_REFUSED),
    ("coordinator", "accounts:password_change", NUL_REFUSED),
    ("coordinator", "groups:detail", NUL_REFUSED),  # the member filter (GET)
    ("coordinator", "groups:overview", NUL_REFUSED),  # the group search (GET)
    ("coordinator", "meetings:year", NUL_REFUSED),  # the group search (GET)
    ("coordinator", "groups:invitations", NUL_REFUSED),  # the invitation filter (GET)
    ("coordinator", "groups:invite", NUL_REFUSED),
    ("coordinator", "groups:main_contact", NOT_A_DATE),  # only a date to type
    ("coordinator", "groups:membership_add", NUL_REFUSED),
    ("coordinator", "groups:membership_end", NOT_A_DATE),  # only a date to type
    ("coordinator", "groups:organisation_create", NUL_REFUSED),
    ("coordinator", "groups:organisation_edit", NUL_REFUSED),
    ("coordinator", "groups:organisations", NUL_REFUSED),  # the organisation filter (GET)
    ("coordinator", "issues:add_update", NUL_REFUSED),
    ("coordinator", "issues:return_update", NUL_REFUSED),
    ("coordinator", "finance:application", NUL_REFUSED),  # the decision
    # The budget year only: a NUL byte is not a number (GET).
    ("coordinator", "finance:export", "Fyll i ett heltal."),
    ("coordinator", "finance:referral_decide", NUL_REFUSED),
    ("coordinator", "reports:send", NUL_REFUSED),
    ("representative", "finance:apply", NUL_REFUSED),
    # Amounts and a year only: a NUL byte is not a number.
    (
        "coordinator",
        "finance:referral_set",
        "Skriv beloppet som ett tal, till exempel 125000 eller 125000,50.",
    ),
    ("coordinator", "issues:create", NUL_REFUSED),
    ("coordinator", "issues:edit", NUL_REFUSED),
    ("coordinator", "issues:list", NUL_REFUSED),  # the issue filter (GET)
    ("coordinator", "meetings:attendance", NUL_REFUSED),
    ("coordinator", "meetings:cancel", NUL_REFUSED),
    ("coordinator", "meetings:create", NUL_REFUSED),
    ("coordinator", "meetings:edit", NUL_REFUSED),
    ("coordinator", "meetings:item_add", NUL_REFUSED),
    ("coordinator", "meetings:item_edit", NUL_REFUSED),
    ("coordinator", "meetings:proposal_decline", NUL_REFUSED),
    ("coordinator", "meetings:round", NUL_REFUSED),
    ("coordinator", "meetings:round_create", NUL_REFUSED),
    ("coordinator", "minutes:correction", NUL_REFUSED),
    ("coordinator", "participation:class_codes_create", NUL_REFUSED),
    ("coordinator", "participation:moderation_overview", NUL_REFUSED),  # the area search (GET)
    ("coordinator", "participation:question_add", NUL_REFUSED),
    ("coordinator", "participation:suggestion_hide", NUL_REFUSED),
    ("coordinator", "participation:suggestion_register", NUL_REFUSED),
    ("coordinator", "participation:survey_create", NUL_REFUSED),
    ("coordinator", "participation:survey_edit", NUL_REFUSED),
    ("coordinator", "minutes:edit", NUL_REFUSED),
    ("coordinator", "minutes:release", NUL_REFUSED),
    ("coordinator", "privacy:close_account_of", NUL_REFUSED),  # the reason
    ("official", "accounts:password_change", NUL_REFUSED),
    ("official", "groups:detail", NUL_REFUSED),
    ("official", "issues:add_update", NUL_REFUSED),
    ("official", "issues:list", NUL_REFUSED),
    ("official", "pages:agenda_review", NUL_REFUSED),
    ("official with minutes to review", "minutes:review", NUL_REFUSED),
    ("representative", "accounts:password_change", NUL_REFUSED),
    ("representative", "groups:detail", NUL_REFUSED),
    ("representative", "meetings:propose", NUL_REFUSED),
    ("representative", "pages:rsvp", NUL_REFUSED),
    ("representative", "minutes:sign_off", NUL_REFUSED),
    ("representative with a proposal waiting", "meetings:proposal_edit", NUL_REFUSED),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("visitor", "view", "error"), FORMS, ids=[f"{v}:{name}" for v, name, _e in FORMS])
def test_nul_byte_in_every_text_field_is_refused_and_saves_nothing(demo, visitor, view, error):  # noqa: F811
    client = client_for(visitor)
    form = form_on(client, demo.forms(visitor)[view], view)
    before = database_rows()

    response = send(client, form, NUL_TEXT)

    assert response.status_code == 200
    assert error in " ".join(read(form.action, response).texts)
    assert database_rows() == before


@pytest.mark.django_db
def test_every_form_to_type_in_is_tried_with_a_nul_byte(demo):  # noqa: F811
    found = {view for visitor in VISITORS for view in demo.forms(visitor)}

    assert sorted(found - {view for _visitor, view, _error in FORMS}) == []


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_nul_byte_in_every_query_parameter_gives_no_server_error(demo, visitor):  # noqa: F811
    client = client_for(visitor)
    addresses = {"/konto/logga-in/?next=%00"}
    for path in demo.pages(visitor):
        parts = urlsplit(path)
        addresses |= {
            f"{parts.path}?{urlencode({name: NUL_TEXT})}" for name, _value in parse_qsl(parts.query)
        }

    server_errors = [
        (address, status)
        for address in sorted(addresses)
        if (status := client.get(address).status_code) >= 500
    ]

    assert server_errors == []
