from django.db import migrations

# Ljungby kommun's five service towns and one development area (operational plan, 2023-03-01).
AREAS = [
    ("agunnaryd", "Agunnaryd", "service_town"),
    ("hamneda", "Hamneda", "service_town"),
    ("lagan", "Lagan", "service_town"),
    ("lidhult", "Lidhult", "service_town"),
    ("ryssby", "Ryssby", "service_town"),
    ("bolmens-ostra-strand", "Bolmens östra strand", "development_area"),
]


def seed(apps, schema_editor):
    Area = apps.get_model("groups", "Area")
    Group = apps.get_model("groups", "Group")
    for slug, name, kind in AREAS:
        area, _ = Area.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
        Group.objects.get_or_create(
            area=area,
            defaults={
                "name": f"Lokala utvecklingsgruppen {name}",
                "description": (
                    f"Föreningar, ideella organisationer och näringslivsorganisationer i och kring {name} "
                    "i dialog med kommunen om utvecklingen av orten och bygden."
                ),
            },
        )


def unseed(apps, schema_editor):
    slugs = [slug for slug, _, _ in AREAS]
    apps.get_model("groups", "Group").objects.filter(area__slug__in=slugs).delete()
    apps.get_model("groups", "Area").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
