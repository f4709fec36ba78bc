from django.core.management.base import BaseCommand

from issues.reminders import send_due_date_reminders
from meetings.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queues the reminders that are due (proposal deadline in 3 days, meeting in 2 days, an "
        "issue's due date within 7 days); the outbox sends them. Run it every hour."
    )

    def handle(self, *args, **options):
        run = send_due_reminders()
        issues = send_due_date_reminders()
        self.stdout.write(f"Reminders queued: {run.queued}")
        self.stdout.write(f"Due date reminders queued: {issues}")
