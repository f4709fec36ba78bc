import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import ActivityEvent, MailDelivery
from issues.models import Issue
from meetings.models import Meeting, Proposal
from officials.models import Department
from participation import selectors, services
from participation.errors import ParticipationError
from participation.models import Channel, Suggestion, Support
from tests.meetings.conftest import make_meeting
from tests.participation.conftest import make_suggestion, stamp, suggestion_data

Status = Suggestion.Status


def box_url(group):
    return reverse("participation:suggestion_box", args=[group.area.slug])


# The public box ---------------------------------------------------------------------------------


def test_suggestion_box_without_account_stores_the_suggestion_and_shows_what_happens_next(client, lagan):
    response = client.post(
        box_url(lagan), suggestion_data(name="Åsa", reply_email="asa@example.se", show_name="on"), follow=True
    )

    assert "Tack för ditt förslag" in response.text
    assert "Vad händer nu" in response.text
    suggestion = Suggestion.objects.get()
    assert (suggestion.area, suggestion.status, suggestion.channel) == (
        lagan.area,
        Status.RECEIVED,
        Channel.WEB,
    )
    assert (suggestion.name, suggestion.reply_email, suggestion.show_name) == ("Åsa", "asa@example.se", True)


def test_suggestion_box_refuses_a_filled_honeypot(client, lagan):
    response = client.post(box_url(lagan), suggestion_data(website="http://spam.example"))

    assert response.status_code == 200
    assert "Förslaget kunde inte skickas" in response.text
    assert not Suggestion.objects.exists()


def test_suggestion_box_refuses_a_form_sent_faster_than_a_person_types(client, lagan):
    response = client.post(box_url(lagan), suggestion_data(started=stamp(seconds_ago=0)))

    assert "Formuläret skickades väldigt snabbt" in response.text
    assert not Suggestion.objects.exists()


def test_suggestion_box_refuses_a_tampered_timestamp(client, lagan):
    response = client.post(box_url(lagan), suggestion_data(started="1.0"))

    assert "Formuläret är för gammalt eller skadat" in response.text
    assert not Suggestion.objects.exists()


def test_suggestion_box_refuses_a_100000_character_text_next_to_the_field(client, lagan):
    response = client.post(box_url(lagan), suggestion_data(text="x" * 100_000))

    assert response.status_code == 200
    assert "Säkerställ att detta värde har som mest 5000 tecken" in response.text
    assert not Suggestion.objects.exists()


def test_suggestion_box_keeps_script_emoji_and_right_to_left_text_and_escapes_them(
    client, lagan, coordinator
):
    title = "<script>alert(1)</script> 🌲 مرحبا"
    client.post(box_url(lagan), suggestion_data(title=title))
    client.force_login(coordinator)

    response = client.get(reverse("participation:moderation_queue", args=["lagan"]))

    assert Suggestion.objects.get().title == title
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 🌲 مرحبا" in response.text


def test_suggestion_box_refuses_after_the_limit_per_client_with_a_swedish_message(client, lagan):
    responses = [client.post(box_url(lagan), suggestion_data(), REMOTE_ADDR="10.1.2.3") for _ in range(50)]

    assert Suggestion.objects.count() == services.PER_CLIENT.limit
    assert "Du har skickat många förslag på kort tid" in responses[-1].text
    other = client.post(box_url(lagan), suggestion_data(), REMOTE_ADDR="10.1.2.4")
    assert other.status_code == 302


def test_suggestion_box_refuses_after_the_limit_per_area(client, lagan, ryssby):
    for number in range(services.PER_AREA.limit):
        make_suggestion(lagan.area, title=f"Förslag {number}")

    response = client.post(box_url(lagan), suggestion_data(), REMOTE_ADDR="10.7.7.7")
    elsewhere = client.post(box_url(ryssby), suggestion_data(), REMOTE_ADDR="10.7.7.7")

    assert "Förslagslådan i det här området har fått väldigt många förslag" in response.text
    assert elsewhere.status_code == 302


def test_suggestion_submit_with_the_same_form_token_stores_one_suggestion(lagan):
    token = uuid.uuid4()

    first, second = (
        services.suggestion_submit(
            area=lagan.area,
            title="Badplatsen",
            text="Fler soptunnor.",
            client_ip="10.3.3.3",
            form_token=token,
        )
        for _ in range(2)
    )

    assert first.pk == second.pk
    assert Suggestion.objects.count() == 1
    assert ActivityEvent.objects.filter(action="suggestion_received").count() == 1


def test_suggestion_box_sent_twice_stores_one_suggestion_and_thanks_both_times(client, lagan):
    form = client.get(box_url(lagan)).context["form"]
    data = suggestion_data(form_token=form["form_token"].value())

    responses = [client.post(box_url(lagan), data, follow=True) for _ in range(2)]

    assert [response.redirect_chain[-1][0] for response in responses] == [
        reverse("participation:suggestion_thanks", args=["lagan"])
    ] * 2
    assert all("Tack för ditt förslag" in response.text for response in responses)
    assert Suggestion.objects.count() == 1


def test_a_double_click_does_not_count_twice_against_the_limit_per_client(client, lagan):
    titles = [f"Förslag {number}" for number in range(1, services.PER_CLIENT.limit + 1)]

    for title in titles:
        data = suggestion_data(title=title, form_token=str(uuid.uuid4()))
        for _ in range(2):
            client.post(box_url(lagan), data, REMOTE_ADDR="10.1.2.3")

    assert sorted(Suggestion.objects.values_list("title", flat=True)) == titles


def test_a_registered_suggestion_sent_twice_is_stored_once(client, lagan, member):
    client.force_login(member)
    url = reverse("participation:suggestion_register", args=["lagan"])
    form = client.get(url).context["form"]
    data = suggestion_data(channel=Channel.PAPER, form_token=form["form_token"].value())

    responses = [client.post(url, data, follow=True) for _ in range(2)]

    assert all("Förslaget är registrerat" in response.text for response in responses)
    assert Suggestion.objects.count() == 1


def test_suggestion_box_of_an_unknown_area_is_404(client, db):
    assert client.get("/omraden/finns-inte/forslagslada/").status_code == 404


# Moderation outcomes ------------------------------------------------------------------------


def test_publish_shows_the_suggestion_on_the_area_page_and_tells_the_resident_once(
    client, lagan, coordinator, committed
):
    suggestion = make_suggestion(lagan.area, reply_email="asa@example.se")

    committed(services.suggestion_publish, suggestion=suggestion, by=coordinator)

    suggestion.refresh_from_db()
    assert suggestion.status == Status.PUBLISHED
    assert suggestion.reply_email == ""
    delivery = MailDelivery.objects.get()
    assert delivery.to == "asa@example.se"
    assert "Publicerat" in delivery.mail.text
    assert ActivityEvent.objects.filter(action="suggestion_published", actor=coordinator).count() == 1
    page = client.get(lagan.area.get_absolute_url())
    assert "Belysning på skolvägen" in page.text


def test_a_published_suggestion_turned_into_an_issue_is_not_mailed_twice(lagan, coordinator, committed):
    suggestion = make_suggestion(lagan.area, reply_email="asa@example.se")
    committed(services.suggestion_publish, suggestion=suggestion, by=coordinator)
    department = Department.objects.get(slug="park-och-skotselfragor")

    committed(services.suggestion_to_issue, suggestion=suggestion, by=coordinator, department=department)

    assert MailDelivery.objects.count() == 1
    suggestion.refresh_from_db()
    assert suggestion.status == Status.ISSUE


def test_hide_keeps_the_suggestion_and_its_reason_off_the_area_page(client, lagan, coordinator, committed):
    suggestion = make_suggestion(lagan.area, reply_email="asa@example.se")

    committed(
        services.suggestion_hide, suggestion=suggestion, by=coordinator, reason="Namnger en privatperson."
    )

    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.hidden_reason) == (Status.HIDDEN, "Namnger en privatperson.")
    assert "Namnger en privatperson." in MailDelivery.objects.get().mail.text
    assert "Belysning på skolvägen" not in client.get(lagan.area.get_absolute_url()).text


def test_hide_needs_a_reason(lagan, coordinator):
    suggestion = make_suggestion(lagan.area)

    with pytest.raises(ParticipationError, match="Skriv varför"):
        services.suggestion_hide(suggestion=suggestion, by=coordinator, reason="  ")


def test_a_hidden_suggestion_cannot_be_published(lagan, coordinator):
    suggestion = make_suggestion(lagan.area)
    services.suggestion_hide(suggestion=suggestion, by=coordinator, reason="Dubblett.")

    with pytest.raises(ParticipationError, match="redan hanterats"):
        services.suggestion_publish(suggestion=suggestion, by=coordinator)


def test_to_agenda_makes_a_proposal_for_the_groups_next_open_meeting(lagan, coordinator, committed):
    make_meeting(
        lagan, status=Meeting.Status.OPEN, title="Höstmöte", by=coordinator, starts_in=timedelta(days=40)
    )
    meeting = make_meeting(
        lagan, status=Meeting.Status.OPEN, title="Sommarmöte", by=coordinator, starts_in=timedelta(days=20)
    )
    suggestion = make_suggestion(lagan.area, reply_email="asa@example.se")

    committed(services.suggestion_to_agenda, suggestion=suggestion, by=coordinator)

    proposal = Proposal.objects.get()
    assert proposal.meeting == meeting
    assert proposal.title == "Belysning på skolvägen"
    assert "Skolvägen är mörk på vintern." in proposal.description
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.proposal) == (Status.AGENDA_PROPOSAL, proposal)
    assert "Sommarmöte" in MailDelivery.objects.get(to="asa@example.se").mail.text


def test_to_agenda_without_an_open_meeting_is_refused_and_changes_nothing(lagan, coordinator):
    make_meeting(lagan, status=Meeting.Status.DRAFT, by=coordinator)
    suggestion = make_suggestion(lagan.area)

    with pytest.raises(ParticipationError, match="inget möte"):
        services.suggestion_to_agenda(suggestion=suggestion, by=coordinator)

    suggestion.refresh_from_db()
    assert suggestion.status == Status.RECEIVED
    assert not Proposal.objects.exists()


def test_to_issue_raises_an_issue_for_the_department(lagan, coordinator):
    department = Department.objects.get(slug="park-och-skotselfragor")
    suggestion = make_suggestion(lagan.area)

    services.suggestion_to_issue(suggestion=suggestion, by=coordinator, department=department)

    issue = Issue.objects.get()
    assert (issue.group, issue.title, issue.department) == (lagan, "Belysning på skolvägen", department)
    suggestion.refresh_from_db()
    assert suggestion.issue == issue
    # It follows the issue's public timeline from the start: the suggestion was public already.
    assert issue.is_public


def test_moderation_views_publish_and_propose_for_the_agenda(client, lagan, coordinator):
    make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    first, second = make_suggestion(lagan.area, title="Första"), make_suggestion(lagan.area, title="Andra")
    client.force_login(coordinator)

    client.post(reverse("participation:suggestion_publish", args=[first.pk]))
    response = client.post(reverse("participation:suggestion_to_agenda", args=[second.pk]), follow=True)

    assert "förslag till dagordningen" in response.text
    assert Suggestion.objects.get(pk=first.pk).status == Status.PUBLISHED
    assert Suggestion.objects.get(pk=second.pk).status == Status.AGENDA_PROPOSAL


def test_moderation_views_hide_with_a_reason_and_raise_as_an_issue(client, lagan, coordinator):
    hidden, raised = make_suggestion(lagan.area, title="Dölj"), make_suggestion(lagan.area, title="Sakfråga")
    department = Department.objects.get(slug="park-och-skotselfragor")
    client.force_login(coordinator)
    hide_url = reverse("participation:suggestion_hide", args=[hidden.pk])
    issue_url = reverse("participation:suggestion_to_issue", args=[raised.pk])

    pages = [client.get(hide_url), client.get(issue_url)]
    responses = [
        client.post(hide_url, {"reason": "Namnger en privatperson."}, follow=True),
        client.post(issue_url, {"department": department.pk}, follow=True),
    ]

    assert ["<h1>Publicera inte</h1>" in pages[0].text, "<h1>Gör till sakfråga</h1>" in pages[1].text] == [
        True,
        True,
    ]
    queue = reverse("participation:moderation_queue", args=["lagan"])
    assert [response.redirect_chain for response in responses] == [[(queue, 302)]] * 2
    assert "Förslaget publiceras inte; skälet sparas." in responses[0].text
    assert "Förslaget är gjort till en sakfråga." in responses[1].text
    assert [Suggestion.objects.get(pk=pk).status for pk in (hidden.pk, raised.pk)] == [
        Status.HIDDEN,
        Status.ISSUE,
    ]


def test_moderation_views_refuse_a_handled_suggestion_with_the_reason(client, lagan, coordinator):
    suggestion = make_suggestion(lagan.area)
    services.suggestion_hide(suggestion=suggestion, by=coordinator, reason="Dubblett.")
    department = Department.objects.get(slug="park-och-skotselfragor")
    client.force_login(coordinator)

    published = client.post(reverse("participation:suggestion_publish", args=[suggestion.pk]), follow=True)
    raised = client.post(
        reverse("participation:suggestion_to_issue", args=[suggestion.pk]), {"department": department.pk}
    )

    assert "Förslaget har redan hanterats på annat sätt." in published.text
    assert raised.status_code == 200
    assert raised.context["form"].non_field_errors() == ["Förslaget har redan hanterats på annat sätt."]
    assert Suggestion.objects.get(pk=suggestion.pk).status == Status.HIDDEN
    assert not Issue.objects.exists()


def test_hide_view_without_a_reason_shows_the_error_next_to_the_field(client, lagan, coordinator):
    suggestion = make_suggestion(lagan.area)
    client.force_login(coordinator)

    response = client.post(reverse("participation:suggestion_hide", args=[suggestion.pk]), {"reason": ""})

    assert "Detta fält måste fyllas i" in response.text
    assert Suggestion.objects.get().status == Status.RECEIVED


def test_the_overview_counts_the_waiting_per_area_and_the_queue_shows_them_first(
    client, lagan, ryssby, coordinator
):
    make_suggestion(lagan.area, title="Väntar")
    services.suggestion_publish(suggestion=make_suggestion(lagan.area, title="Publicerat"), by=coordinator)
    make_suggestion(ryssby.area, title="I Ryssby")
    client.force_login(coordinator)
    queue = reverse("participation:moderation_queue", args=["lagan"])

    overview = client.get(reverse("participation:moderation_overview"))
    waiting, everything = client.get(queue), client.get(queue, {"visa": "alla"})

    counts = {area.slug: area.waiting for area in overview.context["page"]}
    assert (counts["lagan"], counts["ryssby"]) == (1, 1)
    assert [suggestion.title for suggestion in waiting.context["page"]] == ["Väntar"]
    assert sorted(suggestion.title for suggestion in everything.context["page"]) == ["Publicerat", "Väntar"]


def test_the_moderation_pages_are_the_coordinators(client, lagan, member, official):
    suggestion = make_suggestion(lagan.area)
    for person in (member, official):
        client.force_login(person)
        assert client.get(reverse("participation:moderation_queue", args=["lagan"])).status_code == 403
        assert (
            client.post(reverse("participation:suggestion_publish", args=[suggestion.pk])).status_code == 403
        )
    assert Suggestion.objects.get().status == Status.RECEIVED


# Registered for others; support ---------------------------------------------------------------


def test_a_representative_registers_a_paper_suggestion_with_its_channel(client, lagan, member):
    client.force_login(member)
    data = suggestion_data(channel=Channel.PAPER)

    client.post(reverse("participation:suggestion_register", args=["lagan"]), data)

    suggestion = Suggestion.objects.get()
    assert (suggestion.channel, suggestion.registered_by) == (Channel.PAPER, member)


def test_a_representative_of_another_group_cannot_register_in_lagan(client, other_member):
    client.force_login(other_member)

    response = client.post(
        reverse("participation:suggestion_register", args=["lagan"]), suggestion_data(channel="paper")
    )

    assert response.status_code == 403
    assert not Suggestion.objects.exists()


def test_the_web_channel_cannot_be_registered_for_others(lagan, coordinator):
    with pytest.raises(ParticipationError, match="Välj hur förslaget kom in"):
        services.suggestion_register(
            area=lagan.area, by=coordinator, title="T", text="T", channel=Channel.WEB
        )


def test_a_member_supports_a_published_suggestion_once(client, lagan, member, coordinator):
    suggestion = make_suggestion(lagan.area)
    services.suggestion_publish(suggestion=suggestion, by=coordinator)
    client.force_login(member)
    url = reverse("participation:suggestion_support", args=[suggestion.pk])

    client.post(url)
    response = client.post(url, follow=True)

    assert Support.objects.filter(suggestion=suggestion, person=member).count() == 1
    assert "Du stöder redan" in response.text
    assert "1 representant stöder det." in response.text


def test_support_is_refused_for_an_unpublished_suggestion_and_for_another_groups_member(
    client, lagan, member, other_member, coordinator
):
    waiting = make_suggestion(lagan.area)
    published = make_suggestion(lagan.area, title="Publicerat")
    services.suggestion_publish(suggestion=published, by=coordinator)

    client.force_login(member)
    assert client.post(reverse("participation:suggestion_support", args=[waiting.pk])).status_code == 403
    client.force_login(other_member)
    assert client.post(reverse("participation:suggestion_support", args=[published.pk])).status_code == 403
    assert not Support.objects.exists()


@pytest.mark.parametrize("published", [2, 12])
def test_member_page_queries_do_not_grow_with_suggestions(
    client, lagan, member, coordinator, published, django_assert_num_queries
):
    for number in range(published):
        services.suggestion_publish(
            suggestion=make_suggestion(lagan.area, title=f"F {number}"), by=coordinator
        )
    client.force_login(member)
    # session, user (with whether they represent an organisation now: the menu's village funds
    # link), area with its group; the permissions (the member's role and membership, asked for
    # the page, the register link and the coordinator's role); count and page of suggestions.
    with django_assert_num_queries(QUERIES_MEMBER_PAGE):
        response = client.get(reverse("participation:member_suggestions", args=["lagan"]))
    assert response.status_code == 200


QUERIES_MEMBER_PAGE = 10


@pytest.mark.parametrize("waiting", [2, 30])
def test_moderation_queue_queries_do_not_grow(client, lagan, coordinator, waiting, django_assert_num_queries):
    for number in range(waiting):
        services.suggestion_register(
            area=lagan.area, by=coordinator, title=f"F {number}", text="T", channel=Channel.PHONE
        )
    client.force_login(coordinator)
    with django_assert_num_queries(QUERIES_QUEUE):
        response = client.get(reverse("participation:moderation_queue", args=["lagan"]))
    assert response.status_code == 200


# session, user, role, area, next open meeting, count, page (with who registered, the proposal's
# meeting and the issue's department), and the permission checks of the page.
QUERIES_QUEUE = 7


@pytest.mark.parametrize("published", [2, 15])
def test_area_page_queries_do_not_grow_with_suggestions(
    client, lagan, coordinator, published, django_assert_num_queries
):
    for number in range(published):
        services.suggestion_publish(
            suggestion=make_suggestion(lagan.area, title=f"F {number}"), by=coordinator
        )
    with django_assert_num_queries(QUERIES_AREA):
        response = client.get(lagan.area.get_absolute_url())
    assert response.status_code == 200


# the area page's own queries (with the village fund's granted projects), then: the latest
# suggestions, their count, open surveys, surveys with published results.
QUERIES_AREA = 10


def test_the_outcome_mail_escapes_html_in_its_html_part(lagan, coordinator):
    suggestion = make_suggestion(
        lagan.area, title="<img src=x onerror=alert(1)>", reply_email="asa@example.se"
    )

    services.suggestion_publish(suggestion=suggestion, by=coordinator)

    mail = MailDelivery.objects.get().mail
    assert "<img src=x" not in mail.html
    assert "&lt;img src=x onerror=alert(1)&gt;" in mail.html
    assert "<img src=x onerror=alert(1)>" in mail.subject


def test_suggestions_are_counted_by_channel_for_the_reports(lagan, member):
    make_suggestion(lagan.area)
    services.suggestion_register(area=lagan.area, by=member, title="P", text="T", channel=Channel.PAPER)
    services.suggestion_register(
        area=lagan.area, by=member, title="S", text="T", channel=Channel.SCHOOL_CLASS
    )
    today = timezone.localdate()

    counts = selectors.suggestions_by_channel(today, today)

    assert counts == {"web": 1, "paper": 1, "phone": 0, "meeting": 0, "school_class": 1}


def test_moderation_overview_lists_the_areas_with_waiting_suggestions_first(
    client, lagan, ryssby, coordinator
):
    make_suggestion(ryssby.area)
    make_suggestion(ryssby.area)
    make_suggestion(lagan.area)
    published = make_suggestion(lagan.area)
    services.suggestion_publish(suggestion=published, by=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("participation:moderation_overview"))

    areas = [(area.name, area.waiting) for area in response.context["page"]]
    assert areas[:3] == [("Ryssby", 2), ("Lagan", 1), ("Agunnaryd", 0)]
