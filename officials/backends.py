import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserWithOfficialBackend(ModelBackend):
    """Django's own backend for passwords and the admin's model permissions, loading the
    logged-in person with their Official row (or its absence) in the same query: whether
    someone is an official is asked on every page (officials.rules.is_official)."""

    def has_perm(self, user_obj, perm, obj=None):
        # A permission of the app's rules (each app's rules.py) is the rules backend's to answer;
        # this backend answers Django's model permissions (the admin's), without reading every
        # permission of the person from the database for a question that is not its own.
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("official").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
