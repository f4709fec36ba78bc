"""Reads that the minutes pages share: each page's data, with its queries done once."""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from groups.models import Membership
from groups.services import current_main_contact
from issues.models import Issue
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.selectors import suggested_officials
from minutes.emails import pdf_filename
from minutes.models import MinutesComment, MinutesItem, MinutesRelease, MinutesReview, SignOff


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


def releases_of_meeting_id(meeting_id: int):
    return MinutesRelease.objects.filter(minutes__meeting_id=meeting_id)


@dataclass(frozen=True)
class StoredPdf:
    number: int
    sha256: str
    filename: str
    content: bytes = b""


class _RecentPdfs:
    """The released PDFs a worker served last. A released version never changes (the archive's
    triggers refuse it), so a worker may keep its bytes; only what exists is kept (a version
    released later is read when it exists), and only the last few (memory stays bounded)."""

    size = 32

    def __init__(self):
        self._kept = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def keep(self, key, value):
        with self._lock:
            self._kept[key] = value
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def clear(self):
        with self._lock:
            self._kept.clear()


recent_pdfs = _RecentPdfs()


def _stored_pdf(releases, *, with_content: bool) -> StoredPdf | None:
    releases = releases.select_related("version", "minutes__meeting__group__area")
    release = (releases if with_content else releases.defer("pdf")).first()
    if release is None:
        return None
    return StoredPdf(
        number=release.version.number,
        sha256=release.sha256,
        filename=pdf_filename(release.minutes.meeting),
        content=bytes(release.pdf) if with_content else b"",
    )


def released_pdf(meeting_id: int, number: int, *, with_content: bool = True) -> StoredPdf | None:
    """A released version's PDF (or only its hash and name), from memory when this worker has it."""
    found = recent_pdfs.get((meeting_id, number))
    if found is not None:
        return found
    stored = _stored_pdf(
        releases_of_meeting_id(meeting_id).filter(version__number=number), with_content=with_content
    )
    if stored is not None and with_content:
        recent_pdfs.keep((meeting_id, number), stored)
    return stored


def latest_released_pdf_facts(meeting_id: int) -> StoredPdf | None:
    """The latest release's number and hash (a correction changes them: never kept in memory)."""
    return _stored_pdf(releases_of_meeting_id(meeting_id).order_by("-released_at", "-id"), with_content=False)


def releases_of_meeting(meeting):
    return MinutesRelease.objects.filter(minutes__meeting=meeting).select_related("version", "minutes")


def default_reviewers(meeting):
    """The officials of the departments tagged on the agenda and those who attended."""
    attended = [
        attendance.person
        for attendance in meeting.attendances.filter(kind=Attendance.Kind.OFFICIAL).select_related("person")
    ]
    return list(dict.fromkeys([*suggested_officials(meeting), *[person for person in attended if person]]))


def default_signers(meeting):
    """By default the group's main contact signs off (justerar) the minutes."""
    period = current_main_contact(meeting.group)
    return [period.membership.person] if period else []


def signer_memberships(meeting, people):
    """The current memberships in the meeting's group of `people` (the signers' choices)."""
    return list(meeting.group.memberships.current().filter(person__in=people))


def requests_of_version(minutes):
    """The reviews and sign-offs of the latest version sent (those of the version in review,
    or of the one released), with the people asked."""
    reviews = list(minutes.reviews.filter(version_number=minutes.version).select_related("reviewer"))
    sign_offs = list(minutes.sign_offs.filter(version_number=minutes.version).select_related("person"))
    return reviews, sign_offs


def comments_by_item(minutes) -> dict:
    """The reviewers' comments on each item of the minutes (by the item's id), every version's."""
    comments: dict = {}
    for comment in MinutesComment.objects.filter(review__minutes=minutes).select_related("review__reviewer"):
        comments.setdefault(comment.item_id, []).append(comment)
    return comments


def issues_by_agenda_item(meeting) -> dict:
    """The follow-up issues raised at the meeting, by the id of their agenda item."""
    issues: dict = {}
    for issue in Issue.objects.filter(meeting=meeting).select_related("department", "committee"):
        issues.setdefault(issue.agenda_item_id, []).append(issue)
    return issues


def versions_of(minutes):
    return list(minutes.versions.defer("content"))


# The changes the history page shows at most: the newest.
HISTORY_LIMIT = 300


def meeting_history(meeting) -> list[dict]:
    """Who changed what and when in the agenda, the minutes and the issues of a meeting, newest
    first: each row a history record, its kind and the names of the fields it changed."""
    sources = [
        (_("Agenda item"), AgendaItem.history.filter(meeting_id=meeting.pk)),
        (_("Minutes"), MinutesItem.history.filter(minutes__meeting_id=meeting.pk)),
        (_("Issue"), Issue.history.filter(meeting_id=meeting.pk)),
    ]
    rows = []
    for kind, history in sources:
        records = list(history.select_related("history_user").order_by("id", "history_date", "history_id"))
        for previous, record in zip([None, *records], records, strict=False):
            rows.append({"kind": kind, "record": record, "changed": _changed_fields(previous, record)})
    rows.sort(key=lambda row: row["record"].history_date, reverse=True)
    return rows[:HISTORY_LIMIT]


def _changed_fields(previous, record) -> list[str]:
    """The names of the fields a history record changed, compared with the record before it."""
    if previous is None or previous.id != record.id or record.history_type != "~":
        return []
    changed = {change.field for change in record.diff_against(previous).changes}
    fields = record.instance_type._meta.concrete_fields
    return [str(field.verbose_name) for field in fields if field.name in changed]
