from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from finance.models import FundApplication, VillageFund
from groups.models import Area, Membership, Organisation
from officials.rules import is_staff_member


def applications_for(user):
    """The applications a person may read: every one for the municipality's people, those of
    their own associations for a representative."""
    applications = FundApplication.objects.select_related("fund", "organisation")
    if is_staff_member(user):
        return applications
    organisations = Membership.objects.current().filter(person=user).values("organisation")
    return applications.filter(organisation__in=organisations)


def organisations_applying_for(user, fund):
    """The associations the person represents in a group of one of the fund's areas."""
    memberships = Membership.objects.current().filter(person=user, group__area__in=fund.areas.all())
    return Organisation.objects.filter(pk__in=memberships.values("organisation"))


def funds_open_to(user, year):
    """The active funds with, worked out by the database for every fund at once, what is left
    of the year's amount (`remaining`: services.fund_remaining for one fund) and whether the
    person may apply (`can_apply`: organisations_applying_for has one)."""
    granted = (
        FundApplication.objects.granted()
        .filter(fund=OuterRef("pk"), year=year)
        .order_by()
        .values("fund")
        .annotate(total=Sum("granted_amount"))
        .values("total")
    )
    represented = Membership.objects.current().filter(person=user).values("group__area")
    return (
        VillageFund.objects.filter(active=True)
        .prefetch_related("areas")
        .annotate(
            remaining=F("yearly_amount") - Coalesce(Subquery(granted), Value(Decimal(0))),
            can_apply=Exists(Area.objects.filter(village_funds=OuterRef("pk"), pk__in=represented)),
        )
        .order_by("name", "pk")
    )


def granted_projects(area, limit=10):
    """The projects a fund of the area granted money to, newest first (public)."""
    return (
        FundApplication.objects.granted()
        .filter(fund__areas=area)
        .select_related("fund", "organisation")
        .order_by("-decision_date", "-id")[:limit]
    )
