from django.core.management.base import BaseCommand

from meetings.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queues the reminders that are due (proposal deadline in 3 days, meeting in 2 days); the "
        "outbox sends them. Run it every hour."
    )

    def handle(self, *args, **options):
        run = send_due_reminders()
        self.stdout.write(f"Reminders queued: {run.queued}")
