from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Residents' voice beyond the groups' representatives: a suggestion box per area and
    surveys (with a school mode), answered without an account. Its own app because residents
    are not members: nothing here needs a membership, and the outcomes reach the meetings and
    the issue register only through their own services."""

    name = "participation"
    verbose_name = _("Residents' voice")

    def ready(self):
        from participation import personal_data

        personal_data.register()
