"""Roles keyed by a stable code instead of their Swedish display names. Officials are told by
their Official row and representatives by their memberships, so those two groups go."""

from django.db import migrations

RENAMED = {"Samordnare": "coordinator"}
RETIRED = ("Tjänsteperson", "Representant")


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old, new in RENAMED.items():
        Group.objects.filter(name=old).update(name=new)
    Group.objects.filter(name__in=RETIRED).delete()


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old, new in RENAMED.items():
        Group.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_text_and_date_limits"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
