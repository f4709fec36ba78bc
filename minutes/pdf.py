"""The archival PDF of released minutes: PDF/A-2a, so tagged for assistive technology and
with the document language, with fonts embedded from static/fonts so that it renders the
same on every machine and stays readable for as long as the archive keeps it."""

import ssl
from contextlib import suppress
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone, translation

STYLESHEET = "css/minutes-pdf.css"

# Pango sets emoji in the generic family "emoji" whatever the stylesheet says; it is the
# stylesheet's emoji font. (Every other family the PDF asks for is one of its @font-face
# rules: static/css/minutes-pdf.css.)
FONT_RULES = b"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <alias binding="same"><family>emoji</family><prefer><family>Ludgrupper Emoji</family></prefer></alias>
</fontconfig>
"""
# Where WeasyPrint finds Fontconfig, per platform (weasyprint/text/ffi.py).
FONTCONFIG_LIBRARIES = (
    "libfontconfig-1",
    "fontconfig-1",
    "fontconfig",
    "libfontconfig.so.1",
    "libfontconfig.1.dylib",
    "libfontconfig-1.dll",
)


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


@cache
def _app_font_configuration():
    """WeasyPrint's font configuration without the machine's fonts: only the stylesheet's
    @font-face fonts. The PDF is then the same on every server, and a character that none
    of them has is logged (".notdef glyph rendered") instead of being silently set in
    whatever font the machine has (a colour emoji font's glyphs are empty in a PDF)."""
    import cffi
    from weasyprint.text.ffi import ffi, fontconfig, pangoft2
    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint's declarations lack FcConfigCreate, the one call that makes an empty
    # configuration; declared on top of them, its result has WeasyPrint's FcConfig type.
    declarations = cffi.FFI()
    declarations.include(ffi)
    declarations.cdef("FcConfig * FcConfigCreate (void);")
    for name in FONTCONFIG_LIBRARIES:
        with suppress(OSError):
            library = declarations.dlopen(name)
            break
    else:
        raise ImproperlyConfigured("Fontconfig, which WeasyPrint uses, cannot be loaded.")

    class AppFontConfiguration(FontConfiguration):
        def __init__(self):
            super().__init__()
            config = library.FcConfigCreate()
            fontconfig.FcConfigParseAndLoadFromMemory(config, FONT_RULES, True)
            pangoft2.pango_fc_font_map_set_config(ffi.cast("PangoFcFontMap *", self.font_map), config)
            # The font map keeps its own reference, as in FontConfiguration.__init__.
            fontconfig.FcConfigDestroy(config)
            self._config = config

    return AppFontConfiguration


def render_minutes_pdf(*, content: dict, release: dict) -> bytes:
    """Render a version of the minutes (minutes.content) with the facts of its release."""
    return render_archival_pdf(minutes_pdf_html(content=content, release=release))


def stylesheet_url() -> str:
    """The archival PDFs' stylesheet (its @font-face fonts): other PDF documents (the yearly
    report) link it too, so that every PDF uses the same vendored fonts."""
    stylesheet = _static_file(STYLESHEET)
    if stylesheet is None:
        raise ImproperlyConfigured(f"The stylesheet of the archival PDFs, static/{STYLESHEET}, is missing.")
    return stylesheet.as_uri()


def render_archival_pdf(html: str) -> bytes:
    """Render an HTML document as PDF/A-2a (tagged) with only the app's fonts."""
    from weasyprint import HTML, URLFetcher

    stylesheet = _static_file(STYLESHEET)
    static_root = Path(str(stylesheet).removesuffix(STYLESHEET))
    # Only local files: the stylesheet, its fonts and the logo. Sanitised Markdown has no
    # images, and rendering must never reach out to the network whatever the text holds.
    # The HTTPS context is therefore never used: an empty one (it trusts no certificate)
    # spares loading the system's certificates on every rendering (some 20 ms).
    fetcher = URLFetcher(allowed_protocols={"file"}, ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
    return HTML(string=html, base_url=static_root.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/a-2a", font_config=_app_font_configuration()()
    )
