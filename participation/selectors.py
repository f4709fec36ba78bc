"""Reads that pages share: the area page's suggestions and surveys, the moderation queue, and a
survey's results, counted in the database so that the page does not grow with the answers."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, Sum

from core.conditions import through
from groups.models import Area
from participation.models import Answer, Channel, Question, Response, Suggestion, Support, Survey, waiting

# The area page shows the latest few; the members' page is paginated.
AREA_PAGE_SUGGESTIONS = 10


def _published_in(area):
    return Suggestion.objects.public().filter(area=area)


def public_suggestions(area):
    return (
        _published_in(area)
        .select_related("proposal__meeting", "issue__department")
        .annotate(support_count=Count("supports"))
        .order_by("-created_at", "-id")
    )


def suggestions_for_members(area, user):
    return public_suggestions(area).annotate(
        supported=Exists(Support.objects.filter(suggestion=OuterRef("pk"), person=user.pk))
    )


def area_participation(area) -> dict:
    """What the area page shows of residents' voice: the latest published suggestions with
    the total, the open surveys and the closed ones whose results are published."""
    surveys = Survey.objects.for_area(area)
    return {
        "suggestions": list(public_suggestions(area)[:AREA_PAGE_SUGGESTIONS]),
        # Counted without the supports: joined and grouped, every suggestion's supports were read.
        "suggestion_total": _published_in(area).count(),
        "open_surveys": list(surveys.open().order_by("closes_on")[:10]),
        "published_results": list(surveys.closed().filter(publish_results=True).order_by("-closes_on")[:10]),
    }


def moderation_queue(area):
    return Suggestion.objects.filter(area=area).select_related(
        "registered_by", "proposal__meeting", "issue__department"
    )


def waiting_per_area():
    """Every area with the number of suggestions waiting in its queue: those with the most
    waiting first, then by name (the moderation overview pages them)."""
    # Joined to the waiting suggestions only (index suggestion_waiting), not to every suggestion
    # ever received with the others filtered out of the count.
    return Area.objects.annotate(
        waiting_suggestions=FilteredRelation("suggestions", condition=through("suggestions", waiting())),
        waiting=Count("waiting_suggestions"),
    ).order_by("-waiting", "name")


@dataclass
class Bar:
    label: str
    residents: int = 0
    classes: int = 0

    @property
    def total(self) -> int:
        return self.residents + self.classes


@dataclass
class QuestionResult:
    question: Question
    bars: list[Bar] = field(default_factory=list)
    answered: int = 0

    @property
    def largest(self) -> int:
        return max([max(bar.residents, bar.classes) for bar in self.bars] + [1])


@dataclass
class Results:
    survey: Survey
    questions: list[QuestionResult]
    residents: int
    classes: int
    pupils: int

    @property
    def has_classes(self) -> bool:
        return self.classes > 0


def survey_results(survey) -> Results:
    """Counts per question, option (or scale value) and source, in three queries whatever the
    number of answers: the questions, their options, and one grouped sum."""
    questions = list(survey.questions.prefetch_related("options"))
    sums = (
        Answer.objects.filter(question_id__in=[question.pk for question in questions])
        .filter(Q(option__isnull=False) | Q(scale__isnull=False))
        .values("question_id", "source", "option_id", "scale")
        .annotate(total=Sum("count"))
        .order_by()
    )
    counted = {}
    for row in sums:
        key = (row["question_id"], row["option_id"] or row["scale"])
        counted.setdefault(key, {})[row["source"]] = row["total"]
    per_source = {
        row["source"]: row
        for row in Response.objects.filter(survey=survey)
        .values("source")
        .annotate(responses=Count("id"), pupils=Sum("pupils"))
        .order_by()
    }
    results = []
    for question in questions:
        if question.is_free_text:
            results.append(QuestionResult(question))
            continue
        choices = (
            [(value, str(value)) for value in Question.SCALE]
            if question.is_scale
            else [(option.pk, option.label) for option in question.options.all()]
        )
        bars = []
        for key, label in choices:
            numbers = counted.get((question.pk, key), {})
            bars.append(
                Bar(
                    label,
                    residents=numbers.get(Response.Source.RESIDENT, 0),
                    classes=numbers.get(Response.Source.SCHOOL_CLASS, 0),
                )
            )
        results.append(QuestionResult(question, bars))
    residents = per_source.get(Response.Source.RESIDENT, {})
    classes = per_source.get(Response.Source.SCHOOL_CLASS, {})
    return Results(
        survey,
        results,
        residents=residents.get("responses", 0),
        classes=classes.get("responses", 0),
        pupils=classes.get("pupils", 0) or 0,
    )


def free_text_answers(results: Results):
    """The free-text answers of the survey's text questions, in the order of the questions as
    made (an index walk, so that a page of them costs the same at any number of answers). An
    empty answer is never stored."""
    text_questions = [result.question.pk for result in results.questions if result.question.is_free_text]
    return (
        Answer.objects.filter(question_id__in=text_questions)
        .select_related("question")
        .order_by("question_id", "id")
    )


def suggestions_by_channel(start, end) -> dict[str, int]:
    """How many suggestions came in by each channel between two dates (inclusive), for the
    reports: {channel: count}, every channel present."""
    counts = dict(
        Suggestion.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
        .values_list("channel")
        .annotate(total=Count("id"))
        .order_by()
    )
    return {channel: counts.get(channel, 0) for channel in Channel.values}
