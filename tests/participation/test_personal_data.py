from datetime import timedelta

from django.utils import timezone

from core import personal_data
from participation import services
from participation.models import Channel, Suggestion
from tests.participation.conftest import make_suggestion


def _retention(key):
    return next(retention for retention in personal_data.retentions() if retention.key == key)


def test_reply_addresses_are_cleared_after_the_period_even_if_never_answered(lagan, settings):
    old = make_suggestion(lagan.area, reply_email="gammal@example.se")
    new = make_suggestion(lagan.area, reply_email="ny@example.se")
    Suggestion.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    retention = _retention("suggestion_reply_addresses")

    removed = retention.remove(retention.expired(timezone.now() - timedelta(days=retention.days)))

    assert removed == 1
    assert Suggestion.objects.get(pk=old.pk).reply_email == ""
    assert Suggestion.objects.get(pk=new.pk).reply_email == "ny@example.se"


def test_hidden_suggestions_are_deleted_after_the_period(lagan, coordinator):
    hidden = services.suggestion_hide(
        suggestion=make_suggestion(lagan.area), by=coordinator, reason="Dubblett."
    )
    published = services.suggestion_publish(suggestion=make_suggestion(lagan.area), by=coordinator)
    Suggestion.objects.filter(pk__in=[hidden.pk, published.pk]).update(
        decided_at=timezone.now() - timedelta(days=800)
    )
    retention = _retention("hidden_suggestions")

    retention.remove(retention.expired(timezone.now() - timedelta(days=retention.days)))

    assert list(Suggestion.objects.values_list("pk", flat=True)) == [published.pk]


def test_export_lists_what_a_person_registered_and_supported(lagan, member, coordinator):
    registered = services.suggestion_register(
        area=lagan.area, by=member, title="Från pappret", text="Text", channel=Channel.PAPER
    )
    services.suggestion_publish(suggestion=registered, by=coordinator)
    services.suggestion_support(suggestion=registered, by=member)
    export = next(export for export in personal_data.exports() if export.key == "participation_suggestions")

    rows = export.collect(member)

    assert [row.get("title") or row.get("supported") for row in rows] == ["Från pappret", "Från pappret"]
    assert rows[0]["channel"] == "på papper"
