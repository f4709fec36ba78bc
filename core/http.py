"""Small helpers every app's views share."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme


def user_passes(rule):
    """A view for logged-in people for whom rule(user) holds: others get the login page or a 403.
    (Being replaced by permission_required, which asks a registered rules permission.)"""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def permission_required(permission: str):
    """A view for logged-in people who have `permission` (a rules permission without an
    object, e.g. "meetings.view_year_overview"): others get the login page or a 403. For a
    permission on an object, the view loads it and calls require_permission."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_permission(request.user, permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_permission(user, permission: str, obj=None):
    """Raise PermissionDenied unless the user has the permission (on obj); returns obj."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied
    return obj


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
