"""The admin, model by model, with a row in each list: what the coordinator (staff, not
superuser) sees and may change there, and what the superuser sees. A write the admin refuses
changes nothing; one it allows changes what it should (through the services where the model
has them: those are tested with their apps, e.g. tests/groups/test_admin.py)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group as RoleGroup
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.roles import Role
from alerts import services as alert_services
from core.models import ActivityEvent
from groups import services as group_services
from groups.models import Area, Group, Invitation, Membership
from issues import services as issue_services
from issues.models import IssueReminderSent
from issues.reminders import send_due_date_reminders
from meetings import services as meeting_services
from meetings.models import (
    Meeting,
    MeetingOfficial,
    ReminderSent,
    Rsvp,
    StandingItem,
)
from minutes import services as minutes_services
from minutes.models import (
    MinutesComment,
    MinutesRelease,
)
from officials.models import Committee, Department, Official
from participation import services as participation_services
from tests.admin_forms import form_data, post_change
from tests.conftest import make_organisation, make_person
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import DRAFT, IN_REVIEW, RELEASED, make_minutes
from tests.participation.conftest import make_suggestion, make_survey

PARKS = "park-och-skotselfragor"
Status = Meeting.Status


class World:
    """The people a row is made by, and one row of each registered model, made the way the
    app makes it (through its services), only when a test asks for it."""

    def __init__(self, lagan, coordinator, official, member, settings):
        self.lagan, self.coordinator, self.official, self.member = lagan, coordinator, official, member
        self.settings = settings

    def membership(self):
        return Membership.objects.get(person=self.member, group=self.lagan)

    def issue(self, **extra):
        return issue_services.issue_create(
            group=self.lagan,
            title="Trasig parkbänk",
            by=self.coordinator,
            department=Department.objects.get(slug=PARKS),
            **extra,
        )

    def meeting(self, status=Status.DRAFT, **extra):
        return make_meeting(
            self.lagan, status=status, by=self.coordinator, reviewers=[self.official], **extra
        )

    def minutes(self, state, *, signers=()):
        return make_minutes(
            self.meeting(Status.HELD), state, by=self.coordinator, reviewers=[self.official], signers=signers
        )

    # One row of each model --------------------------------------------------------------

    def row(self, model):
        return getattr(self, f"_{model._meta.app_label}_{model._meta.model_name}")()

    def _auth_group(self):
        return RoleGroup.objects.get(name=Role.COORDINATOR)

    def _finance_budgetreferral(self):
        from finance.models import BudgetReferral

        issue = self.issue(committee=Committee.objects.get(slug="samhallsbyggnadsutskottet"))
        return BudgetReferral.objects.create(
            issue=issue, estimated_amount=1000, budget_year=2027, committee=issue.committee
        )

    def _finance_villagefund(self):
        from finance.models import VillageFund

        fund = VillageFund.objects.create(name="Lagans bygdefond", yearly_amount=100000)
        fund.areas.add(self.lagan.area)
        return fund

    def _finance_fundapplication(self):
        from finance.models import FundApplication

        return FundApplication.objects.create(
            fund=self._finance_villagefund(),
            organisation=self.membership().organisation,
            applicant=self.member,
            year=2026,
            title="Lekplats",
            purpose="Barnen",
            amount=1000,
            budget="Gungor 1000",
        )

    def _groups_electedrepresentative(self):
        from groups.models import ElectedRepresentative

        return ElectedRepresentative.objects.create(user=make_person("Per Politiker"), party="C")

    def _core_activityevent(self):
        return ActivityEvent.objects.get(object_id=self.issue().pk, action="issue.created")

    def _accounts_user(self):
        return self.member

    def _officials_department(self):
        return Department.objects.get(slug=PARKS)

    def _officials_committee(self):
        return Committee.objects.get(slug="samhallsbyggnadsutskottet")

    def _officials_official(self):
        return Official.objects.get(user=self.official)

    def _groups_area(self):
        return self.lagan.area

    def _groups_group(self):
        return self.lagan

    def _groups_organisation(self):
        return self.membership().organisation

    def _groups_membership(self):
        return self.membership()

    def _groups_maincontactperiod(self):
        return group_services.main_contact_hand_over(
            group=self.lagan, membership=self.membership(), appointed_by=self.coordinator
        )

    def _groups_invitation(self):
        group_services.invitations_send(
            group=self.lagan, raw_addresses="ny@example.se", invited_by=self.coordinator
        )
        return Invitation.objects.get()

    def _meetings_standingitem(self):
        return StandingItem.objects.order_by("pk").first()

    def _alerts_subscription(self):
        subscription = alert_services.subscription_request(
            email="boende@example.se", areas=[self.lagan.area], follows=["follow_issues"], client=None
        )
        return subscription

    def _alerts_memberalertsetting(self):
        return alert_services.member_setting_save(person=self.member, frequency="never")

    def _issues_issueremindersent(self):
        issue = self.issue(due_date=timezone.localdate() + timedelta(days=3))
        send_due_date_reminders()
        return IssueReminderSent.objects.get(issue=issue)

    def _issues_issueupdate(self):
        return issue_services.issue_update_add(
            issue=self.issue(), text="Bänken byts i maj.", by=self.official
        )

    def _meetings_publishedissue(self):
        self.issue()
        return self.meeting(Status.PUBLISHED).published_issues.get()

    def _meetings_meeting(self):
        return self.meeting()

    def _meetings_agendaitem(self):
        return self.meeting().items.order_by("position").first()

    def _meetings_proposal(self):
        return meeting_services.proposal_submit(
            meeting=self.meeting(Status.OPEN), proposer=self.member, title="Fler bänkar vid sjön"
        )

    def _meetings_meetinground(self):
        return meeting_services.round_create(
            title="Vårens möten",
            kind=Meeting.Kind.GROUP_MEETING,
            proposal_days_before=14,
            groups=[self.lagan],
            by=self.coordinator,
        )

    def _meetings_agendareview(self):
        return self.meeting(Status.IN_REVIEW).reviews.get()

    def _meetings_meetingofficial(self):
        meeting = self.meeting(Status.OPEN)
        meeting_services.meeting_set_officials(
            meeting=meeting, officials=[self.official], by=self.coordinator
        )
        return MeetingOfficial.objects.get(meeting=meeting)

    def _meetings_rsvp(self):
        return meeting_services.rsvp_answer(
            meeting=self.meeting(Status.OPEN), person=self.member, answer=Rsvp.Answer.YES
        )

    def _meetings_attendance(self):
        meeting = self.meeting(Status.HELD)
        meeting_services.attendance_record(
            meeting=meeting,
            memberships=[],
            officials=[],
            elected_names=[],
            guest_names=["Gustav Gäst"],
            by=self.coordinator,
        )
        return meeting.attendances.get()

    def _meetings_remindersent(self):
        # What send_reminders records once it has queued a reminder.
        return ReminderSent.objects.create(
            meeting=self.meeting(Status.OPEN), kind=ReminderSent.Kind.MEETING, email=self.member.email
        )

    def _issues_issue(self):
        return self.issue()

    def _minutes_minutes(self):
        return self.minutes(DRAFT)

    def _minutes_minutesitem(self):
        return self.minutes(DRAFT).items.order_by("position").first()

    def _minutes_minutesversion(self):
        return self.minutes(IN_REVIEW).versions.get()

    def _minutes_minutesrelease(self):
        return MinutesRelease.objects.get(minutes=self.minutes(RELEASED))

    def _minutes_minutesreview(self):
        return self.minutes(IN_REVIEW).reviews.get()

    def _minutes_signoff(self):
        return self.minutes(IN_REVIEW, signers=[self.member]).sign_offs.get()

    def _minutes_minutescomment(self):
        minutes = self.minutes(IN_REVIEW)
        item = minutes.items.order_by("position").first()
        minutes_services.minutes_review_decide(
            review=minutes.reviews.get(),
            reviewer=self.official,
            approve=False,
            item_comments={item.pk: "Fel datum."},
        )
        return MinutesComment.objects.get()

    def _participation_suggestion(self):
        return make_suggestion(self.lagan.area, reply_email="asa@example.se")

    def _participation_support(self):
        suggestion = make_suggestion(self.lagan.area)
        participation_services.suggestion_publish(suggestion=suggestion, by=self.coordinator)
        return participation_services.suggestion_support(suggestion=suggestion, by=self.member)

    def _participation_survey(self):
        return make_survey(areas=[self.lagan.area], by=self.coordinator)

    def _participation_question(self):
        return self._participation_survey().questions.order_by("position").first()

    def _participation_option(self):
        return self._participation_question().options.order_by("position").first()

    def _participation_classcode(self):
        return participation_services.class_codes_create(survey=self._participation_survey(), number=1)[0]

    def _participation_response(self):
        survey = self._participation_survey()
        question = survey.questions.order_by("position").first()
        return participation_services.response_submit(
            survey=survey, token="webbläsare", answers={question: question.options.first()}
        )

    def _participation_answer(self):
        return self._participation_response().answers.get()

    def _django_tasks_database_dbtaskresult(self):
        # A row of the production backend (the tests run tasks at once, with no such rows).
        self.settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        now = timezone.now()
        return DBTaskResult.objects.create(
            task_path="core.mail.deliver_mail",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            enqueued_at=now,
            run_after=now,
        )


@pytest.fixture
def world(lagan, coordinator, official, member, settings):
    return World(lagan, coordinator, official, member, settings)


@pytest.fixture
def staff_coordinator(coordinator):
    coordinator.is_staff = True
    coordinator.save()
    return coordinator


MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _label(model) -> str:
    return model._meta.label


def _url(model, view, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_project_is_in_the_admin():
    ours = {"accounts", "groups", "officials", "meetings", "minutes", "issues", "participation"}
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in ours
        and not model._meta.label.split(".")[1].startswith("Historical")
        and model not in admin.site._registry
    ]

    assert missing == []


# The lists ---------------------------------------------------------------------------------

# The admin the coordinator's role does not open: the roles themselves and the task queue (the
# outbox is the coordinator's view of mail). The activity log they read, never change.
NOT_THE_COORDINATORS = {"auth.Group", "django_tasks_database.DBTaskResult"}


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_admin_list_shows_its_row_to_the_coordinator_where_the_role_allows(
    client, world, staff_coordinator, model
):
    row = world.row(model)
    client.force_login(staff_coordinator)

    response = client.get(_url(model, "changelist"))

    if _label(model) in NOT_THE_COORDINATORS:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert f'href="{_url(model, "change", row.pk)}' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_admin_list_shows_its_row_to_a_superuser(client, world, superuser, model):
    row = world.row(model)
    client.force_login(superuser)

    response = client.get(_url(model, "changelist"))

    assert response.status_code == 200
    assert f'href="{_url(model, "change", row.pk)}' in response.content.decode()


@pytest.mark.django_db
def test_admin_index_lists_the_coordinators_models_only(client, staff_coordinator):
    client.force_login(staff_coordinator)

    content = client.get(reverse("admin:index")).content.decode()

    shown = {_label(model) for model in MODELS if _url(model, "changelist") in content}
    assert shown == {_label(model) for model in MODELS} - NOT_THE_COORDINATORS


# Writing, as the coordinator ---------------------------------------------------------------


def _errors(response) -> dict:
    """What the admin's form found wrong, if it came back (shown when an allowed write fails)."""
    if response.context is None or "adminform" not in response.context:
        return {}
    errors = dict(response.context["adminform"].form.errors)
    for formset in response.context.get("inline_admin_formsets", []):
        errors |= {f"{formset.formset.prefix}": formset.formset.errors} if any(formset.formset.errors) else {}
    return errors


def _snapshot(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


# Changed on the row's page: the form as the page shows it, with one field changed, and where
# to read the change back.
CHANGES = {
    "finance.VillageFund": ({"rules_text": "Nya regler."}, lambda row: row.rules_text, "Nya regler."),
    "groups.ElectedRepresentative": ({"party": "S"}, lambda row: row.party, "S"),
    "accounts.User": ({"full_name": "Anna Åkesson-Berg"}, lambda row: row.full_name, "Anna Åkesson-Berg"),
    "groups.Area": ({"description": "Sjön och skogen."}, lambda row: row.description, "Sjön och skogen."),
    "groups.Group": (
        {"description": "Föreningarna i Lagan."},
        lambda row: row.description,
        "Föreningarna i Lagan.",
    ),
    "groups.Membership": ({"role": "kassör"}, lambda row: row.role, "kassör"),
    "groups.Organisation": ({"email": "info@forening.se"}, lambda row: row.email, "info@forening.se"),
    "issues.Issue": ({"title": "Ny parkbänk"}, lambda row: row.title, "Ny parkbänk"),
    "meetings.Attendance": ({"name": "Gustava Gäst"}, lambda row: row.name, "Gustava Gäst"),
    "meetings.Meeting": ({"title": "Vårmöte"}, lambda row: row.title, "Vårmöte"),
    "meetings.MeetingOfficial": (
        {"confirmed_at_0": "2026-01-02", "confirmed_at_1": "10:00:00"},
        lambda row: timezone.localtime(row.confirmed_at).isoformat(timespec="minutes"),
        "2026-01-02T10:00+01:00",
    ),
    "meetings.MeetingRound": ({"title": "Höstens möten"}, lambda row: row.title, "Höstens möten"),
    "meetings.Proposal": ({"title": "Fler bänkar"}, lambda row: row.title, "Fler bänkar"),
    "meetings.ReminderSent": ({"email": "annan@example.se"}, lambda row: row.email, "annan@example.se"),
    "meetings.Rsvp": ({"answer": "no"}, lambda row: row.answer, "no"),
    "meetings.StandingItem": ({"title": "Välkomna"}, lambda row: row.title, "Välkomna"),
    "minutes.Minutes": (
        {"items-0-notes": "Vi pratade om bryggan."},
        lambda row: row.items.order_by("position").first().notes,
        "Vi pratade om bryggan.",
    ),
    "minutes.MinutesItem": (
        {"notes": "Vi pratade om bryggan."},
        lambda row: row.notes,
        "Vi pratade om bryggan.",
    ),
    "officials.Committee": (
        {"description": "Beslutar om planer."},
        lambda row: row.description,
        "Beslutar om planer.",
    ),
    "officials.Department": (
        {"description": "Parker och lekplatser."},
        lambda row: row.description,
        "Parker och lekplatser.",
    ),
    "officials.Official": ({"title": "Parkchef"}, lambda row: row.title, "Parkchef"),
    "participation.Survey": ({"title": "Ny enkät"}, lambda row: row.title, "Ny enkät"),
}
# Whatever one would try to change on a row the admin only shows.
TRIED = {
    "name": "Ändrat",
    "title": "Ändrat",
    "email": "andrat@example.se",
    "status": "accepted",
    "verdict": "approved",
    "comment": "Ändrat",
    "text": "Ändrat",
    "end": "2026-01-01",
    "notes": "Ändrat",
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_admin_change_as_the_coordinator(client, world, staff_coordinator, model):
    row = world.row(model)
    client.force_login(staff_coordinator)
    url = _url(model, "change", row.pk)

    if _label(model) in CHANGES:
        changes, read, expected = CHANGES[_label(model)]
        response = post_change(client, url, **changes)
        assert (response.status_code, _errors(response), read(model.objects.get(pk=row.pk))) == (
            302,
            {},
            expected,
        )
    else:
        before = _snapshot(model, row.pk)
        response = client.post(url, TRIED)
        assert (response.status_code, _snapshot(model, row.pk)) == (403, before)


# Added on the list's add page: what to fill in (besides what the page fills in itself), and
# how to find the new row.
ADDITIONS = {
    "finance.VillageFund": (
        lambda w: {"name": "Ryssby bygdefond", "yearly_amount": "5000", "areas": [str(w.lagan.area.pk)]},
        {"name": "Ryssby bygdefond"},
    ),
    "groups.ElectedRepresentative": (
        lambda w: {"user": str(make_person("Ny Politiker").pk), "party": "M"},
        {"party": "M"},
    ),
    "accounts.User": (
        lambda w: {"email": "ny@kommun.se", "full_name": "Ny Person"},
        {"email": "ny@kommun.se"},
    ),
    "groups.Area": (
        lambda w: {"name": "Torpa", "slug": "torpa", "kind": "development_area"},
        {"slug": "torpa"},
    ),
    "groups.Group": (
        lambda w: {"area": Area.objects.create(name="Torpa", slug="torpa").pk, "name": "Torpagruppen"},
        {"name": "Torpagruppen"},
    ),
    "groups.Membership": (
        lambda w: {
            "person": make_person("Greta Granne").pk,
            "group": w.lagan.pk,
            "organisation": make_organisation("Lagans IF").pk,
            "start": "2026-01-01",
        },
        {"person__full_name": "Greta Granne"},
    ),
    "groups.Organisation": (lambda w: {"name": "Lagans IF", "kind": "association"}, {"name": "Lagans IF"}),
    "issues.Issue": (
        lambda w: {
            "group": w.lagan.pk,
            "title": "Belysning",
            "department": Department.objects.get(slug=PARKS).pk,
        },
        {"title": "Belysning"},
    ),
    "meetings.Attendance": (
        lambda w: {"meeting": w.meeting(Status.HELD).pk, "kind": "guest", "name": "Gustav Gäst"},
        {"name": "Gustav Gäst"},
    ),
    "meetings.Meeting": (
        lambda w: {
            "group": w.lagan.pk,
            "kind": "group_meeting",
            "title": "Extramöte",
            "starts_at_0": "2030-03-01",
            "starts_at_1": "18:00",
            "ends_at_0": "2030-03-01",
            "ends_at_1": "20:00",
            "proposal_deadline_0": "2030-02-15",
            "proposal_deadline_1": "12:00",
            "venue_name": "Bygdegården",
        },
        {"title": "Extramöte"},
    ),
    "meetings.MeetingOfficial": (
        lambda w: {
            "meeting": w.meeting(Status.OPEN).pk,
            "official": w.official.pk,
            "confirmed_by": w.coordinator.pk,
        },
        {"official": "official"},
    ),
    "meetings.MeetingRound": (
        lambda w: {
            "title": "Vårens möten",
            "kind": "group_meeting",
            "proposal_days_before": "14",
            "groups": [w.lagan.pk],
            "created_by": w.coordinator.pk,
        },
        {"title": "Vårens möten"},
    ),
    "meetings.Proposal": (
        lambda w: {
            "meeting": w.meeting(Status.OPEN).pk,
            "proposer": w.member.pk,
            "organisation": w.membership().organisation.pk,
            "title": "Fler bänkar",
        },
        {"title": "Fler bänkar"},
    ),
    "meetings.ReminderSent": (
        lambda w: {"meeting": w.meeting(Status.OPEN).pk, "kind": "meeting", "email": "anna@forening.se"},
        {"email": "anna@forening.se"},
    ),
    "meetings.Rsvp": (
        lambda w: {"meeting": w.meeting(Status.OPEN).pk, "person": w.member.pk, "answer": "yes"},
        {"person": "member"},
    ),
    "meetings.StandingItem": (
        lambda w: {"title": "Fika", "placement": "start", "position": "9", "duration_minutes": "15"},
        {"title": "Fika"},
    ),
    "officials.Committee": (
        lambda w: {"name": "Kulturnämnden", "slug": "kulturnamnden"},
        {"slug": "kulturnamnden"},
    ),
    "officials.Department": (lambda w: {"name": "Bibliotek", "slug": "bibliotek"}, {"slug": "bibliotek"}),
    "officials.Official": (
        lambda w: {
            "user": make_person("Olga Ny").pk,
            "title": "Kulturchef",
            "departments": [Department.objects.get(slug=PARKS).pk],
        },
        {"title": "Kulturchef"},
    ),
    "participation.Survey": (
        lambda w: {
            "title": "Skolvägen",
            "areas": [str(w.lagan.area.pk)],
            "opens_on": "2030-01-01",
            "closes_on": "2030-02-01",
        },
        {"title": "Skolvägen", "created_by": "coordinator"},
    ),
}


def _lookup(world, lookup: dict) -> dict:
    """A lookup whose value names one of the world's people stands for that person."""
    return {
        key: getattr(world, value, value) if isinstance(value, str) else value
        for key, value in lookup.items()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_admin_add_as_the_coordinator(client, world, staff_coordinator, model):
    client.force_login(staff_coordinator)
    url = _url(model, "add")
    count = model.objects.count()

    if _label(model) in ADDITIONS:
        fill, lookup = ADDITIONS[_label(model)]
        fields = fill(world)
        count = model.objects.count()
        page = client.get(url)
        response = client.post(url, form_data(page.content.decode(), **fields))
        assert (response.status_code, _errors(response), model.objects.count()) == (302, {}, count + 1)
        assert model.objects.filter(**_lookup(world, lookup)).count() == 1
    else:
        response = client.post(url, TRIED)
        assert (response.status_code, model.objects.count()) == (403, count)


# Deleted on the row's delete page. Rows others depend on are kept by the database (PROTECT),
# so the allowed deletions are tried on a row nothing refers to.
DELETABLE = {
    "alerts.Subscription": World.row,
    "finance.VillageFund": World.row,
    "groups.ElectedRepresentative": World.row,
    "accounts.User": lambda w: make_person("Kvar Ingen"),
    "groups.Area": lambda w: Area.objects.create(name="Torpa", slug="torpa"),
    "groups.Group": lambda w: Group.objects.create(
        area=Area.objects.create(name="Torpa", slug="torpa"), name="Torpagruppen"
    ),
    "groups.Organisation": lambda w: make_organisation("Nedlagda föreningen"),
    "issues.Issue": World.row,
    "meetings.Attendance": World.row,
    "meetings.MeetingOfficial": World.row,
    "meetings.MeetingRound": World.row,
    "meetings.Proposal": World.row,
    "meetings.ReminderSent": World.row,
    "meetings.Rsvp": World.row,
    "meetings.StandingItem": World.row,
    "officials.Committee": lambda w: Committee.objects.create(name="Kulturnämnden", slug="kulturnamnden"),
    "officials.Department": lambda w: Department.objects.create(name="Bibliotek", slug="bibliotek"),
    "officials.Official": World.row,
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_admin_delete_as_the_coordinator(client, world, staff_coordinator, model):
    client.force_login(staff_coordinator)

    if _label(model) in DELETABLE:
        make = DELETABLE[_label(model)]
        row = make(world, model) if make is World.row else make(world)
        response = client.post(_url(model, "delete", row.pk), {"post": "yes"})
        assert (response.status_code, model.objects.filter(pk=row.pk).exists()) == (302, False)
    else:
        row = world.row(model)
        before = _snapshot(model, row.pk)
        response = client.post(_url(model, "delete", row.pk), {"post": "yes"})
        assert (response.status_code, _snapshot(model, row.pk)) == (403, before)
