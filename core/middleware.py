from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
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


class AdminRejectsNullCharactersMiddleware:
    """The admin's searches and list filters pass their query string to the database as it
    is, and PostgreSQL refuses a NUL character in any text: a server error. In the admin such
    a request is bad (400), answered before the admin sees it. (The app's own filter and
    search forms refuse NUL themselves, with a message next to the field.)"""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("admin:index")
        if request.path.startswith(self.prefix) and any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("NUL character in an admin query string")
        return self.get_response(request)
