"""The answer of an issue is now the first update of its timeline (0005 moved it there)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("issues", "0005_answers_to_updates"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='issue',
            name='issue_answer_at_most_20000',
        ),
        migrations.RemoveField(
            model_name='historicalissue',
            name='answer',
        ),
        migrations.RemoveField(
            model_name='historicalissue',
            name='answered_at',
        ),
        migrations.RemoveField(
            model_name='historicalissue',
            name='answered_by',
        ),
        migrations.RemoveField(
            model_name='issue',
            name='answer',
        ),
        migrations.RemoveField(
            model_name='issue',
            name='answered_at',
        ),
        migrations.RemoveField(
            model_name='issue',
            name='answered_by',
        ),
    ]
