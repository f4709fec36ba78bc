from django.contrib import admin

from alerts.models import MemberAlertSetting, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Residents' subscriptions: the coordinator sees them and may delete one on request;
    they are made and changed only by the resident's own links."""

    list_display = (
        "email",
        "confirmed_at",
        "created_at",
        "follow_agendas",
        "follow_minutes",
        "follow_issues",
    )
    list_filter = ("areas", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    readonly_fields = (
        "email",
        "areas",
        "follow_agendas",
        "follow_minutes",
        "follow_issues",
        "created_at",
        "confirmed_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MemberAlertSetting)
class MemberAlertSettingAdmin(admin.ModelAdmin):
    list_display = ("person", "frequency")
    list_filter = ("frequency",)
    search_fields = ("person__full_name", "person__email")
    list_select_related = ("person",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
