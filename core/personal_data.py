"""Personal data held by the apps, declared in one registry: what a person downloads as "my
data", what is erased or anonymised when their account is closed, and what is purged once its
retention period (settings.RETENTION_DAYS) has passed.

Each app registers its own parts from its AppConfig.ready(), next to the models that hold the
data, so that a new model with personal data is declared where it is written and the privacy
pages and the purge command never need to know the apps."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet

# What a closed account is called wherever its name was shown (privacy.services.account_close);
# kept in Swedish in the database whatever the language of the request.
ANONYMOUS_NAME = "Borttagen användare"


@dataclass(frozen=True)
class Export:
    """One part of a person's data: `collect(user)` returns rows of JSON-serialisable values.
    `covers` names the models ("app_label.ModelName") whose link to the person this part
    exports: a test fails when a model links to the user and no export covers it."""

    key: str
    title: str
    collect: Callable[..., list[dict]]
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Erasure:
    """What closing an account does in one app: `erase(user)` removes or anonymises the person's
    data there (in the caller's transaction) and returns how many rows it changed."""

    key: str
    erase: Callable[..., int]


@dataclass(frozen=True)
class Retention:
    """Data kept only for a period: `expired(cutoff)` returns the rows older than the cutoff,
    `purge(rows)` removes them (by default deletes them) and returns how many."""

    key: str
    description: str
    expired: Callable[[datetime], QuerySet]
    purge: Callable[[QuerySet], int] | None = None

    @property
    def days(self) -> int:
        return settings.RETENTION_DAYS[self.key]

    def remove(self, rows: QuerySet) -> int:
        if self.purge is not None:
            return self.purge(rows)
        deleted, _per_model = rows.delete()
        return deleted


_exports: dict[str, Export] = {}
_erasures: dict[str, Erasure] = {}
_retentions: dict[str, Retention] = {}


def _register(registry: dict, entry):
    if entry.key in registry and registry[entry.key] != entry:
        raise ValueError(f"{entry.key!r} is registered twice.")
    registry[entry.key] = entry
    return entry


def register_export(key: str, title: str, collect, covers=()) -> Export:
    return _register(_exports, Export(key, title, collect, tuple(covers)))


def register_erasure(key: str, erase) -> Erasure:
    return _register(_erasures, Erasure(key, erase))


def register_retention(key: str, description: str, expired, purge=None) -> Retention:
    if key not in settings.RETENTION_DAYS:
        raise ValueError(f"settings.RETENTION_DAYS has no period for {key!r}.")
    return _register(_retentions, Retention(key, description, expired, purge))


def rows(queryset, *fields: str) -> list[dict]:
    """The rows of `queryset` as dicts of `fields`, read in chunks: a person with many rows
    (10,000 answers) costs a few queries and no model instances."""
    return list(queryset.values(*fields).iterator(chunk_size=2000))


def exports() -> list[Export]:
    return list(_exports.values())


def erasures() -> list[Erasure]:
    return list(_erasures.values())


def retentions() -> list[Retention]:
    return list(_retentions.values())
