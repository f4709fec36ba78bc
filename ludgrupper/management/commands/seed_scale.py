"""N times the demo data, quickly, for the benchmarks (bench/pages.py) and the EXPLAIN checks.

The demo has six groups; `seed_scale --factor 100` adds 594 more, each with the demo's
proportions over ten years of history: members, organisations, meetings, agenda items,
proposals, minutes and issues. Rows are written with bulk_create in batches, so 100× takes
minutes, not hours, and memory stays bounded (one group's rows at a time).
"""

import contextlib
import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from groups.models import Area, Group, MainContactPeriod, Membership, Organisation
from issues.models import Issue, IssueUpdate
from meetings.models import AgendaItem, Meeting, Proposal
from minutes.models import Minutes, MinutesItem
from officials.models import Department

User = get_user_model()

SLUG_PREFIX = "skala-"
DEMO_GROUPS = 6
# Per group, as in the demo and in ten years of a real group's life.
MEMBERS = 12
FORMER_MEMBERS = 2
ORGANISATIONS = 3
YEARS = 10
MEETINGS_PER_YEAR = 2
AGENDA_ITEMS = 8
PROPOSALS_PER_MEETING = 3
ISSUES = 78
BATCH = 2000

ISSUE_STATUSES = [status for status, _label in Issue.Status.choices]


@contextlib.contextmanager
def _dates_as_given(*models):
    """bulk_create would stamp every row with now; history needs its own dates."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now_add", False)
    ]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


class Command(BaseCommand):
    help = (
        "Adds groups until there are factor × the demo's (6 × factor groups), with ten years of history each."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor", type=int, required=True, help="1 leaves the demo as it is; 100 gives 600 groups."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed, for the same data on every run."
        )

    def handle(self, *args, factor, seed, **options):
        if factor < 1 or factor > 1000:
            raise CommandError("--factor must be between 1 and 1000.")
        if not Group.objects.exists():
            raise CommandError(
                "Run seed_demo first: the scale copies its proportions and uses its departments."
            )
        existing = Area.objects.filter(slug__startswith=SLUG_PREFIX).count()
        wanted = DEMO_GROUPS * factor - DEMO_GROUPS
        if existing >= wanted:
            self.stdout.write(f"{existing} scaled groups exist already; nothing to add.")
            return
        self.random = random.Random(seed)
        self.departments = list(Department.objects.values_list("pk", flat=True))
        self.password = make_password("skala-inte-för-inloggning")
        self.now = timezone.now()
        started = time.monotonic()
        with _dates_as_given(Issue, Proposal, Minutes, Organisation):
            for number in range(existing + 1, wanted + 1):
                with transaction.atomic():
                    self._group(number)
                if number % 50 == 0:
                    self.stdout.write(f"{number}/{wanted} groups ({time.monotonic() - started:.0f} s)")
        self.stdout.write(
            f"{Group.objects.count()} groups, {User.objects.count()} people, {Meeting.objects.count()} meetings, "
            f"{AgendaItem.objects.count()} agenda items, {Minutes.objects.count()} minutes, "
            f"{Issue.objects.count()} issues ({time.monotonic() - started:.0f} s)."
        )

    def _group(self, number):
        area = Area.objects.create(
            name=f"Skalby {number}",
            slug=f"{SLUG_PREFIX}{number}",
            kind=Area.Kind.SERVICE_TOWN if number % 3 else Area.Kind.DEVELOPMENT_AREA,
        )
        group = Group.objects.create(area=area, name=f"Utvecklingsgruppen i Skalby {number}")
        ten_years_ago = self.now - timedelta(days=365 * YEARS)
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Skalby {number} förening {k}",
                kind=Organisation.Kind.ASSOCIATION,
                confirmed=True,
                created_at=ten_years_ago,
            )
            for k in range(ORGANISATIONS)
        )
        Organisation.areas.through.objects.bulk_create(
            Organisation.areas.through(organisation_id=organisation.pk, area_id=area.pk)
            for organisation in organisations
        )
        people = User.objects.bulk_create(
            User(
                email=f"skalby{number}.{k}@example.se",
                full_name=f"Person {k} i Skalby {number}",
                password=self.password,
                privacy_notice_accepted_at=ten_years_ago,
            )
            for k in range(MEMBERS)
        )
        start = ten_years_ago.date()
        memberships = Membership.objects.bulk_create(
            Membership(
                person=person,
                group=group,
                organisation=organisations[k % ORGANISATIONS],
                role="ledamot",
                start=start,
                end=start + timedelta(days=365 * 3) if k < FORMER_MEMBERS else None,
            )
            for k, person in enumerate(people)
        )
        MainContactPeriod.objects.create(group=group, membership=memberships[FORMER_MEMBERS], start=start)
        self._meetings(group, people[FORMER_MEMBERS:], memberships)

    def _meetings(self, group, people, memberships):
        meetings = []
        for year_back in range(YEARS, -1, -1):
            for half in range(MEETINGS_PER_YEAR):
                starts_at = self.now - timedelta(days=365 * year_back - 180 * half - 30)
                starts_at = starts_at.replace(hour=17, minute=0, second=0, microsecond=0)
                past = starts_at < self.now
                meetings.append(
                    Meeting(
                        group=group,
                        kind=Meeting.Kind.GROUP_MEETING if half == 0 else Meeting.Kind.OTHER_DIALOGUE,
                        title=f"Möte {starts_at:%Y-%m}",
                        starts_at=starts_at,
                        ends_at=starts_at + timedelta(hours=2),
                        venue_name="Bygdegården",
                        proposal_deadline=starts_at - timedelta(days=14),
                        status=Meeting.Status.HELD if past else Meeting.Status.PUBLISHED,
                        announced_at=starts_at - timedelta(days=40),
                        published_at=starts_at - timedelta(days=7),
                    )
                )
        meetings = Meeting.objects.bulk_create(meetings)
        items = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                title=f"Punkt {position}",
                description="Vad gruppen tar upp och varför.",
                position=position,
                duration_minutes=15,
            )
            for meeting in meetings
            for position in range(1, AGENDA_ITEMS + 1)
        )
        Proposal.objects.bulk_create(
            Proposal(
                meeting=meeting,
                proposer=people[k % len(people)],
                organisation=memberships[FORMER_MEMBERS + k % len(people)].organisation,
                title=f"Förslag {k + 1}",
                description="Ett förslag till dagordningen.",
                status=Proposal.Status.ACCEPTED
                if meeting.starts_at < self.now
                else Proposal.Status.SUBMITTED,
                created_at=meeting.proposal_deadline - timedelta(days=3),
            )
            for meeting in meetings
            for k in range(PROPOSALS_PER_MEETING)
        )
        held = [meeting for meeting in meetings if meeting.starts_at < self.now]
        minutes = Minutes.objects.bulk_create(
            Minutes(meeting=meeting, created_at=meeting.ends_at) for meeting in held[-16:]
        )
        items_by_meeting = {}
        for item in items:
            items_by_meeting.setdefault(item.meeting_id, []).append(item)
        MinutesItem.objects.bulk_create(
            MinutesItem(
                minutes=record,
                agenda_item=item,
                position=item.position,
                title=item.title,
                notes="Gruppen diskuterade punkten.",
            )
            for record in minutes
            for item in items_by_meeting[record.meeting_id]
        )
        self._issues(group, held)

    def _issues(self, group, held):
        issues = []
        for k in range(ISSUES):
            meeting = held[k % len(held)]
            created_at = meeting.ends_at + timedelta(hours=1, minutes=k)
            issues.append(
                Issue(
                    title=f"Sakfråga {k + 1} från {meeting.title}",
                    description="Vad byn vill ha svar på.",
                    group=group,
                    meeting=meeting,
                    department_id=self.random.choice(self.departments),
                    status=self.random.choice(ISSUE_STATUSES),
                    due_date=(created_at + timedelta(days=90)).date() if k % 4 == 0 else None,
                    created_at=created_at,
                    public_since=created_at,
                )
            )
        issues = Issue.objects.bulk_create(issues, batch_size=BATCH)
        # Every other issue has had a published answer, a month after it was raised.
        IssueUpdate.objects.bulk_create(
            (
                IssueUpdate(
                    issue=issue,
                    text="Verksamheten har tittat på frågan och återkommer med en tidplan.",
                    department_id=issue.department_id,
                    state=IssueUpdate.State.PUBLISHED,
                    created_at=issue.created_at + timedelta(days=30),
                    published_at=issue.created_at + timedelta(days=30),
                )
                for issue in issues[::2]
            ),
            batch_size=BATCH,
        )
