from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.rules import is_coordinator, is_staff_member


def site(request):
    user = request.user
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_LOGO": settings.MUNICIPALITY_LOGO,
        # Lazy: asked only by pages that show the navigation.
        "nav_is_coordinator": SimpleLazyObject(lambda: is_coordinator(user)),
        "nav_is_staff": SimpleLazyObject(lambda: is_staff_member(user)),
    }
