"""Restore drill: back up the database with pg_dump, restore the dump into a new, empty
database, and check there that the archive verifies and the schema is complete.

The archival PDFs live in the database, so `pg_dump` of the database is the whole backup.
A backup that has never been restored is a hope, not a backup: run this after changing the
backup routine, and now and then (say monthly) against a copy of production.

    DATABASE_URL=postgres://ludgrupper@db:5432/ludgrupper .venv/bin/python ops/restore_drill.py

Options: --keep leaves the restored database in place (its name is printed); --dump FILE
restores an existing dump (the nightly one) instead of taking a new one.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _run(command, **kwargs):
    print("$", " ".join(str(part) for part in command), flush=True)
    subprocess.run(command, check=True, **kwargs)


def _manage(database_url: str, *arguments: str) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url}
    _run([sys.executable, str(ROOT / "manage.py"), *arguments], env=environment)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dump", type=Path, help="restore this pg_dump file (custom format) instead")
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    arguments = parser.parse_args()

    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL must point at the PostgreSQL database to back up.")
    drill = f"ludgrupper_restore_drill_{int(time.time())}"
    target = _with_database(source, drill)
    maintenance = _with_database(source, "postgres")

    with tempfile.TemporaryDirectory() as folder:
        dump = arguments.dump or Path(folder) / "ludgrupper.dump"
        started = time.monotonic()
        if arguments.dump is None:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", source])
        print(f"backup: {dump.stat().st_size / 1_000_000:.1f} MB in {time.monotonic() - started:.1f} s")

        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(drill)))
        try:
            started = time.monotonic()
            _run(
                ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={target}", dump]
            )
            print(f"restore: {time.monotonic() - started:.1f} s into {drill}")
            # Nothing left to migrate: the dump held the whole schema, triggers included.
            _manage(target, "migrate", "--check", "--no-input")
            _manage(target, "verify_archive")
        finally:
            if arguments.keep:
                print(f"kept: {target}")
            else:
                with psycopg.connect(maintenance, autocommit=True) as connection:
                    connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(drill)))
    print("The restore drill passed: the backup restores and its archive verifies.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
