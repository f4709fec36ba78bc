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
