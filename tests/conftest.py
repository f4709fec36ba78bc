import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.commands import flush

from accounts.roles import Role, grant_role
from groups import services
from groups.models import Group, Organisation
from minutes.selectors import recent_pdfs
from officials.models import Department, Official

User = get_user_model()
PASSWORD = "ett-bra-lösenord-42"
_sequence = itertools.count(1)


# Test modules whose module-scoped fixtures are costly (the demo data, and the crawls of it that
# its tests share): on several workers (make test, pytest-xdist) each runs whole on one worker
# rather than making them again on each. Every other test is handed out on its own, in
# pytest-django's order (the transactional tests, which empty the tables, last on each worker).
WHOLE_MODULES = {"tests/test_swedish.py", "tests/test_null_bytes.py", "tests/minutes/test_pdf.py"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WholeModulesScheduling(LoadScopeScheduling):
        """xdist's scope scheduling with a scope per test, or per module for WHOLE_MODULES
        (their scopes, the largest, go out first: one to each worker). xdist_group cannot
        do this here: xdist 3.8 groups by rewriting item._nodeid, which pytest 9 no longer
        reads."""

        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in WHOLE_MODULES else nodeid

    return WholeModulesScheduling(config, log)


def pytest_configure(config):
    """Transactional tests (the browser tests, live_server) end by emptying every table with
    Django's flush, which the archive's triggers refuse (minutes.archive): in the tests only,
    flush takes them off for the moment it empties the tables. Production has no such path."""
    from minutes import archive

    original = flush.Command.handle

    def handle(self, *args, **options):
        from django.db import connections

        connection = connections[options.get("database") or "default"]
        archive.uninstall_triggers(connection)
        try:
            return original(self, *args, **options)
        finally:
            archive.install_triggers(connection)

    flush.Command.handle = handle


@pytest.fixture(autouse=True)
def _no_pdf_from_another_test():
    """Each worker keeps the released PDFs it served; a test's rolled-back database reuses ids."""
    recent_pdfs.clear()


@pytest.fixture(autouse=True)
def _swedish_and_fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "sv"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call a service and run its on_commit callbacks (mail goes out after the commit),
    which a test's own transaction would otherwise hold back."""

    def run(service, /, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def make_person(full_name=None, email=None, **extra):
    number = next(_sequence)
    return User.objects.create_user(
        email=email or f"person{number}@example.se",
        password=PASSWORD,
        full_name=full_name or f"Person {number}",
        **extra,
    )


def make_organisation(name=None, kind=Organisation.Kind.ASSOCIATION, **extra):
    return Organisation.objects.create(name=name or f"Förening {next(_sequence)}", kind=kind, **extra)


def make_member(group, person=None, organisation=None, **extra):
    return services.membership_add(
        group=group,
        person=person or make_person(),
        organisation=organisation or make_organisation(),
        **extra,
    )


@pytest.fixture
def lagan(db):
    return Group.objects.select_related("area").get(area__slug="lagan")


@pytest.fixture
def ryssby(db):
    return Group.objects.select_related("area").get(area__slug="ryssby")


@pytest.fixture
def coordinator(db):
    person = make_person("Eva Samordnare", "samordnare@kommun.se")
    grant_role(person, Role.COORDINATOR)
    return person


@pytest.fixture
def admin_client(client, coordinator):
    """The coordinator logged in to the admin (made staff), as the municipality's coordinator
    uses it; not pytest-django's superuser."""
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    return client


@pytest.fixture
def official(db):
    person = make_person("Olle Tjänsteperson", "olle@kommun.se")
    official = Official.objects.create(user=person, title="Parkchef")
    official.departments.add(Department.objects.get(slug="park-och-skotselfragor"))
    return person


@pytest.fixture
def member(lagan):
    """A representative of the Lagan group."""
    return make_member(lagan, make_person("Anna Åkesson", "anna@forening.se", phone="070-111 22 33")).person


@pytest.fixture
def other_member(ryssby):
    """A representative of another group (Ryssby)."""
    return make_member(ryssby, make_person("Rolf Ryssbybo", "rolf@ryssby.se", phone="070-999 88 77")).person


@pytest.fixture
def outsider(db):
    """Logged in, but in no group and without a role."""
    return make_person("Utan Grupp", "ingen@example.se")


# The roles every rules test asks about (tests/*/test_rules.py) ---------------------------------
ROLES = [
    "anonymous",
    "outsider",
    "member",
    "former_member",
    "other_member",
    "official",
    "street_official",
    "elected_representative",
    "coordinator",
    "superuser",
]


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def former_member(lagan):
    """Was a representative of the Lagan group, and has left."""
    membership = make_member(lagan, make_person("Frida Förra", "frida@forening.se", phone="070-555 44 33"))
    services.membership_end(membership=membership)
    return membership.person


@pytest.fixture
def street_official(db):
    """An official of another department (streets and traffic) than the `official` (parks)."""
    person = make_person("Gun Gatuchef", "gun@kommun.se")
    official = Official.objects.create(user=person, title="Gatuchef")
    official.departments.add(Department.objects.get(slug="gatu-och-trafikfragor"))
    return person


def make_elected_representative(
    full_name=None, email=None, *, areas=("lagan",), committees=("samhallsbyggnadsutskottet",)
):
    from groups.models import Area, ElectedRepresentative
    from officials.models import Committee

    representative = ElectedRepresentative.objects.create(
        user=make_person(full_name, email), party="Centerpartiet"
    )
    representative.areas.set(Area.objects.filter(slug__in=areas))
    representative.committees.set(Committee.objects.filter(slug__in=committees))
    return representative.user


@pytest.fixture
def elected_representative(db):
    """A politician (förtroendevald) following Lagan, on samhällsbyggnadsutskottet."""
    return make_elected_representative("Per Politiker", "per@politik.se")


@pytest.fixture
def superuser(db):
    """The municipality's IT: a superuser, with no role."""
    return make_person("It Ansvarig", "it@kommun.se", is_staff=True, is_superuser=True)
