import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from participation import exports, selectors, services
from participation.errors import ParticipationError
from participation.models import Answer, ClassCode, ClassLevel, Question, Response, Survey, new_class_code
from tests.participation.conftest import close, make_survey


def answer_url(survey):
    return reverse("participation:survey_answer", args=[survey.pk])


def questions_of(survey):
    single, multiple, scale, text = survey.questions.order_by("position")
    return single, multiple, scale, text


def resident_data(survey, *, choice=0, scale=4, text="Mer cykelvägar"):
    single, multiple, scale_question, text_question = questions_of(survey)
    return {
        f"q{single.pk}": str(single.options.all()[choice].pk),
        f"q{multiple.pk}": [str(option.pk) for option in multiple.options.all()],
        f"q{scale_question.pk}": str(scale),
        f"q{text_question.pk}": text,
    }


def answer_as_resident(survey, token, **data):
    single, multiple, scale, text = questions_of(survey)
    return services.response_submit(
        survey=survey,
        token=token,
        answers={
            single: single.options.all()[data.get("choice", 0)],
            multiple: list(multiple.options.all()),
            scale: data.get("scale", 4),
            text: data.get("text", ""),
        },
    )


# Residents answer -------------------------------------------------------------------------------


def test_a_resident_answers_without_an_account_and_the_browser_is_known_only_by_a_hash(client, survey):
    client.get(answer_url(survey))

    response = client.post(answer_url(survey), resident_data(survey), follow=True)

    assert "Tack för dina svar" in response.text
    stored = Response.objects.get()
    assert len(stored.browser_hash) == 64
    cookie = client.cookies["lg_enkat"].value
    assert cookie not in stored.browser_hash
    assert Answer.objects.filter(response=stored).count() == 5  # one, two, the scale, the text


def test_one_answer_per_browser(client, survey):
    client.get(answer_url(survey))
    client.post(answer_url(survey), resident_data(survey))

    again = client.post(answer_url(survey), resident_data(survey), follow=True)

    assert Response.objects.count() == 1
    assert "Den här webbläsaren har redan svarat på enkäten" in again.text


def test_another_browser_answers_too(client, survey):
    client.get(answer_url(survey))
    client.post(answer_url(survey), resident_data(survey))
    other = Client()
    other.get(answer_url(survey))
    other.post(answer_url(survey), resident_data(survey))

    assert Response.objects.count() == 2


def test_an_answer_after_the_survey_closed_is_refused(client, survey):
    client.get(answer_url(survey))
    close(survey)

    response = client.post(answer_url(survey), resident_data(survey), follow=True)

    assert "Enkäten har stängt" in response.text
    assert not Response.objects.exists()
    with pytest.raises(ParticipationError, match="Enkäten har stängt"):
        answer_as_resident(survey, "token")


def test_a_tampered_option_id_is_refused_next_to_the_question(client, survey, lagan, coordinator):
    other_survey = make_survey(areas=[lagan.area], by=coordinator)
    foreign_option = questions_of(other_survey)[0].options.first()
    data = resident_data(survey)
    data[f"q{questions_of(survey)[0].pk}"] = str(foreign_option.pk)
    client.get(answer_url(survey))

    response = client.post(answer_url(survey), data)

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    assert not Response.objects.exists()


def test_a_tampered_question_id_is_ignored_and_a_missing_required_answer_is_refused(client, survey):
    single = questions_of(survey)[0]
    data = resident_data(survey)
    del data[f"q{single.pk}"]
    data["q999999"] = "1"
    client.get(answer_url(survey))

    response = client.post(answer_url(survey), data)

    assert "Detta fält måste fyllas i" in response.text
    assert not Response.objects.exists()


def test_a_survey_not_yet_open_takes_no_answers(client, lagan, coordinator):
    survey = make_survey(areas=[lagan.area], opens_in=3, by=coordinator)

    response = client.get(answer_url(survey))

    assert "Enkäten öppnar den" in response.text
    assert "Skicka svaren" not in response.text


# School classes ---------------------------------------------------------------------------------


def class_data(survey, code, *, pupils=20, counts=(12, 5, 3)):
    single, multiple, scale, _text = questions_of(survey)
    data = {"code": code, "class_level": ClassLevel.YEARS_4_6, "pupils": str(pupils)}
    for option, number in zip(single.options.all(), counts, strict=False):
        data[f"q{single.pk}_{option.pk}"] = str(number)
    data[f"q{scale.pk}_5"] = "10"
    return data


def test_a_class_answers_as_counts_with_a_code_and_the_results_show_both_side_by_side(
    client, survey, coordinator
):
    code = services.class_codes_create(survey=survey, number=1)[0]
    answer_as_resident(survey, "a")
    answer_as_resident(survey, "b", choice=1)

    response = client.post(
        reverse("participation:class_answer", args=[survey.pk]), class_data(survey, code.code.lower())
    )

    assert response.status_code == 302
    stored = Response.objects.get(source=Response.Source.SCHOOL_CLASS)
    assert (stored.class_level, stored.pupils) == (ClassLevel.YEARS_4_6, 20)
    results = selectors.survey_results(survey)
    first = results.questions[0]
    assert [(bar.label, bar.residents, bar.classes) for bar in first.bars] == [
        ("Skolan", 1, 12),
        ("Vägarna", 1, 5),
        ("Butiken", 0, 3),
    ]
    assert [(bar.label, bar.residents, bar.classes) for bar in results.questions[2].bars][-2:] == [
        ("4", 2, 0),
        ("5", 0, 10),
    ]
    assert (results.residents, results.classes, results.pupils) == (2, 1, 20)


def test_a_class_code_works_once(client, survey):
    code = services.class_codes_create(survey=survey, number=1)[0]
    url = reverse("participation:class_answer", args=[survey.pk])
    client.post(url, class_data(survey, code.code))

    again = client.post(url, class_data(survey, code.code))

    assert "Klasskoden har redan använts" in again.text
    assert Response.objects.count() == 1


def test_a_class_code_is_refused_after_the_survey_closed(client, survey):
    code = services.class_codes_create(survey=survey, number=1)[0]
    close(survey)

    response = client.post(
        reverse("participation:class_answer", args=[survey.pk]), class_data(survey, code.code)
    )

    assert "Enkäten har stängt" in response.text
    assert not Response.objects.exists()


def test_a_class_code_of_another_survey_or_a_guess_is_refused(client, survey, lagan, coordinator):
    other = make_survey(areas=[lagan.area], by=coordinator)
    foreign = services.class_codes_create(survey=other, number=1)[0]
    url = reverse("participation:class_answer", args=[survey.pk])

    for code in (foreign.code, "AAAAAAAAAA"):
        response = client.post(url, class_data(survey, code))
        assert "Klasskoden gäller inte för den här enkäten" in response.text
    assert not Response.objects.exists()


def test_a_count_above_the_pupils_is_refused(client, survey):
    code = services.class_codes_create(survey=survey, number=1)[0]

    response = client.post(
        reverse("participation:class_answer", args=[survey.pk]),
        class_data(survey, code.code, pupils=5, counts=(9,)),
    )

    assert "Fler än eleverna som svarade" in response.text
    assert not Response.objects.exists()


def test_class_codes_are_random_and_not_guessable():
    codes = {new_class_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 10 for code in codes)


# Results, charts and the CSV ---------------------------------------------------------------------


def test_results_page_shows_a_chart_with_numbers_and_a_table(client, survey, coordinator):
    answer_as_resident(survey, "a", text="Fler bänkar")
    client.force_login(coordinator)

    response = client.get(reverse("participation:survey_results", args=[survey.pk]))

    html = response.text
    assert html.count('role="img"') == 3  # the choice questions and the scale; not the free text
    assert "<title id=" in html
    assert "Diagrammets siffror" in html
    assert "Fler bänkar" in html
    assert "1 invånare svarade." in html


def test_the_csv_neutralises_formulas(survey, coordinator):
    answer_as_resident(survey, "a", text='=HYPERLINK("http://evil.example","klicka")')
    answer_as_resident(survey, "b", text="+1 och @namn")

    rows = list(csv.reader(io.StringIO(exports.results_csv(survey))))

    texts = [row[4] for row in rows if row[3] == "Något mer?"]
    assert texts == ['\'=HYPERLINK("http://evil.example","klicka")', "'+1 och @namn"]
    assert rows[0] == ["Svar", "Från", "Årskurs", "Fråga", "Svar", "Antal"]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_neutralised_prefixes_an_apostrophe(value):
    assert exports.neutralised(value) == "'" + value


def test_the_csv_download_is_the_coordinators(client, survey, member, coordinator):
    url = reverse("participation:survey_results_csv", args=[survey.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def _bulk_answers(survey, number):
    single, multiple, scale, text = questions_of(survey)
    options = list(single.options.all())
    responses = Response.objects.bulk_create(
        Response(survey=survey, browser_hash=f"{number}-{index}") for index in range(number)
    )
    Answer.objects.bulk_create(
        answer
        for index, response in enumerate(responses)
        for answer in (
            Answer(response=response, question=single, option=options[index % 3]),
            Answer(response=response, question=scale, scale=index % 5 + 1),
            Answer(response=response, question=text, text=f"Svar {index}"),
        )
    )


@pytest.mark.parametrize("answers", [10, 10_000])
def test_results_page_queries_are_the_same_from_10_to_10000_answers(
    client, survey, coordinator, answers, django_assert_num_queries
):
    _bulk_answers(survey, answers)
    client.force_login(coordinator)
    # session, user, role, survey; questions, options, the grouped sums, the counts per
    # source; the free-text page and its count.
    with django_assert_num_queries(10):
        response = client.get(reverse("participation:survey_results", args=[survey.pk]))
    assert response.status_code == 200


def test_results_are_public_only_once_closed_and_if_the_coordinator_chose(client, lagan, coordinator):
    survey = make_survey(areas=[lagan.area], publish_results=True, by=coordinator)
    url = reverse("participation:public_results", args=[survey.pk])
    assert client.get(url).status_code == 404
    close(survey)
    assert client.get(url).status_code == 200
    assert "Resultat: " in client.get(lagan.area.get_absolute_url()).text
    Survey.objects.filter(pk=survey.pk).update(publish_results=False)
    assert client.get(url).status_code == 404


def test_an_open_survey_is_listed_on_its_areas_page_only(client, lagan, ryssby, survey):
    assert survey.title in client.get(lagan.area.get_absolute_url()).text
    assert survey.title not in client.get(ryssby.area.get_absolute_url()).text


def test_a_survey_for_all_areas_is_listed_everywhere(client, lagan, ryssby, coordinator):
    survey = make_survey(all_areas=True, by=coordinator)
    assert survey.title in client.get(ryssby.area.get_absolute_url()).text


# Building a survey ------------------------------------------------------------------------------


def test_the_coordinator_builds_a_survey_with_ordered_questions(client, coordinator, lagan):
    client.force_login(coordinator)
    response = client.post(
        reverse("participation:survey_create"),
        {"title": "Trygghet", "all_areas": "on", "opens_on": "2026-01-01", "closes_on": "2026-02-01"},
    )
    survey = Survey.objects.get(title="Trygghet")
    assert response.url == reverse("participation:survey_manage", args=[survey.pk])
    add = reverse("participation:question_add", args=[survey.pk])
    client.post(add, {"text": "Känner du dig trygg?", "kind": "scale", "required": "on"})
    client.post(add, {"text": "Var?", "kind": "single", "options": "Centrum\nBadplatsen"})
    second = survey.questions.get(text="Var?")

    client.post(reverse("participation:question_move", args=[second.pk]), {"direction": "up"})

    assert [question.text for question in survey.questions.all()] == ["Var?", "Känner du dig trygg?"]
    assert [option.label for option in second.options.all()] == ["Centrum", "Badplatsen"]


def test_a_choice_question_without_options_is_refused_next_to_the_field(client, coordinator, survey):
    client.force_login(coordinator)

    response = client.post(
        reverse("participation:question_add", args=[survey.pk]),
        {"text": "Vad?", "kind": "multiple", "options": "Bara en"},
    )

    assert "En flervalsfråga behöver minst två svarsalternativ" in response.text
    assert survey.questions.count() == 4


def test_a_survey_closing_before_it_opens_is_refused(client, coordinator, lagan):
    client.force_login(coordinator)

    response = client.post(
        reverse("participation:survey_create"),
        {"title": "Baklänges", "areas": [lagan.area.pk], "opens_on": "2026-02-01", "closes_on": "2026-01-01"},
    )

    assert "Enkäten måste stänga samma dag som den öppnar eller senare" in response.text
    assert not Survey.objects.filter(title="Baklänges").exists()


def test_the_coordinator_makes_class_codes_on_the_survey_page(client, coordinator, survey):
    client.force_login(coordinator)
    url = reverse("participation:class_codes_create", args=[survey.pk])

    made = client.post(url, {"number": "3", "label": "Lagans skola"}, follow=True)
    refused = client.post(url, {"number": "0", "label": ""})

    assert made.redirect_chain == [(reverse("participation:survey_manage", args=[survey.pk]), 302)]
    assert "Klasskoderna är skapade." in made.text
    assert refused.status_code == 200
    assert list(refused.context["codes_form"].errors) == ["number"]
    assert refused.templates[0].name == "participation/survey_manage.html"
    assert list(survey.class_codes.values_list("label", flat=True)) == ["Lagans skola"] * 3


def test_an_answer_before_the_survey_opens_is_refused_with_a_message(client, lagan, coordinator):
    survey = make_survey(areas=[lagan.area], opens_in=3, by=coordinator)
    client.get(answer_url(survey))

    response = client.post(answer_url(survey), resident_data(survey), follow=True)

    assert "Enkäten har inte öppnat ännu." in response.text
    assert not Response.objects.exists()


def test_questions_cannot_change_once_answered(survey):
    answer_as_resident(survey, "a")

    with pytest.raises(ParticipationError, match="Enkäten har svar"):
        services.question_add(survey=survey, text="Till", kind=Question.Kind.TEXT, required=False)


def test_the_survey_pages_are_the_coordinators(client, survey, member, official):
    for person in (member, official):
        client.force_login(person)
        assert client.get(reverse("participation:survey_list")).status_code == 403
        assert client.get(reverse("participation:survey_results", args=[survey.pk])).status_code == 403
    assert ClassCode.objects.count() == 0


@pytest.mark.parametrize("answers", [10, 2_000])
def test_public_results_page_queries_are_the_same_from_10_to_2000_answers(
    client, survey, answers, django_assert_num_queries
):
    survey.publish_results = True
    survey.save(update_fields=["publish_results"])
    close(survey)
    _bulk_answers(survey, answers)
    # the survey; its questions, options, the grouped sums and the counts per source; the
    # free-text answers' count and page.
    with django_assert_num_queries(PUBLIC_RESULTS_QUERIES):
        response = client.get(reverse("participation:public_results", args=[survey.pk]))
    assert response.status_code == 200


PUBLIC_RESULTS_QUERIES = 7


@pytest.mark.parametrize("surveys", [2, 25])
def test_survey_list_queries_do_not_grow_with_the_surveys(
    client, lagan, coordinator, surveys, django_assert_num_queries
):
    for _number in range(surveys):
        make_survey(areas=[lagan.area], by=coordinator)
    client.force_login(coordinator)
    # session, user, role groups, the count and the page of surveys, and their areas (one prefetch)
    with django_assert_num_queries(SURVEY_LIST_QUERIES):
        response = client.get(reverse("participation:survey_list"))
    assert response.status_code == 200


SURVEY_LIST_QUERIES = 6
