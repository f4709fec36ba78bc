import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fields import TEXT


def submit_helper(label=None, *, form_tag=True, action="") -> FormHelper:
    """The crispy helper of a form: its submit button, and whether crispy writes the <form>
    tag (form_tag=False when the template wraps the fields in a form of its own).

    The button's id comes from its (English) label, submit-send-for-anchoring: crispy would
    give every button on a page the same id, submit-id-submit, which HTML forbids."""
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.form_action = action
    if label:
        with translation.override(None):
            button_id = f"submit-{slugify(str(label))}"
        helper.add_input(Submit("submit", label, css_id=button_id))
    return helper


class FormTokenField(forms.UUIDField):
    """A hidden token, new each time the form is shown: the service stores the form once however
    often it is sent (core.once)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", uuid.uuid4)
        super().__init__(**kwargs)


class VerdictForm(forms.Form):
    """Approve, or say what needs to change: the one shape of every review in the app
    (anchoring an agenda, reviewing minutes, signing them off)."""

    APPROVE, COMMENT = "approve", "comment"
    approve_label = _("Approve")
    comment_label = _("Comment: something needs to change")
    comment_field_label = _("Comment")
    missing_comment_message = _("Write what needs to change.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"] = forms.ChoiceField(
            label=_("Your verdict"),
            choices=[(self.APPROVE, self.approve_label), (self.COMMENT, self.comment_label)],
            widget=forms.RadioSelect,
            initial=self.APPROVE,
        )
        self.fields["comment"] = forms.CharField(
            label=self.comment_field_label,
            required=False,
            max_length=TEXT,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    @property
    def approves(self) -> bool:
        return self.cleaned_data["verdict"] == self.APPROVE

    def has_comment(self, cleaned_data) -> bool:
        return bool(cleaned_data.get("comment", "").strip())

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("verdict") == self.COMMENT and not self.has_comment(cleaned_data):
            self.add_error("comment", self.missing_comment_message)
        return cleaned_data


def show_model_errors(form, error: ValidationError) -> None:
    """Show a refusal of the model's rules (a ValidationError by model field) next to the form's
    field it concerns: form.MODEL_FIELDS names the form's field where the names differ."""
    fields = getattr(form, "MODEL_FIELDS", {})
    for name, errors in error.error_dict.items():
        target = fields.get(name, name)
        form.add_error(target if target in form.fields else None, errors)
