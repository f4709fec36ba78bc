"""The project's own template filters."""

import re
from datetime import UTC, date, datetime

import pytest
from django import forms
from django.template import Context, Template

from groups import filters as group_filters
from groups.models import Area, Group, Invitation, Membership, Organisation
from issues import filters as issue_filters
from issues.models import Issue


def render(source: str, **context) -> str:
    return Template("{% load ludgrupper %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 3, 29, 16, 30, 5, 123456, tzinfo=UTC), "2026-03-29T18:30:05+02:00"),
        (datetime(2026, 1, 15, 17, 0, tzinfo=UTC), "2026-01-15T18:00:00+01:00"),
        (datetime(2026, 10, 25, 2, 30, 0, 999999), "2026-10-25T02:30:00"),
        (date(2026, 3, 29), "2026-03-29"),
        (None, ""),
        ("", ""),
    ],
    ids=["summer-time-with-microseconds", "winter-time", "naive", "date", "none", "empty"],
)
def test_datetime_attribute_writes_whole_seconds_in_local_time(value, expected):
    assert render("{{ value|datetime_attribute }}", value=value) == expected


class _Notes(forms.Form):
    notes = forms.CharField(
        label="Anteckningar",
        required=False,
        widget=forms.Textarea,
        help_text="Vad som <em>diskuterades</em>.",
    )
    title = forms.CharField(label="Titel", max_length=20)


def _normalised(html: str) -> str:
    """The same HTML whatever the indentation: whitespace between tags and around a tag's
    text removed, other runs of whitespace made one space (a textarea's content aside, which
    both render through the same widget)."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


@pytest.mark.parametrize(
    "data", [None, {"notes": "Bra möte.", "title": ""}, {"notes": "x", "title": "för lång titel på fältet"}]
)
@pytest.mark.parametrize("name", ["notes", "title"])
def test_form_field_renders_text_fields_as_crispy_does(data, name):
    assert _ours(_Notes(data, prefix="form-0")[name]) == _crispy(_Notes(data, prefix="form-0")[name])


def _crispy(field) -> str:
    return _normalised(
        Template("{% load crispy_forms_filters %}{{ field|as_crispy_field }}").render(
            Context({"field": field})
        )
    )


def _ours(field) -> str:
    return _normalised(
        Template("{% load ludgrupper %}{{ field|form_field }}").render(Context({"field": field}))
    )


class _Choices(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alla"), ("open", "Öppen")],
        help_text="Vilka <em>visas</em>.",
    )
    year = forms.TypedChoiceField(label="År", choices=[(2026, "2026")], coerce=int)
    several = forms.MultipleChoiceField(label="Flera", required=False, choices=[("a", "A"), ("b", "B")])
    answered = forms.NullBooleanField(label="Besvarad", required=False)
    mine = forms.BooleanField(label="Bara mina", required=False, help_text="De du <b>ansvarar</b> för.")
    agree = forms.BooleanField(label="Jag godkänner")
    day = forms.DateField(label="Dag", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    email = forms.EmailField(label="E-post", required=False)
    kind = forms.ChoiceField(label="Slag", widget=forms.RadioSelect, choices=[("a", "A"), ("b", "B")])
    file = forms.FileField(label="Fil", required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize(
    "data",
    [None, {"status": "x", "year": "1999", "several": ["c"], "mine": "on", "day": "igår", "email": "nej"}],
    ids=["unbound", "invalid"],
)
@pytest.mark.parametrize("name", list(_Choices.base_fields))
def test_form_field_renders_selects_checkboxes_and_other_widgets_as_crispy_does(data, name):
    assert _ours(_Choices(data)[name]) == _crispy(_Choices(data)[name])


class _Unusual(forms.Form):
    error_css_class = "has-error"
    required_css_class = "is-required"

    locked = forms.CharField(label="Låst", disabled=True, initial="Lagan")
    styled = forms.CharField(
        label="Med klass", widget=forms.TextInput(attrs={"class": "w-50", "placeholder": "Sök"})
    )
    styled_choice = forms.ChoiceField(
        label="Vald", choices=[("a", "A")], widget=forms.Select(attrs={"class": "w-auto"})
    )
    unlabelled = forms.CharField(label="", required=False)
    secret = forms.CharField(label="Lösenord", widget=forms.PasswordInput)
    amount = forms.IntegerField(label="Belopp", min_value=0)
    born = forms.DateField(label="Född", widget=forms.SelectDateWidget(years=[2000, 2001]), required=False)
    boxes = forms.MultipleChoiceField(
        label="Rutor", required=False, widget=forms.CheckboxSelectMultiple, choices=[("a", "A")]
    )


@pytest.mark.parametrize(
    "data", [None, {"styled": "", "amount": "-1", "secret": ""}], ids=["unbound", "invalid"]
)
@pytest.mark.parametrize("auto_id", ["id_%s", False], ids=["ids", "no-ids"])
@pytest.mark.parametrize("name", list(_Unusual.base_fields))
def test_form_field_renders_unusual_fields_as_crispy_does(data, auto_id, name):
    assert _ours(_Unusual(data, auto_id=auto_id)[name]) == _crispy(_Unusual(data, auto_id=auto_id)[name])


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?status=nonsense&year=abc&department=999999&q=" + "x" * 500])
def test_every_filter_form_of_the_app_renders_as_crispy_did(query, rf, coordinator):
    request = rf.get("/" + query)
    request.user = coordinator
    forms_ = [
        issue_filters.IssueFilter(request.GET, queryset=Issue.objects.none(), user=coordinator).form,
        issue_filters.PublicIssueFilter(request.GET, queryset=Issue.objects.none()).form,
    ]
    for filterset_class, model in [
        (group_filters.GroupSearch, Group),
        (group_filters.AreaSearch, Area),
        (group_filters.MembershipFilter, Membership),
        (group_filters.InvitationFilter, Invitation),
        (group_filters.OrganisationFilter, Organisation),
    ]:
        forms_.append(filterset_class(request.GET, queryset=model.objects.none()).form)
    compared = 0
    for form in forms_:
        form.is_valid()
        for field in form:
            assert _ours(field) == _crispy(field), (type(form).__name__, field.name)
            compared += 1
    assert compared >= 15
