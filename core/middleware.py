from django.core.exceptions import SuspiciousOperation
from django.utils.cache import patch_cache_control


class PrivatePagesNotCachedMiddleware:
    """Everything shown to a logged-in person may hold contact details or drafts: no browser
    cache, proxy or shared computer keeps a copy (`Cache-Control: no-store, private`). A view
    that knows its response is public and immutable says so itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response


class RejectNullCharactersMiddleware:
    """A NUL character has no business in an address or a query string; PostgreSQL refuses it
    in any text and would turn a search or a filter into a server error. Such a request is
    bad (400), answered before any view or the admin sees it. Forms reject NUL in posted
    fields themselves, with a message next to the field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("NUL character in the request's address")
        return self.get_response(request)
