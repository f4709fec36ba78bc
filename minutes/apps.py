from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    """Minutes (minnesanteckningar): drafting, anchoring with officials, sign-off by the
    group, release as an archival PDF and corrections. Its own app because released
    minutes are public records with rules of their own: they never change."""

    name = "minutes"
    verbose_name = _("Minutes")
