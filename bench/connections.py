"""Requests per second with and without persistent PostgreSQL connections.

Run from the project root, with PostgreSQL on 127.0.0.1:5432 (trust auth):
    .venv/bin/python bench/connections.py [requests]

It creates the database ludgrupper_bench (if missing), migrates it and loads the demo data,
then serves the start page with gunicorn (2 workers, production settings) twice: once with
DATABASE_CONN_MAX_AGE=0 (a new connection per request, Django's default) and once with 600
(this project's default). Traffic stays on 127.0.0.1 and the loop is bounded by the count.
"""

import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "ludgrupper_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
PORT = 8765
URL = f"http://127.0.0.1:{PORT}/"


def _environment(**extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789-abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        **extra,
    }


def prepare() -> None:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    # seed_demo only runs with DEBUG on.
    setup = _environment(DEBUG="true")
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=setup, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "seed_demo"], cwd=ROOT, env=setup, check=True, stdout=subprocess.DEVNULL
    )
    # Production settings serve hashed static files: collect them (into staticfiles/, ignored by git).
    production = _environment(DEBUG="false")
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=production, check=True
    )


def _get(_):
    with urllib.request.urlopen(URL, timeout=10) as response:  # noqa: S310 (loopback only)
        response.read()
        return response.status


def measure(conn_max_age: int, requests: int) -> float:
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "ludgrupper.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
        ],
        cwd=ROOT,
        env=_environment(DEBUG="false", DATABASE_CONN_MAX_AGE=str(conn_max_age)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                _get(None)
                break
            except OSError:
                time.sleep(0.2)
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(_get, range(50)))  # warm up
            started = time.perf_counter()
            statuses = list(pool.map(_get, range(requests)))
            elapsed = time.perf_counter() - started
        assert statuses.count(200) == requests, "some requests failed"
        return requests / elapsed
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    prepare()
    fresh = measure(0, requests)
    persistent = measure(600, requests)
    print(f"requests: {requests} to / with 2 gunicorn workers, 4 client threads")
    print(f"CONN_MAX_AGE=0   (new connection per request): {fresh:7.1f} requests/s")
    print(f"CONN_MAX_AGE=600 (persistent, health-checked): {persistent:7.1f} requests/s")
    print(f"persistent / new: {persistent / fresh:.2f}")


if __name__ == "__main__":
    main()
