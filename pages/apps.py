from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages that combine several apps: the start page, an area's page, a meeting's page,
    *Mina grupper*, *Mina möten* and a meeting's history. The top layer: it may use every app,
    and no app uses it."""

    name = "pages"
    verbose_name = _("Pages")
