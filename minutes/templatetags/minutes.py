"""Labels and shapes for the content of a version of the minutes (see minutes.content).

A version stores codes and ISO strings, so that it never changes once frozen; these
filters turn them into what a reader sees. The archival PDF and the public page use them
through the same partial, templates/minutes/includes/document.html."""

import re
from datetime import datetime

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from issues.models import Issue
from meetings.models import Attendance, MeetingKind

register = template.Library()

Kind = Attendance.Kind

# Headings of the attendance list, in the order the sections are shown.
ATTENDANCE_HEADINGS = {
    Kind.MEMBER: _("Representatives"),
    Kind.OFFICIAL: _("Officials"),
    Kind.ELECTED: _("Elected representatives"),
    Kind.GUEST: _("Guests"),
}


def _label(choices, code):
    # A code that is no longer among the choices still shows, rather than vanishing.
    return dict(choices).get(code, code)


@register.filter
def meeting_kind_label(code):
    return _label(MeetingKind.choices, code)


@register.filter
def attendance_kind_label(code):
    return _label(Kind.choices, code)


@register.filter
def issue_status_label(code):
    return _label(Issue.Status.choices, code)


@register.filter
def from_iso(value):
    """An ISO 8601 string from the content into a datetime for the date and time filters."""
    if not value or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


@register.filter
def attendance_sections(attendance):
    """Who attended, in sections by kind: representatives under their organisation (in
    order of the organisation's name, those without one last), the others by name."""
    sections = []
    for kind, heading in ATTENDANCE_HEADINGS.items():
        people = sorted(
            (entry for entry in attendance if entry["kind"] == kind), key=lambda e: e["name"].casefold()
        )
        if not people:
            continue
        section = {"kind": kind, "heading": heading, "people": people, "organisations": []}
        if kind == Kind.MEMBER:
            by_organisation: dict[str, list[str]] = {}
            for entry in people:
                by_organisation.setdefault(entry["organisation"], []).append(entry["name"])
            section["organisations"] = [
                {"name": name, "people": by_organisation[name]}
                for name in sorted(by_organisation, key=lambda name: (not name, name.casefold()))
            ]
        sections.append(section)
    known = set(ATTENDANCE_HEADINGS)
    others = [entry for entry in attendance if entry["kind"] not in known]
    if others:
        sections.append({"kind": "", "heading": _("Others"), "people": others, "organisations": []})
    return sections


def _css_string(text: str) -> str:
    """A CSS string literal; < is escaped too, so that the text cannot end the <style>."""
    escaped = re.sub(r'[\\"<\n]', lambda match: f"\\{ord(match.group()):x} ", text)
    return f'"{escaped}"'


@register.simple_tag
def page_of_pages_css():
    """The translated "Page X of Y" as a CSS content value with page counters, e.g.
    "Sida " counter(page) " av " counter(pages)."""
    text = gettext("Page %(number)s of %(total)s") % {"number": "\x00page\x00", "total": "\x00pages\x00"}
    tokens = []
    for index, part in enumerate(text.split("\x00")):
        if index % 2:
            tokens.append(f"counter({part})")
        elif part:
            tokens.append(_css_string(part))
    return mark_safe(" ".join(tokens))  # noqa: S308 (every literal is escaped by _css_string)
