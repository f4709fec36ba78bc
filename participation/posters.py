"""A4 posters for the village shop, the community hall and the school: a suggestion box or a
survey, its short address and a QR code to it. Rendered with WeasyPrint and the fonts that
ship with the app (as the minutes PDF), the QR code drawn by segno as inline SVG."""

import ssl
from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

from minutes.pdf import _app_font_configuration, _static_file

STYLESHEET = "css/poster-pdf.css"


def qr_svg(url: str) -> str:
    """The QR code of the address as an SVG element (error correction M: a poster gets worn)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=10, border=2, omitsize=True)


def poster_html(*, heading: str, text: str, url: str) -> str:
    stylesheet = _static_file(STYLESHEET)
    if stylesheet is None:
        raise ImproperlyConfigured(f"The stylesheet of the posters, static/{STYLESHEET}, is missing.")
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "participation/poster.html",
            {
                "heading": heading,
                "text": text,
                "url": url,
                "short_url": url.removeprefix("https://").removeprefix("http://"),
                "qr": qr_svg(url),
                "municipality_name": settings.MUNICIPALITY_NAME,
                "stylesheet_url": stylesheet.as_uri(),
            },
        )


def render_poster(*, heading: str, text: str, url: str) -> bytes:
    from weasyprint import HTML, URLFetcher

    html = poster_html(heading=heading, text=text, url=url)
    stylesheet = _static_file(STYLESHEET)
    static_root = Path(str(stylesheet).removesuffix(STYLESHEET))
    # Only the app's own files (the stylesheet and its fonts); never the network.
    fetcher = URLFetcher(allowed_protocols={"file"}, ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
    return HTML(string=html, base_url=static_root.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        font_config=_app_font_configuration()()
    )
