"""N times the demo data, quickly, for the benchmarks (bench/pages.py) and the EXPLAIN checks.

The demo has six groups; `seed_scale --factor 100` adds 594 more, each with the demo's
proportions over ten years of history: members, organisations, meetings, agenda items,
proposals, minutes and issues, suggestions with their supports, and (for every third group) a
survey with residents' and a school class's answers. Rows are written with bulk_create in
batches, so 100× takes minutes, not hours, and memory stays bounded (one group's rows at a time).
"""

import contextlib
import hashlib
import random
import time
from datetime import datetime, timedelta
from datetime import time as dt_time

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
from participation.models import (
    Answer,
    Channel,
    ClassCode,
    ClassLevel,
    Option,
    Question,
    Response,
    Suggestion,
    Support,
    Survey,
)

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
SUGGESTIONS = 20  # two a year
SUPPORTERS = 2  # members who support each published suggestion
SURVEY_EVERY = 3  # groups per survey: the demo has two surveys for six groups
RESPONSES = 40  # residents' answers to a survey, as in the demo's closed survey
CLASS_PUPILS = 24
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
        with _dates_as_given(
            Issue, Proposal, Minutes, Organisation, Suggestion, Support, Survey, ClassCode, Response
        ):
            for number in range(existing + 1, wanted + 1):
                with transaction.atomic():
                    self._group(number)
                if number % 50 == 0:
                    self.stdout.write(f"{number}/{wanted} groups ({time.monotonic() - started:.0f} s)")
        self.stdout.write(
            f"{Group.objects.count()} groups, {User.objects.count()} people, {Meeting.objects.count()} meetings, "
            f"{AgendaItem.objects.count()} agenda items, {Minutes.objects.count()} minutes, "
            f"{Issue.objects.count()} issues, {Suggestion.objects.count()} suggestions, "
            f"{Survey.objects.count()} surveys with {Answer.objects.count()} answers "
            f"({time.monotonic() - started:.0f} s)."
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
        self._suggestions(area, people[FORMER_MEMBERS:])
        if number % SURVEY_EVERY == 0:
            self._survey(area, number)

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

    def _suggestions(self, area, members):
        """Two a year: the newest waiting for the coordinator, the others published (each
        supported by members of the group), hidden with a reason, or registered on paper."""
        channels = [Channel.WEB, Channel.WEB, Channel.PAPER, Channel.PHONE, Channel.MEETING]
        suggestions = []
        for k in range(SUGGESTIONS):
            created_at = self.now - timedelta(days=365 * YEARS * (SUGGESTIONS - k) / SUGGESTIONS - 3)
            channel = channels[k % len(channels)]
            status = (
                Suggestion.Status.RECEIVED
                if k >= SUGGESTIONS - 2
                else Suggestion.Status.HIDDEN
                if k % 5 == 4
                else Suggestion.Status.PUBLISHED
            )
            suggestions.append(
                Suggestion(
                    area=area,
                    title=f"Förslag {k + 1} för {area.name}",
                    text="Något som skulle göra orten bättre att bo i.",
                    channel=channel,
                    registered_by=members[k % len(members)] if channel != Channel.WEB else None,
                    status=status,
                    hidden_reason="Gäller en enskild fastighet."
                    if status == Suggestion.Status.HIDDEN
                    else "",
                    decided_at=created_at + timedelta(days=7)
                    if status != Suggestion.Status.RECEIVED
                    else None,
                    created_at=created_at,
                )
            )
        suggestions = Suggestion.objects.bulk_create(suggestions)
        Support.objects.bulk_create(
            Support(
                suggestion=suggestion,
                person=members[(k + j) % len(members)],
                created_at=suggestion.decided_at,
            )
            for k, suggestion in enumerate(suggestions)
            if suggestion.status == Suggestion.Status.PUBLISHED
            for j in range(SUPPORTERS)
        )

    def _survey(self, area, number):
        """A closed survey of the area with published results, as the demo's: one question of
        each kind, RESPONSES residents' answers and one school class's counts."""
        closes_on = (self.now - timedelta(days=365 * (number % YEARS) + 30)).date()
        survey = Survey.objects.create(
            title=f"Vad är viktigast för {area.name}?",
            description="En kort enkät inför den lokala utvecklingsgruppens årsmöte.",
            opens_on=closes_on - timedelta(days=30),
            closes_on=closes_on,
            publish_results=True,
            created_at=self.now - timedelta(days=365 * (number % YEARS) + 70),
        )
        survey.areas.add(area)
        kinds = [Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.SCALE, Question.Kind.TEXT]
        single, multiple, scale, text = Question.objects.bulk_create(
            Question(
                survey=survey,
                position=position,
                text=f"Fråga {position}",
                kind=kind,
                required=kind in (Question.Kind.SINGLE, Question.Kind.SCALE),
            )
            for position, kind in enumerate(kinds, start=1)
        )
        options = Option.objects.bulk_create(
            Option(question=question, position=position, label=f"Alternativ {position}")
            for question in (single, multiple)
            for position in range(1, 5)
        )
        single_options, multiple_options = options[:4], options[4:]
        responded_at = timezone.make_aware(datetime.combine(closes_on - timedelta(days=10), dt_time(12)))
        responses = Response.objects.bulk_create(
            Response(
                survey=survey,
                browser_hash=hashlib.sha256(f"{SLUG_PREFIX}{number}-{k}".encode()).hexdigest(),
                created_at=responded_at,
            )
            for k in range(RESPONSES)
        )
        comments = ["Mer belysning, tack!", "", "Behåll bussen.", "", "Bra att ni frågar."]
        answers = []
        for k, response in enumerate(responses):
            answers.append(Answer(response=response, question=single, option=single_options[(k * 7) % 4]))
            answers += [
                Answer(response=response, question=multiple, option=option)
                for option in multiple_options[: k % 4 + 1]
            ]
            answers.append(Answer(response=response, question=scale, scale=k % 5 + 1))
            if comments[k % 5]:
                answers.append(Answer(response=response, question=text, text=comments[k % 5]))
        code = ClassCode.objects.create(
            survey=survey,
            code="".join(self.random.choice("23456789ABCDEFGHJKMNPQRSTUVWXYZ") for _ in range(10)),
            label=f"Skolan i {area.name}",
            created_at=responded_at,
        )
        school_class = Response.objects.create(
            survey=survey,
            source=Response.Source.SCHOOL_CLASS,
            class_code=code,
            class_level=ClassLevel.YEARS_4_6,
            pupils=CLASS_PUPILS,
            created_at=responded_at,
        )
        counted = Response.Source.SCHOOL_CLASS
        answers += [
            Answer(response=school_class, question=single, option=option, count=count, source=counted)
            for option, count in zip(single_options, (9, 6, 3, 6), strict=True)
        ]
        answers += [
            Answer(
                response=school_class, question=scale, scale=value, count=CLASS_PUPILS // 5, source=counted
            )
            for value in Question.SCALE
        ]
        Answer.objects.bulk_create(answers, batch_size=BATCH)
