from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import LONG_TEXT
from core.forms import submit_helper
from core.widgets import DateInput
from groups.models import Group
from issues.models import Issue
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


class IssueAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the answer.")},
        help_text=_("The group hears the answer at its next meeting."),
    )

    def __init__(self, *args, issue, **kwargs):
        kwargs.setdefault("initial", {"answer": issue.answer})
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(
            _("Save the answer") if issue.answer else _("Send the answer"),
            action=reverse("issues:answer", kwargs={"pk": issue.pk}),
        )


class IssueStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Issue.Status.choices)

    def __init__(self, *args, issue, **kwargs):
        kwargs.setdefault("initial", {"status": issue.status})
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(
            _("Change status"), action=reverse("issues:status", kwargs={"pk": issue.pk})
        )
