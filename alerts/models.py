from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Area
from issues.models import IssueUpdate


class MemberAlertSetting(models.Model):
    """How a member hears of published updates on their groups' issues. Without a row: the
    daily digest."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("at once, one mail per update")
        DAILY = "daily", _("in a daily digest")
        NEVER = "never", _("never")

    DEFAULT = Frequency.DAILY

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="alert_setting",
        verbose_name=_("person"),
    )
    frequency = models.CharField(
        _("mail about issue updates"), max_length=16, choices=Frequency.choices, default=DEFAULT
    )

    class Meta:
        verbose_name = _("member alert setting")
        verbose_name_plural = _("member alert settings")

    def __str__(self):
        return f"{self.person}: {self.get_frequency_display()}"


class Digest(models.Model):
    """One daily digest mailed to one person: at most one a day (the constraint), so that a
    second run of send_digests on the same day sends nothing again."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [models.UniqueConstraint(fields=["person", "day"], name="digest_once_a_day")]

    def __str__(self):
        return f"{self.person}: {self.day}"


class DigestItem(models.Model):
    """A published update waiting for a person's next digest (digest empty until it is sent)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    update = models.ForeignKey(
        IssueUpdate, on_delete=models.CASCADE, related_name="+", verbose_name=_("update")
    )
    digest = models.ForeignKey(
        Digest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("digest"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")
        constraints = [models.UniqueConstraint(fields=["person", "update"], name="digestitem_once")]

    def __str__(self):
        return f"{self.person}: {self.update}"


class Subscription(models.Model):
    """A resident's subscription, without an account: an email address, the areas and what
    to follow. Nothing is sent before it is confirmed (double opt-in); unconfirmed ones are
    deleted after RETENTION_DAYS["unconfirmed_subscriptions"]."""

    email = models.EmailField(_("email address"), unique=True)
    areas = models.ManyToManyField(Area, related_name="subscriptions", verbose_name=_("areas"))
    follow_agendas = models.BooleanField(_("published agendas"), default=False)
    follow_minutes = models.BooleanField(_("released minutes"), default=False)
    follow_issues = models.BooleanField(_("issue updates"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
