"""Strings of Django itself (its forms, shortcuts and admin) that Django's own Swedish catalogue
does not have yet (new in 6.1). Our catalogue comes first (LOCALE_PATHS), so their Swedish lives
there; naming them here keeps `makemessages` from dropping them as unused. Nothing reads this
list: delete an entry once Django's catalogue has it."""

from django.utils.translation import gettext_lazy, ngettext_lazy

DJANGO_STRINGS = (
    gettext_lazy("- Select an option -"),
    gettext_lazy("No %s matches the given query."),
    gettext_lazy("Filter by %(field_name)s"),
    gettext_lazy("Logout"),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
)
