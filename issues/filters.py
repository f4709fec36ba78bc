import django_filters
from django import forms
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.filters import group_named
from issues.models import Issue
from issues.selectors import departments_of
from officials.models import Committee, Department


class IssueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title"), field_name="title", lookup_expr="icontains")
    # A search by name, not a choice: a list of every group is unusable with hundreds of them
    # (and rendering 600 options was most of the register's time).
    group = django_filters.CharFilter(label=_("Area or group"), method="filter_group", max_length=100)
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.none(), empty_label=_("All departments")
    )
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"), queryset=Committee.objects.none(), empty_label=_("All committees")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Issue.Status.choices, empty_label=_("All statuses")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="created_at", lookup_expr="year", choices=[], empty_label=_("All years")
    )
    mine = django_filters.BooleanFilter(
        label=_("My departments"), method="filter_mine", widget=forms.CheckboxInput
    )

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        if user.has_perm("issues.view_issue_list"):
            # The municipality's people follow every group's issues.
            self.filters["department"].queryset = Department.objects.all()
            self.filters["committee"].queryset = Committee.objects.all()
        self.filters["year"].extra["choices"] = self._years()
        self.my_department_ids = list(departments_of(user).values_list("pk", flat=True))
        if not self.my_department_ids:
            # Only an official has departments of their own.
            del self.filters["mine"]

    def _years(self):
        """From the year of the newest issue back to that of the oldest (local time): the first
        and last of an index, where listing the distinct years would read every issue."""
        bounds = Issue.objects.aggregate(oldest=Min("created_at"), newest=Max("created_at"))
        if bounds["oldest"] is None:
            return []
        oldest, newest = (timezone.localtime(bounds[end]).year for end in ("oldest", "newest"))
        return [(str(year), str(year)) for year in range(newest, oldest - 1, -1)]

    def filter_group(self, queryset, name, value):
        return queryset.filter(group_named(value, via="group__"))

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(department__in=self.my_department_ids)


class PublicIssueFilter(django_filters.FilterSet):
    """The public list of an area's issues: by status and by the department responsible."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Issue.Status.choices, empty_label=_("All statuses")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("All departments")
    )

    class Meta:
        model = Issue
        fields = ["status", "department"]
