from django.core.management.base import BaseCommand, CommandError

from meetings.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Sends the reminders that are due (proposal deadline in 3 days, meeting in 2 days). Run it every hour."

    def handle(self, *args, **options):
        run = send_due_reminders()
        self.stdout.write(f"Reminders sent: {run.sent}, failed (retried next run): {run.failed}")
        if run.failed:
            raise CommandError(f"{run.failed} reminders could not be sent; they are retried on the next run.")
