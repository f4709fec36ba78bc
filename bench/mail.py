"""Mail in the background, measured end to end on this machine.

Run from the project root, with PostgreSQL on 127.0.0.1:5432 (trust auth):
    .venv/bin/python bench/mail.py [members]

It creates the database ludgrupper_bench_mail afresh, a group with `members` (200) members and
a meeting in anchoring, starts an SMTP server on loopback (aiosmtpd) and the app under
gunicorn with production settings and TASKS_BACKEND=database, then:

1. publishes the agenda as the coordinator (a real POST) and times the answer: the mail to
   the group is queued, not sent, so the answer does not wait for the mail server;
2. runs the task worker (`db_worker --batch`) and counts the mails the SMTP server received;
3. stops the SMTP server, changes the meeting's place (the group is told), runs the worker until
   the retries (made short here: MAIL_RETRY_DELAYS_SECONDS=1,1,1) are spent, and checks that
   every mail waits in the outbox as failed, listed on /utkorg/;
4. starts the SMTP server again, presses "send all failed again", runs the worker, counts;
5. times password resets for an address with an account and one without, alternated, to show
   that the answer does not tell them apart.

Traffic stays on 127.0.0.1; every loop is bounded.
"""

import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "ludgrupper_bench_mail"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
WEB_PORT = 8766
SMTP_PORT = 8025
BASE = f"http://127.0.0.1:{WEB_PORT}"
PASSWORD = "bench-lösenord-2026"


class Sink:
    """An SMTP server that accepts everything and counts the recipients."""

    def __init__(self):
        self.received = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            self.received += len(envelope.rcpt_tos)
        return "250 OK"


def _environment(**extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789-abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": BASE,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "5",
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        "TASKS_BACKEND": "database",
        "MAIL_RETRY_DELAYS_SECONDS": "1,1,1",
        "PASSWORD_RESET_LIMIT_PER_CLIENT": "1000",
        "PASSWORD_RESET_LIMIT_PER_ADDRESS": "1000",
        **extra,
    }


def manage(*arguments, check=True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=_environment(), capture_output=True, text=True
    )
    if check and result.returncode:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


SETUP = """
from datetime import timedelta
from django.utils import timezone
from accounts.models import User
from accounts.roles import Role, grant_role
from groups.models import Group, Organisation
from groups.services import membership_add
from meetings import services
from meetings.models import Meeting
from officials.models import Department, Official

password = {password!r}
coordinator = User.objects.create_user("samordnare@bench.se", password, full_name="Bench Samordnare")
grant_role(coordinator, Role.COORDINATOR)
official = User.objects.create_user("tjansteperson@bench.se", password, full_name="Bench Tjänsteperson")
Official.objects.create(user=official).departments.add(Department.objects.first())
group = Group.objects.get(area__slug="lagan")
organisation = Organisation.objects.create(name="Bench förening")
people = User.objects.bulk_create(
    User(email=f"medlem{{n}}@bench.se", full_name=f"Medlem {{n}}", password="!") for n in range({members})
)
for person in people:
    membership_add(group=group, person=person, organisation=organisation)
start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=30)
meeting = services.meeting_create(
    group=group, created_by=coordinator, kind=Meeting.Kind.GROUP_MEETING, title="Bench-möte",
    starts_at=start, ends_at=start + timedelta(hours=2), venue_name="Bygdegården", venue_address="",
    proposal_deadline=start - timedelta(days=14),
)
services.meeting_send_for_review(meeting=meeting, reviewers=[official], by=coordinator)
print(meeting.pk)
"""


def prepare(members: int) -> int:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    manage("migrate", "--no-input", "-v0")
    manage("collectstatic", "--no-input", "-v0")
    manage("compiletranslations")
    output = manage("shell", "-c", SETUP.format(password=PASSWORD, members=members))
    # Mail queued while setting up (the call for review) is not part of the measurement.
    manage("shell", "-c", "from core.models import OutgoingMail; OutgoingMail.objects.all().delete()")
    manage(
        "shell", "-c", "from django_tasks_db.models import DBTaskResult; DBTaskResult.objects.all().delete()"
    )
    return int(output.split()[-1])


class LoopbackCookiePolicy(DefaultCookiePolicy):
    """Production cookies are HTTPS-only; on loopback, without TLS, send them back anyway (as
    the TLS proxy in front of the app would)."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """A logged-in visitor: cookies, the CSRF token, forms posted as a browser would."""

    def __init__(self):
        jar = CookieJar(policy=LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(self, path: str) -> str:
        with self.opener.open(BASE + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict, page: str | None = None) -> float:
        page = page or self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        request = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
        started = time.perf_counter()
        with self.opener.open(request, timeout=60) as response:
            response.read()
        return time.perf_counter() - started

    def log_in(self, email: str) -> None:
        self.post("/konto/logga-in/", {"username": email, "password": PASSWORD})


def wait_for_server() -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("gunicorn did not start")


def run_worker() -> None:
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v0")


def outbox_counts() -> dict:
    output = manage(
        "shell",
        "-c",
        "from core.models import MailDelivery; from django.db.models import Count; "
        "print(dict(MailDelivery.objects.values_list('status').annotate(n=Count('id'))))",
    )
    return eval(output.strip().splitlines()[-1])  # noqa: S307 (our own dict printed just above)


def main() -> None:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    meeting = prepare(members)
    sink = Sink()
    smtp = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    web = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "ludgrupper.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{WEB_PORT}"],
        cwd=ROOT,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_server()
        coordinator = Browser()
        coordinator.log_in("samordnare@bench.se")
        manage_path = f"/moten/{meeting}/hantera/"

        publish = coordinator.post(
            f"/moten/{meeting}/publicera/",
            {"confirm_without_all_approvals": "on"},
            coordinator.get(manage_path),
        )
        queued = outbox_counts()
        started = time.perf_counter()
        run_worker()
        delivered_in = time.perf_counter() - started
        print(f"1. publishing to {members} members answered in {publish * 1000:.0f} ms; queued: {queued}")
        print(f"2. the worker sent them in {delivered_in:.1f} s; the SMTP server received {sink.received}")

        smtp.stop()
        received_before = sink.received
        manage(
            "shell",
            "-c",
            "from meetings import services; from meetings.models import Meeting; from accounts.models import User; "
            f"services.meeting_update(meeting=Meeting.objects.get(pk={meeting}), "
            "by=User.objects.get(email='samordnare@bench.se'), venue_name='Folkets hus')",
        )
        for _ in range(6):
            run_worker()
            manage("send_queued_mail")
            time.sleep(1.1)
        down = outbox_counts()
        listed = coordinator.get("/utkorg/?status=failed")
        shown = re.search(r"(\d+) utskick</p>", listed)
        print(
            f"3. with the SMTP server down: outbox {down}; /utkorg/ lists {shown.group(1) if shown else 0} failed"
        )

        smtp = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
        smtp.start()
        coordinator.post("/utkorg/skicka-igen/", {}, listed)
        run_worker()
        print(
            f"4. sent again once the server was back: received {sink.received - received_before}; outbox {outbox_counts()}"
        )

        visitor = Browser()
        times = {"with an account": [], "without": []}
        for round_number in range(30):
            for label, email in (
                ("with an account", "medlem1@bench.se"),
                ("without", f"ingen{round_number}@bench.se"),
            ):
                times[label].append(visitor.post("/konto/losenord/aterstall/", {"email": email}) * 1000)
        for label, values in times.items():
            values.sort()
            print(
                f"5. password reset, address {label}: median {statistics.median(values):.1f} ms, "
                f"p95 {values[int(len(values) * 0.95) - 1]:.1f} ms"
            )
    finally:
        web.terminate()
        web.wait(timeout=10)
        smtp.stop()


if __name__ == "__main__":
    main()
