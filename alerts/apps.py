from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Telling people what happened: members about their group's issues (at once, in a daily
    digest, or never), and residents without an account who subscribe to an area's published
    agendas, released minutes and issue updates. Its own app above meetings, issues and
    minutes: they send signals and never import it."""

    name = "alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from alerts import personal_data, receivers
        from issues import signals as issue_signals
        from meetings import signals as meeting_signals
        from minutes import signals as minutes_signals

        issue_signals.update_published.connect(receivers.update_published, dispatch_uid="alerts-update")
        meeting_signals.agenda_published.connect(receivers.agenda_published, dispatch_uid="alerts-agenda")
        minutes_signals.minutes_released.connect(receivers.minutes_released, dispatch_uid="alerts-minutes")
        personal_data.register()
