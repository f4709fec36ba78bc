"""Suggestions left in an area's box, and surveys answered by residents and school classes."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.conditions import holds
from core.fields import (
    SHORT_TEXT,
    TEXT,
    bounded_text_field,
    date_in_range_constraint,
    length_constraint,
    validate_date_year,
)
from core.once import form_token_field
from core.states import Transitions
from groups.models import Area
from issues.models import Issue
from meetings.models import Proposal


class Channel(models.TextChoices):
    """How a suggestion reached the municipality: the reports count them by channel."""

    WEB = "web", _("the web form")
    PAPER = "paper", _("on paper")
    PHONE = "phone", _("by phone")
    MEETING = "meeting", _("at a meeting")
    SCHOOL_CLASS = "school_class", _("from a school class")


class SuggestionQuerySet(models.QuerySet):
    def public(self):
        """Shown on the area page (Suggestion.is_public asks the same of one suggestion)."""
        return self.filter(public())

    def waiting(self):
        """In the moderation queue, waiting for the coordinator."""
        return self.filter(waiting())


def public() -> Q:
    return Q(status__in=Suggestion.PUBLIC_STATES)


def waiting() -> Q:
    return Q(status=Suggestion.Status.RECEIVED)


class Suggestion(models.Model):
    """A suggestion (förslag) left in an area's suggestion box, by a resident on the web or
    registered by the coordinator or a representative on someone else's behalf."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        PUBLISHED = "published", _("published")
        HIDDEN = "hidden", _("not published")
        AGENDA_PROPOSAL = "agenda_proposal", _("proposed for a meeting's agenda")
        ISSUE = "issue", _("raised as an issue")

    # The coordinator moderates: publish, hide with a reason, or turn it into an agenda proposal
    # or an issue; a published suggestion can still become either.
    TRANSITIONS = Transitions(
        {
            Status.RECEIVED: {Status.PUBLISHED, Status.HIDDEN, Status.AGENDA_PROPOSAL, Status.ISSUE},
            Status.PUBLISHED: {Status.AGENDA_PROPOSAL, Status.ISSUE},
            Status.HIDDEN: set(),
            Status.AGENDA_PROPOSAL: set(),
            Status.ISSUE: set(),
        }
    )
    # Shown on the area page, with the outcome: everything moderated except what was hidden.
    PUBLIC_STATES = frozenset({Status.PUBLISHED, Status.AGENDA_PROPOSAL, Status.ISSUE})

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="suggestions", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=200)
    text = bounded_text_field(_("suggestion"), max_length=TEXT)
    name = models.CharField(_("name"), max_length=200, blank=True)
    show_name = models.BooleanField(_("the name may be shown"), default=False)
    # Only for the one mail that tells the outcome; cleared once it is queued, or after the
    # retention period (suggestion_reply_addresses).
    reply_email = models.EmailField(_("email address for a reply"), blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    hidden_reason = bounded_text_field(_("reason"), blank=True, max_length=SHORT_TEXT)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_suggestions",
        verbose_name=_("registered by"),
    )
    proposal = models.ForeignKey(
        Proposal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposal"),
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("issue")
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
    outcome_mailed_at = models.DateTimeField(_("outcome mailed"), null=True, blank=True)
    form_token = form_token_field()
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at", "-id"]
        # The suggestions waiting per area: the moderation overview's count and order
        # (participation.selectors.waiting_per_area).
        indexes = [models.Index(fields=["area"], condition=Q(status="received"), name="suggestion_waiting")]
        constraints = [
            length_constraint("suggestion", "text", TEXT),
            length_constraint("suggestion", "hidden_reason", SHORT_TEXT),
            # Unique alone: a resident's suggestion has nobody to go with it.
            models.UniqueConstraint(fields=["form_token"], name="suggestion_once_per_form"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return holds(self, public())

    @property
    def outcome(self) -> str:
        """What became of the suggestion, in a sentence for the resident and the area page."""
        Status = self.Status
        if self.status == Status.PUBLISHED:
            return _("Published; the local development group and everyone can read it.")
        if self.status == Status.HIDDEN:
            return _("Not published. The reason: %(reason)s") % {"reason": self.hidden_reason}
        if self.status == Status.AGENDA_PROPOSAL and self.proposal_id and self.proposal.meeting_id:
            meeting = self.proposal.meeting
            return _("Proposed for the agenda of the meeting “%(title)s” on %(date)s.") % {
                "title": meeting.title,
                "date": date_format(timezone.localtime(meeting.starts_at), "j F Y"),
            }
        if self.status == Status.ISSUE and self.issue_id:
            return _("Raised as an issue for %(department)s, which will answer it.") % {
                "department": self.issue.department.name
                if self.issue.department_id
                else _("the municipality")
            }
        if self.status == Status.RECEIVED:
            return _("Received; waiting for the coordinator.")
        # The proposal or issue it became was deleted since: the state is all that is left.
        return capfirst(self.get_status_display())

    @property
    def shown_name(self) -> str:
        return self.name if self.show_name else ""


class SuggestionAction(models.TextChoices):
    RECEIVED = "suggestion_received", _("suggestion received")
    PUBLISHED = "suggestion_published", _("suggestion published")
    HIDDEN = "suggestion_hidden", _("suggestion not published")
    TO_AGENDA = "suggestion_to_agenda", _("suggestion proposed for an agenda")
    TO_ISSUE = "suggestion_to_issue", _("suggestion raised as an issue")


class Support(models.Model):
    """A representative of the area's group supports (stöder) a published suggestion, once."""

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="supports", verbose_name=_("suggestion")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    created_at = models.DateTimeField(_("supported"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "person"], name="support_once_per_person"),
        ]

    def __str__(self):
        return f"{self.person} → {self.suggestion}"


# Surveys ---------------------------------------------------------------------------------------


def open_on(day=None) -> Q:
    """Taking answers on the day (Survey.is_open asks the same of one survey)."""
    day = day or timezone.localdate()
    return Q(opens_on__lte=day, closes_on__gte=day)


def closed_on(day=None) -> Q:
    return Q(closes_on__lt=day or timezone.localdate())


class SurveyQuerySet(models.QuerySet):
    def open(self, day=None):
        return self.filter(open_on(day))

    def closed(self, day=None):
        return self.filter(closed_on(day))

    def for_area(self, area):
        return self.filter(Q(all_areas=True) | Q(areas=area)).distinct()


class Survey(models.Model):
    """A survey (enkät) for one area, several or all, open from one date to another."""

    title = models.CharField(_("title"), max_length=200)
    description = bounded_text_field(_("introduction"), blank=True, max_length=TEXT)
    all_areas = models.BooleanField(_("all areas"), default=False)
    areas = models.ManyToManyField(Area, blank=True, related_name="surveys", verbose_name=_("areas"))
    opens_on = models.DateField(_("opens"), validators=[validate_date_year])
    closes_on = models.DateField(_("closes"), validators=[validate_date_year])
    publish_results = models.BooleanField(
        _("publish the results on the area pages once closed"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-id"]
        constraints = [
            length_constraint("survey", "description", TEXT),
            date_in_range_constraint("survey", "opens_on"),
            date_in_range_constraint("survey", "closes_on"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
                violation_error_message=_("The survey must close on or after the day it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:survey_answer", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return holds(self, open_on())

    @property
    def is_closed(self) -> bool:
        return holds(self, closed_on())

    @property
    def shows_results_publicly(self) -> bool:
        return self.publish_results and self.is_closed


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("one choice")
        MULTIPLE = "multiple", _("several choices")
        SCALE = "scale", _("a scale from 1 to 5")
        TEXT = "text", _("free text")

    CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE})
    # What a school class answers as counts: choices and the scale (free text is a resident's).
    COUNTED_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE})
    SCALE = range(1, 6)

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    @property
    def is_counted(self) -> bool:
        return self.kind in self.COUNTED_KINDS

    @property
    def is_scale(self) -> bool:
        return self.kind == self.Kind.SCALE

    @property
    def is_free_text(self) -> bool:
        return self.kind == self.Kind.TEXT


class Option(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("option"), max_length=200)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "id"]

    def __str__(self):
        return self.label


def new_class_code() -> str:
    # 10 characters of an alphabet without look-alikes (0/O, 1/I/L): 31**10, about 8e14.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class ClassLevel(models.TextChoices):
    YEARS_1_3 = "1-3", _("years 1–3")
    YEARS_4_6 = "4-6", _("years 4–6")
    YEARS_7_9 = "7-9", _("years 7–9")
    UPPER_SECONDARY = "gymnasiet", _("upper secondary school")


class ClassCode(models.Model):
    """A code the coordinator hands a teacher: it lets one class answer a survey once, as
    counts per option (no child's personal data)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="class_codes", verbose_name=_("survey")
    )
    code = models.CharField(_("class code"), max_length=16, unique=True, default=new_class_code)
    label = models.CharField(_("for"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("class code")
        verbose_name_plural = _("class codes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.code


class Response(models.Model):
    """One answer to a survey: a resident's (one per browser, known by the hash of a token in
    a cookie; no IP address) or a school class's (counts, through a class code)."""

    class Source(models.TextChoices):
        RESIDENT = "resident", _("residents")
        SCHOOL_CLASS = "school_class", _("school classes")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    source = models.CharField(_("from"), max_length=16, choices=Source.choices, default=Source.RESIDENT)
    browser_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    class_code = models.OneToOneField(
        ClassCode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="response",
        verbose_name=_("class code"),
    )
    class_level = models.CharField(_("class level"), max_length=16, choices=ClassLevel.choices, blank=True)
    pupils = models.PositiveIntegerField(_("pupils"), default=1)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "browser_hash"],
                condition=Q(browser_hash__isnull=False),
                name="response_once_per_browser",
            ),
        ]
        indexes = [models.Index(fields=["survey", "source", "pupils"], name="response_per_source")]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One question's answer within a response. A resident's choice counts 1; a class gives
    how many pupils chose each option or scale value."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = bounded_text_field(_("answer"), blank=True, max_length=SHORT_TEXT)
    count = models.PositiveIntegerField(default=1)
    # The response's source, copied: the results count residents and classes apart from the
    # answers alone (one index, no join), which keeps the page fast at tens of thousands.
    source = models.CharField(
        max_length=16, choices=Response.Source.choices, default=Response.Source.RESIDENT
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            length_constraint("answer", "text", SHORT_TEXT),
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=1, scale__lte=5), name="answer_scale_1_to_5"
            ),
        ]
        # Covers the results' grouped sum: it is read from the index alone.
        indexes = [
            models.Index(fields=["question", "source", "option", "scale", "count"], name="answer_tally")
        ]

    def __str__(self):
        return f"{self.question}: {self.option or self.scale or self.text[:50]}"
