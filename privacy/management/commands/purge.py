from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core import personal_data as registry
from privacy import services


class Command(BaseCommand):
    help = (
        "Remove the personal data whose retention period (settings.RETENTION_DAYS) has passed. "
        "Safe to run daily, and twice at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be removed; remove nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = services.purge(dry_run=dry_run)
        retentions = {retention.key: retention for retention in registry.retentions()}
        for key, count in counts.items():
            retention = retentions[key]
            line = _("%(description)s (%(key)s, %(days)s days): %(count)s") % {
                "description": retention.description,
                "key": key,
                "days": retention.days,
                "count": count,
            }
            self.stdout.write(line)
        self.stdout.write(
            _("Nothing was removed (dry run).") if dry_run else _("Done; the run is in the audit log.")
        )
