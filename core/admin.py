from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.models import ActivityEvent


class NoHistoryRevertMixin:
    """For simple-history admins of models whose state moves only through services: reverting
    to an earlier version would skip them. simple-history only hides the button; the POST is
    refused too."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdminMixin(NoHistoryRevertMixin):
    """Records the app writes through its services (verdicts, events, released minutes):
    shown in the admin, never added, changed or deleted there, not even by a superuser."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(ActivityEvent)
class ActivityEventAdmin(ReadOnlyAdmin):
    """The log of every app: what happened to what, by whom and when. Never changed."""

    list_display = ("created_at", "action_label", "target", "actor")
    list_filter = ("action", "content_type")
    search_fields = ("detail", "actor__full_name", "actor__email")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "created_at"

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, event):
        return event.get_action_display()
