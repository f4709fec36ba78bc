"""Rate limits that hold across app servers: attempts are counted in the database.

A Limit names what is counted (its scope), how many attempts are allowed and within which
window. Keys (an email address, a client's IP address, a pair of both) are hashed with the
secret key before they are stored."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.models import Attempt


@dataclass(frozen=True)
class Limit:
    scope: str
    limit: int
    window: timedelta

    def _start(self):
        return timezone.now() - self.window


def _hashed(scope: str, key: str) -> str:
    message = f"{scope}\x00{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def is_limited(limit: Limit, key: str) -> bool:
    """True when `key` has used up its attempts within the window."""
    recent = Attempt.objects.filter(
        scope=limit.scope, key=_hashed(limit.scope, key), created_at__gte=limit._start()
    )
    return recent.count() >= limit.limit


def record(limit: Limit, key: str) -> None:
    Attempt.objects.create(scope=limit.scope, key=_hashed(limit.scope, key))


def clear(limit: Limit, key: str) -> None:
    Attempt.objects.filter(scope=limit.scope, key=_hashed(limit.scope, key)).delete()


def count(limit: Limit, key: str) -> int:
    return Attempt.objects.filter(
        scope=limit.scope, key=_hashed(limit.scope, key), created_at__gte=limit._start()
    ).count()


def purge(*, older_than: timedelta) -> int:
    """Remove attempts older than any window; returns how many. Run daily (see the README)."""
    deleted, _ = Attempt.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
