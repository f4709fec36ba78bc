"""Minutes built the way a coordinator builds them: started on a held meeting and moved along
by the real services (write, send for review, approve, sign off, release, correct), so that a
test starts from a state the app can reach."""

from datetime import timedelta

from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import Meeting
from minutes import services
from minutes.models import Minutes, MinutesRelease
from tests.meetings.conftest import let_time_pass, make_meeting, make_official

DRAFT, IN_REVIEW, RELEASED, CORRECTING, CORRECTED = (
    "draft",
    "in_review",
    "released",
    "correcting",
    "corrected",
)
# Every state the minutes of a meeting can be in; "correcting" is a released record being
# corrected (a draft again), "corrected" has been released twice.
STATES = [DRAFT, IN_REVIEW, RELEASED, CORRECTING, CORRECTED]
CORRECTION_REASON = "Fel datum för bryggan."


def make_held_meeting(group, *, by, item_count=0, title="Gruppmöte", **extra) -> Meeting:
    """A held meeting with `item_count` agenda items besides the standing ones, added while
    the agenda could still be curated."""
    meeting = make_meeting(group, status=Meeting.Status.OPEN, by=by, title=title, **extra)
    for number in range(item_count):
        meeting_services.agenda_item_add(
            meeting=meeting,
            by=by,
            expected_version=Meeting.objects.get(pk=meeting.pk).agenda_version,
            title=f"Punkt {number + 1}",
        )
    meeting = meeting_services.meeting_send_for_review(meeting=meeting, reviewers=[make_official()], by=by)
    for review in meeting.reviews.all():
        meeting_services.agenda_review_decide(review=review, reviewer=review.reviewer, approve=True)
    meeting = meeting_services.meeting_publish(meeting=meeting, by=by)
    starts_at = timezone.now() - timedelta(days=1)
    let_time_pass(
        meeting,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        proposal_deadline=starts_at - timedelta(days=14),
    )
    return meeting_services.meeting_mark_held(meeting=meeting, by=by)


def write(minutes, *, by, texts) -> Minutes:
    """Save the draft: texts maps an item's position in the minutes (0, 1, ...) to (notes, agreed)."""
    items = list(minutes.items.order_by("position", "id"))
    return services.minutes_save(
        minutes=minutes, texts={items[index].pk: text for index, text in texts.items()}, by=by
    )


def send(minutes, *, by, reviewers, signers=()):
    return services.minutes_send_for_review(minutes=minutes, reviewers=reviewers, signers=signers, by=by)


def approve_all(minutes) -> None:
    """Every official and signer asked about the current version says yes."""
    minutes = Minutes.objects.get(pk=minutes.pk)
    for review in minutes.reviews.filter(version_number=minutes.version):
        services.minutes_review_decide(review=review, reviewer=review.reviewer, approve=True)
    for sign_off in minutes.sign_offs.filter(version_number=minutes.version):
        services.sign_off_decide(sign_off=sign_off, person=sign_off.person, confirm=True)


def release(minutes, *, by, override_reason="") -> MinutesRelease:
    return services.minutes_release(minutes=minutes, by=by, override_reason=override_reason)


def make_minutes(meeting, state=DRAFT, *, by, reviewers=None, signers=(), texts=None) -> Minutes:
    """The minutes of a held `meeting` in `state`, written with `texts` (see write; by default
    a line of notes on the first item), anchored with `reviewers` (a new official unless
    given) and signed off by `signers`, everyone approving."""
    minutes = services.minutes_start(meeting=meeting, by=by)
    texts = texts if texts is not None else {0: ("Vi gick igenom dagordningen.", "")}
    write(minutes, by=by, texts=texts)
    if state == DRAFT:
        return Minutes.objects.get(pk=minutes.pk)
    reviewers = list(reviewers) if reviewers is not None else [make_official()]
    send(minutes, by=by, reviewers=reviewers, signers=signers)
    if state == IN_REVIEW:
        return Minutes.objects.get(pk=minutes.pk)
    approve_all(minutes)
    release(minutes, by=by)
    if state == RELEASED:
        return Minutes.objects.get(pk=minutes.pk)
    services.minutes_start_correction(minutes=minutes, reason=CORRECTION_REASON, by=by)
    first = minutes.items.order_by("position", "id").first()
    write(minutes, by=by, texts={0: (f"{first.notes} Bryggan lagas i maj.", first.agreed)})
    if state == CORRECTING:
        return Minutes.objects.get(pk=minutes.pk)
    send(minutes, by=by, reviewers=reviewers, signers=signers)
    approve_all(minutes)
    release(minutes, by=by)
    return Minutes.objects.get(pk=minutes.pk)


def editor_data(minutes, texts=None) -> dict:
    """What the editor's form posts: every item's notes and agreement as they are, with
    `texts` (an item's position → (notes, agreed)) changed."""
    items = list(minutes.items.order_by("position", "id"))
    data = {
        "form-TOTAL_FORMS": str(len(items)),
        "form-INITIAL_FORMS": str(len(items)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        notes, agreed = (texts or {}).get(index, (item.notes, item.agreed))
        data |= {
            f"form-{index}-id": str(item.pk),
            f"form-{index}-notes": notes,
            f"form-{index}-agreed": agreed,
        }
    return data
