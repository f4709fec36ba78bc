"""What the officials app holds of a person: that they are an official, and where."""

from django.utils.translation import gettext_lazy as _

from core import personal_data as registry
from officials.models import Official


def _official(user) -> list[dict]:
    return [
        {
            "title": official.title,
            "departments": [str(department) for department in official.departments.all()],
        }
        for official in Official.objects.filter(user=user).prefetch_related("departments")
    ]


def _erase(user) -> int:
    deleted, _per_model = Official.objects.filter(user=user).delete()
    return deleted


def register() -> None:
    registry.register_export("officials.official", _("Official"), _official, covers=["officials.Official"])
    registry.register_erasure("officials.official", _erase)
