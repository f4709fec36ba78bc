import secrets

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services import client_ip
from core.errors import DomainError
from core.http import paginate, permission_required, require_permission, submit_form
from groups.filters import AreaSearch
from groups.models import Area
from participation import charts, exports, posters, selectors, services
from participation.forms import (
    ClassCodesForm,
    ClassResponseForm,
    HideForm,
    IssueForm,
    QuestionForm,
    ResponseForm,
    SuggestionForm,
    SuggestionRegisterForm,
    SurveyForm,
)
from participation.models import Question, Suggestion, Survey

PER_PAGE = 25
AREAS_PER_PAGE = 30
FREE_TEXT_PER_PAGE = 50
# One cookie for every survey: a random token, signed; only its hash per survey is stored.
BROWSER_COOKIE = "lg_enkat"
BROWSER_COOKIE_SALT = "participation.browser"
BROWSER_COOKIE_AGE = 400 * 24 * 3600


def _area(slug) -> Area:
    return get_object_or_404(Area.objects.select_related("group"), slug=slug)


def _fail(request, error: DomainError):
    messages.error(request, error.message)


# The public suggestion box -------------------------------------------------------------------


def suggestion_box(request, slug):
    area = _area(slug)
    form = SuggestionForm(request.POST or None)
    created = submit_form(
        request,
        form,
        lambda data: services.suggestion_submit(
            area=area,
            title=data["title"],
            text=data["text"],
            name=data["name"],
            reply_email=data["reply_email"],
            show_name=data["show_name"],
            client_ip=client_ip(request),
            form_token=data["form_token"],
        ),
        _("Thank you! The suggestion has been received."),
    )
    if created:
        return redirect("participation:suggestion_thanks", slug=area.slug)
    return render(request, "participation/suggestion_box.html", {"area": area, "form": form})


def suggestion_thanks(request, slug):
    return render(request, "participation/suggestion_thanks.html", {"area": _area(slug)})


# Moderation: the coordinator ----------------------------------------------------------------


@permission_required("participation.moderate_suggestions")
def moderation_overview(request):
    search = AreaSearch(request.GET, queryset=selectors.waiting_per_area())
    return render(
        request,
        "participation/moderation_overview.html",
        {"filter": search, **paginate(request, search.qs, AREAS_PER_PAGE)},
    )


@permission_required("participation.moderate_suggestions")
def moderation_queue(request, slug):
    area = _area(slug)
    waiting_only = request.GET.get("visa") != "alla"
    suggestions = selectors.moderation_queue(area)
    if waiting_only:
        suggestions = suggestions.waiting()
    page = Paginator(suggestions, PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "area": area,
        "page": page,
        "waiting_only": waiting_only,
        "query_without_page": "" if waiting_only else "visa=alla",
        "meeting": services.next_open_meeting(area),
    }
    return render(request, "participation/moderation_queue.html", context)


def _suggestion(pk) -> Suggestion:
    return get_object_or_404(Suggestion.objects.select_related("area"), pk=pk)


def _back_to_queue(suggestion):
    return redirect("participation:moderation_queue", slug=suggestion.area.slug)


def _decide(request, pk, decide, success_message):
    """A moderation decision that needs nothing more (publish, propose for the agenda): one
    service, its refusal or the success said, back to the queue."""
    suggestion = _suggestion(pk)
    try:
        decide(suggestion=suggestion, by=request.user)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, success_message)
    return _back_to_queue(suggestion)


def _decide_with_form(request, pk, form_class, decide, success_message, heading):
    """A moderation decision with a form (the reason, the department): its page, then one
    service with the form's fields; a refusal shows on the form."""
    suggestion = _suggestion(pk)
    form = form_class(request.POST or None)
    if submit_form(
        request, form, lambda data: decide(suggestion=suggestion, by=request.user, **data), success_message
    ):
        return _back_to_queue(suggestion)
    return render(
        request,
        "participation/suggestion_decide.html",
        {"suggestion": suggestion, "form": form, "here": heading},
    )


@require_POST
@permission_required("participation.moderate_suggestions")
def suggestion_publish(request, pk):
    return _decide(
        request, pk, services.suggestion_publish, _("The suggestion is published on the area page.")
    )


@require_POST
@permission_required("participation.moderate_suggestions")
def suggestion_to_agenda(request, pk):
    return _decide(
        request,
        pk,
        services.suggestion_to_agenda,
        _("The suggestion is now a proposal for the agenda of the group's next meeting."),
    )


@permission_required("participation.moderate_suggestions")
def suggestion_hide(request, pk):
    return _decide_with_form(
        request,
        pk,
        HideForm,
        services.suggestion_hide,
        _("The suggestion is not published; the reason is kept."),
        _("Do not publish"),
    )


@permission_required("participation.moderate_suggestions")
def suggestion_to_issue(request, pk):
    return _decide_with_form(
        request,
        pk,
        IssueForm,
        services.suggestion_to_issue,
        _("The suggestion is raised as an issue."),
        _("Raise as an issue"),
    )


# Registered for others, and the members' view --------------------------------------------


def suggestion_register(request, slug):
    area = _area(slug)
    require_permission(request.user, "participation.register_suggestion", area)
    form = SuggestionRegisterForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.suggestion_register(area=area, by=request.user, **data),
        _("The suggestion is registered."),
    ):
        return redirect("participation:suggestion_register", slug=area.slug)
    return render(request, "participation/suggestion_register.html", {"area": area, "form": form})


def member_suggestions(request, slug):
    area = _area(slug)
    require_permission(request.user, "participation.view_member_suggestions", area)
    page = Paginator(selectors.suggestions_for_members(area, request.user), PER_PAGE).get_page(
        request.GET.get("sida")
    )
    may_support = request.user.has_perm(
        "participation.register_suggestion", area
    ) and not request.user.has_perm("participation.moderate_suggestions")
    context = {"area": area, "page": page, "may_support": may_support}
    return render(request, "participation/member_suggestions.html", context)


@require_POST
def suggestion_support(request, pk):
    suggestion = _suggestion(pk)
    require_permission(request.user, "participation.support_suggestion", suggestion)
    try:
        services.suggestion_support(suggestion=suggestion, by=request.user)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("You support the suggestion."))
    return redirect("participation:member_suggestions", slug=suggestion.area.slug)


# Surveys: the coordinator ----------------------------------------------------------------


@permission_required("participation.manage_surveys")
def survey_list(request):
    page = Paginator(Survey.objects.prefetch_related("areas"), PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "participation/survey_list.html", {"page": page})


@permission_required("participation.manage_surveys")
def survey_edit(request, pk=None):
    survey = get_object_or_404(Survey, pk=pk) if pk else None
    form = SurveyForm(request.POST or None, instance=survey)
    saved = submit_form(
        request,
        form,
        lambda data: services.survey_save(survey=form.instance, areas=data["areas"], by=request.user),
        _("The survey is saved."),
    )
    if saved:
        return redirect("participation:survey_manage", pk=saved.pk)
    return render(request, "participation/survey_form.html", {"survey": survey, "form": form})


def _survey_for_managing(pk) -> Survey:
    return get_object_or_404(Survey.objects.prefetch_related("areas"), pk=pk)


def _question_form(pk, data=None) -> QuestionForm:
    return QuestionForm(data, action=reverse("participation:question_add", args=[pk]))


def _codes_form(pk, data=None) -> ClassCodesForm:
    return ClassCodesForm(data, action=reverse("participation:class_codes_create", args=[pk]))


@permission_required("participation.manage_surveys")
def survey_manage(request, pk, *, question_form=None, codes_form=None):
    survey = _survey_for_managing(pk)
    context = {
        "survey": survey,
        "questions": survey.questions.prefetch_related("options"),
        "question_form": question_form or _question_form(pk),
        "codes_form": codes_form or _codes_form(pk),
        "class_codes": survey.class_codes.select_related("response")[:200],
        "has_answers": survey.responses.exists(),
    }
    return render(request, "participation/survey_manage.html", context)


def _survey_page_form(request, pk, make_form, act, success_message, shown_as):
    """A form of the survey's page, posted to its own address: one service with the form's
    fields, then back to the page; refused, the page again with the form and its errors."""
    survey = _survey_for_managing(pk)
    form = make_form(pk, request.POST)
    if submit_form(request, form, lambda data: act(survey=survey, **data), success_message):
        return redirect("participation:survey_manage", pk=survey.pk)
    return survey_manage(request, pk, **{shown_as: form})


@require_POST
@permission_required("participation.manage_surveys")
def question_add(request, pk):
    return _survey_page_form(
        request, pk, _question_form, services.question_add, _("The question is added."), "question_form"
    )


@require_POST
@permission_required("participation.manage_surveys")
def question_move(request, pk):
    question = get_object_or_404(Question, pk=pk)
    services.question_move(question=question, up=request.POST.get("direction") == "up")
    return redirect("participation:survey_manage", pk=question.survey_id)


@require_POST
@permission_required("participation.manage_surveys")
def question_remove(request, pk):
    question = get_object_or_404(Question.objects.select_related("survey"), pk=pk)
    try:
        services.question_remove(question=question)
    except DomainError as error:
        _fail(request, error)
    return redirect("participation:survey_manage", pk=question.survey_id)


@require_POST
@permission_required("participation.manage_surveys")
def class_codes_create(request, pk):
    return _survey_page_form(
        request, pk, _codes_form, services.class_codes_create, _("The class codes are made."), "codes_form"
    )


def _results_context(request, survey):
    results = selectors.survey_results(survey)
    drawn = [
        (
            result,
            None
            if result.question.is_free_text
            else charts.chart(
                result,
                residents_name=_("Residents"),
                classes_name=_("School classes"),
                with_classes=results.has_classes,
            ),
        )
        for result in results.questions
    ]
    page = Paginator(selectors.free_text_answers(results), FREE_TEXT_PER_PAGE).get_page(
        request.GET.get("sida")
    )
    return {"survey": survey, "results": results, "drawn": drawn, "page": page}


@permission_required("participation.manage_surveys")
def survey_results(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    return render(request, "participation/survey_results.html", _results_context(request, survey))


@permission_required("participation.manage_surveys")
def survey_results_csv(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    response = HttpResponse(exports.results_csv(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enkat-{survey.pk}.csv"'
    return response


# Surveys: residents and school classes ------------------------------------------------------


def public_results(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    if not survey.shows_results_publicly:
        raise Http404
    context = _results_context(request, survey)
    context["public"] = True
    return render(request, "participation/survey_results.html", context)


def _browser_token(request) -> tuple[str, bool]:
    """The browser's token from its signed cookie, or a new one (True: set the cookie)."""
    token = request.get_signed_cookie(BROWSER_COOKIE, default="", salt=BROWSER_COOKIE_SALT)
    if token:
        return token, False
    return secrets.token_urlsafe(32), True


def survey_answer(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    token, new = _browser_token(request)
    answered = not new and survey.responses.filter(browser_hash=services.browser_hash(survey, token)).exists()
    questions = list(survey.questions.prefetch_related("options"))
    form = None
    if survey.is_open and not answered:
        form = ResponseForm(request.POST or None, survey=survey, questions=questions)
        if submit_form(
            request,
            form,
            lambda data: services.response_submit(survey=survey, token=token, answers=form.answers()),
            _("Thank you for your answers!"),
        ):
            response = redirect("participation:survey_thanks", pk=survey.pk)
            _set_browser_cookie(response, token)
            return response
    elif request.method == "POST":
        try:
            services.response_check(survey=survey, token=token)
        except DomainError as error:
            _fail(request, error)
    response = render(
        request, "participation/survey_answer.html", {"survey": survey, "form": form, "answered": answered}
    )
    if new:
        _set_browser_cookie(response, token)
    return response


def _set_browser_cookie(response, token):
    response.set_signed_cookie(
        BROWSER_COOKIE,
        token,
        salt=BROWSER_COOKIE_SALT,
        max_age=BROWSER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def survey_thanks(request, pk):
    return render(request, "participation/survey_thanks.html", {"survey": get_object_or_404(Survey, pk=pk)})


def class_answer(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    questions = list(survey.questions.prefetch_related("options"))
    form = ClassResponseForm(request.POST or None, questions=questions)
    if submit_form(
        request,
        form,
        lambda data: services.class_response_submit(
            survey=survey,
            code=data["code"],
            class_level=data["class_level"],
            pupils=data["pupils"],
            counts=form.counts(),
        ),
        _("Thank you! The class's answers are received."),
    ):
        return redirect("participation:survey_thanks", pk=survey.pk)
    return render(request, "participation/class_answer.html", {"survey": survey, "form": form})


# Posters ------------------------------------------------------------------------------------


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def suggestion_box_poster(request, slug):
    area = _area(slug)
    url = settings.SITE_URL + reverse("participation:suggestion_box", args=[area.slug])
    content = posters.render_poster(
        heading=_("Suggestion box of %(area)s") % {"area": area.name},
        text=_("Do you have an idea or a wish for %(area)s? Leave a suggestion.") % {"area": area.name},
        url=url,
    )
    return _pdf(content, f"forslagslada-{area.slug}.pdf")


def survey_poster(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    url = settings.SITE_URL + reverse("participation:survey_answer", args=[survey.pk])
    content = posters.render_poster(
        heading=survey.title,
        text=_("Answer the survey by %(closes)s.") % {"closes": date_format(survey.closes_on, "j F Y")},
        url=url,
    )
    return _pdf(content, f"enkat-{survey.pk}.pdf")
