"""The minutes pages through the test client: who may open what, the workflow as the
coordinator, the officials and the representatives go through it, what the public sees,
bad input that changes nothing and text that is never lost, and query budgets that do not
grow with the minutes."""

import hashlib
import io
from datetime import datetime, time, timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from accounts import roles
from groups.services import membership_end
from issues.services import issue_create
from meetings import services as meeting_services
from meetings.models import Meeting, StandingItem
from minutes import services
from minutes.models import (
    Minutes,
    MinutesComment,
    MinutesItem,
    MinutesRelease,
    MinutesReview,
    MinutesVersion,
    SignOff,
)
from minutes.urls import urlpatterns
from minutes.views import STASH_LIMIT
from officials.models import Department
from tests.conftest import make_member, make_organisation, make_person
from tests.meetings.conftest import make_meeting, make_official
from tests.minutes.conftest import (
    CORRECTING,
    CORRECTION_REASON,
    DRAFT,
    IN_REVIEW,
    RELEASED,
    approve_all,
    editor_data,
    make_held_meeting,
    make_minutes,
    release,
    send,
    write,
)

pytestmark = pytest.mark.django_db

ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, OTHER_OFFICIAL, COORDINATOR = (
    "anonymous",
    "member",
    "former_member",
    "other",
    "official",
    "other_official",
    "coordinator",
)
# The member is the one asked to sign off, the official the one asked to review; the former
# member is the same member after their membership ended: every right from it ends with it.
ROLES = [ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, OTHER_OFFICIAL, COORDINATOR]
LOGIN = 302  # anonymous visitors are sent to the login page


def _sv(message: str) -> str:
    """What a Swedish visitor is shown for a message of the code."""
    with translation.override("sv"):
        return gettext(message)


def _messages(response) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]


def _held(group, coordinator, **extra) -> Meeting:
    return make_meeting(group, status=Meeting.Status.HELD, by=coordinator, **extra)


def _pdf_text(pdf: bytes) -> str:
    """The text of a PDF with its line breaks as spaces: a long line wraps on the page."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(bytes(pdf))).pages)


@pytest.fixture
def other_official(db):
    return make_official("Kollega Kommun", "kollega@kommun.se")


@pytest.fixture
def as_role(client, member, other_member, official, other_official, coordinator):
    people = {
        MEMBER: member,
        OTHER_MEMBER: other_member,
        OFFICIAL: official,
        OTHER_OFFICIAL: other_official,
        COORDINATOR: coordinator,
    }

    def log_in(role):
        if role == FORMER_MEMBER:
            for membership in member.memberships.current():
                membership_end(membership=membership)
            client.force_login(member)
        elif role != ANONYMOUS:
            client.force_login(people[role])
        return client

    return log_in


# Who may open what ---------------------------------------------------------------------


@pytest.fixture
def scene(lagan, coordinator, official, member):
    """Minutes in review in their second version (so there is something to compare), with
    the official asked to review and the member asked to sign off, and a held meeting whose
    minutes are not started yet."""
    minutes = make_minutes(
        _held(lagan, coordinator, title="Vårmöte"),
        IN_REVIEW,
        by=coordinator,
        reviewers=[official],
        signers=[member],
    )
    write(minutes, by=coordinator, texts={0: ("Vi gick igenom dagordningen och bryggan.", "")})
    send(minutes, by=coordinator, reviewers=[official], signers=[member])
    return {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "unstarted": _held(lagan, coordinator, title="Höstmöte"),
        "review": MinutesReview.objects.get(minutes=minutes, reviewer=official, version_number=2),
        "sign_off": SignOff.objects.get(minutes=minutes, person=member, version_number=2),
    }


@pytest.fixture
def released_scene(lagan, coordinator, official, member):
    minutes = make_minutes(
        _held(lagan, coordinator), RELEASED, by=coordinator, reviewers=[official], signers=[member]
    )
    return {"minutes": minutes, "meeting": minutes.meeting}


def _url(name, scene) -> str:
    """The address of a page of the scene: each page on the object it is about."""
    match name:
        case "minutes:start":
            kwargs = {"pk": scene["unstarted"].pk}
        case "minutes:review":
            kwargs = {"pk": scene["review"].pk}
        case "minutes:sign_off":
            kwargs = {"pk": scene["sign_off"].pk}
        case "minutes:pdf_version":
            kwargs = {"pk": scene["meeting"].pk, "number": 1}
        case _:
            kwargs = {"pk": scene["meeting"].pk}
    return reverse(name, kwargs=kwargs)


def _post_data(name, scene, member) -> dict:
    """What the page's own form would send, so that an allowed POST does its work."""
    return {
        "minutes:edit": editor_data(scene["minutes"], {1: ("Ny anteckning.", "Nytt beslut.")}),
        "minutes:send_for_review": editor_data(scene["minutes"], {1: ("Ny anteckning.", "")})
        | {"reviewers": [make_official().pk], "signers": [member.memberships.get().pk]},
        "minutes:release": {"override_reason": "Nämnden behöver dem i dag."},
        "minutes:correction": {"reason": "Fel datum för bryggan."},
        "minutes:review": {"verdict": "approve", "comment": ""},
        "minutes:sign_off": {"verdict": "confirm", "comment": ""},
    }.get(name, {})


def _snapshot() -> tuple:
    """Everything a minutes action could change."""
    return (
        list(Minutes.objects.order_by("pk").values_list("pk", "status", "version", "correction_reason")),
        list(MinutesItem.objects.order_by("pk").values_list("pk", "notes", "agreed")),
        list(MinutesVersion.objects.order_by("pk").values_list("pk", "number")),
        list(MinutesRelease.objects.order_by("pk").values_list("pk", "sha256")),
        list(MinutesReview.objects.order_by("pk").values_list("pk", "verdict", "comment")),
        list(SignOff.objects.order_by("pk").values_list("pk", "verdict", "comment")),
        list(MinutesComment.objects.order_by("pk").values_list("pk", "text")),
    )


PUBLIC_PAGES = ["minutes:public", "minutes:pdf", "minutes:pdf_version"]
#                  view name          anonymous member former other official other-official coordinator
GET_MATRIX = [
    ("minutes:edit", [LOGIN, 403, 403, 403, 403, 403, 200]),
    ("minutes:history", [LOGIN, 403, 403, 403, 403, 403, 200]),
    ("minutes:diff", [LOGIN, 403, 403, 403, 200, 200, 200]),  # the municipality's people
    ("minutes:review", [LOGIN, 403, 403, 403, 200, 403, 403]),  # only the official who was asked
    ("minutes:sign_off", [LOGIN, 200, 403, 403, 403, 403, 403]),  # only the representative who was asked
]
# Actions and forms posted with what their page sends: the allowed role is sent on (302);
# nobody else changes anything.
POST_MATRIX = [
    ("minutes:start", [LOGIN, 403, 403, 403, 403, 403, 302]),
    ("minutes:edit", [LOGIN, 403, 403, 403, 403, 403, 302]),
    ("minutes:send_for_review", [LOGIN, 403, 403, 403, 403, 403, 302]),
    ("minutes:release", [LOGIN, 403, 403, 403, 403, 403, 302]),
    ("minutes:correction", [LOGIN, 403, 403, 403, 403, 403, 302]),
    ("minutes:review", [LOGIN, 403, 403, 403, 302, 403, 403]),
    ("minutes:sign_off", [LOGIN, 302, 403, 403, 403, 403, 403]),
]
POST_ONLY = ["minutes:start", "minutes:send_for_review", "minutes:release", "minutes:correction"]


def test_every_minutes_url_is_in_a_matrix():
    covered = {*PUBLIC_PAGES, *(row[0] for row in GET_MATRIX + POST_MATRIX)}

    assert {f"minutes:{pattern.name}" for pattern in urlpatterns} == covered


@pytest.mark.parametrize(("name", "expected"), GET_MATRIX, ids=[row[0] for row in GET_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_get_permission_matrix(as_role, scene, name, expected, role_index):
    before = _snapshot()

    response = as_role(ROLES[role_index]).get(_url(name, scene))

    assert response.status_code == expected[role_index]
    if ROLES[role_index] == ANONYMOUS:
        assert response.url.startswith(reverse("accounts:login"))
    assert _snapshot() == before


@pytest.mark.parametrize(("name", "expected"), POST_MATRIX, ids=[row[0] for row in POST_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_post_permission_matrix(request, as_role, member, name, expected, role_index):
    # Only released minutes can be corrected; building them (with their PDF) only where needed.
    scene = request.getfixturevalue("released_scene" if name == "minutes:correction" else "scene")
    data = _post_data(name, scene, member)
    before = _snapshot()

    response = as_role(ROLES[role_index]).post(_url(name, scene), data)

    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and ROLES[role_index] != ANONYMOUS:
        # Starting the minutes opens the editor: that says enough.
        assert [level for level, _text in _messages(response)] == (
            [] if name == "minutes:start" else ["success"]
        )
        assert _snapshot() != before
    else:
        assert _snapshot() == before
    if ROLES[role_index] == ANONYMOUS:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", POST_ONLY)
@pytest.mark.parametrize("role", [ANONYMOUS, MEMBER, COORDINATOR])
def test_actions_refuse_get(as_role, scene, name, role):
    before = _snapshot()

    response = as_role(role).get(_url(name, scene))

    assert response.status_code == 405
    assert _snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_released_minutes_and_their_pdfs_are_public(as_role, released_scene, role):
    client = as_role(role)

    responses = [client.get(_url(name, released_scene)) for name in PUBLIC_PAGES]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert [response["Content-Type"] for response in responses[1:]] == ["application/pdf", "application/pdf"]


@pytest.mark.parametrize("role", ROLES)
def test_public_page_links_the_editor_for_the_coordinator_only(as_role, released_scene, role):
    editor_link = f'href="{reverse("minutes:edit", kwargs={"pk": released_scene["meeting"].pk})}"'

    html = as_role(role).get(_url("minutes:public", released_scene)).content.decode()

    assert (editor_link in html, _sv("Manage minutes") in html) == (role == COORDINATOR,) * 2


@pytest.mark.parametrize("state", ["not started", DRAFT, IN_REVIEW])
@pytest.mark.parametrize("role", ROLES)
def test_unreleased_minutes_are_not_found(as_role, lagan, coordinator, official, state, role):
    meeting = _held(lagan, coordinator)
    if state != "not started":
        make_minutes(meeting, state, by=coordinator, reviewers=[official])
    client = as_role(role)

    statuses = [client.get(_url(name, {"meeting": meeting})).status_code for name in PUBLIC_PAGES]

    assert statuses == [404, 404, 404]


def test_public_page_during_a_correction_shows_the_released_version(client, lagan, coordinator, official):
    minutes = make_minutes(_held(lagan, coordinator), CORRECTING, by=coordinator, reviewers=[official])

    html = client.get(reverse("minutes:public", kwargs={"pk": minutes.meeting_id})).content.decode()

    assert "Vi gick igenom dagordningen." in html
    # The draft of the correction is not public until it is released.
    assert "Bryggan lagas i maj." not in html


def test_review_by_an_official_who_was_not_asked_is_forbidden(client, scene, other_official):
    client.force_login(other_official)
    before = _snapshot()

    response = client.post(_url("minutes:review", scene), {"verdict": "approve", "comment": ""})

    assert response.status_code == 403
    assert _snapshot() == before


# The workflow through the pages ---------------------------------------------------------


def test_minutes_from_start_to_release_through_the_pages(
    client, lagan, coordinator, official, member, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = _held(lagan, coordinator, title="Vårmöte i Lagan")
    edit_url = reverse("minutes:edit", kwargs={"pk": meeting.pk})
    client.force_login(coordinator)

    started = client.post(reverse("minutes:start", kwargs={"pk": meeting.pk}))
    minutes = Minutes.objects.get(meeting=meeting)
    saved = client.post(
        edit_url, editor_data(minutes, {0: ("Bryggan vid badplatsen är trasig.", "Kommunen lagar den.")})
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("minutes:send_for_review", kwargs={"pk": meeting.pk}),
            editor_data(minutes) | {"reviewers": [official.pk], "signers": [member.memberships.get().pk]},
        )
    review = MinutesReview.objects.get(minutes=minutes)
    sign_off = SignOff.objects.get(minutes=minutes)
    client.force_login(official)
    reviewed = client.post(
        reverse("minutes:review", kwargs={"pk": review.pk}), {"verdict": "approve", "comment": ""}
    )
    client.force_login(member)
    signed = client.post(
        reverse("minutes:sign_off", kwargs={"pk": sign_off.pk}), {"verdict": "confirm", "comment": ""}
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        released = client.post(reverse("minutes:release", kwargs={"pk": meeting.pk}), {"override_reason": ""})

    assert [
        (started.status_code, started.url),
        (saved.status_code, saved.url),
        (sent.status_code, sent.url),
    ] == [
        (302, edit_url),
        (302, edit_url),
        (302, edit_url),
    ]
    assert (reviewed.status_code, reviewed.url) == (302, reverse("pages:my_meetings"))
    assert (signed.status_code, signed.url) == (302, reverse("pages:my_groups"))
    assert (released.status_code, released.url) == (302, reverse("minutes:public", kwargs={"pk": meeting.pk}))
    assert _messages(released)[-1] == (
        "success",
        _sv("The minutes are released and have been sent to the group."),
    )
    record = MinutesRelease.objects.get()
    assert (record.approvals[0]["name"], record.sign_offs[0]["name"]) == (
        "Olle Tjänsteperson",
        "Anna Åkesson",
    )
    assert sorted(message.to[0] for message in mailoutbox) == [
        "anna@forening.se",  # asked to sign off
        "anna@forening.se",  # the released minutes, to the group
        "olle@kommun.se",  # asked to review
    ]
    page = client.get(released.url)
    pdf = client.get(reverse("minutes:pdf", kwargs={"pk": meeting.pk}))
    assert "Bryggan vid badplatsen är trasig." in page.content.decode()
    assert (pdf.status_code, pdf["Content-Type"], pdf["X-Content-SHA256"]) == (
        200,
        "application/pdf",
        record.sha256,
    )
    assert hashlib.sha256(pdf.content).hexdigest() == record.sha256


def test_release_without_approvals_shows_the_reason_and_releases_nothing(client, scene, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("minutes:release", kwargs={"pk": scene["meeting"].pk}), {"override_reason": ""}
    )

    assert (response.status_code, response.url) == (
        302,
        reverse("minutes:edit", kwargs={"pk": scene["meeting"].pk}),
    )
    assert _messages(response) == [
        (
            "error",
            _sv("Not everyone has approved (%(names)s). Give a reason to release anyway; it is recorded.")
            % {"names": "Olle Tjänsteperson, Anna Åkesson"},
        )
    ]
    assert (MinutesRelease.objects.count(), Minutes.objects.get(pk=scene["minutes"].pk).status) == (
        0,
        Minutes.Status.IN_REVIEW,
    )


def test_review_page_needs_a_comment_when_not_approving(client, scene, official):
    client.force_login(official)
    before = _snapshot()

    response = client.post(_url("minutes:review", scene), {"verdict": "comment", "comment": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "comment": [_sv("Write what needs to change, here or on an item.")]
    }
    assert _snapshot() == before


def test_review_page_stores_a_comment_on_an_item(client, scene, official):
    item = scene["minutes"].items.order_by("position", "id")[1]
    client.force_login(official)

    response = client.post(
        _url("minutes:review", scene), {"verdict": "comment", "comment": "", f"item_{item.pk}": "Vem ringer?"}
    )

    assert response.status_code == 302
    assert list(MinutesComment.objects.values_list("review", "item", "text")) == [
        (scene["review"].pk, item.pk, "Vem ringer?")
    ]


def test_review_page_of_an_older_version_refuses_the_verdict(client, scene, official):
    old = MinutesReview.objects.get(minutes=scene["minutes"], reviewer=official, version_number=1)
    client.force_login(official)
    before = _snapshot()

    response = client.post(
        reverse("minutes:review", kwargs={"pk": old.pk}), {"verdict": "approve", "comment": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        _sv("This version is no longer being reviewed; a newer version has been sent.")
    ]
    assert _snapshot() == before


def test_correction_is_a_new_version_and_both_stay_downloadable(client, lagan, coordinator, official):
    minutes = make_minutes(_held(lagan, coordinator), RELEASED, by=coordinator, reviewers=[official])
    meeting = minutes.meeting
    client.force_login(coordinator)

    corrected = client.post(
        reverse("minutes:correction", kwargs={"pk": meeting.pk}), {"reason": CORRECTION_REASON}
    )
    write(minutes, by=coordinator, texts={0: ("Bryggan lagas i juni, inte i maj.", "")})
    send(minutes, by=coordinator, reviewers=[official])
    approve_all(minutes)
    release(minutes, by=coordinator)
    first, second = MinutesRelease.objects.order_by("id")
    client.logout()
    v1 = client.get(reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 1}))
    v2 = client.get(reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 2}))
    latest = client.get(reverse("minutes:pdf", kwargs={"pk": meeting.pk}))
    page = client.get(reverse("minutes:public", kwargs={"pk": meeting.pk}))

    assert (corrected.status_code, [level for level, _text in _messages(corrected)]) == (302, ["success"])
    assert (second.correction_reason, second.version.number) == (CORRECTION_REASON, 2)
    assert [v1.status_code, v2.status_code, latest.status_code] == [200, 200, 200]
    assert [v1.content, v2.content, latest.content] == [
        bytes(first.pdf),
        bytes(second.pdf),
        bytes(second.pdf),
    ]
    assert "Vi gick igenom dagordningen." in _pdf_text(v1.content)
    assert "Bryggan lagas i juni, inte i maj." in _pdf_text(v2.content)
    assert CORRECTION_REASON in _pdf_text(v2.content)
    html = page.content.decode()
    assert "Bryggan lagas i juni, inte i maj." in html
    assert [first.get_pdf_url() in html, second.get_pdf_url() in html, CORRECTION_REASON in html] == [
        True,
        True,
        True,
    ]
    assert (
        client.get(reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 3})).status_code == 404
    )


def test_correction_without_a_reason_is_refused(client, released_scene, coordinator):
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(
        reverse("minutes:correction", kwargs={"pk": released_scene["meeting"].pk}), {"reason": " "}
    )

    assert response.status_code == 200
    assert response.context["correction_form"].errors == {
        "reason": [_sv("Give the reason for the correction; it is shown with the new version.")]
    }
    assert _snapshot() == before


def test_start_before_the_meeting_is_held_is_refused(client, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.PUBLISHED, by=coordinator)
    client.force_login(coordinator)

    response = client.post(reverse("minutes:start", kwargs={"pk": meeting.pk}))

    assert (response.status_code, response.url) == (
        302,
        reverse("meetings:manage", kwargs={"pk": meeting.pk}),
    )
    assert _messages(response) == [
        ("error", _sv("Minutes are written once the meeting has been marked as held."))
    ]
    assert Minutes.objects.count() == 0


def test_pdf_is_named_by_the_local_date_of_the_meeting(client, lagan, coordinator, official):
    # Half past midnight in Sweden is still the day before in UTC.
    day = timezone.localdate() - timedelta(days=10)
    starts_at = datetime.combine(day, time(0, 30), tzinfo=timezone.get_current_timezone())
    minutes = make_minutes(
        _held(lagan, coordinator, starts_at=starts_at), RELEASED, by=coordinator, reviewers=[official]
    )

    response = client.get(reverse("minutes:pdf", kwargs={"pk": minutes.meeting_id}))

    assert (
        response["Content-Disposition"] == f'inline; filename="minnesanteckningar-lagan-{day:%Y-%m-%d}.pdf"'
    )


# What the public sees -------------------------------------------------------------------

UNSAFE_NOTES = [
    # (what is written, what must be gone, what must stay)
    (
        'Före <script>alert("skript")</script> efter.',
        ['alert("skript")', "<script>alert"],
        "<p>Före  efter.</p>",
    ),
    (
        'Före <iframe src="https://example.com/ram"></iframe> efter.',
        ["<iframe", "example.com/ram"],
        "<p>Före  efter.</p>",
    ),
    ('Före <img src="x" onerror="alert(1)"> efter.', ["onerror", "alert(1)"], "<p>Före  efter.</p>"),
    (
        'Se <a href="https://www.ljungby.se/" onclick="alert(2)">kommunens sida</a>.',
        ["onclick", "alert(2)"],
        'Se <a href="https://www.ljungby.se/" rel="noopener noreferrer nofollow">kommunens sida</a>.',
    ),
    ("Se [kommunens sida](javascript:alert(3)).", ["javascript:", "alert(3)"], "<p>Se kommunens sida.</p>"),
]


@pytest.mark.parametrize(
    ("notes", "removed", "kept"),
    UNSAFE_NOTES,
    ids=["script", "iframe", "onerror", "onclick", "javascript-link"],
)
def test_public_page_drops_unsafe_markdown(client, lagan, coordinator, official, notes, removed, kept):
    minutes = make_minutes(
        _held(lagan, coordinator), RELEASED, by=coordinator, reviewers=[official], texts={0: (notes, "")}
    )

    html = client.get(reverse("minutes:public", kwargs={"pk": minutes.meeting_id})).content.decode()

    assert [marker in html for marker in removed] == [False] * len(removed)
    assert kept in html


NAMES = [
    "Anna Åkesson",
    "Örjan Ärlig",
    "Renée Lefèvre",
    "Jürgen Müller",
    "Дмитрий Иванов",
    "Ελένη Παπαδοπούλου",
]


@pytest.fixture
def attended(lagan, coordinator, member):
    """A held meeting attended by people named in several scripts, with their organisations."""
    meeting = _held(lagan, coordinator)
    orjan = make_member(
        lagan,
        make_person("Örjan Ärlig", "orjan@samhallsforening.se", phone="0372-123 45"),
        make_organisation("Lagans samhällsförening"),
    )
    dmitrij = make_member(
        lagan, make_person("Дмитрий Иванов", "dmitrij@lagansif.se"), make_organisation("Lagans IF")
    )
    meeting_services.attendance_record(
        meeting=meeting,
        memberships=[member.memberships.get(), orjan, dmitrij],
        officials=[make_official("Ελένη Παπαδοπούλου", "eleni@kommun.se")],
        elected_names=["Renée Lefèvre"],
        guest_names=["Jürgen Müller"],
        by=coordinator,
    )
    return meeting


def test_names_in_every_script_reach_the_page_and_the_pdf(client, attended, coordinator, official):
    notes = "Örjan Ärlig och Ελένη Παπαδοπούλου visade bryggan för Дмитрий Иванов."
    minutes = make_minutes(attended, RELEASED, by=coordinator, reviewers=[official], texts={0: (notes, "")})

    html = client.get(reverse("minutes:public", kwargs={"pk": minutes.meeting_id})).content.decode()
    text = _pdf_text(MinutesRelease.objects.get().pdf)

    assert [name in html for name in NAMES] == [True] * len(NAMES)
    assert [name in text for name in NAMES] == [True] * len(NAMES)
    assert notes in html
    assert "Lagans samhällsförening" in text


def test_public_minutes_show_names_and_organisations_but_no_contact_details(
    client, attended, coordinator, official
):
    minutes = make_minutes(attended, RELEASED, by=coordinator, reviewers=[official])

    html = client.get(reverse("minutes:public", kwargs={"pk": minutes.meeting_id})).content.decode()
    text = _pdf_text(MinutesRelease.objects.get().pdf)

    assert ["Anna Åkesson" in html, "Örjan Ärlig" in html, "Lagans samhällsförening" in html] == [
        True,
        True,
        True,
    ]
    contact_details = [
        "anna@forening.se",
        "070-111 22 33",
        "orjan@samhallsforening.se",
        "0372-123 45",
        "eleni@kommun.se",
    ]
    assert [detail in html for detail in contact_details] == [False] * len(contact_details)
    assert [detail in text for detail in contact_details] == [False] * len(contact_details)


# Bad input and text that is never lost --------------------------------------------------

LONG_TEXT = ("Lång text om bryggan. " * 2300)[:50_000]


def test_editor_with_too_long_notes_keeps_the_text_and_saves_nothing(client, lagan, coordinator):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(
        reverse("minutes:edit", kwargs={"pk": minutes.meeting_id}),
        editor_data(minutes, {0: (LONG_TEXT, ""), 1: ("Kort anteckning.", "")}),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors == {
        "notes": ["Säkerställ att detta värde har som mest 20000 tecken (den har 50000)."]
    }
    assert _messages(response) == [
        ("error", _sv("The minutes were not saved: correct the marked fields. Your text is kept below."))
    ]
    assert len(LONG_TEXT) == 50_000
    assert LONG_TEXT in html
    assert "Kort anteckning." in html
    assert _snapshot() == before


def test_editor_saves_only_the_forms_of_its_items(client, lagan, coordinator):
    """A form the page did not send (one more than the items) is not an item to save and no
    reason to fail: the items are saved."""
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    data = editor_data(minutes, {1: ("Ny anteckning.", "")})
    data |= {"form-TOTAL_FORMS": str(minutes.items.count() + 1)}
    client.force_login(coordinator)

    response = client.post(reverse("minutes:edit", kwargs={"pk": minutes.meeting_id}), data)

    assert response.status_code == 302
    assert list(minutes.items.order_by("position", "id").values_list("notes", flat=True))[:2] == [
        "Vi gick igenom dagordningen.",
        "Ny anteckning.",
    ]
    assert MinutesItem.objects.count() == minutes.items.count()


def test_editor_refuses_an_item_of_other_minutes(client, lagan, coordinator):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    other = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    data = editor_data(minutes) | {"form-0-id": str(other.items.order_by("position", "id").first().pk)}
    data["form-0-notes"] = "Skrivet i fel protokoll."
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(reverse("minutes:edit", kwargs={"pk": minutes.meeting_id}), data)

    assert response.status_code == 200
    assert _messages(response) == [("error", _sv("The minutes have changed; reload the page."))]
    assert _snapshot() == before


def test_text_posted_after_the_session_expired_is_filled_in_after_logging_in(client, lagan, coordinator):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    url = reverse("minutes:edit", kwargs={"pk": minutes.meeting_id})
    text = "Skrivet medan sessionen gick ut: Örjan föreslog en ny brygga."
    data = editor_data(minutes, {2: (text, "Kommunen svarar till nästa möte.")})
    client.force_login(coordinator)
    shown = client.get(url)
    data["editor_key"] = shown.context["editor_key"]  # the editor's form carries it
    client.logout()  # the session expires while the coordinator writes
    before = _snapshot()

    expired = client.post(url, data)
    client.force_login(coordinator)
    page = client.get(url)

    assert (expired.status_code, expired.url) == (302, f"{reverse('accounts:login')}?next={url}")
    assert page.status_code == 200
    assert [text in page.content.decode(), "Kommunen svarar till nästa möte." in page.content.decode()] == [
        True,
        True,
    ]
    assert _messages(page) == [
        (
            "warning",
            _sv("Your session had expired. Log in again: what you wrote has been kept and is filled in."),
        ),
        ("info", _sv("The text you wrote before logging in is filled in below. Save it.")),
    ]
    assert _snapshot() == before  # nothing is saved until the coordinator saves

    saved = client.post(url, data)
    again = client.get(url)

    assert saved.status_code == 302
    assert minutes.items.order_by("position", "id")[2].notes == text
    # The kept text is filled in once: afterwards the page shows what was saved.
    assert _messages(again) == [("success", _sv("The minutes were saved."))]


# Sending for review sends what is in the editor ------------------------------------------

EMPTY_MINUTES = "The minutes are empty: write on at least one item before sending them for review."
NOT_SENT = "Nothing was sent: correct the marked fields. Your text is kept below."


def _send_url(minutes) -> str:
    return reverse("minutes:send_for_review", kwargs={"pk": minutes.meeting_id})


def _edit_url(minutes) -> str:
    return reverse("minutes:edit", kwargs={"pk": minutes.meeting_id})


def _send_data(minutes, texts, *, reviewers, signers=()) -> dict:
    """What the editor's form posts when "Send for review" is pressed: the text in the
    editor and the people chosen below it."""
    return editor_data(minutes, texts) | {
        "reviewers": [person.pk for person in reviewers],
        "signers": [person.memberships.get().pk for person in signers],
    }


def test_send_for_review_freezes_the_text_typed_in_the_editor(
    client, lagan, coordinator, official, member, django_capture_on_commit_callbacks, mailoutbox
):
    """The coordinator types and presses "Send for review" without saving first."""
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator, texts={})
    typed = {0: ("Bryggan vid badplatsen är trasig.", "Kommunen lagar den före sommaren.")}
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _send_url(minutes), _send_data(minutes, typed, reviewers=[official], signers=[member])
        )

    assert (response.status_code, response.url) == (302, _edit_url(minutes))
    assert _messages(response) == [
        ("success", _sv("Version %(number)s was sent for review.") % {"number": 1})
    ]
    assert minutes.items.order_by("position", "id").values_list("notes", "agreed")[0] == typed[0]
    version = MinutesVersion.objects.get()
    assert (version.content["items"][0]["notes"], version.content["items"][0]["agreed"]) == typed[0]
    client.force_login(official)
    review_page = client.get(reverse("minutes:review", kwargs={"pk": MinutesReview.objects.get().pk}))
    assert [text in review_page.content.decode() for text in typed[0]] == [True, True]
    assert sorted(message.to[0] for message in mailoutbox) == ["anna@forening.se", "olle@kommun.se"]


@pytest.mark.parametrize("typed", [{}, {0: ("   ", ""), 1: ("", "\n")}], ids=["nothing", "blanks"])
def test_send_for_review_of_empty_minutes_is_refused_and_mails_no_one(
    client, lagan, coordinator, official, member, django_capture_on_commit_callbacks, mailoutbox, typed
):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator, texts={})
    client.force_login(coordinator)
    before = _snapshot()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _send_url(minutes), _send_data(minutes, typed, reviewers=[official], signers=[member])
        )

    assert response.status_code == 200
    assert _messages(response) == [("error", _sv(EMPTY_MINUTES))]
    assert _snapshot() == before
    assert mailoutbox == []


def test_send_for_review_with_a_marked_field_keeps_the_text_and_sends_nothing(
    client, lagan, coordinator, official, django_capture_on_commit_callbacks, mailoutbox
):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    client.force_login(coordinator)
    before = _snapshot()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _send_url(minutes),
            _send_data(minutes, {0: (LONG_TEXT, ""), 1: ("Kort anteckning.", "")}, reviewers=[official]),
        )

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors == {
        "notes": ["Säkerställ att detta värde har som mest 20000 tecken (den har 50000)."]
    }
    assert _messages(response) == [("error", _sv(NOT_SENT))]
    assert [LONG_TEXT in html, "Kort anteckning." in html] == [True, True]
    assert _snapshot() == before
    assert mailoutbox == []


def test_send_for_review_without_an_official_keeps_the_typed_text(client, lagan, coordinator, mailoutbox):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(
        _send_url(minutes), _send_data(minutes, {1: ("Skrivet men inte sparat.", "")}, reviewers=[])
    )

    assert response.status_code == 200
    assert response.context["review_form"].errors == {"reviewers": ["Detta fält måste fyllas i."]}
    assert _messages(response) == [("error", _sv(NOT_SENT))]
    html = response.content.decode()
    assert "Skrivet men inte sparat." in html
    # The page's own links lead back to the editor, not to the address of the action.
    assert [f"next={_edit_url(minutes)}" in html, f"next={_send_url(minutes)}" in html] == [True, False]
    assert _snapshot() == before
    assert mailoutbox == []


def test_send_for_review_without_the_editors_text_sends_nothing(client, lagan, coordinator, official):
    """A page from before the editor and the sending were one form posts no text: refused."""
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(_send_url(minutes), {"reviewers": [official.pk]})

    assert response.status_code == 200
    assert _messages(response) == [("error", _sv(NOT_SENT))]
    assert _snapshot() == before


def test_text_sent_for_review_after_the_session_expired_is_filled_in_after_logging_in(
    client, lagan, coordinator, official
):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    text = "Skrivet medan sessionen gick ut, sedan skickat för granskning."
    client.force_login(coordinator)
    data = _send_data(minutes, {2: (text, "")}, reviewers=[official])
    data["editor_key"] = client.get(_edit_url(minutes)).context["editor_key"]
    client.logout()
    before = _snapshot()

    expired = client.post(_send_url(minutes), data)
    client.force_login(coordinator)
    page = client.get(_edit_url(minutes))

    assert (expired.status_code, expired.url) == (
        302,
        f"{reverse('accounts:login')}?next={_edit_url(minutes)}",
    )
    assert text in page.content.decode()
    assert _snapshot() == before  # nothing is saved or sent until the coordinator presses again


def test_editor_sends_for_review_from_its_own_form(client, lagan, coordinator):
    """ "Send for review" is a second button of the editor's form, so it posts the text."""
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    client.force_login(coordinator)

    html = client.get(_edit_url(minutes)).content.decode()

    editor = html[html.index('<form method="post" id="minutes-editor"') :]
    editor = editor[: editor.index("</form>")]
    assert [
        'name="form-0-notes"' in editor,
        'name="reviewers"' in editor,
        f'formaction="{_send_url(minutes)}"' in editor,
    ] == [True, True, True]


# What the editor offers ---------------------------------------------------------------

# state -> (the editor's form, the release, the correction) on the page
OFFERED = {
    DRAFT: (True, False, False),
    IN_REVIEW: (True, True, False),
    RELEASED: (False, False, True),
    CORRECTING: (True, False, False),
}


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
@pytest.mark.parametrize("state", OFFERED)
def test_editor_offers_only_what_the_state_of_the_minutes_allows(
    client, lagan, coordinator, official, state, who
):
    """A superuser (whom Django grants every permission) is offered the same as the coordinator."""
    minutes = make_minutes(_held(lagan, coordinator), state, by=coordinator, reviewers=[official])
    person = coordinator if who == "coordinator" else make_person(is_staff=True, is_superuser=True)
    client.force_login(person)

    html = client.get(_edit_url(minutes)).content.decode()

    assert (
        'id="minutes-editor"' in html,
        f'action="{reverse("minutes:release", kwargs={"pk": minutes.meeting_id})}"' in html,
        f'action="{reverse("minutes:correction", kwargs={"pk": minutes.meeting_id})}"' in html,
    ) == OFFERED[state]


def test_editor_names_who_has_not_approved_until_everyone_has(client, scene, coordinator, official, member):
    client.force_login(coordinator)
    missing = _sv("Not yet approved by")

    before = client.get(_edit_url(scene["minutes"])).content.decode()
    approve_all(scene["minutes"])
    after = client.get(_edit_url(scene["minutes"])).content.decode()

    assert f"{missing}: Olle Tjänsteperson, Anna Åkesson" in before
    assert [missing in after, 'name="override_reason"' in after] == [False, False]


# Superseded requests ---------------------------------------------------------------------


def test_review_page_of_a_superseded_version_links_the_current_one(client, scene, official):
    old = MinutesReview.objects.get(minutes=scene["minutes"], reviewer=official, version_number=1)
    client.force_login(official)

    response = client.get(reverse("minutes:review", kwargs={"pk": old.pk}))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        _sv("Version %(number)s has been replaced by version %(current)s.")
        % {
            "number": 1,
            "current": 2,
        }
        in html
    )
    assert f'href="{_url("minutes:review", scene)}"' in html
    assert ['name="verdict"' in html, _sv("Send verdict") in html] == [False, False]


def test_sign_off_page_of_a_superseded_version_links_the_current_one(client, scene, member):
    old = SignOff.objects.get(minutes=scene["minutes"], person=member, version_number=1)
    client.force_login(member)

    response = client.get(reverse("minutes:sign_off", kwargs={"pk": old.pk}))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        _sv("Version %(number)s has been replaced by version %(current)s.")
        % {
            "number": 1,
            "current": 2,
        }
        in html
    )
    assert f'href="{_url("minutes:sign_off", scene)}"' in html
    assert 'name="verdict"' not in html


def test_superseded_page_without_a_current_request_links_nothing(
    client, lagan, coordinator, official, member
):
    """Version 2 went to someone else: the page says so, and has no link to follow."""
    minutes = make_minutes(
        _held(lagan, coordinator), IN_REVIEW, by=coordinator, reviewers=[official], signers=[member]
    )
    write(minutes, by=coordinator, texts={0: ("Omskrivet.", "")})
    send(minutes, by=coordinator, reviewers=[make_official()])
    client.force_login(official)

    html = client.get(
        reverse("minutes:review", kwargs={"pk": MinutesReview.objects.get(reviewer=official).pk})
    ).content.decode()

    assert (
        _sv("Version %(number)s has been replaced by version %(current)s.")
        % {
            "number": 1,
            "current": 2,
        }
        in html
    )
    assert [_sv("Review version %(number)s") % {"number": 2} in html, 'name="verdict"' in html] == [
        False,
        False,
    ]


def test_sign_off_page_of_an_older_version_refuses_the_answer(client, scene, member):
    old = SignOff.objects.get(minutes=scene["minutes"], person=member, version_number=1)
    client.force_login(member)
    before = _snapshot()

    response = client.post(
        reverse("minutes:sign_off", kwargs={"pk": old.pk}), {"verdict": "confirm", "comment": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        _sv("This version is no longer being reviewed; a newer version has been sent.")
    ]
    assert _sv("This version is no longer being reviewed; a newer version has been sent.") in (
        response.content.decode()
    )
    assert _snapshot() == before


def test_review_page_of_released_minutes_takes_no_verdict(client, released_scene, official):
    review = MinutesReview.objects.get(minutes=released_scene["minutes"], reviewer=official)
    client.force_login(official)

    html = client.get(reverse("minutes:review", kwargs={"pk": review.pk})).content.decode()

    assert _sv("The minutes are no longer being reviewed.") in html
    assert 'name="verdict"' not in html


# Query budgets -------------------------------------------------------------------------


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _filled(group, item_count, *, by, reviewer, state) -> Minutes:
    """Minutes of `item_count` items, each with text, an issue, a reviewer's comment, and as
    many attendees as items."""
    standing = StandingItem.objects.filter(active=True).count()
    meeting = make_held_meeting(group, by=by, item_count=item_count - standing)
    memberships = [make_member(group) for _ in range(item_count)]
    meeting_services.attendance_record(
        meeting=meeting,
        memberships=memberships,
        officials=[reviewer],
        elected_names=[],
        guest_names=[],
        by=by,
    )
    department = Department.objects.order_by("id").first()
    for agenda_item in meeting.items.all():
        issue_create(
            group=group,
            title=f"Följ upp: {agenda_item.title}",
            by=by,
            meeting=meeting,
            agenda_item=agenda_item,
            department=department,
        )
    texts = {index: (f"Anteckningar {index}.", f"Beslut {index}.") for index in range(item_count)}
    minutes = make_minutes(
        meeting, state, by=by, reviewers=[reviewer], signers=[memberships[0].person], texts=texts
    )
    assert minutes.items.count() == item_count
    if state == IN_REVIEW:
        services.minutes_review_decide(
            review=minutes.reviews.get(),
            reviewer=reviewer,
            approve=False,
            item_comments={item.pk: f"Kommentar {item.pk}" for item in minutes.items.all()},
        )
    return minutes


@pytest.mark.parametrize("viewer", [ANONYMOUS, MEMBER])
def test_public_page_query_count_does_not_grow_with_items(as_role, lagan, coordinator, official, viewer):
    few = _filled(lagan, 5, by=coordinator, reviewer=official, state=RELEASED)
    many = _filled(lagan, 50, by=coordinator, reviewer=official, state=RELEASED)
    client = as_role(viewer)

    few_count = _count_queries(client, reverse("minutes:public", kwargs={"pk": few.meeting_id}))
    many_count = _count_queries(client, reverse("minutes:public", kwargs={"pk": many.meeting_id}))

    # meeting with group and area, latest release with version and who released it, the
    # previous and the next released minutes of the group, the minutes, their releases.
    # The items and the attendance are read from the frozen version. A member adds
    # session, user (with whether they represent an organisation now), and role groups (the
    # navigation).
    assert few_count == many_count
    assert many_count == (6 if viewer == ANONYMOUS else 9)


def test_editor_query_count_does_not_grow_with_items(client, lagan, coordinator, official):
    few = _filled(lagan, 5, by=coordinator, reviewer=official, state=IN_REVIEW)
    many = _filled(lagan, 50, by=coordinator, reviewer=official, state=IN_REVIEW)
    client.force_login(coordinator)

    few_count = _count_queries(client, reverse("minutes:edit", kwargs={"pk": few.meeting_id}))
    many_count = _count_queries(client, reverse("minutes:edit", kwargs={"pk": many.meeting_id}))

    # session, user, role groups, minutes with meeting, group and area, comments with their
    # reviewers, issues with department and committee, items, latest release, reviews and
    # sign-offs of the version, who has not approved (reviews, sign-offs), the signers'
    # memberships, versions, attendances with organisations, the officials and the
    # memberships to choose from
    assert few_count == many_count
    assert many_count == 17


def test_history_page_says_who_changed_which_field(client, lagan, coordinator):
    meeting = make_held_meeting(lagan, by=coordinator, item_count=1)
    minutes = make_minutes(meeting, by=coordinator)
    client.force_login(coordinator)
    data = editor_data(minutes, texts={0: ("Vi pratade om bryggan.", "Bryggan lagas i maj.")})
    client.post(reverse("minutes:edit", kwargs={"pk": meeting.pk}), data)

    content = client.get(reverse("minutes:history", kwargs={"pk": meeting.pk})).content.decode()

    assert "ändrad: anteckningar, överenskommet" in content
    assert coordinator.full_name in content


def _stashed(client) -> list[str]:
    return [key for key in client.session.keys() if key.startswith("minutes-draft-")]  # noqa: SIM118 (a session is no dict)


def test_anonymous_post_to_the_editor_stores_nothing_in_the_session(client, lagan, coordinator):
    """Without the key the editor signs into its form, a POST is nobody's lost text: nothing of
    it is kept (an anonymous visitor could otherwise park megabytes in a session for 9 hours)."""
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    data = editor_data(minutes, {0: ("x" * 2_000_000, "")})

    response = client.post(reverse("minutes:edit", kwargs={"pk": minutes.meeting_id}), data)

    assert response.status_code == 302
    assert _stashed(client) == []


def test_text_kept_for_one_coordinator_is_not_filled_in_for_another(client, lagan, coordinator):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    url = reverse("minutes:edit", kwargs={"pk": minutes.meeting_id})
    client.force_login(coordinator)
    data = editor_data(minutes, {0: ("Evas text som gick förlorad.", "")})
    data["editor_key"] = client.get(url).context["editor_key"]
    client.logout()
    client.post(url, data)
    colleague = make_person("Kollega Samordnare", "kollega@kommun.se")
    roles.grant_role(colleague, roles.Role.COORDINATOR)

    client.force_login(colleague)
    page = client.get(url)

    assert "Evas text som gick förlorad." not in page.content.decode()


def test_a_text_larger_than_a_session_keeps_is_not_kept(client, lagan, coordinator):
    minutes = make_minutes(_held(lagan, coordinator), DRAFT, by=coordinator)
    url = reverse("minutes:edit", kwargs={"pk": minutes.meeting_id})
    client.force_login(coordinator)
    data = editor_data(
        minutes, {0: ("a" * 19_000, "b" * 19_000)} | dict.fromkeys(range(1, 4), ("c" * 19000, "d" * 19000))
    )
    data |= {f"form-{n}-notes": "e" * 19_000 for n in range(4)}
    data["editor_key"] = client.get(url).context["editor_key"]
    data["form-0-agreed"] = "f" * (STASH_LIMIT)
    client.logout()

    client.post(url, data)

    assert _stashed(client) == []
