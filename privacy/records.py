"""Public records on request (allmänna handlingar): a meeting's complete file for the registrar
(diariet) as one zip. The agenda as it was sent for anchoring each time and as published, the
proposals with their decisions, the anchoring verdicts, every version of the minutes and their
reviews and sign-offs, the released PDFs exactly as archived with their SHA-256, and a contents
list as PDF/A naming each document and its date.

Contact details (email addresses, phone numbers) are left out unless asked for: handing them
out needs a secrecy review first."""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, AgendaReview, Meeting, MeetingAction, Proposal
from minutes.models import Minutes, MinutesComment, MinutesRelease, MinutesReview, MinutesVersion, SignOff
from minutes.pdf import render_archival_pdf
from privacy import audit
from privacy.errors import PrivacyError
from privacy.models import AuditAction

_AGENDA_SENT = {MeetingAction.SENT_FOR_REVIEW}
_AGENDA_PUBLISHED = {MeetingAction.PUBLISHED, MeetingAction.PUBLISHED_WITHOUT_APPROVALS}


@dataclass
class Document:
    name: str
    title: str
    date: object
    content: bytes

    @property
    def is_pdf(self) -> bool:
        return self.name.endswith(".pdf")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def refusal(meeting: Meeting) -> str:
    """Why the meeting's file cannot be exported, or "" when it can."""
    if meeting.status == Meeting.Status.DRAFT:
        return _(
            "This meeting is still a draft: nothing about it has been sent out, so there is no file to "
            "hand out yet."
        )
    return ""


def _latest(dates):
    """A document's date: its latest entry's, or today's for an empty one."""
    return timezone.localtime(max(dates)) if dates else timezone.localtime()


def _text(lines) -> bytes:
    return ("\n".join(str(line) for line in lines) + "\n").encode()


def _person(user, contact: bool) -> str:
    if user is None:
        return "–"
    if contact:
        return f"{user.full_name} <{user.email}>{f', {user.phone}' if user.phone else ''}"
    return user.full_name


def _agenda_at(meeting: Meeting, when) -> list[str]:
    """The agenda items as they stood at `when`, from the items' history."""
    latest = {}
    history = AgendaItem.history.filter(meeting_id=meeting.pk, history_date__lte=when).order_by(
        "history_date", "history_id"
    )
    for record in history:
        latest[record.id] = record
    items = sorted(
        (record for record in latest.values() if record.history_type != "-"),
        key=lambda record: (record.position, record.id),
    )
    return [f"{number}. {item.title}" for number, item in enumerate(items, start=1)]


def _agenda_documents(meeting: Meeting) -> list[Document]:
    documents = []
    events = meeting.events.filter(action__in=_AGENDA_SENT | _AGENDA_PUBLISHED)
    sent = 0
    for event in events:
        when = timezone.localtime(event.created_at)
        if event.action in _AGENDA_SENT:
            sent += 1
            name = f"dagordning/{sent:02d}-skickad-for-forankring-{when:%Y-%m-%d}.txt"
            title = _("Agenda sent for anchoring (%(number)s)") % {"number": sent}
        else:
            name = f"dagordning/publicerad-{when:%Y-%m-%d}.txt"
            title = _("Agenda as published")
        lines = [title, meeting.title, f"{when:%Y-%m-%d %H:%M}", "", *_agenda_at(meeting, event.created_at)]
        documents.append(Document(name, title, when, _text(lines)))
    return documents


def _proposals(meeting: Meeting, contact: bool) -> Document:
    lines = [_("Agenda item proposals and decisions"), meeting.title, ""]
    proposals = list(
        Proposal.objects.filter(meeting=meeting)
        .select_related("proposer", "organisation", "decided_by")
        .order_by("created_at", "id")
    )
    for proposal in proposals:
        lines += [
            f"{proposal.title}",
            f"  {_('Proposed by')}: {_person(proposal.proposer, contact)}, {proposal.organisation or '–'}",
            f"  {_('Proposed')}: {timezone.localtime(proposal.created_at):%Y-%m-%d %H:%M}",
            f"  {_('Decision')}: {proposal.get_status_display()}"
            + (f" ({timezone.localtime(proposal.decided_at):%Y-%m-%d})" if proposal.decided_at else ""),
        ]
        if proposal.decline_reason:
            lines.append(f"  {_('Reason')}: {proposal.decline_reason}")
        if proposal.description:
            lines += ["", proposal.description]
        lines.append("")
    dates = [proposal.decided_at or proposal.created_at for proposal in proposals]
    return Document("forslag.txt", _("Agenda item proposals and decisions"), _latest(dates), _text(lines))


def _verdict_lines(requests, asked, contact):
    lines = []
    for request in requests:
        decided = f"{timezone.localtime(request.decided_at):%Y-%m-%d %H:%M}" if request.decided_at else "–"
        version = getattr(request, "version_number", None)
        prefix = f"v{version} " if version else ""
        lines.append(
            f"{prefix}{_person(getattr(request, asked), contact)}: {request.get_verdict_display()} ({decided})"
        )
        if request.comment:
            lines.append(f"  {request.comment}")
    return lines


def _anchoring(meeting: Meeting, contact: bool) -> Document:
    reviews = list(
        AgendaReview.objects.filter(meeting=meeting).select_related("reviewer").order_by("requested_at", "id")
    )
    lines = [
        _("Anchoring verdicts on the agenda"),
        meeting.title,
        "",
        *_verdict_lines(reviews, "reviewer", contact),
    ]
    dates = [review.decided_at or review.requested_at for review in reviews]
    return Document("forankring.txt", _("Anchoring verdicts on the agenda"), _latest(dates), _text(lines))


def _minutes_documents(minutes: Minutes, contact: bool) -> list[Document]:
    documents = []
    for version in MinutesVersion.objects.filter(minutes=minutes).order_by("number"):
        documents.append(
            Document(
                f"minnesanteckningar/version-{version.number}.json",
                _("Minutes, version %(number)s") % {"number": version.number},
                timezone.localtime(version.created_at),
                json.dumps(version.content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode(),
            )
        )
    reviews = list(
        MinutesReview.objects.filter(minutes=minutes)
        .select_related("reviewer")
        .order_by("version_number", "id")
    )
    sign_offs = list(
        SignOff.objects.filter(minutes=minutes).select_related("person").order_by("version_number", "id")
    )
    comments = (
        MinutesComment.objects.filter(review__in=[review.pk for review in reviews])
        .select_related("item")
        .order_by("created_at", "id")
    )
    lines = [
        _("Reviews and sign-offs of the minutes"),
        minutes.meeting.title,
        "",
        _("Reviews by officials"),
        *_verdict_lines(reviews, "reviewer", contact),
        "",
        _("Sign-offs"),
        *_verdict_lines(sign_offs, "person", contact),
        "",
        _("Comments on items"),
        *(f"{comment.item}: {comment.text}" for comment in comments),
    ]
    documents.append(
        Document(
            "minnesanteckningar/granskning.txt",
            _("Reviews and sign-offs of the minutes"),
            _latest([request.decided_at or request.requested_at for request in [*reviews, *sign_offs]]),
            _text(lines),
        )
    )
    for release in (
        MinutesRelease.objects.filter(minutes=minutes).select_related("version").order_by("released_at")
    ):
        documents.append(
            Document(
                f"minnesanteckningar/publicerad-version-{release.version.number}.pdf",
                _("Released minutes, version %(number)s (PDF/A)") % {"number": release.version.number},
                timezone.localtime(release.released_at),
                bytes(release.pdf),
            )
        )
    return documents


def _contacts(meeting: Meeting) -> Document:
    people = {}
    for proposal in Proposal.objects.filter(meeting=meeting).select_related("proposer"):
        people[proposal.proposer_id] = proposal.proposer
    for rsvp in meeting.rsvps.select_related("person"):
        people[rsvp.person_id] = rsvp.person
    lines = [_("Contact details (handed out after a secrecy review)"), meeting.title, ""]
    lines += [
        _person(person, True) for person in sorted(people.values(), key=lambda person: person.full_name)
    ]
    return Document("kontaktuppgifter.txt", _("Contact details"), timezone.localtime(), _text(lines))


def _contents_pdf(meeting: Meeting, documents: list[Document], contact: bool) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "privacy/records_contents.html",
            {
                "meeting": meeting,
                "documents": documents,
                "contact": contact,
                "municipality_name": settings.MUNICIPALITY_NAME,
                "primary_color": settings.PRIMARY_COLOR,
                "exported_at": timezone.localtime(),
            },
        )
    return render_archival_pdf(html)


def public_records_zip(*, meeting: Meeting, by, include_contact_details: bool = False) -> bytes:
    """The meeting's file as a zip (bytes). Refused for a meeting still in draft."""
    why_not = refusal(meeting)
    if why_not:
        raise PrivacyError(why_not, code="draft")
    documents = [
        *_agenda_documents(meeting),
        _proposals(meeting, include_contact_details),
        _anchoring(meeting, include_contact_details),
    ]
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None:
        documents += _minutes_documents(minutes, include_contact_details)
    if include_contact_details:
        documents.append(_contacts(meeting))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "innehallsforteckning.pdf", _contents_pdf(meeting, documents, include_contact_details)
        )
        for document in documents:
            archive.writestr(document.name, document.content)
        archive.writestr(
            "SHA256SUMS.txt", _text(f"{document.sha256}  {document.name}" for document in documents)
        )
    detail = f"{meeting} (#{meeting.pk})" + (
        ", " + _("with contact details") if include_contact_details else ""
    )
    audit.record(AuditAction.RECORDS_EXPORTED, actor=by, detail=detail)
    return buffer.getvalue()
