"""Recompute every released PDF's SHA-256 and the hash chain; exit non-zero on any mismatch.

Run nightly (cron or a systemd timer) and after restoring a backup. See minutes/archive.py."""

from django.core.management.base import BaseCommand, CommandError

from minutes import archive
from minutes.models import MinutesRelease


class Command(BaseCommand):
    help = "Check that no released minutes were changed: every PDF against its SHA-256, and the hash chain."

    def handle(self, *args, **options):
        # One release at a time: the PDFs of a municipality's whole history need not fit in memory.
        releases = (
            MinutesRelease.objects.select_related("version", "minutes")
            .order_by("id")
            .iterator(chunk_size=100)
        )
        checked, findings = archive.verify(releases)
        missing = archive.expected_triggers() - archive.installed_triggers()
        if missing:
            self.stderr.write(f"the database's archive triggers are missing: {', '.join(sorted(missing))}")
        for finding in findings:
            self.stderr.write(
                f"release {finding.release_id} (meeting {finding.meeting_id}, "
                f"version {finding.version_number}): {finding.problem}"
            )
        if findings or missing:
            raise CommandError(
                f"The archive does not verify: {len(findings) + bool(missing)} problem(s) in {checked} releases."
            )
        self.stdout.write(f"The archive verifies: {checked} releases, every PDF and the chain intact.")
