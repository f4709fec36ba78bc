"""The elected representative's row (party, committees, areas followed): exported, and removed
when the account is closed. (Memberships and invitations are registered by issue 13.)"""

from django.utils.translation import gettext_lazy as _

from core import personal_data
from groups.models import ElectedRepresentative


def collect(user) -> list[dict]:
    representative = ElectedRepresentative.objects.filter(user=user).first()
    if representative is None:
        return []
    return [
        {
            "party": representative.party,
            "committees": [committee.name for committee in representative.committees.all()],
            "areas": [area.name for area in representative.areas.all()],
            "active": representative.active,
        }
    ]


def erase(user) -> int:
    return ElectedRepresentative.objects.filter(user=user).delete()[0]


def register():
    personal_data.register_export("groups.elected_representative", _("Elected representative"), collect)
    personal_data.register_erasure("groups.elected_representative", erase)
