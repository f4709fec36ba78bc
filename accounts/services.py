from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import LoginFailure, normalise_email


def client_ip(request) -> str | None:
    """The client's address. Behind a proxy, CLIENT_IP_HEADER names the header the proxy
    sets, and the address the proxy appended last is the one no client can forge."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def _window_start():
    return timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def login_is_throttled(*, email: str, ip_address: str | None) -> bool:
    """True when the address or the account has failed too often within the window."""
    recent = LoginFailure.objects.filter(created_at__gte=_window_start())
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent.filter(email=normalise_email(email)).count() >= limit:
        return True
    return ip_address is not None and recent.filter(ip_address=ip_address).count() >= limit


def login_failure_record(*, email: str, ip_address: str | None) -> None:
    LoginFailure.objects.filter(created_at__lt=_window_start()).delete()
    LoginFailure.objects.create(email=normalise_email(email), ip_address=ip_address)


def login_failures_clear(*, email: str, ip_address: str | None) -> None:
    """A successful login forgives the account's earlier failures from that address."""
    condition = Q(email=normalise_email(email))
    if ip_address:
        condition &= Q(ip_address=ip_address)
    LoginFailure.objects.filter(condition).delete()
