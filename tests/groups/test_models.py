import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from groups.models import Area, Group, MainContactPeriod, Organisation
from groups.validators import validate_organisation_number
from tests.conftest import make_member, make_organisation


@pytest.mark.django_db
def test_seeded_areas_have_names_kinds_and_slugs():
    areas = {area.slug: (area.name, area.kind) for area in Area.objects.all()}

    assert areas == {
        "agunnaryd": ("Agunnaryd", Area.Kind.SERVICE_TOWN),
        "hamneda": ("Hamneda", Area.Kind.SERVICE_TOWN),
        "lagan": ("Lagan", Area.Kind.SERVICE_TOWN),
        "lidhult": ("Lidhult", Area.Kind.SERVICE_TOWN),
        "ryssby": ("Ryssby", Area.Kind.SERVICE_TOWN),
        "bolmens-ostra-strand": ("Bolmens östra strand", Area.Kind.DEVELOPMENT_AREA),
    }


@pytest.mark.django_db
def test_every_seeded_area_has_one_active_group():
    assert Group.objects.filter(active=True).count() == 6
    assert sorted(Group.objects.values_list("area__slug", flat=True)) == sorted(
        Area.objects.values_list("slug", flat=True)
    )


@pytest.mark.django_db
def test_departments_and_committees_are_seeded():
    from officials.models import Committee, Department

    assert sorted(Department.objects.values_list("name", flat=True)) == [
        "Friluftsliv och fritidsanläggningar",
        "Föreningsliv",
        "Gatu- och trafikfrågor",
        "Kulturverksamhet",
        "Landsbygdsutveckling",
        "Park- och skötselfrågor",
    ]
    assert sorted(Committee.objects.values_list("name", flat=True)) == [
        "Kommunstyrelsen",
        "Samhällsbyggnadsutskottet",
        "Val- och demokratinämnden",
    ]


@pytest.mark.parametrize("number", ["802000-1239", "8020001239", "556036-0793", "212000-0142"])
def test_valid_organisation_numbers_pass(number):
    validate_organisation_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("802000-1234", "organisation_number_checksum"),
        ("556036-0794", "organisation_number_checksum"),
        ("80200012", "organisation_number_format"),
        ("80200012399", "organisation_number_format"),
        ("80200A-1237", "organisation_number_format"),
    ],
)
def test_invalid_organisation_numbers_get_a_clear_error(number, code):
    with pytest.raises(ValidationError) as raised:
        validate_organisation_number(number)

    assert raised.value.code == code


@pytest.mark.django_db
def test_organisation_number_is_stored_as_ten_digits_and_shown_with_hyphen():
    organisation = Organisation(
        name="Lagans AIK", kind=Organisation.Kind.ASSOCIATION, organisation_number="802000-1239"
    )
    organisation.full_clean()
    organisation.save()

    organisation.refresh_from_db()
    assert organisation.organisation_number == "8020001239"
    assert organisation.organisation_number_display == "802000-1239"


@pytest.mark.django_db
def test_database_allows_only_one_current_main_contact_per_group(lagan):
    first = make_member(lagan, organisation=make_organisation(kind=Organisation.Kind.COMMUNITY_ASSOCIATION))
    second = make_member(lagan)
    MainContactPeriod.objects.create(group=lagan, membership=first)

    # SQLite names the columns, PostgreSQL the constraint.
    with (
        pytest.raises(
            IntegrityError,
            match=r"UNIQUE constraint failed: groups_maincontactperiod\.group_id|one_current_main_contact_per_group",
        ),
        transaction.atomic(),
    ):
        MainContactPeriod.objects.create(group=lagan, membership=second)

    assert MainContactPeriod.objects.filter(group=lagan, end__isnull=True).count() == 1


@pytest.mark.django_db
def test_ended_main_contact_periods_do_not_count_against_the_constraint(lagan):
    first = make_member(lagan)
    second = make_member(lagan)
    MainContactPeriod.objects.create(group=lagan, membership=first, end="2026-01-01", start="2025-01-01")
    MainContactPeriod.objects.create(group=lagan, membership=second)

    assert MainContactPeriod.objects.filter(group=lagan).count() == 2


@pytest.mark.django_db
def test_database_refuses_a_second_current_membership_in_the_same_group(lagan):
    membership = make_member(lagan)
    from groups.models import Membership

    with (
        pytest.raises(
            IntegrityError,
            match=r"UNIQUE constraint failed: groups_membership\.person_id, groups_membership\.group_id"
            r"|one_current_membership_per_person_and_group",
        ),
        transaction.atomic(),
    ):
        Membership.objects.create(group=lagan, person=membership.person, organisation=membership.organisation)


@pytest.mark.django_db
def test_organisation_names_are_unique_regardless_of_case():
    make_organisation("Lagans AIK")

    with pytest.raises(IntegrityError, match="organisation_name_unique"), transaction.atomic():
        Organisation.objects.create(name="LAGANS aik")
