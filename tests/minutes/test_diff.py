"""The difference between versions of the minutes: word by word, only the items that
changed, and the page that shows it struck through and underlined."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from meetings.models import Meeting
from minutes.diff import FieldChange, ItemChange, Segment, diff_text, diff_versions
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import IN_REVIEW, make_minutes, send, write

LABELS = {"title": "Rubrik", "notes": "Anteckningar", "agreed": "Beslut"}


def _sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


def _content(*items) -> dict:
    return {
        "items": [
            {"title": title, "notes": notes, "agreed": agreed, "issues": []} for title, notes, agreed in items
        ]
    }


# diff_text -----------------------------------------------------------------------------


def test_diff_text_marks_the_removed_and_the_added_words():
    segments = diff_text("Bryggan ska lagas i maj.", "Bryggan ska lagas i juni av kommunen.")

    assert segments == [
        Segment("same", "Bryggan ska lagas i "),
        Segment("removed", "maj."),
        Segment("added", "juni av kommunen."),
    ]


def test_diff_text_of_words_only_removed_or_only_added():
    assert diff_text("Lampor saknas vid skolan", "Lampor saknas") == [
        Segment("same", "Lampor saknas"),
        Segment("removed", " vid skolan"),
    ]
    assert diff_text("Åtgärd:", "Åtgärd: ny brygga") == [
        Segment("same", "Åtgärd:"),
        Segment("added", " ny brygga"),
    ]


def test_diff_text_of_an_empty_text():
    assert diff_text("", "Ny text") == [Segment("added", "Ny text")]
    assert diff_text("Gammal text", "") == [Segment("removed", "Gammal text")]
    assert diff_text("", "") == []


def test_diff_text_of_the_same_text_is_one_unchanged_segment():
    assert diff_text("Örjan och Дмитрий kom.", "Örjan och Дмитрий kom.") == [
        Segment("same", "Örjan och Дмитрий kom.")
    ]


# diff_versions -------------------------------------------------------------------------


def test_diff_versions_lists_only_the_changed_items_and_fields():
    old = _content(
        ("Mötet öppnas", "Eva hälsade välkommen.", ""),
        ("Badplatsen", "Bryggan är trasig.", "Kommunen tittar på bryggan."),
        ("Belysning", "Mörkt vid skolan.", "Gatuenheten ser över."),
    )
    new = _content(
        ("Mötet öppnas", "Eva hälsade välkommen.", ""),
        ("Badplatsen", "Bryggan är trasig.", "Kommunen lagar bryggan."),
        ("Belysning vid skolan", "Mörkt vid skolan.", "Gatuenheten ser över."),
    )

    changes = diff_versions(old, new, labels=LABELS)

    assert changes == [
        ItemChange(
            "Badplatsen",
            [
                FieldChange(
                    "Beslut",
                    [
                        Segment("same", "Kommunen "),
                        Segment("removed", "tittar på"),
                        Segment("added", "lagar"),
                        Segment("same", " bryggan."),
                    ],
                )
            ],
        ),
        ItemChange(
            "Belysning vid skolan",
            [FieldChange("Rubrik", [Segment("same", "Belysning"), Segment("added", " vid skolan")])],
        ),
    ]


def test_diff_versions_of_the_same_content_is_empty():
    content = _content(("Badplatsen", "Bryggan är trasig.", ""))

    assert diff_versions(content, content, labels=LABELS) == []


def test_diff_versions_shows_an_item_new_in_the_later_version_as_added():
    old = _content(("Badplatsen", "", ""))
    new = _content(("Badplatsen", "", ""), ("Övrigt", "Loppis i juni.", ""))

    assert diff_versions(old, new, labels=LABELS) == [
        ItemChange(
            "Övrigt",
            [
                FieldChange("Rubrik", [Segment("added", "Övrigt")]),
                FieldChange("Anteckningar", [Segment("added", "Loppis i juni.")]),
            ],
        )
    ]


# The page ------------------------------------------------------------------------------


@pytest.fixture
def two_versions(lagan, coordinator, official):
    """Minutes in review whose second version changed the notes of the first item."""
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(
        meeting, IN_REVIEW, by=coordinator, reviewers=[official], texts={0: ("Bryggan lagas i maj.", "")}
    )
    write(minutes, by=coordinator, texts={0: ("Bryggan lagas i juni.", ""), 2: ("<b>fet</b> & mer", "")})
    send(minutes, by=coordinator, reviewers=[official])
    return minutes


def _url(minutes, **query) -> str:
    url = reverse("minutes:diff", kwargs={"pk": minutes.meeting_id})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


@pytest.mark.django_db
def test_diff_page_strikes_through_the_removed_and_underlines_the_added(client, two_versions, official):
    client.force_login(official)

    response = client.get(_url(two_versions))

    html = response.content.decode()
    assert response.status_code == 200
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)
    assert "Bryggan lagas i <del>maj.</del><ins>juni.</ins>" in html
    # The text of the minutes is shown as text, never as markup.
    assert "<ins>&lt;b&gt;fet&lt;/b&gt; &amp; mer</ins>" in html
    assert [change.title for change in response.context["changes"]] == [
        two_versions.items.order_by("position", "id")[0].title,
        two_versions.items.order_by("position", "id")[2].title,
    ]


@pytest.mark.django_db
def test_diff_page_compares_the_versions_asked_for(client, two_versions, coordinator, official):
    write(two_versions, by=coordinator, texts={0: ("Bryggan lagas i juli.", "")})
    send(two_versions, by=coordinator, reviewers=[official])
    client.force_login(coordinator)

    response = client.get(_url(two_versions, fran=1, till=3))

    assert response.status_code == 200
    assert "Bryggan lagas i <del>maj.</del><ins>juli.</ins>" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"fran": 9}, {"till": "tre"}])
def test_diff_page_of_an_unknown_version_is_not_found(client, two_versions, official, query):
    client.force_login(official)

    assert client.get(_url(two_versions, **query)).status_code == 404


@pytest.mark.django_db
def test_diff_page_with_one_version_sends_back_with_a_message(client, lagan, coordinator, official):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(meeting, IN_REVIEW, by=coordinator, reviewers=[official])
    client.force_login(coordinator)

    response = client.get(_url(minutes))

    assert response.status_code == 302
    assert response.url == reverse("minutes:edit", kwargs={"pk": meeting.pk})
    assert [message.message for message in get_messages(response.wsgi_request)] == [
        _sv("There is only one version so far.")
    ]
