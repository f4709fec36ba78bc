import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import Invitation, MainContactPeriod, Membership, Organisation
from meetings.models import Meeting
from minutes.models import SignOff
from tests.conftest import make_member, make_organisation, make_person
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import IN_REVIEW, make_minutes, send, write

ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, COORDINATOR = (
    "anonymous",
    "member",
    "former_member",
    "other",
    "official",
    "coordinator",
)
ROLES = [ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER, OFFICIAL, COORDINATOR]
LOGIN = 302  # anonymous visitors are sent to the login page


@pytest.fixture
def as_role(client, member, other_member, official, coordinator):
    people = {MEMBER: member, OTHER_MEMBER: other_member, OFFICIAL: official, COORDINATOR: coordinator}

    def log_in(role):
        if role == FORMER_MEMBER:
            # The member, after their membership ended: every right from it ends with it.
            for membership in member.memberships.current():
                services.membership_end(membership=membership)
            client.force_login(member)
        elif role != ANONYMOUS:
            client.force_login(people[role])
        return client

    return log_in


@pytest.fixture
def objects(lagan, coordinator):
    membership = make_member(lagan)
    services.invitations_send(group=lagan, raw_addresses="inbjuden@example.se", invited_by=coordinator)
    return {
        "membership": membership.pk,
        "invitation": Invitation.objects.get().pk,
        "organisation": membership.organisation.pk,
    }


def _url(name, objects):
    kwargs = {
        "groups:detail": {"slug": "lagan"},
        "groups:membership_add": {"slug": "lagan"},
        "groups:main_contact": {"slug": "lagan"},
        "groups:invite": {"slug": "lagan"},
        "pages:area": {"slug": "lagan"},
        "groups:membership_end": {"pk": objects["membership"]},
        "groups:invitation_resend": {"pk": objects["invitation"]},
        "groups:invitation_revoke": {"pk": objects["invitation"]},
        "groups:organisation_edit": {"pk": objects["organisation"]},
        "groups:organisation_confirm": {"pk": objects["organisation"]},
    }.get(name, {})
    return reverse(name, kwargs=kwargs)


#                      view name                    anonymous member former other official coordinator
GET_MATRIX = [
    ("pages:home", [200, 200, 200, 200, 200, 200]),
    ("pages:area", [200, 200, 200, 200, 200, 200]),
    ("groups:overview", [LOGIN, 403, 403, 403, 200, 200]),
    ("groups:detail", [LOGIN, 200, 403, 403, 200, 200]),
    ("pages:my_groups", [LOGIN, 200, 200, 200, 200, 200]),
    ("groups:membership_add", [LOGIN, 403, 403, 403, 403, 200]),
    ("groups:membership_end", [LOGIN, 403, 403, 403, 403, 200]),
    ("groups:main_contact", [LOGIN, 403, 403, 403, 403, 200]),
    ("groups:invite", [LOGIN, 403, 403, 403, 403, 200]),
    ("groups:invitations", [LOGIN, 403, 403, 403, 403, 200]),
    ("groups:organisations", [LOGIN, 403, 403, 403, 403, 200]),
    ("groups:organisation_create", [LOGIN, 403, 403, 403, 403, 200]),
    ("groups:organisation_edit", [LOGIN, 403, 403, 403, 403, 200]),
]
POST_MATRIX = [
    ("groups:invitation_resend", [LOGIN, 403, 403, 403, 403, 302]),
    ("groups:invitation_revoke", [LOGIN, 403, 403, 403, 403, 302]),
    ("groups:organisation_confirm", [LOGIN, 403, 403, 403, 403, 302]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "expected"), GET_MATRIX, ids=[row[0] for row in GET_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_get_permission_matrix(as_role, objects, name, expected, role_index):
    response = as_role(ROLES[role_index]).get(_url(name, objects))

    assert response.status_code == expected[role_index]
    if response.status_code == LOGIN and ROLES[role_index] == ANONYMOUS:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "expected"), POST_MATRIX, ids=[row[0] for row in POST_MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_post_permission_matrix(as_role, objects, name, expected, role_index):
    Organisation.objects.filter(pk=objects["organisation"]).update(confirmed=False)

    response = as_role(ROLES[role_index]).post(_url(name, objects))

    assert response.status_code == expected[role_index]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["groups:invitation_resend", "groups:invitation_revoke", "groups:organisation_confirm"]
)
def test_state_changes_refuse_get(client, coordinator, objects, name):
    client.force_login(coordinator)

    assert client.get(_url(name, objects)).status_code == 405


@pytest.mark.django_db
def test_forbidden_page_is_swedish_in_the_site_layout(client, member):
    client.force_login(member)

    response = client.get(reverse("groups:overview"))

    content = response.content.decode()
    assert response.status_code == 403
    assert 'lang="sv"' in content
    assert "Du har inte behörighet till den här sidan" in content
    assert 'href="#main"' in content


@pytest.mark.django_db
def test_not_found_page_is_swedish_in_the_site_layout(client):
    response = client.get("/grupper/finns-inte/")

    assert response.status_code == 302  # login first; then:
    response = client.get("/omraden/finns-inte/")
    assert response.status_code == 404
    assert "Sidan kunde inte hittas" in response.content.decode()


# Contact details -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "sees_contacts"), [(MEMBER, True), (OFFICIAL, True), (COORDINATOR, True)])
def test_group_page_contact_details(as_role, lagan, role, sees_contacts):
    fellow = make_member(lagan, make_person("Greta Granne", "greta@example.se", phone="070-555 44 33"))

    content = as_role(role).get(reverse("groups:detail", kwargs={"slug": "lagan"})).content.decode()

    assert fellow.person.full_name in content
    assert ("greta@example.se" in content) is sees_contacts
    assert ("070-555 44 33" in content) is sees_contacts


@pytest.mark.django_db
def test_my_groups_shows_fellow_members_but_not_other_groups(
    client, member, other_member, lagan, coordinator
):
    fellow = make_member(lagan, make_person("Greta Granne", "greta@example.se"))
    services.main_contact_hand_over(group=lagan, membership=fellow, appointed_by=coordinator)
    client.force_login(member)

    content = client.get(reverse("pages:my_groups")).content.decode()

    assert "greta@example.se" in content
    assert "Greta Granne" in content
    assert other_member.email not in content


@pytest.mark.django_db
def test_public_area_page_shows_main_contact_without_email_or_phone(client, lagan, coordinator):
    contact = make_member(lagan, make_person("Karin Kontakt", "karin@example.se", phone="070-123 00 00"))
    services.main_contact_hand_over(group=lagan, membership=contact, appointed_by=coordinator)

    content = client.get(reverse("pages:area", kwargs={"slug": "lagan"})).content.decode()

    assert "Karin Kontakt" in content
    assert contact.organisation.name in content
    assert "karin@example.se" not in content
    assert "070-123 00 00" not in content


def _take_part(html) -> str | None:
    """The "Want to take part?" paragraph of a public page, or None."""
    found = re.search(r"<p[^>]*>(Vill du vara med\?.*?)</p>", html, re.S)
    return " ".join(found.group(1).split()) if found else None


def _footer(html) -> str:
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


MAILTO = '<a href="mailto:samordnare@ljungby.se">samordnare@ljungby.se</a>'


@pytest.mark.django_db
def test_public_pages_lead_to_the_contact_address_when_one_is_set(client, settings, lagan):
    settings.CONTACT_EMAIL = "samordnare@ljungby.se"

    area = client.get(reverse("pages:area", kwargs={"slug": "lagan"})).content.decode()
    home = client.get(reverse("pages:home")).content.decode()

    assert _take_part(area) == f"Vill du vara med? Skriv till samordnaren på Ljungby kommun: {MAILTO}."
    assert MAILTO in _footer(area)
    assert MAILTO in _footer(home)


@pytest.mark.django_db
def test_area_page_names_the_main_contact_and_the_address_when_both_exist(
    client, settings, lagan, coordinator
):
    settings.CONTACT_EMAIL = "samordnare@ljungby.se"
    contact = make_member(lagan, make_person("Karin Kontakt"))
    services.main_contact_hand_over(group=lagan, membership=contact, appointed_by=coordinator)

    area = client.get(reverse("pages:area", kwargs={"slug": "lagan"})).content.decode()

    assert _take_part(area) == (
        "Vill du vara med? Prata med den huvudsakliga kontaktpersonen, "
        f"eller skriv till samordnaren på Ljungby kommun: {MAILTO}."
    )


@pytest.mark.django_db
def test_without_a_contact_address_the_public_pages_promise_no_contact(client, settings, lagan):
    settings.CONTACT_EMAIL = ""

    area = client.get(reverse("pages:area", kwargs={"slug": "lagan"})).content.decode()

    assert _take_part(area) is None
    assert "mailto:" not in area


@pytest.mark.django_db
def test_without_a_contact_address_the_area_page_points_to_the_main_contact(
    client, settings, lagan, coordinator
):
    settings.CONTACT_EMAIL = ""
    contact = make_member(lagan, make_person("Karin Kontakt"))
    services.main_contact_hand_over(group=lagan, membership=contact, appointed_by=coordinator)

    area = client.get(reverse("pages:area", kwargs={"slug": "lagan"})).content.decode()

    assert (
        _take_part(area) == "Vill du vara med? Prata med gruppens huvudsakliga kontaktperson, som står ovan."
    )
    assert "mailto:" not in area


# Group page: filters -------------------------------------------------------------------


@pytest.mark.django_db
def test_member_filter_by_kind_status_and_name(client, coordinator, lagan):
    business = make_member(
        lagan, make_person("Bertil Butik"), make_organisation(kind=Organisation.Kind.BUSINESS)
    )
    association = make_member(lagan, make_person("Astrid Förening"))
    former = make_member(lagan, make_person("Frida Förra"))
    services.membership_end(membership=former)
    client.force_login(coordinator)
    url = reverse("groups:detail", kwargs={"slug": "lagan"})

    def names(**query):
        page = client.get(url, query).context["page"]
        return sorted(membership.person.full_name for membership in page.object_list)

    assert names() == ["Astrid Förening", "Bertil Butik"]
    assert names(kind="business") == ["Bertil Butik"]
    assert names(status="former") == ["Frida Förra"]
    assert names(status="all") == ["Astrid Förening", "Bertil Butik", "Frida Förra"]
    assert names(q="astrid") == [association.person.full_name]
    assert names(q=business.organisation.name) == ["Bertil Butik"]


# Query budgets -------------------------------------------------------------------------


def _fill(group, count):
    organisations = [make_organisation() for _ in range(5)]
    for number in range(count):
        make_member(group, organisation=organisations[number % 5])


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_group_overview_query_count_does_not_grow_with_members(client, coordinator, lagan, ryssby):
    client.force_login(coordinator)
    url = reverse("groups:overview")
    _fill(lagan, 10)
    few = _count_queries(client, url)

    _fill(ryssby, 190)
    many = _count_queries(client, url)

    # session, user, role groups, the number of groups, a page of groups with counts, current
    # and the current main contacts
    assert few == many
    assert many <= 6


@pytest.mark.django_db
def test_group_page_query_count_does_not_grow_with_members(client, coordinator, lagan):
    client.force_login(coordinator)
    url = reverse("groups:detail", kwargs={"slug": "lagan"})
    _fill(lagan, 10)
    few = _count_queries(client, url)

    _fill(lagan, 190)
    for membership in Membership.objects.filter(group=lagan)[:3]:
        services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)
    many = _count_queries(client, url)

    # session, user, group, role groups, member count, main contact, meetings, member rows,
    # pending invitations, and rotation history
    assert few == many
    assert many <= 10


@pytest.mark.django_db
def test_my_groups_lists_only_the_current_version_of_minutes_to_sign_off(
    client, lagan, coordinator, official, member
):
    """Once version 2 is sent, the request about version 1 is no longer a task."""
    minutes = make_minutes(
        make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator, title="Vårmöte"),
        IN_REVIEW,
        by=coordinator,
        reviewers=[official],
        signers=[member],
    )
    client.force_login(member)
    first = SignOff.objects.get(version_number=1)
    before = client.get(reverse("pages:my_groups")).content.decode()
    write(minutes, by=coordinator, texts={0: ("Omskrivet efter kommentarerna.", "")})
    send(minutes, by=coordinator, reviewers=[official], signers=[member])
    second = SignOff.objects.get(version_number=2)

    after = client.get(reverse("pages:my_groups")).content.decode()

    def links(html, record):
        return html.count(f'href="{reverse("minutes:sign_off", kwargs={"pk": record.pk})}"')

    assert [links(before, first), links(after, first), links(after, second)] == [1, 0, 1]
    assert ["version 1" in after, "version 2" in after] == [False, True]


@pytest.mark.django_db
def test_my_groups_query_count_does_not_grow_with_members(
    client, member, lagan, django_assert_max_num_queries
):
    client.force_login(member)
    _fill(lagan, 50)

    # session, user, role groups, groups, their members, main contacts, coming meetings,
    # open issues with their latest update, minutes to sign off, whether the menu links the
    # village funds (a membership)
    with django_assert_max_num_queries(10):
        client.get(reverse("pages:my_groups"))


# Coordinator actions -------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinator_adds_a_member(client, coordinator, lagan):
    person = make_person("Ny Medlem")
    organisation = make_organisation()
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:membership_add", kwargs={"slug": "lagan"}),
        {"person": person.pk, "organisation": organisation.pk, "role": "kassör", "start": "2026-01-01"},
    )

    assert response.status_code == 302
    assert Membership.objects.current().get(person=person, group=lagan).role == "kassör"


@pytest.mark.django_db
def test_adding_with_a_future_start_is_refused_next_to_the_field(client, coordinator, lagan):
    person = make_person()
    client.force_login(coordinator)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()

    response = client.post(
        reverse("groups:membership_add", kwargs={"slug": "lagan"}),
        {"person": person.pk, "organisation": make_organisation().pk, "start": future},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["start"] == ["Ett medlemskap kan inte börja i framtiden."]
    assert not Membership.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_coordinator_ends_a_membership(client, coordinator, lagan):
    membership = make_member(lagan, start=timezone.localdate() - timedelta(days=30))
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:membership_end", kwargs={"pk": membership.pk}),
        {"end": timezone.localdate().isoformat()},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end == timezone.localdate()


@pytest.mark.django_db
def test_ending_before_the_start_is_a_field_error(client, coordinator, lagan):
    membership = make_member(lagan, start=timezone.localdate())
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:membership_end", kwargs={"pk": membership.pk}),
        {"end": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.end is None


@pytest.mark.django_db
def test_hand_over_to_a_business_representative_warns_but_is_allowed(client, coordinator, lagan):
    membership = make_member(lagan, organisation=make_organisation(kind=Organisation.Kind.BUSINESS))
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:main_contact", kwargs={"slug": "lagan"}),
        {"membership": membership.pk, "start": timezone.localdate().isoformat()},
        follow=True,
    )

    levels = [message.level_tag for message in response.context["messages"]]
    assert levels == ["success", "warning"]
    assert MainContactPeriod.objects.get(group=lagan, end__isnull=True).membership == membership


@pytest.mark.django_db
def test_hand_over_shows_rotation_history_on_group_page(client, coordinator, lagan):
    first = make_member(lagan, make_person("Första Kontakt"))
    second = make_member(lagan, make_person("Andra Kontakt"))
    client.force_login(coordinator)
    url = reverse("groups:main_contact", kwargs={"slug": "lagan"})
    today = timezone.localdate().isoformat()
    client.post(url, {"membership": first.pk, "start": today})
    client.post(url, {"membership": second.pk, "start": today})

    history = client.get(reverse("groups:detail", kwargs={"slug": "lagan"})).context["history"]

    assert [(period.membership.person.full_name, period.end is None) for period in history] == [
        ("Andra Kontakt", True),
        ("Första Kontakt", False),
    ]


@pytest.mark.django_db
def test_organisation_with_a_bad_number_is_not_saved(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:organisation_create"),
        {"name": "Lagans AIK", "kind": "association", "organisation_number": "802000-1234"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["organisation_number"] == [
        "Organisationsnumret 802000-1234 är inte giltigt: kontrollsiffran stämmer inte."
    ]
    assert not Organisation.objects.filter(name="Lagans AIK").exists()


@pytest.mark.django_db
def test_organisation_is_created_and_edited(client, coordinator, lagan):
    client.force_login(coordinator)

    client.post(
        reverse("groups:organisation_create"),
        {
            "name": "Lagans AIK",
            "kind": "association",
            "organisation_number": "802000-1239",
            "areas": [lagan.area.pk],
        },
    )
    organisation = Organisation.objects.get(name="Lagans AIK")
    client.post(
        reverse("groups:organisation_edit", kwargs={"pk": organisation.pk}),
        {"name": "Lagans AIK Fotboll", "kind": "association", "organisation_number": ""},
    )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.organisation_number) == ("Lagans AIK Fotboll", "")


@pytest.mark.django_db
def test_duplicate_organisation_name_is_a_field_error(client, coordinator):
    make_organisation("Lagans AIK")
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:organisation_create"), {"name": "lagans aik", "kind": "association"}
    )

    assert "name" in response.context["form"].errors
    assert Organisation.objects.filter(name__iexact="lagans aik").count() == 1


# Invitations through the pages ---------------------------------------------------------


def _accept_path(message) -> str:
    line = next(line for line in message.body.splitlines() if "/inbjudan/" in line)
    return "/" + line.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invitation_end_to_end(client, coordinator):
    organisation = make_organisation("Lagans samhällsförening", kind=Organisation.Kind.COMMUNITY_ASSOCIATION)
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:invite", kwargs={"slug": "lagan"}),
        {"addresses": "ny.person@example.se\nfelaktig@\nny.person@example.se", "organisation": ""},
    )

    assert response.status_code == 200
    assert response.context["result"].invalid == [(2, "felaktig@")]
    assert len(mail.outbox) == 1
    path = _accept_path(mail.outbox[0])

    client.logout()
    form = client.get(path)
    assert form.status_code == 200
    accepted = client.post(
        path,
        {
            "full_name": "Ny Person",
            "phone": "",
            "password1": "Ett-bra-lösen-99",
            "password2": "Ett-bra-lösen-99",
            "organisation": organisation.pk,
            "proposed_organisation_kind": "association",
            "privacy_notice": "on",
        },
    )
    assert accepted.status_code == 302
    assert accepted.url == reverse("groups:detail", kwargs={"slug": "lagan"})
    assert client.get(accepted.url).status_code == 200

    client.logout()
    used = client.get(path)
    assert used.status_code == 410
    assert "redan använts" in used.content.decode()


@pytest.mark.django_db
def test_acceptance_with_bad_input_keeps_what_was_typed_and_creates_nothing(
    client, lagan, coordinator, committed
):
    committed(services.invitations_send, group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    path = _accept_path(mail.outbox[0])

    response = client.post(
        path,
        {
            "full_name": "Ny Person",
            "password1": "kort",
            "password2": "annan",
            "proposed_organisation_kind": "association",
        },
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.errors) == {"password2", "organisation", "privacy_notice"}
    assert 'value="Ny Person"' in response.content.decode()
    assert not Membership.objects.filter(group=lagan).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["expired", "revoked", "unknown"])
def test_dead_links_get_a_clear_page_not_an_error(client, lagan, coordinator, committed, state):
    committed(services.invitations_send, group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    path = _accept_path(mail.outbox[0])
    invitation = Invitation.objects.get()
    if state == "expired":
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    elif state == "revoked":
        services.invitation_revoke(invitation=invitation, revoked_by=coordinator)
    else:
        path = reverse("groups:invitation_accept", kwargs={"token": "påhittad-nyckel"})

    response = client.get(path)

    expected = {
        "expired": (410, "Inbjudan gick ut"),
        "revoked": (410, "Inbjudan har återkallats"),
        "unknown": (404, "inte giltig"),
    }
    assert response.status_code == expected[state][0]
    assert expected[state][1] in response.content.decode()


@pytest.mark.django_db
def test_existing_account_is_asked_to_log_in_first(client, lagan, coordinator, committed):
    make_person(email="finns@example.se")
    committed(
        services.invitations_send, group=lagan, raw_addresses="finns@example.se", invited_by=coordinator
    )

    response = client.get(_accept_path(mail.outbox[0]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_invitation_form_reports_an_address_repeated_in_other_case(client, lagan, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:invite", kwargs={"slug": "lagan"}),
        {"addresses": "Anna@Example.se\nanna@example.se", "organisation": ""},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert list(Invitation.objects.filter(group=lagan).values_list("email", flat=True)) == ["anna@example.se"]
    assert "Fanns mer än en gång i listan (stora och små bokstäver räknas inte)" in html
    assert "<li>Rad 2: ”anna@example.se”, samma som rad 1</li>" in html


@pytest.mark.django_db
def test_invitation_help_text_names_every_separator(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("groups:invite", kwargs={"slug": "lagan"}))

    assert str(response.context["form"].fields["addresses"].help_text) == (
        "En eller flera adresser: en per rad, eller åtskilda med kommatecken, semikolon eller mellanslag. "
        "”Namn &lt;adress&gt;” går också bra."
    )


def _optgroups(html, select_name):
    """The options of a select as (optgroup label or "", [option texts]) in page order."""
    select = re.search(rf'<select name="{select_name}".*?</select>', html, re.S).group(0)
    structure = []
    for label, options in re.findall(
        r'(?:<optgroup label="([^"]*)">)?((?:\s*<option[^>]*>[^<]*</option>)+)', select
    ):
        structure.append((label, re.findall(r"<option[^>]*>([^<]*)</option>", options)))
    return structure


@pytest.mark.django_db
def test_invitee_sees_the_organisations_of_the_groups_area_first(
    client, lagan, ryssby, coordinator, committed
):
    for name, area in [
        ("Lagans AIK", lagan.area),
        ("Bolmens fiskevård", None),
        ("Ryssby IF", ryssby.area),
        ("Lagans hembygdsförening", lagan.area),
    ]:
        organisation = make_organisation(name)
        if area:
            organisation.areas.add(area)
    make_organisation("Ej bekräftad förening", confirmed=False).areas.add(lagan.area)
    committed(services.invitations_send, group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)

    response = client.get(_accept_path(mail.outbox[0]))

    assert _optgroups(response.content.decode(), "organisation") == [
        ("", ["Min organisation finns inte i listan"]),
        ("I Lagan", ["Lagans AIK", "Lagans hembygdsförening"]),
        ("Övriga", ["Bolmens fiskevård", "Ryssby IF"]),
    ]


@pytest.mark.django_db
def test_invitation_list_filters_by_status(client, coordinator, lagan):
    services.invitations_send(
        group=lagan, raw_addresses="a@example.se\nb@example.se\nc@example.se", invited_by=coordinator
    )
    a, b, c = Invitation.objects.order_by("email")
    Invitation.objects.filter(pk=b.pk).update(expires_at=timezone.now() - timedelta(days=1))
    services.invitation_revoke(invitation=c, revoked_by=coordinator)
    client.force_login(coordinator)

    def emails(status):
        page = client.get(reverse("groups:invitations"), {"status": status}).context["page"]
        return [invitation.email for invitation in page.object_list]

    assert emails("pending") == ["a@example.se"]
    assert emails("expired") == ["b@example.se"]
    assert emails("revoked") == ["c@example.se"]


@pytest.mark.django_db
def test_representative_does_not_see_former_members_contact_details(client, member, lagan):
    former = make_member(lagan, make_person("Frida Förra", "frida@example.se", phone="070-444 33 22"))
    services.membership_end(membership=former)
    client.force_login(member)

    content = client.get(
        reverse("groups:detail", kwargs={"slug": "lagan"}), {"status": "former"}
    ).content.decode()

    assert "Frida Förra" in content
    assert "frida@example.se" not in content
    assert "070-444 33 22" not in content


@pytest.mark.django_db
def test_ending_a_membership_before_the_main_contact_period_started_is_refused(client, coordinator, lagan):
    membership = make_member(lagan, start=timezone.localdate() - timedelta(days=10))
    services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:membership_end", kwargs={"pk": membership.pk}),
        {"end": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 200
    # Next to the date, which is what has to change.
    assert response.context["form"].errors == {
        "end": [
            f"{membership.person} är huvudsaklig kontaktperson sedan {timezone.localdate()}; "
            "medlemskapet kan inte avslutas före det datumet."
        ]
    }
    membership.refresh_from_db()
    assert membership.end is None
    assert services.current_main_contact(lagan).membership == membership


def test_invitation_help_text_shows_the_angle_brackets_as_text(client, coordinator):
    client.force_login(coordinator)

    page = client.get(reverse("groups:invite", kwargs={"slug": "lagan"})).content.decode()

    assert "”Namn &lt;adress&gt;” går också bra." in page
    assert "<adress>" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_invitation_list_offers_send_again_and_revoke_only_while_pending(
    client, request, lagan, coordinator, who
):
    services.invitations_send(
        group=lagan, raw_addresses="a@example.se\nb@example.se\nc@example.se", invited_by=coordinator
    )
    pending, expired, revoked = Invitation.objects.order_by("email")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    services.invitation_revoke(invitation=revoked, revoked_by=coordinator)
    client.force_login(request.getfixturevalue(who))

    content = client.get(reverse("groups:invitations")).content.decode()

    def offered(invitation):
        return [
            reverse(f"groups:invitation_{action}", kwargs={"pk": invitation.pk}) in content
            for action in ("resend", "revoke")
        ]

    assert [offered(pending), offered(expired), offered(revoked)] == [
        [True, True],
        [True, True],
        [False, False],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_group_page_offers_to_end_only_current_memberships(client, request, lagan, who):
    current = make_member(lagan)
    ended = services.membership_end(membership=make_member(lagan))
    client.force_login(request.getfixturevalue(who))

    content = client.get(
        reverse("groups:detail", kwargs={"slug": "lagan"}), {"status": "all"}
    ).content.decode()

    assert [
        reverse("groups:membership_end", kwargs={"pk": membership.pk}) in content
        for membership in (current, ended)
    ] == [True, False]


@pytest.mark.django_db
def test_group_page_query_count_for_a_representative_does_not_grow_with_members(client, member, lagan):
    client.force_login(member)
    url = reverse("groups:detail", kwargs={"slug": "lagan"})
    _fill(lagan, 10)
    few = _count_queries(client, url)

    _fill(lagan, 190)
    many = _count_queries(client, url)

    assert few == many


@pytest.mark.django_db
def test_ending_in_advance_is_refused_next_to_the_field(client, coordinator, lagan):
    membership = make_member(lagan)
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:membership_end", kwargs={"pk": membership.pk}),
        {"end": (timezone.localdate() + timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "end": ["Ett medlemskap kan inte avslutas i förväg. Välj dagens datum eller ett tidigare datum."]
    }
    membership.refresh_from_db()
    assert membership.end is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "Överlämningen kan inte dateras i framtiden."),
        (-11, "{person} blev medlem den {start}; överlämningen kan inte dateras före det."),
    ],
)
def test_hand_over_dated_where_it_cannot_be_is_refused_next_to_the_date(
    client, coordinator, lagan, days, message
):
    start = timezone.localdate() - timedelta(days=10)
    membership = make_member(lagan, start=start)
    client.force_login(coordinator)

    response = client.post(
        reverse("groups:main_contact", kwargs={"slug": "lagan"}),
        {"membership": membership.pk, "start": (timezone.localdate() + timedelta(days=days)).isoformat()},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "start": [message.format(person=membership.person, start=start)]
    }
    assert services.current_main_contact(lagan) is None
