from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import submit_helper
from officials.models import Committee
from reports.models import ReportDispatch


class ReportSendForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to send"),
        choices=ReportDispatch.Kind.choices,
        widget=forms.RadioSelect,
        initial="yearly",
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter (for the quarterly digest)"),
        choices=[("", "–"), *((n, str(n)) for n in range(1, 5))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    committees = forms.ModelMultipleChoiceField(
        label=_("To the committees"),
        queryset=Committee.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one committee.")},
    )
    case_number = forms.CharField(
        label=_("Case number (diarienummer)"),
        max_length=50,
        help_text=_("For example KS 2026/123."),
        error_messages={"required": _("Give the case number (diarienummer).")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Send the report"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReportDispatch.Kind.QUARTERLY and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter."))
        if data.get("kind") == ReportDispatch.Kind.YEARLY:
            data["quarter"] = None
        if "committees" in data:
            data["committees"] = list(data["committees"])
        data.pop("year", None)
        return data
