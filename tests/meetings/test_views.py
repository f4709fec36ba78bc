"""The meeting pages through the test client: who may open what, bad input that changes
nothing, query budgets that do not grow with the data, and the flows a coordinator and a
representative go through."""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar

from groups import services as group_services
from groups.models import Group
from meetings import services
from meetings.ics import meeting_uid
from meetings.models import (
    AgendaItem,
    AgendaReview,
    Meeting,
    MeetingAction,
    MeetingOfficial,
    MeetingRound,
    Proposal,
    Rsvp,
)
from meetings.urls import urlpatterns
from minutes.models import MinutesReview
from officials.models import Department
from tests.conftest import make_member, make_organisation, make_person
from tests.meetings.conftest import let_time_pass, make_meeting, make_official
from tests.minutes.conftest import IN_REVIEW, make_minutes, send, write

pytestmark = pytest.mark.django_db

Status = Meeting.Status
ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, COORDINATOR = (
    "anonymous",
    "member",
    "former_member",
    "other",
    "official",
    "coordinator",
)
# An elected representative following Lagan: its group meetings do not invite them, so they
# have what a member of another group has (tests/groups/test_elected_representatives.py has
# the meetings with elected representatives).
ELECTED = "elected_representative"
ROLES = [ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, COORDINATOR, ELECTED]
LOGIN = 302  # anonymous visitors are sent to the login page


def _sv(message: str) -> str:
    """What a Swedish visitor is shown for a message of the code."""
    with translation.override("sv"):
        return gettext(message)


def _messages(response) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]


def _department(slug="park-och-skotselfragor") -> Department:
    return Department.objects.get(slug=slug)


@pytest.fixture
def as_role(client, member, other_member, official, coordinator, elected_representative):
    people = {
        MEMBER: member,
        OTHER_MEMBER: other_member,
        OFFICIAL: official,
        COORDINATOR: coordinator,
        ELECTED: elected_representative,
    }

    def log_in(role):
        if role == FORMER_MEMBER:
            # The member, after their membership ended: every right from it ends with it.
            for membership in member.memberships.current():
                group_services.membership_end(membership=membership)
            client.force_login(member)
        elif role != ANONYMOUS:
            client.force_login(people[role])
        return client

    return log_in


# Who may open what ---------------------------------------------------------------------


@pytest.fixture
def scene(lagan, member, official, coordinator):
    """A Lagan meeting in every state a page or an action needs, built through the services."""
    draft = make_meeting(lagan, by=coordinator, title="Utkast")
    open_meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator, title="Öppet möte")
    proposal = services.proposal_submit(
        meeting=open_meeting, proposer=member, title="Gatubelysning vid skolan"
    )
    in_review = make_meeting(
        lagan, status=Status.IN_REVIEW, by=coordinator, reviewers=[official], title="Förankras"
    )
    started = make_meeting(
        lagan,
        status=Status.PUBLISHED,
        starts_in=timedelta(hours=-1),
        by=coordinator,
        title="Pågår",
        reviewers=[official],
    )
    meeting_round = MeetingRound.objects.create(title="Årets gruppmöten", created_by=coordinator)
    meeting_round.groups.set([lagan])
    return {
        "draft": draft,
        "open": open_meeting,
        "in_review": in_review,
        "started": started,
        "proposal": proposal,
        "item": open_meeting.items.order_by("position").first(),
        "review": AgendaReview.objects.get(meeting=in_review, reviewer=official),
        "round": meeting_round,
    }


def _url(name, scene) -> str:
    kwargs = {
        "meetings:group_feed": {"slug": "lagan"},
        "meetings:propose": {"pk": scene["open"].pk},
        "meetings:proposal_edit": {"pk": scene["proposal"].pk},
        "meetings:proposal_withdraw": {"pk": scene["proposal"].pk},
        "pages:rsvp": {"pk": scene["open"].pk},
        "pages:agenda_review": {"pk": scene["review"].pk},
        "meetings:create": {"slug": "lagan"},
        "meetings:edit": {"pk": scene["open"].pk},
        "meetings:manage": {"pk": scene["open"].pk},
        "meetings:open": {"pk": scene["draft"].pk},
        "meetings:send_for_review": {"pk": scene["open"].pk},
        "meetings:publish": {"pk": scene["in_review"].pk},
        "meetings:mark_held": {"pk": scene["started"].pk},
        "meetings:cancel": {"pk": scene["open"].pk},
        "meetings:officials": {"pk": scene["open"].pk},
        "meetings:attendance": {"pk": scene["open"].pk},
        "meetings:item_add": {"pk": scene["open"].pk},
        "meetings:item_edit": {"pk": scene["item"].pk},
        "meetings:item_move": {"pk": scene["item"].pk},
        "meetings:item_remove": {"pk": scene["item"].pk},
        "meetings:proposal_accept": {"pk": scene["proposal"].pk},
        "meetings:proposal_decline": {"pk": scene["proposal"].pk},
        "meetings:proposal_merge": {"pk": scene["proposal"].pk},
        "meetings:round": {"pk": scene["round"].pk},
    }.get(name, {})
    return reverse(name, kwargs=kwargs)


def _post_data(name, scene) -> dict:
    """What the page's own form would send, so that an allowed POST does its work."""
    version = Meeting.objects.get(pk=scene["open"].pk).agenda_version
    return {
        "pages:rsvp": {"answer": Rsvp.Answer.YES, "others": ""},
        "pages:agenda_review": {
            "verdict": "approve",
            "comment": "",
        },
        "meetings:send_for_review": {"reviewers": [make_official().pk]},
        "meetings:publish": {"confirm_without_all_approvals": "on"},
        "meetings:officials": {"officials": [make_official().pk]},
        "meetings:item_move": {"agenda_version": version, "direction": "down"},
        "meetings:item_remove": {"agenda_version": version},
        "meetings:proposal_accept": {"agenda_version": version},
        "meetings:proposal_merge": {"agenda_version": version, "into": scene["item"].pk},
    }.get(name, {})


def _snapshot() -> tuple:
    """Everything a meetings action could change."""
    return (
        list(
            Meeting.objects.order_by("pk").values_list("pk", "status", "agenda_version", "sequence", "title")
        ),
        list(Proposal.objects.order_by("pk").values_list("pk", "status", "title")),
        list(AgendaItem.objects.order_by("pk").values_list("pk", "meeting", "position", "title")),
        list(AgendaReview.objects.order_by("pk").values_list("pk", "verdict")),
        list(Rsvp.objects.order_by("pk").values_list("pk", "answer")),
        list(MeetingOfficial.objects.order_by("pk").values_list("pk", "official")),
        list(MeetingRound.objects.order_by("pk").values_list("pk", "title")),
    )


MEETING_PAGES = ["pages:meeting", "meetings:ics"]
#              state               anonymous member former other official coordinator elected
STATE_MATRIX = [
    (Status.PUBLISHED, [200, 200, 200, 200, 200, 200, 200]),
    (Status.DRAFT, [404, 404, 404, 404, 200, 200, 404]),  # drafts are internal
    (Status.OPEN, [404, 200, 404, 404, 200, 200, 404]),  # announced to the group only
]


@pytest.mark.parametrize("name", MEETING_PAGES)
@pytest.mark.parametrize(("state", "expected"), STATE_MATRIX, ids=[row[0] for row in STATE_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_meeting_page_and_ics_by_state(as_role, lagan, coordinator, name, state, expected, role_index):
    meeting = make_meeting(lagan, status=state, by=coordinator)

    response = as_role(ROLES[role_index]).get(reverse(name, kwargs={"pk": meeting.pk}))

    assert response.status_code == expected[role_index]
    if name == "meetings:ics" and response.status_code == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        event = Calendar.from_ical(response.content).walk("VEVENT")[0]
        assert str(event["uid"]) == meeting_uid(meeting)


#                      view name                    anonymous member former other official coordinator elected
GET_MATRIX = [
    ("meetings:group_feed", [200, 200, 200, 200, 200, 200, 200]),
    # Another group's member does not see an open meeting at all; the municipality sees it
    # but does not propose.
    ("meetings:propose", [LOGIN, 200, 404, 404, 403, 403, 404]),
    ("meetings:proposal_edit", [LOGIN, 200, 403, 403, 403, 403, 403]),
    ("pages:my_meetings", [LOGIN, 403, 403, 403, 200, 200, 403]),
    ("pages:agenda_review", [LOGIN, 403, 403, 403, 200, 403, 403]),
    ("meetings:create", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:edit", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:manage", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:cancel", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:attendance", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:item_add", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:item_edit", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:proposal_decline", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:rounds", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:round_create", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:round", [LOGIN, 403, 403, 403, 403, 200, 403]),
    ("meetings:year", [LOGIN, 403, 403, 403, 403, 200, 403]),
]
# Actions: the allowed role is sent back to a page (302); nobody else changes anything.
POST_MATRIX = [
    ("meetings:proposal_withdraw", [LOGIN, 302, 403, 403, 403, 403, 403]),
    ("pages:rsvp", [LOGIN, 302, 404, 404, 403, 403, 404]),
    ("pages:agenda_review", [LOGIN, 403, 403, 403, 302, 403, 403]),
    ("meetings:open", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:send_for_review", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:publish", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:mark_held", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:officials", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:item_move", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:item_remove", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:proposal_accept", [LOGIN, 403, 403, 403, 403, 302, 403]),
    ("meetings:proposal_merge", [LOGIN, 403, 403, 403, 403, 302, 403]),
]
# The agenda review's page takes its own verdict form: it is no POST-only action.
POST_ONLY = [row[0] for row in POST_MATRIX if row[0] != "pages:agenda_review"]
# Form pages posted empty: the coordinator gets the form back with its errors.
FORM_POST_MATRIX = [
    (name, [LOGIN, 403, 403, 403, 403, 200, 403])
    for name in [
        "meetings:create",
        "meetings:edit",
        "meetings:cancel",
        "meetings:attendance",
        "meetings:item_add",
        "meetings:item_edit",
        "meetings:proposal_decline",
        "meetings:round_create",
        "meetings:round",
    ]
]


# The meeting's own pages that combine it with issues and minutes live in the pages app.
MEETING_PAGES_ELSEWHERE = {"pages:meeting", "pages:rsvp", "pages:my_meetings", "pages:agenda_review"}


def test_every_meetings_url_is_in_a_matrix():
    covered = {*MEETING_PAGES, *(row[0] for row in GET_MATRIX + POST_MATRIX)}

    assert {f"meetings:{pattern.name}" for pattern in urlpatterns} | MEETING_PAGES_ELSEWHERE == covered


@pytest.mark.parametrize(("name", "expected"), GET_MATRIX, ids=[row[0] for row in GET_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_get_permission_matrix(as_role, scene, name, expected, role_index):
    response = as_role(ROLES[role_index]).get(_url(name, scene))

    assert response.status_code == expected[role_index]
    if ROLES[role_index] == ANONYMOUS and expected[role_index] == LOGIN:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "expected"), POST_MATRIX, ids=[row[0] for row in POST_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_post_permission_matrix(as_role, scene, name, expected, role_index):
    data = _post_data(name, scene)
    before = _snapshot()

    response = as_role(ROLES[role_index]).post(_url(name, scene), data)

    assert response.status_code == expected[role_index]
    if expected[role_index] == 302 and ROLES[role_index] != ANONYMOUS:
        assert [level for level, _text in _messages(response)] == ["success"]
        assert _snapshot() != before
    else:
        assert _snapshot() == before
    if ROLES[role_index] == ANONYMOUS:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "expected"), FORM_POST_MATRIX, ids=[row[0] for row in FORM_POST_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_form_post_permission_matrix(as_role, scene, name, expected, role_index):
    before = _snapshot()

    response = as_role(ROLES[role_index]).post(_url(name, scene), {})

    assert response.status_code == expected[role_index]
    assert _snapshot() == before


@pytest.mark.parametrize("name", POST_ONLY)
@pytest.mark.parametrize("role", [ANONYMOUS, MEMBER, OFFICIAL, COORDINATOR])
def test_actions_refuse_get(as_role, scene, name, role):
    before = _snapshot()

    response = as_role(role).get(_url(name, scene))

    assert response.status_code == 405
    assert _snapshot() == before


def test_group_feed_has_only_the_published_meetings(client, lagan, ryssby, coordinator, official):
    published = make_meeting(
        lagan, status=Status.PUBLISHED, by=coordinator, reviewers=[official], title="Publicerat"
    )
    # Published and then cancelled: calendars that have it must learn of the cancellation.
    called_off = make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(days=40), by=coordinator, reviewers=[official]
    )
    services.meeting_cancel(meeting=called_off, reason="Lokalen brann.", by=coordinator)
    for state in (Status.DRAFT, Status.OPEN, Status.IN_REVIEW, Status.CANCELLED):
        make_meeting(lagan, status=state, by=coordinator, reviewers=[official], title=f"Internt {state}")
    make_meeting(ryssby, status=Status.PUBLISHED, by=coordinator, reviewers=[official], title="Ryssby")

    response = client.get(reverse("meetings:group_feed", kwargs={"slug": "lagan"}))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [(str(event["uid"]), str(event["status"])) for event in events] == [
        (meeting_uid(published), "CONFIRMED"),
        (meeting_uid(called_off), "CANCELLED"),
    ]


def test_group_feed_of_an_unknown_area_is_not_found(client):
    assert client.get(reverse("meetings:group_feed", kwargs={"slug": "finns-inte"})).status_code == 404


@pytest.mark.parametrize("name", MEETING_PAGES)
def test_a_draft_cancelled_before_it_was_announced_stays_internal(client, member, lagan, coordinator, name):
    draft = make_meeting(lagan, by=coordinator, title="Aldrig utannonserat")
    services.meeting_cancel(meeting=draft, reason="Fel datum.", by=coordinator)
    client.force_login(member)

    response = client.get(reverse(name, kwargs={"pk": draft.pk}))

    assert response.status_code == 404


def test_review_page_is_only_for_the_asked_official(client, lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, by=coordinator, reviewers=[official])
    review = AgendaReview.objects.get(meeting=meeting, reviewer=official)
    colleague = make_official("Kollega Kommun", "kollega@kommun.se")
    client.force_login(colleague)

    page = client.get(reverse("pages:agenda_review", kwargs={"pk": review.pk}))
    verdict = client.post(
        reverse("pages:agenda_review", kwargs={"pk": review.pk}),
        {"verdict": "approve", "comment": ""},
    )

    assert (page.status_code, verdict.status_code) == (403, 403)
    review.refresh_from_db()
    assert review.verdict == AgendaReview.Verdict.PENDING


# Bad input -----------------------------------------------------------------------------


def _meeting_data(**overrides) -> dict:
    day = timezone.localdate() + timedelta(days=40)
    data = {
        "kind": Meeting.Kind.GROUP_MEETING,
        "title": "Gruppmöte i Lagan",
        "date": day.isoformat(),
        "start_time": "18:30",
        "end_time": "20:30",
        "venue_name": "Bygdegården",
        "venue_address": "Storgatan 1, Lagan",
        "deadline_date": (day - timedelta(days=14)).isoformat(),
        "deadline_time": "23:59",
        "elected_representatives": "",
    }
    data.update(overrides)
    return data


def _create(client, coordinator, **overrides):
    client.force_login(coordinator)
    return client.post(reverse("meetings:create", kwargs={"slug": "lagan"}), _meeting_data(**overrides))


def test_meeting_create_with_good_input_makes_a_draft(client, coordinator, lagan):
    response = _create(client, coordinator)

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("meetings:manage", kwargs={"pk": meeting.pk})
    assert (meeting.group, meeting.status, meeting.created_by) == (lagan, Status.DRAFT, coordinator)
    assert timezone.localtime(meeting.starts_at).time() == time(18, 30)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "17:00"}, "end_time", "The meeting must end after it starts."),
        ({"end_time": "18:30"}, "end_time", "The meeting must end after it starts."),
        (
            {"deadline_date": (timezone.localdate() + timedelta(days=41)).isoformat()},
            "deadline_date",
            "The deadline for proposals must be before the meeting starts.",
        ),
        ({"venue_name": "  "}, "venue_name", "A group meeting is physical: give the venue in the area."),
    ],
    ids=["end-before-start", "end-at-start", "deadline-after-start", "group-meeting-without-venue"],
)
def test_meeting_form_refuses_inconsistent_times_next_to_the_field(
    client, coordinator, lagan, overrides, field, message
):
    response = _create(client, coordinator, **overrides)

    form = response.context["form"]
    assert response.status_code == 200
    assert form.has_error(field)
    assert form.errors[field] == [_sv(message)]
    assert f'id="error_1_id_{field}"' in response.content.decode()
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize("field", ["date", "deadline_date"])
@pytest.mark.parametrize("day", ["0001-06-01", "9999-12-31"], ids=["year-1", "year-9999"])
def test_meeting_form_refuses_a_far_away_year_without_an_error_page(client, coordinator, lagan, field, day):
    response = _create(client, coordinator, **{field: day})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.has_error(field, code="year_out_of_range")
    assert form.errors[field] == [
        _sv("Choose a date between the years %(earliest)s and %(latest)s.")
        % {
            "earliest": 2000,
            "latest": 2100,
        }
    ]
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "clock", "code"),
    [
        ("2026-10-25", "02:30", "ambiguous_time"),  # the clocks go back from 03:00 to 02:00
        ("2026-03-29", "02:30", "nonexistent_time"),  # the clocks go forward from 02:00 to 03:00
    ],
    ids=["ambiguous", "nonexistent"],
)
@pytest.mark.parametrize("field", ["start_time", "end_time"])
def test_meeting_form_refuses_times_the_summer_time_switch_makes_unusable(
    client, coordinator, lagan, day, clock, code, field
):
    times = {"start_time": "01:00", "end_time": "04:00", field: clock}
    deadline = (date.fromisoformat(day) - timedelta(days=14)).isoformat()

    response = _create(client, coordinator, date=day, deadline_date=deadline, **times)

    form = response.context["form"]
    assert response.status_code == 200
    assert form.has_error(field, code=code)
    assert clock in form.errors[field][0]
    assert f'id="error_1_id_{field}"' in response.content.decode()
    assert Meeting.objects.count() == 0


def test_meeting_form_refuses_an_ambiguous_deadline(client, coordinator, lagan):
    response = _create(
        client, coordinator, date="2026-11-20", deadline_date="2026-10-25", deadline_time="02:15"
    )

    assert response.context["form"].has_error("deadline_date", code="ambiguous_time")
    assert Meeting.objects.count() == 0


def test_meeting_edit_with_bad_input_changes_nothing(client, coordinator, lagan):
    meeting = make_meeting(lagan, by=coordinator)
    before = _snapshot()
    client.force_login(coordinator)

    response = client.post(
        reverse("meetings:edit", kwargs={"pk": meeting.pk}),
        _meeting_data(date="2026-03-29", start_time="02:30"),
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("start_time", code="nonexistent_time")
    assert _snapshot() == before


def test_form_errors_are_shown_in_swedish(client, coordinator, lagan):
    """The Swedish catalogue must carry the meetings' messages: the English text of the
    code is not what a Swedish visitor should read."""
    response = _create(client, coordinator, end_time="17:00")

    shown = list(response.context["form"].errors["end_time"])
    assert shown == [_sv("The meeting must end after it starts.")]
    assert shown != ["The meeting must end after it starts."]


@pytest.fixture
def open_meeting(lagan, coordinator):
    return make_meeting(lagan, status=Status.OPEN, by=coordinator)


def _proposal_data(**overrides) -> dict:
    return {
        "title": "Gatubelysning vid skolan",
        "description": "Det är mörkt.",
        "hoped_outcome": "",
        **overrides,
    }


def test_member_proposes_an_item(client, member, open_meeting):
    client.force_login(member)

    response = client.post(
        reverse("meetings:propose", kwargs={"pk": open_meeting.pk}),
        _proposal_data(departments=[_department().pk]),
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == open_meeting.get_absolute_url()
    assert (proposal.meeting, proposal.proposer, proposal.status) == (
        open_meeting,
        member,
        Proposal.Status.SUBMITTED,
    )
    assert list(proposal.departments.all()) == [_department()]


def test_proposal_after_the_deadline_is_refused_with_a_message(client, member, open_meeting):
    let_time_pass(open_meeting, proposal_deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(member)
    url = reverse("meetings:propose", kwargs={"pk": open_meeting.pk})

    posted = client.post(url, _proposal_data())
    opened = client.get(url)

    assert posted.status_code == 200
    assert posted.context["form"].non_field_errors() == [_sv("The deadline for proposals has passed.")]
    assert opened.status_code == 302
    assert _messages(opened) == [("error", _sv("The meeting does not take proposals now."))]
    assert Proposal.objects.count() == 0


def test_member_of_another_group_cannot_propose(client, other_member, lagan, coordinator, open_meeting):
    published = make_meeting(lagan, status=Status.PUBLISHED, by=coordinator)
    client.force_login(other_member)

    # An open meeting does not exist for another group; a published one is seen but refused.
    to_open = client.post(reverse("meetings:propose", kwargs={"pk": open_meeting.pk}), _proposal_data())
    to_published = client.post(reverse("meetings:propose", kwargs={"pk": published.pk}), _proposal_data())

    assert (to_open.status_code, to_published.status_code) == (404, 403)
    assert Proposal.objects.count() == 0


def test_editing_someone_elses_proposal_is_forbidden(client, member, lagan, open_meeting):
    proposal = services.proposal_submit(
        meeting=open_meeting, proposer=member, title="Gatubelysning vid skolan"
    )
    fellow = make_member(lagan).person
    client.force_login(fellow)
    url = reverse("meetings:proposal_edit", kwargs={"pk": proposal.pk})

    opened = client.get(url)
    posted = client.post(url, _proposal_data(title="Något helt annat"))
    withdrawn = client.post(reverse("meetings:proposal_withdraw", kwargs={"pk": proposal.pk}))

    assert (opened.status_code, posted.status_code, withdrawn.status_code) == (403, 403, 403)
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == ("Gatubelysning vid skolan", Proposal.Status.SUBMITTED)


def test_member_edits_own_proposal(client, member, open_meeting):
    proposal = services.proposal_submit(
        meeting=open_meeting, proposer=member, title="Gatubelysning vid skolan"
    )
    client.force_login(member)

    response = client.post(
        reverse("meetings:proposal_edit", kwargs={"pk": proposal.pk}),
        _proposal_data(title="Belysning på skolvägen"),
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Belysning på skolvägen"


@pytest.fixture
def published_with_proposal(lagan, member, coordinator, official):
    """A meeting published while a member's proposal was still waiting."""
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)
    proposal = services.proposal_submit(meeting=meeting, proposer=member, title="Gatubelysning vid skolan")
    services.meeting_send_for_review(meeting=meeting, reviewers=[official], by=coordinator)
    services.meeting_publish(meeting=meeting, by=coordinator, confirm_without_all_approvals=True)
    return proposal


def test_accepting_a_proposal_of_a_published_meeting_is_refused(client, coordinator, published_with_proposal):
    proposal = published_with_proposal
    version = Meeting.objects.get(pk=proposal.meeting_id).agenda_version
    before = _snapshot()
    client.force_login(coordinator)

    response = client.post(
        reverse("meetings:proposal_accept", kwargs={"pk": proposal.pk}), {"agenda_version": version}
    )

    assert response.status_code == 302
    assert response.url == reverse("meetings:manage", kwargs={"pk": proposal.meeting_id})
    assert _messages(response) == [("error", _sv("The agenda is published and can no longer be changed."))]
    assert _snapshot() == before


def test_declining_a_proposal_of_a_published_meeting_is_refused(client, coordinator, published_with_proposal):
    proposal = published_with_proposal
    before = _snapshot()
    client.force_login(coordinator)

    response = client.post(
        reverse("meetings:proposal_decline", kwargs={"pk": proposal.pk}), {"reason": "Hör inte hit."}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        _sv("The agenda is published and can no longer be changed.")
    ]
    assert _snapshot() == before


def _positions(meeting) -> list[tuple[int, int]]:
    return list(meeting.items.order_by("position", "id").values_list("pk", "position"))


def test_agenda_move_with_a_stale_version_warns_and_changes_nothing(client, coordinator, open_meeting):
    stale = Meeting.objects.get(pk=open_meeting.pk).agenda_version
    services.agenda_item_add(meeting=open_meeting, by=coordinator, expected_version=stale, title="Skolvägen")
    item = open_meeting.items.order_by("position").first()
    positions = _positions(open_meeting)
    client.force_login(coordinator)

    response = client.post(
        reverse("meetings:item_move", kwargs={"pk": item.pk}), {"agenda_version": stale, "direction": "down"}
    )

    assert response.status_code == 302
    # Back on the manage page, at the same button of the item, which did not move.
    assert (
        response.url == reverse("meetings:manage", kwargs={"pk": open_meeting.pk}) + f"#item-{item.pk}-down"
    )
    assert _messages(response) == [
        (
            "warning",
            _sv(
                "Someone else changed the agenda while you were working on it. Nothing was changed: "
                "here is the current agenda, make your change again."
            ),
        )
    ]
    assert _positions(open_meeting) == positions
    assert Meeting.objects.get(pk=open_meeting.pk).agenda_version == stale + 1


def test_agenda_move_with_the_current_version_moves_the_item(client, coordinator, open_meeting):
    first, second = open_meeting.items.order_by("position")[:2]
    client.force_login(coordinator)

    client.post(
        reverse("meetings:item_move", kwargs={"pk": first.pk}),
        {"agenda_version": Meeting.objects.get(pk=open_meeting.pk).agenda_version, "direction": "down"},
    )

    assert [pk for pk, _position in _positions(open_meeting)][:2] == [second.pk, first.pk]


@pytest.mark.parametrize("version", ["", "inte-ett-tal"])
def test_agenda_move_without_a_usable_version_is_a_conflict(client, coordinator, open_meeting, version):
    item = open_meeting.items.order_by("position").first()
    positions = _positions(open_meeting)
    client.force_login(coordinator)

    response = client.post(
        reverse("meetings:item_move", kwargs={"pk": item.pk}),
        {"agenda_version": version, "direction": "down"},
    )

    assert [level for level, _text in _messages(response)] == ["warning"]
    assert _positions(open_meeting) == positions


@pytest.mark.parametrize("year", ["abc", "1", "99999"])
def test_year_overview_with_an_odd_year_still_shows_a_page(client, coordinator, year):
    client.force_login(coordinator)

    response = client.get(reverse("meetings:year"), {"ar": year})

    assert response.status_code == 200
    assert timezone.localdate().year - 10 <= response.context["year"] <= timezone.localdate().year + 5


# Query budgets -------------------------------------------------------------------------


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _in_this_year(number: int) -> datetime:
    """A time spread over the current year, evening local time."""
    year = timezone.localdate().year
    day = date(year, 1, 1) + timedelta(days=(number * 7) % 360)
    return datetime.combine(day, time(18, 30), tzinfo=timezone.get_current_timezone())


YEAR_STATES = [Status.DRAFT, Status.OPEN, Status.IN_REVIEW, Status.PUBLISHED, Status.CANCELLED]


def _fill_year(groups, count, *, by, reviewer, start=0):
    for number in range(start, start + count):
        group = groups[number % len(groups)]
        state = YEAR_STATES[number % len(YEAR_STATES)]
        meeting = make_meeting(
            group,
            status=state,
            starts_at=_in_this_year(number),
            by=by,
            reviewers=[reviewer],
            kind=Meeting.Kind.GROUP_MEETING if number % 2 else Meeting.Kind.SAFETY_DIALOGUE,
        )
        if state == Status.OPEN and meeting.accepts_proposals:
            services.proposal_submit(meeting=meeting, proposer=make_member(group).person, title="Väntar")


def test_year_overview_query_count_does_not_grow_with_meetings(client, coordinator, official):
    groups = list(Group.objects.filter(active=True).select_related("area"))
    client.force_login(coordinator)
    url = reverse("meetings:year")
    _fill_year(groups, 1, by=coordinator, reviewer=official)
    few = _count_queries(client, url)

    _fill_year(groups, 49, by=coordinator, reviewer=official, start=1)
    held = make_meeting(groups[0], status=Status.HELD, by=coordinator, reviewers=[official])
    many = _count_queries(client, url)

    # session, user, role groups, the number of groups, one page of groups with their
    # annotations, and their meetings of the year (one prefetch)
    assert Meeting.objects.count() == 51
    assert held.status == Status.HELD
    assert few == many
    assert many <= 9


def _published_with_items(group, count, *, by, reviewer) -> Meeting:
    meeting = make_meeting(group, status=Status.OPEN, by=by)
    departments = list(Department.objects.all())
    for number in range(count):
        services.agenda_item_add(
            meeting=meeting,
            by=by,
            expected_version=Meeting.objects.get(pk=meeting.pk).agenda_version,
            title=f"Punkt {number}",
            description=f"Om **punkt {number}**.",
            departments=departments[: 1 + number % 3],
        )
    services.meeting_send_for_review(meeting=meeting, reviewers=[reviewer], by=by)
    return services.meeting_publish(meeting=meeting, by=by, confirm_without_all_approvals=True)


@pytest.mark.parametrize("viewer", [ANONYMOUS, MEMBER])
def test_meeting_page_query_count_does_not_grow_with_agenda_items(
    as_role, lagan, member, coordinator, official, viewer
):
    few_items = _published_with_items(lagan, 1, by=coordinator, reviewer=official)
    many_items = _published_with_items(lagan, 50, by=coordinator, reviewer=official)
    client = as_role(viewer)

    few = _count_queries(client, few_items.get_absolute_url())
    many = _count_queries(client, many_items.get_absolute_url())

    # anonymous: meeting with group and area, agenda items, their departments (one
    # prefetch), the released minutes, committees. A member adds session, user, role groups,
    # the membership check, the issues recorded when the agenda was published, the answer,
    # own proposals.
    # a logged-in viewer's menu also asks whether they may see the village funds (a membership)
    assert few == many
    assert many <= (6 if viewer == ANONYMOUS else 13)


def test_manage_page_query_count_does_not_grow_with_items_and_proposals(client, lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)
    departments = list(Department.objects.all())
    services.meeting_set_officials(meeting=meeting, officials=[official], by=coordinator)

    def fill(count, start=0):
        for number in range(start, start + count):
            version = Meeting.objects.get(pk=meeting.pk).agenda_version
            services.agenda_item_add(
                meeting=meeting,
                by=coordinator,
                expected_version=version,
                title=f"Punkt {number}",
                departments=departments[: 1 + number % 3],
            )
            person = make_member(lagan, organisation=make_organisation()).person
            proposal = services.proposal_submit(
                meeting=meeting,
                proposer=person,
                title=f"Förslag {number}",
                hoped_outcome="Ett svar.",
                departments=departments[number % 6 : number % 6 + 1],
            )
            services.rsvp_answer(meeting=meeting, person=person, answer=Rsvp.Answer.YES, others="Kalle\nLisa")
            if number % 3 == 1:
                services.proposal_accept(
                    proposal=proposal,
                    by=coordinator,
                    expected_version=Meeting.objects.get(pk=meeting.pk).agenda_version,
                )

    client.force_login(coordinator)
    url = reverse("meetings:manage", kwargs={"pk": meeting.pk})
    fill(1)
    few = _count_queries(client, url)

    fill(49, start=1)
    many = _count_queries(client, url)

    # session, user, role groups, meeting with group and area, committees, agenda items, their
    # departments, officials attending, suggested officials, reviews, answers, proposals,
    # their departments, attendances, departments for the item form, officials for the
    # officials form and for the anchoring form, events, and minutes
    assert meeting.items.count() == 4 + 50 + 17
    assert few == many
    assert many <= 20


@pytest.fixture
def published_in_lagan(lagan, coordinator, official):
    def publish(count, *, start=0):
        for number in range(start, start + count):
            # Half coming, half already past: the area page lists both.
            starts_in = timedelta(days=10 + number) if number % 2 else timedelta(days=-10 - number)
            make_meeting(
                lagan, status=Status.PUBLISHED, starts_in=starts_in, by=coordinator, reviewers=[official]
            )

    return publish


def test_area_page_query_count_does_not_grow_with_meetings(client, published_in_lagan):
    url = reverse("pages:area", kwargs={"slug": "lagan"})
    published_in_lagan(1)
    few = _count_queries(client, url)

    published_in_lagan(49, start=1)
    many = _count_queries(client, url)

    # area, group with area, current main contact, coming meetings, past meetings, the projects
    # granted money from a village fund (finance); residents' voice (participation): the latest
    # suggestions, their count, open surveys, published results
    assert few == many
    assert many <= 10


def test_home_page_query_count_does_not_grow_with_meetings(client, lagan, ryssby, coordinator, official):
    url = reverse("pages:home")

    def publish(count, start=0):
        for number in range(start, start + count):
            group = lagan if number % 2 else ryssby
            make_meeting(
                group,
                status=Status.PUBLISHED,
                starts_in=timedelta(days=5 + number),
                by=coordinator,
                reviewers=[official],
            )

    publish(1)
    few = _count_queries(client, url)

    publish(49, start=1)
    many = _count_queries(client, url)

    # the number of groups, a page of groups with areas, current main contacts, each group's
    # next meeting (one windowed query)
    assert few == many
    assert many <= 4


def test_my_meetings_lists_only_the_current_version_of_minutes_to_review(
    client, lagan, coordinator, official
):
    """Once version 2 is sent, the request about version 1 is no longer a task."""
    minutes = make_minutes(
        make_meeting(lagan, status=Status.HELD, by=coordinator, title="Vårmöte"),
        IN_REVIEW,
        by=coordinator,
        reviewers=[official],
    )
    client.force_login(official)
    first = MinutesReview.objects.get(version_number=1)
    before = client.get(reverse("pages:my_meetings")).content.decode()
    write(minutes, by=coordinator, texts={0: ("Omskrivet efter kommentarerna.", "")})
    send(minutes, by=coordinator, reviewers=[official])
    second = MinutesReview.objects.get(version_number=2)

    after = client.get(reverse("pages:my_meetings")).content.decode()

    def links(html, review):
        return html.count(f'href="{reverse("minutes:review", kwargs={"pk": review.pk})}"')

    assert [links(before, first), links(after, first), links(after, second)] == [1, 0, 1]
    assert ["version 1" in after, "version 2" in after] == [False, True]


def test_my_meetings_query_count_does_not_grow_with_meetings(client, lagan, ryssby, coordinator, official):
    def fill(count, start=0):
        for number in range(start, start + count):
            group = lagan if number % 2 else ryssby
            meeting = make_meeting(group, status=Status.IN_REVIEW, by=coordinator, reviewers=[official])
            services.meeting_set_officials(meeting=meeting, officials=[official], by=coordinator)

    client.force_login(official)
    url = reverse("pages:my_meetings")
    fill(1)
    few = _count_queries(client, url)

    fill(49, start=1)
    many = _count_queries(client, url)

    # session, user, role groups, reviews waiting with their meetings, minutes waiting for
    # review, meetings attended and how many (they are paged)
    assert few == many
    assert many <= 7


def test_review_page_query_count_does_not_grow_with_agenda_items(client, lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)
    departments = list(Department.objects.all())

    def fill(count):
        for number in range(count):
            services.agenda_item_add(
                meeting=meeting,
                by=coordinator,
                expected_version=Meeting.objects.get(pk=meeting.pk).agenda_version,
                title=f"Punkt {number}",
                departments=departments[: 1 + number % 3],
            )

    fill(1)
    services.meeting_send_for_review(meeting=meeting, reviewers=[official], by=coordinator)
    review = AgendaReview.objects.get(meeting=meeting, reviewer=official)
    client.force_login(official)
    url = reverse("pages:agenda_review", kwargs={"pk": review.pk})
    few = _count_queries(client, url)

    fill(49)  # the agenda can still change while it is anchored
    many = _count_queries(client, url)

    # session, user, review with meeting, group and area, committees, agenda items, their
    # departments, open issues, and role groups (the navigation)
    assert few == many
    assert many <= 8


def test_attendance_page_query_count_does_not_grow_with_members(client, lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)

    def fill(count):
        for _number in range(count):
            person = make_member(lagan, start=timezone.localdate() - timedelta(days=30)).person
            services.rsvp_answer(meeting=meeting, person=person, answer=Rsvp.Answer.YES)

    client.force_login(coordinator)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    fill(1)
    few = _count_queries(client, url)

    fill(49)
    many = _count_queries(client, url)

    # session, user, role groups, meeting, attendance recorded, members who said yes,
    # officials attending, and the memberships and the officials to choose from
    assert few == many
    assert many <= 9


# Flows ---------------------------------------------------------------------------------


@pytest.fixture
def in_review(lagan, member, coordinator, official):
    """A meeting in anchoring whose one official has not answered yet."""
    return make_meeting(lagan, status=Status.IN_REVIEW, by=coordinator, reviewers=[official])


def test_publish_without_every_approval_needs_the_confirmation(
    client, coordinator, official, member, in_review, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(coordinator)
    url = reverse("meetings:publish", kwargs={"pk": in_review.pk})

    refused = client.post(url, {}, follow=True)

    assert refused.redirect_chain == [(reverse("meetings:manage", kwargs={"pk": in_review.pk}), 302)]
    assert _messages(refused) == [
        (
            "error",
            _sv("Not every official has approved the agenda (%(names)s). Confirm to publish anyway.")
            % {"names": str(official)},
        )
    ]
    in_review.refresh_from_db()
    assert (in_review.status, in_review.published_at) == (Status.IN_REVIEW, None)

    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(url, {"confirm_without_all_approvals": "on"})

    in_review.refresh_from_db()
    event = in_review.events.order_by("created_at", "id").last()
    assert published.status_code == 302
    assert [level for level, _text in _messages(published)] == ["success"]
    assert in_review.status == Status.PUBLISHED
    assert (event.action, event.actor, event.detail) == (
        MeetingAction.PUBLISHED_WITHOUT_APPROVALS,
        coordinator,
        str(official),
    )
    assert [message.to for message in mailoutbox] == [[member.email]]


def test_publish_with_every_approval_needs_no_confirmation(client, coordinator, official, in_review):
    review = AgendaReview.objects.get(meeting=in_review, reviewer=official)
    client.force_login(official)
    client.post(
        reverse("pages:agenda_review", kwargs={"pk": review.pk}),
        {"verdict": "approve", "comment": ""},
    )
    client.force_login(coordinator)

    client.post(reverse("meetings:publish", kwargs={"pk": in_review.pk}), {})

    in_review.refresh_from_db()
    assert in_review.status == Status.PUBLISHED
    assert in_review.events.order_by("created_at", "id").last().action == MeetingAction.PUBLISHED


def test_official_comment_without_text_is_refused(client, official, in_review):
    review = AgendaReview.objects.get(meeting=in_review, reviewer=official)
    client.force_login(official)

    response = client.post(
        reverse("pages:agenda_review", kwargs={"pk": review.pk}),
        {"verdict": "comment", "comment": "  "},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"comment": [_sv("Write what needs to change.")]}
    review.refresh_from_db()
    assert review.verdict == AgendaReview.Verdict.PENDING


def test_member_answers_and_changes_the_answer(client, member, open_meeting):
    client.force_login(member)
    url = reverse("pages:rsvp", kwargs={"pk": open_meeting.pk})

    first = client.post(url, {"answer": Rsvp.Answer.YES, "others": "Kalle Karlsson\n\nLisa Larsson\n"})
    rsvp = Rsvp.objects.get(meeting=open_meeting, person=member)
    assert first.status_code == 302
    assert first.url == open_meeting.get_absolute_url()
    assert (rsvp.answer, rsvp.other_names) == (Rsvp.Answer.YES, ["Kalle Karlsson", "Lisa Larsson"])

    client.post(url, {"answer": Rsvp.Answer.NO, "others": ""})

    assert list(Rsvp.objects.values_list("person", "answer")) == [(member.pk, Rsvp.Answer.NO)]
    page = client.get(open_meeting.get_absolute_url())
    assert page.context["rsvp"].answer == Rsvp.Answer.NO


def test_member_answer_without_a_choice_is_refused_next_to_the_field(client, member, open_meeting):
    client.force_login(member)

    response = client.post(
        reverse("pages:rsvp", kwargs={"pk": open_meeting.pk}), {"answer": "", "others": "Per Persson"}
    )

    assert response.status_code == 200
    assert response.context["rsvp_form"].errors == {"answer": [_sv("Choose whether you are coming.")]}
    assert "Per Persson" in response.content.decode()
    assert Rsvp.objects.count() == 0


def test_member_answer_offers_three_choices_and_no_blank(client, member, open_meeting):
    client.force_login(member)

    page = client.get(reverse("pages:meeting", kwargs={"pk": open_meeting.pk})).content.decode()

    assert page.count('name="answer"') == 3
    assert "Välj ett alternativ" not in page


def test_member_cannot_answer_once_the_meeting_has_started(client, member, lagan, coordinator, official):
    meeting = make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(hours=-1), by=coordinator, reviewers=[official]
    )
    client.force_login(member)

    response = client.post(reverse("pages:rsvp", kwargs={"pk": meeting.pk}), {"answer": Rsvp.Answer.YES})

    assert _messages(response) == [("error", _sv("It is no longer possible to answer for this meeting."))]
    assert Rsvp.objects.count() == 0


def test_year_overview_flags_a_group_without_a_physical_meeting(client, coordinator, lagan, ryssby):
    make_meeting(lagan, starts_at=_in_this_year(20), by=coordinator, kind=Meeting.Kind.GROUP_MEETING)
    # A safety dialogue is not the yearly physical meeting; a cancelled one does not count.
    make_meeting(ryssby, starts_at=_in_this_year(21), by=coordinator, kind=Meeting.Kind.SAFETY_DIALOGUE)
    make_meeting(ryssby, status=Status.CANCELLED, starts_at=_in_this_year(22), by=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("meetings:year"))

    groups = {group.area.slug: group for group in response.context["page"]}
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert (groups["lagan"].physical_planned, groups["lagan"].planned_count) == (True, 1)
    assert (groups["ryssby"].physical_planned, groups["ryssby"].planned_count) == (False, 1)
    assert sorted(slug for slug, group in groups.items() if not group.physical_planned) == [
        "agunnaryd",
        "bolmens-ostra-strand",
        "hamneda",
        "lidhult",
        "ryssby",
    ]
    assert content.count(_sv("Not planned")) == 5
    assert content.count('class="table-warning"') == 5


def test_coordinator_creates_a_round_and_schedules_it(client, coordinator, lagan, ryssby):
    client.force_login(coordinator)

    created = client.post(
        reverse("meetings:round_create"),
        {
            "title": "Årets gruppmöten",
            "kind": Meeting.Kind.GROUP_MEETING,
            "groups": [lagan.pk, ryssby.pk],
            "proposal_days_before": 14,
        },
    )
    meeting_round = MeetingRound.objects.get()
    assert created.url == meeting_round.get_absolute_url()

    day = (timezone.localdate() + timedelta(days=40)).isoformat()
    page = client.get(created.url)
    rows = {form["group"].value(): index for index, form in enumerate(page.context["formset"])}
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for group, venue in ((lagan, "Bygdegården"), (ryssby, "")):
        prefix = f"form-{rows[group.pk]}"
        data.update(
            {
                f"{prefix}-group": group.pk,
                f"{prefix}-date": day if venue else "",
                f"{prefix}-start_time": "18:30",
                f"{prefix}-end_time": "20:30",
                f"{prefix}-venue_name": venue,
                f"{prefix}-venue_address": "",
            }
        )
    scheduled = client.post(created.url, data)

    assert scheduled.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.group, meeting.round, meeting.status) == (lagan, meeting_round, Status.DRAFT)
    assert meeting.starts_at - meeting.proposal_deadline == timedelta(days=14)


@pytest.mark.parametrize(
    ("day", "clock", "code"),
    [("2026-03-29", "02:30", "nonexistent_time"), ("9999-01-01", "18:30", "year_out_of_range")],
    ids=["nonexistent", "year-9999"],
)
def test_round_with_an_unusable_date_or_time_schedules_nothing(client, coordinator, lagan, day, clock, code):
    meeting_round = MeetingRound.objects.create(title="Årets gruppmöten", created_by=coordinator)
    meeting_round.groups.set([lagan])
    client.force_login(coordinator)
    field = "date" if code == "year_out_of_range" else "start_time"

    response = client.post(
        meeting_round.get_absolute_url(),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-group": lagan.pk,
            "form-0-date": day,
            "form-0-start_time": clock,
            "form-0-end_time": "20:30",
            "form-0-venue_name": "Bygdegården",
            "form-0-venue_address": "",
        },
    )

    assert response.status_code == 200
    assert response.context["formset"].forms[0].has_error(field, code=code)
    assert Meeting.objects.count() == 0


def test_unknown_meeting_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("pages:meeting", kwargs={"pk": 999999})).status_code == 404
    assert client.get(reverse("meetings:manage", kwargs={"pk": 999999})).status_code == 404


def test_publishing_survives_a_refused_address_and_mails_the_others(
    client, coordinator, lagan, member, official, settings, django_capture_on_commit_callbacks
):
    from meetings.models import AgendaReview

    second = make_member(lagan, make_person("Bo Andersson", "bo@example.se")).person
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])
    AgendaReview.objects.filter(meeting=meeting).update(verdict=AgendaReview.Verdict.APPROVED)
    settings.MAILERS = {"default": {"BACKEND": "tests.meetings.test_reminders.RefusesAnnaBackend"}}
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:publish", kwargs={"pk": meeting.pk}))

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.status == Status.PUBLISHED
    assert [message.to for message in mail.outbox] == [[second.email]]
    assert member.email == "anna@forening.se"


def test_group_feed_holds_the_last_twelve_months_and_the_coming_year(client, lagan, coordinator, official):
    """Calendar clients poll the feed: it stays the same size however long the group has met."""
    recent = make_meeting(
        lagan, status=Status.HELD, starts_in=-timedelta(days=300), by=coordinator, reviewers=[official]
    )
    make_meeting(
        lagan, status=Status.HELD, starts_in=-timedelta(days=400), by=coordinator, reviewers=[official]
    )
    coming = make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(days=300), by=coordinator, reviewers=[official]
    )
    make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(days=400), by=coordinator, reviewers=[official]
    )

    response = client.get(reverse("meetings:group_feed", kwargs={"slug": "lagan"}))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["uid"]) for event in events] == [meeting_uid(recent), meeting_uid(coming)]


def test_group_feed_answers_a_repeat_poll_with_304_until_a_meeting_changes(
    client, lagan, coordinator, official
):
    meeting = make_meeting(lagan, status=Status.PUBLISHED, by=coordinator, reviewers=[official])
    url = reverse("meetings:group_feed", kwargs={"slug": "lagan"})
    first = client.get(url)

    repeat = client.get(url, headers={"If-None-Match": first["ETag"]})
    services.meeting_cancel(meeting=meeting, reason="Lokalen brann.", by=coordinator)
    after_change = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert (first.status_code, repeat.status_code, after_change.status_code) == (200, 304, 200)
    assert "CANCELLED" in after_change.content.decode()


def test_group_feed_query_count_does_not_grow_with_the_meetings(client, lagan, coordinator, official):
    url = reverse("meetings:group_feed", kwargs={"slug": "lagan"})
    make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(days=20), by=coordinator, reviewers=[official]
    )
    few = _count_queries(client, url)

    for number in range(1, 16):
        make_meeting(
            lagan,
            status=Status.PUBLISHED,
            starts_in=timedelta(days=20 + 14 * number),
            by=coordinator,
            reviewers=[official],
            title=f"Möte {number}",
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    # the group with its area, the version of its window (the ETag), and the meetings in it
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 16
    assert few == len(many)
    assert len(many) <= 3
