"""Demo data for seed_demo (issue 12): a last full year with every measure of the report, one
report sent, two elected representatives, budget referrals in every outcome and a village fund
with applications in every state. Each part is idempotent (it looks for what it made before)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from finance import services as finance_services
from finance.models import BudgetReferral, FundApplication, VillageFund
from groups.models import Area, ElectedRepresentative, Group, Membership
from issues import services as issue_services
from issues.models import Issue, IssueUpdate
from meetings.models import Attendance, Meeting, Proposal, Rsvp
from officials.models import Committee, Department
from reports import services
from reports.context import dispatch_pdf
from reports.models import ReportDispatch

DEMO_TITLE = "Årsmöte {year}"
COMMITTEE_EMAILS = {
    "kommunstyrelsen": "kommunstyrelsen@ljungby.example.se",
    "samhallsbyggnadsutskottet": "sbu@ljungby.example.se",
    "val-och-demokratinamnden": "vdn@ljungby.example.se",
}
ELECTED = [
    (
        "Karin Lindqvist",
        "karin.lindqvist@politik.example.se",
        "Centerpartiet",
        ["samhallsbyggnadsutskottet"],
        ["lagan", "ryssby"],
    ),
    (
        "Johan Berg",
        "johan.berg@politik.example.se",
        "Socialdemokraterna",
        ["val-och-demokratinamnden", "kommunstyrelsen"],
        ["lagan"],
    ),
]


def _at(year, month, day, hour=18):
    return datetime.combine(date(year, month, day), time(hour), tzinfo=timezone.get_current_timezone())


def seed_committee_addresses():
    for slug, email in COMMITTEE_EMAILS.items():
        Committee.objects.filter(slug=slug, email="").update(email=email)


def seed_elected_representatives(make_person):
    people = []
    for full_name, email, party, committees, areas in ELECTED:
        person = make_person(full_name, email)
        representative, _created = ElectedRepresentative.objects.get_or_create(
            user=person, defaults={"party": party}
        )
        representative.committees.set(Committee.objects.filter(slug__in=committees))
        representative.areas.set(Area.objects.filter(slug__in=areas))
        people.append(person)
    return people


COMING_DIALOGUE = "Dialog med förtroendevalda om Lagans centrum"


def seed_coming_dialogue(coordinator, karin):
    """A meeting with elected representatives in Lagan in six weeks, its agenda published: the
    elected representatives following Lagan are invited, and Karin has answered."""
    if Meeting.objects.filter(title=COMING_DIALOGUE).exists():
        return
    lagan = Group.objects.get(area__slug="lagan")
    starts_at = _at(*(timezone.localdate() + timedelta(weeks=6)).timetuple()[:3])
    now = timezone.now()
    meeting = Meeting.objects.create(
        group=lagan,
        kind=Meeting.Kind.ELECTED_REPRESENTATIVES,
        title=COMING_DIALOGUE,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        proposal_deadline=now,
        venue_name="Lagans bygdegård",
        elected_representatives="Samhällsbyggnadsutskottets ledamöter",
        status=Meeting.Status.PUBLISHED,
        published_at=now,
        announced_at=now,
        created_by=coordinator,
    )
    meeting.committees.set(Committee.objects.filter(slug="samhallsbyggnadsutskottet"))
    Rsvp.objects.create(meeting=meeting, person=karin, answer=Rsvp.Answer.YES)


def seed_last_year(coordinator, officials):
    """Held meetings of every kind, attendance of every kind, proposals of every outcome and
    issues of every status, answered and overdue, in the last full year."""
    year = timezone.localdate().year - 1
    if Meeting.objects.filter(title=DEMO_TITLE.format(year=year)).exists():
        return
    kinds = list(Meeting.Kind)
    departments = list(Department.objects.all())
    committees = list(Committee.objects.all())
    statuses = list(Issue.Status)
    for number, group in enumerate(Group.objects.select_related("area").order_by("area__name")):
        memberships = list(
            Membership.objects.current().filter(group=group).select_related("person", "organisation")
        )
        for index, kind in enumerate(kinds[: 2 + number % 3]):
            title = (
                DEMO_TITLE.format(year=year)
                if index == 0
                else f"{Meeting.Kind(kind).label.capitalize()} {year}"
            )
            starts_at = _at(year, 3 + 2 * index, 10 + number)
            meeting = Meeting.objects.create(
                group=group,
                kind=kind,
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                proposal_deadline=starts_at - timedelta(days=14),
                venue_name=f"Bygdegården i {group.area.name}",
                elected_representatives="Karin Lindqvist (C)"
                if kind == Meeting.Kind.ELECTED_REPRESENTATIVES
                else "",
                status=Meeting.Status.HELD,
                created_by=coordinator,
            )
            for membership in memberships[: 2 + index]:
                Attendance.objects.create(
                    meeting=meeting,
                    kind=Attendance.Kind.MEMBER,
                    person=membership.person,
                    membership=membership,
                    organisation=membership.organisation,
                    name=membership.person.full_name,
                )
            official = officials[(number + index) % len(officials)]
            Attendance.objects.create(
                meeting=meeting, kind=Attendance.Kind.OFFICIAL, person=official, name=official.full_name
            )
            Attendance.objects.create(meeting=meeting, kind=Attendance.Kind.ELECTED, name="Karin Lindqvist")
            if index == 0:
                Attendance.objects.create(
                    meeting=meeting, kind=Attendance.Kind.GUEST, name="Gäst från hembygdsföreningen"
                )
            for offset, status in enumerate(Proposal.Status):
                if memberships:
                    proposal = Proposal.objects.create(
                        meeting=meeting,
                        proposer=memberships[0].person,
                        organisation=memberships[0].organisation,
                        title=f"Förslag {offset + 1} till {title.lower()}",
                        status=status,
                    )
                    Proposal.objects.filter(pk=proposal.pk).update(
                        created_at=starts_at - timedelta(days=20 - offset)
                    )
        for offset, status in enumerate(statuses):
            raised = _at(year, 2 + offset, 5 + number)
            answered = raised + timedelta(days=3 + 7 * offset + number) if offset % 2 == 0 else None
            issue = Issue.objects.create(
                group=group,
                title=f"Sakfråga {offset + 1} {group.area.name} {year}",
                status=status,
                department=departments[(number + offset) % len(departments)],
                committee=committees[offset % len(committees)] if offset % 2 else None,
                due_date=(raised + timedelta(days=30)).date(),
                created_by=coordinator,
            )
            Issue.objects.filter(pk=issue.pk).update(created_at=raised)
            if answered:
                IssueUpdate.objects.create(
                    issue=issue,
                    text="Svar från förvaltningen.",
                    department=issue.department,
                    state=IssueUpdate.State.PUBLISHED,
                    created_at=answered,
                    published_at=answered,
                )
            if status == Issue.Status.REFERRED_TO_BUDGET:
                BudgetReferral.objects.create(
                    issue=issue,
                    estimated_amount=Decimal(150000 + 25000 * number),
                    budget_year=year + 1,
                    committee=committees[1],
                    outcome=[BudgetReferral.Outcome.INCLUDED, BudgetReferral.Outcome.PARTLY][number % 2],
                    outcome_amount=Decimal(100000),
                    decided_at=raised + timedelta(days=200),
                    created_by=coordinator,
                )


def seed_budget_referrals(coordinator):
    """This year's issues referred to the budget, one in every outcome (Lagan)."""
    lagan = Group.objects.get(area__slug="lagan")
    if BudgetReferral.objects.filter(issue__group=lagan, budget_year=timezone.localdate().year + 1).exists():
        return
    committee = Committee.objects.get(slug="samhallsbyggnadsutskottet")
    parks = Department.objects.get(slug="park-och-skotselfragor")
    outcomes = [
        ("Ny brygga vid badplatsen", Decimal("250000"), BudgetReferral.Outcome.PENDING, None),
        ("Belysning längs Skolvägen", Decimal("480000"), BudgetReferral.Outcome.INCLUDED, None),
        ("Konstgräsplan vid skolan", Decimal("2100000"), BudgetReferral.Outcome.NOT_INCLUDED, None),
        ("Upprustning av lekplatsen", Decimal("320000"), BudgetReferral.Outcome.PARTLY, Decimal("200000")),
    ]
    for title, estimate, outcome, amount in outcomes:
        issue = issue_services.issue_create(
            group=lagan, title=title, by=coordinator, department=parks, committee=committee
        )
        issue = issue_services.issue_change_status(
            issue=issue, status=Issue.Status.REFERRED_TO_BUDGET, by=coordinator
        )
        referral = finance_services.budget_referral_set(
            issue=issue,
            estimated_amount=estimate,
            budget_year=timezone.localdate().year + 1,
            committee=committee,
            by=coordinator,
        )
        if outcome != BudgetReferral.Outcome.PENDING:
            finance_services.budget_referral_decide(
                referral=referral,
                outcome=outcome,
                amount=amount,
                note="Beslut i budgetberedningen.",
                by=coordinator,
            )


def seed_village_fund(coordinator):
    """Lagans bygdefond with an application in every state."""
    fund, created = VillageFund.objects.get_or_create(
        name="Lagans bygdefond",
        defaults={
            "yearly_amount": Decimal("300000"),
            "rules_text": "Föreningar i Lagan kan söka pengar till **lokala utvecklingsprojekt**. "
            "Redovisa hur pengarna använts senast ett år efter beslutet.",
        },
    )
    fund.areas.add(Area.objects.get(slug="lagan"))
    if FundApplication.objects.filter(fund=fund).exists():
        return
    membership = (
        Membership.objects.current()
        .filter(group__area__slug="lagan")
        .select_related("person", "organisation")
        .first()
    )
    today = timezone.localdate()

    def apply(title, amount):
        return finance_services.fund_application_submit(
            fund=fund,
            organisation=membership.organisation,
            applicant=membership.person,
            title=title,
            purpose=f"{title}: för alla i bygden.",
            amount=Decimal(amount),
            budget=f"Material {amount} kr",
        )

    def decide(application, status, amount=None):
        return finance_services.fund_application_decide(
            application=application,
            status=status,
            granted_amount=Decimal(amount) if amount else None,
            decision_date=today - timedelta(days=30),
            case_number="KS 2026/101",
            report_due=today + timedelta(days=10),
            by=coordinator,
        )

    apply("Midsommarfirande på hembygdsgården", 15000)
    decide(apply("Ny lekplats vid bygdegården", 80000), FundApplication.Status.GRANTED)
    decide(apply("Vandringsled längs Lagan", 60000), FundApplication.Status.PARTLY_GRANTED, 40000)
    decide(apply("Ny ljudanläggning", 50000), FundApplication.Status.REFUSED)
    reported = decide(apply("Upprustning av badplatsen", 30000), FundApplication.Status.GRANTED)
    finance_services.fund_application_report(
        application=reported, text="Bryggan är lagad och omklädningsrummet målat.", by=membership.person
    )


def seed_dispatch(coordinator):
    """The last full year's report, sent to samhällsbyggnadsutskottet."""
    year = timezone.localdate().year - 1
    if ReportDispatch.objects.filter(year=year).exists():
        return
    services.report_send(
        kind=ReportDispatch.Kind.YEARLY,
        year=year,
        committees=[Committee.objects.get(slug="samhallsbyggnadsutskottet")],
        case_number=f"KS {year + 1}/12",
        by=coordinator,
        pdf_for=dispatch_pdf,
    )
