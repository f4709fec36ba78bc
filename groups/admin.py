from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accounts.admin import InvitesTheAccountOwnerMixin
from core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from groups import services
from groups.errors import GroupsError
from groups.models import (
    Area,
    ElectedRepresentative,
    Group,
    Invitation,
    MainContactPeriod,
    Membership,
    Organisation,
)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Shown with the group; memberships are added and ended on the group's page or under
    Memberships, where ending one also ends a main-contact period."""

    model = Membership
    extra = 0
    fields = ("person", "organisation", "role", "start", "end")
    readonly_fields = fields


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


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "group", "organisation", "role", "start", "end"]

    def clean(self):
        cleaned_data = super().clean()
        end = cleaned_data.get("end")
        if self.instance.pk is not None and end is not None:
            saved = Membership.objects.get(pk=self.instance.pk)
            refusal = services.membership_end_refusal(saved, end)
            if refusal:
                self.add_error("end", refusal)
        return cleaned_data


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Adding goes through membership_add (the role, the organisation's area) and ending
    through membership_end (a main contact who leaves hands the role back), as on the group's
    page. An ended membership is history: shown, not changed."""

    list_display = ("person", "group", "organisation", "role", "start", "end")
    list_filter = ("group", "organisation__kind", ("end", admin.EmptyFieldListFilter))
    search_fields = ("person__full_name", "person__email", "organisation__name")
    autocomplete_fields = ("person", "organisation")
    list_select_related = ("person", "group", "organisation")
    date_hierarchy = "start"
    form = MembershipAdminForm

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("person", "group", "start")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_current)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.membership_add(
                group=obj.group,
                person=obj.person,
                organisation=obj.organisation,
                role=obj.role,
                start=obj.start,
                by=request.user,
            )
            obj.pk, obj._state.adding = created.pk, False
            return
        end = obj.end
        obj.end = None  # membership_end sets it, and ends a main-contact period with it
        obj.save(update_fields=["organisation", "role"])
        if end is not None:
            services.membership_end(membership=obj, end=end, by=request.user)


@admin.register(MainContactPeriod)
class MainContactPeriodAdmin(ReadOnlyAdmin):
    """The rotation's history: handed over on the group's page (one current period, always a
    current member), shown here."""

    list_display = ("group", "membership", "start", "end", "appointed_by")
    list_filter = ("group",)
    search_fields = ("membership__person__full_name", "membership__organisation__name")
    list_select_related = ("group", "membership__person", "membership__organisation", "appointed_by")
    raw_id_fields = ("membership",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Shown, and sent again or revoked through the same services as Inbjudningar (its actions):
    an invitation is sent from the group's page (only there does the invitee get a link), and
    its state moves only through its transitions, never by hand here."""

    list_display = ("email", "group", "organisation", "status", "created_at", "expires_at", "send_count")
    list_filter = ("status", "group")
    search_fields = ("email",)
    list_select_related = ("group", "organisation")
    fields = (
        "email",
        "group",
        "organisation",
        "status",
        "invited_by",
        "created_at",
        "expires_at",
        "last_sent_at",
        "send_count",
        "accepted_at",
        "membership",
        "revoked_at",
        "revoked_by",
    )
    readonly_fields = fields
    actions = ["resend", "revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The list's actions need it; one invitation's page is only shown.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected invitations again"), permissions=["change"])
    def resend(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda invitation: services.invitation_resend(invitation=invitation, by=request.user),
        )

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
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


@admin.register(ElectedRepresentative)
class ElectedRepresentativeAdmin(InvitesTheAccountOwnerMixin, admin.ModelAdmin):
    """The coordinator makes someone an elected representative here; an account without a
    password (one the coordinator has just made) gets the invitation to choose one."""

    invitation_role = _("elected representative")

    list_display = ("user", "party", "active")
    list_filter = ("active", "committees", "areas")
    search_fields = ("user__full_name", "user__email", "party")
    autocomplete_fields = ("user",)
    filter_horizontal = ("committees", "areas")
    list_select_related = ("user",)
