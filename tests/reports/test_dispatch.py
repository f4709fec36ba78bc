import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.models import MailAttachment, MailDelivery, OutgoingMail
from officials.models import Committee
from reports.models import ReportDispatch
from tests.reports.conftest import YEAR


@pytest.fixture
def committees(db):
    for committee in Committee.objects.all():
        committee.email = f"registrator+{committee.slug}@kommun.se"
        committee.save()
    return {committee.slug: committee for committee in Committee.objects.all()}


def send(client, user, **data):
    client.force_login(user)
    return client.post(reverse("reports:send", kwargs={"year": YEAR}), data)


def test_report_send_mails_the_pdf_to_the_committees_and_records_it(
    client, coordinator, committees, year_of_data, django_capture_on_commit_callbacks
):
    sbu = committees["samhallsbyggnadsutskottet"]

    response = send(client, coordinator, kind="yearly", committees=[sbu.pk], case_number="KS 2026/123")

    assert response.status_code == 302
    dispatch = ReportDispatch.objects.get()
    assert (dispatch.kind, dispatch.year, dispatch.quarter, dispatch.case_number) == (
        "yearly",
        2025,
        None,
        "KS 2026/123",
    )
    assert list(dispatch.committees.all()) == [sbu]
    mail = OutgoingMail.objects.get(template="report_sent")
    assert mail.subject == "Lokala utvecklingsgrupper: årsrapport 2025 (dnr KS 2026/123)"
    assert "/rapporter/2025/" in mail.text
    assert list(MailDelivery.objects.filter(mail=mail).values_list("to", flat=True)) == [sbu.email]
    attachment = MailAttachment.objects.get(mail=mail)
    assert attachment.filename == "arsrapport-2025.pdf"
    assert "Årsrapport 2025" in PdfReader(io.BytesIO(bytes(attachment.content))).pages[0].extract_text()
    page = client.get(reverse("reports:report", kwargs={"year": YEAR})).content.decode()
    assert "KS 2026/123" in page
    assert "Samhällsbyggnadsutskottet" in page


def test_report_send_quarterly_digest(client, coordinator, committees, year_of_data):
    vdn = committees["val-och-demokratinamnden"]

    send(client, coordinator, kind="quarterly", quarter="2", committees=[vdn.pk], case_number="VDN 2025/7")

    dispatch = ReportDispatch.objects.get()
    attachment = MailAttachment.objects.get()
    text = PdfReader(io.BytesIO(bytes(attachment.content))).pages[0].extract_text()
    assert (dispatch.kind, dispatch.quarter) == ("quarterly", 2)
    assert attachment.filename == "kvartalsrapport-2025-q2.pdf"
    assert "Kvartalsrapport 2025, kvartal 2" in text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "yearly", "case_number": "KS 1"}, "committees", "Välj minst en nämnd."),
        ({"kind": "yearly", "committees": ["sbu"]}, "case_number", "Ange diarienumret."),
        ({"kind": "quarterly", "committees": ["sbu"], "case_number": "KS 1"}, "quarter", "Välj kvartal."),
    ],
)
def test_report_send_refuses_what_is_missing(client, coordinator, committees, data, field, message):
    if "committees" in data:
        data["committees"] = [committees["samhallsbyggnadsutskottet"].pk]

    response = send(client, coordinator, **data)

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not ReportDispatch.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_report_send_refuses_a_committee_without_address(client, coordinator, db):
    committee = Committee.objects.get(slug="kommunstyrelsen")

    response = send(client, coordinator, kind="yearly", committees=[committee.pk], case_number="KS 1")

    assert "Kommunstyrelsen" in str(response.context["form"].non_field_errors())
    assert not ReportDispatch.objects.exists()


@pytest.mark.parametrize("role", ["official", "elected_representative", "member"])
def test_report_send_is_the_coordinators(client, request, committees, role):
    response = send(
        client,
        request.getfixturevalue(role),
        kind="yearly",
        committees=[committees["kommunstyrelsen"].pk],
        case_number="KS 1",
    )

    assert response.status_code == 403
    assert not ReportDispatch.objects.exists()
