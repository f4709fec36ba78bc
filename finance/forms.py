from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import SHORT_TEXT, TEXT
from core.forms import FormTokenField, submit_helper
from finance.models import AMOUNT, EARLIEST_BUDGET_YEAR, LATEST_BUDGET_YEAR, BudgetReferral, FundApplication
from groups.models import Organisation
from officials.models import Committee

AMOUNT_ERRORS = {
    "invalid": _("Enter the amount as a number, for example 125000 or 125000,50."),
    "min_value": _("The amount cannot be negative."),
    "max_decimal_places": _("Give the amount in kronor and öre: at most two decimals."),
    "max_digits": _("The amount is too large."),
    "max_whole_digits": _("The amount is too large."),
}


def amount_field(label, *, required=True):
    # localize: "125 000,50" as a Swede writes it is read, and shown back, with a decimal comma.
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        localize=True,
        error_messages={**AMOUNT_ERRORS, "required": _("Give the amount.")},
        **AMOUNT,
    )


class BudgetReferralForm(forms.Form):
    estimated_amount = amount_field(_("Estimated amount (SEK)"))
    budget_year = forms.IntegerField(
        label=_("Budget year"),
        min_value=EARLIEST_BUDGET_YEAR,
        max_value=LATEST_BUDGET_YEAR,
        error_messages={"invalid": _("Enter a year, for example 2027.")},
    )
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Committee.objects.all())

    def __init__(self, *args, referral=None, issue=None, **kwargs):
        initial = kwargs.pop("initial", {})
        if referral is not None:
            initial.update(
                estimated_amount=referral.estimated_amount,
                budget_year=referral.budget_year,
                committee=referral.committee_id,
            )
        else:
            initial.setdefault("budget_year", timezone.localdate().year + 1)
            if issue is not None and issue.committee_id:
                initial.setdefault("committee", issue.committee_id)
        super().__init__(*args, initial=initial, **kwargs)
        self.helper = submit_helper(_("Save budget referral"))


class BudgetOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            choice for choice in BudgetReferral.Outcome.choices if choice[0] in BudgetReferral.DECIDED_STATES
        ],
        widget=forms.RadioSelect,
    )
    amount = amount_field(_("Amount in the budget (SEK)"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _(
            "Needed when partly included; when included, the estimate unless you give another amount."
        )
        self.helper = submit_helper(_("Save outcome"))


class BudgetExportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Budget year"), min_value=EARLIEST_BUDGET_YEAR, max_value=LATEST_BUDGET_YEAR
    )
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.all(),
        required=False,
        empty_label=_("All committees"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5


class MultiplePdfInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PdfFilesField(forms.FileField):
    """Up to five PDFs, each checked before anything is stored: at most 10 MB, and a PDF by
    its first bytes (%PDF-), whatever its name or the browser's content type say."""

    widget = MultiplePdfInput(attrs={"accept": "application/pdf"})

    def clean(self, data, initial=None):
        files = (
            [upload for upload in (data or []) if upload]
            if isinstance(data, list | tuple)
            else ([data] if data else [])
        )
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("At most five files."), code="too_many")
        cleaned = []
        for upload in files:
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than 10 MB.") % {"name": upload.name}, code="too_large"
                )
            head = upload.read(5)
            if head != b"%PDF-":
                raise forms.ValidationError(
                    _("%(name)s is not a PDF.") % {"name": upload.name}, code="not_pdf"
                )
            upload.seek(0)
            cleaned.append((upload.name, upload.read()))
        return cleaned


class FundApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Project"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 5}))
    amount = amount_field(_("Amount applied for (SEK)"))
    budget = forms.CharField(
        label=_("Budget"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the money goes to, a line each: item and amount."),
    )
    files = PdfFilesField(label=_("Attachments (PDF, at most 10 MB each)"), required=False)
    form_token = FormTokenField()

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.helper = submit_helper(_("Send the application"))


class FundDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in FundApplication.Status.choices if c[0] in FundApplication.DECISIONS],
        widget=forms.RadioSelect,
    )
    granted_amount = amount_field(_("Amount granted (SEK), when partly granted"), required=False)
    decision_date = forms.DateField(label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"}))
    case_number = forms.CharField(label=_("Case number (diarienummer)"), max_length=50)
    report_due = forms.DateField(
        label=_("Report due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When granted: the date the association reports how the money was used."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the decision"), form_tag=False)


class FundReportForm(forms.Form):
    text = forms.CharField(
        label=_("How the money was used"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    files = PdfFilesField(label=_("Attachments (PDF, at most 10 MB each)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Send the report"), form_tag=False)
