from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data and the municipality's legal duties: a person's own data (download, leave,
    close the account), the purge of what is kept only for a period, the audit log, the
    privacy notice and the accessibility statement, and public records on request. It reads the
    registry each app fills (core.personal_data) and never needs to know the apps' models."""

    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import personal_data as registry
        from officials.models import Official
        from privacy import audit
        from privacy.models import AuditEntry

        User = get_user_model()
        m2m_changed.connect(
            audit.role_groups_changed, sender=User.groups.through, dispatch_uid="privacy_roles"
        )
        post_save.connect(audit.official_saved, sender=Official, dispatch_uid="privacy_official_saved")
        post_delete.connect(audit.official_deleted, sender=Official, dispatch_uid="privacy_official_deleted")
        user_logged_in.connect(audit.login_with_admin_rights, dispatch_uid="privacy_admin_login")

        registry.register_export(
            "privacy.audit",
            _("Audit log entries about you"),
            lambda user: registry.rows(
                AuditEntry.objects.filter(subject=user).order_by("created_at", "id"),
                "action",
                "detail",
                "created_at",
            ),
            covers=["privacy.AuditEntry"],
        )
        registry.register_retention(
            "audit_log",
            _("The audit log"),
            lambda cutoff: AuditEntry.objects.filter(created_at__lt=cutoff),
        )
