from django.db.models import Exists, OuterRef

from groups.models import Membership
from meetings.models import Meeting
from minutes.models import MinutesRelease, MinutesReview, SignOff


def latest_release(meeting):
    return (
        MinutesRelease.objects.filter(minutes__meeting=meeting)
        .select_related("version", "released_by")
        .defer("pdf")
        .order_by("-released_at", "-id")
        .first()
    )


def releases_of(minutes):
    return (
        minutes.releases.select_related("version", "released_by").order_by("released_at", "id").defer("pdf")
    )


def pending_reviews_of(user):
    """The official's minutes to review: one task per minutes, the version in review."""
    return (
        MinutesReview.objects.pending().filter(reviewer=user).select_related("minutes__meeting__group__area")
    )


def pending_sign_offs_of(user):
    """The representative's minutes to sign off: one task per minutes, the version in review."""
    still_member = Membership.objects.current().filter(person=user, group=OuterRef("minutes__meeting__group"))
    return (
        SignOff.objects.pending()
        .filter(person=user)
        .filter(Exists(still_member))
        .select_related("minutes__meeting__group__area")
    )


def current_review_of(minutes, user):
    """The person's request about the version of `minutes` now in review, if they have one."""
    return MinutesReview.objects.current().filter(minutes=minutes, reviewer=user).first()


def current_sign_off_of(minutes, user):
    return SignOff.objects.current().filter(minutes=minutes, person=user).first()


def neighbouring_releases(meeting):
    """The group's previous and next released minutes, for the links on the minutes page."""
    released = MinutesRelease.objects.filter(minutes__meeting__group=meeting.group).values_list(
        "minutes__meeting", flat=True
    )
    meetings = Meeting.objects.filter(pk__in=released)
    previous = meetings.filter(starts_at__lt=meeting.starts_at).order_by("-starts_at").first()
    following = meetings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at").first()
    return previous, following


def releases_of_meeting(meeting):
    return MinutesRelease.objects.filter(minutes__meeting=meeting).select_related("version", "minutes")
