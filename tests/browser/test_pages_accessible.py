"""Every page of the application, as each person who uses it: axe-core (WCAG 2.1 AA), the Nu
HTML checker (every page the server sends is judged at the end of the session, see conftest)
and a 320 px wide screen (nothing may stick out sideways).

Each role starts from its start pages and follows every link within the site, so a page is
checked as soon as anything links to it; pages reached only from an email (the invitation, the
password reset) are start pages. At most PER_ROUTE pages of one URL pattern are visited, which
keeps the crawl short without missing a template. The data is the demo data (every state of a
meeting, of the minutes and of an issue), plus a proposal and an issue whose titles and texts
carry a 200-character word and a long URL."""

import io
import re
from collections import Counter, deque
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.urls import Resolver404, get_resolver, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from groups import services as group_services
from groups.models import Group
from issues import services as issue_services
from ludgrupper.management.commands.seed_demo import COORDINATOR_EMAIL, DEMO_PASSWORD
from meetings import services as meeting_services
from meetings.models import Meeting
from minutes.models import Minutes, MinutesReview
from tests.browser.conftest import SUMMARY, assert_no_axe_violations, assert_no_horizontal_overflow
from tests.browser.steps import DESKTOP, SMALL_PHONE, log_in

User = get_user_model()

PER_ROUTE = 3
# Not pages: the crawl does not follow them.
NOT_CRAWLED = re.compile(r"^/(admin/|i18n/|konto/logga-ut/)|\.(pdf|ics|zip|atom|csv|xlsx)$")
# URL patterns that answer GET with no page of their own: POST-only actions, files, redirects.
NOT_PAGES = {
    "admin/",
    "brand.css",
    "i18n/setlang/",
    "konto/logga-ut/",
    "konto/start/",
    "moten/<int:pk>/kalender.ics",
    "omraden/<slug:slug>/moten.ics",
    "moten/<int:pk>/minnesanteckningar.pdf",
    "moten/<int:pk>/minnesanteckningar/v<int:number>.pdf",
    "moten/<int:pk>/minnesanteckningar/paborja/",
    "moten/<int:pk>/minnesanteckningar/granskning/",
    "moten/<int:pk>/minnesanteckningar/publicera/",
    "moten/<int:pk>/minnesanteckningar/rattelse/",
    "medlemskap/<int:pk>/avsluta/",
    "inbjudningar/<int:pk>/skicka-igen/",
    "utkorg/skicka-igen/",
    "utkorg/<int:pk>/skicka-igen/",
    "inbjudningar/<int:pk>/aterkalla/",
    "organisationer/<int:pk>/bekrafta/",
    "forslag/<int:pk>/dra-tillbaka/",
    "forslag/<int:pk>/godta/",
    "forslag/<int:pk>/sla-ihop/",
    "moten/<int:pk>/svar/",
    "forankring/<int:pk>/svar/",
    "moten/<int:pk>/oppna/",
    "moten/<int:pk>/forankra/",
    "moten/<int:pk>/publicera/",
    "moten/<int:pk>/genomfort/",
    "moten/<int:pk>/tjanstepersoner/",
    "moten/<int:pk>/punkter/ny/",
    "punkter/<int:pk>/flytta/",
    "punkter/<int:pk>/ta-bort/",
    "sakfragor/<int:pk>/uppdatera/",
    "sakfragor/uppdateringar/<int:pk>/godkann/",
    "sakfragor/uppdateringar/<int:pk>/returnera/",
    "sakfragor/export.<str:file_format>",
    "sakfragor/<int:pk>/status/",
    "konto/mina-uppgifter/mina-uppgifter.zip",
    # Files, and a redirect to the latest year (the report tests read them).
    "rapporter/",
    "rapporter/<int:year>.pdf",
    "rapporter/<int:year>.csv",
    "rapporter/<int:year>.xlsx",
    "budget/<int:year>.csv",
    "budget/<int:year>.xlsx",
    "bygdefonder/bilagor/<int:pk>.pdf",
    # The outcome of a budget referral: reached from an issue whose referral waits for it
    # (tests/finance covers the form).
    "sakfragor/<int:pk>/budget/utfall/",
    "flode.atom",
    "omraden/<slug:slug>/flode.atom",
    # Reached from a mail only (signed links); tested in tests/browser/test_issue_follow_up.py.
    "bevaka/bekrafta/<str:token>/",
    "bevaka/avsluta/<str:token>/",
    "omraden/<slug:slug>/forslagslada/affisch.pdf",
    "enkat/<int:pk>/affisch.pdf",
    "forslagslador/forslag/<int:pk>/publicera/",
    "forslagslador/forslag/<int:pk>/dagordning/",
    "forslagslador/forslag/<int:pk>/stod/",
    "enkater/<int:pk>/fragor/",
    "enkater/fragor/<int:pk>/flytta/",
    "enkater/fragor/<int:pk>/ta-bort/",
    "enkater/<int:pk>/klasskoder/",
    "enkater/<int:pk>/resultat.csv",
    # Shown after sending a suggestion or a survey: tests/browser/test_participation.py checks them.
    "omraden/<slug:slug>/forslagslada/tack/",
    "enkat/<int:pk>/tack/",
}

LONG_WORD = ("Lagabygdensgemensammaframtidsutvecklingsplaneringsarbetsgruppsmötesprotokolls" * 3)[:200]
LONG_URL = (
    "https://www.ljungby.se/" + "/".join(["kommun-och-politik", "utvecklingsgrupper"] * 6) + "?id=" + "9" * 60
)


def _route(path: str) -> str:
    try:
        return resolve(path).route
    except Resolver404:
        return path


def _all_routes(resolver=None, prefix="") -> set[str]:
    routes = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns") and not route.startswith("admin/"):
            routes |= _all_routes(pattern, route)
        else:
            routes.add(route)
    return routes


class Crawl:
    """Visit pages as one person, follow the links on each, and check every page: a problem is
    noted and the crawl goes on, so that one run lists them all."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.visited: set[str] = set()
        self.landed_on: set[str] = set()  # after redirects
        self.problems: list[str] = []
        self._queue: deque = deque()
        self._per_route: Counter = Counter()

    def run(self, start_paths, *, expected_status=200) -> None:
        """Visit start_paths (each must answer expected_status) and every page they lead to
        (each must answer 200: a link to a page one may not see is a mistake)."""
        for path in start_paths:
            self._enqueue(path, start=True)
        while self._queue:
            path = self._queue.popleft()
            response = self.page.goto(f"{self.base_url}{path}")
            self.landed_on.add(urlsplit(self.page.url).path)
            expected = expected_status if path in start_paths else 200
            if response.status != expected:
                self.problems.append(f"{path} answered {response.status}, not {expected}")
            for check in (assert_no_axe_violations, assert_no_horizontal_overflow):
                try:
                    check(self.page)
                except pytest.fail.Exception as failure:
                    self.problems.append(str(failure))
            if response.status == 200:
                for href in self.page.eval_on_selector_all(
                    "a[href]", "links => links.map(link => link.href)"
                ):
                    url = urlsplit(href)
                    if f"{url.scheme}://{url.netloc}" == self.base_url:
                        self._enqueue(url.path)

    def _enqueue(self, path, *, start=False) -> None:
        if path in self.visited or NOT_CRAWLED.search(path):
            return
        route = _route(path)
        if not start and self._per_route[route] >= PER_ROUTE:
            return
        self._per_route[route] += 1
        self.visited.add(path)
        self._queue.append(path)

    @property
    def routes(self) -> set[str]:
        return {_route(path) for path in self.landed_on}


@dataclass
class Site:
    coordinator: object
    official: object
    representative: object
    open_meeting: Meeting
    draft: Meeting
    meeting_round: object
    invitation_path: str
    password_reset_path: str


def _lived_in_site(settings) -> Site:
    """The demo data, and what people make of it: long words and addresses, an invitation."""
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    lagan = Group.objects.select_related("area").get(area__slug="lagan")
    # The main contact: asked to sign off the minutes.
    representative = lagan.memberships.current().select_related("person").order_by("pk").first().person
    # An official with minutes still to review, so that the page is linked.
    official = MinutesReview.objects.filter(verdict=MinutesReview.Verdict.PENDING).first().reviewer
    open_meeting = lagan.meetings.get(status=Meeting.Status.OPEN)
    text = f"Se {LONG_URL} och {LONG_WORD}.\n\n{LONG_URL}\n\n[{LONG_WORD}]({LONG_URL})"
    accepted, _waiting = [
        meeting_services.proposal_submit(
            meeting=open_meeting,
            proposer=representative,
            title=f"Förslag {LONG_WORD}",
            description=text,
            hoped_outcome=f"{LONG_WORD} {LONG_URL}",
        )
        for _ in range(2)
    ]
    meeting_services.proposal_accept(
        proposal=accepted,
        by=coordinator,
        expected_version=Meeting.objects.get(pk=open_meeting.pk).agenda_version,
    )
    issue_services.issue_create(
        group=lagan,
        title=f"Sakfråga {LONG_WORD}",
        description=text,
        by=coordinator,
        department=official.official.departments.first(),
    )
    meeting_round = meeting_services.round_create(
        title="Vårens möten",
        kind=Meeting.Kind.GROUP_MEETING,
        proposal_days_before=14,
        groups=Group.objects.filter(active=True),
        by=coordinator,
    )
    mail.outbox.clear()
    group_services.invitations_send(group=lagan, raw_addresses="inbjuden@example.se", invited_by=coordinator)
    uid = urlsafe_base64_encode(force_bytes(representative.pk))
    return Site(
        coordinator=coordinator,
        official=official,
        representative=representative,
        open_meeting=open_meeting,
        draft=Meeting.objects.filter(status=Meeting.Status.DRAFT).first(),
        meeting_round=meeting_round,
        invitation_path=re.search(r"/inbjudan/[^/\s]+/", mail.outbox[-1].body).group(0),
        password_reset_path=f"/konto/losenord/aterstall/{uid}/{default_token_generator.make_token(representative)}/",
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_as_every_role(live_server, settings, new_page):
    settings.SITE_URL = live_server.url
    site = _lived_in_site(settings)
    base = live_server.url
    manage_open_meeting = f"/moten/{site.open_meeting.pk}/hantera/"

    # An anonymous visitor, on a phone.
    visitor = Crawl(new_page(viewport=SMALL_PHONE, is_mobile=True, has_touch=True), base)
    visitor.run(
        [
            "/",
            site.invitation_path,
            site.password_reset_path,
            "/konto/losenord/aterstall/skickad/",
            "/konto/losenord/aterstall/klar/",
        ]
    )
    visitor.run([f"/moten/{site.draft.pk}/", "/finns-inte/"], expected_status=404)

    # The coordinator, at a desk; besides the links, a meeting in each state and the minutes
    # in each state, corrected or not.
    desk = new_page(viewport=DESKTOP)
    log_in(desk, base, site.coordinator, "/grupper/", password=DEMO_PASSWORD)
    coordinator = Crawl(desk, base)
    meetings = {meeting.status: meeting.pk for meeting in Meeting.objects.order_by("-pk")}
    minutes = {(minutes.status, minutes.version > 1): minutes.meeting_id for minutes in Minutes.objects.all()}
    coordinator.run(
        [
            "/",
            manage_open_meeting,
            *(f"/moten/{pk}/hantera/" for pk in meetings.values()),
            *(f"/moten/{pk}/minnesanteckningar/skriv/" for pk in minutes.values()),
            f"/moten/omgang/{site.meeting_round.pk}/",
            "/konto/losenord/byt/klar/",
            "/integritet/",
            "/tillganglighet/",
            "/granskningslogg/",
        ]
    )

    # An official, at a desk.
    office = new_page(viewport=DESKTOP)
    log_in(office, base, site.official, "/mina-moten/", password=DEMO_PASSWORD)
    official = Crawl(office, base)
    official.run(["/", "/mina-moten/", "/sakfragor/"])
    official.run(["/grupper/lagan/bjud-in/", manage_open_meeting], expected_status=403)

    # A representative, on a phone.
    phone = new_page(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    log_in(phone, base, site.representative, "/mina-grupper/", password=DEMO_PASSWORD)
    representative = Crawl(phone, base)
    representative.run(["/", "/mina-grupper/", f"/moten/{site.open_meeting.pk}/", "/konto/mina-uppgifter/"])
    representative.run(
        ["/arshjul/", "/grupper/ryssby/", manage_open_meeting, "/granskningslogg/"], expected_status=403
    )
    representative.run([f"/moten/{site.draft.pk}/"], expected_status=404)

    # An elected representative, on a phone: their own page, and what they read.
    politician_phone = new_page(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    karin = get_user_model().objects.get(email="karin.lindqvist@politik.example.se")
    log_in(politician_phone, base, karin, "/fortroendevald/", password=DEMO_PASSWORD)
    elected = Crawl(politician_phone, base)
    elected.run(["/fortroendevald/"])
    elected.run(["/sakfragor/", "/arshjul/", manage_open_meeting], expected_status=403)

    crawls = {
        "anonymous": visitor,
        "coordinator": coordinator,
        "official": official,
        "representative": representative,
        "elected representative": elected,
    }
    SUMMARY.append(
        "Pages crawled: " + ", ".join(f"{role} {len(crawl.visited)}" for role, crawl in crawls.items())
    )
    problems = [f"as {role}: {problem}" for role, crawl in crawls.items() for problem in crawl.problems]
    unreached = sorted(_all_routes() - set().union(*(crawl.routes for crawl in crawls.values())) - NOT_PAGES)
    if unreached:
        problems.append(
            f"No crawl reached these URL patterns (link them, or list them in NOT_PAGES): {unreached}"
        )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
