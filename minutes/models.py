from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core import actions, activity
from core.fields import LONG_TEXT, SHORT_TEXT, TEXT, bounded_text_field, length_constraint
from core.reviews import Verdict, VerdictQuerySet, VerdictRequest
from core.states import Transitions
from meetings.models import AgendaItem, Meeting


class FrozenError(Exception):
    """Released minutes are public records: they are never changed in place."""


class MinutesQuerySet(models.QuerySet):
    def released(self):
        """Minutes whose released version is the last word: frozen until a correction starts."""
        return self.filter(status=Minutes.Status.RELEASED)

    def update(self, **kwargs):
        """Released minutes change state only through minutes.services (a correction)."""
        if self.released().exists():
            raise FrozenError("Released minutes cannot be changed.")
        return super().update(**kwargs)

    def delete(self):
        raise FrozenError("Minutes are records: they are not deleted.")


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("minutes status", "draft")
        IN_REVIEW = "in_review", pgettext_lazy("minutes status", "in review")
        RELEASED = "released", pgettext_lazy("minutes status", "released")

    # Each move is one service in minutes.services, which asks this table.
    TRANSITIONS = Transitions(
        {
            # minutes_send_for_review: the draft becomes version 1 (or the next version).
            Status.DRAFT: {Status.IN_REVIEW},
            # Sent again with changes: a newer version, whose requests supersede the older
            # ones (minutes_send_for_review); or released (minutes_release).
            Status.IN_REVIEW: {Status.IN_REVIEW, Status.RELEASED},
            # Only as a correction (minutes_start_correction): the released version stays as it
            # is, and the correction is written as the next version.
            Status.RELEASED: {Status.DRAFT},
        }
    )

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=_("meeting")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The number of the last version sent for review or released; the draft is the next one.
    version = models.PositiveIntegerField(_("version"), default=0)
    correction_reason = bounded_text_field(_("reason for the correction"), blank=True, max_length=SHORT_TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MinutesQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("historical minutes"))

    class Meta:
        verbose_name = pgettext_lazy("meeting notes", "minutes")
        verbose_name_plural = pgettext_lazy("meeting notes", "minutes")
        constraints = [length_constraint("minutes", "correction_reason", SHORT_TEXT)]

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return reverse("minutes:public", kwargs={"pk": self.meeting_id})

    @property
    def is_editable(self) -> bool:
        """The draft can be written and sent for review: in every state that can move to
        review (a draft, or minutes in review getting a newer version)."""
        return self.TRANSITIONS.allows(self.status, self.Status.IN_REVIEW)

    @property
    def is_in_review(self) -> bool:
        """A version is out for review: its requests are the current ones (RequestQuerySet.current)."""
        return self.status == self.Status.IN_REVIEW

    @property
    def is_released(self) -> bool:
        """Frozen as released (MinutesQuerySet.released): nothing changes until a correction."""
        return self.status == self.Status.RELEASED

    @property
    def can_be_released(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.RELEASED)

    @property
    def can_be_corrected(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.DRAFT)

    @property
    def missing_approvals(self) -> list[str]:
        """Who, of the officials and representatives asked about the version in review, has not
        approved it yet, officials first: what stands between the minutes and a release with
        every approval. Empty when everyone has, and when no version is in review. The one
        definition of "all approved", for the editor and the release (minutes_release)."""
        reviews = self.reviews.current().not_approved().select_related("reviewer")
        sign_offs = self.sign_offs.current().not_approved().select_related("person")
        return [str(request.asked) for request in [*reviews, *sign_offs]]

    @property
    def events(self):
        """The log of the minutes (core.activity), oldest first."""
        return activity.events_of(self)


@actions.register
class MinutesAction(models.TextChoices):
    """What is recorded of the minutes in the activity log (core.activity)."""

    STARTED = "minutes.started", _("minutes started")
    SENT_FOR_REVIEW = "minutes.sent_for_review", _("minutes sent for review")
    REVIEWED = "minutes.reviewed", _("verdict on the minutes")
    SIGNED_OFF = "minutes.signed_off", _("answer on the sign-off")
    RELEASED = "minutes.released", _("minutes released")
    RELEASED_WITHOUT_APPROVALS = (
        "minutes.released_without_approvals",
        _("minutes released without every approval"),
    )
    CORRECTION_STARTED = "minutes.correction_started", _("correction started")


class MinutesItemQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        minutes_ids = {obj.minutes_id for obj in objs}
        if Minutes.objects.filter(pk__in=minutes_ids).released().exists():
            raise FrozenError("Released minutes cannot be changed.")
        return super().bulk_create(objs, *args, **kwargs)

    def _of_released_minutes(self) -> bool:
        return Minutes.objects.filter(pk__in=self.values("minutes_id")).released().exists()

    def update(self, **kwargs):
        if self._of_released_minutes():
            raise FrozenError("Released minutes cannot be changed.")
        return super().update(**kwargs)

    def delete(self):
        if self._of_released_minutes():
            raise FrozenError("Released minutes cannot be changed.")
        return super().delete()


class MinutesItem(models.Model):
    """The notes on one agenda item: what was discussed and what was agreed."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=pgettext_lazy("meeting notes", "minutes"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("order"))
    title = models.CharField(_("title"), max_length=200)
    notes = bounded_text_field(
        _("notes"), blank=True, help_text=_("What was discussed. Markdown."), max_length=LONG_TEXT
    )
    agreed = bounded_text_field(
        _("agreed"), blank=True, help_text=_("What was agreed or decided. Markdown."), max_length=LONG_TEXT
    )

    objects = MinutesItemQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("historical minutes item"))

    class Meta:
        verbose_name = _("minutes item")
        verbose_name_plural = _("minutes items")
        ordering = ["position", "id"]
        constraints = [
            length_constraint("minutesitem", "agreed", LONG_TEXT),
            length_constraint("minutesitem", "notes", LONG_TEXT),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if Minutes.objects.filter(pk=self.minutes_id).released().exists():
            raise FrozenError("Released minutes cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        MinutesItem.objects.filter(pk=self.pk).delete()


class FrozenQuerySet(models.QuerySet):
    """Rows that are written once and never changed: versions and releases."""

    def update(self, **kwargs):
        raise FrozenError("Released minutes cannot be changed.")

    def delete(self):
        raise FrozenError("Released minutes cannot be changed.")


class FrozenModel(models.Model):
    objects = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise FrozenError("Released minutes cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenError("Released minutes cannot be changed.")


class MinutesVersion(FrozenModel):
    """A snapshot of the minutes as sent for review or released; never changed."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=pgettext_lazy("meeting notes", "minutes"),
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    # PROTECT, not SET_NULL: the database refuses to change a version (minutes.archive), so
    # an account that wrote one is closed by anonymising it, never deleted.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="one_minutes_version_per_number")
        ]

    def __str__(self):
        return f"{self.minutes} v{self.number}"


class MinutesRelease(FrozenModel):
    """A released version with its archival PDF. A correction is a new release."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.PROTECT,
        related_name="releases",
        verbose_name=pgettext_lazy("meeting notes", "minutes"),
    )
    version = models.OneToOneField(
        MinutesVersion, on_delete=models.PROTECT, related_name="release", verbose_name=_("version")
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("released by"),
    )
    # Kept as text too: the record must name who released it even if the account is removed.
    released_by_name = models.CharField(_("released by"), max_length=200, blank=True)
    released_at = models.DateTimeField(_("released"), default=timezone.now)
    approvals = models.JSONField(_("approved by"), default=list)
    sign_offs = models.JSONField(_("signed off by"), default=list)
    override_reason = bounded_text_field(
        _("released without every approval, because"), blank=True, max_length=SHORT_TEXT
    )
    correction_reason = bounded_text_field(_("reason for the correction"), blank=True, max_length=SHORT_TEXT)
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The hash chain of every release (minutes.archive): this release's link, and the link of
    # the release before it ("" for the first). Unique: the chain never forks.
    previous_chain_hash = models.CharField(_("previous link in the archive chain"), max_length=64)
    chain_hash = models.CharField(_("link in the archive chain"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("released minutes")
        verbose_name_plural = _("released minutes")
        ordering = ["released_at", "id"]
        # The newest releases: the municipality's Atom feed (pages.feeds).
        indexes = [models.Index(fields=["-released_at", "-id"], name="release_newest")]
        constraints = [
            length_constraint("minutesrelease", "correction_reason", SHORT_TEXT),
            length_constraint("minutesrelease", "override_reason", SHORT_TEXT),
            models.UniqueConstraint(fields=["previous_chain_hash"], name="archive_chain_never_forks"),
        ]

    def __str__(self):
        return f"{self.minutes} v{self.version.number}"

    def get_pdf_url(self):
        return reverse(
            "minutes:pdf_version", kwargs={"pk": self.minutes.meeting_id, "number": self.version.number}
        )


class RequestQuerySet(VerdictQuerySet):
    """Requests to review or sign off one version of the minutes."""

    def current(self):
        """The requests whose answer still counts: those about the version now in review.
        Sending a newer version supersedes them; releasing closes them. `is_current` says
        the same of one request (tests/minutes/test_models.py keeps the two in step)."""
        return self.filter(
            minutes__status=Minutes.Status.IN_REVIEW, version_number=models.F("minutes__version")
        )

    def pending(self):
        """Current requests not answered yet: the tasks on *Mina möten* and *Mina grupper*."""
        return self.current().filter(verdict=Verdict.PENDING)

    def approved(self):
        return self.filter(verdict=Verdict.APPROVED)


class MinutesRequest(VerdictRequest):
    """What a review and a sign-off of the minutes share: each asks one person about one version."""

    version_number = models.PositiveIntegerField(_("version"))

    objects = RequestQuerySet.as_manager()

    class Meta(VerdictRequest.Meta):
        abstract = True

    @property
    def is_current(self) -> bool:
        """RequestQuerySet.current() for one request."""
        return self.minutes.is_in_review and self.version_number == self.minutes.version

    @property
    def is_superseded(self) -> bool:
        """A newer version has been sent since this request."""
        return self.version_number < self.minutes.version


class MinutesReview(MinutesRequest):
    """Anchoring of the minutes: one official's verdict on one version."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=pgettext_lazy("meeting notes", "minutes"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="minutes_reviews",
        verbose_name=_("reviewer"),
    )
    comment = bounded_text_field(_("general comment"), blank=True, max_length=TEXT)

    class Meta(MinutesRequest.Meta):
        verbose_name = _("minutes review")
        verbose_name_plural = _("minutes reviews")
        ordering = ["version_number", "requested_at", "id"]
        constraints = [
            *VerdictRequest.Meta.constraints,
            models.UniqueConstraint(
                fields=["minutes", "reviewer", "version_number"],
                name="one_minutes_review_per_reviewer_and_version",
            ),
        ]


class MinutesComment(models.Model):
    """A reviewer's comment on one item of the minutes."""

    review = models.ForeignKey(
        MinutesReview, on_delete=models.CASCADE, related_name="comments", verbose_name=_("review")
    )
    item = models.ForeignKey(
        MinutesItem,
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("item of the minutes"),
    )
    text = bounded_text_field(_("comment"), max_length=TEXT)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["created_at", "id"]
        constraints = [length_constraint("minutescomment", "text", TEXT)]

    def __str__(self):
        return self.text[:60]


class SignOff(MinutesRequest):
    """Justering: a representative of the group checks the minutes before release."""

    asked_field = "person"
    # The verdicts of every review, in the words of a sign-off.
    verdict = models.CharField(
        _("verdict"),
        max_length=16,
        choices=[
            (Verdict.PENDING, pgettext_lazy("sign-off", "waiting")),
            (Verdict.APPROVED, pgettext_lazy("sign-off", "confirmed")),
            (Verdict.COMMENTED, pgettext_lazy("sign-off", "commented")),
        ],
        default=Verdict.PENDING,
    )

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="sign_offs",
        verbose_name=pgettext_lazy("meeting notes", "minutes"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="minutes_sign_offs",
        verbose_name=_("person"),
    )

    class Meta(MinutesRequest.Meta):
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["version_number", "id"]
        constraints = [
            *VerdictRequest.Meta.constraints,
            models.UniqueConstraint(
                fields=["minutes", "person", "version_number"], name="one_sign_off_per_person_and_version"
            ),
        ]
