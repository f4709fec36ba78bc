"""The outbox: mail that is waiting or could not be sent, for the coordinator to see and send
again. Who may see it is a permission of the role (core.view_maildelivery), so this bottom
layer needs to know nothing of roles."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import mail
from core.errors import MailError
from core.models import MailDelivery

DELIVERIES_PER_PAGE = 50


@dataclass(frozen=True)
class OutboxTab:
    value: str
    label: str
    count: int
    is_current: bool
    alerts: bool


@login_required
@permission_required("core.view_maildelivery", raise_exception=True)
def outbox(request):
    status = request.GET.get("status", MailDelivery.Status.FAILED)
    if status not in MailDelivery.Status.values:
        status = MailDelivery.Status.FAILED
    deliveries = (
        MailDelivery.objects.filter(status=status)
        .select_related("mail")
        .defer("mail__text", "mail__html")
        .order_by("-mail__created_at", "-id")
    )
    page = Paginator(deliveries, DELIVERIES_PER_PAGE).get_page(request.GET.get("sida"))
    counts = dict.fromkeys(MailDelivery.Status.values, 0)
    counts.update(MailDelivery.objects.order_by().values_list("status").annotate(total=Count("pk")))
    showing_failed = status == MailDelivery.Status.FAILED
    context = {
        "page": page,
        "status": status,
        "tabs": [
            OutboxTab(
                value=value,
                label=label,
                count=counts[value],
                is_current=value == status,
                # Failed mail needs the coordinator: its count stands out.
                alerts=value == MailDelivery.Status.FAILED and counts[value] > 0,
            )
            for value, label in MailDelivery.Status.choices
        ],
        "showing_failed": showing_failed,
        "showing_queued": status == MailDelivery.Status.QUEUED,
        # Only failed mail is sent again, by those who may change deliveries.
        "offers_resend": showing_failed and request.user.has_perm("core.change_maildelivery"),
    }
    return render(request, "core/outbox.html", context)


@require_POST
@login_required
@permission_required("core.change_maildelivery", raise_exception=True)
def delivery_resend(request, pk):
    delivery = get_object_or_404(MailDelivery, pk=pk)
    try:
        mail.delivery_resend(delivery=delivery)
    except MailError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The mail to %(address)s is being sent again.") % {"address": delivery.to}
        )
    return redirect("core:outbox")


@require_POST
@login_required
@permission_required("core.change_maildelivery", raise_exception=True)
def resend_all_failed(request):
    sent_again = skipped = 0
    with transaction.atomic():
        for delivery in MailDelivery.objects.failed().select_related("mail"):
            try:
                mail.delivery_resend(delivery=delivery)
            except MailError:
                skipped += 1
            else:
                sent_again += 1
    messages.success(request, _("%(count)s mail are being sent again.") % {"count": sent_again})
    if skipped:
        messages.warning(
            request,
            _("%(count)s held a personal link and must be sent again from where they were made.")
            % {"count": skipped},
        )
    return redirect("core:outbox")
