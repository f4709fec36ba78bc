from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.actions import label
from core.fields import TEXT, bounded_text_field, length_constraint


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


class OutgoingMail(models.Model):
    """One message (subject, text, HTML and attachments), rendered when it was queued, for one
    or many recipients (each a MailDelivery): the outbox. The worker sends it
    (core.mail.deliver_mail); what could not be sent stays here to be seen and sent again."""

    template = models.CharField(_("kind of mail"), max_length=100)
    subject = models.CharField(_("subject"), max_length=500)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # A mail with a secret in it (an invitation or password link) loses its body once it has
    # been delivered: only a hash of such a token is kept anywhere else.
    sensitive = models.BooleanField(_("holds a secret link"), default=False)
    # What the mail is about, for the page that sent it (e.g. "groups.invitation:12").
    about = models.CharField(_("about"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.subject


class MailAttachment(models.Model):
    mail = models.ForeignKey(
        OutgoingMail, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("mail")
    )
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename


class MailDeliveryQuerySet(models.QuerySet):
    def due(self):
        return self.filter(status=MailDelivery.Status.QUEUED, next_attempt_at__lte=timezone.now())

    def failed(self):
        return self.filter(status=MailDelivery.Status.FAILED)


class MailDelivery(models.Model):
    """One recipient of an outgoing mail, and how sending it went."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    mail = models.ForeignKey(
        OutgoingMail, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("mail")
    )
    to = models.EmailField(_("to"))
    # Headers of this recipient's copy only, e.g. List-Unsubscribe with their own link.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = MailDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail delivery")
        verbose_name_plural = _("mail deliveries")
        ordering = ["mail", "id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_status_next_attempt"),
        ]

    def __str__(self):
        return f"{self.to}: {self.get_status_display()}"


class ActivityEvent(models.Model):
    """What happened to what, by whom and when: one log for every app (core.activity). The
    record of every transition of a meeting, and what the audit of personal data asks for."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, verbose_name=_("kind of object")
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    detail = bounded_text_field(_("detail"), blank=True, max_length=TEXT)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "id"]
        constraints = [length_constraint("activityevent", "detail", TEXT)]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"], name="activity_target_created"),
            models.Index(fields=["action", "created_at"], name="activity_action_created"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_action_display(self) -> str:
        return label(self.action)
