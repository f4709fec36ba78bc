"""Small helpers every app's views share."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.utils.http import url_has_allowed_host_and_scheme

from core.errors import DomainError
from core.forms import show_model_errors


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


def paginate(request, queryset, per_page: int) -> dict:
    """One page of a list (?sida=N; a page number out of range shows the nearest page), with
    the current query string for the pagination links: the context of includes/pagination.html."""
    return {
        "page": Paginator(queryset, per_page).get_page(request.GET.get("sida")),
        "query_without_page": query_without(request, "sida"),
    }


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


def submit_form(request, form, action, success_message):
    """Validate the form and run the action (a service) with its data. A refusal (a domain
    error, or the model's rules should the data have changed meanwhile) becomes an error on the
    form, so that nothing typed is lost. success_message is a text, or a function of the
    action's result. Returns the action's result (True for None) when it ran, else None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except DomainError as error:
        form.add_error(None, ValidationError(error.message, code=error.code or None))
        return None
    except ValidationError as error:
        show_model_errors(form, error)
        return None
    messages.success(request, success_message(result) if callable(success_message) else success_message)
    return result if result is not None else True
