"""Every write that matters for minutes: drafting, anchoring, sign-off, release, correction.

Each service that moves the minutes' state asks Minutes.TRANSITIONS (minutes.models), refuses
with a message for the user, and records the move in the activity log (MinutesAction) in its
transaction. Who may call them from a page is minutes.rules."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import activity
from core.fields import LONG_TEXT
from core.reviews import verdict_record
from groups.rules import is_current_member
from issues.services import issues_make_public
from meetings.models import Meeting
from minutes import archive, emails, signals
from minutes.content import build_content, is_blank, release_facts
from minutes.errors import MinutesError
from minutes.models import (
    Minutes,
    MinutesAction,
    MinutesComment,
    MinutesItem,
    MinutesRelease,
    MinutesReview,
    MinutesVersion,
    SignOff,
)
from minutes.pdf import render_minutes_pdf

Status = Minutes.Status


def _locked(minutes) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting__group__area").get(pk=minutes.pk)


@transaction.atomic
def minutes_start(*, meeting, by) -> Minutes:
    """Open the minutes of a held meeting, one section per agenda item."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_held:
        raise MinutesError(
            _("Minutes are written once the meeting has been marked as held."), code="meeting_not_held"
        )
    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    minutes = Minutes.objects.create(meeting=meeting, created_by=by)
    MinutesItem.objects.bulk_create(
        MinutesItem(minutes=minutes, agenda_item=item, position=item.position, title=item.title)
        for item in meeting.items.order_by("position", "id")
    )
    activity.record(minutes, MinutesAction.STARTED, by)
    return minutes


@transaction.atomic
def minutes_save(*, minutes, texts: dict, by) -> Minutes:
    """Save the draft: texts maps each MinutesItem id to (notes, agreed)."""
    minutes = _locked(minutes)
    if not minutes.is_editable:
        raise MinutesError(
            _("Released minutes cannot be changed. Start a correction instead."), code="frozen"
        )
    _save_texts(minutes, texts, by)
    minutes.save(update_fields=["updated_at"])
    return minutes


def _save_texts(minutes, texts: dict, by) -> None:
    items = {item.pk: item for item in minutes.items.all()}
    for pk, (notes, agreed) in texts.items():
        if pk not in items:
            raise MinutesError(_("The minutes have changed; reload the page."), code="unknown_item")
        if len(notes) > LONG_TEXT or len(agreed) > LONG_TEXT:
            raise MinutesError(
                _("A text is longer than %(limit)s characters.") % {"limit": LONG_TEXT}, code="too_long"
            )
        item = items[pk]
        if (item.notes, item.agreed) != (notes, agreed):
            item.notes, item.agreed = notes, agreed
            item._history_user = by
            item.save()


@transaction.atomic
def minutes_send_for_review(*, minutes, reviewers, signers, by, texts: dict | None = None) -> MinutesVersion:
    """Freeze the draft as the next version and ask the officials and signers.

    `texts` is what the editor holds when the coordinator presses the button (as for
    minutes_save): it is saved first, in the same transaction, so that the version is the text
    on the screen, and a refused send saves none of it."""
    minutes = _locked(minutes)
    Minutes.TRANSITIONS.require(
        minutes.status,
        Status.IN_REVIEW,
        MinutesError(
            _("Released minutes cannot be sent for review. Start a correction instead."), code="frozen"
        ),
    )
    reviewers, signers = list(reviewers), list(signers)
    if not reviewers:
        raise MinutesError(_("Choose at least one official to anchor the minutes with."), code="no_reviewer")
    if len(signers) > 2:
        raise MinutesError(_("At most two representatives sign off the minutes."), code="too_many_signers")
    for person in signers:
        if not is_current_member(person, minutes.meeting.group):
            raise MinutesError(
                _("%(person)s is not a member of the group.") % {"person": person}, code="not_a_member"
            )
    if texts is not None:
        _save_texts(minutes, texts, by)
    content = build_content(minutes)
    if is_blank(content):
        raise MinutesError(
            _("The minutes are empty: write on at least one item before sending them for review."),
            code="empty",
        )
    minutes.version += 1
    minutes.status = Status.IN_REVIEW
    minutes.save(update_fields=["version", "status", "updated_at"])
    version = MinutesVersion.objects.create(
        minutes=minutes, number=minutes.version, content=content, created_by=by
    )
    MinutesReview.objects.bulk_create(
        MinutesReview(minutes=minutes, reviewer=person, version_number=version.number) for person in reviewers
    )
    SignOff.objects.bulk_create(
        SignOff(minutes=minutes, person=person, version_number=version.number) for person in signers
    )
    activity.record(minutes, MinutesAction.SENT_FOR_REVIEW, by, _version_detail(version.number))
    emails.send_review_requested(minutes, reviewers, signers)
    return version


def _version_detail(number: int, more: str = "") -> str:
    """The detail of a logged action on one version: its number, then what else is worth keeping."""
    return f"{number}: {more}" if more else str(number)


def _current(record, minutes):
    """Refuse an answer to a request that no longer asks anything (minutes: locked)."""
    record.minutes = minutes
    if record.is_superseded:
        raise MinutesError(
            _("This version is no longer being reviewed; a newer version has been sent."), code="superseded"
        )
    if not record.is_current:
        raise MinutesError(_("The minutes are no longer being reviewed."), code="not_in_review")


@transaction.atomic
def minutes_review_decide(*, review, reviewer, approve: bool, comment: str = "", item_comments=None):
    """An official approves the version, or comments on it (in general or per item)."""
    minutes = _locked(review.minutes)
    review = MinutesReview.objects.select_for_update().get(pk=review.pk)
    if review.reviewer_id == reviewer.pk:
        _current(review, minutes)
    item_comments = {pk: text.strip() for pk, text in (item_comments or {}).items() if text.strip()}
    verdict_record(
        review,
        by=reviewer,
        approve=approve,
        comment=comment,
        has_other_comments=bool(item_comments),
        not_asked_message=_("Only the official who was asked can review this version."),
        error_class=MinutesError,
        missing_comment_message=_("Write a comment, or approve the minutes."),
    )
    items = {item.pk: item for item in minutes.items.all()}
    MinutesComment.objects.bulk_create(
        MinutesComment(review=review, item=items.get(pk), text=text) for pk, text in item_comments.items()
    )
    activity.record(
        minutes, MinutesAction.REVIEWED, reviewer, _version_detail(review.version_number, review.verdict)
    )
    return review


@transaction.atomic
def sign_off_decide(*, sign_off, person, confirm: bool, comment: str = "") -> SignOff:
    minutes = _locked(sign_off.minutes)
    sign_off = SignOff.objects.select_for_update().get(pk=sign_off.pk)
    if sign_off.person_id == person.pk:
        if not is_current_member(person, minutes.meeting.group):
            raise MinutesError(
                _("Only a current member of the group can sign off the minutes."), code="not_a_member"
            )
        _current(sign_off, minutes)
    verdict_record(
        sign_off,
        by=person,
        approve=confirm,
        comment=comment,
        not_asked_message=_("Only the representative who was asked can sign off."),
        error_class=MinutesError,
        missing_comment_message=_("Write what needs to change, or confirm the minutes."),
    )
    activity.record(
        minutes, MinutesAction.SIGNED_OFF, person, _version_detail(sign_off.version_number, sign_off.verdict)
    )
    return sign_off


def _texts(content) -> list[tuple]:
    """What the reviewers read: the items' titles and texts (issues may move on meanwhile)."""
    return [(item["title"], item["notes"], item["agreed"]) for item in content["items"]]


@transaction.atomic
def minutes_release(*, minutes, by, override_reason: str = "") -> MinutesRelease:
    """Freeze the reviewed version, render the archival PDF and send it to the group."""
    minutes = _locked(minutes)
    Minutes.TRANSITIONS.require(
        minutes.status,
        Status.RELEASED,
        MinutesError(_("Only minutes that have been sent for review can be released."), code="not_in_review"),
    )
    version = minutes.versions.get(number=minutes.version)
    if _texts(build_content(minutes)) != _texts(version.content):
        raise MinutesError(
            _("The minutes have been changed since version %(number)s was sent for review. Send them again.")
            % {"number": version.number},
            code="changed_since_sent",
        )
    missing = minutes.missing_approvals
    override_reason = override_reason.strip()
    if missing and not override_reason:
        raise MinutesError(
            _("Not everyone has approved (%(names)s). Give a reason to release anyway; it is recorded.")
            % {"names": ", ".join(missing)},
            code="approvals_missing",
        )
    reviews = minutes.reviews.current().approved()
    sign_offs = minutes.sign_offs.current().approved()
    release = MinutesRelease(
        minutes=minutes,
        version=version,
        released_by=by,
        released_by_name=by.full_name,
        released_at=timezone.now(),
        approvals=[
            {"name": review.reviewer.full_name, "at": review.decided_at.isoformat()}
            for review in reviews.select_related("reviewer")
        ],
        sign_offs=[
            {"name": sign_off.person.full_name, "at": sign_off.decided_at.isoformat()}
            for sign_off in sign_offs.select_related("person")
        ],
        override_reason=override_reason,
        correction_reason=minutes.correction_reason,
    )
    release.pdf = render_minutes_pdf(content=version.content, release=release_facts(release))
    release.sha256 = hashlib.sha256(release.pdf).hexdigest()
    archive.lock_chain()
    head = MinutesRelease.objects.order_by("-id").values_list("chain_hash", flat=True).first()
    release.previous_chain_hash = head or ""
    release.chain_hash = archive.chain_hash(
        previous=release.previous_chain_hash,
        sha256=release.sha256,
        minutes_id=minutes.pk,
        version_number=version.number,
        released_at=release.released_at,
    )
    release.save()
    minutes.status = Status.RELEASED
    minutes.correction_reason = ""
    minutes.save(update_fields=["status", "correction_reason", "updated_at"])
    if missing:
        activity.record(
            minutes,
            MinutesAction.RELEASED_WITHOUT_APPROVALS,
            by,
            _version_detail(version.number, ", ".join(missing)),
        )
    else:
        activity.record(minutes, MinutesAction.RELEASED, by, _version_detail(version.number))
    issues_make_public(meeting=minutes.meeting)
    emails.send_released(release)
    signals.minutes_released.send(sender=MinutesRelease, release=release)
    return release


@transaction.atomic
def minutes_start_correction(*, minutes, reason: str, by) -> Minutes:
    """Released minutes are never edited in place: a correction becomes a new version."""
    minutes = _locked(minutes)
    Minutes.TRANSITIONS.require(
        minutes.status,
        Status.DRAFT,
        MinutesError(_("Only released minutes can be corrected."), code="not_released"),
    )
    reason = reason.strip()
    if not reason:
        raise MinutesError(
            _("Give the reason for the correction; it is shown with the new version."), code="reason_missing"
        )
    minutes.status = Status.DRAFT
    minutes.correction_reason = reason
    minutes._history_user = by
    minutes.save(update_fields=["status", "correction_reason", "updated_at"])
    activity.record(minutes, MinutesAction.CORRECTION_STARTED, by, _version_detail(minutes.version, reason))
    return minutes
