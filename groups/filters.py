import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groups.models import Area, Group, Invitation, Organisation


def group_named(value: str, *, via: str = "") -> Q:
    """The group's area's or its own name contains value: how every list finds a group among
    hundreds (via: the path to the group from the rows filtered, such as "group__")."""
    return Q(**{f"{via}area__name__icontains": value}) | Q(**{f"{via}name__icontains": value})


class GroupSearch(django_filters.FilterSet):
    """Find a group by its area's or its own name: lists of every group stay usable with
    hundreds of them."""

    q = django_filters.CharFilter(label=_("Area or group"), method="filter_name", max_length=100)

    class Meta:
        model = Group
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(group_named(value))


class AreaSearch(django_filters.FilterSet):
    """Find an area by its name: lists of every area stay usable with hundreds of them."""

    q = django_filters.CharFilter(label=_("Area"), field_name="name", lookup_expr="icontains", max_length=100)

    class Meta:
        model = Area
        fields = []


class MembershipFilter(django_filters.FilterSet):
    CURRENT, FORMER, ALL = "current", "former", "all"

    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="organisation__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("All kinds"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Members"),
        choices=[(CURRENT, _("Current")), (FORMER, _("Former")), (ALL, _("Current and former"))],
        method="filter_status",
        empty_label=None,
    )

    def __init__(self, data=None, *args, **kwargs):
        # Current members unless asked otherwise.
        data = data.copy() if data is not None else {}
        data.setdefault("status", self.CURRENT)
        super().__init__(data, *args, **kwargs)

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(person__full_name__icontains=value) | Q(organisation__name__icontains=value))

    def filter_status(self, queryset, name, value):
        if value == self.CURRENT:
            return queryset.current()
        if value == self.FORMER:
            return queryset.former()
        return queryset


class InvitationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Email address"), field_name="email", lookup_expr="icontains")
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), queryset=Group.objects.select_related("area"), empty_label=_("All groups")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Invitation.DISPLAY_STATUSES, method="filter_status", empty_label=_("All")
    )

    def filter_status(self, queryset, name, value):
        # "Pending" lists those whose link still works; those that ran out are "expired".
        if value == Invitation.EXPIRED:
            return queryset.expired()
        if value == Invitation.Status.PENDING:
            return queryset.open()
        return queryset.filter(status=value)


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All kinds")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="areas", queryset=Area.objects.all(), empty_label=_("All areas")
    )
    confirmed = django_filters.BooleanFilter(label=_("Confirmed"))
