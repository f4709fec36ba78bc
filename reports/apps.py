from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The yearly report to the politicians: figures per group and in total, its charts and
    its exports (PDF/A, CSV, XLSX). Above the apps whose figures it reads."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from reports import personal_data

        personal_data.register()
