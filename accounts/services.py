"""Logging in, inviting the owner of a new account, and resetting passwords, with limits that stop guessing and flooding without
letting an attacker elsewhere lock the owner out."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import normalise_email
from core import ratelimit
from core.mail import queue_mail


def client_ip(request) -> str | None:
    """The client's address. Behind a proxy, CLIENT_IP_HEADER names the header the proxy
    sets, and the address the proxy appended last is the one no client can forge."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def _login_limits():
    window = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    return (
        ratelimit.Limit("login-account-client", settings.LOGIN_FAILURE_LIMIT, window),
        ratelimit.Limit("login-client", settings.LOGIN_FAILURE_LIMIT_PER_CLIENT, window),
    )


def _pair(email: str, ip_address: str | None) -> str:
    return f"{normalise_email(email)}|{ip_address or ''}"


def login_is_throttled(*, email: str, ip_address: str | None) -> bool:
    """True when this client has failed too often for this account, or for any accounts.
    Failures from other clients never count against the owner's own."""
    per_pair, per_client = _login_limits()
    return ratelimit.is_limited(per_pair, _pair(email, ip_address)) or ratelimit.is_limited(
        per_client, ip_address or ""
    )


def login_failure_record(*, email: str, ip_address: str | None) -> None:
    per_pair, per_client = _login_limits()
    ratelimit.record(per_pair, _pair(email, ip_address))
    ratelimit.record(per_client, ip_address or "")


def login_failures_clear(*, email: str, ip_address: str | None) -> None:
    """A successful login forgives the account's earlier failures from that client."""
    per_pair, _per_client = _login_limits()
    ratelimit.clear(per_pair, _pair(email, ip_address))


def _reset_limits():
    hour = timedelta(hours=1)
    return (
        ratelimit.Limit("password-reset-address", settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, hour),
        ratelimit.Limit("password-reset-client", settings.PASSWORD_RESET_LIMIT_PER_CLIENT, hour),
    )


def password_reset_client_is_limited(*, ip_address: str | None) -> bool:
    return ratelimit.is_limited(_reset_limits()[1], ip_address or "")


def password_reset_claim(*, email: str, ip_address: str | None) -> bool:
    """Count a reset request; True when a mail may go to this address. Past the limit the
    page answers as usual (it never says whether an address has an account), but no more
    mail is sent to that address within the hour."""
    per_address, per_client = _reset_limits()
    email = normalise_email(email)
    allowed = not ratelimit.is_limited(per_address, email)
    ratelimit.record(per_address, email)
    ratelimit.record(per_client, ip_address or "")
    return allowed


def account_invite(*, person, role: str) -> None:
    """Invite the owner of an account made for them (an official, an elected representative)
    to choose their password: the one-time link of a password reset, valid as long as one
    (PASSWORD_RESET_TIMEOUT), which no longer works once they have logged in. role: what they
    are in the municipality's groups, as the mail names it."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )
    queue_mail(
        to=[person.email],
        template="account_invitation",
        context={
            "person": person,
            "role": role,
            "set_password_url": settings.SITE_URL + path,
            "login_url": settings.SITE_URL + reverse("accounts:login"),
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        },
        sensitive=True,
        about=f"accounts.user:{person.pk}",
    )
