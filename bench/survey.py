"""How long the coordinator's results page of a survey takes with 10,000 answers.

Run from the project root: .venv/bin/python bench/survey.py [answers] [rounds]

A throwaway test database (SQLite unless DATABASE_URL says otherwise) gets a survey of four
questions (one choice, several choices, a scale, free text), `answers` residents' responses
(default 10,000, each answering every question) and ten school classes; then the results page
is fetched through Django's test client `rounds` times (default 30) as the coordinator. The
counting is done by the database (one grouped sum), so the page's time grows slowly with the
answers and its queries not at all."""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ludgrupper.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import Role, grant_role  # noqa: E402
from groups.models import Area  # noqa: E402
from participation import services  # noqa: E402
from participation.models import Answer, ClassLevel, Question, Response, Survey  # noqa: E402


def build(answers: int) -> tuple[Survey, User]:
    coordinator = User.objects.create_user(email="bench@example.se", password=None, full_name="Bench")
    grant_role(coordinator, Role.COORDINATOR)
    today = timezone.localdate()
    survey = Survey(title="Bench", opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=5))
    services.survey_save(survey=survey, areas=list(Area.objects.all()), by=coordinator)
    single = services.question_add(
        survey=survey,
        text="Viktigast?",
        kind=Question.Kind.SINGLE,
        required=True,
        options=["A", "B", "C", "D"],
    )
    multiple = services.question_add(
        survey=survey, text="Använder?", kind=Question.Kind.MULTIPLE, required=False, options=["E", "F", "G"]
    )
    scale = services.question_add(survey=survey, text="Trivs?", kind=Question.Kind.SCALE, required=True)
    text = services.question_add(survey=survey, text="Mer?", kind=Question.Kind.TEXT, required=False)
    single_options, multiple_options = list(single.options.all()), list(multiple.options.all())
    responses = Response.objects.bulk_create(
        (Response(survey=survey, browser_hash=f"{number:064d}") for number in range(answers)), batch_size=2000
    )
    rows = []
    for number, response in enumerate(responses):
        rows += [
            Answer(response=response, question=single, option=single_options[number % 4]),
            Answer(response=response, question=multiple, option=multiple_options[number % 3]),
            Answer(response=response, question=multiple, option=multiple_options[(number + 1) % 3]),
            Answer(response=response, question=scale, scale=number % 5 + 1),
            Answer(response=response, question=text, text=f"Förslag nummer {number}: mer belysning."),
        ]
    Answer.objects.bulk_create(rows, batch_size=5000)
    for code in services.class_codes_create(survey=survey, number=10):
        services.class_response_submit(
            survey=survey,
            code=code.code,
            class_level=ClassLevel.YEARS_4_6,
            pupils=25,
            counts={(single, option): 6 for option in single_options},
        )
    return survey, coordinator


def main():
    answers = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        survey, coordinator = build(answers)
        client = Client()
        client.force_login(coordinator)
        url = reverse("participation:survey_results", args=[survey.pk])
        assert client.get(url).status_code == 200  # warm up: templates, translations
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"{connection.vendor}, {answers} residents' answers + 10 classes: results page "
            f"p50 {statistics.median(times) * 1000:.1f} ms, p90 {sorted(times)[int(rounds * 0.9) - 1] * 1000:.1f} ms "
            f"over {rounds} rounds; {len(queries)} queries"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
