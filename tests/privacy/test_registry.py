"""Every model that links to a person is exported (core.personal_data): a new model with a
ForeignKey or OneToOneField to the user fails this test until its app registers an export
covering it, or it is added below with the reason it needs none."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

from core import personal_data as registry

# Models that link to a person and need no export of their own, and why.
NO_EXPORT_NEEDED = {
    # The admin's own change log: who changed what in the admin (staff only); the audit log
    # (privacy.AuditEntry, exported) is where people's data and rights are recorded.
    "admin.LogEntry": "the admin's change log of staff actions",
    # django-simple-history's copies of issues, agenda items and minutes: earlier states of
    # rows that are exported themselves (issues.Issue, meetings.AgendaItem, minutes.Minutes).
    "issues.HistoricalIssue": "history of issues.Issue, which is exported",
    "meetings.HistoricalAgendaItem": "history of meetings.AgendaItem, which is exported",
    "minutes.HistoricalMinutes": "history of minutes.Minutes, which is exported",
    "minutes.HistoricalMinutesItem": "history of the minutes' text: who edited it is in the exported versions",
}


def _models_linking_to_the_user():
    user_model = get_user_model()
    for model in apps.get_models():
        if model is user_model:
            yield model._meta.label
            continue
        for field in model._meta.get_fields():
            if (
                (field.many_to_one or field.one_to_one)
                and field.concrete
                and field.related_model is user_model
            ):
                yield model._meta.label
                break


def test_every_model_linking_to_a_person_is_exported_or_explained():
    covered = {label for export in registry.exports() for label in export.covers}
    missing = sorted(set(_models_linking_to_the_user()) - covered - set(NO_EXPORT_NEEDED))
    assert missing == [], f"Register an export covering these models (core.personal_data): {missing}"


def test_the_allow_list_names_only_models_that_exist_and_are_not_exported():
    labels = set(_models_linking_to_the_user())
    covered = {label for export in registry.exports() for label in export.covers}
    assert set(NO_EXPORT_NEEDED) <= labels
    assert not set(NO_EXPORT_NEEDED) & covered


def test_every_registered_retention_has_its_period_in_settings():
    for retention in registry.retentions():
        assert retention.days == settings.RETENTION_DAYS[retention.key] > 0


def test_the_retentions_main_registers():
    keys = {retention.key for retention in registry.retentions()}
    assert {"expired_invitations", "login_attempts", "former_members_contact_details", "audit_log"} <= keys
