from django.contrib import admin

from core.admin import ReadOnlyAdmin
from finance.models import BudgetReferral, FundApplication, VillageFund


@admin.register(BudgetReferral)
class BudgetReferralAdmin(ReadOnlyAdmin):
    """Shown, not changed: budget referrals are set and decided on the issue's page, through
    the services that record who did it."""

    list_display = ("issue", "budget_year", "committee", "estimated_amount", "outcome", "outcome_amount")
    list_filter = ("budget_year", "committee", "outcome")
    list_select_related = ("issue", "committee")


@admin.register(VillageFund)
class VillageFundAdmin(admin.ModelAdmin):
    """The coordinator keeps the funds here; applications are decided on their own page."""

    list_display = ("name", "yearly_amount", "active")
    filter_horizontal = ("areas",)


@admin.register(FundApplication)
class FundApplicationAdmin(ReadOnlyAdmin):
    list_display = ("title", "fund", "organisation", "year", "amount", "status", "granted_amount")
    list_filter = ("fund", "year", "status")
    list_select_related = ("fund", "organisation")
    exclude = ("report_text",)
