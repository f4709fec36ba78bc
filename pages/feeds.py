"""The Atom feeds of what is published: agendas, released minutes and published updates on
public issues, for one area (/omraden/<slug>/flode.atom) or the whole municipality
(/flode.atom). Django's syndication framework writes them; each is bounded to the newest
FEED_ITEMS entries, whatever the history."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.markdown import render_markdown
from groups.models import Area
from issues.models import IssueUpdate
from meetings.models import Meeting
from minutes.models import MinutesRelease

FEED_ITEMS = 30


@dataclass(frozen=True)
class Entry:
    guid: str
    title: str
    link: str
    published: datetime
    # Markdown, made HTML only for the entries the feed keeps (item_description).
    summary_markdown: str = ""


def newest_published(area=None) -> dict:
    """The newest FEED_ITEMS agendas, releases and published updates on public issues (of the
    area, or of every area), each in the order of an index: three queries."""
    agendas = Meeting.objects.filter(published_at__isnull=False).select_related("group__area")
    # Without the PDFs (a feed lists thirty releases; it links their pages).
    releases = MinutesRelease.objects.select_related("minutes__meeting__group__area").defer("pdf")
    updates = (
        IssueUpdate.objects.published()
        .filter(issue__public_since__isnull=False)
        .select_related("issue__group__area", "department")
    )
    if area is not None:
        agendas = agendas.filter(group__area=area)
        releases = releases.filter(minutes__meeting__group__area=area)
        updates = updates.filter(issue__group__area=area)
    return {
        "agendas": agendas.order_by("-published_at", "-id")[:FEED_ITEMS],
        "releases": releases.order_by("-released_at", "-id")[:FEED_ITEMS],
        "updates": updates.order_by("-published_at", "-id")[:FEED_ITEMS],
    }


def _entries(area=None) -> list[Entry]:
    """The newest FEED_ITEMS of each kind, merged, newest first."""
    newest = newest_published(area)
    entries = [
        Entry(
            guid=f"agenda-{meeting.pk}",
            title=_("Agenda: %(title)s (%(area)s)")
            % {"title": meeting.title, "area": meeting.group.area.name},
            link=meeting.get_absolute_url(),
            published=meeting.published_at,
        )
        for meeting in newest["agendas"]
    ]
    entries += [
        Entry(
            guid=f"minutes-{release.pk}",
            title=_("Minutes: %(title)s (%(area)s)")
            % {"title": release.minutes.meeting.title, "area": release.minutes.meeting.group.area.name},
            link=reverse("minutes:public", kwargs={"pk": release.minutes.meeting_id}),
            published=release.released_at,
        )
        for release in newest["releases"]
    ]
    entries += [
        Entry(
            guid=f"issue-update-{update.pk}",
            title=_("Update: %(title)s (%(area)s)")
            % {"title": update.issue.title, "area": update.issue.group.area.name},
            link=f"{update.issue.get_absolute_url()}#uppdatering-{update.pk}",
            published=update.published_at,
            summary_markdown=update.text,
        )
        for update in newest["updates"]
    ]
    return sorted(entries, key=lambda entry: entry.published, reverse=True)[:FEED_ITEMS]


class MunicipalityFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Local development groups – %(municipality)s") % {"municipality": settings.MUNICIPALITY_NAME}

    def link(self):
        return reverse("pages:home")

    def subtitle(self):
        return _("Published agendas, released minutes and updates on the groups' issues.")

    def items(self):
        return _entries()

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return render_markdown(item.summary_markdown) if item.summary_markdown else ""

    def item_guid(self, item):
        return f"{settings.SITE_URL}/#{item.guid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.published


class AreaFeed(MunicipalityFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Area, slug=slug)

    def title(self, area):
        return _("%(area)s – local development group") % {"area": area.name}

    def link(self, area):
        return reverse("pages:area", kwargs={"slug": area.slug})

    def items(self, area):
        return _entries(area)
