from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import NoHistoryRevertMixin
from issues import services
from issues.models import Issue


@admin.register(Issue)
class IssueAdmin(NoHistoryRevertMixin, SimpleHistoryAdmin):
    """Created and edited through the same services as the issue's pages (the history and the
    activity log say who); status and answer change only through their own services, on the
    issue's page; where it was raised is fixed once it is."""

    list_display = ("title", "group", "department", "committee", "status", "due_date", "created_at")
    list_filter = ("status", "group", "department", "committee", ("due_date", admin.EmptyFieldListFilter))
    search_fields = ("title", "description", "answer")
    list_select_related = ("group", "department", "committee")
    date_hierarchy = "created_at"
    raw_id_fields = ("meeting", "agenda_item")
    readonly_fields = ("status", "answer", "answered_by", "answered_at", "created_by", "created_at")
    history_list_display = ("status",)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return (*self.readonly_fields, "group", "meeting", "agenda_item")

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS if name in form.cleaned_data
        }
        if change:
            services.issue_update(issue=obj, by=request.user, **fields)
            return
        created = services.issue_create(
            by=request.user,
            group=form.cleaned_data["group"],
            meeting=form.cleaned_data.get("meeting"),
            agenda_item=form.cleaned_data.get("agenda_item"),
            **fields,
        )
        # The admin goes on with its own object (its log entry): make it the created one.
        obj.pk = created.pk
        obj._state.adding = False
