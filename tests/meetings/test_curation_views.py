"""Curating the agenda through the test client: two coordinators at once, the order buttons,
and what the manage page warns about."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from accounts.roles import Role, grant_role
from meetings import services
from meetings.models import AgendaItem, Meeting
from officials.models import Department
from tests.conftest import make_person
from tests.meetings.conftest import let_time_pass, make_meeting

pytestmark = pytest.mark.django_db

Status = Meeting.Status
CONFLICT = (
    "Someone else changed the agenda while you were working on it. Nothing was changed: "
    "here is the current agenda, make your change again."
)


def _sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


def _messages(response) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]


class _Page(HTMLParser):
    """What a visitor sees of a page's controls: the values of the named fields of the
    form in <main> (what pressing its submit button sends), the read-only controls outside
    it, and the ids of the elements."""

    def __init__(self, html: str):
        super().__init__()
        self.fields: dict[str, str | list[str]] = {}
        self.read_only: dict[str, str] = {}
        self.ids: set[str] = set()
        self._forms = 0
        self._textarea = None
        self._text = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "form":
            self._forms += 1
        elif tag == "input" and attrs.get("type") not in {"submit", "button"}:
            self._input(attrs)
        elif tag == "textarea":
            self._textarea = attrs
            self._text = []

    def _input(self, attrs):
        name, value = attrs.get("name"), attrs.get("value", "")
        if attrs.get("type") == "checkbox":
            if name and "checked" in attrs:
                self.fields.setdefault(name, []).append(value)
        elif name and self._forms:
            self.fields[name] = value
        elif "readonly" in attrs:
            self.read_only[attrs.get("id", "")] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._forms -= 1
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text).removeprefix("\n")
            if self._textarea.get("name") and self._forms:
                self.fields[self._textarea["name"]] = text
            elif "readonly" in self._textarea:
                self.read_only[self._textarea.get("id", "")] = text
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


def _edit_form(client, item) -> dict:
    """Open the item's edit page and return what its form would send."""
    page = client.get(reverse("meetings:item_edit", kwargs={"pk": item.pk}))
    assert page.status_code == 200
    fields = _Page(page.content.decode()).fields
    fields.pop("csrfmiddlewaretoken", None)
    return fields


@pytest.fixture
def open_meeting(lagan, coordinator):
    return make_meeting(lagan, status=Status.OPEN, by=coordinator)


@pytest.fixture
def second_coordinator(db):
    person = make_person("Bengt Samordnare", "bengt@kommun.se")
    grant_role(person, Role.COORDINATOR)
    return person


@pytest.fixture
def two_coordinators(coordinator, second_coordinator):
    a, b = Client(), Client()
    a.force_login(coordinator)
    b.force_login(second_coordinator)
    return a, b


@pytest.fixture
def school_item(open_meeting, coordinator):
    return services.agenda_item_add(
        meeting=open_meeting,
        by=coordinator,
        expected_version=open_meeting.agenda_version,
        title="Skolvägen",
        description="Trafiken vid skolan.",
        duration_minutes=15,
    )


# Two coordinators edit the same item --------------------------------------------------


def test_item_edit_conflict_shows_the_current_item_and_the_typed_text_beside_it(
    two_coordinators, school_item
):
    a, b = two_coordinators
    url = reverse("meetings:item_edit", kwargs={"pk": school_item.pk})
    form_a, form_b = _edit_form(a, school_item), _edit_form(b, school_item)
    saved = a.post(url, {**form_a, "title": "Skolvägen och busshållplatsen", "description": "A:s text."})

    conflict = b.post(url, {**form_b, "title": "Skolvägen, ny sträckning", "description": "B:s text."})

    page = _Page(conflict.content.decode())
    current_version = Meeting.objects.get(pk=school_item.meeting_id).agenda_version
    assert saved.status_code == 302
    assert conflict.status_code == 200
    assert _messages(conflict) == [("warning", _sv(CONFLICT))]
    # The form holds the item as it is now, with the version it now has ...
    assert (page.fields["title"], page.fields["description"], page.fields["agenda_version"]) == (
        "Skolvägen och busshållplatsen",
        "A:s text.",
        str(current_version),
    )
    # ... and what B typed is beside it, read-only, to copy from.
    assert page.read_only == {
        "typed-title": "Skolvägen, ny sträckning",
        "typed-description": "B:s text.",
        "typed-duration_minutes": "15",
        "typed-departments": "",
    }
    assert AgendaItem.objects.get(pk=school_item.pk).title == "Skolvägen och busshållplatsen"


def test_item_edit_second_save_after_a_conflict_cannot_overwrite_the_other_change(
    two_coordinators, school_item
):
    a, b = two_coordinators
    url = reverse("meetings:item_edit", kwargs={"pk": school_item.pk})
    form_a, form_b = _edit_form(a, school_item), _edit_form(b, school_item)
    a.post(url, {**form_a, "title": "Skolvägen och busshållplatsen", "description": "A:s text."})
    conflict = b.post(url, {**form_b, "title": "Skolvägen, ny sträckning", "description": "B:s text."})

    # B presses "Save" again on the page shown, without typing anything.
    again = b.post(url, _Page(conflict.content.decode()).fields)

    item = AgendaItem.objects.get(pk=school_item.pk)
    assert again.status_code == 302
    assert (item.title, item.description) == ("Skolvägen och busshållplatsen", "A:s text.")


def test_item_edit_after_a_conflict_saves_what_is_typed_again(two_coordinators, school_item):
    a, b = two_coordinators
    url = reverse("meetings:item_edit", kwargs={"pk": school_item.pk})
    form_a, form_b = _edit_form(a, school_item), _edit_form(b, school_item)
    a.post(url, {**form_a, "duration_minutes": 30})
    conflict = b.post(url, {**form_b, "title": "Skolvägen, ny sträckning"})

    # B copies the title over; A's new duration stays.
    again = b.post(url, {**_Page(conflict.content.decode()).fields, "title": "Skolvägen, ny sträckning"})

    item = AgendaItem.objects.get(pk=school_item.pk)
    assert again.status_code == 302
    assert (item.title, item.duration_minutes) == ("Skolvägen, ny sträckning", 30)


def test_item_add_conflict_shows_an_empty_form_the_typed_text_and_the_agenda_now(
    client, coordinator, open_meeting
):
    park = Department.objects.get(slug="park-och-skotselfragor")
    url = reverse("meetings:item_add", kwargs={"pk": open_meeting.pk})
    client.force_login(coordinator)
    loaded = _Page(client.get(url).content.decode()).fields
    services.agenda_item_add(
        meeting=open_meeting,
        by=coordinator,
        expected_version=open_meeting.agenda_version,
        title="Badplatsen",
    )

    conflict = client.post(
        url,
        {**loaded, "title": "Badplatsen igen", "duration_minutes": 20, "departments": [park.pk]},
    )

    page = _Page(conflict.content.decode())
    content = conflict.content.decode()
    assert _messages(conflict) == [("warning", _sv(CONFLICT))]
    assert (page.fields["title"], page.fields["agenda_version"]) == (
        "",
        str(Meeting.objects.get(pk=open_meeting.pk).agenda_version),
    )
    assert page.read_only["typed-title"] == "Badplatsen igen"
    assert page.read_only["typed-departments"] == park.name
    # The agenda as it is now, so that B sees whether the item is already there.
    assert "Badplatsen</li>" in content
    assert not open_meeting.items.filter(title="Badplatsen igen").exists()


def test_item_edit_of_an_item_removed_meanwhile_keeps_the_typed_text(two_coordinators, school_item):
    a, b = two_coordinators
    url = reverse("meetings:item_edit", kwargs={"pk": school_item.pk})
    form_b = _edit_form(b, school_item)
    version = Meeting.objects.get(pk=school_item.meeting_id).agenda_version
    a.post(reverse("meetings:item_remove", kwargs={"pk": school_item.pk}), {"agenda_version": version})

    response = b.post(url, {**form_b, "title": "Skolvägen, ny sträckning"})

    page = _Page(response.content.decode())
    assert response.status_code == 200
    assert _messages(response) == [
        (
            "warning",
            _sv(
                "Someone else removed this item from the agenda while you were working on it. "
                "Your text is shown below: add it as a new item if it is still needed."
            ),
        )
    ]
    assert page.read_only["typed-title"] == "Skolvägen, ny sträckning"
    assert page.fields["title"] == ""
    assert f'action="{reverse("meetings:item_add", kwargs={"pk": school_item.meeting_id})}"' in (
        response.content.decode()
    )
    # Opening the removed item is still "not found".
    assert b.get(url).status_code == 404


def test_item_edit_of_an_unknown_item_is_not_found(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("meetings:item_edit", kwargs={"pk": 999999}), {"title": "X"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("meetings:item_move", {"direction": "down"}),
        ("meetings:item_remove", {}),
    ],
)
def test_agenda_buttons_after_a_conflict_change_nothing_and_show_the_current_agenda(
    two_coordinators, school_item, name, data
):
    a, b = two_coordinators
    version = Meeting.objects.get(pk=school_item.meeting_id).agenda_version
    a.post(
        reverse("meetings:item_move", kwargs={"pk": school_item.pk}),
        {"agenda_version": version, "direction": "up"},
    )
    positions = list(AgendaItem.objects.order_by("position").values_list("pk", "position"))

    response = b.post(reverse(name, kwargs={"pk": school_item.pk}), {"agenda_version": version, **data})

    assert response.status_code == 302
    assert response.url.startswith(reverse("meetings:manage", kwargs={"pk": school_item.meeting_id}))
    assert _messages(response) == [("warning", _sv(CONFLICT))]
    assert list(AgendaItem.objects.order_by("position").values_list("pk", "position")) == positions


# Up and down keep the keyboard's place ------------------------------------------------


def _agenda_order(meeting) -> list[int]:
    return list(meeting.items.order_by("position", "id").values_list("pk", flat=True))


def _move(client, item, direction):
    version = Meeting.objects.get(pk=item.meeting_id).agenda_version
    return client.post(
        reverse("meetings:item_move", kwargs={"pk": item.pk}),
        {"agenda_version": version, "direction": direction},
    )


@pytest.mark.parametrize(("index", "direction"), [(2, "up"), (2, "down"), (1, "down")])
def test_agenda_move_returns_to_the_same_button_of_the_moved_item(
    client, coordinator, open_meeting, school_item, index, direction
):
    item = AgendaItem.objects.get(pk=_agenda_order(open_meeting)[index])
    client.force_login(coordinator)

    response = _move(client, item, direction)
    page = client.get(response.url)

    manage = reverse("meetings:manage", kwargs={"pk": open_meeting.pk})
    assert response.url == f"{manage}#item-{item.pk}-{direction}"
    assert f"item-{item.pk}-{direction}" in _Page(page.content.decode()).ids


@pytest.mark.parametrize(("index", "direction", "focus"), [(1, "up", "down"), (-2, "down", "up")])
def test_agenda_move_to_the_edge_returns_to_the_items_other_button(
    client, coordinator, open_meeting, school_item, index, direction, focus
):
    item = AgendaItem.objects.get(pk=_agenda_order(open_meeting)[index])
    client.force_login(coordinator)

    response = _move(client, item, direction)
    ids = _Page(client.get(response.url).content.decode()).ids

    manage = reverse("meetings:manage", kwargs={"pk": open_meeting.pk})
    assert response.url == f"{manage}#item-{item.pk}-{focus}"
    assert (f"item-{item.pk}-{focus}" in ids, f"item-{item.pk}-{direction}" in ids) == (True, False)


def test_base_page_loads_the_focus_script_once(client):
    response = client.get(reverse("pages:home"))

    assert response.content.decode().count('<script src="/static/js/focus-target.js" defer></script>') == 1


# The agenda's length against the meeting's end --------------------------------------------

OVERRUN = (
    "The agenda runs until %(end)s, %(minutes)s minutes past the end of the meeting at %(meeting_end)s. "
    "Shorten the items or change the end of the meeting."
)


def _manage_page(client, meeting):
    return client.get(reverse("meetings:manage", kwargs={"pk": meeting.pk})).content.decode()


def test_manage_page_warns_when_the_agenda_runs_past_the_end(client, coordinator, open_meeting):
    # The meeting lasts two hours; the standing items take 40 minutes of them.
    services.agenda_item_add(
        meeting=open_meeting,
        by=coordinator,
        expected_version=open_meeting.agenda_version,
        title="Översiktsplanen",
        duration_minutes=95,
    )
    client.force_login(coordinator)

    content = _manage_page(client, open_meeting)

    end = timezone.localtime(open_meeting.ends_at)
    with translation.override("sv"):
        expected = ngettext(OVERRUN.replace("%(minutes)s minutes", "%(minutes)s minute"), OVERRUN, 15) % {
            "end": (end + timedelta(minutes=15)).strftime("%H:%M"),
            "minutes": 15,
            "meeting_end": end.strftime("%H:%M"),
        }
    assert expected in content


def test_manage_page_has_no_warning_when_the_agenda_ends_on_time(client, coordinator, open_meeting):
    # 40 + 80 minutes: exactly the two hours.
    services.agenda_item_add(
        meeting=open_meeting,
        by=coordinator,
        expected_version=open_meeting.agenda_version,
        title="Översiktsplanen",
        duration_minutes=80,
    )
    client.force_login(coordinator)

    content = _manage_page(client, open_meeting)

    assert 'id="agenda-overrun"' not in content


def test_manage_page_of_a_held_meeting_has_no_warning_about_its_length(client, coordinator, official, lagan):
    held = make_meeting(lagan, status=Status.HELD, by=coordinator, reviewers=[official])
    # The standing items alone (40 minutes) ran past a half-hour meeting.
    let_time_pass(held, ends_at=held.starts_at + timedelta(minutes=30))
    client.force_login(coordinator)

    content = _manage_page(client, held)

    assert 'id="agenda-overrun"' not in content
