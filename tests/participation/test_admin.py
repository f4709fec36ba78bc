"""Suggestions and surveys in the admin, as the coordinator (staff, not superuser) uses it: every
list and row opens; what residents sent is shown and never changed (an edit would put words in
a resident's mouth); a survey is saved through the same service and form as its own page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation import services
from participation.models import (
    Answer,
    Channel,
    ClassCode,
    Option,
    Question,
    Response,
    Suggestion,
    Support,
    Survey,
)
from tests.admin_forms import post_change
from tests.participation.conftest import make_suggestion, make_survey

pytestmark = pytest.mark.django_db

MODELS = [Suggestion, Support, Survey, Question, Option, ClassCode, Response, Answer]


def _url(model, view, *args) -> str:
    return reverse(f"admin:participation_{model._meta.model_name}_{view}", args=args)


def make_rows(area, coordinator, member) -> dict:
    """A few rows of each model, made the way residents, representatives and the coordinator
    make them."""
    waiting = make_suggestion(area, title="Belysning", reply_email="asa@example.se", name="Åsa")
    published = make_suggestion(area, title="Fler bänkar")
    services.suggestion_publish(suggestion=published, by=coordinator)
    services.suggestion_register(
        area=area, by=member, title="Ny brygga", text="Bryggan är trasig.", channel=Channel.PHONE
    )
    services.suggestion_support(suggestion=published, by=member)
    survey = make_survey(areas=[area], by=coordinator)
    questions = list(survey.questions.prefetch_related("options"))
    services.response_submit(
        survey=survey,
        token="webbläsare-1",
        answers={questions[0]: questions[0].options.first(), questions[2]: 4, questions[3]: "Mer cykelväg."},
    )
    code = services.class_codes_create(survey=survey, number=2, label="Lagans skola")[0]
    services.class_response_submit(
        survey=survey,
        code=code.code,
        class_level="4-6",
        pupils=20,
        counts={(questions[0], questions[0].options.first()): 12},
    )
    return {"waiting": waiting, "published": published, "survey": survey}


@pytest.fixture
def rows(lagan, coordinator, member):
    return make_rows(lagan.area, coordinator, member)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_list_and_row_open_for_the_coordinator(admin_client, rows, model):
    row = model.objects.order_by("pk").first()

    listing = admin_client.get(_url(model, "changelist"))
    page = admin_client.get(_url(model, "change", row.pk))

    assert (listing.status_code, page.status_code) == (200, 200)
    assert _url(model, "change", row.pk) in listing.text


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_list_queries_do_not_grow_with_the_rows(admin_client, lagan, coordinator, member, model):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(_url(model, "changelist")).status_code == 200
        return len(captured)

    make_rows(lagan.area, coordinator, member)
    few = queries()
    for _ in range(3):
        make_rows(lagan.area, coordinator, member)

    assert queries() == few


def test_a_residents_suggestion_cannot_be_changed_in_the_admin(admin_client, rows):
    suggestion = rows["waiting"]

    response = admin_client.post(
        _url(Suggestion, "change", suggestion.pk),
        {"title": "Ändrat", "text": "Ändrat", "name": "Någon annan", "status": "published"},
    )

    stored = Suggestion.objects.get(pk=suggestion.pk)
    assert response.status_code == 403
    assert (stored.title, stored.text, stored.name, stored.status) == (
        "Belysning",
        "Skolvägen är mörk på vintern.",
        "Åsa",
        Suggestion.Status.RECEIVED,
    )


def test_a_superuser_cannot_change_add_or_delete_a_suggestion_either(client, superuser, rows):
    suggestion = rows["waiting"]
    client.force_login(superuser)

    statuses = [
        client.post(_url(Suggestion, "change", suggestion.pk), {"title": "Ändrat"}).status_code,
        client.post(_url(Suggestion, "add"), {"title": "Nytt"}).status_code,
        client.post(_url(Suggestion, "delete", suggestion.pk), {"post": "yes"}).status_code,
    ]

    assert statuses == [403, 403, 403]
    assert Suggestion.objects.get(pk=suggestion.pk).title == "Belysning"


def test_a_residents_answers_cannot_be_changed_or_deleted_in_the_admin(admin_client, rows):
    answer = Answer.objects.get(text="Mer cykelväg.")

    statuses = [
        admin_client.post(_url(Answer, "change", answer.pk), {"text": "Ändrat"}).status_code,
        admin_client.post(_url(Response, "delete", answer.response_id), {"post": "yes"}).status_code,
    ]

    assert statuses == [403, 403]
    assert Answer.objects.get(pk=answer.pk).text == "Mer cykelväg."


def test_the_suggestions_page_says_whether_a_reply_is_wanted_but_not_the_address(admin_client, rows):
    page = admin_client.get(_url(Suggestion, "change", rows["waiting"].pk))

    assert "asa@example.se" not in page.text
    assert "Vill ha svar via e-post" in page.text


def test_a_survey_changed_in_the_admin_is_saved_through_its_service(admin_client, rows, ryssby):
    survey = rows["survey"]

    response = post_change(admin_client, _url(Survey, "change", survey.pk), title="Ny titel", all_areas="on")

    survey.refresh_from_db()
    assert response.status_code == 302
    # survey_save: a survey for all areas keeps no list of areas.
    assert (survey.title, survey.all_areas, list(survey.areas.all())) == ("Ny titel", True, [])


def test_a_survey_without_areas_is_refused_next_to_the_field_as_on_its_page(admin_client, rows):
    survey = rows["survey"]

    response = post_change(admin_client, _url(Survey, "change", survey.pk), areas=[], all_areas=None)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"areas": ["Välj områdena, eller alla områden."]}
    assert list(Survey.objects.get(pk=survey.pk).areas.values_list("slug", flat=True)) == ["lagan"]
