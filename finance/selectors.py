from finance.models import FundApplication
from groups.models import Membership, Organisation
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


def granted_projects(area, limit=10):
    """The projects a fund of the area granted money to, newest first (public)."""
    return (
        FundApplication.objects.granted()
        .filter(fund__areas=area)
        .select_related("fund", "organisation")
        .order_by("-decision_date", "-id")[:limit]
    )
