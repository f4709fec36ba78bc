"""Realistic, idempotent demo data so that `make run` shows a lived-in application."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.roles import Role, grant_role
from alerts.demo import seed_subscriptions
from groups import services
from groups.models import Group, Invitation, MainContactPeriod, Membership, Organisation
from issues.demo import seed_issue_updates
from meetings.demo import seed_coming_meetings, seed_past_meetings
from minutes.demo import seed_minutes
from officials.models import Department, Official
from participation.demo import seed_participation
from privacy.demo import seed_privacy
from reports import demo as report_demo

User = get_user_model()

DEMO_PASSWORD = "demo-lösenord-2026"  # noqa: S105 (demo only; the command refuses to run without DEBUG)
COORDINATOR_EMAIL = "samordnare@example.se"
QUIET_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}

# Per area: organisations (name, kind) and their representatives (name, role).
GROUPS = {
    "agunnaryd": [
        ("Agunnaryds samhällsförening", "community_association", [("Karin Lindqvist", "ordförande")]),
        ("Agunnaryds IF", "association", [("Oskar Bengtsson", "kassör")]),
        ("Agunnaryds hembygdsförening", "non_profit", [("Birgitta Åberg", "sekreterare")]),
    ],
    "hamneda": [
        ("Hamneda sockenråd", "parish_council", [("Lars-Göran Ek", "ordförande")]),
        ("Hamneda byalag", "association", [("Maja Holm", "ledamot")]),
        ("Lagadalens företagarförening", "business", [("Erik Sjöberg", "ordförande")]),
    ],
    "lagan": [
        ("Lagans samhällsförening", "community_association", [("Anna Nyström", "ordförande")]),
        ("Lagans AIK", "association", [("Johan Pettersson", "ungdomsansvarig")]),
        ("Lagans företagarförening", "business", [("Sofia Karlsson", "sekreterare")]),
        ("PRO Lagan", "non_profit", [("Gunnel Fransson", "ordförande")]),
    ],
    "lidhult": [
        ("Lidhults samhällsförening", "community_association", [("Peter Strand", "vice ordförande")]),
        ("Lidhults GoIF", "association", [("Elin Axelsson", "ledamot")]),
        ("Lidhults bygdegårdsförening", "non_profit", [("Håkan Lund", "kassör")]),
    ],
    "ryssby": [
        ("Ryssby samhällsförening", "community_association", [("Ingrid Söderström", "ordförande")]),
        ("Ryssby IF", "association", [("Mohammed Al-Amin", "ledamot")]),
        ("Ryssby hembygdsförening", "non_profit", [("Åsa Gunnarsson", "sekreterare")]),
    ],
    "bolmens-ostra-strand": [
        ("Bolmens östra strands intresseförening", "association", [("Nils Ågren", "ordförande")]),
        ("Bolmens fiskevårdsområde", "non_profit", [("Zeynep Yılmaz", "ledamot")]),
        ("Bolmenbygdens turism och näringsliv", "business", [("Fredrik Öberg", "ordförande")]),
    ],
}

OFFICIALS = [
    ("Lena Friberg", "friluftsliv-och-fritidsanlaggningar", "Fritidschef"),
    ("Ahmed Hassan", "foreningsliv", "Föreningsutvecklare"),
    ("Stina Welander", "gatu-och-trafikfragor", "Trafikingenjör"),
    ("Mats Rydell", "park-och-skotselfragor", "Parkchef"),
    ("Helena Borg", "kulturverksamhet", "Kulturstrateg"),
    ("Jonas Eklund", "landsbygdsutveckling", "Landsbygdsutvecklare"),
]


def email_for(full_name: str, domain: str) -> str:
    table = str.maketrans("åäöéüıÅÄÖÉÜ", "aaoeuiAAOEU")
    local = ".".join(full_name.translate(table).lower().replace("-", "").split())
    return f"{local}@{domain}"


class Command(BaseCommand):
    help = "Creates demo data (idempotent) and prints the demo logins. Refuses to run with DEBUG off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on: it creates accounts with a known password."
            )
        # Demo people have example addresses: nothing is mailed while seeding.
        with override_settings(MAILERS=QUIET_MAILERS), transaction.atomic():
            coordinator = self._person("Eva Samuelsson", COORDINATOR_EMAIL, phone="0372-78 90 00")
            coordinator.is_staff = True
            coordinator.save(update_fields=["is_staff"])
            grant_role(coordinator, Role.COORDINATOR)
            officials = [self._official(*row) for row in OFFICIALS]
            representatives = {slug: self._group(slug, rows, coordinator) for slug, rows in GROUPS.items()}
            self._pending_invitations(coordinator)
            seed_past_meetings(coordinator, officials)
            seed_minutes(coordinator, officials)
            seed_issue_updates(coordinator, officials)
            seed_subscriptions()
            seed_coming_meetings(coordinator, officials)
            seed_privacy(coordinator, representatives["lagan"][0])
            elected = self._issue_12(coordinator, officials)
            seed_participation(coordinator, representatives)
        self._print_logins(coordinator, officials, representatives)
        self.stdout.write(f"  elected representative:    {elected[0].email}")

    def _issue_12(self, coordinator, officials):
        """The yearly report's last full year, a sent dispatch, elected representatives, budget
        referrals and a village fund (reports.demo)."""
        report_demo.seed_committee_addresses()
        elected = report_demo.seed_elected_representatives(self._person)
        report_demo.seed_last_year(coordinator, officials)
        report_demo.seed_coming_dialogue(coordinator, elected[0])
        report_demo.seed_budget_referrals(coordinator)
        report_demo.seed_village_fund(coordinator)
        report_demo.seed_dispatch(coordinator)
        return elected

    def _person(self, full_name, email, phone=""):
        person, created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "phone": phone, "privacy_notice_accepted_at": timezone.now()},
        )
        if created:
            person.set_password(DEMO_PASSWORD)
            person.save(update_fields=["password"])
        return person

    def _official(self, full_name, department_slug, title):
        person = self._person(full_name, email_for(full_name, "ljungby.example.se"))
        official, _ = Official.objects.get_or_create(user=person, defaults={"title": title})
        official.departments.add(Department.objects.get(slug=department_slug))
        return person

    def _group(self, slug, rows, coordinator):
        group = Group.objects.select_related("area").get(area__slug=slug)
        if group.memberships.exists():
            # Seeded before: run again, the demo adds nobody (a demo account closed since,
            # see privacy.demo, must not come back under its old address).
            return [
                membership.person
                for membership in group.memberships.current().select_related("person").order_by("pk")
            ]
        first_membership = None
        people = []
        start = timezone.localdate() - timedelta(days=400)
        for organisation_name, kind, representatives in rows:
            organisation, _ = Organisation.objects.get_or_create(
                name=organisation_name, defaults={"kind": kind}
            )
            organisation.areas.add(group.area)
            for full_name, role in representatives:
                person = self._person(full_name, email_for(full_name, "example.se"), phone="070-123 45 67")
                membership = Membership.objects.current().filter(person=person, group=group).first()
                if membership is None:
                    membership = services.membership_add(
                        group=group, person=person, organisation=organisation, role=role, start=start
                    )
                first_membership = first_membership or membership
                people.append(person)
        # A former member and a rotation history: the first main contact handed over.
        if not MainContactPeriod.objects.filter(group=group).exists():
            former_person = self._person(f"Tidigare ledamot {group.area.name}", f"tidigare.{slug}@example.se")
            former = services.membership_add(
                group=group,
                person=former_person,
                organisation=first_membership.organisation,
                role="ordförande",
                start=start - timedelta(days=700),
            )
            services.main_contact_hand_over(
                group=group, membership=former, appointed_by=coordinator, start=start - timedelta(days=700)
            )
            services.main_contact_hand_over(
                group=group, membership=first_membership, appointed_by=coordinator, start=start
            )
            services.membership_end(membership=former, end=start)
        return people

    def _pending_invitations(self, coordinator):
        lagan = Group.objects.get(area__slug="lagan")
        if not Invitation.objects.filter(group=lagan).exists():
            services.invitations_send(
                group=lagan,
                raw_addresses="ny.representant@example.se\nbygdegarden@example.se",
                invited_by=coordinator,
            )

    def _print_logins(self, coordinator, officials, representatives):
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is in place. Demo logins (password for all: {DEMO_PASSWORD}):")
        )
        self.stdout.write(f"  coordinator (samordnare):  {coordinator.email}")
        self.stdout.write(f"  official (tjänsteperson):  {officials[0].email}")
        self.stdout.write(f"  representative (Lagan):    {representatives['lagan'][0].email}")
        self.stdout.write(f"  representative (Ryssby):   {representatives['ryssby'][0].email}")
