"""What the issues app tells the apps built on it (they connect in their AppConfig.ready): the
issues app knows nothing of them."""

from django.dispatch import Signal

# Sent inside the transaction that publishes an update, with update=: an app that tells people
# (alerts) queues its mail now, in the same transaction.
update_published = Signal()
