"""What finance holds of a person: the village fund applications they sent for an association
(the application is the association's and stays; closing the account removes the name)."""

from django.utils.translation import gettext_lazy as _

from core import personal_data
from finance.models import BudgetReferral, FundApplication


def collect(user) -> list[dict]:
    return [
        {
            "fund": application.fund.name,
            "organisation": application.organisation.name,
            "project": application.title,
            "amount": str(application.amount),
            "status": application.status,
            "submitted": application.created_at.isoformat(),
        }
        for application in FundApplication.objects.filter(applicant=user).select_related(
            "fund", "organisation"
        )
    ]


def referrals(user) -> list[dict]:
    return personal_data.rows(
        BudgetReferral.objects.filter(created_by=user).order_by("created_at", "id"),
        "issue__title",
        "estimated_amount",
        "budget_year",
        "outcome",
        "created_at",
    )


def erase(user) -> int:
    return FundApplication.objects.filter(applicant=user).update(applicant=None)


def register():
    personal_data.register_export(
        "finance.fund_applications",
        _("Village fund applications"),
        collect,
        covers=["finance.FundApplication"],
    )
    personal_data.register_export(
        "finance.budget_referrals",
        _("Budget referrals you recorded"),
        referrals,
        covers=["finance.BudgetReferral"],
    )
    personal_data.register_erasure("finance.fund_applications", erase)
