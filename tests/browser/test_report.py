"""The yearly report in Chromium: the coordinator opens it, looks at the charts, downloads the
PDF and sends it to samhällsbyggnadsutskottet; an elected representative logs in and reads it.

axe-core checks every page on the way; the Nu HTML checker judges them at the end."""

import pytest
from playwright.sync_api import expect

from officials.models import Committee
from reports.models import ReportDispatch
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import expect_success, log_in
from tests.reports.conftest import YEAR, year_of_data  # noqa: F401 (a fixture)

REPORT_PATH = f"/rapporter/{YEAR}/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_sends_the_report_and_an_elected_representative_reads_it(
    live_server,
    settings,
    new_page,
    coordinator,
    elected_representative,
    year_of_data,  # noqa: F811
):
    settings.SITE_URL = live_server.url
    Committee.objects.filter(slug="samhallsbyggnadsutskottet").update(email="sbu@kommun.se")

    # The coordinator opens the report: four charts, each with its table.
    page = new_page()
    log_in(page, live_server.url, coordinator, REPORT_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Årsrapport {YEAR}")
    charts = page.locator("main svg[role=img]")
    expect(charts).to_have_count(4)
    for index in range(4):
        expect(charts.nth(index)).to_be_visible()
    expect(page.get_by_role("img", name=f"Hållna möten per slag, {YEAR} och {YEAR - 1}")).to_be_visible()
    expect(page.locator("main figure table")).to_have_count(4)

    # The PDF downloads.
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned som PDF").click()
    pdf = download.value
    assert pdf.suggested_filename == f"rapport-{YEAR}.pdf"
    with open(pdf.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    # Sent to samhällsbyggnadsutskottet with a case number; the page lists the dispatch.
    page.get_by_role("link", name="Skicka till nämnder").click()
    page.wait_for_url(f"{live_server.url}/rapporter/{YEAR}/skicka/")
    assert_no_axe_violations(page)
    page.get_by_label("Samhällsbyggnadsutskottet").check()
    page.get_by_label("Diarienummer").fill("KS 2026/123")
    page.get_by_role("button", name="Skicka rapporten").click()
    page.wait_for_url(f"{live_server.url}{REPORT_PATH}")
    expect_success(page, "Rapporten skickades")
    expect(page.locator("#dispatches-heading + ul")).to_contain_text("KS 2026/123")
    expect(page.locator("#dispatches-heading + ul")).to_contain_text("Samhällsbyggnadsutskottet")
    assert_no_axe_violations(page)
    assert ReportDispatch.objects.get().case_number == "KS 2026/123"

    # An elected representative logs in and reads it, without the button to send it.
    page = new_page()
    log_in(page, live_server.url, elected_representative, REPORT_PATH)
    expect(page.locator("main svg[role=img]")).to_have_count(4)
    expect(page.get_by_role("link", name="Skicka till nämnder")).to_have_count(0)
    expect(page.locator("#dispatches-heading + ul")).to_contain_text("KS 2026/123")
