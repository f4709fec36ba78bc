from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

from minutes import archive


def _archive_tables_exist(connection) -> bool:
    tables = set(connection.introspection.table_names())
    return {table for _name, table, _event, _condition in archive.TRIGGERS} <= tables


def lift_archive_triggers(sender, using, **kwargs):
    """Before migrate: SQLite alters a table by building a new one and renaming it, which a
    trigger that names the table would break halfway. The triggers come back at the end."""
    connection = connections[using]
    if _archive_tables_exist(connection):
        archive.uninstall_triggers(connection)


def install_archive_triggers(sender, using, **kwargs):
    """After every migrate (and a flush): the triggers of minutes.archive, idempotently."""
    connection = connections[using]
    if _archive_tables_exist(connection):
        archive.install_triggers(connection)


class MinutesConfig(AppConfig):
    """Minutes (minnesanteckningar): drafting, anchoring with officials, sign-off by the
    group, release as an archival PDF and corrections. Its own app because released
    minutes are public records with rules of their own: they never change."""

    name = "minutes"
    verbose_name = _("Minutes")

    def ready(self):
        from minutes import personal_data

        personal_data.register()
        pre_migrate.connect(lift_archive_triggers, sender=self)
        post_migrate.connect(install_archive_triggers, sender=self)
