from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People and how they sign in: the custom user model (email as login) and the roles
    a person is given. Its own app because every other app depends on it
    and it depends on none of them."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import personal_data

        personal_data.register()
        from accounts.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="accounts_ensure_role_groups")
