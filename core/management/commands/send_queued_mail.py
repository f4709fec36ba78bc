"""Send every queued mail that is due: mail whose task was lost (a worker stopped in the
middle), and retries where the task backend cannot run a task later. Run every few minutes."""

from django.core.management.base import BaseCommand

from core.mail import send_queued


class Command(BaseCommand):
    help = "Send the outbox's due mail now."

    def handle(self, *args, **options):
        sent, failed = send_queued()
        self.stdout.write(f"Mail sent: {sent}, failed this time: {failed}.")
