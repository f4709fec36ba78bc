import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import OutgoingMail
from finance import services
from finance.errors import FinanceError
from finance.forms import MAX_ATTACHMENT_BYTES
from finance.models import FundApplication, FundAttachment, VillageFund
from groups.models import Area
from tests.conftest import make_member, make_organisation, make_person

Status = FundApplication.Status
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def fund(db):
    fund = VillageFund.objects.create(
        name="Lagans bygdefond", yearly_amount=Decimal("100000"), rules_text="**Regler**"
    )
    fund.areas.set(Area.objects.filter(slug="lagan"))
    return fund


@pytest.fixture
def association(lagan):
    return make_organisation("Lagans hembygdsförening")


@pytest.fixture
def applicant(lagan, association):
    return make_member(lagan, make_person("Astrid Sökande", "astrid@example.se"), association).person


def apply(fund, applicant, association, amount="40000", **extra):
    return services.fund_application_submit(
        fund=fund,
        organisation=association,
        applicant=applicant,
        title=extra.pop("title", "Ny lekplats"),
        purpose="Barnen behöver en lekplats.",
        amount=Decimal(amount),
        budget="Gungor 20000\nSand 20000",
        **extra,
    )


def decide(application, status, by, amount=None):
    return services.fund_application_decide(
        application=application,
        status=status,
        granted_amount=Decimal(amount) if amount else None,
        decision_date=date(2026, 5, 1),
        case_number="KS 2026/77",
        report_due=date(2027, 3, 1),
        by=by,
    )


def test_fund_application_goes_through_every_state(fund, applicant, association, coordinator):
    application = apply(fund, applicant, association)
    application = decide(application, Status.PARTLY_GRANTED, coordinator, amount="30000")
    assert (application.status, application.granted_amount) == (Status.PARTLY_GRANTED, Decimal("30000"))
    assert services.fund_remaining(fund, application.year) == Decimal("70000")

    application = services.fund_application_report(
        application=application, text="Lekplatsen byggdes.", by=applicant
    )

    assert application.status == Status.REPORTED
    assert services.fund_remaining(fund, application.year) == Decimal("70000")


def test_fund_application_with_the_same_form_token_is_stored_once(fund, applicant, association):
    token = uuid.uuid4()
    files = [("budget.pdf", PDF)]

    first, second = (apply(fund, applicant, association, files=files, form_token=token) for _ in range(2))

    assert first.pk == second.pk
    assert FundApplication.objects.count() == 1
    assert FundAttachment.objects.count() == 1
    assert services.fund_remaining(fund, first.year) == Decimal("100000")


def test_the_same_form_token_from_another_applicant_is_a_new_application(fund, applicant, association, lagan):
    other = make_member(lagan, make_person("Bertil Sökande"), association).person
    token = uuid.uuid4()

    first = apply(fund, applicant, association, form_token=token)
    second = apply(fund, other, association, form_token=token)

    assert first.pk != second.pk
    assert FundApplication.objects.count() == 2


def test_fund_application_over_the_remaining_amount_is_refused(fund, applicant, association, coordinator):
    decide(apply(fund, applicant, association, "80000"), Status.GRANTED, coordinator)

    with pytest.raises(FinanceError, match="mer än vad som finns kvar i fonden i år \\(20\xa0000,00 kr\\)"):
        apply(fund, applicant, association, "20000.01")


def test_fund_application_by_an_association_of_another_area_is_refused(fund, ryssby, association):
    outsider = make_member(ryssby, make_person(), association).person

    with pytest.raises(FinanceError, match="Bara en representant"):
        apply(fund, outsider, association)


def test_fund_application_refused_cannot_be_reported(fund, applicant, association, coordinator):
    application = decide(apply(fund, applicant, association), Status.REFUSED, coordinator)

    with pytest.raises(FinanceError, match="Bara en beviljad ansökan"):
        services.fund_application_report(application=application, text="x", by=applicant)
    assert application.granted_amount is None


def test_fund_reminders_once_before_the_due_date(fund, applicant, association, coordinator):
    decide(apply(fund, applicant, association), Status.GRANTED, coordinator)

    assert services.fund_report_reminders(today=date(2027, 1, 1)) == 0
    assert services.fund_report_reminders(today=date(2027, 2, 20)) == 1
    assert services.fund_report_reminders(today=date(2027, 2, 21)) == 0
    assert (
        OutgoingMail.objects.get(template="fund_report_reminder").subject == "Redovisning senast: Ny lekplats"
    )


# Pages ------------------------------------------------------------------------------------


def post_application(client, applicant, fund, association, files, amount="1000"):
    client.force_login(applicant)
    return client.post(
        reverse("finance:apply", kwargs={"pk": fund.pk}),
        {
            "organisation": association.pk,
            "title": "<script>alert(1)</script>",
            "purpose": "Syfte",
            "amount": amount,
            "budget": "Allt 1000",
            "files": files,
        },
    )


def test_apply_page_stores_the_pdfs(client, fund, applicant, association):
    response = post_application(client, applicant, fund, association, [SimpleUploadedFile("budget.pdf", PDF)])

    application = FundApplication.objects.get()
    assert response.status_code == 302
    assert bytes(application.attachments.get().content) == PDF
    page = client.get(application.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_apply_page_sent_twice_stores_one_application_and_thanks_both_times(
    client, fund, applicant, association
):
    client.force_login(applicant)
    url = reverse("finance:apply", kwargs={"pk": fund.pk})
    token = client.get(url).context["form"]["form_token"].value()

    responses = [
        client.post(
            url,
            {
                "organisation": association.pk,
                "title": "Ny lekplats",
                "purpose": "Syfte",
                "amount": "1000",
                "budget": "Allt 1000",
                "files": [SimpleUploadedFile("budget.pdf", PDF)],
                "form_token": token,
            },
            follow=True,
        )
        for _ in range(2)
    ]

    application = FundApplication.objects.get()
    assert [response.redirect_chain for response in responses] == [
        [(application.get_absolute_url(), 302)]
    ] * 2
    assert all("Tack! Ansökan skickades till samordnaren." in response.text for response in responses)
    assert application.attachments.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"), "virus.pdf är inte en PDF."),
        (SimpleUploadedFile("stor.pdf", PDF + b"0" * MAX_ATTACHMENT_BYTES), "stor.pdf är större än 10 MB."),
    ],
)
def test_apply_page_refuses_a_bad_attachment_before_storing(
    client, fund, applicant, association, upload, message
):
    response = post_application(client, applicant, fund, association, [upload])

    assert response.status_code == 200
    assert message in str(response.context["form"].errors["files"])
    assert not FundApplication.objects.exists()
    assert not FundAttachment.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"), [("-1", "negativt"), ("tio", "Skriv beloppet"), ("1,005", "två decimaler")]
)
def test_apply_page_refuses_a_bad_amount(client, fund, applicant, association, amount, message):
    response = post_application(client, applicant, fund, association, [], amount=amount)

    assert message in str(response.context["form"].errors["amount"])
    assert not FundApplication.objects.exists()


def test_apply_page_is_refused_to_those_without_an_association_of_the_area(
    client, fund, other_member, official
):
    for user in (other_member, official):
        client.force_login(user)
        assert client.get(reverse("finance:apply", kwargs={"pk": fund.pk})).status_code == 403


def test_application_page_is_refused_to_another_association(client, fund, applicant, association, member):
    application = apply(fund, applicant, association)
    client.force_login(member)

    assert client.get(application.get_absolute_url()).status_code == 403


def test_area_page_shows_granted_projects_publicly(client, fund, applicant, association, coordinator, lagan):
    decide(apply(fund, applicant, association), Status.GRANTED, coordinator)
    apply(fund, applicant, association, "100", title="Väntande projekt")

    content = client.get(reverse("pages:area", kwargs={"slug": "lagan"})).content.decode()

    assert (
        "Ny lekplats, Lagans hembygdsförening: 40\xa0000 kr" in content
        or "Ny lekplats, Lagans hembygdsförening: 40 000 kr" in content
    )
    assert "Väntande projekt" not in content


def test_coordinator_decides_on_the_application_page(client, fund, applicant, association, coordinator):
    application = apply(fund, applicant, association)
    client.force_login(coordinator)

    response = client.post(
        application.get_absolute_url(),
        {
            "decide": "1",
            "status": "granted",
            "decision_date": "2026-05-01",
            "case_number": "KS 1",
            "report_due": "2027-03-01",
        },
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.granted_amount) == (Status.GRANTED, Decimal("40000"))


def test_personal_data_exports_and_erases_the_applicant(fund, applicant, association):
    from core import personal_data

    application = apply(fund, applicant, association)
    export = next(entry for entry in personal_data.exports() if entry.key == "finance.fund_applications")
    erasure = next(entry for entry in personal_data.erasures() if entry.key == "finance.fund_applications")

    assert export.collect(applicant)[0]["project"] == "Ny lekplats"
    assert erasure.erase(applicant) == 1
    application.refresh_from_db()
    assert application.applicant is None


# The list of funds and applications -----------------------------------------------------


def _fund_list(client, person):
    client.force_login(person)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("finance:funds"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split()), len(queries)


def test_fund_list_shows_what_is_left_and_whom_it_lets_apply(
    client, fund, applicant, association, coordinator, member
):
    other = VillageFund.objects.create(name="Ryssby bygdefond", yearly_amount=Decimal("50000"))
    other.areas.set(Area.objects.filter(slug="ryssby"))
    application = apply(fund, applicant, association, "30000")
    decide(application, Status.GRANTED, coordinator)
    apply(fund, applicant, association, "10000", title="Ny bänk")  # not decided: not counted

    html, _queries = _fund_list(client, applicant)

    lagan_part = html[html.index("Lagans bygdefond") : html.index("Ryssby bygdefond")]
    assert f"100 000 kr per år, 70 000 kr kvar {application.year}" in lagan_part
    assert reverse("finance:apply", args=[fund.pk]) in html
    assert reverse("finance:apply", args=[other.pk]) not in html


def test_fund_list_pages_the_applications_and_its_queries_do_not_grow(
    client, fund, applicant, association, coordinator, monkeypatch
):
    from finance import views

    monkeypatch.setattr(views, "APPLICATIONS_PER_PAGE", 2)
    apply(fund, applicant, association, "1000", title="Ansökan 0")
    _html, few = _fund_list(client, coordinator)
    for number in range(1, 5):
        decide(
            apply(fund, applicant, association, "1000", title=f"Ansökan {number}"),
            Status.GRANTED,
            coordinator,
        )
        extra = VillageFund.objects.create(name=f"Fond {number}", yearly_amount=Decimal("1000"))
        extra.areas.set(Area.objects.filter(slug__in=["lagan", "ryssby"]))

    html, many = _fund_list(client, coordinator)

    assert few == many
    assert "Sida 1 av 3" in html
    assert ["Ansökan 4" in html, "Ansökan 3" in html, "Ansökan 2" in html] == [True, True, False]
