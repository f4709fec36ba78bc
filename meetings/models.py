from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core import actions, activity
from core.conditions import holds, through
from core.fields import LONG_TEXT, SHORT_TEXT, TEXT, bounded_text_field, length_constraint
from core.once import form_token_field
from core.reviews import VerdictRequest
from core.states import Transitions
from groups.models import ElectedRepresentative, Group, Membership, Organisation
from officials.models import Committee, Department


class MeetingKind(models.TextChoices):
    GROUP_MEETING = "group_meeting", _("group meeting")
    SAFETY_DIALOGUE = "safety_dialogue", _("safety dialogue")
    ELECTED_REPRESENTATIVES = "elected_representatives", _("meeting with elected representatives")
    OTHER_DIALOGUE = "other_dialogue", _("other dialogue")


class MeetingRound(models.Model):
    """Meetings scheduled together from one template, e.g. the yearly meeting of every group."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=32, choices=MeetingKind.choices, default=MeetingKind.GROUP_MEETING
    )
    proposal_days_before = models.PositiveIntegerField(
        _("proposal deadline, days before the meeting"), default=14
    )
    groups = models.ManyToManyField(Group, related_name="+", verbose_name=_("groups"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The token of the form that started the round: sending that form again (a double click,
    # or going back and pressing again) continues this round instead of starting another.
    form_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, verbose_name=_("form token")
    )

    class Meta:
        verbose_name = _("meeting round")
        verbose_name_plural = _("meeting rounds")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:round", kwargs={"pk": self.pk})

    def meeting_for(self, group, *, starts_at, ends_at, venue_name="", venue_address="") -> "Meeting":
        """The unsaved meeting the round schedules for one group: the round's kind and title, and
        the deadline for proposals the round's number of days before the start, at the same
        local time of day."""
        return Meeting(
            group=group,
            round=self,
            kind=self.kind,
            title=self.title,
            starts_at=starts_at,
            ends_at=ends_at,
            venue_name=venue_name,
            venue_address=venue_address,
            proposal_deadline=(
                None
                if starts_at is None
                else timezone.localtime(starts_at) - timedelta(days=self.proposal_days_before)
            ),
        )

    def validate_meeting(self, meeting, *, exclude=()) -> None:
        """Every meeting's rules (Meeting.validate), and the round's own: its meetings are opened
        for proposals later, so their deadline must still be ahead."""
        errors = {}
        try:
            meeting.validate(committees=(), exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if meeting.proposal_deadline is not None and meeting.proposal_deadline <= timezone.now():
            errors.setdefault("proposal_deadline", []).append(
                ValidationError(
                    _(
                        "The deadline for proposals (%(days)s days before) would already have passed. "
                        "Choose a later date."
                    )
                    % {"days": self.proposal_days_before},
                    code="deadline_passed",
                )
            )
        if errors:
            raise ValidationError(errors)


# The questions about a meeting's state, each written once as a condition (core.conditions):
# the queryset methods filter by them, the Meeting properties of the same name evaluate them on
# one meeting, and other models filter by them through their meeting.


def accepting_proposals(now=None) -> Q:
    """Open for agenda proposals: the call for proposals is out and its deadline has not passed."""
    return calling_for_proposals() & Q(proposal_deadline__gt=now or timezone.now())


def calling_for_proposals() -> Q:
    """The call for proposals is out (its deadline may have passed): until the agenda goes to
    anchoring."""
    return Q(status=Meeting.Status.OPEN)


def accepting_answers(now=None) -> Q:
    """The group can say whether they come: once the meeting is announced, until it starts."""
    announced = [Meeting.Status.OPEN, Meeting.Status.IN_REVIEW, Meeting.Status.PUBLISHED]
    return Q(status__in=announced, starts_at__gt=now or timezone.now())


def agenda_changeable() -> Q:
    """The agenda can still change: in every state that leads to publishing it."""
    return Q(status__in=Meeting.TRANSITIONS.leading_to(Meeting.Status.PUBLISHED))


def in_anchoring() -> Q:
    """The draft agenda is with the officials' group for anchoring."""
    return Q(status=Meeting.Status.IN_REVIEW)


def published() -> Q:
    """The agenda is published and the meeting not yet marked as held (nor cancelled)."""
    return Q(status=Meeting.Status.PUBLISHED)


def not_marked_held(now=None) -> Q:
    """Published meetings that have started but were never marked as held: the coordinator has a
    step left, and they count neither as planned nor as held."""
    return published() & Q(starts_at__lte=now or timezone.now())


def held() -> Q:
    return Q(status=Meeting.Status.HELD)


def cancelled() -> Q:
    return Q(status=Meeting.Status.CANCELLED)


def concluded() -> Q:
    """Held or cancelled: nothing more happens to the meeting, it is a record."""
    return Q(status__in=Meeting.TRANSITIONS.final_states())


def planned(now=None) -> Q:
    """Planned or held: what the year overview counts, without those never marked as held."""
    return ~cancelled() & ~not_marked_held(now)


class MeetingQuerySet(models.QuerySet):
    def accepting_proposals(self, now=None):
        """Open for agenda proposals (Meeting.accepts_proposals asks the same of one meeting)."""
        return self.filter(accepting_proposals(now))

    def not_marked_held(self, now=None):
        return self.filter(not_marked_held(now))

    def planned(self, now=None):
        return self.filter(planned(now))

    def held(self):
        return self.filter(held())

    def published(self):
        return self.filter(published())

    def not_cancelled(self):
        return self.exclude(cancelled())


class Meeting(models.Model):
    Kind = MeetingKind

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open for proposals")
        IN_REVIEW = "in_review", _("agenda in review")
        PUBLISHED = "published", _("agenda published")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    # Each move has one service (meetings.services.lifecycle) that asks this table. A draft can
    # go to anchoring without a call for proposals; anchoring does not go back (changing the
    # agenda in anchoring asks the officials again instead).
    TRANSITIONS = Transitions(
        {
            Status.DRAFT: {Status.OPEN, Status.IN_REVIEW, Status.CANCELLED},
            Status.OPEN: {Status.IN_REVIEW, Status.CANCELLED},
            Status.IN_REVIEW: {Status.PUBLISHED, Status.CANCELLED},
            Status.PUBLISHED: {Status.HELD, Status.CANCELLED},
            Status.HELD: set(),
            Status.CANCELLED: set(),
        }
    )

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("group")
    )
    round = models.ForeignKey(
        MeetingRound,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("round"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.GROUP_MEETING)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    proposal_deadline = models.DateTimeField(_("deadline for agenda proposals"))
    committees = models.ManyToManyField(
        Committee, blank=True, related_name="meetings", verbose_name=_("committees attending")
    )
    elected_representatives = bounded_text_field(
        _("elected representatives attending"),
        blank=True,
        help_text=_("One name a line, with party or committee."),
        max_length=SHORT_TEXT,
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    cancellation_reason = bounded_text_field(_("reason for cancelling"), blank=True, max_length=SHORT_TEXT)
    # Raised whenever time or place changes, so calendars update the event (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("calendar sequence"))
    # Raised by every change to the agenda: a stale form is refused instead of overwriting.
    agenda_version = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("agenda version"))
    # Set when the group is first told (opened for proposals): from then on the members see it.
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [
            # A group's meetings in time order or in a window: the year overview's counts per
            # group and year, the area page, the start page's next meeting, the calendar feed.
            models.Index(fields=["group", "starts_at"], name="meeting_group_starts"),
            # Every group's meetings of one year (the year overview's prefetch, the reports).
            models.Index(fields=["starts_at"], name="meeting_starts"),
            # The newest published agendas: the municipality's Atom feed (pages.feeds).
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(published_at__isnull=False),
                name="meeting_published_newest",
            ),
        ]
        constraints = [
            length_constraint("meeting", "cancellation_reason", SHORT_TEXT),
            length_constraint("meeting", "elected_representatives", SHORT_TEXT),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(proposal_deadline__lte=F("starts_at")),
                name="meeting_deadline_before_start",
                violation_error_message=_("The deadline for proposals must be before the meeting starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("pages:meeting", kwargs={"pk": self.pk})

    # The form fields of a meeting's details that clean() and the constraints check (the rest of
    # the model's fields are set by the services).
    DETAIL_FIELDS = (
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "venue_name",
        "venue_address",
        "proposal_deadline",
        "elected_representatives",
    )

    def clean(self):
        """The rules of the details, each next to its field. The database's constraints keep the
        times in order too; here the deadline must come strictly before the start, so that
        proposals close before the meeting opens."""
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The meeting must end after it starts."), code="ends_too_early"
            )
        if self.starts_at and self.proposal_deadline and self.proposal_deadline >= self.starts_at:
            errors["proposal_deadline"] = ValidationError(
                _("The deadline for proposals must be before the meeting starts."), code="deadline_too_late"
            )
        if self.kind == MeetingKind.GROUP_MEETING and not self.venue_name.strip():
            errors["venue_name"] = ValidationError(
                _("A group meeting is physical: give the venue in the area."), code="no_venue"
            )
        if errors:
            raise ValidationError(errors)

    def clean_attendees(self, committees) -> None:
        """A meeting with elected representatives names them or their committees. Apart from
        clean(): the committees are a many-to-many relation, set once the meeting is saved."""
        if (
            self.kind == MeetingKind.ELECTED_REPRESENTATIVES
            and not committees
            and not self.elected_representatives.strip()
        ):
            raise ValidationError(
                {
                    "elected_representatives": ValidationError(
                        _("Name the elected representatives or committees who attend."),
                        code="no_elected_representatives",
                    )
                }
            )

    def validate(self, *, committees, exclude=()) -> None:
        """Every rule of the meeting's details, the same for the services and the forms: the
        fields, clean(), the constraints and the attendees. Fields in `exclude` (those a form
        could not read) are not checked. One ValidationError by model field."""
        errors = {}
        try:
            self.full_clean(
                exclude=[*exclude, *(f.name for f in self._meta.fields if f.name not in self.DETAIL_FIELDS)],
                validate_unique=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self.clean_attendees(committees)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        """Once the agenda is published the meeting is public, also if later cancelled."""
        return self.published_at is not None

    @property
    def events(self):
        """The meeting's log: every transition, who and when (core.activity)."""
        return activity.events_of(self)

    @property
    def is_announced(self) -> bool:
        return self.announced_at is not None

    # The state questions, each the one condition of the same name above (see MeetingQuerySet).

    @property
    def accepts_proposals(self) -> bool:
        return holds(self, accepting_proposals())

    @property
    def calls_for_proposals(self) -> bool:
        return holds(self, calling_for_proposals())

    @property
    def accepts_answers(self) -> bool:
        return holds(self, accepting_answers())

    @property
    def agenda_can_change(self) -> bool:
        return holds(self, agenda_changeable())

    @property
    def is_in_anchoring(self) -> bool:
        return holds(self, in_anchoring())

    @property
    def is_published(self) -> bool:
        return holds(self, published())

    @property
    def is_not_marked_held(self) -> bool:
        return holds(self, not_marked_held())

    @property
    def is_held(self) -> bool:
        return holds(self, held())

    @property
    def is_cancelled(self) -> bool:
        return holds(self, cancelled())

    @property
    def is_concluded(self) -> bool:
        return holds(self, concluded())

    # What the table allows next, for the coordinator's page.

    @property
    def can_be_opened(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.OPEN)

    @property
    def can_be_sent_for_anchoring(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.IN_REVIEW)

    @property
    def can_be_published(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.PUBLISHED)

    @property
    def can_be_marked_held(self) -> bool:
        """Once the meeting has started (meeting_mark_held refuses earlier)."""
        return self.TRANSITIONS.allows(self.status, self.Status.HELD) and self.has_started

    @property
    def can_be_cancelled(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.CANCELLED)

    def invites_elected_representative(self, representative) -> bool:
        """A meeting with elected representatives invites those who follow its group's area
        (groups.ElectedRepresentative); they answer whether they come."""
        return (
            representative is not None
            and self.kind == MeetingKind.ELECTED_REPRESENTATIVES
            and representative.follows(self.group.area_id)
        )

    def invited_elected_representatives(self):
        """The same rule as a query: the active elected representatives following the area of
        a meeting with elected representatives (whom its mails go to)."""
        if self.kind != MeetingKind.ELECTED_REPRESENTATIVES:
            return ElectedRepresentative.objects.none()
        return ElectedRepresentative.objects.filter(
            active=True, user__is_active=True, areas=self.group.area_id
        )

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.starts_at

    @property
    def venue(self) -> str:
        return ", ".join(part for part in (self.venue_name, self.venue_address) if part)


@actions.register
class MeetingAction(models.TextChoices):
    """What is recorded of a meeting in the activity log (core.activity)."""

    CREATED = "meeting.created", _("created")
    OPENED = "meeting.opened", _("opened for proposals")
    SENT_FOR_REVIEW = "meeting.sent_for_review", _("agenda sent for anchoring")
    REVIEWED = "meeting.reviewed", _("verdict on the agenda")
    PUBLISHED = "meeting.published", _("agenda published")
    PUBLISHED_WITHOUT_APPROVALS = (
        "meeting.published_without_approvals",
        _("agenda published without every approval"),
    )
    HELD = "meeting.held", _("marked as held")
    CANCELLED = "meeting.cancelled", _("cancelled")
    RESCHEDULED = "meeting.rescheduled", _("time or place changed")
    OFFICIALS_CONFIRMED = "meeting.officials_confirmed", _("officials confirmed")
    ATTENDANCE_RECORDED = "meeting.attendance_recorded", _("attendance recorded")


class StandingItem(models.Model):
    """The template of standing agenda items every new meeting starts with."""

    class Placement(models.TextChoices):
        START = "start", _("at the start")
        END = "end", _("at the end")

    title = models.CharField(_("title"), max_length=200)
    description = bounded_text_field(_("description"), blank=True, max_length=TEXT)
    placement = models.CharField(
        _("placement"), max_length=8, choices=Placement.choices, default=Placement.START
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    duration_minutes = models.PositiveIntegerField(_("minutes"), default=10)
    lists_open_issues = models.BooleanField(
        _("lists the group's open issues"),
        default=False,
        help_text=_("The follow-up item: the group's open issues are listed under it."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("standing agenda item")
        verbose_name_plural = _("standing agenda items")
        ordering = ["placement", "position", "id"]
        constraints = [length_constraint("standingitem", "description", TEXT)]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
    description = bounded_text_field(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links."), max_length=LONG_TEXT
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="agenda_items", verbose_name=_("departments concerned")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    duration_minutes = models.PositiveIntegerField(_("minutes"), default=15)
    standing = models.BooleanField(_("standing item"), default=False)
    # A standing item that closes the meeting: new items go before it.
    closing = models.BooleanField(_("closes the meeting"), default=False)
    lists_open_issues = models.BooleanField(_("lists the group's open issues"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    history = HistoricalRecords(verbose_name=_("historical agenda item"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]
        constraints = [length_constraint("agendaitem", "description", LONG_TEXT)]

    def __str__(self):
        return self.title


class PublishedIssue(models.Model):
    """One of the group's open issues as it stood when the agenda was published. A published
    agenda is a record: its follow-up item keeps listing these, not the issues open today.

    Plain data (the issue's number, title, status and who answers it) rather than a foreign
    key, because the issues app builds on this one (issues.models imports meetings.models)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="published_issues", verbose_name=_("meeting")
    )
    issue_id = models.PositiveIntegerField(_("issue number"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=32)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    # The issue's latest published update when the agenda was published (its text and when).
    latest_update = bounded_text_field(_("latest update"), blank=True, max_length=LONG_TEXT)
    latest_update_at = models.DateTimeField(_("latest update published"), null=True, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("issue on the published agenda")
        verbose_name_plural = _("issues on the published agenda")
        ordering = ["meeting", "position", "id"]
        constraints = [length_constraint("publishedissue", "latest_update", LONG_TEXT)]

    def __str__(self):
        return self.title


def waiting() -> Q:
    """A proposal waiting for the coordinator's decision."""
    return Q(status=Proposal.Status.SUBMITTED)


class ProposalQuerySet(models.QuerySet):
    def awaiting_curation(self):
        """Waiting while their meeting's agenda can still change (Proposal.awaits_curation)."""
        return self.filter(waiting(), through("meeting", agenda_changeable()))


class Proposal(models.Model):
    """An agenda item proposed by a representative (förslag till dagordningspunkt)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "waiting")
        ACCEPTED = "accepted", pgettext_lazy("proposal status", "accepted")
        DECLINED = "declined", pgettext_lazy("proposal status", "declined")
        MERGED = "merged", pgettext_lazy("proposal status", "merged")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "withdrawn")

    # The coordinator decides (meetings.services.curation), the proposer may withdraw while it
    # waits (meetings.services.proposals); taking its item off the agenda sends an accepted or
    # merged proposal back to waiting.
    TRANSITIONS = Transitions(
        {
            Status.SUBMITTED: {Status.ACCEPTED, Status.DECLINED, Status.MERGED, Status.WITHDRAWN},
            Status.ACCEPTED: {Status.SUBMITTED},
            Status.MERGED: {Status.SUBMITTED},
            Status.DECLINED: set(),
            Status.WITHDRAWN: set(),
        }
    )

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("meeting")
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("proposed by"),
    )
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200)
    description = bounded_text_field(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links."), max_length=LONG_TEXT
    )
    hoped_outcome = bounded_text_field(_("what you hope for"), blank=True, max_length=SHORT_TEXT)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="proposals", verbose_name=_("departments concerned")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    decline_reason = bounded_text_field(_("reason"), blank=True, max_length=SHORT_TEXT)
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("agenda item"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The token of the form that sent the proposal: sending that form again stores nothing new.
    form_token = form_token_field()
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item proposal")
        verbose_name_plural = _("agenda item proposals")
        ordering = ["created_at", "id"]
        constraints = [
            # A token is its sender's (core.once).
            models.UniqueConstraint(fields=["proposer", "form_token"], name="one_proposal_per_form"),
            length_constraint("proposal", "decline_reason", SHORT_TEXT),
            length_constraint("proposal", "hoped_outcome", SHORT_TEXT),
            length_constraint("proposal", "description", LONG_TEXT),
        ]

    def __str__(self):
        return self.title

    @property
    def is_waiting(self) -> bool:
        return holds(self, waiting())

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_declined(self) -> bool:
        return self.status == self.Status.DECLINED

    @property
    def is_merged(self) -> bool:
        return self.status == self.Status.MERGED

    @property
    def is_on_the_agenda(self) -> bool:
        """Accepted as an item, or merged into one."""
        return self.is_accepted or self.is_merged

    @property
    def awaits_curation(self) -> bool:
        """Waiting while its meeting's agenda can still change: the coordinator can decide it, and
        the proposer edit or withdraw it. (A proposal still waiting when the agenda was
        published was left out of it.)"""
        return self.is_waiting and self.meeting.agenda_can_change  # ProposalQuerySet.awaiting_curation


@actions.register
class ProposalAction(models.TextChoices):
    """What is recorded of a proposal in the activity log (core.activity)."""

    SUBMITTED = "proposal.submitted", pgettext_lazy("proposal action", "proposed")
    ACCEPTED = "proposal.accepted", pgettext_lazy("proposal action", "accepted onto the agenda")
    MERGED = "proposal.merged", pgettext_lazy("proposal action", "merged into an agenda item")
    DECLINED = "proposal.declined", pgettext_lazy("proposal action", "declined")
    WITHDRAWN = "proposal.withdrawn", pgettext_lazy("proposal action", "withdrawn by the proposer")
    RETURNED = (
        "proposal.returned",
        pgettext_lazy("proposal action", "waiting again: its agenda item was removed"),
    )


class MeetingOfficial(models.Model):
    """An official the coordinator has confirmed to attend."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="official_attendances", verbose_name=_("meeting")
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
        verbose_name=_("official"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(default=timezone.now, verbose_name=_("confirmed at"))

    class Meta:
        verbose_name = _("attending official")
        verbose_name_plural = _("attending officials")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "official"], name="one_attendance_per_official")
        ]

    def __str__(self):
        return f"{self.official} @ {self.meeting}"


class AgendaReview(VerdictRequest):
    """Anchoring: one official's verdict on the draft agenda."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("meeting")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agenda_reviews",
        verbose_name=_("reviewer"),
    )

    class Meta(VerdictRequest.Meta):
        verbose_name = _("agenda review")
        verbose_name_plural = _("agenda reviews")
        ordering = ["requested_at", "id"]
        constraints = [
            *VerdictRequest.Meta.constraints,
            models.UniqueConstraint(fields=["meeting", "reviewer"], name="one_review_per_reviewer"),
        ]


def not_approved(reviews) -> list[AgendaReview]:
    """The verdicts on an agenda that are not approvals: publishing while there are any needs the
    coordinator's explicit confirmation (meeting_publish; the manage page asks for it)."""
    return [review for review in reviews if not review.is_approved]


class Rsvp(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("coming")
        NO = "no", _("not coming")
        MAYBE = "maybe", _("maybe")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="rsvps", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps", verbose_name=_("person")
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    others = bounded_text_field(
        _("others from your organisation who come"),
        blank=True,
        help_text=_("One name a line."),
        max_length=SHORT_TEXT,
    )
    answered_at = models.DateTimeField(default=timezone.now, verbose_name=_("answered at"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            length_constraint("rsvp", "others", SHORT_TEXT),
            models.UniqueConstraint(fields=["meeting", "person"], name="one_rsvp_per_person"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_answer_display()}"

    @property
    def other_names(self) -> list[str]:
        return [name.strip() for name in self.others.splitlines() if name.strip()]


class Attendance(models.Model):
    """Who was actually there, recorded by the coordinator after the meeting."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("representative")
        OFFICIAL = "official", _("official")
        ELECTED = "elected", _("elected representative")
        GUEST = "guest", _("guest")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
        verbose_name=_("person"),
    )
    membership = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("membership"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class ReminderSent(models.Model):
    """One reminder to one address, so that send_reminders never sends it twice."""

    class Kind(models.TextChoices):
        PROPOSAL_DEADLINE = "proposal_deadline", _("proposal deadline")
        MEETING = "meeting", _("meeting")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("meeting")
    )
    kind = models.CharField(max_length=32, choices=Kind.choices, verbose_name=_("kind"))
    email = models.EmailField(verbose_name=_("email address"))
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "email"], name="one_reminder_per_kind_and_address"
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.email}"


# How long before the deadline and the meeting the reminders go out.
PROPOSAL_REMINDER_BEFORE = timedelta(days=3)
MEETING_REMINDER_BEFORE = timedelta(days=2)
