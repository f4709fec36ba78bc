import django.db.models.deletion
from django.db import migrations, models

# The issue statuses followed up at the group's next meeting (issues.Issue.FOLLOW_UP_STATES) as
# they were when this migration was written.
FOLLOW_UP_STATES = {"open", "in_progress", "answered", "referred_to_budget", "referred_to_committee"}


def record_published_issues(apps, schema_editor):
    """Agendas published before the record existed get it from the issues' history: each
    issue of the group as last saved before the agenda was published, if it was open then."""
    Meeting = apps.get_model("meetings", "Meeting")
    PublishedIssue = apps.get_model("meetings", "PublishedIssue")
    HistoricalIssue = apps.get_model("issues", "HistoricalIssue")
    departments = dict(apps.get_model("officials", "Department").objects.values_list("pk", "name"))
    committees = dict(apps.get_model("officials", "Committee").objects.values_list("pk", "name"))
    recorded = PublishedIssue.objects.values("meeting_id")
    rows = []
    for meeting in Meeting.objects.filter(published_at__isnull=False).exclude(pk__in=recorded):
        then = {}
        for version in HistoricalIssue.objects.filter(
            group_id=meeting.group_id, history_date__lte=meeting.published_at
        ).order_by("history_date", "history_id"):
            then[version.id] = version
        still_open = sorted(
            (v for v in then.values() if v.history_type != "-" and v.status in FOLLOW_UP_STATES),
            key=lambda version: (version.created_at, version.id),
        )
        rows += [
            PublishedIssue(
                meeting_id=meeting.pk,
                issue_id=version.id,
                title=version.title,
                status=version.status,
                responsible=departments.get(version.department_id) or committees.get(version.committee_id, ""),
                position=position,
            )
            for position, version in enumerate(still_open, start=1)
        ]
    PublishedIssue.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_seed_standing_items"),
        ("issues", "0001_initial"),
        ("officials", "0002_seed_departments_and_committees"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedIssue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("issue_id", models.PositiveIntegerField(verbose_name="issue number")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("status", models.CharField(max_length=32, verbose_name="status")),
                ("responsible", models.CharField(blank=True, max_length=200, verbose_name="responsible")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="order")),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="published_issues",
                        to="meetings.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "issue on the published agenda",
                "verbose_name_plural": "issues on the published agenda",
                "ordering": ["meeting", "position", "id"],
            },
        ),
        migrations.RunPython(record_published_issues, migrations.RunPython.noop),
    ]
