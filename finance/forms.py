from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import SHORT_TEXT
from core.forms import submit_helper
from finance.models import AMOUNT, EARLIEST_BUDGET_YEAR, LATEST_BUDGET_YEAR, BudgetReferral
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
