import csv
import io
import re
import shutil
import subprocess
from xml.etree import ElementTree

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from groups.models import Group
from tests.minutes.test_pdf import PDFA_ID, structure_tags
from tests.reports.conftest import YEAR, more_of_the_same

PAGES = ["reports:report", "reports:pdf", "reports:csv", "reports:xlsx"]


def get(client, user, name, year=YEAR):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name, kwargs={"year": year}))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("official", 200),
        ("elected_representative", 200),
        ("member", 403),
        ("former_member", 403),
        ("outsider", 403),
        ("superuser", 200),
    ],
)
def test_report_page_per_role(db, client, request, role, status):
    response = get(client, request.getfixturevalue(role), "reports:report")

    assert response.status_code == status


@pytest.mark.parametrize("name", PAGES)
def test_report_refuses_a_representative_every_format(client, member, name):
    assert get(client, member, name).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_report_sends_the_anonymous_to_log_in(client, name):
    response = get(client, None, name)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", PAGES)
def test_report_of_a_year_to_come_is_not_found(client, coordinator, name):
    assert get(client, coordinator, name, year=2999).status_code == 404


def test_report_of_a_year_without_data_says_so(client, coordinator):
    content = get(client, coordinator, "reports:report", year=2010).content.decode()

    assert "Det finns inga möten, förslag eller sakfrågor 2010" in content
    assert "<svg" not in content


def test_report_page_shows_the_charts_with_their_numbers(client, coordinator, year_of_data):
    content = get(client, coordinator, "reports:report").content.decode()

    assert content.count('role="img"') == 4
    assert content.count("<title id=") == 4
    assert "Hållna möten per slag, 2025 och 2024" in content
    assert "Förslag och enkätsvar per kanal, 2025 och 2024" in content
    # The chart's table: 5 suggestions in 2025, 1 in 2024.
    row = re.search(
        r'<th scope="row" class="fw-normal">Förslag som kommit in</th><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td>',
        content,
    )
    assert row is not None and row.groups() == ("5", "1")


def test_report_page_escapes_names(client, coordinator, lagan, year_of_data):
    lagan.area.name = "<script>alert(1)</script>"
    lagan.area.save()

    content = get(client, coordinator, "reports:report").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content


def test_report_links_the_year_before_while_it_has_data(client, coordinator, year_of_data):
    """2024 holds one meeting (New Year's Eve), 2023 nothing: the chain of earlier years ends
    there instead of leading back to 2000 through empty reports."""
    with_data_before = get(client, coordinator, "reports:report", year=YEAR).content.decode()
    first_year = get(client, coordinator, "reports:report", year=YEAR - 1).content.decode()

    assert 'href="/rapporter/2024/">← 2024</a>' in with_data_before
    assert 'href="/rapporter/2025/">2025 →</a>' in first_year
    assert "/rapporter/2023/" not in first_year
    assert get(client, coordinator, "reports:report", year=YEAR - 2).status_code == 200  # typed in


def test_report_latest_goes_to_the_last_full_year(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("reports:latest"))

    assert response.status_code == 302


def query_count(client, user, name):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, kwargs={"year": YEAR}))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["reports:report", "reports:csv"])
def test_report_query_count_does_not_grow_with_the_data(client, coordinator, year_of_data, name):
    groups = list(Group.objects.all())
    more_of_the_same(groups, 1)
    few = query_count(client, coordinator, name)
    more_of_the_same(groups, 4)

    assert query_count(client, coordinator, name) == few


def test_report_csv_parses_back_one_row_per_group_and_measure(client, coordinator, year_of_data):
    response = get(client, coordinator, "reports:csv")
    text = response.content.decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text), delimiter=";"))

    assert rows[0] == ["År", "Grupp", "Område", "Mått", "Värde"]
    by_key = {(row[1], row[3]): row[4] for row in rows[1:]}
    lagan = Group.objects.get(area__slug="lagan").name
    assert by_key[(lagan, "Hållna möten")] == "2"
    assert by_key[("Totalt", "Dagar till första svaret, median")] == "7"
    assert by_key[(lagan, "Dagar till första svaret, median")] == "6.5"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-2025.csv"'
    # A row for each group and measure, and the total.
    measures_count = len({row[3] for row in rows[1:]})
    assert len(rows) - 1 == (Group.objects.count() + 1) * measures_count


def test_report_exports_neutralise_formulas(client, coordinator, lagan):
    lagan.name = '=HYPERLINK("http://evil")'
    lagan.save()

    text = get(client, coordinator, "reports:csv").content.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(get(client, coordinator, "reports:xlsx").content)).active

    assert '\'=HYPERLINK("http://evil")' in [row[1] for row in csv.reader(io.StringIO(text), delimiter=";")]
    assert '\'=HYPERLINK("http://evil")' in [cell.value for cell in sheet["B"]]


def test_report_xlsx_parses_back(client, coordinator, year_of_data):
    sheet = openpyxl.load_workbook(io.BytesIO(get(client, coordinator, "reports:xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0] == ("År", "Grupp", "Område", "Mått", "Värde")
    by_key = {(row[1], row[3]): row[4] for row in rows[1:]}
    assert by_key[("Totalt", "Inkomna förslag")] == 5
    assert by_key[("Totalt", "Dagar till första svaret, 90:e percentilen")] == 20


@pytest.fixture
def report_pdf(client, coordinator, year_of_data):
    response = get(client, coordinator, "reports:pdf")
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_report_pdf_is_tagged_pdfa_2a_in_swedish(report_pdf):
    reader = PdfReader(io.BytesIO(report_pdf))
    root = reader.trailer["/Root"]
    rdf = ElementTree.fromstring(root["/Metadata"].get_object().get_data())  # noqa: S314 (rendered by the test)
    descriptions = rdf.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    identification = next(element for element in descriptions if f"{PDFA_ID}part" in element.attrib)

    assert (identification.attrib[f"{PDFA_ID}part"], identification.attrib[f"{PDFA_ID}conformance"]) == (
        "2",
        "A",
    )
    assert root["/Lang"] == "sv"
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= structure_tags(root["/StructTreeRoot"])
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Årsrapport 2025" in text
    assert "Dagar till första svaret, median" in text


def test_report_pdf_passes_qpdf_check(report_pdf, tmp_path):
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.fail("qpdf is missing; install it with: apt-get install qpdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf)

    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout + result.stderr
