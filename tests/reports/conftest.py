"""A small fixed year (2025) for two groups, whose figures are worked out by hand in
EXPECTED below (not by the report's code), and a builder of more of the same for the query
budgets."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from finance.models import BudgetReferral
from groups.models import Organisation
from issues.models import Issue, IssueUpdate
from meetings.models import Attendance, Meeting, Proposal
from officials.models import Committee, Department
from participation.models import Channel, Response, Suggestion, Survey
from tests.conftest import make_organisation, make_person

STOCKHOLM = ZoneInfo("Europe/Stockholm")
YEAR = 2025
TODAY = date(2026, 1, 15)


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def make_held(group, kind, starts_at, status=Meeting.Status.HELD, title="Möte"):
    return Meeting.objects.create(
        group=group,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        proposal_deadline=starts_at - timedelta(days=14),
        venue_name="Bygdegården",
        status=status,
    )


def make_proposal(meeting, proposer, status, created_at, title="Förslag"):
    proposal = Proposal.objects.create(meeting=meeting, proposer=proposer, title=title, status=status)
    Proposal.objects.filter(pk=proposal.pk).update(created_at=created_at)
    return proposal


def make_issue(
    group, raised, *, status, answered=None, due=None, department=None, committee=None, title="Fråga"
):
    issue = Issue.objects.create(
        group=group,
        title=title,
        status=status,
        due_date=due,
        department=department,
        committee=committee,
    )
    Issue.objects.filter(pk=issue.pk).update(created_at=raised)
    if answered:
        # The first published update is the answer; a later one does not move it.
        for published_at in (answered, answered + timedelta(days=40)):
            IssueUpdate.objects.create(
                issue=issue,
                text="Svar.",
                department=department,
                state=IssueUpdate.State.PUBLISHED,
                created_at=published_at,
                published_at=published_at,
            )
    return issue


@pytest.fixture
def year_of_data(lagan, ryssby):
    """Lagan: a group meeting and a safety dialogue held, a cancelled group meeting, an elected
    representatives' meeting on New Year's Eve 2024 (not 2025). Ryssby: one other dialogue."""
    Kind = Meeting.Kind
    parks = Department.objects.get(slug="park-och-skotselfragor")
    streets = Department.objects.get(slug="gatu-och-trafikfragor")
    sbu = Committee.objects.get(slug="samhallsbyggnadsutskottet")
    org_a = make_organisation("Lagans samhällsförening", Organisation.Kind.COMMUNITY_ASSOCIATION)
    org_b = make_organisation('=HYPERLINK("x")', Organisation.Kind.ASSOCIATION)
    org_c = make_organisation("Hamneda sockenråd", Organisation.Kind.COMMUNITY_ASSOCIATION)
    person = make_person("Anna Åkesson")

    spring = make_held(lagan, Kind.GROUP_MEETING, at(2025, 3, 10, 18))
    safety = make_held(lagan, Kind.SAFETY_DIALOGUE, at(2025, 5, 5, 18))
    make_held(lagan, Kind.GROUP_MEETING, at(2025, 9, 1, 18), status=Meeting.Status.CANCELLED)
    new_year = make_held(lagan, Kind.ELECTED_REPRESENTATIVES, at(2024, 12, 31, 23, 30))
    dialogue = make_held(ryssby, Kind.OTHER_DIALOGUE, at(2025, 6, 1, 18))

    Member, Official, Elected, Guest = (
        Attendance.Kind.MEMBER,
        Attendance.Kind.OFFICIAL,
        Attendance.Kind.ELECTED,
        Attendance.Kind.GUEST,
    )
    for kind, name, organisation in [
        (Member, "Anna", org_a),
        (Member, "Bo", org_a),
        (Member, "Cia", org_b),
        (Official, "Olle", None),
        (Elected, "Eva", None),
        (Guest, "Gäst", None),
    ]:
        Attendance.objects.create(meeting=spring, kind=kind, name=name, organisation=organisation)
    Attendance.objects.create(meeting=safety, kind=Member, name="Dan", organisation=org_c)
    Attendance.objects.create(meeting=new_year, kind=Member, name="Nyår", organisation=org_b)
    Attendance.objects.create(meeting=dialogue, kind=Member, name="Rut", organisation=org_a)

    P = Proposal.Status
    make_proposal(spring, person, P.ACCEPTED, at(2025, 2, 1))
    make_proposal(spring, person, P.DECLINED, at(2025, 2, 2))
    make_proposal(safety, person, P.SUBMITTED, at(2025, 4, 20))
    make_proposal(new_year, person, P.ACCEPTED, at(2024, 12, 1))
    make_proposal(dialogue, person, P.MERGED, at(2025, 5, 1))
    make_proposal(dialogue, person, P.WITHDRAWN, at(2025, 5, 2))

    S = Issue.Status
    make_issue(
        lagan,
        at(2025, 2, 1),
        status=S.ANSWERED,
        answered=at(2025, 2, 11),
        due=date(2025, 3, 1),
        department=parks,
    )
    make_issue(
        lagan,
        at(2025, 3, 1),
        status=S.CLOSED,
        answered=at(2025, 3, 4),
        due=date(2025, 3, 2),
        department=parks,
        committee=sbu,
    )
    make_issue(lagan, at(2025, 4, 1), status=S.OPEN, due=date(2025, 5, 1), department=parks)
    make_issue(lagan, at(2024, 6, 1), status=S.OPEN, due=date(2024, 7, 1), department=parks)
    budget = make_issue(
        ryssby, at(2025, 1, 10), status=S.REFERRED_TO_BUDGET, answered=at(2025, 1, 30), committee=sbu
    )
    make_issue(
        ryssby, at(2025, 6, 1, 23, 30), status=S.ANSWERED, answered=at(2025, 6, 2, 0, 10), department=streets
    )
    make_issue(ryssby, at(2025, 7, 1), status=S.IN_PROGRESS, due=date(2027, 1, 1), department=streets)
    make_issue(ryssby, at(2025, 8, 1), status=S.ANSWERED, answered=at(2025, 8, 8), department=streets)
    BudgetReferral.objects.create(
        issue=budget,
        estimated_amount=Decimal("250000.00"),
        budget_year=2026,
        committee=sbu,
        outcome=BudgetReferral.Outcome.PARTLY,
        outcome_amount=Decimal("100000.50"),
    )
    # Suggestions: Lagan two on the web and one on paper in 2025, one on the web on New Year's
    # Eve 2024; Ryssby one by phone and one from a school class.
    for area, channel, received in [
        (lagan.area, Channel.WEB, at(2025, 2, 3)),
        (lagan.area, Channel.WEB, at(2025, 10, 3)),
        (lagan.area, Channel.PAPER, at(2025, 4, 3)),
        (lagan.area, Channel.WEB, at(2024, 12, 31, 23, 30)),
        (ryssby.area, Channel.PHONE, at(2025, 5, 3)),
        (ryssby.area, Channel.SCHOOL_CLASS, at(2025, 1, 1, 0, 30)),
    ]:
        suggestion = Suggestion.objects.create(area=area, title="Förslag", text="Text.", channel=channel)
        Suggestion.objects.filter(pk=suggestion.pk).update(created_at=received)
    # Surveys: one of Lagan alone (two residents and a class of 24 in 2025, a resident in 2024)
    # and one of every area (three residents and a class of 20).
    lagan_survey = Survey.objects.create(
        title="Lagan", opens_on=date(2024, 12, 1), closes_on=date(2025, 12, 31)
    )
    lagan_survey.areas.set([lagan.area])
    everyone = Survey.objects.create(
        title="Alla", all_areas=True, opens_on=date(2025, 1, 1), closes_on=date(2025, 12, 31)
    )
    Resident, SchoolClass = Response.Source.RESIDENT, Response.Source.SCHOOL_CLASS
    for survey, source, pupils, answered in [
        (lagan_survey, Resident, 1, at(2025, 3, 1)),
        (lagan_survey, Resident, 1, at(2025, 3, 2)),
        (lagan_survey, SchoolClass, 24, at(2025, 3, 3)),
        (lagan_survey, Resident, 1, at(2024, 12, 20)),
        (everyone, Resident, 1, at(2025, 4, 1)),
        (everyone, Resident, 1, at(2025, 4, 2)),
        (everyone, Resident, 1, at(2025, 4, 3)),
        (everyone, SchoolClass, 20, at(2025, 4, 4)),
    ]:
        response = Response.objects.create(survey=survey, source=source, pupils=pupils)
        Response.objects.filter(pk=response.pk).update(created_at=answered)
    return {"parks": parks, "streets": streets, "sbu": sbu}


# Worked out by hand from year_of_data, for 2025 as of TODAY.
EXPECTED = {
    "lagan": {
        "meetings_held": 2,
        "meetings_held:group_meeting": 1,
        "meetings_held:safety_dialogue": 1,
        "meetings_held:elected_representatives": 0,
        "meetings_held:other_dialogue": 0,
        "physical_meeting_held": 1,
        "attendance_member": 4,
        "attendance_organisations:community_association": 2,
        "attendance_organisations:association": 1,
        "attendance_official": 1,
        "attendance_elected": 1,
        "attendance_guest": 1,
        "proposals_received": 3,
        "proposals:accepted": 1,
        "proposals:declined": 1,
        "proposals:merged": 0,
        "issues_raised": 3,
        "issues_status:answered": 1,
        "issues_status:closed": 1,
        "issues_status:open": 1,
        "issues_status:referred_to_budget": 0,
        "issues_answered": 2,
        # 10 and 3 days
        "answer_days_median": 6.5,
        "answer_days_p90": 10,
        # The second answered after its due date, the third never.
        "issues_overdue": 2,
        "suggestions_received": 3,
        "suggestions:web": 2,
        "suggestions:paper": 1,
        "suggestions:phone": 0,
        # The survey of Lagan alone; the survey of every area is the total's only.
        "survey_answers:resident": 2,
        "survey_answers:school_class": 1,
        "survey_pupils": 24,
    },
    "ryssby": {
        "meetings_held": 1,
        "meetings_held:other_dialogue": 1,
        "physical_meeting_held": 0,
        "attendance_member": 1,
        "attendance_organisations:community_association": 1,
        "attendance_official": 0,
        "proposals_received": 2,
        "proposals:merged": 1,
        "proposals:accepted": 0,
        "issues_raised": 4,
        "issues_status:referred_to_budget": 1,
        "issues_status:answered": 2,
        "issues_status:in_progress": 1,
        "issues_answered": 3,
        # 20, 1 (23:30 to 00:10 the next day) and 7 days
        "answer_days_median": 7,
        "answer_days_p90": 20,
        "issues_overdue": 0,
        "budget_referrals": 1,
        "budget_estimated_amount": Decimal("250000.00"),
        "budget_included_amount": Decimal("100000.50"),
        "suggestions_received": 2,
        "suggestions:phone": 1,
        "suggestions:school_class": 1,
        "suggestions:web": 0,
        "survey_answers:resident": 0,
        "survey_answers:school_class": 0,
        "survey_pupils": 0,
    },
    "total": {
        "meetings_held": 3,
        "physical_meeting_held": 1,
        "attendance_member": 5,
        # Lagans samhällsförening came to both groups: counted once.
        "attendance_organisations:community_association": 2,
        "attendance_organisations:association": 1,
        "proposals_received": 5,
        "proposals:accepted": 1,
        "proposals:merged": 1,
        "issues_raised": 7,
        "issues_answered": 5,
        # 1, 3, 7, 10, 20
        "answer_days_median": 7,
        "answer_days_p90": 20,
        "issues_overdue": 2,
        "budget_referrals": 1,
        "budget_estimated_amount": Decimal("250000.00"),
        "suggestions_received": 5,
        "suggestions:web": 2,
        "suggestions:meeting": 0,
        "survey_answers:resident": 5,
        "survey_answers:school_class": 2,
        "survey_pupils": 44,
    },
}


def more_of_the_same(groups, copies):
    """`copies` held meetings with attendance, proposals, issues, suggestions and survey answers
    in each group: data that must not change the number of queries."""
    person = make_person()
    organisation = make_organisation()
    for group in groups:
        for number in range(copies):
            meeting = make_held(group, Meeting.Kind.GROUP_MEETING, at(2025, 3, 1 + number, 18))
            Attendance.objects.create(
                meeting=meeting, kind=Attendance.Kind.MEMBER, name="X", organisation=organisation
            )
            make_proposal(meeting, person, Proposal.Status.ACCEPTED, at(2025, 2, 1 + number))
            make_issue(
                group,
                at(2025, 2, 1 + number),
                status=Issue.Status.ANSWERED,
                answered=at(2025, 3, 1 + number),
                due=date(2025, 2, 10),
                department=Department.objects.get(slug="foreningsliv"),
                committee=Committee.objects.get(slug="kommunstyrelsen"),
            )
            suggestion = Suggestion.objects.create(
                area=group.area, title="Förslag", text="Text.", channel=Channel.PAPER
            )
            Suggestion.objects.filter(pk=suggestion.pk).update(created_at=at(2025, 2, 1 + number))
            survey = Survey.objects.create(
                title="Enkät", opens_on=date(2025, 1, 1), closes_on=date(2025, 12, 31)
            )
            survey.areas.set([group.area])
            response = Response.objects.create(survey=survey, source=Response.Source.SCHOOL_CLASS, pupils=20)
            Response.objects.filter(pk=response.pk).update(created_at=at(2025, 2, 1 + number))
