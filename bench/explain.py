"""The plans PostgreSQL chooses for the queries behind every list, at the scale of the data.

Run from the project root after bench/pages.py has built its database:
    .venv/bin/python bench/explain.py --factor 100

For each list query (the queries the pages run, taken from the selectors themselves), prints
the execution time of EXPLAIN ANALYZE (the median of --runs, as other work on the machine makes
single runs vary several-fold) and the indexes the plan uses, and exits non-zero if a
query that should use an index reads a whole large table instead (a sequential scan of more
than 10,000 rows).
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LARGE_SCAN = 10_000


def _walk(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _walk(child)


class Counted(NamedTuple):
    """The count of a queryset (what a Paginator asks), rather than its rows."""

    queryset: object


def _plan(connection, query) -> dict:
    if isinstance(query, Counted):
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            query.queryset.count()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + captured[-1]["sql"])
            return cursor.fetchone()[0][0]
    # Without the timing of every node, which costs more than some of these queries take.
    return json.loads(query.explain(format="json", analyze=True, timing=False))[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument(
        "--runs", type=int, default=5, help="runs of each query; the plan of the median time is shown"
    )
    arguments = parser.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/ludgrupper_bench_x{arguments.factor}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ludgrupper.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.utils import timezone

    from groups.models import Group
    from groups.selectors import groups_overview
    from issues import selectors as issue_selectors
    from issues.filters import IssueFilter
    from issues.models import Issue
    from meetings import selectors as meeting_selectors
    from pages import selectors as page_selectors
    from pages.feeds import newest_published
    from participation.selectors import waiting_per_area

    group = Group.objects.order_by("pk").first()
    year = timezone.localdate().year
    listing = issue_selectors.issues_for_listing()
    register = issue_selectors.overdue_first(listing)
    queries = {
        "start page: a page of groups": page_selectors.public_groups_with_next_meeting()[:24],
        "group overview: a page of groups with counts": groups_overview()[:30],
        "year overview: a page of groups with the year's counts": meeting_selectors.year_overview(year)[:30],
        "year overview: the page's meetings of the year": meeting_selectors.public_meetings().filter(
            group__in=list(Group.objects.order_by("area__name")[:30]),
            starts_at__year=year,
        ),
        "group feed: the window of one group": meeting_selectors.group_feed_meetings(group),
        "issue list: the newest 50": Issue.objects.order_by("-created_at", "-id")[:50],
        "issue list: how many in all": Counted(register.total),
        "issue list: how many overdue": Counted(register.first),
        "issue list: the overdue, newest 50": register.first[:50],
        "issue list: the others, newest 50": register.second[:50],
        "issue list: overdue per department": issue_selectors.overdue_per_department_query(),
        "issue list: a group found by name, newest 50": issue_selectors.overdue_first(
            IssueFilter({"group": "Skalby 17"}, queryset=listing, user=AnonymousUser()).qs
        ).second[:50],
        **{f"municipality's feed: the newest {kind}": query for kind, query in newest_published().items()},
        **{
            f"an area's feed: the newest {kind}": query
            for kind, query in newest_published(group.area).items()
        },
        "suggestion boxes: a page of areas, most waiting first": waiting_per_area()[:30],
        "issue list: one status, newest 50": Issue.objects.filter(status=Issue.Status.OPEN).order_by(
            "-created_at", "-id"
        )[:50],
        "issue list: one group": Issue.objects.filter(group=group).order_by("-created_at", "-id")[:50],
    }
    failures = 0
    print(
        f"| query (factor {arguments.factor}) | time (ms) | indexes used | largest sequential scan (rows) |"
    )
    print("|---|---|---|---|")
    for name, query in queries.items():
        plans = [_plan(connection, query) for _run in range(arguments.runs)]
        plan = sorted(plans, key=lambda plan: plan["Execution Time"])[len(plans) // 2]
        nodes = list(_walk(plan["Plan"]))
        indexes = sorted({node["Index Name"] for node in nodes if "Index Name" in node})
        scans = [
            (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * node.get("Actual Loops", 1)
            for node in nodes
            if node["Node Type"] == "Seq Scan"
        ]
        largest = max(scans, default=0)
        if largest > LARGE_SCAN:
            failures += 1
        print(f"| {name} | {plan['Execution Time']:.1f} | {', '.join(indexes) or '–'} | {largest} |")
    connection.close()
    if failures:
        sys.exit(f"{failures} queries read more than {LARGE_SCAN} rows sequentially.")


if __name__ == "__main__":
    main()
