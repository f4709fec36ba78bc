"""The archive of released minutes, made tamper-evident at two levels.

1. The database refuses to change the record (triggers, on PostgreSQL and on SQLite alike):
   versions and releases are never updated or deleted; the draft items of released minutes
   do not change; the verdicts a release relied on stay as they were; a released meeting
   keeps its title and time; released minutes go back to a draft only as a correction with
   a reason. No path above the database (the ORM's update(), bulk_create with
   update_conflicts, loaddata, raw SQL through Django) gets past them.
2. Every release carries a hash chain: its chain hash covers its PDF's SHA-256, what it is
   (minutes, version, time) and the chain hash of the release before it. Someone with the
   power to drop the triggers could still rewrite a PDF and its hash in one row, but not
   without breaking the chain of every later release: `manage.py verify_archive` recomputes
   every PDF's SHA-256 and the whole chain.
"""

import hashlib
from dataclasses import dataclass

from django.db import connection

# Every trigger carries this prefix, so that install/uninstall find exactly ours.
TRIGGER_PREFIX = "ludgrupper_archive_"
REFUSAL = "released minutes are public records and are never changed"

# (name, table, the event, the condition under which the change is refused). OLD and NEW are
# the row before and after. The conditions are plain SQL that both databases understand.
_RELEASE_OF = (
    "SELECT 1 FROM minutes_minutesrelease r JOIN minutes_minutesversion v ON r.version_id = v.id "
    "WHERE v.minutes_id = OLD.minutes_id AND v.number = OLD.version_number"
)
TRIGGERS = [
    ("version_update", "minutes_minutesversion", "UPDATE", "1 = 1"),
    ("version_delete", "minutes_minutesversion", "DELETE", "1 = 1"),
    ("release_update", "minutes_minutesrelease", "UPDATE", "1 = 1"),
    ("release_delete", "minutes_minutesrelease", "DELETE", "1 = 1"),
    # PostgreSQL only (SQLite has no TRUNCATE): emptying the tables at once is refused too.
    ("version_truncate", "minutes_minutesversion", "TRUNCATE", "1 = 1"),
    ("release_truncate", "minutes_minutesrelease", "TRUNCATE", "1 = 1"),
    (
        "minutes_reopen",
        "minutes_minutes",
        "UPDATE",
        "OLD.status = 'released' AND NEW.status <> 'released' AND NEW.correction_reason = ''",
    ),
    ("minutes_delete", "minutes_minutes", "DELETE", "OLD.status = 'released'"),
    (
        "item_insert",
        "minutes_minutesitem",
        "INSERT",
        "(SELECT status FROM minutes_minutes WHERE id = NEW.minutes_id) = 'released'",
    ),
    (
        "item_update",
        "minutes_minutesitem",
        "UPDATE",
        "(SELECT status FROM minutes_minutes WHERE id = OLD.minutes_id) = 'released' "
        "OR (SELECT status FROM minutes_minutes WHERE id = NEW.minutes_id) = 'released'",
    ),
    (
        "item_delete",
        "minutes_minutesitem",
        "DELETE",
        "(SELECT status FROM minutes_minutes WHERE id = OLD.minutes_id) = 'released'",
    ),
    ("review_update", "minutes_minutesreview", "UPDATE", f"EXISTS ({_RELEASE_OF})"),
    ("review_delete", "minutes_minutesreview", "DELETE", f"EXISTS ({_RELEASE_OF})"),
    ("sign_off_update", "minutes_signoff", "UPDATE", f"EXISTS ({_RELEASE_OF})"),
    ("sign_off_delete", "minutes_signoff", "DELETE", f"EXISTS ({_RELEASE_OF})"),
    (
        "meeting_update",
        "meetings_meeting",
        "UPDATE",
        "(NEW.title <> OLD.title OR NEW.starts_at <> OLD.starts_at OR NEW.ends_at <> OLD.ends_at) "
        "AND EXISTS (SELECT 1 FROM minutes_minutesrelease r JOIN minutes_minutes m ON r.minutes_id = m.id "
        "WHERE m.meeting_id = OLD.id)",
    ),
]


def _postgresql_install(cursor) -> None:
    # One function per trigger: PostgreSQL allows no subqueries in a trigger's WHEN clause.
    for name, table, event, condition in TRIGGERS:
        returned = {"DELETE": "OLD", "TRUNCATE": "NULL"}.get(event, "NEW")
        level = "STATEMENT" if event == "TRUNCATE" else "ROW"
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {TRIGGER_PREFIX}{name}() RETURNS trigger AS $$ BEGIN "
            f"IF {condition} THEN RAISE EXCEPTION '% on % refused: {REFUSAL}', TG_OP, TG_TABLE_NAME "
            f"USING ERRCODE = 'restrict_violation'; END IF; RETURN {returned}; END; $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER_PREFIX}{name} BEFORE {event} ON {table} "
            f"FOR EACH {level} EXECUTE FUNCTION {TRIGGER_PREFIX}{name}()"
        )


def _sqlite_install(cursor) -> None:
    for name, table, event, condition in TRIGGERS:
        if event == "TRUNCATE":
            continue
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER_PREFIX}{name} BEFORE {event} ON {table} "
            f"FOR EACH ROW WHEN {condition} "
            f"BEGIN SELECT RAISE(ABORT, '{event} on {table} refused: {REFUSAL}'); END"
        )


def install_triggers(using_connection=None) -> None:
    """Create the triggers (the migration does; so do the tests after a flush)."""
    conn = using_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            uninstall_triggers(conn)
            _postgresql_install(cursor)
        elif conn.vendor == "sqlite":
            uninstall_triggers(conn)
            _sqlite_install(cursor)
        else:
            raise NotImplementedError(f"No archive triggers for {conn.vendor}")


def uninstall_triggers(using_connection=None) -> None:
    conn = using_connection or connection
    with conn.cursor() as cursor:
        for name, table, event, _condition in TRIGGERS:
            if conn.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER_PREFIX}{name}()")
            elif event != "TRUNCATE":
                cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}{name}")


def expected_triggers(using_connection=None) -> set[str]:
    conn = using_connection or connection
    return {
        name
        for name, _table, event, _condition in TRIGGERS
        if conn.vendor == "postgresql" or event != "TRUNCATE"
    }


def installed_triggers(using_connection=None) -> set[str]:
    conn = using_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT tgname FROM pg_trigger WHERE tgname LIKE %s", [f"{TRIGGER_PREFIX}%"]
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{TRIGGER_PREFIX}%"],
            )
        return {row[0].removeprefix(TRIGGER_PREFIX) for row in cursor.fetchall()}


# The hash chain -----------------------------------------------------------------------------


def chain_hash(*, previous: str, sha256: str, minutes_id: int, version_number: int, released_at) -> str:
    """The link of one release: its PDF's hash, what it is, and the link before it."""
    text = "\n".join(
        [
            previous,
            sha256,
            str(minutes_id),
            str(version_number),
            released_at.isoformat(timespec="microseconds"),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Finding:
    release_id: int
    meeting_id: int
    version_number: int
    problem: str


def verify(releases) -> tuple[int, list[Finding]]:
    """Recompute every release's PDF hash and the chain, in the order they were released.

    `releases` yields MinutesRelease rows ordered by id, with `pdf` and `version` loaded.
    Returns the number checked and what does not hold.
    """
    findings: list[Finding] = []
    previous = ""
    checked = 0
    for release in releases:
        checked += 1

        def found(problem, release=release):
            findings.append(Finding(release.pk, release.minutes.meeting_id, release.version.number, problem))

        if hashlib.sha256(bytes(release.pdf)).hexdigest() != release.sha256:
            found("the PDF does not match its SHA-256")
        if release.previous_chain_hash != previous:
            found("the link to the previous release is broken (a release was removed or inserted)")
        expected = chain_hash(
            previous=release.previous_chain_hash,
            sha256=release.sha256,
            minutes_id=release.minutes_id,
            version_number=release.version.number,
            released_at=release.released_at,
        )
        if release.chain_hash != expected:
            found("the chain hash does not match the release (its hash, version or time was changed)")
        previous = release.chain_hash
    return checked, findings


def lock_chain() -> None:
    """Releases join the chain one at a time: two releases at the same moment must not both
    link to the same predecessor. (SQLite writes one transaction at a time anyway; the unique
    constraint on previous_chain_hash is the last line of defence.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('ludgrupper_archive_chain'))")
