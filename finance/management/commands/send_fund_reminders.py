from django.core.management.base import BaseCommand

from finance.services import fund_report_reminders


class Command(BaseCommand):
    help = "Remind associations whose village fund report is due within two weeks (once each). Run daily."

    def handle(self, *args, **options):
        self.stdout.write(f"{fund_report_reminders()} reminders queued.")
