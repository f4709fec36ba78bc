import itertools
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from participation import forms, services
from participation.models import Question, Survey


def stamp(seconds_ago=10) -> str:
    """The form's signed start time, as if it had been shown `seconds_ago`."""
    return signing.dumps(time.time() - seconds_ago, salt=forms._SALT)


def suggestion_data(**overrides):
    return {
        "title": "Fler bänkar vid sjön",
        "text": "Det behövs fler bänkar längs strandpromenaden.",
        "name": "",
        "reply_email": "",
        "started": stamp(),
        "website": "",
        **overrides,
    }


_clients = itertools.count(1)


def make_suggestion(area, **fields):
    """A resident's suggestion from the web, each from its own client address."""
    number = next(_clients)
    values = {"title": "Belysning på skolvägen", "text": "Skolvägen är mörk på vintern.", **fields}
    return services.suggestion_submit(area=area, client_ip=f"10.9.{number // 250}.{number % 250}", **values)


def make_survey(*, areas=(), all_areas=False, opens_in=-1, closes_in=10, publish_results=False, by=None):
    today = timezone.localdate()
    survey = Survey(
        title="Hur vill du att Lagan ska utvecklas?",
        opens_on=today + timedelta(days=opens_in),
        closes_on=today + timedelta(days=closes_in),
        all_areas=all_areas,
        publish_results=publish_results,
    )
    services.survey_save(survey=survey, areas=list(areas), by=by)
    services.question_add(
        survey=survey,
        text="Vad är viktigast?",
        kind=Question.Kind.SINGLE,
        required=True,
        options=["Skolan", "Vägarna", "Butiken"],
    )
    services.question_add(
        survey=survey,
        text="Vad använder du?",
        kind=Question.Kind.MULTIPLE,
        required=False,
        options=["Biblioteket", "Badplatsen"],
    )
    services.question_add(survey=survey, text="Hur trivs du?", kind=Question.Kind.SCALE, required=True)
    services.question_add(survey=survey, text="Något mer?", kind=Question.Kind.TEXT, required=False)
    return survey


def close(survey):
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    survey.refresh_from_db()
    return survey


@pytest.fixture
def survey(lagan, coordinator):
    return make_survey(areas=[lagan.area], by=coordinator)
