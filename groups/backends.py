from django.contrib.auth import get_user_model

from officials.backends import UserWithOfficialBackend


class UserWithRolesBackend(UserWithOfficialBackend):
    """The logged-in person with their Official and ElectedRepresentative rows (or their
    absence) in one query: both are asked on every page (the navigation, the permissions)."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("official", "elected_representative")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
