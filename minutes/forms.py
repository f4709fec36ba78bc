from django import forms
from django.contrib.auth import get_user_model
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from core.fields import LONG_TEXT, SHORT_TEXT, TEXT
from core.forms import VerdictForm, submit_helper
from groups.models import Membership
from meetings.forms import OfficialChoiceField
from meetings.selectors import all_officials
from minutes.models import MinutesItem

User = get_user_model()


def _text_field(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class MinutesItemForm(forms.ModelForm):
    notes = _text_field(_("Notes"), _("What was discussed. Markdown: **bold**, lists, links."))
    agreed = _text_field(_("Agreed"), _("What was agreed or decided, and who does what."))

    class Meta:
        model = MinutesItem
        fields = ["notes", "agreed"]


MinutesItemFormSet = modelformset_factory(MinutesItem, form=MinutesItemForm, extra=0)


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.person.full_name} ({membership.organisation.name})"


class SendForReviewForm(forms.Form):
    reviewers = OfficialChoiceField(
        label=_("Anchor with the officials"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    signers = PersonChoiceField(
        label=_("Signed off by (justering)"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "One or two representatives who check the minutes before release; by default the main contact."
        ),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = all_officials()
        self.fields["signers"].queryset = (
            Membership.objects.current()
            .filter(group=meeting.group)
            .select_related("person", "organisation")
            .order_by("person__full_name")
        )
        self.helper = submit_helper(form_tag=False)

    def clean_signers(self):
        signers = self.cleaned_data["signers"]
        if len(signers) > 2:
            raise forms.ValidationError(_("Choose at most two representatives."))
        return [membership.person for membership in signers]


class ReleaseForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason to release without every approval"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when someone has not approved or signed off. It is recorded."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(form_tag=False)


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=SHORT_TEXT,
        error_messages={
            "required": _("Give the reason for the correction; it is shown with the new version.")
        },
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the new version. The released version stays available."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(form_tag=False)


class MinutesReviewForm(VerdictForm):
    approve_label = _("Approve the minutes")
    comment_field_label = _("General comment")
    missing_comment_message = _("Write what needs to change, here or on an item.")

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=_("Comment on “%(title)s”") % {"title": item.title},
                required=False,
                max_length=TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def item_fields(self):
        return [(item, self[f"item_{item.pk}"]) for item in self.items]

    def item_comments(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"item_{item.pk}", "") for item in self.items}

    def has_comment(self, cleaned_data) -> bool:
        return super().has_comment(cleaned_data) or any(
            text.strip() for text in self.item_comments().values()
        )


class SignOffForm(VerdictForm):
    APPROVE = "confirm"
    approve_label = _("The minutes are correct")
    comment_label = _("Something needs to change")
