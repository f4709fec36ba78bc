from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from groups import services
from groups.errors import GroupsError
from groups.models import Area, Group, Invitation, MainContactPeriod, Membership, Organisation


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("person", "organisation")
    fields = ("person", "organisation", "role", "start", "end")


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "active")
    list_filter = ("active", "area__kind")
    search_fields = ("name", "description", "area__name")
    list_select_related = ("area",)
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation_number", "email", "confirmed")
    list_filter = ("kind", "confirmed", "areas")
    search_fields = ("name", "organisation_number", "email")
    filter_horizontal = ("areas",)
    actions = ["confirm"]

    @admin.action(description=_("Confirm the selected organisations"))
    def confirm(self, request, queryset):
        for organisation in queryset.filter(confirmed=False):
            services.organisation_confirm(organisation=organisation)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "group", "organisation", "role", "start", "end")
    list_filter = ("group", "organisation__kind", ("end", admin.EmptyFieldListFilter))
    search_fields = ("person__full_name", "person__email", "organisation__name")
    autocomplete_fields = ("person", "organisation")
    list_select_related = ("person", "group", "organisation")
    date_hierarchy = "start"


@admin.register(MainContactPeriod)
class MainContactPeriodAdmin(admin.ModelAdmin):
    list_display = ("group", "membership", "start", "end", "appointed_by")
    list_filter = ("group",)
    search_fields = ("membership__person__full_name", "membership__organisation__name")
    list_select_related = ("group", "membership__person", "membership__organisation", "appointed_by")
    raw_id_fields = ("membership",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "group", "organisation", "status", "created_at", "expires_at", "send_count")
    list_filter = ("status", "group")
    search_fields = ("email",)
    list_select_related = ("group", "organisation")
    readonly_fields = ("token_hash", "created_at", "accepted_at", "membership", "revoked_at", "revoked_by")
    actions = ["resend", "revoke"]

    @admin.action(description=_("Send the selected invitations again"))
    def resend(self, request, queryset):
        self._apply(request, queryset, lambda invitation: services.invitation_resend(invitation=invitation))

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda invitation: services.invitation_revoke(invitation=invitation, revoked_by=request.user),
        )

    def _apply(self, request, queryset, action):
        for invitation in queryset:
            try:
                action(invitation)
            except GroupsError as error:
                self.message_user(request, f"{invitation.email}: {error.message}", messages.WARNING)
