from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from accounts.rules import is_coordinator
from officials.rules import is_staff_member


def branding() -> dict:
    """What every page shows of the municipality, from settings alone: the error pages draw
    it even when the database is unreachable."""
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_LOGO": settings.MUNICIPALITY_LOGO,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
    }


def site(request):
    # A request refused before AuthenticationMiddleware ran (a bad Host header) has no user.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        **branding(),
        # Lazy: asked only by pages that show the navigation.
        "nav_is_coordinator": SimpleLazyObject(lambda: is_coordinator(user)),
        "nav_is_staff": SimpleLazyObject(lambda: is_staff_member(user)),
        "nav_is_elected": SimpleLazyObject(lambda: user.has_perm("groups.follow_areas")),
        "nav_sees_reports": SimpleLazyObject(lambda: user.has_perm("reports.view_report")),
        "nav_sees_funds": SimpleLazyObject(lambda: user.has_perm("finance.view_funds")),
    }
