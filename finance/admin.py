from django.contrib import admin

from core.admin import ReadOnlyAdmin
from finance.models import BudgetReferral


@admin.register(BudgetReferral)
class BudgetReferralAdmin(ReadOnlyAdmin):
    """Shown, not changed: budget referrals are set and decided on the issue's page, through
    the services that record who did it."""

    list_display = ("issue", "budget_year", "committee", "estimated_amount", "outcome", "outcome_amount")
    list_filter = ("budget_year", "committee", "outcome")
    list_select_related = ("issue", "committee")
