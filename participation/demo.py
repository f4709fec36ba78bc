"""Demo data of residents' voice: suggestions in every state in several areas, one closed survey
with results (residents and school classes) and one open survey. Idempotent: it does nothing
once there are suggestions."""

from datetime import timedelta

from django.utils import timezone

from groups.models import Area
from officials.models import Department
from participation import services
from participation.models import Channel, ClassLevel, Question, Suggestion, Survey

SUGGESTIONS = {
    "lagan": [
        (
            "Belysning på skolvägen",
            "Gång- och cykelvägen mellan skolan och Lagastrand är helt mörk på vintern.",
        ),
        ("Fler bänkar vid ån", "Äldre som promenerar längs Lagan behöver någonstans att vila."),
        ("Utegym vid idrottsplatsen", "Ett enkelt utegym skulle användas av både unga och gamla."),
        ("Återvinningsstationen töms för sällan", "Det är överfullt varje helg."),
        ("Reklam för min firma", "Köp våra fönster!"),
        ("Bokbuss på lördagar", "Biblioteksbussen kommer bara när alla är på jobbet."),
    ],
    "ryssby": [
        ("Badflotte vid Ryssbysjön", "Barnen saknar flotten som togs bort."),
        ("Hastighetsskylt på Storgatan", "Bilarna kör för fort förbi förskolan."),
        ("Bygdegården behöver ny ramp", "Det är svårt att komma in med rullator."),
    ],
    "hamneda": [
        ("Laddstolpe vid affären", "Turister med elbil stannar inte i Hamneda i dag."),
        ("Skylta vandringsleden", "Leden längs Lagan är svår att hitta."),
    ],
}


def seed_participation(coordinator, representatives) -> None:
    if Suggestion.objects.exists():
        return
    department = Department.objects.order_by("name").first()
    for slug, rows in SUGGESTIONS.items():
        area = Area.objects.get(slug=slug)
        made = []
        for number, (title, text) in enumerate(rows):
            if number % 3 == 2 and representatives.get(slug):
                suggestion = services.suggestion_register(
                    area=area, by=representatives[slug][0], title=title, text=text, channel=Channel.PAPER
                )
            else:
                suggestion = services.suggestion_submit(
                    area=area,
                    title=title,
                    text=text,
                    name="Kerstin Demo" if number == 0 else "",
                    show_name=number == 0,
                    client_ip=f"192.0.2.{number + 1}",
                )
            made.append(suggestion)
        # One of each outcome where there are enough, the last left waiting.
        outcomes = [
            lambda s: services.suggestion_publish(suggestion=s, by=coordinator),
            lambda s: services.suggestion_to_issue(suggestion=s, by=coordinator, department=department),
            lambda s: services.suggestion_publish(suggestion=s, by=coordinator),
            lambda s: services.suggestion_hide(
                suggestion=s,
                by=coordinator,
                reason="Gäller en enskild fastighet; vi har svarat personen direkt.",
            ),
            lambda s: services.suggestion_hide(suggestion=s, by=coordinator, reason="Reklam."),
        ]
        for suggestion, outcome in zip(made[:-1], outcomes, strict=False):
            outcome(suggestion)
        if services.next_open_meeting(area) is not None and len(made) > 2:
            services.suggestion_to_agenda(suggestion=made[2], by=coordinator)
    _seed_surveys(coordinator)


def _seed_surveys(coordinator):
    if Survey.objects.exists():
        return
    today = timezone.localdate()
    closed = Survey(
        title="Vad är viktigast för Lagan de kommande åren?",
        description="En kort enkät inför den lokala utvecklingsgruppens årsmöte.",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=10),
        publish_results=True,
    )
    services.survey_save(
        survey=closed, areas=list(Area.objects.filter(slug__in=["lagan", "hamneda"])), by=coordinator
    )
    single = services.question_add(
        survey=closed,
        text="Vad är viktigast?",
        kind=Question.Kind.SINGLE,
        required=True,
        options=[
            "Skolan och förskolan",
            "Vägar och cykelvägar",
            "Butiken och servicen",
            "Fritid och föreningar",
        ],
    )
    multiple = services.question_add(
        survey=closed,
        text="Vilka platser använder du?",
        kind=Question.Kind.MULTIPLE,
        required=False,
        options=["Biblioteket", "Badplatsen", "Idrottsplatsen", "Bygdegården"],
    )
    scale = services.question_add(
        survey=closed, text="Hur trivs du i Lagan?", kind=Question.Kind.SCALE, required=True
    )
    text = services.question_add(
        survey=closed, text="Något mer du vill säga?", kind=Question.Kind.TEXT, required=False
    )
    # The survey is answered while it was open: the dates are moved back afterwards.
    Survey.objects.filter(pk=closed.pk).update(closes_on=today)
    closed.refresh_from_db()
    single_options, multiple_options = list(single.options.all()), list(multiple.options.all())
    comments = ["Mer belysning, tack!", "", "Behåll bussen till Ljungby.", "", "Bra att ni frågar."]
    for number in range(40):
        services.response_submit(
            survey=closed,
            token=f"demo-{number}",
            answers={
                single: single_options[(number * 7) % 4],
                multiple: multiple_options[: number % 4 + 1],
                scale: number % 5 + 1,
                text: comments[number % 5],
            },
        )
    for level, pupils, counts in [
        (ClassLevel.YEARS_4_6, 22, (9, 3, 2, 8)),
        (ClassLevel.YEARS_7_9, 26, (6, 5, 3, 12)),
    ]:
        code = services.class_codes_create(survey=closed, number=1, label="Lagaskolan")[0]
        numbers = {(single, option): count for option, count in zip(single_options, counts, strict=True)}
        numbers.update({(scale, value): pupils // 5 for value in Question.SCALE})
        services.class_response_submit(
            survey=closed, code=code.code, class_level=level, pupils=pupils, counts=numbers
        )
    Survey.objects.filter(pk=closed.pk).update(closes_on=today - timedelta(days=10))

    open_survey = Survey(
        title="Trygghet i byarna",
        description="Inför trygghetsdialogerna i höst vill vi veta var du känner dig trygg.",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=30),
        all_areas=True,
    )
    services.survey_save(survey=open_survey, areas=[], by=coordinator)
    services.question_add(
        survey=open_survey,
        text="Hur trygg känner du dig när det är mörkt ute?",
        kind=Question.Kind.SCALE,
        required=True,
    )
    services.question_add(
        survey=open_survey,
        text="Var känner du dig otrygg?",
        kind=Question.Kind.MULTIPLE,
        required=False,
        options=["Vid busshållplatsen", "På gång- och cykelvägar", "I centrum", "Ingenstans"],
    )
    services.question_add(
        survey=open_survey, text="Vad skulle göra det tryggare?", kind=Question.Kind.TEXT, required=False
    )
    services.class_codes_create(survey=open_survey, number=3, label="Ryssby skola")
