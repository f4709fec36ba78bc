"""The issue register's pages through the test client: who may open and do what, bad input
that changes nothing, the filters, and query budgets that do not grow with the data."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from groups import services as group_services
from groups.models import Area, Group
from issues import services
from issues.models import Issue, IssueUpdate
from meetings.models import Meeting
from officials.models import Committee, Department
from tests.issues.test_services import PARKS, STREETS, committee, department, make_issue
from tests.meetings.conftest import make_meeting, make_official

pytestmark = pytest.mark.django_db

Status = Issue.Status
ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, OTHER_OFFICIAL, COORDINATOR = (
    "anonymous",
    "member",
    "former_member",
    "other_member",
    "official",
    "other_official",
    "coordinator",
)
ELECTED = "elected_representative"
ROLES = [ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, OTHER_OFFICIAL, COORDINATOR, ELECTED]
LOGIN = 302  # anonymous visitors are sent to the login page
DONE = 302  # an allowed POST redirects back to the issue


def _sv(message: str) -> str:
    """What a Swedish visitor is shown for a message of the code."""
    with translation.override("sv"):
        return gettext(message)


def _messages(response) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]


def _snapshot() -> list:
    return list(
        Issue.objects.order_by("pk").values_list(
            "pk", "title", "status", "department", "committee", "due_date", "updates__text", "updates__state"
        )
    )


@pytest.fixture
def other_official(db):
    """An official of another department than the issue's (streets and traffic)."""
    return make_official("Gun Gatuchef", "gun@kommun.se", departments=(STREETS,))


@pytest.fixture
def as_role(client, member, other_member, official, other_official, coordinator, elected_representative):
    people = {
        # On samhällsbyggnadsutskottet; the issue here is for a department only.
        ELECTED: elected_representative,
        MEMBER: member,
        OTHER_MEMBER: other_member,
        OFFICIAL: official,
        OTHER_OFFICIAL: other_official,
        COORDINATOR: coordinator,
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


@pytest.fixture
def issue(lagan, coordinator):
    """A Lagan issue raised at a meeting, for parks and maintenance."""
    meeting = make_meeting(lagan, by=coordinator)
    return make_issue(lagan, by=coordinator, meeting=meeting, agenda_item=meeting.items.first())


# Who may open and do what ----------------------------------------------------------------

#           page              anonymous member former other official other_official coordinator elected
PAGE_MATRIX = [
    ("issues:list", [LOGIN, 403, 403, 403, 200, 200, 200, 403]),
    ("issues:detail", [LOGIN, 200, 403, 403, 200, 200, 200, 403]),
    ("issues:create", [LOGIN, 403, 403, 403, 403, 403, 200, 403]),
    ("issues:edit", [LOGIN, 403, 403, 403, 403, 403, 200, 403]),
]


def _page_url(name, issue) -> str:
    return reverse(name, kwargs={"pk": issue.pk} if name in {"issues:detail", "issues:edit"} else {})


@pytest.mark.parametrize(("name", "expected"), PAGE_MATRIX, ids=[row[0] for row in PAGE_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_issue_pages_by_role(as_role, issue, name, expected, role_index):
    response = as_role(ROLES[role_index]).get(_page_url(name, issue))

    assert response.status_code == expected[role_index]
    if response.status_code == LOGIN:
        assert response["Location"].startswith(reverse("accounts:login"))


#           action            anonymous member former other official other_official coordinator elected
ACTION_MATRIX = [
    ("issues:add_update", [LOGIN, 403, 403, 403, DONE, 403, DONE, 403]),
    ("issues:status", [LOGIN, 403, 403, 403, 403, 403, DONE, 403]),
]
ACTION_DATA = {
    "issues:add_update": {"text": "Bänken byts i maj.", "new_status": ""},
    "issues:status": {"status": Status.IN_PROGRESS},
}


@pytest.mark.parametrize(("name", "expected"), ACTION_MATRIX, ids=[row[0] for row in ACTION_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_issue_actions_by_role(as_role, issue, name, expected, role_index):
    before = _snapshot()

    response = as_role(ROLES[role_index]).post(reverse(name, kwargs={"pk": issue.pk}), ACTION_DATA[name])

    assert response.status_code == expected[role_index]
    if ROLES[role_index] == ANONYMOUS:
        assert response["Location"].startswith(reverse("accounts:login"))
        assert _snapshot() == before
    elif response.status_code == DONE:
        assert response["Location"] == issue.get_absolute_url()
        assert _snapshot() != before
    else:
        assert _snapshot() == before


@pytest.mark.parametrize("name", ["issues:add_update", "issues:status"])
def test_issue_actions_are_post_only(as_role, issue, name):
    response = as_role(COORDINATOR).get(reverse(name, kwargs={"pk": issue.pk}))

    assert response.status_code == 405


# Which forms each person who sees the issue's page is shown (the others do not see the page).
FORMS_SHOWN = {
    MEMBER: {"update_form": False, "status_form": False},
    OFFICIAL: {"update_form": True, "status_form": False},
    OTHER_OFFICIAL: {"update_form": False, "status_form": False},
    COORDINATOR: {"update_form": True, "status_form": True},
}


@pytest.mark.parametrize("form_name", ["update_form", "status_form"])
@pytest.mark.parametrize("role", list(FORMS_SHOWN))
def test_issue_page_shows_the_forms_to_those_who_may_use_them(as_role, issue, form_name, role):
    response = as_role(role).get(issue.get_absolute_url())

    assert (response.context[form_name] is not None) == FORMS_SHOWN[role][form_name]
    assert (reverse("issues:edit", kwargs={"pk": issue.pk}) in response.text) == (role == COORDINATOR)


def test_issue_page_for_a_closed_issue_shows_no_update_form_but_says_why(
    client, issue, official, coordinator
):
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)
    client.force_login(official)

    response = client.get(issue.get_absolute_url())

    assert response.context["update_form"] is None
    assert (
        _sv(
            "The issue is closed and takes no updates. The coordinator reopens it (changes its status) first."
        )
        in response.text
    )


def test_issue_page_for_a_former_member_is_refused(client, issue, member):
    membership = member.memberships.get()
    membership.end = timezone.localdate()
    membership.save()
    client.force_login(member)

    response = client.get(issue.get_absolute_url())

    assert response.status_code == 403


def test_issue_page_of_an_unknown_issue_is_not_found(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("issues:detail", kwargs={"pk": 999999}))

    assert response.status_code == 404


# The issue's page ------------------------------------------------------------------------


def test_issue_page_shows_the_timeline_and_the_history_with_who(client, issue, official, coordinator, member):
    services.issue_change_status(issue=issue, status=Status.IN_PROGRESS, by=coordinator)
    update = services.issue_update_add(
        issue=issue, text="Bänken byts i maj.", new_status=Status.ANSWERED, by=official
    )
    services.issue_update_approve(update=update, by=coordinator)
    client.force_login(coordinator)

    response = client.get(issue.get_absolute_url())

    assert response.status_code == 200
    assert "Bänken byts i maj." in response.text
    history = response.context["history"]
    assert [(record.status, record.history_user) for record in history] == [
        (Status.ANSWERED, official),
        (Status.IN_PROGRESS, coordinator),
        (Status.OPEN, coordinator),
    ]
    with translation.override("en"):
        assert [str(label) for label in history[0].changed_fields] == ["status"]
    assert history[-1].changed_fields == []
    assert official.full_name in response.text
    assert issue.meeting.title in response.text
    assert issue.agenda_item.title in response.text


def test_official_writes_an_update_that_waits_for_approval(client, issue, official):
    client.force_login(official)
    page = client.get(issue.get_absolute_url())
    assert _sv("Your update is published when the coordinator has approved it.") in page.text

    response = client.post(
        reverse("issues:add_update", kwargs={"pk": issue.pk}),
        {"text": "Bänken byts i maj.", "new_status": Status.ANSWERED, "case_number": "KS 2026/12"},
    )

    assert response.status_code == 302
    update = issue.updates.get()
    assert (update.state, update.text, update.author, update.case_number) == (
        IssueUpdate.State.AWAITING_APPROVAL,
        "Bänken byts i maj.",
        official,
        "KS 2026/12",
    )
    assert Issue.objects.get(pk=issue.pk).status == Status.OPEN
    assert _messages(response) == [
        ("success", _sv("The update is sent to the coordinator for approval; it is published then."))
    ]


def test_update_form_sent_twice_stores_one_update_and_says_so_both_times(client, issue, coordinator):
    client.force_login(coordinator)
    form = client.get(issue.get_absolute_url()).context["update_form"]
    data = {"text": "Frågan är löst.", "new_status": Status.CLOSED, "form_token": form["form_token"].value()}
    url = reverse("issues:add_update", kwargs={"pk": issue.pk})

    responses = [client.post(url, data, follow=True) for _ in range(2)]

    assert [response.redirect_chain for response in responses] == [[(issue.get_absolute_url(), 302)]] * 2
    assert all(_sv("The update is published.") in response.text for response in responses)
    assert issue.updates.count() == 1


def test_empty_update_is_a_field_error_and_changes_nothing(client, issue, official):
    client.force_login(official)
    before = _snapshot()

    response = client.post(reverse("issues:add_update", kwargs={"pk": issue.pk}), {"text": "   "})

    assert response.status_code == 200
    assert response.context["update_form"].errors["text"] == [_sv("Write the update.")]
    assert _snapshot() == before


def test_update_to_a_closed_issue_is_refused_with_a_message(client, issue, official, coordinator):
    services.issue_change_status(issue=issue, status=Status.CLOSED, by=coordinator)
    client.force_login(official)
    before = _snapshot()

    response = client.post(reverse("issues:add_update", kwargs={"pk": issue.pk}), {"text": "Svar."})

    assert response.status_code == 302
    assert _messages(response) == [
        (
            "error",
            _sv(
                "The issue is closed. The coordinator reopens it (changes its status) before it takes updates."
            ),
        )
    ]
    assert _snapshot() == before


def test_coordinator_approves_from_the_queue(client, issue, official, coordinator):
    update = services.issue_update_add(
        issue=issue, text="Klart i maj.", new_status=Status.ANSWERED, by=official
    )
    client.force_login(coordinator)
    queue = client.get(reverse("issues:approval_queue"))
    assert [row.pk for row in queue.context["page"].object_list] == [update.pk]

    response = client.post(
        reverse("issues:approve_update", kwargs={"pk": update.pk}), {"next": reverse("issues:approval_queue")}
    )

    assert response["Location"] == reverse("issues:approval_queue")
    assert IssueUpdate.objects.get(pk=update.pk).state == IssueUpdate.State.PUBLISHED
    assert Issue.objects.get(pk=issue.pk).status == Status.ANSWERED
    assert list(client.get(reverse("issues:approval_queue")).context["page"].object_list) == []


def test_coordinator_returns_with_a_reason_or_is_told_to_give_one(client, issue, official, coordinator):
    update = services.issue_update_add(issue=issue, text="Utkast.", by=official)
    client.force_login(coordinator)
    url = reverse("issues:return_update", kwargs={"pk": update.pk})

    empty = client.post(url, {"reason": " "})
    assert empty.status_code == 200
    assert empty.context["timeline"][0].return_form.errors["reason"] == [
        _sv("Say why the update is returned.")
    ]
    assert IssueUpdate.objects.get(pk=update.pk).state == IssueUpdate.State.AWAITING_APPROVAL

    client.post(url, {"reason": "Ange datum."})
    assert IssueUpdate.objects.get(pk=update.pk).return_reason == "Ange datum."


@pytest.mark.parametrize("role", [OFFICIAL, MEMBER, ANONYMOUS])
def test_approval_by_anyone_but_the_coordinator_is_refused(as_role, issue, official, role):
    update = services.issue_update_add(issue=issue, text="Utkast.", by=official)

    approve = as_role(role).post(reverse("issues:approve_update", kwargs={"pk": update.pk}))
    queue = as_role(role).get(reverse("issues:approval_queue"))

    assert (approve.status_code, queue.status_code) == ((LOGIN, LOGIN) if role == ANONYMOUS else (403, 403))
    assert IssueUpdate.objects.get(pk=update.pk).state == IssueUpdate.State.AWAITING_APPROVAL


def test_coordinator_changes_the_status(client, issue, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("issues:status", kwargs={"pk": issue.pk}), {"status": Status.CLOSED})

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Status.CLOSED
    assert issue.history.order_by("-history_id").first().history_user == coordinator


def test_referral_to_a_committee_without_a_committee_is_an_error_message(client, issue, coordinator):
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(
        reverse("issues:status", kwargs={"pk": issue.pk}),
        {"status": Status.REFERRED_TO_COMMITTEE},
        follow=True,
    )

    assert response.status_code == 200
    assert _sv("Choose the committee the issue is referred to first.") in [
        message.message for message in response.context["messages"]
    ]
    assert _snapshot() == before


def test_unknown_status_is_a_field_error(client, issue, coordinator):
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(reverse("issues:status", kwargs={"pk": issue.pk}), {"status": "lost"})

    assert response.status_code == 200
    assert [error.code for error in response.context["status_form"].errors.as_data()["status"]] == [
        "invalid_choice"
    ]
    assert _snapshot() == before


# Creating and editing ------------------------------------------------------------------------


def _create_data(**overrides) -> dict:
    data = {
        "title": "Belysning vid badplatsen",
        "description": "Lamporna är trasiga.",
        "department": department(PARKS).pk,
        "committee": "",
        "due_date": "2030-05-31",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_issue_for_a_group(client, lagan, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("issues:create"), _create_data(group=lagan.pk))

    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == issue.get_absolute_url()
    assert (issue.group, issue.meeting, issue.title, issue.due_date) == (
        lagan,
        None,
        "Belysning vid badplatsen",
        date(2030, 5, 31),
    )
    assert issue.history.get().history_user == coordinator


def test_create_without_a_group_is_a_field_error(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("issues:create"), _create_data())

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["group"]] == ["required"]
    assert Issue.objects.count() == 0


def test_create_without_anyone_responsible_is_a_field_error(client, lagan, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("issues:create"), _create_data(group=lagan.pk, department=""))

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["department"]] == [
        "no_responsible"
    ]
    assert Issue.objects.count() == 0


def test_create_from_the_minutes_editor_fixes_the_group_and_goes_back(client, lagan, coordinator):
    meeting = make_meeting(lagan, by=coordinator)
    item = meeting.items.first()
    client.force_login(coordinator)
    editor = f"/moten/{meeting.pk}/anteckningar/"
    url = f"{reverse('issues:create')}?mote={meeting.pk}&punkt={item.pk}&next={editor}"

    page = client.get(url)
    response = client.post(url, _create_data())

    assert "group" not in page.context["form"].fields
    assert lagan.name in page.text
    assert item.title in page.text
    assert response.status_code == 302
    assert response["Location"] == editor
    issue = Issue.objects.get()
    assert (issue.group, issue.meeting, issue.agenda_item) == (lagan, meeting, item)


def test_create_with_only_an_agenda_item_takes_its_meeting(client, lagan, coordinator):
    meeting = make_meeting(lagan, by=coordinator)
    item = meeting.items.first()
    client.force_login(coordinator)

    client.post(f"{reverse('issues:create')}?punkt={item.pk}", _create_data())

    issue = Issue.objects.get()
    assert (issue.group, issue.meeting, issue.agenda_item) == (lagan, meeting, item)


def test_create_ignores_a_next_that_leaves_the_site(client, lagan, coordinator):
    client.force_login(coordinator)

    response = client.post(
        f"{reverse('issues:create')}?next=https://evil.example/", _create_data(group=lagan.pk)
    )

    assert response["Location"] == Issue.objects.get().get_absolute_url()


def test_create_with_an_agenda_item_of_another_meeting_is_refused(client, lagan, coordinator):
    meeting = make_meeting(lagan, by=coordinator)
    other_item = make_meeting(lagan, by=coordinator).items.first()
    client.force_login(coordinator)

    response = client.post(
        f"{reverse('issues:create')}?mote={meeting.pk}&punkt={other_item.pk}", _create_data()
    )

    assert response.status_code == 200
    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == [
        "item_of_other_meeting"
    ]
    assert Issue.objects.count() == 0


@pytest.mark.parametrize(
    "query", ["mote=abc", "mote=999999", "punkt=-1", "punkt=999999", "mote=%C2%B2", "punkt=%C2%B2"]
)
def test_create_with_a_meeting_or_item_that_does_not_exist_is_not_found(client, coordinator, query):
    client.force_login(coordinator)

    response = client.get(f"{reverse('issues:create')}?{query}")

    assert response.status_code == 404


@pytest.mark.parametrize("due_date", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_due_date_far_outside_2000_2100_is_a_field_error(client, lagan, issue, coordinator, due_date):
    client.force_login(coordinator)
    before = _snapshot()

    created = client.post(reverse("issues:create"), _create_data(group=lagan.pk, due_date=due_date))
    edited = client.post(reverse("issues:edit", kwargs={"pk": issue.pk}), _create_data(due_date=due_date))

    for response in (created, edited):
        assert response.status_code == 200
        assert [error.code for error in response.context["form"].errors.as_data()["due_date"]] == [
            "year_out_of_range"
        ]
    assert _snapshot() == before


def test_coordinator_edits_an_issue(client, issue, coordinator):
    client.force_login(coordinator)
    url = reverse("issues:edit", kwargs={"pk": issue.pk})

    page = client.get(url)
    response = client.post(
        url, _create_data(title="Ny belysning", department="", committee=committee().pk, due_date="")
    )

    assert page.context["form"].initial["title"] == issue.title
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.title, issue.department, issue.committee, issue.due_date) == (
        "Ny belysning",
        None,
        committee(),
        None,
    )
    assert issue.history.order_by("-history_id").first().history_user == coordinator


def test_edit_refused_by_the_service_keeps_the_page_consistent(client, issue, coordinator):
    services.issue_update(issue=issue, by=coordinator, committee=committee())
    services.issue_change_status(issue=issue, status=Status.REFERRED_TO_COMMITTEE, by=coordinator)
    client.force_login(coordinator)
    before = _snapshot()

    response = client.post(reverse("issues:edit", kwargs={"pk": issue.pk}), _create_data(title="Annat"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        _sv("The issue is referred to a committee; the committee cannot be removed.")
    ]
    assert response.context["issue"].title == issue.title
    assert _snapshot() == before


# The list and its filters ------------------------------------------------------------------


def _listed(client, **query) -> list[str]:
    response = client.get(reverse("issues:list"), query)
    assert response.status_code == 200
    return sorted(issue.title for issue in response.context["page"].object_list)


@pytest.fixture
def register(lagan, ryssby, coordinator):
    """Four issues that differ in group, department, committee, status and year."""
    parks = make_issue(lagan, by=coordinator, title="Parkbänk")
    streets = make_issue(lagan, by=coordinator, title="Gatlykta", department_slug=STREETS)
    referred = make_issue(
        ryssby, by=coordinator, title="Ny badplats", department_slug=None, committee=committee()
    )
    services.issue_change_status(issue=referred, status=Status.REFERRED_TO_COMMITTEE, by=coordinator)
    old = make_issue(ryssby, by=coordinator, title="Gammal fråga", department_slug=STREETS)
    Issue.objects.filter(pk=old.pk).update(created_at=timezone.now().replace(year=2023, month=6))
    return {"parks": parks, "streets": streets, "referred": referred, "old": old}


ALL_FOUR = ["Gammal fråga", "Gatlykta", "Ny badplats", "Parkbänk"]


def test_list_shows_every_issue_to_an_official_by_default(client, official, register):
    client.force_login(official)

    assert _listed(client) == ALL_FOUR


def test_list_filters_each_narrow(client, coordinator, register):
    client.force_login(coordinator)
    this_year = str(timezone.localdate().year)

    assert _listed(client, q="bänk") == ["Parkbänk"]
    assert _listed(client, group="Lagan") == ["Gatlykta", "Parkbänk"]
    assert _listed(client, department=department(STREETS).pk) == ["Gammal fråga", "Gatlykta"]
    assert _listed(client, committee=committee().pk) == ["Ny badplats"]
    assert _listed(client, status=Status.REFERRED_TO_COMMITTEE) == ["Ny badplats"]
    assert _listed(client, status=Status.OPEN) == ["Gammal fråga", "Gatlykta", "Parkbänk"]
    assert _listed(client, year="2023") == ["Gammal fråga"]
    assert _listed(client, year=this_year) == ["Gatlykta", "Ny badplats", "Parkbänk"]
    assert _listed(client, group="Lagan", department=department(PARKS).pk) == ["Parkbänk"]


def test_list_group_filter_finds_the_groups_by_area_or_group_name(client, coordinator, register, ryssby):
    Group.objects.filter(pk=ryssby.pk).update(name="Bygderådet")
    client.force_login(coordinator)

    assert _listed(client, group="LAGA") == ["Gatlykta", "Parkbänk"]
    assert _listed(client, group="bygderåd") == ["Gammal fråga", "Ny badplats"]
    assert _listed(client, group="Atlantis") == []


def test_list_group_filter_is_a_search_not_a_list_of_every_group(client, coordinator):
    for number in range(30):
        area = Area.objects.create(name=f"Abyn {number:03d}", slug=f"abyn-{number:03d}")
        Group.objects.create(area=area, name=f"Gruppen i Abyn {number:03d}")
    client.force_login(coordinator)

    response = client.get(reverse("issues:list"))

    assert response.context["filter"].form["group"].widget_type == "text"
    assert "Abyn" not in response.text


def test_list_year_choices_run_from_the_newest_issue_back_to_the_oldest(client, coordinator, register):
    client.force_login(coordinator)

    response = client.get(reverse("issues:list"))

    years = [value for value, _label in response.context["filter"].form.fields["year"].choices if value]
    assert years == [str(year) for year in range(timezone.localdate().year, 2022, -1)]


def test_list_filter_mine_narrows_to_the_officials_departments(client, official, register):
    client.force_login(official)

    assert _listed(client, mine="on") == ["Parkbänk"]


def test_list_filter_mine_for_an_official_of_two_departments(client, register):
    both = make_official(departments=(PARKS, STREETS))
    client.force_login(both)

    assert _listed(client, mine="on") == ["Gammal fråga", "Gatlykta", "Parkbänk"]


def test_list_filter_mine_is_not_offered_without_departments(client, coordinator, register):
    client.force_login(coordinator)

    response = client.get(reverse("issues:list"), {"mine": "on"})

    assert "mine" not in response.context["filter"].form.fields
    assert len(response.context["page"].object_list) == 4


def test_list_with_an_unknown_filter_value_ignores_it(client, coordinator, register):
    client.force_login(coordinator)

    assert _listed(client, department="999999", year="1066", status="lost") == ALL_FOUR


def test_list_marks_overdue_issues(client, lagan, coordinator, official):
    yesterday = timezone.localdate() - timedelta(days=1)
    make_issue(lagan, by=coordinator, title="Försenad", due_date=yesterday)
    answered = make_issue(lagan, by=coordinator, title="Besvarad", due_date=yesterday)
    services.issue_update_add(issue=answered, text="Klart.", new_status=Status.ANSWERED, by=coordinator)
    make_issue(lagan, by=coordinator, title="I tid", due_date=timezone.localdate())
    client.force_login(official)

    response = client.get(reverse("issues:list"))

    overdue = {issue.title: issue.is_overdue for issue in response.context["page"].object_list}
    assert overdue == {"Försenad": True, "Besvarad": False, "I tid": False}
    with translation.override("sv"):
        assert response.text.count(f">{gettext('overdue')}</span>") == 1


def test_list_without_issues_says_so(client, official):
    client.force_login(official)

    response = client.get(reverse("issues:list"))

    assert list(response.context["page"].object_list) == []
    assert _sv("No issues match the filter.") in response.text


def test_list_links_to_the_issue_and_the_meeting(client, official, issue):
    client.force_login(official)

    response = client.get(reverse("issues:list"))

    assert issue.get_absolute_url() in response.text
    assert issue.meeting.get_absolute_url() in response.text


# Query budgets ------------------------------------------------------------------------------


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _fill(count, *, by):
    """`count` issues spread over the groups, departments, committees, statuses and meetings."""
    groups = list(Group.objects.select_related("area"))
    departments, committees = list(Department.objects.all()), list(Committee.objects.all())
    meetings = [make_meeting(group, by=by) for group in groups[:2]]
    statuses = list(Status)
    Issue.objects.bulk_create(
        Issue(
            title=f"Fråga {number}",
            group=meetings[number % 2].group,
            meeting=meetings[number % 2] if number % 3 else None,
            department=departments[number % len(departments)],
            committee=committees[number % len(committees)] if number % 4 == 0 else None,
            status=statuses[number % len(statuses)],
            due_date=timezone.localdate() + timedelta(days=number % 20 - 10),
            created_by=by,
        )
        for number in range(count)
    )


@pytest.mark.parametrize("role", [OFFICIAL, COORDINATOR])
def test_list_query_count_does_not_grow_with_issues(as_role, coordinator, role):
    client = as_role(role)
    url = reverse("issues:list")
    _fill(5, by=coordinator)
    few = _count_queries(client, url)

    Issue.objects.all().delete()
    Meeting.objects.all().delete()
    for number in range(30):
        area = Area.objects.create(name=f"Abyn {number:03d}", slug=f"abyn-{number:03d}")
        Group.objects.create(area=area, name=f"Gruppen i Abyn {number:03d}")
    _fill(500, by=coordinator)
    many = _count_queries(client, url + "?sida=2")

    # session, user, role groups, the years with issues, the user's departments (the "mine"
    # filter), the count of the overdue issues and of all, the choices of department and
    # committee, the page of issues with group, area, department, committee and meeting (one
    # join; a slice of the overdue ones and one of the others), and the overdue count per
    # department
    assert few == many
    assert many <= 12


def test_list_query_count_with_every_filter(client, coordinator):
    _fill(60, by=coordinator)
    sample = Issue.objects.filter(status=Status.OPEN).first()
    client.force_login(make_official(departments=(sample.department.slug,)))
    query = (
        f"?q=Fråga&group={sample.group.area.name}&department={sample.department_id}&status=open"
        f"&year={timezone.localdate().year}&mine=on"
    )

    plain = _count_queries(client, reverse("issues:list"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("issues:list") + query)

    # The chosen department is looked up once to validate it (the group is a search by name).
    assert sample in response.context["page"].object_list
    assert len(queries) == plain + 1


def test_issue_page_query_count_does_not_grow_with_history(client, issue, coordinator, official):
    client.force_login(official)
    url = issue.get_absolute_url()
    few = _count_queries(client, url)

    for number in range(20):
        services.issue_update(issue=issue, by=coordinator, title=f"Titel {number}")
    for number in range(5):
        services.issue_update_add(issue=issue, text=f"Svar {number}.", by=official)
        services.issue_update_add(issue=issue, text=f"Publicerat {number}.", by=coordinator)
    many = _count_queries(client, url)

    # session, user, the issue with everything it shows (one join), role groups, whether the
    # user may write (their official record, its department), the timeline with department,
    # author and approver (one join), the agendas that followed it up, the history with its
    # users (one join)
    assert few == many
    assert many <= 11


def test_overdue_index_holds_every_issue_that_can_be_overdue():
    index = next(index for index in Issue._meta.indexes if index.name == "issue_awaiting_newest")

    assert index.condition == Q(status__in=sorted(Issue.AWAITING_ANSWER_STATES), due_date__isnull=False)


def test_list_shows_overdue_issues_first_and_counts_them_per_department(client, lagan, coordinator):
    yesterday = timezone.localdate() - timedelta(days=1)
    make_issue(lagan, by=coordinator, title="Försenad park", due_date=yesterday)
    make_issue(lagan, by=coordinator, title="Ny fråga")
    make_issue(lagan, by=coordinator, title="Försenad gata", department_slug=STREETS, due_date=yesterday)
    make_issue(lagan, by=coordinator, title="Försenad gata 2", department_slug=STREETS, due_date=yesterday)
    client.force_login(coordinator)

    response = client.get(reverse("issues:list"))

    titles = [issue.title for issue in response.context["page"].object_list]
    assert titles[-1] == "Ny fråga"
    assert response.context["overdue_per_department"] == [
        {"department__name": department(STREETS).name, "count": 2},
        {"department__name": department(PARKS).name, "count": 1},
    ]


def test_approval_queue_query_count_does_not_grow_with_the_updates_waiting(
    client, lagan, official, coordinator
):
    issues = [make_issue(lagan, by=coordinator, title=f"Fråga {number}") for number in range(25)]
    services.issue_update_add(issue=issues[0], text="Svar 0.", by=official)
    client.force_login(coordinator)
    few = _count_queries(client, reverse("issues:approval_queue"))

    for number, issue in enumerate(issues[1:], start=1):
        services.issue_update_add(issue=issue, text=f"Svar {number}.", by=official)
    many = _count_queries(client, reverse("issues:approval_queue"))

    # session, user, role groups, the count and the page of updates waiting with their issue,
    # group, area and author
    assert IssueUpdate.objects.filter(state=IssueUpdate.State.AWAITING_APPROVAL).count() == 25
    assert few == many
    assert many <= 5
