from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Local development groups")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from groups import personal_data
        from groups.services import invitations_accept_on_login

        personal_data.register()

        # Through the signal so that every way of logging in (the site, the admin) counts.
        user_logged_in.connect(invitations_accept_on_login, dispatch_uid="groups_accept_invitations_on_login")
