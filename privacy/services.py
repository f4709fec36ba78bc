"""A person's own data (the zip of "my data"), leaving a group, closing an account, and the
purge of what is kept only for a period."""

import json
import tempfile
import zipfile
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as RoleGroup
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role
from core import personal_data as registry
from groups import services as group_services
from groups.models import MainContactPeriod, Membership
from privacy import audit
from privacy.errors import PrivacyError
from privacy.models import AuditAction

User = get_user_model()

# Below this size the zip is built in memory, above it in a temporary file.
_SPOOL_BYTES = 8 * 1024 * 1024


# My data ---------------------------------------------------------------------------------


def collect(user) -> list[dict]:
    """Every part of the person's data the apps registered, in the registry's order."""
    return [
        {"key": export.key, "title": str(export.title), "rows": export.collect(user)}
        for export in registry.exports()
    ]


def _cell(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "hour") else value.isoformat()
    return value


def _table_rows(columns, rows) -> str:
    """The rows of one part as escaped HTML table rows: built here rather than in a template
    loop, so that 10,000 answers take a fraction of a second."""
    return mark_safe(  # noqa: S308 (every cell is escaped)
        "\n".join(
            "<tr>" + "".join(f"<td>{escape(_cell(row.get(column)))}</td>" for column in columns) + "</tr>"
            for row in rows
        )
    )


def _tables(parts) -> list[dict]:
    tables = []
    for part in parts:
        # The columns of every row, in order: one part may hold rows of several kinds.
        columns = list(dict.fromkeys(column for row in part["rows"] for column in row))
        tables.append(
            {"title": part["title"], "columns": columns, "rows": _table_rows(columns, part["rows"])}
        )
    return tables


def my_data_zip(user):
    """The person's data as a zip (a file object at its start): data.json for machines and
    data.html for people. The HTML escapes everything (a name with a script in it stays text),
    and neither file is served by the site: they are downloaded as data."""
    parts = collect(user)
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(
                {"exported_at": timezone.now(), "parts": parts},
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
                indent=1,
            ),
        )
        archive.writestr(
            "data.html",
            render_to_string(
                "privacy/data.html", {"person": user, "tables": _tables(parts), "exported_at": timezone.now()}
            ),
        )
    audit.record(AuditAction.DATA_EXPORTED, actor=user, subject=user)
    spool.seek(0)
    return spool


# Leaving a group --------------------------------------------------------------------------


def _main_contact_refusal(periods) -> str:
    period = periods.select_related("group").first()
    if period is None:
        return ""
    return _(
        "You are the main contact person of %(group)s. Ask the coordinator to hand the role over to "
        "another member first."
    ) % {"group": period.group}


@transaction.atomic
def membership_leave(*, membership: Membership, person) -> Membership:
    """A representative leaves a group themselves: the membership ends today and stays as
    history. The main contact hands the role over first."""
    if membership.person_id != person.pk:
        raise PrivacyError(_("You can only leave a group you are a member of."), code="not_own")
    refusal = _main_contact_refusal(MainContactPeriod.objects.current().filter(membership=membership))
    if refusal:
        raise PrivacyError(refusal, code="main_contact")
    ended = group_services.membership_end(membership=membership, by=person)
    audit.record(AuditAction.MEMBERSHIP_LEFT, actor=person, subject=person, detail=str(membership.group))
    return ended


# Closing an account ---------------------------------------------------------------------


def account_close_refusal(person) -> str:
    """Why the account cannot be closed now, or "" when it can."""
    if not person.is_active and person.full_name == registry.ANONYMOUS_NAME:
        return _("This account is already closed.")
    periods = MainContactPeriod.objects.current().filter(membership__person=person)
    period = periods.select_related("group").first()
    if period is not None:
        return _(
            "%(person)s is the main contact person of %(group)s. The role must be handed over to another "
            "member before the account is closed."
        ) % {"person": person, "group": period.group}
    if has_role(person, Role.COORDINATOR):
        others = User.objects.filter(groups__name=Role.COORDINATOR, is_active=True).exclude(pk=person.pk)
        if not others.exists():
            return _("%(person)s is the last coordinator. Make someone else coordinator first.") % {
                "person": person
            }
    return ""


@transaction.atomic
def account_close(*, person, by, reason: str = "") -> dict[str, int]:
    """Remove or anonymise the person's data in every app (core.personal_data erasures), then
    the account itself: the name becomes "Borttagen användare", the address a unique dummy, the
    password unusable, the account inactive. Released minutes and their PDFs keep the name: they
    are public records the archive law keeps (see the README). Returns the rows changed per part."""
    # The coordinator role first: two coordinators closing each other's accounts queue up here,
    # so that one of them stays.
    RoleGroup.objects.select_for_update().filter(name=Role.COORDINATOR).first()
    person = User.objects.select_for_update().get(pk=person.pk)
    refusal = account_close_refusal(person)
    if refusal:
        raise PrivacyError(refusal, code="refused")
    counts = {erasure.key: erasure.erase(person) for erasure in registry.erasures()}
    person.full_name = registry.ANONYMOUS_NAME
    person.email = f"borttagen-{person.pk}@invalid.invalid"
    person.phone = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()
    detail = (
        _("Closed by the person themselves.")
        if by.pk == person.pk
        else _("Reason: %(reason)s") % {"reason": reason}
    )
    audit.record(AuditAction.ACCOUNT_CLOSED, actor=by, subject=person, detail=detail)
    return counts


# Purge ----------------------------------------------------------------------------------


def purge(*, dry_run: bool = False, now=None) -> dict[str, int]:
    """For each registered retention, remove (or with dry_run count) the rows older than its
    period. Safe to run daily and twice at once: each kind is removed in its own transaction, by
    the ids it could lock (a run skips the rows another run holds), so that no row is counted twice
    and no run fails on a row the other removed. Every run that removes is logged with its counts."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for retention in registry.retentions():
        cutoff = now - timedelta(days=retention.days)
        expired = retention.expired(cutoff)
        if dry_run:
            counts[retention.key] = expired.count()
            continue
        with transaction.atomic():
            ids = list(expired.values_list("pk", flat=True))
            model = expired.model
            locked = list(
                model.objects.filter(pk__in=ids)
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)
            )
            counts[retention.key] = retention.remove(model.objects.filter(pk__in=locked)) if locked else 0
    if not dry_run:
        detail = ", ".join(f"{key}: {count}" for key, count in counts.items())
        audit.record(AuditAction.PURGED, detail=detail)
    return counts
