from django.contrib import admin
from django.core.exceptions import PermissionDenied


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
