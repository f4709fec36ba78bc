"""What the meetings app tells the apps built on it (they connect in their AppConfig.ready).
The meetings app knows nothing of them: this is how it asks for their part without importing
them."""

from django.dispatch import Signal

# Sent inside meeting_publish's transaction, with meeting=: an app that keeps a record with the
# published agenda writes it now (issues records the group's open issues for the follow-up item).
agenda_published = Signal()
