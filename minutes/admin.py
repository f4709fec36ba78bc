from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import NoHistoryRevertMixin, ReadOnlyAdmin
from minutes.models import (
    Minutes,
    MinutesComment,
    MinutesItem,
    MinutesRelease,
    MinutesReview,
    MinutesVersion,
    SignOff,
)


class MinutesItemInline(admin.StackedInline):
    model = MinutesItem
    extra = 0
    fields = ("title", "notes", "agreed")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Minutes)
class MinutesAdmin(NoHistoryRevertMixin, SimpleHistoryAdmin):
    """The state of the minutes moves only through minutes.services (a revert would reopen
    released minutes as a draft)."""

    list_display = ("meeting", "status", "version", "updated_at")
    list_filter = ("status", "meeting__group")
    search_fields = ("meeting__title", "meeting__group__name")
    list_select_related = ("meeting__group",)
    readonly_fields = ("meeting", "status", "version", "correction_reason", "created_by")
    inlines = [MinutesItemInline]

    def has_add_permission(self, request):
        # Minutes are started from a held meeting's page (minutes_start), one per meeting.
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ReadOnlyAdmin):
    list_display = ("minutes", "number", "created_at", "created_by")
    list_filter = ("minutes__meeting__group",)
    search_fields = ("minutes__meeting__title",)
    list_select_related = ("minutes__meeting", "created_by")


@admin.register(MinutesRelease)
class MinutesReleaseAdmin(ReadOnlyAdmin):
    list_display = ("minutes", "version", "released_at", "released_by", "sha256")
    list_filter = ("minutes__meeting__group",)
    search_fields = ("minutes__meeting__title", "sha256")
    list_select_related = ("minutes__meeting", "version", "released_by")
    exclude = ("pdf",)


# Verdicts are given by the official or representative themselves, on their page: never in
# the admin, not even by a superuser (a release records them as approvals).
@admin.register(MinutesReview)
class MinutesReviewAdmin(ReadOnlyAdmin):
    list_display = ("minutes", "reviewer", "version_number", "verdict", "decided_at")
    list_filter = ("verdict",)
    search_fields = ("reviewer__full_name", "minutes__meeting__title")
    list_select_related = ("minutes__meeting", "reviewer")


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ("minutes", "person", "version_number", "verdict", "decided_at")
    list_filter = ("verdict",)
    search_fields = ("person__full_name", "minutes__meeting__title")
    list_select_related = ("minutes__meeting", "person")


@admin.register(MinutesItem)
class MinutesItemAdmin(NoHistoryRevertMixin, SimpleHistoryAdmin):
    """Editable only while the minutes are a draft or in review (the model refuses otherwise)."""

    list_display = ("title", "minutes", "position")
    list_filter = ("minutes__status",)
    search_fields = ("title", "notes", "agreed")
    list_select_related = ("minutes__meeting",)
    readonly_fields = ("minutes", "agenda_item", "position")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.minutes.is_editable)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MinutesComment)
class MinutesCommentAdmin(ReadOnlyAdmin):
    list_display = ("review", "item", "created_at")
    search_fields = ("text",)
    list_select_related = ("review__reviewer", "item")
