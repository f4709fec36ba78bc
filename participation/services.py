"""Every write that matters for suggestions and surveys. Each transition of a suggestion is one
function: it locks the row, checks Suggestion.TRANSITIONS, records the event, queues the one
outcome mail to the resident and forgets the address."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import activity, once, ratelimit
from core.mail import queue_mail
from issues.services import issue_create
from meetings.models import Meeting
from meetings.services import proposal_submit_for_residents
from participation.errors import ParticipationError
from participation.models import (
    Answer,
    Channel,
    ClassCode,
    Question,
    Response,
    Suggestion,
    SuggestionAction,
    Support,
    Survey,
)

# Flood protection of the public box, counted in the database so that it holds across app
# servers: a person types a few suggestions an hour, not fifty a minute.
PER_CLIENT = ratelimit.Limit("suggestion-client", 5, timedelta(hours=1))
PER_AREA = ratelimit.Limit("suggestion-area", 60, timedelta(hours=1))


def _rate_limited(message):
    return ParticipationError(message, code="rate_limited")


def _receive(*, form_token, by=None, detail="", **fields) -> tuple[Suggestion, bool]:
    """Store a suggestion (its name shown only if there is one), or find the one the same form
    stored before; True if it is new."""
    suggestion = Suggestion(**fields, registered_by=by, form_token=form_token)
    suggestion.show_name = suggestion.show_name and bool(suggestion.name)
    # The token is checked by create_once, which answers a repeat with the row stored.
    suggestion.full_clean(exclude=["form_token"])
    suggestion, created = once.create_once(suggestion, Suggestion.objects.all())
    if created:
        activity.record(suggestion, SuggestionAction.RECEIVED, by, detail=detail)
    return suggestion, created


@transaction.atomic
def suggestion_submit(
    *, area, title, text, name="", reply_email="", show_name=False, client_ip=None, form_token=None
) -> Suggestion:
    """A resident's suggestion from the public form, within the limits per client and per area.
    The same form sent again (`form_token`: a double click, a reload) stores it once, counts
    once against the limits, and answers with the one stored."""
    sent = once.sent_before(Suggestion.objects.all(), form_token)
    if sent is not None:
        return sent
    client = client_ip or ""
    if ratelimit.is_limited(PER_CLIENT, client):
        raise _rate_limited(
            _(
                "You have sent many suggestions in a short time. Wait an hour and try again, or call the municipality."
            )
        )
    if ratelimit.is_limited(PER_AREA, area.slug):
        raise _rate_limited(
            _(
                "The suggestion box of this area has received very many suggestions just now. Try again in an hour."
            )
        )
    suggestion, created = _receive(
        area=area,
        title=title,
        text=text,
        name=name,
        reply_email=reply_email,
        show_name=show_name,
        channel=Channel.WEB,
        form_token=form_token,
    )
    if created:
        ratelimit.record(PER_CLIENT, client)
        ratelimit.record(PER_AREA, area.slug)
    return suggestion


@transaction.atomic
def suggestion_register(
    *, area, by, title, text, channel, name="", reply_email="", show_name=False, form_token=None
) -> Suggestion:
    """A suggestion that came on paper, by phone, at a meeting or from a school class,
    registered by the coordinator or a representative of the area's group (rules decide who).
    The same form sent again stores it once."""
    sent = once.sent_before(Suggestion.objects.all(), form_token)
    if sent is not None:
        return sent
    if channel == Channel.WEB or channel not in Channel.values:
        raise ParticipationError(_("Choose how the suggestion came in."), code="channel")
    suggestion, _created = _receive(
        area=area,
        title=title,
        text=text,
        name=name,
        reply_email=reply_email,
        show_name=show_name,
        channel=channel,
        by=by,
        detail=channel,
        form_token=form_token,
    )
    return suggestion


def _locked(suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().select_related("area").get(pk=suggestion.pk)


def _require(suggestion, target) -> None:
    """The table allows the move, or the coordinator is told the suggestion was handled."""
    Suggestion.TRANSITIONS.require(
        suggestion.status,
        target,
        ParticipationError(_("The suggestion has already been handled in another way."), code="handled"),
    )


def _move(suggestion, target, *, by, action, detail=""):
    """Check the table, set the state, record the event, tell the resident once, and forget
    their address (it was kept only for this mail)."""
    _require(suggestion, target)
    suggestion.status = target
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    if suggestion.reply_email and suggestion.outcome_mailed_at is None:
        queue_mail(
            to=[suggestion.reply_email],
            template="participation/suggestion_outcome",
            context={"suggestion": suggestion, "area": suggestion.area},
            about=f"participation.suggestion:{suggestion.pk}",
        )
        suggestion.outcome_mailed_at = suggestion.decided_at
        suggestion.reply_email = ""
    suggestion.save()
    activity.record(suggestion, action, by, detail)
    return suggestion


@transaction.atomic
def suggestion_publish(*, suggestion, by) -> Suggestion:
    return _move(_locked(suggestion), Suggestion.Status.PUBLISHED, by=by, action=SuggestionAction.PUBLISHED)


@transaction.atomic
def suggestion_hide(*, suggestion, by, reason) -> Suggestion:
    if not reason.strip():
        raise ParticipationError(_("Write why the suggestion is not published."), code="reason")
    suggestion = _locked(suggestion)
    suggestion.hidden_reason = reason
    return _move(suggestion, Suggestion.Status.HIDDEN, by=by, action=SuggestionAction.HIDDEN, detail=reason)


def next_open_meeting(area):
    """The group's next meeting that calls for agenda proposals, or None."""
    return (
        Meeting.objects.filter(group__area=area, status=Meeting.Status.OPEN, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def suggestion_to_agenda(*, suggestion, by) -> Suggestion:
    suggestion = _locked(suggestion)
    meeting = next_open_meeting(suggestion.area)
    if meeting is None:
        raise ParticipationError(
            _("The group has no meeting open for agenda proposals. Open the call for proposals first."),
            code="no_open_meeting",
        )
    # Check before the proposal is made, so that a refused move leaves nothing behind.
    _require(suggestion, Suggestion.Status.AGENDA_PROPOSAL)
    suggestion.proposal = proposal_submit_for_residents(
        meeting=meeting,
        by=by,
        title=suggestion.title,
        description=_("A suggestion from the suggestion box of %(area)s:") % {"area": suggestion.area.name}
        + "\n\n"
        + suggestion.text,
    )
    return _move(
        suggestion,
        Suggestion.Status.AGENDA_PROPOSAL,
        by=by,
        action=SuggestionAction.TO_AGENDA,
        detail=meeting.title,
    )


@transaction.atomic
def suggestion_to_issue(*, suggestion, by, department) -> Suggestion:
    suggestion = _locked(suggestion)
    # Check before the issue is raised, so that a refused move leaves nothing behind.
    _require(suggestion, Suggestion.Status.ISSUE)
    group = getattr(suggestion.area, "group", None)
    if group is None:
        raise ParticipationError(_("The area has no group to raise the issue in."), code="no_group")
    suggestion.issue = issue_create(
        group=group,
        title=suggestion.title,
        description=suggestion.text,
        department=department,
        by=by,
        public=True,
    )
    return _move(
        suggestion, Suggestion.Status.ISSUE, by=by, action=SuggestionAction.TO_ISSUE, detail=department.name
    )


def suggestion_support(*, suggestion, by) -> Support:
    """A representative's support of a published suggestion: once (a second time is refused)."""
    suggestion = Suggestion.objects.get(pk=suggestion.pk)
    if not suggestion.is_public:
        raise ParticipationError(_("Only published suggestions can be supported."), code="not_public")
    try:
        with transaction.atomic():
            return Support.objects.create(suggestion=suggestion, person=by)
    except IntegrityError:
        raise ParticipationError(_("You already support this suggestion."), code="supported") from None


# Surveys -----------------------------------------------------------------------------------------


def browser_hash(survey, token: str) -> str:
    """What is stored of a browser's token: its hash, per survey (the same browser cannot be
    followed from one survey to another)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{survey.pk}:{token}".encode()).hexdigest()


def _survey_open(survey):
    if not survey.is_open:
        if survey.is_closed:
            raise ParticipationError(_("The survey has closed; answers are no longer taken."), code="closed")
        raise ParticipationError(_("The survey has not opened yet."), code="not_open")


def _answered_already():
    return ParticipationError(_("This browser has already answered the survey."), code="answered")


def response_check(*, survey, token) -> None:
    """Why the browser cannot answer the survey now (closed, not open yet, answered already),
    as a ParticipationError; nothing if it can. The answer page tells a form sent anyway."""
    _survey_open(survey)
    if Response.objects.filter(survey=survey, browser_hash=browser_hash(survey, token)).exists():
        raise _answered_already()


@transaction.atomic
def response_submit(*, survey, token, answers) -> Response:
    """A resident's answers. `answers`: {question: value}, value an Option, a list of Options,
    an int 1–5 or a text (the form checked each belongs to its question). One per browser."""
    response_check(survey=survey, token=token)
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, browser_hash=browser_hash(survey, token))
    except IntegrityError:
        raise _answered_already() from None
    rows = []
    for question, value in answers.items():
        if value in (None, "", []):
            continue
        if question.kind == Question.Kind.MULTIPLE:
            rows += [Answer(response=response, question=question, option=option) for option in value]
        elif question.kind == Question.Kind.SINGLE:
            rows.append(Answer(response=response, question=question, option=value))
        elif question.kind == Question.Kind.SCALE:
            rows.append(Answer(response=response, question=question, scale=int(value)))
        else:
            rows.append(Answer(response=response, question=question, text=value))
    Answer.objects.bulk_create(rows)
    return response


def class_code_for(survey, code: str) -> ClassCode:
    """The unused class code of an open survey, or a ParticipationError that says why not."""
    class_code = ClassCode.objects.filter(code=code.strip().upper()).select_related("survey").first()
    if class_code is None or class_code.survey_id != survey.pk:
        raise ParticipationError(_("The class code is not valid for this survey."), code="unknown_code")
    _survey_open(survey)
    if Response.objects.filter(class_code=class_code).exists():
        raise ParticipationError(_("The class code has already been used."), code="used_code")
    return class_code


@transaction.atomic
def class_response_submit(*, survey, code, class_level, pupils, counts) -> Response:
    """A school class's answers as counts: `counts` is {(question, option or scale value): n}.
    No child's personal data is asked or stored."""
    class_code = class_code_for(survey, code)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                source=Response.Source.SCHOOL_CLASS,
                class_code=class_code,
                class_level=class_level,
                pupils=pupils,
            )
    except IntegrityError:
        raise ParticipationError(_("The class code has already been used."), code="used_code") from None
    rows = []
    for (question, choice), number in counts.items():
        if not number:
            continue
        if question.is_scale:
            rows.append(
                Answer(
                    response=response, question=question, scale=choice, count=number, source=response.source
                )
            )
        else:
            rows.append(
                Answer(
                    response=response, question=question, option=choice, count=number, source=response.source
                )
            )
    Answer.objects.bulk_create(rows)
    return response


@transaction.atomic
def survey_save(*, survey, areas, by) -> Survey:
    if survey.created_by_id is None:
        survey.created_by = by
    survey.full_clean()
    survey.save()
    survey.areas.set([] if survey.all_areas else areas)
    return survey


@transaction.atomic
def question_add(*, survey, text, kind, required, options=()) -> Question:
    if survey.responses.exists():
        raise ParticipationError(
            _("The survey has answers; its questions can no longer change."), code="answered"
        )
    position = (survey.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    question = Question.objects.create(
        survey=survey, text=text, kind=kind, required=required, position=position
    )
    if question.has_options:
        if len(options) < 2:
            raise ParticipationError(_("A choice question needs at least two options."), code="options")
        question.options.bulk_create(
            [
                question.options.model(question=question, position=number, label=label)
                for number, label in enumerate(options, 1)
            ]
        )
    return question


@transaction.atomic
def question_move(*, question, up: bool) -> None:
    siblings = list(
        Question.objects.select_for_update().filter(survey=question.survey_id).order_by("position", "id")
    )
    index = next(index for index, sibling in enumerate(siblings) if sibling.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, 1):
        if sibling.position != position:
            Question.objects.filter(pk=sibling.pk).update(position=position)


@transaction.atomic
def question_remove(*, question) -> None:
    if question.survey.responses.exists():
        raise ParticipationError(
            _("The survey has answers; its questions can no longer change."), code="answered"
        )
    question.delete()


def class_codes_create(*, survey, number: int, label="") -> list[ClassCode]:
    return [ClassCode.objects.create(survey=survey, label=label) for _ in range(number)]
