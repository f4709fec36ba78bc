from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import client_ip, login_failure_record, login_failures_clear, login_is_throttled
from core.forms import submit_helper
from core.mail import queue_mail


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
    """The reset mail is queued in the outbox and sent in the background: answering takes as
    long for an address with an account as for one without (no timing tells them apart)."""

    error_messages = {
        "throttled": _("Too many password resets were asked for from here. Wait an hour and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.helper = submit_helper(_("Send the reset link"))

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        # The link from SITE_URL, never from the request's Host header.
        reset_path = reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        queue_mail(
            to=[to_email],
            template="password_reset",
            context={"email": to_email, "reset_url": settings.SITE_URL + reset_path},
            sensitive=True,
            about="accounts.password_reset",
        )


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
