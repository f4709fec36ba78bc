"""Alerts: members hear of published updates at once, in one digest a day or never; residents
subscribe without an account (double opt-in, one-click unsubscribe per area, rate limits)."""

import io
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alerts import services, tokens
from alerts.models import Digest, MemberAlertSetting, Subscription
from core import personal_data
from core.models import MailDelivery, OutgoingMail
from groups.models import Area
from issues import services as issue_services
from tests.conftest import make_member, make_person
from tests.issues.test_services import make_issue
from tests.minutes.conftest import RELEASED, make_held_meeting, make_minutes

pytestmark = pytest.mark.django_db

Frequency = MemberAlertSetting.Frequency


def _mails(template) -> list[tuple[str, str]]:
    """(recipient, text) of every queued mail of the template."""
    return [
        (delivery.to, delivery.mail.text)
        for delivery in MailDelivery.objects.filter(mail__template=template)
        .select_related("mail")
        .order_by("pk")
    ]


def _read_more(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("Läs mer:"))


def _publish(issue, by, text="Bänken byts i maj."):
    return issue_services.issue_update_add(issue=issue, text=text, by=by)


# Members -----------------------------------------------------------------------------------


@pytest.fixture
def members(lagan):
    """Three members of Lagan, one with each setting."""
    people = {}
    for frequency in Frequency:
        person = make_member(lagan, make_person(f"Medlem {frequency}", f"{frequency}@example.se")).person
        services.member_setting_save(person=person, frequency=frequency)
        people[frequency] = person
    return people


def test_member_who_wants_it_at_once_is_mailed_when_an_update_is_published(
    lagan, coordinator, official, members
):
    issue = make_issue(lagan, by=coordinator)
    waiting = issue_services.issue_update_add(issue=issue, text="Utkast.", by=official)
    assert _mails("issue_update_member") == []  # not before it is published

    issue_services.issue_update_approve(update=waiting, by=coordinator)

    assert [to for to, _text in _mails("issue_update_member")] == ["immediately@example.se"]


def test_digest_is_one_mail_a_day_and_never_twice_on_a_rerun(lagan, coordinator, members):
    issue = make_issue(lagan, by=coordinator)
    _publish(issue, coordinator, "Första.")
    _publish(issue, coordinator, "Andra <script>alert(1)</script>.")

    first = services.send_digests()
    _publish(issue, coordinator, "Tredje.")
    again = services.send_digests()
    call_command("send_digests", stdout=io.StringIO())

    assert (first, again) == (1, 0)
    digests = _mails("issue_digest")
    assert [to for to, _text in digests] == ["daily@example.se"]
    assert "Första." in digests[0][1] and "Andra" in digests[0][1]
    assert "<script>" not in OutgoingMail.objects.get(template="issue_digest").html
    assert Digest.objects.count() == 1
    # The third waits for tomorrow's digest.
    assert services.send_digests(day=timezone.localdate() + timedelta(days=1)) == 1
    assert "Tredje." in _mails("issue_digest")[1][1]


def test_member_who_wants_no_mail_gets_none(lagan, coordinator, members):
    _publish(make_issue(lagan, by=coordinator), coordinator)
    services.send_digests()

    everyone = {to for template in ("issue_update_member", "issue_digest") for to, _text in _mails(template)}
    assert "never@example.se" not in everyone


def test_member_settings_page_saves_the_choice(client, member):
    client.force_login(member)
    assert client.get(reverse("alerts:settings")).context["form"].initial == {"frequency": Frequency.DAILY}

    client.post(reverse("alerts:settings"), {"frequency": Frequency.NEVER})

    assert MemberAlertSetting.objects.get(person=member).frequency == Frequency.NEVER


def test_member_settings_are_in_the_personal_data_registry(member):
    services.member_setting_save(person=member, frequency=Frequency.IMMEDIATELY)
    export = {entry.key: entry for entry in personal_data.exports()}["alert_settings"]
    erasure = {entry.key: entry for entry in personal_data.erasures()}["alert_settings"]

    assert export.collect(member) == [{"mail about issue updates": "immediately"}]
    assert erasure.erase(member) == 1
    assert MemberAlertSetting.objects.filter(person=member).count() == 0


# Residents' subscriptions --------------------------------------------------------------------


def _subscribe(client, data, slug="lagan", ip="10.0.0.1"):
    return client.post(reverse("alerts:subscribe", kwargs={"slug": slug}), data, REMOTE_ADDR=ip)


def _data(
    email="boende@example.se", areas=("lagan",), follows=("follow_agendas", "follow_minutes", "follow_issues")
):
    return {
        "email": email,
        "areas": [Area.objects.get(slug=slug).pk for slug in areas],
        "follows": list(follows),
    }


def _confirm_url() -> str:
    text = OutgoingMail.objects.filter(template="subscription_confirm").latest("pk").text
    return (
        next(line for line in text.splitlines() if "/bevaka/bekrafta/" in line)
        .split("testserver")[-1]
        .strip()
    )


def test_subscription_needs_confirming_before_anything_is_sent(client, lagan, coordinator):
    response = _subscribe(client, _data())

    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.is_confirmed) == ("boende@example.se", False)
    assert [to for to, _text in _mails("subscription_confirm")] == ["boende@example.se"]
    meeting = make_held_meeting(lagan, by=coordinator)
    issue = make_issue(lagan, by=coordinator, meeting=meeting)
    issue_services.issues_make_public(meeting=meeting)
    _publish(issue, coordinator)
    assert _mails("subscription_notice") == []


def test_subscription_confirmed_through_the_link(client):
    _subscribe(client, _data())
    url = _confirm_url()

    assert client.get(url).status_code == 200  # a page with a button: a mail scanner confirms nothing
    assert Subscription.objects.get().is_confirmed is False
    response = client.post(url)

    assert response.status_code == 200
    assert Subscription.objects.get().is_confirmed is True


@pytest.mark.parametrize("change", ["tampered", "expired"])
def test_confirmation_link_tampered_or_expired_is_refused(client, change, monkeypatch):
    _subscribe(client, _data())
    url = _confirm_url()
    if change == "tampered":
        url = url.replace("/bekrafta/", "/bekrafta/x")
    else:
        monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE_SECONDS", -1)

    response = client.post(url)

    assert response.status_code == 400
    assert response.context["message"] == (
        "Bekräftelselänken gäller inte eller har gått ut. Anmäl dig igen för att få en ny."
    )
    assert Subscription.objects.get().is_confirmed is False


@pytest.mark.parametrize("email", ["inte-en-adress", "a" * 290 + "@example.se"])
def test_subscription_with_a_bad_address_is_a_field_error(client, email):
    response = _subscribe(client, _data(email=email))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert Subscription.objects.count() == 0


def test_same_address_twice_is_one_subscription_and_no_second_mail_once_confirmed(client):
    _subscribe(client, _data(areas=("lagan",), follows=("follow_agendas",)))
    client.post(_confirm_url())

    _subscribe(client, _data(email=" Boende@Example.se ", areas=("ryssby",), follows=("follow_issues",)))

    subscription = Subscription.objects.get()
    assert sorted(subscription.areas.values_list("slug", flat=True)) == ["lagan", "ryssby"]
    assert (subscription.follow_agendas, subscription.follow_issues) == (True, True)
    assert len(_mails("subscription_confirm")) == 1


def test_subscriptions_are_rate_limited_per_address_and_per_client(client, settings):
    settings.SUBSCRIBE_LIMIT_PER_ADDRESS = 2
    settings.SUBSCRIBE_LIMIT_PER_CLIENT = 3
    for _attempt in range(2):
        _subscribe(client, _data())
    by_address = _subscribe(client, _data(), ip="10.0.0.2")
    _subscribe(client, _data(email="annan@example.se"))
    by_client = _subscribe(client, _data(email="tredje@example.se"))

    for response in (by_address, by_client):
        assert response.context["form"].non_field_errors() == [
            "För många anmälningar. Försök igen om en timme."
        ]
    assert len(_mails("subscription_confirm")) == 3


@pytest.fixture
def subscribed(client):
    """A confirmed subscriber of Lagan and Ryssby, following everything."""
    _subscribe(client, _data(areas=("lagan", "ryssby")))
    client.post(_confirm_url())
    return Subscription.objects.get()


def test_subscriber_gets_agendas_minutes_and_issue_updates_with_unsubscribe_headers(
    client, subscribed, lagan, coordinator, settings
):
    meeting = make_held_meeting(lagan, by=coordinator)
    issue = make_issue(lagan, by=coordinator, meeting=meeting, title="Trasig parkbänk")
    make_minutes(meeting, RELEASED, by=coordinator)
    _publish(issue, coordinator, "Bänken byts i maj. <img src=x onerror=alert(1)>")

    notices = list(
        MailDelivery.objects.filter(mail__template="subscription_notice")
        .select_related("mail")
        .order_by("pk")
    )
    assert [(delivery.to, delivery.mail.subject, _read_more(delivery.mail.text)) for delivery in notices] == [
        (
            subscribed.email,
            f"{lagan.area.name}: {meeting.title}",
            "Läs mer: " + f"{settings.SITE_URL}/moten/{meeting.pk}/",
        ),
        (
            subscribed.email,
            f"{lagan.area.name}: {meeting.title}",
            "Läs mer: " + f"{settings.SITE_URL}/moten/{meeting.pk}/minnesanteckningar/",
        ),
        (
            subscribed.email,
            f"{lagan.area.name}: Trasig parkbänk",
            "Läs mer: " + f"{settings.SITE_URL}/sakfragor/{issue.pk}/",
        ),
    ]
    for delivery in notices:
        link = delivery.headers["List-Unsubscribe"].strip("<>")
        assert delivery.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in delivery.mail.text
    assert "onerror" not in notices[2].mail.html


def test_unsubscribe_from_one_area_keeps_the_other(client, subscribed, lagan):
    link = tokens.unsubscribe_token(subscribed, lagan.area)
    url = reverse("alerts:unsubscribe", kwargs={"token": link})

    assert client.get(url).status_code == 200
    client.post(url)

    assert list(Subscription.objects.get().areas.values_list("slug", flat=True)) == ["ryssby"]
    assert client.post(url).status_code == 400  # used: this area is no longer followed


def test_one_click_unsubscribe_from_the_last_area_deletes_the_address(client, subscribed):
    for area in list(subscribed.areas.all()):
        url = reverse("alerts:unsubscribe", kwargs={"token": tokens.unsubscribe_token(subscribed, area)})
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200

    assert Subscription.objects.count() == 0


def test_unsubscribe_link_tampered_is_refused(client, subscribed, lagan):
    token = signing.dumps({"s": subscribed.pk, "e": subscribed.email, "a": lagan.area.pk}, salt="another")

    response = client.post(reverse("alerts:unsubscribe", kwargs={"token": token}))

    assert response.status_code == 400
    assert subscribed.areas.count() == 2


def test_unconfirmed_subscriptions_are_purged_after_their_retention_period(client):
    _subscribe(client, _data())
    retention = {entry.key: entry for entry in personal_data.retentions()}["unconfirmed_subscriptions"]

    assert retention.days == 7
    assert list(retention.expired(timezone.now() - timedelta(days=7))) == []
    assert [row.email for row in retention.expired(timezone.now() + timedelta(seconds=1))] == [
        "boende@example.se"
    ]


def test_subscribe_page_query_count_is_bounded(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        # the area, the areas to choose from
        assert client.get(reverse("alerts:subscribe", kwargs={"slug": "lagan"})).status_code == 200
