import io

from django.urls import reverse
from pypdf import PdfReader

from participation import posters


def _text(response) -> str:
    # Long lines wrap on the poster; the text is read back as one line.
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace(
        "\n", ""
    )


def test_the_suggestion_box_poster_is_an_a4_pdf_with_the_short_address(client, lagan, settings):
    settings.SITE_URL = "https://ludgrupper.ljungby.se"

    response = client.get(reverse("participation:suggestion_box_poster", args=["lagan"]))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = _text(response)
    assert "Förslagslåda för Lagan" in text
    assert "ludgrupper.ljungby.se/omraden/lagan/forslagslada/" in text


def test_the_survey_poster_escapes_the_title(client, survey):
    survey.title = "<b>Trygghet</b> & mer"
    survey.save()

    response = client.get(reverse("participation:survey_poster", args=[survey.pk]))

    assert "<b>Trygghet</b> & mer" in _text(response)


def test_the_qr_code_is_an_svg_of_the_address():
    svg = posters.qr_svg("https://example.se/enkat/1/")

    assert svg.startswith("<svg")
    assert "<path" in svg
