"""The content of a version of the minutes: one plain structure that the HTML page, the PDF
and the difference between versions all read, so that they always show the same thing."""

from django.utils import timezone

from issues.models import Issue


def build_content(minutes) -> dict:
    meeting = minutes.meeting
    issues_by_item: dict[int, list] = {}
    for issue in (
        Issue.objects.filter(meeting=meeting).select_related("department", "committee").order_by("id")
    ):
        issues_by_item.setdefault(issue.agenda_item_id, []).append(
            {
                "title": issue.title,
                "status": issue.status,
                "department": issue.department.name if issue.department else "",
                "committee": issue.committee.name if issue.committee else "",
            }
        )
    return {
        "meeting": {
            "title": meeting.title,
            "kind": meeting.kind,
            "group": meeting.group.name,
            "area": meeting.group.area.name,
            "starts_at": timezone.localtime(meeting.starts_at).isoformat(),
            "ends_at": timezone.localtime(meeting.ends_at).isoformat(),
            "venue": meeting.venue,
        },
        "attendance": [
            {
                "kind": attendance.kind,
                "name": attendance.name,
                "organisation": attendance.organisation.name if attendance.organisation else "",
            }
            for attendance in meeting.attendances.select_related("organisation").order_by("kind", "name")
        ],
        "items": [
            {
                "title": item.title,
                "notes": item.notes,
                "agreed": item.agreed,
                "issues": issues_by_item.get(item.agenda_item_id, []) if item.agenda_item_id else [],
            }
            for item in minutes.items.order_by("position", "id")
        ],
    }


def is_blank(content) -> bool:
    """Nothing was recorded on any item: no notes, no agreement, no issue (what the document
    says of one item as "Nothing was recorded on this item")."""
    return not any(
        item["notes"].strip() or item["agreed"].strip() or item["issues"] for item in content["items"]
    )


def release_facts(release) -> dict:
    """What the minutes say about their release, for the page and the PDF alike."""
    return {
        "number": release.version.number,
        "released_at": release.released_at,
        "released_by": release.released_by_name,
        "approvals": release.approvals,
        "sign_offs": release.sign_offs,
        "override_reason": release.override_reason,
        "correction_reason": release.correction_reason,
    }
