"""What the minutes app holds of a person: their reviews of minutes and their sign-offs, and
the minutes they wrote or released. Nothing here is erased when an account closes: minutes,
their reviews and sign-offs are public records, and released minutes are kept under the
archive law (see the README)."""

from django.utils.translation import gettext_lazy as _

from core import personal_data as registry
from minutes.models import Minutes, MinutesRelease, MinutesReview, MinutesVersion, SignOff


def _reviews(user) -> list[dict]:
    return registry.rows(
        MinutesReview.objects.filter(reviewer=user).order_by("requested_at", "id"),
        "minutes__meeting__title",
        "version_number",
        "verdict",
        "comment",
        "requested_at",
        "decided_at",
    )


def _sign_offs(user) -> list[dict]:
    return registry.rows(
        SignOff.objects.filter(person=user).order_by("requested_at", "id"),
        "minutes__meeting__title",
        "version_number",
        "verdict",
        "comment",
        "requested_at",
        "decided_at",
    )


def _written(user) -> list[dict]:
    started = registry.rows(
        Minutes.objects.filter(created_by=user).order_by("id"), "meeting__title", "created_at"
    )
    versions = registry.rows(
        MinutesVersion.objects.filter(created_by=user).order_by("id"),
        "minutes__meeting__title",
        "number",
        "created_at",
    )
    releases = registry.rows(
        MinutesRelease.objects.filter(released_by=user).order_by("id"),
        "minutes__meeting__title",
        "released_at",
        "sha256",
    )
    return (
        [{"kind": "minutes started", **row} for row in started]
        + [{"kind": "version", **row} for row in versions]
        + [{"kind": "release", **row} for row in releases]
    )


def register() -> None:
    registry.register_export(
        "minutes.reviews", _("Reviews of minutes"), _reviews, covers=["minutes.MinutesReview"]
    )
    registry.register_export(
        "minutes.sign_offs", _("Sign-offs of minutes"), _sign_offs, covers=["minutes.SignOff"]
    )
    registry.register_export(
        "minutes.written",
        _("Minutes you wrote or released"),
        _written,
        covers=["minutes.Minutes", "minutes.MinutesVersion", "minutes.MinutesRelease"],
    )
