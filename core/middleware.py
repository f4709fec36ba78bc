import time

from django.conf import settings
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


class SessionRefreshMiddleware:
    """A session ends SESSION_COOKIE_AGE after the last request, to within
    SESSION_REFRESH_SECONDS: a logged-in person's session is written again (its new end in the
    table and on the cookie) only once its last write is that old. Writing it on every request
    (SESSION_SAVE_EVERY_REQUEST) cost each page a transaction of its own, for an end that moved
    by seconds."""

    STAMP = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def stamp_on_login(cls, sender, request, user, **kwargs):
        """Logging in writes the session anyway: the first page after it need not."""
        session = getattr(request, "session", None)
        if session is not None:
            session[cls.STAMP] = int(time.time())

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        # Only a logged-in person's session (a logout has emptied it; a deactivated account's
        # user is anonymous), and never on a response shared caches may keep (a released PDF,
        # the brand colours): its cookie would be kept with it.
        if (
            session is not None
            and user is not None
            and user.is_authenticated
            and "public" not in response.get("Cache-Control", "")
        ):
            now = int(time.time())
            if now - session.get(self.STAMP, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.STAMP] = now  # modified: SessionMiddleware saves it and sets the cookie
        return response
