"""The plans PostgreSQL chooses for the queries behind every list, at the scale of the data.

Run from the project root after bench/pages.py has built its database:
    .venv/bin/python bench/explain.py --factor 100

For each list query (the queries the pages run, taken from the selectors themselves), prints
the execution time of EXPLAIN ANALYZE and the indexes the plan uses, and exits non-zero if a
query that should use an index reads a whole large table instead (a sequential scan of more
than 10,000 rows).
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LARGE_SCAN = 10_000


def _walk(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _walk(child)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factor", type=int, default=100)
    arguments = parser.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/ludgrupper_bench_x{arguments.factor}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ludgrupper.settings")
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from groups.models import Group
    from groups.selectors import groups_overview
    from issues.models import Issue
    from meetings import selectors as meeting_selectors
    from pages import selectors as page_selectors

    group = Group.objects.order_by("pk").first()
    year = timezone.localdate().year
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
    for name, queryset in queries.items():
        plan = json.loads(queryset.explain(format="json", analyze=True))[0]
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
