"""The archival PDF of released minutes: PDF/A-2a, so tagged for assistive technology and
with the document language, with fonts embedded from static/fonts so that it renders the
same on every machine and stays readable for as long as the archive keeps it."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone, translation

STYLESHEET = "css/minutes-pdf.css"


def _static_file(path: str) -> Path | None:
    found = finders.find(path) if path else None
    return Path(found) if found else None


def minutes_pdf_html(*, content: dict, release: dict) -> str:
    """The HTML document the PDF is made from, in the municipality's language."""
    stylesheet = _static_file(STYLESHEET)
    if stylesheet is None:
        raise ImproperlyConfigured(f"The stylesheet of the minutes PDF, static/{STYLESHEET}, is missing.")
    # Without its logo file the letterhead still carries the municipality's name.
    logo = _static_file(settings.MUNICIPALITY_LOGO)
    released_at = release.get("released_at")
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "minutes/pdf.html",
            {
                "content": content,
                "release": release,
                "municipality_name": settings.MUNICIPALITY_NAME,
                "primary_color": settings.PRIMARY_COLOR,
                "logo_url": logo.as_uri() if logo else "",
                "stylesheet_url": stylesheet.as_uri(),
                # The PDF's creation date is the release, so that a PDF rendered again is the same record.
                "created": (
                    timezone.localtime(released_at).replace(microsecond=0).isoformat() if released_at else ""
                ),
            },
        )


def render_minutes_pdf(*, content: dict, release: dict) -> bytes:
    """Render a version of the minutes (minutes.content) with the facts of its release."""
    from weasyprint import HTML, URLFetcher

    html = minutes_pdf_html(content=content, release=release)
    stylesheet = _static_file(STYLESHEET)
    static_root = Path(str(stylesheet).removesuffix(STYLESHEET))
    # Only local files: the stylesheet, its fonts and the logo. Sanitised Markdown has no
    # images, and rendering must never reach out to the network whatever the text holds.
    fetcher = URLFetcher(allowed_protocols={"file"})
    return HTML(string=html, base_url=static_root.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/a-2a"
    )
