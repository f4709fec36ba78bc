from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import NoHistoryRevertMixin
from issues import services
from issues.models import Issue, IssueReminderSent, IssueUpdate


class IssueUpdateInline(admin.TabularInline):
    """The issue's timeline, read only: updates are written, approved and returned on the
    issue's page (issues.services), which records who did what."""

    model = IssueUpdate
    fields = ("created_at", "author", "state", "new_status", "published_at", "approved_by", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Issue)
class IssueAdmin(NoHistoryRevertMixin, SimpleHistoryAdmin):
    """Created and edited through the same services as the issue's pages (the history and the
    activity log say who); the status and the updates change only through their own services,
    on the issue's page; where it was raised is fixed once it is."""

    list_display = ("title", "group", "department", "committee", "status", "due_date", "created_at")
    list_filter = ("status", "group", "department", "committee", ("due_date", admin.EmptyFieldListFilter))
    search_fields = ("title", "description")
    list_select_related = ("group", "department", "committee")
    date_hierarchy = "created_at"
    raw_id_fields = ("meeting", "agenda_item")
    readonly_fields = ("status", "created_by", "created_at", "public_since")
    inlines = [IssueUpdateInline]
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


@admin.register(IssueUpdate)
class IssueUpdateAdmin(admin.ModelAdmin):
    """The timeline of every issue, read only: written, approved and returned on the issue's
    page and the approval queue (issues.services)."""

    list_display = ("issue", "state", "department", "author", "created_at", "published_at")
    list_filter = ("state", "department")
    list_select_related = ("issue", "department", "author")
    search_fields = ("issue__title", "text", "case_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssueReminderSent)
class IssueReminderSentAdmin(admin.ModelAdmin):
    """Which due date reminders went to whom (send_reminders): a record, not edited."""

    list_display = ("issue", "due_date", "email", "sent_at")
    list_select_related = ("issue",)
    search_fields = ("issue__title", "email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
