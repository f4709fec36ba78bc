"""Each issue's answer becomes the first published update of its timeline, by the one who
answered, at the time it was answered."""

from django.db import migrations


def answers_to_updates(apps, schema_editor):
    Issue = apps.get_model("issues", "Issue")
    IssueUpdate = apps.get_model("issues", "IssueUpdate")
    IssueUpdate.objects.bulk_create(
        IssueUpdate(
            issue=issue,
            text=issue.answer,
            new_status="answered",
            author=issue.answered_by,
            department=issue.department,
            state="published",
            created_at=issue.answered_at or issue.created_at,
            published_at=issue.answered_at or issue.created_at,
            approved_by=issue.answered_by,
        )
        for issue in Issue.objects.exclude(answer="").iterator()
    )


def updates_to_answers(apps, schema_editor):
    """Back to one answer per issue: the latest published update's text."""
    Issue = apps.get_model("issues", "Issue")
    IssueUpdate = apps.get_model("issues", "IssueUpdate")
    for update in IssueUpdate.objects.filter(state="published").order_by("issue_id", "published_at", "id"):
        Issue.objects.filter(pk=update.issue_id).update(
            answer=update.text[:20000], answered_by=update.author, answered_at=update.published_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("issues", "0004_issueupdate"),
    ]

    operations = [migrations.RunPython(answers_to_updates, updates_to_answers)]
