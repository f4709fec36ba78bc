"""The minutes workflow through its services: each transition allowed in some states and
refused in the others with a message in Swedish, who may decide what, what a release
records and whom it mails."""

import hashlib
import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from core.fields import LONG_TEXT
from groups.services import membership_end
from issues.services import issue_create
from meetings import services as meeting_services
from meetings.models import Meeting
from minutes import services
from minutes.content import build_content
from minutes.errors import MinutesError
from minutes.models import (
    Minutes,
    MinutesAction,
    MinutesComment,
    MinutesItem,
    MinutesRelease,
    MinutesReview,
    MinutesVersion,
    SignOff,
)
from officials.models import Department
from tests.conftest import make_member, make_organisation, make_person
from tests.meetings.conftest import make_meeting, make_official
from tests.minutes.conftest import (
    CORRECTED,
    CORRECTING,
    CORRECTION_REASON,
    DRAFT,
    IN_REVIEW,
    RELEASED,
    STATES,
    approve_all,
    make_minutes,
    release,
    send,
    write,
)

pytestmark = pytest.mark.django_db

Status = Minutes.Status


def _sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


@pytest.fixture
def held(lagan, coordinator):
    return make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)


def _texts(minutes) -> list[tuple[str, str]]:
    return list(minutes.items.order_by("position", "id").values_list("notes", "agreed"))


def _first_item(minutes) -> MinutesItem:
    return minutes.items.order_by("position", "id").first()


# Start ---------------------------------------------------------------------------------


def test_minutes_start_on_a_held_meeting_has_one_item_per_agenda_item(held, coordinator):
    minutes = services.minutes_start(meeting=held, by=coordinator)

    assert (minutes.status, minutes.version, minutes.created_by) == (Status.DRAFT, 0, coordinator)
    assert list(minutes.items.values_list("title", "notes", "agreed")) == [
        (title, "", "") for title in held.items.order_by("position", "id").values_list("title", flat=True)
    ]
    assert minutes.items.count() == held.items.count() > 0


@pytest.mark.parametrize(
    "status",
    [
        Meeting.Status.DRAFT,
        Meeting.Status.OPEN,
        Meeting.Status.IN_REVIEW,
        Meeting.Status.PUBLISHED,
        Meeting.Status.CANCELLED,
    ],
)
def test_minutes_start_is_refused_until_the_meeting_is_held(lagan, coordinator, status):
    meeting = make_meeting(lagan, status=status, by=coordinator)

    with pytest.raises(MinutesError) as error:
        services.minutes_start(meeting=meeting, by=coordinator)

    assert error.value.message == _sv("Minutes are written once the meeting has been marked as held.")
    assert Minutes.objects.count() == 0


def test_minutes_start_again_returns_the_same_minutes(held, coordinator):
    first = make_minutes(held, DRAFT, by=coordinator)

    again = services.minutes_start(meeting=held, by=coordinator)

    assert again == first
    assert Minutes.objects.count() == 1
    assert _texts(again)[0] == ("Vi gick igenom dagordningen.", "")


# Save ----------------------------------------------------------------------------------

SAVE_ALLOWED = {DRAFT: True, IN_REVIEW: True, RELEASED: False, CORRECTING: True, CORRECTED: False}


@pytest.mark.parametrize("state", STATES)
def test_minutes_save_only_while_editable(held, coordinator, official, state):
    minutes = make_minutes(held, state, by=coordinator, reviewers=[official])
    before = _texts(minutes)

    if SAVE_ALLOWED[state]:
        write(minutes, by=coordinator, texts={1: ("Ny anteckning.", "Nytt beslut.")})
        assert _texts(minutes)[1] == ("Ny anteckning.", "Nytt beslut.")
    else:
        with pytest.raises(MinutesError) as error:
            write(minutes, by=coordinator, texts={1: ("Ny anteckning.", "Nytt beslut.")})
        assert error.value.message == _sv("Released minutes cannot be changed. Start a correction instead.")
        assert _texts(minutes) == before
    assert Minutes.objects.get().status == minutes.status


def test_minutes_save_refuses_an_item_of_other_minutes(held, lagan, coordinator):
    minutes = make_minutes(held, DRAFT, by=coordinator)
    other = make_minutes(make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator), by=coordinator)
    before = _texts(minutes), _texts(other)

    with pytest.raises(MinutesError) as error:
        services.minutes_save(
            minutes=minutes, texts={_first_item(other).pk: ("Fel protokoll.", "")}, by=coordinator
        )

    assert error.value.message == _sv("The minutes have changed; reload the page.")
    assert (_texts(minutes), _texts(other)) == before


def test_minutes_save_refuses_a_text_over_the_limit(held, coordinator):
    minutes = make_minutes(held, DRAFT, by=coordinator)
    before = _texts(minutes)

    with pytest.raises(MinutesError) as error:
        write(minutes, by=coordinator, texts={0: ("kort", ""), 1: ("x" * (LONG_TEXT + 1), "")})

    assert error.value.message == _sv("A text is longer than %(limit)s characters.") % {"limit": LONG_TEXT}

    assert _texts(minutes) == before


# Send for review -----------------------------------------------------------------------


def test_minutes_send_for_review_freezes_the_draft_as_version_one(
    held, coordinator, official, member, committed, mailoutbox
):
    minutes = make_minutes(held, DRAFT, by=coordinator, texts={0: ("Bryggan är trasig.", "Vi ber om en ny.")})
    expected_content = build_content(minutes)

    version = committed(
        services.minutes_send_for_review,
        minutes=minutes,
        reviewers=[official],
        signers=[member],
        by=coordinator,
    )

    minutes.refresh_from_db()
    assert (minutes.status, minutes.version) == (Status.IN_REVIEW, 1)
    assert (version.number, version.created_by, version.content) == (1, coordinator, expected_content)
    assert version.content["items"][0]["notes"] == "Bryggan är trasig."
    assert list(minutes.reviews.values_list("reviewer", "version_number", "verdict")) == [
        (official.pk, 1, MinutesReview.Verdict.PENDING)
    ]
    assert list(minutes.sign_offs.values_list("person", "version_number", "verdict")) == [
        (member.pk, 1, SignOff.Verdict.PENDING)
    ]
    # The subject names the version: the request for version 2 is not the one for version 1.
    title = {"title": held.title, "number": 1}
    assert sorted((message.to[0], message.subject) for message in mailoutbox) == [
        ("anna@forening.se", _sv("Please sign off the minutes: %(title)s, version %(number)s") % title),
        ("olle@kommun.se", _sv("Please review the minutes: %(title)s, version %(number)s") % title),
    ]


def test_minutes_send_for_review_again_makes_the_next_version(held, coordinator, official, member):
    minutes = make_minutes(held, IN_REVIEW, by=coordinator, reviewers=[official], signers=[member])
    write(minutes, by=coordinator, texts={0: ("Ändrad text.", "")})

    version = send(minutes, by=coordinator, reviewers=[official], signers=[member])

    minutes.refresh_from_db()
    assert (minutes.version, version.number) == (2, 2)
    assert list(minutes.versions.values_list("number", flat=True)) == [1, 2]
    assert [item["notes"] for item in minutes.versions.get(number=1).content["items"]][0] == (
        "Vi gick igenom dagordningen."
    )
    assert version.content["items"][0]["notes"] == "Ändrad text."
    assert list(minutes.reviews.values_list("version_number", "verdict")) == [
        (1, MinutesReview.Verdict.PENDING),
        (2, MinutesReview.Verdict.PENDING),
    ]


SEND_ALLOWED = {DRAFT: True, IN_REVIEW: True, RELEASED: False, CORRECTING: True, CORRECTED: False}


@pytest.mark.parametrize("state", STATES)
def test_minutes_send_for_review_only_while_editable(held, coordinator, official, state):
    minutes = make_minutes(held, state, by=coordinator, reviewers=[official])
    versions = minutes.versions.count()

    if SEND_ALLOWED[state]:
        version = send(minutes, by=coordinator, reviewers=[official])
        assert version.number == versions + 1
        assert Minutes.objects.get().status == Status.IN_REVIEW
    else:
        with pytest.raises(MinutesError) as error:
            send(minutes, by=coordinator, reviewers=[official])
        assert error.value.message == _sv(
            "Released minutes cannot be sent for review. Start a correction instead."
        )
        assert (Minutes.objects.get().status, minutes.versions.count()) == (Status.RELEASED, versions)


def test_minutes_send_for_review_needs_an_official(held, coordinator, mailoutbox, committed):
    minutes = make_minutes(held, DRAFT, by=coordinator)

    with pytest.raises(MinutesError) as error:
        committed(services.minutes_send_for_review, minutes=minutes, reviewers=[], signers=[], by=coordinator)

    assert error.value.message == _sv("Choose at least one official to anchor the minutes with.")
    assert (Minutes.objects.get().status, MinutesVersion.objects.count(), mailoutbox) == (Status.DRAFT, 0, [])


def test_minutes_send_for_review_takes_at_most_two_signers(held, lagan, coordinator, official):
    minutes = make_minutes(held, DRAFT, by=coordinator)
    signers = [make_member(lagan).person for _ in range(3)]

    with pytest.raises(MinutesError) as error:
        send(minutes, by=coordinator, reviewers=[official], signers=signers)

    assert error.value.message == _sv("At most two representatives sign off the minutes.")
    assert (MinutesVersion.objects.count(), SignOff.objects.count(), MinutesReview.objects.count()) == (
        0,
        0,
        0,
    )


def test_minutes_send_for_review_with_two_signers(held, lagan, coordinator, official, member):
    minutes = make_minutes(held, DRAFT, by=coordinator)
    second = make_member(lagan).person

    send(minutes, by=coordinator, reviewers=[official], signers=[member, second])

    assert sorted(SignOff.objects.values_list("person", flat=True)) == sorted([member.pk, second.pk])


@pytest.mark.parametrize("who", ["other_member", "outsider", "former_member"])
def test_minutes_send_for_review_refuses_a_signer_outside_the_group(
    request, held, lagan, coordinator, official, who
):
    if who == "former_member":
        membership = make_member(lagan, make_person("Före Detta"))
        membership_end(membership=membership)
        signer = membership.person
    else:
        signer = request.getfixturevalue(who)
    minutes = make_minutes(held, DRAFT, by=coordinator)

    with pytest.raises(MinutesError) as error:
        send(minutes, by=coordinator, reviewers=[official], signers=[signer])

    assert error.value.message == _sv("%(person)s is not a member of the group.") % {"person": signer}
    assert (Minutes.objects.get().status, MinutesVersion.objects.count()) == (Status.DRAFT, 0)


EMPTY_MINUTES = "The minutes are empty: write on at least one item before sending them for review."


@pytest.mark.parametrize(
    "texts",
    [{}, {0: (" ", "\n\t"), 1: ("", "   ")}],
    ids=["nothing written", "only blanks"],
)
def test_minutes_send_for_review_refuses_minutes_with_every_item_empty(
    held, coordinator, official, member, committed, mailoutbox, texts
):
    minutes = make_minutes(held, DRAFT, by=coordinator, texts=texts)

    with pytest.raises(MinutesError, match=re.escape(_sv(EMPTY_MINUTES))):
        committed(
            services.minutes_send_for_review,
            minutes=minutes,
            reviewers=[official],
            signers=[member],
            by=coordinator,
        )

    assert (Minutes.objects.get().status, Minutes.objects.get().version) == (Status.DRAFT, 0)
    assert (MinutesVersion.objects.count(), MinutesReview.objects.count(), SignOff.objects.count()) == (
        0,
        0,
        0,
    )
    assert mailoutbox == []


def test_minutes_send_for_review_of_an_item_with_only_an_issue_is_allowed(held, coordinator, official):
    """An issue raised on an item is something recorded: the version is not empty."""
    minutes = make_minutes(held, DRAFT, by=coordinator, texts={})
    agenda_item = _first_item(minutes).agenda_item
    issue_create(
        group=held.group,
        title="Bryggan",
        by=coordinator,
        meeting=held,
        agenda_item=agenda_item,
        department=Department.objects.order_by("id").first(),
    )

    version = send(minutes, by=coordinator, reviewers=[official])

    assert [item["issues"][0]["title"] for item in version.content["items"] if item["issues"]] == ["Bryggan"]


def test_minutes_send_for_review_saves_the_editors_text_first(held, coordinator, official):
    """What the coordinator has in the editor when pressing send is what the reviewers read."""
    minutes = make_minutes(held, DRAFT, by=coordinator, texts={})
    first, second = list(minutes.items.order_by("position", "id"))[:2]

    version = services.minutes_send_for_review(
        minutes=minutes,
        reviewers=[official],
        signers=[],
        by=coordinator,
        texts={first.pk: ("Bryggan är trasig.", "Kommunen lagar den."), second.pk: ("", "")},
    )

    assert _texts(minutes)[:2] == [("Bryggan är trasig.", "Kommunen lagar den."), ("", "")]
    assert [(item["notes"], item["agreed"]) for item in version.content["items"]][:2] == [
        ("Bryggan är trasig.", "Kommunen lagar den."),
        ("", ""),
    ]


@pytest.mark.parametrize(
    ("reviewers", "message"),
    [([], "Choose at least one official to anchor the minutes with."), (None, EMPTY_MINUTES)],
    ids=["no official", "empty text"],
)
def test_minutes_send_for_review_refused_saves_none_of_the_editors_text(
    held, coordinator, official, reviewers, message
):
    """Saving and sending are one: a refused send leaves the draft as it was."""
    minutes = make_minutes(held, DRAFT, by=coordinator)
    before = _texts(minutes)
    first, second = list(minutes.items.order_by("position", "id"))[:2]
    texts = (
        {first.pk: ("", ""), second.pk: ("Ny anteckning.", "")} if reviewers == [] else {first.pk: ("", "")}
    )

    with pytest.raises(MinutesError, match=re.escape(_sv(message))):
        services.minutes_send_for_review(
            minutes=minutes,
            reviewers=[official] if reviewers is None else reviewers,
            signers=[],
            by=coordinator,
            texts=texts,
        )

    assert _texts(minutes) == before
    assert MinutesVersion.objects.count() == 0


# Review --------------------------------------------------------------------------------


@pytest.fixture
def in_review(held, coordinator, official, member):
    return make_minutes(held, IN_REVIEW, by=coordinator, reviewers=[official], signers=[member])


def _review(minutes, reviewer, number=None) -> MinutesReview:
    return MinutesReview.objects.get(
        minutes=minutes, reviewer=reviewer, version_number=number or minutes.version
    )


def test_minutes_review_decide_approves(in_review, official):
    review = services.minutes_review_decide(
        review=_review(in_review, official), reviewer=official, approve=True
    )

    review.refresh_from_db()
    assert (review.verdict, review.comment) == (MinutesReview.Verdict.APPROVED, "")
    assert review.decided_at is not None


def test_minutes_review_decide_only_by_the_asked_official(in_review, official, coordinator):
    colleague = make_official("Kollega Kommun", "kollega@kommun.se")

    for person in (colleague, coordinator):
        with pytest.raises(MinutesError) as error:
            services.minutes_review_decide(review=_review(in_review, official), reviewer=person, approve=True)
        assert error.value.message == _sv("Only the official who was asked can review this version.")

    assert _review(in_review, official).verdict == MinutesReview.Verdict.PENDING


def test_minutes_review_decide_refuses_an_older_version(in_review, coordinator, official, member):
    send(in_review, by=coordinator, reviewers=[official], signers=[member])
    old = _review(in_review, official, number=1)

    with pytest.raises(MinutesError) as error:
        services.minutes_review_decide(review=old, reviewer=official, approve=True)

    assert error.value.message == _sv(
        "This version is no longer being reviewed; a newer version has been sent."
    )
    assert list(MinutesReview.objects.order_by("version_number").values_list("verdict", flat=True)) == [
        MinutesReview.Verdict.PENDING,
        MinutesReview.Verdict.PENDING,
    ]


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_minutes_review_decide_needs_a_comment_when_not_approving(in_review, official, comment):
    with pytest.raises(MinutesError) as error:
        services.minutes_review_decide(
            review=_review(in_review, official), reviewer=official, approve=False, comment=comment
        )

    assert error.value.message == _sv("Write a comment, or approve the minutes.")
    assert _review(in_review, official).verdict == MinutesReview.Verdict.PENDING


def test_minutes_review_decide_stores_comments_per_item(in_review, official):
    first, second, third = list(in_review.items.order_by("position", "id"))[:3]

    services.minutes_review_decide(
        review=_review(in_review, official),
        reviewer=official,
        approve=False,
        comment=" Se punkterna. ",
        item_comments={first.pk: "Stavfel i namnet.", second.pk: "  ", third.pk: "Datum saknas."},
    )

    review = _review(in_review, official)
    assert (review.verdict, review.comment) == (MinutesReview.Verdict.COMMENTED, "Se punkterna.")
    assert list(MinutesComment.objects.order_by("id").values_list("review", "item", "text")) == [
        (review.pk, first.pk, "Stavfel i namnet."),
        (review.pk, third.pk, "Datum saknas."),
    ]


def test_minutes_review_decide_with_item_comments_only(in_review, official):
    item = _first_item(in_review)

    services.minutes_review_decide(
        review=_review(in_review, official), reviewer=official, approve=False, item_comments={item.pk: "Fel."}
    )

    assert _review(in_review, official).verdict == MinutesReview.Verdict.COMMENTED
    assert list(MinutesComment.objects.values_list("item", "text")) == [(item.pk, "Fel.")]


def test_minutes_review_decide_refused_once_released(held, coordinator, official):
    minutes = make_minutes(held, RELEASED, by=coordinator, reviewers=[official])

    with pytest.raises(MinutesError, match=re.escape(_sv("The minutes are no longer being reviewed."))):
        services.minutes_review_decide(
            review=_review(minutes, official), reviewer=official, approve=False, comment="Sent."
        )

    assert _review(minutes, official).comment == ""


# Sign-off ------------------------------------------------------------------------------


def _sign_off(minutes, person, number=None) -> SignOff:
    return SignOff.objects.get(minutes=minutes, person=person, version_number=number or minutes.version)


def test_sign_off_decide_confirms(in_review, member):
    services.sign_off_decide(sign_off=_sign_off(in_review, member), person=member, confirm=True)

    record = _sign_off(in_review, member)
    assert record.verdict == SignOff.Verdict.APPROVED
    assert record.decided_at is not None


def test_sign_off_decide_only_by_the_asked_person(in_review, lagan, member, coordinator):
    fellow = make_member(lagan).person

    for person in (fellow, coordinator):
        with pytest.raises(MinutesError) as error:
            services.sign_off_decide(sign_off=_sign_off(in_review, member), person=person, confirm=True)
        assert error.value.message == _sv("Only the representative who was asked can sign off.")

    assert _sign_off(in_review, member).verdict == SignOff.Verdict.PENDING


def test_sign_off_decide_needs_a_comment_when_not_confirming(in_review, member):
    with pytest.raises(MinutesError) as error:
        services.sign_off_decide(
            sign_off=_sign_off(in_review, member), person=member, confirm=False, comment=" "
        )

    assert error.value.message == _sv("Write what needs to change, or confirm the minutes.")
    assert _sign_off(in_review, member).verdict == SignOff.Verdict.PENDING


def test_sign_off_decide_with_a_comment(in_review, member):
    services.sign_off_decide(
        sign_off=_sign_off(in_review, member),
        person=member,
        confirm=False,
        comment=" Fel namn på föreningen. ",
    )

    record = _sign_off(in_review, member)
    assert (record.verdict, record.comment) == (SignOff.Verdict.COMMENTED, "Fel namn på föreningen.")


def test_sign_off_decide_refuses_an_older_version(in_review, coordinator, official, member):
    send(in_review, by=coordinator, reviewers=[official], signers=[member])

    with pytest.raises(MinutesError) as error:
        services.sign_off_decide(sign_off=_sign_off(in_review, member, number=1), person=member, confirm=True)

    assert error.value.message == _sv(
        "This version is no longer being reviewed; a newer version has been sent."
    )

    assert _sign_off(in_review, member, number=1).verdict == SignOff.Verdict.PENDING


# Release -------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [DRAFT, RELEASED, CORRECTING, CORRECTED])
def test_minutes_release_only_from_review(held, coordinator, official, state):
    minutes = make_minutes(held, state, by=coordinator, reviewers=[official])
    releases = MinutesRelease.objects.count()

    with pytest.raises(MinutesError) as error:
        release(minutes, by=coordinator, override_reason="Bråttom.")

    assert error.value.message == _sv("Only minutes that have been sent for review can be released.")
    assert (Minutes.objects.get().status, MinutesRelease.objects.count()) == (minutes.status, releases)


def test_minutes_release_refused_when_the_text_changed_since_the_version_was_sent(in_review, coordinator):
    approve_all(in_review)
    write(in_review, by=coordinator, texts={0: ("Ändrat efter granskningen.", "")})

    with pytest.raises(MinutesError) as error:
        release(in_review, by=coordinator)

    assert error.value.message == _sv(
        "The minutes have been changed since version %(number)s was sent for review. Send them again."
    ) % {"number": 1}
    assert (Minutes.objects.get().status, MinutesRelease.objects.count()) == (Status.IN_REVIEW, 0)


def test_minutes_release_refused_while_approvals_are_missing(in_review, coordinator, official, member):
    services.minutes_review_decide(review=_review(in_review, official), reviewer=official, approve=True)

    with pytest.raises(MinutesError) as error:
        release(in_review, by=coordinator, override_reason="  ")

    assert error.value.message == _sv(
        "Not everyone has approved (%(names)s). Give a reason to release anyway; it is recorded."
    ) % {"names": "Anna Åkesson"}
    assert (Minutes.objects.get().status, MinutesRelease.objects.count()) == (Status.IN_REVIEW, 0)


def test_minutes_release_with_an_override_reason_records_it(in_review, coordinator, official):
    services.minutes_review_decide(review=_review(in_review, official), reviewer=official, approve=True)

    record = release(in_review, by=coordinator, override_reason=" Justeraren är sjuk. ")

    assert record.override_reason == "Justeraren är sjuk."
    assert [approval["name"] for approval in record.approvals] == ["Olle Tjänsteperson"]
    assert record.sign_offs == []
    assert Minutes.objects.get().status == Status.RELEASED


def test_minutes_release_freezes_renders_and_records(in_review, coordinator, official, member):
    approve_all(in_review)

    record = release(in_review, by=coordinator)

    stored = MinutesRelease.objects.get()
    pdf = bytes(stored.pdf)
    assert stored == record
    assert Minutes.objects.get().status == Status.RELEASED
    assert pdf.startswith(b"%PDF-")
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    assert (stored.version.number, stored.released_by, stored.released_by_name) == (
        1,
        coordinator,
        "Eva Samordnare",
    )
    assert [approval["name"] for approval in stored.approvals] == ["Olle Tjänsteperson"]
    assert [sign_off["name"] for sign_off in stored.sign_offs] == ["Anna Åkesson"]
    assert (stored.override_reason, stored.correction_reason) == ("", "")
    assert "Vi gick igenom dagordningen." in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_minutes_release_mails_the_pdf_to_members_and_attendees(
    held, lagan, coordinator, official, member, other_member, committed, mailoutbox
):
    organisation = make_organisation("Lagans IF")
    fellow = make_member(lagan, make_person("Gustav Gren", "gustav@lagansif.se"), organisation)
    meeting_services.attendance_record(
        meeting=held,
        memberships=[member.memberships.get()],
        officials=[official],
        elected_names=["Renée Lefèvre"],
        guest_names=["Jürgen Müller"],
        by=coordinator,
    )
    minutes = make_minutes(held, IN_REVIEW, by=coordinator, reviewers=[official], signers=[member])
    approve_all(minutes)
    mailoutbox.clear()

    record = committed(services.minutes_release, minutes=minutes, by=coordinator)

    # Every member (whether there or not) and every attendee with an account; nobody twice,
    # and not the other group's members.
    assert sorted(message.to for message in mailoutbox) == [
        ["anna@forening.se"],
        [fellow.person.email],
        ["olle@kommun.se"],
    ]
    for message in mailoutbox:
        assert message.subject == _sv("Minutes: %(title)s") % {"title": held.title}
        assert [
            (name.endswith(".pdf"), content, mimetype) for name, content, mimetype in message.attachments
        ] == [(True, bytes(record.pdf), "application/pdf")]


def test_minutes_release_is_not_mailed_when_refused(in_review, coordinator, committed, mailoutbox):
    mailoutbox.clear()

    with pytest.raises(MinutesError) as error:
        committed(services.minutes_release, minutes=in_review, by=coordinator)

    assert error.value.code == "approvals_missing"

    assert mailoutbox == []


# Correction ----------------------------------------------------------------------------


@pytest.mark.parametrize("state", [DRAFT, IN_REVIEW, CORRECTING])
def test_minutes_start_correction_only_of_released_minutes(held, coordinator, official, state):
    minutes = make_minutes(held, state, by=coordinator, reviewers=[official])

    with pytest.raises(MinutesError) as error:
        services.minutes_start_correction(minutes=minutes, reason="Fel datum.", by=coordinator)

    assert error.value.message == _sv("Only released minutes can be corrected.")
    assert Minutes.objects.get().status == minutes.status


@pytest.mark.parametrize("reason", ["", "  \n"])
def test_minutes_start_correction_needs_a_reason(held, coordinator, official, reason):
    minutes = make_minutes(held, RELEASED, by=coordinator, reviewers=[official])

    with pytest.raises(MinutesError) as error:
        services.minutes_start_correction(minutes=minutes, reason=reason, by=coordinator)

    assert error.value.message == _sv("Give the reason for the correction; it is shown with the new version.")
    assert (Minutes.objects.get().status, Minutes.objects.get().correction_reason) == (Status.RELEASED, "")


def test_minutes_correction_is_released_as_a_new_version_with_its_reason(held, coordinator, official):
    minutes = make_minutes(held, CORRECTED, by=coordinator, reviewers=[official])

    first, second = MinutesRelease.objects.order_by("id")
    assert (minutes.status, minutes.version, minutes.correction_reason) == (Status.RELEASED, 2, "")
    assert [
        (first.version.number, first.correction_reason),
        (second.version.number, second.correction_reason),
    ] == [
        (1, ""),
        (2, CORRECTION_REASON),
    ]
    assert first.version.content["items"][0]["notes"] == "Vi gick igenom dagordningen."
    assert second.version.content["items"][0]["notes"] == "Vi gick igenom dagordningen. Bryggan lagas i maj."
    assert first.sha256 != second.sha256
    assert first.sha256 == hashlib.sha256(bytes(first.pdf)).hexdigest()


def test_sign_off_by_a_member_who_has_left_the_group_is_refused(held, coordinator, official, member):
    minutes = make_minutes(held, DRAFT, by=coordinator)
    send(minutes, by=coordinator, reviewers=[official], signers=[member])
    for membership in member.memberships.current():
        membership_end(membership=membership)
    sign_off = SignOff.objects.get()

    with pytest.raises(MinutesError) as error:
        services.sign_off_decide(sign_off=sign_off, person=member, confirm=True)

    assert error.value.message == _sv("Only a current member of the group can sign off the minutes.")
    assert SignOff.objects.get().verdict == SignOff.Verdict.PENDING


# The transition table, through the services ---------------------------------------------

# What refuses a move, as a Swedish coordinator reads it.
NOT_SENT = "Publicerade minnesanteckningar kan inte skickas för granskning. Påbörja en rättelse i stället."
NOT_RELEASED = "Bara minnesanteckningar som har skickats för granskning kan publiceras."
NOT_CORRECTED = "Bara publicerade minnesanteckningar kan rättas."

MOVES = {
    "send for review": lambda minutes, by, official: send(minutes, by=by, reviewers=[official]),
    "release": lambda minutes, by, official: release(minutes, by=by, override_reason="Bråttom."),
    "start a correction": lambda minutes, by, official: services.minutes_start_correction(
        minutes=minutes, reason="Fel datum.", by=by
    ),
}
MOVE_TARGET = {
    "send for review": Status.IN_REVIEW,
    "release": Status.RELEASED,
    "start a correction": Status.DRAFT,
}
# state -> the status each move leads to, or the message that refuses it
#                  send for review     release            start a correction
OUTCOMES = {
    DRAFT: [Status.IN_REVIEW, NOT_RELEASED, NOT_CORRECTED],
    IN_REVIEW: [Status.IN_REVIEW, Status.RELEASED, NOT_CORRECTED],
    RELEASED: [NOT_SENT, NOT_RELEASED, Status.DRAFT],
    CORRECTING: [Status.IN_REVIEW, NOT_RELEASED, NOT_CORRECTED],
    CORRECTED: [NOT_SENT, NOT_RELEASED, Status.DRAFT],
}


def test_minutes_transition_table():
    assert Minutes.TRANSITIONS.table == {
        Status.DRAFT: {Status.IN_REVIEW},
        Status.IN_REVIEW: {Status.IN_REVIEW, Status.RELEASED},
        Status.RELEASED: {Status.DRAFT},
    }


@pytest.mark.parametrize("move", MOVES)
@pytest.mark.parametrize("state", STATES)
def test_each_move_follows_the_transition_table(held, coordinator, official, state, move):
    minutes = make_minutes(held, state, by=coordinator, reviewers=[official])
    source, events = minutes.status, minutes.events.count()
    outcome = OUTCOMES[state][list(MOVES).index(move)]

    if outcome in Status.values:
        MOVES[move](minutes, coordinator, official)
        assert (Minutes.objects.get().status, minutes.events.count()) == (outcome, events + 1)
    else:
        with pytest.raises(MinutesError, match=f"^{re.escape(outcome)}$"):
            MOVES[move](minutes, coordinator, official)
        assert (Minutes.objects.get().status, minutes.events.count()) == (source, events)
    assert Minutes.TRANSITIONS.allows(source, MOVE_TARGET[move]) is (outcome in Status.values)


# The activity log ------------------------------------------------------------------------


def _log(minutes) -> list[tuple]:
    return [(event.action, event.actor, event.detail) for event in minutes.events]


def test_every_move_of_the_minutes_is_logged_with_who_and_which_version(held, coordinator, official, member):
    minutes = make_minutes(held, CORRECTING, by=coordinator, reviewers=[official], signers=[member])

    assert _log(minutes) == [
        (MinutesAction.STARTED, coordinator, ""),
        (MinutesAction.SENT_FOR_REVIEW, coordinator, "1"),
        (MinutesAction.REVIEWED, official, "1: approved"),
        (MinutesAction.SIGNED_OFF, member, "1: approved"),
        (MinutesAction.RELEASED, coordinator, "1"),
        (MinutesAction.CORRECTION_STARTED, coordinator, f"1: {CORRECTION_REASON}"),
    ]


def test_comments_and_a_release_without_every_approval_are_logged(in_review, coordinator, official, member):
    services.minutes_review_decide(
        review=_review(in_review, official), reviewer=official, approve=False, comment="Fel datum."
    )
    services.sign_off_decide(
        sign_off=_sign_off(in_review, member), person=member, confirm=False, comment="Nej."
    )

    release(in_review, by=coordinator, override_reason="Nämnden behöver dem i dag.")

    assert _log(in_review)[-3:] == [
        (MinutesAction.REVIEWED, official, "1: commented"),
        (MinutesAction.SIGNED_OFF, member, "1: commented"),
        (MinutesAction.RELEASED_WITHOUT_APPROVALS, coordinator, "1: Olle Tjänsteperson, Anna Åkesson"),
    ]
