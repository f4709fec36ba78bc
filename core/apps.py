from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer every app may use and which uses no app: errors, HTTP helpers, mail,
    Markdown, time zones, form widgets, rate limits."""

    name = "core"
    verbose_name = _("Shared services")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import personal_data_parts
        from core.middleware import SessionRefreshMiddleware

        personal_data_parts.register()
        user_logged_in.connect(
            SessionRefreshMiddleware.stamp_on_login, dispatch_uid="core_session_stamp_on_login"
        )
