from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    """One counted attempt (a failed login, a password reset, a subscription...) for rate
    limiting (core.ratelimit). In the database rather than a cache, so that every app server
    behind a load balancer counts the same attempts. The key is stored as a keyed hash: the
    table holds no email or IP address in clear."""

    scope = models.CharField(_("scope"), max_length=40)
    key = models.CharField(_("key (hashed)"), max_length=64)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("counted attempt")
        verbose_name_plural = _("counted attempts")
        indexes = [models.Index(fields=["scope", "key", "created_at"], name="attempt_scope_key_created")]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
