"""A form sent twice (a double click, a reload, two requests at once) stores one row.

The form carries a fresh token in a hidden field (core.forms.FormTokenField); the row keeps it
in a field unique for whoever sends it (form_token_field with a unique constraint), and the
service answers a repeat with the row stored the first time: the person sees what they saw the
first time, and nothing is stored, recorded or mailed again."""

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


def form_token_field() -> models.UUIDField:
    """The token of the form that stored the row (none for rows made otherwise). Make it unique
    in the model's Meta: alone where nobody is known (a resident's suggestion), else together
    with the person who sends the form."""
    return models.UUIDField(null=True, blank=True, editable=False, verbose_name=_("form token"))


def sent_before(queryset, form_token):
    """The row that the same form stored before, among `queryset` (the sender's rows), or None.
    A row written without a form token is never a repeat."""
    if form_token is None:
        return None
    return queryset.filter(form_token=form_token).first()


def create_once(row, queryset) -> tuple[models.Model, bool]:
    """Save the new row (which carries its form token) and return it with True; if another
    request stored the same form meanwhile (the unique constraint refuses this one), return
    that request's row with False. Call it inside the service's transaction."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        stored = sent_before(queryset, row.form_token)
        if stored is None:
            raise
        return stored, False
    return row, True
