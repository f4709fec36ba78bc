from django.db import migrations

# Ljungby kommun's officials' group and committees (operational plan, 2023-03-01).
DEPARTMENTS = [
    ("friluftsliv-och-fritidsanlaggningar", "Friluftsliv och fritidsanläggningar"),
    ("foreningsliv", "Föreningsliv"),
    ("gatu-och-trafikfragor", "Gatu- och trafikfrågor"),
    ("park-och-skotselfragor", "Park- och skötselfrågor"),
    ("kulturverksamhet", "Kulturverksamhet"),
    ("landsbygdsutveckling", "Landsbygdsutveckling"),
]
COMMITTEES = [
    ("kommunstyrelsen", "Kommunstyrelsen"),
    ("samhallsbyggnadsutskottet", "Samhällsbyggnadsutskottet"),
    ("val-och-demokratinamnden", "Val- och demokratinämnden"),
]


def seed(apps, schema_editor):
    Department = apps.get_model("officials", "Department")
    Committee = apps.get_model("officials", "Committee")
    for slug, name in DEPARTMENTS:
        Department.objects.get_or_create(slug=slug, defaults={"name": name})
    for slug, name in COMMITTEES:
        Committee.objects.get_or_create(slug=slug, defaults={"name": name})


def unseed(apps, schema_editor):
    apps.get_model("officials", "Department").objects.filter(slug__in=[s for s, _ in DEPARTMENTS]).delete()
    apps.get_model("officials", "Committee").objects.filter(slug__in=[s for s, _ in COMMITTEES]).delete()


class Migration(migrations.Migration):
    dependencies = [("officials", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
