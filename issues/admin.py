from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import NoHistoryRevertMixin
from issues.models import Issue


@admin.register(Issue)
class IssueAdmin(NoHistoryRevertMixin, SimpleHistoryAdmin):
    list_display = ("title", "group", "department", "committee", "status", "due_date", "created_at")
    list_filter = ("status", "group", "department", "committee", ("due_date", admin.EmptyFieldListFilter))
    search_fields = ("title", "description", "answer")
    list_select_related = ("group", "department", "committee")
    date_hierarchy = "created_at"
    raw_id_fields = ("meeting", "agenda_item")
    # Status and answer change through their services (the issue's page), never by hand here.
    readonly_fields = ("status", "answer", "answered_by", "answered_at", "created_by", "created_at")
    history_list_display = ("status",)
