import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core.fields import SHORT_TEXT, TEXT
from core.forms import FormTokenField, submit_helper
from officials.models import Department
from participation.models import Channel, ClassLevel, Question, Survey

# A person reads the form and types a title and a text: faster than this is a program.
MINIMUM_FILL_SECONDS = 3
# A form older than this has its timestamp refused too (a copied form replayed days later).
MAXIMUM_FORM_AGE_SECONDS = 24 * 3600
_SALT = "participation.suggestion-form"


def form_started_stamp() -> str:
    return signing.dumps(time.time(), salt=_SALT)


class SuggestionFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Your suggestion"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    reply_email = forms.EmailField(
        label=_("Email address for a reply (optional)"),
        required=False,
        help_text=_("Used only to tell you what happened to the suggestion; then it is deleted."),
    )
    show_name = forms.BooleanField(label=_("My name may be shown with the suggestion"), required=False)
    form_token = FormTokenField()


class SuggestionForm(SuggestionFields):
    """The public box: a honeypot field a person never sees, and the time the form was shown,
    signed, so that a form sent faster than anyone can type is refused."""

    # Named like a field a form filler would fill; hidden from people with CSS and aria-hidden.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = form_started_stamp()
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.helper = submit_helper(_("Send the suggestion"))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _("The suggestion could not be sent. Leave the last field empty."), code="honeypot"
            )
        try:
            started = signing.loads(
                self.data.get("started", ""), salt=_SALT, max_age=MAXIMUM_FORM_AGE_SECONDS
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form is too old or damaged. Nothing was sent: reload the page and send again."),
                code="stamp",
            ) from None
        if time.time() - float(started) < MINIMUM_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent very quickly. Read it through and press send again."), code="too_fast"
            )
        return cleaned_data


class SuggestionRegisterForm(SuggestionFields):
    channel = forms.ChoiceField(label=_("How did the suggestion come in?"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            (value, label) for value, label in Channel.choices if value != Channel.WEB
        ]
        self.fields["reply_email"].help_text = _("If the person wants a reply by email.")
        self.helper = submit_helper(_("Register the suggestion"))


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it not published?"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Do not publish"))


class IssueForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Responsible department"), queryset=Department.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.all()
        self.helper = submit_helper(_("Raise as an issue"))


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "description", "all_areas", "areas", "opens_on", "closes_on", "publish_results"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "areas": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save the survey"))

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("all_areas") and not cleaned_data.get("areas"):
            self.add_error("areas", _("Choose the areas, or all areas."))
        return cleaned_data


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    options = forms.CharField(
        label=_("Options, one a line"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a question with choices."),
    )

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Add the question"), action=action)

    def clean(self):
        cleaned_data = super().clean()
        lines = [line.strip()[:200] for line in cleaned_data.get("options", "").splitlines() if line.strip()]
        cleaned_data["options"] = lines
        if cleaned_data.get("kind") in Question.CHOICE_KINDS and len(lines) < 2:
            self.add_error("options", _("A choice question needs at least two options."))
        return cleaned_data


class ClassCodesForm(forms.Form):
    number = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=50, initial=1)
    label = forms.CharField(label=_("For (a school, optional)"), max_length=200, required=False)

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Make class codes"), action=action)


def _question_field_name(question) -> str:
    return f"q{question.pk}"


class ResponseForm(forms.Form):
    """A resident's answers: one field per question, its choices the question's own options
    (an id of another question's option, or a made-up one, is refused as any invalid choice)."""

    def __init__(self, *args, survey, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = _question_field_name(question)
            options = {str(option.pk): option for option in question.options.all()}
            if question.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(
                    widget=forms.RadioSelect, choices=[(key, o.label) for key, o in options.items()]
                )
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    widget=forms.CheckboxSelectMultiple,
                    choices=[(key, o.label) for key, o in options.items()],
                )
            elif question.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    widget=forms.RadioSelect,
                    coerce=int,
                    choices=[(value, str(value)) for value in Question.SCALE],
                    help_text=_("1 is the least, 5 the most."),
                )
            else:
                field = forms.CharField(max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
            field.label = question.text
            field.required = question.required
            field.options_by_key = options
            self.fields[name] = field
        self.helper = submit_helper(_("Send the answers"))

    def answers(self) -> dict:
        result = {}
        for question in self.questions:
            field = self.fields[_question_field_name(question)]
            value = self.cleaned_data.get(_question_field_name(question))
            if question.kind == Question.Kind.SINGLE:
                value = field.options_by_key.get(value) if value else None
            elif question.kind == Question.Kind.MULTIPLE:
                value = [field.options_by_key[key] for key in value or []]
            result[question] = value
        return result


class ClassResponseForm(forms.Form):
    """A school class's answers: the code, the level, how many pupils, and per option (or per
    scale value) how many chose it. No names."""

    code = forms.CharField(label=_("Class code"), max_length=16)
    class_level = forms.ChoiceField(label=_("Class level"), choices=ClassLevel.choices)
    pupils = forms.IntegerField(label=_("Pupils who answered"), min_value=1, max_value=1000)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = []
        for question in questions:
            if not question.is_counted:
                continue
            values = (
                [(value, str(value)) for value in Question.SCALE]
                if question.is_scale
                else [(option, option.label) for option in question.options.all()]
            )
            for value, label in values:
                name = f"q{question.pk}_{value.pk if hasattr(value, 'pk') else value}"
                self.fields[name] = forms.IntegerField(
                    label=f"{question.text}: {label}", min_value=0, max_value=1000, required=False, initial=0
                )
                self.choices.append((name, question, value))
        self.helper = submit_helper(_("Send the class's answers"))

    def counts(self) -> dict:
        return {(question, value): self.cleaned_data.get(name) or 0 for name, question, value in self.choices}

    def clean(self):
        cleaned_data = super().clean()
        pupils = cleaned_data.get("pupils")
        if pupils:
            for name, _question, _value in self.choices:
                if (cleaned_data.get(name) or 0) > pupils and name not in self.errors:
                    self.add_error(name, _("More than the pupils who answered."))
        return cleaned_data
