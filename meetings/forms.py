import uuid
from datetime import time

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import SHORT_TEXT
from core.forms import VerdictForm, show_model_errors, submit_helper
from core.timezones import local_datetime, validate_year
from core.widgets import DateInput
from groups.models import Group, Membership
from meetings.models import AgendaItem, Meeting, MeetingKind, MeetingRound, Proposal, Rsvp
from meetings.selectors import all_officials
from officials.models import Committee, Department

User = get_user_model()


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class OfficialChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        official = getattr(person, "official", None)
        return f"{person.full_name}, {official.title}" if official and official.title else person.full_name


def check_meeting(form, meeting: Meeting, validate) -> None:
    """Check the unsaved meeting a scheduling form describes by the meeting's own rules
    (`validate(exclude)`: Meeting.validate, or a round's), shown next to the form's fields.
    Times the form could not read are left out: their own error is shown."""
    try:
        validate([name for name in Meeting.DETAIL_FIELDS if getattr(meeting, name) is None])
    except ValidationError as error:
        show_model_errors(form, error)


def _departments_field():
    return forms.ModelMultipleChoiceField(
        label=_("Departments concerned"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The municipality's fields the item concerns, if you know them. They suggest which officials attend."
        ),
    )


class MeetingForm(forms.Form):
    """Scheduling a meeting. Date and clock times are asked separately and combined in
    Europe/Stockholm, so that the summer-time switches get a clear message."""

    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput, initial=time(18, 30))
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput, initial=time(20, 30))
    venue_name = forms.CharField(label=_("Venue"), max_length=200, required=False)
    venue_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    deadline_date = forms.DateField(label=_("Deadline for agenda proposals"), widget=DateInput)
    deadline_time = forms.TimeField(label=_("Deadline, time"), widget=TimeInput, initial=time(23, 59))
    committees = forms.ModelMultipleChoiceField(
        label=_("Committees attending"),
        queryset=Committee.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    elected_representatives = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Elected representatives attending"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name a line, with party or committee."),
    )

    def __init__(self, *args, instance: Meeting | None = None, **kwargs):
        if instance is not None:
            starts, ends = timezone.localtime(instance.starts_at), timezone.localtime(instance.ends_at)
            deadline = timezone.localtime(instance.proposal_deadline)
            kwargs.setdefault(
                "initial",
                {
                    "kind": instance.kind,
                    "title": instance.title,
                    "date": starts.date(),
                    "start_time": starts.time(),
                    "end_time": ends.time(),
                    "venue_name": instance.venue_name,
                    "venue_address": instance.venue_address,
                    "deadline_date": deadline.date(),
                    "deadline_time": deadline.time(),
                    "committees": list(instance.committees.all()),
                    "elected_representatives": instance.elected_representatives,
                },
            )
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))

    def clean_date(self):
        day = self.cleaned_data["date"]
        validate_year(day)
        return day

    def clean_deadline_date(self):
        day = self.cleaned_data["deadline_date"]
        validate_year(day)
        return day

    def _local(self, date_field, time_field, target):
        day, clock = self.cleaned_data.get(date_field), self.cleaned_data.get(time_field)
        if day is None or clock is None:
            return None
        try:
            return local_datetime(day, clock)
        except ValidationError as error:
            self.add_error(target, error)
            return None

    # The fields the meeting's rules need read before they are asked; and where their refusals
    # are shown, where the form's field is named otherwise than the model's.
    PLAIN_FIELDS = ("kind", "title", "venue_name", "venue_address", "elected_representatives", "committees")
    MODEL_FIELDS = {"starts_at": "date", "ends_at": "end_time", "proposal_deadline": "deadline_date"}

    def clean(self):
        """Dates and times are read here; the rules of a meeting are the model's
        (Meeting.validate), shown next to the fields."""
        cleaned_data = super().clean()
        cleaned_data.update(
            starts_at=self._local("date", "start_time", "start_time"),
            ends_at=self._local("date", "end_time", "end_time"),
            proposal_deadline=self._local("deadline_date", "deadline_time", "deadline_date"),
        )
        if not any(name in self.errors for name in self.PLAIN_FIELDS):
            meeting = Meeting(**{name: cleaned_data[name] for name in Meeting.DETAIL_FIELDS})
            check_meeting(
                self,
                meeting,
                lambda exclude: meeting.validate(committees=cleaned_data["committees"], exclude=exclude),
            )
        return cleaned_data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "venue_name": data["venue_name"],
            "venue_address": data["venue_address"],
            "proposal_deadline": data["proposal_deadline"],
            "committees": data["committees"],
            "elected_representatives": data["elected_representatives"],
        }


class RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, initial=_("Yearly meeting of the local development group")
    )
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups"),
        queryset=Group.objects.filter(active=True).select_related("area"),
        widget=forms.CheckboxSelectMultiple,
    )
    proposal_days_before = forms.IntegerField(
        label=_("Deadline for proposals, days before each meeting"), min_value=1, max_value=90, initial=14
    )
    # Sending the same form again continues the round it started (see services.round_create).
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, continuing: MeetingRound | None = None, **kwargs):
        """`continuing`: an unfinished round the form goes on with, with its choices and token;
        otherwise a new token."""
        if continuing is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": continuing.title,
                    "kind": continuing.kind,
                    "groups": list(continuing.groups.all()),
                    "proposal_days_before": continuing.proposal_days_before,
                },
            )
        super().__init__(*args, **kwargs)
        if continuing is None:
            self.fields["groups"].initial = list(self.fields["groups"].queryset)
        self.fields["token"].initial = continuing.form_token if continuing is not None else uuid.uuid4()
        self.helper = submit_helper(_("Continue: dates and venues"))


class RoundMeetingForm(forms.Form):
    """One group's date and venue within a round; a row left empty is skipped."""

    group = forms.ModelChoiceField(queryset=Group.objects.all(), widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), widget=DateInput, required=False)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput, required=False, initial=time(18, 30))
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput, required=False, initial=time(20, 30))
    venue_name = forms.CharField(label=_("Venue"), max_length=200, required=False)
    venue_address = forms.CharField(label=_("Address"), max_length=300, required=False)

    PLAIN_FIELDS = ("group", "venue_name", "venue_address")
    # The round's meeting's refusals, by the row's field: its deadline follows from the date.
    MODEL_FIELDS = {"starts_at": "date", "ends_at": "end_time", "proposal_deadline": "date"}

    def __init__(self, *args, meeting_round: MeetingRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting_round = meeting_round

    def clean(self):
        """The date and times are read here; the meeting they make, with its deadline, is the
        round's (MeetingRound.meeting_for), and so are its rules (validate_meeting)."""
        cleaned_data = super().clean()
        day = cleaned_data.get("date")
        if day is None:
            return cleaned_data
        try:
            validate_year(day)
        except ValidationError as error:
            self.add_error("date", error)
        for name in ("start_time", "end_time"):
            if not cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, _("Give the time."))
        starts_at = ends_at = None
        if not any(name in self.errors for name in ("date", "start_time", "end_time")):
            try:
                starts_at = local_datetime(day, cleaned_data["start_time"])
                ends_at = local_datetime(day, cleaned_data["end_time"])
            except ValidationError as error:
                self.add_error("end_time" if starts_at else "start_time", error)
        if any(name in self.errors for name in self.PLAIN_FIELDS):
            return cleaned_data
        meeting = self.meeting_round.meeting_for(
            cleaned_data["group"],
            starts_at=starts_at,
            ends_at=ends_at,
            venue_name=cleaned_data["venue_name"],
            venue_address=cleaned_data["venue_address"],
        )
        check_meeting(
            self,
            meeting,
            lambda exclude: self.meeting_round.validate_meeting(meeting, exclude=exclude),
        )
        if not self.errors:
            cleaned_data.update(
                starts_at=starts_at, ends_at=ends_at, proposal_deadline=meeting.proposal_deadline
            )
        return cleaned_data


class ProposalForm(forms.ModelForm):
    departments = _departments_field()

    class Meta:
        model = Proposal
        fields = ["title", "description", "hoped_outcome", "departments"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "hoped_outcome": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title": _("What is the item about?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hoped_outcome"].help_text = _(
            "For example an answer, a decision, or that an official attends."
        )
        if self.instance.pk is None:
            # Sent again (a double click, a reload), the same token stores the proposal once.
            self.fields["form_token"] = forms.UUIDField(
                widget=forms.HiddenInput, required=False, initial=uuid.uuid4
            )
        self.helper = submit_helper(_("Send proposal") if self.instance.pk is None else _("Save"))


def typed_values(form) -> list[tuple[forms.BoundField, str, bool]]:
    """What the user typed into a bound form, field by field as text (choices by their labels),
    and whether the field takes several lines.

    After a conflict the form is shown again with the current values and version, and this
    beside it, read-only, to copy from: re-arming the typed values with the new version would
    let a second "Save" overwrite the other person's change unseen."""
    rows = []
    for bound in form.visible_fields():
        value = bound.value()
        if getattr(bound.field, "choices", None) is not None:
            selected = {str(each) for each in (value if isinstance(value, list | tuple) else [value])}
            text = ", ".join(str(label) for choice, label in bound.field.choices if str(choice) in selected)
        else:
            text = "" if value is None else str(value)
        rows.append((bound, text, isinstance(bound.field.widget, forms.Textarea)))
    return rows


class AgendaItemForm(forms.ModelForm):
    departments = _departments_field()
    agenda_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AgendaItem
        fields = ["title", "description", "duration_minutes", "departments"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, meeting, **kwargs):
        kwargs.setdefault("initial", {})["agenda_version"] = meeting.agenda_version
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"].min_value = 1
        self.fields["duration_minutes"].max_value = 480
        self.fields["duration_minutes"].widget.attrs.update(min=1, max=480)
        self.helper = submit_helper(_("Save item") if self.instance.pk else _("Add item"), form_tag=False)

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 1 <= minutes <= 480:
            raise ValidationError(_("Give between 1 and 480 minutes."))
        return minutes


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The proposer sees the reason. Suggest another way forward if there is one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Decline proposal"))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=AgendaItem.objects.none())
    agenda_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        kwargs.setdefault("initial", {})["agenda_version"] = meeting.agenda_version
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = meeting.items.order_by("position")


class OfficialsForm(forms.Form):
    officials = OfficialChoiceField(
        label=_("Officials attending"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officials"].queryset = all_officials()
        self.helper = submit_helper(_("Confirm officials"), form_tag=False)


class ReviewRequestForm(forms.Form):
    reviewers = OfficialChoiceField(
        label=_("Anchor the agenda with"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = all_officials().filter(official__in_officials_group=True)
        self.helper = submit_helper(_("Send for anchoring"), form_tag=False)


class ReviewForm(VerdictForm):
    approve_label = _("Approve the agenda")


class PublishForm(forms.Form):
    confirm_without_all_approvals = forms.BooleanField(
        label=_("Publish although not every official has approved"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Publish agenda"), form_tag=False)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The group sees the reason."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Cancel the meeting"))


class RsvpForm(forms.ModelForm):
    class Meta:
        model = Rsvp
        fields = ["answer", "others"]
        widgets = {"answer": forms.RadioSelect, "others": forms.Textarea(attrs={"rows": 2})}
        labels = {"answer": _("Are you coming?")}
        error_messages = {"answer": {"required": _("Choose whether you are coming.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Three answers, no blank one ("- Select an option -" among the radio buttons).
        self.fields["answer"].choices = Rsvp.Answer.choices


# Attendance.name
NAME_LIMIT = 200


def _names(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class MembershipMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.person.full_name} ({membership.organisation.name})"


class AttendanceForm(forms.Form):
    memberships = MembershipMultipleChoiceField(
        label=_("Representatives"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    officials = OfficialChoiceField(
        label=_("Officials"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    elected = forms.CharField(
        label=_("Elected representatives"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name a line."),
    )
    guests = forms.CharField(
        label=_("Guests"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name a line."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memberships"].queryset = (
            Membership.objects.filter(
                group=meeting.group, start__lte=timezone.localtime(meeting.starts_at).date()
            )
            .exclude(end__lt=timezone.localtime(meeting.starts_at).date())
            .select_related("person", "organisation")
            .order_by("person__full_name")
        )
        self.fields["officials"].queryset = all_officials()
        self.helper = submit_helper(_("Save attendance"))

    def _clean_names(self, field):
        names = _names(self.cleaned_data[field])
        too_long = [name for name in names if len(name) > NAME_LIMIT]
        if too_long:
            raise ValidationError(
                _("A name can be at most %(limit)s characters: “%(name)s…”")
                % {"limit": NAME_LIMIT, "name": too_long[0][:40]}
            )
        return self.cleaned_data[field]

    def clean_elected(self):
        return self._clean_names("elected")

    def clean_guests(self):
        return self._clean_names("guests")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "memberships": list(data["memberships"]),
            "officials": list(data["officials"]),
            "elected_names": _names(data["elected"]),
            "guest_names": _names(data["guests"]),
        }
