from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import InvitesTheAccountOwnerMixin
from officials.models import Committee, Department, Official


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "publishes_directly")
    list_filter = ("publishes_directly",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Official)
class OfficialAdmin(InvitesTheAccountOwnerMixin, admin.ModelAdmin):
    """An account made an official's here; one without a password gets the invitation to
    choose one."""

    invitation_role = _("official")
    list_display = ("user", "title", "in_officials_group")
    list_filter = ("in_officials_group", "departments")
    search_fields = ("user__full_name", "user__email", "title")
    autocomplete_fields = ("user",)
    filter_horizontal = ("departments",)
    list_select_related = ("user",)
