from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserWithOfficialBackend(ModelBackend):
    """Django's own backend for passwords and the admin's model permissions, loading the
    logged-in person with their Official row (or its absence) in the same query: whether
    someone is an official is asked on every page (officials.rules.is_official)."""

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("official").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
