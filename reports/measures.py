"""The figures of the yearly report, per group and in total, for one calendar year.

Every figure comes from a fixed number of aggregate queries (grouped by group and by what is
counted), whatever the number of groups, meetings or issues: the report page, its exports and
the bench (bench/report.py) read the same Report. The days to the first answer are the one
exception that reads rows: one query of (group, raised, first answer) pairs, since a median
and a percentile are not aggregates every database has.

What each measure counts (the README says the same):
- meetings held: meetings marked as held whose start falls in the year, by kind;
- yearly physical meeting: the group held at least one group meeting (physical) in the year;
- attendance: the attendance rows of those meetings (one a person and meeting) by kind, and
  the distinct organisations the representatives came from, by kind of organisation;
- proposals: agenda proposals sent in the year (received, whatever became of them), and
  those accepted, declined and merged;
- issues: issues raised in the year, by their status now, their department and committee;
- days to the first answer: calendar days from the day an issue was raised to the day of its
  first answer (local time), for the issues raised in the year that have one; the median and
  the 90th percentile (nearest rank: the smallest value with at least 90 % of the values at or
  below it);
- overdue: issues raised in the year whose due date has passed without an answer by then;
- budget referrals: those of the issues raised in the year, their estimated amounts and the
  amounts the budget included;
- suggestions: those left in the area's suggestion box in the year, by channel (the web form,
  on paper, by phone, at a meeting, from a school class);
- survey answers: residents' answers and school classes' answers (and the pupils they speak
  for) given in the year; a group's column counts the answers to surveys of its area alone, the
  total every answer (a survey of several areas or all of them is no one group's).
"""

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from finance.models import BudgetReferral
from groups.models import Group, Organisation
from issues.models import Issue, IssueUpdate
from meetings.models import Attendance, Meeting, Proposal
from officials.models import Committee, Department
from participation.models import Channel, Response, Suggestion, Survey


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    # "count" figures add up over the groups; "days" and "flag" are computed for the total.
    kind: str = "count"


MEETINGS_HELD = "meetings_held"
PHYSICAL_MEETING_HELD = "physical_meeting_held"
ATTENDANCE_MEMBERS = "attendance_member"
ATTENDANCE_OFFICIALS = "attendance_official"
ATTENDANCE_ELECTED = "attendance_elected"
ATTENDANCE_GUESTS = "attendance_guest"
PROPOSALS_RECEIVED = "proposals_received"
ISSUES_RAISED = "issues_raised"
ISSUES_ANSWERED = "issues_answered"
ANSWER_DAYS_MEDIAN = "answer_days_median"
ANSWER_DAYS_P90 = "answer_days_p90"
ISSUES_OVERDUE = "issues_overdue"
BUDGET_REFERRALS = "budget_referrals"
BUDGET_ESTIMATED = "budget_estimated_amount"
BUDGET_INCLUDED = "budget_included_amount"
SUGGESTIONS_RECEIVED = "suggestions_received"
SURVEY_PUPILS = "survey_pupils"

PROPOSAL_OUTCOMES = (Proposal.Status.ACCEPTED, Proposal.Status.DECLINED, Proposal.Status.MERGED)


def meetings_kind_key(kind) -> str:
    return f"meetings_held:{kind}"


def organisations_key(kind) -> str:
    return f"attendance_organisations:{kind}"


def proposals_key(status) -> str:
    return f"proposals:{status}"


def issues_status_key(status) -> str:
    return f"issues_status:{status}"


def issues_department_key(pk) -> str:
    return f"issues_department:{pk}"


def issues_committee_key(pk) -> str:
    return f"issues_committee:{pk}"


def suggestions_key(channel) -> str:
    return f"suggestions:{channel}"


def survey_answers_key(source) -> str:
    return f"survey_answers:{source}"


def fixed_measures() -> list[Measure]:
    """The measures every report has, in the order the report shows them."""
    return [
        Measure(MEETINGS_HELD, _("Meetings held")),
        *(
            Measure(meetings_kind_key(kind), _("Meetings held: %(kind)s") % {"kind": label})
            for kind, label in Meeting.Kind.choices
        ),
        Measure(PHYSICAL_MEETING_HELD, _("Yearly physical meeting held"), kind="flag"),
        Measure(ATTENDANCE_MEMBERS, _("Attendance: representatives")),
        *(
            Measure(organisations_key(kind), _("Organisations attending: %(kind)s") % {"kind": label})
            for kind, label in Organisation.Kind.choices
        ),
        Measure(ATTENDANCE_OFFICIALS, _("Attendance: officials")),
        Measure(ATTENDANCE_ELECTED, _("Attendance: elected representatives")),
        Measure(ATTENDANCE_GUESTS, _("Attendance: guests")),
        Measure(PROPOSALS_RECEIVED, _("Proposals received")),
        *(
            Measure(proposals_key(status), _("Proposals %(outcome)s") % {"outcome": label})
            for status, label in Proposal.Status.choices
            if status in PROPOSAL_OUTCOMES
        ),
        Measure(ISSUES_RAISED, _("Issues raised")),
        *(
            Measure(issues_status_key(status), _("Issues %(status)s") % {"status": label})
            for status, label in Issue.Status.choices
        ),
        Measure(ISSUES_ANSWERED, _("Issues with an answer")),
        Measure(ANSWER_DAYS_MEDIAN, _("Days to the first answer, median"), kind="days"),
        Measure(ANSWER_DAYS_P90, _("Days to the first answer, 90th percentile"), kind="days"),
        Measure(ISSUES_OVERDUE, _("Issues overdue")),
        Measure(BUDGET_REFERRALS, _("Budget referrals")),
        Measure(BUDGET_ESTIMATED, _("Budget referrals, estimated amount (SEK)")),
        Measure(BUDGET_INCLUDED, _("Budget referrals, amount in the budget (SEK)")),
        Measure(SUGGESTIONS_RECEIVED, _("Suggestions received")),
        *(
            Measure(suggestions_key(channel), _("Suggestions received: %(channel)s") % {"channel": label})
            for channel, label in Channel.choices
        ),
        *(
            Measure(survey_answers_key(source), _("Survey answers from %(source)s") % {"source": label})
            for source, label in Response.Source.choices
        ),
        Measure(SURVEY_PUPILS, _("Pupils answering through their class")),
    ]


def percentile_nearest_rank(values: list[int], percent: int) -> int | None:
    """The smallest value with at least `percent` % of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(percent * len(ordered) / 100), 1) - 1]


def median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def first_answer_times(issues):
    """Per issue, the day it was raised and the day it was first answered (local dates, worked
    out by the database: 50,000 datetimes converted in Python cost seconds): (group id, raised
    on, first answered on or None, due date or None) for each issue of `issues`, in no order.

    The one place that knows what "the first answer" is: the first update of the issue that
    was published (issues.IssueUpdate)."""
    tz = timezone.get_current_timezone()
    first_published = (
        IssueUpdate.objects.published()
        .filter(issue=OuterRef("pk"))
        .order_by("published_at")
        .values("published_at")[:1]
    )
    # Unordered: a sort of every issue would cost more than the rest. The rows with neither an
    # answer nor a due date are few; a filter on the answer would run its subquery twice.
    return (
        issues.annotate(first_answer_at=Subquery(first_published))
        .values_list(
            "group_id",
            TruncDate("created_at", tzinfo=tz),
            TruncDate("first_answer_at", tzinfo=tz),
            "due_date",
        )
        .order_by()
    )


def year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(date(year, 1, 1), time(), tz), datetime.combine(date(year + 1, 1, 1), time(), tz)


@dataclass
class Figures:
    """One column of the report: a group's figures or the total."""

    counts: Counter = field(default_factory=Counter)
    answer_days: list = field(default_factory=list)

    def value(self, measure: Measure):
        if measure.key == ANSWER_DAYS_MEDIAN:
            return median(self.answer_days)
        if measure.key == ANSWER_DAYS_P90:
            return percentile_nearest_rank(self.answer_days, 90)
        return self.counts.get(measure.key, 0)

    @property
    def has_data(self) -> bool:
        return any(self.counts.values())


@dataclass
class GroupFigures:
    group: Group
    figures: Figures

    def values(self, measures):
        return [self.figures.value(measure) for measure in measures]


@dataclass
class Report:
    year: int
    measures: list[Measure]
    groups: list[GroupFigures]
    total: Figures

    @property
    def has_data(self) -> bool:
        return self.total.has_data

    def total_values(self):
        return [self.total.value(measure) for measure in self.measures]


def quarter_bounds(year: int, quarter: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    first_month = 3 * (quarter - 1) + 1
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    return datetime.combine(date(year, first_month, 1), time(), tz), datetime.combine(end, time(), tz)


def build_report(year: int, *, today: date | None = None, period=None) -> Report:
    """The figures of `year` (or of `period`, a (start, end) pair within it: a quarter), per
    group (every group, active or not, in the order of their areas) and in total. A fixed
    number of queries, whatever the amount of data (tests.reports counts them)."""
    today = today or timezone.localdate()
    start, end = period or year_bounds(year)
    groups = list(Group.objects.select_related("area").order_by("area__name"))
    per_group: dict[int, Figures] = defaultdict(Figures)
    total = Figures()

    def add(group_id, key, amount):
        per_group[group_id].counts[key] += amount
        total.counts[key] += amount

    # Meetings held, by kind (1 query).
    held = Meeting.objects.held().filter(starts_at__gte=start, starts_at__lt=end)
    for row in held.values("group_id", "kind").annotate(n=Count("id")).order_by():
        add(row["group_id"], MEETINGS_HELD, row["n"])
        add(row["group_id"], meetings_kind_key(row["kind"]), row["n"])
        if row["kind"] == Meeting.Kind.GROUP_MEETING:
            per_group[row["group_id"]].counts[PHYSICAL_MEETING_HELD] = 1
    total.counts[PHYSICAL_MEETING_HELD] = sum(
        figures.counts[PHYSICAL_MEETING_HELD] for figures in per_group.values()
    )

    # Attendance by kind (1 query), organisations by kind per group (1) and in total (1).
    attendance = Attendance.objects.filter(meeting__in=held)
    for row in attendance.values("meeting__group_id", "kind").annotate(n=Count("id")).order_by():
        add(row["meeting__group_id"], f"attendance_{row['kind']}", row["n"])
    organisations = attendance.filter(kind=Attendance.Kind.MEMBER, organisation__isnull=False)
    for row in (
        organisations.values("meeting__group_id", "organisation__kind")
        .annotate(n=Count("organisation", distinct=True))
        .order_by()
    ):
        per_group[row["meeting__group_id"]].counts[organisations_key(row["organisation__kind"])] = row["n"]
    for row in (
        organisations.values("organisation__kind").annotate(n=Count("organisation", distinct=True)).order_by()
    ):
        total.counts[organisations_key(row["organisation__kind"])] = row["n"]

    # Proposals received and their outcomes (1 query).
    proposals = Proposal.objects.filter(created_at__gte=start, created_at__lt=end)
    for row in proposals.values("meeting__group_id", "status").annotate(n=Count("id")).order_by():
        add(row["meeting__group_id"], PROPOSALS_RECEIVED, row["n"])
        if row["status"] in PROPOSAL_OUTCOMES:
            add(row["meeting__group_id"], proposals_key(row["status"]), row["n"])

    # Issues raised: by status (1), department (1), committee (1); the names (2).
    issues = Issue.objects.filter(created_at__gte=start, created_at__lt=end)
    for row in issues.values("group_id", "status").annotate(n=Count("id")).order_by():
        add(row["group_id"], ISSUES_RAISED, row["n"])
        add(row["group_id"], issues_status_key(row["status"]), row["n"])
    departments, committees = set(), set()
    for row in (
        issues.filter(department__isnull=False)
        .values("group_id", "department_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        add(row["group_id"], issues_department_key(row["department_id"]), row["n"])
        departments.add(row["department_id"])
    for row in (
        issues.filter(committee__isnull=False)
        .values("group_id", "committee_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        add(row["group_id"], issues_committee_key(row["committee_id"]), row["n"])
        committees.add(row["committee_id"])
    measures = fixed_measures()
    position = next(i for i, m in enumerate(measures) if m.key == ISSUES_ANSWERED)
    measures[position:position] = [
        *(
            Measure(issues_department_key(pk), _("Issues, department: %(name)s") % {"name": name})
            for pk, name in Department.objects.filter(pk__in=departments).values_list("pk", "name")
        ),
        *(
            Measure(issues_committee_key(pk), _("Issues, committee: %(name)s") % {"name": name})
            for pk, name in Committee.objects.filter(pk__in=committees).values_list("pk", "name")
        ),
    ]

    # Days to the first answer and overdue issues (1 query of pairs; a loop over 50,000 rows,
    # so the counts are kept apart and added once).
    overdue = Counter()
    for group_id, raised_on, answered_on, due in first_answer_times(issues):
        if answered_on is not None:
            per_group[group_id].answer_days.append((answered_on - raised_on).days)
        if due is not None and due < today and (answered_on is None or answered_on > due):
            overdue[group_id] += 1
    for group_id, figures in list(per_group.items()):
        if figures.answer_days:
            add(group_id, ISSUES_ANSWERED, len(figures.answer_days))
            total.answer_days.extend(figures.answer_days)
    for group_id, count in overdue.items():
        add(group_id, ISSUES_OVERDUE, count)

    # Budget referrals of the issues raised in the year, with their amounts (1 query).
    referrals = BudgetReferral.objects.filter(issue__in=issues)
    for row in (
        referrals.values("issue__group_id")
        .annotate(n=Count("id"), estimated=Sum("estimated_amount"), included=Sum("outcome_amount"))
        .order_by()
    ):
        add(row["issue__group_id"], BUDGET_REFERRALS, row["n"])
        add(row["issue__group_id"], BUDGET_ESTIMATED, row["estimated"] or Decimal(0))
        add(row["issue__group_id"], BUDGET_INCLUDED, row["included"] or Decimal(0))

    # Suggestions by channel (1 query), survey answers by survey and source (1) and the areas
    # of the surveys of one area alone (1).
    group_of_area = {group.area_id: group.pk for group in groups}
    suggestions = Suggestion.objects.filter(created_at__gte=start, created_at__lt=end)
    for row in suggestions.values("area_id", "channel").annotate(n=Count("id")).order_by():
        add(group_of_area.get(row["area_id"]), SUGGESTIONS_RECEIVED, row["n"])
        add(group_of_area.get(row["area_id"]), suggestions_key(row["channel"]), row["n"])
    responses = Response.objects.filter(created_at__gte=start, created_at__lt=end)
    answers = list(
        responses.values("survey_id", "source").annotate(n=Count("id"), pupils=Sum("pupils")).order_by()
    )
    surveys_of_one_area = (
        Survey.objects.filter(all_areas=False, pk__in={row["survey_id"] for row in answers})
        .annotate(areas_asked=Count("areas"))
        .filter(areas_asked=1)
        .values("pk")
    )
    area_of_survey = dict(
        Survey.areas.through.objects.filter(survey_id__in=surveys_of_one_area).values_list(
            "survey_id", "area_id"
        )
    )
    for row in answers:
        columns = [total]
        if area_of_survey.get(row["survey_id"]) in group_of_area:
            columns.append(per_group[group_of_area[area_of_survey[row["survey_id"]]]])
        for figures in columns:
            figures.counts[survey_answers_key(row["source"])] += row["n"]
            if row["source"] == Response.Source.SCHOOL_CLASS:
                figures.counts[SURVEY_PUPILS] += row["pupils"]

    return Report(
        year=year,
        measures=measures,
        groups=[GroupFigures(group=group, figures=per_group[group.pk]) for group in groups],
        total=total,
    )


def comparison(report: Report, previous: Report) -> list[dict]:
    """The totals of the year beside those of the year before, measure by measure (the
    measures of this year's report)."""
    rows = []
    for measure in report.measures:
        now, before = report.total.value(measure), previous.total.value(measure)
        change = now - before if now is not None and before is not None else None
        rows.append({"measure": measure, "value": now, "previous": before, "change": change})
    return rows


# The labels of the charts' series.
THIS_YEAR = pgettext_lazy("report chart series", "this year")
PREVIOUS_YEAR = pgettext_lazy("report chart series", "previous year")
