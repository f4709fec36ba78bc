from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.fields import TEXT, validate_phone
from core.forms import submit_helper
from core.widgets import DateInput
from groups.models import Area, ElectedRepresentative, Membership, Organisation
from groups.services import (
    main_contact_date_refusal,
    membership_end_refusal,
    organisation_choice_refusal,
    parse_address_list,
)
from groups.validators import normalise_organisation_number

User = get_user_model()


class FollowedAreasForm(forms.ModelForm):
    """The areas an elected representative follows: the meetings with elected representatives
    of these areas invite them."""

    class Meta:
        model = ElectedRepresentative
        fields = ["areas"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.order_by("name")
        self.fields["areas"].help_text = _(
            "You are invited to the meetings with elected representatives of the areas you tick."
        )
        self.helper = submit_helper(_("Save the areas"))


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "organisation_number", "email", "website", "areas"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("There is already an organisation with this name."))
        return name

    def clean_organisation_number(self):
        return normalise_organisation_number(self.cleaned_data["organisation_number"])


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "organisation", "role", "start"]
        widgets = {"start": DateInput}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        current = Membership.objects.current().filter(group=group).values("person")
        self.fields["person"].queryset = User.objects.filter(is_active=True).exclude(pk__in=current)
        self.fields["person"].help_text = _(
            "People without an account are invited by email instead (“Invite representatives”)."
        )
        self.fields["organisation"].queryset = Organisation.objects.all()
        self.helper = submit_helper(_("Add member"))


class MembershipEndForm(forms.Form):
    end = forms.DateField(label=_("Last day"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.helper = submit_helper(_("End membership"))

    def clean_end(self):
        end = self.cleaned_data["end"]
        refusal = membership_end_refusal(self.membership, end)
        if refusal:
            raise ValidationError(refusal)
        return end


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        label = f"{membership.person.full_name} ({membership.organisation.name})"
        if membership.organisation.suits_main_contact:
            return label
        return f"{label}, {membership.organisation.get_kind_display()}"


class MainContactForm(forms.Form):
    membership = MembershipChoiceField(label=_("New main contact person"), queryset=Membership.objects.none())
    start = forms.DateField(label=_("From"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.current().filter(group=group).select_related("person", "organisation")
        )
        self.fields["membership"].help_text = _(
            "Preferably a representative of the community association, the parish council or another "
            "suitable association."
        )
        self.helper = submit_helper(_("Hand over"))

    def clean(self):
        cleaned_data = super().clean()
        membership, start = cleaned_data.get("membership"), cleaned_data.get("start")
        if membership is not None and start is not None:
            refusal = main_contact_date_refusal(membership, start)
            if refusal:
                self.add_error("start", refusal)
        return cleaned_data


class InvitationForm(forms.Form):
    addresses = forms.CharField(
        label=_("Email addresses"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        # Help texts are shown as HTML: the angle brackets of the example must be escaped.
        help_text=escape(
            _(
                "One or more addresses: one a line, or separated by commas, semicolons or spaces. "
                "“Name <address>” works too."
            )
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of organisation"),
        queryset=Organisation.objects.filter(confirmed=True),
        required=False,
        empty_label=_("Let each person choose"),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.helper = submit_helper(_("Send invitations"))

    def clean_addresses(self):
        raw = self.cleaned_data["addresses"]
        parsed = parse_address_list(raw)
        if not parsed.valid:
            lines = ", ".join(str(line) for line, _text in parsed.invalid)
            raise ValidationError(
                _("No valid email address was found (see line %(lines)s).") % {"lines": lines}
                if parsed.invalid
                else _("Enter at least one email address.")
            )
        return raw


class AreaFirstChoiceIterator(forms.models.ModelChoiceIterator):
    """The organisations of the group's area first, then the others, as two option groups:
    an invitee finds their own among a handful instead of every organisation of the municipality."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        own, others = [], []
        for organisation in self.queryset:
            (own if organisation.in_area else others).append(self.choice(organisation))
        if not own:
            yield from others
            return
        yield (_("In %(area)s") % {"area": self.field.area.name}, own)
        if others:
            yield (_("Others"), others)


class AreaFirstOrganisationField(forms.ModelChoiceField):
    iterator = AreaFirstChoiceIterator

    def for_area(self, area: Area) -> None:
        self.area = area
        in_area = Organisation.areas.through.objects.filter(organisation=OuterRef("pk"), area=area)
        self.queryset = self.queryset.annotate(in_area=Exists(in_area))


class InvitationAcceptForm(forms.Form):
    """What the invited person fills in: name and password (for a new account), the
    organisation they represent, and that they have read how their data is used."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        validators=[validate_phone],
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    organisation = AreaFirstOrganisationField(
        label=_("The organisation you represent"),
        queryset=Organisation.objects.filter(confirmed=True),
        required=False,
        empty_label=_("My organisation is not in the list"),
    )
    proposed_organisation_name = forms.CharField(
        label=_("Name of your organisation"),
        max_length=200,
        required=False,
        help_text=_("Only if it is not in the list above. The coordinator will confirm it."),
    )
    proposed_organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=Organisation.Kind.choices,
        initial=Organisation.Kind.ASSOCIATION,
    )
    privacy_notice = forms.BooleanField(
        label=_("I have read how my personal data is used"),
        required=True,
        error_messages={"required": _("You need to read and accept the notice on personal data to join.")},
    )

    NEW_PERSON_FIELDS = ("full_name", "phone", "password1", "password2")

    def __init__(self, *args, invitation, new_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.new_person = new_person
        if not new_person:
            for name in self.NEW_PERSON_FIELDS:
                del self.fields[name]
        self.fields["organisation"].for_area(invitation.group.area)
        if invitation.organisation_id:
            self.fields["organisation"].initial = invitation.organisation_id
        self.helper = submit_helper(form_tag=False)

    def clean(self):
        cleaned_data = super().clean()
        if self.new_person:
            password1, password2 = cleaned_data.get("password1"), cleaned_data.get("password2")
            if password1 and password2 and password1 != password2:
                self.add_error("password2", _("The two passwords are not the same."))
            elif password1:
                candidate = User(email=self.invitation.email, full_name=cleaned_data.get("full_name", ""))
                try:
                    validate_password(password1, user=candidate)
                except ValidationError as error:
                    self.add_error("password1", error)
        refusal = organisation_choice_refusal(
            cleaned_data.get("organisation"), cleaned_data.get("proposed_organisation_name", "")
        )
        if refusal:
            self.add_error("organisation", refusal)
        return cleaned_data
