"""The tamper-evident archive (minutes.archive): the hash chain of releases, filled in for the
releases made before it. The triggers with which the database refuses to change the record are
installed after every migrate (minutes.apps), since SQLite loses them when it rebuilds a table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from minutes import archive


def fill_chain(apps, schema_editor):
    MinutesRelease = apps.get_model("minutes", "MinutesRelease")
    previous = ""
    for release in MinutesRelease.objects.select_related("version").order_by("id"):
        release.previous_chain_hash = previous
        release.chain_hash = archive.chain_hash(
            previous=previous,
            sha256=release.sha256,
            minutes_id=release.minutes_id,
            version_number=release.version.number,
            released_at=release.released_at,
        )
        # The historical model has no FrozenModel guard; the triggers come after this.
        MinutesRelease.objects.filter(pk=release.pk).update(
            previous_chain_hash=release.previous_chain_hash, chain_hash=release.chain_hash
        )
        previous = release.chain_hash


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_seed_standing_items"),
        ("minutes", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="minutesrelease",
            name="released_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="minutesversion",
            name="created_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="minutesrelease",
            name="previous_chain_hash",
            field=models.CharField(default="", max_length=64, verbose_name="previous link in the archive chain"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="minutesrelease",
            name="chain_hash",
            field=models.CharField(default="", max_length=64, verbose_name="link in the archive chain"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_chain, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="minutesrelease",
            name="chain_hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="link in the archive chain"),
        ),
        migrations.AddConstraint(
            model_name="minutesrelease",
            constraint=models.UniqueConstraint(fields=("previous_chain_hash",), name="archive_chain_never_forks"),
        ),
    ]
