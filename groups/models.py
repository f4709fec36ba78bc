import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import actions
from core.fields import (
    TEXT,
    bounded_text_field,
    date_in_range_constraint,
    length_constraint,
    validate_date_year,
)
from core.states import Transitions
from groups.validators import normalise_organisation_number, validate_organisation_number

# Current: not ended. The one definition of a current membership and a current main-contact
# period, for the querysets, the constraints and the rules (groups.rules.is_current_member).
CURRENT = Q(end__isnull=True)


class Area(models.Model):
    """A service town (serviceort) or development area (utvecklingsområde). Areas have no
    fixed borders: people choose the group they belong to themselves."""

    class Kind(models.TextChoices):
        SERVICE_TOWN = "service_town", _("service town")
        DEVELOPMENT_AREA = "development_area", _("development area")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.SERVICE_TOWN)
    description = bounded_text_field(_("description"), max_length=TEXT, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [length_constraint("area", "description", TEXT)]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:area", kwargs={"slug": self.slug})


class Group(models.Model):
    """The local development group (lokal utvecklingsgrupp) of one area."""

    area = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="group", verbose_name=_("area"))
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = bounded_text_field(_("description"), max_length=TEXT, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("local development group")
        verbose_name_plural = _("local development groups")
        ordering = ["area__name"]
        constraints = [length_constraint("group", "description", TEXT)]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:detail", kwargs={"slug": self.area.slug})

    @property
    def slug(self):
        return self.area.slug


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        NON_PROFIT = "non_profit", _("non-profit organisation")
        BUSINESS = "business", _("business organisation")
        COMMUNITY_ASSOCIATION = "community_association", _("community association")
        PARISH_COUNCIL = "parish_council", _("parish council")
        OTHER = "other", _("other")

    # The operational plan: the main contact preferably comes from the community
    # association, the parish council or another suitable association.
    MAIN_CONTACT_KINDS = frozenset({Kind.COMMUNITY_ASSOCIATION, Kind.PARISH_COUNCIL, Kind.ASSOCIATION})

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.ASSOCIATION)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Optional. Ten digits, for example 802000-1234."),
    )
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="organisations", verbose_name=_("areas"))
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "Organisations proposed by invited representatives wait for the coordinator to confirm them."
        ),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="organisation_name_unique",
                violation_error_message=_("There is already an organisation with this name."),
            ),
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~Q(organisation_number=""),
                name="organisation_number_unique",
                violation_error_message=_("There is already an organisation with this organisation number."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.organisation_number = normalise_organisation_number(self.organisation_number)

    @property
    def organisation_number_display(self):
        number = self.organisation_number
        return f"{number[:6]}-{number[6:]}" if len(number) == 10 else number

    @property
    def suits_main_contact(self) -> bool:
        return self.kind in self.MAIN_CONTACT_KINDS


class MembershipQuerySet(models.QuerySet):
    def current(self):
        """Who represents whom in which group now: the representatives (Membership.is_current
        asks the same of one membership)."""
        return self.filter(CURRENT)

    def former(self):
        return self.exclude(CURRENT)


class Membership(models.Model):
    """A person representing an organisation in a group. Ending it keeps it as history."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("group")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("For example chair, secretary or member.")
    )
    start = models.DateField(_("start"), default=timezone.localdate, validators=[validate_date_year])
    end = models.DateField(_("end"), null=True, blank=True, validators=[validate_date_year])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["person__full_name", "-start"]
        indexes = [
            # A group's current members: counted on every list of groups, read by every
            # permission that asks "is a current member".
            models.Index(fields=["group"], condition=CURRENT, name="membership_current_per_group"),
        ]
        constraints = [
            date_in_range_constraint("membership", "start"),
            date_in_range_constraint("membership", "end"),
            models.UniqueConstraint(
                fields=["person", "group"],
                condition=CURRENT,
                name="one_current_membership_per_person_and_group",
                violation_error_message=_("This person is already a member of the group."),
            ),
            models.CheckConstraint(
                condition=CURRENT | Q(end__gte=F("start")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.organisation}), {self.group}"

    def clean(self):
        super().clean()
        if self.start is not None and self.start > timezone.localdate():
            raise ValidationError(
                {"start": ValidationError(_("A membership cannot start in the future."), code="future_start")}
            )

    @property
    def is_current(self) -> bool:
        """MembershipQuerySet.current() for one membership."""
        return self.end is None


@actions.register
class MembershipAction(models.TextChoices):
    """What is recorded of a membership in the activity log (core.activity)."""

    ADDED = "membership.added", _("membership added")
    ENDED = "membership.ended", _("membership ended")


@actions.register
class GroupAction(models.TextChoices):
    """What is recorded of a group in the activity log (core.activity)."""

    MAIN_CONTACT_HANDED_OVER = "group.main_contact_handed_over", _("main contact handed over")


class MainContactPeriodQuerySet(models.QuerySet):
    def current(self):
        """The period going on now: at most one per group (a constraint)."""
        return self.filter(CURRENT)


class MainContactPeriod(models.Model):
    """One period as the group's main contact person (huvudsaklig kontaktperson).
    The role rotates; the periods are its history."""

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="main_contact_periods", verbose_name=_("group")
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="main_contact_periods",
        verbose_name=_("membership"),
    )
    start = models.DateField(_("start"), default=timezone.localdate, validators=[validate_date_year])
    end = models.DateField(_("end"), null=True, blank=True, validators=[validate_date_year])
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("appointed by"),
    )

    objects = MainContactPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("main contact period")
        verbose_name_plural = _("main contact periods")
        ordering = ["-start", "-id"]
        constraints = [
            date_in_range_constraint("maincontactperiod", "start"),
            date_in_range_constraint("maincontactperiod", "end"),
            models.UniqueConstraint(
                fields=["group"],
                condition=CURRENT,
                name="one_current_main_contact_per_group",
                violation_error_message=_("The group already has a current main contact person."),
            ),
            models.CheckConstraint(
                condition=CURRENT | Q(end__gte=F("start")),
                name="main_contact_period_ends_after_start",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.membership.person} ({self.start}–{self.end or ''})"


def hash_invitation_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor revoked: the coordinator can still send it again or revoke it
        (Invitation.is_pending asks the same of one invitation)."""
        return self.filter(status__in=Invitation.PENDING_STATES)

    def open(self):
        """Pending and still valid: the link works."""
        return self.pending().filter(expires_at__gt=timezone.now())

    def expired(self):
        """Pending, but the link has run out: shown as "expired"."""
        return self.pending().filter(expires_at__lte=timezone.now())


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REVOKED = "revoked", _("revoked")

    # A pending invitation is sent again (a new link; it stays pending), accepted or revoked;
    # accepted and revoked are final.
    TRANSITIONS = Transitions(
        {
            Status.PENDING: {Status.PENDING, Status.ACCEPTED, Status.REVOKED},
            Status.ACCEPTED: set(),
            Status.REVOKED: set(),
        }
    )
    # Waiting for the invitee: what can still be revoked.
    PENDING_STATES = TRANSITIONS.sources(Status.REVOKED)

    # Shown in lists: a pending invitation whose link has run out is "expired" (a display
    # state, not a state of its own: sending it again renews the link).
    EXPIRED = "expired"
    DISPLAY_STATUSES = [*Status.choices, (EXPIRED, _("expired"))]

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("group")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("on behalf of organisation"),
    )
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("token hash"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    last_sent_at = models.DateTimeField(_("last sent"), default=timezone.now)
    send_count = models.PositiveIntegerField(_("times sent"), default=1)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    membership = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resulting membership"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_group_and_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.group}"

    @property
    def is_pending(self) -> bool:
        """InvitationQuerySet.pending() for one invitation."""
        return self.status in self.PENDING_STATES

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_expired(self) -> bool:
        return self.is_pending and self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.is_pending and not self.is_expired

    @property
    def display_status(self) -> str:
        return self.EXPIRED if self.is_expired else self.status

    def get_display_status_display(self):
        return dict(self.DISPLAY_STATUSES)[self.display_status]


@actions.register
class InvitationAction(models.TextChoices):
    """What is recorded of an invitation in the activity log (core.activity)."""

    SENT = "invitation.sent", _("invitation sent")
    SENT_AGAIN = "invitation.sent_again", _("invitation sent again")
    REVOKED = "invitation.revoked", _("invitation revoked")
    ACCEPTED = "invitation.accepted", _("invitation accepted")


class ElectedRepresentative(models.Model):
    """A politician (förtroendevald) who follows the groups: they read the groups, the reports
    and the issues referred to their committees, and answer whether they come to the meetings
    with elected representatives of the areas they follow. They change nothing else. Here,
    beside Membership, because like it this links a person to areas."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="elected_representative",
        verbose_name=_("person"),
    )
    party = models.CharField(_("party"), max_length=200, blank=True)
    committees = models.ManyToManyField(
        "officials.Committee",
        blank=True,
        related_name="elected_representatives",
        verbose_name=_("committees"),
    )
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="elected_representatives",
        verbose_name=_("areas followed"),
        help_text=_("They are invited to the meetings with elected representatives of these areas."),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Untick when their term ends."))

    class Meta:
        verbose_name = _("elected representative")
        verbose_name_plural = _("elected representatives")
        ordering = ["user__full_name"]

    def __str__(self):
        return f"{self.user.full_name} ({self.party})" if self.party else self.user.full_name

    def follows(self, area_id) -> bool:
        """Whether they follow the area: the ids are read once per object (a page asks often)."""
        if not hasattr(self, "_area_ids"):
            self._area_ids = set(self.areas.values_list("pk", flat=True))
        return area_id in self._area_ids

    def sits_on(self, committee_id) -> bool:
        if not hasattr(self, "_committee_ids"):
            self._committee_ids = set(self.committees.values_list("pk", flat=True))
        return committee_id in self._committee_ids
