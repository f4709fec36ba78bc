"""Demo minutes and issues for seed_demo: minutes in every state, issues in every status."""

from groups.services import current_main_contact
from issues import services as issue_services
from issues.models import Issue
from meetings.models import Meeting
from minutes import services
from minutes.models import MinutesReview, SignOff
from officials.models import Committee, Department

NOTES = {
    "Mötet öppnas": (
        "Samordnaren hälsade välkommen. Deltagarna presenterade sig.",
        "Dagordningen godkändes.",
    ),
    "Uppföljning av gruppens öppna sakfrågor": (
        "Kommunen redovisade läget i de frågor som togs upp vid förra mötet.",
        "Frågorna om skyltning och parkering följs upp igen till nästa möte.",
    ),
    "Belysning längs gång- och cykelvägen": (
        "Flera föräldrar har hört av sig om att vägen mot skolan är mörk. Trafikingenjören berättade att "
        "sträckan finns med i planen för belysning men att budgeten för i år är fördelad.",
        "Kommunen tar med sträckan i förslaget till investeringsbudget. Gruppen får besked före sommaren.",
    ),
    "Badplatsens brygga behöver lagas": (
        "Bryggan har lösa brädor och stegen är trasig. Fritidschefen tar med sig frågan.",
        "Bryggan lagas före badsäsongen.",
    ),
    "Nästa möte": ("Förslag på höstmöte i bygdegården.", "Samordnaren skickar förslag på datum."),
    "Mötet avslutas": ("", "Samordnaren tackade för ett bra möte."),
}

ISSUES = [
    ("Belysning längs gång- och cykelvägen", "gatu-och-trafikfragor", None, Issue.Status.REFERRED_TO_BUDGET),
    ("Laga bryggan vid badplatsen", "friluftsliv-och-fritidsanlaggningar", None, Issue.Status.ANSWERED),
    ("Skyltning till bygdegården", "gatu-och-trafikfragor", None, Issue.Status.IN_PROGRESS),
    ("Lekplats vid skolan", "park-och-skotselfragor", None, Issue.Status.OPEN),
    ("Busshållplatsens väderskydd", None, "samhallsbyggnadsutskottet", Issue.Status.REFERRED_TO_COMMITTEE),
    ("Städdag i parken", "park-och-skotselfragor", None, Issue.Status.CLOSED),
]


def _write(minutes, coordinator):
    texts = {item.pk: NOTES.get(item.title, ("Diskussion i gruppen.", "")) for item in minutes.items.all()}
    return services.minutes_save(minutes=minutes, texts=texts, by=coordinator)


def _issues(meeting, coordinator, officials, rows):
    items = list(meeting.items.filter(standing=False)) or list(meeting.items.all())
    for index, (title, department, committee, status) in enumerate(rows):
        issue = issue_services.issue_create(
            group=meeting.group,
            title=title,
            by=coordinator,
            description="Togs upp vid mötet.",
            meeting=meeting,
            agenda_item=items[index % len(items)],
            department=Department.objects.filter(slug=department).first() if department else None,
            committee=Committee.objects.filter(slug=committee).first() if committee else None,
        )
        if status == Issue.Status.ANSWERED:
            issue_services.issue_update_add(
                issue=issue, text="Bryggan lagas i maj.", new_status="answered", by=coordinator
            )
        elif status != Issue.Status.OPEN:
            issue_services.issue_change_status(issue=issue, status=status, by=coordinator)


def _send(minutes, coordinator, officials):
    period = current_main_contact(minutes.meeting.group)
    signers = [period.membership.person] if period else []
    return services.minutes_send_for_review(
        minutes=minutes, reviewers=officials[:2], signers=signers, by=coordinator
    )


def _approve_all(minutes):
    for review in MinutesReview.objects.current().filter(minutes=minutes):
        services.minutes_review_decide(review=review, reviewer=review.reviewer, approve=True)
    for sign_off in SignOff.objects.current().filter(minutes=minutes):
        services.sign_off_decide(sign_off=sign_off, person=sign_off.person, confirm=True)


def _released(meeting, coordinator, officials):
    minutes = _write(services.minutes_start(meeting=meeting, by=coordinator), coordinator)
    _send(minutes, coordinator, officials)
    minutes.refresh_from_db()
    _approve_all(minutes)
    services.minutes_release(minutes=minutes, by=coordinator)
    minutes.refresh_from_db()
    return minutes


def seed_minutes(coordinator, officials) -> None:
    # Meetings with an agenda: the last full year of the report's demo (reports.demo) has
    # held meetings without one, which take no minutes.
    held = (
        Meeting.objects.filter(status=Meeting.Status.HELD, minutes__isnull=True, items__isnull=False)
        .distinct()
        .select_related("group__area")
    )
    for meeting in held.order_by("starts_at"):
        slug = meeting.group.area.slug
        if meeting.title == "Årsmöte med kommunen":
            _issues(meeting, coordinator, officials, ISSUES[:3] if slug != "lagan" else ISSUES[3:])
        if slug in {"agunnaryd", "bolmens-ostra-strand"} or (
            slug == "ryssby" and meeting.title == "Årsmöte med kommunen"
        ):
            _released(meeting, coordinator, officials)
        elif slug == "hamneda":
            minutes = _released(meeting, coordinator, officials)
            services.minutes_start_correction(
                minutes=minutes,
                reason="Rättat namnet på en deltagare och förtydligat beslutet om bryggan.",
                by=coordinator,
            )
            item = minutes.items.exclude(agreed="").first()
            services.minutes_save(
                minutes=minutes,
                texts={item.pk: (item.notes, item.agreed + " Fritidschefen ansvarar.")},
                by=coordinator,
            )
            _send(minutes, coordinator, officials)
            minutes.refresh_from_db()
            _approve_all(minutes)
            services.minutes_release(minutes=minutes, by=coordinator)
        elif slug == "lagan" or slug == "ryssby":
            minutes = _write(services.minutes_start(meeting=meeting, by=coordinator), coordinator)
            _send(minutes, coordinator, officials)
            minutes.refresh_from_db()
            review = MinutesReview.objects.filter(minutes=minutes).first()
            services.minutes_review_decide(
                review=review,
                reviewer=review.reviewer,
                approve=False,
                comment="Skriv ut vem som ansvarar för uppföljningen.",
                item_comments={minutes.items.first().pk: "Namnet på föreningen är felstavat."},
            )
        else:
            _write(services.minutes_start(meeting=meeting, by=coordinator), coordinator)
