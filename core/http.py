"""Small helpers every app's views share."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme


def user_passes(rule):
    """A view for logged-in people for whom rule(user) holds: others get the login page or a 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def query_without(request, parameter) -> str:
    """The current query string without one parameter: for pagination links."""
    query = request.GET.copy()
    query.pop(parameter, None)
    return query.urlencode()


def safe_next_url(request) -> str:
    """The page to go back to (?next=, or a posted next), if it is one of ours; else ""."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""
