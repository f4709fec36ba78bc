from django.db import migrations

STANDING_ITEMS = [
    ("start", 1, "Mötet öppnas", "Välkommen, presentation av deltagarna och genomgång av dagordningen.", 10, False),
    ("start", 2, "Uppföljning av gruppens öppna sakfrågor", "Vad har hänt sedan förra mötet? Svar från kommunen.", 20, True),
    ("end", 1, "Nästa möte", "Tid och plats för nästa möte, och vem som för gruppens talan fram till dess.", 5, False),
    ("end", 2, "Mötet avslutas", "", 5, False),
]


def seed(apps, schema_editor):
    StandingItem = apps.get_model("meetings", "StandingItem")
    if StandingItem.objects.exists():
        return
    for placement, position, title, description, minutes, lists_open_issues in STANDING_ITEMS:
        StandingItem.objects.create(
            placement=placement,
            position=position,
            title=title,
            description=description,
            duration_minutes=minutes,
            lists_open_issues=lists_open_issues,
        )


def unseed(apps, schema_editor):
    titles = [item[2] for item in STANDING_ITEMS]
    apps.get_model("meetings", "StandingItem").objects.filter(title__in=titles).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
