from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import SHORT_TEXT
from core.forms import submit_helper


class CloseOwnAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account is closed for good and I can no longer log in."), required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Close my account"))


class CloseAccountForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: asked by mail on 1 March. Kept in the audit log."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Close the account"))


class PublicRecordsForm(forms.Form):
    include_contact_details = forms.BooleanField(
        label=_("Include contact details (email addresses and phone numbers)"),
        required=False,
        help_text=_(
            "Contact details may be covered by secrecy. Include them only after a secrecy review "
            "(sekretessprövning) has found that they can be handed out."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Download the file"))


class LeaveGroupForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Leave the group"))
