from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from core.models import ActivityEvent
from meetings import services
from meetings.models import (
    AgendaItem,
    AgendaReview,
    Attendance,
    Meeting,
    MeetingOfficial,
    MeetingRound,
    Proposal,
    PublishedIssue,
    ReminderSent,
    Rsvp,
    StandingItem,
)
from meetings.services.lifecycle import SCHEDULE_FIELDS


@admin.register(StandingItem)
class StandingItemAdmin(admin.ModelAdmin):
    """The template every new meeting's agenda starts with: edited here by the coordinator."""

    list_display = ("title", "placement", "position", "duration_minutes", "lists_open_issues", "active")
    list_editable = ("placement", "position", "duration_minutes", "active")
    list_filter = ("placement", "active")
    search_fields = ("title", "description")


class EventInline(ReadOnlyAdminMixin, GenericTabularInline):
    """The log of a meeting or a proposal (core.activity), read only."""

    model = ActivityEvent
    extra = 0
    fields = ("created_at", "action_label", "actor", "detail")
    readonly_fields = fields

    @admin.display(description=_("action"))
    def action_label(self, event):
        return event.get_action_display()


class PublishedIssueInline(admin.TabularInline):
    """The open issues recorded when the agenda was published: a record, not edited."""

    model = PublishedIssue
    extra = 0
    fields = ("position", "issue_id", "title", "status", "responsible")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PublishedIssue)
class PublishedIssueAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "status", "responsible")
    list_select_related = ("meeting",)
    search_fields = ("title", "meeting__title")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MeetingAdminForm(forms.ModelForm):
    """The admin's form (its model and fields are the admin's) validates the model (clean():
    venue, times) and, as the services do, the attendees, which need the committees chosen on
    the form."""

    def clean(self):
        cleaned_data = super().clean()
        meeting = Meeting(
            kind=cleaned_data.get("kind"),
            elected_representatives=cleaned_data.get("elected_representatives") or "",
        )
        try:
            meeting.clean_attendees(cleaned_data.get("committees") or ())
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned_data


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Transitions go through the meeting pages (they check the state and notify the group).
    Details are changed here through the same services as the meeting form, so that a new
    time or place raises the calendar SEQUENCE and tells the group; a held or cancelled
    meeting is a record and only shown."""

    form = MeetingAdminForm
    list_display = ("title", "group", "kind", "starts_at", "status")
    list_filter = ("status", "kind", "group")
    search_fields = ("title", "venue_name", "group__name")
    date_hierarchy = "starts_at"
    list_select_related = ("group",)
    readonly_fields = (
        "status",
        "cancellation_reason",
        "sequence",
        "agenda_version",
        "announced_at",
        "published_at",
        "created_by",
    )
    filter_horizontal = ("committees",)
    inlines = [PublishedIssueInline, EventInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return (*self.readonly_fields, "group", "round")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_concluded)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in SCHEDULE_FIELDS if name in form.cleaned_data}
        details = {
            "committees": form.cleaned_data.get("committees", ()),
            "elected_representatives": form.cleaned_data.get("elected_representatives", ""),
        }
        if change:
            services.meeting_update(meeting=obj, by=request.user, **details, **fields)
            return
        created = services.meeting_create(
            group=obj.group, created_by=request.user, round=obj.round, **details, **fields
        )
        # The admin goes on with its own object (many-to-many fields, the log): make it the created one.
        obj.pk = created.pk
        obj._state.adding = False


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Shown, not changed: the agenda is curated on the meeting's page (versioned, so two
    coordinators never overwrite each other) and a published agenda is a record."""

    list_display = ("title", "meeting", "position", "duration_minutes", "standing")
    list_filter = ("standing", "meeting__group")
    search_fields = ("title", "description", "meeting__title")
    list_select_related = ("meeting",)
    filter_horizontal = ("departments",)
    raw_id_fields = ("meeting",)


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "proposer", "status", "created_at")
    list_filter = ("status", "meeting__group")
    search_fields = ("title", "description", "proposer__full_name")
    list_select_related = ("meeting", "proposer")
    readonly_fields = ("status", "decided_by", "decided_at", "agenda_item", "decline_reason")
    raw_id_fields = ("meeting", "proposer")
    inlines = [EventInline]


@admin.register(MeetingRound)
class MeetingRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "proposal_days_before", "created_at")
    search_fields = ("title",)


@admin.register(AgendaReview)
class AgendaReviewAdmin(ReadOnlyAdmin):
    """Verdicts are given by the officials themselves, on their page: never in the admin."""

    list_display = ("meeting", "reviewer", "verdict", "decided_at")
    list_filter = ("verdict",)
    search_fields = ("meeting__title", "reviewer__full_name")
    list_select_related = ("meeting", "reviewer")


@admin.register(MeetingOfficial)
class MeetingOfficialAdmin(admin.ModelAdmin):
    list_display = ("meeting", "official", "confirmed_at")
    search_fields = ("meeting__title", "official__full_name")
    list_select_related = ("meeting", "official")


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = ("meeting", "person", "answer", "answered_at")
    list_filter = ("answer",)
    search_fields = ("meeting__title", "person__full_name")
    list_select_related = ("meeting", "person")


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("meeting", "name", "kind", "organisation")
    list_filter = ("kind",)
    search_fields = ("name", "meeting__title")
    list_select_related = ("meeting", "organisation")


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ("meeting", "kind", "email", "sent_at")
    list_filter = ("kind",)
    search_fields = ("email", "meeting__title")
    list_select_related = ("meeting",)
