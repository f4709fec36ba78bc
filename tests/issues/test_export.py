"""The issue register's export: CSV and XLSX with the list's filters, read back; formulas
neutralised; for the municipality's people only."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from issues import services
from issues.export import neutralise
from issues.models import Issue
from tests.issues.test_services import STREETS, department, make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(lagan, coordinator):
    make_issue(lagan, by=coordinator, title='=HYPERLINK("http://evil.example","klicka")')
    streets = make_issue(lagan, by=coordinator, title="Gatlampor", department_slug=STREETS)
    services.issue_update_add(issue=streets, text="Beställt.", by=coordinator)
    return streets


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_has_the_filtered_rows_with_the_latest_update(client, coordinator, register):
    client.force_login(coordinator)

    response = client.get(
        reverse("issues:export", kwargs={"file_format": "csv"}), {"department": department(STREETS).pk}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="sakfragor-')
    header, *rows = _csv_rows(response)
    assert header[:2] == ["Nummer", "Titel"]
    assert [(row[1], row[10]) for row in rows] == [("Gatlampor", "Beställt.")]


def test_xlsx_export_reads_back_with_formulas_neutralised(client, coordinator, register):
    client.force_login(coordinator)

    response = client.get(reverse("issues:export", kwargs={"file_format": "xlsx"}))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(["Gatlampor", '\'=HYPERLINK("http://evil.example","klicka")'])
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_every_formula_start(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


def test_neutralise_leaves_plain_text():
    assert (neutralise("Gatlampor"), neutralise(None), neutralise(12)) == ("Gatlampor", "", "12")


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_export_is_refused_to_everyone_but_the_municipalitys_people(client, request, register, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("issues:export", kwargs={"file_format": "csv"})).status_code == 403


def test_export_in_an_unknown_format_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("issues:export", kwargs={"file_format": "pdf"})).status_code == 404


def test_export_query_count_does_not_grow(client, coordinator, lagan, django_assert_max_num_queries):
    for number in range(30):
        make_issue(lagan, by=coordinator, title=f"Fråga {number}")
    client.force_login(coordinator)

    # session, user, role groups, the official's departments, the years, the issues with
    # what the rows show and the latest update
    with django_assert_max_num_queries(9):
        client.get(reverse("issues:export", kwargs={"file_format": "csv"}))
    assert Issue.objects.count() == 30
