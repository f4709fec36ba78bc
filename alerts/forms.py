from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import MemberAlertSetting
from core.forms import submit_helper
from groups.models import Area

FOLLOW_CHOICES = [
    ("follow_agendas", _("Published agendas")),
    ("follow_minutes", _("Released minutes")),
    ("follow_issues", _("Updates on the issues")),
]


class SubscriptionForm(forms.Form):
    """A resident's subscription: an address, the areas and what to follow. No other data."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={"required": _("Enter your email address.")},
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one area.")},
    )
    follows = forms.MultipleChoiceField(
        label=_("What to follow"),
        choices=FOLLOW_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what you want to follow.")},
    )

    def __init__(self, *args, area, **kwargs):
        kwargs.setdefault(
            "initial", {"areas": [area.pk], "follows": [name for name, _label in FOLLOW_CHOICES]}
        )
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.order_by("name")
        self.fields["email"].help_text = _("We keep only the address, and delete it when you unsubscribe.")
        self.helper = submit_helper(_("Subscribe"))


class MemberAlertSettingForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Mail me about updates on my groups' issues"),
        choices=MemberAlertSetting.Frequency.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))
