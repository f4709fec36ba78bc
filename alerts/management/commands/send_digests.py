from django.core.management.base import BaseCommand

from alerts.services import send_digests


class Command(BaseCommand):
    help = (
        "Mails each member the day's digest of published updates on their groups' issues. Run "
        "once a day (cron); running it again the same day sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) queued.")
