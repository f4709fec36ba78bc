"""How long the yearly report takes for a large municipality: 600 groups and 50,000 issues.

Run from the project root: .venv/bin/python bench/report.py [rounds]

It builds a throwaway SQLite database in a temporary directory (or the database of
REPORT_BENCH_DATABASE_URL, which it fills: give it an empty PostgreSQL database of its own),
migrates it and bulk-creates the data of one year: 600 groups, 6,000 held meetings, 24,000
attendances, 12,000 proposals and 50,000 issues (two thirds answered by a published update, some overdue, 2,000
referred to the budget with an amount). It then times the report's page as the coordinator
opens it (the figures of the year and the year before, the charts, the first page of groups),
and the CSV export."""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_directory = tempfile.mkdtemp(prefix="ludgrupper-report-bench-")
os.environ["DATABASE_URL"] = os.environ.get(
    "REPORT_BENCH_DATABASE_URL", f"sqlite:///{_directory}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ludgrupper.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import Role, grant_role  # noqa: E402
from finance.models import BudgetReferral  # noqa: E402
from groups.models import Area, Group, Organisation  # noqa: E402
from issues.models import Issue, IssueUpdate  # noqa: E402
from meetings.models import Attendance, Meeting, Proposal  # noqa: E402
from officials.models import Committee, Department  # noqa: E402

GROUPS, ISSUES, MEETINGS_PER_GROUP = 600, 50_000, 10


def fill():
    random.seed(12)
    call_command("migrate", verbosity=0)
    existing = Group.objects.count()
    Area.objects.bulk_create(
        Area(name=f"Bänkby {number}", slug=f"bankby-{number}") for number in range(GROUPS - existing)
    )
    Group.objects.bulk_create(
        Group(area=area, name=f"Lokala utvecklingsgruppen {area.name}")
        for area in Area.objects.filter(group__isnull=True)
    )
    groups = list(Group.objects.all())
    kinds = list(Organisation.Kind)
    Organisation.objects.bulk_create(
        Organisation(name=f"Bänkförening {number}", kind=kinds[number % len(kinds)]) for number in range(1200)
    )
    organisations = list(Organisation.objects.all())
    person = User.objects.create_user(email="bench@example.se", full_name="Bänk")
    coordinator = User.objects.create_user(email="samordnare.bench@example.se", full_name="Samordnare")
    grant_role(coordinator, Role.COORDINATOR)
    now = timezone.now()
    start_of_year = now.replace(month=1, day=1, hour=12)
    span = max((now - start_of_year).days, 1)
    meeting_kinds = list(Meeting.Kind)
    Meeting.objects.bulk_create(
        Meeting(
            group=group,
            kind=meeting_kinds[number % len(meeting_kinds)],
            title="Möte",
            starts_at=start_of_year + timedelta(days=random.randrange(span)),
            ends_at=start_of_year + timedelta(days=span, hours=2),
            proposal_deadline=start_of_year,
            status=Meeting.Status.HELD,
        )
        for group in groups
        for number in range(MEETINGS_PER_GROUP)
    )
    meetings = list(Meeting.objects.values_list("pk", flat=True))
    attendance_kinds = list(Attendance.Kind)
    Attendance.objects.bulk_create(
        Attendance(
            meeting_id=meetings[number % len(meetings)],
            kind=attendance_kinds[number % len(attendance_kinds)],
            organisation=organisations[number % len(organisations)],
            name="Närvarande",
        )
        for number in range(4 * len(meetings))
    )
    statuses = list(Proposal.Status)
    Proposal.objects.bulk_create(
        Proposal(
            meeting_id=meetings[number % len(meetings)],
            proposer=person,
            title="Förslag",
            status=statuses[number % 5],
        )
        for number in range(2 * len(meetings))
    )
    departments, committees = list(Department.objects.all()), list(Committee.objects.all())
    issue_statuses = list(Issue.Status)
    Issue.objects.bulk_create(
        Issue(
            group=groups[number % len(groups)],
            title=f"Sakfråga {number}",
            status=issue_statuses[number % len(issue_statuses)],
            department=departments[number % len(departments)],
            committee=committees[number % len(committees)] if number % 3 == 0 else None,
            created_at=start_of_year + timedelta(days=random.randrange(span)),
            due_date=(now - timedelta(days=number % 60)).date(),
        )
        for number in range(ISSUES)
    )
    # Two issues in three answered: their first published update some days after they were raised.
    answers = {
        pk: min(created + timedelta(days=random.randrange(1, 90)), now)
        for pk, created in Issue.objects.values_list("pk", "created_at")
        if pk % 3
    }
    IssueUpdate.objects.bulk_create(
        IssueUpdate(
            issue_id=pk, text="Svar", state=IssueUpdate.State.PUBLISHED, created_at=at, published_at=at
        )
        for pk, at in answers.items()
    )
    budget_issues = Issue.objects.filter(status=Issue.Status.REFERRED_TO_BUDGET)[:2000]
    BudgetReferral.objects.bulk_create(
        BudgetReferral(
            issue=issue,
            estimated_amount=Decimal(100000),
            budget_year=now.year + 1,
            committee=committees[0],
            outcome_amount=Decimal(50000) if issue.pk % 2 else None,
        )
        for issue in budget_issues
    )
    if connection.vendor == "postgresql":
        # What autovacuum would do after a load this size: the planner's row estimates.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return coordinator, now.year


def timed(client, url, rounds):
    times = []
    for _round in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), max(times), len(queries)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"Filling {os.environ['DATABASE_URL']} ...", flush=True)
    coordinator, year = fill()
    print(
        f"{Group.objects.count()} groups, {Meeting.objects.count()} meetings, {Attendance.objects.count()} "
        f"attendances, {Proposal.objects.count()} proposals, {Issue.objects.count()} issues, "
        f"{BudgetReferral.objects.count()} budget referrals"
    )
    client = Client()
    client.force_login(coordinator)
    for name in ("reports:report", "reports:csv"):
        median, worst, queries = timed(client, reverse(name, kwargs={"year": year}), rounds)
        print(f"{name}: median {median:.2f} s, slowest {worst:.2f} s over {rounds} rounds, {queries} queries")


if __name__ == "__main__":
    main()
