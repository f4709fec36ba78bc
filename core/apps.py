from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer every app may use and which uses no app: errors, HTTP helpers, mail,
    Markdown, time zones, form widgets, rate limits."""

    name = "core"
    verbose_name = _("Shared services")

    def ready(self):
        from core import personal_data_parts

        personal_data_parts.register()
