from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts import forms, services
from core.http import permission_required


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        ip_address = services.client_ip(self.request)
        if services.password_reset_client_is_limited(ip_address=ip_address):
            form.add_error(None, form.error_messages["throttled"])
            return self.form_invalid(form)
        if services.password_reset_claim(email=form.cleaned_data["email"], ip_address=ip_address):
            return super().form_valid(form)
        # The same answer as when a mail is sent: the page never tells whether the address
        # has an account, or how often it was asked for.
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


@permission_required("accounts.change_settings")
def account_settings(request):
    """The account's own settings: for now whether a proposal arriving is mailed."""
    form = forms.SettingsForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings were saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
