from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from accounts.services import client_ip
from alerts import services
from alerts.errors import AlertError
from alerts.forms import MemberAlertSettingForm, SubscriptionForm
from alerts.models import MemberAlertSetting
from groups.models import Area


def subscribe(request, slug):
    area = get_object_or_404(Area, slug=slug)
    form = SubscriptionForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_request(
                email=form.cleaned_data["email"],
                areas=form.cleaned_data["areas"],
                follows=form.cleaned_data["follows"],
                client=client_ip(request),
            )
        except AlertError as error:
            form.add_error(None, error.message)
        else:
            # The same answer for a new address and a known one: the page tells nobody who
            # subscribes.
            return render(request, "alerts/subscribe_sent.html", {"area": area})
    return render(request, "alerts/subscribe.html", {"area": area, "form": form})


def confirm(request, token):
    if request.method != "POST":
        # A mail scanner following the link confirms nothing: the button does.
        return render(request, "alerts/confirm.html", {"token": token})
    try:
        subscription = services.subscription_confirm(token=token)
    except AlertError as error:
        return render(request, "alerts/link_refused.html", {"message": error.message}, status=400)
    return render(request, "alerts/confirmed.html", {"areas": list(subscription.areas.order_by("name"))})


@csrf_exempt  # RFC 8058: the mail program posts List-Unsubscribe=One-Click without a token
def unsubscribe(request, token):
    try:
        subscription, area = services.read_unsubscribe(token)
    except AlertError as error:
        return render(request, "alerts/link_refused.html", {"message": error.message}, status=400)
    if request.method != "POST":
        return render(request, "alerts/unsubscribe.html", {"area": area, "email": subscription.email})
    services.subscription_unsubscribe(token=token)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=200)
    return render(request, "alerts/unsubscribed.html", {"area": area})


@login_required
def member_settings(request):
    setting = MemberAlertSetting.objects.filter(person=request.user).first()
    current = setting.frequency if setting else MemberAlertSetting.DEFAULT
    form = MemberAlertSettingForm(request.POST or None, initial={"frequency": current})
    if request.method == "POST" and form.is_valid():
        services.member_setting_save(person=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your choice is saved."))
        return redirect("alerts:settings")
    return render(request, "alerts/settings.html", {"form": form})
