from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import actions
from core.fields import TEXT, bounded_text_field, length_constraint


@actions.register
class AuditAction(models.TextChoices):
    """What the audit log records (privacy.audit.record)."""

    ROLE_GRANTED = "audit.role_granted", _("role given")
    ROLE_REVOKED = "audit.role_revoked", _("role taken away")
    DATA_EXPORTED = "audit.data_exported", _("personal data downloaded")
    ACCOUNT_CLOSED = "audit.account_closed", _("account closed")
    MEMBERSHIP_LEFT = "audit.membership_left", _("left a group")
    PURGED = "audit.purged", _("personal data purged")
    ADMIN_LOGIN = "audit.admin_login", _("login with administration rights")
    RECORDS_EXPORTED = "audit.records_exported", _("public records exported")


class AuditEntry(models.Model):
    """Who did what with people's data or rights, and when: kept for
    settings.RETENTION_DAYS["audit_log"] and then purged. Apart from the activity log
    (core.ActivityEvent), which is the lasting history of meetings and minutes and is not
    purged: the audit log is about people, and is kept only as long as needed."""

    action = models.CharField(_("action"), max_length=64, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("concerning"),
    )
    detail = bounded_text_field(_("detail"), blank=True, max_length=TEXT)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        constraints = [length_constraint("auditentry", "detail", TEXT)]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
