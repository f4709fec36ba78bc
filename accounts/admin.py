from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services
from accounts.models import User

# What only a superuser (the municipality's IT, not the coordinator) may change: who is
# staff or superuser, permissions and roles, and another person's email address (changing it
# and then asking for a password reset would take the account over).
SUPERUSER_ONLY_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class CoordinatorUserCreationForm(forms.ModelForm):
    """A coordinator creates an account without a password: its owner sets one through
    "Glömt lösenord?". Nobody but the owner ever knows it."""

    class Meta:
        model = User
        fields = ("email", "full_name")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ("full_name", "email")
    list_display = ("email", "full_name", "phone", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    search_fields = ("email", "full_name", "phone")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("full_name", "phone", "privacy_notice_accepted_at")}),
        (
            _("Roles and permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    coordinator_add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name")}),)

    def get_fieldsets(self, request, obj=None):
        if obj is None and not request.user.is_superuser:
            return self.coordinator_add_fieldsets
        return super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = CoordinatorUserCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined", "privacy_notice_accepted_at"]
        if not request.user.is_superuser:
            readonly += SUPERUSER_ONLY_FIELDS
            if obj is not None and obj.pk != request.user.pk:
                readonly.append("email")
        return readonly

    def has_change_permission(self, request, obj=None):
        # A superuser's account is the superusers' own business.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        """Only a superuser sets another person's password; everyone sets their own on the site."""
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


class InvitesTheAccountOwnerMixin:
    """The admin of a role given to an account (an official, an elected representative): when
    the role is given to an account without a password, its owner is invited at once to choose
    one; the action sends the invitation again (say, when its link has run out)."""

    invitation_role = ""  # what the mail calls them, e.g. "elected representative"
    actions = ["send_account_invitation"]

    @admin.action(description=_("Send the invitation to choose a password"), permissions=["change"])
    def send_account_invitation(self, request, queryset):
        people = [row.user for row in queryset.select_related("user") if row.user.is_active]
        for person in people:
            services.account_invite(person=person, role=self.invitation_role)
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation to choose a password has been queued.",
                "%(count)d invitations to choose a password have been queued.",
                len(people),
            )
            % {"count": len(people)},
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.user.is_active and not obj.user.has_usable_password():
            services.account_invite(person=obj.user, role=self.invitation_role)
            self.message_user(
                request,
                _("An invitation to choose a password has been sent to %(email)s.")
                % {"email": obj.user.email},
            )
