from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuesConfig(AppConfig):
    """The issue register (sakfrågor): questions raised at meetings, followed across
    meetings until answered. Its own app because issues outlive the meeting they were
    raised at, and officials work on them by department, not by meeting."""

    name = "issues"
    verbose_name = _("Issues")

    def ready(self):
        from issues import personal_data

        personal_data.register()
        from issues import receivers
        from meetings import signals

        signals.agenda_published.connect(receivers.record_follow_up_issues, dispatch_uid="issues-follow-up")
