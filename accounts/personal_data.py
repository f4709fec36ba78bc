"""What the accounts app holds of a person: the profile (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from core import personal_data as registry


def _profile(user) -> list[dict]:
    return [
        {
            "full_name": user.full_name,
            "email": user.email,
            "phone": user.phone,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "privacy_notice_read_at": user.privacy_notice_accepted_at,
            "notify_new_proposals": user.notify_new_proposals,
            "roles": list(user.groups.values_list("name", flat=True)),
        }
    ]


def _erase(user) -> int:
    """The roles go; the name, address and password are anonymised last, by the closing
    service (privacy.services.account_close), after every app has used the address."""
    user.groups.clear()
    user.phone = ""
    user.notify_new_proposals = False
    user.save(update_fields=["phone", "notify_new_proposals"])
    return 1


def register() -> None:
    registry.register_export("accounts.profile", _("Profile"), _profile, covers=["accounts.User"])
    registry.register_erasure("accounts.profile", _erase)
