from meetings.models import Meeting
from minutes.models import Minutes, MinutesRelease, MinutesReview, SignOff


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
    return MinutesReview.objects.filter(
        reviewer=user,
        verdict=MinutesReview.Verdict.PENDING,
        minutes__status=Minutes.Status.IN_REVIEW,
    ).select_related("minutes__meeting__group__area")


def pending_sign_offs_of(user):
    return SignOff.objects.filter(
        person=user,
        verdict=SignOff.Verdict.PENDING,
        minutes__status=Minutes.Status.IN_REVIEW,
    ).select_related("minutes__meeting__group__area")


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
