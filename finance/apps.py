from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    """Money: what an issue referred to the budget process is estimated to cost, for which
    budget year and committee, and what the budget made of it."""

    name = "finance"
    verbose_name = _("Finance")

    def ready(self):
        from finance import personal_data

        personal_data.register()
