import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import IntegrityError
from django.urls import reverse

from finance import services
from finance.errors import FinanceError
from finance.models import BudgetReferral
from issues import services as issue_services
from issues.models import Issue
from officials.models import Committee, Department
from tests.conftest import ROLES

Outcome = BudgetReferral.Outcome


@pytest.fixture
def sbu(db):
    return Committee.objects.get(slug="samhallsbyggnadsutskottet")


@pytest.fixture
def budget_issue(lagan, coordinator, sbu):
    issue = issue_services.issue_create(
        group=lagan,
        title="Ny brygga vid badplatsen",
        by=coordinator,
        department=Department.objects.get(slug="park-och-skotselfragor"),
        committee=sbu,
    )
    return issue_services.issue_change_status(
        issue=issue, status=Issue.Status.REFERRED_TO_BUDGET, by=coordinator
    )


@pytest.fixture
def referral(budget_issue, coordinator, sbu):
    return services.budget_referral_set(
        issue=budget_issue,
        estimated_amount=Decimal("250000.00"),
        budget_year=2027,
        committee=sbu,
        by=coordinator,
    )


# Who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_manage_budget_referral_by_role(request, budget_issue, role):
    # The coordinator, or an official of the department responsible (parks).
    allowed = {"coordinator", "superuser", "official"}

    assert request.getfixturevalue(role).has_perm("finance.manage_budget_referral", budget_issue) is (
        role in allowed
    )


@pytest.mark.parametrize("role", ROLES)
def test_view_budget_referrals_by_role(db, request, role):
    allowed = {"coordinator", "superuser", "official", "street_official"}

    assert request.getfixturevalue(role).has_perm("finance.view_budget_referrals") is (role in allowed)


def test_manage_budget_referral_needs_the_issue_referred_to_budget(lagan, coordinator, sbu):
    issue = issue_services.issue_create(group=lagan, title="Fråga", by=coordinator, committee=sbu)

    assert coordinator.has_perm("finance.manage_budget_referral", issue) is False
    with pytest.raises(FinanceError, match="Bara en sakfråga som remitterats till budgetprocessen"):
        services.budget_referral_set(
            issue=issue, estimated_amount=Decimal(1), budget_year=2027, committee=sbu, by=coordinator
        )


# Services ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "amount", "expected_amount"),
    [
        (Outcome.INCLUDED, None, Decimal("250000.00")),
        (Outcome.INCLUDED, Decimal("240000"), Decimal("240000")),
        (Outcome.NOT_INCLUDED, Decimal("5"), None),
        (Outcome.PARTLY, Decimal("100000.50"), Decimal("100000.50")),
    ],
)
def test_budget_referral_decide(referral, coordinator, outcome, amount, expected_amount):
    decided = services.budget_referral_decide(
        referral=referral, outcome=outcome, amount=amount, note="Beslut i KF", by=coordinator
    )

    assert (decided.outcome, decided.outcome_amount, decided.is_decided) == (outcome, expected_amount, True)


@pytest.mark.parametrize(
    ("amount", "message"),
    [(None, "Ange beloppet som togs med"), (Decimal("250000"), "Delvis medtagen är mindre än")],
)
def test_budget_referral_decide_partly_needs_a_smaller_amount(referral, coordinator, amount, message):
    with pytest.raises(FinanceError, match=message):
        services.budget_referral_decide(
            referral=referral, outcome=Outcome.PARTLY, amount=amount, by=coordinator
        )


def test_budget_referral_estimate_is_never_negative_in_the_database(referral):
    with pytest.raises(IntegrityError):
        BudgetReferral.objects.filter(pk=referral.pk).update(estimated_amount=Decimal("-1"))


# Pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("-5", "Beloppet kan inte vara negativt."),
        ("mycket", "Skriv beloppet som ett tal"),
        ("12,345", "högst två decimaler"),
        ("<script>alert(1)</script>", "Skriv beloppet som ett tal"),
    ],
)
def test_referral_set_refuses_a_bad_amount_next_to_the_field(
    client, coordinator, budget_issue, sbu, amount, error
):
    client.force_login(coordinator)

    response = client.post(
        reverse("finance:referral_set", kwargs={"pk": budget_issue.pk}),
        {"estimated_amount": amount, "budget_year": "2027", "committee": sbu.pk},
    )

    assert response.status_code == 200
    assert error in str(response.context["form"].errors["estimated_amount"])
    assert not BudgetReferral.objects.exists()
    assert "<script>alert(1)" not in response.content.decode()


def test_referral_set_reads_a_swedish_amount(client, coordinator, budget_issue, sbu):
    client.force_login(coordinator)

    response = client.post(
        reverse("finance:referral_set", kwargs={"pk": budget_issue.pk}),
        {"estimated_amount": "125000,50", "budget_year": "2027", "committee": sbu.pk},
    )

    assert response.status_code == 302
    assert BudgetReferral.objects.get().estimated_amount == Decimal("125000.50")


def test_issue_page_shows_the_referral(client, member, referral, coordinator):
    services.budget_referral_decide(
        referral=referral, outcome=Outcome.PARTLY, amount=Decimal("100000"), by=coordinator
    )
    client.force_login(member)

    content = client.get(referral.issue.get_absolute_url()).content.decode()

    assert "Budgetremiss" in content
    assert "250\xa0000,00 kr" in content or "250 000,00 kr" in content
    assert "Delvis medtagen" in content
    assert reverse("finance:referral_decide", kwargs={"pk": referral.issue.pk}) not in content


def test_referral_decide_by_a_representative_is_refused(client, member, referral):
    client.force_login(member)

    response = client.post(
        reverse("finance:referral_decide", kwargs={"pk": referral.issue.pk}), {"outcome": Outcome.INCLUDED}
    )

    assert response.status_code == 403


def test_referral_exports_parse_back(client, official, referral, coordinator, sbu):
    referral.issue.title = "=cmd|' /C calc'!A0"
    referral.issue.save()
    client.force_login(official)

    text = client.get(reverse("finance:csv", kwargs={"year": 2027}), {"namnd": sbu.slug}).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("finance:xlsx", kwargs={"year": 2027})).content)
    ).active
    other_committee = client.get(reverse("finance:csv", kwargs={"year": 2027}), {"namnd": "kommunstyrelsen"})

    assert rows[0][:5] == ["Budgetår", "Nämnd", "Grupp", "Sakfråga", "Uppskattat belopp (kr)"]
    assert rows[1][:6] == [
        "2027",
        sbu.name,
        referral.issue.group.name,
        "'=cmd|' /C calc'!A0",
        "250000.00",
        "Avvaktar",
    ]
    assert list(sheet.iter_rows(values_only=True))[1][3] == "'=cmd|' /C calc'!A0"
    assert len(list(csv.reader(io.StringIO(other_committee.content.decode("utf-8-sig")), delimiter=";"))) == 1
