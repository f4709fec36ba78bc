"""Site-wide views: branding stylesheet and the error pages."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


def _shade(hex_colour: str, factor: float) -> str:
    """Darken a #rrggbb colour by factor (0..1): hover and active states of the brand colour."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(channel * (1 - factor)) for channel in (red, green, blue)))


def _rgb(hex_colour: str) -> str:
    return ", ".join(str(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))


@require_GET
@cache_control(max_age=3600, public=True)
def brand_css(request):
    """The municipality's colour as CSS, so that branding needs no inline style (CSP)."""
    primary = settings.PRIMARY_COLOR.lower()
    darker = _shade(primary, 0.3)
    context = {
        "primary": primary,
        "primary_dark": _shade(primary, 0.15),
        "primary_darker": darker,
        # Bootstrap 5.3 colours links through these rgb triplets.
        "primary_rgb": _rgb(primary),
        "primary_darker_rgb": _rgb(darker),
    }
    return render(request, "brand.css", context, content_type="text/css; charset=utf-8")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
