from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from groups.models import Membership
from officials.backends import UserWithOfficialBackend


class UserWithRolesBackend(UserWithOfficialBackend):
    """The logged-in person with their Official and ElectedRepresentative rows (or their
    absence) and whether they represent an organisation in a group now (`represents_now`),
    in one query: all three are asked on every page (the navigation, the permissions)."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("official", "elected_representative")
            .annotate(represents_now=Exists(Membership.objects.current().filter(person=OuterRef("pk"))))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
