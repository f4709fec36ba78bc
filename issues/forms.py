from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SHORT_TEXT
from core.forms import FormTokenField, submit_helper
from core.widgets import DateInput
from groups.models import Group
from issues.models import Issue, IssueUpdate
from officials.models import Committee, Department


class IssueForm(forms.ModelForm):
    """What the coordinator may change on an issue (services.EDITABLE_FIELDS)."""

    class Meta:
        model = Issue
        fields = ["title", "description", "department", "committee", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "due_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.all()
        self.fields["department"].empty_label = _("No department")
        self.fields["department"].help_text = _("The department that answers the issue.")
        self.fields["committee"].queryset = Committee.objects.all()
        self.fields["committee"].empty_label = _("No committee")
        self.fields["committee"].help_text = _("Only if the issue is, or will be, referred to a committee.")
        self.helper = submit_helper(_("Save"))

    def clean_title(self):
        return self.cleaned_data["title"].strip()


class IssueCreateForm(IssueForm):
    """A new issue, for a group, or raised at a meeting (and agenda item) of the group: then
    the group is the meeting's and is not asked for.

    `cleaned_data` carries everything services.issue_create takes besides `by`."""

    class Meta(IssueForm.Meta):
        fields = ["title", "description", "group", "department", "committee", "due_date"]

    def __init__(self, *args, meeting=None, agenda_item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.agenda_item = agenda_item
        if meeting is None:
            self.fields["group"].queryset = Group.objects.filter(active=True).select_related("area")
            self.fields["group"].empty_label = _("Choose the group")
        else:
            del self.fields["group"]
        self.helper = submit_helper(_("Create issue"))

    def clean(self):
        cleaned_data = super().clean()
        if self.meeting is not None:
            cleaned_data["group"] = self.meeting.group
        cleaned_data["meeting"] = self.meeting
        cleaned_data["agenda_item"] = self.agenda_item
        return cleaned_data


class IssueUpdateForm(forms.ModelForm):
    """An update on the issue's timeline; `cleaned_data` is what services.issue_update_add
    takes besides the issue and `by`."""

    form_token = FormTokenField()

    class Meta:
        model = IssueUpdate
        fields = ["text", "new_status", "expected_date", "case_number"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6}), "expected_date": DateInput}
        error_messages = {"text": {"required": _("Write the update.")}}

    def __init__(self, *args, issue, publishes_at_once: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _("Markdown: *italics*, **bold**, lists and links.")
        self.fields["new_status"].choices = [("", _("Keep the status")), *Issue.Status.choices]
        self.fields["expected_date"].help_text = _("When the next step is expected, if known.")
        self.fields["case_number"].help_text = _(
            "The municipality's case number (diarienummer), if there is one."
        )
        self.helper = submit_helper(
            _("Publish the update") if publishes_at_once else _("Send for approval"),
            action=reverse("issues:add_update", kwargs={"pk": issue.pk}),
        )


class UpdateReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the update is returned.")},
    )
    # The page to come back to (the approval queue or the issue), read by safe_next_url.
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, update, **kwargs):
        # One form per update on the approval queue: ids of its own.
        kwargs.setdefault("auto_id", f"id_%s_{update.pk}")
        super().__init__(*args, **kwargs)
        self.update_id = update.pk
        self.helper = submit_helper(action=reverse("issues:return_update", kwargs={"pk": update.pk}))
        self.helper.add_input(Submit("submit", _("Return"), css_id=f"submit-return-{update.pk}"))
        self.helper.form_id = f"return-{update.pk}"


class IssueStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Issue.Status.choices)

    def __init__(self, *args, issue, **kwargs):
        kwargs.setdefault("initial", {"status": issue.status})
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(
            _("Change status"), action=reverse("issues:status", kwargs={"pk": issue.pk})
        )
