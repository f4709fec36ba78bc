"""Site-wide views: the branding stylesheet and the error pages."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ludgrupper.context_processors import branding

logger = logging.getLogger(__name__)


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


# The error pages. Each is Swedish and in the site's layout, with a way back. Django calls
# them when DEBUG is off; they must not fail themselves.


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        # Django treats a body over DATA_UPLOAD_MAX_MEMORY_SIZE as a bad request (400);
        # it is a request too large (413), with its own explanation.
        return request_too_large(request)
    return render(request, "400.html", status=400)


def request_too_large(request):
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    return render(request, "413.html", {"limit_mb": limit_mb}, status=413)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:
        # The fault may be the database itself, which the layout reads (the user, the menu):
        # the page is then drawn from settings alone.
        logger.exception("The error page could not be drawn with the request; drawn without it.")
        return HttpResponseServerError(render_to_string("500.html", branding()))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form's security token did not match (most often the page was
    open for a long time, or the person logged in or out in another tab). Nothing was saved."""
    referer = request.headers.get("referer", "")
    same_site = url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure())
    back_url = urlsplit(referer)._replace(scheme="", netloc="").geturl() if same_site else ""
    return render(request, "csrf_failure.html", {"back_url": back_url}, status=403)
