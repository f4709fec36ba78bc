"""seed_scale: N times the demo's data for the benchmarks, residents' voice included (suggestions
with their supports, surveys with residents' and school classes' answers), and a second run
adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import override_settings

from groups.models import Group
from participation.models import Answer, Response, Suggestion, Support, Survey

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _counts() -> dict:
    return {
        "groups": Group.objects.count(),
        "suggestions": Suggestion.objects.count(),
        "supports": Support.objects.count(),
        "surveys": Survey.objects.count(),
        "responses": Response.objects.count(),
        "answers": Answer.objects.count(),
    }


@pytest.mark.django_db
def test_seed_scale_adds_suggestions_and_survey_answers_in_the_demos_proportions():
    with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHER):
        call_command("seed_demo", stdout=StringIO())
        demo = _counts()
        call_command("seed_scale", "--factor", "3", stdout=StringIO())
        scaled = _counts()
        call_command("seed_scale", "--factor", "3", stdout=StringIO())

    assert _counts() == scaled
    assert scaled["groups"] == 3 * demo["groups"]
    for rows in ("suggestions", "surveys", "responses", "answers"):
        assert scaled[rows] >= 3 * demo[rows], rows
    assert scaled["supports"] > demo["supports"]
    assert set(Suggestion.objects.values_list("status", flat=True)) >= {
        Suggestion.Status.RECEIVED,
        Suggestion.Status.PUBLISHED,
        Suggestion.Status.HIDDEN,
    }
    # Every answer is one of its own question's options (or a scale value or a text), from a
    # response to that question's survey, with the response's source.
    answers = Answer.objects.all()
    assert not answers.exclude(option__isnull=True).exclude(option__question=F("question")).exists()
    assert not answers.exclude(response__survey=F("question__survey")).exists()
    assert not answers.exclude(source=F("response__source")).exists()
    assert Response.objects.filter(source=Response.Source.SCHOOL_CLASS, class_code__isnull=False).count() > 2
