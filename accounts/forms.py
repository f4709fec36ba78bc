from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import client_ip, login_failure_record, login_failures_clear, login_is_throttled
from ludgrupper.forms import submit_helper


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "The email address or the password is wrong. Note that the password is case sensitive."
        ),
        "throttled": _(
            "Too many failed attempts to log in. Wait a few minutes and try again, or reset your password."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username")
        ip_address = client_ip(self.request) if self.request else None
        if email and login_is_throttled(email=email, ip_address=ip_address):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned_data = super().clean()
        except ValidationError:
            if email:
                login_failure_record(email=email, ip_address=ip_address)
            raise
        if email:
            login_failures_clear(email=email, ip_address=ip_address)
        return cleaned_data


class PasswordResetForm(auth_forms.PasswordResetForm):
    error_messages = {
        "throttled": _("Too many password resets were asked for from here. Wait an hour and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.helper = submit_helper(_("Send the reset link"))


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save the new password"))


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Change password"))


class SettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["notify_new_proposals"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save settings"))
