"""What the minutes app tells the apps built on it (they connect in their AppConfig.ready)."""

from django.dispatch import Signal

# Sent inside minutes_release's transaction, with release=: an app that tells people about
# released minutes (alerts) queues its mail now.
minutes_released = Signal()
