"""Every main page measured side by side with the stack's own limit, at a chosen data size.

Run from the project root, with PostgreSQL on 127.0.0.1:5432 (trust auth) and wrk installed:
    .venv/bin/python bench/pages.py --factor 1
    .venv/bin/python bench/pages.py --factor 100

The first run at a factor creates the database ludgrupper_bench_x<factor> (migrate, seed_demo,
seed_scale --factor N, timed); later runs reuse it (--fresh builds it again). Then the app
runs under gunicorn (2 sync workers, production settings, persistent connections) with the
URL configuration of bench/settings.py, which adds two reference pages: a bare HttpResponse
and a plain page rendering about 10 KB from 25 rows with 2 queries.

For each page, in one run: three rounds of wrk (2 threads, 16 connections) on the reference,
then the page, and the median of the three ratios of requests/s; p50 and p95 with one client
and with 16; the response size; the query count (Django's test client, same settings). The
stored PDF is compared with the bare response, every other page with the plain reference, each
asked by the same visitor as the page (a logged-in page's reference is read with the same
session cookie, so both pay for reading the session and the user). First, the references
themselves, anonymous and logged in.
Traffic stays on 127.0.0.1; every run is bounded in time.
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8767
BASE = f"http://127.0.0.1:{PORT}"
DEMO_PASSWORD = "demo-lösenord-2026"  # noqa: S105 (the demo's own, see seed_demo)
COORDINATOR = "samordnare@example.se"

# wrk prints what we need as one JSON line (its own --latency lacks the 95th percentile).
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %f, "bytes": %d, "errors": %d, "p50": %f, "p95": %f}\\n',
    summary.requests, summary.duration / 1e6, summary.bytes, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""

# The pages, found in the seeded data (demo rows, so the same at every factor).
FIND_PAGES = """
import json
from django.urls import reverse
from groups.models import Group
from meetings.models import Meeting
from minutes.models import MinutesRelease, Minutes
from issues.models import Issue
release = MinutesRelease.objects.select_related("minutes__meeting").order_by("-released_at").first()
meeting = release.minutes.meeting
group = meeting.group
coming = Meeting.objects.filter(group=group, published_at__isnull=False).order_by("-starts_at").first()
draft = Minutes.objects.filter(meeting__group__area__slug__in=[
    "agunnaryd", "hamneda", "lagan", "lidhult", "ryssby", "bolmens-ostra-strand"]).exclude(
    status="released").order_by("-pk").first()
pages = [
    ("/", "public", "plain"),
    (group.area.get_absolute_url(), "public", "plain"),
    (coming.get_absolute_url(), "public", "plain"),
    (reverse("minutes:public", args=[meeting.pk]), "public", "plain"),
    (reverse("minutes:pdf_version", args=[meeting.pk, release.version.number]), "public", "bare"),
    (reverse("meetings:group_feed", args=[group.area.slug]), "public", "plain"),
    (reverse("pages:feed"), "public", "plain"),
    (reverse("pages:area_feed", args=[group.area.slug]), "public", "plain"),
    (reverse("issues:public_list", args=[group.area.slug]), "public", "plain"),
    (reverse("issues:detail", args=[Issue.objects.filter(group=group, public_since__isnull=False).latest("pk").pk]), "public", "plain"),
    (reverse("groups:overview"), "coordinator", "plain"),
    (reverse("groups:detail", args=[group.area.slug]), "coordinator", "plain"),
    (reverse("meetings:year"), "coordinator", "plain"),
    (reverse("issues:list"), "coordinator", "plain"),
    (reverse("issues:approval_queue"), "coordinator", "plain"),
    (reverse("pages:my_groups"), "coordinator", "plain"),
    (reverse("meetings:manage", args=[coming.pk]), "coordinator", "plain"),
]
if draft is not None:
    pages.append((reverse("minutes:edit", args=[draft.meeting_id]), "coordinator", "plain"))
# Residents' voice: the moderation of the suggestion boxes, the surveys and the demo's results.
from participation.models import Survey
survey = Survey.objects.filter(publish_results=True).order_by("pk").first()
pages += [
    (reverse("participation:moderation_overview"), "coordinator", "plain"),
    (reverse("participation:moderation_queue", args=[group.area.slug]), "coordinator", "plain"),
    (reverse("participation:survey_list"), "coordinator", "plain"),
    (reverse("participation:survey_results", args=[survey.pk]), "coordinator", "plain"),
    (reverse("participation:public_results", args=[survey.pk]), "public", "plain"),
]
print(json.dumps(pages))
"""

COUNT_QUERIES = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
pages = json.loads(sys.stdin.read())
anonymous, coordinator = Client(), Client()
coordinator.force_login(get_user_model().objects.get(email="samordnare@example.se"))
counts = {}
for path, who, _reference in pages:
    client = coordinator if who == "coordinator" else anonymous
    client.get(path, secure=True)  # warm: the first request fills caches the others reuse
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, secure=True)
    counts[path] = [response.status_code, len(queries)]
print(json.dumps(counts))
"""


def _environment(database_url: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789-abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": BASE,
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        "LOGIN_FAILURE_LIMIT": "1000",
        **extra,
    }


def manage(database_url: str, *arguments, stdin: str | None = None, **extra) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=_environment(database_url, **extra),
        input=stdin,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {arguments[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(database: str, database_url: str, factor: int, fresh: bool) -> None:
    # The static files and the compiled translations belong to this checkout, not to the
    # database: a new clone reusing a database built from another needs them too.
    manage(database_url, "collectstatic", "--no-input", "-v0")
    manage(database_url, "compiletranslations")
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if exists and not fresh:
            print(f"Reusing the database {database} (--fresh builds it again).")
            manage(database_url, "migrate", "--no-input", "-v0")
            return
        connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
        connection.execute(f'CREATE DATABASE "{database}"')
    manage(database_url, "migrate", "--no-input", "-v0")
    manage(database_url, "seed_demo", DEBUG="true")
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    output = manage(database_url, "seed_scale", "--factor", str(factor), DEBUG="true")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(output.strip().splitlines()[-1])
    print(
        f"seed_scale --factor {factor}: {time.monotonic() - started:.0f} s, "
        f"peak memory {max(peak, before) / 1024:.0f} MiB"
    )
    _analyze(database)


def _analyze(database: str) -> None:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


class LoopbackCookiePolicy(DefaultCookiePolicy):
    """Production cookies are HTTPS-only; on loopback, send them back anyway (as the TLS proxy
    in front of the app would)."""

    def return_ok_secure(self, cookie, request):
        return True


def session_cookie() -> str:
    """Log in as the coordinator through the login form; the cookies, as a header."""
    jar = CookieJar(policy=LoopbackCookiePolicy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(BASE + "/konto/logga-in/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": COORDINATOR, "password": DEMO_PASSWORD}
    ).encode()
    request = urllib.request.Request(BASE + "/konto/logga-in/", data=body, headers={"Referer": BASE + "/"})
    opener.open(request, timeout=30).read()
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
    if "sessionid" not in cookies:
        sys.exit("Could not log in as the coordinator.")
    return cookies


def wrk(path: str, *, connections: int, seconds: int, cookie: str | None, script: str) -> dict:
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    result = subprocess.run([*command, BASE + path], capture_output=True, text=True, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["rate"] = report["requests"] / report["seconds"]
    drain()
    return report


def drain() -> None:
    """Wait until the workers have answered what wrk left queued when it stopped: a slow page's
    backlog would otherwise be counted against the next run (a reference that completed nothing
    in its seconds, and a ratio in the thousands). One request after the queue, per worker."""
    for _worker in range(2):
        urllib.request.urlopen(BASE + "/bench/bare/", timeout=120).read()


def wait_for_server() -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(BASE + "/bench/bare/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factor", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=3, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    parser.add_argument("--only", help="measure only the pages whose path contains this")
    arguments = parser.parse_args()

    database = f"ludgrupper_bench_x{arguments.factor}"
    database_url = f"postgres://postgres@127.0.0.1:5432/{database}"
    prepare(database, database_url, arguments.factor, arguments.fresh)
    pages = json.loads(manage(database_url, "shell", "-c", FIND_PAGES).strip().splitlines()[-1])
    if arguments.only:
        pages = [page for page in pages if arguments.only in page[0]]
    counts = json.loads(
        manage(
            database_url, "shell", "-c", COUNT_QUERIES, stdin=json.dumps(pages), ALLOWED_HOSTS="testserver"
        )
        .strip()
        .splitlines()[-1]
    )

    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "ludgrupper.wsgi",
        ],
        cwd=ROOT,
        env=_environment(database_url),
    )
    try:
        wait_for_server()
        cookie = session_cookie()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script_file:
            script_file.write(WRK_REPORT)
        script = script_file.name
        references = {"plain": "/bench/plain/", "bare": "/bench/bare/"}
        for reference in references.values():  # warm both workers
            wrk(reference, connections=2, seconds=1, cookie=None, script=script)
        print(
            "\nThe references themselves, anonymous and with the coordinator's session cookie "
            "(the session and the user read, as on every logged-in page):\n"
        )
        print("| reference | visitor | req/s, 16 clients | p50 / p95, 1 client |")
        print("|---|---|---|---|")
        for name, reference in references.items():
            for visitor, reference_cookie in (("anonymous", None), ("logged in", cookie)):
                many, one = (
                    wrk(
                        reference,
                        connections=clients,
                        seconds=arguments.seconds,
                        cookie=reference_cookie,
                        script=script,
                    )
                    for clients in (16, 1)
                )
                print(
                    f"| {name} | {visitor} | {many['rate']:.0f} | {one['p50']:.1f} / {one['p95']:.1f} |",
                    flush=True,
                )
        print(
            f"\nfactor {arguments.factor}: requests/s ÷ reference (median of {arguments.rounds} alternated pairs), "
            "p50/p95 in ms with 1 and 16 clients\n"
        )
        header = "| page | ÷ reference | page req/s | p50 ÷ ref p50, 1 client | p50 / p95, 1 client | p50 / p95, 16 | size | queries |"
        print(header)
        print("|" + "---|" * 8)
        for path, who, reference_name in pages:
            reference = references[reference_name]
            # The reference is asked by the same visitor as the page: a logged-in page is compared
            # with the reference read with the same session cookie.
            page_cookie = cookie if who == "coordinator" else None
            ratios, rates = [], []
            for _round in range(arguments.rounds):
                base = wrk(
                    reference, connections=16, seconds=arguments.seconds, cookie=page_cookie, script=script
                )
                measured = wrk(
                    path, connections=16, seconds=arguments.seconds, cookie=page_cookie, script=script
                )
                if measured["errors"]:
                    print(f"  {path}: {measured['errors']} errors (non-2xx/3xx or socket)")
                ratios.append(measured["rate"] / max(base["rate"], 0.001))
                rates.append(measured["rate"])
            single_base = wrk(
                reference, connections=1, seconds=arguments.seconds, cookie=page_cookie, script=script
            )
            single = wrk(path, connections=1, seconds=arguments.seconds, cookie=page_cookie, script=script)
            size = single["bytes"] / max(single["requests"], 1) / 1024
            status, queries = counts[path]
            label = f"`{path}`" + (" (logged in)" if who == "coordinator" else "")
            if reference_name == "bare":
                label += " ÷ bare"
            print(
                f"| {label} | {statistics.median(ratios):.2f} | {statistics.median(rates):.0f} "
                f"| {single['p50'] / max(single_base['p50'], 0.001):.2f} | {single['p50']:.1f} / {single['p95']:.1f} "
                f"| {measured['p50']:.1f} / {measured['p95']:.1f} | {size:.0f} KB | {queries}"
                + ("" if status == 200 else f" (status {status})")
                + " |",
                flush=True,
            )
        os.unlink(script)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
